"""Everything a run is configured with, resolved once into one frozen :class:`Settings`.

Precedence: command-line flags, then environment variables (``PRESSWATCH_SOURCES``,
``PRESSWATCH_EVENT``, ``PRESSWATCH_WAREHOUSE``, ``PRESSWATCH_REPORTS``, ``PRESSWATCH_MAX_BYTES``,
``PRESSWATCH_WORKERS``, ``PRESSWATCH_DASK``),
then defaults that run offline on the bundled seeds.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from transforms.limits import MAX_PAYLOAD_BYTES

__all__ = ["DEFAULT_LOCK_WAIT_SECONDS", "DEFAULT_MAX_BYTES", "PROJECT_ROOT", "Settings", "resolve_settings"]

DEFAULT_MAX_BYTES = MAX_PAYLOAD_BYTES
DEFAULT_LOCK_WAIT_SECONDS = 60.0


def _project_root() -> Path:
    # A source checkout (the usual install is editable) keeps seeds/ beside the packages;
    # otherwise work relative to the current directory.
    checkout = Path(__file__).resolve().parents[1]
    return checkout if (checkout / "seeds" / "sources.toml").is_file() else Path.cwd()


PROJECT_ROOT = _project_root()


@dataclass(frozen=True)
class Settings:
    """A run's configuration: absolute locations, limits and where extraction runs.

    Built once (:func:`resolve_settings`) by the command line or a scheduled flow and passed down
    unchanged; :meth:`as_parameters` is its JSON form for Prefect deployments, which
    :func:`resolve_settings` takes back as keyword arguments.
    """

    sources_file: Path
    event_file: Path
    warehouse: Path
    reports_dir: Path
    max_bytes: int
    workers: int | None = None  # extraction worker processes; None: one per CPU available
    dask_address: str | None = None  # Dask scheduler to extract on instead (tcp://host:port)
    lock_wait_seconds: float = DEFAULT_LOCK_WAIT_SECONDS  # how long to wait while another run writes

    def as_parameters(self) -> dict[str, object]:
        """JSON-friendly keyword arguments of :func:`resolve_settings` that give these settings back."""
        return {
            "sources": str(self.sources_file),
            "event": str(self.event_file),
            "warehouse": str(self.warehouse),
            "reports": str(self.reports_dir),
            "max_bytes": self.max_bytes,
            "workers": self.workers,
            "dask_address": self.dask_address,
            "lock_wait_seconds": self.lock_wait_seconds,
        }


def _pick(flag: str | Path | None, env: str, default: Path) -> Path:
    value = flag or os.environ.get(env) or default
    return Path(value).expanduser().resolve()


def resolve_settings(
    sources: str | Path | None = None,
    event: str | Path | None = None,
    warehouse: str | Path | None = None,
    reports: str | Path | None = None,
    max_bytes: int | None = None,
    workers: int | None = None,
    dask_address: str | None = None,
    lock_wait_seconds: float | None = None,
) -> Settings:
    """Resolve every setting from flags (these arguments), then the environment, then defaults."""
    env_workers = os.environ.get("PRESSWATCH_WORKERS", "").strip()
    return Settings(
        sources_file=_pick(sources, "PRESSWATCH_SOURCES", PROJECT_ROOT / "seeds" / "sources.toml"),
        event_file=_pick(event, "PRESSWATCH_EVENT", PROJECT_ROOT / "seeds" / "event.toml"),
        warehouse=_pick(warehouse, "PRESSWATCH_WAREHOUSE", PROJECT_ROOT / "warehouse" / "presswatch.duckdb"),
        reports_dir=_pick(reports, "PRESSWATCH_REPORTS", PROJECT_ROOT / "reports"),
        max_bytes=max_bytes or int(os.environ.get("PRESSWATCH_MAX_BYTES", DEFAULT_MAX_BYTES)),
        workers=workers or (max(1, int(env_workers)) if env_workers.isdigit() else None),
        dask_address=dask_address or os.environ.get("PRESSWATCH_DASK") or None,
        lock_wait_seconds=DEFAULT_LOCK_WAIT_SECONDS if lock_wait_seconds is None else lock_wait_seconds,
    )
