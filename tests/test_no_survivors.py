"""kill -9 of a run leaves nothing behind: its extraction workers die with it.

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

from tests.conftest import PROJECT_ROOT
from tests.processes import Proc, kill_all, survivors, wait_for_descendants

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")

GRACE = 15.0  # seconds the children get to notice their parent is gone


def _kill_and_collect_survivors(process: subprocess.Popen, tree: list[Proc]) -> list[Proc]:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    left = survivors(tree, GRACE)
    kill_all(left)  # do not leave them running when the test fails
    return left


_ISOLATION_SCRIPT = """
from presswatch.isolation import IsolatedRunner
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
        tree = wait_for_descendants(owner.pid, 2, timeout=60, needle="spawn_main")
        workers = [p for p in tree if "spawn_main" in p.cmdline]
        assert len(workers) == 2, f"expected two spawned workers, found {tree}"
        time.sleep(1.0)  # let them reach the hanging call
        left = _kill_and_collect_survivors(owner, tree)
    finally:
        if owner.poll() is None:
            owner.kill()
            owner.wait()
    assert not left, f"still running {GRACE:g} s after their owner was killed: {left}"
