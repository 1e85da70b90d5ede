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
    """The staging gate's verdict and what it quarantined (article_id -> reasons).

    ``revalidated``: rows failing row-level expectations were taken out and the rest passed the whole
    suite again. ``nothing_staged``: staging is empty and nothing was ever published, so there is
    nothing to judge (the run ends ``unchanged``, not ``blocked``).
    """

    success: bool
    expectations: int
    failed: list[str] = field(default_factory=list)
    quarantined: dict[str, str] = field(default_factory=dict)
    data_docs: str | None = None
    revalidated: bool = False
    nothing_staged: bool = False


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
    """Validate every staged article in two tiers and report the verdict.

    Rows failing a row-level expectation (a date outside the window, a text too short) are moved to
    ``dq.quarantine`` and the remaining rows are validated again by the whole suite: the batch goes on
    without them. A batch-level failure (row count, the column set, the share of poor extractions) or
    an expectation that raised fails the gate, and the run publishes nothing.
    """
    profile = load_profile(settings.event_file)
    suite = staging_articles.build_suite(profile.window_start, profile.window_end)
    frame, never_published = _staged_frame(settings)
    if frame.empty and never_published:
        return GateReport(success=False, expectations=0, nothing_staged=True)
    outcome = _validate_staging(settings, frame, suite, staging_articles.SUITE_NAME)
    quarantined = _quarantine_failing_rows(settings, outcome)
    blocking = [o for o in outcome.failed if not o.rows_removable]
    if outcome.success or blocking or outcome.error:
        return GateReport(
            success=outcome.success,
            expectations=len(outcome.outcomes),
            failed=_describe_failures(outcome, "staging.articles"),
            quarantined=quarantined,
            data_docs=outcome.data_docs_index,
        )
    # Only row-level failures, and their rows are out: what remains must pass the whole suite.
    rest, never_published = _staged_frame(settings)
    if rest.empty and never_published:
        return GateReport(success=False, expectations=0, quarantined=quarantined, nothing_staged=True)
    again = _validate_staging(settings, rest, suite, f"{staging_articles.SUITE_NAME}_remaining")
    quarantined |= _quarantine_failing_rows(settings, again)
    return GateReport(
        success=again.success,
        expectations=len(again.outcomes),
        failed=_describe_failures(again, "staging.articles"),
        quarantined=quarantined,
        data_docs=again.data_docs_index or outcome.data_docs_index,
        revalidated=True,
    )


def _staged_frame(settings: RunSettings) -> tuple[pd.DataFrame, bool]:
    """staging.articles as a frame, and whether nothing was ever published."""
    with open_warehouse(settings.warehouse) as con:
        return con.table("staging.articles").df(), marts.current_publication(con) is None


def _validate_staging(
    settings: RunSettings, frame: pd.DataFrame, suite: list, suite_name: str
) -> SuiteOutcome:
    """Validate ``frame`` and record the verdict under ``staging.articles``."""
    outcome = validate(frame, suite_name, suite, id_column="article_id", data_docs_dir=_docs_dir(settings))
    with open_warehouse(settings.warehouse) as con:
        dq.record_suite(con, run_id=settings.run_id, table_name="staging.articles", outcome=outcome,
                        validated_at=utc_now())  # fmt: skip
    return outcome


def _quarantine_failing_rows(settings: RunSettings, outcome: SuiteOutcome) -> dict[str, str]:
    """Move the rows any expectation named as failing to ``dq.quarantine``; article_id -> reasons."""
    failures: dict[str, list[tuple[str, str]]] = {}
    for result in outcome.failed:
        for article_id in result.failing_ids:
            failures.setdefault(article_id, []).append((result.expectation, result.message))
    with open_warehouse(settings.warehouse) as con:
        moved = dq.quarantine_articles(
            con, run_id=settings.run_id, failures=failures, quarantined_at=utc_now()
        )
    return {a: "; ".join(m for _, m in failures[a]) for a, _, _ in moved}


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
        "quality_status": f"passed: {gate.expectations} expectations on staging.articles"
        + (f", after {len(gate.quarantined)} quarantined" if gate.revalidated else ""),
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
