"""Recording quality-gate results and quarantining articles that failed them (``dq`` schema)."""

from __future__ import annotations

import json
from datetime import datetime

import duckdb

from expectations.validate import SuiteOutcome
from warehouse.staging import ARTICLE_TABLES

__all__ = ["quarantine_articles", "record_suite"]


def record_suite(
    con: duckdb.DuckDBPyConnection,
    *,
    run_id: str,
    table_name: str,
    outcome: SuiteOutcome,
    validated_at: datetime,
) -> None:
    """Write one suite's verdict and each expectation's result."""
    con.execute(
        "INSERT INTO dq.validations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            run_id,
            outcome.suite,
            table_name,
            outcome.success,
            outcome.row_count,
            len(outcome.outcomes),
            len(outcome.failed),
            outcome.error,
            outcome.data_docs_index,
            validated_at,
        ],
    )
    if outcome.outcomes:
        con.executemany(
            "INSERT INTO dq.expectation_results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                [
                    run_id,
                    outcome.suite,
                    result.expectation,
                    result.column,
                    json.dumps(result.kwargs, sort_keys=True, default=str),
                    result.success,
                    result.raised,
                    result.unexpected_count,
                    result.element_count,
                    result.message,
                    list(result.failing_ids),
                    "batch" if result.batch_level else "row",
                ]
                for result in outcome.outcomes
            ],
        )


def quarantine_articles(
    con: duckdb.DuckDBPyConnection,
    *,
    run_id: str,
    failures: dict[str, list[tuple[str, str]]],
    quarantined_at: datetime,
) -> list[tuple[str, str, str]]:
    """Move failing articles from staging to ``dq.quarantine``, keeping the whole row.

    ``failures`` maps article_id to (expectation, message) pairs. Returns (article_id, source_id,
    origin) of each article moved, for accounting.
    """
    if not failures:
        return []
    ids = sorted(failures)
    rows = con.execute(
        "SELECT article_id, source_id, origin, to_json(a) FROM staging.articles AS a "
        "WHERE article_id IN (SELECT unnest(?))",
        [ids],
    ).fetchall()
    con.execute("BEGIN TRANSACTION")
    try:
        for article_id, source_id, origin, row_json in rows:
            reasons = failures[article_id]
            con.execute(
                "INSERT INTO dq.quarantine VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    run_id,
                    article_id,
                    source_id,
                    origin,
                    [expectation for expectation, _ in reasons],
                    "; ".join(message for _, message in reasons),
                    row_json,
                    quarantined_at,
                ],
            )
        for table in ARTICLE_TABLES:
            con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [ids])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return [(article_id, source_id, origin) for article_id, source_id, origin, _ in rows]
