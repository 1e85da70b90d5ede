"""The last step of every run: the HTML coverage report and the flow run's Prefect artifacts.

Reporting reads the warehouse only. It runs after the run's record is closed, so the report shows
the run's final status; a reporting problem is logged and returned, never turned into a failed run
(the data it would describe is already committed, or deliberately not).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from pipeline.run import RunSettings

__all__ = ["ReportOutcome", "report_run"]

logger = logging.getLogger(__name__)


@dataclass
class ReportOutcome:
    """Where the report went (None if it could not be written), the artifacts made, and any problem."""

    report: str | None
    run_report: str | None
    artifacts: dict[str, str]
    problems: list[str]


def report_run(settings: RunSettings) -> ReportOutcome:
    """Write the run's HTML report and its Prefect artifacts (one read of the data for both)."""
    from reporting.artifacts import create_run_artifacts
    from reporting.build import write_report_files
    from warehouse.connection import open_read_only
    from warehouse.report_queries import load_report_data

    outcome = ReportOutcome(None, None, {}, [])
    try:
        with open_read_only(settings.warehouse) as con:
            data = load_report_data(con, settings.run_id)
    except Exception as exc:  # a report must never undo or fail a finished run
        logger.warning("run %s: report data not read: %s", settings.run_id, exc)
        outcome.problems.append(f"report not written: {type(exc).__name__}: {exc}")
        return outcome
    try:
        files = write_report_files(data, settings.reports_dir)
        outcome.report = str(files.latest)
        outcome.run_report = str(files.run_file or files.latest)
    except Exception as exc:
        logger.warning("run %s: report not written: %s", settings.run_id, exc)
        outcome.problems.append(f"report not written: {type(exc).__name__}: {exc}")
    try:
        link = Path(outcome.run_report) if outcome.run_report else None
        outcome.artifacts = {k: str(v) for k, v in create_run_artifacts(data, link).items()}
    except Exception as exc:
        logger.warning("run %s: Prefect artifacts not created: %s", settings.run_id, exc)
        outcome.problems.append(f"artifacts not created: {type(exc).__name__}: {exc}")
    return outcome
