"""What a warehouse publishes, in a form two runs can be compared by: every mart's rows, sorted,
without the columns that name the run or the moment, and with run-specific paths and addresses
replaced by placeholders."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import duckdb

from warehouse.marts import MARTS

__all__ = ["load_state", "published_state", "save_state"]

# Columns that name the run or the moment, which legitimately differ between two equivalent runs.
_VOLATILE_TYPES = ("TIMESTAMP", "TIMESTAMP WITH TIME ZONE")
_VOLATILE_NAMES = ("run_id", "quality_status")


def _plain(value: object, replacements: dict[str, str]) -> object:
    if isinstance(value, str):
        for old, new in replacements.items():
            value = value.replace(old, new)
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, list | tuple):
        return [_plain(v, replacements) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v, replacements) for k, v in value.items()}
    return value


def published_state(database: Path, replacements: dict[str, str] | None = None) -> dict[str, list]:
    """Every mart's rows (volatile columns left out, ``replacements`` applied to strings), sorted."""
    state: dict[str, list] = {}
    with duckdb.connect(str(database), read_only=True) as con:
        for mart in MARTS:
            columns = [
                name
                for name, kind in con.execute(
                    "SELECT column_name, data_type FROM duckdb_columns() "
                    "WHERE schema_name = 'marts' AND table_name = ? ORDER BY column_index",
                    [mart],
                ).fetchall()
                if kind not in _VOLATILE_TYPES and name not in _VOLATILE_NAMES
            ]
            rows = con.execute(f"SELECT {', '.join(columns)} FROM marts.{mart}").fetchall()
            state[mart] = sorted((_plain(list(row), replacements or {}) for row in rows), key=repr)
    return state


def save_state(state: dict[str, list], path: Path) -> None:
    """Write a state as JSON (one file, stable order)."""
    path.write_text(json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def load_state(path: Path) -> dict[str, list]:
    """Read a state written by :func:`save_state`."""
    return json.loads(path.read_text(encoding="utf-8"))
