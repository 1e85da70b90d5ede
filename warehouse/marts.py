"""Building candidate marts from staging and publishing them atomically (Write-Audit-Publish).

Each mart is one SQL model in ``models/<mart>.sql``. Candidates are built into the ``candidate``
schema with the published table's exact shape; after the quality gate passes, :func:`publish`
swaps their rows into ``marts`` in a single transaction, so analysts see either the previous
publication or the new one, never a mix.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime

import duckdb

from warehouse.connection import DDL_DIR, MODELS_DIR, first_row

__all__ = [
    "MARTS",
    "AlreadyPublishedError",
    "build_candidates",
    "last_fingerprint",
    "models_version",
    "publish",
]

# Publication order; every name has a DDL table marts.<name> and a model models/<name>.sql.
MARTS = (
    "articles",
    "coverage_by_source",
    "coverage_daily",
    "topic_coverage",
    "topic_article_coverage",
    "entity_mentions",
    "entities",
    "entity_outlets",
    "entity_candidates",
    "story_clusters",
    "quotes",
    "claims",
    "claim_conflicts",
    "event_timeline",
    "coverage_summary",
)


class AlreadyPublishedError(RuntimeError):
    """This run has already published; publishing twice is refused."""


def models_version() -> str:
    """Hash of every model and DDL file: a changed model means the marts must be rebuilt."""
    digest = hashlib.sha256()
    for path in sorted([*MODELS_DIR.glob("*.sql"), *DDL_DIR.glob("*.sql")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_candidates(con: duckdb.DuckDBPyConnection, parameters: dict[str, object]) -> dict[str, int]:
    """Rebuild every ``candidate.<mart>`` from staging; return rows per mart.

    ``parameters`` feed the models that declare ``$name`` placeholders (only those receive them).
    """
    counts: dict[str, int] = {}
    for name in MARTS:
        sql = (MODELS_DIR / f"{name}.sql").read_text(encoding="utf-8")
        # Same columns and types as the published table, so publishing cannot change its shape.
        con.execute(f"CREATE OR REPLACE TABLE candidate.{name} AS SELECT * FROM marts.{name} LIMIT 0")
        used = {key: value for key, value in parameters.items() if f"${key}" in sql}
        con.execute(f"INSERT INTO candidate.{name} BY NAME {sql}", used or None)
        (counts[name],) = first_row(con, f"SELECT count(*) FROM candidate.{name}")
    return counts


def last_fingerprint(con: duckdb.DuckDBPyConnection) -> str | None:
    """Fingerprint of the staging state behind the current publication, if any."""
    row = con.execute(
        "SELECT fingerprint FROM ops.publications ORDER BY published_at DESC LIMIT 1"
    ).fetchone()
    return row[0] if row else None


def current_publication(con: duckdb.DuckDBPyConnection) -> str | None:
    """Run id of the publication the marts hold now, if any."""
    row = con.execute("SELECT run_id FROM ops.publications ORDER BY published_at DESC LIMIT 1").fetchone()
    return row[0] if row else None


def publish(
    con: duckdb.DuckDBPyConnection,
    *,
    run_id: str,
    fingerprint: str,
    published_at: datetime,
    before_commit: Callable[[], None] | None = None,
) -> dict[str, int]:
    """Replace every mart with its candidate in one transaction; return rows per mart.

    ``before_commit`` runs with everything written and nothing committed (crash tests stop there).
    """
    already = con.execute("SELECT 1 FROM ops.publications WHERE run_id = ?", [run_id]).fetchone()
    if already:
        raise AlreadyPublishedError(f"run {run_id} has already published")
    counts: dict[str, int] = {}
    con.execute("BEGIN TRANSACTION")
    try:
        for name in MARTS:
            con.execute(f"DELETE FROM marts.{name}")
            con.execute(f"INSERT INTO marts.{name} BY NAME SELECT * FROM candidate.{name}")
            (counts[name],) = first_row(con, f"SELECT count(*) FROM marts.{name}")
        con.execute(
            "INSERT INTO ops.publications VALUES (?, ?, ?, ?)",
            [run_id, fingerprint, published_at, json.dumps(counts, sort_keys=True)],
        )
        if before_commit is not None:
            before_commit()
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return counts
