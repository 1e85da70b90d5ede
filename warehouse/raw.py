"""The raw archive: every payload, byte for byte, keyed by origin and content hash."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

import duckdb

__all__ = ["archive_payload", "latest_payloads", "payload_id", "read_payloads"]


def payload_id(data: bytes) -> str:
    """SHA-256 hex digest of a payload: its identity in the archive."""
    return hashlib.sha256(data).hexdigest()


def archive_payload(
    con: duckdb.DuckDBPyConnection,
    *,
    raw_id: str,
    source_id: str,
    origin: str,
    media_type: str,
    data: bytes,
    run_id: str,
    loaded_at: datetime,
) -> bool:
    """Store a payload unless this origin already has it; return True when it was new."""
    exists = con.execute(
        "SELECT 1 FROM raw.documents WHERE origin = ? AND raw_id = ?", [origin, raw_id]
    ).fetchone()
    if exists:
        return False
    con.execute(
        "INSERT INTO raw.documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [raw_id, source_id, origin, media_type, len(data), data, run_id, loaded_at],
    )
    return True


def read_payloads(
    con: duckdb.DuckDBPyConnection, keys: list[tuple[str, str]]
) -> dict[tuple[str, str], bytes]:
    """Fetch archived payloads by (origin, raw_id)."""
    if not keys:
        return {}
    rows = con.execute(
        """
        SELECT d.origin, d.raw_id, d.content
        FROM raw.documents AS d
        JOIN (SELECT unnest(?) AS origin, unnest(?) AS raw_id) AS k USING (origin, raw_id)
        """,
        [[k[0] for k in keys], [k[1] for k in keys]],
    ).fetchall()
    return {(origin, raw_id): bytes(content) for origin, raw_id, content in rows}


def latest_payloads(
    con: duckdb.DuckDBPyConnection, window: tuple[date, date] | None = None
) -> list[tuple[str, str, str, str]]:
    """(source_id, origin, raw_id, media_type) of the newest archived payload of every origin that held text.

    With a ``window`` (first and last day), only origins loaded in it or whose staged article was
    published in it.
    """
    since, until = window or (None, None)
    return con.execute(
        """
        SELECT source_id, origin, raw_id, media_type FROM raw.documents
        WHERE media_type <> 'application/octet-stream'
        QUALIFY row_number() OVER (PARTITION BY origin ORDER BY loaded_at DESC) = 1
            AND ($since IS NULL
                 OR CAST(loaded_at AS DATE) BETWEEN $since AND $until
                 OR origin IN (SELECT origin FROM staging.articles
                               WHERE published_date BETWEEN $since AND $until))
        ORDER BY origin
        """,
        {"since": since, "until": until},
    ).fetchall()
