"""The accounting invariant, checked from a warehouse's own tables after every end-to-end test.

For every run that ended (any status but ``running`` and ``interrupted``, whose outcomes the next run
closes):

- every discovered item has exactly one outcome per run, and none is left provisional (``staged``);
- each outcome is a word of the vocabulary (:class:`warehouse.outcomes.ItemOutcome`);
- the run record's item counts (``ops.runs.counts->'items'``) equal the outcomes recorded, per run, and
  so items discovered = the sum of their final outcomes; per source, every source's items add up too;
- every article fetch the run logged (``ops.fetch_log``, kind ``article``) is an item with an outcome;
- a ``quarantined`` item has its row in ``dq.quarantine`` for that run, and a ``published`` item of the
  current publication has its article in ``marts.articles``.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from warehouse.outcomes import ItemOutcome, RunStatus

__all__ = ["accounting_violations", "warehouses_under"]

_OPEN_STATUSES = (RunStatus.RUNNING, RunStatus.INTERRUPTED)


def warehouses_under(folder: Path) -> list[Path]:
    """DuckDB warehouse files a test left under ``folder`` (analysts' snapshots excluded)."""
    return sorted(
        path
        for path in folder.rglob("*.duckdb")
        if not path.name.endswith(".snapshot.duckdb") and path.is_file() and path.stat().st_size > 0
    )


def accounting_violations(warehouse: Path) -> list[str]:
    """Every way the warehouse breaks the invariant (empty when it holds)."""
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error:
        return []  # not a warehouse this test left closed (e.g. a file it corrupted on purpose)
    with con:
        tables = {name for (name,) in con.execute(
            "SELECT schema_name || '.' || table_name FROM duckdb_tables()"
        ).fetchall()}  # fmt: skip
        if "ops.runs" not in tables or "ops.item_outcomes" not in tables:
            return []
        return _violations(con, tables, warehouse.name)


def _violations(con: duckdb.DuckDBPyConnection, tables: set[str], name: str) -> list[str]:
    problems: list[str] = []
    closed = "status NOT IN (SELECT unnest(?))"
    runs = con.execute(f"SELECT run_id, status, counts FROM ops.runs WHERE {closed}", [list(_OPEN_STATUSES)])
    for run_id, status, counts in runs.fetchall():
        recorded = dict(con.execute(
            "SELECT outcome, count(*) FROM ops.item_outcomes WHERE run_id = ? GROUP BY 1", [run_id]
        ).fetchall())  # fmt: skip
        claimed = (json.loads(counts) if isinstance(counts, str) else counts or {}).get("items", {})
        if recorded != claimed:
            problems.append(
                f"{name} run {run_id} ({status}): ops.runs says {claimed}, outcomes say {recorded}"
            )
        unknown = set(recorded) - {o.value for o in ItemOutcome}
        if unknown:
            problems.append(f"{name} run {run_id}: outcomes outside the vocabulary {sorted(unknown)}")
        if recorded.get(ItemOutcome.STAGED):
            problems.append(
                f"{name} run {run_id} ({status}): {recorded[ItemOutcome.STAGED]} items left staged"
            )
    duplicates = con.execute(
        f"SELECT run_id, source_id, item, count(*) FROM ops.item_outcomes WHERE run_id IN "
        f"(SELECT run_id FROM ops.runs WHERE {closed}) GROUP BY ALL HAVING count(*) > 1 LIMIT 5",
        [list(_OPEN_STATUSES)],
    ).fetchall()
    problems += [f"{name} run {r}: item {i} of {s} has {n} outcomes" for r, s, i, n in duplicates]
    if "ops.fetch_log" in tables:
        unaccounted = con.execute(
            f"SELECT f.run_id, f.url FROM ops.fetch_log AS f WHERE f.kind = 'article' AND f.run_id IN "
            f"(SELECT run_id FROM ops.runs WHERE {closed}) AND NOT EXISTS (SELECT 1 FROM ops.item_outcomes "
            "AS o WHERE o.run_id = f.run_id AND o.source_id = f.source_id AND o.item = f.url) LIMIT 5",
            [list(_OPEN_STATUSES)],
        ).fetchall()
        problems += [f"{name} run {r}: fetched article {u} has no outcome" for r, u in unaccounted]
    if "dq.quarantine" in tables:
        missing = con.execute(
            "SELECT o.run_id, o.item FROM ops.item_outcomes AS o WHERE o.outcome = 'quarantined' "
            "AND NOT EXISTS (SELECT 1 FROM dq.quarantine AS q "
            "WHERE q.run_id = o.run_id AND q.article_id = o.article_id) LIMIT 5"
        ).fetchall()
        problems += [f"{name} run {r}: quarantined item {i} is not in dq.quarantine" for r, i in missing]
    if "marts.articles" in tables and "ops.publications" in tables:
        unpublished = con.execute(
            "SELECT o.item FROM ops.item_outcomes AS o WHERE o.outcome = 'published' AND o.run_id = "
            "(SELECT run_id FROM ops.publications ORDER BY published_at DESC LIMIT 1) AND o.article_id "
            "NOT IN (SELECT article_id FROM marts.articles) LIMIT 5"
        ).fetchall()
        problems += [f"{name}: item {i} is 'published' but not in marts.articles" for (i,) in unpublished]
    return problems
