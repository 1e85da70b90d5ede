"""robots.txt per RFC 9309: a parser, the status-code rules, and a per-origin cache.

No network code here: :class:`RobotsCache` is given a function that fetches a robots.txt URL (the Fetcher
passes one that goes through the same SSRF guard, politeness and limits as every other request).

We do not use urllib.robotparser: it applies the first matching rule instead of the longest match, and
knows neither ``*`` nor ``$``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import httpx

from web.outcomes import FetchOutcome

__all__ = [
    "MAX_ROBOTS_BYTES",
    "PRODUCT_TOKEN",
    "RobotsCache",
    "RobotsRules",
    "Rule",
    "parse_robots",
    "rules_from_response",
]

PRODUCT_TOKEN = "presswatch"
MAX_ROBOTS_BYTES = 500 * 1024  # RFC 9309 2.5: parse at least 500 KiB, may ignore the rest

_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")
_TOKEN = re.compile(r"[A-Za-z_-]+")


@dataclass(frozen=True)
class Rule:
    """One Allow/Disallow line; ``pattern`` is normalised, may hold ``*`` and a trailing ``$``."""

    allow: bool
    pattern: str


@dataclass(frozen=True)
class RobotsRules:
    """The rules that apply to us for one origin."""

    rules: tuple[Rule, ...] = ()
    disallow_all: bool = False
    source: str = "no robots.txt"

    def allowed(self, path: str) -> bool:
        """May we fetch ``path`` (path plus optional ``?query``)? The longest matching rule wins; on a
        tie Allow wins; /robots.txt itself is always allowed."""
        path = _normalise(path or "/")
        if path == "/robots.txt":
            return True
        if self.disallow_all:
            return False
        best: Rule | None = None
        for rule in self.rules:
            if _matches(rule.pattern, path) and (
                best is None
                or len(rule.pattern) > len(best.pattern)
                or (len(rule.pattern) == len(best.pattern) and rule.allow)
            ):
                best = rule
        return best is None or best.allow


def _normalise(text: str) -> str:
    """Compare URLs and patterns octet-wise: non-ASCII as UTF-8 %XX, %XX of unreserved characters decoded,
    hex digits upper-cased (RFC 9309 2.2.2)."""

    def fix(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else "%" + match.group(1).upper()

    encoded = "".join(
        c if 0x20 < ord(c) < 0x7F else "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in text
    )
    return _PERCENT.sub(fix, encoded)


def _matches(pattern: str, path: str) -> bool:
    """Glob match anchored at the start; ``*`` is any run, a final ``$`` anchors the end.

    Iterative with single-star backtracking: O(len(pattern) * len(path)) at worst, unlike a regex, so a
    hostile pattern cannot stall us.
    """
    anchored = pattern.endswith("$")
    if anchored:
        pattern = pattern[:-1]
    p = s = 0
    star_p, star_s = -1, 0
    while s < len(path):
        if p == len(pattern) and not anchored:
            return True  # pattern consumed: a prefix match is enough
        if p < len(pattern) and pattern[p] == "*":
            star_p, star_s = p, s
            p += 1
        elif p < len(pattern) and pattern[p] == path[s]:
            p += 1
            s += 1
        elif star_p >= 0:
            star_s += 1
            p, s = star_p + 1, star_s
        else:
            return False
    return all(c == "*" for c in pattern[p:])


def _agent_token(value: str) -> str:
    match = _TOKEN.match(value.strip())
    return match.group(0).lower() if match else value.strip().lower()


def parse_robots(content: bytes | str, product_token: str = PRODUCT_TOKEN) -> RobotsRules:
    """Parse a robots.txt body into the rules of the group for ``product_token``, else the ``*`` group.

    Groups naming the same agent are merged; rules outside any group are ignored; lines other than
    user-agent/allow/disallow (sitemap, crawl-delay, garbage) neither start nor end a group.
    """
    if isinstance(content, bytes):
        content = content[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
    content = content.lstrip("\ufeff")
    groups: list[tuple[list[str], list[Rule]]] = []
    in_agent_lines = False
    for raw_line in content.splitlines():
        key, sep, value = raw_line.split("#", 1)[0].partition(":")
        if not sep:
            continue
        key, value = key.strip().lower(), value.strip()
        if key in ("user-agent", "useragent", "user agent"):
            if not in_agent_lines:
                groups.append(([], []))
            groups[-1][0].append(_agent_token(value))
            in_agent_lines = True
        elif key in ("allow", "disallow"):
            in_agent_lines = False
            if groups and value:  # an empty Disallow allows everything: no rule needed
                pattern = value if value.startswith(("/", "*")) else "/" + value
                groups[-1][1].append(Rule(key == "allow", _normalise(pattern)))
    token = product_token.lower()
    for wanted in (token, "*"):
        chosen = [rule for agents, rules in groups if wanted in agents for rule in rules]
        if any(wanted in agents for agents, _ in groups):
            return RobotsRules(tuple(chosen), source=f"robots.txt group {wanted!r}")
    return RobotsRules(source="robots.txt without a matching group")


class _Response(Protocol):
    @property
    def outcome(self) -> str: ...
    @property
    def status(self) -> int | None: ...
    @property
    def body(self) -> bytes | None: ...
    @property
    def detail(self) -> str | None: ...


def rules_from_response(response: _Response, product_token: str = PRODUCT_TOKEN) -> RobotsRules:
    """RFC 9309 2.3.1: 2xx parse; 4xx (unavailable) allow all; 5xx or unreachable disallow all.

    429 is treated as a server error (as Google does): the site is asking us to slow down, not saying
    there is no robots.txt. More than five redirects counts as unavailable.
    """
    if response.outcome == FetchOutcome.OK and response.body is not None:
        return parse_robots(response.body, product_token)
    status = response.status
    http_error = response.outcome == FetchOutcome.HTTP_ERROR
    if http_error and status is not None and 400 <= status < 500 and status != 429:
        return RobotsRules(source=f"robots.txt HTTP {status}: allow all")
    if response.outcome == FetchOutcome.TOO_MANY_REDIRECTS:
        return RobotsRules(source="robots.txt redirects too often: allow all")
    why = f"HTTP {status}" if http_error else f"{response.outcome} ({response.detail})"
    return RobotsRules(disallow_all=True, source=f"robots.txt unavailable, {why}: disallow all")


class RobotsCache:
    """Fetches robots.txt once per origin (scheme, host, port) and answers "may we fetch this URL?"."""

    def __init__(self, fetch: Callable[[str], _Response], product_token: str = PRODUCT_TOKEN) -> None:
        self._fetch = fetch
        self._token = product_token
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def rules_for(self, url: str) -> RobotsRules:
        """The cached rules for the origin of ``url``, fetching robots.txt on first use."""
        parsed = httpx.URL(url)
        origin = f"{parsed.scheme}://{parsed.netloc.decode('ascii')}"
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:  # one fetch per origin even when many threads ask at once
            if origin not in self._rules:
                self._rules[origin] = rules_from_response(self._fetch(origin + "/robots.txt"), self._token)
            return self._rules[origin]

    def check(self, url: str) -> tuple[bool, str]:
        """(allowed, why) for ``url``."""
        rules = self.rules_for(url)
        path = httpx.URL(url).raw_path.decode("ascii")
        return rules.allowed(path), rules.source
