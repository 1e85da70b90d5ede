"""Counting words in any script.

Scripts written without spaces between words (Chinese, Japanese) would count a whole paragraph as
one "word" if split on whitespace; there each character counts as a word, which is close to how
their readers and typesetters measure length. Korean writes spaces between words and is split as usual.
"""

from __future__ import annotations

import re

__all__ = ["count_words"]

# Han ideographs (with extensions A and compatibility forms), hiragana, katakana, CJK punctuation excluded.
_UNSPACED = "\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(f"[{_UNSPACED}]|[^\\s{_UNSPACED}\u3000-\u303f\uff00-\uff0f]+")


def count_words(text: str) -> int:
    """Words in ``text``: whitespace-separated tokens, each Chinese or Japanese character counted as one."""
    return len(_WORD.findall(text))
