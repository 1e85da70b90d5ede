"""Shingles: a text as the set of its hashed word 5-grams, what near-duplicate grouping compares."""

from __future__ import annotations

import re
import zlib

import numpy as np

__all__ = ["SHINGLE_WORDS", "shingle_array", "shingles"]

_WORD = re.compile(r"\w+")
SHINGLE_WORDS = 5


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[int]:
    """Hashes of every run of ``size`` consecutive words (case-folded); stable across processes."""
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[i : i + size]).encode()) for i in range(len(words) - size + 1)}


def shingle_array(text: str) -> bytes:
    """:func:`shingles` as a sorted array of unsigned 32-bit integers (little-endian bytes).

    Computed once per article where the article is analysed, stored in staging, and read back as
    one compact block per article when the clusters are rebuilt.
    """
    return np.array(sorted(shingles(text)), dtype="<u4").tobytes()
