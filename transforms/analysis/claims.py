"""Comparable factual claims (counts, durations, money, quantities, dates) and the conflicts between
outlets' values.

What to look for comes from the event profile's ``[[claims]]`` tables (:class:`ClaimType`); how it is
written comes from English news conventions, so another event needs another profile, not new code.
Reading a sentence (tokens, phrases, dates, clock times) lives in :mod:`.claim_sentence`, reading its
numbers (counts, durations, money, quantities) in :mod:`.claim_values`; this module attaches them to cues.
The README ("Another folder, another event") lists the rules with examples, including the figures that
are not claims; :func:`explain_skipped_figures` says which rule kept a figure out.

A sentence is scanned for *values* and for the *cues* of each claim type; a value becomes a claim of
the claim type whose cue is attached to it:

* counts and durations as a noun phrase, the value first ("fifteen cooperation agreements", "a
  400-member South Korean business delegation", "his four-day state visit": at most four words in
  between, no punctuation or function word), or the cue first joined by a connector ("a delegation of
  more than 200", "a visit lasting four days");
* "since 2019" and "in seven years" are adverbials of a cue before them in the same clause ("the first
  visit by a South Korean leader since 2019"); "since YEAR" counts the years to the event's start year;
* dates: the cue before them in the clause ("talks in Beijing on January 5"), a date modifying the cue
  ("their Monday meeting"), or a dateline opening the sentence ("Jan 6, 2026 – Lee meets Xi"). Words
  like "before"/"after" between date and cue tie the date to something else ("Hours before Lee's
  arrival"), so they block. Year-less dates take the year that puts them inside the event's days, else
  the year nearest the article's date (or the event start); weekdays resolve inside the event when it
  spans under a week (else, with ``published``, to the last such day before it); a date years away
  from the event is another event's and gives no claim;
* a count in a clause about another year ("the 2022 election produced 4,100 complaints", "In 2013
  another storm killed more than 6,300") is not this event's; nor is the total a count is out of
  ("113 of the 240 seats");
* a count may also be the subject of its cue, in either voice: "at least nine people were killed",
  "nearly 45,000 people were staying in evacuation centres" (the claim's unit or a word for people,
  then a few words of predicate, no other number between);
* a date range ("Jan. 4-7") next to a ``range_cues`` phrase gives each claim type with ``range_part``
  its end: the start to the arrival, the end to the return.

Each value goes to one claim type, the one with the nearest cue. "14 memoranda of understanding, plus a
15th separate agreement" is one claim of the *total* (15, qualifier "plus"); "14 agreements plus two
accords" gives 16. A plain "and" never adds up: "14 memorandums ... and nine corporate MOUs" are two
claims, and the profile's ``exclude`` words ("corporate") keep the second out of the government count.
Durations convert only between neighbouring units (minutes/hours, days/weeks, years/decades).

:func:`find_conflicts` compares the normalised values per claim type; by default "more than 200" and
"200" agree (the number is the claim), and each claim type may set ``tolerance`` and
``compare_qualifiers`` in the profile.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from transforms.analysis.claim_guards import not_a_figure, other_time_items
from transforms.analysis.claim_sentence import (
    CHAR_MAP,
    CLAUSE_BREAKS,
    Item,
    PhraseIndex,
    clock_near,
    find_phrases,
    forms,
    local_day,
    merge_dates,
    merge_times,
    phrase_index,
    phrase_tokens,
    read_dates,
    tokenize,
)
from transforms.analysis.claim_values import TARGET_SECONDS, Value, converts, read_values
from transforms.currencies import Currencies, profile_currencies
from transforms.profile import ClaimType, EventProfile
from transforms.text.sentences import split_sentences
from transforms.units import convert, unit_expression

__all__ = [
    "Claim",
    "ClaimConflict",
    "SkippedFigure",
    "explain_skipped_figures",
    "extract_claims",
    "number_text",
]


@dataclass(frozen=True)
class Claim:
    """One value an article states for one claim type.

    ``value`` is a number (count or duration, in the claim type's ``unit``) or an ISO date string.
    ``qualifier`` is "approximately", "more than", "at least", "nearly", "less than", "up to", "plus"
    or None; ``value_text`` is the value as written. ``sentence`` is the evidence and
    ``text[start:end] == sentence`` (the headline's text when ``in_headline``). ``note`` explains a
    value that differs from what the text says on its face ("18:10 GMT on 2027-09-15 is 2027-09-16 in
    Asia/Manila"), else None.
    """

    claim_type: str
    value: float | str
    unit: str
    qualifier: str | None
    value_text: str
    sentence: str
    start: int
    end: int
    note: str | None = None  # how the value differs from the text, e.g. a day converted across time zones
    in_headline: bool = False  # stated in the headline: ``sentence`` and the offsets are the headline's


@dataclass(frozen=True)
class SkippedFigure:
    """A figure in a sentence holding a claim type's cue that gave no claim, and why."""

    sentence_start: int  # offset of its sentence in the text
    figure: str  # as written
    reason: str


@dataclass(frozen=True)
class ClaimConflict:
    """A claim type on which outlets disagree: each distinct value (as text) with the outlets giving it."""

    claim_type: str
    values: tuple[tuple[str, tuple[str, ...]], ...]


# --- attaching values to cues --------------------------------------------------------------------

_FORWARD_MAX = 4  # words between a number and what it counts: "200 South Korean business leaders"
_CONNECTOR_MAX = 3  # "a delegation of more than 200", "a visit lasting four days"
_RANGE_MAX = 12  # "spent Jan. 4-7 in Beijing on a four-day state visit"
_CLAUSE_MAX = 15  # "conferred ... with Chinese President Xi Jinping in Beijing on January 5"
# Words a noun phrase "NUMBER ... CUE" cannot contain: it would be two phrases ("one of the agreements").
_PHRASE_BREAKER_TEXT = """
    and or but of to in on at for from by with as than that which who whom were was is are be been has
    have had will would before after since until during over about under across through into against
    via without within
"""
_PHRASE_BREAKERS = frozenset(_PHRASE_BREAKER_TEXT.split())
# A sum is "for", "in" or "into" what it pays: "85 million euros for compensation", "$2bn in emergency
# funding", "put 2.5 billion shillings into the response".
_MONEY_PHRASE_BREAKERS = _PHRASE_BREAKERS - {"for", "in", "into"}
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
_CONNECTORS_BY_KIND = {"count": _COUNT_CONNECTORS, "money": _MONEY_CONNECTORS, "quantity": _MONEY_CONNECTORS}
_DURATION_CONNECTOR_TEXT = "of lasting lasted lasts spanning spanned for over took running ran"
_DURATION_CONNECTORS = frozenset(_DURATION_CONNECTOR_TEXT.split())
# A date and a cue separated by these belong to different events: "hours before Lee's arrival".
_DATE_BLOCKER_TEXT = "before after ahead following since until prior preceding"
_DATE_BLOCKERS = frozenset(_DATE_BLOCKER_TEXT.split())
# ... unless they only place the moment in its day: "made landfall before dawn on Thursday".
_TIMES_OF_DAY_TEXT = "dawn daybreak sunrise noon midday sunset dusk nightfall midnight"
_TIMES_OF_DAY = frozenset(_TIMES_OF_DAY_TEXT.split())
_RESCHEDULED_TEXT = "postponed moved delayed rescheduled back forward brought pushed"
_RESCHEDULED = frozenset(_RESCHEDULED_TEXT.split())
# Words that may open a sentence before the date that dates it: "On Monday", "Late on Tuesday".
_DATE_OPENERS = frozenset(["on", "last", "early", "late"])


@dataclass(frozen=True)
class _Cue:
    claim: int  # index into the profile's claim types
    start: int
    end: int  # exclusive
    ranged: bool  # a range cue ("visit" next to "Jan. 4-7")


def _breaks_clause(item: Item) -> bool:
    return item.kind == "punct" and item.text in CLAUSE_BREAKS


def _scan_back(
    items: Sequence[Item],
    first: int,
    ends: dict[int, list[_Cue]],
    limit: int,
    allowed: frozenset[str] | None,
    blockers: frozenset[str] = frozenset(),
) -> list[tuple[_Cue, int]]:
    """Cues ending before item ``first`` with at most ``limit`` items in between: (cue, distance).

    ``allowed`` restricts the words in between (None: anything but a clause break); ``blockers``
    stop the scan.
    """
    found: list[tuple[_Cue, int]] = []
    j, gap = first, 0
    while True:
        found.extend((cue, gap) for cue in ends.get(j, ()))
        if gap >= limit or j == 0:
            return found
        item = items[j - 1]
        if (
            (item.text in blockers and items[j].text not in _TIMES_OF_DAY)
            or _breaks_clause(item)
            or (allowed is not None and item.text not in allowed)
        ):
            return found
        j, gap = j - 1, gap + 1


def _scan_forward(
    items: Sequence[Item],
    last: int,
    starts: dict[int, list[_Cue]],
    limit: int,
    stop: frozenset[str],
    blockers: frozenset[str] = frozenset(),
    dateline: bool = False,
) -> list[tuple[_Cue, int]]:
    """Cues starting after item ``last`` with at most ``limit`` words in between: (cue, distance).

    Words in ``stop`` or ``blockers``, dates and punctuation end the scan; in ``dateline`` mode only
    clause breaks do, not the one right after the date ("Jan 6, 2026 – Lee meets Xi"), and the scan
    ends at the first cue, so a long sentence is walked once.
    """
    found: list[tuple[_Cue, int]] = []
    words = 0
    j = last + 1
    while j < len(items):
        found.extend((cue, words) for cue in starts.get(j, ()))
        item = items[j]
        if (dateline and found) or words >= limit or item.text in stop or item.text in blockers:
            break
        if item.kind == "date" or (item.kind == "punct" and not dateline):
            break
        if item.kind == "punct" and _breaks_clause(item) and j != last + 1:
            break
        words += item.kind != "punct"
        j += 1
    return found


# --- extraction ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Compiled:
    claim: ClaimType
    cues: PhraseIndex
    range_cues: PhraseIndex
    context: PhraseIndex
    exclude: frozenset[str]
    exclude_phrases: tuple[tuple[str, ...], ...]  # whole phrases, for a clause's subject
    unit_cues: frozenset[str]  # a quantity's cues that are units ("km/h"): the unit alone is the cue


def _compile(profile: EventProfile) -> list[_Compiled]:
    def phrases(values: Sequence[str]) -> PhraseIndex:
        return phrase_index(tuple(dict.fromkeys(p for p in map(phrase_tokens, values) if p)))

    def units(claim: ClaimType) -> frozenset[str]:
        if claim.kind != "quantity":
            return frozenset()
        return frozenset(u for cue in claim.cues if (u := unit_expression(cue)) is not None)

    return [
        _Compiled(
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


def _cues(items: Sequence[Item], compiled: Sequence[_Compiled]) -> list[_Cue]:
    """Cue occurrences of the claim types whose context is in the cue's clause ("the enlarged group will
    have 27,000 employees; Brandvik employs 19,400 people" keeps "enlarged" to the first clause)."""
    cues: list[_Cue] = []
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
                    cues.append(_Cue(k, start, end, ranged))
                    taken = end
    return cues


def number_text(n: float) -> str:
    """A number as written in claim values: "15" (not "15.0"), "2.5"."""
    return str(int(n)) if float(n).is_integer() else f"{n:.4f}".rstrip("0")


def _claim(
    comp: _Compiled,
    value: float | str,
    qualifier: str | None,
    text: str,
    span: tuple[int, int],
    sentence: tuple[str, int, int],
) -> Claim:
    return Claim(comp.claim.id, value, comp.claim.unit, qualifier, text[span[0] : span[1]], *sentence)


def _best(cands: list[tuple[_Cue, int]], compiled: Sequence[_Compiled]) -> _Cue | None:
    """The nearest cue; ties go to the longer cue, then to the claim type listed first."""
    if not cands:
        return None
    return min(cands, key=lambda c: (c[1], -(c[0].end - c[0].start), c[0].claim))[0]


def _number_claims(
    items: list[Item],
    values: list[Value],
    cues: list[_Cue],
    compiled: Sequence[_Compiled],
    sentence: tuple[str, int, int],
    elsewhen: AbstractSet[int] = frozenset(),
    skipped: list[SkippedFigure] | None = None,
    previous: Sequence[int] = (),
) -> list[tuple[int, Claim]]:
    """(offset in the sentence, claim) for each claim; the offset puts them in text order.

    Values starting at an item in ``elsewhen`` are about another time (:func:`other_time_items`).
    A value that gives no claim is added to ``skipped``, when given, with the reason. ``previous``:
    the claim types (indices) of the previous sentence's claims, which a figure restating one of them
    in other words may take ("SBC says 2,000 flights were cancelled. Selvair's own figure is 1,870")."""
    text = sentence[0]

    def skip(value: Value, reason: str) -> None:
        if skipped is not None:
            figure = text[items[value.first].start : items[value.last].end]
            skipped.append(SkippedFigure(sentence[1], figure, reason))

    starts: dict[int, list[_Cue]] = {}
    ends: dict[int, list[_Cue]] = {}
    for cue in cues:
        if not cue.ranged and compiled[cue.claim].claim.kind != "date":
            starts.setdefault(cue.start, []).append(cue)
            ends.setdefault(cue.end, []).append(cue)
    by_first = {v.first: v for v in values}
    holding = {cue for cue in cues if not cue.ranged and compiled[cue.claim].claim.kind != "date"}
    value_starts = {v.first for v in values} | {k for v in values for k in range(v.first, v.last + 1)}
    consumed: set[int] = set()
    claims: list[tuple[int, Claim]] = []
    attached: list[tuple[Value, _Cue]] = []  # each claimed value and its cue, in text order
    for v in values:
        if v.first in consumed or v.ordinal:
            continue
        people_after = any(_is_people(compiled[c.claim].claim) for c in starts.get(v.last + 1, ()))
        reason = not_a_figure(items, v, text, elsewhen, value_starts, starts.keys(), people_after)
        if reason:
            skip(v, reason)
            continue
        kind = (
            "money"
            if v.currency
            else "quantity"
            if v.measure
            else "count"
            if v.seconds is None
            else "duration"
        )
        # A cue the profile wrote with its number ("in nine countries") holds the value itself.
        cands: list[tuple[_Cue, int]] = [
            (cue, 0) for cue in cues if cue.start <= v.first and v.last < cue.end and cue in holding
        ]
        excluded: set[str] = set()
        if v.adverbial:
            cands += _scan_back(items, v.first, ends, _CLAUSE_MAX, None)
        else:
            after = _past_conversion(items, v, by_first)
            stop = _MONEY_PHRASE_BREAKERS if kind == "money" else _PHRASE_BREAKERS
            for cue, gap in _scan_forward(items, after, starts, _FORWARD_MAX, stop):
                between = {item.text for item in items[after + 1 : cue.start]}
                # A number closer to the cue counts it: "the two governments signed 13 memorandums".
                if not value_starts.isdisjoint(range(after + 1, cue.start)):
                    continue
                if "in" in between and "in" not in (items[cue.start - 1].text, items[cue.start - 2].text):
                    # "in" names what a sum pays only just before it: "$2bn in (emergency) funding"
                    continue
                if compiled[cue.claim].exclude.intersection(between):
                    excluded.add(compiled[cue.claim].claim.id)
                    continue
                cands.append((cue, gap))
            if not cands:
                cands += _coordinated_modifier_cues(items, after, starts, compiled)
            connectors = _CONNECTORS_BY_KIND.get(kind, _DURATION_CONNECTORS)
            cands += _scan_back(items, v.first, ends, _CONNECTOR_MAX, connectors)
            if not cands and kind == "quantity":
                cands += _own_unit_cues(items, v, compiled)
            if not cands:  # "the average wait for a repair had fallen to 35 days"
                cands += _change_cues(items, v, ends, value_starts)
            if not cands and kind != "duration":
                cands += _noun_phrase_cues(items, v, ends)
                cands += _verb_object_cues(items, v, ends, value_starts, compiled)
                cands += _object_cues(items, v, ends, kind, text)
            if not cands and kind == "count":
                cands += [
                    (cue, gap)
                    for cue, gap in _partitive_cues(items, v, starts, by_first)
                    if not _is_people(compiled[cue.claim].claim)
                ]
                cands += _predicate_cues(items, v, starts, compiled, value_starts, by_first)
        subject = _clause_subject(items, v.first, value_starts, text)
        barred = {cue.claim for cue, _ in cands if _names_excluded(subject, compiled[cue.claim])}
        excluded.update(compiled[k].claim.id for k in barred)
        cands = [(cue, gap) for cue, gap in cands if cue.claim not in barred]
        best = _best(_fitting(items, v, cands, compiled), compiled)
        if best is None and not cands and not excluded:
            restated = _restated_cues(items, v, cues, attached, previous, value_starts, starts, values)
            best = _best(_fitting(items, v, restated, compiled), compiled)
        if best is None:
            if cands:
                types = ", ".join(sorted({compiled[cue.claim].claim.id for cue, _ in cands}))
                skip(v, f"near a cue of {types}, but not of its kind or unit ({_kind_words(v)})")
            elif excluded:
                names = ", ".join(sorted(excluded))
                skip(v, f"an exclude word of {names} is its subject or stands between it and the cue")
            else:
                skip(v, "no cue of any claim type within reach in its clause")
            continue
        comp = compiled[best.claim]
        span = (items[v.first].start, items[v.last].end)
        number, qualifier = v.number, v.qualifier
        if kind == "count" and best.start > v.last:
            plus = _plus(items, best, by_first, starts)
            if plus is not None:
                extra, total_from_ordinal = plus
                number = extra.number if total_from_ordinal else number + extra.number
                qualifier, span = "plus", (span[0], items[extra.last].end)
                consumed.add(extra.first)
        if kind == "duration":
            number = round((v.seconds or 0.0) / TARGET_SECONDS[comp.claim.unit], 4)
        if kind == "quantity" and v.measure is not None:
            converted = convert(v.number, v.measure, unit_expression(comp.claim.unit) or comp.claim.unit)
            number = round(converted, 1) if converted is not None else number
        claims.append((span[0], _claim(comp, float(number), qualifier, text, span, sentence)))
        attached.append((v, best))
    return claims


# Nouns that stand for a figure already named: "Selvair's own figure is 1,870", "its estimate of ...".
_FIGURE_NOUN_TEXT = "figure figures estimate estimates tally count reckoning forecast projection"
_FIGURE_NOUNS = frozenset(_FIGURE_NOUN_TEXT.split())
_FIGURE_LINKS = frozenset(["is", "was", "of", "at", "stands", "stood", "put", "to", ","])


def _restated_cues(
    items: Sequence[Item],
    value: Value,
    cues: Sequence[_Cue],
    attached: Sequence[tuple[Value, _Cue]],
    previous: Sequence[int],
    value_starts: AbstractSet[int],
    starts: dict[int, list[_Cue]],
    values: Sequence[Value],
) -> list[tuple[_Cue, int]]:
    """Cues for a figure with none in reach that restates a figure already claimed:

    * after ", or": the same figure in another form takes the cues of the claimed one ("cancelled 1,870
      of the 2,310 flights, or 81 percent": "cancelled" is also a cue of the share), or of the
      unclaimed figure before it ("shares fell 1.84 euros, or 12 percent");
    * after a comma, with nothing but words between: an elliptical second figure of the same claim type
      ("lasted two full days if you ask me, 41 hours if you ask Selvair");
    * after a noun standing for a figure ("figure is", "estimate of"): the claim type of the last
      claim in this sentence or, failing that, in the previous one ("SBC says nearly 2,000 flights were
      cancelled. Selvair's own figure is 1,870").
    Each inherited cue is placed at the value itself (a synthetic cue), so no later rule reads it as
    a phrase cue."""
    j = value.first - 1
    if j < 0:
        return []
    last = next((pair for pair in reversed(attached) if pair[0].last < value.first), None)
    if items[j].text == "or" and j >= 1 and items[j - 1].text == ",":
        before = next((v for v in values if v.last == j - 2), None)
        if before is not None and (last is None or last[0] is not before):
            # "shares fell 1.84 euros, or 12 percent": the unclaimed figure's own cue, just before it
            reach = range(before.first - _CONNECTOR_MAX, before.first + 1)
            return [(cue, 0) for cue in cues if cue.end in reach and not cue.ranged]
        if last is not None:
            span = (last[1].start, last[1].end)
            return [(cue, 0) for cue in cues if (cue.start, cue.end) == span and not cue.ranged]
    if last is not None and items[j].text == ",":
        between = range(last[0].last + 1, j)
        if all(items[k].kind == "word" and k not in starts and k not in value_starts for k in between):
            return [(_Cue(last[1].claim, value.first, value.first, False), 0)]
    for k in range(j, max(-1, j - 3), -1):
        if items[k].text in _FIGURE_NOUNS:
            if all(items[m].text in _FIGURE_LINKS for m in range(k + 1, value.first)):
                claimed = [cue.claim for _, cue in attached] or list(previous)
                return [(_Cue(claimed[-1], value.first, value.first, False), 0)] if claimed else []
            break
        if items[k].text not in _FIGURE_LINKS:
            break
    return []


def _coordinated_modifier_cues(
    items: Sequence[Item], last: int, starts: dict[int, list[_Cue]], compiled: Sequence[_Compiled]
) -> list[tuple[_Cue, int]]:
    """The cue after two modifiers joined by "and"/"or": "4.7 million current and former customers".
    Not when the first word is itself what a claim counts ("12 flights and stranded passengers")."""
    j = last + 1
    if j + 3 >= len(items) or items[j + 1].text not in ("and", "or"):
        return []
    first, second = items[j], items[j + 2]
    if first.kind != "word" or second.kind != "word" or (j + 3) not in starts:
        return []
    counted = {w for c in compiled for w in forms(c.claim.unit.lower(), plural=True)} | _COUNTED_PEOPLE
    if first.text in counted or first.text in _PHRASE_BREAKERS or second.text in _PHRASE_BREAKERS:
        return []
    return [(cue, 3) for cue in starts[j + 3]]


def _fitting(
    items: Sequence[Item], value: Value, found: list[tuple[_Cue, int]], compiled: Sequence[_Compiled]
) -> list[tuple[_Cue, int]]:
    """The cues of ``found`` whose claim type can take ``value``: its kind and unit, a share only for a
    claim in percent, and no count of things right before a cue counting people."""
    percentage = _is_percentage(items, value)
    return [
        (cue, gap)
        for cue, gap in found
        if _fits(value, compiled[cue.claim].claim)
        and percentage == (compiled[cue.claim].claim.unit.lower() in _PERCENT_UNITS)
        and not (cue.start == value.last + 1 and _counts_things(items, cue, compiled[cue.claim].claim))
    ]


_PERCENT_UNITS = frozenset({"percent", "per cent", "%", "percentage", "percentage points", "points"})


# Where a clause's subject ends the walk back from its figure: "Selvair cancelled 1,870, while
# NorthJet cancelled 12" gives 12 the subject NorthJet.
_CONTRAST_TEXT = "while whereas but unlike compared against versus"
_CONTRASTS = frozenset(_CONTRAST_TEXT.split())
# Words before a clause's subject: "At Hollin, its hub, 1,120 departures were cancelled".
_SUBJECT_LEAD_TEXT = "at in on for by of the a an and that , meanwhile also"
_SUBJECT_LEAD = frozenset(_SUBJECT_LEAD_TEXT.split())
_SPEECH_VERB_TEXT = "said says told tells added adds reported reports announced announces stated according"
_SPEECH_VERBS = frozenset(_SPEECH_VERB_TEXT.split())
_PRONOUNS = frozenset(["it", "he", "she", "they", "we", "i"])
_WHEN_MAX = 6  # items before ", when" naming the time its clause is about
_NAME_MAX = 3  # words of a name: "Arvenna Hollin International"


def _names_excluded(subject: tuple[str, ...], comp: _Compiled) -> bool:
    """Whether one of the claim type's ``exclude`` phrases is (part of) the clause's subject."""
    return any(
        subject[k : k + len(phrase)] == phrase
        for phrase in comp.exclude_phrases
        for k in range(len(subject) - len(phrase) + 1)
    )


def _clause_subject(
    items: Sequence[Item], first: int, value_starts: AbstractSet[int], text: str
) -> tuple[str, ...]:
    """The words naming what the clause of the figure at item ``first`` is about: the name (or first
    word) opening its clause ("NorthJet, the low-cost rival, said it had cancelled only 12 flights",
    "At Hollin, its hub, 1,120 departures were cancelled"), or the name a ", which"/", who" clause
    holding the figure refers to ("lose passengers to NorthJet, which cancelled only a dozen flights").
    A profile's ``exclude`` words naming the subject keep the figure from the claim type."""

    def name_from(j: int, step: int) -> tuple[str, ...]:
        words: list[str] = []
        while 0 <= j < first and len(words) < _NAME_MAX and items[j].kind == "word":
            if words and not text[items[j].start].isupper():
                break
            words.append(items[j].text)
            if not text[items[j].start].isupper():
                break
            j += step
        return tuple(words[::step])

    k = first - 1
    while k >= 0:
        item = items[k]
        if k in value_starts and _coordinated(items[k + 1 : first], text):
            # "Bessa district has recorded 610 suspected cases and 11 deaths": one subject for both.
            while k >= 0 and k in value_starts:
                k -= 1
            continue
        if _breaks_clause(item) or item.text in _CONTRASTS or k in value_starts:
            break
        # "NorthJet said Selvair cancelled ...": the reported clause has its own subject, unless it is
        # a pronoun standing for the speaker ("NorthJet said it had cancelled only 12").
        if item.text in _SPEECH_VERBS and k + 1 < first:
            after = k + 2 if items[k + 1].text == "that" and k + 2 < first else k + 1
            # ... but "Damaro has reported 640 cases and nine deaths" reports no clause: a figure follows
            if items[after].text not in _PRONOUNS and after not in value_starts:
                break
        if item.text in ("which", "who") and k > 1 and items[k - 1].text == ",":
            return name_from(k - 2, -1)
        if item.text in ("when", "where") and k > 1 and items[k - 1].text == ",":
            # "higher than in the first round on 26 September, when 58.9 percent voted", "its network
            # in Morvanne, where it has about 600,000 customers": the time or place before the comma
            return tuple(it.text for it in items[max(0, k - 1 - _WHEN_MAX) : k - 1] if it.kind == "word")
        k -= 1
    j = k + 1
    while j < first and items[j].text in _SUBJECT_LEAD:
        j += 1
    return name_from(j, 1)


_COORDINATED_MAX = 4  # items between two figures of one clause: "610 suspected cases and 11"


def _coordinated(between: Sequence[Item], text: str) -> bool:
    """Whether the items between two figures join them in one clause: objects of one verb ("610
    suspected cases and 11 deaths") or verbs of one subject ("cancelled 12 flights and stranded 300");
    not when a new subject follows the conjunction ("1,870 flights, and NorthJet cancelled 12")."""
    joins = [k for k, item in enumerate(between) if item.text in ("and", ",")]
    return (
        0 < len(between) <= _COORDINATED_MAX
        and bool(joins)
        and all(item.kind == "word" or item.text == "," for item in between)
        and not any(item.text in _VERB_GROUP for item in between)
        and not any(text[item.start].isupper() for item in between[joins[0] + 1 :])
    )


def _is_percentage(items: Sequence[Item], value: Value) -> bool:
    """A share written as one ("58%", "58 percent", "58 per cent"): it fits only a claim in percent, and
    a claim in percent takes only shares ("Selvair carries 58 percent of the passengers" is no count)."""
    after = value.last + 1
    return (
        items[value.last].text == "%"
        or (after < len(items) and items[after].text in ("percent", "percentage"))
        or (after + 1 < len(items) and items[after].text == "per" and items[after + 1].text == "cent")
    )


def _counts_things(items: Sequence[Item], cue: _Cue, claim: ClaimType) -> bool:
    """A count of people right before a cue of several words whose last word names no people: "310
    evacuation centres" counts centres, not evacuees ("45,000 evacuees", "nine deaths" still count)."""
    if claim.unit.lower() not in _COUNTED_PEOPLE or cue.end - cue.start < 2:
        return False
    head = items[cue.end - 1].text
    return head not in _COUNTED_PEOPLE and head.rstrip("s") not in _COUNTED_PEOPLE


def _past_conversion(items: Sequence[Item], value: Value, by_first: dict[int, Value]) -> int:
    """The last item of ``value`` and of the conversion in brackets that restates it, if one does:
    "the EUR 3.8 billion ($4.1 billion) deal" reads on to "deal"."""
    j = value.last + 1
    if j >= len(items) or items[j].text != "(":
        return value.last
    for k in (j + 1, j + 2):  # "($4.1 billion)", "(about $4.1 billion)"
        restated = by_first.get(k)
        if restated is not None and restated.conversion:
            end = restated.last + 1
            return end if end < len(items) and items[end].text == ")" else value.last
    return value.last


_MOTION_TEXT = "moving moved moves travelling traveling heading drifting crawling tracking"
_MOTION_WORDS = frozenset(_MOTION_TEXT.split())
_OWN_UNIT_REACH = 4  # items before the value whose exclude words still apply: "gusts of up to 240 km/h"


def _own_unit_cues(
    items: Sequence[Item], value: Value, compiled: Sequence[_Compiled]
) -> list[tuple[_Cue, int]]:
    """The quantity claim types that list the value's own unit as a cue ("put them at 185km/h" where
    "km/h" is a cue), unless the sentence lacks their context or an exclude word of theirs comes just
    before the value in its clause ("gusts of up to 240 km/h")."""
    if value.measure is None or (value.first and items[value.first - 1].text in ("to", "from", "by")):
        return []  # "had weakened to 150 km/h": one end of a change, not the figure itself
    before: set[str] = set()
    for item in reversed(items[max(0, value.first - _OWN_UNIT_REACH) : value.first]):
        if _breaks_clause(item) or item.text == ",":
            break
        before.add(item.text)
    if not _MOTION_WORDS.isdisjoint(before):
        return []  # "moving west at 20 km/h": how fast something travels, a figure of its own
    found: list[tuple[_Cue, int]] = []
    for k, comp in enumerate(compiled):
        if not any(convert(1.0, value.measure, unit) is not None for unit in comp.unit_cues):
            continue
        if comp.exclude.intersection(before) or (comp.context and not find_phrases(items, comp.context)):
            continue
        found.append((_Cue(k, value.first, value.last + 1, False), _FORWARD_MAX))
    return found


_OBJECT_MAX = 5  # words of a named object between a verb cue and "by"/"for": "buy Korean battery maker Haeon"
_OBJECT_PREPOSITIONS = {"count": "by", "money": "for"}


def _object_cues(
    items: Sequence[Item], value: Value, ends: dict[int, list[_Cue]], kind: str, text: str
) -> list[tuple[_Cue, int]]:
    """The verb cue of "leads Anton Kovač by 48,506 votes", "to buy Haeon for EUR 3.8 billion": the
    value follows "by" (a count) or "for" (money) after an object ending in a capitalised name."""
    j = value.first - 1
    if j < 1 or items[j].text != _OBJECT_PREPOSITIONS.get(kind) or not text[items[j - 1].start].isupper():
        return []
    found: list[tuple[_Cue, int]] = []
    for k in range(j - 1, max(-1, j - 1 - _OBJECT_MAX), -1):
        found.extend((cue, _CONNECTOR_MAX + (j - k)) for cue in ends.get(k, ()))
        if found or items[k].kind != "word" or items[k].text in _PHRASE_BREAKERS:
            break
    return found


def _kind_words(value: Value) -> str:
    if value.conversion:
        return "a conversion in brackets"
    if value.currency:
        return f"money in {value.currency}"
    if value.measure:
        return f"a quantity in {value.measure}"
    return "a duration" if value.seconds is not None else "a count"


# A subject's figure changing to the value: "the death toll from Typhoon Lumina rose to 12".
_CHANGE_VERB_TEXT = """
    rose risen rise rises climbed climb climbs jumped increased grew fell dropped reached reach reaches hit
    hits topped top tops exceeded exceed exceeds surpassed surpass passed passes pass stood stands remained
    remains unchanged steady fallen falls
"""
_CHANGE_VERBS = frozenset(_CHANGE_VERB_TEXT.split())
# Words between a figure's subject and its change verb: "the bill could reach", "the toll may have risen",
# "the number of records taken was unchanged at 9.6 million".
_MODALS = frozenset(
    ["could", "may", "might", "will", "would", "should", "can", "has", "have", "had", "was", "is"]
)
# Items from the cue to the verb: "from the earthquake that struck Dalvenia's Ostren mountains on
# Tuesday last week has risen to 768".
_CHANGE_SUBJECT_MAX = 14


# Words that open a noun phrase: the scan back from "of" ends there ("the airline's own estimate of").
_DETERMINER_TEXT = "a an the its their his her our this that these those"
_DETERMINERS = frozenset(_DETERMINER_TEXT.split())
_NOUN_PHRASE_MAX = 5  # words of the phrase before "of": "a compensation and refund bill of"


def _noun_phrase_cues(
    items: Sequence[Item], value: Value, ends: dict[int, list[_Cue]]
) -> list[tuple[_Cue, int]]:
    """The cue inside the noun phrase whose "of" the value completes: "a compensation and refund bill of
    EUR 85 million" (the cue "compensation", words between, "of" before the value). The phrase runs
    back to its determiner, a possessive or a word that cannot be in it."""
    j = value.first - 1
    if j < 1 or items[j].text != "of":
        return []
    found: list[tuple[_Cue, int]] = []
    for k in range(j - 1, max(-1, j - 1 - _NOUN_PHRASE_MAX), -1):
        item = items[k]
        if (
            item.kind != "word"
            or item.text in _DETERMINERS
            or (item.text in _PHRASE_BREAKERS and item.text != "and")
        ):
            break
        found.extend((cue, _CONNECTOR_MAX + (j - k)) for cue in ends.get(k + 1, ()))
    return found


def _change_cues(
    items: Sequence[Item], value: Value, ends: dict[int, list[_Cue]], value_starts: AbstractSet[int]
) -> list[tuple[_Cue, int]]:
    """The cue of a clause whose figure changes to the value ("the death toll ... rose to 12"): a change
    verb (and "to") right before the value, then the cue within a few items before the verb, with no
    other number or clause break between."""
    j = value.first - 1
    if j >= 0 and items[j].text in ("to", "at"):
        j -= 1
    if j < 0 or items[j].text not in _CHANGE_VERBS:
        return []
    while j > 0 and items[j - 1].text in _MODALS:  # "the compensation bill could reach up to ..."
        j -= 1
    found: list[tuple[_Cue, int]] = []
    for k in range(j, max(-1, j - _CHANGE_SUBJECT_MAX), -1):
        if k != j and (k in value_starts or _breaks_clause(items[k]) or items[k].text == ","):
            break
        found.extend((cue, _CONNECTOR_MAX + (j - k)) for cue in ends.get(k, ()))
    return found


# Verbs that set a figure through their object: "puts the number of suspected cases nationally at more
# than 5,000", "raised its emergency funding for the outbreak to 3.1 billion shillings".
_SETTING_VERB_TEXT = """
    put puts putting estimated estimates estimate pegged pegs placed places raised raises raising increased
    increases lifted lifts cut cuts cutting lowered lowers revised revises revising brought brings bringing
    set sets widened widens widening extended extends expanded expands
"""
_SETTING_VERBS = frozenset(_SETTING_VERB_TEXT.split())
# Items from the verb to "at"/"to": "its estimate of the number of customers caught up in this month's
# data breach".
_SETTING_OBJECT_MAX = 16


def _verb_object_cues(
    items: Sequence[Item],
    value: Value,
    ends: dict[int, list[_Cue]],
    value_starts: AbstractSet[int],
    compiled: Sequence[_Compiled],
) -> list[tuple[_Cue, int]]:
    """The cue inside the object of a verb that sets a figure ("put X at V", "raised X to V"): "at" or
    "to" right before the value, the verb a few items before, and the cue between them, with no
    other number or clause break in the object."""
    j = value.first - 1
    if j < 1 or items[j].text not in ("at", "to"):
        return []
    found: list[tuple[_Cue, int]] = []
    for k in range(j - 1, max(-1, j - 1 - _SETTING_OBJECT_MAX), -1):
        if k in value_starts or _breaks_clause(items[k]) or items[k].text == ",":
            return []
        if items[k].text in _SETTING_VERBS:
            # "estimated damage to roads and bridges at P740 million": an exclude word in the object
            return [
                (cue, gap)
                for cue, gap in found
                if cue.start >= k
                and not compiled[cue.claim].exclude.intersection(item.text for item in items[cue.end : j])
            ]
        found.extend((cue, _CONNECTOR_MAX + (j - k)) for cue in ends.get(k + 1, ()))
    return []


def _is_people(claim: ClaimType) -> bool:
    return claim.unit.lower() in _COUNTED_PEOPLE


def _partitive_cues(
    items: Sequence[Item], value: Value, starts: dict[int, list[_Cue]], by_first: dict[int, Value]
) -> list[tuple[_Cue, int]]:
    """The cue of "113 of the 240 seats": the part counts what the total counts."""
    j = value.last + 1
    if j + 1 >= len(items) or items[j].text != "of":
        return []
    j += 2 if items[j + 1].text in ("the", "a", "all") else 1
    total = by_first.get(j)
    if total is None:
        return []
    return [(cue, 0) for cue in starts.get(total.last + 1, ())]


# Subjects a count may carry into its verb ("nine people were killed", "45,000 residents fled").
_COUNTED_PEOPLE_TEXT = """
    people persons residents villagers individuals passengers workers employees voters others civilians
    children adults families households
"""
_COUNTED_PEOPLE = frozenset(_COUNTED_PEOPLE_TEXT.split())
# What may follow a bare count that is its clause's subject: "more than 62,000 have fled".
_VERB_GROUP_TEXT = "are is was were have has had will would could may might remain remained remains been be"
_VERB_GROUP = frozenset(_VERB_GROUP_TEXT.split())
_PREDICATE_MAX = 6  # words from the counted noun to the cue: "people were staying in evacuation centres"
_PREDICATE_STOP_TEXT = "and or but which who whom that while whereas than if because"
_PREDICATE_STOPS = frozenset(_PREDICATE_STOP_TEXT.split())


def _predicate_cues(
    items: Sequence[Item],
    value: Value,
    starts: dict[int, list[_Cue]],
    compiled: Sequence[_Compiled],
    value_starts: AbstractSet[int],
    by_first: dict[int, Value],
) -> list[tuple[_Cue, int]]:
    """Cues a count reaches as the subject of its clause, in either voice: "at least nine people were
    killed", "nearly 45,000 people were staying in evacuation centres", "more than 62,000 have fled".
    The count is followed by the claim's unit or a word for people (or directly by the verb), then by
    at most a few words of its predicate, with no other number, clause break or conjunction between."""
    j = value.last + 1
    counted = False
    if j < len(items) and items[j].kind == "word":
        unit_words = {w for c in compiled for w in forms(c.claim.unit.lower(), plural=True)}
        if items[j].text in _COUNTED_PEOPLE or items[j].text in unit_words:
            j, counted = j + 1, True
    if not counted and j < len(items) and j not in starts and items[j].text not in _VERB_GROUP:
        return []  # "two part-time staff tried to get stranded customers home": the count is no subject
    if counted:
        j = _past_subject_modifier(items, j, value_starts)
    found: list[tuple[_Cue, int]] = []
    words = 0
    while j < len(items) and words <= _PREDICATE_MAX:
        for cue in starts.get(j, ()):
            between = {item.text for item in items[value.last + 1 : cue.start]}
            if not compiled[cue.claim].exclude.intersection(between):
                found.append((cue, words + _FORWARD_MAX))  # ranks after a noun-phrase cue
        item = items[j]
        if found or item.text in _PREDICATE_STOPS:
            break
        if j in value_starts:
            # "64,200 people were in 412 evacuation centres": a count of the things the cue names is
            # part of the predicate, and the cue after it is the subject's.
            inner = by_first.get(j)
            if inner is not None:
                found += [
                    (cue, words + _FORWARD_MAX + 1)
                    for cue in starts.get(inner.last + 1, ())
                    if _counts_things(items, cue, compiled[cue.claim].claim)
                ]
            break
        if item.kind != "word":
            break
        words += 1
        j += 1
    return found


_MODIFIER_PREPOSITIONS = frozenset(["across", "in", "from", "at", "on", "throughout", "around", "near"])
_MODIFIER_MAX = 8  # items of a subject's place: "across Tarrin and the surrounding districts"


def _past_subject_modifier(items: Sequence[Item], j: int, value_starts: AbstractSet[int]) -> int:
    """Where the predicate starts after a subject's prepositional modifier: "1.3 million people
    [across Tarrin and the surrounding districts] were still without safe water" skips to "were";
    ``j`` itself when there is no such modifier or no verb ends it."""
    if j >= len(items) or items[j].text not in _MODIFIER_PREPOSITIONS:
        return j
    for k in range(j + 1, min(len(items), j + 1 + _MODIFIER_MAX)):
        if items[k].text in _VERB_GROUP:
            return k
        if k in value_starts or items[k].kind not in ("word", "date") or items[k].text in ("which", "who"):
            return j
    return j


def _fits(value: Value, claim: ClaimType) -> bool:
    if value.measure is not None or claim.kind == "quantity":
        target = unit_expression(claim.unit) if claim.kind == "quantity" else None
        return (
            target is not None
            and value.measure is not None
            and not value.conversion
            and convert(1.0, value.measure, target) is not None
        )
    if value.currency is not None or claim.kind == "money":
        return claim.kind == "money" and value.currency == claim.unit and not value.conversion
    if value.per_unit is None:
        return claim.kind == "count"
    return claim.kind == "duration" and converts(value.per_unit, claim.unit)


def _plus(
    items: Sequence[Item], cue: _Cue, by_first: dict[int, Value], starts: dict[int, list[_Cue]]
) -> tuple[Value, bool] | None:
    """'14 MOUs, plus a 15th agreement' -> (the 15th, True); '14 MOUs plus two accords' -> (two, False)."""
    j = cue.end
    # The counted noun may run on ("14 memoranda of understanding, plus a 15th"): skip a few words.
    while j < min(len(items), cue.end + _FORWARD_MAX) and items[j].kind == "word" and items[j].text != "plus":
        j += 1
    if j < len(items) and items[j].text == ",":
        j += 1
    if j >= len(items) or items[j].text != "plus":
        return None
    j += 1
    if j < len(items) and items[j].text in ("a", "an", "another"):
        j += 1
    extra = by_first.get(j)
    if extra is None or extra.seconds is not None:
        return None
    for other, _gap in _scan_forward(items, extra.last, starts, _FORWARD_MAX, _PHRASE_BREAKERS):
        if other.claim == cue.claim:
            return extra, extra.ordinal
    return None


_NOUN_AFTER_ING_OK = _PHRASE_BREAKERS | {"the", "a", "an", "its", "their", "date", "day", "deadline"}


def _modifies_noun(items: Sequence[Item], cue: _Cue, text: str) -> bool:
    """A one-word "-ing" cue used as an adjective: "the stock's closing price on Friday" dates the price,
    not a closing ("closing the deal on Friday", "closing date", "closing on Friday" still count)."""
    word = items[cue.start].text
    if cue.end - cue.start != 1 or not word.endswith("ing") or cue.end >= len(items):
        return False
    after = items[cue.end]
    return after.kind == "word" and text[after.start].islower() and after.text not in _NOUN_AFTER_ING_OK


def _date_claims(
    items: list[Item],
    cues: list[_Cue],
    compiled: Sequence[_Compiled],
    sentence: tuple[str, int, int],
    timezone: str | None = None,
) -> list[tuple[int, Claim]]:
    """(offset in the sentence, claim) for each claim; the offset puts them in text order. A date with a
    clock time in another zone is the event's local day (``timezone``, the profile's)."""
    text = sentence[0]
    index: dict[bool, tuple[dict[int, list[_Cue]], dict[int, list[_Cue]]]] = {True: ({}, {}), False: ({}, {})}
    for cue in cues:
        if compiled[cue.claim].claim.kind == "date" and not _modifies_noun(items, cue, text):
            starts, ends = index[cue.ranged]
            starts.setdefault(cue.start, []).append(cue)
            ends.setdefault(cue.end, []).append(cue)
    claims: list[tuple[int, Claim]] = []
    for i, item in enumerate(items):
        if item.kind != "date" or item.dates is None:
            continue
        first, last = item.dates
        span = (item.start, item.end)
        if last is not None:  # a range: each claim type with a range part takes its end
            starts, ends = index[True]
            near = _scan_back(items, i, ends, _RANGE_MAX, None)
            near += _scan_forward(items, i, starts, _RANGE_MAX, frozenset(), dateline=True)
            for k in sorted({cue.claim for cue, _ in near}):
                comp = compiled[k]
                day = first if comp.claim.range_part == "start" else last
                claims.append((span[0], _claim(comp, day.isoformat(), None, text, span, sentence)))
            continue
        starts, ends = index[False]
        if i >= 2 and items[i - 1].text == "from" and items[i - 2].text in _RESCHEDULED:
            continue  # "postponed from April 30": the date it no longer has
        cands = _scan_back(items, i, ends, _CLAUSE_MAX, None, _DATE_BLOCKERS)
        # A dateline or an opening date ("Jan 6, 2026 – ...", "On Monday, ...", "Last Sunday night the
        # minister went on television to declare ...") dates the whole sentence.
        opener = all(item.text in _DATE_OPENERS for item in items[:i]) and i <= 2
        limit = len(items) if opener else 2
        stop = frozenset() if opener else _PHRASE_BREAKERS
        cands += _scan_forward(items, i, starts, limit, stop, _DATE_BLOCKERS, dateline=opener)
        best = _best(cands, compiled)
        if best is not None:
            day, j = first, clock_near(items, i)
            note = None
            if j is not None:  # the evidence shows the time the day was converted from
                day = local_day(first, items[j].text, timezone)
                span = (min(span[0], items[j].start), max(span[1], items[j].end))
                if day != first:  # an outlet abroad wrote another day for the same instant
                    note = f"{items[j].text} on {first.isoformat()} is {day.isoformat()} in {timezone}"
            claim = _claim(compiled[best.claim], day.isoformat(), None, text, span, sentence)
            claims.append((span[0], replace(claim, note=note) if note else claim))
    return claims


@lru_cache(maxsize=8)
def _currencies(profile: EventProfile) -> Currencies:
    """The money forms this profile's articles are read with (its claims' currencies and words)."""
    return profile_currencies((c.unit, c.currency_words) for c in profile.claim_types if c.kind == "money")


def extract_claims(text: str, profile: EventProfile, *, published: date | None = None) -> list[Claim]:
    """Every claim of the profile's claim types stated in ``text``, in text order.

    ``published`` only helps place bare weekdays when the event lasts a week or more. Pure: the same
    text and profile always give the same claims.
    """
    return _extract(text, profile, published, None)


def explain_skipped_figures(
    text: str, profile: EventProfile, *, published: date | None = None
) -> list[SkippedFigure]:
    """The figures in ``text``'s sentences with a claim type's cue that gave no claim, each with the
    reason (for ``presswatch profile check``): the rules of :func:`extract_claims`, explained."""
    skipped: list[SkippedFigure] = []
    _extract(text, profile, published, skipped)
    return skipped


def _extract(
    text: str, profile: EventProfile, published: date | None, skipped: list[SkippedFigure] | None
) -> list[Claim]:
    compiled = _compile(profile)
    if not compiled or not text:
        return []
    measured = any(comp.unit_cues for comp in compiled)  # a value's own unit may be its only cue
    claims: list[Claim] = []
    index_of = {comp.claim.id: k for k, comp in enumerate(compiled)}
    currencies = _currencies(profile)
    previous: list[int] = []  # claim types of the previous sentence's claims
    for start, end in split_sentences(text):
        sentence = text[start:end]
        norm = sentence.translate(CHAR_MAP)
        items = merge_times(merge_dates(tokenize(norm), read_dates(norm, profile, published)), norm)
        cues = _cues(items, compiled)
        if not cues and not ((measured or previous) and any(c.kind == "num" for c in items)):
            previous = []
            continue
        evidence = (sentence, start, end)
        elsewhen = other_time_items(items, range(profile.window_start.year, profile.window_end.year + 1))
        values = read_values(items, profile.start.year, currencies)
        found = _number_claims(
            items, values, cues, compiled, evidence, elsewhen, skipped if cues else None, previous
        )
        # A date years away from the event is another event's ("certified as a monument on 3 May 2019").
        near = range(profile.window_start.year - 1, profile.window_end.year + 2)
        dated = _date_claims(items, cues, compiled, evidence, profile.timezone)
        found += [(offset, claim) for offset, claim in dated if int(str(claim.value)[:4]) in near]
        if skipped is not None:
            far = [claim for _, claim in dated if int(str(claim.value)[:4]) not in near]
            skipped += [SkippedFigure(start, c.value_text, "a date years away from the event") for c in far]
        in_order = [claim for _, claim in sorted(found, key=lambda pc: pc[0])]
        claims += in_order
        previous = [index_of[claim.claim_type] for claim in in_order if claim.claim_type in index_of]
    return claims
