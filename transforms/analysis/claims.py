"""Comparable factual claims (counts, durations, money, quantities, dates) and the conflicts between
outlets' values.

What to look for comes from the event profile's ``[[claims]]`` tables (:class:`ClaimType`); how it is
written comes from English news conventions, so another event needs another profile, not new code.
Reading a sentence (tokens, phrases, dates, clock times) lives in :mod:`.claim_sentence`, reading its
numbers (counts, durations, money, quantities) in :mod:`.claim_values`, finding cues and scanning to them
in :mod:`.claim_cues`, the longer constructions joining a value to a cue in :mod:`.claim_reach`, and the
rules that keep a figure out in :mod:`.claim_guards`; this module decides which cue each value goes to.
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

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from transforms.analysis.claim_cues import (
    CLAUSE_MAX,
    CONNECTOR_MAX,
    CONNECTORS_BY_KIND,
    DATE_BLOCKERS,
    DURATION_CONNECTORS,
    FORWARD_MAX,
    MONEY_PHRASE_BREAKERS,
    PHRASE_BREAKERS,
    RANGE_MAX,
    CompiledClaim,
    Cue,
    compile_claim_types,
    find_cues,
    scan_back,
    scan_forward,
)
from transforms.analysis.claim_guards import not_a_figure, other_time_items
from transforms.analysis.claim_reach import (
    change_cues,
    clause_subject,
    coordinated_modifier_cues,
    counts_things,
    is_people,
    names_excluded,
    noun_phrase_cues,
    object_cues,
    own_unit_cues,
    partitive_cues,
    past_conversion,
    predicate_cues,
    restated_cues,
    verb_object_cues,
)
from transforms.analysis.claim_sentence import (
    CHAR_MAP,
    Item,
    clock_near,
    local_day,
    merge_dates,
    merge_times,
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

_RESCHEDULED_TEXT = "postponed moved delayed rescheduled back forward brought pushed"
_RESCHEDULED = frozenset(_RESCHEDULED_TEXT.split())
# Words that may open a sentence before the date that dates it: "On Monday", "Late on Tuesday".
_DATE_OPENERS = frozenset(["on", "last", "early", "late"])


# --- extraction ----------------------------------------------------------------------------------


def number_text(n: float) -> str:
    """A number as written in claim values: "15" (not "15.0"), "2.5"."""
    return str(int(n)) if float(n).is_integer() else f"{n:.4f}".rstrip("0")


def _claim(
    comp: CompiledClaim,
    value: float | str,
    qualifier: str | None,
    text: str,
    span: tuple[int, int],
    sentence: tuple[str, int, int],
) -> Claim:
    return Claim(comp.claim.id, value, comp.claim.unit, qualifier, text[span[0] : span[1]], *sentence)


def _best(cands: list[tuple[Cue, int]], compiled: Sequence[CompiledClaim]) -> Cue | None:
    """The nearest cue; ties go to the longer cue, then to the claim type listed first."""
    if not cands:
        return None
    return min(cands, key=lambda c: (c[1], -(c[0].end - c[0].start), c[0].claim))[0]


def _number_claims(
    items: list[Item],
    values: list[Value],
    cues: list[Cue],
    compiled: Sequence[CompiledClaim],
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

    starts: dict[int, list[Cue]] = {}
    ends: dict[int, list[Cue]] = {}
    for cue in cues:
        if not cue.ranged and compiled[cue.claim].claim.kind != "date":
            starts.setdefault(cue.start, []).append(cue)
            ends.setdefault(cue.end, []).append(cue)
    by_first = {v.first: v for v in values}
    holding = {cue for cue in cues if not cue.ranged and compiled[cue.claim].claim.kind != "date"}
    value_starts = {v.first for v in values} | {k for v in values for k in range(v.first, v.last + 1)}
    consumed: set[int] = set()
    claims: list[tuple[int, Claim]] = []
    attached: list[tuple[Value, Cue]] = []  # each claimed value and its cue, in text order
    for v in values:
        if v.first in consumed or v.ordinal:
            continue
        people_after = any(is_people(compiled[c.claim].claim) for c in starts.get(v.last + 1, ()))
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
        cands: list[tuple[Cue, int]] = [
            (cue, 0) for cue in cues if cue.start <= v.first and v.last < cue.end and cue in holding
        ]
        excluded: set[str] = set()
        if v.adverbial:
            cands += scan_back(items, v.first, ends, CLAUSE_MAX, None)
        else:
            after = past_conversion(items, v, by_first)
            stop = MONEY_PHRASE_BREAKERS if kind == "money" else PHRASE_BREAKERS
            for cue, gap in scan_forward(items, after, starts, FORWARD_MAX, stop):
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
                cands += coordinated_modifier_cues(items, after, starts, compiled)
            connectors = CONNECTORS_BY_KIND.get(kind, DURATION_CONNECTORS)
            cands += scan_back(items, v.first, ends, CONNECTOR_MAX, connectors)
            if not cands and kind == "quantity":
                cands += own_unit_cues(items, v, compiled)
            if not cands:  # "the average wait for a repair had fallen to 35 days"
                cands += change_cues(items, v, ends, value_starts)
            if not cands and kind != "duration":
                cands += noun_phrase_cues(items, v, ends)
                cands += verb_object_cues(items, v, ends, value_starts, compiled)
                cands += object_cues(items, v, ends, kind, text)
            if not cands and kind == "count":
                cands += [
                    (cue, gap)
                    for cue, gap in partitive_cues(items, v, starts, by_first)
                    if not is_people(compiled[cue.claim].claim)
                ]
                cands += predicate_cues(items, v, starts, compiled, value_starts, by_first)
        subject = clause_subject(items, v.first, value_starts, text)
        barred = {cue.claim for cue, _ in cands if names_excluded(subject, compiled[cue.claim])}
        excluded.update(compiled[k].claim.id for k in barred)
        cands = [(cue, gap) for cue, gap in cands if cue.claim not in barred]
        best = _best(_fitting(items, v, cands, compiled), compiled)
        if best is None and not cands and not excluded:
            restated = restated_cues(items, v, cues, attached, previous, value_starts, starts, values)
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


def _fitting(
    items: Sequence[Item], value: Value, found: list[tuple[Cue, int]], compiled: Sequence[CompiledClaim]
) -> list[tuple[Cue, int]]:
    """The cues of ``found`` whose claim type can take ``value``: its kind and unit, a share only for a
    claim in percent, and no count of things right before a cue counting people."""
    percentage = _is_percentage(items, value)
    return [
        (cue, gap)
        for cue, gap in found
        if _fits(value, compiled[cue.claim].claim)
        and percentage == (compiled[cue.claim].claim.unit.lower() in _PERCENT_UNITS)
        and not (cue.start == value.last + 1 and counts_things(items, cue, compiled[cue.claim].claim))
    ]


_PERCENT_UNITS = frozenset({"percent", "per cent", "%", "percentage", "percentage points", "points"})


def _is_percentage(items: Sequence[Item], value: Value) -> bool:
    """A share written as one ("58%", "58 percent", "58 per cent"): it fits only a claim in percent, and
    a claim in percent takes only shares ("Selvair carries 58 percent of the passengers" is no count)."""
    after = value.last + 1
    return (
        items[value.last].text == "%"
        or (after < len(items) and items[after].text in ("percent", "percentage"))
        or (after + 1 < len(items) and items[after].text == "per" and items[after + 1].text == "cent")
    )


def _kind_words(value: Value) -> str:
    if value.conversion:
        return "a conversion in brackets"
    if value.currency:
        return f"money in {value.currency}"
    if value.measure:
        return f"a quantity in {value.measure}"
    return "a duration" if value.seconds is not None else "a count"


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
    items: Sequence[Item], cue: Cue, by_first: dict[int, Value], starts: dict[int, list[Cue]]
) -> tuple[Value, bool] | None:
    """'14 MOUs, plus a 15th agreement' -> (the 15th, True); '14 MOUs plus two accords' -> (two, False)."""
    j = cue.end
    # The counted noun may run on ("14 memoranda of understanding, plus a 15th"): skip a few words.
    while j < min(len(items), cue.end + FORWARD_MAX) and items[j].kind == "word" and items[j].text != "plus":
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
    for other, _gap in scan_forward(items, extra.last, starts, FORWARD_MAX, PHRASE_BREAKERS):
        if other.claim == cue.claim:
            return extra, extra.ordinal
    return None


_NOUN_AFTER_ING_OK = PHRASE_BREAKERS | {"the", "a", "an", "its", "their", "date", "day", "deadline"}


def _modifies_noun(items: Sequence[Item], cue: Cue, text: str) -> bool:
    """A one-word "-ing" cue used as an adjective: "the stock's closing price on Friday" dates the price,
    not a closing ("closing the deal on Friday", "closing date", "closing on Friday" still count)."""
    word = items[cue.start].text
    if cue.end - cue.start != 1 or not word.endswith("ing") or cue.end >= len(items):
        return False
    after = items[cue.end]
    return after.kind == "word" and text[after.start].islower() and after.text not in _NOUN_AFTER_ING_OK


def _date_claims(
    items: list[Item],
    cues: list[Cue],
    compiled: Sequence[CompiledClaim],
    sentence: tuple[str, int, int],
    timezone: str | None = None,
) -> list[tuple[int, Claim]]:
    """(offset in the sentence, claim) for each claim; the offset puts them in text order. A date with a
    clock time in another zone is the event's local day (``timezone``, the profile's)."""
    text = sentence[0]
    index: dict[bool, tuple[dict[int, list[Cue]], dict[int, list[Cue]]]] = {True: ({}, {}), False: ({}, {})}
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
            near = scan_back(items, i, ends, RANGE_MAX, None)
            near += scan_forward(items, i, starts, RANGE_MAX, frozenset(), dateline=True)
            for k in sorted({cue.claim for cue, _ in near}):
                comp = compiled[k]
                day = first if comp.claim.range_part == "start" else last
                claims.append((span[0], _claim(comp, day.isoformat(), None, text, span, sentence)))
            continue
        starts, ends = index[False]
        if i >= 2 and items[i - 1].text == "from" and items[i - 2].text in _RESCHEDULED:
            continue  # "postponed from April 30": the date it no longer has
        cands = scan_back(items, i, ends, CLAUSE_MAX, None, DATE_BLOCKERS)
        # A dateline or an opening date ("Jan 6, 2026 – ...", "On Monday, ...", "Last Sunday night the
        # minister went on television to declare ...") dates the whole sentence.
        opener = all(item.text in _DATE_OPENERS for item in items[:i]) and i <= 2
        limit = len(items) if opener else 2
        stop = frozenset() if opener else PHRASE_BREAKERS
        cands += scan_forward(items, i, starts, limit, stop, DATE_BLOCKERS, dateline=opener)
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
    compiled = compile_claim_types(profile)
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
        cues = find_cues(items, compiled)
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
