"""Running untrusted-input work (HTML extraction) in worker processes with a deadline per call.

A pathological page can keep trafilatura busy for many seconds or eat memory; in a worker process
it can be stopped: a call that overruns its deadline kills its worker (a fresh one starts for the
next call) and comes back as a timeout, and a memory cap turns a runaway page into an error. The
rest of the batch carries on. Workers are started with ``spawn`` because forking a process that
runs threads (Prefect does) can deadlock. A worker ends by itself when the process that started it
dies, even of SIGKILL (:mod:`runtime.lifeline`), instead of finishing a page nobody will collect.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from runtime.lifeline import watch_parent

__all__ = ["CallResult", "IsolatedRunner"]

_CONTEXT = multiprocessing.get_context("spawn")


@dataclass(frozen=True)
class CallResult:
    """The value a call returned, or why it has none."""

    value: Any = None
    error: str | None = None


def _limit_memory(max_bytes: int | None) -> None:
    if max_bytes is None:
        return
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))
    except (ImportError, ValueError, OSError):  # not available on this platform: run without the cap
        pass


def _serve(func: Callable[..., Any], conn: Connection, memory_limit: int | None, parent_pid: int) -> None:
    """Worker loop: call ``func`` on each argument tuple received, send back ("ok"|"error", payload)."""
    watch_parent(parent_pid)  # a closed pipe is noticed only between calls, not during a long one
    _limit_memory(memory_limit)
    while True:
        try:
            args = conn.recv()
        except EOFError:
            return
        try:
            conn.send(("ok", func(*args)))
        except MemoryError:
            conn.send(("error", "out of memory (worker memory cap reached)"))
        except Exception as exc:  # report, keep serving
            conn.send(("error", f"{type(exc).__name__}: {exc}"[:500]))


class _Worker:
    """One worker process and the pipe to it; restarted after a timeout or crash."""

    def __init__(self, func: Callable[..., Any], memory_limit: int | None) -> None:
        self._func = func
        self._memory_limit = memory_limit
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None

    def _start(self) -> Connection:
        parent, child = _CONTEXT.Pipe()
        process = _CONTEXT.Process(
            target=_serve, args=(self._func, child, self._memory_limit, os.getpid()), daemon=True
        )
        process.start()
        self._process = process
        child.close()
        self._conn = parent
        return parent

    def call(self, args: tuple, timeout: float) -> CallResult:
        conn = self._conn or self._start()
        try:
            conn.send(args)
            if not conn.poll(timeout):
                self.stop()
                return CallResult(error=f"timed out after {timeout:g} s")
            status, payload = conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            code = self._process.exitcode if self._process else None
            self.stop()
            return CallResult(error=f"worker died (exit code {code})")
        return CallResult(value=payload) if status == "ok" else CallResult(error=payload)

    def stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join(5)
        if self._conn is not None:
            self._conn.close()
        self._process, self._conn = None, None


class _Stopped(Exception):
    """Marks a stream whose consumer stopped reading."""


class IsolatedRunner:
    """Call a module-level function on many argument tuples in worker processes.

    Each call gets ``timeout`` seconds from the moment a worker starts it. Use as a context manager
    so the workers are stopped.
    """

    def __init__(
        self,
        func: Callable[..., Any],
        *,
        workers: int = 2,
        timeout: float = 20.0,
        memory_limit: int | None = 2 * 1024**3,
    ) -> None:
        self._workers = [_Worker(func, memory_limit) for _ in range(max(1, workers))]
        self._timeout = timeout

    def map(self, calls: Sequence[tuple], on_done: Callable[[], None] | None = None) -> list[CallResult]:
        """Run every call; results come back in input order. ``on_done`` is called as each ends."""
        results: list[CallResult | None] = [None] * len(calls)
        jobs: queue.Queue[int] = queue.Queue()
        for index in range(len(calls)):
            jobs.put(index)

        def drain(worker: _Worker) -> None:
            while True:
                try:
                    index = jobs.get_nowait()
                except queue.Empty:
                    return
                results[index] = worker.call(calls[index], self._timeout)
                if on_done:
                    on_done()

        threads = [threading.Thread(target=drain, args=(w,), daemon=True) for w in self._workers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return [r if r is not None else CallResult(error="not run") for r in results]

    def imap(
        self, calls: Iterable[tuple], on_done: Callable[[], None] | None = None, *, window: int = 64
    ) -> Iterator[CallResult]:
        """Run calls taken from ``calls`` as workers come free; yield the results in input order.

        ``calls`` is read lazily (it may be a stream still being produced), and at most ``window``
        calls are taken ahead of the one the caller is waiting for, so memory stays bounded. An
        exception raised while reading ``calls`` is raised here once the results before it are out.
        """
        source = iter(calls)
        source_lock = threading.Lock()
        slots = threading.Semaphore(max(window, len(self._workers)))
        done = threading.Condition()
        results: dict[int, CallResult] = {}
        state: dict[str, Any] = {"taken": 0, "finished": 0, "error": None}

        def drain(worker: _Worker) -> None:
            while True:
                slots.acquire()
                with source_lock:
                    if state["error"] is not None:
                        slots.release()
                        break
                    try:
                        args = next(source)
                    except StopIteration:
                        slots.release()
                        break
                    except BaseException as exc:  # handed to the consumer
                        state["error"] = exc
                        slots.release()
                        break
                    index = state["taken"]
                    state["taken"] = index + 1
                result = worker.call(args, self._timeout)
                if on_done:
                    on_done()
                with done:
                    results[index] = result
                    done.notify_all()
            with done:
                state["finished"] += 1
                done.notify_all()

        threads = [threading.Thread(target=drain, args=(w,), daemon=True) for w in self._workers]
        for thread in threads:
            thread.start()
        try:
            position = 0
            while True:
                with done:
                    while position not in results and not (
                        state["finished"] == len(threads) and position >= state["taken"]
                    ):
                        done.wait()
                    if position not in results:
                        break
                    result = results.pop(position)
                slots.release()
                position += 1
                yield result
            if state["error"] is not None:
                raise state["error"]
        finally:
            with source_lock:  # a consumer that stops early stops the workers taking more
                if state["error"] is None:
                    state["error"] = _Stopped()
            for _ in threads:
                slots.release()
            for thread in threads:
                thread.join()

    def close(self) -> None:
        """Stop every worker process."""
        for worker in self._workers:
            worker.stop()

    def __enter__(self) -> IsolatedRunner:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
