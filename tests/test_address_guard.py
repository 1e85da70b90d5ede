"""SSRF guard: address rules, literal forms, resolution, and the connect path (with real local servers)."""

from __future__ import annotations

import ipaddress
import random
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.http_servers import LocalServer, Reply, redirect
from web.address_guard import (
    BlockedAddressError,
    address_problem,
    check_host,
    parse_host_literal,
    parse_networks,
)
from web.fetcher import Fetcher
from web.policy import FetchPolicy

LOOPBACK_ONLY = parse_networks(["127.0.0.1/32"])


def make_fetcher(*, allow: tuple[str, ...] = ("127.0.0.1/32",), **kwargs: Any) -> Fetcher:
    policy = FetchPolicy(allow_private_networks=allow, host_delay=0.0, obey_robots=False, total_deadline=5.0)
    return Fetcher(policy, sleep=lambda s: None, rng=random.Random(1), **kwargs)


@pytest.fixture
def main_server() -> Iterator[LocalServer]:
    with LocalServer("127.0.0.1") as srv:
        yield srv


@pytest.fixture
def forbidden_server() -> Iterator[LocalServer]:
    """A server on 127.0.0.2: reachable, but outside the 127.0.0.1/32 allow-list. Its log must stay empty."""
    with LocalServer("127.0.0.2") as srv:
        srv.route("/", Reply(body=b"internal secrets"))
        yield srv


# --- literal forms ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),  # decimal
        ("0x7f000001", "127.0.0.1"),  # hex
        ("0x7f.1", "127.0.0.1"),  # hex, short form
        ("0177.0.0.1", "127.0.0.1"),  # octal
        ("017700000001", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("127.0.1", "127.0.0.1"),
        ("127.0.0.1.", "127.0.0.1"),
        ("[::ffff:127.0.0.1]", "::ffff:7f00:1"),
        ("::1", "::1"),
        ("2852039166", "169.254.169.254"),
    ],
)
def test_literal_ip_forms_are_recognised(host: str, expected: str) -> None:
    assert parse_host_literal(host) == ipaddress.ip_address(expected)


@pytest.mark.parametrize(
    "host", ["example.com", "127.0.0.1.example.com", "0x7g.1", "1.2.3.4.5", "256.1.1.1."]
)
def test_names_are_not_literals(host: str) -> None:
    assert parse_host_literal(host) is None


# --- address rules ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
        "224.0.0.1", "240.0.0.1", "255.255.255.255", "198.18.0.1", "192.0.2.1",
        "::", "::1", "fe80::1", "fc00::1", "fd12::1", "ff02::1", "fec0::1",
        "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1",
        "2002:7f00:1::1",  # 6to4 wrapping 127.0.0.1
        "2002:a9fe:a9fe::1",  # 6to4 wrapping 169.254.169.254
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    ],
)  # fmt: skip
def test_non_public_addresses_are_refused(address: str) -> None:
    assert address_problem(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_pass(address: str) -> None:
    assert address_problem(ipaddress.ip_address(address)) is None


def test_allow_list_is_exact() -> None:
    assert address_problem(ipaddress.ip_address("127.0.0.1"), LOOPBACK_ONLY) is None
    assert address_problem(ipaddress.ip_address("::ffff:127.0.0.1"), LOOPBACK_ONLY) is None
    assert address_problem(ipaddress.ip_address("127.0.0.2"), LOOPBACK_ONLY) == "loopback"
    assert address_problem(ipaddress.ip_address("::ffff:127.0.0.2"), LOOPBACK_ONLY) == "loopback"
    assert address_problem(ipaddress.ip_address("::1"), LOOPBACK_ONLY) == "loopback"


def test_every_resolved_address_must_be_public() -> None:
    def mixed(host: str, port: int) -> list[str]:
        return ["93.184.215.14", "10.0.0.5"]

    with pytest.raises(BlockedAddressError, match=r"10\.0\.0\.5"):
        check_host("news.example.test", 80, resolver=mixed)
    assert check_host("news.example.test", 80, resolver=lambda h, p: ["93.184.215.14"]) == [
        ipaddress.ip_address("93.184.215.14")
    ]


def test_names_resolving_to_loopback_are_refused_by_real_dns() -> None:
    with pytest.raises(BlockedAddressError):
        check_host("localhost", 80)


def test_resolution_is_time_limited() -> None:
    def stuck(host: str, port: int) -> list[str]:
        time.sleep(3)
        return ["93.184.215.14"]

    started = time.monotonic()
    with pytest.raises(TimeoutError):
        check_host("slow.example.test", 80, resolver=stuck, timeout=0.2)
    assert time.monotonic() - started < 1


# --- the fetcher never contacts a forbidden address ---------------------------------------------------


def test_default_policy_refuses_loopback_and_sends_nothing(main_server: LocalServer) -> None:
    main_server.route("/", Reply(body=b"x"))
    with Fetcher(FetchPolicy(obey_robots=True), sleep=lambda s: None) as f:
        results = [f.fetch(main_server.url("/")), f.fetch("http://169.254.169.254/latest/meta-data/")]
    assert [r.outcome for r in results] == ["blocked_address", "blocked_address"]
    assert all(r.attempts == 1 and r.peer_ip is None for r in results)
    assert main_server.log == []  # not even robots.txt


def test_redirect_to_private_address_is_blocked(
    main_server: LocalServer, forbidden_server: LocalServer
) -> None:
    main_server.route("/r", redirect(forbidden_server.url("/")))
    with make_fetcher() as f:
        result = f.fetch(main_server.url("/r"))
    assert result.outcome == "blocked_address" and "127.0.0.2" in (result.detail or "")
    assert result.redirects == (forbidden_server.url("/"),)
    assert forbidden_server.log == []


def test_control_same_redirect_succeeds_when_allowed(
    main_server: LocalServer, forbidden_server: LocalServer
) -> None:
    main_server.route("/r", redirect(forbidden_server.url("/")))
    with make_fetcher(allow=("127.0.0.0/8",)) as f:
        result = f.fetch(main_server.url("/r"))
    assert result.outcome == "ok" and result.peer_ip == "127.0.0.2"
    assert len(forbidden_server.log) == 1


def test_redirect_to_ipv4_mapped_ipv6_is_blocked(
    main_server: LocalServer, forbidden_server: LocalServer
) -> None:
    target = f"http://[::ffff:127.0.0.2]:{forbidden_server.port}/"
    main_server.route("/r", redirect(target))
    with make_fetcher() as f:
        result = f.fetch(main_server.url("/r"))
    assert result.outcome == "blocked_address"
    assert forbidden_server.log == []


@pytest.mark.parametrize(
    ("host", "outcome"),
    [
        ("2130706434", "blocked_address"),
        ("0x7f.2", "blocked_address"),
        ("127.2", "blocked_address"),
        ("0177.0.0.2", "connection_error"),  # httpx already rejects dotted octal as an invalid URL
    ],
)
def test_numeric_host_forms_of_a_forbidden_address_are_blocked(
    forbidden_server: LocalServer, host: str, outcome: str
) -> None:
    with make_fetcher() as f:
        result = f.fetch(f"http://{host}:{forbidden_server.port}/")
    assert result.outcome == outcome
    assert forbidden_server.log == []


def test_decimal_form_of_an_allowed_address_reaches_it(main_server: LocalServer) -> None:
    main_server.route("/", Reply(body=b"x"))
    with make_fetcher() as f:
        result = f.fetch(f"http://2130706433:{main_server.port}/")
    assert result.outcome == "ok" and result.peer_ip == "127.0.0.1"


def test_connects_to_the_validated_address_keeping_the_host_header(main_server: LocalServer) -> None:
    main_server.route("/", Reply(body=b"by name"))
    lookups: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        lookups.append(host)
        return ["127.0.0.1"]

    with make_fetcher(resolver=resolver) as f:
        result = f.fetch(f"http://news.example.test:{main_server.port}/")
    assert result.outcome == "ok" and result.body == b"by name" and result.peer_ip == "127.0.0.1"
    assert main_server.log[0].headers["host"] == f"news.example.test:{main_server.port}"
    assert set(lookups) == {"news.example.test"}


def test_dns_rebinding_between_check_and_connect_is_caught(forbidden_server: LocalServer) -> None:
    answers = iter(["127.0.0.1"] + ["127.0.0.2"] * 10)  # first answer passes the early check, then rebinds

    def rebinding(host: str, port: int) -> list[str]:
        return [next(answers)]

    with make_fetcher(resolver=rebinding) as f:
        result = f.fetch(f"http://rebind.example.test:{forbidden_server.port}/")
    assert result.outcome == "blocked_address" and "127.0.0.2" in (result.detail or "")
    assert forbidden_server.log == []


def test_policy_allow_list_is_validated_and_frozen() -> None:
    policy = FetchPolicy(allow_private_networks=["127.0.0.0/8"])  # type: ignore[arg-type]  # as TOML gives it
    assert policy.allow_private_networks == ("127.0.0.0/8",)
    with pytest.raises(ValueError):
        FetchPolicy(allow_private_networks=("localhost",))
