"""From archived bytes to staging rows: the work done per payload, in a worker process.

Pure and picklable: a :class:`PayloadJob` (the bytes plus where they came from) and the event
profile in, one :class:`ItemResult` per article-sized item out. Decoding, extraction, the article
row, relevance and the whole per-article analysis run here, so the single writer only has to
deduplicate and load rows. Nothing here raises for bad content: every item comes back with an
outcome the writer records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from transforms.analysis.enrichment import analyse_article
from transforms.analysis.entities import find_entity_mentions, is_relevant
from transforms.extraction.articles import ArticleContext, build_article_row
from transforms.extraction.extract import extract_items
from transforms.extraction.payload import Rejection, classify_payload
from transforms.profile import EventProfile
from warehouse.enrichment_rows import enrichment_rows
from warehouse.outcomes import ItemOutcome

__all__ = ["CANDIDATE", "ItemResult", "PayloadJob", "process_payload"]

#: Outcome of an item that is a new, relevant article until the writer checks it for duplicates.
CANDIDATE = "candidate"


@dataclass(frozen=True)
class PayloadJob:
    """One archived payload to extract: its bytes and where they came from."""

    source_id: str
    origin: str
    raw_id: str
    outlet: str | None
    url: str | None
    data: bytes
    run_id: str
    loaded_at: datetime


@dataclass(frozen=True)
class ItemResult:
    """One item of a payload: a candidate article with its rows, or the outcome it ends with.

    ``article`` is the ``staging.articles`` row (column name -> value); ``enrichment`` maps each
    enrichment table to its rows, in the table's column order.
    """

    item: str
    outcome: str
    detail: str | None = None
    article_id: str | None = None
    article: dict[str, object] | None = None
    enrichment: dict[str, list[tuple]] | None = None


def process_payload(job: PayloadJob, profile: EventProfile) -> list[ItemResult]:
    """Extract and analyse every item of one payload."""
    verdict = classify_payload(job.data, job.url or job.origin)
    if isinstance(verdict, Rejection):  # the load/fetch steps archive only payloads that classified
        return [
            ItemResult(
                job.origin, ItemOutcome.REJECTED, f"archived payload no longer classifies: {verdict.reason}"
            )
        ]
    results = []
    for extracted in extract_items(verdict, job.origin, job.url):
        try:
            results.append(_analyse_item(job, profile, extracted.item, extracted.document, extracted.error))
        except Exception as exc:  # one bad item must not sink its payload: record it and go on
            detail = f"processing error: {type(exc).__name__}: {exc}"[:500]
            results.append(ItemResult(extracted.item, ItemOutcome.REJECTED, detail))
    return results


def _analyse_item(
    job: PayloadJob, profile: EventProfile, item: str, document: object, error: str | None
) -> ItemResult:
    if document is None:
        return ItemResult(item, ItemOutcome.REJECTED, error)
    context = ArticleContext(
        raw_id=job.raw_id,
        source_id=job.source_id,
        origin=item,
        configured_outlet=job.outlet,
        window_start=profile.window_start,
        window_end=profile.window_end,
        profile_version=profile.version,
        run_id=job.run_id,
        loaded_at=job.loaded_at,
    )
    row = build_article_row(document, context)  # type: ignore[arg-type]
    article_id = str(row["article_id"])
    text = str(row["text"])
    if not text.strip():
        return ItemResult(item, ItemOutcome.REJECTED, "no article text", article_id)
    mentions = find_entity_mentions(text, profile)
    if not is_relevant(mentions, profile):
        detail = f"mentions none of the event's key entities ({profile.id})"
        return ItemResult(item, ItemOutcome.OFF_TOPIC, detail, article_id)
    published = row["published_date"]
    day = published if isinstance(published, date) else None
    title = row.get("title")
    analysis = analyse_article(text, profile, day, mentions, title if isinstance(title, str) else None)
    enrichment = enrichment_rows(article_id, analysis, profile.version)
    return ItemResult(item, CANDIDATE, None, article_id, row, enrichment)
