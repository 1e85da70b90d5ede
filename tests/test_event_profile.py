"""The shipped event profile (seeds/event.toml) parses and describes the Lee-in-China visit."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from transforms.entities import phrase_key
from transforms.profile import EventProfile, ProfileError, parse_event_profile

ROOT = Path(__file__).parents[1]
PROFILE_PATH = ROOT / "seeds" / "event.toml"

PEOPLE = [
    "lee-jae-myung", "xi-jinping", "li-qiang", "zhao-leji", "kim-jong-un", "yoon-suk-yeol",
    "sanae-takaichi", "mao-ning", "nicolas-maduro",
]  # fmt: skip
PLACES = [
    "beijing", "shanghai", "seoul", "pyongyang", "tokyo", "taiwan", "yellow-sea", "korean-peninsula",
    "japan", "north-korea", "south-korea", "china", "united-states",
]  # fmt: skip
ORGANISATIONS = [
    "xinhua", "yonhap", "korea-joongang-daily", "chosun-ilbo", "korea-times", "xiaomi", "apec",
    "national-peoples-congress", "chinese-foreign-ministry",
]  # fmt: skip
TOPICS = [
    "summit-diplomacy", "north-korea", "yellow-sea-structures", "cultural-restrictions", "trade-economy",
    "technology-ai", "taiwan-japan-tensions", "thaad-history", "us-relations", "historical-memory",
    "personal-diplomacy",
]  # fmt: skip
KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TITLES = ("president", "premier", "chairman", "prime minister", "leader", "mr", "mrs", "ms", "dr", "spokes")


@pytest.fixture(scope="module")
def profile() -> EventProfile:
    return parse_event_profile(PROFILE_PATH.read_text(encoding="utf-8"))


def test_event_dates_and_window(profile: EventProfile) -> None:
    assert profile.start == date(2026, 1, 4)
    assert profile.end == date(2026, 1, 7)
    assert profile.window_start == date(2025, 12, 5)  # 30 days before
    assert profile.window_end == date(2027, 1, 7)  # 365 days after
    assert profile.id and profile.name and "Lee Jae Myung" in profile.description


@pytest.mark.parametrize(
    ("ids", "kind"), [(PEOPLE, "person"), (PLACES, "place"), (ORGANISATIONS, "organisation")]
)
def test_expected_entities_present_with_kind(profile: EventProfile, ids: list[str], kind: str) -> None:
    for entity_id in ids:
        assert profile.entity(entity_id).kind == kind, entity_id


def test_expected_topics_present_with_keywords(profile: EventProfile) -> None:
    topics = {t.id: t for t in profile.topics}
    for topic_id in TOPICS:
        assert topic_id in topics, topic_id
        assert len(topics[topic_id].keywords) >= 5, topic_id
    assert len(topics) == len(profile.topics), "topic ids must be unique"


def test_ids_are_kebab_case(profile: EventProfile) -> None:
    for item in (*profile.entities, *profile.topics):
        assert KEBAB.fullmatch(item.id), item.id


def test_romanisations_and_aliases(profile: EventProfile) -> None:
    lee = profile.entity("lee-jae-myung")
    assert lee.name == "Lee Jae Myung"
    keys = {phrase_key(v) for v in lee.variants}
    assert {"leejaemyung", "yijaemyeong"} <= keys
    assert lee.context_aliases == ("Lee",)
    assert "Xi" in profile.entity("xi-jinping").context_aliases
    assert "Yoon" in profile.entity("yoon-suk-yeol").context_aliases
    assert "Korea" in profile.entity("south-korea").context_aliases
    assert "Republic of Korea" in profile.entity("south-korea").variants
    assert "Korea" not in profile.entity("south-korea").variants  # bare "Korea" is context-only


def test_variants_are_names_not_titles(profile: EventProfile) -> None:
    for entity in profile.entities:
        for variant in entity.variants:
            assert not variant.lower().startswith(TITLES), (entity.id, variant)


def test_no_two_entities_share_a_full_variant(profile: EventProfile) -> None:
    owner: dict[str, str] = {}
    for entity in profile.entities:
        for variant in entity.variants:
            key = phrase_key(variant)
            assert owner.setdefault(key, entity.id) == entity.id, (variant, owner[key], entity.id)


def test_relevance_settings(profile: EventProfile) -> None:
    assert "lee-jae-myung" in profile.relevance_entities
    assert profile.min_relevance_mentions >= 1


# --- claim types ([[claims]]) ---------------------------------------------------------------------

CLAIM_IDS = [
    "agreements-signed", "business-delegation-size", "visit-length", "years-since-last-visit",
    "years-since-last-state-visit", "summit-date", "arrival-date", "return-date",
]  # fmt: skip


def test_claim_types_in_shipped_profile(profile: EventProfile) -> None:
    claims = {c.id: c for c in profile.claim_types}
    assert len(claims) == len(profile.claim_types), "claim ids must be unique"
    for claim_id in CLAIM_IDS:
        assert claim_id in claims, claim_id
        assert KEBAB.fullmatch(claim_id), claim_id
    assert claims["agreements-signed"].kind == "count" and "corporate" in claims["agreements-signed"].exclude
    assert claims["visit-length"].kind == "duration" and claims["visit-length"].unit == "days"
    assert claims["years-since-last-state-visit"].unit == "years"
    assert (claims["arrival-date"].range_part, claims["return-date"].range_part) == ("start", "end")
    assert claims["summit-date"].kind == "date" and claims["summit-date"].range_part is None
    assert claims["business-delegation-size"].tolerance == pytest.approx(0.1)


_MINIMAL = """
entities = []
topics = []
[event]
id = "e"
name = "e"
start = 2025-01-01
end = 2025-01-02
"""


def test_profile_without_claims_has_none() -> None:
    assert parse_event_profile(_MINIMAL).claim_types == ()


def test_claim_defaults() -> None:
    (claim,) = parse_event_profile(
        _MINIMAL + '[[claims]]\nid = "d"\nkind = "date"\ncues = ["met"]\n'
    ).claim_types
    assert (claim.label, claim.unit, claim.context, claim.exclude) == ("d", "date", (), ())
    assert (claim.tolerance, claim.compare_qualifiers, claim.range_part) == (0.0, False, None)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('kind = "count"\nunit = "x"\ncues = ["a"]', "missing key 'id'"),
        ('id = "c"\nunit = "x"\ncues = ["a"]', "missing key 'kind'"),
        ('id = "c"\nkind = "amount"\nunit = "x"\ncues = ["a"]', "kind 'amount' is not one of"),
        ('id = "c"\nkind = "count"\ncues = ["a"]', "a count needs a unit"),
        ('id = "c"\nkind = "duration"\nunit = "fortnights"\ncues = ["a"]', "a duration needs unit"),
        ('id = "c"\nkind = "count"\nunit = "x"', "cues must list at least one phrase"),
        ('id = "c"\nkind = "count"\nunit = "x"\ncues = "a"', "expected a list of non-empty strings"),
        ('id = "c"\nkind = "count"\nunit = "x"\ncues = ["a"]\nrange_part = "start"', "only for date claims"),
        (
            'id = "c"\nkind = "date"\ncues = ["a"]\nrange_part = "middle"\nrange_cues = ["b"]',
            "'start' or 'end'",
        ),
        ('id = "c"\nkind = "date"\ncues = ["a"]\nrange_part = "end"', "needs a non-empty range_cues"),
        ('id = "c"\nkind = "date"\ncues = ["a"]\nrange_cues = ["b"]', "range_cues needs range_part"),
        (
            'id = "c"\nkind = "count"\nunit = "x"\ncues = ["a"]\ntolerance = -1',
            "tolerance must be a number >= 0",
        ),
        ('id = "c"\nkind = "count"\nunit = "x"\ncues = ["a"]\ncompare_qualifiers = "yes"', "true or false"),
    ],
)
def test_bad_claim_tables_are_rejected(table: str, message: str) -> None:
    with pytest.raises(ProfileError, match=re.escape(message)) as info:
        parse_event_profile(_MINIMAL + "[[claims]]\n" + table + "\n")
    assert "[[claims]] #1" in str(info.value)


def test_duplicate_claim_ids_and_bad_shape_are_rejected() -> None:
    one = '[[claims]]\nid = "c"\nkind = "date"\ncues = ["a"]\n'
    with pytest.raises(ProfileError, match="claim ids must be unique"):
        parse_event_profile(_MINIMAL + one + one)
    with pytest.raises(ProfileError, match=re.escape("array of tables ([[claims]])")):
        parse_event_profile(_MINIMAL.replace("topics = []", 'topics = []\nclaims = "x"'))
