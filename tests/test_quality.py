"""The extraction quality score tells an article from a menu, a link list or a repeated block."""

from __future__ import annotations

from pathlib import Path

from transforms.extraction.plaintext import extract_plaintext
from transforms.extraction.quality import WEIGHTS, text_quality

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
ARTICLE = "\n\n".join(
    f"Paragraph {n}: the council voted on the budget after a long debate, officials said on Tuesday."
    for n in range(12)
)


def test_the_seed_articles_read_like_articles() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        assert text_quality(extract_plaintext(path.read_text(encoding="utf-8")).text).score >= 0.85, path.name


def test_a_menu_and_a_link_list_score_low() -> None:
    menu = "\n".join(["Home", "World", "Business", "Sport", "Culture", "Opinion", "Contact us", "Login"])
    links = "\n".join(f"Council news item {n}" for n in range(15))
    assert text_quality(menu).score < 0.4
    assert text_quality(links).score < 0.4
    assert text_quality(ARTICLE).score > 0.9


def test_repeats_and_length_lower_the_score() -> None:
    repeated = "\n\n".join(["The council voted on the budget after a long debate, officials said."] * 12)
    assert text_quality(repeated).signals["uniqueness"] < 0.1
    short = "The council voted on the budget."
    assert text_quality(short).signals["length"] < 0.1
    assert text_quality(short).score < text_quality(ARTICLE).score


def test_scores_stay_in_range_and_empty_text_scores_zero() -> None:
    assert text_quality("").score == 0.0 and text_quality("  \n ").score == 0.0
    for text in (ARTICLE, "x", "。" * 500, "李在明总统抵达北京。" * 40):
        quality = text_quality(text)
        assert 0.0 <= quality.score <= 1.0
        assert set(quality.signals) == set(WEIGHTS)
