"""The HTML coverage report, read back as HTML, from warehouses real flow runs produced.

The flow runs happen once per module (fixtures below); every expected value is asked of the
warehouse in SQL, so the assertions follow the data rather than today's seeds.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from presswatch.cli import EXIT_ERROR, EXIT_OK, main
from reporting.build import KEEP_RUN_REPORTS, UnknownRunError, write_report
from reporting.charts import plain
from tests.conftest import SEEDS_DIR, run_settings
from tests.gate_inputs import add_broken_layout_batch
from warehouse.connection import apply_ddl, open_warehouse
from warehouse.snapshot import refresh_snapshot

pytestmark = pytest.mark.process  # starts the command, a Prefect API or worker processes

# Untrusted text in every place an article can put it: outlet (legend, axis, tables), headline, quotation.
HOSTILE_OUTLET = '<img src=x onerror="window.__pwned=1">Daily & Co</script>'
HOSTILE_TITLE = "Summit </script><script>window.__pwned=2</script> report"
HOSTILE_QUOTE = (
    "</script><script>window.__pwned=3</script> is what the talks were about, and we will keep talking about "
    "trade, culture, security and the future of the peninsula for as long as it takes to build lasting trust"
)
SECTIONS = ("overview", "coverage", "topics", "entities", "claims", "quotes", "stories", "timeline",
            "quality")  # fmt: skip
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """A parsed report: every start tag with its attributes, and the text inside each element id."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._open: list[tuple[str, str | None]] = []
        self._text: dict[str, list[str]] = defaultdict(list)
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag not in _VOID:
            self._open.append((tag, attributes.get("id")))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        for _, ident in self._open:
            if ident:
                self._text[ident].append(data)

    def text(self, ident: str) -> str:
        """Text inside the element with id ``ident``, whitespace collapsed ('' when absent)."""
        return " ".join(" ".join(self._text.get(ident, [])).split())

    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.tags if a.get("id")}

    def figure(self, name: str) -> dict:
        """The plotly spec embedded for chart ``name`` (daily, topics, entities)."""
        return json.loads(self.text(f"fig-{name}"))

    def rows(self, table_id: str) -> int:
        """Rows in the body of table ``table_id``."""
        block = re.search(rf'<table id="{table_id}">.*?<tbody>(.*?)</tbody>', self.html, re.S)
        return 0 if block is None else block.group(1).count("<tr")


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def scalar(warehouse: Path, sql: str, params: list | None = None) -> object:
    return query(warehouse, sql, params)[0][0]


def new_project(root: Path) -> Path:
    """A private copy of the seeds under ``root``."""
    shutil.copytree(SEEDS_DIR, root / "seeds")
    return root


def add_hostile_article(project: Path) -> None:
    """A valid, on-topic article whose outlet, headline and a quotation carry markup and script."""
    text = (project / "seeds" / "003_a1c5ffed28f8a4cf.txt").read_text(encoding="utf-8")
    record = {
        "title": HOSTILE_TITLE,
        "outlet": HOSTILE_OUTLET,
        "published": "2026-01-06",
        "text": f'{text}\n\n"{HOSTILE_QUOTE}," Lee Jae Myung told reporters in Beijing on Tuesday.\n',
    }
    (project / "seeds" / "hostile.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Reported:
    """One project run twice (published, then blocked), with a report of each in its own folder."""

    project: Path
    warehouse: Path
    published_run: str
    blocked_run: str
    published_report: Path
    blocked_report: Path


def build_reported_project(root: Path) -> Reported:
    """Publish the seeds plus a hostile article, report; then a blocked run, report again."""
    from flows.ingest import ingest

    project = new_project(root)
    add_hostile_article(project)
    first = ingest(run_settings(project))
    assert first.status == "published", first.failures
    published_report = write_report(project / "w.duckdb", project / "out-published", first.run_id)
    add_broken_layout_batch(project)
    second = ingest(run_settings(project))
    assert second.status == "blocked", second.failures
    blocked_report = write_report(project / "w.duckdb", project / "out-blocked")
    return Reported(
        project, project / "w.duckdb", first.run_id, second.run_id, published_report, blocked_report
    )


@pytest.fixture(scope="module")
def reported(prefect_harness: None, tmp_path_factory: pytest.TempPathFactory) -> Reported:
    return build_reported_project(tmp_path_factory.mktemp("reported"))


@pytest.fixture(scope="module")
def published_page(reported: Reported) -> Page:
    return Page(reported.published_report.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def blocked_page(reported: Reported) -> Page:
    return Page(reported.blocked_report.read_text(encoding="utf-8"))


@pytest.mark.flow
def test_the_report_of_a_published_run_shows_every_section_from_the_warehouse(
    reported: Reported, published_page: Page
) -> None:
    w, page = reported.warehouse, published_page
    assert set(SECTIONS) <= page.ids()
    assert "Quality gate passed — published" in page.text("quality-banner")
    articles, sources, undated, event_name = query(
        w, "SELECT articles, sources, undated_articles, event_name FROM marts.coverage_summary"
    )[0]
    assert page.text("event") == event_name
    headline = page.text("headline")
    assert f"{articles} articles published" in headline
    assert f"{sources} sources" in headline and f"{undated} undated articles" in headline

    # (a) stacked bars: one trace per outlet, bars add up to the published articles.
    daily = page.figure("daily")["data"]
    labels = scalar(w, "SELECT count(DISTINCT source_label) FROM marts.coverage_daily")
    assert len(daily) == labels and {t["type"] for t in daily} == {"bar"}
    assert sum(sum(t["y"]) for t in daily) == articles
    undated_bars = sum(y for t in daily for x, y in zip(t["x"], t["y"], strict=True) if x == "undated")
    assert undated_bars == undated
    # (b) heatmap: every topic x every outlet.
    [heat] = page.figure("topics")["data"]
    topics = scalar(w, "SELECT count(DISTINCT topic_id) FROM marts.topic_coverage")
    assert heat["type"] == "heatmap" and len(heat["z"]) == topics
    assert {len(row) for row in heat["z"]} == {labels}
    # (c) top entities, with every spelling seen in the table.
    [bars] = page.figure("entities")["data"]
    top = query(w, "SELECT name, articles, variants_seen FROM marts.entities WHERE articles > 0 "
                   "ORDER BY articles DESC, mentions DESC, name LIMIT 15")  # fmt: skip
    assert bars["x"] == [a for _, a, _ in top]
    spellings = page.text("entity-spellings")
    assert all(v in spellings for _, _, variants in top for v in variants)

    claims = page.text("claims")
    for claim_type, value in query(w, "SELECT claim_type, value FROM marts.claim_conflicts"):
        assert claim_type in claims and value in claims
    [(quote,)] = query(
        w, "SELECT quote_text FROM marts.quotes WHERE is_first AND words > 3 "
           "ORDER BY outlets_carrying DESC, words DESC LIMIT 1"
    )  # fmt: skip
    assert " ".join(quote.split())[:60] in page.text("quotes-table")
    assert page.rows("timeline-table") == min(60, scalar(w, "SELECT count(*) FROM marts.event_timeline"))
    # The hostile article is a rewrite of seed 003: the two form a story cluster.
    [(cluster_id, size)] = query(
        w, "SELECT DISTINCT cluster_id, cluster_size FROM marts.story_clusters WHERE cluster_size > 1"
    )
    assert cluster_id in page.text("clusters") and f"{size} articles" in page.text("clusters")

    assert page.rows("validations") == scalar(
        w, "SELECT count(*) FROM dq.validations WHERE run_id = ?", [reported.published_run]
    )
    outcomes = page.text("outcomes")
    for outcome, items in query(
        w, "SELECT outcome, count(*) FROM ops.item_outcomes WHERE run_id = ? GROUP BY 1",
        [reported.published_run],
    ):  # fmt: skip
        assert f"{outcome} {items}" in outcomes


@pytest.mark.flow
def test_the_report_is_self_contained_and_links_data_docs_relatively(
    reported: Reported, published_page: Page
) -> None:
    external = [
        (tag, name, value)
        for tag, attrs in published_page.tags
        for name, value in attrs.items()
        if value and re.match(r"\s*(https?:)?//", value)
    ]
    assert external == []
    assert not {tag for tag, _ in published_page.tags} & {"link", "img", "iframe", "object", "embed"}
    # plotly.js is inlined once, not fetched.
    assert published_page.html.count("plotly.js v") == 1
    assert [a.get("src") for tag, a in published_page.tags if tag == "script" and a.get("src")] == []

    data_docs = Path(scalar(reported.warehouse, "SELECT max(data_docs) FROM dq.validations WHERE run_id = ?",
                            [reported.published_run]))  # fmt: skip
    assert data_docs.is_file()
    for report in (reported.published_report, reported.published_report.parent / "runs" /
                   f"{reported.published_run}.html"):  # fmt: skip
        page = Page(report.read_text(encoding="utf-8"))
        [href] = [a["href"] for tag, a in page.tags if tag == "a" and a.get("id") == "data-docs"]
        assert not href.startswith(("/", "file:")), href
        assert href == urllib.parse.quote(os.path.relpath(data_docs, report.parent))
        assert (report.parent / urllib.parse.unquote(href)).resolve() == data_docs.resolve()


@pytest.mark.flow
def test_hostile_article_text_is_shown_as_text_and_cannot_break_out(
    reported: Reported, published_page: Page
) -> None:
    html = published_page.html
    # Preconditions: the hostile values did reach the published marts.
    w = reported.warehouse
    assert scalar(w, "SELECT count(*) FROM marts.articles WHERE outlet = ?", [HOSTILE_OUTLET])
    assert scalar(w, "SELECT count(*) FROM marts.quotes WHERE quote_text LIKE ?",
                  [f"%{HOSTILE_QUOTE[:20]}%"])  # fmt: skip
    for raw in ("<img", "<script>window.__pwned", HOSTILE_OUTLET, HOSTILE_TITLE, HOSTILE_QUOTE):
        assert raw not in html
    assert "&lt;img src=x onerror=&#34;window.__pwned=1&#34;&gt;Daily &amp; Co&lt;/script&gt;" in html
    assert "Summit &lt;/script&gt;&lt;script&gt;window.__pwned=2&lt;/script&gt; report" in html
    assert HOSTILE_QUOTE.replace("<", "&lt;").replace(">", "&gt;") in html
    # Every "</script" closes a script element the template opened: nothing closed one early.
    scripts = [a for tag, a in published_page.tags if tag == "script"]
    assert html.lower().count("</script") == len(scripts) == 3 + 3  # 3 figure specs, 3 code blocks
    assert {a.get("id") for a in scripts if a.get("type") == "application/json"} == {
        "fig-daily", "fig-topics", "fig-entities"
    }  # fmt: skip
    # In the figures the outlet is entity-escaped for plotly's label markup (drawn back as literal text).
    names = [t["name"] for t in published_page.figure("daily")["data"]]
    assert any(name.startswith(plain(HOSTILE_OUTLET)[:30]) for name in names), names


@pytest.mark.flow
def test_a_blocked_run_says_failed_and_names_the_previous_publication(
    reported: Reported, blocked_page: Page
) -> None:
    w, page = reported.warehouse, blocked_page
    banner = page.text("quality-banner")
    assert "Quality gate FAILED — nothing from this run was published" in banner
    run_id, published_at = query(
        w, "SELECT run_id, strftime(published_at, '%Y-%m-%d %H:%M:%S') FROM ops.publications "
           "ORDER BY published_at DESC LIMIT 1"
    )[0]  # fmt: skip
    assert run_id == reported.published_run
    assert f"previous, untouched one: run {run_id}, published at {published_at}" in banner
    assert '<div class="banner fail"' in page.html
    assert reported.blocked_run in page.text("overview")
    # The previous publication is still shown in full.
    assert {"fig-daily", "fig-topics", "fig-entities"} <= page.ids()

    failed = query(
        w,
        "SELECT expectation, unexpected_count FROM dq.expectation_results WHERE run_id = ? AND NOT success",
        [reported.blocked_run],
    )
    # Three link-list pages: a share of poor extractions too large for the batch (a batch-level failure).
    assert failed == [("expect_column_values_to_be_between", 3)]
    assert page.rows("failed-expectations") == len(failed)
    text = page.text("failed-expectations")
    assert all(expectation in text for expectation, _ in failed)
    (article_id, reasons), *_ = query(
        w, "SELECT article_id, reasons FROM dq.quarantine WHERE run_id = ? ORDER BY 1", [reported.blocked_run]
    )
    assert article_id in page.text("quarantine")
    assert " ".join(reasons.split())[:40] in page.text("quarantine")
    by_outcome = "SELECT outcome, count(*) FROM ops.item_outcomes WHERE run_id = ? GROUP BY 1"
    outcomes = dict(query(w, by_outcome, [reported.blocked_run]))
    assert outcomes.get("quarantined") == 3
    assert all(f"{o} {n}" in page.text("outcomes") for o, n in outcomes.items())
    assert page.rows("validations") == scalar(
        w, "SELECT count(*) FROM dq.validations WHERE run_id = ?", [reported.blocked_run]
    )


@pytest.mark.flow
def test_a_warehouse_with_no_publication_says_so_and_draws_no_mart(
    prefect_harness: None, tmp_path: Path
) -> None:
    from flows.ingest import ingest

    project = new_project(tmp_path / "project")
    add_broken_layout_batch(project)
    run = ingest(run_settings(project))
    assert run.status == "blocked"
    assert scalar(project / "w.duckdb", "SELECT count(*) FROM ops.publications") == 0
    page = Page(write_report(project / "w.duckdb", tmp_path / "out").read_text(encoding="utf-8"))
    banner = page.text("quality-banner")
    assert "FAILED" in banner and "no coverage tables have been published yet" in banner
    assert "Nothing has been published yet." in page.text("no-publication")
    assert not any("data-figure" in attrs for _, attrs in page.tags)
    assert not {"coverage", "topics", "entities", "fig-daily"} & page.ids()
    assert page.rows("quarantine") == 3 and page.rows("failed-expectations") >= 1


def _odd_warehouse(path: Path) -> Path:
    """A warehouse with a run that never finished, a publication whose marts are empty, and NULLs."""
    with open_warehouse(path) as con:
        apply_ddl(con)
        con.execute(
            "INSERT INTO ops.runs (run_id, started_at, status) VALUES ('20260101T000000Z-aaaaaa', now(), "
            "'running')"
        )
        con.execute("INSERT INTO ops.publications VALUES ('20250101T000000Z-bbbbbb', 'f', now(), '{}')")
        con.execute("INSERT INTO marts.coverage_daily VALUES (NULL, 's', '<b>odd</b>', 'unknown', 2, 10, 0)")
    return path


def test_an_empty_warehouse_reports_that_nothing_ran(tmp_path: Path) -> None:
    with open_warehouse(tmp_path / "w.duckdb") as con:
        apply_ddl(con)
    report = write_report(tmp_path / "w.duckdb", tmp_path / "reports")
    page = Page(report.read_text(encoding="utf-8"))
    assert "No pipeline run recorded yet" in page.text("quality-banner")
    assert "no-publication" in page.ids()
    assert not (tmp_path / "reports" / "runs").exists() or not list((tmp_path / "reports" / "runs").iterdir())
    with pytest.raises(FileNotFoundError):
        write_report(tmp_path / "absent.duckdb", tmp_path / "reports")


def test_odd_rows_never_break_the_report(tmp_path: Path) -> None:
    warehouse = _odd_warehouse(tmp_path / "w.duckdb")
    report = write_report(warehouse, tmp_path / "reports")
    page = Page(report.read_text(encoding="utf-8"))
    assert "Run in progress" in page.text("quality-banner")
    assert "not recorded" in page.text("overview")
    assert "The coverage summary is empty." in page.text("overview")
    [trace] = page.figure("daily")["data"]
    assert trace["x"] == ["undated"] and trace["y"] == [2] and trace["name"] == "&lt;b&gt;odd&lt;/b&gt;"
    assert (tmp_path / "reports" / "runs" / "20260101T000000Z-aaaaaa.html").is_file()
    with pytest.raises(UnknownRunError):
        write_report(warehouse, tmp_path / "reports", run_id="no-such-run")


def test_only_the_newest_run_reports_are_kept(tmp_path: Path) -> None:
    warehouse = _odd_warehouse(tmp_path / "w.duckdb")
    runs = tmp_path / "reports" / "runs"
    runs.mkdir(parents=True)
    old = []
    for age in range(1, KEEP_RUN_REPORTS + 3):  # 12 older reports, oldest last
        path = runs / f"2025010{age % 10}T0000{age:02d}Z-old.html"
        path.write_text("old", encoding="utf-8")
        stamp = 1_700_000_000 - age * 3600
        os.utime(path, (stamp, stamp))
        old.append(path)
    keep_me = runs / "notes.txt"
    keep_me.write_text("not a report", encoding="utf-8")

    write_report(warehouse, tmp_path / "reports")
    remaining = sorted(p.name for p in runs.glob("*.html"))
    assert len(remaining) == KEEP_RUN_REPORTS
    assert "20260101T000000Z-aaaaaa.html" in remaining
    newest_old = [p.name for p in old[: KEEP_RUN_REPORTS - 1]]
    assert remaining == sorted(["20260101T000000Z-aaaaaa.html", *newest_old])
    assert keep_me.is_file()
    assert not list(runs.glob(".*.tmp")) and not list((tmp_path / "reports").glob(".*.tmp"))


def test_the_report_command_prints_the_path_and_fails_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    warehouse = _odd_warehouse(tmp_path / "w.duckdb")
    reports = tmp_path / "reports"
    # The command reads the analysts' snapshot (written at the end of every run), never the live file.
    assert main(["report", "--warehouse", str(warehouse), "--reports", str(reports)]) == EXIT_ERROR
    assert "nothing is published yet" in capsys.readouterr().err
    with open_warehouse(warehouse) as con:
        refresh_snapshot(con, warehouse, published_run_id=None, refreshed_at=datetime(2026, 1, 8))
    assert main(["report", "--warehouse", str(warehouse), "--reports", str(reports)]) == EXIT_OK
    assert capsys.readouterr().out.strip() == str(reports / "report.html")
    assert (reports / "report.html").is_file()
    args = ["report", "--warehouse", str(warehouse), "--reports", str(reports), "--run", "nope"]
    assert main(args) == EXIT_ERROR
    assert "no run 'nope'" in capsys.readouterr().err
    assert main(["report", "--warehouse", str(tmp_path / "absent.duckdb")]) == EXIT_ERROR
    assert "run `presswatch run` first" in capsys.readouterr().err


def test_charts_merge_the_smallest_outlets_and_keep_look_alike_labels_apart() -> None:
    import pandas as pd

    from reporting.charts import (
        MAX_STACKED_OUTLETS,
        OTHER_OUTLETS,
        coverage_daily_figure,
        topic_heatmap_figure,
    )

    # Labels identical in their first 40 characters must stay separate outlets.
    prefix = "unknown: a-very-long-file-name-shared-by-every-one-of-these-"
    outlets = [f"{prefix}{i:02d}.txt" for i in range(MAX_STACKED_OUTLETS + 5)]
    daily = pd.DataFrame(
        [("2026-01-05", o, i + 1) for i, o in enumerate(outlets)] + [(None, outlets[-1], 3)],
        columns=["day", "source_label", "articles"],
        dtype=object,
    )
    traces = coverage_daily_figure(daily).data
    assert len(traces) == MAX_STACKED_OUTLETS + 1 and traces[-1].name == OTHER_OUTLETS
    assert sum(sum(t.y) for t in traces) == sum(range(1, len(outlets) + 1)) + 3
    assert list(traces[-1].x) == ["2026-01-05"] and sum(traces[-1].y) == sum(range(1, 6))
    assert list(traces[0].x) == ["2026-01-05", "undated"] and list(traces[0].y) == [len(outlets), 3]
    topics = pd.DataFrame(
        [("t1", "Topic", o, 2, 1, 0.5) for o in outlets],
        columns=["topic_id", "topic_label", "source_label", "articles_total", "articles_covering",
                 "share_of_articles"],
        dtype=object,
    )  # fmt: skip
    [heat] = topic_heatmap_figure(topics).data
    assert len(heat.z[0]) == len(outlets) and len(set(heat.x)) == len(outlets)
    assert coverage_daily_figure(pd.DataFrame()) is None and topic_heatmap_figure(pd.DataFrame()) is None


@pytest.mark.parametrize(
    ("status", "level", "title"),
    [
        ("published", "pass", "Quality gate passed — published"),
        ("unchanged", "info", "Nothing new; publication from 20250101T000000Z-prev kept"),
        ("blocked", "fail", "Quality gate FAILED — nothing from this run was published"),
        ("failed", "fail", "Run FAILED — nothing from this run was published"),
        ("interrupted", "fail", "Run INTERRUPTED — nothing from this run was published"),
        ("running", "neutral", "Run in progress (or it ended without recording how)"),
    ],
)
def test_the_banner_says_what_happened_and_what_is_shown(status: str, level: str, title: str) -> None:
    from reporting.html import banner_for
    from warehouse.report_queries import Publication, RunInfo

    run_id = "20250101T000000Z-prev" if status == "published" else "20250102T000000Z-this"
    run = RunInfo(run_id, status, None, None, None, None, None, {})
    previous = Publication("20250101T000000Z-prev", "2025-01-01 00:00:01", {})
    banner = banner_for(run, previous)
    assert (banner.level, banner.title) == (level, title)
    if level == "fail":
        assert "previous, untouched one: run 20250101T000000Z-prev" in banner.detail
        assert "no coverage tables have been published yet" in banner_for(run, None).detail
