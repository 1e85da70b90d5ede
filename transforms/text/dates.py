"""Find publication dates: parse metadata date strings, and infer a date from an article's own text.

Inference is a fallback for documents without metadata. An article reports events up to the moment it
is published, so the latest explicit date it mentions inside the coverage window is a lower bound on its
publication date. That makes the result weaker than metadata; its provenance says so.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

from transforms.documents import DateEvidence

__all__ = [
    "DAY_PATTERN",
    "INFERRED_PROVENANCE",
    "MONTH_ABBREVIATIONS",
    "MONTH_NAMES",
    "MONTH_NUMBERS",
    "MONTH_PATTERN",
    "RANGE_SEP_PATTERN",
    "WEEKDAYS",
    "WEEKDAY_PROVENANCE",
    "YEAR_PATTERN",
    "dates_in_window",
    "day_number",
    "infer_publication_date",
    "month_number",
    "parse_date_string",
    "safe_date",
    "weekday_number",
]

INFERRED_PROVENANCE = "inferred:latest-date-in-text"
# Weaker still: a bare weekday ("On Monday") mapped into a short window.
WEEKDAY_PROVENANCE = "inferred:weekday-in-window"
_WEEKDAY_MAX_WINDOW_DAYS = 14

# --- shared English calendar vocabulary (also used by the claims and timeline analyses) ---

# Keyed by the first three letters, lower case: see month_number.
MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Regex alternations (no group) of the capitalised month names; "May" is a full name, not an abbreviation.
MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
MONTH_ABBREVIATIONS = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
# Month names are matched capitalised only, so the verb "may" and "march" are not months. A full name
# takes no trailing dot ("in May. 5 people" is no date); an abbreviation may ("Jan. 5").
MONTH_PATTERN = rf"(?:(?:{MONTH_NAMES})\b|(?:{MONTH_ABBREVIATIONS})\b\.?)"
DAY_PATTERN = r"[0-3]?\d(?:st|nd|rd|th)?\b"
# Between the two days of a range: "4-7", "4 – 7", "4 to 7", "4 and 7".
RANGE_SEP_PATTERN = r"\s?(?:[-–—‐‑]|to|through|until|and)\s?"
# An optional year after a day, in a named group: YEAR_PATTERN.format("y1") captures it as "y1".
YEAR_PATTERN = r"(?:,?\s(?P<{}>(?:19|20)\d\d)\b)?"


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation matched by MONTH_PATTERN ("Sept." -> 9)."""
    return MONTH_NUMBERS[name[:3].lower()]


def weekday_number(name: str) -> int:
    """0 (Monday) to 6 (Sunday) for a weekday name, in any case, as ``date.weekday()`` counts."""
    return [w.lower() for w in WEEKDAYS].index(name.lower())


def day_number(text: str) -> int:
    """The day a DAY_PATTERN match names: "30th" -> 30."""
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when there is no such day (February 30, year 0)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def dates_in_window(month: int, day: int, start: date, end: date) -> list[date]:
    """Every date with this month and day in ``[start, end]``, earliest first.

    The common step of placing a year-less date; which of several to choose is each caller's rule.
    """
    return [
        d
        for year in range(start.year, end.year + 1)
        if (d := safe_date(year, month, day)) is not None and start <= d <= end
    ]


# --- publication-date inference ------------------------------------------------------------------

# Alternatives never share a start position, and every repeat is bounded: the scan is linear.
_DATE_RE = re.compile(
    # ISO-like: 2026-01-05, 2026/01/05, 2026.01.05
    r"\b(?P<iy>(?:19|20)\d\d)(?P<sep>[-/.])(?P<im>[01]?\d)(?P=sep)(?P<id>[0-3]?\d)\b"
    # Month first: January 5, Jan. 5, 2026, Jan. 4–7, Sept 30th
    rf"|\b(?P<m1>{MONTH_PATTERN})\s(?P<d1>{DAY_PATTERN})(?:{RANGE_SEP_PATTERN}(?P<d1b>{DAY_PATTERN}))?"
    rf"{YEAR_PATTERN.format('y1')}"
    # Day first: 5 January 2026, 4-7 January, 5th of January
    rf"|\b(?:(?P<d2a>{DAY_PATTERN}){RANGE_SEP_PATTERN})?(?P<d2>{DAY_PATTERN})\s(?:of\s)?"
    rf"(?P<m2>{MONTH_PATTERN}){YEAR_PATTERN.format('y2')}"
)
_BARE_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
# "next Monday" points after publication, so it is no lower bound and is skipped.
_WEEKDAY_RE = re.compile(
    r"\b(?P<pre>(?:[Oo]n|[Ll]ast|[Tt]his|[Ss]ince|[Nn]ext|[Cc]oming) )?(?P<wd>" + "|".join(WEEKDAYS) + r")\b"
)


def _explicit_dates(text: str) -> list[tuple[int | None, int, int, str]]:
    """Return (year or None, month, day, snippet) for each explicit date; a range yields its last day."""
    found: list[tuple[int | None, int, int, str]] = []
    for m in _DATE_RE.finditer(text):
        snippet = m.group(0).strip()
        if m.group("iy"):
            found.append((int(m.group("iy")), int(m.group("im")), int(m.group("id")), snippet))
            continue
        if m.group("m1"):
            month, day_text = month_number(m.group("m1")), m.group("d1b") or m.group("d1")
            year_text = m.group("y1")
        else:
            month, day_text = month_number(m.group("m2")), m.group("d2")
            year_text = m.group("y2")
        day = day_number(day_text)
        found.append((int(year_text) if year_text else None, month, day, snippet))
    return found


def _resolve_year(month: int, day: int, start: date, end: date, hinted: set[int]) -> date | None:
    """Place a year-less month/day inside the window; None when no year does.

    When several years fit (windows longer than a year), prefer a year the text itself mentions,
    else the earliest: coverage clusters right after the event, near the window's start.
    """
    fits = dates_in_window(month, day, start, end)
    preferred = [d for d in fits if d.year in hinted]
    return min(preferred or fits) if fits else None


def _weekday_date(text: str, start: date, end: date) -> tuple[date, str] | None:
    """Latest weekday mention mapped to its first occurrence in a short window (a weaker signal)."""
    best: tuple[date, str] | None = None
    for m in _WEEKDAY_RE.finditer(text):
        if (m.group("pre") or "").lower().strip() in ("next", "coming"):
            continue
        target = weekday_number(m.group("wd"))
        offset = (target - start.weekday()) % 7
        resolved = start + timedelta(days=offset)
        if resolved <= end and (best is None or resolved > best[0]):
            best = (resolved, m.group(0))
    return best


def infer_publication_date(text: str, window_start: date, window_end: date) -> DateEvidence:
    """Infer a publication lower bound: the latest explicit date in ``text`` inside the window.

    Year-less dates ("January 5") take the year that puts them in the window; bare years ("in 2016")
    and dates outside the window are ignored. Only when the text has no explicit date at all and the
    window spans at most 14 days, a weekday mention ("On Monday") is mapped to that weekday's first
    date in the window (provenance ``inferred:weekday-in-window``). Returns ``DateEvidence(None,
    "none")`` when nothing fits.
    """
    if window_end < window_start or not text:
        return DateEvidence(None, "none")
    text = text.replace("\u00a0", " ")
    explicit = _explicit_dates(text)
    hinted = {int(y) for y in _BARE_YEAR_RE.findall(text)}
    best: tuple[date, str] | None = None
    for year, month, day, snippet in explicit:
        if year is None:
            resolved = _resolve_year(month, day, window_start, window_end, hinted)
        else:
            resolved = safe_date(year, month, day)
        if resolved is None or not window_start <= resolved <= window_end:
            continue
        if best is None or resolved > best[0]:
            best = (resolved, snippet)
    if best is not None:
        return DateEvidence(best[0], INFERRED_PROVENANCE, best[1])
    if not explicit and (window_end - window_start).days < _WEEKDAY_MAX_WINDOW_DAYS:
        weekday = _weekday_date(text, window_start, window_end)
        if weekday is not None:
            return DateEvidence(weekday[0], WEEKDAY_PROVENANCE, weekday[1])
    return DateEvidence(None, "none")


def parse_date_string(s: str) -> date | None:
    """Parse a metadata date string to the calendar date it states, or None.

    Accepts ISO 8601 dates and datetimes ("2026-01-05", "2026-01-05T10:00:00+09:00", "...Z"),
    RFC 2822 ("Mon, 05 Jan 2026 10:00:00 +0900") and written dates with a year ("January 5, 2026",
    "5 Jan 2026", "2026.01.05 14:03"). The date is the one written, not converted to another time zone.
    """
    s = (s or "").strip()
    if not s:
        return None
    try:
        return datetime.fromisoformat(s).date()
    except ValueError:
        pass
    for year, month, day, _ in _explicit_dates(s.replace("\u00a0", " ")):
        if year is not None:
            return safe_date(year, month, day)
    try:
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        return None
