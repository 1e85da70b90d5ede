"""Scheduling: the deployment definition loads, and a served schedule really runs the pipeline."""

from __future__ import annotations

import inspect
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
import yaml

from flows.scheduled import DEPLOYMENT_NAME, scheduled_run
from runtime.prefect_server import server_answers
from tests.conftest import PROJECT_ROOT
from warehouse.snapshot import snapshot_path

pytestmark = pytest.mark.process  # starts the command, a Prefect API or worker processes


def test_prefect_yaml_points_at_the_scheduled_flow_with_its_parameters() -> None:
    config = yaml.safe_load((PROJECT_ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    [deployment] = config["deployments"]
    module_path, _, name = deployment["entrypoint"].partition(":")
    assert (PROJECT_ROOT / module_path).is_file() and name == scheduled_run.fn.__name__
    accepted = set(inspect.signature(scheduled_run.fn).parameters)
    assert set(deployment["parameters"]) <= accepted
    for key in ("sources", "event", "warehouse"):
        assert key in deployment["parameters"]
    [schedule] = deployment["schedules"]
    minute, hour, *_ = schedule["cron"].split()
    assert minute.isdigit() and hour == "*"  # hourly


def _wait_for(condition: object, timeout: float, what: str) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()  # type: ignore[operator]
        if value:
            return value
        time.sleep(1)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def _completed_scheduled_runs(api_url: str) -> list[object]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterName
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if not server_answers(api_url):  # the server is still starting
        return []
    with temporary_settings({PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
        runs = client.read_flow_runs(
            deployment_filter=DeploymentFilter(name=DeploymentFilterName(any_=[DEPLOYMENT_NAME]))
        )
    return [r for r in runs if r.state and r.state.is_completed()]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stop(process: subprocess.Popen) -> int:
    """Stop a served schedule as Ctrl-C does."""
    process.send_signal(signal.SIGINT)
    try:
        return process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()


@pytest.mark.flow
def test_a_served_schedule_runs_the_pipeline_and_stops(seed_project: Path) -> None:
    # No PREFECT_API_URL: `presswatch serve` starts its own Prefect server (scheduler included) on loopback.
    port = _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    warehouse = seed_project / "w.duckdb"
    env = {
        **os.environ,
        "PREFECT_HOME": str(seed_project / "prefect-home"),
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "3",
        "PREFECT_RUNNER_POLL_FREQUENCY": "2",
        "PREFECT_UI_ENABLED": "false",
        "PRESSWATCH_PROGRESS": "0",
    }
    env.pop("PREFECT_API_URL", None)
    command = [
        sys.executable, "-m", "presswatch.cli", "serve", "--interval", "10", "--port", str(port),
        "--sources", str(seed_project / "seeds" / "sources.toml"),
        "--event", str(seed_project / "seeds" / "event.toml"),
        "--warehouse", str(warehouse), "--reports", str(seed_project / "reports"),
    ]  # fmt: skip
    log = (seed_project / "serve.log").open("w")
    served = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        completed = _wait_for(lambda: _completed_scheduled_runs(api_url), 240, "a scheduled run to complete")
        assert completed[0].parameters["warehouse"] == str(warehouse)
        # Read through the analysts' snapshot: the served runs keep writing the warehouse itself.
        with duckdb.connect(str(snapshot_path(warehouse)), read_only=True) as con:
            first = con.execute("SELECT status FROM ops.runs ORDER BY started_at LIMIT 1").fetchone()
        assert first == ("published",)
        assert (seed_project / "reports" / "report.html").is_file()
    finally:
        code = _stop(served)
        log.close()
    assert code == 0, (seed_project / "serve.log").read_text()[-3000:]
    # Stopping the schedule stopped the server it started.
    _wait_for(lambda: not server_answers(api_url), 30, "the Prefect server to stop")


@pytest.mark.parametrize(
    ("option", "message"),
    [(["--cron", "x y"], "invalid --cron"), (["--interval", "0"], "--interval must be positive")],
)
def test_a_bad_schedule_is_refused_before_anything_starts(
    option: list[str], message: str, seed_project: Path, capsys: pytest.CaptureFixture
) -> None:
    from presswatch.cli import EXIT_ERROR, main

    args = ["serve", *option, "--warehouse", str(seed_project / "w.duckdb"),
            "--sources", str(seed_project / "seeds" / "sources.toml")]  # fmt: skip
    assert main(args) == EXIT_ERROR
    assert message in capsys.readouterr().err
    assert not (seed_project / "w.duckdb").exists()
