"""Backfill: re-derive one window of the raw archive, leaving everything else as it is."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from flows.ingest import backfill, ingest
from presswatch.cli import EXIT_ERROR, main
from tests.conftest import run_settings

pytestmark = pytest.mark.process  # starts the command, a Prefect API or worker processes


def _query(project: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(project / "w.duckdb"), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _groupings(project: Path) -> dict[str, list[tuple]]:
    """The cross-article groupings in staging: shared happenings, quotation groups, story clusters."""
    return {
        "happenings": _query(project, "SELECT count(DISTINCT happening) FROM staging.timeline_events"),
        "quote_groups": _query(project, "SELECT count(DISTINCT quote_group) FROM staging.quotes"),
        "clusters": _query(project, "SELECT article_id, cluster_id FROM staging.story_clusters ORDER BY 1"),
    }


@pytest.mark.flow
def test_backfill_rederives_only_the_items_of_its_window(prefect_harness: None, seed_project: Path) -> None:
    assert ingest(run_settings(seed_project)).status == "published"
    dated = _query(
        seed_project, "SELECT origin, published_date FROM staging.articles WHERE published_date IS NOT NULL"
    )
    days = sorted({day for _, day in dated})
    assert len(days) >= 2, "the seeds span several days; a one-day window must leave some out"
    day = days[0]
    inside = {Path(origin).name for origin, published in dated if published == day}
    before = _query(seed_project, "SELECT * FROM staging.articles ORDER BY article_id")
    groupings_before = _groupings(seed_project)

    result = backfill(run_settings(seed_project), day, day)
    assert result.status == "unchanged", result.failures  # same archive, same code: same articles
    items = _query(
        seed_project, "SELECT item, outcome FROM ops.item_outcomes WHERE run_id = ?", [result.run_id]
    )
    assert {Path(item).name for item, _ in items} == inside
    assert {outcome for _, outcome in items} == {"unchanged"}
    after = _query(seed_project, "SELECT * FROM staging.articles ORDER BY article_id")
    assert [row[0] for row in after] == [row[0] for row in before]  # nothing outside the window was dropped
    # Re-derived articles keep their place in the groupings across articles (same ids, same groups).
    assert _groupings(seed_project) == groupings_before

    # A window on when items were captured: today's window covers every seed loaded today.
    today = _query(seed_project, "SELECT max(CAST(loaded_at AS DATE)) FROM raw.documents")[0][0]
    everything = backfill(run_settings(seed_project), today, today)
    everything_items = _query(
        seed_project, "SELECT count(*) FROM ops.item_outcomes WHERE run_id = ?", [everything.run_id]
    )
    assert everything_items == [(len(before),)]
    nothing = backfill(run_settings(seed_project), date(1990, 1, 1), date(1990, 1, 1) + timedelta(days=1))
    assert _query(
        seed_project, "SELECT count(*) FROM ops.item_outcomes WHERE run_id = ?", [nothing.run_id]
    ) == [(0,)]
    assert nothing.status == "unchanged"


def test_backfill_refuses_a_window_that_ends_before_it_starts(
    seed_project: Path, capsys: pytest.CaptureFixture
) -> None:
    seeds = seed_project / "seeds"
    args = [
        "backfill", "--since", "2026-01-07", "--until", "2026-01-04",
        "--warehouse", str(seed_project / "w.duckdb"),
        "--sources", str(seeds / "sources.toml"), "--event", str(seeds / "event.toml"),
    ]  # fmt: skip
    assert main(args) == EXIT_ERROR
    assert "--until is before --since" in capsys.readouterr().err
    assert not (seed_project / "w.duckdb").exists()
