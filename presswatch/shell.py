"""``presswatch shell``: an interactive SQL prompt on the analysts' snapshot (read-only, no file access).

Statements end with ``;`` and may span lines. Dot commands: ``.tables``, ``.describe TABLE``,
``.help``, ``.quit``. Works on piped input too (one statement after another, no prompt).
"""

from __future__ import annotations

import sys
from typing import TextIO

import duckdb

from presswatch.query import format_table, printable
from warehouse.connection import open_read_only
from warehouse.read_only_sql import RefusedStatement, run_read_only

__all__ = ["run_shell"]

_HELP = """Enter SQL ending with ';' (it may span lines). Everything is read-only.
  .tables              list tables with their descriptions
  .describe TABLE      columns of TABLE with their descriptions, e.g. .describe marts.claims
  .help                this text
  .quit                leave (or Ctrl-D)"""

_TABLES = """
SELECT schema_name || '.' || table_name AS "table", coalesce(comment, '') AS description
FROM duckdb_tables() WHERE database_name = current_database() ORDER BY 1
"""
_DESCRIBE = """
SELECT column_name AS "column", data_type AS type, coalesce(comment, '') AS description
FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name || '.' || table_name = ?
ORDER BY column_index
"""


def _print_error(exc: Exception, out: TextIO) -> None:
    print(f"error: {printable(str(exc))}", file=out)


def _show(con: duckdb.DuckDBPyConnection, sql: str, out: TextIO, params: list | None = None) -> None:
    """Run one of the shell's own catalog queries and print it."""
    try:
        cursor = con.execute(sql, params or [])
    except duckdb.Error as exc:
        _print_error(exc, out)
        return
    if cursor.description is not None:
        print(format_table([c[0] for c in cursor.description], cursor.fetchall()), file=out)


def _run_user_sql(con: duckdb.DuckDBPyConnection, sql: str, out: TextIO) -> None:
    """Check, then run, what the analyst typed; print each result, or why it was refused."""
    try:
        results = run_read_only(con, sql)
    except (duckdb.Error, RefusedStatement) as exc:
        _print_error(exc, out)
        return
    for result in results:
        if result.columns:
            print(format_table(result.columns, result.rows), file=out)


def _dot_command(con: duckdb.DuckDBPyConnection, line: str, out: TextIO) -> bool:
    """Handle a dot command; return False when the shell should stop."""
    command, _, argument = line.partition(" ")
    if command in (".quit", ".exit"):
        return False
    if command == ".tables":
        _show(con, _TABLES, out)
    elif command == ".describe" and argument.strip():
        _show(con, _DESCRIBE, out, [argument.strip()])
    else:
        print(_HELP, file=out)
    return True


def _read_line(stdin: TextIO, interactive: bool, continuation: bool) -> str | None:
    """The next input line, or None at the end of input; prompts only on a terminal."""
    if interactive:
        try:
            return input("   ...> " if continuation else "presswatch> ")
        except EOFError:
            return None
    return stdin.readline() or None


def run_shell(snapshot: str, stdin: TextIO | None = None, out: TextIO | None = None) -> int:
    """Read statements from ``stdin`` and print their results until end of input or ``.quit``."""
    stdin = stdin or sys.stdin
    out = out or sys.stdout
    interactive = stdin is sys.stdin and stdin.isatty()
    with open_read_only(snapshot) as con:
        if interactive:
            print(f"presswatch shell on {snapshot} (read-only snapshot). .help for help.", file=out)
        buffer: list[str] = []
        while (line := _read_line(stdin, interactive, bool(buffer))) is not None:
            stripped = line.strip()
            if not buffer and stripped.startswith("."):
                if not _dot_command(con, stripped, out):
                    break
            elif stripped:
                buffer.append(line.rstrip("\n"))
                if stripped.endswith(";"):
                    _run_user_sql(con, "\n".join(buffer), out)
                    buffer = []
        if buffer:  # a last statement without its ';'
            _run_user_sql(con, "\n".join(buffer), out)
    return 0
