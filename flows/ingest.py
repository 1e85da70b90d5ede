"""The flows: ingest (discover -> load/fetch -> stage -> enrich -> audit -> publish -> account) and
reprocess (the same from the raw archive, without reading any source).

Tasks are thin wrappers over :mod:`pipeline.steps` and :mod:`pipeline.publishing`; they receive paths
and ids only. The flow records how the run ended even when a step fails, then re-raises so the
orchestrator marks the run failed; how long each step took goes to ``ops.run_steps``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from pipeline import publishing, report_step, steps, web_steps
from pipeline.run import RunSettings
from pipeline.stage import StageReport
from warehouse.outcomes import RunStatus
from warehouse.run_lock import exclusive_run

__all__ = ["RunSummary", "backfill", "ingest", "reprocess"]

# Writes to the warehouse must run every time: no result caching on any task.
_TASK_OPTIONS: dict[str, Any] = {"cache_policy": NO_CACHE, "persist_result": False}


@dataclass
class RunSummary:
    """What a run did, for the command line and for the flow's return value."""

    run_id: str
    status: str
    message: str
    items: dict[str, int]
    articles_staged_now: int
    quarantined: dict[str, str]
    published_rows: dict[str, int]
    failures: list[str]
    warehouse: str
    data_docs: str | None
    flow_run_id: str | None = None
    report: str | None = None
    report_problems: list[str] = field(default_factory=list)
    details: dict[str, object] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        """Plain-dict form (JSON-friendly)."""
        return asdict(self)


prepare_task = task(name="prepare", **_TASK_OPTIONS)(steps.prepare)
discover_links_task = task(name="discover-web-links", **_TASK_OPTIONS)(web_steps.discover_links)
fetch_and_stage_task = task(name="fetch-extract-and-stage", **_TASK_OPTIONS)(steps.fetch_and_stage)
reprocess_task = task(name="collect-archive", **_TASK_OPTIONS)(steps.collect_archive)
discover_task = task(name="discover", **_TASK_OPTIONS)(steps.discover)
load_task = task(name="load", retries=1, retry_delay_seconds=2, **_TASK_OPTIONS)(steps.load)
stage_task = task(name="extract-and-stage", **_TASK_OPTIONS)(steps.stage)
enrich_task = task(name="refresh-enrichment", **_TASK_OPTIONS)(steps.enrich_stale)
changed_task = task(name="staging-changed", **_TASK_OPTIONS)(publishing.staging_changed)
audit_task = task(name="audit-staging", **_TASK_OPTIONS)(publishing.audit_staging)
publish_task = task(name="build-audit-publish-marts", **_TASK_OPTIONS)(publishing.publish_if_valid)
finish_task = task(name="finish", **_TASK_OPTIONS)(publishing.finish)
report_task = task(name="report", **_TASK_OPTIONS)(report_step.report_run)


class _StepClock:
    """Calls the flow's tasks and notes how long each took, for ``ops.run_steps``."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, float]] = []

    def __call__(self, step: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return step(*args, **kwargs)
        finally:
            self.steps.append(
                (getattr(step, "name", getattr(step, "__name__", "step")), time.perf_counter() - started)
            )


Collector = Callable[[RunSettings, _StepClock], StageReport]


@dataclass
class _Ending:
    status: str
    message: str
    quarantined: dict[str, str]
    report: publishing.PublishReport | None


def _audit_and_publish(settings: RunSettings, clock: _StepClock) -> _Ending:
    """Shared tail of every flow: refresh enrichment, then gate and publish if staging changed."""
    clock(enrich_task, settings)
    changed, fingerprint = clock(changed_task, settings)
    if not changed:
        return _Ending(RunStatus.UNCHANGED, "nothing changed since the last publication", {}, None)
    gate = clock(audit_task, settings)
    taken_out = _quarantine_note(gate.quarantined)
    if gate.nothing_staged:
        message = "nothing staged to publish and nothing published yet" + taken_out
        return _Ending(RunStatus.UNCHANGED, message, gate.quarantined, None)
    if not gate.success:
        report = publishing.PublishReport(RunStatus.BLOCKED, failed=gate.failed, data_docs=gate.data_docs)
        message = "quality gate failed on staging.articles; previous publication kept"
        return _Ending(RunStatus.BLOCKED, message, gate.quarantined, report)
    if gate.quarantined:  # staging lost rows: it may now be what is published, and its fingerprint moved
        changed, fingerprint = clock(changed_task, settings)
        if not changed:
            return _Ending(RunStatus.UNCHANGED, "nothing new to publish" + taken_out, gate.quarantined, None)
    report = clock(publish_task, settings, gate, fingerprint)
    if report.status == RunStatus.PUBLISHED:
        return _Ending(RunStatus.PUBLISHED, "published all marts" + taken_out, gate.quarantined, report)
    message = "quality gate failed on candidate marts; previous publication kept"
    return _Ending(report.status, message, gate.quarantined, report)


def _quarantine_note(quarantined: dict[str, str]) -> str:
    count = len(quarantined)
    return (
        f"; {count} article{'s' if count != 1 else ''} quarantined by row-level expectations" if count else ""
    )


def _run(settings: RunSettings, collect: Collector) -> RunSummary:
    """Hold the warehouse's writer lock for the whole run (a second run waits, then gives up)."""
    with exclusive_run(settings.warehouse, settings.run_id, wait_seconds=settings.lock_wait_seconds):
        return _locked_run(settings, collect)


def _locked_run(settings: RunSettings, collect: Collector) -> RunSummary:
    """Prepare, collect pending payloads, stage them, audit and publish; always record the ending."""
    logger = get_run_logger()
    flow_run_id = str(flow_run.get_id()) if flow_run.get_id() else None
    clock = _StepClock()
    clock(prepare_task, settings, flow_run_id)
    try:
        staged_now = len(collect(settings, clock).staged)
        ending = _audit_and_publish(settings, clock)
    except Exception as exc:
        logger.error("run %s failed: %s", settings.run_id, exc)
        message = f"{type(exc).__name__}: {exc}"
        finish_task(
            settings, status=RunStatus.FAILED, message=message, quarantined={}, extra={}, steps=clock.steps
        )
        report_task(settings)  # the report of a failed run shows the publication it left untouched
        raise
    report = ending.report
    published_rows = report.row_counts if report else {}
    items = finish_task(
        settings,
        status=ending.status,
        message=ending.message,
        quarantined=ending.quarantined,
        extra={"published_rows": published_rows},
        steps=clock.steps,
    )
    logger.info("run %s %s: %s; items %s", settings.run_id, ending.status, ending.message, items)
    reported = report_task(settings)
    return RunSummary(
        run_id=settings.run_id,
        status=ending.status,
        message=ending.message,
        items=items,
        articles_staged_now=staged_now,
        quarantined=ending.quarantined,
        published_rows=published_rows,
        failures=report.failed if report else [],
        warehouse=settings.warehouse,
        data_docs=report.data_docs if report else None,
        flow_run_id=flow_run_id,
        report=reported.report,
        report_problems=reported.problems,
    )


def _collect_new(settings: RunSettings, clock: _StepClock) -> StageReport:
    """Stage the files of local sources and the web pages that are new since the last run."""
    files = clock(load_task, settings, clock(discover_task, settings))
    links = clock(discover_links_task, settings)
    return clock(fetch_and_stage_task, settings, links, files)


def _collect_archive(window: tuple[date, date] | None) -> Collector:
    """Stage again what the raw archive holds (all of it, or what falls in ``window``)."""
    return lambda s, clock: clock(stage_task, s, clock(reprocess_task, s, window))


@flow(name="presswatch-ingest", validate_parameters=False)
def ingest(settings: RunSettings) -> RunSummary:
    """Run the pipeline once over every configured source and publish the marts if they pass the gate."""
    return _run(settings, _collect_new)


@flow(name="presswatch-reprocess", validate_parameters=False)
def reprocess(settings: RunSettings) -> RunSummary:
    """Re-derive staging and the marts from the raw archive alone (no source is read, no network)."""
    return _run(settings, _collect_archive(None))


@flow(name="presswatch-backfill", validate_parameters=False)
def backfill(settings: RunSettings, since: date, until: date) -> RunSummary:
    """Re-derive from the raw archive the items captured or published between ``since`` and ``until``."""
    return _run(settings, _collect_archive((since, until)))
