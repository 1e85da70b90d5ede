"""The warehouse turns an article's analysis into rows that fit its staging tables column by column."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from tests.conftest import SEEDS_DIR
from transforms.analysis.enrichment import analyse_article
from transforms.profile import EventProfile
from warehouse import staging
from warehouse.connection import apply_ddl
from warehouse.enrichment_rows import ENRICHMENT_TABLES, enrichment_rows


def _seed_text() -> str:
    longest = max((p.read_text(encoding="utf-8") for p in SEEDS_DIR.glob("*.txt")), key=len)
    # A name no profile entity covers, twice, so the candidate names table gets a row too.
    return longest + "\n\nThe envoy Tomas Virtanen watched the talks. Later Tomas Virtanen left for Seoul.\n"


def test_every_table_gets_rows_of_its_own_width_that_load(tmp_path: Path, profile: EventProfile) -> None:
    analysis = analyse_article(_seed_text(), profile, date(2026, 1, 5))
    rows = enrichment_rows("a1", analysis, profile.version)
    assert set(rows) == set(ENRICHMENT_TABLES)
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        apply_ddl(con)
        for table, table_rows in rows.items():
            schema, name = table.split(".")
            width = con.execute(
                "SELECT count(*) FROM duckdb_columns() WHERE schema_name = ? AND table_name = ?",
                [schema, name],
            ).fetchone()[0]
            assert all(len(row) == width for row in table_rows), table
        staging.insert_enrichment(con, rows)
        loaded = {
            table: con.execute(f"SELECT count(*) FROM {table} WHERE article_id = 'a1'").fetchone()[0]
            for table in ENRICHMENT_TABLES
        }
    assert loaded == {table: len(table_rows) for table, table_rows in rows.items()}
    # A real article about the visit yields something in every analysis, so every mapping is exercised.
    assert all(loaded.values()), loaded


def test_profile_dependent_rows_carry_the_profile_version(tmp_path: Path, profile: EventProfile) -> None:
    rows = enrichment_rows("a1", analyse_article(_seed_text(), profile, None), "v-test")
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        apply_ddl(con)
        for table in ("staging.entity_mentions", "staging.topic_scores", "staging.quotes", "staging.claims"):
            schema, name = table.split(".")
            [(index,)] = con.execute(
                "SELECT column_index FROM duckdb_columns() "
                "WHERE schema_name = ? AND table_name = ? AND column_name = 'profile_version'",
                [schema, name],
            ).fetchall()
            assert rows[table] and all(row[index - 1] == "v-test" for row in rows[table]), table


def test_a_headlines_claims_are_stored_and_published_as_the_headlines(
    tmp_path: Path, profile: EventProfile
) -> None:
    text = _seed_text()
    title = "Lee and Xi sign 14 memorandums of understanding in Beijing"
    analysis = analyse_article(text, profile, date(2026, 1, 5), title=title)
    headline = [c for c in analysis.claims if c.in_headline]
    assert [(c.claim_type, c.value, c.sentence) for c in headline] == [("agreements-signed", 14.0, title)]
    assert all(title[c.start : c.end] == c.sentence for c in headline)
    assert all(text[c.start : c.end] == c.sentence for c in analysis.claims if not c.in_headline)
    rows = enrichment_rows("a1", analysis, profile.version)
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        apply_ddl(con)
        staging.insert_enrichment(con, rows)
        stored = con.execute(
            "SELECT sentence FROM staging.claims WHERE in_headline ORDER BY claim_index"
        ).fetchall()
    assert stored == [(title,)]
