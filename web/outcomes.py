"""What one fetch can end in: the values of ``ops.fetch_log.outcome`` (its DDL comment lists them)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["FetchOutcome"]


class FetchOutcome(StrEnum):
    """The outcome of fetching one URL."""

    OK = "ok"  # a complete 2xx body
    NOT_MODIFIED = "not_modified"  # 304 to a conditional request
    HTTP_ERROR = "http_error"
    BLOCKED_ADDRESS = "blocked_address"  # the address is not allowed (SSRF guard)
    BLOCKED_SCHEME = "blocked_scheme"  # not http/https
    BLOCKED_ROBOTS = "blocked_robots"
    TOO_LARGE = "too_large"
    TIMEOUT = "timeout"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    TRUNCATED = "truncated"
    CONNECTION_ERROR = "connection_error"
    TLS_ERROR = "tls_error"
    CIRCUIT_OPEN = "circuit_open"  # not requested: the host failed too often this run
