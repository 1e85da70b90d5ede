"""The analysts' read path: a snapshot file of what is published, refreshed at the end of each run.

DuckDB lets one process hold a database file, so an analyst's session on the warehouse itself
would block scheduled runs (and a run would block the analyst). The snapshot is a separate file
with the published marts, the data-quality history and the run records (views materialised as
tables, every comment kept). It is written to a temporary file and renamed over the old one, so
an open session keeps reading the previous snapshot undisturbed and never sees a half-written
one; staging and candidate tables are never copied, so nothing unvalidated is visible.
"""

from __future__ import annotations

import contextlib
import os
from datetime import datetime
from pathlib import Path

import duckdb

__all__ = ["SNAPSHOT_SCHEMAS", "refresh_snapshot", "snapshot_path"]

SNAPSHOT_SCHEMAS = ("marts", "dq", "ops")

_SNAPSHOT_INFO = (
    "CREATE TABLE snap.ops.snapshot AS "
    "SELECT ?::VARCHAR AS published_run_id, ?::TIMESTAMP AS refreshed_at"
)
_SNAPSHOT_INFO_COMMENTS = (
    "COMMENT ON TABLE snap.ops.snapshot IS 'This file is a read-only snapshot of the warehouse (published "
    "marts, dq and ops only), replaced at the end of every run.'",
    "COMMENT ON COLUMN snap.ops.snapshot.published_run_id IS 'Run whose publication the marts hold.'",
    "COMMENT ON COLUMN snap.ops.snapshot.refreshed_at IS 'When this snapshot was written (UTC).'",
)


def snapshot_path(warehouse: str | Path) -> Path:
    """Where the snapshot of ``warehouse`` lives: ``<name>.snapshot.duckdb`` beside it."""
    path = Path(warehouse)
    return path.with_name(f"{path.stem}.snapshot{path.suffix or '.duckdb'}")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _relations(con: duckdb.DuckDBPyConnection, schema: str) -> list[tuple[str, str | None]]:
    return con.execute(
        """
        SELECT table_name, comment FROM duckdb_tables() WHERE database_name = current_database()
          AND schema_name = ?
        UNION ALL
        SELECT view_name, comment FROM duckdb_views() WHERE database_name = current_database()
          AND schema_name = ? AND NOT internal
        ORDER BY 1
        """,
        [schema, schema],
    ).fetchall()


def _copy_comments(con: duckdb.DuckDBPyConnection, schema: str, name: str, comment: str | None) -> None:
    target = f"snap.{schema}.{name}"
    if comment:
        con.execute(f"COMMENT ON TABLE {target} IS {_literal(comment)}")
    columns = con.execute(
        "SELECT column_name, comment FROM duckdb_columns() WHERE database_name = current_database() "
        "AND schema_name = ? AND table_name = ? AND comment IS NOT NULL",
        [schema, name],
    ).fetchall()
    for column, text in columns:
        con.execute(f'COMMENT ON COLUMN {target}."{column}" IS {_literal(text)}')


def refresh_snapshot(
    con: duckdb.DuckDBPyConnection,
    warehouse: str | Path,
    *,
    published_run_id: str | None,
    refreshed_at: datetime,
) -> Path:
    """Write a fresh snapshot of the published state from ``con`` (open on ``warehouse``); return its path."""
    target = snapshot_path(warehouse)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    con.execute(f"ATTACH {_literal(str(temporary))} AS snap")
    try:
        for schema in SNAPSHOT_SCHEMAS:
            con.execute(f"CREATE SCHEMA snap.{schema}")
            for name, comment in _relations(con, schema):
                con.execute(f"CREATE TABLE snap.{schema}.{name} AS SELECT * FROM {schema}.{name}")
                _copy_comments(con, schema, name, comment)
        con.execute(_SNAPSHOT_INFO, [published_run_id, refreshed_at])
        for statement in _SNAPSHOT_INFO_COMMENTS:
            con.execute(statement)
        con.execute("DETACH snap")
        os.replace(temporary, target)  # atomic: readers see the old file or the new one, never a mix
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.execute("DETACH snap")
        temporary.unlink(missing_ok=True)
        raise
    return target
