"""The shipped event profile (seeds/event.toml) parses and describes the Lee-in-China visit."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from transforms.entities import phrase_key
from transforms.profile import EventProfile, parse_event_profile

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
