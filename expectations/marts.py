"""Expectation suites for the candidate marts, checked before they are published.

Besides shape and ranges, the suites cross-check the marts against staging: row counts and sums
must add up to the number of staged articles, and grids (topic x source, topic x article) must be
complete. A mart that silently lost or duplicated rows therefore fails the gate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import great_expectations as gx

from expectations.staging_articles import DATE_PROVENANCES, MIN_WORDS
from transforms.analysis.timeline import GRACE as TIMELINE_GRACE

__all__ = ["MartSuite", "StagingFacts", "build_mart_suites"]


@dataclass(frozen=True)
class StagingFacts:
    """Counts taken from staging that the candidate marts must agree with."""

    articles: int
    sources: int
    topic_ids: tuple[str, ...]
    entity_ids: tuple[str, ...]
    clusters: int
    claim_type_ids: tuple[str, ...]
    window_start: dt.date
    window_end: dt.date


@dataclass(frozen=True)
class MartSuite:
    """The expectations for one candidate mart and the column that identifies its failing rows.

    ``allow_empty`` marks marts that may rightly have no rows (a corpus without quotations or
    disputed facts); every other mart must have rows.
    """

    table: str
    id_column: str | None
    expectations: list
    allow_empty: bool = False


def _between(column: str, low: float | dt.datetime, high: float | dt.datetime) -> gx.expectations.Expectation:
    return gx.expectations.ExpectColumnValuesToBeBetween(column=column, min_value=low, max_value=high)


def _sum_is(column: str, total: int) -> gx.expectations.Expectation:
    return gx.expectations.ExpectColumnSumToBeBetween(column=column, min_value=total, max_value=total)


def _share(column: str) -> gx.expectations.Expectation:
    return gx.expectations.ExpectColumnValuesToBeBetween(column=column, min_value=0, max_value=1)


def build_mart_suites(facts: StagingFacts) -> dict[str, MartSuite]:
    """One suite per mart, keyed by mart name."""
    E = gx.expectations
    n = facts.articles
    topics, entities = len(facts.topic_ids), len(facts.entity_ids)
    window = (
        dt.datetime.combine(facts.window_start, dt.time()),
        dt.datetime.combine(facts.window_end, dt.time()),
    )
    # Happenings may lie just outside the window: the extractor keeps dates within its grace period.
    timeline_window = (
        dt.datetime.combine(facts.window_start - TIMELINE_GRACE, dt.time()),
        dt.datetime.combine(facts.window_end + TIMELINE_GRACE, dt.time()),
    )
    return {
        "articles": MartSuite("candidate.articles", "article_id", [
            E.ExpectTableRowCountToEqual(value=n),
            E.ExpectColumnValuesToBeUnique(column="article_id"),
            E.ExpectColumnValuesToNotBeNull(column="text"),
            E.ExpectColumnValuesToNotBeNull(column="outlet"),
            E.ExpectColumnValuesToBeBetween(column="word_count", min_value=MIN_WORDS),
            # Only relevant articles are staged, so each names at least one profile entity.
            E.ExpectColumnValuesToBeBetween(column="entities_mentioned", min_value=1),
            _between("published_date", *window),
            E.ExpectColumnValuesToBeInSet(column="date_provenance", value_set=sorted(DATE_PROVENANCES)),
            E.ExpectColumnValuesToBeInSet(column="top_topic", value_set=list(facts.topic_ids)),
        ]),
        "coverage_by_source": MartSuite("candidate.coverage_by_source", None, [
            E.ExpectTableRowCountToEqual(value=facts.sources),
            E.ExpectCompoundColumnsToBeUnique(column_list=["source_id", "source_label"]),
            E.ExpectColumnValuesToBeBetween(column="articles", min_value=1),
            _sum_is("articles", n),
            E.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="articles", column_B="dated_articles", or_equal=True
            ),
        ]),
        "coverage_daily": MartSuite("candidate.coverage_daily", None, [
            E.ExpectTableRowCountToBeBetween(min_value=1),
            _sum_is("articles", n),
            _between("published_date", *window),
            E.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="articles", column_B="inferred_dates", or_equal=True
            ),
        ]),
        "topic_coverage": MartSuite("candidate.topic_coverage", None, [
            E.ExpectTableRowCountToEqual(value=topics * facts.sources),
            E.ExpectCompoundColumnsToBeUnique(column_list=["topic_id", "source_id", "source_label"]),
            E.ExpectColumnValuesToBeInSet(column="topic_id", value_set=list(facts.topic_ids)),
            _share("share_of_articles"),
            _share("mean_salience"),
        ]),
        "topic_article_coverage": MartSuite("candidate.topic_article_coverage", "article_id", [
            E.ExpectTableRowCountToEqual(value=topics * n),
            E.ExpectCompoundColumnsToBeUnique(column_list=["topic_id", "article_id"]),
            _share("salience"),
            E.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="total_sentences", column_B="matched_sentences", or_equal=True
            ),
        ]),
        "entity_mentions": MartSuite("candidate.entity_mentions", "article_id", [
            E.ExpectTableRowCountToBeBetween(min_value=1),
            E.ExpectCompoundColumnsToBeUnique(column_list=["entity_id", "variant", "article_id"]),
            E.ExpectColumnValuesToBeInSet(column="entity_id", value_set=list(facts.entity_ids)),
            E.ExpectColumnValuesToBeBetween(column="mention_count", min_value=1),
            E.ExpectColumnValuesToBeBetween(column="first_offset", min_value=0),
            E.ExpectColumnValuesToNotBeNull(column="variant"),
        ]),
        "entities": MartSuite("candidate.entities", "entity_id", [
            E.ExpectTableRowCountToEqual(value=entities),
            E.ExpectColumnValuesToBeUnique(column="entity_id"),
            E.ExpectColumnValuesToBeBetween(column="articles", min_value=0, max_value=n),
            E.ExpectColumnMaxToBeBetween(column="articles", min_value=1),
        ]),
        "entity_outlets": MartSuite("candidate.entity_outlets", None, [
            E.ExpectTableRowCountToBeBetween(min_value=1),
            E.ExpectCompoundColumnsToBeUnique(column_list=["entity_id", "source_label"]),
            E.ExpectColumnValuesToBeInSet(column="entity_id", value_set=list(facts.entity_ids)),
            E.ExpectColumnValuesToBeBetween(column="articles", min_value=1, max_value=n),
            E.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="mentions", column_B="articles", or_equal=True
            ),
            E.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="last_mentioned", column_B="first_mentioned", or_equal=True
            ),
        ]),
        "entity_candidates": MartSuite("candidate.entity_candidates", None, [
            E.ExpectColumnValuesToBeUnique(column="name"),
            E.ExpectColumnValuesToBeBetween(column="mentions", min_value=2),
            E.ExpectColumnValuesToBeBetween(column="articles", min_value=1, max_value=n),
        ], allow_empty=True),
        "quotes": MartSuite("candidate.quotes", "article_id", [
            E.ExpectColumnValuesToBeUnique(column="quote_id"),
            E.ExpectColumnValuesToNotBeNull(column="quote_text"),
            E.ExpectColumnValuesToBeBetween(column="words", min_value=1),
            E.ExpectColumnPairValuesAToBeGreaterThanB(column_A="end_offset", column_B="start_offset"),
            E.ExpectColumnValuesToBeInSet(column="speaker_entity_id", value_set=list(facts.entity_ids)),
            E.ExpectColumnValuesToBeBetween(column="outlets_carrying", min_value=1),
        ], allow_empty=True),
        "claims": MartSuite("candidate.claims", "article_id", [
            E.ExpectColumnValuesToBeInSet(column="claim_type", value_set=list(facts.claim_type_ids)),
            E.ExpectColumnValuesToNotBeNull(column="value"),
            E.ExpectColumnValuesToNotBeNull(column="evidence"),
        ], allow_empty=True),
        "claim_conflicts": MartSuite("candidate.claim_conflicts", None, [
            E.ExpectCompoundColumnsToBeUnique(column_list=["claim_type", "value"]),
            E.ExpectColumnValuesToBeBetween(column="distinct_values", min_value=2),
            E.ExpectColumnValuesToBeBetween(column="articles", min_value=1, max_value=n),
        ], allow_empty=True),
        "event_timeline": MartSuite("candidate.event_timeline", None, [
            E.ExpectCompoundColumnsToBeUnique(column_list=["day", "happening"]),
            _between("day", *timeline_window),
            E.ExpectColumnValuesToBeBetween(column="articles", min_value=1, max_value=n),
        ], allow_empty=True),
        "story_clusters": MartSuite("candidate.story_clusters", "article_id", [
            E.ExpectTableRowCountToEqual(value=n),
            E.ExpectColumnValuesToBeUnique(column="article_id"),
            E.ExpectColumnValuesToBeBetween(column="cluster_size", min_value=1, max_value=n),
            _share("similarity"),
            # Exactly one likely original per cluster.
            _sum_is("first_in_cluster", facts.clusters),
        ]),
        "coverage_summary": MartSuite("candidate.coverage_summary", None, [
            E.ExpectTableRowCountToEqual(value=1),
            _between("articles", n, n),
            _between("sources", facts.sources, facts.sources),
            E.ExpectColumnValuesToNotBeNull(column="quality_status"),
        ]),
    }  # fmt: skip
