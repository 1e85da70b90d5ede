"""The rows that index archived responses and log fetches, written in bulk instead of one by one.

One insert per page on the fetching thread cost several milliseconds of waiting on the warehouse
each (about 14 s of a 1,000-page run); a few hundred rows in one transaction cost about as much as
one. The order that crash safety needs is kept: the writer flushes the ledger before it stages a
batch (:func:`pipeline.stream.stage_stream` ``before_batch``), so an article is never staged ahead of
the response it came from. Rows still waiting when a run dies are lost with their pages' outcomes,
and those pages are fetched again by the next run, as before.
"""

from __future__ import annotations

import threading

from duckdb import DuckDBPyConnection

from warehouse import fetches

__all__ = ["FetchLedger"]


class FetchLedger:
    """Rows of ``raw.web_responses`` and ``ops.fetch_log`` waiting to be written; thread-safe."""

    def __init__(self, flush_at: int = 200) -> None:
        self.flush_at = flush_at
        self._lock = threading.Lock()
        self._responses: list[dict[str, object]] = []
        self._fetches: list[dict[str, object]] = []

    def add(self, response: dict[str, object] | None, fetch: dict[str, object]) -> None:
        """Queue one fetch's log row and, when a response was received, its archive index row."""
        with self._lock:
            if response is not None:
                self._responses.append(response)
            self._fetches.append(fetch)

    @property
    def due(self) -> bool:
        """Whether enough rows wait to be worth a flush."""
        return len(self._fetches) >= self.flush_at

    def flush(self, con: DuckDBPyConnection) -> None:
        """Write every waiting row in one transaction on ``con``.

        The lock is held until the commit, so a flush from another thread that finds nothing to do
        returns only once the rows taken before it are in the warehouse.
        """
        with self._lock:
            if not self._fetches:
                return
            con.execute("BEGIN TRANSACTION")
            try:
                fetches.record_responses(con, self._responses)
                fetches.record_fetches(con, self._fetches)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            self._responses, self._fetches = [], []
