"""The warehouse layer on real DuckDB files: DDL, documentation, atomic publish, locking."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from warehouse import marts
from warehouse.connection import WarehouseBusyError, apply_ddl, open_warehouse

pytestmark = pytest.mark.process  # starts the command, a Prefect API or worker processes

LAYERS = ("raw", "staging", "marts", "dq", "ops")


def test_ddl_is_idempotent_and_every_table_and_column_is_documented(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with open_warehouse(db) as con:
        apply_ddl(con)
        apply_ddl(con)
        undocumented_tables = con.execute(
            "SELECT schema_name || '.' || table_name FROM duckdb_tables() "
            "WHERE schema_name IN ? AND (comment IS NULL OR comment = '')",
            [list(LAYERS)],
        ).fetchall()
        undocumented_columns = con.execute(
            "SELECT table_name || '.' || column_name FROM duckdb_columns() "
            "WHERE schema_name IN ? AND (comment IS NULL OR comment = '')",
            [list(LAYERS)],
        ).fetchall()
        mart_tables = {
            r[0]
            for r in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'marts'"
            ).fetchall()
        }
        undocumented_views = con.execute(
            "SELECT schema_name || '.' || view_name FROM duckdb_views() "
            "WHERE schema_name IN ? AND (comment IS NULL OR comment = '')",
            [list(LAYERS)],
        ).fetchall()
    assert undocumented_tables == []
    assert undocumented_views == []
    assert undocumented_columns == []
    assert mart_tables == set(marts.MARTS)


def _published_snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    return {name: con.execute(f"SELECT * FROM marts.{name} ORDER BY ALL").fetchall() for name in marts.MARTS}


def _fill_candidates_with_one_summary_row(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    for name in marts.MARTS:
        con.execute(f"CREATE OR REPLACE TABLE candidate.{name} AS SELECT * FROM marts.{name} LIMIT 0")
    con.execute(
        "INSERT INTO candidate.coverage_summary VALUES ('e', 'E', DATE '2026-01-04', DATE '2026-01-07', "
        "1, 1, 0, NULL, NULL, 1, [], [], 'passed', 0, ?, TIMESTAMP '2026-01-08 00:00:00')",
        [run_id],
    )


def test_publish_replaces_marts_and_refuses_a_second_publish(tmp_path: Path) -> None:
    with open_warehouse(tmp_path / "w.duckdb") as con:
        apply_ddl(con)
        _fill_candidates_with_one_summary_row(con, "run-1")
        counts = marts.publish(con, run_id="run-1", fingerprint="f1", published_at=datetime(2026, 1, 8))
        assert counts["coverage_summary"] == 1
        assert con.execute("SELECT run_id FROM marts.coverage_summary").fetchall() == [("run-1",)]
        with pytest.raises(marts.AlreadyPublishedError):
            marts.publish(con, run_id="run-1", fingerprint="f1", published_at=datetime(2026, 1, 8))
        assert con.execute("SELECT count(*) FROM ops.publications").fetchone() == (1,)
        assert marts.last_fingerprint(con) == "f1"


def test_a_failing_publish_leaves_the_previous_publication_intact(tmp_path: Path) -> None:
    with open_warehouse(tmp_path / "w.duckdb") as con:
        apply_ddl(con)
        _fill_candidates_with_one_summary_row(con, "run-1")
        marts.publish(con, run_id="run-1", fingerprint="f1", published_at=datetime(2026, 1, 8))
        before = _published_snapshot(con)
        # The next run's candidates are broken half-way through the mart list.
        _fill_candidates_with_one_summary_row(con, "run-2")
        con.execute("DROP TABLE candidate.entities")
        with pytest.raises(duckdb.CatalogException):
            marts.publish(con, run_id="run-2", fingerprint="f2", published_at=datetime(2026, 1, 9))
        assert _published_snapshot(con) == before
        assert marts.last_fingerprint(con) == "f1"


def test_opening_a_locked_warehouse_waits_then_fails_clearly(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    hold = f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('held', flush=True); time.sleep(30)"
    holder = subprocess.Popen([sys.executable, "-c", hold], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with (
            pytest.raises(WarehouseBusyError, match="locked by another process"),
            open_warehouse(db, wait_seconds=1.5),
        ):
            pass
        waited = time.monotonic() - started
        assert 1.0 <= waited < 10
    finally:
        holder.kill()
        holder.wait()


def test_a_mart_whose_shape_changed_is_recreated_and_the_rest_kept(tmp_path: Path) -> None:
    with open_warehouse(tmp_path / "w.duckdb") as con:
        apply_ddl(con)
        con.execute("INSERT INTO ops.publications VALUES ('r', 'f', TIMESTAMP '2026-01-08 00:00:00', '{}')")
        # An older presswatch published marts.entities without a column the current DDL has.
        con.execute("ALTER TABLE marts.entities DROP COLUMN variants_seen")
        apply_ddl(con)
        columns = [r[0] for r in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'marts' AND table_name = 'entities'"
        ).fetchall()]  # fmt: skip
        assert "variants_seen" in columns
        assert con.execute("SELECT count(*) FROM ops.publications").fetchone() == (1,)
