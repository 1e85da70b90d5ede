"""Crash safety and one writer at a time: kill -9 at each stage, then a normal run, gives exactly what
a clean run publishes; a second run meanwhile waits a bounded time and gives up without changing anything.

Runs are real ``presswatch run`` processes against the demo news site on loopback. A run is frozen
at a named pause point (``PRESSWATCH_PAUSE_AT``), killed with SIGKILL, and followed by a normal run;
the published marts, their row counts and the analysts' snapshot must then equal those of a run
that was never interrupted. The child processes talk to the session's Prefect test server.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from presswatch.cli import EXIT_BUSY, EXIT_OK
from runtime.crashpoints import PAUSE_POINTS
from tests.conftest import served_demo_site
from tests.marts_state import published_state
from warehouse.snapshot import snapshot_path

pytestmark = [pytest.mark.flow]

# Columns that name the run or the moment, which legitimately differ between two equivalent runs.
_VOLATILE_TYPES = ("TIMESTAMP", "TIMESTAMP WITH TIME ZONE")
_VOLATILE_NAMES = ("run_id", "quality_status")


@pytest.fixture(scope="module")
def site_sources(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo site on a loopback port and a sources.toml + event.toml pointing at its feeds."""
    folder = tmp_path_factory.mktemp("site-sources")
    with served_demo_site(folder):
        yield folder


@pytest.fixture(scope="module")
def child_env(prefect_harness: None) -> dict[str, str]:
    """Environment for child runs: the session's Prefect server instead of a temporary one each."""
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()), "PRESSWATCH_PROGRESS": "0"}
    env.pop("PRESSWATCH_PAUSE_AT", None)
    return env


def _command(sources: Path, project: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "presswatch.cli", "run",
        "--sources", str(sources / "sources.toml"), "--event", str(sources / "event.toml"),
        "--warehouse", str(project / "w.duckdb"), "--reports", str(project / "reports"), *extra,
    ]  # fmt: skip


def _run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)


def _start_paused(command: list[str], env: dict[str, str], point: str, marker: Path) -> subprocess.Popen:
    """Start a run that freezes at ``point``; return once it is there."""
    env = {**env, "PRESSWATCH_PAUSE_AT": point, "PRESSWATCH_PAUSE_MARKER": str(marker)}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    while not marker.exists():
        if process.poll() is not None:
            raise AssertionError(f"run ended before pausing at {point}: {process.stderr.read()[-3000:]}")
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"run never reached {point}")
        time.sleep(0.2)
    return process


@pytest.fixture(scope="module")
def clean_run(
    site_sources: Path, child_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict, float]:
    """What a run that is never interrupted publishes, and how many seconds that run took."""
    project = tmp_path_factory.mktemp("clean")
    started = time.monotonic()
    result = _run(_command(site_sources, project), child_env)
    seconds = time.monotonic() - started
    assert result.returncode == EXIT_OK, result.stderr[-3000:]
    state = published_state(project / "w.duckdb")
    assert state["articles"], "the clean run must publish articles for the comparison to mean anything"
    return state, seconds


@pytest.fixture(scope="module")
def clean_state(clean_run: tuple[dict, float]) -> dict:
    """What a run that is never interrupted publishes."""
    return clean_run[0]


@pytest.mark.parametrize("point", PAUSE_POINTS)
def test_a_run_killed_at_any_stage_converges_on_the_next_run(
    point: str, site_sources: Path, child_env: dict[str, str], clean_state: dict, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    command = _command(site_sources, project)
    victim = _start_paused(command, child_env, point, tmp_path / "paused")
    try:
        if point == "staged":  # while it holds the warehouse, a second run waits, then gives up clearly
            _assert_second_run_refused(_command(site_sources, project, "--wait", "3"), child_env)
    finally:
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=30)

    after = _run(command, child_env)
    assert after.returncode == EXIT_OK, after.stderr[-3000:]
    warehouse = project / "w.duckdb"
    assert published_state(warehouse) == clean_state
    assert published_state(snapshot_path(warehouse)) == clean_state  # the analysts see it too
    with duckdb.connect(str(warehouse), read_only=True) as con:
        duplicates = con.execute(
            "SELECT count(*) - count(DISTINCT article_id) FROM marts.articles"
        ).fetchone()[0]
        staged_twice = con.execute(
            "SELECT count(*) - count(DISTINCT article_id) FROM staging.articles"
        ).fetchone()[0]
        runs = dict(con.execute("SELECT status, count(*) FROM ops.runs GROUP BY 1").fetchall())
        dangling = con.execute("SELECT count(*) FROM ops.item_outcomes WHERE outcome = 'staged'").fetchone()[
            0
        ]
    assert duplicates == 0 and staged_twice == 0
    assert "running" not in runs  # the killed run's record was closed by the next run
    assert dangling == 0  # every provisional outcome was settled
    expected_killed = "published" if point == "published" else "interrupted"
    assert runs.get(expected_killed, 0) >= 1


def _assert_second_run_refused(command: list[str], env: dict[str, str]) -> None:
    started = time.monotonic()
    second = _run(command, env)
    waited = time.monotonic() - started
    assert second.returncode == EXIT_BUSY, second.stderr[-3000:]
    assert "is being written by run" in second.stderr and "waited 3 s" in second.stderr
    assert "Nothing was changed" in second.stderr
    assert waited >= 3


KILLS = 5  # seeded random moments, each in a run that recovers from the one killed before it
KILL_SEED = 20261127


def test_runs_killed_at_random_moments_converge_on_the_next_run(
    site_sources: Path, child_env: dict[str, str], clean_run: tuple[dict, float], tmp_path: Path
) -> None:
    """SIGKILL at seeded random moments anywhere in the flow (start-up, fetching, the streaming batches,
    staging, the gate, publishing, the snapshot write): each killed run is followed by another, itself
    killed, and a last undisturbed run must publish exactly what a clean run publishes."""
    import random

    rng = random.Random(KILL_SEED)
    clean_state, one_run = clean_run  # the kill moments are fractions of one whole run here
    project = tmp_path / "project"
    command = _command(site_sources, project)
    phases: list[str] = []
    for _ in range(KILLS):
        victim = subprocess.Popen(command, env=child_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.15, 1.0) * one_run)
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=30)
        stderr = (victim.stderr.read() if victim.stderr else b"").decode("utf-8", "replace")
        phases.append(stderr.strip().splitlines()[-1][:80] if stderr.strip() else "(start-up)")
    after = _run(command, child_env)
    assert after.returncode == EXIT_OK, (phases, after.stderr[-3000:])
    warehouse = project / "w.duckdb"
    assert published_state(warehouse) == clean_state, phases
    assert published_state(snapshot_path(warehouse)) == clean_state
    with duckdb.connect(str(warehouse), read_only=True) as con:
        statuses = [s for (s,) in con.execute("SELECT status FROM ops.runs ORDER BY started_at").fetchall()]
        dangling = con.execute("SELECT count(*) FROM ops.item_outcomes WHERE outcome = 'staged'").fetchone()
    assert "running" not in statuses and dangling == (0,), (statuses, phases)
    assert statuses[-1] in ("published", "unchanged")
