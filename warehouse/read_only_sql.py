"""Analysts' SQL, checked statement by statement before it runs: reading only, nothing else.

A read-only connection with external access off still lets DuckDB create persistent secrets (files
in the user's home), list the stored ones, turn on file logging (which can abort the process) and
run other side-effecting table functions. So every statement is parsed first: only queries
(``SELECT``, ``FROM``, ``WITH``, ``SHOW``, ``DESCRIBE``, ``SUMMARIZE``, ``VALUES``, ``EXPLAIN`` of one)
run, and only with table functions that read the catalog or make rows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import duckdb

from warehouse.connection import first_row

__all__ = ["QueryResult", "RefusedStatement", "checked_statements", "run_read_only"]

# Table functions an analyst may use: generators and the catalog. Every other table function is
# refused (file readers, logging, secrets, checkpoints, query()/query_table() that run SQL strings).
ALLOWED_TABLE_FUNCTIONS = frozenset(
    {
        "range", "generate_series", "unnest", "repeat", "json_each", "json_tree", "summary",
        "histogram", "histogram_values", "duckdb_columns", "duckdb_constraints", "duckdb_databases",
        "duckdb_dependencies", "duckdb_functions", "duckdb_indexes", "duckdb_keywords", "duckdb_schemas",
        "duckdb_sequences", "duckdb_tables", "duckdb_types", "duckdb_views", "pragma_table_info",
        "pragma_show", "pragma_version", "pragma_platform", "pragma_database_size", "pragma_storage_info",
        "pragma_metadata_info", "pragma_collations", "icu_calendar_names", "pg_timezone_names",
    }
)  # fmt: skip
# Scalar functions with side effects.
DENIED_SCALAR_FUNCTIONS = frozenset({"write_log"})
_EXPLAIN = re.compile(r"^\s*EXPLAIN(\s+ANALY[SZ]E)?\b", re.IGNORECASE)


class RefusedStatement(ValueError):
    """A statement that is not a plain read of the snapshot; the message says which and why."""


@dataclass(frozen=True)
class QueryResult:
    """The columns and rows one statement returned (both empty for a statement without rows)."""

    columns: list[str]
    rows: list[tuple]


def _function_names(node: object) -> Iterator[str]:
    """Every function named anywhere in a serialized statement (scalar, aggregate or table)."""
    if isinstance(node, dict):
        name = node.get("function_name")
        if isinstance(name, str):
            yield name.lower()
        for value in node.values():
            yield from _function_names(value)
    elif isinstance(node, list):
        for value in node:
            yield from _function_names(value)


def _table_functions(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT DISTINCT lower(function_name) FROM duckdb_functions() "
        "WHERE function_type IN ('table', 'table_macro')"
    ).fetchall()
    return {row[0] for row in rows}


def _check_query(con: duckdb.DuckDBPyConnection, text: str, number: int, table_functions: set[str]) -> None:
    """Refuse a SELECT-type statement that is not a plain query or calls a side-effecting function."""
    serialized = json.loads(first_row(con, "SELECT json_serialize_sql(?)", [text])[0])
    if serialized.get("error"):
        # PRAGMA and the like are rewritten to SELECT by the parser but are not plain queries.
        raise RefusedStatement(
            f"statement {number} is not a plain query ({serialized.get('error_message')}); "
            "only SELECT, FROM, WITH, SHOW, DESCRIBE, SUMMARIZE, VALUES and EXPLAIN are allowed"
        )
    for name in _function_names(serialized):
        if name in DENIED_SCALAR_FUNCTIONS or (
            name in table_functions and name not in ALLOWED_TABLE_FUNCTIONS
        ):
            raise RefusedStatement(
                f"statement {number} calls {name}(), which is not allowed on the read path"
            )


def checked_statements(con: duckdb.DuckDBPyConnection, sql: str) -> list[str]:
    """The statements of ``sql``, each checked to be a read; raise :class:`RefusedStatement` otherwise.

    Nothing runs unless every statement passes, so a refused statement after a good one changes nothing.
    """
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise RefusedStatement(f"cannot parse: {exc}") from exc
    table_functions = _table_functions(con)
    checked = []
    for number, statement in enumerate(statements, start=1):
        text = statement.query
        kind = statement.type
        if kind.name == "EXPLAIN":
            _check_query(con, _EXPLAIN.sub("", text, count=1), number, table_functions)
        elif kind.name == "SELECT":
            _check_query(con, text, number, table_functions)
        else:
            verb = kind.name if hasattr(kind, "name") else str(kind)
            raise RefusedStatement(
                f"statement {number} is a {verb} statement; the read path only runs queries (SELECT ...)"
            )
        checked.append(text)
    return checked


def run_read_only(con: duckdb.DuckDBPyConnection, sql: str) -> list[QueryResult]:
    """Check every statement of ``sql`` (see :func:`checked_statements`), then run them in order."""
    results = []
    for text in checked_statements(con, sql):
        cursor = con.execute(text)
        if cursor.description is None:
            results.append(QueryResult([], []))
        else:
            results.append(QueryResult([c[0] for c in cursor.description], cursor.fetchall()))
    return results
