"""Candidate names: capitalised names an article uses that the event profile does not know yet.

The profile's entity list is never complete (a new minister, a company in the business delegation, a
renamed office). Rather than drop those names, this module surfaces them so an analyst can add the ones
that recur across outlets (the pipeline aggregates; here we return per-article counts).

A candidate is a run of capitalised words ("Cheong Wa Dae", "Korea Institute for National Security
Strategy", "SK Group") or a single capitalised word that is not at the start of a sentence or quote
("Twitter"). Everything the entity matcher finds (:func:`transforms.analysis.entities.entity_spans`) is
cut out first; an alias it rejects because another name part follows ("Lee Jun-seok", "Kim Jong Il") stays in,
so that person becomes a candidate. Rules, all general:

* Skipped text: headings (a line without final punctuation whose longer words are nearly all
  capitalised, or a line in capitals), run-in headings (a long Title Case stretch of mostly ordinary
  words opening a sentence), bylines ("By ..."), and square-bracketed photo credits or citation marks.
* Titles split a run and are dropped with the modifiers just before them ("Unification Minister Chung
  Dong-young" -> "Chung Dong-young", "SK Group Chairman" -> "SK Group"), except after "of" ("Office of
  the President").
* Dropped: runs made only of function words, titles, demonyms ("South Korean", "Chinese") and calendar
  words; single words that are ordinary (in a common-word list or written in lower case elsewhere in the
  article); profile topic keywords ("K-pop", "Exclusive Economic Zones") and bare aliases; close
  spellings of a profile variant (fuzzy ratio >= 88); acronyms spelling the initials of a profile
  variant. An acronym spelling the initials of another candidate ("PLA") counts for that candidate.
* Sentence starts: a common first word is dropped ("The Pentagon" -> "Pentagon"). Otherwise a word or
  run that opens a sentence or quote counts only when the article also writes it (or the part after a
  connector: "Aides of Kim Min-seok") mid-sentence, except a run of several words, kept whole.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz, process
from unidecode import unidecode

from transforms.analysis.entities import entity_spans, find_declared_aliases
from transforms.profile import EventProfile
from transforms.text.name_words import COMMON_WORDS, STOPWORDS, TITLE_MODIFIERS, TITLES
from transforms.text.phrases import phrase_key
from transforms.text.sentences import split_sentences

__all__ = ["CandidateName", "declared_candidates", "find_candidate_names"]


@dataclass(frozen=True)
class CandidateName:
    """An unknown name in one article: its most frequent spelling, how often it occurs, and where first.

    A name the article declares equal to a profile entity ("... Council (NDRRMC)") is a candidate too:
    ``declared_for`` is that entity's id and ``declaration`` the words that declare it, so the profile's
    author can add it as a variant.
    """

    name: str
    count: int
    first_offset: int
    declared_for: str | None = None
    declaration: str | None = None


# --- word lists --------------------------------------------------------------------------------


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# May sit inside a name between capitalised words ("Ministry of Foreign Affairs", "Institute for ...").
_CONNECTORS = _words("of for the de du des la le da del di van von der den bin al y")
_STOPWORDS = STOPWORDS
# Titles split a run: they precede or follow a name but are not part of it; modifiers only qualify a
# following title ("Prime Minister", "National Security Adviser").
_TITLES = TITLES
_TITLE_MODIFIERS = TITLE_MODIFIERS
_DEMONYMS = _words("""
    afghan african albanian algerian american arab argentine armenian asian australian austrian belgian
    brazilian british bulgarian burmese cambodian canadian chilean chinese colombian croatian cuban
    czech danish dutch egyptian emirati english estonian ethiopian european filipino finnish french
    georgian german greek hungarian indian indonesian iranian iraqi irish israeli italian japanese
    jordanian kazakh kenyan korean kuwaiti lao latvian lebanese libyan lithuanian malaysian mexican
    mongolian moroccan nepalese nigerian norwegian pakistani palestinian peruvian polish portuguese
    qatari romanian russian saudi scottish serbian singaporean slovak spanish swedish swiss syrian
    taiwanese thai turkish ukrainian uzbek venezuelan vietnamese welsh western eastern northern
    southern sino
""")
_DIRECTIONS = _words("north south east west northeast northwest southeast southwest")
_CALENDAR = _words("""
    january february march april may june july august september october november december jan feb mar
    apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
""")
# Ordinary words that often open sentences or headings (transforms/text/name_words.py).
_COMMON = COMMON_WORDS
_FUNCTION = _STOPWORDS | _TITLES | _TITLE_MODIFIERS | _DEMONYMS | _DIRECTIONS | _CALENDAR

_FUZZY_MIN_RATIO = 88.0
_HEADING_MIN_WORDS = 4  # capitalised words a run-in heading needs
_HEADING_COMMON_SHARE = 0.5
_BYLINE_MAX = 80

# A word: letters/digits, with inner hyphens or apostrophes ("Tae-won", "People's"); linear.
_WORD_RE = re.compile(r"[^\W_](?:[^\W_]|['’\-‐‑](?=[^\W_]))*")
_BRACKETED_RE = re.compile(r"\[[^\[\]\n]{0,200}\]")
_HYPHENS_RE = re.compile(r"[‐‑–—]")
_TERMINAL_RE = re.compile(r"""[.!?…]["'”’»)\]]*$""")
_OPENERS = frozenset("\"'“‘«([:–—-•")


class _Token(NamedTuple):
    # A tuple, not a dataclass: an article has thousands of tokens, and tuples are built much faster.
    surface: str  # as written, possessive "'s" removed
    start: int
    end: int
    key: str  # folded lower case, ASCII hyphens: the key for word lists
    capitalised: bool
    initial: bool  # first word of a sentence, quote, parenthesis or clause after a colon or dash
    possessive: bool
    covered: bool
    word_end: int  # end of the word as matched, possessive included


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return unidecode(_HYPHENS_RE.sub("-", word)).lower().replace("’", "'")


# --- what the profile already covers -----------------------------------------------------------


@dataclass(frozen=True)
class _ProfileIndex:
    variant_keys: tuple[str, ...]
    alias_keys: frozenset[str]
    initials: frozenset[str]
    keyword_keys: frozenset[str]
    demonyms: frozenset[str]
    # key -> is it known to the profile: the fuzzy check against every variant is the costly part.
    known: dict[str, bool] = field(default_factory=dict, compare=False, hash=False)


@lru_cache(maxsize=8)
def _profile_index(profile: EventProfile) -> _ProfileIndex:
    """Everything candidates are checked against, compiled once per profile."""
    variant_keys: set[str] = set()
    initials: set[str] = set()
    demonyms: set[str] = set(_DEMONYMS)
    for entity in profile.entities:
        for variant in entity.variants:
            variant_keys.add(phrase_key(variant))
            words = _WORD_RE.findall(variant)
            if len(words) >= 2:
                initials.add("".join(w[0] for w in words).upper())
                initials.add("".join(w[0] for w in words if w.lower() not in _STOPWORDS).upper())
        name = _fold_word(entity.name)
        if entity.kind == "place" and name.isalpha():
            # Venezuela -> Venezuelan, Taiwan -> Taiwanese, China -> Chinese, Israel -> Israeli.
            demonyms.update({name + "n", name + "an", name + "ese", name + "i", name[:-1] + "ese"})
    return _ProfileIndex(
        variant_keys=tuple(sorted(variant_keys - {""})),
        # A bare alias ("Lee") is known to the profile even where it cannot be resolved to an entity.
        alias_keys=frozenset(phrase_key(a) for e in profile.entities for a in e.context_aliases),
        initials=frozenset(initials),
        keyword_keys=frozenset({phrase_key(k) for t in profile.topics for k in t.keywords} - {""}),
        demonyms=frozenset(demonyms),
    )


# --- tokens and sentences ----------------------------------------------------------------------


def _tokens(
    text: str, start: int, end: int, covered: list[tuple[int, int]], masked: list[tuple[int, int]]
) -> list[_Token]:
    """Word tokens of ``text[start:end]`` outside ``masked`` spans, flagged against ``covered`` spans."""
    tokens: list[_Token] = []
    previous_end = start
    ci = mi = 0
    n_covered, n_masked = len(covered), len(masked)
    for m in _WORD_RE.finditer(text, start, end):
        m_start, m_end = m.span()
        while mi < n_masked and masked[mi][1] <= m_start:
            mi += 1
        if mi < n_masked and masked[mi][0] <= m_start:
            previous_end = m_end
            continue
        while ci < n_covered and covered[ci][1] <= m_start:
            ci += 1
        word, possessive = m.group(), False
        if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
            word, possessive = word[:-2], True
        tokens.append(
            _Token(
                word,
                m_start,
                m_start + len(word),
                _fold_word(word),
                word[0].isupper(),
                not tokens or not _OPENERS.isdisjoint(text[previous_end:m_start]),
                possessive,
                ci < n_covered and covered[ci][0] < m_end,
                m_end,
            )
        )
        previous_end = m_end
    return tokens


def _is_heading(sentence: str, tokens: list[_Token]) -> bool:
    """A heading or shouted line: no final punctuation and the longer words nearly all capitalised."""
    letters = [c for c in sentence if c.isalpha()]
    if len(tokens) >= 2 and letters and not any(c.islower() for c in letters):
        return True
    if _TERMINAL_RE.search(sentence):
        return False
    long_words = [t for t in tokens if len(t.surface) >= 4] or tokens
    return sum(t.capitalised for t in long_words) >= 0.8 * len(long_words)


def _run_in_heading_length(text: str, tokens: list[_Token], common: frozenset[str]) -> int:
    """How many leading tokens form a Title Case heading run into its paragraph (0 when none).

    The stretch runs until the first lower-case word that is not a stopword; it is a heading when it
    holds enough capitalised words not covered by the profile and most of those are ordinary words
    ("Yellow Sea Steel Structures Become Central Maritime Dispute Lee raised ...").
    """
    n = 0
    while n < len(tokens):
        t = tokens[n]
        gap = text[tokens[n - 1].word_end : t.start] if n else " "
        if gap.strip(" ,") or not (t.capitalised or t.key in _STOPWORDS):
            break
        n += 1
    caps = [t for t in tokens[:n] if t.capitalised and not t.covered]
    if len(caps) < _HEADING_MIN_WORDS or n == len(tokens):
        return 0
    ordinary = sum(t.key in common for t in caps)
    return n if ordinary >= _HEADING_COMMON_SHARE * len(caps) else 0


# --- runs into candidates ----------------------------------------------------------------------


def _runs(text: str, tokens: list[_Token]) -> list[list[_Token]]:
    """Maximal runs of capitalised words joined by single spaces (or an initial's dot), with
    connectors allowed between two capitalised words."""
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    for i, t in enumerate(tokens):
        joins = False
        if current:
            prev = current[-1]
            gap = text[prev.word_end : t.start]
            initial_dot = gap == ". " and len(prev.surface) == 1
            # "People's Liberation Army" is one name; "Samsung's Lee Jae-yong" is two.
            possessive_ok = not prev.possessive or prev.key in _COMMON
            joins = possessive_ok and (gap in (" ", "\u00a0") or initial_dot)
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        connector = (
            t.key in _CONNECTORS
            and not t.capitalised
            and current
            and nxt is not None
            and (nxt.capitalised or nxt.key in _CONNECTORS)
            and text[t.end : nxt.start] == " "
        )
        if t.capitalised or connector:
            if not joins:
                current = []
                runs.append(current)
            current.append(t)
        else:
            current = []
    return [run for run in runs if run]


def _split_at_titles(run: list[_Token]) -> list[list[_Token]]:
    """Cut a run at covered tokens and at titles (with the modifiers right before them); a title
    after a connector belongs to the name ("Office of the President")."""
    pieces: list[list[_Token]] = [[]]
    for i, t in enumerate(run):
        is_title = t.key in _TITLES and not (i and run[i - 1].key in _CONNECTORS)
        if t.covered or is_title:
            if is_title:
                while pieces[-1] and pieces[-1][-1].key in _TITLE_MODIFIERS:
                    pieces[-1].pop()
            pieces.append([])
        else:
            pieces[-1].append(t)
    return [p for p in pieces if p]


def _trim(piece: list[_Token], demonyms: frozenset[str]) -> list[_Token]:
    """Drop stopwords, connectors, calendar words and adjectival compounds ("K-pop") at either end."""
    edge = _STOPWORDS | _CONNECTORS | _CALENDAR
    lo, hi = 0, len(piece)
    while lo < hi and (piece[lo].key in edge or _is_compound(piece[lo], demonyms)):
        lo += 1
    while hi > lo and (piece[hi - 1].key in edge or _is_compound(piece[hi - 1], demonyms)):
        hi -= 1
    return piece[lo:hi]


def _is_compound(t: _Token, demonyms: frozenset[str]) -> bool:
    """An adjectival compound ("Chinese-made", "K-pop", "Government-run"), not a name part ("Tae-won")."""
    parts = t.key.split("-")
    if len(parts) > 1 and t.surface.split("-")[-1][:1].islower():
        return len(parts[0]) == 1 or parts[0] in demonyms or parts[0] in _COMMON
    return len(parts) > 1 and all(p in demonyms or p in _DIRECTIONS for p in parts)


def _is_function(t: _Token, demonyms: frozenset[str]) -> bool:
    """Titles, demonyms, calendar words, stopwords and adjectival compounds."""
    return t.key in _FUNCTION or t.key in demonyms or _is_compound(t, demonyms)


def _known_key(key: str, index: _ProfileIndex) -> bool:
    """A profile topic keyword (plurals too), a bare alias, or a close spelling of a profile variant."""
    known = index.known.get(key)
    if known is None:
        known = index.known[key] = _check_known_key(key, index)
    return known


def _check_known_key(key: str, index: _ProfileIndex) -> bool:
    singulars = {key, key[:-1] if key.endswith("s") else key, key[:-2] if key.endswith("es") else key}
    if key.endswith("ies"):
        singulars.add(key[:-3] + "y")
    if singulars & index.keyword_keys or key in index.alias_keys:
        return True
    cutoff = process.extractOne(key, index.variant_keys, scorer=fuzz.ratio, score_cutoff=_FUZZY_MIN_RATIO)
    return cutoff is not None


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.isalpha()


# --- public ------------------------------------------------------------------------------------


def declared_candidates(text: str, profile: EventProfile) -> list[CandidateName]:
    """The names ``text`` declares equal to profile entities, as candidates for the profile: how often
    the article uses each (the declaration included) and where first."""
    candidates = []
    spans = entity_spans(text, profile)
    for alias in find_declared_aliases(text, profile):
        entity_id = profile.entities[alias.entity_index].id
        key = phrase_key(alias.alias)
        uses = [s for s in spans if s.entity_id == entity_id and phrase_key(s.surface) == key]
        first = min((s.start for s in uses), default=max(0, text.find(alias.alias)))
        candidates.append(CandidateName(alias.alias, max(1, len(uses)), first, entity_id, alias.evidence))
    return candidates


def find_candidate_names(text: str, profile: EventProfile) -> list[CandidateName]:
    """Capitalised names in ``text`` that no profile entity covers, ordered by first occurrence.

    ``name`` is the spelling written most often (the first on a tie); ``count`` counts every
    occurrence, including sentence-initial ones of a name also found elsewhere; spellings differing
    only in case, accents or hyphens/spaces are one candidate.
    """
    if not text or not text.strip():
        return []
    index = _profile_index(profile)
    # The entity matcher's own spans: aliases naming someone else ("Lee Jun-seok") are not among them.
    covered = [(span.start, span.end) for span in entity_spans(text, profile)]
    masked = [m.span() for m in _BRACKETED_RE.finditer(text)]
    # Words the article itself writes in lower case are ordinary words, whatever their capital here.
    common = _COMMON | frozenset(_fold_word(w) for w in _WORD_RE.findall(text) if w[0].islower())

    found: list[tuple[str, str, int]] = []  # (key, surface, offset)
    deferred: list[list[_Token]] = []  # sentence-initial pieces, judged once the article is read
    for start, end in split_sentences(text):
        sentence = text[start:end]
        tokens = _tokens(text, start, end, covered, masked)
        if not tokens or _is_heading(sentence, tokens):
            continue
        if sentence.startswith("By ") and len(sentence) <= _BYLINE_MAX:
            continue
        tokens = tokens[_run_in_heading_length(text, tokens, common) :]
        for run in _runs(text, tokens):
            for piece in _split_at_titles(run):
                piece = _trim(piece, index.demonyms)
                if piece and piece[0].initial:
                    if len(piece) == 1 or piece[0].key not in common:
                        deferred.append(piece)
                        continue
                    piece = _trim(piece[1:], index.demonyms)  # "The Pentagon": the rest is mid-sentence
                occurrence = _occurrence(text, piece, index, common)
                if occurrence:
                    found.append(occurrence)
    keys = {key for key, _, _ in found}
    for piece in deferred:
        # A capital that only opens a sentence proves nothing: count such a word, or the part of a run
        # after a connector ("Aides of Kim Min-seok"), when the article also writes it mid-sentence.
        tails = [_trim(piece[i + 1 :], index.demonyms) for i, t in enumerate(piece) if t.key in _CONNECTORS]
        for option in [*tails, piece]:
            occurrence = _occurrence(text, option, index, common)
            if occurrence and (occurrence[0] in keys or (option is piece and len(piece) > 1)):
                found.append(occurrence)
                break
    return _aggregate(found, index)


def _occurrence(
    text: str, piece: list[_Token], index: _ProfileIndex, common: frozenset[str]
) -> tuple[str, str, int] | None:
    """(key, surface, offset) when ``piece`` may be an unknown name, else None."""
    if not piece or all(_is_function(t, index.demonyms) or t.key in _COMMON for t in piece):
        return None
    if len(piece) == 1:
        word = piece[0].surface
        if len(word) < 2 or piece[0].key in common or any(c.isdigit() for c in word):
            return None
    surface = text[piece[0].start : piece[-1].end]
    key = phrase_key(surface)
    if not key or _known_key(key, index):
        return None
    return key, surface, piece[0].start


def _aggregate(found: list[tuple[str, str, int]], index: _ProfileIndex) -> list[CandidateName]:
    """One row per key. Acronyms of profile variants are dropped; an acronym spelling the initials of
    another candidate in the article ("PLA") counts for that candidate."""
    long_forms: dict[str, str] = {}
    for key, surface, _ in found:
        words = _WORD_RE.findall(surface)
        if len(words) >= 2:
            long_forms.setdefault("".join(w[0] for w in words if w.lower() not in _STOPWORDS).upper(), key)
    rows: dict[str, tuple[Counter[str], int]] = {}
    extra: Counter[str] = Counter()
    for key, surface, offset in sorted(found, key=lambda r: r[2]):
        if _is_acronym(surface) and surface in index.initials:
            continue
        if _is_acronym(surface) and surface in long_forms:
            extra[long_forms[surface]] += 1
            continue
        spellings, first = rows.get(key, (Counter(), offset))
        spellings[surface] += 1
        rows[key] = (spellings, min(first, offset))
    result = [
        CandidateName(spellings.most_common(1)[0][0], sum(spellings.values()) + extra[key], first)
        for key, (spellings, first) in rows.items()
    ]
    return sorted(result, key=lambda c: c.first_offset)
