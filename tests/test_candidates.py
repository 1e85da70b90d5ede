"""Candidate names: unknown capitalised names surfaced per article, and everything that is not one."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from tests.conftest import read_seed as seed
from transforms.analysis.candidates import CandidateName, find_candidate_names
from transforms.analysis.entities import entity_spans
from transforms.profile import EventProfile

ROOT = Path(__file__).parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def names(text: str, profile: EventProfile) -> dict[str, int]:
    return {c.name: c.count for c in find_candidate_names(text, profile)}


def without(profile: EventProfile, *entity_ids: str) -> EventProfile:
    return dataclasses.replace(profile, entities=tuple(e for e in profile.entities if e.id not in entity_ids))


# --- seeds ---------------------------------------------------------------------------------------


def test_seed_candidates(profile: EventProfile) -> None:
    assert names(seed("000"), profile) == {"Twitter": 1}
    assert names(seed("001"), profile) == {}  # only headings, titles, demonyms and known names
    assert names(seed("002"), profile) == {"Asia": 1}
    assert names(seed("003"), profile) == {}  # bracketed photo credits and the byline are skipped
    assert names(seed("004"), profile) == {}  # run-in Title Case headings are skipped


def test_a_name_missing_from_the_profile_is_surfaced(profile: EventProfile) -> None:
    reduced = without(profile, "cheong-wa-dae", "li-qiang")
    found = find_candidate_names(seed("004"), reduced)
    assert [c.name for c in found] == ["Li Qiang", "Cheong Wa Dae"]  # "Premier" stripped
    text = seed("004")
    for c in found:
        assert text[c.first_offset : c.first_offset + len(c.name)] == c.name


def test_candidates_never_overlap_profile_names(profile: EventProfile) -> None:
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        spans = [(s.start, s.end) for s in entity_spans(text, profile)]
        for c in find_candidate_names(text, profile):
            end = c.first_offset + len(c.name)
            assert not any(s < end and c.first_offset < e for s, e in spans), (path.name, c)


# --- rules ---------------------------------------------------------------------------------------


def test_recurring_names_are_counted_and_spellings_merged(profile: EventProfile) -> None:
    text = (
        "Officials at Cheong Wa-dae said so. Staff at the Gangneung office and Gangneung port agreed. "
        "Aides of Kim Min-seok met Kim Min-seok later. Kim Min-seok spoke."
    )
    found = find_candidate_names(text, without(profile, "cheong-wa-dae"))
    assert {c.name: c.count for c in found} == {"Cheong Wa-dae": 1, "Gangneung": 2, "Kim Min-seok": 3}
    assert found == sorted(found, key=lambda c: c.first_offset)
    assert isinstance(found[0], CandidateName)


def test_most_frequent_spelling_names_the_candidate(profile: EventProfile) -> None:
    text = "They met at Cheong Wa-dae. Then at Cheong Wa Dae. Again at Cheong Wa Dae."
    assert names(text, without(profile, "cheong-wa-dae")) == {"Cheong Wa Dae": 3}


def test_profile_names_and_their_spellings_are_not_candidates(profile: EventProfile) -> None:
    text = (
        "Xi Jinping met Lee Jae-myung at the Blue House with the Korea Chamber of Commerce and Industry. "
        "Lee Jae-myoung later met Yun Suk-yol and the Xinhua News Agency."  # unlisted close spellings
    )
    assert names(text, profile) == {}


def test_alias_before_another_name_part_is_someone_else(profile: EventProfile) -> None:
    text = "Lee Jae Myung met Xi Jinping. Lee then met Lee Jun-seok and saw Kim Jong Il's portrait in Xi'an."
    assert names(text, profile) == {"Lee Jun-seok": 1, "Kim Jong Il": 1, "Xi'an": 1}


def test_titles_are_stripped_and_split_runs(profile: EventProfile) -> None:
    text = (
        "He said Unification Minister Chung Dong-young and SK Group Chairman Chey Tae-won agreed with "
        "Hyundai Motor Group Executive Chair Chung Eui-sun, while Japanese Prime Minister Shigeru Ishiba "
        "and Premier Li Qiang listened, as did the Office of the President."
    )
    assert names(text, profile) == {
        "Chung Dong-young": 1, "SK Group": 1, "Hyundai Motor Group": 1, "Chung Eui-sun": 1,
        "Shigeru Ishiba": 1, "Office of the President": 1,
    }  # fmt: skip


def test_titles_demonyms_and_calendar_words_alone_are_not_names(profile: EventProfile) -> None:
    text = (
        "He said the President and the Premier met the Chairman. South Korean and Chinese officials, "
        "Western diplomats and Venezuelan exiles met on Monday in January with Japanese-made phones."
    )
    assert names(text, profile) == {}


def test_sentence_initial_words(profile: EventProfile) -> None:
    text = (
        "Despite the talks, nothing moved. Hyundai was absent. The Pentagon said so. "
        '"Three feet of ice," he said. Officials later met Hyundai. Experts at the Pentagon agreed.'
    )
    # "Hyundai" opens a sentence once (counted, since it also appears mid-sentence); "Three" opens a quote.
    assert names(text, profile) == {"Hyundai": 2, "Pentagon": 2}


def test_single_ordinary_words_and_topic_keywords_are_skipped(profile: EventProfile) -> None:
    text = (
        "Fans of K-pop and K-dramas in the Exclusive Economic Zones talked Trade; trade rose. "
        "The agency said Korean TV is popular."
    )
    assert names(text, profile) == {}


def test_headings_bylines_and_credits_are_skipped(profile: EventProfile) -> None:
    text = (
        "Why It Matters\nKEY DEVELOPMENTS FROM GANGNEUNG\nBy Jane Doe\n"
        "Steel Structures Become Central Maritime Dispute Lee raised the issue in Beijing. [Jane Doe/AFP]\n"
        "Lee Jae Myung met officials from Gangneung City."
    )
    assert names(text, profile) == {"Gangneung City": 1}


def test_square_brackets_inside_a_sentence_are_skipped(profile: EventProfile) -> None:
    text = "Officials met in Gangneung [Photo by Jane Doe/AFP] and in Wonju[4] on the border with Jane Doe."
    assert names(text, profile) == {"Gangneung": 1, "Wonju": 1, "Jane Doe": 1}


def test_acronyms(profile: EventProfile) -> None:
    text = (
        "He said the People's Liberation Army (PLA) drilled and the PLA left, while the NPC and "
        "the ROK watched the KOTRA office."
    )
    assert names(text, profile) == {"People's Liberation Army": 3, "KOTRA": 1}


# --- robustness ----------------------------------------------------------------------------------


def test_empty_and_trivial_inputs(profile: EventProfile) -> None:
    for text in ("", "   ", "\n\n", "A", "...", "[]", "Lee"):
        assert find_candidate_names(text, profile) == []


@pytest.mark.timeout(60)
def test_garbage_and_large_inputs(profile: EventProfile) -> None:
    rng = random.Random(7)
    alphabet = "Aa Bb Zz ' ’ - ‑ . , ; : \" “ ” ( ) [ ] \n 1 9 ß É 李 한 Lee Xi Kim Seoul Of of The"
    pieces = alphabet.split(" ")
    garbage = " ".join(rng.choice(pieces) for _ in range(60_000))
    huge_title_case = "Alpha Beta Gamma Delta of the Epsilon " * 6_000  # ~200 KB, one long run
    huge_line = ("Lee Jae Myung met Park Jin-young at Gangneung Port. " * 4_000)[:200_000]
    for text in (garbage, huge_title_case, huge_line, "[" * 100_000, "'" * 100_000, "-" * 100_000):
        result = find_candidate_names(text, profile)
        assert all(c.count >= 1 and 0 <= c.first_offset < len(text) for c in result)
    assert names(huge_line, profile) == {"Park Jin-young": 3846, "Gangneung Port": 3846}
