"""Turning an extracted document into a staging article row.

Decides the fields the warehouse needs that no single extractor owns: the content id, the
outlet and its provenance, the publication date with a text-inferred fallback, and text that
DuckDB can store (lone surrogates and NUL characters are replaced and counted, never fatal).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime

from transforms.documents import DateEvidence, ExtractedDocument
from transforms.extraction.quality import text_quality
from transforms.text.dates import infer_publication_date
from transforms.text.words import count_words

__all__ = ["UNKNOWN_OUTLET", "ArticleContext", "article_id_for", "build_article_row", "storable"]

UNKNOWN_OUTLET = "unknown"
_SURROGATES = re.compile("[\ud800-\udfff]")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class ArticleContext:
    """Where a document came from and which run and profile are processing it."""

    raw_id: str
    source_id: str
    origin: str
    configured_outlet: str | None
    window_start: date
    window_end: date
    profile_version: str
    run_id: str
    loaded_at: datetime


def article_id_for(text: str) -> str:
    """Content id: the same text (ignoring case and whitespace runs) always gets the same id."""
    folded = _WHITESPACE.sub(" ", text).strip().casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:16]


def storable(value: str | None, counts: dict[str, int]) -> str | None:
    """Replace code points DuckDB rejects (lone surrogates, NUL) with U+FFFD and count them."""
    if value is None:
        return None
    cleaned, surrogates = _SURROGATES.subn("\ufffd", value)
    nuls = cleaned.count("\x00")
    if nuls:
        cleaned = cleaned.replace("\x00", "\ufffd")
    if surrogates or nuls:
        counts["invalid_code_points"] = counts.get("invalid_code_points", 0) + surrogates + nuls
    return cleaned


def _outlet(doc: ExtractedDocument, configured: str | None) -> tuple[str, str]:
    if doc.outlet:
        method = doc.field_provenance.get("outlet", "")
        if doc.extractor == "trafilatura":
            return doc.outlet, "metadata:html"
        if doc.extractor == "presswatch.jsonl":
            return doc.outlet, "metadata:jsonl"
        return doc.outlet, "document:byline" if method.endswith("byline") else "document:dateline"
    if configured:
        return configured, "config"
    return UNKNOWN_OUTLET, "unknown"


def _published(doc: ExtractedDocument, ctx: ArticleContext) -> DateEvidence:
    if doc.published is not None and doc.published.value is not None:
        return doc.published
    return infer_publication_date(doc.text, ctx.window_start, ctx.window_end)


def build_article_row(doc: ExtractedDocument, ctx: ArticleContext) -> dict[str, object]:
    """Return the ``staging.articles`` row for ``doc`` (column name -> value)."""
    fixes: dict[str, int] = {}
    text = storable(doc.text, fixes) or ""
    outlet, outlet_provenance = _outlet(doc, ctx.configured_outlet)
    published = _published(doc, ctx)
    provenance = dict(doc.field_provenance)
    if outlet_provenance == "config":
        provenance["outlet"] = "sources.toml:outlet"
    if published.value is not None and "published" not in provenance:
        provenance["published"] = f"presswatch.dates:{published.provenance}"
    row: dict[str, object] = {
        "article_id": article_id_for(text),
        "raw_id": ctx.raw_id,
        "source_id": ctx.source_id,
        "origin": ctx.origin,
        "outlet": storable(outlet, fixes),
        "outlet_provenance": outlet_provenance,
        "title": storable(doc.title, fixes),
        "byline": storable(doc.byline, fixes),
        "dateline": storable(doc.dateline, fixes),
        "url": storable(doc.url, fixes),
        "language": storable(doc.language, fixes),
        "published_date": published.value,
        "date_provenance": published.provenance if published.value is not None else "none",
        "date_evidence": storable(published.evidence, fixes),
        "text": text,
        "char_count": len(text),
        "word_count": count_words(text),
        "field_provenance": json.dumps(provenance, sort_keys=True),
        "extractor": doc.extractor,
        "extractor_version": doc.extractor_version,
        "profile_version": ctx.profile_version,
        "loaded_at": ctx.loaded_at,
        "run_id": ctx.run_id,
        "authors": [storable(name, fixes) for name in doc.authors],
        "updated_date": doc.updated,
        "extraction_quality": text_quality(text).score,
    }
    # Counted last, so every replacement made above is included.
    row["boilerplate_removed"] = json.dumps({**doc.boilerplate_removed, **fixes}, sort_keys=True)
    return row
