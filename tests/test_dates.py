"""Tests for transforms.text.dates: publication-date inference from text and metadata date parsing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from transforms.documents import DateEvidence
from transforms.extraction.plaintext import extract_plaintext
from transforms.text.dates import (
    INFERRED_PROVENANCE,
    WEEKDAY_PROVENANCE,
    infer_publication_date,
    parse_date_string,
)

SEEDS = Path(__file__).parents[1] / "seeds"
# The event profile's window: 30 days before the visit to 365 days after it.
WINDOW = (date(2025, 12, 5), date(2027, 1, 7))
VISIT_WEEK = (date(2026, 1, 4), date(2026, 1, 10))  # Sunday to Saturday


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# --- seeds ----------------------------------------------------------------------------------------

SEED_DATES = {
    "000": DateEvidence(None, "none"),  # only "On Monday" and bare years
    "001": DateEvidence(None, "none"),
    "002": DateEvidence(None, "none"),
    "003": DateEvidence(date(2026, 1, 7), INFERRED_PROVENANCE, "January 7"),  # January 5 and 7, no year
    "004": DateEvidence(date(2026, 1, 8), INFERRED_PROVENANCE, "Jan 8, 2026"),
}


@pytest.mark.parametrize("prefix", sorted(SEED_DATES))
def test_seed_dates(prefix: str) -> None:
    assert infer_publication_date(seed(prefix), *WINDOW) == SEED_DATES[prefix]


@pytest.mark.parametrize("prefix", sorted(SEED_DATES))
def test_seed_dates_survive_extraction(prefix: str) -> None:
    body = extract_plaintext(seed(prefix)).text
    assert infer_publication_date(body, *WINDOW) == SEED_DATES[prefix]


def test_seed_000_weekday_only_in_a_short_window() -> None:
    assert infer_publication_date(seed("000"), *VISIT_WEEK) == DateEvidence(
        date(2026, 1, 5), WEEKDAY_PROVENANCE, "On Monday"
    )
    assert infer_publication_date(seed("000"), *WINDOW).value is None


def test_seed_004_range_is_read_with_non_breaking_hyphen() -> None:
    # Only "Jan. 4‑7" (U+2011) is in the window when the window ends on the 7th.
    window = (date(2026, 1, 1), date(2026, 1, 7))
    evidence = infer_publication_date(seed("004").split("Timeline")[0], *window)
    assert evidence == DateEvidence(date(2026, 1, 7), INFERRED_PROVENANCE, "Jan. 4\u20117")


# --- formats and resolution -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "snippet"),
    [
        ("Lee met Xi on January 5.", date(2026, 1, 5), "January 5"),
        ("Lee met Xi on Jan. 5 in Beijing.", date(2026, 1, 5), "Jan. 5"),
        ("Talks were held Jan 6, 2026, in Beijing.", date(2026, 1, 6), "Jan 6, 2026"),
        ("Talks were held on 5 January 2026.", date(2026, 1, 5), "5 January 2026"),
        ("Talks were held on the 5th of January.", date(2026, 1, 5), "5th of January"),
        ("Posted 2026-01-05 in Seoul.", date(2026, 1, 5), "2026-01-05"),
        ("Posted 2026.01.06 14:03 KST.", date(2026, 1, 6), "2026.01.06"),
        ("The visit ran Jan. 4–7.", date(2026, 1, 7), "Jan. 4–7"),
        ("The visit ran from January 4 to 7.", date(2026, 1, 7), "January 4 to 7"),
        ("The visit ran 4-7 January.", date(2026, 1, 7), "4-7 January"),
        ("On Sept. 30th, 2026 the talks resumed.", date(2026, 9, 30), "Sept. 30th, 2026"),
        ("Lee met Xi on January 5 and flew to Shanghai on January 6.", date(2026, 1, 6), "January 6"),
    ],
)
def test_explicit_date_formats(text: str, expected: date, snippet: str) -> None:
    assert infer_publication_date(text, *WINDOW) == DateEvidence(expected, INFERRED_PROVENANCE, snippet)


@pytest.mark.parametrize(
    "text",
    [
        "South Korea deployed THAAD in 2016 and Lee was elected in 2025.",  # bare years
        "The two leaders first met on January 5, 2019.",  # outside the window
        "Protesters march 5 miles; officials may 10 times revise the plan.",  # verbs, not months
        "Lee said February 30 would never come.",  # no such day
        "About 200 entrepreneurs joined 14 agreements.",
        "",
    ],
)
def test_no_date(text: str) -> None:
    assert infer_publication_date(text, *WINDOW) == DateEvidence(None, "none")


def test_year_less_date_takes_year_that_fits_window_across_new_year() -> None:
    window = (date(2025, 12, 5), date(2026, 1, 20))
    assert infer_publication_date("He arrived on December 30.", *window).value == date(2025, 12, 30)
    assert infer_publication_date("He arrived on January 3.", *window).value == date(2026, 1, 3)
    assert infer_publication_date("On December 30 and January 3.", *window).value == date(2026, 1, 3)


def test_year_less_date_in_multi_year_window_prefers_mentioned_year_else_earliest() -> None:
    window = (date(2025, 1, 1), date(2027, 12, 31))
    assert infer_publication_date("Talks on March 3.", *window).value == date(2025, 3, 3)
    assert infer_publication_date("Talks on March 3 set the tone for 2026.", *window).value == date(
        2026, 3, 3
    )


def test_explicit_dates_outside_window_do_not_win() -> None:
    text = "Lee met Xi on January 5, 2026. A follow-up is planned for March 1, 2030."
    assert infer_publication_date(text, *WINDOW).value == date(2026, 1, 5)


def test_weekday_rules() -> None:
    assert infer_publication_date("Talks ended on Wednesday.", *VISIT_WEEK).value == date(2026, 1, 7)
    # Latest weekday mentioned wins; "next Friday" points past publication and is ignored.
    text = "Lee arrived on Sunday and met Xi on Monday. He returns next Friday."
    assert infer_publication_date(text, *VISIT_WEEK) == DateEvidence(
        date(2026, 1, 5), WEEKDAY_PROVENANCE, "on Monday"
    )
    # Any explicit date, even out of the window, disables the weaker weekday rule.
    assert infer_publication_date("On Monday, recalling March 1, 2019, Lee spoke.", *VISIT_WEEK).value is None
    # Windows longer than two weeks make weekdays ambiguous.
    assert infer_publication_date("On Monday Lee met Xi.", date(2026, 1, 1), date(2026, 1, 31)).value is None


def test_empty_or_inverted_window() -> None:
    assert infer_publication_date("January 5", date(2026, 2, 1), date(2026, 1, 1)).value is None


# Large and pathological inputs (~150 KB) guard against catastrophic regex backtracking: the timeout
# turns a hang into a failure. Speed on 1 MB inputs is measured in bench/bench_transforms.py.
@pytest.mark.timeout(60)
def test_large_input_picks_latest_date() -> None:
    text = " ".join(
        f"On January {1 + i % 28} 2026 and Jan. 4-7 and 12 May in 2016 on Monday." for i in range(2_100)
    )
    assert infer_publication_date(text, *WINDOW) == DateEvidence(
        date(2026, 5, 12), "inferred:latest-date-in-text", "12 May"
    )


@pytest.mark.timeout(60)
@pytest.mark.parametrize("chunk", ["1 ", "Jan ", "[1", "2026-"])
def test_pathological_input_finds_no_date_but_the_one_after_it(chunk: str) -> None:
    junk = chunk * (150_000 // len(chunk))
    assert infer_publication_date(junk, *WINDOW).value is None
    assert infer_publication_date(f"{junk}\n\nPublished January 5, 2026.", *WINDOW) == DateEvidence(
        date(2026, 1, 5), "inferred:latest-date-in-text", "January 5, 2026"
    )


# --- metadata strings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-01-05", date(2026, 1, 5)),
        ("2026-01-05T10:00:00+09:00", date(2026, 1, 5)),
        ("2026-01-04T23:30:00Z", date(2026, 1, 4)),  # the date as written, not shifted to another zone
        ("2026-01-05 10:00:00.123456", date(2026, 1, 5)),
        ("Mon, 05 Jan 2026 10:00:00 +0900", date(2026, 1, 5)),
        ("05 Jan 26 10:00 GMT", date(2026, 1, 5)),
        ("January 5, 2026", date(2026, 1, 5)),
        ("Monday, January 5, 2026 10:00 AM KST", date(2026, 1, 5)),
        ("5 Jan 2026", date(2026, 1, 5)),
        ("2026.01.05 14:03", date(2026, 1, 5)),
        ("  2026/01/05  ", date(2026, 1, 5)),
    ],
)
def test_parse_date_string(raw: str, expected: date) -> None:
    assert parse_date_string(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", "   ", "garbage", "Jan. 5", "2026-13-45", "February 30, 2026", "in 2026"]
)
def test_parse_date_string_rejects(raw: str) -> None:
    assert parse_date_string(raw) is None
