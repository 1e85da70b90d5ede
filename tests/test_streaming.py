"""The streaming pipeline publishes what the pipeline published before it, whatever the batch size.

The gold files were written by the pre-streaming pipeline (one extraction pass over every payload,
analysis and single-row staging in the writer) on the seeds and on the demo site; the marts of a
run today must equal them row for row (run ids, timestamps and per-run paths aside). They were written
again when marts.articles gained authors, updated_date and extraction_quality, when
marts.claim_conflicts gained source_families, when marts.claims gained note and when
marts.entity_candidates gained declared_for and declaration (empty for these articles); every other
value of every row was unchanged. They were written again when quotations of one speaker in two
translations began to match across outlets: two quotations (Xi's "right strategic choice(s)", Lee's
"first year of (full-scale) restoration") now group with their other rendering. A comment fixed in
seeds/event.toml changed the profile version the articles carry, and nothing else. They were written
again when marts.claims gained in_headline (false on every row: no seed headline states a claim).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from flows.ingest import ingest
from tests.conftest import SEEDS_DIR, run_settings, served_demo_site
from tests.generated_pages import write_pages
from tests.marts_state import load_state, published_state

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]

GOLD = Path(__file__).parent / "gold"


def test_the_seeds_publish_exactly_what_the_pipeline_published_before_streaming(seed_project: Path) -> None:
    result = ingest(run_settings(seed_project))
    assert result.status == "published", result.failures
    state = published_state(seed_project / "w.duckdb", {str(seed_project): "<project>"})
    assert state == load_state(GOLD / "published_seeds.json")


@pytest.fixture
def demo_site(tmp_path: Path) -> Iterator[Path]:
    """The demo site on loopback and a folder with sources.toml + event.toml pointing at it."""
    folder = tmp_path / "site"
    with served_demo_site(folder) as base_url:
        (folder / "base_url").write_text(base_url, encoding="utf-8")
        yield folder


def test_the_demo_site_publishes_exactly_what_the_pipeline_published_before_streaming(
    demo_site: Path,
) -> None:
    settings = run_settings(demo_site, sources=demo_site / "sources.toml", event=demo_site / "event.toml")
    result = ingest(settings)
    assert result.status == "published", result.failures
    base_url = (demo_site / "base_url").read_text(encoding="utf-8")
    state = published_state(demo_site / "w.duckdb", {base_url: "<site>"})
    assert state == load_state(GOLD / "published_demo_site.json")


def test_small_batches_on_several_workers_publish_the_same_marts_as_one_big_batch(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    write_pages(pages, 240)
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[source]]\nid = "pages"\nkind = "local"\npath = "{pages}"\npatterns = ["*.html"]\n',
        encoding="utf-8",
    )
    states = []
    for batch_size, workers in ((7, 2), (1000, 1)):
        project = tmp_path / f"batch-{batch_size}"
        project.mkdir()
        settings = replace(
            run_settings(project, sources=sources, event=SEEDS_DIR / "event.toml"),
            batch_size=batch_size,
            workers=workers,
        )
        result = ingest(settings)
        assert result.status == "published", result.failures
        assert sum(result.items.values()) == 240
        states.append(published_state(project / "w.duckdb"))
    assert len(states[0]["articles"]) >= 200
    assert states[0] == states[1]
