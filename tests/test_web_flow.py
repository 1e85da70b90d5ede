"""The web path end to end: the demo news site on loopback, fetched, archived, extracted and published
by real Prefect flow runs; then conditional re-checks and a reprocess with the network gone."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from demo.site import DemoSite, serve
from flows.ingest import ingest, reprocess
from tests.conftest import SEEDS_DIR, run_settings

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]

STAGING_COLUMNS = (
    "article_id, origin, raw_id, outlet, title, url, language, published_date, date_provenance, text"
)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Path, object]]:
    """The demo site on a free loopback port, and a project whose sources.toml lists its feeds."""
    site = DemoSite.from_seeds(SEEDS_DIR)
    server, base_url = serve(site)
    project = tmp_path / "project"
    (project / "seeds").mkdir(parents=True)
    shutil.copy(SEEDS_DIR / "event.toml", project / "seeds" / "event.toml")
    lines = ["[fetch]", 'allow_private_networks = ["127.0.0.1/32"]', "host_delay = 0.05", ""]
    for outlet in site.outlets:
        lines += ["[[source]]", f'id = "{outlet.slug}"', 'kind = "feed"']
        lines += [f'url = "{base_url}{outlet.feed_path}"', f'outlet = "{outlet.name}"', ""]
    (project / "seeds" / "sources.toml").write_text("\n".join(lines), encoding="utf-8")
    try:
        yield project, server
    finally:
        server.shutdown()


def _query(project: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(project / "w.duckdb"), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_the_demo_site_publishes_and_a_second_run_fetches_nothing_twice(demo: tuple[Path, object]) -> None:
    project, _ = demo
    first = ingest(run_settings(project))
    assert first.status == "published", first.failures
    assert first.items == {"feed_read": 3, "published": 6, "blocked_robots": 1, "http_error": 1}
    # Every discovered URL ended with exactly one outcome.
    items = _query(
        project, "SELECT item, count(*) FROM ops.item_outcomes WHERE run_id = ? GROUP BY 1", [first.run_id]
    )
    assert len(items) == 11 and all(count == 1 for _, count in items)
    robots = _query(
        project,
        "SELECT outcome, status FROM ops.fetch_log WHERE url LIKE '%/private/%' AND run_id = ?",
        [first.run_id],
    )
    assert robots == [("blocked_robots", None)]  # refused before any request was sent
    articles = _query(project, "SELECT outlet, date_provenance, extractor FROM marts.articles")
    assert len(articles) == 6
    assert {outlet for outlet, _, _ in articles} == {
        "The Harbour Ledger",
        "Northgate Courier",
        "Meridian Wire Service",
    }
    assert {(p, e) for _, p, e in articles} == {("metadata:html", "trafilatura")}
    # The syndicated copy (same wire story, edited lead, another outlet) is grouped with its original.
    syndicated = _query(
        project,
        "SELECT outlet, first_in_cluster, similarity FROM marts.story_clusters "
        "WHERE cluster_size > 1 ORDER BY 1",
    )
    assert [(o, f) for o, f, _ in syndicated] == [
        ("Meridian Wire Service", True),
        ("Northgate Courier", False),
    ]
    assert all(0.5 <= similarity <= 1 for _, _, similarity in syndicated)
    archived = _query(
        project,
        "SELECT kind, count(*) FROM raw.web_responses WHERE run_id = ? GROUP BY 1 ORDER BY 1",
        [first.run_id],
    )
    # 3 feeds + 7 article responses (the 404 included) + robots.txt, read once before the feeds and
    # once before the articles (the two steps have their own fetcher)
    assert archived == [("article", 7), ("feed", 3), ("robots", 2)]

    second = ingest(run_settings(project))
    assert second.status == "unchanged"
    # The 304 feeds' links are re-read from the archive: all known (the 404 too), none fetched again.
    assert second.items == {"not_modified": 3, "unchanged": 7, "blocked_robots": 1}
    fetches = _query(
        project, "SELECT kind, outcome, status FROM ops.fetch_log WHERE run_id = ?", [second.run_id]
    )
    # No request for any article: the robots refusal is decided from the rules, without a request.
    assert sorted(fetches) == [
        ("article", "blocked_robots", None),
        *[("feed", "not_modified", 304)] * 3,
        *[("robots", "ok", 200)] * 2,  # the rules are read again each run, so a change is honoured
    ]
    sent = _query(
        project,
        "SELECT count(*) FROM ops.fetch_log f JOIN ops.feed_state s ON s.feed_url = f.url "
        "WHERE f.run_id = ? AND s.etag IS NOT NULL",
        [second.run_id],
    )
    assert sent == [(3,)]


def test_reprocess_rebuilds_the_same_staging_rows_without_the_network(demo: tuple[Path, object]) -> None:
    project, server = demo
    assert ingest(run_settings(project)).status == "published"
    before = _query(project, f"SELECT {STAGING_COLUMNS} FROM staging.articles ORDER BY article_id")
    server.shutdown()  # from here on, any fetch would fail

    again = reprocess(run_settings(project))
    assert again.status == "unchanged", again.failures
    assert _query(project, f"SELECT {STAGING_COLUMNS} FROM staging.articles ORDER BY article_id") == before
    assert _query(project, "SELECT count(*) FROM ops.fetch_log WHERE run_id = ?", [again.run_id]) == [(0,)]
    assert again.items == {"unchanged": 6}  # re-derived, identical to what is published
