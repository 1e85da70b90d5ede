"""One run's settings and identity, shared by every step of the run."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipeline.stream import DEFAULT_BATCH_SIZE, EXTRACTION_TIMEOUT
from runtime.settings import DEFAULT_LOCK_WAIT_SECONDS, DEFAULT_MAX_BYTES, Settings

__all__ = ["AWAITING_PUBLICATION", "RunSettings", "new_run_id", "settings_for", "utc_now"]

#: Detail of a ``staged`` outcome carried over from a run that did not publish.
AWAITING_PUBLICATION = "unchanged; awaiting publication"


@dataclass(frozen=True)
class RunSettings:
    """Everything a run needs to know, as plain values (safe to pass to tasks)."""

    run_id: str
    sources_file: str
    event_file: str
    warehouse: str
    reports_dir: str
    max_bytes: int = DEFAULT_MAX_BYTES
    archive_dir: str | None = None  # WARC files; default: an "archive" folder beside the warehouse
    lock_wait_seconds: float = DEFAULT_LOCK_WAIT_SECONDS  # how long to wait for another run's warehouse lock
    workers: int | None = None  # extraction worker processes; None: one per CPU this process may use
    batch_size: int = DEFAULT_BATCH_SIZE  # payloads extracted and staged together
    extraction_timeout: float = EXTRACTION_TIMEOUT  # seconds one payload may take; then it is rejected
    dask_address: str | None = None  # a Dask scheduler (tcp://host:port) to run extraction on, if any

    @property
    def warc_dir(self) -> Path:
        """Where this run's WARC files go."""
        return Path(self.archive_dir) if self.archive_dir else Path(self.warehouse).parent / "archive"


def utc_now() -> datetime:
    """Current UTC time as a naive timestamp (DuckDB TIMESTAMP columns hold UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


def new_run_id() -> str:
    """A sortable, unique run id: UTC time plus a random suffix."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def settings_for(settings: Settings) -> RunSettings:
    """A new run (fresh run id) with these settings, as plain values a Prefect task can take."""
    return RunSettings(
        run_id=new_run_id(),
        sources_file=str(settings.sources_file),
        event_file=str(settings.event_file),
        warehouse=str(settings.warehouse),
        reports_dir=str(settings.reports_dir),
        max_bytes=settings.max_bytes,
        lock_wait_seconds=settings.lock_wait_seconds,
        workers=settings.workers,
        dask_address=settings.dask_address,
    )
