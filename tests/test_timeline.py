"""Timeline: dated happenings in an article, their day resolved in the event's coverage window."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import read_seed as seed
from transforms.analysis.timeline import TimelineEvent, extract_timeline
from transforms.profile import EventProfile

ROOT = Path(__file__).parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
# The seed profile's coverage window: 30 days before 4 Jan 2026 to 365 days after 7 Jan 2026.
WINDOW = (date(2025, 12, 5), date(2027, 1, 7))
GRACE = timedelta(days=7)  # the module's documented week either side of the window


def timeline(text: str) -> list[TimelineEvent]:
    return extract_timeline(text, *WINDOW)


def days(text: str) -> list[str]:
    return [e.day.isoformat() for e in timeline(text)]


# --- seeds ---------------------------------------------------------------------------------------


def test_window_matches_the_profile(profile: EventProfile) -> None:
    assert (profile.window_start, profile.window_end) == WINDOW


def test_seed_003_events(profile: EventProfile) -> None:
    events = extract_timeline(seed("003"), profile.window_start, profile.window_end)
    assert {e.day for e in events} == {date(2026, 1, 5), date(2026, 1, 7)}
    # The two captions are printed twice: each gives one event.
    assert [e.day.day for e in events] == [5, 5, 5, 7, 7]
    assert any("Mao Ning" in e.what and e.day == date(2026, 1, 7) for e in events)
    assert all("[" not in e.what for e in events)  # photo credits dropped


def test_seed_004_timeline_section(profile: EventProfile) -> None:
    events = extract_timeline(seed("004"), profile.window_start, profile.window_end)
    assert [e.day.isoformat() for e in events] == [
        "2026-01-04", "2026-01-06", "2026-01-06", "2026-01-07", "2026-01-07", "2026-01-08",
    ]  # fmt: skip
    first, *_, last = events
    assert first.date_text == "Jan. 4\u20117"  # the range, on its first day
    assert last.what.startswith("Back at Cheong Wa Dae, Lee tells senior aides")
    assert not events[1].what.startswith("Jan")  # the "Jan 6, 2026 –" list label is dropped
    assert all("2017" not in e.date_text for e in events)  # a bare year is no date


def test_seeds_without_calendar_dates_give_nothing(profile: EventProfile) -> None:
    for prefix in ("000", "001", "002"):  # weekdays, "last June", years only
        assert extract_timeline(seed(prefix), profile.window_start, profile.window_end) == [], prefix


def test_seed_events_point_at_their_evidence(profile: EventProfile) -> None:
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        for e in extract_timeline(text, profile.window_start, profile.window_end):
            assert e.date_text in text[e.start : e.end], (path.name, e)
            assert 0 < len(e.what) <= 200
            assert profile.window_start <= e.day <= profile.window_end


# --- date forms ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day", "date_text"),
    [
        ("The leaders met in Beijing on January 5.", "2026-01-05", "January 5"),
        ("The leaders met in Beijing on Jan. 5, 2026.", "2026-01-05", "Jan. 5, 2026"),
        ("The leaders met in Beijing on 5 January 2026.", "2026-01-05", "5 January 2026"),
        ("The leaders met in Beijing on the 5th of January.", "2026-01-05", "5th of January"),
        ("The leaders met in Beijing on 2026-01-05 for talks.", "2026-01-05", "2026-01-05"),
        ("Sept 30th saw officials prepare the trip.", "2026-09-30", "Sept 30th"),
    ],
)
def test_date_forms(text: str, day: str, date_text: str) -> None:
    [event] = timeline(text)
    assert (event.day.isoformat(), event.date_text) == (day, date_text)
    assert event.what == text
    assert (event.start, event.end) == (0, len(text))


def test_ranges_give_one_event_on_the_first_day() -> None:
    assert days("Lee spent Jan. 4-7 in Beijing and Shanghai.") == ["2026-01-04"]
    assert days("Lee was in China from 4 to 7 January on a state visit.") == ["2026-01-04"]
    [event] = timeline("Lee toured China from Dec. 30 – Jan. 2, 2026 on a long trip.")
    assert event.day == date(2025, 12, 30)  # the year belongs to the range's last day


def test_bare_years_weekdays_and_month_years_are_not_dates() -> None:
    text = "In 2016 THAAD was deployed. On Monday Lee flew in. In January 2026 ties warmed. May they last."
    assert timeline(text) == []


def test_dates_outside_the_window_are_dropped() -> None:
    assert timeline("The leaders first met on January 5, 2020 in Seoul.") == []
    assert timeline("The leaders met on March 3, 2028 in Seoul.") == []
    assert timeline("The leaders met on February 30 in Seoul.") == []  # no such day


def test_dates_shortly_before_the_window_are_kept() -> None:
    # A narrow window (the visit itself): the missile launch the day before still counts.
    visit = (date(2026, 1, 4), date(2026, 1, 7))
    events = extract_timeline("North Korea fired missiles on January 3, a day before the trip.", *visit)
    assert [e.day for e in events] == [date(2026, 1, 3)]
    assert extract_timeline("Talks were held on December 1 last year.", *visit) == []


def test_year_less_dates_follow_a_nearby_dated_mention() -> None:
    # The window spans over a year, so "January 4" fits 2026 and 2027: the nearby "2027" date decides.
    text = "Jan 5, 2027 - A year on, officials met again. They had said on January 4 that talks were due."
    assert days(text) == ["2027-01-04", "2027-01-05"]
    assert days("Officials said on January 4 that talks were due.") == ["2026-01-04"]  # else the earliest


def test_datelines_and_publication_stamps_are_skipped() -> None:
    text = "SEOUL, Jan. 8 (Yonhap) -- Lee met aides on Thursday.\nUpdated: Jan. 8, 2026 10:00 KST\nLee slept."
    assert timeline(text) == []


# --- descriptions --------------------------------------------------------------------------------


def test_description_drops_labels_credits_and_citations() -> None:
    [event] = timeline("Jan 6, 2026 – Lee meets Xi in Beijing for a summit. [4]")
    assert event.what == "Lee meets Xi in Beijing for a summit."
    [event] = timeline("Xi and Lee attend a ceremony in Beijing on January 5. [Yue Yuewei/Xinhua via AFP]")
    assert event.what == "Xi and Lee attend a ceremony in Beijing on January 5."


def test_long_sentences_are_cut_at_a_word_boundary() -> None:
    long_tail = ", ".join(f"and then item number {i} was discussed" for i in range(20))
    [event] = timeline(f"On January 5 Lee and Xi met in Beijing {long_tail}.")
    assert len(event.what) <= 200 and event.what.endswith("…")
    assert event.what.startswith("On January 5 Lee and Xi met")
    late = timeline(f"Lee and Xi talked {long_tail}, and finally signed deals on January 6 in Beijing.")
    assert len(late) == 1 and "January 6" in late[0].what and len(late[0].what) <= 200


def test_repeated_sentences_give_one_event_and_short_fragments_none() -> None:
    caption = "Lee and Xi sign deals in Beijing on January 5."
    assert len(timeline(f"{caption}\n{caption}\n")) == 1
    assert timeline("January 5, 2026") == []  # a bare date line describes nothing


# --- robustness ----------------------------------------------------------------------------------


def test_empty_and_inverted_windows() -> None:
    assert timeline("") == []
    assert extract_timeline("Lee met Xi on January 5.", date(2026, 2, 1), date(2026, 1, 1)) == []


@pytest.mark.timeout(60)
def test_garbage_and_large_inputs() -> None:
    rng = random.Random(11)
    pieces = ["Jan", ".", "5", ",", "2026", "–", "-", "‑", "4", "7", "January", "to", "and", "2026-01-05"]
    pieces += ["31", "th", "of", "Dec", "[", "]", "\n", "Lee", "met", "\u00a0", "Sept"]
    garbage = " ".join(rng.choice(pieces) for _ in range(60_000))
    repeated = "Lee met Xi in Beijing on January 5, 2026 – again. " * 4_000  # ~200 KB
    for text in (garbage, repeated, "1" * 200_000, "Jan. " * 40_000, "-" * 200_000):
        for event in timeline(text):
            assert WINDOW[0] - GRACE <= event.day <= WINDOW[1] + GRACE and len(event.what) <= 200
    assert len(timeline(repeated)) == 1  # one sentence repeated: one event
