"""One writer at a time: a run holds an exclusive lock on ``<warehouse>.lock`` from start to end.

DuckDB's own file lock only covers one open connection, and a run opens many short ones, so two
runs could otherwise interleave their steps. The lock is an ``flock`` on a side file: the kernel
releases it when the holder dies (kill -9 included), so a crash never leaves the warehouse stuck.
The file also says who holds it, for the message the waiting run prints.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from warehouse.connection import WarehouseBusyError

__all__ = ["DEFAULT_WAIT_SECONDS", "exclusive_run", "lock_path"]

DEFAULT_WAIT_SECONDS = 60.0


def lock_path(warehouse: str | Path) -> Path:
    """The side file whose lock marks the warehouse as being written."""
    path = Path(warehouse)
    return path.with_name(path.name + ".lock")


def _holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        info = json.loads(os.read(fd, 4096).decode("utf-8") or "{}")
    except (OSError, ValueError):
        return "another presswatch run"
    return f"run {info.get('run_id', '?')} (pid {info.get('pid', '?')}, started {info.get('since', '?')})"


@contextmanager
def exclusive_run(
    warehouse: str | Path, run_id: str, *, wait_seconds: float = DEFAULT_WAIT_SECONDS
) -> Iterator[None]:
    """Hold the warehouse's writer lock for the block; wait up to ``wait_seconds`` for another run.

    Raises :class:`~warehouse.connection.WarehouseBusyError` naming the holder when the wait runs
    out; nothing has been written by then.
    """
    path = lock_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(0.0, wait_seconds)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseBusyError(
                        f"warehouse {warehouse} is being written by {_holder(fd)}; waited "
                        f"{wait_seconds:.0f} s. Nothing was changed: run again later, or raise --wait."
                    ) from None
                time.sleep(0.2)
        since = datetime.now(UTC).isoformat(timespec="seconds")
        info = {"run_id": run_id, "pid": os.getpid(), "since": since}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode("utf-8"), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
