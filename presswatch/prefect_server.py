"""A Prefect server of our own on loopback, for `presswatch serve` when none is configured.

Prefect's temporary in-process server cannot run schedules, so serving without ``PREFECT_API_URL``
would wait forever. This starts ``prefect server start`` (scheduler included) as a child process,
waits until it answers, and stops it afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["ServerStartError", "local_prefect_server", "server_answers"]


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
