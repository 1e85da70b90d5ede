"""The ``presswatch`` command."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

from presswatch.settings import Paths, resolve_paths

__all__ = ["main"]

EXIT_OK, EXIT_BLOCKED, EXIT_ERROR = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="presswatch",
        description="Monitor how the press covers an event: load, check and publish coverage tables.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the ingestion flow once and publish the marts if they pass")
    reprocess = commands.add_parser(
        "reprocess",
        help="re-extract everything from the raw archive (no source read, no network) and publish",
    )
    for command in (run, reprocess):
        command.add_argument("--sources", help="sources file (default: seeds/sources.toml)")
        command.add_argument("--event", help="event profile (default: seeds/event.toml)")
        command.add_argument("--warehouse", help="DuckDB file (default: warehouse/presswatch.duckdb)")
        command.add_argument("--reports", help="folder for data-quality reports (default: reports/)")
        command.add_argument("--max-bytes", type=int, help="largest file read, in bytes (default: 5 MiB)")
    demo = commands.add_parser("demo-site", help="serve a local demo news site (feeds and article pages)")
    demo.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (default: 8765)")
    demo.add_argument(
        "--write-sources", metavar="FILE", help="also write a sources.toml pointing at the demo site's feeds"
    )
    sql = commands.add_parser("sql", help="run a read-only SQL query on the warehouse and print the result")
    sql.add_argument("query", help='e.g. "SELECT * FROM marts.coverage_summary"')
    sql.add_argument("--warehouse", help="DuckDB file (default: warehouse/presswatch.duckdb)")
    return parser


def _check_config(paths: Paths) -> str | None:
    """Fail fast, before the orchestrator starts, on a missing or invalid sources file or profile."""
    from sources.config import SourcesError, load_sources
    from transforms.profile import ProfileError, parse_event_profile

    try:
        load_sources(paths.sources_file)
    except SourcesError as exc:
        return str(exc)
    try:
        parse_event_profile(paths.event_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return f"cannot read event profile {paths.event_file}: {exc}"
    except ProfileError as exc:
        return f"{paths.event_file}: {exc}"
    return None


def _relative(path: str | Path | None) -> str:
    if path is None:
        return "-"
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _print_summary(summary: object) -> None:
    s = summary  # RunSummary; imported lazily with the flow
    print(f"\npresswatch run {s.run_id}: {s.status.upper()} — {s.message}")
    total = sum(s.items.values())
    breakdown = ", ".join(f"{count} {outcome}" for outcome, count in sorted(s.items.items())) or "none"
    print(f"  items: {total} ({breakdown}); articles (re)staged this run: {s.articles_staged_now}")
    if s.quarantined:
        print(f"  quarantined ({len(s.quarantined)}), see dq.quarantine:")
        for article_id, reason in s.quarantined.items():
            print(f"    {article_id}: {reason}")
    for failure in s.failures[:20]:
        print(f"  gate failure: {failure}")
    if s.published_rows:
        print(f"  published to {_relative(s.warehouse)}:")
        for mart, rows in s.published_rows.items():
            print(f"    marts.{mart:<24} {rows:>6} rows")
    else:
        print(f"  warehouse: {_relative(s.warehouse)} (published marts unchanged)")
    if s.data_docs:
        print(f"  data-quality report: {_relative(s.data_docs)}")
    print("  history: ops.runs, ops.item_outcomes, dq.validations, dq.expectation_results")


def _run(args: argparse.Namespace) -> int:
    paths = resolve_paths(args.sources, args.event, args.warehouse, args.reports, args.max_bytes)
    problem = _check_config(paths)
    if problem:
        print(f"presswatch: configuration error: {problem}", file=sys.stderr)
        return EXIT_ERROR

    from flows.ingest import ingest, reprocess
    from flows.steps import RunSettings, new_run_id
    from warehouse.connection import WarehouseBusyError

    settings = RunSettings(
        run_id=new_run_id(),
        sources_file=str(paths.sources_file),
        event_file=str(paths.event_file),
        warehouse=str(paths.warehouse),
        reports_dir=str(paths.reports_dir),
        max_bytes=paths.max_bytes,
    )
    from presswatch.progress import terminal_progress

    try:
        with terminal_progress():
            summary = (reprocess if args.command == "reprocess" else ingest)(settings)
    except WarehouseBusyError as exc:
        print(f"presswatch: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:
        print(f"presswatch: run {settings.run_id} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("  the previous publication is untouched; see ops.runs for the record", file=sys.stderr)
        return EXIT_ERROR
    _print_summary(summary)
    if summary.status == "blocked":
        print(
            "presswatch: quality gate failed: nothing was published; the previous publication is intact.",
            file=sys.stderr,
        )
        return EXIT_BLOCKED
    return EXIT_OK


def _sql(args: argparse.Namespace) -> int:
    import duckdb

    from presswatch.query import format_table, run_query

    paths = resolve_paths(warehouse=args.warehouse)
    try:
        columns, rows = run_query(paths.warehouse, args.query)
    except (FileNotFoundError, duckdb.Error) as exc:
        print(f"presswatch sql: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if columns:
        print(format_table(columns, rows))
    return EXIT_OK


def _demo_site(args: argparse.Namespace) -> int:
    from presswatch.demo_site import DemoSite, serve, write_sources_file
    from presswatch.settings import PROJECT_ROOT

    site = DemoSite.from_seeds(PROJECT_ROOT / "seeds")
    server, base_url = serve(site, port=args.port)
    print(f"demo news site on {base_url}/ ({len(site.outlets)} outlets); Ctrl-C to stop")
    for outlet in site.outlets:
        print(f"  {outlet.name}: {base_url}{outlet.feed_path}")
    if args.write_sources:
        write_sources_file(site, base_url, Path(args.write_sources))
        print(f"sources written to {args.write_sources}: presswatch run --sources {args.write_sources}")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``presswatch`` command; returns the process exit code."""
    args = _parser().parse_args(argv)
    if args.command in ("run", "reprocess"):
        return _run(args)
    if args.command == "demo-site":
        return _demo_site(args)
    if args.command == "sql":
        return _sql(args)
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
