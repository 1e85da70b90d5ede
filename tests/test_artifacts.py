"""Prefect artifacts of a flow run, read back through the Prefect client as the UI would."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname
from uuid import UUID

import duckdb
import pandas as pd
import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

from flows.ingest import ingest
from reporting.artifacts import ARTIFACT_KEYS, quality_markdown
from tests.conftest import run_settings
from tests.gate_inputs import add_broken_layout_batch
from warehouse.report_queries import Publication, ReportData, RunInfo

pytestmark = pytest.mark.process  # starts the command, a Prefect API or worker processes


def _artifacts(flow_run_id: str) -> dict[str, object]:
    """The flow run's artifacts by key, fetched from the Prefect API."""
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[UUID(flow_run_id)]))
        )
    return {a.key: a for a in found}


def _table_data(artifact: object) -> list[dict]:
    data = artifact.data  # type: ignore[attr-defined]
    return json.loads(data) if isinstance(data, str) else data


@pytest.mark.flow
def test_each_run_leaves_coverage_quality_and_report_artifacts(
    prefect_harness: None, seed_project: Path
) -> None:
    published = ingest(run_settings(seed_project))
    assert published.status == "published" and published.flow_run_id
    artifacts = _artifacts(published.flow_run_id)
    assert set(artifacts) == set(ARTIFACT_KEYS.values())

    coverage = artifacts[ARTIFACT_KEYS["coverage"]]
    assert coverage.type == "table"
    rows = _table_data(coverage)
    with duckdb.connect(str(seed_project / "w.duckdb"), read_only=True) as con:
        expected = dict(con.execute(
            "SELECT source_label, sum(articles) FROM marts.coverage_by_source GROUP BY ALL"
        ).fetchall())  # fmt: skip
    assert {r["source_label"]: r["articles"] for r in rows} == expected
    assert sum(r["articles"] for r in rows) == published.items["published"]

    quality = artifacts[ARTIFACT_KEYS["quality"]]
    assert quality.type == "markdown"
    assert f"`{published.run_id}`: PUBLISHED" in quality.data
    assert "**PASSED**" in quality.data and f"| published | {published.items['published']} |" in quality.data

    link = artifacts[ARTIFACT_KEYS["report"]]
    assert link.type == "markdown"  # Prefect stores link artifacts as markdown links
    uri = link.data[link.data.index("(file://") + 1 : link.data.rindex(")")]
    report = Path(url2pathname(urlparse(uri).path))
    assert report == (seed_project / "reports" / "runs" / f"{published.run_id}.html").resolve()
    assert report.is_file() and published.run_id in report.read_text(encoding="utf-8")

    # A blocked run says so, and names the publication it left in place.
    add_broken_layout_batch(seed_project)
    blocked = ingest(run_settings(seed_project))
    assert blocked.status == "blocked" and blocked.flow_run_id
    note = _artifacts(blocked.flow_run_id)[ARTIFACT_KEYS["quality"]].data
    assert f"`{blocked.run_id}`: BLOCKED" in note
    assert "Nothing from this run was published" in note
    assert f"previous publication: run `{published.run_id}`" in note
    assert "**FAILED**" in note and "expect_column_values_to_be_between" in note
    assert "Visit coverage index" in note  # the quarantined pages, by headline


def test_markdown_cells_cannot_break_the_table_or_inject_html() -> None:
    run = RunInfo("r2", "blocked", "2026-01-05 10:00:00", "2026-01-05 10:01:00", "gate failed", None, "e",
                  {"quarantined": 1})  # fmt: skip
    previous = Publication("r1", "2026-01-04", {})
    data = ReportData(run=run, latest_run_id="r2", publication=previous, summary=None)
    data.quality_run_id = "r2"
    data.validations = pd.DataFrame(
        [{"table_name": "staging.articles", "row_count": 3, "expectations": 2, "failed": 1, "success": False}]
    )
    data.quarantine = pd.DataFrame(
        [{"article_id": "a1", "title": "A | B <script>x</script>\nnext", "origin": "f", "reasons": "date"}]
    )
    note = quality_markdown(data)
    [row] = [line for line in note.splitlines() if line.startswith("| a1 ")]
    assert "A \\| B &lt;script&gt;x&lt;/script&gt; next" in row
    assert "<script>" not in note
    assert "previous publication: run `r1`" in note
