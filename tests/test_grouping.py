"""Cross-article grouping: repeated quotations, shared happenings, disputed claims with tolerance."""

from __future__ import annotations

from datetime import date

from tests.conftest import SEEDS_DIR
from transforms.grouping.cross_article import group_conflicts, group_happenings, group_quotes
from transforms.profile import parse_event_profile

PROFILE = parse_event_profile((SEEDS_DIR / "event.toml").read_text(encoding="utf-8"))


def _claim(article: str, index: int, claim_type: str, number: float, written: str) -> tuple:
    return (article, index, claim_type, str(number), number, "people", None, written, f"{written}.", 0, 5)


def test_values_within_the_claim_types_tolerance_agree() -> None:
    close = [
        _claim("a", 0, "business-delegation-size", 200, "200"),
        _claim("b", 0, "business-delegation-size", 210, "210"),
    ]
    assert group_conflicts(close, PROFILE) == []
    apart = [*close, _claim("c", 0, "business-delegation-size", 400, "400-member")]
    rows = group_conflicts(apart, PROFILE)
    assert {(r[3], r[2]) for r in rows} == {("a", 2), ("b", 2), ("c", 2)}
    assert len({r[1] for r in rows if r[3] in ("a", "b")}) == 1  # 200 and 210 share one value group


def test_a_quotation_in_two_articles_is_grouped_and_scare_quotes_are_not() -> None:
    quotes = [
        ("a", 0, "We hope China can serve as a mediator for peace on the Korean Peninsula.", 13, None),
        ("b", 3, "we hope that China can serve as a mediator for peace on the Korean peninsula", 14, None),
        ("a", 1, "new phase", 2, None),
        ("b", 4, "new phase", 2, None),
    ]
    groups = group_quotes(quotes)
    assert set(groups) == {("a", 0), ("b", 3)}
    assert groups[("a", 0)] == groups[("b", 3)]


def test_similar_mentions_on_one_day_are_one_happening() -> None:
    day = date(2026, 1, 5)
    events = [
        ("a", 10, day, "Lee and Xi held a summit in Beijing on January 5."),
        ("b", 20, day, "On January 5 Lee and Xi held their summit in Beijing."),
        ("b", 90, day, "North Korea fired ballistic missiles into the sea."),
    ]
    groups = group_happenings(events)
    assert groups[("a", 10)] == groups[("b", 20)] != groups[("b", 90)]


def test_two_translations_of_one_speakers_words_are_one_quotation() -> None:
    first = "a new starting point to fill in the gaps in Korea-China relations and restore them to normal"
    second = (
        "a fresh starting point for filling the gaps in relations between Korea and China, back to normal"
    )
    other = "Korea and China should cooperate more closely on North Korea's missile launches"
    quotes = [("a", 0, first, 17, "lee"), ("b", 0, second, 17, "lee"), ("c", 0, other, 12, "lee")]
    groups = group_quotes(quotes)
    assert groups == {("a", 0): "q:a:0", ("b", 0): "q:a:0"}  # the same speaker's other remark stays apart
    # Without a known speaker the wording alone is too far apart to be one quotation.
    assert group_quotes([(a, i, t, w, None) for a, i, t, w, _ in quotes]) == {}
