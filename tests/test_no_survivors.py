"""kill -9 of a run leaves nothing behind: its Prefect server and its extraction workers die with it.

Real processes, watched through /proc: a run (or a process using worker isolation) is started in a
session of its own, its descendants are recorded, only its main process is SIGKILLed, and within a
bounded time none of the recorded descendants may still run (a zombie waiting for init counts as gone).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, SEEDS_DIR
from tests.processes import Proc, descendants, kill_all, survivors, wait_for_descendants

pytestmark = [
    pytest.mark.process,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc"),
]

GRACE = 15.0  # seconds the children get to notice their parent is gone


def _kill_and_collect_survivors(process: subprocess.Popen, tree: list[Proc]) -> list[Proc]:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    left = survivors(tree, GRACE)
    kill_all(left)  # do not leave them running when the test fails
    return left


@pytest.mark.flow
@pytest.mark.timeout(300)
def test_a_killed_run_leaves_no_prefect_server_behind(tmp_path: Path) -> None:
    # No PREFECT_API_URL: the run needs a Prefect API of its own, as on a user's machine.
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    marker = tmp_path / "paused"
    env |= {
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "PRESSWATCH_PROGRESS": "0",
        "PRESSWATCH_PAUSE_AT": "staged",
        "PRESSWATCH_PAUSE_MARKER": str(marker),
    }
    command = [
        sys.executable, "-m", "presswatch.cli", "run",
        "--sources", str(SEEDS_DIR / "sources.toml"), "--event", str(SEEDS_DIR / "event.toml"),
        "--warehouse", str(tmp_path / "w.duckdb"), "--reports", str(tmp_path / "reports"),
    ]  # fmt: skip
    run = subprocess.Popen(
        command, env=env, cwd=PROJECT_ROOT, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 240
        while not marker.exists():
            assert run.poll() is None, f"run ended before pausing: {run.stderr.read()[-3000:]}"  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "run never reached the staged pause point"
            time.sleep(0.2)
        tree = descendants(run.pid)
        assert tree, "a run without PREFECT_API_URL must have a Prefect server process"
        left = _kill_and_collect_survivors(run, tree)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert not left, f"still running {GRACE:g} s after the run was killed: {left}"


_ISOLATION_SCRIPT = """
from runtime.isolation import IsolatedRunner
from tests.isolation_targets import behave
with IsolatedRunner(behave, workers=2, timeout=600) as runner:
    runner.map([("hang",), ("hang",)])
"""


@pytest.mark.timeout(120)
def test_a_killed_process_leaves_no_extraction_worker_behind() -> None:
    owner = subprocess.Popen(
        [sys.executable, "-c", _ISOLATION_SCRIPT], cwd=PROJECT_ROOT, start_new_session=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
    )  # fmt: skip
    try:
        tree = wait_for_descendants(owner.pid, 2, timeout=60, needle="_child_main")
        workers = [p for p in tree if "_child_main" in p.cmdline]
        assert len(workers) == 2, f"expected two worker processes, found {tree}"
        time.sleep(1.0)  # let them reach the hanging call
        left = _kill_and_collect_survivors(owner, tree)
    finally:
        if owner.poll() is None:
            owner.kill()
            owner.wait()
    assert not left, f"still running {GRACE:g} s after their owner was killed: {left}"
