"""Progress bars for the long steps of a run, drawn only when a person is watching a terminal.

Steps wrap their loops in :func:`track`; it costs nothing unless the command line has installed a
display with :func:`terminal_progress`. Scheduled runs, pipes and log files stay quiet.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO, TypeVar

__all__ = ["bar", "progress_wanted", "terminal_progress", "track"]

T = TypeVar("T")

_lock = threading.Lock()
_display: Any = None  # a rich.progress.Progress while the CLI shows one


def progress_wanted(stream: TextIO) -> bool:
    """Bars are drawn on an interactive terminal unless ``PRESSWATCH_PROGRESS=0`` or TERM is dumb."""
    if os.environ.get("PRESSWATCH_PROGRESS", "").strip() == "0":
        return False
    if os.environ.get("TERM", "") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@contextmanager
def terminal_progress(stream: TextIO | None = None) -> Iterator[bool]:
    """Show bars on ``stream`` (default stderr) for the duration, if it is a terminal; yields whether."""
    global _display
    stream = stream or sys.stderr
    if not progress_wanted(stream):
        yield False
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    display = Progress(
        TextColumn("{task.description:<22}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(file=stream),
    )
    with _lock:
        _display = display
    try:
        with display:
            yield True
    finally:
        with _lock:
            _display = None


def track(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
    """Yield ``items``, advancing a bar named ``description`` when a display is active."""
    display = _display
    if display is None:
        yield from items
        return
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    bar = display.add_task(description, total=total)
    done = 0
    try:
        for item in items:
            yield item
            done += 1
            display.advance(bar)
    finally:
        display.update(bar, total=done, completed=done)  # a loop left early still ends its bar full


@contextmanager
def bar(description: str, total: int | None) -> Iterator[Callable[[], None]]:
    """A bar for work finished elsewhere (threads, worker processes): yields a thread-safe ``advance``.

    ``total`` may be None when the amount of work is not known in advance."""
    display = _display
    if display is None:
        yield lambda: None
        return
    task = display.add_task(description, total=total)
    try:
        yield lambda: display.advance(task)
    finally:
        if total is None:
            done = next(t.completed for t in display.tasks if t.id == task)
            display.update(task, total=done)  # known now: what was done
        else:
            display.update(task, completed=total)
