"""Prefect servers of our own on loopback, for when no ``PREFECT_API_URL`` is configured.

``presswatch serve``: Prefect's temporary server cannot run schedules, so serving without an API URL
would wait forever. :func:`local_prefect_server` starts ``prefect server start`` (scheduler included)
as a child process, waits until it answers, and stops it afterwards.

``presswatch run``: :func:`start_run_prefect_api` replaces the temporary server Prefect would start by
itself. Prefect launches that one (``uvicorn`` in a subprocess) with nothing tying it to the run, so
after ``kill -9`` of a run it kept running indefinitely. Ours is the same app (Prefect's
``create_app(ephemeral=True)`` under uvicorn, as Prefect does it) in a child that watches its parent
(:mod:`runtime.lifeline`) and exits when the run is gone. We choose the port by binding the listening
socket here and handing it to the child, so there is no port race, and the server boots while the run
imports its flows, so the run is not slower than with Prefect's own.

Why not the alternatives: Prefect offers no hook into its own ``Popen`` (no preexec function), and a
parent-death signal would be tied to whichever Prefect thread happened to start the server; ``prefect
server start`` would bring the scheduler and services a single run does not need (~19 s to come up
against ~10 s).
"""

from __future__ import annotations

import argparse
import atexit
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["ServerStartError", "local_prefect_server", "server_answers", "start_run_prefect_api"]


class ServerStartError(RuntimeError):
    """The local Prefect server did not come up in time."""


def server_answers(api_url: str) -> bool:
    """True when the Prefect API at ``api_url`` answers its health check."""
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


@contextmanager
def local_prefect_server(port: int, log_file: Path, *, start_timeout: float = 120.0) -> Iterator[str]:
    """Run a Prefect server on 127.0.0.1:``port`` for the block; yield its API URL."""
    api_url = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    command = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("ab") as log:
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + start_timeout
        while not server_answers(api_url):
            if server.poll() is not None or time.monotonic() > deadline:
                raise ServerStartError(f"the Prefect server on port {port} did not start; see {log_file}")
            time.sleep(0.5)
        yield api_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def start_run_prefect_api() -> Callable[[], None]:
    """Give this process a Prefect API that dies with it, unless one is configured; return a function
    to call before the first flow, which waits until the API answers (or raises :class:`ServerStartError`).

    Where Prefect would start its temporary server (no API URL, ephemeral mode allowed), start ours and
    point ``PREFECT_API_URL`` at it. Like Prefect's, it serves until this process exits: it is stopped
    at exit, after Prefect has sent its last logs and events (those drain on thread shutdown, before
    ``atexit`` handlers run), and a later call finds the URL set and starts nothing.
    """
    from prefect.context import refresh_global_settings_context
    from prefect.settings import get_current_settings

    settings = get_current_settings()
    if settings.api.url or not settings.server.ephemeral.enabled:
        return lambda: None
    listener = socket.create_server(("127.0.0.1", 0))
    api_url = f"http://127.0.0.1:{listener.getsockname()[1]}/api"
    env = {
        **os.environ,
        **settings.to_environment_variables(exclude_unset=True),  # what Prefect hands its own server
        "PREFECT_UI_ENABLED": "false",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    command = [sys.executable, "-m", "runtime.prefect_server", str(os.getpid()), str(listener.fileno())]
    with listener:  # the child has its own copy of the socket; ours closes here
        server = subprocess.Popen(command, env=env, pass_fds=(listener.fileno(),))
    atexit.register(_stop, server)
    os.environ["PREFECT_API_URL"] = api_url
    refresh_global_settings_context()
    timeout = float(settings.server.ephemeral.startup_timeout_seconds)

    def wait_until_ready() -> None:
        deadline = time.monotonic() + timeout
        while not server_answers(api_url):
            if server.poll() is not None:
                raise ServerStartError(f"the run's Prefect API server exited with code {server.returncode}")
            if time.monotonic() > deadline:
                raise ServerStartError(f"the run's Prefect API server did not answer within {timeout:g} s")
            time.sleep(0.1)

    return wait_until_ready


def _stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _serve_run_api(parent_pid: int, listener_fd: int) -> None:
    """Child of :func:`start_run_prefect_api`: Prefect's API on the inherited socket until the run ends."""
    from runtime.lifeline import watch_parent

    watch_parent(parent_pid)  # first: a run killed while we boot must not leave us behind
    import uvicorn
    from prefect.server.api.server import create_app

    listener = socket.socket(fileno=listener_fd)
    app = create_app(ephemeral=True, final=True)
    uvicorn.Server(uvicorn.Config(app, log_level="error", lifespan="on")).run(sockets=[listener])


if __name__ == "__main__":
    arguments = argparse.ArgumentParser(description="the Prefect API of one presswatch run (internal)")
    arguments.add_argument("parent_pid", type=int)
    arguments.add_argument("listener_fd", type=int)
    parsed = arguments.parse_args()
    _serve_run_api(parsed.parent_pid, parsed.listener_fd)
