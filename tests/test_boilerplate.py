"""Tests for transforms.extraction.boilerplate: character normalisation, boilerplate removal, counts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from transforms.extraction.boilerplate import REMOVAL_KINDS, CleanedText, clean_text

SEEDS = Path(__file__).parents[1] / "seeds"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def paragraphs(cleaned: CleanedText) -> list[str]:
    return cleaned.text.split("\n\n")


# --- seeds ----------------------------------------------------------------------------------------

SEED_REMOVED = {
    "000": {"related_links": 1},
    "001": {"blank_lines": 41},
    "002": {"blank_lines": 2, "comment_prompt": 1},
    "003": {"comment_prompt": 1, "duplicate_paragraph": 2, "trailing_furniture": 1},
    "004": {"aggregator_furniture": 1, "source_list": 1, "citation_marker": 24},
}

SEED_ABSENT = {
    "000": ["Related Sources", "Source 1", "Source 2", "•"],
    "001": [],
    "002": ["Leave a Reply"],
    "003": ["Do you like this article?", "Policy Link"],
    "004": ["Updated (4 articles)", "Sources (4 articles)", "Yonhap: Lee says China visit", "[1]", "[4]"],
}

SEED_KEY_SENTENCES = {
    "000": [
        "On Monday, South Korean President Lee Jaemyung commenced his significant trip to China",
        "significantly impacting regional dynamics in Northeast Asia.",
        "Xiaomi smartphone that Xi had gifted to Lee last November—and it highlights",
    ],
    "001": [
        "South Korean President Lee Jae Myung is in Beijing for a pivotal meeting",
        "- Lee is set to meet Xi Jinping and other Chinese leaders",
        "while managing the complex relationship with China.",
    ],
    "002": [
        "South Korean President Lee Jae Myung has called for a “new phase” in relations with China",
        "highlights the complexities of South Korea-China relations in 2026.",
    ],
    "003": [
        "Lee conferred on security and other matters with Chinese President Xi Jinping in Beijing",
        "Lee told journalists in Shanghai on January 7.",
        "China's official announcement did not mention North Korea -- prompting analysts to debate",
        "However, the editorial highlighted a discrepancy.",
    ],
    "004": [
        "President Lee Jae Myung spent Jan. 4-7 in Beijing on a four-day state visit",
        "the first state visit in nine years.",
        "Timeline",
        "Jan 8, 2026 – Back at Cheong Wa Dae, Lee tells senior aides",
        "while prioritising national interests.",
    ],
}


@pytest.mark.parametrize("prefix", sorted(SEED_REMOVED))
def test_seed_removed_counts(prefix: str) -> None:
    assert clean_text(seed(prefix)).removed == SEED_REMOVED[prefix]


@pytest.mark.parametrize("prefix", sorted(SEED_ABSENT))
def test_seed_boilerplate_absent_and_sentences_kept(prefix: str) -> None:
    text = clean_text(seed(prefix)).text
    for junk in SEED_ABSENT[prefix]:
        assert junk not in text
    for sentence in SEED_KEY_SENTENCES[prefix]:
        assert sentence in text


@pytest.mark.parametrize("prefix", sorted(SEED_REMOVED))
def test_seed_output_shape(prefix: str) -> None:
    text = clean_text(seed(prefix)).text
    assert text == text.strip()
    assert "\n\n\n" not in text
    assert not re.search(r"[\u00a0\u2010\u2011\u200b\r]", text)
    assert all(p.strip() == p and p for p in text.split("\n\n"))


def test_seed_003_captions_kept_once() -> None:
    text = clean_text(seed("003")).text
    assert text.count("attend a signing ceremony for cooperation documents") == 1
    assert text.count("takes a selfie with Chinese President Xi Jinping") == 1
    assert text.count("[Yonhap/AFP]") == 1  # photo credits are not citation markers


def test_seed_001_keeps_one_paragraph_per_line() -> None:
    raw_lines = [line for line in seed("001").splitlines() if line.strip()]
    assert paragraphs(clean_text(seed("001"))) == raw_lines


def test_seed_004_citations_removed_without_leaving_gaps() -> None:
    text = clean_text(seed("004")).text
    assert not re.search(r"\[\d+\]", text)
    assert " ." not in text and "  " not in text
    assert "the first state visit in nine years. He held" in text
    assert text.endswith("while prioritising national interests.")


def test_removed_kinds_are_documented() -> None:
    for prefix in SEED_REMOVED:
        assert set(clean_text(seed(prefix)).removed) <= set(REMOVAL_KINDS)


# --- normalisation ---------------------------------------------------------------------------------


def test_characters_are_normalised_before_cleaning() -> None:
    raw = "Korea\u2011China\u00a0\u00a0ties\u200b and e\u0301\t\u2009now.\r\n“quoted” – and — kept\rend"
    assert clean_text(raw).text == "Korea-China ties and é now.\n\n“quoted” – and — kept\n\nend"


def test_windows_line_endings_match_unix() -> None:
    unix = "Headline here\n\nFirst paragraph of the story.\n\n\nSecond paragraph.\n"
    assert clean_text(unix.replace("\n", "\r\n")) == clean_text(unix)
    assert clean_text(unix).removed == {"blank_lines": 1}


@pytest.mark.parametrize("raw", ["", " ", "\n\n\n", "\u00a0\r\n\t\u200b"])
def test_empty_input(raw: str) -> None:
    assert clean_text(raw).text == ""


def test_blank_line_counting() -> None:
    cleaned = clean_text("\n\nA first paragraph.\n\n\n\nA second one.\nA third one.\n\n\n")
    assert cleaned.text == "A first paragraph.\n\nA second one.\n\nA third one."
    assert cleaned.removed == {"blank_lines": 2 + 2 + 2}


# --- synthetic boilerplate variants -----------------------------------------------------------------

BODY = (
    "President Lee Jae Myung met Chinese President Xi Jinping in Beijing on Monday for talks on trade, "
    "security and the Yellow Sea, officials in Seoul said."
)
BODY2 = "The two leaders agreed to meet again later this year, according to a joint statement."


@pytest.mark.parametrize(
    "prompt",
    [
        "Leave a Comment",
        "LEAVE A REPLY",
        "Leave a Reply to Jane Doe",
        "Did you enjoy this story?",
        "Was this article helpful?",
        "Share this:",
        "Share on Facebook",
        "Share this article on Facebook, Twitter and LinkedIn",
        "Sign up for our newsletter",
        "Subscribe to our daily newsletter for the latest news from Asia.",
        "Follow us on X and Instagram",
        "12 Comments",
        "Comments (3)",
        "What do you think?",
        "Join the conversation",
        "Your email address will not be published. Required fields are marked *",
    ],
)
def test_engagement_prompts_removed(prompt: str) -> None:
    cleaned = clean_text(f"{BODY}\n\n{prompt}\n\nThe talks continue on Tuesday, the ministry said.")
    assert prompt not in cleaned.text
    assert cleaned.removed == {"comment_prompt": 1}
    assert cleaned.text.endswith("the ministry said.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Share prices in Seoul rose 3% after the summit.",
        "Comments by the Chinese foreign minister drew criticism in Tokyo.",
        "Advertisement revenue at Korean broadcasters has fallen since 2016.",
        "Sources said the talks were tense at times.",
        "By the end of the summit, the two sides had signed 14 agreements.",
        "Related issues, such as the Yellow Sea structures, were also raised.",
        "Read more about the agreements on the presidential office's website, officials said.",
        "Subscribers to the state broadcaster's service can watch the summit in full.",
    ],
)
def test_real_sentences_that_look_like_boilerplate_are_kept(sentence: str) -> None:
    cleaned = clean_text(f"{BODY}\n\n{sentence}\n\nThe talks continue on Tuesday, the ministry said.")
    assert sentence in cleaned.text
    assert cleaned.removed == {}


def test_ad_markers_removed_anywhere() -> None:
    raw = f"{BODY}\n\nAdvertisement\n\nThe talks went well.\nStory continues below advertisement\nMore text."
    cleaned = clean_text(raw)
    assert cleaned.removed == {"ad_marker": 2}
    assert "dvertisement" not in cleaned.text
    assert paragraphs(cleaned)[-2:] == ["The talks went well.", "More text."]


def test_related_block_mid_text_with_bullets() -> None:
    raw = (
        f"{BODY}\n\nRelated Articles\n• Lee lands in Beijing\n• Xi hosts state banquet\n\n"
        "Lee later flew to Shanghai\n\nHe met business leaders there."
    )
    cleaned = clean_text(raw)
    assert cleaned.removed == {"related_links": 1}
    assert "Lee lands in Beijing" not in cleaned.text
    assert "Lee later flew to Shanghai" in cleaned.text  # an unbulleted line mid-text is kept


def test_related_inline_link_removed() -> None:
    cleaned = clean_text(f"{BODY}\n\nRELATED: North Korea fires missiles before Lee trip\n\nMore text here.")
    assert cleaned.removed == {"related_links": 1}
    assert "RELATED" not in cleaned.text


@pytest.mark.parametrize(
    ("tail", "kept_end"),
    [
        (" Related Sources: • Source 1 • Source 2", "officials in Seoul said."),
        (" See also: Yellow Sea dispute explained", "officials in Seoul said."),
        (" Read more: Lee lands in Beijing · Xi hosts banquet", "officials in Seoul said."),
        # A label followed by real sentences is not a link list: keep it.
        (" Read more: The talks lasted three hours. Both sides praised them.", "Both sides praised them."),
    ],
)
def test_related_list_glued_to_paragraph_end(tail: str, kept_end: str) -> None:
    cleaned = clean_text(BODY + tail)
    assert cleaned.text.endswith(kept_end)
    assert cleaned.removed.get("related_links", 0) == (0 if kept_end.startswith("Both") else 1)


def test_citation_markers_counted_and_other_brackets_kept() -> None:
    cleaned = clean_text(
        "Lee met Xi[1][2]. Talks were warm [3]. Photo [Yonhap/AFP] and quote [sic] stay[4, 5]."
    )
    assert cleaned.text == "Lee met Xi. Talks were warm. Photo [Yonhap/AFP] and quote [sic] stay."
    assert cleaned.removed == {"citation_marker": 4}


def test_a_repeated_caption_is_kept_once_wherever_it_repeats() -> None:
    caption = "Lee and Xi shake hands in Beijing on January 5. [Yonhap]"
    raw = f"{caption}\n{caption}\n\n{BODY}\n\n{caption}"
    cleaned = clean_text(raw)
    assert cleaned.removed == {"duplicate_paragraph": 2}
    assert cleaned.text.count(caption) == 1


def test_short_lines_may_repeat_apart() -> None:
    raw = f"Q: Why now?\n\n{BODY}\n\nYes.\n\nQ: Why now?\n\n{BODY2}\n\nYes."
    cleaned = clean_text(raw)
    assert cleaned.text.count("Q: Why now?") == 2 and cleaned.text.count("Yes.") == 2


def test_aggregator_source_list_removed_but_following_section_kept() -> None:
    raw = (
        f"Lee wraps up China visit\nUpdated (3 articles)\n{BODY}[1]\n"
        "Sources (2 articles)\n-\n[1]\nSome Wire: Lee meets Xi: Summary of the summit.\n-\n[2]\n"
        "Other Paper: Lee returns: Summary of the return.\n"
        "Timeline\nJan 7, 2026 – Lee returns to Seoul. [2]\n"
    )
    cleaned = clean_text(raw)
    assert cleaned.removed == {"aggregator_furniture": 1, "source_list": 1, "citation_marker": 2}
    assert "Some Wire" not in cleaned.text and "Other Paper" not in cleaned.text
    assert cleaned.text.endswith("Timeline\n\nJan 7, 2026 – Lee returns to Seoul.")


@pytest.mark.parametrize(
    "furniture",
    [
        "Continue reading",
        "Back to top",
        "Tags: China, Lee Jae Myung, diplomacy",
        "(END)",
        "© 2026 Example Media Group",
        "Top News",
    ],
)
def test_trailing_furniture_removed(furniture: str) -> None:
    cleaned = clean_text(f"{BODY}\n\n{furniture}\n\n\n")
    assert cleaned.text == BODY
    assert cleaned.removed == {"trailing_furniture": 1, "blank_lines": 2}


def test_trailing_rule_keeps_short_last_line_without_body() -> None:
    assert clean_text("Lee Visits China").text == "Lee Visits China"
    assert clean_text("Lee Visits China\n\nTop News").text == "Lee Visits China\n\nTop News"


def test_comment_form_tail_removed() -> None:
    raw = (
        f"{BODY}\n\nLeave a Reply\nCancel reply\nComment *\nName *\nEmail *\nWebsite\n"
        "Save my name, email, and website in this browser for the next time I comment.\nPost Comment\n"
    )
    cleaned = clean_text(raw)
    assert cleaned.text == BODY
    assert cleaned.removed == {"comment_prompt": 7, "trailing_furniture": 1}


def test_hard_wrapped_text_is_unwrapped_into_paragraphs() -> None:
    raw = (
        "President Lee Jae Myung returned home on Wednesday after a four-day\n"
        "state visit to China, where he met President Xi Jinping and signed\n"
        "14 agreements.\n\n"
        "The presidential office said vice-ministerial talks on the Yellow\n"
        "Sea would follow within the year.\n"
    )
    assert paragraphs(clean_text(raw)) == [
        "President Lee Jae Myung returned home on Wednesday after a four-day state visit to China, "
        "where he met President Xi Jinping and signed 14 agreements.",
        "The presidential office said vice-ministerial talks on the Yellow Sea would follow within the year.",
    ]


# --- performance -------------------------------------------------------------------------------------


_BIG_PARAGRAPHS = 1_800  # ~150 KB; speed on 1 MB inputs is measured in bench/bench_transforms.py


def _big_article(*, furniture: bool) -> str:
    tail = " [1] and said 2026 mattered. Read more: x" if furniture else " and said 2026 mattered."
    return "\n\n".join(f"Paragraph {i}: Lee met Xi on January 5{tail}" for i in range(_BIG_PARAGRAPHS))


# Large and pathological inputs (guards against catastrophic regex backtracking): the timeout turns a
# hang into a failure; the assertions check the cleaned text itself.
@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("raw", "text", "removed"),
    [
        (
            _big_article(furniture=True),
            _big_article(furniture=False),
            {"related_links": _BIG_PARAGRAPHS, "citation_marker": _BIG_PARAGRAPHS},
        ),
        ("word " * 30_000, ("word " * 30_000).strip(), {}),
        ("[1" * 75_000, "[1" * 75_000, {}),
        ("Read more\n" * 15_000, "", {"related_links": 1}),
        (
            "Foo. Related: " * 10_700,
            ("Foo. Related: " * 10_700).removesuffix(" Related: "),
            {"related_links": 1},
        ),
        (("x" * 60 + "\n") * 2_500, "x" * 60, {"duplicate_paragraph": 2_499}),
        ("\n" * 150_000, "", {"blank_lines": 150_000}),
    ],
    ids=["article", "one-line", "open-brackets", "many-links", "many-labels", "wrapped", "newlines"],
)
def test_large_pathological_inputs_are_cleaned(raw: str, text: str, removed: dict[str, int]) -> None:
    cleaned = clean_text(raw)
    assert cleaned.text == text
    assert cleaned.removed == removed


def test_numbered_reference_list_removed_but_prose_after_sources_heading_kept() -> None:
    listed = clean_text(f"{BODY}\n\nReferences\n1. Some Wire: Lee meets Xi\n2. Other Paper: Lee returns")
    assert listed.text == BODY
    assert listed.removed == {"source_list": 1}
    prose = (
        f"{BODY}\n\nSources\n\nOfficials who spoke on condition of anonymity described the talks as tense."
    )
    assert clean_text(prose).text == prose
