"""Everything presswatch derives from one article's text, as rows for the staging tables.

One entry point so staging a new article and re-deriving an old one after a profile change run
exactly the same analysis: entity mentions, topic salience, quotations, claims, dated happenings,
unknown recurring names, and the shingles near-duplicate clustering compares.
"""

from __future__ import annotations

from datetime import date

from transforms.candidates import find_candidate_names
from transforms.claims import extract_claims, normalised_value
from transforms.entities import EntityMention, find_entity_mentions
from transforms.near_duplicates import shingle_array
from transforms.profile import EventProfile
from transforms.quotes import extract_quotes
from transforms.timeline import extract_timeline
from transforms.topics import score_topics

__all__ = ["ENRICHMENT_TABLES", "analyse_article"]

# staging table -> does it carry the profile version as its last column
ENRICHMENT_TABLES = {
    "staging.entity_mentions": True,
    "staging.topic_scores": True,
    "staging.quotes": True,
    "staging.claims": True,
    "staging.timeline_events": False,
    "staging.name_candidates": False,
    "staging.article_shingles": False,
}


def analyse_article(
    article_id: str,
    text: str,
    profile: EventProfile,
    published: date | None,
    mentions: list[EntityMention] | None = None,
) -> dict[str, list[tuple]]:
    """Rows for every enrichment table of one article (``mentions`` may be passed if already found)."""
    mentions = find_entity_mentions(text, profile) if mentions is None else mentions
    version = profile.version
    claims = extract_claims(text, profile, published=published)
    return {
        "staging.entity_mentions": [
            (article_id, m.entity_id, m.variant, m.count, m.first_offset, version) for m in mentions
        ],
        "staging.topic_scores": [
            (article_id, t.topic_id, t.matched_sentences, t.total_sentences, t.salience,
             list(t.keywords_seen), version)
            for t in score_topics(text, profile)
        ],
        "staging.quotes": [
            (article_id, i, q.text, q.words, q.start, q.end, q.evidence_start, q.evidence_end,
             q.speaker_entity_id, q.speaker_text, q.cue, None, version)
            for i, q in enumerate(extract_quotes(text, profile))
        ],
        "staging.claims": [
            (article_id, i, c.claim_type, normalised_value(c),
             float(c.value) if isinstance(c.value, int | float) else None,
             date.fromisoformat(c.value) if isinstance(c.value, str) else None,
             c.unit, c.qualifier, c.value_text, c.sentence, c.start, c.end, version)
            for i, c in enumerate(claims)
        ],
        "staging.timeline_events": [
            (article_id, e.day, e.what, e.date_text, e.start, e.end, None)
            for e in extract_timeline(text, profile.window_start, profile.window_end)
        ],
        "staging.name_candidates": [
            (article_id, c.name, c.count, c.first_offset) for c in find_candidate_names(text, profile)
        ],
        "staging.article_shingles": [(article_id, shingle_array(text))],
    }  # fmt: skip
