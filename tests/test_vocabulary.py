"""The names of outcomes and statuses live in one enum each; the warehouse's column comments list
exactly those names, so an analyst reading ``duckdb_columns()`` sees every value the column holds."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

import duckdb
import pytest

from warehouse.connection import apply_ddl
from warehouse.outcomes import ItemOutcome, RunStatus
from web.outcomes import FetchOutcome

# Words of a comment that join names rather than being names.
_JOINERS = re.compile(r"\b(?:for (?:web items|feeds) also|and|or)\b")


def _names_in(comment: str) -> set[str]:
    """The value names a comment lists: its words outside parentheses, between commas/semicolons."""
    outside = re.sub(r"\([^()]*\)", "", comment)
    return {part.strip(" .") for part in re.split(r"[,;]", _JOINERS.sub(",", outside)) if part.strip(" .")}


@pytest.mark.parametrize(
    ("table", "column", "vocabulary"),
    [
        ("item_outcomes", "outcome", ItemOutcome),
        ("runs", "status", RunStatus),
        ("fetch_log", "outcome", FetchOutcome),
    ],
)
def test_column_comments_list_exactly_the_enum(
    tmp_path: Path, table: str, column: str, vocabulary: type[StrEnum]
) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        apply_ddl(con)
        (comment,) = con.execute(
            "SELECT comment FROM duckdb_columns() WHERE schema_name = 'ops' AND table_name = ? "
            "AND column_name = ?",
            [table, column],
        ).fetchone()
    assert _names_in(comment) == {member.value for member in vocabulary}


def test_the_comment_parser_sees_a_missing_or_extra_name() -> None:
    listed = _names_in("published, held (valid; retried), for web items also too_large and fetch_error (x).")
    assert listed == {"published", "held", "too_large", "fetch_error"}
