"""Process-tree helpers for tests, read from Linux /proc (no psutil): who descends from whom, who is left.

A process is identified by (pid, start time) so a pid reused by an unrelated process is never mistaken
for a survivor. A zombie (state Z/X: dead, waiting for its new parent to reap it) counts as gone.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Proc", "descendants", "kill_all", "survivors", "wait_for_descendants"]


@dataclass(frozen=True)
class Proc:
    """One process as /proc showed it."""

    pid: int
    ppid: int
    state: str
    start: int  # clock ticks after boot: with pid, unique for the machine's uptime
    cmdline: str


def _read(pid: int) -> Proc | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    fields = stat.rsplit(")", 1)[1].split()  # after "pid (comm)", which may hold spaces
    return Proc(pid, int(fields[1]), fields[0], int(fields[19]), cmdline.strip())


def _all() -> list[Proc]:
    found = (_read(int(name)) for name in os.listdir("/proc") if name.isdigit())
    return [proc for proc in found if proc is not None]


def descendants(pid: int) -> list[Proc]:
    """Every live process below ``pid`` in the tree (children, grandchildren, ...)."""
    children: dict[int, list[Proc]] = {}
    for proc in _all():
        children.setdefault(proc.ppid, []).append(proc)
    found: list[Proc] = []
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child.pid)
    return found


def wait_for_descendants(pid: int, minimum: int, timeout: float, needle: str = "") -> list[Proc]:
    """Descendants of ``pid`` once at least ``minimum`` of them have ``needle`` in their command line."""
    deadline = time.monotonic() + timeout
    while True:
        found = descendants(pid)
        if sum(needle in proc.cmdline for proc in found) >= minimum or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def survivors(procs: list[Proc], timeout: float) -> list[Proc]:
    """The processes of ``procs`` still running (not zombies) after up to ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        alive = [p for p in procs if (now := _read(p.pid)) and now.start == p.start and now.state not in "ZX"]
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)


def kill_all(procs: list[Proc]) -> None:
    """SIGKILL those of ``procs`` still running (cleanup after a failed test; each checked by start time)."""
    for proc in procs:
        now = _read(proc.pid)
        if now and now.start == proc.start:
            with contextlib.suppress(ProcessLookupError):
                os.kill(proc.pid, signal.SIGKILL)
