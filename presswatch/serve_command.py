"""``presswatch serve``: the ingestion flow on a schedule, against a Prefect server."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys

from presswatch.exit_codes import EXIT_ERROR, EXIT_OK
from presswatch.run_summary import relative
from runtime.settings import Settings

__all__ = ["schedule_problem", "serve_command"]


def serve_command(args: argparse.Namespace, config: Settings) -> int:
    """Serve the scheduled flow until Ctrl-C (starting a local Prefect server when none is configured)."""
    from flows.scheduled import serve_schedule

    parameters = config.as_parameters()  # resolved here, so a scheduled run uses exactly these
    cron = None if args.interval else (args.cron or "0 * * * *")
    problem = schedule_problem(cron, args.interval)
    if problem:
        print(f"presswatch serve: {problem}", file=sys.stderr)
        return EXIT_ERROR
    code = EXIT_OK
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how a served schedule is stopped
        if os.environ.get("PREFECT_API_URL"):
            serve_schedule(cron=cron, interval_seconds=args.interval, parameters=parameters)
        else:
            code = _serve_with_local_server(args.port, config, cron, args.interval, parameters)
    return code


def schedule_problem(cron: str | None, interval: float | None) -> str | None:
    """Why the schedule cannot be used, checked before any server starts; None when it can."""
    if interval is not None:
        return None if interval > 0 else f"--interval must be positive, not {interval:g}"
    from prefect.client.schemas.schedules import CronSchedule
    from pydantic import ValidationError

    try:
        CronSchedule(cron=cron or "")
    except ValidationError as exc:
        reason = exc.errors()[0].get("msg", str(exc)).removeprefix("Value error, ")
        return f"invalid --cron: {reason}"
    return None


def _serve_with_local_server(
    port: int, config: Settings, cron: str | None, interval: float | None, parameters: dict[str, object]
) -> int:
    """Start a Prefect server on loopback (a temporary one cannot schedule), then serve against it."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.scheduled import serve_schedule
    from runtime.prefect_server import ServerStartError, local_prefect_server

    log_file = config.reports_dir / "prefect-server.log"
    print(f"presswatch: starting a Prefect server on http://127.0.0.1:{port} (log: {relative(log_file)})")
    try:
        with local_prefect_server(port, log_file) as api_url:
            os.environ["PREFECT_API_URL"] = api_url  # flow runs started by the runner inherit it
            print(f"presswatch: Prefect UI on http://127.0.0.1:{port}; Ctrl-C stops schedule and server")
            with temporary_settings({PREFECT_API_URL: api_url}):
                serve_schedule(cron=cron, interval_seconds=interval, parameters=parameters)
    except ServerStartError as exc:
        print(f"presswatch serve: {exc}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK
