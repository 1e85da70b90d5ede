"""Running untrusted-input work (HTML extraction, feed parsing) in worker processes with a deadline.

A pathological page or feed can keep a parser busy for many seconds or eat memory; in a worker
process it can be stopped: a call that overruns its deadline kills its worker (a fresh one starts for
the next call) and comes back as a timeout, and a memory cap turns a runaway input into an error. The
rest of the batch carries on. This is the one mechanism for it: :class:`IsolatedWorker` (one process,
calls one at a time) and :class:`IsolatedRunner` (several, for batches).

A worker is a fresh interpreter (``python -c``) talking over a socket pair that imports only the
module of the function it runs: not multiprocessing's ``spawn``, which re-imports the caller's
``__main__`` in the child (slow when that imports Prefect, fatal in a script without a ``__main__``
guard); never a fork, which can deadlock a parent that runs threads (Prefect does). Its start-up and
imports are waited for before a call's deadline begins. A worker ends by itself when the process that
started it dies, even of SIGKILL (:mod:`runtime.lifeline`), instead of finishing work nobody will
collect.
"""

from __future__ import annotations

import importlib
import os
import queue
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from runtime.lifeline import watch_parent

__all__ = ["CallResult", "IsolatedRunner", "IsolatedWorker"]

_READY = "ready"
STARTUP_TIMEOUT = 60.0  # interpreter start + imports of a worker; not charged to any call's deadline


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


def _target_name(func: Callable[..., Any]) -> str:
    module, qualname = getattr(func, "__module__", None), getattr(func, "__qualname__", "")
    if not module or module == "__main__" or "<locals>" in qualname:
        raise ValueError(f"{func!r}: a worker runs module-level functions of importable modules only")
    return f"{module}:{qualname}"


def _child_main(fd: int, target: str, memory_limit: int | None, parent_pid: int) -> None:
    """Worker loop: call the target on each argument tuple received, send back ("ok"|"error", payload)."""
    watch_parent(parent_pid)  # a closed socket is noticed only between calls, not during a long one
    module, _, qualname = target.partition(":")
    func: Any = importlib.import_module(module)
    for part in qualname.split("."):
        func = getattr(func, part)
    _limit_memory(memory_limit)  # after the imports: libraries reserve address space as they load
    conn = Connection(fd)
    conn.send(_READY)
    while True:
        try:
            args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", func(*args)))
        except MemoryError:
            conn.send(("error", "out of memory (worker memory cap reached)"))
        except Exception as exc:  # report, keep serving
            conn.send(("error", f"{type(exc).__name__}: {exc}"[:500]))


_BOOTSTRAP = (
    "import sys; sys.path[:] = sys.argv[5:]; from runtime.isolation import _child_main; "
    "_child_main(int(sys.argv[1]), sys.argv[2], None if sys.argv[3] == '-' else int(sys.argv[3]), "
    "int(sys.argv[4]))"
)


class IsolatedWorker:
    """One worker process for a module-level function; started on first use, killed and replaced
    after a timeout or a crash. Calls run one at a time (a lock serialises callers)."""

    def __init__(
        self, func: Callable[..., Any], *, memory_limit: int | None, startup_timeout: float = STARTUP_TIMEOUT
    ) -> None:
        self._target = _target_name(func)
        self._memory_limit = memory_limit
        self._startup_timeout = startup_timeout
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._conn: Connection | None = None
        self._owner = os.getpid()

    @property
    def pid(self) -> int | None:
        """The worker process's id while one runs."""
        return self._process.pid if self._process is not None else None

    def call(self, args: tuple, timeout: float) -> CallResult:
        """Run one call with ``timeout`` seconds to answer; never raises for what the call does."""
        with self._lock:
            if self._owner != os.getpid():  # a forked child: the worker belongs to the parent
                self._process, self._conn, self._owner = None, None, os.getpid()
            if self._process is not None and self._process.poll() is not None:
                self._stop_locked()  # it died between calls (killed from outside): start afresh
            try:
                conn = self._conn or self._start()
            except Exception as exc:
                return CallResult(error=f"could not start a worker: {type(exc).__name__}: {exc}"[:500])
            try:
                conn.send(args)
                if not conn.poll(timeout):
                    self._stop_locked()
                    return CallResult(error=f"timed out after {timeout:g} s")
                status, payload = conn.recv()
            except (EOFError, OSError):
                code = self._process.poll() if self._process is not None else None
                self._stop_locked()
                return CallResult(error=f"worker died (exit code {code})")
            except BaseException:
                self._stop_locked()  # e.g. KeyboardInterrupt: a late answer must never reach the next call
                raise
        return CallResult(value=payload) if status == "ok" else CallResult(error=payload)

    def stop(self) -> None:
        """Stop the worker process (a later call starts a new one); safe to call any time."""
        with self._lock:
            if self._owner == os.getpid():
                self._stop_locked()

    def _start(self) -> Connection:
        ours, theirs = socket.socketpair()
        with theirs:  # the child's end: ours to close once the child has its copy
            limit = "-" if self._memory_limit is None else str(self._memory_limit)
            command = [sys.executable, "-c", _BOOTSTRAP, str(theirs.fileno()), self._target, limit,
                       str(os.getpid()), *sys.path]  # fmt: skip
            try:
                self._process = subprocess.Popen(
                    command, pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL
                )
            except BaseException:
                ours.close()
                raise
        self._conn = Connection(ours.detach())
        try:
            if not self._conn.poll(self._startup_timeout) or self._conn.recv() != _READY:
                raise RuntimeError(f"no answer within {self._startup_timeout:g} s")
        except BaseException:
            self._stop_locked()
            raise
        return self._conn

    def _stop_locked(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._process is not None:
            self._process.kill()
            self._process.wait(5)
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
        self._workers = [IsolatedWorker(func, memory_limit=memory_limit) for _ in range(max(1, workers))]
        self._timeout = timeout

    def map(self, calls: Sequence[tuple], on_done: Callable[[], None] | None = None) -> list[CallResult]:
        """Run every call; results come back in input order. ``on_done`` is called as each ends."""
        results: list[CallResult | None] = [None] * len(calls)
        jobs: queue.Queue[int] = queue.Queue()
        for index in range(len(calls)):
            jobs.put(index)

        def drain(worker: IsolatedWorker) -> None:
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

        def drain(worker: IsolatedWorker) -> None:
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
