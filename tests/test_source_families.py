"""Conflicts count independent sources: near-copies of one story (a syndicated wire piece) are one family."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows.ingest import ingest
from tests.conftest import run_settings

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]


def test_a_syndicated_copy_adds_an_article_but_not_a_source_family(seed_project: Path) -> None:
    seeds = seed_project / "seeds"
    original = sorted(seeds.glob("*.txt"))[0]
    # The same story run again by another site with one sentence added: a near-copy, not a new source.
    copy = original.read_text(encoding="utf-8") + "\nThis story was first published by a partner agency.\n"
    (seeds / "zz_syndicated_copy.txt").write_text(copy, encoding="utf-8")
    result = ingest(run_settings(seed_project))
    assert result.status == "published", result.failures
    with duckdb.connect(str(seed_project / "w.duckdb"), read_only=True) as con:
        clusters = con.execute("SELECT max(cluster_size) FROM marts.story_clusters").fetchone()
        rows = con.execute(
            "SELECT claim_type, value, articles, source_families FROM marts.claim_conflicts"
        ).fetchall()
    assert clusters is not None and clusters[0] >= 2  # the copy was recognised as one
    assert all(families <= articles for _, _, articles, families in rows)
    assert any(articles == families + 1 for _, _, articles, families in rows), rows
