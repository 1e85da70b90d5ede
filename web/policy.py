"""Fetch policy: every limit the fetcher enforces, in one frozen value (defaults from NOTES.md section 4)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from transforms.limits import MAX_PAYLOAD_BYTES

__all__ = ["DEFAULT_USER_AGENT", "FetchPolicy"]

DEFAULT_USER_AGENT = "presswatch/0.1 (+https://github.com/presswatch; news coverage monitor)"


@dataclass(frozen=True)
class FetchPolicy:
    """Limits and manners for talking HTTP to news sites.

    Times are seconds. ``total_deadline`` bounds one attempt end to end (connect, redirects, headers and
    body) so a server that drips bytes cannot hold a worker forever; time spent waiting for our own
    per-host politeness slot is not charged to it.
    """

    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    total_deadline: float = 30.0  # whole request incl. redirects and body, per attempt
    max_bytes: int = MAX_PAYLOAD_BYTES  # decoded body cap (decompression bombs included)
    max_redirects: int = 5
    max_attempts: int = 3  # on 408/429/5xx and connection errors/timeouts
    backoff_base: float = 2.0  # 2, 4, 8 s ...
    backoff_jitter: float = 0.5  # +-50 %
    retry_after_cap: float = 60.0
    host_delay: float = 1.0  # min seconds between requests to one host
    host_concurrency: int = 1
    host_failure_limit: int = 5  # consecutive failed fetches before a host is skipped for the run; 0: never
    obey_robots: bool = True
    allow_private_networks: tuple[str, ...] = ()  # CIDRs exempt from the SSRF guard, e.g. ("127.0.0.0/8",)
    verify_tls: bool = True

    def __post_init__(self) -> None:
        # Settings files give lists; keep the value immutable and fail early on a malformed CIDR.
        networks = tuple(str(cidr) for cidr in self.allow_private_networks)
        for cidr in networks:
            ipaddress.ip_network(cidr, strict=False)
        object.__setattr__(self, "allow_private_networks", networks)
        if self.max_attempts < 1 or self.host_concurrency < 1 or self.max_redirects < 0:
            raise ValueError("max_attempts and host_concurrency must be >= 1, max_redirects >= 0")
        if self.host_failure_limit < 0:
            raise ValueError("host_failure_limit must be >= 0 (0 turns the circuit breaker off)")
        if min(self.connect_timeout, self.read_timeout, self.total_deadline) <= 0 or self.max_bytes <= 0:
            raise ValueError("timeouts, deadline and max_bytes must be positive")
        if not 0 <= self.backoff_jitter <= 1:
            raise ValueError("backoff_jitter is a fraction in [0, 1]")
