"""Character, paragraph and language-tag normalisation shared by every extractor.

Whatever the source (an HTML page, a JSONL record, a plain-text file), body text leaves extraction in
one shape: NFC, plain ASCII hyphens and spaces where publishers use typographic look-alikes, no
invisible characters, no text a database would reject, and paragraphs separated by one blank line.
Entity matching and deduplication downstream rely on that shape.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise_characters", "normalise_language_tag", "normalise_one_line", "normalise_paragraphs"]

# Look-alikes that break matching ("Jean‑Luc" with U+2011 must match "Jean-Luc"). En and em dashes are
# real punctuation in news text and are kept.
_TRANSLATE = {
    0x2010: "-",  # hyphen
    0x2011: "-",  # non-breaking hyphen
    0x00A0: " ",  # no-break space
    0x202F: " ",  # narrow no-break space (French typography)
    0x2007: " ",  # figure space
    0x2212: "-",  # minus sign, used as a hyphen by some CMSs
    0x1680: " ",  # ogham space mark
    0x205F: " ",  # medium mathematical space
    0x3000: " ",  # ideographic space
    **{code: " " for code in range(0x2000, 0x200B) if code != 0x2007},  # en/em/thin/hair spaces
    0x200C: None,  # zero-width non-joiner
    0x200D: None,  # zero-width joiner
    0x2060: None,  # word joiner
    0x00AD: None,  # soft hyphen: invisible, splits words for search
    0x200B: None,  # zero-width space
    0xFEFF: None,  # byte-order mark / zero-width no-break space
    0x2028: "\n",  # line separator
    0x2029: "\n\n",  # paragraph separator
}
# C0/C1 controls other than tab and newline; DuckDB and most tools reject or mangle them.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Lone surrogates come from JSON like "\ud800"; they cannot be encoded as UTF-8 and fail a whole insert.
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_SPACES = re.compile(r"[ \t]+")
# BCP 47 primary subtag, optionally followed by region/script subtags ("de", "en-GB", "pt_BR", "zh-Hant").
_LANGUAGE_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")
_NOT_A_LANGUAGE = frozenset({"und", "mul", "zxx", "mis"})  # ISO 639 special codes: undetermined etc.


def normalise_characters(text: str) -> str:
    """Return ``text`` with characters normalised, line structure untouched.

    Applies NFC; maps U+2010/U+2011 hyphens to ``-`` and no-break spaces to a plain space; drops soft
    hyphens, zero-width spaces and BOMs; turns CRLF/CR into ``\\n``; replaces lone surrogates with
    U+FFFD and removes other control characters (tab and newline are kept).
    """
    text = _SURROGATES.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)
    text = text.translate(_TRANSLATE)
    return unicodedata.normalize("NFC", text)


def normalise_paragraphs(text: str, *, lines_are_paragraphs: bool) -> str:
    """Return ``text`` as paragraphs separated by exactly one blank line.

    Runs of spaces and tabs collapse to one space and every paragraph is stripped. With
    ``lines_are_paragraphs`` (extractor output such as trafilatura's, one block per line) each non-empty
    line is a paragraph. Otherwise blank lines delimit paragraphs and single line breaks inside a
    paragraph (hard-wrapped text) become spaces. Call :func:`normalise_characters` first.
    """
    if lines_are_paragraphs:
        blocks = text.split("\n")
    else:
        blocks = [block.replace("\n", " ") for block in _BLANK_LINES.split(text)]
    paragraphs = (_SPACES.sub(" ", block).strip() for block in blocks)
    return "\n\n".join(p for p in paragraphs if p)


def normalise_language_tag(tag: str) -> str | None:
    """Return the lower-case primary language subtag of ``tag`` (``"en-GB"`` -> ``"en"``), or ``None``.

    Pages and records declare languages loosely (``de-DE``, ``en_US``, ``DE``); coverage is counted per
    language, so only the primary subtag is kept. Anything that is not a language tag gives ``None``.
    """
    match = _LANGUAGE_TAG.fullmatch(tag.strip())
    if match is None or match[1].lower() in _NOT_A_LANGUAGE:
        return None
    return match[1].lower()


def normalise_one_line(value: object) -> str | None:
    """A metadata value (title, author, outlet ...) as one line, characters normalised like body text;
    ``None`` when it is not a string or holds nothing but whitespace."""
    if not isinstance(value, str):
        return None
    return " ".join(normalise_characters(value).split()) or None
