"""The accounting invariant itself must be able to fail: each rule against a warehouse that breaks it."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from tests.accounting_invariant import accounting_violations, warehouses_under
from warehouse.connection import apply_ddl, open_warehouse

NOW = datetime(2026, 1, 6, 12, 0)


def _warehouse(tmp_path: Path, outcomes: list[tuple[str, str, str]], claimed: dict[str, int]) -> Path:
    """A real warehouse with one finished run: ``outcomes`` (source, item, outcome) and its run record."""
    path = tmp_path / "w.duckdb"
    with open_warehouse(path) as con:
        apply_ddl(con)
        con.execute(
            "INSERT INTO ops.runs (run_id, started_at, finished_at, status, counts) VALUES (?, ?, ?, ?, ?)",
            ["r1", NOW, NOW, "unchanged", json.dumps({"items": claimed})],
        )
        for source, item, outcome in outcomes:
            con.execute(
                "INSERT INTO ops.item_outcomes (run_id, source_id, item, outcome, article_id, recorded_at) "
                "VALUES ('r1', ?, ?, ?, ?, ?)",
                [source, item, outcome, f"a-{item}", NOW],
            )
    return path


def test_a_warehouse_whose_counts_add_up_holds(tmp_path: Path) -> None:
    path = _warehouse(tmp_path, [("s", "a.txt", "unchanged"), ("s", "b.txt", "rejected")],
                      {"unchanged": 1, "rejected": 1})  # fmt: skip
    assert accounting_violations(path) == []
    assert warehouses_under(tmp_path) == [path]


@pytest.mark.parametrize(
    ("outcomes", "claimed", "broken"),
    [
        ([("s", "a.txt", "unchanged")], {"unchanged": 2}, "ops.runs says"),
        (
            [("s", "a.txt", "unchanged"), ("s", "a.txt", "rejected")],
            {"unchanged": 1, "rejected": 1},
            "2 outcomes",
        ),
        ([("s", "a.txt", "staged")], {"staged": 1}, "left staged"),
        ([("s", "a.txt", "vanished")], {"vanished": 1}, "outside the vocabulary"),
        ([("s", "a.txt", "quarantined")], {"quarantined": 1}, "not in dq.quarantine"),
    ],
)
def test_each_broken_rule_is_reported(
    tmp_path: Path, outcomes: list[tuple[str, str, str]], claimed: dict[str, int], broken: str
) -> None:
    problems = accounting_violations(_warehouse(tmp_path, outcomes, claimed))
    assert any(broken in problem for problem in problems), problems


def test_a_fetched_article_without_an_outcome_is_reported(tmp_path: Path) -> None:
    path = _warehouse(tmp_path, [], {})
    with open_warehouse(path) as con:
        con.execute(
            "INSERT INTO ops.fetch_log (run_id, source_id, kind, url, outcome, attempts, redirects, "
            "elapsed_seconds, fetched_at) "
            "VALUES ('r1', 's', 'article', 'http://127.0.0.1/x', 'ok', 1, [], 0.1, ?)",
            [NOW],
        )
    assert any("has no outcome" in p for p in accounting_violations(path))
