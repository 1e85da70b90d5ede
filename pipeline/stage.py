"""Loading processed payloads into staging: the single writer's part, one transaction per batch.

Workers hand back finished rows (:mod:`pipeline.process`); here they are only checked against
what is already staged (same text, same canonical URL), loaded in bulk, and every item's outcome
is recorded. A batch that cannot be loaded whole (a value DuckDB rejects, say) is loaded again one
item at a time, so one bad record costs only itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from duckdb import DuckDBPyConnection

from pipeline.process import CANDIDATE, ItemResult
from warehouse import accounting, staging
from warehouse.accounting import Outcome
from warehouse.outcomes import ItemOutcome

logger = logging.getLogger(__name__)

__all__ = ["BatchEntry", "Deduplicator", "StageReport", "stage_batch"]


@dataclass(frozen=True)
class BatchEntry:
    """One processed payload: which source item it was, and what its items came to."""

    source_id: str
    origin: str
    raw_id: str
    items: list[ItemResult]


@dataclass
class StageReport:
    """What staging did: new articles, and outcomes by kind."""

    staged: list[str] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)

    def add(self, outcomes: list[Outcome]) -> None:
        """Count a batch's outcomes."""
        for outcome in outcomes:
            self.outcomes[outcome.outcome] = self.outcomes.get(outcome.outcome, 0) + 1
            if outcome.outcome == ItemOutcome.STAGED and outcome.article_id:
                self.staged.append(outcome.article_id)


@dataclass
class Deduplicator:
    """Articles staged so far in this run, by id and by canonical URL (key -> the item that has it)."""

    by_id: dict[str, str] = field(default_factory=dict)
    by_url: dict[str, str] = field(default_factory=dict)

    def verdict(
        self, result: ItemResult, staged_ids: dict[str, str], staged_urls: dict[str, str]
    ) -> str | None:
        """Why ``result`` duplicates an article already staged, or None when it is new (and now taken)."""
        article_id = result.article_id or ""
        same_text = self.by_id.get(article_id) or staged_ids.get(article_id)
        if same_text:
            return f"same text as {same_text}"
        url = (result.article or {}).get("url")
        if url:
            same_page = self.by_url.get(str(url)) or staged_urls.get(str(url))
            if same_page:
                return f"same canonical URL as {same_page}"
            self.by_url[str(url)] = result.item
        self.by_id[article_id] = result.item
        return None

    def forget(self, item: str) -> None:
        """Drop what ``item`` claimed (its load was rolled back)."""
        self.by_id = {k: v for k, v in self.by_id.items() if v != item}
        self.by_url = {k: v for k, v in self.by_url.items() if v != item}


def _decide(
    con: DuckDBPyConnection, entries: list[BatchEntry], seen: Deduplicator
) -> tuple[list[Outcome], list[ItemResult]]:
    """Every item's outcome, and the candidates to load, in item order."""
    candidates = [r for e in entries for r in e.items if r.outcome == CANDIDATE]
    ids = [r.article_id for r in candidates if r.article_id]
    urls = [str(r.article["url"]) for r in candidates if r.article and r.article.get("url")]
    staged_ids, staged_urls = staging.staged_origins(con, ids, urls)
    outcomes: list[Outcome] = []
    to_load: list[ItemResult] = []
    for entry in entries:
        for result in entry.items:
            kind, detail = result.outcome, result.detail
            if kind == CANDIDATE:
                detail = seen.verdict(result, staged_ids, staged_urls)
                kind = ItemOutcome.DUPLICATE if detail else ItemOutcome.STAGED
                if not detail:
                    to_load.append(result)
            outcomes.append(
                Outcome(entry.source_id, result.item, kind, detail, entry.raw_id, result.article_id)
            )
    return outcomes, to_load


def _load(con: DuckDBPyConnection, results: list[ItemResult]) -> None:
    staging.insert_articles(con, [r.article for r in results if r.article])
    merged: dict[str, list[tuple]] = {}
    for result in results:
        for table, rows in (result.enrichment or {}).items():
            merged.setdefault(table, []).extend(rows)
    staging.insert_enrichment(con, merged)


def stage_batch(
    con: DuckDBPyConnection,
    run_id: str,
    entries: list[BatchEntry],
    seen: Deduplicator,
    now: Callable[[], datetime],
) -> list[Outcome]:
    """Replace what these source items staged before with their new articles; record every outcome."""
    con.execute("BEGIN TRANSACTION")
    try:
        # A changed payload supersedes what its own source item staged before (never another source's).
        removed = [(e.source_id, e.origin, e.raw_id) for e in entries]
        staging.remove_items(con, removed, run_id=run_id, departed_at=now())
        outcomes, to_load = _decide(con, entries, seen)
        _load(con, to_load)
        accounting.record_outcomes(con, run_id, outcomes, now())
        con.execute("COMMIT")
        return outcomes
    except Exception:
        con.execute("ROLLBACK")
        logger.warning("batch of %d payloads could not be loaded whole; loading item by item", len(entries))
        for entry in entries:
            for result in entry.items:
                seen.forget(result.item)
    return _stage_one_by_one(con, run_id, entries, seen, now)


def _stage_one_by_one(
    con: DuckDBPyConnection,
    run_id: str,
    entries: list[BatchEntry],
    seen: Deduplicator,
    now: Callable[[], datetime],
) -> list[Outcome]:
    """The slow path: each payload's removal and each item's load in its own transaction."""
    outcomes: list[Outcome] = []
    for entry in entries:
        staging.remove_items(con, [(entry.source_id, entry.origin, entry.raw_id)], run_id=run_id,
                             departed_at=now())  # fmt: skip
        for result in entry.items:
            con.execute("BEGIN TRANSACTION")
            try:
                [outcome], to_load = _decide(con, [BatchEntry(entry.source_id, entry.origin, entry.raw_id,
                                                              [result])], seen)  # fmt: skip
                _load(con, to_load)
                con.execute("COMMIT")
            except Exception as exc:  # one bad item must not sink the batch: record it and go on
                con.execute("ROLLBACK")
                seen.forget(result.item)
                logger.exception("could not stage %s", result.item)
                detail = f"processing error: {type(exc).__name__}: {exc}"[:500]
                outcome = Outcome(entry.source_id, result.item, ItemOutcome.REJECTED, detail, entry.raw_id)
            outcomes.append(outcome)
    accounting.record_outcomes(con, run_id, outcomes, now())
    return outcomes
