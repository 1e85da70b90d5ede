"""Comparable factual claims (counts, durations, dates) and the conflicts between outlets' values.

What to look for comes from the event profile's ``[[claims]]`` tables (:class:`ClaimType`); how it is
written comes from English news conventions, so another event needs another profile, not new code.

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
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone
from typing import Any

from transforms.currencies import CURRENCY_WORDS, GLUED_ONLY, PREFIXES
from transforms.profile import ClaimType, EventProfile
from transforms.text.dates import (
    DAY_PATTERN,
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    WEEKDAYS,
    YEAR_PATTERN,
    day_number,
    month_number,
    safe_date,
    weekday_number,
)
from transforms.text.sentences import split_sentences
from transforms.units import convert, max_spelling_words, unit_expression

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
    ``text[start:end] == sentence``. ``note`` explains a value that differs from what the text says
    on its face ("18:10 GMT on 2027-09-15 is 2027-09-16 in Asia/Manila"), else None.
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


# --- text and tokens -----------------------------------------------------------------------------

# One character for one character, so offsets in the normalised text are offsets in the original.
_CHAR_MAP = str.maketrans(
    {
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " ",
        "\u202f": " ", "\u2007": " ", "\u2018": "'", "\u2019": "'",
    }
)  # fmt: skip
# Numbers (with thousands separators, decimals, ordinal suffixes), words, or any other single mark.
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*(?:st|nd|rd|th)?|[^\W\d_]+(?:'[^\W\d_]+)*|\S")
_HYPHEN = "-"
# Punctuation that ends the clause a cue and its value must share.
_CLAUSE_BREAKS = frozenset(";:()[]—–-|•")


@dataclass
class _Item:
    """A token of a sentence, or a whole date."""

    kind: str  # "word" | "num" | "punct" | "date" | "time"
    text: str  # lower-cased ("" for dates)
    start: int
    end: int
    joined: bool = False  # glued to the previous item by a hyphen ("four-day", "400-member")
    dates: tuple[date, date | None] | None = None  # a date's (first day, last day of a range or None)


def _tokenize(sentence: str) -> list[_Item]:
    raw = list(_TOKEN_RE.finditer(sentence))
    items: list[_Item] = []
    joined = False
    for k, m in enumerate(raw):
        tok = m.group()
        # A hyphen touching letters/digits on both sides joins two words; elsewhere it is a dash.
        if (
            tok == _HYPHEN
            and 0 < k < len(raw) - 1
            and raw[k - 1].end() == m.start()
            and raw[k + 1].start() == m.end()
            and raw[k - 1].group()[-1].isalnum()
            and raw[k + 1].group()[0].isalnum()
        ):
            joined = True
            continue
        kind = "num" if tok[0].isdigit() else "word" if tok[0].isalpha() else "punct"
        items.append(_Item(kind, tok.lower(), m.start(), m.end(), joined))
        joined = False
    return items


def _phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(i.text for i in _tokenize(phrase.translate(_CHAR_MAP)) if i.kind != "punct")


def _forms(word: str, plural: bool) -> tuple[str, ...]:
    """The token spellings a phrase word matches: itself, and simple plurals for a phrase's last word."""
    if not plural:
        return (word,)
    return (word, word + "s", word + "es", *((word[:-1] + "ies",) if word.endswith("y") else ()))


_PhraseIndex = dict[str, tuple[tuple[str, ...], ...]]


def _phrase_index(phrases: Sequence[tuple[str, ...]]) -> _PhraseIndex:
    """Phrases keyed by the spellings of their first token, so a scan looks at one bucket per token."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        for form in _forms(phrase[0], plural=len(phrase) == 1):
            index.setdefault(form, []).append(phrase)
    return {key: tuple(bucket) for key, bucket in index.items()}


def _find_phrases(
    items: Sequence[_Item], index: _PhraseIndex, present: AbstractSet[str] | None = None
) -> list[tuple[int, int]]:
    """(start, end) item spans of every phrase occurrence; the last word may be plural.

    ``present`` (the sentence's token texts, when the caller has them) skips the scan when no phrase
    can start in the sentence, which is the common case.
    """
    if present is not None and index.keys().isdisjoint(present):
        return []
    hits = []
    for i, item in enumerate(items):
        for phrase in index.get(item.text, ()) if item.kind in ("word", "num") else ():
            end = i + len(phrase)
            if end <= len(items) and all(
                items[i + k].kind in ("word", "num") and items[i + k].text in _forms(w, k == len(phrase) - 1)
                for k, w in enumerate(phrase[1:], start=1)
            ):
                hits.append((i, end))
    return hits


# --- dates ---------------------------------------------------------------------------------------

# Unlike transforms.text.dates' MONTH_PATTERN, a full month name may take a dot too ("January. 5"); and
# a range separator needs spaces around its words and takes no "and" ("Jan. 4 and 7" is no range here).
_MONTH = rf"(?:{MONTH_NAMES}|{MONTH_ABBREVIATIONS})\b\.?"
_TO = r"(?:\s?[-–—]\s?|\s(?:to|through|until)\s)"
# Each alternative starts on a different kind of character and every repeat is bounded: linear.
_DATE_RE = re.compile(
    r"\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]?\d)-(?P<id>[0-3]?\d)\b"
    rf"|\b(?P<m1>{_MONTH})\s(?P<d1>{DAY_PATTERN})(?:{_TO}(?:(?P<m1b>{_MONTH})\s)?(?P<d1b>{DAY_PATTERN}))?"
    rf"{YEAR_PATTERN.format('y1')}"
    rf"|\b(?:(?P<d2a>{DAY_PATTERN}){_TO})?(?P<d2>{DAY_PATTERN})\s(?:of\s)?(?P<m2>{_MONTH}){YEAR_PATTERN.format('y2')}"
    r"|\b(?P<wd>" + "|".join(WEEKDAYS) + r")\b"
)


def _in_year(
    year: int | None, month: int, day: int, anchor: date, span: tuple[date, date] | None = None
) -> date | None:
    """The date itself, or for a year-less one: the occurrence inside ``span`` (the event's days) if
    one is, else the occurrence nearest ``anchor`` (the article's date, else the event start)."""
    years = [year] if year else [anchor.year - 1, anchor.year, anchor.year + 1]
    fits = [d for y in years if (d := safe_date(y, month, day)) is not None]
    if not year and span is not None:
        inside = [d for d in fits if span[0] <= d <= span[1]]
        if inside:
            return inside[0]
    return min(fits, key=lambda d: abs((d - anchor).days)) if fits else None


# Words before a weekday that put it after the article's date: "is due to do on Friday", "would now
# slip to Monday", "will certify the result next Friday". Anything else reads as past.
_FUTURE_RE = re.compile(
    r"\b(?:will|would|shall|won't|due|scheduled|expected|set\s+to|plans?\s+to|next|coming|"
    r"postponed|delayed|slip|slips|pushed\s+back|moved\s+to|is\s+to|are\s+to)\b",
    re.IGNORECASE,
)
_FUTURE_REACH = 60  # characters before the weekday that can carry its tense


def _weekday(name: str, profile: EventProfile, published: date | None, forward: bool = False) -> date | None:
    """A bare weekday is only a date when it names one day: inside a short event, else the one before
    publication, or after it when the sentence speaks of the future (``forward``)."""
    target = weekday_number(name)
    if (profile.end - profile.start).days < 7:
        day = profile.start + timedelta(days=(target - profile.start.weekday()) % 7)
        return day if day <= profile.end else None
    if published is None:
        return None
    if forward:
        return published + timedelta(days=(target - published.weekday()) % 7)
    return published - timedelta(days=(published.weekday() - target) % 7)


def _speaks_ahead(sentence: str, at: int) -> bool:
    """Whether the words just before offset ``at`` (in its clause) put a weekday in the future."""
    before = sentence[max(0, at - _FUTURE_REACH) : at]
    if re.search(r"\blast\s*$", before, re.IGNORECASE):
        return False
    clause = re.split(r"[;:()]|\s[–—]\s", before)[-1]
    return _FUTURE_RE.search(clause) is not None


def _dates(
    sentence: str, profile: EventProfile, published: date | None
) -> list[tuple[int, int, date, date | None]]:
    """(start, end, first day, last day of a range or None) for each date in ``sentence``."""
    found = []
    anchor, span = published or profile.start, (profile.start, profile.end)
    matches = list(_DATE_RE.finditer(sentence))
    for k, m in enumerate(matches):
        last: date | None = None
        if m.group("iy"):
            first = _in_year(int(m.group("iy")), int(m.group("im")), int(m.group("id")), anchor)
        elif m.group("wd"):
            following = matches[k + 1] if k + 1 < len(matches) else None
            if following is not None and re.fullmatch(r",?\s?", sentence[m.end() : following.start()]):
                continue  # "Friday, 22 October": the written date says which Friday
            first = _weekday(m.group("wd"), profile, published, _speaks_ahead(sentence, m.start()))
        elif m.group("m1"):
            year = int(m.group("y1")) if m.group("y1") else None
            month = month_number(m.group("m1"))
            first = _in_year(year, month, day_number(m.group("d1")), anchor, span)
            if m.group("d1b") and first is not None:
                end_month = month_number(m.group("m1b")) if m.group("m1b") else month
                last = _in_year(first.year, end_month, day_number(m.group("d1b")), first)
        else:
            year = int(m.group("y2")) if m.group("y2") else None
            month = month_number(m.group("m2"))
            last_day = _in_year(year, month, day_number(m.group("d2")), anchor, span)
            first = last_day
            if m.group("d2a") and last_day is not None:
                first, last = _in_year(last_day.year, month, day_number(m.group("d2a")), last_day), last_day
        if first is None or (last is not None and last <= first):
            continue  # impossible dates and backwards ranges are not dates
        found.append((m.start(), m.end(), first, last))
    return found


# A clock time, with its zone: "2:10 a.m.", "18:10 GMT", "10 pm", "0810 local time". One item, so it
# neither counts as a number nor breaks the clause ("made landfall at 2:10 a.m. on Thursday").
_TIME_RE = re.compile(
    r"\b(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)"
    r"(?:\s?(?:GMT|UTC|[A-Z]{2,4}T|local\stime))?"
    r"|\b(?:[01]?\d|2[0-3]):[0-5]\d(?:\s?(?:GMT|UTC|[A-Z]{2,4}T|local\stime|hrs?))?"
)


def _merge_times(items: list[_Item], sentence: str) -> list[_Item]:
    """Replace the tokens of each clock time by one "time" item."""
    spans = [(m.start(), m.end()) for m in _TIME_RE.finditer(sentence)]
    if not spans:
        return items
    out: list[_Item] = []
    k = 0
    for item in items:
        while k < len(spans) and spans[k][1] <= item.start:
            k += 1
        if k < len(spans) and item.kind != "date" and item.start < spans[k][1] and item.end > spans[k][0]:
            if not (out and out[-1].kind == "time" and out[-1].start == spans[k][0]):
                out.append(_Item("time", sentence[spans[k][0] : spans[k][1]], spans[k][0], spans[k][1]))
            continue
        out.append(item)
    return out


# Zones written after a clock time, as hours from UTC (daylight-saving forms included).
_ZONE_OFFSETS = {
    "gmt": 0, "utc": 0, "z": 0, "bst": 1, "cet": 1, "cest": 2, "eet": 2, "eest": 3, "msk": 3, "ist": 5.5,
    "pht": 8, "pst": -8, "pdt": -7, "mst": -7, "mdt": -6, "cst": -6, "cdt": -5, "est": -5, "edt": -4,
    "kst": 9, "jst": 9, "hkt": 8, "sgt": 8, "aest": 10, "aedt": 11,
}  # fmt: skip
_CLOCK_RE = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s?(a\.m\.|p\.m\.|am|pm)?\s?([a-z]{1,4})?", re.IGNORECASE)


def _local_day(day: date, clock: str, timezone: str | None) -> date:
    """The event's local day of ``day`` at a clock time written with a zone ("18:10 GMT" on Wednesday
    is Thursday in Manila); the day itself when the time has no known zone or the event none."""
    match = _CLOCK_RE.match(clock)
    zone = (match.group(4) or "").lower() if match else ""
    if match is None or timezone is None or zone not in _ZONE_OFFSETS:
        return day
    from zoneinfo import ZoneInfo

    hour, minute = int(match.group(1)) % 24, int(match.group(2) or 0)
    meridiem = (match.group(3) or "").lower().replace(".", "")
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    written = datetime(
        day.year, day.month, day.day, hour, minute, tzinfo=dt_timezone(timedelta(hours=_ZONE_OFFSETS[zone]))
    )
    return written.astimezone(ZoneInfo(timezone)).date()


def _clock_near(items: Sequence[_Item], i: int) -> int | None:
    """The index of a clock time written next to the date item ``i`` ("at 18:10 GMT on Wednesday",
    "Wednesday at 18:10 GMT")."""
    for j in (i - 1, i - 2, i + 1, i + 2):
        if 0 <= j < len(items) and items[j].kind == "time":
            between = items[min(i, j) + 1 : max(i, j)]
            if all(item.text in ("on", "at", ",") for item in between):
                return j
    return None


def _merge_dates(items: list[_Item], dates: list[tuple[int, int, date, date | None]]) -> list[_Item]:
    """Replace the tokens of each date by one date item."""
    out: list[_Item] = []
    k = 0
    for item in items:
        while k < len(dates) and dates[k][1] <= item.start:
            k += 1
        if k < len(dates) and item.start < dates[k][1] and item.end > dates[k][0]:
            start, end, first, last = dates[k]
            if out and out[-1].kind == "date" and out[-1].start == start:
                out[-1].end = max(out[-1].end, item.end)  # "Monday's": the token runs past the date
                continue
            out.append(_Item("date", "", start, max(end, item.end), dates=(first, last)))
            continue
        out.append(item)
    return out


# --- numbers -------------------------------------------------------------------------------------

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_ORDINAL_WORDS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
_DAY_SECONDS = 86_400
_UNIT_SECONDS = {
    "minute": 60, "hour": 3_600, "day": _DAY_SECONDS, "week": 7 * _DAY_SECONDS,
    "month": 30.4375 * _DAY_SECONDS, "year": 365.25 * _DAY_SECONDS, "decade": 3_652.5 * _DAY_SECONDS,
}  # fmt: skip
_TARGET_SECONDS = {f"{unit}s": seconds for unit, seconds in _UNIT_SECONDS.items()}
# A value converts only to its own or a neighbouring unit ("two-hour talks" = 120 minutes, "a
# two-week trip" = 14 days): "seven years" is an interval since something, never a visit's length.
_LADDER = tuple(_UNIT_SECONDS.values())


def _converts(seconds_per_unit: float, target: str) -> bool:
    return abs(_LADDER.index(seconds_per_unit) - _LADDER.index(_TARGET_SECONDS[target])) <= 1


# "a 400-member delegation", "a 200-strong delegation": the suffix belongs to the number.
_COUNT_SUFFIXES = frozenset({"member", "strong", "person", "people", "man", "woman"})
_QUALIFIERS = {
    ("more", "than"): "more than", ("over",): "more than", ("upwards", "of"): "more than",
    ("in", "excess", "of"): "more than", ("at", "least"): "at least", ("no", "fewer", "than"): "at least",
    ("no", "less", "than"): "at least", ("approximately",): "approximately", ("about",): "approximately",
    ("around",): "approximately", ("roughly",): "approximately", ("some",): "approximately",
    ("approx",): "approximately", ("circa",): "approximately", ("an", "estimated"): "approximately",
    ("estimated",): "approximately", ("nearly",): "nearly", ("almost",): "nearly",
    ("close", "to"): "nearly", ("fewer", "than"): "less than", ("less", "than"): "less than",
    ("under",): "less than", ("up", "to"): "up to",
}  # fmt: skip
_QUALIFIERS_LONGEST_FIRST = sorted(_QUALIFIERS.items(), key=lambda kv: -len(kv[0]))
_THOUSANDS_RE = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")


@dataclass(frozen=True)
class _Value:
    """A number in a sentence: items ``first..last`` (inclusive) from qualifier to unit."""

    first: int
    last: int
    number: float
    qualifier: str | None
    seconds: float | None  # a duration's length in seconds; None for a count
    per_unit: float | None  # seconds in the unit as written ("years": 365.25 days)
    adverbial: bool  # "since 2019", "in seven years": attaches only to a cue before it
    ordinal: bool
    currency: str | None = None  # ISO code of a money amount ("P2.1 billion" -> "PHP")
    conversion: bool = False  # an amount in brackets restating the one before: "($37 million)"
    measure: str | None = None  # pint unit of a quantity ("185 km/h" -> "km/h")


def _parse_digits(text: str) -> tuple[float, bool] | None:
    """('1,200' -> 1200), ('15th' -> 15, ordinal); None for things like '1,2,3'."""
    ordinal = text[-2:] in ("st", "nd", "rd", "th")
    body = text[:-2] if ordinal else text
    if not _THOUSANDS_RE.fullmatch(body):
        return None
    return float(body.replace(",", "")), ordinal


def _parse_words(items: Sequence[_Item], i: int) -> tuple[float, int] | None:
    """A number written in words from item ``i``: (value, index after it), e.g. 'two hundred and five'."""
    total, current, j, last = 0.0, 0.0, i, ""
    while j < len(items) and items[j].kind == "word":
        w = items[j].text
        fresh = last in ("", "hundred", "scale", "and")  # nothing below a hundred written yet
        if w in _ONES and (fresh or (last == "tens" and _ONES[w] < 10)):  # "twenty-five"
            current += _ONES[w]
            last = "ones"
        elif w in _TENS and fresh:
            current += _TENS[w]
            last = "tens"
        elif w == "hundred" and last != "scale":
            current = (current or 1) * 100
            last = "hundred"
        elif w in _SCALES and w != "hundred" and last:
            total += (current or 1) * _SCALES[w]
            current, last = 0.0, "scale"
        elif w == "dozen" and last in ("ones", ""):
            current = (current or 1) * 12
            last = "tens"
        elif (
            w == "and"
            and last in ("hundred", "scale")
            and j + 1 < len(items)
            and (items[j + 1].text in _ONES or items[j + 1].text in _TENS)
        ):
            last = "and"
        else:
            break
        j += 1
    if j == i or last == "and":
        return None
    return total + current, j


def _qualifier_before(items: Sequence[_Item], i: int) -> tuple[str | None, int]:
    """The qualifier phrase ending just before item ``i``, and where it starts."""
    for words, qualifier in _QUALIFIERS_LONGEST_FIRST:
        start = i - len(words)
        if start >= 0 and all(items[start + k].text == w for k, w in enumerate(words)):
            return qualifier, start
    return None, i


_MONEY_SCALES = {"bn": 1e9, "billion": 1e9, "m": 1e6, "mn": 1e6, "million": 1e6, "tn": 1e12, "trillion": 1e12}


# A money amount or a quantity is no duration, adverbial or ordinal.
_PLAIN: dict[str, Any] = {"seconds": None, "per_unit": None, "adverbial": False, "ordinal": False}


def _currency_before(items: Sequence[_Item], i: int) -> tuple[str | None, int]:
    """The currency written before number item ``i`` ("EUR 4.2", "$4.6", "US$ 3", "P2.1") and the
    index of its first item; ``(None, i)`` when there is none."""
    if i == 0:
        return None, i
    before = items[i - 1]
    code = CURRENCY_WORDS.get(before.text) if before.text in PREFIXES else None
    if code is None or (before.text in GLUED_ONLY and before.end != items[i].start):
        return None, i
    if before.text == "$" and i >= 2 and items[i - 2].text == "us" and items[i - 2].end == before.start:
        return code, i - 2
    return code, i - 1


def _measure_after(items: Sequence[_Item], after: int) -> tuple[str | None, int]:
    """The unit of measure written from item ``after`` ("km/h", "kilometres per hour", "mph") as a
    pint expression, and the index after it; ``(None, after)`` when there is none."""
    for length in range(max_spelling_words() + 2, 0, -1):  # "km / h" is three items, one word
        end = after + length
        if end > len(items):
            continue
        parts = items[after:end]
        if any(p.kind == "date" for p in parts):
            continue
        text = parts[0].text + "".join(
            ("" if p.start == q.end or p.text == "/" or q.text == "/" else " ") + p.text
            for q, p in itertools.pairwise(parts)
        )
        expression = unit_expression(text)
        if expression is not None:
            return expression, end
    return None, after


def _is_conversion(
    items: Sequence[_Item], first: int, found: Sequence[_Value], measured: bool = False
) -> bool:
    """An amount in brackets right after another amount restates it in another currency or unit."""
    j = first - 1
    if j >= 0 and items[j].text in ("about", "around", "roughly", "some", "approximately"):
        j -= 1
    if j < 0 or items[j].text != "(":
        return False
    if not found or found[-1].last != j - 1:
        return False
    return (found[-1].measure if measured else found[-1].currency) is not None


def _time_unit(item: _Item) -> float | None:
    if item.kind != "word":
        return None
    word = item.text[:-1] if item.text.endswith("s") else item.text
    return _UNIT_SECONDS.get(word)


def _values(items: Sequence[_Item], ref_year: int) -> list[_Value]:
    """Every number in the sentence, with its qualifier and any time unit."""
    found: list[_Value] = []
    i = 0
    while i < len(items):
        item, after = items[i], i + 1
        number: float | None = None
        ordinal = False
        if item.kind == "num":
            parsed = _parse_digits(item.text)
            bracketed = 0 < i < len(items) - 1 and items[i - 1].text == "[" and items[i + 1].text == "]"
            if parsed is None or bracketed:  # "[4]" is a citation mark
                i += 1
                continue
            number, ordinal = parsed
            if not ordinal and item.text.isdigit() and len(item.text) == 4 and 1900 <= number < 2100:
                years = ref_year - number
                if i > 0 and items[i - 1].text == "since" and 0 < years <= 100:
                    year = _UNIT_SECONDS["year"]
                    found.append(_Value(i - 1, i, years, None, years * year, year, True, False))
                i += 1  # a year, not a count
                continue
            currency, first_item = _currency_before(items, i)
            if after < len(items) and items[after].text in _SCALES:
                number *= _SCALES[items[after].text]
                after += 1
            elif currency and after < len(items) and items[after].text in _MONEY_SCALES:
                number *= _MONEY_SCALES[items[after].text]  # "EUR 900m", "P2.1bn"
                after += 1
            if currency is None and after < len(items) and items[after].kind == "word":
                currency = (
                    CURRENCY_WORDS.get(items[after].text) if items[after].text not in GLUED_ONLY else None
                )
                after += currency is not None
            measure, measured_to = (None, after) if currency else _measure_after(items, after)
            if measure is not None and _time_unit(items[after]) is None:
                qualifier, first = _qualifier_before(items, i)
                conversion = _is_conversion(items, first, found, measured=True)
                found.append(
                    _Value(
                        first,
                        measured_to - 1,
                        number,
                        qualifier,
                        **_PLAIN,
                        conversion=conversion,
                        measure=measure,
                    )
                )
                i = measured_to
                continue
            if currency is not None:
                qualifier, first = _qualifier_before(items, first_item)
                conversion = _is_conversion(items, first, found)
                found.append(
                    _Value(
                        first,
                        after - 1,
                        number,
                        qualifier,
                        **_PLAIN,
                        conversion=conversion,
                        currency=currency,
                    )
                )
                i = after
                continue
        elif item.text in _ORDINAL_WORDS:
            number, ordinal = float(_ORDINAL_WORDS[item.text]), True
        elif item.text in ("a", "an") and after < len(items):
            following = items[after]
            if following.text in _SCALES or following.text == "dozen":  # "a hundred", "a dozen"
                parsed_words = _parse_words(items, after)
                if parsed_words:
                    number, after = parsed_words
            elif not following.text.endswith("s") and _time_unit(following) is not None:
                number = 1.0  # "a day", "in a decade": the unit is read below
        elif item.kind == "word":
            parsed_words = _parse_words(items, i)
            if parsed_words:
                number, after = parsed_words
        if number is None:
            i += 1
            continue
        seconds = unit = None
        if after < len(items) and (unit := _time_unit(items[after])) is not None:
            seconds, after = number * unit, after + 1
        elif after < len(items) and items[after].joined and items[after].text in _COUNT_SUFFIXES:
            after += 1
        elif after < len(items) and items[after].text == "%" and items[after].start == items[after - 1].end:
            after += 1  # "50.7%": the sign is part of the value, as "percent" is a word after it
        qualifier, first = _qualifier_before(items, i)
        adverbial = seconds is not None and first > 0 and items[first - 1].text == "in"
        found.append(_Value(first, after - 1, number, qualifier, seconds, unit, adverbial, ordinal))
        i = after
    return found


# --- attaching values to cues --------------------------------------------------------------------

_FORWARD_MAX = 4  # words between a number and what it counts: "200 South Korean business leaders"
_CONNECTOR_MAX = 3  # "a delegation of more than 200", "a visit lasting four days"
_RANGE_MAX = 12  # "spent Jan. 4-7 in Beijing on a four-day state visit"
_CLAUSE_MAX = 15  # "conferred ... with Chinese President Xi Jinping in Beijing on January 5"
# Words a noun phrase "NUMBER ... CUE" cannot contain: it would be two phrases ("one of the agreements").
_PHRASE_BREAKER_TEXT = """
    and or but of to in on at for from by with as than that which who whom were was is are be been has
    have had will would before after since until during
"""
_PHRASE_BREAKERS = frozenset(_PHRASE_BREAKER_TEXT.split())
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


@dataclass(frozen=True)
class _Cue:
    claim: int  # index into the profile's claim types
    start: int
    end: int  # exclusive
    ranged: bool  # a range cue ("visit" next to "Jan. 4-7")


def _breaks_clause(item: _Item) -> bool:
    return item.kind == "punct" and item.text in _CLAUSE_BREAKS


def _scan_back(
    items: Sequence[_Item],
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
    items: Sequence[_Item],
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
    cues: _PhraseIndex
    range_cues: _PhraseIndex
    context: _PhraseIndex
    exclude: frozenset[str]
    unit_cues: frozenset[str]  # a quantity's cues that are units ("km/h"): the unit alone is the cue


def _compile(profile: EventProfile) -> list[_Compiled]:
    def phrases(values: Sequence[str]) -> _PhraseIndex:
        return _phrase_index(tuple(dict.fromkeys(p for p in map(_phrase_tokens, values) if p)))

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
            frozenset(w for e in c.exclude for w in _phrase_tokens(e)),
            units(c),
        )
        for c in profile.claim_types
    ]


# Clause breaks a claim type's context does not reach across; brackets do not part a name from its
# acronym ("Valdorian Progress Party (VPP) was on course for 112 seats").
_CONTEXT_BREAKS = frozenset(";:—–|•")


def _cues(items: Sequence[_Item], compiled: Sequence[_Compiled]) -> list[_Cue]:
    """Cue occurrences of the claim types whose context is in the cue's clause ("the enlarged group will
    have 27,000 employees; Brandvik employs 19,400 people" keeps "enlarged" to the first clause)."""
    cues: list[_Cue] = []
    present = {item.text for item in items}
    clause_of = list(itertools.accumulate((item.text in _CONTEXT_BREAKS for item in items), initial=0))
    for k, comp in enumerate(compiled):
        contexts: set[int] | None = None  # the clauses holding a context phrase; None: none needed
        if comp.context:
            contexts = {clause_of[start] for start, _ in _find_phrases(items, comp.context, present)}
            if not contexts:
                continue
        for ranged, phrases in ((False, comp.cues), (True, comp.range_cues)):
            hits = sorted(_find_phrases(items, phrases, present), key=lambda h: (h[0], -h[1]))
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
    items: list[_Item],
    values: list[_Value],
    cues: list[_Cue],
    compiled: Sequence[_Compiled],
    sentence: tuple[str, int, int],
    elsewhen: AbstractSet[int] = frozenset(),
    skipped: list[SkippedFigure] | None = None,
) -> list[tuple[int, Claim]]:
    """(offset in the sentence, claim) for each claim; the offset puts them in text order.

    Values starting at an item in ``elsewhen`` are about another time (:func:`_other_time_items`).
    A value that gives no claim is added to ``skipped``, when given, with the reason."""
    text = sentence[0]

    def skip(value: _Value, reason: str) -> None:
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
    value_starts = {v.first for v in values} | {k for v in values for k in range(v.first, v.last + 1)}
    consumed: set[int] = set()
    claims: list[tuple[int, Claim]] = []
    for v in values:
        if v.first in consumed or v.ordinal:
            continue
        reason = _not_a_figure(items, v, elsewhen, value_starts, starts, compiled)
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
        cands: list[tuple[_Cue, int]] = []
        if v.adverbial:
            cands += _scan_back(items, v.first, ends, _CLAUSE_MAX, None)
        else:
            after = _past_conversion(items, v, by_first)
            excluded: set[str] = set()
            for cue, gap in _scan_forward(items, after, starts, _FORWARD_MAX, _PHRASE_BREAKERS):
                between = {item.text for item in items[after + 1 : cue.start]}
                # A number closer to the cue counts it: "the two governments signed 13 memorandums".
                if not value_starts.isdisjoint(range(after + 1, cue.start)):
                    continue
                if compiled[cue.claim].exclude.intersection(between):
                    excluded.add(compiled[cue.claim].claim.id)
                    continue
                cands.append((cue, gap))
            connectors = _CONNECTORS_BY_KIND.get(kind, _DURATION_CONNECTORS)
            cands += _scan_back(items, v.first, ends, _CONNECTOR_MAX, connectors)
            if not cands and kind == "quantity":
                cands += _own_unit_cues(items, v, compiled)
            if not cands and kind != "duration":
                cands += _change_cues(items, v, ends, value_starts)
                cands += _object_cues(items, v, ends, kind, text)
            if not cands and kind == "count":
                cands += [
                    (cue, gap)
                    for cue, gap in _partitive_cues(items, v, starts, by_first)
                    if not _is_people(compiled[cue.claim].claim)
                ]
                cands += _predicate_cues(items, v, starts, compiled, value_starts)
        fitting = [
            (cue, gap)
            for cue, gap in cands
            if _fits(v, compiled[cue.claim].claim)
            and not (cue.start == v.last + 1 and _counts_things(items, cue, compiled[cue.claim].claim))
        ]
        best = _best(fitting, compiled)
        if best is None:
            if cands:
                types = ", ".join(sorted({compiled[cue.claim].claim.id for cue, _ in cands}))
                skip(v, f"near a cue of {types}, but not of its kind or unit ({_kind_words(v)})")
            elif not v.adverbial and excluded:
                skip(v, f"an exclude word of {', '.join(sorted(excluded))} stands between it and the cue")
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
            number = round((v.seconds or 0.0) / _TARGET_SECONDS[comp.claim.unit], 4)
        if kind == "quantity" and v.measure is not None:
            converted = convert(v.number, v.measure, unit_expression(comp.claim.unit) or comp.claim.unit)
            number = round(converted, 1) if converted is not None else number
        claims.append((span[0], _claim(comp, float(number), qualifier, text, span, sentence)))
    return claims


def _counts_things(items: Sequence[_Item], cue: _Cue, claim: ClaimType) -> bool:
    """A count of people right before a cue of several words whose last word names no people: "310
    evacuation centres" counts centres, not evacuees ("45,000 evacuees", "nine deaths" still count)."""
    if claim.unit.lower() not in _COUNTED_PEOPLE or cue.end - cue.start < 2:
        return False
    head = items[cue.end - 1].text
    return head not in _COUNTED_PEOPLE and head.rstrip("s") not in _COUNTED_PEOPLE


def _past_conversion(items: Sequence[_Item], value: _Value, by_first: dict[int, _Value]) -> int:
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
    items: Sequence[_Item], value: _Value, compiled: Sequence[_Compiled]
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
        if comp.exclude.intersection(before) or (comp.context and not _find_phrases(items, comp.context)):
            continue
        found.append((_Cue(k, value.first, value.last + 1, False), _FORWARD_MAX))
    return found


_OBJECT_MAX = 5  # words of a named object between a verb cue and "by"/"for": "buy Korean battery maker Haeon"
_OBJECT_PREPOSITIONS = {"count": "by", "money": "for"}


def _object_cues(
    items: Sequence[_Item], value: _Value, ends: dict[int, list[_Cue]], kind: str, text: str
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


def _not_a_figure(
    items: Sequence[_Item],
    value: _Value,
    elsewhen: AbstractSet[int],
    value_starts: AbstractSet[int],
    starts: dict[int, list[_Cue]],
    compiled: Sequence[_Compiled],
) -> str | None:
    """Why ``value`` is no claim whatever its cues, or None when it may be one."""
    if value.first in elsewhen:
        return "about another year or an earlier event"
    if _denominator(items, value, value_starts) and not _counts_people_after(items, value, starts, compiled):
        return "the total a part is out of ('113 of the 240 seats')"
    if _difference(items, value):
        return "a gap to another figure ('nine short of', '300 more than')"
    if value.first > 0 and items[value.first - 1].text == "from" and value.seconds is None:
        return "an origin or an earlier figure (after 'from')"
    if _unnumbered_part(items, value, value_starts, starts):
        return "a part of a whole that has no number ('seven of the dead')"
    return None


def _kind_words(value: _Value) -> str:
    if value.conversion:
        return "a conversion in brackets"
    if value.currency:
        return f"money in {value.currency}"
    if value.measure:
        return f"a quantity in {value.measure}"
    return "a duration" if value.seconds is not None else "a count"


_OTHER_YEAR_REACH = 8  # items after a year outside the event that still speak of that year
_OPENING_PREPOSITIONS = frozenset({"in", "by", "during", "until"})


def _other_time_items(items: Sequence[_Item], years: range) -> set[int]:
    """Items that speak of another year than the event's: the few after such a year ("the 2022
    election produced 4,100 complaints", "than in 2022, when 72 percent"), those of its clause just
    before "in <year>" ("Brandvik's EUR 900m purchase of Kestrel in 2021"), or the whole sentence when
    it opens with one ("In 2013 another storm ... killed more than 6,300") or with the last time
    something happened ("When the valley last flooded, 200,000 people were evacuated")."""
    if _opens_with_last_time(items):
        return set(range(len(items)))
    other: set[int] = set()
    for k, item in enumerate(items):
        if item.kind != "num" or len(item.text) != 4 or not item.text.isdigit():
            continue
        year = int(item.text)
        if not 1900 <= year < 2100 or year in years or (k and items[k - 1].text == "since"):
            continue
        if k <= 1 and (k == 0 or items[0].text in _OPENING_PREPOSITIONS):
            return set(range(len(items)))
        other.update(range(k + 1, min(len(items), k + 1 + _OTHER_YEAR_REACH)))
        if k and items[k - 1].text == "in":
            j = k - 2
            while j >= max(0, k - 1 - _OTHER_YEAR_REACH) and not _ends_other_year_reach(items[j]):
                other.add(j)
                j -= 1
    return other


def _ends_other_year_reach(item: _Item) -> bool:
    # "2,300 complaints, fewer than in 2022": the comparison keeps this year's figure apart.
    return _breaks_clause(item) or item.text in (",", "than", "and", "but")


def _opens_with_last_time(items: Sequence[_Item]) -> bool:
    """A sentence opening "When ... last ...," speaks of an earlier event."""
    if not items or items[0].text != "when":
        return False
    for item in items[1:_OTHER_YEAR_REACH]:
        if item.text == "last":
            return True
        if item.text == "," or _breaks_clause(item):
            return False
    return False


# A subject's figure changing to the value: "the death toll from Typhoon Lumina rose to 12".
_CHANGE_VERBS = frozenset(
    {"rose", "risen", "climbed", "jumped", "increased", "grew", "fell", "dropped", "reached", "hit", "topped"}
)
_CHANGE_SUBJECT_MAX = 8  # items from the cue to the verb: "from Typhoon Lumina in the north"


def _change_cues(
    items: Sequence[_Item], value: _Value, ends: dict[int, list[_Cue]], value_starts: AbstractSet[int]
) -> list[tuple[_Cue, int]]:
    """The cue of a clause whose figure changes to the value ("the death toll ... rose to 12"): a change
    verb (and "to") right before the value, then the cue within a few items before the verb, with no
    other number or clause break between."""
    j = value.first - 1
    if j >= 0 and items[j].text in ("to", "at"):
        j -= 1
    if j < 0 or items[j].text not in _CHANGE_VERBS:
        return []
    found: list[tuple[_Cue, int]] = []
    for k in range(j, max(-1, j - _CHANGE_SUBJECT_MAX), -1):
        if k != j and (k in value_starts or _breaks_clause(items[k]) or items[k].text == ","):
            break
        found.extend((cue, _CONNECTOR_MAX + (j - k)) for cue in ends.get(k, ()))
    return found


def _is_people(claim: ClaimType) -> bool:
    return claim.unit.lower() in _COUNTED_PEOPLE


def _counts_people_after(
    items: Sequence[_Item], value: _Value, starts: dict[int, list[_Cue]], compiled: Sequence[_Compiled]
) -> bool:
    """A total of people ("seven of the 19 victims") is the figure, and the part a subgroup of it;
    a total of anything else ("113 of the 240 seats") is the whole the part is out of."""
    return any(_is_people(compiled[cue.claim].claim) for cue in starts.get(value.last + 1, ()))


def _partitive_cues(
    items: Sequence[_Item], value: _Value, starts: dict[int, list[_Cue]], by_first: dict[int, _Value]
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


def _denominator(items: Sequence[_Item], value: _Value, value_starts: AbstractSet[int]) -> bool:
    """The total a count is out of: the 240 of "won 113 of the 240 seats", "113 out of 240"."""
    j = value.first - 1
    while j >= 0 and items[j].text in ("the", "a", "all"):
        j -= 1
    if j >= 1 and items[j].text == "out" and items[j + 1].text == "of":
        return True
    return j >= 1 and items[j].text == "of" and (j - 1) in value_starts


# "nine short of a majority", "3,000 more than last year": the gap to another figure, not the figure.
_DIFFERENCE_WORDS = {"short": "of", "shy": "of", "more": "than", "fewer": "than", "less": "than"}


def _difference(items: Sequence[_Item], value: _Value) -> bool:
    """A count followed by "short of" / "more than" ...: it measures a gap."""
    j = value.last + 1
    return j + 1 < len(items) and _DIFFERENCE_WORDS.get(items[j].text) == items[j + 1].text


def _unnumbered_part(
    items: Sequence[_Item], value: _Value, value_starts: AbstractSet[int], starts: dict[int, list[_Cue]]
) -> bool:
    """A part of a whole that has no number: "seven of the dead were from Isabela" counts some of them
    (a share is always of something: "50.7% of the seats"; nor when "of the ..." is itself a cue)."""
    if items[value.last].text == "%" or value.seconds is not None:  # nor "within two months of the vote"
        return False
    j = value.last + 1
    if j + 2 >= len(items) or items[j].text != "of" or items[j + 1].text not in ("the", "those", "these"):
        return False
    if any(k in starts for k in (j, j + 1)):
        return False
    return items[j + 2].kind == "word" and (j + 2) not in value_starts


# Subjects a count may carry into its verb ("nine people were killed", "45,000 residents fled").
_COUNTED_PEOPLE_TEXT = """
    people persons residents villagers individuals passengers workers employees voters others civilians
    children adults families households
"""
_COUNTED_PEOPLE = frozenset(_COUNTED_PEOPLE_TEXT.split())
_PREDICATE_MAX = 6  # words from the counted noun to the cue: "people were staying in evacuation centres"
_PREDICATE_STOP_TEXT = "and or but which who whom that while whereas than if because"
_PREDICATE_STOPS = frozenset(_PREDICATE_STOP_TEXT.split())


def _predicate_cues(
    items: Sequence[_Item],
    value: _Value,
    starts: dict[int, list[_Cue]],
    compiled: Sequence[_Compiled],
    value_starts: AbstractSet[int],
) -> list[tuple[_Cue, int]]:
    """Cues a count reaches as the subject of its clause, in either voice: "at least nine people were
    killed", "nearly 45,000 people were staying in evacuation centres", "more than 62,000 have fled".
    The count is followed by the claim's unit or a word for people (or directly by the verb), then by
    at most a few words of its predicate, with no other number, clause break or conjunction between."""
    j = value.last + 1
    if j < len(items) and items[j].kind == "word":
        unit_words = {w for c in compiled for w in _forms(c.claim.unit.lower(), plural=True)}
        if items[j].text in _COUNTED_PEOPLE or items[j].text in unit_words:
            j += 1
    found: list[tuple[_Cue, int]] = []
    words = 0
    while j < len(items) and words <= _PREDICATE_MAX:
        for cue in starts.get(j, ()):
            between = {item.text for item in items[value.last + 1 : cue.start]}
            if not compiled[cue.claim].exclude.intersection(between):
                found.append((cue, words + _FORWARD_MAX))  # ranks after a noun-phrase cue
        item = items[j]
        if found or item.kind != "word" or item.text in _PREDICATE_STOPS or j in value_starts:
            break
        words += 1
        j += 1
    return found


def _fits(value: _Value, claim: ClaimType) -> bool:
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
    return claim.kind == "duration" and _converts(value.per_unit, claim.unit)


def _plus(
    items: Sequence[_Item], cue: _Cue, by_first: dict[int, _Value], starts: dict[int, list[_Cue]]
) -> tuple[_Value, bool] | None:
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


def _modifies_noun(items: Sequence[_Item], cue: _Cue, text: str) -> bool:
    """A one-word "-ing" cue used as an adjective: "the stock's closing price on Friday" dates the price,
    not a closing ("closing the deal on Friday", "closing date", "closing on Friday" still count)."""
    word = items[cue.start].text
    if cue.end - cue.start != 1 or not word.endswith("ing") or cue.end >= len(items):
        return False
    after = items[cue.end]
    return after.kind == "word" and text[after.start].islower() and after.text not in _NOUN_AFTER_ING_OK


def _date_claims(
    items: list[_Item],
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
        cands = _scan_back(items, i, ends, _CLAUSE_MAX, None, _DATE_BLOCKERS)
        # A dateline ("Jan 6, 2026 – ...", "On Monday, ...") dates the whole sentence.
        opener = i == 0 or (i == 1 and items[0].text == "on")
        limit = len(items) if opener else 2
        stop = frozenset() if opener else _PHRASE_BREAKERS
        cands += _scan_forward(items, i, starts, limit, stop, _DATE_BLOCKERS, dateline=opener)
        best = _best(cands, compiled)
        if best is not None:
            day, j = first, _clock_near(items, i)
            note = None
            if j is not None:  # the evidence shows the time the day was converted from
                day = _local_day(first, items[j].text, timezone)
                span = (min(span[0], items[j].start), max(span[1], items[j].end))
                if day != first:  # an outlet abroad wrote another day for the same instant
                    note = f"{items[j].text} on {first.isoformat()} is {day.isoformat()} in {timezone}"
            claim = _claim(compiled[best.claim], day.isoformat(), None, text, span, sentence)
            claims.append((span[0], replace(claim, note=note) if note else claim))
    return claims


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
    for start, end in split_sentences(text):
        sentence = text[start:end]
        norm = sentence.translate(_CHAR_MAP)
        items = _merge_times(_merge_dates(_tokenize(norm), _dates(norm, profile, published)), norm)
        cues = _cues(items, compiled)
        if not cues and not (measured and any(c.kind == "num" for c in items)):
            continue
        evidence = (sentence, start, end)
        elsewhen = _other_time_items(items, range(profile.window_start.year, profile.window_end.year + 1))
        values = _values(items, profile.start.year)
        found = _number_claims(items, values, cues, compiled, evidence, elsewhen, skipped if cues else None)
        # A date years away from the event is another event's ("certified as a monument on 3 May 2019").
        near = range(profile.window_start.year - 1, profile.window_end.year + 2)
        dated = _date_claims(items, cues, compiled, evidence, profile.timezone)
        found += [(offset, claim) for offset, claim in dated if int(str(claim.value)[:4]) in near]
        if skipped is not None:
            far = [claim for _, claim in dated if int(str(claim.value)[:4]) not in near]
            skipped += [SkippedFigure(start, c.value_text, "a date years away from the event") for c in far]
        claims += [claim for _, claim in sorted(found, key=lambda pc: pc[0])]
    return claims
