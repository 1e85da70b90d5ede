"""Extracting a batch of payloads: HTML in worker processes with a deadline, the rest inline.

Plain text and JSON Lines parsing is fast and bounded, so it runs in-process; trafilatura on a
hostile page is not, so each HTML page runs in a worker that is killed when it overruns.
"""

from __future__ import annotations

from presswatch.isolation import IsolatedRunner
from presswatch.progress import bar
from transforms.extract import ExtractedItem, extract_items
from transforms.payload import HTML, Payload

__all__ = ["EXTRACTION_TIMEOUT", "extract_batch"]

EXTRACTION_TIMEOUT = 20.0  # seconds per page (NOTES.md: a 50k-paragraph page took 14 s)


def extract_batch(
    jobs: list[tuple[Payload, str, str | None]], *, timeout: float = EXTRACTION_TIMEOUT, workers: int = 2
) -> list[list[ExtractedItem]]:
    """Extract every (payload, origin, url) job; results in job order, failures as items with a reason."""
    results: list[list[ExtractedItem] | None] = [None] * len(jobs)
    html = [i for i, (payload, _, _) in enumerate(jobs) if payload.media_type == HTML]
    if html:
        with IsolatedRunner(extract_items, workers=min(workers, len(html)), timeout=timeout) as runner:
            with bar("extracting pages", len(html)) as advance:
                calls = runner.map([jobs[i] for i in html], on_done=advance)
            for index, call in zip(html, calls, strict=True):
                failed = ExtractedItem(jobs[index][1], None, f"extraction failed: {call.error}")
                results[index] = call.value or [failed]
    for index, (payload, origin, url) in enumerate(jobs):
        if results[index] is None:
            results[index] = extract_items(payload, origin, url)
    return [r or [] for r in results]
