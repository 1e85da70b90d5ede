"""Everything presswatch derives from one article's text, as typed records.

One entry point so staging a new article and re-deriving an old one after a profile change run
exactly the same analysis: entity mentions, topic salience, quotations, claims, dated happenings,
unknown recurring names, and the shingles near-duplicate clustering compares. How these records
become rows of the staging tables is the warehouse's business (:mod:`warehouse.enrichment_rows`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from transforms.analysis.candidates import CandidateName, declared_candidates, find_candidate_names
from transforms.analysis.claims import Claim, extract_claims
from transforms.analysis.entities import EntityMention, find_entity_mentions
from transforms.analysis.quotes import Quote, extract_quotes
from transforms.analysis.timeline import TimelineEvent, extract_timeline
from transforms.analysis.topics import TopicScore, score_topics
from transforms.profile import EventProfile
from transforms.text.shingles import shingle_array

__all__ = ["ArticleAnalysis", "analyse_article"]


@dataclass(frozen=True)
class ArticleAnalysis:
    """What one article's text says about the event (``shingles``: packed hashes, see near_duplicates)."""

    mentions: list[EntityMention]
    topics: list[TopicScore]
    quotes: list[Quote]
    claims: list[Claim]
    timeline: list[TimelineEvent]
    candidates: list[CandidateName]
    shingles: bytes


def analyse_article(
    text: str,
    profile: EventProfile,
    published: date | None,
    mentions: list[EntityMention] | None = None,
    title: str | None = None,
) -> ArticleAnalysis:
    """Analyse one article (``mentions`` may be passed if already found). The headline ``title`` adds
    its claims ("Quake death toll passes 380"), marked ``in_headline``; everything else reads the body."""
    headline = [
        replace(claim, in_headline=True)
        for claim in extract_claims(title or "", profile, published=published)
    ]
    return ArticleAnalysis(
        mentions=find_entity_mentions(text, profile) if mentions is None else mentions,
        topics=score_topics(text, profile),
        quotes=extract_quotes(text, profile),
        claims=headline + extract_claims(text, profile, published=published),
        timeline=extract_timeline(text, profile.window_start, profile.window_end),
        candidates=find_candidate_names(text, profile) + declared_candidates(text, profile),
        shingles=shingle_array(text),
    )
