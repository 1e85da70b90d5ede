"""Opening the warehouse file and applying its DDL.

Every task opens its own short-lived connection from a path (connections are not passed
between tasks). DuckDB lets one process write a file at a time, so opening waits a bounded
time for another writer to finish instead of failing at the first lock error.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

__all__ = [
    "DDL_DIR",
    "MODELS_DIR",
    "WarehouseBusyError",
    "apply_ddl",
    "first_row",
    "open_read_only",
    "open_warehouse",
]

DDL_DIR = Path(__file__).parent / "ddl"
MODELS_DIR = Path(__file__).parent / "models"


class WarehouseBusyError(RuntimeError):
    """Another process holds the warehouse file and did not release it in time."""


def _is_lock_error(exc: duckdb.Error) -> bool:
    return "lock" in str(exc).lower()


@contextmanager
def open_warehouse(
    path: Path | str, *, read_only: bool = False, wait_seconds: float = 30.0
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse at ``path`` (created if missing), retrying while another process holds it."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    delay = 0.1
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.IOException as exc:
            if not _is_lock_error(exc) or time.monotonic() >= deadline:
                if _is_lock_error(exc):
                    raise WarehouseBusyError(
                        f"warehouse {path} is locked by another process (waited {wait_seconds:.0f} s): {exc}"
                    ) from exc
                raise
            time.sleep(delay)
            delay = min(delay * 2, 2.0)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def open_read_only(path: Path | str) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open a database file for reading only, with file access outside it disabled and locked.

    For analysts' SQL and reports: ``COPY ... TO``, ``read_text()`` and ``ATTACH`` are refused, and
    the settings cannot be turned back on from inside the session. Analysts' statements are also
    checked one by one before they run (:mod:`warehouse.read_only_sql`).
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no database at {path}: run `presswatch run` first")
    config: dict[str, str | bool | int | float | list[str]] = {
        "enable_external_access": False,
        # No secrets read from or written to the user's home, no extension loading, no Python
        # objects of the calling process readable as tables; and none of it can be turned back on.
        "allow_persistent_secrets": False,
        "autoload_known_extensions": False,
        "autoinstall_known_extensions": False,
        "python_enable_replacements": False,
        "lock_configuration": True,
    }
    con = duckdb.connect(str(path), read_only=True, config=config)
    try:
        yield con
    finally:
        con.close()


def _columns(con: duckdb.DuckDBPyConnection, schema: str) -> dict[str, list[tuple[str, str]]]:
    rows = con.execute(
        "SELECT table_name, column_name, data_type FROM duckdb_columns() "
        "WHERE schema_name = ? ORDER BY table_name, column_index",
        [schema],
    ).fetchall()
    tables: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in rows:
        tables.setdefault(table, []).append((column, data_type))
    return tables


def _reset_reshaped(con: duckdb.DuckDBPyConnection, ddl: list[str], schemas: tuple[str, ...]) -> None:
    """Drop derived tables whose shape differs from the DDL (an upgraded presswatch), so the DDL can
    create them anew. Only rebuildable layers qualify: marts are republished by the same run
    (the model version is part of the publication fingerprint) and analysis tables are re-derived."""
    with duckdb.connect() as scratch:
        for statement in ddl:
            scratch.execute(statement)
        for schema in schemas:
            wanted = _columns(scratch, schema)
            for table, columns in _columns(con, schema).items():
                if table in wanted and columns != wanted[table]:
                    con.execute(f"DROP TABLE {schema}.{table}")


def first_row(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> tuple:
    """The first row of a query that always returns one (an aggregate); raises if it returned none."""
    row = con.execute(sql, params or []).fetchone()
    if row is None:
        raise LookupError(f"query returned no row: {sql[:120]}")
    return row


def apply_ddl(con: duckdb.DuckDBPyConnection) -> None:
    """Create every schema and table that does not exist yet, with their comments.

    The DDL files are idempotent (``IF NOT EXISTS``); comments are re-applied each time so a
    changed description reaches existing warehouses. Marts whose columns changed are recreated.
    """
    ddl = [path.read_text(encoding="utf-8") for path in sorted(DDL_DIR.glob("*.sql"))]
    _reset_reshaped(con, ddl, ("marts", "candidate"))
    for statement in ddl:
        con.execute(statement)
