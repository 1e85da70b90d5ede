"""Where the per-payload work of a batch runs: worker processes here, or Prefect tasks on Dask.

Both take a stream of :class:`~pipeline.process.PayloadJob` and give back one
:class:`~runtime.isolation.CallResult` per job, in order, so the stream and the single writer do
not care which one ran it.

* :class:`LocalProcessor`: worker processes on this machine (one per CPU by default), each payload
  with a deadline and a memory cap; a runaway page costs its worker, which is restarted.
* :class:`DaskProcessor`: the batch is cut into chunks, each run as a Prefect task
  (``extract-and-analyse``) on a Dask cluster through ``prefect-dask``. Payloads travel as bytes,
  rows come back as plain objects; nothing on the cluster touches the warehouse. The cluster's
  workers need the project installed and ``PREFECT_API_URL`` pointing at a Prefect server they can
  reach. A payload there has no per-page kill (Dask runs tasks in threads); the input size cap
  bounds it, and a chunk that fails or overruns its task timeout is recorded as failed.
"""

from __future__ import annotations

import contextvars
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol

from pipeline.process import ItemResult, PayloadJob, process_payload
from runtime.isolation import CallResult, IsolatedRunner
from transforms.profile import EventProfile

__all__ = ["DASK_CHUNK", "BatchProcessor", "DaskProcessor", "LocalProcessor", "process_chunk"]

DASK_CHUNK = 25  # payloads per Prefect task on Dask: enough to amortise a task run, small to spread
DASK_GROUP = 200  # payloads submitted together; the cluster works on all their chunks at once


class BatchProcessor(Protocol):
    """Runs :func:`~pipeline.process.process_payload` over a stream of jobs."""

    def stream(
        self, jobs: Iterable[PayloadJob], profile: EventProfile, advance: Callable[[], None]
    ) -> Iterator[CallResult]:
        """One result per job, in job order, taking jobs from ``jobs`` as they can be run."""
        ...

    def close(self) -> None:
        """Release the workers or the cluster connection."""
        ...


class LocalProcessor:
    """Worker processes on this machine, with a deadline and a memory cap per payload."""

    def __init__(self, workers: int, timeout: float) -> None:
        self._runner = IsolatedRunner(process_payload, workers=workers, timeout=timeout)
        self._window = max(8, 4 * workers)  # payloads read ahead: keeps every worker fed, bounds memory

    def stream(
        self, jobs: Iterable[PayloadJob], profile: EventProfile, advance: Callable[[], None]
    ) -> Iterator[CallResult]:
        """Feed the workers continuously (no batch barrier); results in job order."""
        return self._runner.imap(((job, profile) for job in jobs), on_done=advance, window=self._window)

    def close(self) -> None:
        """Stop the worker processes."""
        self._runner.close()


def process_chunk(jobs: list[PayloadJob], profile: EventProfile) -> list[list[ItemResult]]:
    """Process a chunk of payloads one after another (the body of a task on the cluster)."""
    return [process_payload(job, profile) for job in jobs]


class DaskProcessor:
    """Chunks of a batch as Prefect tasks on the Dask scheduler at ``address`` (``tcp://host:port``)."""

    def __init__(self, address: str, *, chunk: int = DASK_CHUNK, timeout_per_payload: float = 20.0) -> None:
        from prefect import task
        from prefect.cache_policies import NO_CACHE
        from prefect_dask import DaskTaskRunner

        self._task = task(
            name="extract-and-analyse",
            cache_policy=NO_CACHE,
            persist_result=False,
            timeout_seconds=timeout_per_payload * chunk,
        )(process_chunk)
        self._chunk = chunk
        self._runner: Any = DaskTaskRunner(address=address)
        self._runner.__enter__()
        # The tasks are submitted from the stream's reader thread; they belong to this run's flow.
        self._context = contextvars.copy_context()

    def stream(
        self, jobs: Iterable[PayloadJob], profile: EventProfile, advance: Callable[[], None]
    ) -> Iterator[CallResult]:
        """Send the stream in groups of 200 payloads (each cut into chunks), results in job order."""
        source = iter(jobs)
        while group := list(itertools.islice(source, DASK_GROUP)):
            yield from self._run_group(group, profile, advance)

    def _run_group(
        self, jobs: Sequence[PayloadJob], profile: EventProfile, advance: Callable[[], None]
    ) -> list[CallResult]:
        """Submit every chunk at once (the cluster spreads them), then collect them in order."""
        chunks = [list(jobs[i : i + self._chunk]) for i in range(0, len(jobs), self._chunk)]
        futures = [
            self._context.run(self._runner.submit, self._task, {"jobs": chunk, "profile": profile})
            for chunk in chunks
        ]
        results: list[CallResult] = []
        for chunk, future in zip(chunks, futures, strict=True):
            try:
                values = future.result()
                results.extend(CallResult(value=value) for value in values)
            except Exception as exc:  # the chunk's payloads are recorded as failed; the run goes on
                error = f"task on the Dask cluster failed: {type(exc).__name__}: {exc}"[:500]
                results.extend(CallResult(error=error) for _ in chunk)
            for _ in chunk:
                advance()
        return results

    def close(self) -> None:
        """Disconnect from the cluster (the cluster itself keeps running)."""
        self._runner.__exit__(None, None, None)
