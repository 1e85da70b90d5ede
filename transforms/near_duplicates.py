"""Grouping near-duplicate texts: syndicated wire copy and light rewrites of one story.

Each text becomes a set of hashed word 5-grams (shingles); two texts whose shingle sets overlap
with a Jaccard similarity at or above the threshold are copies, and copies of copies join one
cluster. Shingles shared by very many texts (boilerplate) are ignored so the comparison stays
near-linear in the number of texts.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["ClusterMember", "cluster_near_duplicates", "shingles"]

_WORD = re.compile(r"\w+")
SHINGLE_WORDS = 5
DEFAULT_THRESHOLD = 0.5
_MAX_SHINGLE_DOCS = 50  # a shingle in more texts than this is furniture, not shared copy


@dataclass(frozen=True)
class ClusterMember:
    """An article's cluster: ``cluster_id`` is the smallest article id in it; ``similarity`` is the
    highest Jaccard similarity to another member (``None`` for an article with no copy)."""

    article_id: str
    cluster_id: str
    cluster_size: int
    similarity: float | None


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[int]:
    """Hashes of every run of ``size`` consecutive words (case-folded); stable across processes."""
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[i : i + size]).encode()) for i in range(len(words) - size + 1)}


def _find(parent: dict[str, str], item: str) -> str:
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def cluster_near_duplicates(
    texts: Iterable[tuple[str, str]], threshold: float = DEFAULT_THRESHOLD
) -> list[ClusterMember]:
    """Cluster (article_id, text) pairs; every article appears once in the result, sorted by id."""
    sets = {article_id: shingles(text) for article_id, text in texts}
    index: dict[int, list[str]] = defaultdict(list)
    for article_id, hashes in sets.items():
        for value in hashes:
            index[value].append(article_id)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for holders in index.values():
        if 1 < len(holders) <= _MAX_SHINGLE_DOCS:
            ordered = sorted(holders)
            for i, left in enumerate(ordered):
                for right in ordered[i + 1 :]:
                    shared[(left, right)] += 1
    parent = {article_id: article_id for article_id in sets}
    best: dict[str, float] = {}
    for (left, right), common in shared.items():
        similarity = common / (len(sets[left]) + len(sets[right]) - common)
        if similarity >= threshold:
            parent[_find(parent, left)] = _find(parent, right)
            best[left] = max(best.get(left, 0.0), similarity)
            best[right] = max(best.get(right, 0.0), similarity)
    groups: dict[str, list[str]] = defaultdict(list)
    for article_id in sets:
        groups[_find(parent, article_id)].append(article_id)
    members = []
    for group in groups.values():
        cluster_id = min(group)
        members.extend(
            ClusterMember(a, cluster_id, len(group), round(best[a], 4) if a in best else None) for a in group
        )
    return sorted(members, key=lambda m: m.article_id)
