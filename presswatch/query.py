"""Ad-hoc, read-only SQL for analysts (``presswatch sql``), on the published snapshot."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from warehouse.connection import open_read_only
from warehouse.read_only_sql import QueryResult, run_read_only

__all__ = ["format_table", "printable", "run_query"]

_MAX_CELL = 80


def run_query(database: Path, sql: str) -> list[QueryResult]:
    """Check, then run, every statement of ``sql`` on a read-only connection without file access."""
    with open_read_only(database) as con:
        return run_read_only(con, sql)


def printable(text: str) -> str:
    """``text`` with control characters shown as escapes, so data cannot drive the terminal.

    Newlines and tabs become spaces (a cell stays on one line); other control and format
    characters (ESC, BEL, CR, bidi overrides, ...) become ``\\x1b``-style escapes.
    """
    out = []
    for char in text:
        if char in "\n\t":
            out.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def _cell(value: object) -> str:
    text = printable("NULL" if value is None else str(value))
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 1] + "…"


def format_table(columns: list[str], rows: list[tuple]) -> str:
    """Render rows as an aligned plain-text table (long cells are cut, control characters escaped)."""
    columns = [printable(c) for c in columns]
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = [
        " | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)),
        "-+-".join("-" * w for w in widths),
    ]
    lines.extend(" | ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in cells)
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
