"""Small HTTP helpers for the fetcher: per-attempt state, failure outcomes, error classification, headers."""

from __future__ import annotations

import email.utils
import ssl
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpcore

from web.address_guard import BlockedAddressError, DeadlineExceeded
from web.decoding import CorruptEncodingError, DecodeError
from web.outcomes import FetchOutcome

__all__ = [
    "RETRYABLE_STATUSES",
    "Failure",
    "Hop",
    "classify_error",
    "header",
    "redact",
    "retry_after_seconds",
]

RETRYABLE_STATUSES = frozenset({408, 429, *range(500, 600)})
_TRUNCATED_MARK = "peer closed connection without sending complete message body"
# The protocol errors (h11 via httpcore) that only say the connection ended early, like a reset: worth
# another try. Every other protocol error means the server sent something that is not HTTP (a garbage
# status line, headers past h11's limit, a bad Content-Length or chunk header): asking again gets the
# same bytes, so it is permanent.
_CUT_SHORT_MARKS = (
    _TRUNCATED_MARK,
    "Server disconnected without sending a response",
    "peer unexpectedly closed connection",
)
_PERMANENT = "malformed response, not retried"


class Failure(Exception):
    """Ends an attempt with a recorded outcome."""

    def __init__(self, outcome: str, detail: str, *, retryable: bool = False) -> None:
        super().__init__(f"{outcome}: {detail}")
        self.outcome = outcome
        self.detail = detail
        self.retryable = retryable


@dataclass
class Hop:
    """Mutable state of one attempt; after a redirect it describes the newest hop."""

    url: str
    redirects: list[str] = field(default_factory=list)
    outcome: str = FetchOutcome.CONNECTION_ERROR
    status: int | None = None
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes | None = None
    peer_ip: str | None = None
    retry_after: float | None = None
    request_headers: tuple[tuple[str, str], ...] = ()

    def reset_response(self) -> None:
        """Forget the previous hop's response before sending the next request."""
        self.status, self.headers, self.body, self.peer_ip, self.retry_after = None, (), None, None, None


def header(headers: tuple[tuple[str, str], ...], name: str) -> str | None:
    """First value of header ``name`` (case-insensitive), or None."""
    name = name.lower()
    return next((v for k, v in headers if k.lower() == name), None)


def redact(headers: list[tuple[str, str]], sensitive: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """Headers as sent, with credential values replaced so they never reach the archive."""
    return tuple((k, "<redacted>" if k.lower() in sensitive else v) for k, v in headers)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP-date; None if absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _ssl_cause(exc: BaseException) -> ssl.SSLError | None:
    seen: BaseException | None = exc
    for _ in range(5):
        if seen is None:
            return None
        if isinstance(seen, ssl.SSLError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def classify_error(exc: BaseException, hop: Hop, deadline_passed: bool, total: float) -> Failure:
    """Map an exception from one request to its outcome; transient ones are marked retryable.

    Transient: timeouts, resets and connections closed early (truncation). Permanent, one attempt only:
    a body that is invalid for its Content-Encoding and responses that break HTTP itself.
    """
    if isinstance(exc, BlockedAddressError):
        return Failure(FetchOutcome.BLOCKED_ADDRESS, str(exc))
    if isinstance(exc, CorruptEncodingError):
        return Failure(FetchOutcome.CONNECTION_ERROR, f"{_PERMANENT}: {exc}")
    if isinstance(exc, DecodeError):
        return Failure(FetchOutcome.TRUNCATED, str(exc), retryable=True)
    if isinstance(exc, DeadlineExceeded) or (
        isinstance(exc, httpcore.TimeoutException | TimeoutError) and deadline_passed
    ):
        return Failure(FetchOutcome.TIMEOUT, f"whole-request deadline of {total:g}s exceeded", retryable=True)
    if isinstance(exc, httpcore.TimeoutException | TimeoutError):
        kind = "connect" if isinstance(exc, httpcore.ConnectTimeout) else ""
        kind = "read" if isinstance(exc, httpcore.ReadTimeout) else kind
        return Failure(FetchOutcome.TIMEOUT, f"{kind} timeout".strip(), retryable=True)
    tls = _ssl_cause(exc)
    if tls is not None:
        return Failure(FetchOutcome.TLS_ERROR, f"TLS failure: {tls}")
    if isinstance(exc, httpcore.RemoteProtocolError) and not any(m in str(exc) for m in _CUT_SHORT_MARKS):
        return Failure(FetchOutcome.CONNECTION_ERROR, f"{_PERMANENT}: {exc}")
    if isinstance(exc, httpcore.RemoteProtocolError | httpcore.ReadError) and (
        _TRUNCATED_MARK in str(exc) or hop.status is not None
    ):
        return Failure(FetchOutcome.TRUNCATED, f"body incomplete: {exc}", retryable=True)
    if isinstance(exc, httpcore.UnsupportedProtocol):
        return Failure(FetchOutcome.BLOCKED_SCHEME, str(exc))
    if isinstance(exc, httpcore.LocalProtocolError):
        return Failure(FetchOutcome.CONNECTION_ERROR, f"cannot send request: {exc}")
    return Failure(FetchOutcome.CONNECTION_ERROR, f"{type(exc).__name__}: {exc}", retryable=True)
