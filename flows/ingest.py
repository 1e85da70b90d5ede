"""The ingestion flow: discover -> load -> stage -> enrich -> audit -> publish -> account.

Tasks are thin wrappers over :mod:`flows.steps` and :mod:`flows.publishing`; they receive paths
and ids only. The flow records how the run ended even when a step fails, then re-raises so the
orchestrator marks the run failed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from flows import publishing, steps
from flows.steps import RunSettings

__all__ = ["RunSummary", "ingest"]

# Writes to the warehouse must run every time: no result caching on any task.
_TASK_OPTIONS = {"cache_policy": NO_CACHE, "persist_result": False}


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
    details: dict[str, object] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        """Plain-dict form (JSON-friendly)."""
        return asdict(self)


prepare_task = task(name="prepare", **_TASK_OPTIONS)(steps.prepare)
discover_task = task(name="discover", **_TASK_OPTIONS)(steps.discover)
load_task = task(name="load", retries=1, retry_delay_seconds=2, **_TASK_OPTIONS)(steps.load)
stage_task = task(name="extract-and-stage", **_TASK_OPTIONS)(steps.stage)
enrich_task = task(name="refresh-enrichment", **_TASK_OPTIONS)(steps.enrich_stale)
changed_task = task(name="staging-changed", **_TASK_OPTIONS)(publishing.staging_changed)
audit_task = task(name="audit-staging", **_TASK_OPTIONS)(publishing.audit_staging)
publish_task = task(name="build-audit-publish-marts", **_TASK_OPTIONS)(publishing.publish_if_valid)
finish_task = task(name="finish", **_TASK_OPTIONS)(publishing.finish)


@flow(name="presswatch-ingest", validate_parameters=False)
def ingest(settings: RunSettings) -> RunSummary:
    """Run the pipeline once over every configured source and publish the marts if they pass the gate."""
    logger = get_run_logger()
    flow_run_id = str(flow_run.get_id()) if flow_run.get_id() else None
    prepare_task(settings, flow_run_id)
    quarantined: dict[str, str] = {}
    staged_now = 0
    try:
        files = discover_task(settings)
        pending = load_task(settings, files)
        staged_now = len(stage_task(settings, pending).staged)
        enrich_task(settings)
        changed, fingerprint = changed_task(settings)
        if not changed:
            status, message, report = "unchanged", "nothing changed since the last publication", None
        else:
            gate = audit_task(settings)
            quarantined = gate.quarantined
            if not gate.success:
                status = "blocked"
                message = "quality gate failed on staging.articles; previous publication kept"
                report = publishing.PublishReport("blocked", failed=gate.failed, data_docs=gate.data_docs)
            else:
                report = publish_task(settings, gate, fingerprint)
                status = report.status
                message = (
                    "published all marts"
                    if status == "published"
                    else "quality gate failed on candidate marts; previous publication kept"
                )
    except Exception as exc:
        logger.error("run %s failed: %s", settings.run_id, exc)
        finish_task(
            settings, status="failed", message=f"{type(exc).__name__}: {exc}", quarantined={}, extra={}
        )
        raise
    items = finish_task(
        settings,
        status=status,
        message=message,
        quarantined=quarantined,
        extra={"published_rows": report.row_counts if report else {}},
    )
    logger.info("run %s %s: %s; items %s", settings.run_id, status, message, items)
    return RunSummary(
        run_id=settings.run_id,
        status=status,
        message=message,
        items=items,
        articles_staged_now=staged_now,
        quarantined=quarantined,
        published_rows=report.row_counts if report else {},
        failures=report.failed if report else [],
        warehouse=settings.warehouse,
        data_docs=report.data_docs if report else None,
        flow_run_id=flow_run_id,
    )
