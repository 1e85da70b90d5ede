"""Expectation suite for ``staging.articles``: one row per extracted article, keyed by a content hash.

The allowed value sets are module constants so extraction code and reports can reuse them.
"""

from __future__ import annotations

import datetime as dt

import great_expectations as gx

__all__ = [
    "COLUMNS",
    "DATE_PROVENANCES",
    "EXTRACTORS",
    "JSON_COLUMNS",
    "MAX_TEXT_CHARS",
    "MIN_TEXT_CHARS",
    "MIN_WORDS",
    "NOT_NULL_COLUMNS",
    "OUTLET_PROVENANCES",
    "SUITE_NAME",
    "build_suite",
]

SUITE_NAME = "staging_articles"

# Every column of staging.articles (warehouse/ddl/020_staging_articles.sql), in table order.
COLUMNS: tuple[str, ...] = (
    "article_id", "raw_id", "source_id", "origin", "outlet", "outlet_provenance", "title", "byline",
    "dateline", "url", "language", "published_date", "date_provenance", "date_evidence", "text",
    "char_count", "word_count", "boilerplate_removed", "field_provenance", "extractor", "extractor_version",
    "profile_version", "loaded_at", "run_id", "authors", "updated_date", "extraction_quality",
)  # fmt: skip
# The NOT NULL columns of that DDL, checked here too because the gate runs on candidate frames before they
# reach a table. The enumerated ones have 'unknown'/'none' values, so a NULL there is a bug.
NOT_NULL_COLUMNS: tuple[str, ...] = (
    "article_id", "raw_id", "source_id", "origin", "outlet", "outlet_provenance", "date_provenance", "text",
    "char_count", "word_count", "boilerplate_removed", "field_provenance", "extractor", "extractor_version",
    "profile_version", "loaded_at", "run_id",
)  # fmt: skip
JSON_COLUMNS: tuple[str, ...] = ("boilerplate_removed", "field_provenance")

OUTLET_PROVENANCES: frozenset[str] = frozenset(
    {"document:dateline", "document:byline", "metadata:html", "metadata:jsonl", "config", "unknown"}
)
DATE_PROVENANCES: frozenset[str] = frozenset(
    {
        "metadata:html",
        "metadata:jsonl",
        "dateline",
        "inferred:html-text-search",
        "inferred:latest-date-in-text",
        "inferred:weekday-in-window",
        "none",
    }
)
EXTRACTORS: frozenset[str] = frozenset({"presswatch.plaintext", "trafilatura", "presswatch.jsonl"})

ARTICLE_ID_REGEX = r"^[0-9a-f]{16}$"
MIN_TEXT_CHARS = 200
MAX_TEXT_CHARS = 200_000
MIN_WORDS = 30
#: When more than a quarter of the staged articles read less like articles than this, extraction (or a
#: site's layout) has gone wrong for many pages at once: the gate fails and those rows are quarantined.
#: A few poor pages pass (see transforms/extraction/quality.py); rows staged before the score existed
#: (NULL) are not counted.
MIN_EXTRACTION_QUALITY = 0.4
MIN_SHARE_OF_GOOD_EXTRACTIONS = 0.75


def build_suite(window_start: dt.date, window_end: dt.date) -> list:
    """Expectations for ``staging.articles`` where published dates must fall in [window_start, window_end].

    Built for frames from DuckDB's ``.df()``, which turns DATE into datetime64: the date window is compared
    as midnight datetimes (both ends inclusive). A column of ``datetime.date`` objects cannot be compared to
    them; GE then reports a raised exception, which ``validate()`` counts as a failure.
    """
    if window_start > window_end:
        raise ValueError(f"window_start {window_start} is after window_end {window_end}")
    E = gx.expectations
    return [
        E.ExpectTableRowCountToBeBetween(min_value=1),
        E.ExpectTableColumnsToMatchSet(column_set=list(COLUMNS), exact_match=False),
        E.ExpectColumnValuesToBeUnique(column="article_id"),
        E.ExpectColumnValuesToMatchRegex(column="article_id", regex=ARTICLE_ID_REGEX),
        *(E.ExpectColumnValuesToNotBeNull(column=c) for c in NOT_NULL_COLUMNS),
        E.ExpectColumnValueLengthsToBeBetween(
            column="text", min_value=MIN_TEXT_CHARS, max_value=MAX_TEXT_CHARS
        ),
        E.ExpectColumnValuesToBeBetween(
            column="char_count", min_value=MIN_TEXT_CHARS, max_value=MAX_TEXT_CHARS
        ),
        E.ExpectColumnValuesToBeBetween(column="word_count", min_value=MIN_WORDS),
        E.ExpectColumnValuesToBeInSet(column="outlet_provenance", value_set=sorted(OUTLET_PROVENANCES)),
        E.ExpectColumnValuesToBeInSet(column="date_provenance", value_set=sorted(DATE_PROVENANCES)),
        E.ExpectColumnValuesToBeInSet(column="extractor", value_set=sorted(EXTRACTORS)),
        E.ExpectColumnValuesToBeBetween(
            column="published_date",
            min_value=dt.datetime.combine(window_start, dt.time()),
            max_value=dt.datetime.combine(window_end, dt.time()),
        ),
        *(E.ExpectColumnValuesToBeJsonParseable(column=c) for c in JSON_COLUMNS),
        E.ExpectColumnValuesToBeBetween(column="extraction_quality", min_value=0.0, max_value=1.0),
        E.ExpectColumnValuesToBeBetween(
            column="extraction_quality",
            min_value=MIN_EXTRACTION_QUALITY,
            mostly=MIN_SHARE_OF_GOOD_EXTRACTIONS,
        ),
    ]
