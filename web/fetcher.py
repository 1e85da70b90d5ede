"""The one place presswatch talks HTTP: guarded, polite, bounded, and always ending in a recorded outcome.

Layers, outermost first: retries with backoff (:meth:`Fetcher.fetch`) -> one attempt under a whole-request
deadline following redirects by hand (:meth:`Fetcher._attempt`) -> one request/response on an httpcore pool
whose network backend is the SSRF guard (:mod:`web.address_guard`) -> bounded body decoding
(:mod:`web.decoding`).
"""

from __future__ import annotations

import itertools
import random
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType

import certifi
import httpcore
import httpx

from web._http import (
    RETRYABLE_STATUSES,
    Failure,
    Hop,
    classify_error,
    header,
    redact,
    retry_after_seconds,
)
from web.address_guard import BlockedAddressError, GuardedBackend, Resolver, check_host, parse_networks
from web.address_guard import system_resolver as _system_resolver
from web.breaker import HostBreaker
from web.decoding import DecodeError, decoder_chain
from web.outcomes import FetchOutcome
from web.policy import FetchPolicy
from web.robots import MAX_ROBOTS_BYTES, RobotsCache
from web.throttle import HostThrottle

__all__ = ["OUTCOMES", "FetchResult", "Fetcher"]

OUTCOMES = tuple(FetchOutcome)
# Failures that count against a host's circuit breaker (an HTTP error counts when retryable).
_HOST_FAILURES = frozenset(
    {FetchOutcome.TIMEOUT, FetchOutcome.CONNECTION_ERROR, FetchOutcome.TLS_ERROR, FetchOutcome.TRUNCATED}
)
# Only a page or feed the host served closes its run of failures. A robots.txt answer does not: it is
# fetched once per origin (so again for http/https or another port of the same host) and its 404 says
# nothing about whether pages work; letting it reset the count kept a failing host from ever tripping.
# Answers that are neither (a 404 page, a URL blocked before any request) leave the count as it is.
_HOST_SUCCESSES = frozenset({FetchOutcome.OK, FetchOutcome.NOT_MODIFIED})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ACCEPT = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,application/atom+xml,*/*;q=0.8"
)
_SENSITIVE = frozenset({"authorization", "cookie", "proxy-authorization"})


@dataclass(frozen=True)
class FetchResult:
    """What happened to one URL. ``body`` is set only for a complete 2xx ("ok")."""

    url: str
    final_url: str
    outcome: str
    detail: str | None
    status: int | None
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    attempts: int
    redirects: tuple[str, ...]
    fetched_at: datetime  # UTC, naive
    elapsed: float
    peer_ip: str | None
    request_headers: tuple[tuple[str, str], ...]

    @property
    def ok(self) -> bool:
        """True for a complete 2xx body."""
        return self.outcome == FetchOutcome.OK


def _interleave_hosts(urls: list[str]) -> list[str]:
    """``urls`` reordered to take one URL of each host in turn (first-seen host order kept)."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(_host(url), []).append(url)
    lanes = list(by_host.values())
    return [url for batch in itertools.zip_longest(*lanes) for url in batch if url is not None]


class Fetcher:
    """Fetch URLs under a :class:`FetchPolicy`. Thread-safe; share one per run so politeness and the
    robots.txt cache span all requests."""

    def __init__(
        self,
        policy: FetchPolicy,
        *,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        """``sleep`` is used for every wait (backoff, Retry-After, per-host delay) so tests can observe it;
        ``resolver`` (host, port) -> addresses replaces getaddrinfo, e.g. to map test hostnames."""
        self.policy = policy
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._resolver = resolver or _system_resolver
        self._allowed = parse_networks(policy.allow_private_networks)
        self._backend = GuardedBackend(self._allowed, resolver=self._resolver)
        self._pool = httpcore.ConnectionPool(
            ssl_context=_ssl_context(policy.verify_tls),
            max_connections=64,
            keepalive_expiry=15.0,
            network_backend=self._backend,
        )
        self._throttle = HostThrottle(policy.host_delay, policy.host_concurrency, sleep=sleep)
        self._robots = RobotsCache(self._fetch_robots)
        self._breaker = HostBreaker(policy.host_failure_limit)
        self._robots_results: list[FetchResult] = []
        self._robots_lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close pooled connections."""
        self._pool.close()

    def fetch_many(
        self, urls: list[str], *, workers: int = 4, on_done: Callable[[], None] | None = None
    ) -> list[FetchResult]:
        """Fetch ``urls`` on ``workers`` threads; results in input order. Per-host limits still hold.

        ``on_done`` is called (from a worker thread) as each fetch finishes, e.g. to advance a bar.
        """
        results = dict(self.fetch_stream(urls, workers=workers, on_done=on_done))
        return [results[url] for url in urls]

    def fetch_stream(
        self, urls: list[str], *, workers: int = 4, on_done: Callable[[], None] | None = None
    ) -> Iterator[tuple[str, FetchResult]]:
        """Fetch ``urls`` on ``workers`` threads and yield (url, result) as each completes.

        At most ``2 * workers`` responses are in flight or waiting to be taken, so memory stays
        bounded however many URLs there are. URLs are taken host by host in turn, so the threads
        are spread over hosts instead of queueing behind one host's politeness delay.
        """

        def fetch_one(url: str) -> FetchResult:
            result = self.fetch(url)
            if on_done:
                on_done()
            return result

        queue = iter(_interleave_hosts(urls))
        window = max(1, workers) * 2
        with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="presswatch-fetch") as pool:
            running = {pool.submit(fetch_one, url): url for url in itertools.islice(queue, window)}
            while running:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    url = running.pop(future)
                    yield url, future.result()
                for url in itertools.islice(queue, len(done)):
                    running[pool.submit(fetch_one, url)] = url

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> FetchResult:
        """GET ``url``, retrying transient failures. Never raises for network or content problems.

        ``etag``/``last_modified`` make the request conditional (304 -> "not_modified"). ``headers`` may
        carry credentials (Authorization, Cookie); they are dropped once a redirect leaves the origin.
        """
        extra = dict(headers or {})
        if etag:
            extra["If-None-Match"] = etag
        if last_modified:
            extra["If-Modified-Since"] = last_modified
        return self._run(url, extra, self.policy.max_bytes, check_robots=self.policy.obey_robots)

    def take_robots_results(self) -> list[FetchResult]:
        """The robots.txt fetches made since the last call, for the caller to archive and log."""
        with self._robots_lock:
            taken, self._robots_results = self._robots_results, []
        return taken

    def _fetch_robots(self, url: str) -> FetchResult:
        # Same guard, politeness and retries; a robots.txt over the cap is cut, not refused (RFC 9309 2.5).
        result = self._run(url, {}, MAX_ROBOTS_BYTES, check_robots=False, cut_at_cap=True, robots_txt=True)
        with self._robots_lock:
            self._robots_results.append(result)
        return result

    def _run(
        self,
        url: str,
        extra: dict[str, str],
        max_bytes: int,
        *,
        check_robots: bool,
        cut_at_cap: bool = False,
        robots_txt: bool = False,
    ) -> FetchResult:
        host = _host(url)
        if self._breaker.is_open(host):
            failures = self._breaker.failures(host)
            detail = f"not requested: {host} failed {failures} fetches in a row this run"
            return _unrequested(url, FetchOutcome.CIRCUIT_OPEN, detail)
        result = self._run_with_retries(url, extra, max_bytes, check_robots, cut_at_cap)
        failed = result.outcome in _HOST_FAILURES or (
            result.outcome == FetchOutcome.HTTP_ERROR and result.status in RETRYABLE_STATUSES
        )
        if failed or (result.outcome in _HOST_SUCCESSES and not robots_txt):
            self._breaker.record(host, failed=failed)
        return result

    def _run_with_retries(
        self, url: str, extra: dict[str, str], max_bytes: int, check_robots: bool, cut_at_cap: bool
    ) -> FetchResult:
        started = time.monotonic()
        attempt = 0
        while True:
            attempt += 1
            hop = Hop(url=url)
            try:
                self._attempt(hop, extra, max_bytes, check_robots, cut_at_cap)
                outcome, detail, retryable = hop.outcome, None, hop.status in RETRYABLE_STATUSES
            except Failure as failure:
                outcome, detail, retryable = failure.outcome, failure.detail, failure.retryable
            if not retryable or attempt >= self.policy.max_attempts:
                break
            self._sleep(self._retry_delay(attempt, hop.retry_after))
        if outcome == FetchOutcome.HTTP_ERROR:
            detail = f"HTTP {hop.status} after {attempt} attempt(s)"
        elif retryable:
            detail = f"{detail} after {attempt} attempt(s)"
        return FetchResult(
            url=url,
            final_url=hop.url,
            outcome=outcome,
            detail=detail,
            status=hop.status,
            headers=hop.headers,
            body=hop.body if outcome == FetchOutcome.OK else None,
            attempts=attempt,
            redirects=tuple(hop.redirects),
            fetched_at=datetime.now(UTC).replace(tzinfo=None),
            elapsed=time.monotonic() - started,
            peer_ip=hop.peer_ip,
            request_headers=hop.request_headers,
        )

    def _retry_delay(self, attempt: int, retry_after: float | None) -> float:
        """Retry-After if the server gave one (capped), else base * 2^(attempt-1) +- jitter."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.policy.retry_after_cap)
        jitter = self._rng.uniform(-self.policy.backoff_jitter, self.policy.backoff_jitter)
        return self.policy.backoff_base * 2 ** (attempt - 1) * (1 + jitter)

    def _attempt(self, hop: Hop, extra: dict[str, str], max_bytes: int, robots: bool, cut: bool) -> None:
        """One attempt: follow redirects by hand under one deadline; fills ``hop`` or raises Failure."""
        policy = self.policy
        deadline = time.monotonic() + policy.total_deadline
        origin = _origin(hop.url)
        with self._backend.deadline(deadline):
            for hops_left in range(policy.max_redirects, -1, -1):
                try:
                    location = self._one_request(hop, extra, max_bytes, robots, cut)
                except (BlockedAddressError, DecodeError, httpcore.TimeoutException, httpcore.NetworkError,
                        httpcore.ProtocolError, httpcore.UnsupportedProtocol, OSError) as exc:  # fmt: skip
                    passed = self._backend.deadline_passed()
                    raise classify_error(exc, hop, passed, policy.total_deadline) from exc
                if location is None:
                    return
                if hops_left == 0:
                    detail = f"more than {policy.max_redirects} redirects"
                    raise Failure(FetchOutcome.TOO_MANY_REDIRECTS, detail)
                try:
                    hop.url = str(httpx.URL(hop.url).join(location))
                except (httpx.InvalidURL, ValueError) as exc:
                    detail = f"invalid redirect Location {location!r}: {exc}"
                    raise Failure(FetchOutcome.CONNECTION_ERROR, detail) from exc
                hop.redirects.append(hop.url)
                if _origin(hop.url) != origin:
                    # Never send credentials cross-origin, even if a later hop comes back.
                    extra = {k: v for k, v in extra.items() if k.lower() not in _SENSITIVE}

    def _one_request(
        self, hop: Hop, extra: dict[str, str], max_bytes: int, robots: bool, cut: bool
    ) -> str | None:
        """Send one GET for ``hop.url``; return the Location to follow, or None when finished."""
        policy = self.policy
        try:
            url = httpx.URL(hop.url)
        except (httpx.InvalidURL, ValueError) as exc:
            raise Failure(FetchOutcome.CONNECTION_ERROR, f"invalid URL: {exc}") from exc
        if url.scheme not in ("http", "https"):
            detail = f"scheme {url.scheme!r} is not fetched (http/https only)"
            raise Failure(FetchOutcome.BLOCKED_SCHEME, detail)
        if not url.raw_host or not 0 < (url.port or 1) < 65536:
            raise Failure(FetchOutcome.CONNECTION_ERROR, f"invalid URL: {hop.url!r}")
        hop.reset_response()
        host = url.raw_host.decode("ascii")
        port = url.port or (443 if url.scheme == "https" else 80)
        # Early check for a clear outcome; the backend checks again at connect time on the address it uses.
        timeout = self._backend.cap_timeout(policy.connect_timeout)
        check_host(host, port, self._allowed, resolver=self._resolver, timeout=timeout)
        if robots:
            spent = time.monotonic()
            allowed, why = self._robots.check(hop.url)
            self._backend.extend_deadline(time.monotonic() - spent)  # robots.txt time is not the page's
            if not allowed:
                raise Failure(FetchOutcome.BLOCKED_ROBOTS, f"disallowed by {why}")
        ours = {"Host": url.netloc.decode("ascii"), "User-Agent": policy.user_agent, "Accept": _ACCEPT}
        ours["Accept-Encoding"] = "gzip, deflate, br"  # only codings we can decode with a byte cap
        fixed = {k.lower() for k in ours}
        request_headers = [*ours.items(), *((k, v) for k, v in extra.items() if k.lower() not in fixed)]
        hop.request_headers = redact(request_headers, _SENSITIVE)
        timeouts = {"connect": policy.connect_timeout, "read": policy.read_timeout,
                    "write": policy.read_timeout, "pool": policy.total_deadline}  # fmt: skip
        target = httpcore.URL(scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path)
        extensions = {"timeout": timeouts}
        with self._throttle.slot(host) as waited:
            self._backend.extend_deadline(waited)  # queueing behind our own politeness is not the server's
            with self._pool.stream("GET", target, headers=request_headers, extensions=extensions) as r:
                stream = r.extensions.get("network_stream")
                peer = stream.get_extra_info("server_addr") if stream is not None else None
                hop.peer_ip = str(peer[0]) if peer else None
                hop.status = r.status
                hop.headers = tuple((k.decode("latin-1"), v.decode("latin-1")) for k, v in r.headers)
                hop.retry_after = retry_after_seconds(header(hop.headers, "retry-after"))
                location = header(hop.headers, "location")
                if r.status in _REDIRECTS and location:
                    return location
                if r.status == 304:
                    hop.outcome = FetchOutcome.NOT_MODIFIED
                    return None
                if not 200 <= r.status < 300:
                    hop.outcome = FetchOutcome.HTTP_ERROR
                    return None
                hop.body = self._read_body(r, hop, max_bytes, cut)
                hop.outcome = FetchOutcome.OK
                return None

    def _read_body(self, response: httpcore.Response, hop: Hop, max_bytes: int, cut: bool) -> bytes:
        """Stream and decode, counting decoded bytes; stop at ``max_bytes`` (cut there, or fail)."""
        decoder = decoder_chain(header(hop.headers, "content-encoding"))
        declared = header(hop.headers, "content-length")
        if not cut and decoder.identity and declared and declared.isdigit() and int(declared) > max_bytes:
            detail = f"Content-Length {declared} exceeds the {max_bytes}-byte cap"
            raise Failure(FetchOutcome.TOO_LARGE, detail)
        body = bytearray()
        for chunk in response.iter_stream():
            for piece in decoder.feed(chunk):
                room = max_bytes - len(body)
                if len(piece) > room:
                    if cut:
                        return bytes(body + piece[:room])
                    raise Failure(FetchOutcome.TOO_LARGE, f"decoded body exceeds the {max_bytes}-byte cap")
                body += piece
        decoder.finish()
        return bytes(body)


def _origin(url: str) -> tuple[str, str, int | None]:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError):
        return ("", url, None)
    return (parsed.scheme, parsed.host, parsed.port)


def _ssl_context(verify: bool) -> ssl.SSLContext:
    """certifi's CA bundle when verifying (consistent across machines); a bad certificate is an outcome,
    never a reason to retry without verification."""
    if verify:
        return ssl.create_default_context(cafile=certifi.where())
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def _host(url: str) -> str:
    """The host a URL names (what the circuit breaker counts by); the URL itself if it has none."""
    return _origin(url)[1] or url


def _unrequested(url: str, outcome: str, detail: str) -> FetchResult:
    """A result for a URL that was deliberately not requested."""
    return FetchResult(
        url=url, final_url=url, outcome=outcome, detail=detail, status=None, headers=(), body=None,
        attempts=0, redirects=(), fetched_at=datetime.now(UTC).replace(tzinfo=None), elapsed=0.0,
        peer_ip=None, request_headers=(),
    )  # fmt: skip
