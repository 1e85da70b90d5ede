"""The analysts' commands: ``sql``, ``shell`` and ``report``, all on the published snapshot."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from presswatch.exit_codes import EXIT_ERROR, EXIT_OK
from presswatch.settings import resolve_paths

__all__ = ["read_path", "report_command", "shell_command", "sql_command"]


def read_path(warehouse: str | None) -> Path:
    """The analysts' snapshot of the warehouse (the warehouse itself only if no snapshot exists yet)."""
    from warehouse.snapshot import snapshot_path

    live = resolve_paths(warehouse=warehouse).warehouse
    snapshot = snapshot_path(live)
    return snapshot if snapshot.is_file() or not live.is_file() else live


def sql_command(args: argparse.Namespace) -> int:
    """Run one read-only query and print it as a table."""
    import duckdb

    from presswatch.query import format_table, run_query

    try:
        columns, rows = run_query(read_path(args.warehouse), args.query)
    except (FileNotFoundError, duckdb.Error) as exc:
        print(f"presswatch sql: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if columns:
        print(format_table(columns, rows))
    return EXIT_OK


def shell_command(args: argparse.Namespace) -> int:
    """An interactive (or piped) SQL session on the snapshot."""
    import duckdb

    from presswatch.shell import run_shell

    try:
        return run_shell(str(read_path(args.warehouse)))
    except (FileNotFoundError, duckdb.Error) as exc:
        print(f"presswatch shell: {exc}", file=sys.stderr)
        return EXIT_ERROR


def report_command(args: argparse.Namespace) -> int:
    """Write the HTML report again from the snapshot and print where."""
    import duckdb

    from reporting.build import UnknownRunError, write_report

    paths = resolve_paths(warehouse=args.warehouse, reports=args.reports)
    try:
        path = write_report(read_path(args.warehouse), paths.reports_dir, run_id=args.run)
    except (OSError, UnknownRunError, duckdb.Error) as exc:  # OSError includes a missing warehouse
        print(f"presswatch report: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(path)
    return EXIT_OK
