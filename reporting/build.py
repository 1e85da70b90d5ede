"""Writing the coverage report: read the warehouse, draw, render, and write the files atomically.

Layout under ``reports_dir``::

    report.html           the report written last (a copy of the newest runs/ file)
    runs/<run_id>.html    one per reported run; only the newest :data:`KEEP_RUN_REPORTS` are kept
"""

from __future__ import annotations

import os
import re
import tempfile
import urllib.parse
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reporting import charts
from reporting.html import render_report
from warehouse.connection import open_read_only
from warehouse.report_queries import ReportData, UnknownRunError, load_report_data

__all__ = ["KEEP_RUN_REPORTS", "ReportFiles", "UnknownRunError", "write_report", "write_report_files"]

KEEP_RUN_REPORTS = 10
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")


def write_report(warehouse: str | Path, reports_dir: str | Path, run_id: str | None = None) -> Path:
    """Write the self-contained HTML report of ``run_id`` (default: the latest run); return report.html.

    Writes ``<reports_dir>/runs/<run_id>.html`` and ``<reports_dir>/report.html``, each atomically,
    and prunes ``runs/`` to the newest :data:`KEEP_RUN_REPORTS` files. The warehouse is opened
    read-only. Raises FileNotFoundError when the warehouse does not exist and
    :class:`UnknownRunError` when ``run_id`` is not a recorded run; odd or empty data never raises.
    """
    with open_read_only(warehouse) as con:
        data = load_report_data(con, run_id)
    return write_report_files(data, reports_dir).latest


@dataclass(frozen=True)
class ReportFiles:
    """The files one report was written to: ``report.html`` and the run's own copy (if a run exists)."""

    latest: Path
    run_file: Path | None


def write_report_files(data: ReportData, reports_dir: str | Path) -> ReportFiles:
    """Render ``data`` and write ``report.html`` and ``runs/<run_id>.html`` atomically; prune runs/."""
    figures = {
        "daily": charts.coverage_daily_figure(data.daily),
        "topics": charts.topic_heatmap_figure(data.topics),
        "entities": charts.top_entities_figure(data.entities),
    }
    generated_at = datetime.now(UTC)
    reports = Path(reports_dir)
    runs_dir = reports / "runs"
    run_file: Path | None = None
    if data.run is not None:
        run_file = runs_dir / f"{_UNSAFE_NAME.sub('_', data.run.run_id)}.html"
        _write_atomic(run_file, _page(data, figures, run_file, generated_at))
    latest = reports / "report.html"
    # Rendered again rather than copied: the Data Docs link is relative to each file's folder.
    _write_atomic(latest, _page(data, figures, latest, generated_at))
    _prune(runs_dir, keep=KEEP_RUN_REPORTS, protect=run_file)
    return ReportFiles(latest, run_file)


def _page(data: ReportData, figures: dict, target: Path, generated_at: datetime) -> str:
    return render_report(
        data, figures, data_docs_href=_relative_href(data.data_docs, target.parent), generated_at=generated_at
    )


def _relative_href(path: str | None, start: Path) -> str | None:
    """A link to ``path`` relative to ``start``, so the reports folder can be moved as a whole."""
    if not path:
        return None
    try:
        relative = os.path.relpath(Path(path).resolve(), start.resolve())
    except ValueError:  # another drive (Windows): no relative form exists
        return Path(path).resolve().as_uri()
    return urllib.parse.quote(Path(relative).as_posix())


def _write_atomic(target: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``target``, then rename it over ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)  # mkstemp makes it private; a report is meant to be shared
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _prune(runs_dir: Path, *, keep: int, protect: Path | None) -> list[Path]:
    """Delete all but the ``keep`` newest reports in ``runs_dir`` (never ``protect``); return the deleted."""
    if not runs_dir.is_dir():
        return []
    files = [p for p in runs_dir.glob("*.html") if p.is_file() and not p.name.startswith(".")]
    # Newest by modification time; the name (run ids start with a UTC timestamp) breaks ties.
    files.sort(key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)
    removed = [p for p in files[keep:] if protect is None or p != protect]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed
