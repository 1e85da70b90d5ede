"""The analysts' commands: ``sql``, ``shell`` and ``report``, all on the published snapshot."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from presswatch.exit_codes import EXIT_ERROR, EXIT_OK
from runtime.settings import resolve_settings

__all__ = ["NothingPublishedYet", "read_path", "report_command", "shell_command", "sql_command"]


class NothingPublishedYet(FileNotFoundError):
    """No run has finished on this warehouse yet, so there is no snapshot to read."""


def read_path(warehouse: str | None) -> Path:
    """The analysts' snapshot of the warehouse; never the live file, which holds unvalidated rows
    and belongs to the writer (opening it could block a run)."""
    from warehouse.snapshot import snapshot_path

    live = resolve_settings(warehouse=warehouse).warehouse
    snapshot = snapshot_path(live)
    if not snapshot.is_file():
        raise NothingPublishedYet(
            f"nothing is published yet: no run has finished on {live}, so there is no snapshot to read "
            f"({snapshot}): run `presswatch run` first."
        )
    return snapshot


def _warn_if_unpublished(snapshot: Path) -> None:
    """Say so when the snapshot holds run records and quality results but no publication yet."""
    import duckdb

    from warehouse.connection import open_read_only

    try:
        with open_read_only(snapshot) as con:
            published = con.execute("SELECT published_run_id FROM ops.snapshot").fetchone()
    except duckdb.Error:
        return
    if published is None or published[0] is None:
        print(
            "note: nothing is published yet (no run has passed the quality gate); the marts are empty, "
            "ops and dq hold what the runs did",
            file=sys.stderr,
        )


def sql_command(args: argparse.Namespace) -> int:
    """Check, then run, read-only statements and print each result as a table."""
    import duckdb

    from presswatch.query import format_table, printable, run_query
    from warehouse.read_only_sql import RefusedStatement

    try:
        snapshot = read_path(args.warehouse)
        results = run_query(snapshot, args.query)
    except (FileNotFoundError, duckdb.Error, RefusedStatement) as exc:
        print(f"presswatch sql: {printable(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    _warn_if_unpublished(snapshot)
    for result in results:
        if result.columns:
            print(format_table(result.columns, result.rows))
    return EXIT_OK


def shell_command(args: argparse.Namespace) -> int:
    """An interactive (or piped) SQL session on the snapshot."""
    import duckdb

    from presswatch.query import printable
    from presswatch.shell import run_shell

    try:
        snapshot = read_path(args.warehouse)
        _warn_if_unpublished(snapshot)
        return run_shell(str(snapshot))
    except (FileNotFoundError, duckdb.Error) as exc:
        print(f"presswatch shell: {printable(str(exc))}", file=sys.stderr)
        return EXIT_ERROR


def report_command(args: argparse.Namespace) -> int:
    """Write the HTML report again from the snapshot and print where."""
    import duckdb

    from reporting.build import UnknownRunError, write_report

    paths = resolve_settings(warehouse=args.warehouse, reports=args.reports)
    try:
        path = write_report(read_path(args.warehouse), paths.reports_dir, run_id=args.run)
    except (OSError, UnknownRunError, duckdb.Error) as exc:  # OSError includes a missing warehouse
        print(f"presswatch report: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(path)
    return EXIT_OK
