"""Rows of the staging enrichment tables from one article's analysis, in each table's column order.

The column order lives here, mirroring the DDL (``warehouse/ddl/02*_staging_*.sql``, one file per
table); ``tests/test_enrichment_rows.py`` checks each row against the table it goes into.
"""

from __future__ import annotations

from datetime import date

from transforms.analysis.enrichment import ArticleAnalysis
from transforms.grouping.claim_conflicts import normalised_value

__all__ = ["ENRICHMENT_TABLES", "enrichment_rows"]

#: The staging tables one article's analysis fills.
ENRICHMENT_TABLES = (
    "staging.entity_mentions",
    "staging.topic_scores",
    "staging.quotes",
    "staging.claims",
    "staging.timeline_events",
    "staging.name_candidates",
    "staging.article_shingles",
)


def enrichment_rows(
    article_id: str, analysis: ArticleAnalysis, profile_version: str
) -> dict[str, list[tuple]]:
    """Staging table -> its rows for one article; rows that depend on the profile carry its version."""
    version = profile_version
    a = analysis
    return {
        "staging.entity_mentions": [
            (article_id, m.entity_id, m.variant, m.count, m.first_offset, version) for m in a.mentions
        ],
        "staging.topic_scores": [
            (article_id, t.topic_id, t.matched_sentences, t.total_sentences, t.salience,
             list(t.keywords_seen), version)
            for t in a.topics
        ],
        "staging.quotes": [
            (article_id, i, q.text, q.words, q.start, q.end, q.evidence_start, q.evidence_end,
             q.speaker_entity_id, q.speaker_text, q.cue, None, version)
            for i, q in enumerate(a.quotes)
        ],
        "staging.claims": [
            (article_id, i, c.claim_type, normalised_value(c),
             float(c.value) if isinstance(c.value, int | float) else None,
             date.fromisoformat(c.value) if isinstance(c.value, str) else None,
             c.unit, c.qualifier, c.value_text, c.sentence, c.start, c.end, version, c.note, c.in_headline)
            for i, c in enumerate(a.claims)
        ],
        "staging.timeline_events": [
            (article_id, e.day, e.what, e.date_text, e.start, e.end, None) for e in a.timeline
        ],
        "staging.name_candidates": [
            (article_id, c.name, c.count, c.first_offset, c.declared_for, c.declaration) for c in a.candidates
        ],
        "staging.article_shingles": [(article_id, a.shingles)],
    }  # fmt: skip
