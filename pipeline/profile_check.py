"""What an event profile does to a folder of articles, without a warehouse: ``presswatch profile check``.

Every article of the folder goes through the real extraction and analysis, exactly as a run would take
it. The result says, per article, whether it would be on-topic (and if not, why), which entities, topics
and claims it gives, which sentences hold a claim type's cue words but gave no claim, and which names
the article uses that the profile does not know. Nothing is written anywhere.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pipeline.folder_articles import folder_articles
from transforms.analysis.candidates import declared_candidates, find_candidate_names
from transforms.analysis.claims import explain_skipped_figures, extract_claims
from transforms.analysis.entities import EntityMention, find_entity_mentions, is_relevant
from transforms.analysis.topics import score_topics
from transforms.profile import EventProfile
from transforms.text.sentences import split_sentences

__all__ = ["ArticleCheck", "ProfileCheck", "SkippedSentence", "check_profile"]

MAX_SKIPPED_SHOWN = 3  # sentences with cue words but no claim, per claim type and article


@dataclass
class ArticleCheck:
    """What the profile makes of one article."""

    item: str
    on_topic: bool
    reason: str
    entities: dict[str, int] = field(default_factory=dict)  # entity id -> mentions
    topics: list[str] = field(default_factory=list)
    claims: list[tuple[str, str]] = field(default_factory=list)  # (claim type, value as written)
    skipped: dict[str, list[SkippedSentence]] = field(default_factory=dict)  # claim type -> sentences
    unknown_names: list[str] = field(default_factory=list)
    declared: list[tuple[str, str]] = field(default_factory=list)  # (alias, entity id) it declares


@dataclass
class SkippedSentence:
    """A sentence holding a claim type's cue words and a figure, which gave that type no claim, and
    why each of its figures gave none ("“23”: an origin or an earlier figure (after 'from')")."""

    sentence: str
    reasons: list[str] = field(default_factory=list)


@dataclass
class ProfileCheck:
    """The whole folder: every article, and the items that could not be read."""

    articles: list[ArticleCheck]
    unreadable: list[tuple[str, str]]  # (item, why)

    def entity_totals(self) -> Counter[str]:
        """Mentions per entity over the folder."""
        total: Counter[str] = Counter()
        for article in self.articles:
            total.update(article.entities)
        return total

    def claim_totals(self) -> Counter[str]:
        """Claims per claim type over the folder."""
        return Counter(claim_type for article in self.articles for claim_type, _ in article.claims)

    def unknown_name_totals(self) -> Counter[str]:
        """Names the profile does not know, by how many articles use them."""
        return Counter(name for article in self.articles for name in set(article.unknown_names))


def check_profile(profile: EventProfile, folder: Path) -> ProfileCheck:
    """Run ``profile`` over every article file in ``folder`` (recursively); nothing is stored."""
    articles: list[ArticleCheck] = []
    unreadable: list[tuple[str, str]] = []
    for item in folder_articles(folder):
        if item.document is None:
            unreadable.append((item.item, item.error or "no article text"))
            continue
        document = item.document
        published = document.published.value if document.published else None
        articles.append(_check_article(item.item, document.text, profile, published, document.title))
    _hint_declared_names(articles, profile)
    return ProfileCheck(articles, unreadable)


def _hint_declared_names(articles: list[ArticleCheck], profile: EventProfile) -> None:
    """An off-topic article that uses a name another article declares equal to a relevance entity
    ("Typhoon Lumina, known locally as Dalisay") says so: adding the name to that entity's variants
    would make it count (a run learns a declared name only in the article that declares it)."""
    wanted = set(profile.relevance_entities) | set(profile.relevance_context_entities)
    declared = {
        alias: (entity_id, article.item)
        for article in articles
        for alias, entity_id in article.declared
        if entity_id in wanted
    }
    for article in articles:
        if article.on_topic:
            continue
        hints = [
            f"it uses “{alias}”, which {item} declares to be {entity_id}: add it to that entity's variants"
            for alias, (entity_id, item) in declared.items()
            if alias in article.unknown_names and item != article.item
        ]
        if hints:
            article.reason += "; " + "; ".join(hints)


def _check_article(
    item: str, text: str, profile: EventProfile, published: date | None, title: str | None = None
) -> ArticleCheck:
    mentions = find_entity_mentions(text, profile)
    on_topic = is_relevant(mentions, profile)
    check = ArticleCheck(item, on_topic, "on-topic" if on_topic else _why_off_topic(mentions, profile))
    for mention in mentions:
        check.entities[mention.entity_id] = check.entities.get(mention.entity_id, 0) + mention.count
    check.topics = [score.topic_id for score in score_topics(text, profile) if score.matched_sentences]
    claims = extract_claims(text, profile, published=published)
    headline = extract_claims(title or "", profile, published=published)  # as a run counts them too
    check.claims = [(claim.claim_type, claim.value_text) for claim in headline + claims]
    why: dict[int, list[str]] = {}
    for figure in explain_skipped_figures(text, profile, published=published):
        why.setdefault(figure.sentence_start, []).append(f"“{figure.figure}”: {figure.reason}")
    check.skipped = _skipped_sentences(text, profile, {(c.claim_type, c.start) for c in claims}, why)
    check.unknown_names = [candidate.name for candidate in find_candidate_names(text, profile)]
    check.declared = [
        (candidate.name, candidate.declared_for)
        for candidate in declared_candidates(text, profile)
        if candidate.declared_for is not None
    ]
    return check


def _why_off_topic(mentions: list[EntityMention], profile: EventProfile) -> str:
    wanted = set(profile.relevance_entities)
    total = sum(m.count for m in mentions if m.entity_id in wanted)
    needed = max(profile.min_relevance_mentions, 1)
    if total < needed:
        return (
            f"off-topic: the relevance entities ({', '.join(profile.relevance_entities)}) are mentioned "
            f"{total} time(s), {needed} needed"
        )
    return (
        "off-topic: none of and_any_of_entities "
        f"({', '.join(profile.relevance_context_entities)}) is mentioned"
    )


def _skipped_sentences(
    text: str, profile: EventProfile, claimed: set[tuple[str, int]], why: dict[int, list[str]]
) -> dict[str, list[SkippedSentence]]:
    """Per claim type, sentences holding one of its cues and a figure that gave it no claim, with the
    reasons ``why`` gives for the sentence's figures (by sentence offset); a sentence whose figures all
    went to other claim types has none ("its figures gave claims of other types")."""
    skipped: dict[str, list[SkippedSentence]] = {}
    sentences = split_sentences(text)
    for claim_type in profile.claim_types:
        pattern = re.compile(
            r"\b(?:" + "|".join(re.escape(cue) for cue in claim_type.cues) + r")", re.IGNORECASE
        )
        for start, end in sentences:
            sentence = text[start:end]
            if (claim_type.id, start) in claimed or not pattern.search(sentence):
                continue
            if not re.search(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b", sentence, re.I):
                continue  # no figure at all: nothing was missed
            shown = skipped.setdefault(claim_type.id, [])
            if len(shown) < MAX_SKIPPED_SHOWN:
                reasons = why.get(start) or [
                    "its figures gave claims of other types, or its cue is out of reach"
                ]
                shown.append(SkippedSentence(" ".join(sentence.split())[:240], reasons))
    return skipped
