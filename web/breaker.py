"""A per-host circuit breaker: stop asking a host that keeps failing, for the rest of the run.

A site in a 5xx storm or unreachable would otherwise cost every one of its links the full retry
schedule (three attempts with backoff each). After ``threshold`` fetches in a row to one host end in
a failure (timeout, network or TLS error, malformed or cut answer, 408/429/5xx), the breaker opens
for that host: further URLs there are not requested and end as ``circuit_open`` (retried by the next
run). A page or feed the host served closes the count again (the fetcher decides what counts: a
robots.txt answer, for one, does not).
"""

from __future__ import annotations

import threading

__all__ = ["HostBreaker"]


class HostBreaker:
    """Counts consecutive failed fetches per host; thread-safe. ``threshold`` 0 disables it."""

    def __init__(self, threshold: int) -> None:
        self._threshold = threshold
        self._failures: dict[str, int] = {}
        self._lock = threading.Lock()

    def is_open(self, host: str) -> bool:
        """True when ``host`` failed ``threshold`` times in a row."""
        if self._threshold <= 0:
            return False
        with self._lock:
            return self._failures.get(host, 0) >= self._threshold

    def failures(self, host: str) -> int:
        """Consecutive failures recorded for ``host``."""
        with self._lock:
            return self._failures.get(host, 0)

    def record(self, host: str, *, failed: bool) -> None:
        """Count a finished fetch: a failure extends the run of failures, a success resets it.

        Fetches that are neither are not recorded."""
        with self._lock:
            self._failures[host] = self._failures.get(host, 0) + 1 if failed else 0
