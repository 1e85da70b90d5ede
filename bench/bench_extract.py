"""Benchmark presswatch's HTML extraction against trafilatura's defaults on the shared evaluation corpus.

Usage: ``python bench/bench_extract.py [--corpus DIR]``. Prints one JSON object:

- ``pages``: pages in the corpus
- ``presswatch`` / ``baseline``: ``pages_per_second`` (single process, pages already in memory),
  ``with_recall`` (share of "with" snippets found in the text), ``without_precision`` (share of
  "without" snippets absent), ``no_text`` (pages with no text)
- ``ratios``: presswatch / baseline for each figure

The baseline is ``trafilatura.extract(html, url=url)`` with default settings, measured in the same run.
Snippets and texts are compared after the same character normalisation and whitespace collapsing, so
neither side is penalised for NBSPs or line breaks. Runs in well under a minute on one core.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from pipeline.stream import EXTRACTION_TIMEOUT
from runtime.isolation import IsolatedRunner
from transforms.extraction.extract import ExtractedItem, extract_items
from transforms.extraction.html_extract import extract_html
from transforms.extraction.payload import HTML, Payload, classify_payload
from transforms.text.characters import normalise_characters

__all__ = ["main"]

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "html"

Page = tuple[str, bytes, list[str], list[str]]


def _flat(text: str) -> str:
    return " ".join(normalise_characters(text).split())


def load_corpus(corpus: Path) -> list[Page]:
    """Read every page and its snippets into memory: (url, html bytes, with, without)."""
    evaldata = json.loads((corpus / "evaldata_subset.json").read_text(encoding="utf-8"))
    return [
        (
            url,
            gzip.decompress((corpus / "html" / f"{entry['file']}.gz").read_bytes()),
            entry["with"],
            entry["without"],
        )
        for url, entry in evaldata.items()
    ]


def measure(pages: list[Page], extract: Callable[[bytes, str], str | None]) -> dict[str, float]:
    """Run ``extract`` over all pages; speed and snippet scores."""
    texts: list[str | None] = []
    started = time.perf_counter()
    for url, html, _, _ in pages:
        texts.append(extract(html, url))
    elapsed = time.perf_counter() - started
    found = expected = absent = unwanted = 0
    for (_, _, with_, without), text in zip(pages, texts, strict=True):
        flat = _flat(text or "")
        expected += len(with_)
        found += sum(_flat(s) in flat for s in with_)
        unwanted += len(without)
        absent += sum(_flat(s) not in flat for s in without)
    return {
        "pages_per_second": round(len(pages) / elapsed, 1),
        "with_recall": round(found / expected, 4),
        "without_precision": round(absent / unwanted, 4),
        "no_text": sum(not t for t in texts),
    }


def _presswatch(html: bytes, url: str) -> str | None:
    doc = extract_html(html, url=url)
    return doc.text if doc else None


def _baseline(html: bytes, url: str) -> str | None:
    return trafilatura.extract(html, url=url)


def extract_batch(
    jobs: list[tuple[Payload, str, str | None]], *, timeout: float = EXTRACTION_TIMEOUT, workers: int = 2
) -> list[list[ExtractedItem]]:
    """Extract every (payload, origin, url) job; results in job order, failures as items with a reason."""
    results: list[list[ExtractedItem] | None] = [None] * len(jobs)
    html = [i for i, (payload, _, _) in enumerate(jobs) if payload.media_type == HTML]
    if html:
        with IsolatedRunner(extract_items, workers=min(workers, len(html)), timeout=timeout) as runner:
            calls = runner.map([jobs[i] for i in html])
            for index, call in zip(html, calls, strict=True):
                failed = ExtractedItem(jobs[index][1], None, f"extraction failed: {call.error}")
                results[index] = call.value or [failed]
    for index, (payload, origin, url) in enumerate(jobs):
        if results[index] is None:
            results[index] = extract_items(payload, origin, url)
    return [r or [] for r in results]


def _pipeline_throughput(pages: list[Page]) -> dict[str, float]:
    """Pages/s as the pipeline runs them: decoded, classified, extracted in 2 worker processes with a
    per-page deadline (:func:`extract_batch`), worker start-up included."""
    jobs = []
    for url, html, _, _ in pages:
        verdict = classify_payload(html, url + ".html")
        if isinstance(verdict, Payload):
            jobs.append((verdict, url, url))
    started = time.perf_counter()
    results = extract_batch(jobs, workers=2)
    elapsed = time.perf_counter() - started
    return {
        "pages_per_second": round(len(jobs) / elapsed, 1),
        "pages_with_text": sum(any(item.document for item in items) for items in results),
        "workers": 2,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the JSON report; exit 0 with a message when the corpus is absent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="directory with evaldata_subset.json"
    )
    args = parser.parse_args(argv)
    if not (args.corpus / "evaldata_subset.json").is_file():
        print(f"corpus not found at {args.corpus}; nothing to benchmark", file=sys.stderr)
        return 0
    logging.disable(logging.WARNING)  # trafilatura logs every discarded page
    pages = load_corpus(args.corpus)
    url, html, _, _ = pages[0]
    _presswatch(html, url)  # warm up lazy imports and compiled patterns outside the timing
    ours = measure(pages, _presswatch)
    baseline = measure(pages, _baseline)
    ratios = {
        key: round(ours[key] / baseline[key], 3) if baseline[key] else None
        for key in ("pages_per_second", "with_recall", "without_precision")
    }
    pipeline = _pipeline_throughput(pages)
    report = {
        "pages": len(pages),
        "presswatch": ours,
        "baseline": baseline,
        "ratios": ratios,
        "pipeline_isolated": {
            **pipeline,
            "ratio_to_in_process": round(pipeline["pages_per_second"] / ours["pages_per_second"], 3),
        },
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
