"""Benchmark presswatch's HTML extraction against trafilatura's defaults on the shared evaluation corpus.

Usage: ``python bench/bench_extract.py [--corpus DIR]`` (``make bench-extract``). Prints one JSON object
with the figures for two sets of the corpus's 949 pages, kept apart: ``dev`` (the 100 pages of
``evaldata_subset.json``, which presswatch's settings were chosen on) and ``held_out`` (the other 849).
For each set, presswatch's ``extract_html`` and the baseline side by side:

- ``pages_per_second`` (single process, pages already in memory; presswatch includes its metadata)
- ``with_recall`` (share of "with" snippets found in the text), ``without_precision`` (share of
  "without" snippets absent), ``precision`` and ``f1`` as trafilatura's evaluation computes them (a
  "without" snippet present is a false positive), ``no_text`` (pages with no text)
- ``title_accuracy`` / ``author_accuracy`` / ``date_accuracy`` on the pages with an expected value
- presswatch only: ``pages_lost`` (no text where the baseline has some)

The baseline text is ``trafilatura.extract(html, url=url)`` with default settings, its metadata
``trafilatura.extract_metadata(html, default_url=url)`` (not timed), measured in the same run. Snippets
and texts are compared after the same character normalisation and whitespace collapsing; titles and
authors case-folded with whitespace collapsed (authors as a set of names), dates as ISO days.
``pipeline_isolated`` times the pipeline's own path over the dev set (two worker processes).
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import trafilatura

from pipeline.stream import EXTRACTION_TIMEOUT
from runtime.isolation import IsolatedRunner
from transforms.extraction.extract import ExtractedItem, extract_items
from transforms.extraction.html_extract import extract_html
from transforms.extraction.payload import HTML, Payload, classify_payload
from transforms.text.characters import normalise_characters

__all__ = ["main"]

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "html"


class Page(NamedTuple):
    """One corpus page and what its main text and metadata should be."""

    url: str
    html: bytes
    with_: list[str]
    without: list[str]
    title: str | None
    author: str | None
    date: str | None


class Extracted(NamedTuple):
    """What an extractor found on one page."""

    text: str | None
    title: str | None = None
    author: str | None = None
    date: str | None = None


def _flat(text: str) -> str:
    return " ".join(normalise_characters(text).split())


def load_corpus(corpus: Path, selection: str) -> list[Page]:
    """The pages of ``selection``: "dev" (evaldata_subset.json), "held-out" (the rest) or "all"."""
    everything = json.loads((corpus / "evaldata.json").read_text(encoding="utf-8"))
    dev = set(json.loads((corpus / "evaldata_subset.json").read_text(encoding="utf-8")))
    chosen = {"dev": lambda u: u in dev, "held-out": lambda u: u not in dev, "all": lambda u: True}[selection]
    return [
        Page(
            url,
            gzip.decompress((corpus / "html" / f"{entry['file']}.gz").read_bytes()),
            entry["with"],
            entry["without"],
            _as_text(entry.get("title")),
            _as_text(entry.get("author")),
            _as_text(entry.get("date")),
        )
        for url, entry in everything.items()
        if chosen(url)
    ]


def _as_text(value: object) -> str | None:
    """An expected value as one string: a list (several authors) joined with "; "; empty as None."""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value if v)
    return str(value) if value else None


def _same_text(expected: str, found: str | None) -> bool:
    return found is not None and _flat(expected).casefold() == _flat(found).casefold()


def _names(value: str) -> set[str]:
    return {_flat(n).casefold() for n in re.split(r";|,| and | & ", value) if n.strip()}


def _accuracy(pages: list[Page], found: list[Extracted], field: str) -> dict[str, float | int]:
    pairs = zip(pages, found, strict=True)
    scored = [(getattr(p, field), getattr(f, field)) for p, f in pairs if getattr(p, field)]
    if field == "author":
        right = sum(bool(got) and _names(want) == _names(got) for want, got in scored)
    elif field == "date":
        right = sum(bool(got) and want[:10] == got[:10] for want, got in scored)
    else:
        right = sum(_same_text(want, got) for want, got in scored)
    return {"pages": len(scored), "accuracy": round(right / len(scored), 4) if scored else 0.0}


def measure(
    pages: list[Page],
    extract: Callable[[bytes, str], Extracted],
    metadata: Callable[[bytes, str], Extracted] | None = None,
    warm_up: Sequence[Page] = (),
) -> tuple[dict[str, object], list[Extracted]]:
    """Run ``extract`` over all pages (timed; ``metadata``, if given, supplies the metadata untimed).

    ``warm_up`` pages (of the other set, so no per-page cache helps) go through ``extract`` first,
    untimed: the first calls compile lazily built regular expressions (dateparser's locales, inside
    htmldate), a one-off cost of each long-lived worker process.
    """
    for page in warm_up:
        extract(page.html, page.url)
    started = time.perf_counter()
    found = [extract(page.html, page.url) for page in pages]
    elapsed = time.perf_counter() - started
    if metadata is not None:
        pairs = zip(pages, found, strict=True)
        found = [metadata(page.html, page.url)._replace(text=result.text) for page, result in pairs]
    expected = hit = unwanted = absent = 0
    for page, result in zip(pages, found, strict=True):
        flat = _flat(result.text or "")
        expected += len(page.with_)
        hit += sum(_flat(s) in flat for s in page.with_)
        unwanted += len(page.without)
        absent += sum(_flat(s) not in flat for s in page.without)
    # As in trafilatura's own evaluation: a "with" snippet found is a true positive, one missing a false
    # negative, a "without" snippet present a false positive.
    precision = hit / (hit + unwanted - absent) if hit + unwanted - absent else 0.0
    recall = hit / expected
    figures: dict[str, object] = {
        "pages_per_second": round(len(pages) / elapsed, 1),
        "with_recall": round(recall, 4),
        "without_precision": round(absent / unwanted, 4),
        "precision": round(precision, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "no_text": sum(not r.text for r in found),
    }
    for field in ("title", "author", "date"):
        figures[f"{field}_accuracy"] = _accuracy(pages, found, field)
    return figures, found


def _presswatch(html: bytes, url: str) -> Extracted:
    doc = extract_html(html, url=url)
    if doc is None:
        return Extracted(None)
    day = doc.published.value.isoformat() if doc.published and doc.published.value else None
    return Extracted(doc.text, doc.title, doc.byline, day)


def _baseline(html: bytes, url: str) -> Extracted:
    return Extracted(trafilatura.extract(html, url=url))


def _baseline_metadata(html: bytes, url: str) -> Extracted:
    meta = trafilatura.extract_metadata(html, default_url=url)
    if meta is None:
        return Extracted(None)
    return Extracted(None, meta.title, meta.author, meta.date)


def compare(pages: list[Page], warm_up: list[Page]) -> dict[str, object]:
    """presswatch and the baseline over ``pages``, with the ratios and the pages presswatch loses."""
    ours, our_results = measure(pages, _presswatch, warm_up=warm_up)
    baseline, base_results = measure(pages, _baseline, _baseline_metadata, warm_up=warm_up)
    lost = [p.url for p, o, b in zip(pages, our_results, base_results, strict=True) if b.text and not o.text]
    ours["pages_lost"] = len(lost)
    ours["lost_examples"] = lost[:5]
    ratios = {
        key: round(float(ours[key]) / float(baseline[key]), 3) if baseline[key] else None  # type: ignore[arg-type]
        for key in ("pages_per_second", "with_recall", "without_precision", "f1")
    }
    return {"pages": len(pages), "presswatch": ours, "baseline": baseline, "ratios": ratios}


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
    for page in pages:
        verdict = classify_payload(page.html, page.url + ".html")
        if isinstance(verdict, Payload):
            jobs.append((verdict, page.url, page.url))
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
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="directory with evaldata.json")
    args = parser.parse_args(argv)
    if not (args.corpus / "evaldata_subset.json").is_file():
        print(f"corpus not found at {args.corpus}; nothing to benchmark", file=sys.stderr)
        return 0
    logging.disable(logging.WARNING)  # trafilatura logs every discarded page
    dev = load_corpus(args.corpus, "dev")
    held_out = load_corpus(args.corpus, "held-out")
    report = {"dev": compare(dev, held_out[:100]), "held_out": compare(held_out, dev)}
    report["pipeline_isolated"] = _pipeline_throughput(dev)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
