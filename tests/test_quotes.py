"""Direct quotations: detection, speaker attribution, cross-outlet matching, and a hand-labelled gold set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transforms.analysis.entities import EntitySpan, entity_spans
from transforms.analysis.quotes import Quote, extract_quotes
from transforms.grouping.quote_matching import match_quotes, quote_key
from transforms.profile import EventProfile

ROOT = Path(__file__).parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLD = ROOT / "tests" / "gold" / "quotes.json"


def only(text: str, profile: EventProfile) -> Quote:
    """The single quote of ``text`` (fails when there are none or several)."""
    quotes = extract_quotes(text, profile)
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


def who(text: str, profile: EventProfile) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker_entity_id) for q in extract_quotes(text, profile)]


# --- attribution patterns ---------------------------------------------------------------------------


def test_quote_then_speaker_then_verb(profile: EventProfile) -> None:
    q = only("“We will open a new chapter together,” Xi Jinping said on Tuesday.", profile)
    assert q.text == "We will open a new chapter together"
    assert (q.speaker_entity_id, q.speaker_text, q.cue) == ("xi-jinping", "Xi Jinping", "said")


def test_inverted_said_with_descriptive_speaker(profile: EventProfile) -> None:
    text = "“Trade must keep growing,” said Chinese Foreign Ministry spokesperson Mao Ning."
    q = only(text, profile)
    assert (q.speaker_entity_id, q.speaker_text) == (
        "mao-ning",
        "Chinese Foreign Ministry spokesperson Mao Ning",
    )


def test_speaker_said_colon_and_said_that(profile: EventProfile) -> None:
    q = only("Lee Jae Myung said: “The door to dialogue remains open for everyone.”", profile)
    assert (q.speaker_entity_id, q.cue) == ("lee-jae-myung", "said")
    q = only('Wang Yi said that "both sides should respect each other" in future talks.', profile)
    assert (q.speaker_entity_id, q.text) == ("wang-yi", "both sides should respect each other")


def test_colon_on_previous_line(profile: EventProfile) -> None:
    q = only("Lee Jae Myung told the crowd:\n“We came here as friends and we leave as partners.”", profile)
    assert (q.speaker_entity_id, q.cue) == ("lee-jae-myung", "told")
    assert q.evidence_start == 0


def test_told_reporters_with_time_and_place(profile: EventProfile) -> None:
    text = "“All our channels are completely blocked,” Lee Jae Myung told reporters in Shanghai on January 7."
    q = only(text, profile)
    assert (q.speaker_entity_id, q.cue) == ("lee-jae-myung", "told")


def test_according_to(profile: EventProfile) -> None:
    q = only("The talks were “candid, friendly and productive,” according to Xinhua.", profile)
    assert (q.speaker_entity_id, q.cue) == ("xinhua", "according to")


def test_speech_verb_wins_over_relaying_source(profile: EventProfile) -> None:
    text = "Xi Jinping urged Seoul to “make the right strategic choice,” Korea JoongAng Daily reported."
    assert only(text, profile).speaker_entity_id == "xi-jinping"
    text = "Xi Jinping suggested handling it “at the working level,” according to Xinhua news agency."
    assert only(text, profile).speaker_entity_id == "xi-jinping"


def test_publication_as_speaker(profile: EventProfile) -> None:
    q = only("“Friendly talks set the tone for the year,” the Korea Times editorialized.", profile)
    assert (q.speaker_entity_id, q.speaker_text, q.cue) == ("korea-times", "the Korea Times", "editorialized")
    q = only("“Relations are warming quickly,” Korea JoongAng Daily reported.", profile)
    assert (q.speaker_entity_id, q.cue) == ("korea-joongang-daily", "reported")


def test_urged_called_for_described_as(profile: EventProfile) -> None:
    q = only("Xi Jinping urged Lee Jae Myung to “stand on the right side of history.”", profile)
    assert (q.speaker_entity_id, q.cue) == ("xi-jinping", "urged")
    q = only("Lee Jae Myung has called for a “new phase” in relations with China.", profile)
    assert (q.speaker_entity_id, q.cue, q.words) == ("lee-jae-myung", "called for", 2)
    q = only("Lee Jae Myung described the trip as “a new starting point for both nations.”", profile)
    assert (q.speaker_entity_id, q.cue) == ("lee-jae-myung", "described")


def test_posted(profile: EventProfile) -> None:
    q = only("“The closer we get, the warmer it gets,” Lee Jae Myung posted on X after the dinner.", profile)
    assert (q.speaker_entity_id, q.cue) == ("lee-jae-myung", "posted")


def test_participle_takes_the_sentence_subject(profile: EventProfile) -> None:
    text = (
        "During the banquet, Xi Jinping praised the talks, urging Lee Jae Myung to “choose partners wisely.”"
    )
    q = only(text, profile)
    assert (q.speaker_entity_id, q.cue) == ("xi-jinping", "urging")


def test_subject_across_parenthetical(profile: EventProfile) -> None:
    text = "Lee Jae Myung, who hails from the center-left, said the talks were “a turning point for peace.”"
    assert only(text, profile).speaker_entity_id == "lee-jae-myung"
    text = "North Korea, however, has repeatedly declared itself an “irreversible” nuclear power."
    assert only(text, profile).speaker_entity_id == "north-korea"


def test_pronoun_resolves_to_latest_person(profile: EventProfile) -> None:
    text = (
        "Lee Jae Myung arrived in Beijing on Sunday. Xi Jinping welcomed the guests at the airport. "
        "“Friends should visit each other often,” he said."
    )
    q = only(text, profile)
    assert (q.speaker_entity_id, q.speaker_text) == ("xi-jinping", "he")


def test_pronoun_ignores_names_inside_quotes(profile: EventProfile) -> None:
    text = "Lee Jae Myung spoke after the summit. “I thanked Xi Jinping for the gift,” he said."
    assert only(text, profile).speaker_entity_id == "lee-jae-myung"


def test_split_quote_gives_two_quotes_with_one_speaker(profile: EventProfile) -> None:
    text = "“We hope China can mediate,” Lee Jae Myung said. “A mediator for peace is what we need.”"
    assert who(text, profile) == [
        ("We hope China can mediate", "lee-jae-myung"),
        ("A mediator for peace is what we need.", "lee-jae-myung"),
    ]
    text = "“We hope China can mediate,” he said, “because all channels are blocked.”"
    assert [q.speaker_text for q in extract_quotes(text, profile)] == ["he", "he"]


def test_same_speaker_continues_in_next_paragraph(profile: EventProfile) -> None:
    text = (
        "Xi Jinping said: “Ice does not melt in a day.”\n\n“Fruit falls when it is ripe.”\n\nThe talks ended."
    )
    assert who(text, profile) == [
        ("Ice does not melt in a day.", "xi-jinping"),
        ("Fruit falls when it is ripe.", "xi-jinping"),
    ]


def test_quote_spanning_paragraphs(profile: EventProfile) -> None:
    text = "“We met as neighbours. We talked for hours.\n\n“We part as partners,” Xi Jinping said."
    quotes = extract_quotes(text, profile)
    assert [q.text for q in quotes] == ["We met as neighbours. We talked for hours.", "We part as partners"]
    assert [q.speaker_entity_id for q in quotes] == ["xi-jinping", "xi-jinping"]


def test_multi_sentence_quote(profile: EventProfile) -> None:
    text = "Lee Jae Myung noted the mood. “Ties are warming. We will talk more. Trust will grow,” he added."
    q = only(text, profile)
    assert q.text == "Ties are warming. We will talk more. Trust will grow"
    assert (q.speaker_entity_id, q.cue, q.words) == ("lee-jae-myung", "added", 10)


@pytest.mark.parametrize(
    ("sentence", "speaker", "cue"),
    [
        ('"China will always be a good neighbour," Xi was quoted as saying by Xinhua.', "xi-jinping", None),
        (
            'Chinese state media quoted Xi as saying the nations should "oppose unilateralism."',
            "xi-jinping",
            None,
        ),
        (
            'Wang Yi, China\'s foreign minister, said the sides must "respect core interests."',
            "wang-yi",
            "said",
        ),
        (
            'Lee, speaking at a forum in Beijing, said: "Korea and China are partners."',
            "lee-jae-myung",
            "said",
        ),
        (
            'The Global Times, a state-run tabloid, wrote that Seoul should "not be swayed."',
            "global-times",
            "wrote",
        ),
        ("'Sincere and friendly', Xi says of talks", "xi-jinping", "says"),
        ('Xi Jinping: "We are neighbours who cannot move away."', "xi-jinping", ":"),
        ('"Seoul must choose," the Global Times newspaper said.', "global-times", "said"),
    ],
)
def test_more_attribution_conventions(
    profile: EventProfile, sentence: str, speaker: str, cue: str | None
) -> None:
    q = only("Lee Jae Myung met Xi Jinping and Wang Yi in Beijing. " + sentence, profile)
    assert q.speaker_entity_id == speaker
    assert cue is None or q.cue == cue


def test_spokesperson_of_a_person_is_not_that_person(profile: EventProfile) -> None:
    text = "The issue should be handled “at the working level,” according to Lee Jae Myung's spokesperson."
    q = only(text, profile)
    assert (q.speaker_entity_id, q.speaker_text) == (None, "Lee Jae Myung's spokesperson")
    text = "Lee Jae Myung's office described the trip as “pragmatic diplomacy at its best.”"
    q = only(text, profile)
    assert (q.speaker_entity_id, q.speaker_text) == (None, "Lee Jae Myung's office")


def test_relative_pronoun_speaker(profile: EventProfile) -> None:
    text = "Xi Jinping spoke, said a spokesperson for the ministry, who added that Xi “seemed well briefed.”"
    q = only(text, profile)
    assert (q.speaker_entity_id, q.speaker_text, q.cue) == (None, "a spokesperson for the ministry", "added")


def test_scare_quote_without_speaker(profile: EventProfile) -> None:
    q = only("Seoul wants Beijing to ease the “unofficial” restrictions on K-pop.", profile)
    assert (q.text, q.words, q.speaker_entity_id, q.speaker_text, q.cue) == (
        "unofficial",
        1,
        None,
        None,
        None,
    )


def test_general_names_outside_the_profile(profile: EventProfile) -> None:
    text = "“Markets reacted calmly to the summit,” said Jane Holloway, chief economist at a Seoul bank."
    q = only(text, profile)
    assert (q.speaker_entity_id, q.speaker_text) == (None, "Jane Holloway")


# --- quotation marks --------------------------------------------------------------------------------


def test_straight_double_quotes(profile: EventProfile) -> None:
    text = 'Mao Ning said "cooperation is key" and "trade will grow."'
    assert who(text, profile) == [("cooperation is key", "mao-ning"), ("trade will grow.", "mao-ning")]


def test_single_quotes_only_when_clearly_quoted(profile: EventProfile) -> None:
    q = only("China, S. Korea enter 'new phase' as Lee Jae Myung seeks reset", profile)
    assert (q.text, q.words) == ("new phase", 2)
    assert (
        extract_quotes("Lee Jae Myung's visit hasn't changed China's stance since the '90s.", profile) == []
    )
    assert extract_quotes("The leaders’ wives’ outfits drew comment in Xi Jinping’s capital.", profile) == []
    q = only("‘We will cooperate more,’ Lee Jae Myung said.", profile)
    assert (q.text, q.speaker_entity_id) == ("We will cooperate more", "lee-jae-myung")


def test_nested_quotation_belongs_to_the_outer_one(profile: EventProfile) -> None:
    q = only("“He told me ‘no’ twice,” Xi Jinping said.", profile)
    assert q.text == "He told me ‘no’ twice"
    q = only("'He told me \"no\" twice,' Xi Jinping said.", profile)
    assert q.text == 'He told me "no" twice'


def test_offsets_point_at_the_quoted_words(profile: EventProfile) -> None:
    text = "Intro line.\nXi Jinping said   “ international   situation is complex ” at the summit."
    q = only(text, profile)
    assert text[q.start : q.end] == "international   situation is complex"
    assert q.text == "international situation is complex"
    assert text[q.evidence_start : q.evidence_end] == text.splitlines()[1]


def test_unbalanced_quotes_do_not_crash(profile: EventProfile) -> None:
    assert extract_quotes("“This never closes. Lee Jae Myung said so.", profile) == []
    assert extract_quotes("Nothing opens here” he said.", profile) == []
    quotes = extract_quotes('"a "b" c " d "" “” ‘’ \' " " ,” said', profile)
    assert all(q.start <= q.end for q in quotes)
    assert extract_quotes("", profile) == []


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "unit", ["“", '"', "'", "”“", '"a" ', "“a,” he said. ", "'x' ", "“Lee said “", " ’s‘"]
)
def test_200_kb_of_quote_marks_finishes(profile: EventProfile, unit: str) -> None:
    text = unit * (200_000 // len(unit))
    quotes = extract_quotes(text, profile)
    assert all(0 <= q.start <= q.end <= len(text) for q in quotes)


# --- matching across outlets -------------------------------------------------------------------------


def test_quote_key_folds_case_punctuation_and_dashes() -> None:
    assert quote_key("Korea‑China  relations, RESTORE them…") == "korea china relations restore them"
    assert quote_key("Café “au” lait") == "cafe au lait"


def seed_text(prefix: str) -> str:
    [path] = [p for p in SEEDS if p.name.startswith(prefix)]
    return path.read_text(encoding="utf-8")


def test_same_lee_quotation_in_two_seeds_is_grouped(profile: EventProfile) -> None:
    pool = [
        (prefix, q) for prefix in ("001", "002", "003") for q in extract_quotes(seed_text(prefix), profile)
    ]
    groups = match_quotes(pool)
    starting = [g for g in groups if any("new starting point" in pool[i][1].text for i in g)]
    assert len(starting) == 1
    assert sorted(pool[i][0] for i in starting[0]) == ["001", "002"]
    # Short scare quotes ("new phase" in 002 and 003) link nothing.
    assert not any(pool[i][1].words < 5 for g in groups for i in g)


def make(text: str) -> Quote:
    return Quote(text, 0, len(text), 0, len(text), None, None, None, len(text.split()))


def test_matching_tolerates_small_differences_and_partial_quotes() -> None:
    pool = [
        ("a", make("laid a solid foundation for the full restoration of Korea-China relations")),
        ("b", make("laid a solid foundation for full restoration of Korea‑China ties.")),
        (
            "c",
            make(
                "the trip laid a solid foundation for the full restoration of Korea-China relations, he said"
            ),
        ),
        ("d", make("Three feet of ice does not melt all at once")),
        ("e", make("new phase")),
        ("f", make("new phase")),
    ]
    assert match_quotes(pool) == [[0, 1, 2]]


def test_one_member_per_article_in_a_group() -> None:
    same = "the first year of full-scale restoration of Korea-China relations"
    pool = [("a", make(same)), ("a", make(same)), ("b", make(same))]
    groups = match_quotes(pool)
    assert len(groups) == 1 and len(groups[0]) == 2
    assert {pool[i][0] for i in groups[0]} == {"a", "b"}


def test_threshold_and_min_words_are_respected() -> None:
    pool = [
        ("a", make("we will cooperate more closely in the future")),
        ("b", make("we will cooperate on trade with neighbours abroad")),  # partial_ratio ~69
    ]
    assert match_quotes(pool) == []
    assert match_quotes(pool, threshold=60) == [[0, 1]]
    assert match_quotes(pool, threshold=60, min_words=9) == []


# --- entity spans (transforms.analysis.entities) ------------------------------------------------------------


def test_entity_spans_lists_every_mention(profile: EventProfile) -> None:
    text = "Lee Jae-myung met Xi Jinping. Lee's spokesperson spoke; Lee left."
    spans = entity_spans(text, profile)
    assert spans == [
        EntitySpan("lee-jae-myung", 0, 13, "Lee Jae-myung"),
        EntitySpan("xi-jinping", 18, 28, "Xi Jinping"),
        EntitySpan("lee-jae-myung", 30, 33, "Lee"),
        EntitySpan("lee-jae-myung", 56, 59, "Lee"),
    ]
    assert all(text[s.start : s.end] == s.surface for s in spans)


# --- gold set --------------------------------------------------------------------------------------


def test_gold_texts_occur_in_their_seeds() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    assert sorted(gold) == [p.name for p in SEEDS]
    for name, items in gold.items():
        body = quote_key((ROOT / "seeds" / name).read_text(encoding="utf-8"))
        for item in items:
            assert quote_key(item["text"]) in body, (name, item["text"])


def test_gold_precision_recall_and_speaker_accuracy(profile: EventProfile) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    predicted_total = gold_total = matched = right_speaker = 0
    misses: list[str] = []
    for name, items in gold.items():
        predicted = extract_quotes((ROOT / "seeds" / name).read_text(encoding="utf-8"), profile)
        used = [False] * len(predicted)
        predicted_total += len(predicted)
        gold_total += len(items)
        for item in items:
            prefix = quote_key(item["text"])
            k = next(
                (k for k, q in enumerate(predicted) if not used[k] and quote_key(q.text).startswith(prefix)),
                None,
            )
            if k is None:
                misses.append(f"{name}: not found: {item['text']!r}")
                continue
            used[k] = True
            matched += 1
            if predicted[k].speaker_entity_id == item["speaker_entity_id"]:
                right_speaker += 1
            else:
                misses.append(
                    f"{name}: {item['text']!r} speaker {predicted[k].speaker_entity_id} "
                    f"(wanted {item['speaker_entity_id']})"
                )
        misses += [f"{name}: spurious: {q.text!r}" for k, q in enumerate(predicted) if not used[k]]
    precision = matched / predicted_total if predicted_total else 0.0
    recall = matched / gold_total
    speaker_accuracy = right_speaker / gold_total
    print(
        f"\nquotes gold: {gold_total} gold, {predicted_total} predicted, {matched} matched; "
        f"precision {precision:.3f}, recall {recall:.3f}, speaker accuracy {speaker_accuracy:.3f}"
    )
    for line in misses:
        print("  " + line)
    assert precision >= 0.9
    assert recall >= 0.8
    assert speaker_accuracy >= 0.8
