"""How much an extracted text reads like an article, as one score between 0 and 1.

Every extractor's output gets the same score, from the text alone, so the quality gate and analysts
can compare them and find the pages where extraction went wrong (a menu, a cookie notice, a list of
links, a teaser). Four signals, each in [0, 1]:

``length``      words against a short news item (:data:`FULL_LENGTH_WORDS` words or more score 1)
``prose``       share of the text's characters in paragraphs that end like a sentence
``structure``   1 minus the share of paragraphs that are short fragments (a few words, no sentence end)
``uniqueness``  share of paragraphs that are not repeats of an earlier one

The score is their weighted mean (weights in :data:`WEIGHTS`). A real article scores about 0.8 to 1; a
navigation menu or a link list under 0.4.
"""

from __future__ import annotations

from dataclasses import dataclass

from transforms.text.words import count_words

__all__ = ["FULL_LENGTH_WORDS", "WEIGHTS", "TextQuality", "text_quality"]

FULL_LENGTH_WORDS = 150
WEIGHTS = {"length": 0.35, "prose": 0.35, "structure": 0.2, "uniqueness": 0.1}
_SENTENCE_ENDS = (".", "!", "?", "…", '"', "”", "’", "'", ")", "»", "。", "！", "？", "」", "』")
_FRAGMENT_MAX_WORDS = 4


@dataclass(frozen=True)
class TextQuality:
    """The score and the signals it was made of."""

    score: float
    signals: dict[str, float]


def text_quality(text: str) -> TextQuality:
    """Score ``text`` (paragraphs separated by blank lines or line breaks); an empty text scores 0."""
    paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
    if not paragraphs:
        return TextQuality(0.0, dict.fromkeys(WEIGHTS, 0.0))
    total_chars = sum(len(p) for p in paragraphs)
    prose_chars = sum(len(p) for p in paragraphs if p.endswith(_SENTENCE_ENDS))
    fragments = sum(
        1 for p in paragraphs if count_words(p) <= _FRAGMENT_MAX_WORDS and not p.endswith(_SENTENCE_ENDS)
    )
    distinct = len({" ".join(p.casefold().split()) for p in paragraphs})
    signals = {
        "length": min(1.0, count_words(text) / FULL_LENGTH_WORDS),
        "prose": prose_chars / total_chars,
        "structure": 1.0 - fragments / len(paragraphs),
        "uniqueness": distinct / len(paragraphs),
    }
    score = sum(WEIGHTS[name] * value for name, value in signals.items())
    return TextQuality(round(score, 3), {name: round(value, 3) for name, value in signals.items()})
