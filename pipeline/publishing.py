"""Audit and publish: the quality gate over staging and candidate marts, then the atomic publish.

Validation runs with the warehouse closed (it only needs DataFrames), so the file is held for
the short writes only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from expectations import staging_articles
from expectations.marts import StagingFacts, build_mart_suites
from expectations.validate import SuiteOutcome, validate
from pipeline.run import RunSettings, utc_now
from pipeline.steps import load_profile, refresh_cross_article
from runtime.crashpoints import pause_point
from runtime.progress import track
from warehouse import accounting, dq, marts, snapshot, staging
from warehouse.connection import open_warehouse
from warehouse.outcomes import RunStatus

logger = logging.getLogger(__name__)

__all__ = ["GateReport", "PublishReport", "audit_staging", "finish", "publish_if_valid", "staging_changed"]


@dataclass
class GateReport:
    """The staging gate's verdict and what it quarantined (article_id -> reasons)."""

    success: bool
    expectations: int
    failed: list[str] = field(default_factory=list)
    quarantined: dict[str, str] = field(default_factory=dict)
    data_docs: str | None = None


@dataclass
class PublishReport:
    """How the publish step ended: ``published`` or ``blocked``, with rows per mart or failures."""

    status: str
    row_counts: dict[str, int] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)
    data_docs: str | None = None


def _docs_dir(settings: RunSettings) -> Path:
    # Great Expectations keeps its project (suites, results, Data Docs) in <reports>/gx/.
    return Path(settings.reports_dir)


def _describe_failures(outcome: SuiteOutcome, table: str) -> list[str]:
    if outcome.error:
        return [f"{table}: validation could not run: {outcome.error}"]
    return [f"{table}: {o.expectation}: {o.error or o.message}" for o in outcome.failed]


def staging_changed(settings: RunSettings) -> tuple[bool, str]:
    """Whether staging differs from what the current publication was built from, and its fingerprint."""
    profile = load_profile(settings.event_file)
    with open_warehouse(settings.warehouse) as con:
        fingerprint = staging.state_fingerprint(con, profile.version, marts.models_version())
        return fingerprint != marts.last_fingerprint(con), fingerprint


def audit_staging(settings: RunSettings) -> GateReport:
    """Validate every staged article; quarantine the rows that fail and report the verdict."""
    profile = load_profile(settings.event_file)
    with open_warehouse(settings.warehouse) as con:
        frame = con.table("staging.articles").df()
    suite = staging_articles.build_suite(profile.window_start, profile.window_end)
    outcome = validate(
        frame, staging_articles.SUITE_NAME, suite, id_column="article_id", data_docs_dir=_docs_dir(settings)
    )
    failures: dict[str, list[tuple[str, str]]] = {}
    for result in outcome.failed:
        for article_id in result.failing_ids:
            failures.setdefault(article_id, []).append((result.expectation, result.message))
    now = utc_now()
    with open_warehouse(settings.warehouse) as con:
        dq.record_suite(con, run_id=settings.run_id, table_name="staging.articles", outcome=outcome,
                        validated_at=now)  # fmt: skip
        moved = dq.quarantine_articles(con, run_id=settings.run_id, failures=failures, quarantined_at=now)
    return GateReport(
        success=outcome.success,
        expectations=len(outcome.outcomes),
        failed=_describe_failures(outcome, "staging.articles"),
        quarantined={a: "; ".join(m for _, m in failures[a]) for a, _, _ in moved},
        data_docs=outcome.data_docs_index,
    )


def _staging_facts(settings: RunSettings) -> StagingFacts:
    profile = load_profile(settings.event_file)
    with open_warehouse(settings.warehouse) as con:
        articles, sources, clusters = staging.shape(con)
    return StagingFacts(
        articles=articles,
        sources=sources,
        topic_ids=tuple(t.id for t in profile.topics),
        entity_ids=tuple(e.id for e in profile.entities),
        clusters=clusters,
        claim_type_ids=tuple(c.id for c in profile.claim_types),
        window_start=profile.window_start,
        window_end=profile.window_end,
    )


def publish_if_valid(settings: RunSettings, gate: GateReport, fingerprint: str) -> PublishReport:
    """Build candidate marts, validate each, and publish them all in one transaction if all pass."""
    profile = load_profile(settings.event_file)
    parameters = {
        "event_id": profile.id,
        "event_name": profile.name,
        "event_start": profile.start.isoformat(),
        "event_end": profile.end.isoformat(),
        "quality_status": f"passed: {gate.expectations} expectations on staging.articles",
        "run_id": settings.run_id,
    }
    with open_warehouse(settings.warehouse) as con:
        refresh_cross_article(con, profile)  # the gate may have quarantined articles since enrichment
    suites = build_mart_suites(_staging_facts(settings))
    pause_point("validating")
    with open_warehouse(settings.warehouse) as con:
        marts.build_candidates(con, dict(parameters))
        frames: dict[str, pd.DataFrame] = {name: con.table(s.table).df() for name, s in suites.items()}
    outcomes = {
        name: validate(frames[name], f"mart_{name}", s.expectations, id_column=s.id_column,
                       data_docs_dir=_docs_dir(settings), allow_empty=s.allow_empty)
        for name, s in track(suites.items(), "validating marts", total=len(suites))
    }  # fmt: skip
    failed = [line for name, o in outcomes.items() for line in _describe_failures(o, suites[name].table)]
    docs = next((o.data_docs_index for o in outcomes.values() if o.data_docs_index), None)
    with open_warehouse(settings.warehouse) as con:
        for name, outcome in outcomes.items():
            dq.record_suite(con, run_id=settings.run_id, table_name=suites[name].table, outcome=outcome,
                            validated_at=utc_now())  # fmt: skip
        if failed:
            return PublishReport(RunStatus.BLOCKED, failed=failed, data_docs=docs)
        counts = marts.publish(
            con,
            run_id=settings.run_id,
            fingerprint=fingerprint,
            published_at=utc_now(),
            before_commit=lambda: pause_point("publishing"),  # crash tests: written, not committed
        )
    pause_point("published")
    return PublishReport(RunStatus.PUBLISHED, row_counts=counts, data_docs=docs)


def finish(
    settings: RunSettings,
    *,
    status: str,
    message: str,
    quarantined: dict[str, str],
    extra: dict[str, object],
    steps: list[tuple[str, float]] | None = None,
) -> dict[str, int]:
    """Settle provisional outcomes, close the run record (with the time each step took), and return
    items per outcome."""
    with open_warehouse(settings.warehouse) as con:
        accounting.record_steps(con, settings.run_id, steps or [])
        accounting.settle_staged(con, settings.run_id, run_status=status, quarantined=quarantined)
        counts = accounting.outcome_counts(con, settings.run_id)
        accounting.finish_run(
            con,
            run_id=settings.run_id,
            finished_at=utc_now(),
            status=status,
            counts={"items": counts, **extra},
            message=message,
        )
        # The analysts' read path follows every run, so they see its record and the current marts.
        published, now = marts.current_publication(con), utc_now()
        try:
            snapshot.refresh_snapshot(con, settings.warehouse, published_run_id=published, refreshed_at=now)
        except (OSError, duckdb.Error) as exc:  # e.g. a full disk: the run stands; the old snapshot stays
            logger.warning("run %s: analysts' snapshot not refreshed: %s", settings.run_id, exc)
    return counts
