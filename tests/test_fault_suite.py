"""The fault suite: every fetch fault of the handbook (NOTES.md section 4) in one real run.

One project watches the demo news site (six good articles) and, beside it, a list of URLs on servers
that misbehave on purpose: real threaded HTTP servers and raw sockets on loopback that hang after the
headers, drip bytes, lie about lengths, stream forever, send compression bombs, loop redirects, redirect
to ``file://``, to the cloud metadata address or to private ranges, storm with 429s, answer with binary
or 4 MB of headers or garbage, present a bad certificate, or are not there at all; plus hosts written as
decimal or IPv4-mapped IPv6 forms of a forbidden address. The run must end with one recorded outcome
per URL (the precise fetch outcome in ``ops.fetch_log``), within bounded time and memory, and publish
everything good that came with them. The accounting invariant is checked after it (tests/conftest.py).
"""

from __future__ import annotations

import json
import resource
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from demo.site import DemoSite, serve
from flows.ingest import ingest
from tests.conftest import SEEDS_DIR, project_with, read_seed, run_settings
from tests.http_servers import LocalServer, MiB, Reply, brotli_bomb, closed_port, gzip_bomb, redirect, repeat
from tests.http_servers import self_signed_context as tls_context
from tests.raw_servers import RawServer

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]

NOT_FOUND = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
# (item outcome, fetch outcome) each hostile path must end with.
EXPECTED = {
    "/hang-after-headers": ("fetch_error", "timeout"),
    "/drip": ("fetch_error", "timeout"),
    "/lying-length": ("fetch_error", "truncated"),
    "/endless": ("too_large", "too_large"),
    "/gzip-bomb": ("too_large", "too_large"),
    "/brotli-bomb": ("too_large", "too_large"),
    "/ten-gigabytes": ("too_large", "too_large"),
    "/loop-a": ("fetch_error", "too_many_redirects"),
    "/to-file": ("fetch_error", "blocked_scheme"),
    "/to-metadata": ("blocked_address", "blocked_address"),
    "/to-private": ("blocked_address", "blocked_address"),
    "/to-other-loopback": ("blocked_address", "blocked_address"),
    "/storm": ("http_error", "http_error"),
    "/binary": ("not_an_article", "ok"),
}
GOOD_ARTICLE_PATH = "/odd-bytes"


def _article_page() -> bytes:
    """A good, on-topic article (a seed rewritten) carrying a lone-surrogate reference, a NUL and a
    stray invalid UTF-8 byte: it must be published, not crash its batch."""
    text = read_seed("002").replace("Lee", "President Lee").replace(". ", ". Indeed, ", 3)
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
    page = (
        "<!doctype html><html><head><meta charset='utf-8'><title>Lee in Beijing</title>"
        '<meta property="article:published_time" content="2026-01-06"></head><body><article>'
        f"<h1>Lee in Beijing</h1>{paragraphs}<p>Odd &#xD800; bytes \x00 here.</p></article></body></html>"
    )
    return page.encode("utf-8").replace(b"Odd", b"Odd \xff")


def _hostile_routes(server: LocalServer) -> None:
    html = [("Content-Type", "text/html; charset=utf-8")]
    server.route("/hang-after-headers", Reply(headers=html, body=b"<p>never</p>", hang_after_headers=30))
    server.route("/drip", Reply(headers=html, body=b"<p>" + b"x" * 200 + b"</p>", drip=0.5))
    server.route("/lying-length", Reply(headers=html, body=b"<html><p>cut", content_length=100_000))
    server.route("/endless", Reply(headers=html, body=repeat(b"<p>more</p>" * 6000, 10**12),
                                   close_delimited=True))  # fmt: skip
    server.route("/gzip-bomb", Reply(headers=[*html, ("Content-Encoding", "gzip")], body=gzip_bomb(64 * MiB)))
    server.route(
        "/brotli-bomb", Reply(headers=[*html, ("Content-Encoding", "br")], body=brotli_bomb(64 * MiB))
    )
    server.route("/ten-gigabytes", Reply(headers=html, body=b"<p>x</p>", content_length=10 * 1024**3))
    server.route("/loop-a", redirect("/loop-b"))
    server.route("/loop-b", redirect("/loop-a"))
    server.route("/to-file", redirect("file:///etc/passwd"))
    server.route("/to-metadata", redirect("http://169.254.169.254/latest/meta-data/"))
    server.route("/to-private", redirect("http://10.0.0.1/admin"))
    server.route("/to-other-loopback", redirect(f"http://127.0.0.2:{server.port}/"))
    server.route("/storm", Reply(status=429, headers=[("Retry-After", "100000")], body=b"slow down"))
    server.route(
        "/binary", Reply(headers=[("Content-Type", "application/octet-stream")], body=bytes(range(256)) * 40)
    )
    server.route(GOOD_ARTICLE_PATH, Reply(headers=html, body=_article_page()))


@pytest.fixture
def hostile_project(tmp_path: Path) -> Iterator[tuple[Path, dict[str, tuple[str, str]]]]:
    """The demo site and the hostile servers on loopback, and a project watching both; yields the
    project and, per hostile URL, the (item outcome, fetch outcome) it must end with."""
    site = DemoSite.from_seeds(SEEDS_DIR)
    demo, base_url = serve(site)
    garbage = RawServer(b"SPAM SPAM SPAM\r\n\r\n", robots=NOT_FOUND)
    huge_headers = RawServer(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
        + b"X-Filler: "
        + b"a" * (4 * MiB)
        + b"\r\n\r\n<p>x</p>",
        robots=NOT_FOUND,
    )
    tls = LocalServer(tls=tls_context(tmp_path))
    with LocalServer() as server, garbage, huge_headers, tls:
        _hostile_routes(server)
        tls.route("/", Reply(body=b"<p>never read</p>"))
        expected = {server.url(path): outcome for path, outcome in EXPECTED.items()}
        expected |= {
            garbage.url("/page"): ("fetch_error", "connection_error"),
            huge_headers.url("/page"): ("fetch_error", "connection_error"),
            # A host whose robots.txt cannot be fetched is disallowed (RFC 9309): the page is never
            # requested, and the robots.txt fetch records why (checked below).
            tls.url("/"): ("blocked_robots", "blocked_robots"),
            f"http://127.0.0.1:{closed_port()}/gone": ("blocked_robots", "blocked_robots"),
            # 127.0.0.2 written as one decimal number, and as an IPv4-mapped IPv6 address.
            f"http://2130706434:{server.port}/": ("blocked_address", "blocked_address"),
            f"http://[::ffff:127.0.0.2]:{server.port}/": ("blocked_address", "blocked_address"),
        }
        lines = [
            "[fetch]",
            'allow_private_networks = ["127.0.0.1/32"]',
            "host_delay = 0.01",
            "connect_timeout = 1.0",
            "read_timeout = 1.0",
            "total_deadline = 2.0",
            "max_attempts = 2",
            "backoff_base = 0.1",
            "retry_after_cap = 1.0",
            "host_failure_limit = 0",  # every URL gets its own outcome, not the breaker's
            f"max_bytes = {2 * MiB}",
            "",
        ]
        for outlet in site.outlets:
            lines += ["[[source]]", f'id = "{outlet.slug}"', 'kind = "feed"']
            lines += [f'url = "{base_url}{outlet.feed_path}"', f'outlet = "{outlet.name}"', ""]
        urls = [*expected, server.url(GOOD_ARTICLE_PATH)]
        lines += ["[[source]]", 'id = "hostile"', 'kind = "urls"', f"urls = {json.dumps(urls)}"]
        project = project_with(tmp_path, SEEDS_DIR / "event.toml", lines)
        try:
            yield project, expected
        finally:
            demo.shutdown()


def test_every_fault_ends_as_a_recorded_outcome_and_the_rest_publishes(
    hostile_project: tuple[Path, dict[str, tuple[str, str]]],
) -> None:
    project, expected = hostile_project
    started = time.monotonic()
    run = ingest(run_settings(project))
    elapsed = time.monotonic() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    assert run.status == "published", (run.message, run.failures)
    with duckdb.connect(str(project / "w.duckdb"), read_only=True) as con:
        items = {
            item: outcome
            for item, outcome in con.execute(
                "SELECT item, outcome FROM ops.item_outcomes WHERE run_id = ? AND source_id = 'hostile'",
                [run.run_id],
            ).fetchall()
        }
        fetched = dict(
            con.execute(
                "SELECT url, outcome FROM ops.fetch_log WHERE run_id = ? AND kind = 'article'", [run.run_id]
            ).fetchall()
        )
        demo = dict(
            con.execute(
                "SELECT outcome, count(*) FROM ops.item_outcomes WHERE run_id = ? AND source_id <> 'hostile' "
                "GROUP BY 1",
                [run.run_id],
            ).fetchall()
        )
        robots = dict(
            con.execute(
                "SELECT url, outcome FROM ops.fetch_log WHERE run_id = ? AND kind = 'robots'", [run.run_id]
            ).fetchall()
        )
        odd = con.execute(
            "SELECT text FROM marts.articles WHERE url LIKE ?", [f"%{GOOD_ARTICLE_PATH}"]
        ).fetchall()
    wrong = {
        url: (items.get(url), fetched.get(url), want)
        for url, want in expected.items()
        if (items.get(url), fetched.get(url)) != want
    }
    assert not wrong, wrong
    unreachable = {url.split("/", 3)[2] for url, want in expected.items() if want[0] == "blocked_robots"}
    robots_urls = [f"{scheme}://{host}/robots.txt" for host in unreachable for scheme in ("http", "https")]
    assert sorted(robots[url] for url in robots_urls if url in robots) == ["connection_error", "tls_error"]
    # Everything good that came with the faults was published: the demo site's articles and the odd page.
    assert demo == {"feed_read": 3, "published": 6, "blocked_robots": 1, "http_error": 1}
    assert items[next(u for u in items if u.endswith(GOOD_ARTICLE_PATH))] == "published", items
    assert len(odd) == 1 and "\x00" not in odd[0][0] and "\ud800" not in odd[0][0]
    assert len(items) == len(expected) + 1
    # Bounded: deadlines, attempts and the Retry-After cap hold the run to well under a minute of
    # fetching, and no bomb or endless body was held in memory.
    assert elapsed < 120, f"run took {elapsed:.0f} s"
    assert peak_mib < 1500, f"peak RSS {peak_mib:.0f} MiB"


def test_a_page_too_slow_to_extract_is_rejected_and_the_rest_publishes(seed_project: Path) -> None:
    """A pathological page (12,000 paragraphs of quotes, dates and figures: ~10 s of work here) against a
    3 s extraction deadline: its worker is stopped, the page ends rejected, the seeds publish."""
    paragraph = (
        "<p>President Lee Jae Myung met Xi Jinping in Beijing on January {day}, and said “we will build "
        "{k} new bridges,” officials said.</p>"
    )
    body = "".join(paragraph.format(day=k % 28 + 1, k=k) for k in range(12_000))
    (seed_project / "seeds" / "pathological.html").write_text(
        f"<html><body><article>{body}</article></body></html>", encoding="utf-8"
    )
    settings = replace(run_settings(seed_project), extraction_timeout=3.0)
    started = time.monotonic()
    run = ingest(settings)
    elapsed = time.monotonic() - started
    assert run.status == "published", run.failures
    with duckdb.connect(str(seed_project / "w.duckdb"), read_only=True) as con:
        outcomes = dict(
            con.execute(
                "SELECT regexp_extract(item, '[^/]+$'), outcome || ': ' || coalesce(detail, '') "
                "FROM ops.item_outcomes WHERE run_id = ?",
                [run.run_id],
            ).fetchall()
        )
    assert outcomes.pop("pathological.html").startswith("rejected: extraction failed: timed out")
    assert set(outcomes.values()) == {"published: "}
    assert elapsed < 90, f"run took {elapsed:.0f} s"
