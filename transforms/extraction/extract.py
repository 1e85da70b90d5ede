"""Dispatching a decoded payload to the extractor for its media type.

A payload yields one or more items: a plain-text or HTML file is one article, a JSON Lines file
is one article per line (item ``<origin>#L<n>``). Each item carries either a document or the
reason it has none, so the caller can record it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from transforms.documents import ExtractedDocument
from transforms.extraction.html_extract import extract_html_outcome
from transforms.extraction.jsonl import parse_jsonl
from transforms.extraction.payload import HTML, JSONL, Payload
from transforms.extraction.plaintext import extract_plaintext

__all__ = ["ExtractedItem", "extract_items"]


@dataclass(frozen=True)
class ExtractedItem:
    """One article-sized item of a payload: a document, or why there is none."""

    item: str
    document: ExtractedDocument | None
    error: str | None = None


def extract_items(payload: Payload, origin: str, url: str | None = None) -> list[ExtractedItem]:
    """Extract every item of ``payload`` read from ``origin``; never raises for bad content.

    A payload that was not plain UTF-8 says so in each document's ``field_provenance["encoding"]``
    (the codec and how it was chosen), so a page decoded by detection can be found and checked.
    """
    items = _extract_items(payload, origin, url)
    if payload.encoding == "utf-8":
        return items
    return [
        replace(i, document=_with_encoding(i.document, payload.encoding)) if i.document is not None else i
        for i in items
    ]


def _with_encoding(document: ExtractedDocument, encoding: str) -> ExtractedDocument:
    return replace(document, field_provenance={**document.field_provenance, "encoding": encoding})


def _extract_items(payload: Payload, origin: str, url: str | None) -> list[ExtractedItem]:
    if payload.media_type == HTML:
        outcome = extract_html_outcome(payload.text, url)
        if outcome.document is None:
            return [ExtractedItem(origin, None, f"no article text in the HTML: {outcome.reason}")]
        return [ExtractedItem(origin, outcome.document)]
    if payload.media_type == JSONL:
        records = parse_jsonl(payload.text)
        if not records:
            return [ExtractedItem(origin, None, "no JSON records in the file")]
        return [ExtractedItem(f"{origin}#L{r.line_number}", r.document, r.error) for r in records]
    document = extract_plaintext(payload.text)
    if not document.text.strip():
        return [ExtractedItem(origin, None, "no article text left after removing boilerplate")]
    return [ExtractedItem(origin, document)]
