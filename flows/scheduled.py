"""The flow a schedule runs: plain, JSON-friendly parameters in, one ingestion run out.

Deployments (``prefect.yaml``, ``presswatch serve``) point at :func:`scheduled_run`. Its parameters
are :func:`runtime.settings.resolve_settings`'s arguments (``presswatch serve`` passes
``Settings.as_parameters()``, resolved once); one left out (``None``) is resolved where the run
happens, from the worker's environment or the default, as the command line would. The ingestion flow
runs as a subflow, so each scheduled run leaves the same record, report and artifacts as a run
started by hand.
"""

from __future__ import annotations

from prefect import flow

from flows.ingest import ingest
from pipeline.run import settings_for
from runtime.settings import resolve_settings

__all__ = ["DEPLOYMENT_NAME", "scheduled_run", "serve_schedule"]

DEPLOYMENT_NAME = "presswatch-scheduled"


@flow(name="presswatch-scheduled")
def scheduled_run(
    sources: str | None = None,
    event: str | None = None,
    warehouse: str | None = None,
    reports: str | None = None,
    max_bytes: int | None = None,
    workers: int | None = None,
    dask_address: str | None = None,
    lock_wait_seconds: float | None = None,
) -> dict[str, object]:
    """Run the pipeline once on the given (or default) sources, event profile and warehouse."""
    settings = resolve_settings(
        sources, event, warehouse, reports, max_bytes, workers, dask_address, lock_wait_seconds
    )
    return ingest(settings_for(settings)).as_dict()


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
