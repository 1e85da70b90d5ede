"""The run log and per-item accounting (``ops`` schema)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import duckdb

from warehouse.outcomes import AWAITING, ItemOutcome, RunStatus

__all__ = [
    "Outcome",
    "finish_run",
    "outcome_counts",
    "payload_items_awaiting_publication",
    "processed_before",
    "record_outcomes",
    "record_steps",
    "settle_staged",
    "start_run",
]



@dataclass(frozen=True)
class Outcome:
    """What happened to one discovered item in one run."""

    source_id: str
    item: str
    outcome: str
    detail: str | None = None
    raw_id: str | None = None
    article_id: str | None = None


def start_run(
    con: duckdb.DuckDBPyConnection,
    *,
    run_id: str,
    flow_run_id: str | None,
    started_at: datetime,
    event_id: str,
    profile_version: str,
    sources_file: str,
    event_file: str,
) -> None:
    """Record a run as started."""
    con.execute(
        "INSERT INTO ops.runs (run_id, flow_run_id, started_at, status, event_id, profile_version, "
        "sources_file, event_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [run_id, flow_run_id, started_at, RunStatus.RUNNING, event_id, profile_version, sources_file,
         event_file],
    )


def finish_run(
    con: duckdb.DuckDBPyConnection,
    *,
    run_id: str,
    finished_at: datetime,
    status: str,
    counts: dict[str, object],
    message: str,
) -> None:
    """Record how a run ended, and how long it took."""
    con.execute(
        "UPDATE ops.runs SET finished_at = ?, status = ?, counts = ?, message = ?, "
        "duration_seconds = date_diff('millisecond', started_at, ?) / 1000.0 WHERE run_id = ?",
        [finished_at, status, json.dumps(counts, sort_keys=True, default=str), message, finished_at, run_id],
    )


def close_interrupted_runs(con: duckdb.DuckDBPyConnection, *, finished_at: datetime) -> list[str]:
    """Close the records of runs whose process died (still ``running``); return their ids.

    Only call this while holding the writer lock: then no other run can be alive. What the dead run
    committed decides its record: articles it quarantined stay ``quarantined``; if its publish
    transaction committed, its staged items are ``published`` (the run is recorded as published);
    otherwise they are ``held``: still in staging, they go out with the next passing run.
    """
    running = con.execute("SELECT run_id FROM ops.runs WHERE status = ?", [RunStatus.RUNNING]).fetchall()
    dead = [r[0] for r in running]
    for run_id in dead:
        quarantined = dict(
            con.execute("SELECT article_id, reasons FROM dq.quarantine WHERE run_id = ?", [run_id]).fetchall()
        )
        published = con.execute("SELECT 1 FROM ops.publications WHERE run_id = ?", [run_id]).fetchone()
        status = RunStatus.PUBLISHED if published else RunStatus.INTERRUPTED
        settle_staged(con, run_id, run_status=status, quarantined=quarantined)
        finish_run(
            con,
            run_id=run_id,
            finished_at=finished_at,
            status=status,
            counts={"items": outcome_counts(con, run_id)},
            message=f"{'published; ' if published else ''}the process ended before the run finished "
            "(killed or crashed); closed by the next run",
        )
    return dead


def record_steps(con: duckdb.DuckDBPyConnection, run_id: str, steps: list[tuple[str, float]]) -> None:
    """Record how long each step of a run took, in order."""
    if steps:
        con.executemany(
            "INSERT INTO ops.run_steps VALUES (?, ?, ?, ?)",
            [[run_id, position, step, seconds] for position, (step, seconds) in enumerate(steps, start=1)],
        )


def record_outcomes(
    con: duckdb.DuckDBPyConnection, run_id: str, outcomes: list[Outcome], recorded_at: datetime
) -> None:
    """Append outcomes for a run."""
    if not outcomes:
        return
    con.executemany(
        "INSERT INTO ops.item_outcomes VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            [run_id, o.source_id, o.item, o.raw_id, o.article_id, o.outcome, o.detail, recorded_at]
            for o in outcomes
        ],
    )


def processed_before(con: duckdb.DuckDBPyConnection, source_id: str, item: str, raw_id: str) -> bool:
    """True when this source item's latest payload taken to an outcome is exactly ``raw_id``.

    Only the latest payload counts: a file changed back to an earlier version is new again, since
    staging holds what the version in between produced.
    """
    row = con.execute(
        "SELECT raw_id FROM ops.item_outcomes "
        "WHERE source_id = ? AND (item = ? OR starts_with(item, ? || '#L')) AND raw_id IS NOT NULL "
        "ORDER BY recorded_at DESC LIMIT 1",
        [source_id, item, item],
    ).fetchone()
    return row is not None and row[0] == raw_id


def payload_items_awaiting_publication(
    con: duckdb.DuckDBPyConnection, source_id: str, item: str, raw_id: str
) -> list[tuple[str, str]]:
    """(item, article_id) of this source item's articles still staged from a blocked or interrupted run.

    For a JSON Lines file the items are its lines (``<item>#L<n>``).
    """
    return con.execute(
        """
        SELECT DISTINCT o.item, o.article_id
        FROM ops.item_outcomes AS o
        JOIN staging.articles AS a USING (article_id, source_id)
        WHERE o.source_id = ? AND o.raw_id = ? AND (o.item = ? OR starts_with(o.item, ? || '#L'))
          AND o.outcome IN (SELECT unnest(?))
        ORDER BY o.item
        """,
        [source_id, raw_id, item, item, list(AWAITING)],
    ).fetchall()


def outcome_counts(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, int]:
    """Items per outcome for a run."""
    rows = con.execute(
        "SELECT outcome, count(*) FROM ops.item_outcomes WHERE run_id = ? GROUP BY outcome ORDER BY outcome",
        [run_id],
    ).fetchall()
    return {outcome: count for outcome, count in rows}


def settle_staged(
    con: duckdb.DuckDBPyConnection, run_id: str, *, run_status: str, quarantined: dict[str, str]
) -> None:
    """Turn this run's provisional ``staged`` outcomes into final ones, given how the run ended.

    Quarantined articles get ``quarantined`` with the reasons. The rest are ``published`` when the
    run published; ``unchanged`` when staging matched the current publication exactly (a reprocess
    that re-derived the same articles); otherwise ``held``: they stay in staging and go out with the
    next passing run.
    """
    if quarantined:
        con.executemany(
            "UPDATE ops.item_outcomes SET outcome = ?, detail = ? "
            "WHERE run_id = ? AND outcome = ? AND article_id = ?",
            [
                [ItemOutcome.QUARANTINED, reason, run_id, ItemOutcome.STAGED, article_id]
                for article_id, reason in quarantined.items()
            ],
        )
    held = (ItemOutcome.HELD, f"valid, but the run ended {run_status}; goes out with the next passing run")
    settled: dict[str, tuple[ItemOutcome, str | None]] = {
        RunStatus.PUBLISHED: (ItemOutcome.PUBLISHED, None),
        RunStatus.UNCHANGED: (ItemOutcome.UNCHANGED, "re-derived; identical to the current publication"),
    }
    outcome, detail = settled.get(run_status, held)
    con.execute(
        "UPDATE ops.item_outcomes SET outcome = ?, detail = coalesce(detail, ?) "
        "WHERE run_id = ? AND outcome = ?",
        [outcome, detail, run_id, ItemOutcome.STAGED],
    )
