"""Every query behind the coverage report, on a read-only connection.

The report shows the *published* marts (``marts.*``) beside one run's record (``ops.*``, ``dq.*``).
Frames come back with ``dtype=object`` so values stay plain Python (``None``, ``int``, ``list``,
``str``): no NaN-for-NULL or float-for-int surprises in the rendered HTML. A table that is missing
(an older warehouse) reads as an empty frame, so a report never fails on odd data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pandas as pd

__all__ = [
    "Publication",
    "ReportData",
    "RunInfo",
    "Summary",
    "UnknownRunError",
    "load_report_data",
]

# Row caps keep the page readable and its size bounded on large events; the page says what it left out.
MAX_ENTITIES = 15
MAX_QUOTES = 20
MAX_CLUSTER_ROWS = 200
MAX_TIMELINE = 60
MAX_LIST_ROWS = 200
RECENT_RUNS = 10
_TS = "%Y-%m-%d %H:%M:%S"


@dataclass(frozen=True)
class RunInfo:
    """One row of ``ops.runs``, timestamps as text (UTC)."""

    run_id: str
    status: str
    started_at: str | None
    finished_at: str | None
    message: str | None
    flow_run_id: str | None
    event_id: str | None
    items: dict[str, int]


@dataclass(frozen=True)
class Publication:
    """The latest row of ``ops.publications``: what ``marts.*`` currently hold."""

    run_id: str
    published_at: str | None
    row_counts: dict[str, int]


@dataclass(frozen=True)
class Summary:
    """``marts.coverage_summary`` (one row)."""

    event_id: str
    event_name: str
    event_start: str | None
    event_end: str | None
    articles: int
    sources: int
    outlets_known: int
    first_published: str | None
    last_published: str | None
    undated_articles: int
    quarantined_articles: int
    top_topics: list[str]
    top_entities: list[str]
    quality_status: str | None
    run_id: str | None
    built_at: str | None


@dataclass
class ReportData:
    """Everything one report shows. Mart frames are empty when nothing has been published."""

    run: RunInfo | None
    latest_run_id: str | None
    publication: Publication | None
    summary: Summary | None
    daily: pd.DataFrame = field(default_factory=pd.DataFrame)
    by_source: pd.DataFrame = field(default_factory=pd.DataFrame)
    topics: pd.DataFrame = field(default_factory=pd.DataFrame)
    entities: pd.DataFrame = field(default_factory=pd.DataFrame)
    entities_total: int = 0
    entity_outlets: pd.DataFrame = field(default_factory=pd.DataFrame)
    conflicts: pd.DataFrame = field(default_factory=pd.DataFrame)
    quotes: pd.DataFrame = field(default_factory=pd.DataFrame)
    quotes_total: int = 0
    clusters: pd.DataFrame = field(default_factory=pd.DataFrame)
    timeline: pd.DataFrame = field(default_factory=pd.DataFrame)
    timeline_total: int = 0
    # The run whose validations are shown: the reported run, or for a run that validated nothing
    # (unchanged) the run that built the publication.
    quality_run_id: str | None = None
    validations: pd.DataFrame = field(default_factory=pd.DataFrame)
    failed_expectations: pd.DataFrame = field(default_factory=pd.DataFrame)
    quarantine: pd.DataFrame = field(default_factory=pd.DataFrame)
    outcomes: pd.DataFrame = field(default_factory=pd.DataFrame)
    outcome_details: pd.DataFrame = field(default_factory=pd.DataFrame)
    recent_runs: pd.DataFrame = field(default_factory=pd.DataFrame)
    data_docs: str | None = None


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
    """Run ``sql``; plain Python values in an object frame; a missing table or column reads as empty."""
    try:
        cursor = con.execute(sql, params or [])
        columns = [d[0] for d in cursor.description]
        return pd.DataFrame(cursor.fetchall(), columns=columns, dtype=object)
    except (duckdb.CatalogException, duckdb.BinderException):
        return pd.DataFrame()


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> dict[str, Any] | None:
    frame = _frame(con, sql, params)
    return None if frame.empty else frame.iloc[0].to_dict()


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    row = _one(con, sql, params)
    return None if row is None else next(iter(row.values()))


def _json_dict(value: object) -> dict[str, Any]:
    """A JSON column as a dict; anything unreadable as {} (a report must not fail on it)."""
    try:
        loaded = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0


def latest_run_id(con: duckdb.DuckDBPyConnection) -> str | None:
    """The most recently started run, if any."""
    return _scalar(con, "SELECT run_id FROM ops.runs ORDER BY started_at DESC, run_id DESC LIMIT 1")


def run_info(con: duckdb.DuckDBPyConnection, run_id: str) -> RunInfo | None:
    """The record of ``run_id`` in ``ops.runs``, or None."""
    row = _one(
        con,
        f"""
        SELECT run_id, status, strftime(started_at, '{_TS}') AS started_at,
               strftime(finished_at, '{_TS}') AS finished_at, message, flow_run_id, event_id,
               CAST(counts AS VARCHAR) AS counts
        FROM ops.runs WHERE run_id = ?
        """,
        [run_id],
    )
    if row is None:
        return None
    items = _json_dict(_json_dict(row.pop("counts")).get("items"))
    return RunInfo(**row, items={str(k): _int(v) for k, v in items.items()})


def latest_publication(con: duckdb.DuckDBPyConnection) -> Publication | None:
    """The publication the marts hold now (latest row of ops.publications), or None."""
    row = _one(
        con,
        f"""
        SELECT run_id, strftime(published_at, '{_TS}') AS published_at,
               CAST(row_counts AS VARCHAR) AS row_counts
        FROM ops.publications ORDER BY published_at DESC, run_id DESC LIMIT 1
        """,
    )
    if row is None:
        return None
    counts = _json_dict(row["row_counts"])
    return Publication(row["run_id"], row["published_at"], {str(k): _int(v) for k, v in counts.items()})


def coverage_summary(con: duckdb.DuckDBPyConnection) -> Summary | None:
    """The one row of marts.coverage_summary, or None when it is empty."""
    row = _one(
        con,
        f"""
        SELECT event_id, event_name, CAST(event_start AS VARCHAR) AS event_start,
               CAST(event_end AS VARCHAR) AS event_end, articles, sources, outlets_known,
               CAST(first_published AS VARCHAR) AS first_published,
               CAST(last_published AS VARCHAR) AS last_published, undated_articles,
               quarantined_articles, top_topics, top_entities, quality_status, run_id,
               strftime(built_at, '{_TS}') AS built_at
        FROM marts.coverage_summary ORDER BY built_at DESC LIMIT 1
        """,
    )
    if row is None:
        return None
    for key in ("articles", "sources", "outlets_known", "undated_articles", "quarantined_articles"):
        row[key] = _int(row[key])
    for key in ("top_topics", "top_entities"):
        row[key] = list(row[key] or [])
    return Summary(**row)


def coverage_daily(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Articles per day (text, NULL when undated) and source label."""
    return _frame(
        con,
        """
        SELECT CAST(published_date AS VARCHAR) AS day, source_label,
               CAST(sum(articles) AS BIGINT) AS articles, CAST(sum(words) AS BIGINT) AS words,
               CAST(sum(inferred_dates) AS BIGINT) AS inferred_dates
        FROM marts.coverage_daily
        GROUP BY ALL ORDER BY day NULLS LAST, source_label
        """,
    )


def coverage_by_source(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Volume per source label: articles, words, dated articles, date span, top topics."""
    return _frame(
        con,
        f"""
        SELECT source_label, any_value(outlet) AS outlet, CAST(sum(articles) AS BIGINT) AS articles,
               CAST(sum(words) AS BIGINT) AS words, CAST(sum(dated_articles) AS BIGINT) AS dated_articles,
               CAST(min(first_published) AS VARCHAR) AS first_published,
               CAST(max(last_published) AS VARCHAR) AS last_published,
               flatten(list(top_topics))[1:3] AS top_topics
        FROM marts.coverage_by_source
        GROUP BY source_label ORDER BY articles DESC, source_label LIMIT {MAX_LIST_ROWS}
        """,
    )


def topic_coverage(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Topic x source label: articles covering the topic out of the label's articles, and the share."""
    return _frame(
        con,
        """
        SELECT topic_id, label AS topic_label, source_label,
               CAST(sum(articles_total) AS BIGINT) AS articles_total,
               CAST(sum(articles_covering) AS BIGINT) AS articles_covering,
               CASE WHEN sum(articles_total) > 0
                    THEN sum(articles_covering) / sum(articles_total) ELSE 0.0 END AS share_of_articles
        FROM marts.topic_coverage
        GROUP BY ALL ORDER BY topic_id, source_label
        """,
    )


def top_entities(con: duckdb.DuckDBPyConnection, limit: int = MAX_ENTITIES) -> tuple[pd.DataFrame, int]:
    """Entities mentioned at least once, most articles first; and how many there are in all."""
    frame = _frame(
        con,
        """
        SELECT entity_id, name, kind, articles, mentions, sources, variants_seen
        FROM marts.entities WHERE articles > 0
        ORDER BY articles DESC, mentions DESC, name, entity_id LIMIT ?
        """,
        [limit],
    )
    total = _scalar(con, "SELECT count(*) FROM marts.entities WHERE articles > 0")
    return frame, _int(total)


def entity_outlets(con: duckdb.DuckDBPyConnection, entity_ids: list[str]) -> pd.DataFrame:
    """How each outlet spelled each of ``entity_ids``."""
    if not entity_ids:
        return pd.DataFrame()
    return _frame(
        con,
        """
        SELECT entity_id, source_label, articles, mentions, variants_seen
        FROM marts.entity_outlets WHERE list_contains(?, entity_id)
        ORDER BY entity_id, articles DESC, source_label
        """,
        [entity_ids],
    )


def claim_conflicts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every value of every disputed claim type, with who gave it and how they wrote it."""
    return _frame(
        con,
        f"""
        SELECT claim_type, value, unit, distinct_values, source_labels, articles, values_as_written,
               example_evidence
        FROM marts.claim_conflicts
        ORDER BY claim_type, articles DESC, value LIMIT {MAX_LIST_ROWS}
        """,
    )


def repeated_quotes(con: duckdb.DuckDBPyConnection, limit: int = MAX_QUOTES) -> tuple[pd.DataFrame, int]:
    """Quotations (scare quotes of 1-3 words left out), most widely carried first; and their total.

    One row per quotation: its earliest carrier's wording, every outlet carrying it, and identical
    wordings shown once (a headline often repeats a quotation of the body).
    """
    ranked = """
        WITH carried AS (
            SELECT coalesce(quote_group, quote_id) AS carry_key, * FROM marts.quotes WHERE words > 3
        ),
        carriers AS (
            SELECT carry_key, list(DISTINCT source_label ORDER BY source_label) AS carried_by,
                   count(*) AS occurrences
            FROM carried GROUP BY carry_key
        ),
        ranked AS (
            SELECT c.quote_id, c.quote_text, c.words, coalesce(c.speaker_name, c.speaker_text) AS speaker,
                   c.speaker_entity_id IS NOT NULL AS speaker_resolved, c.cue, c.outlets_carrying,
                   k.carried_by, k.occurrences, c.first_carried_by,
                   CAST(c.published_date AS VARCHAR) AS first_date, c.evidence
            FROM carried AS c JOIN carriers AS k USING (carry_key)
            WHERE c.is_first
            QUALIFY row_number() OVER (
                PARTITION BY lower(trim(c.quote_text)) ORDER BY c.outlets_carrying DESC, c.quote_id
            ) = 1
        )
    """
    frame = _frame(
        con,
        ranked
        + """
        SELECT * EXCLUDE (quote_id) FROM ranked
        ORDER BY outlets_carrying DESC, occurrences DESC, words DESC, quote_id LIMIT ?
        """,
        [limit],
    )
    return frame, _int(_scalar(con, ranked + "SELECT count(*) FROM ranked"))


def story_clusters(con: duckdb.DuckDBPyConnection, limit: int = MAX_CLUSTER_ROWS) -> pd.DataFrame:
    """Articles by near-duplicate cluster, largest clusters first, the likely original first in each."""
    return _frame(
        con,
        """
        SELECT s.cluster_id, s.cluster_size, s.similarity, s.article_id,
               coalesce(a.source_label, s.outlet) AS source_label, s.title,
               CAST(s.published_date AS VARCHAR) AS published_date, s.first_in_cluster
        FROM marts.story_clusters AS s LEFT JOIN marts.articles AS a USING (article_id)
        ORDER BY s.cluster_size DESC, s.cluster_id, s.first_in_cluster DESC,
                 s.published_date NULLS LAST, s.article_id
        LIMIT ?
        """,
        [limit],
    )


def event_timeline(con: duckdb.DuckDBPyConnection, limit: int = MAX_TIMELINE) -> tuple[pd.DataFrame, int]:
    """Dated happenings in day order; and how many there are in all."""
    frame = _frame(
        con,
        """
        SELECT CAST(day AS VARCHAR) AS day, what, source_labels, articles, mentions
        FROM marts.event_timeline ORDER BY day, articles DESC, happening LIMIT ?
        """,
        [limit],
    )
    return frame, _int(_scalar(con, "SELECT count(*) FROM marts.event_timeline"))


def validations(con: duckdb.DuckDBPyConnection, run_id: str) -> pd.DataFrame:
    """The suites validated in ``run_id``, in the order they ran."""
    return _frame(
        con,
        """
        SELECT suite, table_name, row_count, expectations, failed, success, error, data_docs
        FROM dq.validations WHERE run_id = ? ORDER BY validated_at, suite
        """,
        [run_id],
    )


def failed_expectations(con: duckdb.DuckDBPyConnection, run_id: str) -> pd.DataFrame:
    """Expectations that failed or raised in ``run_id``, with how many rows did not meet them."""
    return _frame(
        con,
        f"""
        SELECT suite, expectation, column_name, CAST(kwargs AS VARCHAR) AS kwargs, raised, tier,
               unexpected_count, element_count, message, len(failing_ids) AS failing_rows,
               failing_ids[1:10] AS failing_ids
        FROM dq.expectation_results WHERE run_id = ? AND NOT success
        ORDER BY suite, expectation, column_name NULLS FIRST LIMIT {MAX_LIST_ROWS}
        """,
        [run_id],
    )


def quarantined(con: duckdb.DuckDBPyConnection, run_id: str) -> pd.DataFrame:
    """Articles the gate of ``run_id`` quarantined, with their reasons."""
    return _frame(
        con,
        f"""
        SELECT article_id, source_id, origin, row_json ->> 'title' AS title, failed_expectations, reasons
        FROM dq.quarantine WHERE run_id = ? ORDER BY quarantined_at, article_id LIMIT {MAX_LIST_ROWS}
        """,
        [run_id],
    )


def item_outcomes(con: duckdb.DuckDBPyConnection, run_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Items per outcome in ``run_id``; and the items that did not go out, with why."""
    counts = _frame(
        con,
        """
        SELECT outcome, count(*) AS items FROM ops.item_outcomes WHERE run_id = ?
        GROUP BY outcome ORDER BY items DESC, outcome
        """,
        [run_id],
    )
    details = _frame(
        con,
        f"""
        SELECT item, outcome, detail FROM ops.item_outcomes
        WHERE run_id = ? AND outcome NOT IN ('published', 'unchanged')
        ORDER BY outcome, item LIMIT {MAX_LIST_ROWS}
        """,
        [run_id],
    )
    return counts, details


def recent_runs(con: duckdb.DuckDBPyConnection, limit: int = RECENT_RUNS) -> pd.DataFrame:
    """The latest runs with their status, items per outcome (a dict) and whether they published."""
    frame = _frame(
        con,
        f"""
        SELECT r.run_id, r.status, strftime(r.started_at, '{_TS}') AS started_at,
               strftime(r.finished_at, '{_TS}') AS finished_at, r.message,
               CAST(r.counts -> 'items' AS VARCHAR) AS items, p.run_id IS NOT NULL AS published
        FROM ops.runs AS r LEFT JOIN ops.publications AS p USING (run_id)
        ORDER BY r.started_at DESC, r.run_id DESC LIMIT ?
        """,
        [limit],
    )
    if not frame.empty:
        frame["items"] = [{str(k): _int(v) for k, v in _json_dict(i).items()} for i in frame["items"]]
    return frame


def data_docs_path(con: duckdb.DuckDBPyConnection, run_id: str) -> str | None:
    """The Great Expectations Data Docs index recorded for ``run_id``, if any."""
    return _scalar(
        con,
        """
        SELECT data_docs FROM dq.validations WHERE run_id = ? AND data_docs IS NOT NULL
        ORDER BY validated_at DESC LIMIT 1
        """,
        [run_id],
    )


class UnknownRunError(LookupError):
    """The run asked for is not in ops.runs."""


def load_report_data(con: duckdb.DuckDBPyConnection, run_id: str | None = None) -> ReportData:
    """Read everything the report shows for ``run_id`` (default: the latest run).

    Raises :class:`UnknownRunError` when ``run_id`` is given but not recorded; never on odd data.
    """
    latest = latest_run_id(con)
    wanted = run_id or latest
    run = run_info(con, wanted) if wanted else None
    if run_id and run is None:
        raise UnknownRunError(f"no run {run_id!r} in ops.runs")
    publication = latest_publication(con)
    data = ReportData(run=run, latest_run_id=latest, publication=publication, summary=None)
    if publication is not None:
        _load_marts(con, data)
    if run is not None:
        _load_quality(con, data, run.run_id)
    data.recent_runs = recent_runs(con)
    return data


def _load_marts(con: duckdb.DuckDBPyConnection, data: ReportData) -> None:
    data.summary = coverage_summary(con)
    data.daily = coverage_daily(con)
    data.by_source = coverage_by_source(con)
    data.topics = topic_coverage(con)
    data.entities, data.entities_total = top_entities(con)
    ids = [] if data.entities.empty else [str(i) for i in data.entities["entity_id"]]
    data.entity_outlets = entity_outlets(con, ids)
    data.conflicts = claim_conflicts(con)
    data.quotes, data.quotes_total = repeated_quotes(con)
    data.clusters = story_clusters(con)
    data.timeline, data.timeline_total = event_timeline(con)


def _load_quality(con: duckdb.DuckDBPyConnection, data: ReportData, run_id: str) -> None:
    quality_run = run_id
    checks = validations(con, run_id)
    if checks.empty and data.publication is not None:
        # Nothing validated in this run (nothing changed): show the checks behind what is published.
        quality_run = data.publication.run_id
        checks = validations(con, quality_run)
    data.quality_run_id = quality_run
    data.validations = checks
    data.failed_expectations = failed_expectations(con, quality_run)
    data.data_docs = data_docs_path(con, quality_run)
    data.quarantine = quarantined(con, run_id)
    data.outcomes, data.outcome_details = item_outcomes(con, run_id)
