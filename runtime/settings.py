"""Where presswatch finds its inputs and writes its outputs, in one place.

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

__all__ = ["DEFAULT_MAX_BYTES", "PROJECT_ROOT", "Paths", "resolve_paths"]

DEFAULT_MAX_BYTES = MAX_PAYLOAD_BYTES


def _project_root() -> Path:
    # A source checkout (the usual install is editable) keeps seeds/ beside the packages;
    # otherwise work relative to the current directory.
    checkout = Path(__file__).resolve().parents[1]
    return checkout if (checkout / "seeds" / "sources.toml").is_file() else Path.cwd()


PROJECT_ROOT = _project_root()


@dataclass(frozen=True)
class Paths:
    """Resolved, absolute locations for one run."""

    sources_file: Path
    event_file: Path
    warehouse: Path
    reports_dir: Path
    max_bytes: int
    workers: int | None = None  # extraction worker processes; None: one per CPU available
    dask_address: str | None = None  # Dask scheduler to extract on instead (tcp://host:port)


def _pick(flag: str | Path | None, env: str, default: Path) -> Path:
    value = flag or os.environ.get(env) or default
    return Path(value).expanduser().resolve()


def resolve_paths(
    sources: str | Path | None = None,
    event: str | Path | None = None,
    warehouse: str | Path | None = None,
    reports: str | Path | None = None,
    max_bytes: int | None = None,
    workers: int | None = None,
    dask_address: str | None = None,
) -> Paths:
    """Resolve every location from flags, environment and defaults."""
    env_workers = os.environ.get("PRESSWATCH_WORKERS", "").strip()
    return Paths(
        sources_file=_pick(sources, "PRESSWATCH_SOURCES", PROJECT_ROOT / "seeds" / "sources.toml"),
        event_file=_pick(event, "PRESSWATCH_EVENT", PROJECT_ROOT / "seeds" / "event.toml"),
        warehouse=_pick(warehouse, "PRESSWATCH_WAREHOUSE", PROJECT_ROOT / "warehouse" / "presswatch.duckdb"),
        reports_dir=_pick(reports, "PRESSWATCH_REPORTS", PROJECT_ROOT / "reports"),
        max_bytes=max_bytes or int(os.environ.get("PRESSWATCH_MAX_BYTES", DEFAULT_MAX_BYTES)),
        workers=workers or (max(1, int(env_workers)) if env_workers.isdigit() else None),
        dask_address=dask_address or os.environ.get("PRESSWATCH_DASK") or None,
    )
