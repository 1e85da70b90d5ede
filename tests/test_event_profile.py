"""The shipped event profile (seeds/event.toml) parses and describes the Lee-in-China visit."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from transforms.profile import EventProfile, ProfileError, parse_event_profile
from transforms.text.phrases import phrase_key

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
        (
            'id = "c"\nkind = "amount"\nunit = "x"\ncues = ["a"]',
            'kind: expected one of "count", "date", "duration"',
        ),
        ('id = "c"\nkind = "count"\ncues = ["a"]', "missing key 'unit' (expected what a count counts"),
        (
            'id = "c"\nkind = "duration"\nunit = "fortnights"\ncues = ["a"]',
            '(the unit of a duration), found "fortnights"',
        ),
        ('id = "c"\nkind = "count"\nunit = "x"', "cues: expected at least one phrase, found nothing"),
        ('id = "c"\nkind = "count"\nunit = "x"\ncues = "a"', "expected an array of non-empty strings"),
        (
            'id = "c"\nkind = "count"\nunit = "x"\ncues = ["a"]\nrange_part = "start"',
            'range_part: expected only in a claim of kind = "date"',
        ),
        (
            'id = "c"\nkind = "date"\ncues = ["a"]\nrange_part = "middle"\nrange_cues = ["b"]',
            'range_part: expected "start" or "end", found "middle"',
        ),
        (
            'id = "c"\nkind = "date"\ncues = ["a"]\nrange_part = "end"',
            "range_cues: expected a non-empty array",
        ),
        (
            'id = "c"\nkind = "date"\ncues = ["a"]\nrange_cues = ["b"]',
            'range_part: expected "start" or "end" (range_cues',
        ),
        (
            'id = "c"\nkind = "count"\nunit = "x"\ncues = ["a"]\ntolerance = -1',
            "tolerance: expected a number >= 0, found -1",
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
    with pytest.raises(
        ProfileError, match=re.escape("[[claims]] #2 ('c') id: expected a unique id, found \"c\"")
    ):
        parse_event_profile(_MINIMAL + one + one)
    with pytest.raises(ProfileError, match=re.escape("array of tables ([[claims]])")):
        parse_event_profile(_MINIMAL.replace("topics = []", 'topics = []\nclaims = "x"'))


# --- configuration errors: every problem found at once, named by table and key -------------------------

SEED_TEXT = PROFILE_PATH.read_text(encoding="utf-8")
_WINDOW_TABLE = re.compile(r"\[event\.coverage_window\].*?days_after = 365\n", re.S)


def _seed_with(old: str, new: str) -> str:
    """The shipped profile with the first ``old`` replaced by ``new`` (which must be there)."""
    assert old in SEED_TEXT, old
    return SEED_TEXT.replace(old, new, 1)


def _profile_error(text: str) -> str:
    with pytest.raises(ProfileError) as caught:
        parse_event_profile(text)
    return str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            _seed_with("days_before = 30", 'days_before = "thirty"'),
            '[event.coverage_window] days_before: expected an integer >= 0, found "thirty" (a string)',
        ),
        (
            _seed_with("days_before = 30", "days_before = [30]"),
            "[event.coverage_window] days_before: expected an integer >= 0, found [30] (an array)",
        ),
        (
            _WINDOW_TABLE.sub('coverage_window = "30d"\n', SEED_TEXT, count=1),
            '[event] coverage_window: expected a table, found "30d" (a string)',
        ),
        (
            _seed_with("min_mentions = 2", 'min_mentions = "two"'),
            '[relevance] min_mentions: expected an integer >= 1, found "two" (a string)',
        ),
        (
            _seed_with("min_mentions = 2", "min_mentions = -3"),
            "[relevance] min_mentions: expected an integer >= 1, found -3",
        ),
        (
            _MINIMAL.replace("entities = []", "entities = 5"),
            "entities: expected an array of tables ([[entities]]), found 5 (an integer)",
        ),
        (
            _MINIMAL.replace("topics = []", 'topics = []\nrelevance = "x"'),
            'relevance: expected a table ([relevance]), found "x" (a string)',
        ),
        (
            _seed_with("days_after = 365", "days_after = 999999999"),
            "[event.coverage_window] days_after: expected an integer >= 0 that keeps the window",
        ),
        (
            _seed_with("start = 2026-01-04", 'start = "soon"'),
            '[event] start: expected a date (YYYY-MM-DD), found "soon" (a string)',
        ),
        (
            _seed_with('kind = "person"', "kind = 5"),
            '[[entities]] #1 (\'lee-jae-myung\') kind: expected one of "organisation", "other", '
            '"person", "place", found 5 (an integer)',
        ),
        (
            _seed_with('variants = [\n    "Lee Jae-myeong"', 'variants = [\n    5, "Lee Jae-myeong"'),
            "[[entities]] #1 ('lee-jae-myung') variants: expected an array of non-empty strings, found [5, ",
        ),
        (
            _seed_with('id = "summit-diplomacy"', 'id = "north-korea"'),
            "[[topics]] #2 ('north-korea') id: expected a unique id, found \"north-korea\" "
            "(also [[topics]] #1)",
        ),
        (
            _seed_with('any_of_entities = ["lee-jae-myung"]', 'any_of_entities = ["lee-jae-myeong"]'),
            '[relevance] any_of_entities: expected ids of [[entities]], found "lee-jae-myeong", '
            "did you mean 'lee-jae-yong' or 'lee-jae-myung'?",
        ),
    ],
)
def test_wrong_types_and_ranges_are_profile_errors(text: str, message: str) -> None:
    assert message in _profile_error(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            _seed_with('variants = [\n    "Lee Jae-myeong"', 'varients = [\n    "Lee Jae-myeong"'),
            "[[entities]] #1 ('lee-jae-myung') varients: unknown key, did you mean 'variants'?",
        ),
        (
            SEED_TEXT + '\n[[entitys]]\nid = "x"\nname = "X"\nkind = "person"\n',
            "[[entitys]]: unknown table, did you mean [[entities]]?",
        ),
        (
            _seed_with("start = 2026-01-04", "strat = 2026-01-04"),
            "[event] strat: unknown key, did you mean 'start'?",
        ),
        (
            _seed_with("days_before = 30", "days_befor = 30"),
            "[event.coverage_window] days_befor: unknown key, did you mean 'days_before'?",
        ),
        (
            _seed_with('keywords = [\n    "summit"', 'keyword = [\n    "summit"'),
            "[[topics]] #1 ('summit-diplomacy') keyword: unknown key, did you mean 'keywords'?",
        ),
        (
            _seed_with("min_mentions = 2", "min_mention = 2"),
            "[relevance] min_mention: unknown key, did you mean 'min_mentions'?",
        ),
        (
            _seed_with("cues = [", "cue = ["),
            "[[claims]] #1 ('agreements-signed') cue: unknown key, did you mean 'cues'?",
        ),
        (
            _seed_with("[event]\n", 'topic = "x"\n[event]\n'),
            "topic: unknown key, did you mean [[topics]]?",
        ),
    ],
)
def test_unknown_keys_anywhere_are_errors_with_a_suggestion(text: str, message: str) -> None:
    assert message in _profile_error(text)


def test_a_utf8_bom_is_accepted() -> None:
    with_bom = parse_event_profile("\ufeff" + SEED_TEXT)
    assert with_bom == parse_event_profile(SEED_TEXT)


def test_all_errors_are_reported_together_each_naming_the_file() -> None:
    text = _seed_with("days_before = 30", 'days_before = "thirty"')
    text = text.replace("min_mentions = 2", "min_mentions = -3").replace(
        'kind = "person"', 'kind = "human"', 1
    )
    text = text.replace('variants = ["Kim Hye-kyung"', 'varients = ["Kim Hye-kyung"')
    with pytest.raises(ProfileError) as caught:
        parse_event_profile(text, source="my/event.toml")
    lines = str(caught.value).splitlines()
    assert len(lines) == 4, lines
    assert all(line.startswith("my/event.toml: ") for line in lines), lines
    assert "days_before" in lines[0] and "kind" in lines[1] and "varients" in lines[2], lines
    assert "min_mentions" in lines[3], lines
