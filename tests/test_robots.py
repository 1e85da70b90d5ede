"""robots.txt per RFC 9309: the parser on its own, then the fetcher obeying it against real servers."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.http_servers import LocalServer, Reply, closed_port, redirect
from web.fetcher import Fetcher
from web.policy import FetchPolicy
from web.robots import MAX_ROBOTS_BYTES, parse_robots, rules_from_response

# --- parser -------------------------------------------------------------------------------------------


def allowed(robots: str, path: str) -> bool:
    return parse_robots(robots).allowed(path)


def test_longest_match_wins_regardless_of_order() -> None:
    robots = "User-agent: *\nDisallow: /\nAllow: /news/\nDisallow: /news/private/\n"
    assert not allowed(robots, "/about")
    assert allowed(robots, "/news/story")
    assert not allowed(robots, "/news/private/x")
    # urllib.robotparser would apply the first rule (Disallow: /) to everything here.
    assert allowed("User-agent: *\nDisallow: /\nAllow: /page\n", "/page")


def test_allow_wins_a_tie() -> None:
    assert allowed("User-agent: *\nDisallow: /page\nAllow: /page\n", "/page")
    assert allowed("User-agent: *\nAllow: /page\nDisallow: /page\n", "/page")


def test_wildcards_and_end_anchor() -> None:
    robots = "User-agent: *\nDisallow: /*.pdf$\nDisallow: /*/print\nDisallow: /exact$\n"
    assert not allowed(robots, "/docs/a.pdf")
    assert allowed(robots, "/docs/a.pdf?download=1")
    assert not allowed(robots, "/2025/10/story/print")
    assert allowed(robots, "/print")
    assert not allowed(robots, "/exact")
    assert allowed(robots, "/exact/more")


def test_queries_are_part_of_the_path() -> None:
    robots = "User-agent: *\nDisallow: /*?session=\n"
    assert not allowed(robots, "/story?session=abc")
    assert allowed(robots, "/story?page=2")


def test_our_product_token_group_beats_star_case_insensitively() -> None:
    robots = "User-agent: *\nDisallow: /\n\nUser-agent: PressWatch/2.1\nDisallow: /members\n"
    assert allowed(robots, "/news")
    assert not allowed(robots, "/members/x")
    assert parse_robots(robots, "otherbot").allowed("/news") is False


def test_groups_for_the_same_agent_merge_and_share_agent_lines() -> None:
    robots = (
        "User-agent: googlebot\nUser-agent: presswatch\nDisallow: /a\n\n"
        "User-agent: bingbot\nDisallow: /b\n\n"
        "User-agent: presswatch\nDisallow: /c\n"
    )
    assert not allowed(robots, "/a") and not allowed(robots, "/c")
    assert allowed(robots, "/b")


def test_no_matching_group_allows_all_and_stray_rules_are_ignored() -> None:
    assert allowed("Disallow: /\nUser-agent: otherbot\nDisallow: /\n", "/anything")


def test_comments_bom_crlf_garbage_and_empty_disallow() -> None:
    robots = "\ufeffUser-agent: * # everyone\r\nthis line is garbage\r\nSitemap: /s.xml\r\nDisallow:\r\n"
    assert allowed(robots, "/x")
    assert not allowed("User-agent: *\r\nDisallow: /x # no\r\n", "/x/y")


def test_percent_encoding_is_normalised() -> None:
    assert not allowed("User-agent: *\nDisallow: /%7Efoo\n", "/~foo/bar")
    assert not allowed("User-agent: *\nDisallow: /~foo\n", "/%7efoo")
    assert not allowed("User-agent: *\nDisallow: /ä\n", "/%C3%A4/x")
    assert allowed("User-agent: *\nDisallow: /a%2Fb\n", "/a/b")  # %2F is reserved: not the same as "/"


def test_robots_txt_itself_is_always_allowed() -> None:
    assert allowed("User-agent: *\nDisallow: /\n", "/robots.txt")


def test_hostile_patterns_cannot_stall_matching() -> None:
    robots = "User-agent: *\nDisallow: " + "/*a" * 200 + "$\n"
    started = time.monotonic()
    assert allowed(robots, "/" + "a" * 3000 + "b")
    assert time.monotonic() - started < 2


@dataclass
class _Resp:
    outcome: str
    status: int | None
    body: bytes | None = None
    detail: str | None = None


@pytest.mark.parametrize(
    ("response", "page_allowed"),
    [
        (_Resp("ok", 200, b"User-agent: *\nDisallow: /page\n"), False),
        (_Resp("http_error", 404), True),
        (_Resp("http_error", 401), True),
        (_Resp("http_error", 429), False),
        (_Resp("http_error", 503), False),
        (_Resp("timeout", None, detail="deadline"), False),
        (_Resp("connection_error", None), False),
        (_Resp("too_many_redirects", 302), True),
    ],
)
def test_status_rules(response: _Resp, page_allowed: bool) -> None:
    assert rules_from_response(response).allowed("/page") is page_allowed


# --- obeyed by the fetcher ----------------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        for path in ("/news/1", "/news/2", "/private/1", "/late"):
            srv.route(path, Reply(body=b"page"))
        yield srv


def fetcher(**overrides: Any) -> Fetcher:
    settings: dict[str, Any] = {
        "allow_private_networks": ("127.0.0.1/32",),
        "host_delay": 0.0,
        "obey_robots": True,
        "total_deadline": 3.0,
    }
    settings.update(overrides)
    return Fetcher(FetchPolicy(**settings), sleep=lambda s: None, rng=random.Random(3))


def test_disallowed_pages_are_not_requested_and_robots_is_fetched_once(server: LocalServer) -> None:
    server.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /private/\n"))
    with fetcher() as f:
        results = f.fetch_many([server.url(p) for p in ("/news/1", "/private/1", "/news/2")], workers=3)
    assert [r.outcome for r in results] == ["ok", "blocked_robots", "ok"]
    assert results[1].status is None and results[1].attempts == 1 and results[1].body is None
    assert "/private/1" not in server.paths()
    assert server.paths().count("/robots.txt") == 1


def test_missing_robots_allows_everything(server: LocalServer) -> None:
    with fetcher() as f:
        assert f.fetch(server.url("/private/1")).outcome == "ok"
    assert server.paths() == ["/robots.txt", "/private/1"]


def test_server_error_on_robots_disallows_everything(server: LocalServer) -> None:
    server.route("/robots.txt", Reply(status=503))
    with fetcher() as f:
        result = f.fetch(server.url("/news/1"))
    assert result.outcome == "blocked_robots" and "503" in (result.detail or "")
    assert "/news/1" not in server.paths()


def test_unreachable_robots_disallows_everything(server: LocalServer) -> None:
    server.route("/robots.txt", Reply(body=b"User-agent: *\nAllow: /\n", hang_after_headers=10))
    with fetcher(total_deadline=0.5, max_attempts=1) as f:
        result = f.fetch(server.url("/news/1"))
        refused = f.fetch(f"http://127.0.0.1:{closed_port()}/news/1")
    assert result.outcome == "blocked_robots" and "timeout" in (result.detail or "")
    assert refused.outcome == "blocked_robots" and "connection_error" in (refused.detail or "")
    assert server.paths() == ["/robots.txt"]


def test_robots_redirects_are_followed(server: LocalServer) -> None:
    server.route("/robots.txt", redirect("/real-robots.txt", 301))
    server.route("/real-robots.txt", Reply(body=b"User-agent: presswatch\nDisallow: /news/1\n"))
    with fetcher() as f:
        assert f.fetch(server.url("/news/1")).outcome == "blocked_robots"
        assert f.fetch(server.url("/news/2")).outcome == "ok"


def test_oversized_robots_is_cut_at_500_kib_not_refused(server: LocalServer) -> None:
    padding = b"# " + b"x" * 1000 + b"\n"
    head = b"User-agent: *\nDisallow: /private/\n"
    filler = padding * (MAX_ROBOTS_BYTES // len(padding) + 1)
    server.route("/robots.txt", Reply(body=head + filler + b"Disallow: /late\n"))
    with fetcher() as f:
        assert f.fetch(server.url("/private/1")).outcome == "blocked_robots"
        assert f.fetch(server.url("/late")).outcome == "ok"  # its rule lies beyond the 500 KiB we read


def test_robots_is_checked_again_after_a_cross_origin_redirect(server: LocalServer) -> None:
    with LocalServer() as other:
        other.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /\n"))
        other.route("/target", Reply(body=b"x"))
        server.route("/news/1", redirect(other.url("/target")))
        with fetcher() as f:
            result = f.fetch(server.url("/news/1"))
        assert result.outcome == "blocked_robots" and result.redirects == (other.url("/target"),)
        assert other.paths() == ["/robots.txt"]


def test_obey_robots_false_skips_it(server: LocalServer) -> None:
    server.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /\n"))
    with fetcher(obey_robots=False) as f:
        assert f.fetch(server.url("/news/1")).outcome == "ok"
    assert server.paths() == ["/news/1"]
