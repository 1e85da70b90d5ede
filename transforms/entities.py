"""Entity mentions: where an article names the event profile's entities, however the press spells them.

Matching works on a *folded* copy of the text (lower case, accents stripped, curly apostrophes and
Unicode hyphens made ASCII) cut into word tokens. A profile phrase matches a run of consecutive tokens
whose letters, concatenated, equal the phrase's letters: so "Lee Jae Myung", "Lee Jae-myung",
"Lee Jae‑myung" (U+2011) and "Lee Jaemyung" are one variant, while "Leeds" never contains "Lee"
because tokens are whole words. Scanning is left to right, longest match first, and a matched token
is never reused, so "North Korea" is not also "Korea" and an alias inside a full name never double
counts. The same engine (:class:`PhraseMatcher`) scores topic keywords in :mod:`transforms.topics`.

Rules worth knowing (all general, none tuned to particular articles):

* Acronyms (all-capital variants such as "US", "ROK", "APEC") match case-sensitively, with or without
  dots ("U.S."), so "us" and "Rok" are not countries; four letters or more also accept title case
  ("Apec", "Thaad") as some house styles write them. Two-letter acronyms are ignored on lines written
  entirely in capitals (a shouted headline's "US" may be the pronoun).
* Context aliases (bare surnames like "Lee") must be capitalised and only count in an article that
  names the same entity by a full variant. An alias followed by another capitalised name ("Lee
  Jun-seok", "Kim Jong Il") is a different person and is dropped, unless the whole name is a close
  spelling of one of the entity's variants (fuzzy ratio >= 88, e.g. an unlisted "Lee Jae-myoung"),
  in which case it counts as a full mention. Title-case headlines ("Lee Meets Xi In Beijing") are
  exempt from the different-person test.
* An alias shared by several entities that are all named in full goes to the entity whose full
  mention most closely precedes it; if none precedes it, it is dropped as ambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from unidecode import unidecode

from transforms.profile import EventProfile

__all__ = [
    "EntityMatcher",
    "EntityMention",
    "EntitySpan",
    "FoldedText",
    "PhraseHit",
    "PhraseMatcher",
    "Tokens",
    "entity_matcher",
    "entity_spans",
    "find_entity_mentions",
    "fold_text",
    "is_relevant",
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


def _gap_joins(gap: str, previous_word: str) -> bool:
    """Whether the characters between two tokens may join parts of one name or phrase.

    Spaces and hyphens always may (at most three characters, one line break for wrapped text). A
    dot may only after a single letter ("U.S.", "S. Korea"), so "... the north. Korea ..." stays two
    phrases; an apostrophe only on its own ("People's").
    """
    if gap in (" ", "-", ""):
        return True
    if len(gap) > 3 or gap.count("\n") > 1:
        return False
    if "." in gap and (len(previous_word) != 1 or gap.count(".") > 1):
        return False
    if "'" in gap and gap != "'":
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


def _is_title_case(text: str, pos: int) -> bool:
    """Whether ``pos`` sits in headline-style Title Case: its line (if headline-short) capitalises
    nearly all longer words, or the next few words do (a heading run into its paragraph)."""
    start, end = _line_bounds(text, pos)
    if end - start <= _HEADLINE_MAX:
        long_words = [w for w in _WORD_RE.findall(text, start, end) if len(w) >= 4]
        if len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words):
            return True
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
        for phrase, payload, capitalised in phrases:
            key = phrase_key(phrase)
            if not key:
                continue
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
        table, prefixes = self._table, self._prefixes
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
                if gap != " " and not _gap_joins(gap, words[j]):
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


# --- entity mentions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EntityMention:
    """How often one entity appears in an article under one surface form (exactly as written)."""

    entity_id: str
    variant: str
    count: int
    first_offset: int


@dataclass(frozen=True)
class EntitySpan:
    """One mention of an entity: its character span in the original text and the surface written there."""

    entity_id: str
    start: int
    end: int
    surface: str


_CALENDAR_TEXT = """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december
"""
_CALENDAR_WORDS = frozenset(_CALENDAR_TEXT.split())
_FUZZY_MIN_RATIO = 88.0
_FUZZY_MAX_EXTRA_TOKENS = 3


class EntityMatcher:
    """An event profile's entities compiled for matching (see :func:`entity_matcher`)."""

    def __init__(self, profile: EventProfile) -> None:
        """Compile every variant and context alias of ``profile`` into one phrase index."""
        self.profile = profile
        phrases: list[tuple[str, object, bool]] = []
        self._variant_keys: list[tuple[str, ...]] = []
        for index, entity in enumerate(profile.entities):
            phrases.extend((variant, (index, False), False) for variant in entity.variants)
            phrases.extend((alias, (index, True), True) for alias in entity.context_aliases)
            self._variant_keys.append(tuple({phrase_key(v) for v in entity.variants} - {""}))
        self._phrases = PhraseMatcher(phrases)
        self._last: tuple[str | None, tuple[tuple[int, int, str], ...]] = (None, ())
        self._fuzzy_memo: dict[tuple[str, tuple[int, ...]], tuple[float, int] | None] = {}

    def find(self, text: str) -> list[EntityMention]:
        """Mentions in ``text``, one per (entity, surface form), ordered by first occurrence."""
        return self._aggregate(self._resolve(text))

    def spans(self, text: str) -> list[EntitySpan]:
        """Every single mention in ``text`` (same rules as :meth:`find`), ordered by offset."""
        entities = self.profile.entities
        return [
            EntitySpan(entities[index].id, offset, offset + len(surface), surface)
            for index, offset, surface in sorted(self._resolve(text), key=lambda r: r[1])
        ]

    def _resolve(self, text: str) -> list[tuple[int, int, str]]:
        """(entity index, offset, surface) of every accepted mention, aliases resolved."""
        last_text, last_found = self._last
        if text is last_text:  # one article's analysis asks up to three times in a row
            return list(last_found)
        found = self._resolve_anew(text)
        self._last = (text, tuple(found))
        return found

    def _resolve_anew(self, text: str) -> list[tuple[int, int, str]]:
        folded = fold_text(text)
        tokens = tokenize(folded)
        hits = self._phrases.scan(folded, tokens)
        hit_firsts = {hit.first for hit in hits}
        full: list[tuple[int, int, str]] = []  # (entity index, offset, surface)
        aliases: list[tuple[PhraseHit, list[int]]] = []
        for hit in hits:
            named = [index for index, is_alias in hit.payloads if not is_alias]
            if named:
                # Profile order settles the (tested-against) case of two entities sharing a variant.
                full.append((named[0], hit.start, hit.surface))
                continue
            owners = [index for index, _ in hit.payloads]
            fuzzy = self._fuzzy_full_name(folded, tokens, hit, owners)
            if fuzzy is not None:
                full.append(fuzzy)
            elif not self._names_someone_else(folded, tokens, hit, hit_firsts):
                aliases.append((hit, owners))

        positions: dict[int, list[int]] = {}
        for index, offset, _ in full:
            positions.setdefault(index, []).append(offset)
        resolved = list(full)
        for hit, owners in aliases:
            index = _resolve_alias(hit.start, owners, positions)
            if index is not None:
                resolved.append((index, hit.start, hit.surface))
        return resolved

    def _fuzzy_full_name(
        self, folded: FoldedText, tokens: Tokens, hit: PhraseHit, owners: Sequence[int]
    ) -> tuple[int, int, str] | None:
        """An alias plus the next few name parts that closely spell one of its owners' variants."""
        key = "".join(tokens.words[hit.first : hit.last + 1])
        best: tuple[float, int, int] | None = None  # (ratio, entity index, last token)
        j = hit.last
        for _ in range(_FUZZY_MAX_EXTRA_TOKENS):
            if j + 1 >= len(tokens.words):
                break
            gap = folded.folded[tokens.ends[j] : tokens.starts[j + 1]]
            if gap not in (" ", "-"):
                break
            j += 1
            key += tokens.words[j]
            scored = self._closest_variant(key, owners)
            if scored is not None and (best is None or scored[0] > best[0]):
                best = (scored[0], scored[1], j)
        if best is None:
            return None
        start, end = folded.to_source(tokens.starts[hit.first], tokens.ends[best[2]])
        return best[1], start, folded.source[start:end]

    def _closest_variant(self, key: str, owners: Sequence[int]) -> tuple[float, int] | None:
        """Best (ratio, entity) among the owners' variants at or above the fuzzy threshold; memoised
        because the same alias-plus-name recurs throughout an article and across articles."""
        memo_key = (key, tuple(owners))
        if memo_key in self._fuzzy_memo:
            return self._fuzzy_memo[memo_key]
        best: tuple[float, int] | None = None
        for index in owners:
            for variant_key in self._variant_keys[index]:
                if abs(len(variant_key) - len(key)) > len(variant_key) // 4:
                    continue  # too different in length to reach the threshold
                ratio = fuzz.ratio(key, variant_key)
                if ratio >= _FUZZY_MIN_RATIO and (best is None or ratio > best[0]):
                    best = (ratio, index)
        if len(self._fuzzy_memo) > 50_000:
            self._fuzzy_memo.clear()
        self._fuzzy_memo[memo_key] = best
        return best

    @staticmethod
    def _names_someone_else(folded: FoldedText, tokens: Tokens, hit: PhraseHit, hit_firsts: set[int]) -> bool:
        """Whether a bare alias is really part of another name: "Xi'an", "Lee Jun-seok", "Kim Jong Il"."""
        nxt = hit.last + 1
        if nxt >= len(tokens.words):
            return False
        gap = folded.folded[tokens.ends[hit.last] : tokens.starts[nxt]]
        if gap == "'" and tokens.words[nxt] != "s":
            return True
        if gap != " " or nxt in hit_firsts or tokens.words[nxt] in _CALENDAR_WORDS:
            return False
        start, _ = folded.to_source(tokens.starts[nxt], tokens.ends[nxt])
        if not folded.source[start].isupper():
            return False
        return not _is_title_case(folded.source, hit.start)

    def _aggregate(self, resolved: list[tuple[int, int, str]]) -> list[EntityMention]:
        rows: dict[tuple[int, str], list[int]] = {}
        for index, offset, surface in sorted(resolved, key=lambda r: r[1]):
            row = rows.setdefault((index, surface), [0, offset])
            row[0] += 1
        entities = self.profile.entities
        return [
            EntityMention(entities[index].id, surface, count, first)
            for (index, surface), (count, first) in sorted(rows.items(), key=lambda item: item[1][1])
        ]


def _resolve_alias(offset: int, owners: Sequence[int], positions: dict[int, list[int]]) -> int | None:
    """Which fully named entity a bare alias at ``offset`` refers to, or None when it cannot tell."""
    named = [index for index in owners if index in positions]
    if len(named) <= 1:
        return named[0] if named else None
    best, best_offset = None, -1
    for index in named:
        k = bisect_right(positions[index], offset) - 1
        if k >= 0 and positions[index][k] > best_offset:
            best, best_offset = index, positions[index][k]
    return best


@lru_cache(maxsize=8)
def entity_matcher(profile: EventProfile) -> EntityMatcher:
    """The compiled matcher for ``profile``, built once per profile and reused (profiles are hashable)."""
    return EntityMatcher(profile)


def find_entity_mentions(text: str, profile: EventProfile) -> list[EntityMention]:
    """Every mention of the profile's entities in ``text``: one row per (entity, surface form).

    Rows are ordered by first occurrence; ``variant`` is the text exactly as written there.
    """
    return entity_matcher(profile).find(text)


def entity_spans(text: str, profile: EventProfile) -> list[EntitySpan]:
    """Every mention of the profile's entities in ``text``, one row per occurrence, ordered by offset."""
    return entity_matcher(profile).spans(text)


def is_relevant(mentions: Iterable[EntityMention], profile: EventProfile) -> bool:
    """Whether the article is on-topic: the profile's relevance entities are mentioned, in total, at
    least ``min_relevance_mentions`` times (aliases included; never fewer than once), and, when the
    profile lists ``and_any_of_entities``, at least one of those is mentioned too."""
    mentions = list(mentions)
    wanted = set(profile.relevance_entities)
    total = sum(m.count for m in mentions if m.entity_id in wanted)
    if total < max(profile.min_relevance_mentions, 1):
        return False
    context = set(profile.relevance_context_entities)
    return not context or any(m.entity_id in context for m in mentions)
