"""Entity mentions: where an article names the event profile's entities, however the press spells them.

Matching works on a *folded* copy of the text (lower case, accents stripped, curly apostrophes and
Unicode hyphens made ASCII) cut into word tokens. A profile phrase matches a run of consecutive tokens
whose letters, concatenated, equal the phrase's letters: so "Lee Jae Myung", "Lee Jae-myung",
"Lee Jae‑myung" (U+2011) and "Lee Jaemyung" are one variant, while "Leeds" never contains "Lee"
because tokens are whole words. Scanning is left to right, longest match first, and a matched token
is never reused, so "North Korea" is not also "Korea" and an alias inside a full name never double
counts. The same engine (:class:`PhraseMatcher`) scores topic keywords in :mod:`transforms.analysis.topics`.

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
  mention most closely precedes it; if none precedes it, it is dropped as ambiguous. Someone the
  profile does not know, named in full with the same surname ("Pia Olund"), competes too: a bare
  "Olund" after her is hers and names nobody. A full name only mentioned in passing, after a bare
  mention of its surname in the same sentence or after "no relation of", takes no bare alias over.
* A nickname in quotes inside a name is skipped: Mayor Rodolfo "Dodong" Villaruel is Rodolfo Villaruel.
* An alias right after one of the entity's profile ``roles`` ("President Marcos", "the South Korean
  leader Lee"), or after a title the article writes before the entity's full name, counts as a full
  mention. After another title ("Senator Marcos", when the entity's roles or titles are known) or
  after a given name of its own ("Imee Marcos", written mid-sentence), it is someone else.
* A place or organisation name that only begins a longer proper name is not a mention: "Cagayan
  River", "Lund University", "Bank of Korea", "Cagayan Provincial Disaster Risk Reduction Office" (a
  run of capitalised words ending in a facility or organisation noun, or such a noun and "of" before
  the name). People's names are exempt: they run into headings ("Lee Claims Visit Laid Foundation").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from rapidfuzz import fuzz

from transforms.profile import EventProfile
from transforms.text.name_words import COMMON_WORDS, NAME_HEADS, NAME_PREFIXES, TITLE_MODIFIERS, TITLES
from transforms.text.phrases import (
    FoldedText,
    PhraseHit,
    PhraseMatcher,
    Tokens,
    fold_text,
    in_title_case_headline,
    in_title_case_line,
    mask_nicknames,
    phrase_key,
    tokenize,
)

__all__ = [
    "DeclaredAlias",
    "EntityMatcher",
    "EntityMention",
    "EntitySpan",
    "declared_aliases",
    "entity_matcher",
    "entity_spans",
    "find_declared_aliases",
    "find_entity_mentions",
    "is_relevant",
    "named_in_passing",
]

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
_LONGER_NAME_MAX_TOKENS = 6  # capitalised words after a name searched for a facility noun ending it
_SENTENCE_OPENERS = frozenset(".!?\"'(\n")
_WORD_RE = re.compile(r"[^\W\d_]+")


class EntityMatcher:
    """An event profile's entities compiled for matching (see :func:`entity_matcher`)."""

    def __init__(self, profile: EventProfile) -> None:
        """Compile every variant and context alias of ``profile`` into one phrase index."""
        self.profile = profile
        phrases: list[tuple[str, object, bool]] = []
        self._variant_keys: list[tuple[str, ...]] = []
        self._role_words: list[tuple[tuple[str, ...], ...]] = []
        # People's names run into headings ("Lee Claims Visit Laid Foundation ..."); places and
        # organisations are the names that begin longer ones ("Talavera River").
        self._is_person = [entity.kind == "person" for entity in profile.entities]
        self._surnames = [
            _surname(entity.name) if entity.kind == "person" else "" for entity in profile.entities
        ]
        for index, entity in enumerate(profile.entities):
            phrases.extend((variant, (index, False), False) for variant in entity.variants)
            phrases.extend((alias, (index, True), True) for alias in entity.context_aliases)
            self._variant_keys.append(tuple({phrase_key(v) for v in entity.variants} - {""}))
            self._role_words.append(tuple(tokenize(fold_text(role)).words for role in entity.roles))
        self._phrases = PhraseMatcher(phrases)
        self._last: tuple[str | None, tuple[tuple[int, int, str], ...], tuple[DeclaredAlias, ...]] = (
            None,
            (),
            (),
        )
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

    def declared(self, text: str) -> list[DeclaredAlias]:
        """The names ``text`` declares equal to its entities (see :func:`declared_aliases`)."""
        self._resolve(text)
        return list(self._last[2])

    def _resolve(self, text: str) -> list[tuple[int, int, str]]:
        """(entity index, offset, surface) of every accepted mention, aliases resolved."""
        last_text, last_found, _ = self._last
        if text is last_text:  # one article's analysis asks up to four times in a row
            return list(last_found)
        found, declared = self._resolve_anew(text)
        self._last = (text, tuple(found), tuple(declared))
        return found

    def _resolve_anew(self, text: str) -> tuple[list[tuple[int, int, str]], list[DeclaredAlias]]:
        masked = mask_nicknames(text)
        found = self._resolve_masked(masked)
        declared = declared_aliases(masked, found, self.profile)
        found += self._declared_mentions(masked, found, declared)
        if masked is text:
            return found, declared
        unmasked = [(index, offset, text[offset : offset + len(surface)]) for index, offset, surface in found]
        return unmasked, declared

    def _declared_mentions(
        self, text: str, found: list[tuple[int, int, str]], declared: list[DeclaredAlias]
    ) -> list[tuple[int, int, str]]:
        """Mentions by names the article itself declares equal to an entity, where no other mention is."""
        if not declared:
            return []
        taken = [(offset, offset + len(surface)) for _, offset, surface in found]
        matcher = PhraseMatcher([(alias.alias, alias.entity_index, True) for alias in declared])
        folded = fold_text(text)
        extra = []
        for hit in matcher.scan(folded, tokenize(folded)):
            if any(start < hit.end and hit.start < end for start, end in taken):
                continue
            extra.append((cast(int, hit.payloads[0]), hit.start, hit.surface))
        return extra

    def _resolve_masked(self, text: str) -> list[tuple[int, int, str]]:
        folded = fold_text(text)
        tokens = tokenize(folded)
        hits = self._phrases.scan(folded, tokens)
        hit_firsts = {hit.first for hit in hits}
        full: list[tuple[int, int, str]] = []  # (entity index, offset, surface)
        aliases: list[tuple[PhraseHit, list[int]]] = []
        strangers: list[tuple[int, list[int]]] = []  # (offset, the alias's owners) of "Pia Olund"
        lower_case: dict[str, bool] = {}  # words this article writes in lower case somewhere
        titles = self._titles_in_article(tokens, hits)
        for hit in hits:
            owned = [cast(tuple[int, bool], payload) for payload in hit.payloads]  # (entity index, is alias)
            if not any(self._is_person[index] for index, _ in owned) and _inside_longer_name(
                folded, tokens, hit
            ):
                continue
            named = [index for index, is_alias in owned if not is_alias]
            if named:
                # Profile order settles the (tested-against) case of two entities sharing a variant.
                full.append((named[0], hit.start, hit.surface))
                continue
            owners = [index for index, _ in owned]
            fuzzy = self._fuzzy_full_name(folded, tokens, hit, owners)
            if fuzzy is not None:
                full.append(fuzzy)
                continue
            titled = [index for index in owners if self._after_own_role(tokens, hit, index, titles)]
            relative = self._titled_namesake(tokens, hit, titles)
            if titled:
                full.append((titled[0], hit.start, hit.surface))
            elif relative is not None:
                # "Senator Alcaraz" after "Senator Lorna Alcaraz": her, not the alias's owner.
                full.append((relative, hit.start, hit.surface))
            elif self._names_someone_else(folded, tokens, hit, hit_firsts):
                continue
            elif _after_other_name(
                folded,
                tokens,
                hit,
                roles_known=any(self._role_words[i] or titles.get(i) for i in owners),
                lower_case=lower_case,
            ):
                if tokens.words[hit.first - 1] not in TITLES:
                    strangers.append((hit.start, owners))  # "Pia Olund": a namesake named in full
            else:
                aliases.append((hit, owners))

        bare_at: dict[str, list[int]] = {}  # each bare alias's offsets, in order
        for hit, _ in aliases:
            bare_at.setdefault(hit.surface.casefold(), []).append(hit.start)
        positions: dict[int, list[int]] = {}
        for index, offset, surface in full:
            bare = bare_at.get(surface.split()[-1].casefold(), [])
            if " " not in surface or not named_in_passing(text, offset, bare):
                positions.setdefault(index, []).append(offset)
        resolved = list(full)
        for hit, owners in aliases:
            # The namesakes the profile does not know, named in full, compete as one more owner.
            unknown = [offset for offset, shared in strangers if set(shared) & set(owners)]
            owner = _resolve_alias(hit.start, [*owners, _STRANGER], {**positions, _STRANGER: unknown})
            if owner is not None and owner != _STRANGER:
                resolved.append((owner, hit.start, hit.surface))
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

    def _titled_namesake(self, tokens: Tokens, hit: PhraseHit, titles: dict[int, set[str]]) -> int | None:
        """The person whose full name the article wrote after the same title and who shares the
        surname the alias spells ("Senator Lorna Alcaraz" ... "Senator Alcaraz"), if exactly one."""
        if hit.first == 0:
            return None
        title, surname = tokens.words[hit.first - 1], "".join(tokens.words[hit.first : hit.last + 1])
        found = [i for i, seen in titles.items() if title in seen and self._surnames[i] == surname]
        return found[0] if len(found) == 1 else None

    def _titles_in_article(self, tokens: Tokens, hits: list[PhraseHit]) -> dict[int, set[str]]:
        """Titles the article writes right before an entity's full name ("President Teodoro
        Alcaraz"): the entity's roles for this article, learned from the article itself."""
        titles: dict[int, set[str]] = {}
        for hit in hits:
            if hit.first == 0 or tokens.words[hit.first - 1] not in TITLES:
                continue
            for payload in hit.payloads:
                index, is_alias = cast(tuple[int, bool], payload)
                if not is_alias:
                    titles.setdefault(index, set()).add(tokens.words[hit.first - 1])
        return titles

    def _after_own_role(
        self, tokens: Tokens, hit: PhraseHit, index: int, titles: dict[int, set[str]]
    ) -> bool:
        """Whether one of the entity's roles ends right before the alias ("President" + "Marcos"):
        a profile role, or a title the article wrote before the entity's full name."""
        if hit.first and tokens.words[hit.first - 1] in titles.get(index, ()):
            return True
        for role in self._role_words[index]:
            first = hit.first - len(role)
            if role and first >= 0 and tokens.words[first : hit.first] == role:
                return True
        return False

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
        return not in_title_case_line(folded.source, hit.start)

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


@dataclass(frozen=True)
class DeclaredAlias:
    """A name an article declares equal to a profile entity, with the words that declare it."""

    entity_index: int
    alias: str
    evidence: str


# "National Disaster Council (NDC)": an acronym in brackets right after a name.
_ACRONYM_AFTER_RE = re.compile(r"\s?\(([A-Z][A-Z0-9&]{1,9})\)")
# "Typhoon Lumina, known locally as Dalisay", "(local name: Dalisay)", "also known as", "dubbed".
_KNOWN_AS_RE = re.compile(
    r",?\s?(?:\(|,\s)?(?:(?:which|who)\s(?:is|was)\s)?(?:also\s|locally\s|widely\s)?"
    r"(?:known(?:\s(?:locally|here|at\shome|in\s[A-Z]\w+))?\sas|dubbed|nicknamed|called|"
    r"(?:local|international|official)\sname:?)\s((?:[A-Z][\w'’-]+)(?:\s[A-Z][\w'’-]+){0,2})"
)

_BARE_CALLED_RE = re.compile(r"\s?called\b")


def declared_aliases(
    text: str, found: Sequence[tuple[int, int, str]], profile: EventProfile
) -> list[DeclaredAlias]:
    """Names ``text`` declares equal to the entities found in it: an acronym in brackets after a full
    name ("... Council (NDRRMC)") and "X, known locally as Y" / "(local name: Y)" equivalences.
    Only for that article: a run learns them article by article; the profile is never changed."""
    declared: dict[str, DeclaredAlias] = {}
    for index, offset, surface in found:
        end = offset + len(surface)
        for pattern in (_ACRONYM_AFTER_RE, _KNOWN_AS_RE):
            match = pattern.match(text, end)  # anchored where the name ends
            if match is None:
                continue
            alias = match.group(1)
            if phrase_key(alias) in {phrase_key(v) for v in profile.entities[index].variants}:
                continue
            if pattern is _ACRONYM_AFTER_RE and not _initials_fit(surface, alias):
                continue
            # "a teacher from Dunmere called Greta": a bare "called" names the phrase's head, not
            # the place; only ", called" / "(called" / "also called" declares a name.
            if _BARE_CALLED_RE.match(match.group(0)):
                continue
            evidence = text[offset : match.end()]
            declared.setdefault(alias, DeclaredAlias(index, alias, evidence))
    return list(declared.values())


def _initials_fit(name: str, acronym: str) -> bool:
    """Whether an acronym could abbreviate the name: its letters are the initials of the name's
    words, in order (function words may be skipped)."""
    initials = [w[0].upper() for w in re.findall(r"[^\W\d_]+", name)]
    k = 0
    for letter in acronym.replace("&", ""):
        while k < len(initials) and initials[k] != letter:
            k += 1
        if k == len(initials):
            return False
        k += 1
    return True


def _inside_longer_name(folded: FoldedText, tokens: Tokens, hit: PhraseHit) -> bool:
    """Whether the name only begins (or, after "<Head> of", ends) a longer proper name. In a Title
    Case headline every word is capitalised, so there the test cannot tell and is not made."""
    source, words = folded.source, tokens.words
    if in_title_case_headline(source, hit.start):
        return False
    j = hit.last
    for _ in range(_LONGER_NAME_MAX_TOKENS):
        nxt = j + 1
        gap = folded.folded[tokens.ends[j] : tokens.starts[nxt]] if nxt < len(words) else ""
        # "Selvana Passengers' Council": a plural possessive inside the longer name
        if gap != " " and not (j > hit.last and gap in ("' ", "’ ")):
            break
        start, _ = folded.to_source(tokens.starts[nxt], tokens.ends[nxt])
        if not source[start].isupper():
            break
        if words[nxt] in NAME_HEADS:
            return True
        j = nxt
    prefix = hit.first - 1
    if (
        prefix >= 0
        and words[prefix] in NAME_PREFIXES
        and folded.folded[tokens.ends[prefix] : tokens.starts[hit.first]] == " "
    ):
        start, _ = folded.to_source(tokens.starts[prefix], tokens.ends[prefix])
        if source[start].isupper():
            return True  # "Radio Costa Vermelha" is a station, not the region
    before = hit.first - 2
    if before >= 0 and words[hit.first - 1] == "of" and words[before] in NAME_HEADS:
        start, _ = folded.to_source(tokens.starts[before], tokens.ends[before])
        return source[start].isupper()
    return False


def _after_other_name(
    folded: FoldedText,
    tokens: Tokens,
    hit: PhraseHit,
    *,
    roles_known: bool,
    lower_case: dict[str, bool],
) -> bool:
    """Whether a bare alias follows another title or a given name of its own: "Senator Marcos",
    "Imee Marcos" mid-sentence. A title tells only when the profile gives the entity's ``roles``
    (else "President Lee" may well be him). A capitalised word opening a sentence or line may be
    anything, so only a word with text before it on its line counts; title-case headlines are exempt."""
    prev = hit.first - 1
    if prev < 0 or folded.folded[tokens.ends[prev] : tokens.starts[hit.first]] != " ":
        return False
    word = tokens.words[prev]
    if word in _HONORIFICS:
        return False  # "Ms. Vintimilla", "Dr Tazaro": a courtesy title, no rank of someone else
    if word in TITLES:
        return roles_known  # an alias after one of its own roles was taken before this test
    start, _ = folded.to_source(tokens.starts[prev], tokens.ends[prev])
    if not folded.source[start].isupper() or word in TITLE_MODIFIERS or word in _CALENDAR_WORDS:
        return False
    before = folded.source[:start].rstrip(" ")
    if not before or before[-1] in _SENTENCE_OPENERS:
        # Opening a sentence, a capitalised word may be anything ("Yesterday Dantes toured"): only
        # a word that is no ordinary word, and that the article never writes in lower case, is a name.
        return word not in COMMON_WORDS and not _written_in_lower_case(folded, word, lower_case)
    # A heading run into its paragraph ("... Regional Tensions Lee asked Xi") capitalises the words
    # before the name too.
    preceding = [w for w in _WORD_RE.findall(before[-60:])[-4:] if len(w) >= 4]
    if len(preceding) >= 2 and all(w[0].isupper() for w in preceding):
        return False
    return not in_title_case_line(folded.source, hit.start)


_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _surname(name: str) -> str:
    """The folded last name of a person's canonical name ("Teodoro Alcaraz Jr." -> "alcaraz")."""
    words = [w for w in tokenize(fold_text(name)).words if w not in _NAME_SUFFIXES]
    return words[-1] if len(words) >= 2 else ""


def _written_in_lower_case(folded: FoldedText, word: str, memo: dict[str, bool]) -> bool:
    """Whether the article writes ``word`` in lower case anywhere (then, capitalised at a sentence's
    start, it is no name). ``memo`` holds the answers for this article: it may open thousands of
    sentences with the same name."""
    if word not in memo:
        memo[word] = any(
            folded.source[folded.to_source(m.start(), m.end())[0]].islower()
            for m in re.finditer(rf"\b{re.escape(word)}\b", folded.folded)
        )
    return memo[word]


_HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "mx", "dr"])
_STRANGER = -1  # the owner of a bare alias that refers to a namesake the profile does not know


def named_in_passing(text: str, offset: int, bare: Sequence[int]) -> bool:
    """Whether the full name at ``offset`` follows, in the same sentence, a bare mention of its
    surname (at one of the sorted offsets ``bare``) or "no relation of": "Olund, who ... is no
    relation of Selvair's chief executive, Marek Olund, said" is about the Olund already known, so the
    namesake named in passing does not become the next bare "Olund"."""
    opening = max(text.rfind(". ", 0, offset), text.rfind("\n", 0, offset)) + 1
    k = bisect_left(bare, opening)
    return (k < len(bare) and bare[k] < offset) or _NO_RELATION_RE.search(text, opening, offset) is not None


# "The volunteer, who is no relation of the Health Minister, Dr Miriam Tazaro, ...": the namesake the
# idiom sets apart is named in passing.
_NO_RELATION_RE = re.compile(r"\b(?:no relation (?:of|to)|not related to|unrelated to)\b", re.IGNORECASE)


def _resolve_alias(offset: int, owners: Sequence[int], positions: dict[int, list[int]]) -> int | None:
    """Which fully named entity a bare alias at ``offset`` refers to, or None when it cannot tell."""
    named = [index for index in owners if positions.get(index)]
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


def find_declared_aliases(text: str, profile: EventProfile) -> list[DeclaredAlias]:
    """The names ``text`` declares equal to the profile's entities ("... Council (NDRRMC)", "Typhoon
    Lumina, known locally as Dalisay"), with the words that declare them; not profile variants."""
    return entity_matcher(profile).declared(text)


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
