"""Staging pending payloads as a stream of bounded batches, workers and the writer side by side.

A reader thread feeds the worker processes continuously: it reads archived bytes a few payloads
ahead of the workers, which extract and analyse them (:func:`pipeline.process.process_payload`); the
results, in input order, are cut into batches the writer (this thread) loads in one transaction each
(:func:`pipeline.stage.stage_batch`) while the workers go on. Memory holds a few payloads and at most
two batches of rows, whatever the size of the run.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from duckdb import DuckDBPyConnection

from archive.warc import WarcRef, read_response
from pipeline.process import ItemResult, PayloadJob, process_payload
from pipeline.processors import BatchProcessor, DaskProcessor, LocalProcessor
from pipeline.stage import BatchEntry, Deduplicator, StageReport, stage_batch
from runtime.isolation import CallResult
from runtime.progress import bar
from transforms.extraction.payload import HTML
from transforms.profile import EventProfile
from warehouse import raw
from warehouse.connection import open_warehouse
from warehouse.outcomes import ItemOutcome

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "EXTRACTION_TIMEOUT",
    "PendingPayload",
    "default_workers",
    "in_background",
    "stage_stream",
]

T = TypeVar("T")

DEFAULT_BATCH_SIZE = 200  # payloads per batch: big enough to make a transaction cheap, small for memory
EXTRACTION_TIMEOUT = 20.0  # seconds per payload (NOTES.md: a 50k-paragraph page took 14 s)
# Up to this many payloads, plain text and JSON Lines are processed in this process: starting
# worker processes (each imports trafilatura) would cost more than it saves.
_INLINE_UP_TO = 32
_READ_CHUNK = 16  # payloads read from the archive per query while feeding the workers


@dataclass(frozen=True)
class PendingPayload:
    """An archived payload that is new for its source item and still has to be extracted.

    Files are archived in ``raw.documents``; web pages in a WARC file (``warc``), with ``url`` the
    address the page was finally served from.
    """

    source_id: str
    origin: str
    raw_id: str
    outlet: str | None
    url: str | None = None
    warc: WarcRef | None = None
    media_type: str = HTML
    # The bytes, when the fetch step hands a page on straight away (saves reading the archive back).
    data: bytes | None = field(default=None, repr=False, compare=False)


def default_workers() -> int:
    """The CPUs this process may run on (its affinity mask, which containers and taskset narrow)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _jobs(
    reader: DuckDBPyConnection, batch: list[PendingPayload], run_id: str, now: datetime
) -> list[PayloadJob]:
    files = raw.read_payloads(
        reader, [(p.origin, p.raw_id) for p in batch if p.warc is None and p.data is None]
    )
    return [
        PayloadJob(
            source_id=p.source_id,
            origin=p.origin,
            raw_id=p.raw_id,
            outlet=p.outlet,
            url=p.url,
            data=_payload_bytes(p, files),
            run_id=run_id,
            loaded_at=now,
        )
        for p in batch
    ]


def _payload_bytes(pending: PendingPayload, files: dict[tuple[str, str], bytes]) -> bytes:
    if pending.data is not None:
        return pending.data
    if pending.warc is not None:
        return read_response(pending.warc).body
    return files[(pending.origin, pending.raw_id)]


def _entries(batch: list[PendingPayload], calls: list[CallResult]) -> list[BatchEntry]:
    entries = []
    for pending, call in zip(batch, calls, strict=True):
        failed = ItemResult(pending.origin, ItemOutcome.REJECTED, f"extraction failed: {call.error}")
        items = call.value or [failed]
        entries.append(BatchEntry(pending.source_id, pending.origin, pending.raw_id, items))
    return entries


def _batches(pending: Iterable[PendingPayload], size: int) -> Iterator[list[PendingPayload]]:
    items = iter(pending)
    while batch := list(itertools.islice(items, size)):
        yield batch


def in_background(items: Iterable[T], *, buffer: int) -> Iterator[T]:
    """Yield what ``items`` yields, computed in a thread of its own at most ``buffer`` items ahead.

    Lets a slow producer (fetching pages) run while its consumer (extraction) works; an exception in
    the producer is raised here, and the producer stops when the consumer does.
    """
    handoff: queue.Queue[tuple[str, object]] = queue.Queue(buffer)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                if stop.is_set():
                    break
                _put(handoff, ("item", item), stop)
        except BaseException as exc:  # handed to the consumer, which raises it
            _put(handoff, ("error", exc), stop)
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()  # a generator's finally blocks (recording outcomes) run in this thread
            _put(handoff, ("end", None), stop)

    thread = threading.Thread(target=produce, name="presswatch-producer", daemon=True)
    thread.start()
    try:
        while True:
            kind, value = handoff.get()
            if kind == "end":
                return
            if kind == "error":
                raise value  # type: ignore[misc]
            yield value  # type: ignore[misc]
    finally:
        stop.set()
        thread.join()


def stage_stream(
    warehouse: str,
    run_id: str,
    pending: Iterable[PendingPayload],
    profile: EventProfile,
    now: Callable[[], datetime],
    *,
    workers: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    timeout: float = EXTRACTION_TIMEOUT,
    expected: int | None = None,
    dask_address: str | None = None,
    before_batch: Callable[[DuckDBPyConnection], None] | None = None,
) -> StageReport:
    """Extract, analyse and stage every pending payload; every item ends with a recorded outcome.

    ``pending`` may be a stream (pages still being fetched); ``expected`` sizes the progress bar. The
    payloads are processed by worker processes here, or, with ``dask_address``, as Prefect tasks on
    that Dask cluster (:mod:`pipeline.processors`). ``before_batch`` runs on the writer's connection
    before each batch is loaded (the fetch step's ledger: responses are indexed before their articles).
    """
    report = StageReport()
    processor: BatchProcessor = (
        DaskProcessor(dask_address, timeout_per_payload=timeout)
        if dask_address
        else LocalProcessor(workers or default_workers(), timeout)
    )
    # Two batches of rows may wait for the writer, so the workers go on while it loads one.
    handoff: queue.Queue[tuple[list[PendingPayload], list[CallResult]] | BaseException | None]
    handoff = queue.Queue(2)
    stop = threading.Event()
    seen = Deduplicator()
    with (
        open_warehouse(warehouse) as con,
        contextlib.closing(processor),
        bar("extracting and analysing", expected) as advance,
    ):
        reader = con.cursor()

        def produce() -> None:
            try:
                batches = _result_batches(
                    pending, reader, profile, processor, run_id=run_id, now=now, batch_size=batch_size,
                    advance=advance, stop=stop,
                )  # fmt: skip
                for handed in batches:
                    _put(handoff, handed, stop)
            except BaseException as exc:  # handed to the writer, which raises it
                _put(handoff, exc, stop)
            finally:
                _put(handoff, None, stop)

        thread = threading.Thread(target=produce, name="presswatch-extract", daemon=True)
        thread.start()
        try:
            while (handed := handoff.get()) is not None:
                if isinstance(handed, BaseException):
                    raise handed
                batch, calls = handed
                if before_batch is not None:
                    before_batch(con)
                report.add(stage_batch(con, run_id, _entries(batch, calls), seen, now))
        finally:
            stop.set()
            thread.join()
            reader.close()
    return report


def _result_batches(
    pending: Iterable[PendingPayload],
    reader: DuckDBPyConnection,
    profile: EventProfile,
    processor: BatchProcessor,
    *,
    run_id: str,
    now: Callable[[], datetime],
    batch_size: int,
    advance: Callable[[], None],
    stop: threading.Event,
) -> Iterator[tuple[list[PendingPayload], list[CallResult]]]:
    """The payloads with their results, in input order, cut into write batches.

    The workers are fed continuously: payload bytes are read from the archive a small chunk at a time
    as they ask for more. A stream of a few non-HTML payloads is processed here instead (starting
    workers would cost more); HTML always goes to a worker, where a hostile page can be stopped.
    """
    items = iter(pending)
    head = list(itertools.islice(items, _INLINE_UP_TO + 1))
    if len(head) <= _INLINE_UP_TO and all(p.media_type != HTML for p in head):
        jobs = _jobs(reader, head, run_id, now())
        inline = [CallResult(value=process_payload(job, profile)) for job in jobs]
        for _ in jobs:
            advance()
        yield head, inline
        return
    order: collections.deque[PendingPayload] = collections.deque()

    def job_stream() -> Iterator[PayloadJob]:
        for chunk in _batches(itertools.chain(head, items), _READ_CHUNK):
            if stop.is_set():
                return
            order.extend(chunk)
            yield from _jobs(reader, chunk, run_id, now())

    batch: list[PendingPayload] = []
    calls: list[CallResult] = []
    for call in processor.stream(job_stream(), profile, advance):
        batch.append(order.popleft())  # results come in input order
        calls.append(call)
        if len(batch) == batch_size:
            yield batch, calls
            batch, calls = [], []
    if batch:
        yield batch, calls


def _put(handoff: queue.Queue, value: object, stop: threading.Event) -> None:
    """Hand ``value`` to the writer, unless the writer has stopped listening."""
    while not stop.is_set():
        try:
            handoff.put(value, timeout=0.2)
            return
        except queue.Full:
            continue
