"""web.fetcher against real local servers: every fault from NOTES.md section 4 ends as a recorded outcome."""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import itertools
import random
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.http_servers import (
    LocalServer,
    Logged,
    MiB,
    Reply,
    brotli_bomb,
    closed_port,
    gzip_bomb,
    redirect,
    repeat,
    self_signed_context,
)
from tests.raw_servers import RawServer
from web.fetcher import OUTCOMES, Fetcher
from web.policy import DEFAULT_USER_AGENT, FetchPolicy


def make_policy(**overrides: Any) -> FetchPolicy:
    """Small limits for tests; loopback 127.0.0.1 only is exempt from the SSRF guard."""
    settings: dict[str, Any] = {
        "allow_private_networks": ("127.0.0.1/32",),
        "host_delay": 0.0,
        "obey_robots": False,
        "connect_timeout": 2.0,
        "read_timeout": 2.0,
        "total_deadline": 5.0,
    }
    settings.update(overrides)
    return FetchPolicy(**settings)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        yield srv


@pytest.fixture
def sleeps() -> list[float]:
    return []


def fetcher(sleeps: list[float] | None = None, **overrides: Any) -> Fetcher:
    sink: list[float] = [] if sleeps is None else sleeps
    return Fetcher(make_policy(**overrides), sleep=sink.append, rng=random.Random(7))


# --- basics -------------------------------------------------------------------------------------------


def test_ok_records_everything_and_sends_our_headers(server: LocalServer) -> None:
    server.route("/a", Reply(body=b"hello", headers=[("Content-Type", "text/plain")]))
    with fetcher() as f:
        result = f.fetch(server.url("/a"))
    assert result.outcome == "ok" and result.body == b"hello" and result.status == 200
    assert result.attempts == 1 and result.redirects == () and result.final_url == server.url("/a")
    assert result.peer_ip == "127.0.0.1"
    assert ("Content-Type", "text/plain") in result.headers
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert result.fetched_at.tzinfo is None and abs(result.fetched_at - now) < dt.timedelta(seconds=5)
    sent = server.log[0].headers
    assert sent["user-agent"] == DEFAULT_USER_AGENT
    assert sent["accept-encoding"] == "gzip, deflate, br"
    assert ("User-Agent", DEFAULT_USER_AGENT) in result.request_headers


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
def test_compressed_bodies_are_decoded(server: LocalServer, encoding: str) -> None:
    text = "Pressefreiheit – ünïcödé ".encode() * 500
    server.route("/c", Reply(body=text, encoding=encoding))
    with fetcher() as f:
        result = f.fetch(server.url("/c"))
    assert result.outcome == "ok" and result.body == text


def test_fetch_never_raises_on_bad_urls() -> None:
    with fetcher() as f:
        results = [f.fetch(u) for u in ("not a url", "http://", "http://[::1", "http://127.0.0.1:99999/")]
    assert [r.outcome for r in results] == ["blocked_scheme"] + ["connection_error"] * 3
    assert all(r.outcome in OUTCOMES and r.body is None for r in results)


def test_fetch_many_keeps_input_order(server: LocalServer) -> None:
    for i, delay in enumerate([0.3, 0.0, 0.15, 0.0]):
        server.route(f"/{i}", Reply(body=str(i).encode(), delay=delay))
    with fetcher(host_concurrency=4) as f:
        results = f.fetch_many([server.url(f"/{i}") for i in range(4)] + ["ftp://x/"], workers=4)
    assert [r.body for r in results[:4]] == [b"0", b"1", b"2", b"3"]
    assert results[4].outcome == "blocked_scheme"


# --- timeouts and the whole-request deadline ----------------------------------------------------------


def test_hang_after_headers_ends_at_deadline_not_read_timeout(server: LocalServer) -> None:
    server.route("/hang", Reply(body=b"never", hang_after_headers=20))
    with fetcher(read_timeout=10, total_deadline=1.0, max_attempts=1) as f:
        started = time.monotonic()
        result = f.fetch(server.url("/hang"))
    assert result.outcome == "timeout" and "deadline" in (result.detail or "")
    assert 0.9 < time.monotonic() - started < 2.5
    assert result.body is None


def test_drip_feed_ends_at_deadline(server: LocalServer) -> None:
    # Each byte arrives well within the read timeout; only the whole-request deadline can stop this.
    server.route("/drip", Reply(body=b"x" * 100, drip=0.2))
    with fetcher(read_timeout=5, total_deadline=1.5, max_attempts=1) as f:
        started = time.monotonic()
        result = f.fetch(server.url("/drip"))
    assert result.outcome == "timeout" and "deadline" in (result.detail or "")
    assert 1.4 < time.monotonic() - started < 3.0
    assert 0 < server.log[0].bytes_sent < 100


def test_read_timeout_is_retried_then_recorded(server: LocalServer, sleeps: list[float]) -> None:
    server.route("/slow", Reply(body=b"late", delay=3))
    with fetcher(sleeps, read_timeout=0.3, total_deadline=5) as f:
        result = f.fetch(server.url("/slow"))
    assert result.outcome == "timeout" and result.detail == "read timeout after 3 attempt(s)"
    assert len(server.log) == 3 and len(sleeps) == 2


def test_slow_dns_is_a_timeout() -> None:
    def slow_resolver(host: str, port: int) -> list[str]:
        time.sleep(3)
        return ["127.0.0.1"]

    policy = make_policy(connect_timeout=0.3, max_attempts=1)
    with Fetcher(policy, sleep=lambda s: None, resolver=slow_resolver) as f:
        started = time.monotonic()
        result = f.fetch("http://slow-dns.example.test/")
    assert result.outcome == "timeout" and time.monotonic() - started < 1.5


# --- size caps ----------------------------------------------------------------------------------------


def test_declared_oversize_body_is_refused_before_reading(server: LocalServer) -> None:
    server.route("/big", Reply(body=repeat(b"x" * 65536, 50 * MiB), content_length=50 * MiB))
    with fetcher(max_bytes=1 * MiB) as f:
        result = f.fetch(server.url("/big"))
    assert result.outcome == "too_large" and "Content-Length" in (result.detail or "") and result.body is None


def test_undeclared_oversize_body_stops_after_the_cap(server: LocalServer) -> None:
    server.route("/big", Reply(body=repeat(b"x" * 65536, 200 * MiB), close_delimited=True))
    with fetcher(max_bytes=1 * MiB) as f:
        result = f.fetch(server.url("/big"))
    assert result.outcome == "too_large" and result.body is None and result.attempts == 1
    deadline = time.monotonic() + 5
    while server.log[0].finished_at is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.log[0].bytes_sent < 50 * MiB  # we hung up; the server did not get to send it all


@pytest.mark.parametrize(("encoding", "make_bomb"), [("gzip", gzip_bomb), ("br", brotli_bomb)])
def test_decompression_bomb_is_too_large_with_bounded_memory(
    server: LocalServer, encoding: str, make_bomb: Any
) -> None:
    bomb = make_bomb(256 * MiB)  # 256 MiB of zeros in well under 1 MiB on the wire
    assert len(bomb) < MiB
    server.route("/bomb", Reply(body=bomb, headers=[("Content-Encoding", encoding)]))
    with fetcher(max_bytes=1 * MiB) as f:
        tracemalloc.start()
        try:
            result = f.fetch(server.url("/bomb"))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert result.outcome == "too_large" and result.body is None
    # Inflating even one 64 KiB network chunk at once would allocate ~64 MiB.
    assert peak < 8 * MiB, f"peak {peak / MiB:.1f} MiB"


# --- truncation ---------------------------------------------------------------------------------------


def test_truncated_body_is_retried_then_recorded_never_ok(server: LocalServer, sleeps: list[float]) -> None:
    server.route("/t", Reply(body=b"partial", content_length=1000))
    with fetcher(sleeps) as f:
        result = f.fetch(server.url("/t"))
    assert result.outcome == "truncated" and result.body is None
    assert result.attempts == 3 and len(server.log) == 3 and "after 3 attempt(s)" in (result.detail or "")


def test_truncated_compressed_stream_without_length(server: LocalServer) -> None:
    cut = gzip_bomb(4 * MiB)[:2000]
    server.route("/t", Reply(body=cut, headers=[("Content-Encoding", "gzip")], close_delimited=True))
    with fetcher(max_attempts=1) as f:
        result = f.fetch(server.url("/t"))
    assert result.outcome == "truncated" and result.body is None


def test_truncation_heals_on_retry(server: LocalServer) -> None:
    calls: list[int] = []

    def flaky(_: Logged) -> Reply:
        calls.append(1)
        return Reply(body=b"partial", content_length=1000) if len(calls) == 1 else Reply(body=b"complete")

    server.route("/t", flaky)
    with fetcher() as f:
        result = f.fetch(server.url("/t"))
    assert (result.outcome, result.body, result.attempts) == ("ok", b"complete", 2)


# --- redirects ----------------------------------------------------------------------------------------


def test_redirect_chain_relative_and_absolute_is_recorded(server: LocalServer) -> None:
    server.route("/start", redirect("/mid?x=1", 301))
    server.route("/mid?x=1", redirect("../end", 307))
    server.route("/end", redirect(server.url("/final"), 308))
    server.route("/final", Reply(body=b"done"))
    with fetcher() as f:
        result = f.fetch(server.url("/start"))
    assert result.outcome == "ok" and result.body == b"done"
    assert result.redirects == (server.url("/mid?x=1"), server.url("/end"), server.url("/final"))
    assert result.final_url == server.url("/final")


def test_redirect_loop_stops_at_max_redirects(server: LocalServer) -> None:
    server.route("/a", redirect("/b"))
    server.route("/b", redirect("/a"))
    with fetcher(max_redirects=5) as f:
        result = f.fetch(server.url("/a"))
    assert result.outcome == "too_many_redirects" and len(result.redirects) == 5
    assert len(server.log) == 6  # the first request plus five followed hops, not one more


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/x", "data:text/plain,hi"])
def test_redirect_to_other_schemes_is_blocked(server: LocalServer, target: str) -> None:
    server.route("/r", redirect(target))
    with fetcher() as f:
        result = f.fetch(server.url("/r"))
        direct = f.fetch(target)
    scheme = target.split(":", 1)[0]
    assert result.outcome == "blocked_scheme" and result.redirects[0].startswith(f"{scheme}:")
    assert direct.outcome == "blocked_scheme"
    assert server.paths() == ["/r"]


def test_credentials_are_dropped_on_cross_origin_redirect() -> None:
    creds = {"Authorization": "Bearer secret", "Cookie": "session=1"}
    with LocalServer() as a, LocalServer() as b:  # same host, other port: another origin
        a.route("/same", redirect("/next"))
        a.route("/next", redirect(b.url("/other")))
        b.route("/other", Reply(body=b"ok"))
        with fetcher() as f:
            result = f.fetch(a.url("/same"), headers=creds)
    assert result.outcome == "ok"
    assert [e.headers.get("authorization") for e in a.log] == ["Bearer secret", "Bearer secret"]
    assert [e.headers.get("cookie") for e in a.log] == ["session=1", "session=1"]
    assert "authorization" not in b.log[0].headers and "cookie" not in b.log[0].headers
    assert all(value != "Bearer secret" for _, value in result.request_headers)


# --- retries ------------------------------------------------------------------------------------------


def test_503_backoff_uses_base_doubling_and_jitter(server: LocalServer, sleeps: list[float]) -> None:
    server.route("/s", Reply(status=503))
    with fetcher(sleeps, max_attempts=4, backoff_base=2.0, backoff_jitter=0.5) as f:
        result = f.fetch(server.url("/s"))
    assert result.outcome == "http_error" and result.detail == "HTTP 503 after 4 attempt(s)"
    assert result.status == 503 and result.attempts == 4 and len(server.log) == 4
    expected_rng = random.Random(7)
    expected = [2.0 * 2**n * (1 + expected_rng.uniform(-0.5, 0.5)) for n in range(3)]
    assert sleeps == pytest.approx(expected)
    for n, delay in enumerate(sleeps):
        assert 2.0 * 2**n * 0.5 <= delay <= 2.0 * 2**n * 1.5


def test_retry_after_seconds_date_and_cap(server: LocalServer, sleeps: list[float]) -> None:
    soon = email.utils.format_datetime(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30), usegmt=True)
    server.route("/secs", Reply(status=429, headers=[("Retry-After", "7")]))
    server.route("/date", Reply(status=503, headers=[("Retry-After", soon)]))
    server.route("/huge", Reply(status=503, headers=[("Retry-After", "86400")]))
    with fetcher(sleeps, max_attempts=2, retry_after_cap=60) as f:
        outcomes = [f.fetch(server.url(p)).outcome for p in ("/secs", "/date", "/huge")]
    assert outcomes == ["http_error"] * 3
    assert sleeps[0] == 7 and 25 <= sleeps[1] <= 30 and sleeps[2] == 60


@pytest.mark.parametrize(("status", "attempts"), [(404, 1), (403, 1), (410, 1), (408, 3), (429, 3), (500, 3)])
def test_only_transient_statuses_are_retried(server: LocalServer, status: int, attempts: int) -> None:
    server.route("/x", Reply(status=status))
    with fetcher() as f:
        result = f.fetch(server.url("/x"))
    assert result.outcome == "http_error" and result.detail == f"HTTP {status} after {attempts} attempt(s)"
    assert len(server.log) == attempts and result.body is None


def test_connection_refused_is_retried_then_connection_error(sleeps: list[float]) -> None:
    with fetcher(sleeps) as f:
        result = f.fetch(f"http://127.0.0.1:{closed_port()}/")
    assert result.outcome == "connection_error" and result.attempts == 3 and len(sleeps) == 2


def test_recovers_after_transient_errors(server: LocalServer, sleeps: list[float]) -> None:
    replies = iter([Reply(status=502), Reply(status=429, headers=[("Retry-After", "1")]), Reply(body=b"ok")])
    server.route("/x", lambda _: next(replies))
    with fetcher(sleeps) as f:
        result = f.fetch(server.url("/x"))
    assert (result.outcome, result.attempts, result.body) == ("ok", 3, b"ok")
    assert sleeps[1] == 1


# --- permanent failures: one attempt, a clear outcome -------------------------------------------------

_GARBLED = gzip.compress(b"<html>" + b"news " * 2000 + b"</html>")
_GARBLED = _GARBLED[:40] + bytes(b ^ 0xFF for b in _GARBLED[40:80]) + _GARBLED[80:]


@pytest.mark.parametrize(
    ("encoding", "body", "why"),
    [
        ("gzip", b"this was never gzip", "invalid gzip body"),
        ("gzip", _GARBLED, "invalid gzip body"),
        ("deflate", b"\x78\x9c" + b"\xff" * 64, "invalid deflate body"),
        ("br", b"\xff" * 64, "invalid br body"),
    ],
    ids=["not-gzip", "gzip-garbled-midway", "deflate", "br"],
)
def test_corrupt_content_encoding_is_attempted_once(
    server: LocalServer, sleeps: list[float], encoding: str, body: bytes, why: str
) -> None:
    server.route("/c", Reply(body=body, headers=[("Content-Encoding", encoding)]))
    with fetcher(sleeps) as f:
        result = f.fetch(server.url("/c"))
    assert len(server.log) == 1 and result.attempts == 1 and sleeps == []
    assert result.outcome == "connection_error" and result.body is None and result.status == 200
    assert why in (result.detail or "") and "not retried" in (result.detail or "")


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        (b"SPAM AND EGGS\r\nContent-Length: 2\r\n\r\nhi", "illegal status line"),
        (b"HTTP/1.1 200 OK\r\nX-Filler: " + b"a" * 200_000 + b"\r\n\r\nhi", "too long"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: twelve\r\n\r\nhi", "Content-Length"),
    ],
    ids=["garbage-status-line", "oversized-headers", "bad-content-length"],
)
def test_malformed_response_is_attempted_once(sleeps: list[float], answer: bytes, why: str) -> None:
    with RawServer(answer) as server, fetcher(sleeps) as f:
        result = f.fetch(server.url("/x"))
    assert server.connections == 1 and len(server.heads) == 1 and server.heads[0].startswith(b"GET /x ")
    assert result.attempts == 1 and sleeps == [] and result.body is None
    assert result.outcome == "connection_error"
    assert "malformed response" in (result.detail or "") and why in (result.detail or "")
    assert "not retried" in (result.detail or "")


def test_hang_up_before_answering_stays_transient(sleeps: list[float]) -> None:
    with RawServer(b"") as server, fetcher(sleeps) as f:  # reads the request, closes without a word
        result = f.fetch(server.url("/x"))
    assert server.connections == 3 and result.attempts == 3 and len(sleeps) == 2
    assert result.outcome == "connection_error" and "after 3 attempt(s)" in (result.detail or "")


# --- the per-host circuit breaker ---------------------------------------------------------------------


def test_breaker_trips_although_robots_txt_answers_404(sleeps: list[float]) -> None:
    # One host, two origins (ports): each origin's robots.txt is fetched when the fetcher first goes
    # there, and answers 404. Only article/feed successes may close the count, never a robots.txt answer.
    with LocalServer() as a, LocalServer() as b:
        for srv in (a, b):
            for i in range(6):
                srv.route(f"/p{i}", Reply(status=503))
        urls = [a.url(f"/p{i}") for i in range(4)] + [b.url(f"/p{i}") for i in range(6)]
        with fetcher(sleeps, obey_robots=True, host_failure_limit=5, max_attempts=3) as f:
            results = [f.fetch(url) for url in urls]
        robots = f.take_robots_results()
    assert [r.status for r in robots] == [404, 404]
    assert [r.outcome for r in results] == ["http_error"] * 5 + ["circuit_open"] * 5
    assert a.paths() == ["/robots.txt"] + [f"/p{i}" for i in range(4) for _ in range(3)]
    assert b.paths() == ["/robots.txt", "/p0", "/p0", "/p0"]
    assert all(r.attempts == 0 and "failed 5 fetches in a row" in (r.detail or "") for r in results[5:])


def test_breaker_count_is_closed_by_a_page_success(server: LocalServer, sleeps: list[float]) -> None:
    for i in range(8):
        server.route(f"/p{i}", Reply(status=503))
    server.route("/fine", Reply(body=b"ok"))
    paths = ["/p0", "/p1", "/fine", "/p2", "/p3", "/p4", "/p5", "/p6"]
    with fetcher(sleeps, host_failure_limit=3, max_attempts=1) as f:
        outcomes = [f.fetch(server.url(p)).outcome for p in paths]
    assert outcomes == ["http_error", "http_error", "ok"] + ["http_error"] * 3 + ["circuit_open"] * 2
    assert server.paths() == paths[:6]


# --- per-host politeness ------------------------------------------------------------------------------


def test_host_delay_and_single_connection_across_threads(server: LocalServer) -> None:
    for i in range(4):
        server.route(f"/{i}", Reply(body=b"x", delay=0.05))
    policy = make_policy(host_delay=0.3, host_concurrency=1)
    with Fetcher(policy) as f:  # real sleep: we measure arrival times
        results = f.fetch_many([server.url(f"/{i}") for i in range(4)], workers=4)
    assert all(r.outcome == "ok" for r in results)
    arrivals = sorted(e.at for e in server.log)
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    assert min(gaps) >= 0.29, gaps
    assert server.max_in_flight == 1


def test_host_concurrency_limit_is_respected_but_used(server: LocalServer) -> None:
    for i in range(6):
        server.route(f"/{i}", Reply(body=b"x", delay=0.3))
    with Fetcher(make_policy(host_delay=0.0, host_concurrency=2)) as f:
        f.fetch_many([server.url(f"/{i}") for i in range(6)], workers=6)
    assert server.max_in_flight == 2


def test_robots_fetch_counts_for_host_delay(server: LocalServer) -> None:
    server.route("/robots.txt", Reply(body=b"User-agent: *\nAllow: /\n"))
    server.route("/page", Reply(body=b"x"))
    with Fetcher(make_policy(host_delay=0.4, obey_robots=True)) as f:
        assert f.fetch(server.url("/page")).outcome == "ok"
    robots, page = server.log
    assert (robots.path, page.path) == ("/robots.txt", "/page")
    assert page.at - robots.at >= 0.39
    assert robots.headers["user-agent"] == DEFAULT_USER_AGENT


# --- conditional GET ----------------------------------------------------------------------------------


def test_conditional_get_returns_not_modified(server: LocalServer) -> None:
    stamp = "Wed, 01 Oct 2025 10:00:00 GMT"

    def conditional(req: Logged) -> Reply:
        if req.headers.get("if-none-match") == '"v1"':
            return Reply(status=304, headers=[("ETag", '"v1"')])
        return Reply(body=b"fresh", headers=[("ETag", '"v1"')])

    server.route("/feed", conditional)
    with fetcher() as f:
        first = f.fetch(server.url("/feed"))
        second = f.fetch(server.url("/feed"), etag='"v1"', last_modified=stamp)
    assert first.outcome == "ok" and first.body == b"fresh"
    assert second.outcome == "not_modified" and second.status == 304 and second.body is None
    assert "if-none-match" not in server.log[0].headers
    assert server.log[1].headers["if-modified-since"] == stamp


# --- TLS ----------------------------------------------------------------------------------------------


def test_bad_certificate_is_tls_error_without_fallback(tmp_path: Path) -> None:
    context = self_signed_context(tmp_path)
    seen_sni: list[str | None] = []
    context.sni_callback = lambda sock, name, ctx: seen_sni.append(name)  # type: ignore[assignment,misc]
    with LocalServer(tls=context) as server:
        server.route("/", Reply(body=b"secret"))
        with fetcher() as f:
            bad = f.fetch(server.url("/"))
        mapped = Fetcher(make_policy(), sleep=lambda s: None, resolver=lambda host, port: ["127.0.0.1"])
        with mapped:
            by_name = mapped.fetch(f"https://news.example.test:{server.port}/")
        assert server.log == []  # no request was ever sent over the unverified connection
        with fetcher(verify_tls=False) as insecure:  # control: the server itself works
            control = insecure.fetch(server.url("/"))
    assert bad.outcome == "tls_error" and bad.attempts == 1 and bad.body is None
    assert "certificate" in (bad.detail or "").lower()
    assert by_name.outcome == "tls_error"
    assert "news.example.test" in seen_sni  # SNI carries the hostname although we dialled the IP
    assert control.outcome == "ok" and control.body == b"secret"
