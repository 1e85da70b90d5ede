"""The ``presswatch`` command as a user runs it."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from presswatch.cli import EXIT_ERROR, EXIT_OK, main
from warehouse.connection import apply_ddl, open_warehouse
from warehouse.snapshot import refresh_snapshot

pytestmark = pytest.mark.process  # starts the command, a Prefect API or worker processes


def test_a_bad_sources_file_fails_fast_with_its_reason(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text("[[source]]\nid = 'x'\n", encoding="utf-8")
    assert main(["run", "--sources", str(sources), "--warehouse", str(tmp_path / "w.duckdb")]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "configuration error" in err
    assert "missing key 'path' (expected a folder" in err
    assert not (tmp_path / "w.duckdb").exists()


def test_a_bad_event_profile_fails_fast(seed_project: Path, capsys: pytest.CaptureFixture) -> None:
    event = seed_project / "seeds" / "event.toml"
    event.write_text("[event]\nid = 'x'\n", encoding="utf-8")
    args = ["run", "--sources", str(seed_project / "seeds" / "sources.toml"), "--event", str(event)]
    assert main([*args, "--warehouse", str(seed_project / "w.duckdb")]) == EXIT_ERROR
    assert "missing key" in capsys.readouterr().err


def test_sql_reads_the_warehouse_and_refuses_file_access(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db = tmp_path / "w.duckdb"
    with open_warehouse(db) as con:
        apply_ddl(con)
        refresh_snapshot(con, db, published_run_id=None, refreshed_at=datetime(2026, 1, 8))
    assert main(["sql", "SELECT count(*) AS n FROM marts.articles", "--warehouse", str(db)]) == EXIT_OK
    assert "(1 row)" in capsys.readouterr().out
    assert main(["sql", f"SELECT * FROM read_text('{__file__}')", "--warehouse", str(db)]) == EXIT_ERROR
    assert "read_text(), which is not allowed" in capsys.readouterr().err
    assert main(["sql", "SELECT 1", "--warehouse", str(tmp_path / "absent.duckdb")]) == EXIT_ERROR
    assert "run `presswatch run` first" in capsys.readouterr().err


@pytest.mark.flow
def test_the_command_publishes_then_reports_nothing_changed(seed_project: Path) -> None:
    command = [
        sys.executable, "-m", "presswatch.cli", "run",
        "--sources", str(seed_project / "seeds" / "sources.toml"),
        "--event", str(seed_project / "seeds" / "event.toml"),
        "--warehouse", str(seed_project / "w.duckdb"),
        "--reports", str(seed_project / "reports"),
    ]  # fmt: skip
    env = {**os.environ, "PREFECT_HOME": str(seed_project / "prefect-home")}
    first = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert first.returncode == EXIT_OK, first.stderr[-2000:]
    assert "PUBLISHED" in first.stdout
    assert "marts.coverage_summary" in first.stdout
    assert "5 published" in first.stdout
    second = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert second.returncode == EXIT_OK, second.stderr[-2000:]
    assert "UNCHANGED" in second.stdout
    assert "5 unchanged" in second.stdout
    # Off a terminal the progress bars stay quiet; on one they are drawn.
    for quiet in (first, second):
        assert "reading files" not in quiet.stdout + quiet.stderr
    on_terminal = _run_on_terminal(command, env)
    assert "UNCHANGED" in on_terminal
    assert "reading files" in on_terminal and "staging" in on_terminal


def _run_on_terminal(command: list[str], env: dict[str, str]) -> str:
    """Run ``command`` with a pseudo-terminal as stdin, stdout and stderr; return what it drew."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        command, stdin=follower, stdout=follower, stderr=follower, env={**env, "TERM": "xterm"}
    )
    os.close(follower)
    chunks: list[bytes] = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=300) == EXIT_OK
    return b"".join(chunks).decode("utf-8", "replace")


PRESSWATCH = Path(sys.executable).with_name("presswatch")  # the installed console script


@pytest.mark.parametrize(
    "command",
    [["run"], ["reprocess"], ["backfill", "--since", "2026-01-04", "--until", "2026-01-07"], ["serve"]],
)
def test_configuration_errors_stop_every_command_before_anything_starts(
    seed_project: Path, command: list[str]
) -> None:
    """Both files are checked in full up front: exit 2, each problem on stderr, no traceback, no files."""
    seeds = seed_project / "seeds"
    sources = seeds / "sources.toml"
    sources.write_text(
        sources.read_text(encoding="utf-8") + "\n[fetch]\nmax_attempts = 0\n", encoding="utf-8"
    )
    event = seeds / "event.toml"
    text = event.read_text(encoding="utf-8").replace("days_before = 30", 'days_before = "thirty"')
    event.write_text(text.replace('variants = [\n    "Lee', 'varients = [\n    "Lee', 1), encoding="utf-8")
    args = ["--sources", str(sources), "--event", str(event), "--warehouse", str(seed_project / "w.duckdb")]
    args += ["--reports", str(seed_project / "reports")]
    if command == ["serve"]:
        args += ["--port", "1"]  # were the check to let it through, no server could start here either
    env = {**os.environ, "PREFECT_HOME": str(seed_project / "prefect-home")}
    env.pop("PREFECT_API_URL", None)
    done = subprocess.run(
        [str(PRESSWATCH), *command, *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == EXIT_ERROR, done.stderr[-3000:]
    assert "Traceback" not in done.stderr + done.stdout
    assert f"{sources}: [fetch] max_attempts: expected an integer >= 1, found 0" in done.stderr
    assert (
        f'{event}: [event.coverage_window] days_before: expected an integer >= 0, found "thirty" (a string)'
        in done.stderr
    )
    assert f"{event}: [[entities]] #1 ('lee-jae-myung') varients: unknown key, did you mean 'variants'?" in (
        done.stderr
    )
    assert not (seed_project / "w.duckdb").exists()
    assert not (seed_project / "reports").exists()
    assert not (seed_project / "prefect-home").exists()  # Prefect never started


def test_a_fetch_setting_out_of_range_stops_the_run_before_prefect(seed_project: Path) -> None:
    """Before the fix this started Prefect and failed inside the flow, recorded as a failed run."""
    sources = seed_project / "seeds" / "sources.toml"
    sources.write_text(
        sources.read_text(encoding="utf-8") + '\n[fetch]\nconnect_timeout = -1\nuser_agent = "a\\r\\nb"\n',
        encoding="utf-8",
    )
    env = {**os.environ, "PREFECT_HOME": str(seed_project / "prefect-home")}
    event = seed_project / "seeds" / "event.toml"
    done = subprocess.run(
        [str(PRESSWATCH), "run", "--sources", str(sources), "--event", str(event),
         "--warehouse", str(seed_project / "w.duckdb"), "--reports", str(seed_project / "reports")],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == EXIT_ERROR, done.stderr[-3000:]
    assert "Traceback" not in done.stderr + done.stdout
    assert f"{sources}: [fetch] connect_timeout: expected a number > 0, found -1" in done.stderr
    assert f"{sources}: [fetch] user_agent: expected printable ASCII text" in done.stderr
    assert not (seed_project / "w.duckdb").exists()
    assert not (seed_project / "prefect-home").exists()
