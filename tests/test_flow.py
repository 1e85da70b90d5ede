"""The whole pipeline as real Prefect flow runs on the seeds, into real DuckDB files.

One Prefect test harness serves the module; each test gets its own copy of the seeds and its own
warehouse, so the tests are independent.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import duckdb
import pytest

from flows.ingest import ingest
from tests.conftest import run_settings
from tests.gate_inputs import BROKEN_LAYOUT_FILE, add_broken_layout_batch, add_out_of_window_article
from warehouse.marts import MARTS

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]

SEED_COUNT = 5


def _query(project: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(project / "w.duckdb"), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _snapshot(project: Path) -> dict[str, list[tuple]]:
    return {name: _query(project, f"SELECT * FROM marts.{name} ORDER BY ALL") for name in MARTS}


def _history(project: Path, run_id: str) -> tuple:
    """(status, suites failed, expectations failed, failing rows, articles quarantined) of a run."""
    [row] = _query(
        project,
        "SELECT status, suites_failed, expectations_failed, failing_rows, articles_quarantined "
        "FROM dq.run_history WHERE run_id = ?",
        [run_id],
    )
    return row


def _outcomes(project: Path, run_id: str) -> dict[str, str]:
    rows = _query(project, "SELECT item, outcome FROM ops.item_outcomes WHERE run_id = ?", [run_id])
    return {Path(item).name: outcome for item, outcome in rows}


def test_seeds_publish_every_mart_and_a_second_run_changes_nothing(seed_project: Path) -> None:
    first = ingest(run_settings(seed_project))
    assert first.status == "published", first.failures
    assert first.items == {"published": SEED_COUNT}
    assert set(first.published_rows) == set(MARTS)
    # Every mart has rows on the seeds, except unknown-name candidates (none recurs in five articles).
    empty = {mart for mart, rows in first.published_rows.items() if rows == 0}
    assert empty <= {"entity_candidates"}, first.published_rows
    origins = {Path(r[0]).name for r in _query(seed_project, "SELECT origin FROM marts.articles")}
    assert origins == {p.name for p in (seed_project / "seeds").glob("*.txt")}
    # Both spellings of the president's name resolve to one canonical entity.
    variants = _query(
        seed_project,
        "SELECT DISTINCT variant FROM marts.entity_mentions WHERE entity_id = 'lee-jae-myung' ORDER BY 1",
    )
    assert {"Lee Jaemyung", "Lee Jae Myung"} <= {v[0] for v in variants}
    summary = _query(seed_project, "SELECT articles, quality_status, run_id FROM marts.coverage_summary")
    assert summary == [(SEED_COUNT, summary[0][1], first.run_id)]
    assert summary[0][1].startswith("passed")
    _assert_analytics_answer_the_analysts_questions(seed_project)
    before = _snapshot(seed_project)

    second = ingest(run_settings(seed_project))
    assert second.status == "unchanged"
    assert second.items == {"unchanged": SEED_COUNT}
    assert second.published_rows == {}
    assert _snapshot(seed_project) == before
    assert _query(seed_project, "SELECT count(*) FROM ops.publications") == [(1,)]
    assert _query(seed_project, "SELECT count(*) FROM raw.documents") == [(SEED_COUNT,)]


def _assert_analytics_answer_the_analysts_questions(project: Path) -> None:
    """The questions the analytics marts exist for, asked in plain SQL on the published seeds."""
    # Which sources spelled the president's name differently?
    spellings = dict(
        _query(
            project,
            "SELECT source_label, list_filter(variants_seen, v -> length(v) > 3) FROM marts.entity_outlets "
            "WHERE entity_id = 'lee-jae-myung'",
        )
    )
    assert spellings["unknown: 000_d7fe7cdb3025e821.txt"] == ["Lee Jaemyung"]
    assert {tuple(v) for v in spellings.values()} == {("Lee Jaemyung",), ("Lee Jae Myung",)}
    # Which facts are reported with different values, and by whom?
    disputed = {
        claim_type: {value for value, _ in rows}
        for claim_type, rows in _group_by_first(
            _query(project, "SELECT claim_type, value, source_labels FROM marts.claim_conflicts")
        ).items()
    }
    assert disputed["agreements-signed"] == {"14", "15"}
    assert disputed["business-delegation-size"] == {"200", "400"}
    assert disputed["summit-date"] == {"2026-01-05", "2026-01-06"}
    # Which quotation was carried by the most outlets, and who said it?
    top = _query(
        project,
        "SELECT outlets_carrying, speaker_entity_id, quote_text FROM marts.quotes "
        "ORDER BY outlets_carrying DESC, words DESC LIMIT 1",
    )
    assert top[0][:2] == (2, "lee-jae-myung") and "new starting point" in top[0][2]
    # Which topics did each source ignore? Every source ignores at least one; zero rows are kept.
    ignored = _query(
        project,
        "SELECT source_label, count(*) FILTER (WHERE articles_covering = 0) "
        "FROM marts.topic_coverage GROUP BY 1",
    )
    assert len(ignored) == SEED_COUNT and all(count > 0 for _, count in ignored)


def _group_by_first(rows: list[tuple]) -> dict[object, list[tuple]]:
    grouped: dict[object, list[tuple]] = {}
    for first, *rest in rows:
        grouped.setdefault(first, []).append(tuple(rest))
    return grouped


def test_a_row_failing_an_expectation_is_quarantined_and_the_rest_published(seed_project: Path) -> None:
    assert ingest(run_settings(seed_project)).status == "published"
    # A well-formed record about the visit, but dated decades before the event window.
    seed_text = (seed_project / "seeds" / "003_a1c5ffed28f8a4cf.txt").read_text(encoding="utf-8")
    record = {
        "title": "Archive copy",
        "text": seed_text.replace("Lee", "President Lee"),
        "published": "1999-03-01",
    }
    # A valid article arrives in the same batch: the bad row must not hold it back.
    valid = {"title": "Follow-up", "text": seed_text.replace("Lee", "Mr Lee"), "published": "2026-01-09"}
    lines = [json.dumps(record), json.dumps(valid)]
    (seed_project / "seeds" / "late.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    run = ingest(run_settings(seed_project))
    assert run.status == "published", run.failures
    assert "1 article quarantined" in run.message
    assert len(run.quarantined) == 1
    assert "published_date" in next(iter(run.quarantined.values()))
    outcomes = _outcomes(seed_project, run.run_id)
    assert outcomes["late.jsonl#L1"] == "quarantined"
    assert outcomes["late.jsonl#L2"] == "published"
    titles = {r[0] for r in _query(seed_project, "SELECT title FROM marts.articles")}
    assert "Follow-up" in titles and "Archive copy" not in titles
    assert _query(seed_project, "SELECT count(*) FROM marts.articles") == [(SEED_COUNT + 1,)]
    quarantined = _query(seed_project, "SELECT origin, reasons FROM dq.quarantine")
    assert [Path(o).name for o, _ in quarantined] == ["late.jsonl#L1"]
    # Two validations of staging.articles: the whole batch (failed), then what remained (passed).
    assert _query(
        seed_project,
        "SELECT suite, success, row_count FROM dq.validations "
        "WHERE run_id = ? AND table_name = 'staging.articles' ORDER BY validated_at",
        [run.run_id],
    ) == [("staging_articles", False, SEED_COUNT + 2), ("staging_articles_remaining", True, SEED_COUNT + 1)]
    failed = _query(
        seed_project,
        "SELECT expectation FROM dq.expectation_results WHERE run_id = ? AND NOT success",
        [run.run_id],
    )
    assert ("expect_column_values_to_be_between",) in failed
    assert _history(seed_project, run.run_id) == ("published", 1, 1, 1, 1)
    assert _query(
        seed_project,
        "SELECT title, published_date, still_quarantined FROM dq.quarantined_articles WHERE run_id = ?",
        [run.run_id],
    ) == [("Archive copy", date(1999, 3, 1), True)]
    assert _query(seed_project, "SELECT quality_status FROM marts.coverage_summary") == [
        (f"passed: {history_expectations(seed_project, run.run_id)} expectations on staging.articles, "
         "after 1 quarantined",)
    ]  # fmt: skip


def history_expectations(project: Path, run_id: str) -> int:
    [(count,)] = _query(
        project,
        "SELECT expectations FROM dq.validations WHERE run_id = ? AND suite = 'staging_articles_remaining'",
        [run_id],
    )
    return int(count)


def test_a_run_whose_only_new_article_is_quarantined_ends_unchanged(seed_project: Path) -> None:
    first = ingest(run_settings(seed_project))
    assert first.status == "published"
    before = _snapshot(seed_project)
    add_out_of_window_article(seed_project)
    run = ingest(run_settings(seed_project))
    assert run.status == "unchanged", (run.message, run.failures)
    assert run.items == {"quarantined": 1, "unchanged": SEED_COUNT}
    assert "1 article quarantined" in run.message
    assert _snapshot(seed_project) == before
    assert _query(seed_project, "SELECT run_id FROM ops.publications") == [(first.run_id,)]


def test_a_first_run_with_nothing_to_stage_ends_unchanged_not_blocked(seed_project: Path) -> None:
    add_out_of_window_article(seed_project)
    for seed in (seed_project / "seeds").glob("*.txt"):
        seed.unlink()
    (seed_project / "seeds" / "empty.txt").write_bytes(b"")
    run = ingest(run_settings(seed_project))
    assert run.status == "unchanged", (run.message, run.failures)
    assert run.items == {"quarantined": 1, "rejected": 1}
    assert _query(seed_project, "SELECT count(*) FROM ops.publications") == [(0,)]


def test_a_batch_level_failure_blocks_and_holds_the_valid_articles(seed_project: Path) -> None:
    assert ingest(run_settings(seed_project)).status == "published"
    before = _snapshot(seed_project)
    add_broken_layout_batch(seed_project)
    seed_text = (seed_project / "seeds" / "003_a1c5ffed28f8a4cf.txt").read_text(encoding="utf-8")
    valid = {"title": "Follow-up", "text": seed_text.replace("Lee", "Mr Lee"), "published": "2026-01-09"}
    (seed_project / "seeds" / "valid.jsonl").write_text(json.dumps(valid) + "\n", encoding="utf-8")

    blocked = ingest(run_settings(seed_project))
    assert blocked.status == "blocked"
    assert any("extraction_quality" in failure for failure in blocked.failures), blocked.failures
    assert _snapshot(seed_project) == before
    outcomes = _outcomes(seed_project, blocked.run_id)
    assert outcomes["valid.jsonl#L1"] == "held"
    assert {outcomes[f"{BROKEN_LAYOUT_FILE}#L{k}"] for k in (1, 2, 3)} == {"quarantined"}
    assert _query(seed_project, "SELECT status FROM ops.runs WHERE run_id = ?", [blocked.run_id]) == [
        ("blocked",)
    ]
    assert _history(seed_project, blocked.run_id) == ("blocked", 1, 1, 3, 3)

    # The next run publishes what was held; the quarantined pages stay out.
    after = ingest(run_settings(seed_project))
    assert after.status == "published", after.failures
    assert _outcomes(seed_project, after.run_id)["valid.jsonl#L1"] == "published"
    assert _query(seed_project, "SELECT count(*) FROM marts.articles") == [(SEED_COUNT + 1,)]


def test_a_validation_that_raises_blocks_publishing(
    seed_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ingest(run_settings(seed_project)).status == "published"
    before = _snapshot(seed_project)
    (seed_project / "seeds" / "004_2c0cd989f7fbec53.txt").write_text(
        (seed_project / "seeds" / "004_2c0cd989f7fbec53.txt").read_text(encoding="utf-8")
        + "\nUpdated once more.\n",
        encoding="utf-8",
    )
    import great_expectations as gx

    from expectations import marts as mart_suites

    real_builder = mart_suites.build_mart_suites

    def with_a_broken_expectation(facts: mart_suites.StagingFacts) -> dict[str, mart_suites.MartSuite]:
        suites = real_builder(facts)
        # A column the mart does not have: GE reports a raised exception, never a pass.
        suites["articles"].expectations.append(
            gx.expectations.ExpectColumnValuesToNotBeNull(column="no_such")
        )
        return suites

    monkeypatch.setattr("pipeline.publishing.build_mart_suites", with_a_broken_expectation)
    result = ingest(run_settings(seed_project))
    assert result.status == "blocked"
    assert any("no_such" in failure or "does not exist" in failure for failure in result.failures), (
        result.failures
    )
    assert _snapshot(seed_project) == before
    raised = _query(
        seed_project,
        "SELECT count(*) FROM dq.expectation_results WHERE run_id = ? AND raised",
        [result.run_id],
    )
    assert raised[0][0] >= 1


def test_bad_inputs_are_recorded_and_the_rest_publishes(seed_project: Path) -> None:
    seeds = seed_project / "seeds"
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (seeds / "undecodable.txt").write_bytes(bytes(range(128, 256)) * 3)
    with open(seeds / "huge.txt", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # a 50 MB file (sparse: quick to make)
    os.symlink(seeds / "vanished-target.txt", seeds / "dangling.txt")
    (seeds / "folder.txt").mkdir()

    result = ingest(run_settings(seed_project))
    assert result.status == "published", result.failures
    outcomes = _outcomes(seed_project, result.run_id)
    for name in ("empty.txt", "binary.txt", "undecodable.txt", "huge.txt", "dangling.txt", "folder.txt"):
        assert outcomes[name] == "rejected", (name, outcomes)
    details = dict(
        (Path(item).name, detail)
        for item, detail in _query(
            seed_project, "SELECT item, detail FROM ops.item_outcomes WHERE run_id = ?", [result.run_id]
        )
    )
    assert details["empty.txt"].startswith("empty")
    assert details["binary.txt"].startswith("binary content")
    assert details["undecodable.txt"].startswith("undecodable text")
    assert details["huge.txt"].startswith("too large: 52428800 bytes")
    assert details["dangling.txt"].startswith("unreadable")
    assert details["folder.txt"] == "unreadable: not a regular file"
    assert sum(1 for o in outcomes.values() if o == "published") == SEED_COUNT
    assert _query(seed_project, "SELECT count(*) FROM marts.articles") == [(SEED_COUNT,)]


def test_a_name_an_article_declares_shows_as_a_candidate_with_its_declaration(seed_project: Path) -> None:
    seed_text = (seed_project / "seeds" / "003_a1c5ffed28f8a4cf.txt").read_text(encoding="utf-8")
    declaring = (
        f"{seed_text.replace('Lee', 'President Lee')}\n\nThe Global Times (GT) called the visit a turning "
        "point. GT said the talks would continue in Seoul."
    )
    record = {"title": "Follow-up", "text": declaring, "published": "2026-01-08"}
    (seed_project / "seeds" / "declared.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    run = ingest(run_settings(seed_project))
    assert run.status == "published", run.failures
    assert _query(
        seed_project,
        "SELECT name, articles, mentions, declared_for, declaration FROM marts.entity_candidates "
        "WHERE declared_for IS NOT NULL",
    ) == [("GT", 1, 2, "global-times", "Global Times (GT)")]
    # The run counted the declared name for the entity in that article.
    assert _query(
        seed_project,
        "SELECT count(*) FROM marts.entity_mentions WHERE entity_id = 'global-times' AND variant = 'GT'",
    ) == [(1,)]
