"""Finding a claim type's cues in a sentence, and the scans from a value to the cues around it.

A profile's ``[[claims]]`` tables compile once (:func:`compile_claim_types`); :func:`find_cues` finds
their cue phrases in a tokenised sentence (leftmost-longest, only in clauses holding the type's
``context``); :func:`scan_back` and :func:`scan_forward` walk from a value to the cues before and after
it, within the limits English noun phrases and clauses set. :mod:`.claim_reach` holds the longer
constructions; :mod:`.claims` decides which cue a value goes to.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from transforms.analysis.claim_sentence import (
    Item,
    PhraseIndex,
    breaks_clause,
    find_phrases,
    phrase_index,
    phrase_tokens,
)
from transforms.profile import ClaimType, EventProfile
from transforms.units import unit_expression

__all__ = [
    "CLAUSE_MAX",
    "CONNECTORS_BY_KIND",
    "CONNECTOR_MAX",
    "DATE_BLOCKERS",
    "DURATION_CONNECTORS",
    "FORWARD_MAX",
    "MONEY_PHRASE_BREAKERS",
    "PHRASE_BREAKERS",
    "RANGE_MAX",
    "CompiledClaim",
    "Cue",
    "compile_claim_types",
    "find_cues",
    "scan_back",
    "scan_forward",
]


FORWARD_MAX = 4  # words between a number and what it counts: "200 South Korean business leaders"

CONNECTOR_MAX = 3  # "a delegation of more than 200", "a visit lasting four days"

RANGE_MAX = 12  # "spent Jan. 4-7 in Beijing on a four-day state visit"

CLAUSE_MAX = 15  # "conferred ... with Chinese President Xi Jinping in Beijing on January 5"

# Words a noun phrase "NUMBER ... CUE" cannot contain: it would be two phrases ("one of the agreements").
_PHRASE_BREAKER_TEXT = """
    and or but of to in on at for from by with as than that which who whom were was is are be been has
    have had will would before after since until during over about under across through into against
    via without within
"""

PHRASE_BREAKERS = frozenset(_PHRASE_BREAKER_TEXT.split())

# A sum is "for", "in" or "into" what it pays: "85 million euros for compensation", "$2bn in emergency
# funding", "put 2.5 billion shillings into the response".
MONEY_PHRASE_BREAKERS = PHRASE_BREAKERS - {"for", "in", "into"}

_COUNT_CONNECTOR_TEXT = """
    of numbering numbered totaling totalling totaled totalled comprising counting was were is are at put
    stood stands standing barely just only ,
"""

_COUNT_CONNECTORS = frozenset(_COUNT_CONNECTOR_TEXT.split())

_MONEY_CONNECTOR_TEXT = """
    of at to was were is are put estimated valued worth reached totalled totaled totalling totaling amounting
    set pegged placed cost costs costing
"""

# A comma too: "the deal, worth EUR 4.2 billion".
_MONEY_CONNECTORS = frozenset(_MONEY_CONNECTOR_TEXT.split()) | {","}

CONNECTORS_BY_KIND = {"count": _COUNT_CONNECTORS, "money": _MONEY_CONNECTORS, "quantity": _MONEY_CONNECTORS}

_DURATION_CONNECTOR_TEXT = "of lasting lasted lasts spanning spanned for over took running ran"

DURATION_CONNECTORS = frozenset(_DURATION_CONNECTOR_TEXT.split())

# A date and a cue separated by these belong to different events: "hours before Lee's arrival".
_DATE_BLOCKER_TEXT = "before after ahead following since until prior preceding"

DATE_BLOCKERS = frozenset(_DATE_BLOCKER_TEXT.split())

# ... unless they only place the moment in its day: "made landfall before dawn on Thursday".
_TIMES_OF_DAY_TEXT = "dawn daybreak sunrise noon midday sunset dusk nightfall midnight"

_TIMES_OF_DAY = frozenset(_TIMES_OF_DAY_TEXT.split())


@dataclass(frozen=True)
class Cue:
    claim: int  # index into the profile's claim types
    start: int
    end: int  # exclusive
    ranged: bool  # a range cue ("visit" next to "Jan. 4-7")


def scan_back(
    items: Sequence[Item],
    first: int,
    ends: dict[int, list[Cue]],
    limit: int,
    allowed: frozenset[str] | None,
    blockers: frozenset[str] = frozenset(),
) -> list[tuple[Cue, int]]:
    """Cues ending before item ``first`` with at most ``limit`` items in between: (cue, distance).

    ``allowed`` restricts the words in between (None: anything but a clause break, and an apposition
    between commas does not count: "the first departure, a flight to the island of Kestra, left ... on
    Wednesday"); ``blockers`` stop the scan.
    """
    found: list[tuple[Cue, int]] = []
    j, gap = first, 0
    while True:
        found.extend((cue, gap) for cue in ends.get(j, ()))
        if gap >= limit or j == 0:
            return found
        if allowed is None and items[j - 1].text == ",":
            j = _before_apposition(items, j - 1)
        item = items[j - 1]
        if (
            (item.text in blockers and items[j].text not in _TIMES_OF_DAY)
            or breaks_clause(item)
            or (allowed is not None and item.text not in allowed)
        ):
            return found
        j, gap = j - 1, gap + 1


_APPOSITION_OPENERS = frozenset(["a", "an", "the"])
_APPOSITION_MAX = 10  # items of an apposition skipped free: ", a flight to the island of Kestra,"


def _before_apposition(items: Sequence[Item], comma: int) -> int:
    """Where a backward scan resumes after the comma at ``comma``: before the apposition that comma
    closes (", a flight to the island of Kestra,"), or at the comma itself when there is none."""
    k = comma - 1
    while k > 0 and comma - k <= _APPOSITION_MAX and items[k].text != "," and not breaks_clause(items[k]):
        k -= 1
    if k > 0 and items[k].text == "," and items[k + 1].text in _APPOSITION_OPENERS:
        return k + 1  # the scan goes on from the apposition's opening comma
    return comma + 1


def scan_forward(
    items: Sequence[Item],
    last: int,
    starts: dict[int, list[Cue]],
    limit: int,
    stop: frozenset[str],
    blockers: frozenset[str] = frozenset(),
    dateline: bool = False,
) -> list[tuple[Cue, int]]:
    """Cues starting after item ``last`` with at most ``limit`` words in between: (cue, distance).

    Words in ``stop`` or ``blockers``, dates and punctuation end the scan; in ``dateline`` mode only
    clause breaks do, not the one right after the date ("Jan 6, 2026 – Lee meets Xi"), and the scan
    ends at the first cue, so a long sentence is walked once.
    """
    found: list[tuple[Cue, int]] = []
    words = 0
    j = last + 1
    while j < len(items):
        found.extend((cue, words) for cue in starts.get(j, ()))
        item = items[j]
        if (dateline and found) or words >= limit or item.text in stop or item.text in blockers:
            break
        if item.kind == "date" or (item.kind == "punct" and not dateline):
            break
        if item.kind == "punct" and breaks_clause(item) and j != last + 1:
            break
        words += item.kind != "punct"
        j += 1
    return found


@dataclass(frozen=True)
class CompiledClaim:
    claim: ClaimType
    cues: PhraseIndex
    range_cues: PhraseIndex
    context: PhraseIndex
    exclude: frozenset[str]
    exclude_phrases: tuple[tuple[str, ...], ...]  # whole phrases, for a clause's subject
    unit_cues: frozenset[str]  # a quantity's cues that are units ("km/h"): the unit alone is the cue


def compile_claim_types(profile: EventProfile) -> list[CompiledClaim]:
    def phrases(values: Sequence[str]) -> PhraseIndex:
        return phrase_index(tuple(dict.fromkeys(p for p in map(phrase_tokens, values) if p)))

    def units(claim: ClaimType) -> frozenset[str]:
        if claim.kind != "quantity":
            return frozenset()
        return frozenset(u for cue in claim.cues if (u := unit_expression(cue)) is not None)

    return [
        CompiledClaim(
            c,
            phrases(c.cues),
            phrases(c.range_cues),
            phrases(c.context),
            frozenset(w for e in c.exclude for w in phrase_tokens(e)),
            tuple(p for p in map(phrase_tokens, c.exclude) if p),
            units(c),
        )
        for c in profile.claim_types
    ]


# Clause breaks a claim type's context does not reach across; brackets do not part a name from its
# acronym ("Valdorian Progress Party (VPP) was on course for 112 seats").
_CONTEXT_BREAKS = frozenset(";:—–|•")


def find_cues(items: Sequence[Item], compiled: Sequence[CompiledClaim]) -> list[Cue]:
    """Cue occurrences of the claim types whose context is in the cue's clause ("the enlarged group will
    have 27,000 employees; Brandvik employs 19,400 people" keeps "enlarged" to the first clause)."""
    cues: list[Cue] = []
    present = {item.text for item in items}
    clause_of = list(itertools.accumulate((item.text in _CONTEXT_BREAKS for item in items), initial=0))
    for k, comp in enumerate(compiled):
        contexts: set[int] | None = None  # the clauses holding a context phrase; None: none needed
        if comp.context:
            contexts = {clause_of[start] for start, _ in find_phrases(items, comp.context, present)}
            if not contexts:
                continue
        for ranged, phrases in ((False, comp.cues), (True, comp.range_cues)):
            hits = sorted(find_phrases(items, phrases, present), key=lambda h: (h[0], -h[1]))
            taken = -1
            for start, end in hits:  # leftmost-longest: "memorandum of understanding" over "memorandum"
                if start >= taken and (contexts is None or clause_of[start] in contexts):
                    cues.append(Cue(k, start, end, ranged))
                    taken = end
    return cues
