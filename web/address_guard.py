"""SSRF guard: refuse to talk to anything but public addresses, and connect only to the address checked.

Two layers share one rule (:func:`address_problem`):

* :func:`check_host` answers early "may we fetch from this host?" so the fetcher can record
  ``blocked_address`` before it spends a robots.txt request.
* :class:`GuardedBackend` is an httpcore network backend. It resolves the host itself, refuses unless every
  address is allowed, and opens the TCP connection to one of exactly those addresses. httpcore still uses the
  hostname for the Host header and TLS SNI/certificate checks, but a DNS answer that changes between check
  and connect (DNS rebinding) can no longer steer the socket, because there is no second lookup.

The backend also enforces a per-thread deadline on every socket operation (:meth:`GuardedBackend.deadline`).
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import httpcore

__all__ = [
    "BlockedAddressError",
    "DeadlineExceeded",
    "GuardedBackend",
    "IPAddress",
    "Resolver",
    "address_problem",
    "check_host",
    "embedded_ipv4",
    "parse_host_literal",
    "parse_networks",
    "system_resolver",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]

_SHARED_ADDRESS_SPACE = ipaddress.IPv4Network("100.64.0.0/10")  # carrier-grade NAT, not "private" in 3.11
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


class BlockedAddressError(Exception):
    """The host is, or resolves to, an address the policy forbids. Never sent a request."""


class DeadlineExceeded(httpcore.TimeoutException):
    """The whole-request deadline passed while connecting, reading or writing."""


def parse_host_literal(host: str) -> IPAddress | None:
    """Return the IP address a URL host denotes literally, or None for a DNS name.

    Accepts what resolvers and inet_aton accept, so "2130706433", "0x7f.1", "0177.0.0.1", "127.1" and
    "[::ffff:127.0.0.1]" are all recognised as 127.0.0.x rather than passed on as names.
    """
    host = host.strip().rstrip(".")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    return _parse_inet_aton(host)


def _parse_inet_aton(host: str) -> ipaddress.IPv4Address | None:
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers: list[int] = []
    for part in parts:
        try:
            if part[:2].lower() == "0x":
                numbers.append(int(part[2:] or "0", 16))
            elif len(part) > 1 and part.startswith("0"):
                numbers.append(int(part, 8))
            else:
                numbers.append(int(part, 10))
        except ValueError:
            return None
    # inet_aton: leading parts are single bytes, the last part fills the remaining bytes.
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (4 - len(head)):
        return None
    value = last
    for i, n in enumerate(head):
        value += n << (8 * (3 - i))
    return ipaddress.IPv4Address(value)


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries (mapped, 6to4, Teredo, NAT64, IPv4-compatible)."""
    found: list[ipaddress.IPv4Address] = []
    if ip.ipv4_mapped is not None:
        found.append(ip.ipv4_mapped)
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)
    if ip in _NAT64 or (ip in _IPV4_COMPATIBLE and int(ip) > 0xFFFF):
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return found


def parse_networks(cidrs: Iterable[str]) -> tuple[Network, ...]:
    """Parse the policy's allow-list (raises ValueError on a malformed CIDR)."""
    return tuple(ipaddress.ip_network(c, strict=False) for c in cidrs)


def _classify(ip: IPAddress) -> str | None:
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("shared address space", isinstance(ip, ipaddress.IPv4Address) and ip in _SHARED_ADDRESS_SPACE),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
        ("site-local", isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local),
        ("not globally routable", not ip.is_global),
    )
    return next((name for name, hit in checks if hit), None)


def address_problem(ip: IPAddress, allowed: Iterable[Network] = ()) -> str | None:
    """Why ``ip`` must not be contacted, or None if it is public (or inside an allowed network)."""
    allowed = tuple(allowed)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:a.b.c.d is a.b.c.d on the wire: judge (and allow) it as such
    if any(ip.version == net.version and ip in net for net in allowed):
        return None
    problem = _classify(ip)
    if problem:
        return problem
    if isinstance(ip, ipaddress.IPv6Address):
        for inner in embedded_ipv4(ip):
            inner_problem = address_problem(inner, allowed)
            if inner_problem:
                return f"embeds {inner} ({inner_problem})"
    return None


def system_resolver(host: str, port: int) -> list[str]:
    """All addresses getaddrinfo gives for ``host`` (TCP), in its order, without duplicates."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _resolve_bounded(resolver: Resolver, host: str, port: int, timeout: float | None) -> list[str]:
    """Run a blocking resolver with a time limit (getaddrinfo itself has none)."""
    if timeout is None:
        return resolver(host, port)
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = resolver(host, port)
        except BaseException as exc:  # handed to the caller's thread below
            box["error"] = exc

    worker = threading.Thread(target=run, name="presswatch-dns", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise TimeoutError(f"DNS resolution of {host!r} took longer than {timeout:.1f}s")
    if "error" in box:
        raise box["error"]
    return box["value"]


def check_host(
    host: str,
    port: int,
    allowed: Iterable[Network] = (),
    *,
    resolver: Resolver = system_resolver,
    timeout: float | None = None,
) -> list[IPAddress]:
    """Resolve ``host`` and return its addresses if EVERY one is allowed.

    Raises BlockedAddressError if any address is forbidden, OSError/TimeoutError if resolution fails.
    """
    allowed = tuple(allowed)
    literal = parse_host_literal(host)
    if literal is not None:
        addresses: list[IPAddress] = [literal]
    else:
        raw = _resolve_bounded(resolver, host, port, timeout)
        addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in raw]
        if not addresses:
            raise socket.gaierror(f"no addresses for {host!r}")
    for ip in addresses:
        problem = address_problem(ip, allowed)
        if problem:
            shown = host if str(ip) == host.strip("[]") else f"{host} -> {ip}"
            raise BlockedAddressError(f"{shown}: {problem}")
    return addresses


class _DeadlineStream(httpcore.NetworkStream):
    """Delegates to httpcore's socket stream but never waits past the backend's deadline."""

    def __init__(self, inner: httpcore.NetworkStream, backend: GuardedBackend) -> None:
        self._inner = inner
        self._backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._backend.cap_timeout(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._backend.cap_timeout(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        tls = self._inner.start_tls(ssl_context, server_hostname, self._backend.cap_timeout(timeout))
        return _DeadlineStream(tls, self._backend)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore backend that connects only to validated addresses and honours a per-thread deadline."""

    def __init__(self, allowed: Iterable[Network] = (), *, resolver: Resolver = system_resolver) -> None:
        self._allowed = tuple(allowed)
        self._resolver = resolver
        self._plain = httpcore.SyncBackend()
        self._local = threading.local()  # the deadline belongs to the request running in this thread

    @contextlib.contextmanager
    def deadline(self, at: float) -> Iterator[None]:
        """Within the block, socket operations in this thread fail with DeadlineExceeded after ``at``
        (a time.monotonic() value). Pooled connections pick up the deadline of whoever uses them."""
        previous = getattr(self._local, "deadline", None)
        self._local.deadline = at
        try:
            yield
        finally:
            self._local.deadline = previous

    def extend_deadline(self, seconds: float) -> None:
        """Push the current thread's deadline back (time spent waiting on our own politeness)."""
        if getattr(self._local, "deadline", None) is not None:
            self._local.deadline += seconds

    def deadline_passed(self, slack: float = 0.05) -> bool:
        """Has the current thread's deadline (nearly) passed? Labels a timeout as the deadline's doing."""
        at = getattr(self._local, "deadline", None)
        return at is not None and time.monotonic() >= at - slack

    def cap_timeout(self, timeout: float | None) -> float | None:
        """Shorten ``timeout`` to the time left before the deadline; raise if none is left."""
        at = getattr(self._local, "deadline", None)
        if at is None:
            return timeout
        remaining = at - time.monotonic()
        if remaining <= 0:
            raise DeadlineExceeded("whole-request deadline exceeded")
        return remaining if timeout is None else min(timeout, remaining)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = self.cap_timeout(timeout)
        try:
            addresses = check_host(host, port, self._allowed, resolver=self._resolver, timeout=timeout)
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(str(exc)) from exc
        except OSError as exc:  # DNS failure: same class httpcore uses for refused connections
            raise httpcore.ConnectError(f"cannot resolve {host!r}: {exc}") from exc
        last_error: Exception | None = None
        for ip in addresses:
            target = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped else ip
            try:
                # An IP literal: create_connection does no DNS lookup, so the socket goes where we checked.
                stream = self._plain.connect_tcp(
                    str(target), port, self.cap_timeout(timeout), local_address, socket_options or []
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
                continue
            return _DeadlineStream(stream, self)
        assert last_error is not None
        raise last_error

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise BlockedAddressError("unix sockets are never fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)
