"""The flow a schedule runs: plain, JSON-friendly parameters in, one ingestion run out.

Deployments (``prefect.yaml``, ``presswatch serve``) point at :func:`scheduled_run`; it resolves
its parameters like the command line does (empty means the environment or the default) and runs
the ingestion flow as a subflow, so each scheduled run leaves the same record, report and artifacts
as a run started by hand.
"""

from __future__ import annotations

from prefect import flow

from flows.ingest import ingest
from pipeline.run import settings_for
from runtime.settings import resolve_paths

__all__ = ["DEPLOYMENT_NAME", "scheduled_run", "serve_schedule"]

DEPLOYMENT_NAME = "presswatch-scheduled"


@flow(name="presswatch-scheduled")
def scheduled_run(
    sources: str = "",
    event: str = "",
    warehouse: str = "",
    reports: str = "",
    max_bytes: int = 0,
    lock_wait_seconds: float = 60.0,
    workers: int = 0,
) -> dict[str, object]:
    """Run the pipeline once on the given (or default) sources, event profile and warehouse."""
    paths = resolve_paths(
        sources or None, event or None, warehouse or None, reports or None, max_bytes or None, workers or None
    )
    return ingest(settings_for(paths, lock_wait_seconds=lock_wait_seconds)).as_dict()


def serve_schedule(
    *,
    cron: str | None,
    interval_seconds: float | None,
    parameters: dict[str, object],
    name: str = DEPLOYMENT_NAME,
) -> None:
    """Serve :func:`scheduled_run` on a schedule until interrupted (blocks; Ctrl-C stops it)."""
    scheduled_run.serve(
        name=name,
        cron=cron,
        interval=interval_seconds,
        parameters=parameters,
        description="presswatch: fetch, check and publish coverage of the configured event.",
        tags=["presswatch"],
        pause_on_shutdown=False,
        limit=1,  # one run at a time from this server; the warehouse lock guards against others
    )
