"""Sentence splitting and topic salience."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from transforms.analysis.topics import TopicScore, score_topics
from transforms.profile import EventProfile, parse_event_profile
from transforms.text.sentences import split_sentences

ROOT = Path(__file__).parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def by_id(scores: list[TopicScore]) -> dict[str, TopicScore]:
    return {s.topic_id: s for s in scores}


TINY = """
[event]
id = "t"
name = "t"
start = 2026-01-04
end = 2026-01-07

[[entities]]
id = "a"
name = "A"
kind = "other"

[[topics]]
id = "missiles"
label = "Missiles"
keywords = ["missile", "ballistic missile", "AI"]

[[topics]]
id = "thaad"
label = "THAAD"
keywords = ["anti-missile system", "THAAD"]

[[topics]]
id = "culture"
label = "Culture"
keywords = ["K-pop", "memorandum", "economy"]

[[topics]]
id = "empty"
label = "Never mentioned"
keywords = ["zeppelin"]
"""


@pytest.fixture(scope="module")
def tiny() -> EventProfile:
    return parse_event_profile(TINY)


# --- sentences -----------------------------------------------------------------------------------


def test_split_handles_abbreviations_decimals_and_quotes() -> None:
    text = (
        'Mr. Lee met U.S. officials on Jan. 5 in Beijing. Growth was 3.5 percent. "It is a new phase," '
        'he said. "Is it?" she asked! Jay Y. Lee came too... Then they left.'
    )
    assert sentences(text) == [
        "Mr. Lee met U.S. officials on Jan. 5 in Beijing.",
        "Growth was 3.5 percent.",
        '"It is a new phase," he said.',
        '"Is it?" she asked!',
        "Jay Y. Lee came too...",
        "Then they left.",
    ]


def test_split_breaks_on_lines_and_bullets_and_trims() -> None:
    text = "Headline Without Period\n\n- Bullet one\n• Bullet two • Bullet three\n  [4]\nEnd."
    assert sentences(text) == ["Headline Without Period", "Bullet one", "Bullet two", "Bullet three", "End."]


def test_split_dotted_abbreviation_before_a_new_sentence() -> None:
    expected = ["Seoul courts the U.S.", "The talks went on."]
    assert sentences("Seoul courts the U.S. The talks went on.") == expected
    assert sentences("He met U.S. President Trump.") == ["He met U.S. President Trump."]


def test_split_spans_are_ordered_and_trimmed() -> None:
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        spans = split_sentences(text)
        assert spans, path
        for (s1, e1), (s2, _) in pairwise(spans):
            assert 0 <= s1 < e1 <= s2 <= len(text)
        for s, e in spans:
            assert text[s:e] == text[s:e].strip()


def test_split_empty_text() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \n\n ") == []


# --- topics --------------------------------------------------------------------------------------


def test_every_topic_gets_a_row_in_profile_order(tiny: EventProfile) -> None:
    scores = score_topics("Nothing relevant here. Nor here.", tiny)
    assert [s.topic_id for s in scores] == ["missiles", "thaad", "culture", "empty"]
    assert all(s.matched_sentences == 0 and s.salience == 0.0 and s.keywords_seen == () for s in scores)
    assert all(s.total_sentences == 2 for s in scores)


def test_salience_is_matched_over_total(tiny: EventProfile) -> None:
    text = "A ballistic missile flew. Markets calm. K-pop fans cheered. More missiles came."
    scores = by_id(score_topics(text, tiny))
    assert scores["missiles"].matched_sentences == 2
    assert scores["missiles"].total_sentences == 4
    assert scores["missiles"].salience == pytest.approx(0.5)
    assert scores["missiles"].keywords_seen == ("ballistic missile", "missile")
    assert scores["culture"].salience == pytest.approx(0.25)
    assert scores["empty"].salience == 0.0


def test_longest_keyword_claims_the_text(tiny: EventProfile) -> None:
    scores = by_id(score_topics("Seoul deployed an anti-missile system.", tiny))
    assert scores["thaad"].keywords_seen == ("anti-missile system",)
    assert scores["missiles"].matched_sentences == 0


def test_keyword_tolerance(tiny: EventProfile) -> None:
    text = "KPOP rules. K pop too. K‑POP stars. Two memorandums. Economies grew. Thaad again. AIs learn."
    scores = by_id(score_topics(text, tiny))
    assert scores["culture"].matched_sentences == 5
    assert scores["culture"].keywords_seen == ("K-pop", "economy", "memorandum")
    assert scores["thaad"].keywords_seen == ("THAAD",)
    assert scores["missiles"].keywords_seen == ("AI",)


def test_acronym_keywords_need_capitals(tiny: EventProfile) -> None:
    assert by_id(score_topics("Said the ai of the story.", tiny))["missiles"].matched_sentences == 0


def test_empty_text_scores_zero(tiny: EventProfile) -> None:
    scores = score_topics("", tiny)
    assert len(scores) == 4
    assert all(s.total_sentences == 0 and s.salience == 0.0 for s in scores)


def test_seed_scores_are_well_formed(profile: EventProfile) -> None:
    for path in SEEDS:
        scores = score_topics(path.read_text(encoding="utf-8"), profile)
        assert [s.topic_id for s in scores] == [t.id for t in profile.topics]
        for s in scores:
            assert 0.0 <= s.salience <= 1.0
            assert s.salience == pytest.approx(s.matched_sentences / s.total_sentences)
            assert list(s.keywords_seen) == sorted(set(s.keywords_seen))
            keywords = set(profile.topics[[t.id for t in profile.topics].index(s.topic_id)].keywords)
            assert set(s.keywords_seen) <= keywords
            assert (s.matched_sentences == 0) == (s.keywords_seen == ())


def test_north_korea_in_every_seed(profile: EventProfile) -> None:
    for path in SEEDS:
        scores = by_id(score_topics(path.read_text(encoding="utf-8"), profile))
        assert scores["north-korea"].matched_sentences > 0, path.name


def test_seed_topics_found(profile: EventProfile) -> None:
    def seen(prefix: str) -> dict[str, TopicScore]:
        [path] = [p for p in SEEDS if p.name.startswith(prefix)]
        return by_id(score_topics(path.read_text(encoding="utf-8"), profile))

    assert "selfie" in seen("000")["personal-diplomacy"].keywords_seen
    assert "K-pop" in seen("001")["cultural-restrictions"].keywords_seen
    assert "THAAD" in seen("003")["thaad-history"].keywords_seen
    assert "Yellow Sea" in seen("004")["yellow-sea-structures"].keywords_seen
    assert seen("004")["technology-ai"].matched_sentences > 0


# Large and pathological inputs (~200 KB) guard against catastrophic regex backtracking: the timeout
# turns a hang into a failure. Speed on 1 MB inputs is measured in bench/bench_transforms.py.
@pytest.mark.timeout(60)
def test_repeated_corpus_scores_scale_with_repetitions(profile: EventProfile) -> None:
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS)
    copies = 200_000 // len(corpus) + 1
    once = by_id(score_topics(corpus, profile))
    repeated = by_id(score_topics("\n".join([corpus] * copies), profile))
    assert repeated.keys() == once.keys()
    for topic_id, score in repeated.items():
        assert score.matched_sentences == copies * once[topic_id].matched_sentences, topic_id
        assert score.total_sentences == copies * once[topic_id].total_sentences, topic_id
        assert score.keywords_seen == once[topic_id].keywords_seen, topic_id
    assert repeated["north-korea"].matched_sentences > 20 * copies


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("chunk", "junk_sentences"),
    [(".", 0), ("Mr. ", 1), ("Wow! ", 30_000), ("U.S. ", 1), ("a", 1), ("\u2026", 0)],
)
def test_pathological_input_still_scores_the_sentence_after_it(
    profile: EventProfile, chunk: str, junk_sentences: int
) -> None:
    junk = chunk * (150_000 // len(chunk))
    scores = by_id(score_topics(f"{junk}\n\nXi Jinping discussed the Yellow Sea structures.", profile))
    matched = {topic_id: s.keywords_seen for topic_id, s in scores.items() if s.matched_sentences}
    expected = {"yellow-sea-structures": ("Yellow Sea",)}
    if chunk == "U.S. ":  # the only chunk that is itself a keyword
        expected["us-relations"] = ("US",)
    assert matched == expected
    assert all(s.total_sentences == junk_sentences + 1 for s in scores.values())
