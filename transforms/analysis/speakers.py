"""Who a quotation's speaker phrase names: a profile entity, someone the profile does not know, or a
description resolved through the profile's ``roles`` and the article's own appositions.

:class:`SpeakerResolver` reads one article once (its entity mentions outside quotations, the roles and
titles it gives people, where people sharing a surname are named) and then resolves each speaker
phrase :mod:`.quotes` finds: a name ("Ms. Vintimilla"), a description ("the finance chief", "the South
Korean leader"), a bare surname several people share ("Olund said" after a namesake the profile does
not know), or "he"/"she" (the person named last, unless someone new was introduced since, the
pronoun disagrees, or that person was only named in passing).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from transforms.analysis.entities import EntitySpan, entity_spans, named_in_passing
from transforms.profile import EventProfile
from transforms.text.name_words import COMMON_WORDS, TITLE_MODIFIERS, TITLES

__all__ = ["OWNER_PRONOUNS", "STEM", "SpeakerResolver", "role_stems"]


_MEDIA_TAIL_TEXT = "newspaper daily agency news outlet broadcaster tabloid paper editorial"

_MEDIA_TAIL = frozenset(_MEDIA_TAIL_TEXT.split())

# "Teodoro Alcaraz Jr." is an Alcaraz: a suffix is not the surname.
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})

OWNER_PRONOUNS = {"his": "he", "her": "she"}


class SpeakerResolver:
    """Speaker phrase -> profile entity, using the article's entity spans outside quotations."""

    def __init__(self, text: str, profile: EventProfile, quotations: Sequence[tuple[int, int]]) -> None:
        """``quotations``: (opening mark, closing mark) offsets of the article's quotations, in order;
        names inside them are not people the article speaks about."""
        kinds = {e.id: e.kind for e in profile.entities}
        opens = [open_at for open_at, _ in quotations]

        def quoted(pos: int) -> bool:
            k = bisect_right(opens, pos) - 1
            return k >= 0 and quotations[k][0] <= pos <= quotations[k][1]

        found = [s for s in entity_spans(text, profile) if not quoted(s.start)]
        self.text = text
        self.by_end: dict[int, list[EntitySpan]] = {}
        for s in found:
            self.by_end.setdefault(s.end, []).append(s)
        self.all_spans = found
        self.all_starts = [s.start for s in found]
        self.people = [s for s in found if kinds.get(s.entity_id) == "person"]
        self.people_starts = [s.start for s in self.people]
        self.orgs = [s for s in found if kinds.get(s.entity_id) == "organisation"]
        self.orgs_starts = [s.start for s in self.orgs]
        self.roles = _role_table(text, profile, found)
        self._namings_memo: dict[str, tuple[list[int], list[str]] | None] = {}
        self._bare_memo: dict[str, list[int]] = {}
        self.unknown_surnames = {
            _introduced(match).split()[-1]
            for match in _INTRODUCED_RE.finditer(text)
            if not _covered(match, found, self.all_starts) and not _not_introduced(text, match)
        }
        # Surnames of the people the article names in full: "Kovač said" after "Anton Kovač".
        names = {e.id: e.name for e in profile.entities if e.kind == "person"}
        self.surnames: dict[str, set[str]] = {}
        for span in self.people:
            parts = [w for w in names.get(span.entity_id, "").split() if w.casefold() not in _NAME_SUFFIXES]
            if len(parts) >= 2:
                self.surnames.setdefault(parts[-1].casefold(), set()).add(span.entity_id)
        # The pronoun each person takes, from an honorific ("Ms. Vintimilla") or a resolved "he"/"she".
        self.pronoun_of: dict[str, str] = {}
        for span in self.people:
            honorific = _HONORIFIC_BEFORE_RE.search(text, max(0, span.start - 6), span.start)
            # (not from a surname others share: "Mr Kolbeck" may be the namesake, not the entity)
            shared = self._namings(text[span.start : span.end].split()[-1]) is not None
            if honorific is not None and not shared:
                self.pronoun_of.setdefault(span.entity_id, _HONORIFIC_PRONOUNS[honorific.group(1).lower()])

    def _latest_person(self, pos: int) -> str | None:
        """The person "he"/"she" at ``pos`` refers to: the latest named outside quotes, unless the
        article introduced someone the profile does not know since ("Nestor Pagulayan, a fisherman,")."""
        k = bisect_left(self.people_starts, pos) - 1
        # "Bruno Sarmento, Kovač's campaign manager, ... he said": a possessive names whose, not who.
        while k >= 0 and _POSSESSIVE_AFTER_RE.match(self.text, self.people[k].end):
            k -= 1
        if k < 0:
            return None
        since = self.people[k].end
        for match in _INTRODUCED_RE.finditer(self.text, since, pos):
            if not _covered(match, self.all_spans, self.all_starts) and not _not_introduced(self.text, match):
                return None
        # "Back on her street, Mabbayad was scrubbing": someone introduced earlier, named again since.
        # (A surname a known person shares is settled by where each was named in full, just below.)
        if any(
            re.search(rf"\b{re.escape(name)}\b", self.text[since:pos])
            for name in self.unknown_surnames
            if name.casefold() not in self.surnames
        ):
            return None
        # "Olund said" / "Mr Olund has put a sign" since, where that Olund is a namesake the profile
        # does not know.
        for surname in self.surnames:
            for match in re.finditer(rf"\b{re.escape(surname)}\b", self.text[since:pos], re.IGNORECASE):
                at = since + match.start()
                if self._shared_surname(match.group(), at) == "" and _bare_surname(self.text, at):
                    return None
        # "A mechanic at one of the dealerships ... said ...": someone new, unnamed, since.
        if _INDEFINITE_SUBJECT_RE.search(self.text, since, pos):
            return None
        # "Kolbeck, who is no relation of the chief executive, Marit Kolbeck, ... he said": the full name
        # named in passing is not the one the sentence is about.
        person = self.people[k]
        surname = self.text[person.start : person.end].split()[-1]
        if " " in self.text[person.start : person.end] and named_in_passing(
            self.text, person.start, self._bare_offsets(surname)
        ):
            return None
        return person.entity_id

    def _bare_offsets(self, surname: str) -> list[int]:
        """Where ``surname`` stands without a given name before it, in order (once per surname)."""
        if surname not in self._bare_memo:
            self._bare_memo[surname] = [
                m.start()
                for m in re.finditer(rf"\b{re.escape(surname)}\b", self.text)
                if _bare_surname(self.text, m.start())
            ]
        return self._bare_memo[surname]

    def _latest(self, starts: list[int], rows: list[EntitySpan], pos: int) -> str | None:
        k = bisect_left(starts, pos) - 1
        return rows[k].entity_id if k >= 0 else None

    def _by_role(self, key: str) -> str | None:
        """The entity a description names: its exact role, else the one role it ends ("chief" for
        "finance chief"), else None. Capitalised names are not descriptions."""
        if not key or key in ("he", "she", "it"):
            return None
        if key in self.roles:
            return self.roles[key]
        ending = {
            owner
            for role, owner in self.roles.items()
            if role.endswith(" " + key) and not role_stems(role[: -len(key)]) & _RANK_STEMS
        }
        if len(ending) == 1 and len(key.split()) <= 2:
            return next(iter(ending))
        # "the finance chief" is "the chief financial officer": the same distinctive words, by stem.
        wanted = role_stems(key)
        if not wanted:
            return None
        alike = {
            owner
            for role, owner in self.roles.items()
            if wanted <= (stems := role_stems(role)) and not (stems - wanted) & _RANK_STEMS
        }
        return next(iter(alike)) if len(alike) == 1 else None

    def _shared_surname(self, phrase: str, start: int) -> str | None:
        """A bare surname that several people named in full share ("Senator Lorna Alcaraz, the
        president's sister, ... Alcaraz said"): the one named in full last before ``start``; "" when
        that is someone the profile does not know ("Pia Olund, ... no relation of ... Marek Olund ...
        Olund said")."""
        surname = phrase.strip(".,")
        if len(phrase.split()) != 1 or not self.surnames.get(surname.casefold()):
            return None
        namings = self._namings(surname)
        if namings is None:
            return None
        k = bisect_left(namings[0], start) - 1
        return namings[1][k] if k >= 0 else None

    def _namings(self, surname: str) -> tuple[list[int], list[str]] | None:
        """Where people with ``surname`` are named in full (offsets, entity ids; "" for someone the
        profile does not know), leaving out names mentioned in passing; None when only one entity
        and nobody else bears it. Computed once per surname: an article may quote it thousands of times."""
        if surname in self._namings_memo:
            return self._namings_memo[surname]
        owners = self.surnames.get(surname.casefold(), set())
        in_full = [
            (s.start, s.entity_id)
            for s in self.people
            if s.entity_id in owners and " " in self.text[s.start : s.end]
        ]
        span_starts = [s.start for s in self.all_spans]

        def inside_span(pos: int) -> bool:
            k = bisect_right(span_starts, pos) - 1
            return k >= 0 and self.all_spans[k].start <= pos < self.all_spans[k].end

        # "Pia Olund", but not "Meanwhile Olund" or "Senator Olund": a given name before the surname
        unknown = [
            (m.start(), "")
            for m in re.finditer(rf"\b([A-Z][a-z]+) {re.escape(surname)}\b", self.text)
            if not inside_span(m.start()) and m.group(1).lower() not in _NOT_GIVEN_NAMES
        ]
        result: tuple[list[int], list[str]] | None = None
        if len(owners) >= 2 or unknown:
            bare = self._bare_offsets(surname)
            named = [n for n in sorted(in_full + unknown) if not named_in_passing(self.text, n[0], bare)]
            result = ([pos for pos, _ in named], [owner for _, owner in named])
        self._namings_memo[surname] = result
        return result

    def resolve(self, start: int, end: int) -> str | None:
        """The entity a speaker phrase at ``text[start:end]`` names as its head, if any; else the
        entity whose role the phrase is ("the chief of staff", "the South Korean leader")."""
        phrase = self.text[start:end]
        by_role = self._by_role(_role_key(phrase))
        if by_role is not None:
            return by_role or None  # "" marks a role several entities share
        low = OWNER_PRONOUNS.get(phrase.lower(), phrase.lower())  # "her answer": she
        if low in ("he", "she"):
            # "Dr Tobias Renko ... he told us. ... Our ward sister ... 'Tell them ...,' she said": a
            # pronoun never names someone the article has called by the other one.
            person = self._latest_person(start)
            if person is not None and self.pronoun_of.setdefault(person, low) != low:
                return None
            return person
        if low == "it":
            return self._latest(self.orgs_starts, self.orgs, start)
        shared = self._shared_surname(phrase, start)
        if shared is not None:
            return shared or None  # "" is a namesake the profile does not know
        head = re.split(r",| of | for | at | from ", phrase, maxsplit=1)[0].rstrip()
        if re.search(r"\band\b|&", head):
            return None  # several speakers
        words = list(re.finditer(r"\S+", head))
        while words:
            named = [span for span in self.by_end.get(start + words[-1].end(), []) if span.start >= start]
            if named:
                return named[0].entity_id
            # "the Global Times newspaper", "Lee himself": a trailing media noun keeps the outlet as head.
            if words[-1].group().lower() not in _MEDIA_TAIL | {"himself", "herself", "itself"}:
                break
            words.pop()
        if len(phrase.split()) == 1 and phrase[:1].isupper():
            owners = self.surnames.get(phrase.strip(".,").casefold(), set())
            if len(owners) == 1:
                return next(iter(owners))
        return None


# A leading article or a common noun's possessive ("the company's"); a name's possessive ("Lee's
# spokesperson") stays, because it says whose role it is.
_DETERMINER_RE = re.compile(
    r"^(?:(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+)?(?:[a-z][\w.-]*(?:'s|’s)\s+)?"
)

# Job nouns that end a title written before a name ("chief executive Henrike Falk").
_ROLE_HEADS = frozenset({"executive", "officer", "manager", "head", "editor", "economist", "analyst"})

# "Maria Santos, the provincial disaster chief," / "Henrike Falk, Brandvik's chief executive,": the
# description after a person's name and a comma, up to the next comma or full stop.
_APPOSITION_RE = re.compile(
    r",\s+((?:the|a|an|[A-Z][\w.-]*(?:'s|’s))\s+[^,.;:!?\"“”()]{3,80}?)[,.]"
    # or a bare job title: "Henrike Falk, chief executive, said", "Rufino Agbayani, head of the Office (PDRO)"
    rf"|,\s+((?:{'|'.join(sorted(TITLES | TITLE_MODIFIERS | _ROLE_HEADS))})"
    r"\b[^,.;:!?\"“”()]{0,80}?)(?:[,.]|\s\()"
)

# A person introduced by name and a description ("Nestor Pagulayan, a fisherman,", "Teresita
# Mabbayad, 54,", "Benjie Cauilan, who studies ...", "Benjie Cauilan of Isabela State University") or
# saying something: someone "he"/"she" may refer to next.
_INTRODUCED_RE = re.compile(
    r"\b([A-Z][a-z]+(?: [A-Z][a-z'’-]+){1,2})(?:, (?:a|an|who|aged|\d{1,3}\b)| of [A-Z]|,? said\b|,? told\b)"
    # "a retired teacher from Dunmere called Greta": someone named by the words before the name
    r"|\b(?:called|named) ([A-Z][a-z]+(?: [A-Z][a-z'’-]+)?)\b"
)

_NOT_GIVEN_NAMES = COMMON_WORDS | TITLES | TITLE_MODIFIERS

# A sentence opening with an indefinite person: "A mechanic at one of the town's dealerships, who ..."
_INDEFINITE_SUBJECT_RE = re.compile(r"(?:^|[.!?]\s+|\n)(?:A|An)\s+[a-z]")


def _bare_surname(text: str, at: int) -> bool:
    """Whether the surname at ``at`` stands alone ("Olund said", "Meanwhile Olund"), not after a given
    name ("Pia Olund") or a title ("Ms Olund", which names whoever the article calls so)."""
    before = _WORD_BEFORE_RE.search(text, max(0, at - 40), at)
    return before is None or before.group(1).lower() in COMMON_WORDS


_WORD_BEFORE_RE = re.compile(r"\b([A-Z][\w'’.-]*)\s+$")

_HONORIFIC_BEFORE_RE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")

_HONORIFIC_PRONOUNS = {"mr": "he", "mrs": "she", "ms": "she", "miss": "she"}


_POSSESSIVE_AFTER_RE = re.compile(r"['’]s?\b")


def _introduced(match: re.Match[str]) -> str:
    """The name an :data:`_INTRODUCED_RE` match introduces."""
    return match[1] or match[2]


def _not_introduced(text: str, match: re.Match[str]) -> bool:
    """Whether an :data:`_INTRODUCED_RE` match introduces nobody new: a name after a preposition ("the
    MP for Varrow North, who chairs") is a place or body, and a title before a surname ("Ms Vasska
    said") names someone already known."""
    group = 1 if match[1] else 2
    if match[group].split()[0].lower() in TITLES:
        return True
    return _PREPOSITION_BEFORE_RE.search(text, max(0, match.start(group) - 8), match.start(group)) is not None


_PREPOSITION_BEFORE_RE = re.compile(r"\b(?:for|of|in|at|from|to|near)\s+$")


def _covered(match: re.Match[str], spans: list[EntitySpan], starts: list[int]) -> bool:
    """Whether the introduced name is a mention of a profile entity (``spans`` in order of ``starts``)."""
    group = 1 if match[1] else 2
    k = bisect_left(starts, match.end(group)) - 1
    while k >= 0 and spans[k].start > match.start(group) - _LONGEST_SPAN:
        if spans[k].end > match.start(group):
            return True
        k -= 1
    return False


_LONGEST_SPAN = 200  # characters: no entity mention is longer

# "His campaign manager, Bruno Sarmento," / "Its chairwoman, Lidia Ornelas,": the description before.
_APPOSITION_BEFORE_RE = re.compile(
    r"(?:^|[\s(])((?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[A-Z][\w.-]*(?:'s|’s))\s+[a-z][^,.;:!?\"“”()]{2,60}?),\s+$"
)

_POSSESSOR_RE = re.compile(r"^[\w.-]+(?:'s|’s)\s+")

_TITLE_RUN_RE = re.compile(r"((?:[A-Za-z-]+\s+){1,3})$")

# Words every other job title has, and ranks that make a role another one ("former president").
_GENERIC_ROLE_TEXT = "chief officer head director senior top official the of for and in at"

_GENERIC_ROLE_WORDS = frozenset(_GENERIC_ROLE_TEXT.split())

_RANK_STEMS = frozenset({"forme", "deput", "vice", "assis", "actin", "late", "ex"})

STEM = 5


def role_stems(role: str) -> frozenset[str]:
    """The distinctive words of a role, cut to a stem ("financial" and "finance" -> "finan")."""
    return frozenset(w[:STEM] for w in re.findall(r"[^\W\d_]+", role) if w not in _GENERIC_ROLE_WORDS)


def _role_key(phrase: str) -> str:
    """A description folded for comparison: no leading article or possessive ("the company's"),
    single spaces, lower case."""
    return " ".join(_DETERMINER_RE.sub("", phrase.strip()).lower().split())


def _role_table(text: str, profile: EventProfile, found: list[EntitySpan]) -> dict[str, str]:
    """Role description -> entity id, from the profile's ``roles``, the article's appositions
    ("Maria Santos, the provincial disaster chief, said") and titles before full names ("former
    President Paolo Marchetti" makes "the former president" him); a description shared by several
    entities maps to "" (ambiguous)."""
    owners: dict[str, set[str]] = {}
    for entity in profile.entities:
        for role in entity.roles:
            owners.setdefault(_role_key(role), set()).add(entity.id)
    kinds = {e.id: e.kind for e in profile.entities}
    for span in found:
        if kinds.get(span.entity_id) != "person":
            continue
        match = _APPOSITION_RE.match(text, span.end)
        if match is not None:
            key = _role_key(match[1] or match[2])
            owners.setdefault(key, set()).add(span.entity_id)
            # "Brandvik's chief executive" is also "the chief executive" later in the article.
            owners.setdefault(_POSSESSOR_RE.sub("", key), set()).add(span.entity_id)
        relative = _RELATIVE_ROLE_RE.match(text, span.end)
        if relative is not None:  # "Jonas Terhaar, who has been chief financial officer since 2022"
            owners.setdefault(_role_key(relative[1]), set()).add(span.entity_id)
        title = _title_before(text, span.start)
        if title:
            owners.setdefault(title, set()).add(span.entity_id)
        before = _APPOSITION_BEFORE_RE.search(text[max(0, span.start - 80) : span.start])
        if before is not None:
            owners.setdefault(_POSSESSOR_RE.sub("", _role_key(before[1])), set()).add(span.entity_id)
    return {key: next(iter(ids)) if len(ids) == 1 else "" for key, ids in owners.items() if key}


# "Name, who is / was / has been (the) <job title>": a role the article gives in a relative clause.
_RELATIVE_ROLE_RE = re.compile(
    r",\s+who\s+(?:is|was|has\s+been|had\s+been|became)\s+(?:the\s+|its\s+|their\s+)?"
    rf"((?:[a-z-]+\s+){{0,3}}(?:{'|'.join(sorted(TITLES | _ROLE_HEADS))}))\b"
)


def _title_before(text: str, start: int) -> str:
    """The title written right before a name ("former President", "Prime Minister"), folded."""
    run = _TITLE_RUN_RE.search(text[max(0, start - 60) : start])
    if run is None:
        return ""
    words = run[1].lower().split()
    while words and words[0] not in TITLES and words[0] not in TITLE_MODIFIERS:
        words.pop(0)
    return " ".join(words) if words and (words[-1] in TITLES or words[-1] in _ROLE_HEADS) else ""
