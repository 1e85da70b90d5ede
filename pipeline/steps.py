"""The steps of an ingestion run, as plain functions the flow's tasks wrap.

Each step takes paths and ids (never connections or large frames), opens the warehouse for as
long as it needs it, and records every item's outcome as it goes. They are ordinary functions so
they can be tested without the orchestrator.
"""

from __future__ import annotations

import itertools
import logging
from datetime import date
from functools import lru_cache
from pathlib import Path

from duckdb import DuckDBPyConnection

from archive.warc import WarcRef
from pipeline.fetch_ledger import FetchLedger
from pipeline.run import AWAITING_PUBLICATION, RunSettings, new_run_id, settings_for, utc_now
from pipeline.stage import StageReport
from pipeline.stream import PendingPayload, in_background, stage_stream
from pipeline.web_steps import ArticleLink, fetch_pages
from runtime.crashpoints import pause_point
from runtime.progress import track
from sources.config import LocalSource, load_sources
from sources.local_files import DiscoveredFile, discover_files, read_capped
from transforms.analysis.enrichment import analyse_article
from transforms.extraction.payload import Rejection, classify_payload
from transforms.grouping.cross_article import group_conflicts, group_happenings, group_quotes
from transforms.grouping.near_duplicates import cluster_shingle_arrays
from transforms.profile import EventProfile, parse_event_profile
from warehouse import accounting, fetches, raw, staging
from warehouse.accounting import Outcome
from warehouse.connection import apply_ddl, open_warehouse
from warehouse.enrichment_rows import enrichment_rows
from warehouse.outcomes import ItemOutcome

logger = logging.getLogger(__name__)

__all__ = [
    "AWAITING_PUBLICATION",
    "PendingPayload",
    "RunSettings",
    "collect_archive",
    "discover",
    "enrich_stale",
    "fetch_and_stage",
    "load",
    "load_profile",
    "new_run_id",
    "prepare",
    "refresh_cross_article",
    "settings_for",
    "stage",
    "utc_now",
]


def load_profile(event_file: str) -> EventProfile:
    """Read and parse the event profile (parsed once per distinct content: every step of a run asks)."""
    return _parsed_profile(Path(event_file).read_text(encoding="utf-8"), event_file)


@lru_cache(maxsize=4)
def _parsed_profile(text: str, source: str) -> EventProfile:
    # EventProfile is frozen, so the steps can share one parsed object.
    return parse_event_profile(text, source=source)


def prepare(settings: RunSettings, flow_run_id: str | None) -> EventProfile:
    """Create the warehouse if needed, log the run as started and load the profile into staging."""
    profile = load_profile(settings.event_file)
    with open_warehouse(settings.warehouse) as con:
        apply_ddl(con)
        # We hold the writer lock, so any run still marked running died without closing its record.
        accounting.close_interrupted_runs(con, finished_at=utc_now())
        accounting.start_run(
            con,
            run_id=settings.run_id,
            flow_run_id=flow_run_id,
            started_at=utc_now(),
            event_id=profile.id,
            profile_version=profile.version,
            sources_file=settings.sources_file,
            event_file=settings.event_file,
        )
        staging.refresh_profile(con, profile)
    return profile


def discover(settings: RunSettings) -> list[DiscoveredFile]:
    """List the files of every source; a source that cannot be listed is recorded as rejected."""
    files: list[DiscoveredFile] = []
    problems: list[Outcome] = []
    for source in load_sources(Path(settings.sources_file)):
        if not isinstance(source, LocalSource):
            continue  # web sources are discovered by pipeline.web_steps
        found, error = discover_files(source)
        files.extend(found)
        if error:
            problems.append(Outcome(source.id, str(source.path), ItemOutcome.REJECTED, error))
    if problems:
        with open_warehouse(settings.warehouse) as con:
            accounting.record_outcomes(con, settings.run_id, problems, utc_now())
    return files


def load(settings: RunSettings, files: list[DiscoveredFile]) -> list[PendingPayload]:
    """Read each file (capped), archive its bytes, and return the payloads that need extraction.

    Unreadable, oversized, empty, binary and badly encoded files are recorded as rejected; a payload
    this origin already went through is recorded as unchanged.
    """
    pending: list[PendingPayload] = []
    outcomes: list[Outcome] = []
    with open_warehouse(settings.warehouse) as con:
        for file in track(files, "reading files"):
            read = read_capped(file.path, settings.max_bytes, confine_to=file.confine_to)
            if read.data is None:
                outcomes.append(Outcome(file.source_id, file.path, ItemOutcome.REJECTED, read.error))
                continue
            raw_id = raw.payload_id(read.data)
            if accounting.processed_before(con, file.source_id, file.path, raw_id):
                # Articles of a blocked or interrupted run stay staged: they go out with this run.
                payload = (file.source_id, file.path, raw_id)
                waiting = accounting.payload_items_awaiting_publication(con, *payload)
                outcomes.extend(
                    Outcome(file.source_id, item, ItemOutcome.STAGED, AWAITING_PUBLICATION, raw_id, article)
                    for item, article in waiting
                )
                if not waiting:
                    outcomes.append(Outcome(file.source_id, file.path, ItemOutcome.UNCHANGED, None, raw_id))
                continue
            verdict = classify_payload(read.data, file.path)
            media_type = "application/octet-stream" if isinstance(verdict, Rejection) else verdict.media_type
            raw.archive_payload(
                con,
                raw_id=raw_id,
                source_id=file.source_id,
                origin=file.path,
                media_type=media_type,
                data=read.data,
                run_id=settings.run_id,
                loaded_at=utc_now(),
            )
            if isinstance(verdict, Rejection):
                rejected = Outcome(file.source_id, file.path, ItemOutcome.REJECTED, verdict.reason, raw_id)
                outcomes.append(rejected)
                continue
            pending.append(
                PendingPayload(file.source_id, file.path, raw_id, file.outlet, media_type=media_type)
            )
        accounting.record_outcomes(con, settings.run_id, outcomes, utc_now())
    return pending


def collect_archive(settings: RunSettings, window: tuple[date, date] | None = None) -> list[PendingPayload]:
    """Archived payloads, newest per origin, for re-extraction.

    Without a ``window`` everything is re-derived and staging is emptied first (reprocess). With a
    window (first and last day) only the payloads captured in it, or whose article was published in
    it, are re-derived (backfill); each replaces what its origin staged before. Nothing is read
    from the sources: files come from ``raw.documents``, web pages from their WARC records. Outlets
    configured in the current sources file still apply.
    """
    outlets = {s.id: s.outlet for s in load_sources(Path(settings.sources_file))}
    with open_warehouse(settings.warehouse) as con:
        files = raw.latest_payloads(con, window)
        pages = fetches.archived_article_responses(con, window)
        if window is None:
            staging.clear_articles(con, run_id=settings.run_id, departed_at=utc_now())
    pending = [
        PendingPayload(src, origin, raw_id, outlets.get(src), media_type=media_type)
        for src, origin, raw_id, media_type in files
    ]
    pending.extend(
        PendingPayload(
            page.source_id,
            page.url,
            page.response_id,
            outlets.get(page.source_id),
            page.final_url,
            WarcRef(page.warc_path, page.warc_offset, page.warc_length, page.response_id),
        )
        for page in pages
    )
    return pending


def stage(settings: RunSettings, pending: list[PendingPayload]) -> StageReport:
    """Extract and analyse pending payloads in worker processes, batch by batch, and stage the new,
    relevant, non-duplicate articles; every item's outcome is recorded.

    Staged items are recorded as ``staged``; the gate and publish steps settle them as published,
    held or quarantined.
    """
    profile = load_profile(settings.event_file)
    report = stage_stream(
        settings.warehouse,
        settings.run_id,
        pending,
        profile,
        utc_now,
        workers=settings.workers,
        batch_size=settings.batch_size,
        timeout=settings.extraction_timeout,
        dask_address=settings.dask_address,
    )
    pause_point("staged")
    return report


def fetch_and_stage(
    settings: RunSettings, links: list[ArticleLink], files: list[PendingPayload]
) -> StageReport:
    """Stage the new local files, then the web pages while they are being fetched.

    Fetching runs in a thread of its own a few batches ahead of extraction, so the network wait and
    the archiving overlap the extraction of pages already fetched.
    """
    profile = load_profile(settings.event_file)
    ledger = FetchLedger()
    pages = in_background(fetch_pages(settings, links, ledger), buffer=2 * settings.batch_size)
    report = stage_stream(
        settings.warehouse,
        settings.run_id,
        itertools.chain(files, pages),
        profile,
        utc_now,
        workers=settings.workers,
        batch_size=settings.batch_size,
        timeout=settings.extraction_timeout,
        expected=len(files) + len(links) if not links else None,
        dask_address=settings.dask_address,
        before_batch=ledger.flush,
    )
    pause_point("staged")
    return report


def enrich_stale(settings: RunSettings) -> int:
    """Re-derive the analysis of staged articles whose profile version is out of date, then refresh
    the cross-article groupings if anything changed. Returns the number of articles re-derived."""
    profile = load_profile(settings.event_file)
    with open_warehouse(settings.warehouse) as con:
        stale = staging.articles_to_enrich(con, profile.version)
        for article_id, text, published, title in track(stale, "enriching"):
            analysis = analyse_article(text, profile, published, title=title)
            rows = enrichment_rows(article_id, analysis, profile.version)
            staging.replace_enrichment(con, article_id, rows, profile.version)
        refresh_cross_article(con, profile, force=bool(stale))
    return len(stale)


def refresh_cross_article(con: DuckDBPyConnection, profile: EventProfile, *, force: bool = False) -> None:
    """Regroup near-duplicate stories, repeated quotations and shared happenings when the staged
    articles changed since the last grouping (or when ``force``d after a re-analysis), and work out
    which claims disagree."""
    if not (force or staging.clusters_out_of_date(con)):
        return
    members = cluster_shingle_arrays(staging.all_article_shingles(con))
    quote_groups = group_quotes(staging.quotes_for_grouping(con))
    happenings = group_happenings(staging.timeline_for_grouping(con))
    conflicts = group_conflicts(staging.claims_for_conflicts(con), profile)
    # One transaction: the story clusters are what says the groupings are current, so a run killed
    # after writing them but before the rest would leave quotations, happenings and conflicts stale
    # for good (found by killing runs at random moments).
    con.execute("BEGIN TRANSACTION")
    try:
        staging.replace_story_clusters(
            con, [(m.article_id, m.cluster_id, m.cluster_size, m.similarity) for m in members]
        )
        pause_point("grouping")  # crash tests: the clusters written, the other groupings not yet
        staging.set_quote_groups(con, quote_groups)
        staging.set_happenings(con, happenings)
        staging.replace_conflict_members(con, conflicts)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
