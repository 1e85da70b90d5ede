"""Every page and every feed of the shared corpora through the whole pipeline (skipped without ../shared).

- The 949 real HTML pages of ``../shared/corpus/html`` as a local source, with the extraction benchmark's
  catch-all profile (every news page is relevant): each file ends with exactly one outcome, nothing is
  rejected for a processing error, and the batch publishes.
- The 280 feeds of ``../shared/corpus/feeds`` (feedparser's own tests, many oddly encoded or malformed)
  as feed files: each is read or recorded as not a feed, and every link they carry ends with an outcome
  (the hosts do not exist here, or are refused by the address guard), in bounded time.

The accounting invariant is checked after each run (tests/conftest.py).
"""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import duckdb
import pytest

from flows.ingest import ingest
from tests.conftest import PROJECT_ROOT, SEEDS_DIR, SHARED_DIR, project_with, run_settings

pytestmark = [pytest.mark.flow, pytest.mark.corpus, pytest.mark.usefixtures("prefect_harness")]

HTML_CORPUS = SHARED_DIR / "corpus" / "html" / "html"
FEED_CORPUS = SHARED_DIR / "corpus" / "feeds"
CATCH_ALL_PROFILE = PROJECT_ROOT / "bench" / "extract_web" / "event.toml"


def _outcomes(project: Path, run_id: str) -> dict[str, str]:
    with duckdb.connect(str(project / "w.duckdb"), read_only=True) as con:
        rows = con.execute(
            "SELECT item, outcome || coalesce(': ' || detail, '') FROM ops.item_outcomes WHERE run_id = ?",
            [run_id],
        ).fetchall()
    return dict(rows)


def test_every_corpus_page_ends_with_one_outcome_and_the_batch_publishes(tmp_path: Path) -> None:
    if not HTML_CORPUS.is_dir():
        pytest.skip(f"HTML corpus not found at {HTML_CORPUS}")
    pages = tmp_path / "pages"  # the corpus is stored gzipped: the pipeline reads the pages as saved
    pages.mkdir()
    for stored in sorted(HTML_CORPUS.glob("*.html.gz")):
        (pages / stored.name.removesuffix(".gz")).write_bytes(gzip.decompress(stored.read_bytes()))
    source = ["[[source]]", 'id = "corpus"', 'kind = "local"', f"path = {json.dumps(str(pages))}"]
    project = project_with(tmp_path, CATCH_ALL_PROFILE, source)
    run = ingest(run_settings(project))
    assert run.status == "published", (run.message, run.failures[:5])
    outcomes = _outcomes(project, run.run_id)
    count = len(list(pages.iterdir()))
    assert count > 900 and len(outcomes) == count
    crashed = {item: o for item, o in outcomes.items() if "processing error" in o or "timed out" in o}
    assert not crashed, list(crashed.items())[:5]
    kinds: dict[str, int] = {}
    for outcome in outcomes.values():
        kinds[outcome.split(":")[0]] = kinds.get(outcome.split(":")[0], 0) + 1
    print(f"\nHTML corpus through the pipeline: {count} pages, {kinds}")
    assert kinds.get("published", 0) >= 0.9 * count, kinds


def test_every_corpus_feed_and_its_links_end_with_an_outcome(tmp_path: Path) -> None:
    if not FEED_CORPUS.is_dir():
        pytest.skip(f"feed corpus not found at {FEED_CORPUS}")
    feeds = sorted(p for p in FEED_CORPUS.rglob("*") if p.is_file() and p.suffix in {".xml", ".rdf", ".json"})
    lines = [
        "[fetch]",
        "max_attempts = 1",
        "connect_timeout = 1.0",
        "total_deadline = 3.0",
        "host_delay = 0.01",
        "",
    ]
    for k, feed in enumerate(feeds):
        lines += [
            "[[source]]",
            f'id = "feed-{k:03d}"',
            'kind = "feed_file"',
            f"path = {json.dumps(str(feed))}",
            "",
        ]
    project = project_with(tmp_path, SEEDS_DIR / "event.toml", lines)
    started = time.monotonic()
    run = ingest(run_settings(project))
    elapsed = time.monotonic() - started
    # Nothing here is about the visit, so nothing is staged: the run ends unchanged, its items recorded.
    assert run.status == "unchanged", (run.message, run.failures[:5])
    outcomes = _outcomes(project, run.run_id)
    feed_items = {item: o for item, o in outcomes.items() if not item.startswith(("http://", "https://"))}
    assert len(feed_items) == len(feeds), len(feed_items)
    kinds: dict[str, int] = {}
    for outcome in outcomes.values():
        kinds[outcome.split(":")[0]] = kinds.get(outcome.split(":")[0], 0) + 1
    summary = f"{len(feeds)} feeds, {len(outcomes)} items, {kinds}, {elapsed:.0f} s"
    print(f"\nfeed corpus through the pipeline: {summary}")
    assert elapsed < 300
