"""An item is its (source, origin): two sources seeing the same file never take each other's articles.

Guards the invariant behind it: a valid staged article leaves staging only when its own source
item changed (or the archive is re-derived), or the gate quarantined it, and every departure is
recorded with its reason.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipeline import steps
from pipeline.run import RunSettings
from tests.conftest import run_settings

pytestmark = pytest.mark.process  # starts the command, a Prefect API or worker processes

SEED_3 = "003_a1c5ffed28f8a4cf.txt"
SEED_COUNT = 5


def _two_sources(project: Path, *, second: str = 'path = "."') -> Path:
    sources = project / "seeds" / "sources.toml"
    sources.write_text(
        '[[source]]\nid = "first"\nkind = "local"\npath = "."\npatterns = ["*.txt"]\n\n'
        f'[[source]]\nid = "second"\nkind = "local"\n{second}\npatterns = ["*.txt"]\n',
        encoding="utf-8",
    )
    return sources


def _one_source(project: Path) -> Path:
    sources = project / "seeds" / "sources.toml"
    sources.write_text(
        '[[source]]\nid = "first"\nkind = "local"\npath = "."\npatterns = ["*.txt"]\n', encoding="utf-8"
    )
    return sources


def _stage_run(project: Path, sources: Path) -> RunSettings:
    settings = run_settings(project, sources=sources)
    steps.prepare(settings, None)
    pending = steps.load(settings, steps.discover(settings))
    steps.stage(settings, pending)
    return settings


def _rows(settings: RunSettings, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _outcomes_by_source(settings: RunSettings) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for source_id, outcome, n in _rows(
        settings,
        "SELECT source_id, outcome, count(*) FROM ops.item_outcomes WHERE run_id = ? GROUP BY ALL",
        [settings.run_id],
    ):
        counts.setdefault(source_id, {})[outcome] = n
    return counts


def assert_no_article_left_staging_unrecorded(warehouse: str) -> None:
    """Every article a run staged is still staged, quarantined, or its departure is recorded."""
    with duckdb.connect(warehouse, read_only=True) as con:
        lost = con.execute(
            """
            SELECT DISTINCT o.article_id, o.source_id, o.item
            FROM ops.item_outcomes AS o
            WHERE o.outcome IN ('staged', 'held', 'published') AND o.article_id IS NOT NULL
              AND o.article_id NOT IN (SELECT article_id FROM staging.articles)
              AND o.article_id NOT IN (SELECT article_id FROM dq.quarantine)
              AND NOT EXISTS (SELECT 1 FROM ops.staging_departures AS d
                              WHERE d.article_id = o.article_id AND d.source_id = o.source_id)
            """
        ).fetchall()
    assert lost == [], f"articles gone from staging with no recorded reason: {lost}"


def test_two_sources_over_one_folder_stage_each_article_once_and_the_second_sighting_is_a_duplicate(
    seed_project: Path,
) -> None:
    settings = _stage_run(seed_project, _two_sources(seed_project))
    assert _outcomes_by_source(settings) == {
        "first": {"staged": SEED_COUNT},
        "second": {"duplicate": SEED_COUNT},
    }
    assert _rows(settings, "SELECT source_id, count(*) FROM staging.articles GROUP BY ALL") == [
        ("first", SEED_COUNT)
    ]
    assert_no_article_left_staging_unrecorded(settings.warehouse)

    # The next run (the first never published) carries the first source's articles out; the
    # second source's sightings stay duplicates and take nothing away.
    again = _stage_run(seed_project, _two_sources(seed_project))
    counts = _outcomes_by_source(again)
    assert counts["first"] == {"staged": SEED_COUNT}
    assert counts["second"] == {"unchanged": SEED_COUNT}
    assert _rows(again, "SELECT count(*) FROM staging.articles") == [(SEED_COUNT,)]
    assert_no_article_left_staging_unrecorded(again.warehouse)


def test_a_recursive_and_a_flat_source_over_one_folder_keep_every_article(seed_project: Path) -> None:
    settings = _stage_run(seed_project, _two_sources(seed_project, second='path = "."\nrecursive = true'))
    assert _rows(settings, "SELECT count(*) FROM staging.articles") == [(SEED_COUNT,)]
    assert_no_article_left_staging_unrecorded(settings.warehouse)


def test_removing_the_second_source_keeps_the_first_sources_articles(seed_project: Path) -> None:
    _stage_run(seed_project, _two_sources(seed_project))
    settings = _stage_run(seed_project, _one_source(seed_project))
    assert _outcomes_by_source(settings) == {"first": {"staged": SEED_COUNT}}
    assert _rows(settings, "SELECT count(*) FROM staging.articles") == [(SEED_COUNT,)]
    assert_no_article_left_staging_unrecorded(settings.warehouse)


def test_a_changed_file_replaces_only_its_own_sources_article_and_says_why(seed_project: Path) -> None:
    _stage_run(seed_project, _two_sources(seed_project))
    seed = seed_project / "seeds" / SEED_3
    seed.write_text(
        seed.read_text(encoding="utf-8") + "\n\nThis story has been corrected.\n", encoding="utf-8"
    )
    settings = _stage_run(seed_project, _two_sources(seed_project))
    counts = _outcomes_by_source(settings)
    assert counts["first"] == {"staged": SEED_COUNT}  # one re-extracted, four carried over
    assert counts["second"] == {"duplicate": 1, "unchanged": SEED_COUNT - 1}
    departed = _rows(settings, "SELECT source_id, origin, reason FROM ops.staging_departures")
    assert len(departed) == 1
    source_id, origin, reason = departed[0]
    assert (source_id, Path(origin).name) == ("first", SEED_3)
    assert "changed" in reason
    assert _rows(settings, "SELECT count(*) FROM staging.articles") == [(SEED_COUNT,)]
    assert_no_article_left_staging_unrecorded(settings.warehouse)


def test_a_file_changed_back_to_an_earlier_version_is_staged_again(seed_project: Path) -> None:
    seed = seed_project / "seeds" / SEED_3
    original = seed.read_bytes()
    first = _stage_run(seed_project, _one_source(seed_project))
    [(first_id,)] = _rows(
        first, "SELECT article_id FROM staging.articles WHERE origin LIKE ?", [f"%{SEED_3}"]
    )
    seed.write_bytes(original + b"\n\nThis story has been corrected.\n")
    _stage_run(seed_project, _one_source(seed_project))
    seed.write_bytes(original)  # the correction is withdrawn
    settings = _stage_run(seed_project, _one_source(seed_project))
    staged = _rows(settings, "SELECT article_id FROM staging.articles WHERE origin LIKE ?", [f"%{SEED_3}"])
    assert staged == [(first_id,)]
    assert_no_article_left_staging_unrecorded(settings.warehouse)


@pytest.mark.flow
@pytest.mark.usefixtures("prefect_harness")
def test_a_real_run_over_two_sources_on_one_folder_publishes_every_article(seed_project: Path) -> None:
    from flows.ingest import ingest

    first = ingest(run_settings(seed_project, sources=_two_sources(seed_project)))
    assert first.status == "published", first.failures
    assert first.items == {"published": SEED_COUNT, "duplicate": SEED_COUNT}
    # Without the second source nothing changes and nothing is lost.
    second = ingest(run_settings(seed_project, sources=_one_source(seed_project)))
    assert second.status == "unchanged"
    assert second.items == {"unchanged": SEED_COUNT}
    with duckdb.connect(first.warehouse, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM marts.articles").fetchone() == (SEED_COUNT,)
    assert_no_article_left_staging_unrecorded(first.warehouse)
