"""Folding and phrase matching: the text tools entity and topic matching share.

Matching works on a *folded* copy of the text (lower case, accents stripped, curly apostrophes and
Unicode hyphens made ASCII) cut into word tokens. A phrase matches a run of consecutive tokens whose
letters, concatenated, equal the phrase's letters: so "Lee Jae Myung", "Lee Jae-myung" and "Lee
Jaemyung" are one phrase, while "Leeds" never contains "Lee" because tokens are whole words.
:class:`PhraseMatcher` scans left to right, longest match first, never reusing a token.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from unidecode import unidecode

__all__ = [
    "FoldedText",
    "PhraseHit",
    "PhraseMatcher",
    "Tokens",
    "fold_text",
    "in_title_case_headline",
    "in_title_case_line",
    "mask_nicknames",
    "phrase_key",
    "tokenize",
]

# --- folding -----------------------------------------------------------------------------------

_APOSTROPHES = frozenset("\u2018\u2019\u201a\u201b\u02bc\u02bb\u2032\u00b4`")
_DOUBLE_QUOTES = frozenset("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033")
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")
_LINE_BREAKS = frozenset("\u2028\u2029\x85")
# Scripts written without spaces between words (Han, kana) or whose syllables NFKD would explode
# (Hangul): kept as they are and tokenised one character at a time, so names match as substrings.
_CJK = "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")
_TOKEN_RE = re.compile(f"[{_CJK}]|[^\\W_{_CJK}]+")
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    """Fold one non-ASCII character: the string that replaces it in the folded text."""
    if ch in _APOSTROPHES:
        return "'"
    if ch in _DOUBLE_QUOTES:
        return '"'
    if ch in _DASHES:
        return "-"
    if ch in _LINE_BREAKS:
        return "\n"
    category = unicodedata.category(ch)
    if category == "Zs":
        return " "
    if category in ("Mn", "Me", "Cf"):
        # Combining accents, soft hyphens and zero-width characters are invisible inside a word.
        return ""
    if _CJK_RE.match(ch):
        return ch
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).casefold()
    if not base.isascii() and "LATIN" in unicodedata.name(ch, ""):
        # Letters NFKD cannot split (ø, ł, đ, æ) still have an obvious ASCII spelling.
        return unidecode(ch).lower() or base
    return base


@dataclass(frozen=True)
class FoldedText:
    """Text folded for matching, with the map back to the original's character offsets.

    ``offsets[i]`` is the original index of folded character ``i`` (``None`` when folding kept
    every character in place, the common case).
    """

    source: str
    folded: str
    offsets: tuple[int, ...] | None = None

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span to the span of the original text that produced it."""
        if self.offsets is None:
            return start, end
        s = self.offsets[start]
        e = self.offsets[end - 1] + 1 if end > start else s
        # A dropped combining accent after the last letter still belongs to the word.
        while e < len(self.source) and unicodedata.combining(self.source[e]):
            e += 1
        return s, e


def fold_text(text: str) -> FoldedText:
    """Fold ``text`` for matching: lower case, no accents, ASCII apostrophes, hyphens and spaces."""
    table: dict[int, str | int] = dict(_ASCII_LOWER)
    if text.isascii():
        return FoldedText(text, text.translate(table))
    mapping = {c: _fold_char(c) for c in set(text) if not c.isascii()}
    table.update({ord(c): v for c, v in mapping.items()})
    uneven = "".join(c for c, v in mapping.items() if len(v) != 1)
    if not uneven:
        return FoldedText(text, text.translate(table))
    # Some characters fold to zero or several characters: keep an offset per folded character.
    pieces: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in re.finditer(f"[{re.escape(uneven)}]", text):
        pieces.append(text[pos : m.start()].translate(table))
        offsets.extend(range(pos, m.start()))
        replacement = mapping[m.group()]
        pieces.append(replacement)
        offsets.extend([m.start()] * len(replacement))
        pos = m.end()
    pieces.append(text[pos:].translate(table))
    offsets.extend(range(pos, len(text)))
    return FoldedText(text, "".join(pieces), tuple(offsets))


@dataclass(frozen=True)
class Tokens:
    """Word tokens of a folded text: their folded strings and folded spans."""

    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]


def tokenize(folded: FoldedText) -> Tokens:
    """Cut folded text into alphanumeric runs (one token per CJK character)."""
    matches = list(_TOKEN_RE.finditer(folded.folded))
    return Tokens(
        tuple(m.group() for m in matches), tuple(m.start() for m in matches), tuple(m.end() for m in matches)
    )


def phrase_key(phrase: str) -> str:
    """The letters a phrase must spell, whatever joins its parts ("Lee Jae-myung" -> "leejaemyung")."""
    return "".join(tokenize(fold_text(phrase)).words)


def _case_letters(text: str) -> str:
    """Alphanumerics of ``text`` with accents stripped but case kept (for acronym checks)."""
    return "".join(
        c
        for ch in text
        for c in (ch if ch.isascii() else unicodedata.normalize("NFKD", ch))
        if c.isalnum() and not unicodedata.combining(c)
    )


_MASKED_GAP = 40
_NICKNAME_RE = re.compile(r"(?<= )[\"“‘'][A-Z][\w.-]{0,20}(?: [A-Z][\w.-]{0,20})?[\"”’'] (?=[A-Z])")


def mask_nicknames(text: str) -> str:
    """``text`` with nicknames inside names blanked out, offsets unchanged: Mayor Rodolfo "Dodong"
    Villaruel is matched as Rodolfo Villaruel. Only a quoted one or two capitalised words between a
    capitalised word and another count."""

    def blank(match: re.Match[str]) -> str:
        before = text[max(0, match.start() - 25) : match.start()].split()
        return " " * len(match.group()) if before and before[-1][:1].isupper() else match.group()

    return _NICKNAME_RE.sub(blank, text) if '"' in text or "“" in text or "'" in text or "‘" in text else text


def _gap_joins(gap: str, previous_word: str) -> bool:
    """Whether the characters between two tokens may join parts of one name or phrase.

    Spaces and hyphens always may (at most three characters, one line break for wrapped text). A
    dot may only after a single letter ("U.S.", "S. Korea"), so "... the north. Korea ..." stays two
    phrases; an apostrophe only on its own ("People's") or after a plural ("Pilots' Association").
    """
    if gap in (" ", "-", ""):
        return True
    if len(gap) <= _MASKED_GAP and not gap.strip(" "):
        return True  # spaces only: a nickname masked out of a name (see mask_nicknames)
    if len(gap) > 3 or gap.count("\n") > 1:
        return False
    if "." in gap and (len(previous_word) != 1 or gap.count(".") > 1):
        return False
    if "'" in gap and gap != "'" and not (gap == "' " and previous_word.endswith("s")):
        return False
    return all(c in " \t\r\n-.'" for c in gap)


_LINE_WINDOW = 200  # a "line" is looked at only this far either side: keeps checks O(1) on huge lines
_HEADLINE_MAX = 160  # longer lines are body text, whatever their capitals


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    # Window edges snap to a grid so nearby positions share bounds (and _is_shouting's memo).
    base = pos - pos % 100
    low, high = max(0, base - _LINE_WINDOW), min(len(text), base + 100 + _LINE_WINDOW)
    start = text.rfind("\n", low, pos)
    end = text.find("\n", pos, high)
    return (low if start < 0 else start + 1), (high if end < 0 else end)


_LOWER_RE = re.compile(r"[a-z]")
_WORD_RE = re.compile(r"[^\W\d_][\w'’]*")
_CAPS_RUN_RE = re.compile(r"(?:[A-Z]{2,}[^A-Za-z\n]+){3}[A-Z]{2,}")  # four capitalised words in a row


def _is_shouting(text: str, pos: int, memo: dict[tuple[int, int], bool]) -> bool:
    """The line holding ``pos`` is written in capitals (a headline, a wire slug)."""
    bounds = _line_bounds(text, pos)
    if bounds not in memo:
        line = text[bounds[0] : bounds[1]]
        memo[bounds] = not _LOWER_RE.search(line) and _CAPS_RUN_RE.search(line) is not None
    return memo[bounds]


def in_title_case_headline(text: str, pos: int) -> bool:
    """Whether ``pos`` sits on a headline-short line that capitalises nearly all its longer words and
    does not end like a sentence."""
    start, end = _line_bounds(text, pos)
    if end - start > _HEADLINE_MAX or text[start:end].rstrip().endswith("."):
        return False
    long_words = [w for w in _WORD_RE.findall(text, start, end) if len(w) >= 4]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words)


def in_title_case_line(text: str, pos: int) -> bool:
    """Whether ``pos`` sits in headline-style Title Case: its line (if headline-short) capitalises
    nearly all longer words, or the next few words do (a heading run into its paragraph)."""
    if in_title_case_headline(text, pos):
        return True
    _, end = _line_bounds(text, pos)
    following = [w for w in _WORD_RE.findall(text, pos, min(end, pos + 80))[1:5] if len(w) >= 4]
    return len(following) >= 2 and all(w[0].isupper() for w in following)


# --- phrase matching ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    payload: object
    acronym: str | None  # the acronym's letters when case must match, else None
    suffix: str  # plural ending this table key adds to the phrase ("" for the phrase itself)
    capitalised: bool  # the surface must start with a capital letter


@dataclass(frozen=True)
class PhraseHit:
    """One match: token range, original-text span and surface, and the payloads that matched."""

    first: int
    last: int
    start: int
    end: int
    surface: str
    payloads: tuple[object, ...]


class PhraseMatcher:
    """Longest-match, non-overlapping phrase finder over folded tokens; build once, scan many texts."""

    def __init__(self, phrases: Iterable[tuple[str, object, bool]], plurals: bool = False) -> None:
        """Index ``(phrase, payload, capitalised)`` triples; ``plurals`` also accepts -s/-es/-ies."""
        self._table: dict[str, list[_Entry]] = {}
        # Words a phrase itself abbreviates with a full stop ("Sta. Ana", "Ft. Myers"): after them a
        # dot may join the next part, which a dot elsewhere never does ("... the north. Korea ...").
        self._dotted: set[str] = set()
        for phrase, payload, capitalised in phrases:
            key = phrase_key(phrase)
            if not key:
                continue
            folded_phrase = fold_text(phrase)
            for token in _TOKEN_RE.finditer(folded_phrase.folded):
                if folded_phrase.folded[token.end() : token.end() + 1] == ".":
                    self._dotted.add(token.group())
            letters = _case_letters(phrase)
            cased = [c for c in letters if c.lower() != c.upper()]
            is_acronym = len(cased) >= 2 and all(c.isupper() for c in cased)
            acronym = letters if is_acronym else None
            forms = [(key, "")]
            if plurals:
                forms.append((key + "s", "s"))
                if not is_acronym:
                    forms.append((key + "es", "es"))
                    if key.endswith("y"):
                        forms.append((key[:-1] + "ies", "ies"))
            for form, suffix in forms:
                entries = self._table.setdefault(form, [])
                if not any(e.payload == payload for e in entries):
                    entries.append(_Entry(payload, acronym, suffix, capitalised))
        self._prefixes = {key[:i] for key in self._table for i in range(1, len(key) + 1)}

    def scan(self, folded: FoldedText, tokens: Tokens) -> list[PhraseHit]:
        """Find phrases left to right; at each token the longest acceptable phrase wins."""
        words, starts, ends, text = tokens.words, tokens.starts, tokens.ends, folded.folded
        table, prefixes, dotted = self._table, self._prefixes, self._dotted
        hits: list[PhraseHit] = []
        shouting: dict[tuple[int, int], bool] = {}
        n, i = len(words), 0
        while i < n:
            key = words[i]
            if key not in prefixes or (i and starts[i] - ends[i - 1] == 1 and text[ends[i - 1]] == "'"):
                # The "s" of "Lee's Korea policy" is a clitic, not the initial of "S. Korea".
                i += 1
                continue
            candidates: list[tuple[int, list[_Entry]]] = []
            j = i
            while True:
                if key in table:
                    candidates.append((j, table[key]))
                if j + 1 >= n:
                    break
                gap = text[ends[j] : starts[j + 1]]
                if (
                    gap != " "
                    and not _gap_joins(gap, words[j])
                    and not (gap in (". ", ".") and words[j] in dotted)
                ):
                    break
                key += words[j + 1]
                if key not in prefixes:
                    break
                j += 1
            hit = None
            for last, entries in reversed(candidates):
                hit = self._accept(folded, starts[i], ends[last], i, last, entries, shouting)
                if hit is not None:
                    break
            if hit is None:
                i += 1
            else:
                hits.append(hit)
                i = hit.last + 1
        return hits

    @staticmethod
    def _accept(
        folded: FoldedText,
        fstart: int,
        fend: int,
        first: int,
        last: int,
        entries: list[_Entry],
        shouting: dict[tuple[int, int], bool],
    ) -> PhraseHit | None:
        source = folded.source
        start, end = folded.to_source(fstart, fend)
        surface = source[start:end]
        letters: str | None = None
        accepted = []
        for entry in entries:
            if entry.capitalised and surface[:1].lower() != surface[:1].upper() and not surface[0].isupper():
                continue
            if entry.acronym is not None:
                letters = _case_letters(surface) if letters is None else letters
                body = letters[: len(letters) - len(entry.suffix)]
                short_ok = body == entry.acronym
                title_ok = len(entry.acronym) >= 4 and body == entry.acronym.capitalize()
                if not (short_ok or title_ok):
                    continue
                if len(entry.acronym) <= 2 and _is_shouting(source, start, shouting):
                    continue
            accepted.append(entry.payload)
        if not accepted:
            return None
        if "." in surface and end < len(source) and source[end] == "." and len(surface.split(".")[-1]) == 1:
            end += 1  # keep the closing dot of "U.S." in the surface
            surface = source[start:end]
        return PhraseHit(first, last, start, end, surface, tuple(accepted))
