"""Topic salience: the share of an article's sentences that touch each topic of the event profile.

Keywords match with the entity engine (:class:`transforms.text.phrases.PhraseMatcher`): case, accents,
hyphen/space joins and simple plurals are tolerated, acronyms ("AI", "THAAD") match by case, and
where keywords overlap the longest phrase in the text wins across all topics, so "anti-missile
system" counts for THAAD history and not also for a "missile" keyword elsewhere.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from transforms.profile import EventProfile
from transforms.text.phrases import PhraseMatcher, fold_text, phrase_key, tokenize
from transforms.text.sentences import split_sentences

__all__ = ["TopicScore", "score_topics", "topic_matcher"]


@dataclass(frozen=True)
class TopicScore:
    """How much of one article is about one topic.

    ``salience`` is ``matched_sentences / total_sentences`` (0.0 for an empty article);
    ``keywords_seen`` holds the distinct profile keywords found, as the profile spells them, sorted.
    """

    topic_id: str
    matched_sentences: int
    total_sentences: int
    salience: float
    keywords_seen: tuple[str, ...]


# --- topics ------------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def topic_matcher(profile: EventProfile) -> PhraseMatcher:
    """The compiled keyword index of ``profile``'s topics, built once per profile and reused."""
    phrases = []
    seen: set[tuple[str, str]] = set()
    for topic in profile.topics:
        for keyword in topic.keywords:
            # "US" and "U.S." are one keyword to the matcher: report the first spelling listed.
            if (topic.id, phrase_key(keyword)) not in seen:
                seen.add((topic.id, phrase_key(keyword)))
                phrases.append((keyword, (topic.id, keyword), False))
    return PhraseMatcher(phrases, plurals=True)


def score_topics(text: str, profile: EventProfile) -> list[TopicScore]:
    """Score every topic of ``profile`` on ``text``, in profile order, zero scores included.

    A sentence counts for a topic when a keyword of that topic starts in it.
    """
    spans = split_sentences(text)
    starts = [start for start, _ in spans]
    sentences: dict[str, set[int]] = {topic.id: set() for topic in profile.topics}
    keywords: dict[str, set[str]] = {topic.id: set() for topic in profile.topics}
    folded = fold_text(text)
    for hit in topic_matcher(profile).scan(folded, tokenize(folded)):
        k = bisect_right(starts, hit.start) - 1
        if k < 0 or hit.start >= spans[k][1]:
            continue
        for payload in hit.payloads:
            topic_id, keyword = cast(tuple[str, str], payload)  # the matcher's payloads, see topic_matcher
            sentences[topic_id].add(k)
            keywords[topic_id].add(keyword)
    total = len(spans)
    return [
        TopicScore(
            topic_id=topic.id,
            matched_sentences=len(sentences[topic.id]),
            total_sentences=total,
            salience=len(sentences[topic.id]) / total if total else 0.0,
            keywords_seen=tuple(sorted(keywords[topic.id])),
        )
        for topic in profile.topics
    ]
