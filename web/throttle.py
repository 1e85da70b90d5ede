"""Per-host politeness shared by every thread of one Fetcher."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

__all__ = ["HostThrottle"]


@dataclass
class _Host:
    slots: threading.Semaphore
    next_start: float = field(default=0.0)


class HostThrottle:
    """At most ``concurrency`` requests in flight per host, each starting at least ``delay`` seconds after
    the previous one started *and* after the previous one finished (the gentler of the two readings)."""

    def __init__(
        self,
        delay: float,
        concurrency: int,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._delay = delay
        self._concurrency = concurrency
        self._sleep = sleep
        self._clock = clock
        self._lock = threading.Lock()
        self._hosts: dict[str, _Host] = {}

    @contextlib.contextmanager
    def slot(self, host: str) -> Iterator[float]:
        """Hold a request slot for ``host``; yields the seconds spent waiting for it."""
        began = self._clock()
        with self._lock:
            state = self._hosts.setdefault(host.lower(), _Host(threading.Semaphore(self._concurrency)))
        state.slots.acquire()
        try:
            with self._lock:
                # Reserve a start time under the lock so concurrent threads queue up instead of all
                # waking at the same moment.
                start = max(self._clock(), state.next_start)
                state.next_start = start + self._delay
            wait = start - self._clock()
            if wait > 0:
                self._sleep(wait)
            yield self._clock() - began
        finally:
            with self._lock:
                state.next_start = max(state.next_start, self._clock() + self._delay)
            state.slots.release()
