"""Entity mentions: spelling tolerance, boundaries, aliases in context, relevance and speed."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from tests.conftest import read_seed as seed
from transforms.analysis.entities import (
    EntityMention,
    entity_matcher,
    find_entity_mentions,
    is_relevant,
)
from transforms.profile import EventProfile, parse_event_profile

ROOT = Path(__file__).parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def variants(text: str, profile: EventProfile, entity_id: str) -> dict[str, int]:
    """Surface form -> count for one entity."""
    return {m.variant: m.count for m in find_entity_mentions(text, profile) if m.entity_id == entity_id}


def ids(text: str, profile: EventProfile) -> set[str]:
    return {m.entity_id for m in find_entity_mentions(text, profile)}


def tiny_profile(entities: str, relevance: str = "") -> EventProfile:
    return parse_event_profile(
        '[event]\nid = "t"\nname = "t"\nstart = 2026-01-04\nend = 2026-01-07\n'
        + entities
        + '\n[[topics]]\nid = "x"\nlabel = "x"\nkeywords = ["x"]\n'
        + relevance
    )


# --- seeds ---------------------------------------------------------------------------------------


def test_there_are_five_seeds() -> None:
    assert len(SEEDS) == 5


def test_lee_spellings_resolve_to_one_entity(profile: EventProfile) -> None:
    assert "Lee Jaemyung" in variants(seed("000"), profile, "lee-jae-myung")
    for prefix in ("001", "002", "003", "004"):
        assert "Lee Jae Myung" in variants(seed(prefix), profile, "lee-jae-myung"), prefix
    seen = set().union(*(variants(p.read_text(encoding="utf-8"), profile, "lee-jae-myung") for p in SEEDS))
    assert {"Lee Jaemyung", "Lee Jae Myung", "Lee"} <= seen


def test_yoon_spellings_resolve_to_one_entity(profile: EventProfile) -> None:
    assert variants(seed("000"), profile, "yoon-suk-yeol") == {"Yoon Sukyeol": 1, "Yoon": 1}
    assert variants(seed("001"), profile, "yoon-suk-yeol") == {"Yoon Suk Yeol": 1}


def test_seed_mentions_point_at_their_text(profile: EventProfile) -> None:
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        for m in find_entity_mentions(text, profile):
            assert text[m.first_offset : m.first_offset + len(m.variant)] == m.variant, (path.name, m)
            assert m.count >= 1


def test_seed_003_outlets_and_officials(profile: EventProfile) -> None:
    found = ids(seed("003"), profile)
    assert {
        "korea-joongang-daily", "chosun-ilbo", "korea-times", "mao-ning", "chinese-foreign-ministry",
        "yonhap", "xinhua", "apec", "yellow-sea", "sea-of-japan", "thaad",
    } <= found  # fmt: skip
    assert "japan" not in found  # only named inside "Sea of Japan"
    assert variants(seed("003"), profile, "south-korea")["S. Korea"] == 1


def test_seed_004_unicode_hyphens_and_accents(profile: EventProfile) -> None:
    text = seed("004")
    assert "\u2011" in text
    assert variants(text, profile, "nicolas-maduro") == {"Nicolás Maduro": 1}
    assert variants(text, profile, "korean-peninsula") == {"Korean\u2011Peninsula": 1}
    assert variants(text, profile, "south-korea")["Korea"] >= 1  # "Korea‑China relations"
    assert "china" in ids(text, profile)


def test_every_seed_is_relevant(profile: EventProfile) -> None:
    for path in SEEDS:
        assert is_relevant(find_entity_mentions(path.read_text(encoding="utf-8"), profile), profile), path


# --- spelling tolerance ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "entity_id", "surface"),
    [
        ("Lee Jae-myung arrived.", "lee-jae-myung", "Lee Jae-myung"),
        ("Lee Jae\u2011myung arrived.", "lee-jae-myung", "Lee Jae\u2011myung"),
        ("LEE JAE-MYUNG ARRIVED.", "lee-jae-myung", "LEE JAE-MYUNG"),
        ("Yi Jae-myeong arrived.", "lee-jae-myung", "Yi Jae-myeong"),
        ("Lee Jae-myong arrived.", "lee-jae-myung", "Lee Jae-myong"),  # unlisted: fuzzy full name
        ("Xi Jin-ping spoke.", "xi-jinping", "Xi Jin-ping"),
        ("XiJinping spoke.", "xi-jinping", "XiJinping"),
        ("Kim Jong-un fired.", "kim-jong-un", "Kim Jong-un"),
        ("Nicolas Maduro fled.", "nicolas-maduro", "Nicolas Maduro"),
        ("Nicola\u0301s Maduro fled.", "nicolas-maduro", "Nicola\u0301s Maduro"),
        ("the National People’s Congress met", "national-peoples-congress", "National People’s Congress"),
        ("习近平会见李在明", "lee-jae-myung", "李在明"),
        ("Lee Jae\u00admyung arrived.", "lee-jae-myung", "Lee Jae\u00admyung"),
    ],
)
def test_spelling_variants(profile: EventProfile, text: str, entity_id: str, surface: str) -> None:
    assert variants(text, profile, entity_id) == {surface: 1}


def test_possessives_count_for_the_name(profile: EventProfile) -> None:
    text = "Lee Jae Myung flew in. Lee’s aides and Lee's hosts met Xi Jinping's team; Xi’s staff smiled."
    assert variants(text, profile, "lee-jae-myung") == {"Lee Jae Myung": 1, "Lee": 2}
    assert variants(text, profile, "xi-jinping") == {"Xi Jinping": 1, "Xi": 1}


def test_word_boundaries(profile: EventProfile) -> None:
    text = "Lee Jae Myung watched Leeds and the fleet in Chinatown; Kimchi, Xian and Koreans cheered."
    assert variants(text, profile, "lee-jae-myung") == {"Lee Jae Myung": 1}
    assert ids(text, profile) == {"lee-jae-myung"}


def test_alias_glued_to_another_word_is_dropped(profile: EventProfile) -> None:
    text = "Xi Jinping toured Xi’an and Xi'an; Xi's speech followed."
    assert variants(text, profile, "xi-jinping") == {"Xi Jinping": 1, "Xi": 1}


def test_trailing_combining_accent_stays_in_the_surface() -> None:
    prof = tiny_profile('[[entities]]\nid = "jose"\nname = "Jose"\nkind = "person"\n')
    assert [(m.variant, m.first_offset) for m in find_entity_mentions("Hi Jose\u0301 and José.", prof)] == [
        ("Jose\u0301", 3),
        ("José", 13),
    ]


def test_acronyms_match_by_case(profile: EventProfile) -> None:
    us = variants("Let us talk about the U.S. and the US.", profile, "united-states")
    assert us == {"U.S.": 1, "US": 1}
    assert ids("give us a break, said the rok band", profile) == set()
    assert ids("LET US TALK ABOUT THE ECONOMY NOW", profile) == set()  # shouted pronoun
    assert variants("The DPRK and the ROK", profile, "south-korea") == {"ROK": 1}


# --- overlaps and aliases --------------------------------------------------------------------------


def test_longest_match_wins_and_spans_do_not_overlap(profile: EventProfile) -> None:
    text = "North Korea fired as South Korea-China relations improved."
    found = {(m.entity_id, m.variant) for m in find_entity_mentions(text, profile)}
    assert found == {("north-korea", "North Korea"), ("south-korea", "South Korea"), ("china", "China")}
    text = "The Democratic People's Republic of Korea and the People's Republic of China"
    assert ids(text, profile) == {"north-korea", "china"}


def test_alias_needs_a_full_mention(profile: EventProfile) -> None:
    assert ids("Lee scored twice as Leeds beat Kim's side; Xi was absent.", profile) == set()
    assert variants("Lee spoke. Later Lee Jae Myung left.", profile, "lee-jae-myung") == {
        "Lee": 1,
        "Lee Jae Myung": 1,
    }


def test_alias_inside_full_name_is_not_double_counted(profile: EventProfile) -> None:
    mentions = find_entity_mentions("Lee Jae Myung and Lee Jae-myung", profile)
    assert [(m.variant, m.count) for m in mentions] == [("Lee Jae Myung", 1), ("Lee Jae-myung", 1)]


def test_alias_before_another_persons_name_is_dropped(profile: EventProfile) -> None:
    text = "Lee Jae Myung met Lee Jun-seok and Kim Jong Un, not Kim Jong Il. Lee and Kim spoke."
    assert variants(text, profile, "lee-jae-myung") == {"Lee Jae Myung": 1, "Lee": 1}
    assert variants(text, profile, "kim-jong-un") == {"Kim Jong Un": 1, "Kim": 1}


def test_alias_in_title_case_headline_counts(profile: EventProfile) -> None:
    text = "Lee Says China Visit Laid Foundation\nPresident Lee Jae Myung returned."
    assert variants(text, profile, "lee-jae-myung") == {"Lee": 1, "Lee Jae Myung": 1}


def test_alias_must_be_capitalised(profile: EventProfile) -> None:
    assert variants("Xi Jinping sailed in the lee of xi islands", profile, "xi-jinping") == {"Xi Jinping": 1}


def test_possessive_s_is_not_an_initial(profile: EventProfile) -> None:
    assert variants("Lee’s Korea policy", profile, "south-korea") == {}
    assert variants("S. Korea and S Korea", profile, "south-korea") == {"S. Korea": 1, "S Korea": 1}


SHARED_ALIAS = """
[[entities]]
id = "lee-a"
name = "Lee Alpha"
kind = "person"
context_aliases = ["Lee"]

[[entities]]
id = "lee-b"
name = "Lee Bravo"
kind = "person"
context_aliases = ["Lee"]
"""


def test_shared_alias_goes_to_nearest_preceding_full_mention() -> None:
    prof = tiny_profile(SHARED_ALIAS)
    text = "Lee said hi. Lee Alpha met Lee Bravo. Lee nodded. Lee Alpha left; then Lee waved."
    found = {(m.entity_id, m.variant): m.count for m in find_entity_mentions(text, prof)}
    # The first "Lee" precedes both full names: ambiguous, dropped.
    assert found == {
        ("lee-a", "Lee Alpha"): 2,
        ("lee-b", "Lee Bravo"): 1,
        ("lee-b", "Lee"): 1,
        ("lee-a", "Lee"): 1,
    }


def test_shared_alias_with_one_entity_named_goes_to_it() -> None:
    prof = tiny_profile(SHARED_ALIAS)
    found = {(m.entity_id, m.variant): m.count for m in find_entity_mentions("Lee. Lee Bravo. Lee.", prof)}
    assert found == {("lee-b", "Lee Bravo"): 1, ("lee-b", "Lee"): 2}


# --- output shape, relevance, caching, speed ---------------------------------------------------


def test_rows_are_ordered_and_frozen(profile: EventProfile) -> None:
    mentions = find_entity_mentions(seed("002"), profile)
    offsets = [m.first_offset for m in mentions]
    assert offsets == sorted(offsets)
    assert len({(m.entity_id, m.variant) for m in mentions}) == len(mentions)
    with pytest.raises(FrozenInstanceError):
        mentions[0].count = 99  # type: ignore[misc]


def test_off_topic_article_is_not_relevant(profile: EventProfile) -> None:
    text = (
        "Leeds United beat Leicester 2-1 at Elland Road. Lee scored after a fleet-footed run, and "
        "manager Daniel Farke praised the fans. Next up: a trip to Kimberley."
    )
    assert not is_relevant(find_entity_mentions(text, profile), profile)


def test_relevance_threshold_counts_mentions() -> None:
    prof = tiny_profile(SHARED_ALIAS, '[relevance]\nany_of_entities = ["lee-a"]\nmin_mentions = 2\n')
    assert not is_relevant(find_entity_mentions("Lee Alpha left.", prof), prof)
    assert is_relevant(find_entity_mentions("Lee Alpha left. Lee waved.", prof), prof)
    assert not is_relevant(find_entity_mentions("Lee Bravo left. Lee Bravo waved.", prof), prof)
    assert not is_relevant([EntityMention("lee-a", "Lee Alpha", 1, 0)], prof)


def test_matcher_is_compiled_once_per_profile(profile: EventProfile) -> None:
    assert entity_matcher(profile) is entity_matcher(profile)
    other = tiny_profile(SHARED_ALIAS)
    assert entity_matcher(other) is not entity_matcher(profile)


# Large and pathological inputs (~200 KB) guard against catastrophic regex backtracking: the timeout
# turns a hang into a failure. Speed on 1 MB inputs is measured in bench/bench_transforms.py.
@pytest.mark.timeout(60)
def test_repeated_corpus_counts_scale_with_repetitions(profile: EventProfile) -> None:
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS)
    copies = 200_000 // len(corpus) + 1
    once = {(m.entity_id, m.variant): m.count for m in find_entity_mentions(corpus, profile)}
    repeated = find_entity_mentions("\n".join([corpus] * copies), profile)
    assert {(m.entity_id, m.variant): m.count for m in repeated} == {k: copies * n for k, n in once.items()}
    assert sum(m.count for m in repeated if m.entity_id == "lee-jae-myung") > 50 * copies


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "chunk", ["Lee ", "Kim Jong ", "U.S. ", "a-", ".", "x", "Nicola\u0301s ", "Lee Jae-"]
)
def test_pathological_input_still_finds_mentions_after_it(profile: EventProfile, chunk: str) -> None:
    junk = chunk * (150_000 // len(chunk))
    tail = "\n\nXi Jinping discussed the Yellow Sea structures."
    mentions = find_entity_mentions(junk + tail, profile)
    expected = {
        ("xi-jinping", "Xi Jinping"): (1, len(junk) + tail.index("Xi")),
        ("yellow-sea", "Yellow Sea"): (1, len(junk) + tail.index("Yellow")),
    }
    if chunk == "U.S. ":  # the only chunk that is itself an alias
        expected[("united-states", "U.S.")] = (len(junk) // len(chunk), 0)
    assert {(m.entity_id, m.variant): (m.count, m.first_offset) for m in mentions} == expected


def test_relevance_can_also_require_a_context_entity(profile: EventProfile) -> None:
    domestic = "President Lee Jae Myung met opposition leaders in Seoul. Lee urged budget talks."
    visit = domestic + " He leaves for Beijing tomorrow."
    assert "china" in profile.relevance_context_entities
    assert not is_relevant(find_entity_mentions(domestic, profile), profile)
    assert is_relevant(find_entity_mentions(visit, profile), profile)
