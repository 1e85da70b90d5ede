"""The analysts' read path: a snapshot that never blocks a run, and `presswatch sql` / `shell` on it."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from flows.ingest import ingest
from presswatch.cli import EXIT_ERROR, EXIT_OK, main
from tests.conftest import read_seed, run_settings
from warehouse.connection import apply_ddl, open_warehouse
from warehouse.snapshot import refresh_snapshot, snapshot_path

pytestmark = pytest.mark.process  # starts the command, a Prefect API or worker processes


def _published_warehouse(path: Path) -> None:
    with open_warehouse(path) as con:
        apply_ddl(con)
        con.execute(
            "INSERT INTO marts.entities VALUES ('lee', 'Lee Jae Myung', 'person', 3, 9, 2, ['Lee Jaemyung'])"
        )
        refresh_snapshot(con, path, published_run_id="r1", refreshed_at=datetime(2026, 1, 8, 9, 0))


def test_the_snapshot_holds_published_tables_with_their_comments_and_nothing_unvalidated(
    tmp_path: Path,
) -> None:
    warehouse = tmp_path / "w.duckdb"
    _published_warehouse(warehouse)
    with duckdb.connect(str(snapshot_path(warehouse)), read_only=True) as con:
        schemas = {r[0] for r in con.execute("SELECT DISTINCT schema_name FROM duckdb_tables()").fetchall()}
        assert schemas == {"marts", "dq", "ops"}  # no raw, staging or candidate tables
        assert con.execute("SELECT name FROM marts.entities").fetchall() == [("Lee Jae Myung",)]
        assert con.execute("SELECT published_run_id FROM ops.snapshot").fetchall() == [("r1",)]
        undocumented = con.execute(
            "SELECT count(*) FROM duckdb_columns() WHERE schema_name IN ('marts', 'dq', 'ops') "
            "AND (comment IS NULL OR comment = '')"
        ).fetchone()[0]
        assert undocumented == 0
        # dq views arrive as plain tables, so the snapshot needs nothing from the warehouse.
        assert con.execute("SELECT count(*) FROM dq.run_history").fetchone() == (0,)
    assert not list(tmp_path.glob(".*.tmp"))


def test_sql_and_report_read_the_snapshot_even_while_a_writer_holds_the_warehouse(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    warehouse = tmp_path / "w.duckdb"
    _published_warehouse(warehouse)
    with open_warehouse(warehouse) as writer:  # a run holds the file for writing
        writer.execute("DELETE FROM marts.entities")
        query = "SELECT name, articles FROM marts.entities"
        assert main(["sql", query, "--warehouse", str(warehouse)]) == EXIT_OK
        assert "Lee Jae Myung | 3" in capsys.readouterr().out
        assert main(["report", "--warehouse", str(warehouse), "--reports", str(tmp_path / "r")]) == EXIT_OK
        assert (tmp_path / "r" / "report.html").is_file()
    # File access stays off on the read path.
    refused = f"SELECT * FROM read_text('{warehouse}')"
    assert main(["sql", refused, "--warehouse", str(warehouse)]) == EXIT_ERROR
    assert "read_text(), which is not allowed" in capsys.readouterr().err


def test_shell_answers_statements_and_dot_commands_from_piped_input(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    _published_warehouse(warehouse)
    script = (
        ".tables\n"
        ".describe marts.entities\n"
        "SELECT name,\n       variants_seen\nFROM marts.entities;\n"
        "COPY marts.entities TO 'leak.csv';\n"
        "SELECT 42 AS answer\n"
    )
    shell = subprocess.run(
        [sys.executable, "-m", "presswatch.cli", "shell", "--warehouse", str(warehouse)],
        input=script, capture_output=True, text=True, timeout=60, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert shell.returncode == EXIT_OK, shell.stderr
    out = shell.stdout
    assert "marts.claim_conflicts" in out and "ops.snapshot" in out  # .tables lists the snapshot
    assert "variants_seen | VARCHAR[]" in out  # .describe shows columns with their types
    assert "Lee Jae Myung | ['Lee Jaemyung']" in out
    assert "error:" in out and not (tmp_path / "leak.csv").exists()
    assert "42" in out.splitlines()[-2]  # the last statement, without its ';', still ran


class _Shell:
    """A `presswatch shell` process driven through pipes, as an analyst's open session."""

    def __init__(self, warehouse: Path, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "presswatch.cli", "shell", "--warehouse", str(warehouse)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip

    def ask(self, sql: str, timeout: float = 60) -> str:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(sql.encode() + b"\n")
        self.process.stdin.flush()
        answer = b""
        fd = self.process.stdout.fileno()
        while b" row" not in answer and b"error:" not in answer:
            ready, _, _ = select.select([fd], [], [], timeout)
            assert ready, f"no answer to {sql!r}; got {answer!r}"
            chunk = os.read(fd, 65536)
            assert chunk, f"shell ended: {answer!r}"
            answer += chunk
        return answer.decode()

    def close(self) -> int:
        assert self.process.stdin
        self.process.stdin.write(b".quit\n")
        self.process.stdin.close()
        return self.process.wait(timeout=30)


@pytest.mark.flow
def test_an_open_analyst_session_and_a_full_run_both_succeed(
    prefect_harness: None, seed_project: Path
) -> None:
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()), "PRESSWATCH_PROGRESS": "0"}
    warehouse = seed_project / "w.duckdb"
    assert ingest(run_settings(seed_project)).status == "published"

    session = _Shell(warehouse, env)  # another process, as an analyst's terminal would be
    try:
        before = session.ask("SELECT count(*) AS articles FROM marts.articles;")
        # A new article arrives; a full run fetches, validates and publishes it while the session is open.
        text = read_seed("003").replace("Lee", "Mr Lee")
        follow_up = {"title": "Follow-up", "text": text, "published": "2026-01-09"}
        (seed_project / "seeds" / "late.jsonl").write_text(json.dumps(follow_up) + "\n", encoding="utf-8")
        second = ingest(run_settings(seed_project))
        during = session.ask("SELECT count(*) AS articles FROM marts.articles;")
    finally:
        code = session.close()
    assert second.status == "published", second.failures
    assert code == EXIT_OK
    # The open session kept a consistent view (the snapshot it opened); a new one sees the new publication.
    assert _single_number(during) == _single_number(before)
    fresh = subprocess.run(
        [sys.executable, "-m", "presswatch.cli", "sql", "SELECT count(*) AS n FROM marts.articles",
         "--warehouse", str(warehouse)],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert _single_number(fresh.stdout) == _single_number(before) + 1


def _single_number(table: str) -> int:
    """The value of a one-row, one-column result printed by presswatch."""
    [value] = [int(line.strip()) for line in table.splitlines() if line.strip().isdigit()]
    return value


@pytest.mark.flow
def test_a_snapshot_that_cannot_be_written_does_not_fail_the_run(
    prefect_harness: None, seed_project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = snapshot_path(seed_project / "w.duckdb")
    blocker.mkdir(parents=True)  # a directory in the way: the rename into place fails
    (blocker / "keep").write_text("x", encoding="utf-8")
    result = ingest(run_settings(seed_project))
    assert result.status == "published", result.failures
    assert "analysts' snapshot not refreshed" in caplog.text
    assert (blocker / "keep").is_file()
    assert not list(blocker.parent.glob(".*.tmp"))  # the half-made snapshot was removed
