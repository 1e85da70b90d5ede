"""The ``presswatch`` command."""

from __future__ import annotations

import argparse
import os
import sys
import threading
from datetime import date
from pathlib import Path

from presswatch.analyst_commands import report_command, shell_command, sql_command
from presswatch.exit_codes import EXIT_BLOCKED, EXIT_BUSY, EXIT_ERROR, EXIT_OK
from presswatch.profile_command import add_profile_parser, profile_command
from presswatch.run_summary import print_run_summary
from runtime.settings import Settings, resolve_settings
from warehouse.outcomes import RunStatus

__all__ = ["EXIT_BLOCKED", "EXIT_BUSY", "EXIT_ERROR", "EXIT_OK", "main"]


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
    backfill = commands.add_parser(
        "backfill",
        help="re-derive from the raw archive the items captured or published in a date window, and publish",
    )
    backfill.add_argument("--since", type=_day, required=True, help="first day, YYYY-MM-DD")
    backfill.add_argument("--until", type=_day, required=True, help="last day, YYYY-MM-DD (inclusive)")
    serve = commands.add_parser("serve", help="run the ingestion flow on a schedule (Prefect) until Ctrl-C")
    timing = serve.add_mutually_exclusive_group()
    timing.add_argument("--cron", default=None, help='cron schedule (default: "0 * * * *", hourly)')
    timing.add_argument("--interval", type=float, help="run every N seconds instead of a cron schedule")
    serve.add_argument(
        "--port", type=int, default=4200,
        help="port for the Prefect server started on 127.0.0.1 when PREFECT_API_URL is unset (default: 4200)",
    )  # fmt: skip
    for command in (run, reprocess, backfill, serve):
        command.add_argument("--sources", help="sources file (default: seeds/sources.toml)")
        command.add_argument("--event", help="event profile (default: seeds/event.toml)")
        command.add_argument("--warehouse", help="DuckDB file (default: warehouse/presswatch.duckdb)")
        command.add_argument("--reports", help="folder for data-quality reports (default: reports/)")
        command.add_argument("--max-bytes", type=int, help="largest file read, in bytes (default: 5 MiB)")
        command.add_argument(
            "--wait", type=float, default=60.0, metavar="SECONDS",
            help="how long to wait while another run writes the warehouse (default: 60)",
        )  # fmt: skip
        command.add_argument(
            "--workers", type=_positive, metavar="N",
            help="extraction worker processes (default: PRESSWATCH_WORKERS, else one per CPU available)",
        )  # fmt: skip
        command.add_argument(
            "--dask", metavar="ADDRESS",
            help="run extraction as Prefect tasks on this Dask scheduler, e.g. tcp://10.0.0.5:8786 "
            "(default: PRESSWATCH_DASK; needs PREFECT_API_URL)",
        )  # fmt: skip
    demo = commands.add_parser("demo-site", help="serve a local demo news site (feeds and article pages)")
    demo.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (default: 8765)")
    demo.add_argument(
        "--write-sources", metavar="FILE", help="also write a sources.toml pointing at the demo site's feeds"
    )
    sql = commands.add_parser(
        "sql", help="run a read-only SQL query on the published snapshot (never blocks a run) and print it"
    )
    sql.add_argument("query", help='e.g. "SELECT * FROM marts.coverage_summary"')
    shell = commands.add_parser("shell", help="interactive read-only SQL prompt on the published snapshot")
    for command in (sql, shell):
        command.add_argument("--warehouse", help="DuckDB file (default: warehouse/presswatch.duckdb)")
    report = commands.add_parser("report", help="write the self-contained HTML coverage and quality report")
    report.add_argument("--warehouse", help="DuckDB file (default: warehouse/presswatch.duckdb)")
    report.add_argument("--reports", help="folder to write report.html and runs/ into (default: reports/)")
    report.add_argument("--run", metavar="RUN_ID", help="run to report (default: the latest run)")
    add_profile_parser(commands)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, found {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, found {value}")
    return value


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _check_config(config: Settings) -> list[str]:
    """Every problem in the sources file and the profile (both checked in full), before the orchestrator
    starts; one line each, naming the file, table and key."""
    from sources.config import SourcesError, load_config
    from transforms.profile import ProfileError, parse_event_profile

    problems: list[str] = []
    try:
        load_config(config.sources_file)
    except SourcesError as exc:
        problems += str(exc).splitlines()
    try:
        parse_event_profile(config.event_file.read_text(encoding="utf-8"), source=str(config.event_file))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{config.event_file}: cannot read event profile: {exc}")
    except ProfileError as exc:
        problems += str(exc).splitlines()
    return problems


def _checked_settings(args: argparse.Namespace) -> Settings | None:
    """The run's settings, or None (after listing why) when the sources file or profile is unusable."""
    config = resolve_settings(
        args.sources, args.event, args.warehouse, args.reports, args.max_bytes,
        getattr(args, "workers", None), getattr(args, "dask", None), getattr(args, "wait", None),
    )  # fmt: skip
    problems = _check_config(config)
    if problems:
        count = "a configuration error" if len(problems) == 1 else f"{len(problems)} configuration errors"
        print(f"presswatch: {count}; nothing was started:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return None
    return config


def _run(args: argparse.Namespace) -> int:
    config = _checked_settings(args)
    if config is None:
        return EXIT_ERROR
    if config.dask_address and not os.environ.get("PREFECT_API_URL"):
        # The run's own temporary API lives and dies with this process: workers elsewhere cannot use it.
        print(
            "presswatch: --dask needs a Prefect server the Dask workers can reach: set PREFECT_API_URL "
            "(here and on the workers); nothing was run",
            file=sys.stderr,
        )
        return EXIT_ERROR
    from runtime.prefect_server import ServerStartError, start_run_prefect_api

    # Before the flows are imported: they must see the run's Prefect API, whose server boots meanwhile.
    wait_for_api = start_run_prefect_api()

    from flows.ingest import backfill, ingest, reprocess
    from pipeline.run import settings_for
    from runtime.progress import terminal_progress
    from warehouse.connection import WarehouseBusyError

    settings = settings_for(config)
    if args.command == "backfill" and args.until < args.since:
        print("presswatch: --until is before --since", file=sys.stderr)
        return EXIT_ERROR
    try:
        wait_for_api()
    except ServerStartError as exc:
        print(f"presswatch: {exc}; nothing was run", file=sys.stderr)
        return EXIT_ERROR
    try:
        with terminal_progress():
            if args.command == "backfill":
                summary = backfill(settings, args.since, args.until)
            else:
                summary = (reprocess if args.command == "reprocess" else ingest)(settings)
    except WarehouseBusyError as exc:
        print(f"presswatch: {exc}", file=sys.stderr)
        return EXIT_BUSY
    except Exception as exc:
        print(f"presswatch: run {settings.run_id} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("  the previous publication is untouched; see ops.runs for the record", file=sys.stderr)
        return EXIT_ERROR
    print_run_summary(summary)
    if summary.status == RunStatus.BLOCKED:
        print(
            "presswatch: quality gate failed: nothing was published; the previous publication is intact.",
            file=sys.stderr,
        )
        return EXIT_BLOCKED
    return EXIT_OK


def _demo_site(args: argparse.Namespace) -> int:
    from demo.site import DemoSite, serve, write_sources_file
    from runtime.settings import PROJECT_ROOT

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
    if args.command in ("run", "reprocess", "backfill"):
        return _run(args)
    if args.command == "serve":
        from presswatch.serve_command import serve_command

        config = _checked_settings(args)
        return EXIT_ERROR if config is None else serve_command(args, config)
    if args.command == "shell":
        return shell_command(args)
    if args.command == "demo-site":
        return _demo_site(args)
    if args.command == "sql":
        return sql_command(args)
    if args.command == "report":
        return report_command(args)
    if args.command == "profile":
        return profile_command(args)
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
