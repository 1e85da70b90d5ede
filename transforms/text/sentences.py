"""Sentences: one splitter for every analysis that reads an article sentence by sentence."""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

# Lines, and bullets within a line, always end a sentence: headlines, list items and captions
# rarely carry final punctuation.
_BLOCK_RE = re.compile(r"[^\n•▪◦‣]+")
# Anchored at the start of a punctuation run and possessive, so a long run of dots stays linear.
_TERMINATOR_RE = re.compile(r"""(?<![.!?…])[.!?…]++["'”’»)\]]*+(?=\s)""")
_OPENERS = "\"'“‘«(["
_LEADING_JUNK = " \t\r\f\v-–—*•"
_ABBREVIATION_TEXT = """
    mr mrs ms dr prof gen sen rep gov lt col maj capt cmdr adm sgt st jr sr rev hon pres amb messrs
    inc ltd corp co bros dept univ est approx vs etc fig vol ed eds mt ft jan feb mar apr jun jul
    aug sep sept oct nov dec
"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "art", "p", "pp"})  # abbreviations only before a number
_DOTTED_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
# After a dotted abbreviation ("U.S.") only these words make the dot a sentence end.
_SENTENCE_STARTER_TEXT = """
    the a an he she it they we i you his her its their this that these those there but and so yet
    however meanwhile in on at for after before while when if as officials analysts
"""
_SENTENCE_STARTERS = frozenset(_SENTENCE_STARTER_TEXT.split())
_WORD_BEFORE_RE = re.compile(r"[^\s\"'“‘«(\[]+$")
_WORD_AFTER_RE = re.compile(r"[A-Za-z]+")


def _ends_sentence(text: str, punct_start: int, punct_end: int, block_end: int) -> bool:
    """Whether the terminator at ``text[punct_start:punct_end]`` closes a sentence."""
    nxt = punct_end
    while nxt < block_end and text[nxt].isspace():
        nxt += 1
    while nxt < block_end and text[nxt] in _OPENERS:
        nxt += 1
    if nxt >= block_end:
        return True
    if text[nxt].islower():
        return False  # "... in its own way", "U.S. officials", '"Why?" he asked'
    punct = text[punct_start:punct_end].rstrip("\"'”’»)]")
    if punct != ".":
        return True
    before = _WORD_BEFORE_RE.search(text, max(0, punct_start - 64), punct_start)
    word = before.group() if before else ""
    lowered = word.lower()
    if lowered in _ABBREVIATIONS:
        return False
    if lowered in _NUMBER_ABBREVIATIONS:
        return not text[nxt].isdigit()
    if _DOTTED_RE.fullmatch(word):
        after = _WORD_AFTER_RE.match(text, nxt)
        return after is not None and after.group().lower() in _SENTENCE_STARTERS
    # A lone capital is an initial ("Jay Y. Lee", "S. Korea").
    return not (len(word) == 1 and word.isupper())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences, as ``(start, end)`` character spans of ``text``.

    Spans are trimmed of surrounding whitespace and leading bullet marks; fragments without any
    letter are dropped. Line breaks and bullets always separate sentences; ``.``, ``!``,
    ``?`` and ``…`` (with any closing quotes) do unless the next word starts in lower case, or the
    dot ends an abbreviation ("Mr.", "Jan.", "No. 5", "U.S."), an initial, or sits in a number.
    """
    global _last_split
    last_text, last_spans = _last_split
    if text is last_text:  # the analysis of one article asks five times in a row
        return list(last_spans)
    spans = _split(text)
    _last_split = (text, tuple(spans))
    return spans


_last_split: tuple[str | None, tuple[tuple[int, int], ...]] = (None, ())


def _split(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for block in _BLOCK_RE.finditer(text):
        cut = block.start()
        for term in _TERMINATOR_RE.finditer(text, block.start(), block.end()):
            if _ends_sentence(text, term.start(), term.end(), block.end()):
                _add_span(text, cut, term.end(), spans)
                cut = term.end()
        _add_span(text, cut, block.end(), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and (text[start] in _LEADING_JUNK or text[start].isspace()):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if any(c.isalpha() for c in text[start:end]):  # drops bare citation marks like "[4]"
        spans.append((start, end))
