"""Ad-hoc, read-only SQL for analysts (``presswatch sql``), on the published snapshot by default."""

from __future__ import annotations

from pathlib import Path

from warehouse.connection import open_read_only

__all__ = ["format_table", "run_query"]

_MAX_CELL = 80


def run_query(database: Path, sql: str) -> tuple[list[str], list[tuple]]:
    """Run one statement on a read-only connection with file access outside the database disabled."""
    with open_read_only(database) as con:
        cursor = con.execute(sql)
        if cursor.description is None:
            return [], []
        return [column[0] for column in cursor.description], cursor.fetchall()


def _cell(value: object) -> str:
    text = "NULL" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 1] + "…"


def format_table(columns: list[str], rows: list[tuple]) -> str:
    """Render rows as an aligned plain-text table (long cells are cut)."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = [
        " | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)),
        "-+-".join("-" * w for w in widths),
    ]
    lines.extend(" | ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in cells)
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
