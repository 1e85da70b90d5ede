"""The fetch ledger: archive index and fetch log rows written in bulk, never after their articles."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from pipeline import steps, stream, web_steps
from pipeline.fetch_ledger import FetchLedger
from tests.conftest import SEEDS_DIR, run_settings
from tests.generated_pages import write_pages
from tests.http_servers import LocalServer, Reply
from warehouse.connection import apply_ddl, open_warehouse


def _rows(number: int) -> tuple[dict[str, object], dict[str, object]]:
    now = datetime(2026, 1, 5, tzinfo=UTC)
    url = f"http://127.0.0.1/page-{number}"
    response = {
        "response_id": f"urn:uuid:{number:08d}", "run_id": "r", "source_id": "s", "kind": "article",
        "url": url, "final_url": url, "status": 200, "content_type": "text/html", "body_sha256": "0" * 64,
        "body_bytes": 1, "warc_path": "x.warc.gz", "warc_offset": number, "warc_length": 1, "fetched_at": now,
    }  # fmt: skip
    fetch = {
        "run_id": "r", "source_id": "s", "kind": "article", "url": url, "final_url": url, "outcome": "ok",
        "detail": None, "status": 200, "attempts": 1, "redirects": [], "elapsed_seconds": 0.01,
        "peer_ip": "127.0.0.1", "response_id": response["response_id"], "fetched_at": now,
    }  # fmt: skip
    return response, fetch


def _served_after(
    served: Iterator[int], free: int, event: threading.Event, data: bytes
) -> Callable[[], Iterator[bytes]]:
    """A streamed body; once ``free`` bodies were served, it waits for ``event`` (at most 30 s)."""

    def chunks() -> Iterator[bytes]:
        if next(served) >= free:
            event.wait(30)
        yield data

    return chunks


def _counts(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    responses = con.execute("SELECT count(*) FROM raw.web_responses").fetchone()[0]
    fetches = con.execute("SELECT count(*) FROM ops.fetch_log").fetchone()[0]
    return responses, fetches


def test_rows_wait_for_a_flush_and_land_once(tmp_path: Path) -> None:
    ledger = FetchLedger(flush_at=3)
    with open_warehouse(tmp_path / "w.duckdb") as con:
        apply_ddl(con)
        for number in range(2):
            ledger.add(*_rows(number))
        _, failed_fetch = _rows(2)
        ledger.add(None, {**failed_fetch, "status": None, "outcome": "timeout", "response_id": None})
        assert ledger.due
        assert _counts(con) == (0, 0)
        ledger.flush(con)
        ledger.flush(con)  # nothing left: writes nothing
        assert _counts(con) == (2, 3)
        assert not ledger.due


def test_rows_added_from_many_threads_all_land_exactly_once(tmp_path: Path) -> None:
    ledger = FetchLedger(flush_at=50)
    with open_warehouse(tmp_path / "w.duckdb") as con:
        apply_ddl(con)

        def fetch(first: int) -> None:
            cursor = con.cursor()  # each thread its own connection, as the fetcher and the writer have
            for number in range(first, first + 250):
                ledger.add(*_rows(number))
                if ledger.due:
                    ledger.flush(cursor)
            cursor.close()

        threads = [threading.Thread(target=fetch, args=(first,)) for first in range(0, 1000, 250)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        ledger.flush(con)
        assert _counts(con) == (1000, 1000)
        distinct = con.execute("SELECT count(DISTINCT response_id) FROM raw.web_responses").fetchone()[0]
        assert distinct == 1000


@pytest.mark.process
def test_no_article_is_staged_before_the_response_it_came_from_is_indexed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = write_pages(tmp_path / "pages", 48)
    unindexed: list[str] = []
    first_batch_staged = threading.Event()
    real_stage_batch = stream.stage_batch

    def watched_stage_batch(con, run_id, entries, seen, now):  # type: ignore[no-untyped-def]
        raw_ids = [entry.raw_id for entry in entries]
        indexed = {
            row[0]
            for row in con.execute(
                "SELECT response_id FROM raw.web_responses WHERE response_id IN (SELECT unnest(?))", [raw_ids]
            ).fetchall()
        }
        unindexed.extend(raw_id for raw_id in raw_ids if raw_id not in indexed)
        try:
            return real_stage_batch(con, run_id, entries, seen, now)
        finally:
            first_batch_staged.set()

    monkeypatch.setattr(stream, "stage_batch", watched_stage_batch)
    with LocalServer() as server:
        served = itertools.count()
        for page in pages:
            # Pages after the 40th served wait until a batch is staged: batches are staged while
            # fetching goes on (the stream's first 33 payloads are read before any work starts).
            body = _served_after(served, 40, first_batch_staged, page.read_bytes())
            reply = Reply(headers=[("Content-Type", "text/html")], body=body, close_delimited=True)
            server.route(f"/{page.name}", reply)
        urls = ", ".join(f'"{server.url("/" + page.name)}"' for page in pages)
        sources = tmp_path / "sources.toml"
        sources.write_text(
            '[fetch]\nallow_private_networks = ["127.0.0.1/32"]\nhost_delay = 0\n\n'
            f'[[source]]\nid = "picks"\nkind = "urls"\nurls = [{urls}]\n',
            encoding="utf-8",
        )
        settings = replace(
            run_settings(tmp_path, sources=sources, event=SEEDS_DIR / "event.toml"),
            batch_size=3,
            workers=1,
        )
        steps.prepare(settings, None)
        links = web_steps.discover_links(settings)
        report = steps.fetch_and_stage(settings, links, [])
    assert sum(report.outcomes.values()) == 48
    assert unindexed == []
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        assert _counts(con) == (49, 49)  # the pages and robots.txt
        staged_without_response = con.execute(
            "SELECT count(*) FROM staging.articles "
            "WHERE raw_id NOT IN (SELECT response_id FROM raw.web_responses)"
        ).fetchone()[0]
        assert staged_without_response == 0
