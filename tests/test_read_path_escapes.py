"""The analysts' read path cannot write, leak or crash, and never opens the live warehouse.

Each escape below was found by probing `presswatch sql` / `shell`: persistent secrets written to
(or outside) the user's home, stored secrets listed, file logging that aborted the process, plus the
escapes refused before (file readers, COPY, ATTACH, settings, extensions).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from presswatch.cli import EXIT_ERROR, EXIT_OK, main
from presswatch.query import run_query
from warehouse.connection import apply_ddl, open_warehouse
from warehouse.read_only_sql import RefusedStatement
from warehouse.snapshot import refresh_snapshot, snapshot_path

pytestmark = pytest.mark.process  # starts the command, a Prefect API or worker processes

HOSTILE_NAME = "evil name\x1b[31mRED\x07\r.txt"


def _warehouse(tmp_path: Path, *, snapshot: bool = True) -> Path:
    path = tmp_path / "w.duckdb"
    with open_warehouse(path) as con:
        apply_ddl(con)
        con.execute(
            "INSERT INTO marts.entities VALUES ('lee', ?, 'person', 3, 9, 2, ['Lee Jaemyung'])",
            [HOSTILE_NAME],
        )
        if snapshot:
            refresh_snapshot(con, path, published_run_id="r1", refreshed_at=datetime(2026, 1, 8, 9, 0))
    return path


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private home directory holding one stored DuckDB secret, as an analyst's machine might."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    with duckdb.connect() as con:
        con.execute("SET secret_directory = ?", [str(home / ".duckdb" / "stored_secrets")])
        con.execute("CREATE PERSISTENT SECRET stored_token (TYPE http, BEARER_TOKEN 'hunter2')")
    return home


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


ESCAPES = [
    "CREATE PERSISTENT SECRET s (TYPE http, BEARER_TOKEN 'x')",
    "CREATE PERSISTENT SECRET \"../../../some/dir/x\" (TYPE http, BEARER_TOKEN 'x')",
    "CREATE OR REPLACE PERSISTENT SECRET stored_token (TYPE http, BEARER_TOKEN 'overwritten')",
    "CREATE SECRET t (TYPE http, BEARER_TOKEN 'x')",
    "SELECT * FROM duckdb_secrets()",
    "SELECT name FROM (SELECT * FROM duckdb_secrets()) WHERE true",
    "SELECT which_secret('https://example.com', 'http')",
    "SELECT * FROM enable_logging(storage = 'file', storage_path = 'logs')",
    "SELECT * FROM disable_logging()",
    "SELECT write_log('x')",
    "SELECT * FROM checkpoint()",
    "SELECT * FROM query('SELECT 1')",
    "SELECT * FROM query_table('marts.entities')",
    "SELECT * FROM read_text('/etc/passwd')",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM glob('/etc/*')",
    "COPY marts.entities TO 'leak.csv'",
    "EXPORT DATABASE 'dump'",
    "ATTACH ':memory:' AS other",
    "SET enable_external_access = true",
    "RESET lock_configuration",
    "INSTALL fts",
    "LOAD fts",
    "PRAGMA enable_profiling",
    "CALL pragma_version()",
    "CREATE TABLE t AS SELECT 1",
    "CREATE MACRO m() AS 1",
    "DELETE FROM marts.entities",
    "PIVOT marts.entities ON kind",
    "EXPLAIN SELECT * FROM read_text('/etc/passwd')",
    "SELECT 1; COPY marts.entities TO 'leak.csv'",
]


@pytest.mark.parametrize("statement", ESCAPES)
def test_every_escape_is_refused_and_leaves_no_file_behind(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, statement: str
) -> None:
    warehouse = _warehouse(tmp_path)
    monkeypatch.chdir(tmp_path)
    before = _files(tmp_path)
    secret_file = home / ".duckdb" / "stored_secrets" / "stored_token.duckdb_secret"
    secret_bytes = secret_file.read_bytes()
    assert main(["sql", statement, "--warehouse", str(warehouse)]) == EXIT_ERROR
    captured = capsys.readouterr()
    assert captured.err.startswith("presswatch sql:")
    assert "hunter2" not in captured.out + captured.err and "stored_token" not in captured.out
    assert _files(tmp_path) == before
    assert secret_file.read_bytes() == secret_bytes


def test_file_logging_cannot_abort_the_process(tmp_path: Path) -> None:
    warehouse = _warehouse(tmp_path)
    statement = "CALL enable_logging(storage = 'file', storage_path = 'logs'); SELECT 1"
    done = subprocess.run(
        [sys.executable, "-m", "presswatch.cli", "sql", statement, "--warehouse", str(warehouse)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert done.returncode == EXIT_ERROR, (done.returncode, done.stderr)
    assert "CALL statement" in done.stderr
    assert not (tmp_path / "logs").exists()


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("SHOW ALL TABLES", "entities"),
        ("DESCRIBE marts.entities", "variants_seen"),
        ("SUMMARIZE marts.entities", "articles"),
        ("FROM marts.entities SELECT kind", "person"),
        ("WITH e AS (SELECT kind FROM marts.entities) SELECT count(*) AS n FROM e", "1"),
        ("SELECT count(*) AS n FROM range(7)", "7"),
        ("EXPLAIN SELECT kind FROM marts.entities", "physical_plan"),
        (
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'marts' AND table_name = 'claims'",
            "claims",
        ),
        ("SELECT 'a' AS first; SELECT 'b' AS second", "second"),
    ],
)
def test_queries_still_run(
    tmp_path: Path, capsys: pytest.CaptureFixture, statement: str, expected: str
) -> None:
    warehouse = _warehouse(tmp_path)
    assert main(["sql", statement, "--warehouse", str(warehouse)]) == EXIT_OK
    assert expected in capsys.readouterr().out


def test_a_refused_statement_stops_the_ones_before_it_too(tmp_path: Path) -> None:
    warehouse = _warehouse(tmp_path)
    with pytest.raises(RefusedStatement, match="statement 2 is a COPY statement"):
        run_query(snapshot_path(warehouse), "SELECT 1; COPY marts.entities TO 'x.csv'")


def test_the_shell_refuses_the_same_escapes_and_goes_on(tmp_path: Path, home: Path) -> None:
    warehouse = _warehouse(tmp_path)
    script = (
        "CREATE PERSISTENT SECRET s (TYPE http, BEARER_TOKEN 'x');\n"
        "SELECT * FROM duckdb_secrets();\n"
        "CALL enable_logging(storage = 'file', storage_path = 'logs');\n"
        "SELECT 42 AS answer;\n"
    )
    shell = subprocess.run(
        [sys.executable, "-m", "presswatch.cli", "shell", "--warehouse", str(warehouse)],
        input=script, capture_output=True, text=True, timeout=120, cwd=tmp_path, check=False,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert shell.returncode == EXIT_OK, shell.stderr
    assert shell.stdout.count("error:") == 3
    assert "hunter2" not in shell.stdout and "stored_token" not in shell.stdout
    assert "42" in shell.stdout
    assert not (home / ".duckdb" / "stored_secrets" / "s.duckdb_secret").exists()
    assert not (tmp_path / "logs").exists()


def test_control_characters_in_data_are_printed_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    warehouse = _warehouse(tmp_path)
    assert main(["sql", 'SELECT name AS "n\x1b[0m" FROM marts.entities', "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert "evil name\\x1b[31mRED\\x07\\x0d.txt" in out
    assert "n\\x1b[0m" in out


def test_before_the_first_run_finishes_sql_and_shell_say_nothing_is_published_and_leave_the_live_file(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    warehouse = _warehouse(tmp_path, snapshot=False)
    with open_warehouse(warehouse) as writer:  # a first run is writing
        writer.execute("CREATE TABLE staging.unvalidated AS SELECT 'draft' AS x")
        for command in (["sql", "SELECT * FROM staging.unvalidated"], ["shell"], ["report"]):
            assert main([*command, "--warehouse", str(warehouse)]) == EXIT_ERROR
            err = capsys.readouterr().err
            assert "nothing is published yet" in err, err
            assert "lock" not in err.lower()
        # The writer was never disturbed.
        assert writer.execute("SELECT x FROM staging.unvalidated").fetchall() == [("draft",)]


def test_a_snapshot_without_a_publication_says_so(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "w.duckdb"
    with open_warehouse(path) as con:
        apply_ddl(con)
        refresh_snapshot(con, path, published_run_id=None, refreshed_at=datetime(2026, 1, 8, 9, 0))
    assert main(["sql", "SELECT count(*) AS n FROM marts.articles", "--warehouse", str(path)]) == EXIT_OK
    assert "nothing is published yet" in capsys.readouterr().err
