"""Grouping near-duplicate texts: syndicated wire copy and light rewrites of one story.

Each text becomes a set of hashed word 5-grams (shingles); two texts whose shingle sets overlap
with a Jaccard similarity at or above the threshold are copies, and copies of copies join one
cluster. Shingles shared by very many texts (boilerplate) are ignored so the comparison stays
near-linear in the number of texts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from transforms.text.shingles import shingle_array

__all__ = ["ClusterMember", "cluster_near_duplicates", "cluster_shingle_arrays"]

DEFAULT_THRESHOLD = 0.5
_MAX_SHINGLE_DOCS = 50  # a shingle in more texts than this is furniture, not shared copy
_PAIRS_PER_CHUNK = 2_000_000  # article pairs counted at once (bounds the memory of one step)


@dataclass(frozen=True)
class ClusterMember:
    """An article's cluster: ``cluster_id`` is the smallest article id in it; ``similarity`` is the
    highest Jaccard similarity to another member (``None`` for an article with no copy)."""

    article_id: str
    cluster_id: str
    cluster_size: int
    similarity: float | None


def _find(parent: dict[str, str], item: str) -> str:
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def cluster_near_duplicates(
    texts: Iterable[tuple[str, str]], threshold: float = DEFAULT_THRESHOLD
) -> list[ClusterMember]:
    """Cluster (article_id, text) pairs; every article appears once in the result, sorted by id."""
    return cluster_shingle_arrays(
        [(article_id, shingle_array(text)) for article_id, text in texts], threshold
    )


def cluster_shingle_arrays(
    arrays: Iterable[tuple[str, bytes]], threshold: float = DEFAULT_THRESHOLD
) -> list[ClusterMember]:
    """Cluster articles given their :func:`shingle_array`; same result as :func:`cluster_near_duplicates`.

    Vectorised: every (shingle, article) pair sits in two flat arrays, sorted by shingle; each run of
    a shingle held by 2 to ``_MAX_SHINGLE_DOCS`` articles adds one to the shared count of every pair
    of them. Memory follows the total number of shingles, never the square of the articles.
    """
    items = sorted(arrays)
    ids = [article_id for article_id, _ in items]
    shingle_sets = [np.frombuffer(blob, dtype="<u4") for _, blob in items]
    sizes = np.array([len(a) for a in shingle_sets], dtype=np.int64)
    pairs, common = _shared_counts(shingle_sets)
    parent = {article_id: article_id for article_id in ids}
    best: dict[str, float] = {}
    if len(pairs):
        left, right = pairs // len(ids), pairs % len(ids)
        similarity = common / (sizes[left] + sizes[right] - common)
        for i, j, value in zip(left.tolist(), right.tolist(), similarity.tolist(), strict=True):
            if value >= threshold:
                a, b = ids[i], ids[j]
                parent[_find(parent, a)] = _find(parent, b)
                best[a] = max(best.get(a, 0.0), value)
                best[b] = max(best.get(b, 0.0), value)
    groups: dict[str, list[str]] = defaultdict(list)
    for article_id in ids:
        groups[_find(parent, article_id)].append(article_id)
    members: list[ClusterMember] = []
    for group in groups.values():
        cluster_id = min(group)
        members.extend(
            ClusterMember(a, cluster_id, len(group), round(best[a], 4) if a in best else None) for a in group
        )
    return sorted(members, key=lambda m: m.article_id)


def _shared_counts(shingle_sets: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(pair codes ``i * n + j`` with i < j, shared shingle counts) over shingles held by at most
    ``_MAX_SHINGLE_DOCS`` articles (more is furniture, not shared copy)."""
    n = len(shingle_sets)
    if n < 2:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    values = np.concatenate(shingle_sets) if shingle_sets else np.empty(0, "<u4")
    docs = np.repeat(np.arange(n, dtype=np.int64), [len(a) for a in shingle_sets])
    order = np.lexsort((docs, values))
    values, docs = values[order], docs[order]
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    lengths = np.diff(np.r_[starts, len(values)])
    codes: list[np.ndarray] = []
    for length in np.unique(lengths[(lengths > 1) & (lengths <= _MAX_SHINGLE_DOCS)]).tolist():
        runs = starts[lengths == length]
        members = docs[runs[:, None] + np.arange(length)]  # one row per shingle, its articles ascending
        a, b = np.triu_indices(length, 1)
        for chunk in range(0, len(members), max(1, _PAIRS_PER_CHUNK // len(a))):
            block = members[chunk : chunk + max(1, _PAIRS_PER_CHUNK // len(a))]
            codes.append(_counted(block[:, a] * n + block[:, b]))
    if not codes:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return _merge_counts(codes)


def _counted(codes: np.ndarray) -> np.ndarray:
    """Distinct codes with their counts, packed as a 2 x k array."""
    unique, counts = np.unique(codes.ravel(), return_counts=True)
    return np.vstack([unique, counts])


def _merge_counts(blocks: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    stacked = np.hstack(blocks)
    unique, inverse = np.unique(stacked[0], return_inverse=True)
    return unique, np.bincount(inverse, weights=stacked[1]).astype(np.int64)
