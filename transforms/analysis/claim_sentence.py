"""Reading a sentence for claims: its tokens, the phrases of a claim type, dates, weekdays and clock times.

Part of :mod:`transforms.analysis.claims` (which documents the rules): a sentence becomes a list of
:class:`Item` (words, numbers, punctuation), in which each date becomes one ``date`` item and each clock
time one ``time`` item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone

from transforms.profile import EventProfile
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

__all__ = [
    "CHAR_MAP",
    "CLAUSE_BREAKS",
    "Item",
    "PhraseIndex",
    "breaks_clause",
    "clock_near",
    "find_phrases",
    "forms",
    "local_day",
    "merge_dates",
    "merge_times",
    "phrase_index",
    "phrase_tokens",
    "read_dates",
    "tokenize",
]


# --- text and tokens -----------------------------------------------------------------------------

# One character for one character, so offsets in the normalised text are offsets in the original.
CHAR_MAP = str.maketrans(
    {
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " ",
        "\u202f": " ", "\u2007": " ", "\u2018": "'", "\u2019": "'",
    }
)  # fmt: skip
# Numbers (with thousands separators, decimals, ordinal suffixes), words, or any other single mark.
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*(?:st|nd|rd|th)?|[^\W\d_]+(?:'[^\W\d_]+)*|\S")
_HYPHEN = "-"
# Punctuation that ends the clause a cue and its value must share.
CLAUSE_BREAKS = frozenset(";:()[]—–-|•")


def breaks_clause(item: Item) -> bool:
    """Whether ``item`` is punctuation that ends a clause (a semicolon, colon, bracket or dash)."""
    return item.kind == "punct" and item.text in CLAUSE_BREAKS


@dataclass
class Item:
    """A token of a sentence, or a whole date."""

    kind: str  # "word" | "num" | "punct" | "date" | "time"
    text: str  # lower-cased ("" for dates)
    start: int
    end: int
    joined: bool = False  # glued to the previous item by a hyphen ("four-day", "400-member")
    dates: tuple[date, date | None] | None = None  # a date's (first day, last day of a range or None)


def tokenize(sentence: str) -> list[Item]:
    raw = list(_TOKEN_RE.finditer(sentence))
    items: list[Item] = []
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
        items.append(Item(kind, tok.lower(), m.start(), m.end(), joined))
        joined = False
    return items


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(i.text for i in tokenize(phrase.translate(CHAR_MAP)) if i.kind != "punct")


def forms(word: str, plural: bool) -> tuple[str, ...]:
    """The token spellings a phrase word matches: itself, and simple plurals for a phrase's last word."""
    if not plural:
        return (word,)
    return (word, word + "s", word + "es", *((word[:-1] + "ies",) if word.endswith("y") else ()))


PhraseIndex = dict[str, tuple[tuple[str, ...], ...]]


def phrase_index(phrases: Sequence[tuple[str, ...]]) -> PhraseIndex:
    """Phrases keyed by the spellings of their first token, so a scan looks at one bucket per token."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        for form in forms(phrase[0], plural=len(phrase) == 1):
            index.setdefault(form, []).append(phrase)
    return {key: tuple(bucket) for key, bucket in index.items()}


def find_phrases(
    items: Sequence[Item], index: PhraseIndex, present: AbstractSet[str] | None = None
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
                items[i + k].kind in ("word", "num") and items[i + k].text in forms(w, k == len(phrase) - 1)
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
    r"\b(?:will|would|shall|won't|due|scheduled|expected|set\s+(?:to|for)|plans?\s+to|next|coming|"
    r"postponed|delayed|slip|slips|pushed\s+back|moved\s+to|is\s+to|are\s+to)\b",
    re.IGNORECASE,
)
_FUTURE_REACH = 100  # characters before the weekday that can carry its tense
# ... but a report of what someone said that day is past: "the minister, who will retire, said on Monday".
_SAID_ON_RE = re.compile(r"\b(?:said|told\s+\w+|announced|added|reported)\s+(?:on\s+)?$", re.IGNORECASE)


def _weekday(name: str, profile: EventProfile, published: date | None, forward: bool = False) -> date | None:
    """A bare weekday is only a date when it names one day: the next such day after publication when
    the sentence speaks of the future (``forward``: "the hearing will now take place on Monday"), else
    the one inside a short event, else the last one before publication."""
    target = weekday_number(name)
    if forward and published is not None:
        return published + timedelta(days=(target - published.weekday()) % 7)
    if (profile.end - profile.start).days < 7:
        day = profile.start + timedelta(days=(target - profile.start.weekday()) % 7)
        if day <= profile.end:
            return day
    if published is None:
        return None
    return published - timedelta(days=(published.weekday() - target) % 7)


def _speaks_ahead(sentence: str, at: int) -> bool:
    """Whether the words just before offset ``at`` (in its clause) put a weekday in the future."""
    before = sentence[max(0, at - _FUTURE_REACH) : at]
    if re.search(r"\blast\s*$", before, re.IGNORECASE) or _SAID_ON_RE.search(before):
        return False
    clause = re.split(r"[;:()]|\s[–—]\s", before)[-1]
    return _FUTURE_RE.search(clause) is not None


# "Monday last week", "Friday of next week", "Tuesday this week": the week, counted from the article's.
_WEEK_AFTER_RE = re.compile(r"\s+(?:of\s+)?(last|next|this)\s+week\b", re.IGNORECASE)
_WEEK_SHIFTS = {"last": -1, "this": 0, "next": 1}
_LAST_BEFORE_RE = re.compile(r"\blast\s+$", re.IGNORECASE)


_ORDINAL_DAY_RE = re.compile(r",?\s+the\s+([1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b")
_ON_ORDINAL_DAY_RE = re.compile(r"\bon\s+(the\s+([1-9]|[12]\d|3[01])(?:st|nd|rd|th))\b(?!\s+(?:of\s+)?[A-Z])")


def _day_of_month(day: int, anchor: date, weekday: int | None, ahead: bool = False) -> date | None:
    """The date with day-of-month ``day`` in the anchor's month or a neighbouring one: the one on
    ``weekday`` if given, else the last one up to the anchor (the next one when ``ahead``)."""
    months = [
        (anchor.year + (anchor.month - 1 + d) // 12, (anchor.month - 1 + d) % 12 + 1) for d in (-1, 0, 1)
    ]
    days = [d for y, mo in months if (d := safe_date(y, mo, day)) is not None]
    if weekday is not None:
        days = [d for d in days if d.weekday() == weekday]
        return min(days, key=lambda d: abs((d - anchor).days)) if days else None
    if ahead:
        later = [d for d in days if d >= anchor]
        return min(later) if later else None
    earlier = [d for d in days if d <= anchor]
    return max(earlier) if earlier else None


def read_dates(
    sentence: str, profile: EventProfile, published: date | None
) -> list[tuple[int, int, date, date | None]]:
    """(start, end, first day, last day of a range or None) for each date in ``sentence``."""
    found: list[tuple[int, int, date, date | None]] = []
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
            week = _WEEK_AFTER_RE.match(sentence, m.end())
            ordinal = _ORDINAL_DAY_RE.match(sentence, m.end())
            if ordinal is not None:
                # "Friday the 16th": the day of the month, that weekday, nearest the article's date
                first = _day_of_month(int(ordinal.group(1)), anchor, weekday_number(m.group("wd")))
                if first is not None:
                    found.append((m.start(), ordinal.end(), first, None))
                continue
            if week is not None and published is not None:
                # "on Monday last week": that weekday of the week before the article's week
                shift = _WEEK_SHIFTS[week.group(1).lower()]
                monday = published - timedelta(days=published.weekday()) + timedelta(weeks=shift)
                first = monday + timedelta(days=weekday_number(m.group("wd")))
            else:
                first = _weekday(m.group("wd"), profile, published, _speaks_ahead(sentence, m.start()))
                if (
                    first is not None
                    and first == published
                    and _LAST_BEFORE_RE.search(sentence, 0, m.start())
                ):
                    first -= timedelta(weeks=1)  # "last Sunday", written on a Sunday, is a week ago
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
    # "found the intrusion on the 14th": a day of the month alone, nearest the article's date
    for m in _ON_ORDINAL_DAY_RE.finditer(sentence):
        if not any(start <= m.start(2) < end for start, end, _, _ in found):
            day = _day_of_month(int(m.group(2)), anchor, None, ahead=_speaks_ahead(sentence, m.start()))
            if day is not None:
                found.append((m.start(1), m.end(), day, None))
    return sorted(found, key=lambda f: f[0])


# A clock time, with its zone: "2:10 a.m.", "18:10 GMT", "10 pm", "0810 local time". One item, so it
# neither counts as a number nor breaks the clause ("made landfall at 2:10 a.m. on Thursday").
_TIME_RE = re.compile(
    r"\b(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)"
    r"(?:\s?(?:GMT|UTC|[A-Z]{2,4}T|local\stime))?"
    r"|\b(?:[01]?\d|2[0-3]):[0-5]\d(?:\s?(?:GMT|UTC|[A-Z]{2,4}T|local\stime|hrs?))?"
)


def merge_times(items: list[Item], sentence: str) -> list[Item]:
    """Replace the tokens of each clock time by one "time" item."""
    spans = [(m.start(), m.end()) for m in _TIME_RE.finditer(sentence)]
    if not spans:
        return items
    out: list[Item] = []
    k = 0
    for item in items:
        while k < len(spans) and spans[k][1] <= item.start:
            k += 1
        if k < len(spans) and item.kind != "date" and item.start < spans[k][1] and item.end > spans[k][0]:
            if not (out and out[-1].kind == "time" and out[-1].start == spans[k][0]):
                out.append(Item("time", sentence[spans[k][0] : spans[k][1]], spans[k][0], spans[k][1]))
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


def local_day(day: date, clock: str, timezone: str | None) -> date:
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


def clock_near(items: Sequence[Item], i: int) -> int | None:
    """The index of a clock time written next to the date item ``i`` ("at 18:10 GMT on Wednesday",
    "Wednesday at 18:10 GMT")."""
    for j in (i - 1, i - 2, i + 1, i + 2):
        if 0 <= j < len(items) and items[j].kind == "time":
            between = items[min(i, j) + 1 : max(i, j)]
            if all(item.text in ("on", "at", ",") for item in between):
                return j
    return None


def merge_dates(items: list[Item], dates: list[tuple[int, int, date, date | None]]) -> list[Item]:
    """Replace the tokens of each date by one date item."""
    out: list[Item] = []
    k = 0
    for item in items:
        while k < len(dates) and dates[k][1] <= item.start:
            k += 1
        if k < len(dates) and item.start < dates[k][1] and item.end > dates[k][0]:
            start, end, first, last = dates[k]
            if out and out[-1].kind == "date" and out[-1].start == start:
                out[-1].end = max(out[-1].end, item.end)  # "Monday's": the token runs past the date
                continue
            out.append(Item("date", "", start, max(end, item.end), dates=(first, last)))
            continue
        out.append(item)
    return out
