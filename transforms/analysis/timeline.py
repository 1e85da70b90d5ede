"""Timeline: the dated happenings an article mentions ("talks in Beijing on January 5").

Each explicit calendar date in the text ("January 5", "Jan. 6, 2026", "5 January", "2026-01-05") that
falls in (or a week around) the event's coverage window becomes a :class:`TimelineEvent`: the day, the
sentence that dates it as a short description, the date as written and the sentence's offsets.

Rules, all general:

* Year-less dates take the year that puts them in the window; when several do (windows over a year),
  the one nearest the closest date the article writes with its year, else the earliest (coverage
  clusters right after the event).
* A range ("Jan. 4–7", "4-7 January", "Dec. 30 – Jan. 2") is one event on its first day.
* Bare years ("in 2016"), month-and-year ("January 2026") and weekday names are not dates here.
* Datelines ("SEOUL, Jan. 8 (Yonhap) --") and "Published/Updated ..." stamps date the article, not a
  happening, and are skipped.
* The description drops square-bracketed credits and citation marks ("[Yonhap/AFP]", "[4]") and a
  leading "date –" label (timeline lists); a long sentence is cut to 200 characters at a word
  boundary, starting at the clause that holds the date when that lies late. Repeated sentences
  (captions printed twice) give one event.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

from transforms.text.dates import (
    DAY_PATTERN,
    MONTH_PATTERN,
    RANGE_SEP_PATTERN,
    YEAR_PATTERN,
    dates_in_window,
    day_number,
    month_number,
    safe_date,
)
from transforms.text.sentences import split_sentences

__all__ = ["GRACE", "TimelineEvent", "extract_timeline"]


@dataclass(frozen=True)
class TimelineEvent:
    """One dated happening: its day, a short description, the date as written, the evidence span."""

    day: date
    what: str
    date_text: str
    start: int
    end: int


# Every repeat is bounded and alternatives start differently: the scan is linear.
_DATE_RE = re.compile(
    # ISO-like: 2026-01-05, 2026/01/05, 2026.01.05
    r"\b(?P<iy>(?:19|20)\d\d)(?P<sep>[-/.])(?P<im>[01]?\d)(?P=sep)(?P<id>[0-3]?\d)\b"
    # Month first: January 5, Jan. 6, 2026, Jan. 4–7, Dec. 30 – Jan. 2
    rf"|\b(?P<m1>{MONTH_PATTERN})\s?(?P<d1>{DAY_PATTERN})"
    rf"(?:{RANGE_SEP_PATTERN}(?:{MONTH_PATTERN}\s?)?{DAY_PATTERN})?{YEAR_PATTERN.format('y1')}"
    # Day first: 5 January 2026, 4-7 January, 5th of January
    rf"|\b(?P<d2>{DAY_PATTERN})(?:{RANGE_SEP_PATTERN}{DAY_PATTERN})?\s(?:of\s)?"
    rf"(?P<m2>{MONTH_PATTERN}){YEAR_PATTERN.format('y2')}"
)
_DATELINE_RE = re.compile(r"^[A-Z][A-Z .'’-]{1,40},\s*$")  # "SEOUL, " before the date on its line
_STAMP_RE = re.compile(r"^\s*(?:Published|Updated|Posted|Last updated|Modified)\b", re.IGNORECASE)
_BRACKETED_RE = re.compile(r"\s*\[[^\[\]\n]{0,120}\]")
_LABEL_SEP_RE = re.compile(r"\s?[–—:|-]{1,3}\s")
_CLAUSE_BREAK_RE = re.compile(r"\s[–—]\s|;\s|,\s")

GRACE = timedelta(days=7)  # dates just outside the window (the day-before missile test) still count
_MAX_WHAT = 200
_MIN_WHAT_WORDS = 3


def _read(m: re.Match[str]) -> tuple[int | None, int, int]:
    """(year or None, month, day) of the (first) day a date match names."""
    if m.group("iy"):
        return int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    first = "1" if m.group("m1") else "2"
    month_name, day_text, year_text = m.group("m" + first), m.group("d" + first), m.group("y" + first)
    month = month_number(month_name)
    day = day_number(day_text)
    if year_text is None:
        return None, month, day
    # A year written after a range belongs to its last day: "Dec. 30 – Jan. 2, 2026" starts in 2025.
    year = int(year_text) - (1 if month > _last_month(m) else 0)
    return year, month, day


def _resolve(month: int, day: int, low: date, high: date, anchor: date | None) -> date | None:
    """Place a year-less day in ``[low, high]``: nearest to ``anchor`` (a dated mention close by in
    the text) when several years fit, else the earliest, since coverage clusters after the event."""
    fits = dates_in_window(month, day, low, high)
    if not fits:
        return None
    return min(fits, key=lambda d: abs((d - anchor).days)) if anchor else fits[0]


def _last_month(m: re.Match[str]) -> int:
    """The month a range ends in (the last month name in the match)."""
    names = re.findall(MONTH_PATTERN, m.group())
    return month_number(names[-1]) if names else 12


def _is_stamp(text: str, match_start: int) -> bool:
    """A dateline or a publication stamp: the date dates the article, not a happening."""
    line_start = text.rfind("\n", max(0, match_start - 120), match_start) + 1
    before = text[line_start:match_start]
    return bool(_DATELINE_RE.match(before) or _STAMP_RE.match(before))


def _describe(sentence: str, date_text: str) -> str:
    """The sentence as a short description: credits, citation marks and a leading date label out;
    when still too long, cut at a word boundary, from the clause holding the date if that lies late."""
    what = " ".join(_BRACKETED_RE.sub("", sentence).split())
    lead = _DATE_RE.match(what)
    label = _LABEL_SEP_RE.match(what, lead.end()) if lead else None
    if label:  # "Jan 6, 2026 – Lee meets Xi": the date is a list label, not part of the description
        what = what[label.end() :]
    what = what.strip(" ,;–—-")
    if len(what) <= _MAX_WHAT:
        return what
    at = what.find(date_text)
    if at + len(date_text) > _MAX_WHAT - 10:
        # The date sits late in a long sentence: start at the clause break before it.
        breaks = [m.end() for m in _CLAUSE_BREAK_RE.finditer(what, 0, max(at, 0))]
        what = what[breaks[-1] if breaks else max(at, 0) :]
    if len(what) > _MAX_WHAT:
        what = what[: _MAX_WHAT - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-") + "…"
    return what


def extract_timeline(text: str, window_start: date, window_end: date) -> list[TimelineEvent]:
    """Dated happenings in ``text`` whose day falls within a week of ``[window_start, window_end]``.

    One event per date mention (a range counts once, on its first day), ordered by day then offset;
    the same day and description twice in one article is kept once.
    """
    if not text or window_end < window_start:
        return []
    text = text.replace("\u00a0", " ")
    low, high = window_start - GRACE, window_end + GRACE
    matches = [(m, _read(m)) for m in _DATE_RE.finditer(text)]
    # Dates written with their year anchor the year-less ones near them.
    anchors = [(m.start(), d) for m, (y, mo, dd) in matches if y and (d := safe_date(y, mo, dd))]
    spans = split_sentences(text)
    starts = [s for s, _ in spans]
    events: list[TimelineEvent] = []
    seen: set[tuple[date, str]] = set()
    for m, (year, month, day_of_month) in matches:
        k = bisect_right(starts, m.start()) - 1
        if k < 0 or m.start() >= spans[k][1] or _is_stamp(text, m.start()):
            continue
        if year is not None:
            day = safe_date(year, month, day_of_month)
        else:
            anchor = min(anchors, key=lambda a: abs(a[0] - m.start()))[1] if anchors else None
            day = _resolve(month, day_of_month, low, high, anchor)
        if day is None or not low <= day <= high:
            continue
        start, end = spans[k]
        what = _describe(text[start:end], " ".join(m.group().split()))
        if len(re.findall(r"[^\W\d_]{2,}", what)) < _MIN_WHAT_WORDS or (day, what) in seen:
            continue
        seen.add((day, what))
        events.append(TimelineEvent(day, what, m.group().strip(), start, end))
    return sorted(events, key=lambda e: (e.day, e.start))
