"""The run's steps called directly (no orchestrator): accounting of duplicates, off-topic items,
changed files, JSON Lines lines, and isolation of an item that fails to process."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline import process, steps
from pipeline.run import RunSettings
from tests.conftest import outcomes_by_item, run_settings

pytestmark = pytest.mark.process  # starts the command, a Prefect API or worker processes

SEED_3 = "003_a1c5ffed28f8a4cf.txt"


def _run_until_staged(project: Path) -> tuple[RunSettings, steps.StageReport]:
    settings = run_settings(project)
    steps.prepare(settings, None)
    pending = steps.load(settings, steps.discover(settings))
    return settings, steps.stage(settings, pending)


def _assert_four_staged_and_no_orphans(settings: RunSettings) -> None:
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM staging.articles").fetchone() == (4,)
        orphans = con.execute(
            "SELECT count(*) FROM staging.topic_scores "
            "WHERE article_id NOT IN (SELECT article_id FROM staging.articles)"
        ).fetchone()
    assert orphans == (0,)


def test_duplicates_off_topic_and_jsonl_lines_each_get_an_outcome(seed_project: Path) -> None:
    seeds = seed_project / "seeds"
    shutil.copy(seeds / SEED_3, seeds / "zz_copy_of_003.txt")
    (seeds / "football.txt").write_text(
        "Leeds United beat Fleetwood 3-1 on Saturday.\n\n" + "The home side dominated possession. " * 30,
        encoding="utf-8",
    )
    lines = [
        json.dumps(
            {"title": "Record", "text": (seeds / SEED_3).read_text(encoding="utf-8") + " Extra line."}
        ),
        "{not json",
        json.dumps({"title": "no text field"}),
    ]
    (seeds / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    settings, report = _run_until_staged(seed_project)
    outcomes = outcomes_by_item(settings)
    assert outcomes["zz_copy_of_003.txt"][0] == "duplicate"
    assert SEED_3 in (outcomes["zz_copy_of_003.txt"][1] or "")
    assert outcomes["football.txt"][0] == "off_topic"
    assert outcomes["batch.jsonl#L1"][0] == "staged"
    assert outcomes["batch.jsonl#L2"][0] == "rejected"
    assert outcomes["batch.jsonl#L3"][0] == "rejected"
    assert len(report.staged) == 6  # five seeds and the JSON Lines record
    assert sum(report.outcomes.values()) == len(outcomes)


def test_a_changed_file_supersedes_its_earlier_article(seed_project: Path) -> None:
    settings, first = _run_until_staged(seed_project)
    seed = seed_project / "seeds" / SEED_3
    seed.write_text(
        seed.read_text(encoding="utf-8") + "\n\nThis story has been corrected.\n", encoding="utf-8"
    )
    settings, second = _run_until_staged(seed_project)
    assert len(second.staged) == 1
    outcomes = outcomes_by_item(settings)
    assert outcomes[SEED_3][0] == "staged"
    # The first run never reached publication, so the other seeds are carried over, not re-extracted.
    carried = [
        name for name, (outcome, detail) in outcomes.items() if detail == "unchanged; awaiting publication"
    ]
    assert len(carried) == 4
    assert SEED_3 not in carried
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        staged = con.execute(
            "SELECT article_id FROM staging.articles WHERE origin LIKE ?", [f"%{SEED_3}"]
        ).fetchall()
        raw_versions = con.execute(
            "SELECT count(*) FROM raw.documents WHERE origin LIKE ?", [f"%{SEED_3}"]
        ).fetchone()
    assert staged == [(second.staged[0],)]
    assert raw_versions == (2,)
    assert second.staged[0] not in first.staged


def test_an_item_that_fails_to_process_is_recorded_and_leaves_nothing_behind(
    seed_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = process.find_entity_mentions

    def fails_on_one_article(text: str, profile: object) -> list:
        if "Jaemyung" in text:
            raise ValueError("simulated extractor bug")
        return real(text, profile)

    monkeypatch.setattr(process, "find_entity_mentions", fails_on_one_article)
    settings, report = _run_until_staged(seed_project)
    outcomes = outcomes_by_item(settings)
    failed = [(name, detail) for name, (outcome, detail) in outcomes.items() if outcome == "rejected"]
    assert len(failed) == 1
    assert failed[0][0].startswith("000_")
    assert "processing error: ValueError: simulated extractor bug" in (failed[0][1] or "")
    assert len(report.staged) == 4
    _assert_four_staged_and_no_orphans(settings)


def test_an_html_page_is_staged_with_its_metadata_and_provenance(seed_project: Path) -> None:
    paragraphs = (seed_project / "seeds" / SEED_3).read_text(encoding="utf-8").split("\n\n")[4:14]
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    page = f"""<!DOCTYPE html><html lang="en-GB"><head>
    <title>Lee and Xi reset ties | Example Times</title>
    <meta property="og:site_name" content="Example Times">
    <meta property="article:published_time" content="2026-01-06T09:30:00+09:00">
    <link rel="canonical" href="https://example.test/world/lee-xi-reset">
    </head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
    <div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
    <article><h1>Lee and Xi reset ties</h1>{body}</article>
    <aside><h3>Related</h3><a href="/a">Markets rally on trade hopes</a></aside>
    <footer>Copyright 2026 Example Times. All rights reserved.</footer>
    </body></html>"""
    (seed_project / "seeds" / "example-times.html").write_text(page, encoding="utf-8")
    settings, _ = _run_until_staged(seed_project)
    assert outcomes_by_item(settings)["example-times.html"][0] == "staged"
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        row = con.execute(
            "SELECT outlet, outlet_provenance, published_date::VARCHAR, date_provenance, url, language, "
            "extractor, text, field_provenance FROM staging.articles WHERE origin LIKE '%example-times.html'"
        ).fetchone()
    outlet, outlet_provenance, published, date_provenance, url, language, extractor, text, provenance = row
    assert (outlet, outlet_provenance) == ("Example Times", "metadata:html")
    assert (published, date_provenance) == ("2026-01-06", "metadata:html")
    assert (url, language, extractor) == ("https://example.test/world/lee-xi-reset", "en", "trafilatura")
    assert paragraphs[0][:60] in text and paragraphs[-1][:60] in text
    assert "cookies" not in text and "Markets rally" not in text
    assert json.loads(provenance)["outlet"].startswith("presswatch.page_metadata@")  # og:site_name


def test_a_row_the_warehouse_rejects_costs_only_its_own_item(
    seed_project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real = process.build_article_row

    def one_bad_row(document: object, context: object) -> dict[str, object]:
        row = real(document, context)  # type: ignore[arg-type]
        if "Jaemyung" in str(row["text"]):
            row["word_count"] = "many"  # not an INTEGER: the batch's bulk insert fails on it
        return row

    monkeypatch.setattr(process, "build_article_row", one_bad_row)
    settings, report = _run_until_staged(seed_project)
    assert "could not be loaded whole" in caplog.text  # the batch fell back to item-by-item loading
    outcomes = outcomes_by_item(settings)
    rejected = [(name, detail) for name, (outcome, detail) in outcomes.items() if outcome == "rejected"]
    assert len(rejected) == 1 and rejected[0][0].startswith("000_")
    assert "processing error" in (rejected[0][1] or "")
    assert len(report.staged) == 4
    _assert_four_staged_and_no_orphans(settings)
