"""Extraction on a Dask cluster: a real LocalCluster of worker processes, a real Prefect server on
loopback, and the real command; what it publishes equals a run on local worker processes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from presswatch.cli import EXIT_ERROR, EXIT_OK
from tests.conftest import SEEDS_DIR
from tests.generated_pages import write_pages
from tests.marts_state import published_state

pytestmark = [pytest.mark.flow]


@pytest.fixture(scope="module")
def prefect_api(prefect_harness: None) -> str:
    """The session's Prefect server (on loopback): the run and the Dask workers both report to it."""
    from prefect.settings import PREFECT_API_URL

    return str(PREFECT_API_URL.value())


@pytest.fixture(scope="module")
def dask_scheduler(prefect_api: str) -> Iterator[str]:
    """A LocalCluster of two worker processes that know the Prefect API; yields the scheduler address."""
    from distributed import LocalCluster

    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = prefect_api  # inherited by the worker processes
    try:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        with cluster:
            yield cluster.scheduler_address
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous


def _project(root: Path) -> Path:
    shutil.copytree(SEEDS_DIR, root / "seeds")
    write_pages(root / "seeds" / "pages", 40)
    (root / "seeds" / "sources.toml").write_text(
        '[[source]]\nid = "seeds"\nkind = "local"\npath = "."\nrecursive = true\n'
        'patterns = ["*.txt", "*.html"]\n',
        encoding="utf-8",
    )
    return root


def _run(project: Path, env: dict[str, str], *extra: str) -> subprocess.CompletedProcess:
    command = [
        sys.executable, "-m", "presswatch.cli", "run",
        "--sources", str(project / "seeds" / "sources.toml"),
        "--event", str(project / "seeds" / "event.toml"),
        "--warehouse", str(project / "w.duckdb"), "--reports", str(project / "reports"), *extra,
    ]  # fmt: skip
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)


def _task_run_names(prefect_api: str, flow_run_id: str) -> list[str]:
    import asyncio

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    async def names() -> list[str]:
        async with get_client() as client:
            runs = await client.read_task_runs(
                flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])), limit=200
            )
            return [run.name for run in runs]

    return asyncio.run(names())


def test_extraction_on_a_dask_cluster_publishes_what_a_local_run_publishes(
    tmp_path: Path, prefect_api: str, dask_scheduler: str
) -> None:
    import duckdb

    env = {**os.environ, "PREFECT_API_URL": prefect_api, "PRESSWATCH_PROGRESS": "0"}
    local = _project(tmp_path / "local")
    distributed = _project(tmp_path / "distributed")
    done = _run(local, env)
    assert done.returncode == EXIT_OK, done.stderr[-3000:]
    done = _run(distributed, env, "--dask", dask_scheduler)
    assert done.returncode == EXIT_OK, done.stderr[-3000:]
    local_state = published_state(local / "w.duckdb", {str(local): "<project>"})
    assert len(local_state["articles"]) >= 40
    assert published_state(distributed / "w.duckdb", {str(distributed): "<project>"}) == local_state
    # The pages went through Prefect tasks on the cluster, recorded under the run's flow run.
    with duckdb.connect(str(distributed / "w.duckdb"), read_only=True) as con:
        [(flow_run_id,)] = con.execute("SELECT flow_run_id FROM ops.runs").fetchall()
    names = _task_run_names(prefect_api, flow_run_id)
    assert sum(name.startswith("extract-and-analyse") for name in names) >= 2  # 45 payloads in chunks of 25


def test_dask_without_a_prefect_server_is_refused_before_anything_runs(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    done = _run(project, env, "--dask", "tcp://127.0.0.1:9")
    assert done.returncode == EXIT_ERROR
    assert "--dask needs a Prefect server" in done.stderr
    assert not (project / "w.duckdb").exists()
