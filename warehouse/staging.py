"""Writing and reading the staging layer: articles, their enrichment, and the profile."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

import duckdb
import pandas as pd

from transforms.profile import EventProfile
from warehouse.connection import first_row
from warehouse.enrichment_rows import ENRICHMENT_TABLES

__all__ = [
    "ARTICLE_COLUMNS",
    "ARTICLE_TABLES",
    "all_article_shingles",
    "articles_to_enrich",
    "claims_for_conflicts",
    "clear_articles",
    "clusters_out_of_date",
    "find_article",
    "find_article_by_url",
    "insert_articles",
    "insert_enrichment",
    "quotes_for_grouping",
    "refresh_profile",
    "remove_items",
    "replace_conflict_members",
    "replace_enrichment",
    "replace_story_clusters",
    "set_happenings",
    "set_quote_groups",
    "shape",
    "staged_origins",
    "state_fingerprint",
    "timeline_for_grouping",
]

# Tables holding per-article rows, children first: deleting an article clears them all.
ARTICLE_TABLES = (*ENRICHMENT_TABLES, "staging.articles")
ARTICLE_COLUMNS = (
    "article_id", "raw_id", "source_id", "origin", "outlet", "outlet_provenance", "title", "byline",
    "dateline", "url", "language", "published_date", "date_provenance", "date_evidence", "text",
    "char_count", "word_count", "boilerplate_removed", "field_provenance", "extractor",
    "extractor_version", "profile_version", "loaded_at", "run_id", "authors", "updated_date",
    "extraction_quality",
)  # fmt: skip


def refresh_profile(con: duckdb.DuckDBPyConnection, profile: EventProfile) -> None:
    """Replace the profile's entities and topics with those of ``profile``."""
    con.execute("DELETE FROM staging.profile_entities")
    con.execute("DELETE FROM staging.profile_topics")
    con.executemany(
        "INSERT INTO staging.profile_entities VALUES (?, ?, ?, ?, ?)",
        [[e.id, e.name, e.kind, list(e.variants), list(e.context_aliases)] for e in profile.entities],
    )
    con.executemany(
        "INSERT INTO staging.profile_topics VALUES (?, ?, ?)",
        [[t.id, t.label, list(t.keywords)] for t in profile.topics],
    )


def clear_articles(con: duckdb.DuckDBPyConnection, *, run_id: str, departed_at: datetime) -> None:
    """Empty every article-keyed table (before re-deriving them all from the raw archive).

    Each article's departure is recorded in ``ops.staging_departures``.
    """
    _record_departures(
        con,
        "SELECT source_id, origin, article_id, raw_id, $reason FROM staging.articles",
        {"reason": "reprocess: staging re-derived from the raw archive"},
        run_id=run_id,
        departed_at=departed_at,
    )
    for table in (*ARTICLE_TABLES, "staging.story_clusters", "staging.claim_conflict_members"):
        con.execute(f"DELETE FROM {table}")


def _record_departures(
    con: duckdb.DuckDBPyConnection,
    select: str,
    params: dict[str, object],
    *,
    run_id: str,
    departed_at: datetime,
) -> None:
    """Record the articles ``select`` returns (source_id, origin, article_id, raw_id, reason) as leaving."""
    con.execute(
        f"INSERT INTO ops.staging_departures SELECT $run_id, *, $departed_at FROM ({select})",
        {**params, "run_id": run_id, "departed_at": departed_at},
    )


def find_article(con: duckdb.DuckDBPyConnection, article_id: str) -> str | None:
    """Origin of the staged article with this id, if any."""
    row = con.execute("SELECT origin FROM staging.articles WHERE article_id = ?", [article_id]).fetchone()
    return row[0] if row else None


def find_article_by_url(con: duckdb.DuckDBPyConnection, url: str) -> str | None:
    """Origin of the staged article whose canonical URL is ``url``, if any."""
    row = con.execute("SELECT origin FROM staging.articles WHERE url = ? LIMIT 1", [url]).fetchone()
    return row[0] if row else None


def remove_items(
    con: duckdb.DuckDBPyConnection,
    items: list[tuple[str, str, str]],
    *,
    run_id: str,
    departed_at: datetime,
) -> int:
    """Drop what these (source_id, origin, new_raw_id) items staged before they are extracted again,
    recording why each article left. An item is its (source, origin): another source that sees the same
    file or URL has items of its own and never removes this one's articles."""
    if not items:
        return 0
    con.register(
        "_items_replaced", pd.DataFrame(items, columns=["source_id", "origin", "new_raw_id"], dtype=object)
    )
    matched = """
        FROM staging.articles AS a JOIN _items_replaced AS f
          ON a.source_id = f.source_id AND (a.origin = f.origin OR starts_with(a.origin, f.origin || '#L'))
    """
    ids = [row[0] for row in con.execute(f"SELECT DISTINCT a.article_id {matched}").fetchall()]
    if not ids:
        con.unregister("_items_replaced")
        return 0
    _record_departures(
        con,
        "SELECT a.source_id, a.origin, a.article_id, a.raw_id, CASE WHEN a.raw_id = f.new_raw_id "
        "THEN 're-derived from its archived payload' "
        f"ELSE 'source item changed (new payload ' || left(f.new_raw_id, 12) || ')' END {matched}",
        {},
        run_id=run_id,
        departed_at=departed_at,
    )
    con.unregister("_items_replaced")
    for table in (*ARTICLE_TABLES, "staging.story_clusters"):
        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [ids])
    return len(ids)


def staged_origins(
    con: duckdb.DuckDBPyConnection, article_ids: list[str], urls: list[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Origins of staged articles with any of these ids, and of those with any of these canonical URLs."""
    by_id = dict(
        con.execute(
            "SELECT article_id, origin FROM staging.articles WHERE article_id IN (SELECT unnest(?))",
            [article_ids],
        ).fetchall()
    )
    by_url = dict(
        con.execute(
            "SELECT url, any_value(origin) FROM staging.articles "
            "WHERE url IN (SELECT unnest(?)) GROUP BY url",
            [urls],
        ).fetchall()
    )
    return by_id, by_url


def _table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    schema, name = table.split(".")
    rows = con.execute(
        "SELECT column_name FROM duckdb_columns() "
        "WHERE schema_name = ? AND table_name = ? ORDER BY column_index",
        [schema, name],
    ).fetchall()
    return [row[0] for row in rows]


def _insert_frame(
    con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, *, by_name: bool = False
) -> None:
    """Append a DataFrame's rows to ``table`` (registered under a fixed name, not found by frame lookup)."""
    con.register("_rows_to_insert", frame)
    try:
        con.execute(f"INSERT INTO {table} {'BY NAME ' if by_name else ''}SELECT * FROM _rows_to_insert")
    finally:
        con.unregister("_rows_to_insert")


def insert_enrichment(con: duckdb.DuckDBPyConnection, rows: dict[str, list[tuple]]) -> None:
    """Append enrichment rows in bulk (staging table -> rows in the table's column order).

    Frames are built with ``object`` columns so ``None`` stays NULL (pandas would turn a float
    column's ``None`` into NaN).
    """
    for table, table_rows in rows.items():
        if not table_rows:
            continue
        _insert_frame(con, table, pd.DataFrame(table_rows, columns=_table_columns(con, table), dtype=object))


def insert_articles(con: duckdb.DuckDBPyConnection, rows: list[dict[str, object]]) -> None:
    """Append article rows (dicts keyed by :data:`ARTICLE_COLUMNS`)."""
    if not rows:
        return
    _insert_frame(con, "staging.articles", pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS)), by_name=True)


def replace_enrichment(
    con: duckdb.DuckDBPyConnection, article_id: str, rows: dict[str, list[tuple]], profile_version: str
) -> None:
    """Replace one article's rows in every enrichment table and stamp the profile version.

    ``rows`` maps a staging table name to complete rows in that table's column order.
    """
    for table, table_rows in rows.items():
        con.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
        if table_rows:
            placeholders = ", ".join("?" for _ in table_rows[0])
            con.executemany(f"INSERT INTO {table} VALUES ({placeholders})", [list(r) for r in table_rows])
    con.execute(
        "UPDATE staging.articles SET profile_version = ? WHERE article_id = ?", [profile_version, article_id]
    )


def articles_to_enrich(con: duckdb.DuckDBPyConnection, profile_version: str) -> list[tuple]:
    """(article_id, text, published_date, title) of staged articles analysed with another profile
    version."""
    return con.execute(
        """
        SELECT a.article_id, a.text, a.published_date, a.title
        FROM staging.articles AS a
        WHERE a.profile_version <> ?
           OR NOT EXISTS (SELECT 1 FROM staging.topic_scores AS t WHERE t.article_id = a.article_id)
           OR NOT EXISTS (SELECT 1 FROM staging.article_shingles AS s WHERE s.article_id = a.article_id)
        ORDER BY a.article_id
        """,
        [profile_version],
    ).fetchall()


def clusters_out_of_date(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the staged articles are not exactly the ones the story clusters were built from."""
    row = first_row(
        con,
        "SELECT count(*) FROM staging.articles AS a FULL JOIN staging.story_clusters AS c USING (article_id) "
        "WHERE a.article_id IS NULL OR c.article_id IS NULL",
    )
    return row[0] > 0


def replace_story_clusters(
    con: duckdb.DuckDBPyConnection, rows: list[tuple[str, str, int, float | None]]
) -> None:
    """Replace every story cluster row: (article_id, cluster_id, cluster_size, similarity)."""
    con.execute("DELETE FROM staging.story_clusters")
    if rows:
        columns = ["article_id", "cluster_id", "cluster_size", "similarity"]
        _insert_frame(con, "staging.story_clusters", pd.DataFrame(rows, columns=columns, dtype=object))


def all_article_shingles(con: duckdb.DuckDBPyConnection) -> list[tuple[str, bytes]]:
    """(article_id, shingle array) of every staged article."""
    rows = con.execute(
        "SELECT article_id, shingles FROM staging.article_shingles "
        "WHERE article_id IN (SELECT article_id FROM staging.articles) ORDER BY article_id"
    ).fetchall()
    return [(article_id, bytes(blob)) for article_id, blob in rows]


def shape(con: duckdb.DuckDBPyConnection) -> tuple[int, int, int]:
    """Staged articles, distinct (source, source label) pairs, and story clusters."""
    articles, sources = first_row(
        con,
        "SELECT count(*), count(DISTINCT (source_id, staging.source_label(outlet, origin))) "
        "FROM staging.articles",
    )
    (clusters,) = first_row(con, "SELECT count(DISTINCT cluster_id) FROM staging.story_clusters")
    return articles, sources, clusters


def quotes_for_grouping(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int, str, int, str | None]]:
    """(article_id, quote_index, quote_text, words, speaker_entity_id) of every staged quotation."""
    return con.execute(
        "SELECT article_id, quote_index, quote_text, words, speaker_entity_id FROM staging.quotes "
        "ORDER BY article_id, quote_index"
    ).fetchall()


def set_quote_groups(con: duckdb.DuckDBPyConnection, groups: dict[tuple[str, int], str]) -> None:
    """Store the cross-article group of each quotation ((article_id, quote_index) -> group id)."""
    con.execute("UPDATE staging.quotes SET quote_group = NULL WHERE quote_group IS NOT NULL")
    rows = [(article_id, index, group) for (article_id, index), group in groups.items()]
    _update_from(con, "staging.quotes", "quote_group", ["article_id", "quote_index"], rows)


def _update_from(
    con: duckdb.DuckDBPyConnection, table: str, column: str, keys: list[str], rows: list[tuple]
) -> None:
    """Set ``column`` of ``table`` from (key..., value) rows in one joined UPDATE."""
    if not rows:
        return
    con.register("_updates", pd.DataFrame(rows, columns=[*keys, "new_value"], dtype=object))
    try:
        matched = " AND ".join(f"t.{key} = u.{key}" for key in keys)
        con.execute(f"UPDATE {table} AS t SET {column} = u.new_value FROM _updates AS u WHERE {matched}")
    finally:
        con.unregister("_updates")


def timeline_for_grouping(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int, date, str]]:
    """(article_id, start_offset, day, what) of every staged dated happening."""
    return con.execute(
        "SELECT article_id, start_offset, day, what FROM staging.timeline_events "
        "ORDER BY day, article_id, start_offset"
    ).fetchall()


def set_happenings(con: duckdb.DuckDBPyConnection, groups: dict[tuple[str, int], str]) -> None:
    """Store which mentions describe the same happening ((article_id, start_offset) -> happening id)."""
    con.execute("UPDATE staging.timeline_events SET happening = NULL WHERE happening IS NOT NULL")
    rows = [(article_id, start, group) for (article_id, start), group in groups.items()]
    _update_from(con, "staging.timeline_events", "happening", ["article_id", "start_offset"], rows)


def claims_for_conflicts(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """(article_id, claim_index, claim_type, value, value_number, unit, qualifier, value_as_written,
    sentence, start_offset, end_offset) of every staged claim."""
    return con.execute(
        "SELECT article_id, claim_index, claim_type, value, value_number, unit, qualifier, value_as_written, "
        "sentence, start_offset, end_offset FROM staging.claims ORDER BY article_id, claim_index"
    ).fetchall()


def replace_conflict_members(
    con: duckdb.DuckDBPyConnection, rows: list[tuple[str, str, int, str, int]]
) -> None:
    """Replace the disputed-claim rows (claim_type, value_group, distinct_values, article_id, claim_index)."""
    con.execute("DELETE FROM staging.claim_conflict_members")
    if rows:
        frame = pd.DataFrame(
            rows, columns=_table_columns(con, "staging.claim_conflict_members"), dtype=object
        )
        _insert_frame(con, "staging.claim_conflict_members", frame)


def state_fingerprint(con: duckdb.DuckDBPyConnection, profile_version: str, models_version: str) -> str:
    """Hash of what the marts would be built from; equal fingerprints mean nothing to publish."""
    rows = con.execute(
        "SELECT article_id, raw_id, origin, profile_version FROM staging.articles ORDER BY ALL"
    ).fetchall()
    digest = hashlib.sha256(f"{profile_version}|{models_version}".encode())
    for row in rows:
        digest.update("|".join(str(v) for v in row).encode("utf-8", "replace"))
    return digest.hexdigest()[:32]
