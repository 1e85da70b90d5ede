"""Every article in a folder, extracted as a run would extract it, with nothing stored.

Shared by ``presswatch profile check``, ``presswatch profile init`` and the analytics benchmark, so
all three read a folder the way the pipeline does (payload checks, then the extractor for the type).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from transforms.extraction.extract import ExtractedItem, extract_items
from transforms.extraction.payload import Payload, classify_payload

__all__ = ["ARTICLE_SUFFIXES", "folder_articles"]

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".ndjson")


def folder_articles(folder: Path) -> Iterator[ExtractedItem]:
    """Each item of each article file under ``folder`` (recursively, in name order), named by its path
    relative to the folder (a JSON Lines record as ``file.jsonl#L<n>``); an unreadable file or record
    comes as an item with ``document = None`` and its reason in ``error``."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES):
        name = str(path.relative_to(folder))
        verdict = classify_payload(path.read_bytes(), path.name)
        if not isinstance(verdict, Payload):
            yield ExtractedItem(name, None, verdict.reason)
            continue
        for item in extract_items(verdict, name):
            yield (
                item
                if item.document is not None
                else ExtractedItem(item.item, None, item.error or "no article text")
            )
