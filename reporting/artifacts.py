"""Prefect artifacts for a flow run: what a person scanning the Prefect UI needs to know.

Three artifacts per run, built from the same :class:`~warehouse.report_queries.ReportData` as the
HTML report: a table of coverage by outlet (the publication the marts hold now), a markdown note
of the quality gate and the item accounting, and a link to the run's HTML report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast
from uuid import UUID

import pandas as pd

from warehouse.outcomes import RunStatus
from warehouse.report_queries import ReportData

__all__ = ["ARTIFACT_KEYS", "coverage_rows", "create_run_artifacts", "quality_markdown"]

# Keys group the artifacts of successive runs in the UI's artifact history (lowercase and dashes only).
ARTIFACT_KEYS = {
    "coverage": "presswatch-coverage-by-outlet",
    "quality": "presswatch-quality-and-accounting",
    "report": "presswatch-coverage-report",
}
_MAX_LISTED = 20


def _plain(value: object) -> Any:
    """JSON-friendly cell values (artifacts are stored as JSON by the Prefect API)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if hasattr(value, "tolist"):  # numpy arrays from list columns
        return ", ".join(str(v) for v in value.tolist())
    return str(value)


def coverage_rows(data: ReportData) -> list[dict[str, Any]]:
    """Coverage by outlet as table rows: articles, words, dated articles, date span, top topics."""
    frame = data.by_source
    if frame.empty:
        return []
    columns = ["source_label", "articles", "words", "dated_articles", "first_published", "last_published",
               "top_topics"]  # fmt: skip
    present = [c for c in columns if c in frame.columns]
    return [{c: _plain(row[c]) for c in present} for _, row in frame.iterrows()]


def _escape(text: object) -> str:
    """Markdown-safe one-line text (table cells and list items)."""
    return " ".join(str(text).split()).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _table(frame: pd.DataFrame, columns: list[str]) -> list[str]:
    present = [c for c in columns if c in frame.columns]
    lines = ["| " + " | ".join(present) + " |", "|" + "---|" * len(present)]
    for _, row in frame.head(_MAX_LISTED).iterrows():
        lines.append("| " + " | ".join(_escape(_plain(row[c]) if row[c] is not None else "") for c in present)
                     + " |")  # fmt: skip
    if len(frame) > _MAX_LISTED:
        lines.append(f"\n… and {len(frame) - _MAX_LISTED} more")
    return lines


def _headline(data: ReportData) -> list[str]:
    run = data.run
    if run is None:
        return ["# presswatch: no run recorded yet"]
    status = run.status.upper()
    lines = [f"# presswatch run `{run.run_id}`: {status}", "", _escape(run.message or "")]
    publication = data.publication
    if run.status in (RunStatus.BLOCKED, RunStatus.FAILED):
        lines += ["", "**Nothing from this run was published.**"]
        if publication is not None:
            lines.append(f"The marts still hold the previous publication: run `{publication.run_id}`, "
                         f"published {publication.published_at} UTC (untouched).")  # fmt: skip
        else:
            lines.append("No publication exists yet.")
    elif run.status == RunStatus.UNCHANGED and publication is not None:
        lines += ["", f"Nothing new: the publication of run `{publication.run_id}` is kept."]
    return lines


def quality_markdown(data: ReportData, report_path: str | None = None) -> str:
    """The run's quality gate result and item accounting as markdown."""
    lines = _headline(data)
    if data.run is not None and data.run.items:
        total = sum(data.run.items.values())
        lines += ["", f"## Items: {total}", "", "| outcome | items |", "|---|---|"]
        lines += [f"| {_escape(k)} | {v} |" for k, v in sorted(data.run.items.items(), key=lambda kv: -kv[1])]
    lines += ["", "## Quality gate"]
    if data.validations.empty:
        lines += ["", "No suite was validated."]
    else:
        checks = data.validations
        failed = checks[~checks["success"].astype(bool)]
        label = "" if data.quality_run_id == (data.run.run_id if data.run else None) else (
            f" (checks of run `{data.quality_run_id}`, which built the publication)"
        )
        # Two tiers: a run that published after quarantining the rows of failed row-level expectations
        # passed the gate (its last validation of staging passed); a blocked one did not.
        published = data.run is not None and data.run.status in ("published", "unchanged")
        verdict = "PASSED" if failed.empty or published else "FAILED"
        if not failed.empty and published:
            verdict += " (failing rows quarantined, the rest re-validated)"
        passed = len(checks) - len(failed)
        lines += ["", f"**{verdict}**: {passed} of {len(checks)} suites passed{label}.", ""]
        lines += _table(checks, ["table_name", "row_count", "expectations", "failed", "success"])
    if not data.failed_expectations.empty:
        lines += ["", "### Failed expectations", ""]
        lines += _table(data.failed_expectations, ["suite", "expectation", "tier", "column_name",
                                                   "unexpected_count", "message"])  # fmt: skip
    if not data.quarantine.empty:
        lines += ["", f"### Quarantined articles ({len(data.quarantine)})", ""]
        lines += _table(data.quarantine, ["article_id", "title", "origin", "reasons"])
    links = []
    if report_path:
        links.append(f"HTML report: `{report_path}`")
    if data.data_docs:
        links.append(f"Great Expectations Data Docs: `{data.data_docs}`")
    if links:
        lines += ["", *links]
    return "\n".join(lines) + "\n"


def create_run_artifacts(data: ReportData, report_path: Path | None) -> dict[str, UUID]:
    """Create the run's artifacts in the current Prefect flow run; returns their ids by kind."""
    from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact

    run_id = data.run.run_id if data.run else "-"
    created: dict[str, UUID] = {}  # in a synchronous flow the create_* calls return the id, not a coroutine
    publication = data.publication
    described = f"publication of run {publication.run_id}" if publication else "nothing published yet"
    created["coverage"] = cast(UUID, create_table_artifact(
        table=coverage_rows(data),
        key=ARTIFACT_KEYS["coverage"],
        description=f"Coverage by outlet after run {run_id} ({described}).",
    ))
    created["quality"] = cast(UUID, create_markdown_artifact(
        markdown=quality_markdown(data, str(report_path) if report_path else None),
        key=ARTIFACT_KEYS["quality"],
        description=f"Quality gate and item accounting of run {run_id}.",
    ))
    if report_path is not None:
        created["report"] = cast(UUID, create_link_artifact(
            link=Path(report_path).resolve().as_uri(),
            link_text=f"Coverage report of run {run_id}",
            key=ARTIFACT_KEYS["report"],
            description="Self-contained HTML report (charts work offline).",
        ))
    return created
