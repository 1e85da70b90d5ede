"""Fetch records in the warehouse: archived responses, the fetch log, feed validators, URLs handled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from warehouse.outcomes import AWAITING, FINAL_OUTCOMES, ItemOutcome

__all__ = [
    "ArchivedResponseRow",
    "FeedValidators",
    "archived_article_responses",
    "feed_validators",
    "pages_awaiting_publication",
    "record_fetches",
    "record_responses",
    "save_feed_state",
    "urls_already_handled",
]

# Item outcomes after which an article URL is not fetched again. Fetch failures are not here:
# a timeout or a 503 is worth another try on the next run.
_HANDLED = (*FINAL_OUTCOMES, ItemOutcome.STAGED, ItemOutcome.NOT_AN_ARTICLE)


@dataclass(frozen=True)
class FeedValidators:
    """What to send back for a conditional request."""

    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class ArchivedResponseRow:
    """Where an archived article response is, and what it was for."""

    source_id: str
    url: str
    final_url: str
    content_type: str | None
    body_sha256: str
    warc_path: str
    warc_offset: int
    warc_length: int
    response_id: str


def record_responses(con: duckdb.DuckDBPyConnection, rows: list[dict[str, object]]) -> None:
    """Insert archived responses (each row keyed by raw.web_responses columns, all with the same keys)."""
    _insert_rows(con, "raw.web_responses", rows)


def record_fetches(con: duckdb.DuckDBPyConnection, rows: list[dict[str, object]]) -> None:
    """Insert fetch log rows (each keyed by ops.fetch_log columns, all with the same keys)."""
    _insert_rows(con, "ops.fetch_log", rows)


def _insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, object]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    placeholders = ", ".join("?" for _ in columns)
    con.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",
        [[row[column] for column in columns] for row in rows],
    )


def feed_validators(con: duckdb.DuckDBPyConnection, feed_url: str) -> FeedValidators:
    """ETag and Last-Modified from the feed's last full response (none for a new feed)."""
    row = con.execute(
        "SELECT etag, last_modified FROM ops.feed_state WHERE feed_url = ?", [feed_url]
    ).fetchone()
    return FeedValidators(*row) if row else FeedValidators(None, None)


def save_feed_state(
    con: duckdb.DuckDBPyConnection,
    *,
    feed_url: str,
    source_id: str,
    validators: FeedValidators | None,
    outcome: str,
    entries: int | None,
    checked_at: datetime,
) -> None:
    """Remember the outcome of a feed check; validators are replaced only when given (a full response)."""
    con.execute(
        """
        INSERT INTO ops.feed_state VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (feed_url) DO UPDATE SET
            source_id = excluded.source_id,
            etag = CASE WHEN ? THEN excluded.etag ELSE ops.feed_state.etag END,
            last_modified = CASE WHEN ? THEN excluded.last_modified ELSE ops.feed_state.last_modified END,
            last_outcome = excluded.last_outcome,
            entries_last_seen = coalesce(excluded.entries_last_seen, ops.feed_state.entries_last_seen),
            checked_at = excluded.checked_at
        """,
        [
            feed_url,
            source_id,
            validators.etag if validators else None,
            validators.last_modified if validators else None,
            outcome,
            entries,
            checked_at,
            validators is not None,
            validators is not None,
        ],
    )


def urls_already_handled(con: duckdb.DuckDBPyConnection, urls: list[str]) -> set[str]:
    """The URLs among ``urls`` that an earlier run already took to a final outcome.

    A page that answered 404 or 410 is gone for good and is not asked for again; other HTTP and
    network errors are retried by the next run that finds the link.
    """
    if not urls:
        return set()
    rows = con.execute(
        """
        SELECT DISTINCT item FROM ops.item_outcomes WHERE item IN (SELECT unnest(?)) AND outcome IN ?
        UNION
        SELECT DISTINCT url FROM ops.fetch_log
        WHERE kind = 'article' AND status IN (404, 410) AND url IN (SELECT unnest(?))
        """,
        [urls, list(_HANDLED), urls],
    ).fetchall()
    return {row[0] for row in rows}


def pages_awaiting_publication(con: duckdb.DuckDBPyConnection, urls: list[str]) -> dict[str, tuple[str, str]]:
    """url -> (raw_id, article_id) for pages whose article is still staged from a blocked or
    interrupted run: they go out with the current run instead of being skipped as unchanged."""
    if not urls:
        return {}
    rows = con.execute(
        """
        SELECT DISTINCT ON (o.item) o.item, o.raw_id, o.article_id
        FROM ops.item_outcomes AS o
        JOIN staging.articles AS a USING (article_id)
        WHERE o.item IN (SELECT unnest(?)) AND o.outcome IN (SELECT unnest(?)) AND o.raw_id IS NOT NULL
        ORDER BY o.item, o.recorded_at DESC
        """,
        [urls, list(AWAITING)],
    ).fetchall()
    return {url: (raw_id, article_id) for url, raw_id, article_id in rows}


def latest_feed_response(con: duckdb.DuckDBPyConnection, feed_url: str) -> ArchivedResponseRow | None:
    """The newest successful archived response of a feed, to re-read its links after a 304."""
    row = con.execute(
        """
        SELECT source_id, url, final_url, content_type, body_sha256, warc_path, warc_offset, warc_length,
               response_id
        FROM raw.web_responses
        WHERE kind = 'feed' AND url = ? AND status BETWEEN 200 AND 299 AND body_sha256 IS NOT NULL
        ORDER BY fetched_at DESC LIMIT 1
        """,
        [feed_url],
    ).fetchone()
    return ArchivedResponseRow(*row) if row else None


def archived_article_responses(
    con: duckdb.DuckDBPyConnection, window: tuple[date, date] | None = None
) -> list[ArchivedResponseRow]:
    """The latest successful archived response of every article URL (for reprocessing).

    With a ``window`` (first and last day), only pages fetched in it or whose staged article was
    published in it.
    """
    since, until = window or (None, None)
    rows = con.execute(
        """
        SELECT source_id, url, final_url, content_type, body_sha256, warc_path, warc_offset, warc_length,
               response_id
        FROM raw.web_responses
        WHERE kind = 'article' AND status BETWEEN 200 AND 299 AND body_sha256 IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY url ORDER BY fetched_at DESC) = 1
            AND ($since IS NULL
                 OR CAST(fetched_at AS DATE) BETWEEN $since AND $until
                 OR url IN (SELECT origin FROM staging.articles
                            WHERE published_date BETWEEN $since AND $until))
        ORDER BY url
        """,
        {"since": since, "until": until},
    ).fetchall()
    return [ArchivedResponseRow(*row) for row in rows]
