"""``sources.toml``: where articles come from, and how the web is fetched.

Each ``[[source]]`` table names one source. Kinds:

* ``local``: a folder of article files (plain text, HTML, JSON Lines), matched by glob patterns.
* ``feed``: an RSS, Atom or JSON Feed URL; its entries' links are fetched as articles.
* ``feed_file``: a feed saved on disk; its entries' links are fetched as articles.
* ``urls``: a list of article URLs.

An optional ``[fetch]`` table tunes the HTTP client (user agent, politeness, limits, and the
private networks the SSRF guard may reach, e.g. a demo site on loopback).

Relative paths are resolved against the folder holding the sources file, so a project can be
moved or cloned anywhere. The whole file is checked before anything runs: one :class:`SourcesError`
lists every problem (unknown keys with a did-you-mean, wrong types, out-of-range ``[fetch]`` values,
URLs that could never be fetched), each naming the file, the table and the key.
"""

from __future__ import annotations

import ipaddress
import re
import tomllib
import typing
import unicodedata
from dataclasses import dataclass, field, fields
from pathlib import Path
from urllib.parse import urlsplit

from transforms.toml_checks import (
    MISSING,
    Bounds,
    ConfigError,
    Issue,
    TableReader,
    check_unique,
    entry_name,
    loads,
)
from web.policy import FetchPolicy

__all__ = [
    "DEFAULT_PATTERNS",
    "FETCH_KEYS",
    "FeedFileSource",
    "FeedSource",
    "LocalSource",
    "Source",
    "SourcesConfig",
    "SourcesError",
    "UrlListSource",
    "load_config",
    "load_sources",
]

DEFAULT_PATTERNS = ("*.txt", "*.text", "*.md", "*.html", "*.htm", "*.xhtml", "*.jsonl", "*.ndjson")
_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
_ID_EXPECTED = "lower-case letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit)"
_TOP_KEYS = {"source": "[[source]]", "fetch": "[fetch]"}
_COMMON_KEYS = ("id", "kind", "outlet")
_KIND_KEYS = {
    "feed": ("url",),
    "feed_file": ("path",),
    "local": ("path", "patterns", "recursive", "follow_symlinks"),
    "urls": ("urls",),
}
_ANY_KIND_KEYS = tuple(sorted({key for keys in _KIND_KEYS.values() for key in keys}))
_URL_EXPECTED = "an absolute http(s) URL with a host"
_HOST_LABEL = re.compile(r"(?!-)[a-z0-9_-]{1,63}(?<!-)")

# [fetch] keys are FetchPolicy's fields, so a new policy setting is configurable the day it exists.
FETCH_KEYS: tuple[str, ...] = tuple(f.name for f in fields(FetchPolicy))
_FETCH_TYPES = typing.get_type_hints(FetchPolicy)
# The range of every numeric FetchPolicy field (tests check none is missing); FetchPolicy's own checks
# run too, after these, so the two can only disagree by these being stricter.
_FETCH_BOUNDS: dict[str, Bounds] = {
    "connect_timeout": Bounds(low=0, low_open=True),
    "read_timeout": Bounds(low=0, low_open=True),
    "total_deadline": Bounds(low=0, low_open=True),
    "max_bytes": Bounds(low=1),
    "max_redirects": Bounds(low=0),
    "max_attempts": Bounds(low=1),
    "backoff_base": Bounds(low=0),
    "backoff_jitter": Bounds(low=0, high=1),
    "retry_after_cap": Bounds(low=0),
    "host_delay": Bounds(low=0),
    "host_concurrency": Bounds(low=1),
    "host_failure_limit": Bounds(low=0),
}
_NETWORK_EXPECTED = 'a network as a string (e.g. "127.0.0.0/8")'


class SourcesError(ConfigError):
    """The sources file is missing or unreadable, or holds invalid entries (all of them listed)."""


@dataclass(frozen=True)
class LocalSource:
    """A folder of article files.

    ``outlet`` is the publisher of every document in the folder when the user knows it; documents
    that name their own publisher take precedence. ``recursive`` also searches sub-folders.
    ``follow_symlinks`` lets a file symlink point outside the folder; by default such files are
    rejected, so a link cannot pull ``/etc/passwd`` or another folder's articles into the archive.
    """

    id: str
    path: Path
    patterns: tuple[str, ...] = DEFAULT_PATTERNS
    outlet: str | None = None
    recursive: bool = False
    follow_symlinks: bool = False


@dataclass(frozen=True)
class FeedSource:
    """A feed on the web whose entries link to articles."""

    id: str
    url: str
    outlet: str | None = None


@dataclass(frozen=True)
class FeedFileSource:
    """A feed saved as a local file whose entries link to articles on the web."""

    id: str
    path: Path
    outlet: str | None = None


@dataclass(frozen=True)
class UrlListSource:
    """Article URLs listed by hand."""

    id: str
    urls: tuple[str, ...]
    outlet: str | None = None


Source = LocalSource | FeedSource | FeedFileSource | UrlListSource


@dataclass(frozen=True)
class SourcesConfig:
    """Every source plus the ``[fetch]`` overrides (FetchPolicy field name -> value)."""

    sources: tuple[Source, ...]
    fetch: dict[str, object] = field(default_factory=dict)

    @property
    def needs_network(self) -> bool:
        """True when any source is fetched over HTTP."""
        return any(not isinstance(s, LocalSource) for s in self.sources)


def _valid_host(host: str) -> bool:
    """An IP address or a DNS name whose labels are letters, digits, '-' or '_' (IDN names allowed)."""
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    try:
        name = host.removesuffix(".").encode("idna").decode("ascii")
    except UnicodeError:  # empty or over-long labels, characters IDNA refuses
        return False
    return len(name) <= 253 and all(_HOST_LABEL.fullmatch(label) for label in name.split("."))


def _url(value: object) -> str | None:
    """``value`` stripped when it is an absolute http(s) URL the fetcher can request, else None."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    # urlsplit silently drops tabs and newlines; a URL holding any whitespace or control character is a typo.
    if not url or any(ch.isspace() or unicodedata.category(ch) == "Cc" for ch in url):
        return None
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port  # .port raises on a port out of range
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    if parts.scheme.lower() not in ("http", "https") or not host or port == 0:
        return None
    return url if _valid_host(host) else None


def _check_url(entry: TableReader, key: str, value: object) -> str | None:
    url = _url(value)
    if url is None:
        entry.wrong(key, _URL_EXPECTED, value, with_type=not isinstance(value, str))
    return url


def _path(entry: TableReader, what: str, base: Path) -> Path | None:
    raw = entry.get("path")
    if raw is MISSING:
        entry.missing("path", f"{what}, relative to the sources file")
        return None
    if not isinstance(raw, str) or not raw.strip():
        entry.wrong("path", f"{what}, relative to the sources file", raw)
        return None
    return (base / raw).resolve()


def _valid_id(raw: dict) -> str | None:
    """The entry's id when it is a well-formed one, else None."""
    value = raw.get("id")
    return value if isinstance(value, str) and _ID_PATTERN.match(value) else None


def _parse_entry(issues: list[Issue], index: int, raw: dict, base: Path) -> Source | None:
    """One ``[[source]]`` table, or None after recording its issues."""
    source_id = _valid_id(raw)
    entry = TableReader(issues, entry_name("[[source]]", index, raw, id_ok=source_id is not None), raw)
    before = len(issues)
    if entry.string("id", required=True) is not None and source_id is None:
        entry.wrong("id", _ID_EXPECTED, raw["id"], with_type=False)
    kind = entry.choice("kind", _KIND_KEYS, default="local")
    # With an unknown kind, still catch misspellings of any kind's keys.
    entry.reject_unknown((*_COMMON_KEYS, *(_KIND_KEYS[kind] if kind else _ANY_KIND_KEYS)))
    outlet = entry.string("outlet")
    result: Source | None = None
    if kind == "local":
        path = _path(entry, "a folder", base)
        patterns = entry.strings("patterns", non_empty=True) if "patterns" in raw else DEFAULT_PATTERNS
        recursive = entry.boolean("recursive", default=False)
        follow = entry.boolean("follow_symlinks", default=False)
        if path is not None and patterns is not None and recursive is not None and follow is not None:
            result = LocalSource(source_id or "", path, patterns, outlet, recursive, follow)
    elif kind == "feed":
        url = raw.get("url", MISSING)
        if url is MISSING:
            entry.missing("url", _URL_EXPECTED)
        elif (checked := _check_url(entry, "url", url)) is not None:
            result = FeedSource(source_id or "", checked, outlet)
    elif kind == "feed_file":
        path = _path(entry, "a feed file", base)
        if path is not None:
            result = FeedFileSource(source_id or "", path, outlet)
    elif kind == "urls":
        urls = raw.get("urls", MISSING)
        if urls is MISSING:
            entry.missing("urls", f"a non-empty array of URLs, each {_URL_EXPECTED}")
        elif not isinstance(urls, list) or not urls:
            entry.wrong("urls", f"a non-empty array of URLs, each {_URL_EXPECTED}", urls)
        else:
            checked_urls = [_check_url(entry, f"urls[{i}]", url) for i, url in enumerate(urls)]
            valid = tuple(url for url in checked_urls if url is not None)
            if len(valid) == len(urls):
                result = UrlListSource(source_id or "", valid, outlet)
    return result if len(issues) == before else None


def _user_agent(fetch: TableReader) -> str | None:
    """A header value: printable ASCII (httpx refuses anything else), no CR/LF or other control characters."""
    value = fetch.get("user_agent")
    if isinstance(value, str) and value.strip() and all(" " <= ch <= "~" for ch in value):
        return value
    fetch.wrong(
        "user_agent",
        "printable ASCII text without control characters (it is sent as the User-Agent header)",
        value,
        with_type=not isinstance(value, str),
    )
    return None


def _networks(fetch: TableReader) -> tuple[str, ...] | None:
    """CIDR strings exempt from the SSRF guard, normalised (``10.1.2.3/24`` -> ``10.1.2.0/24``)."""
    value = fetch.get("allow_private_networks")
    if not isinstance(value, list):
        fetch.wrong("allow_private_networks", "an array of strings", value)
        return None
    networks: list[str] = []
    for i, item in enumerate(value):
        try:
            if not isinstance(item, str):  # ip_network(5) would quietly mean 0.0.0.5/32
                raise TypeError(item)
            networks.append(str(ipaddress.ip_network(item.strip(), strict=False)))
        except (TypeError, ValueError):
            fetch.wrong(
                f"allow_private_networks[{i}]", _NETWORK_EXPECTED, item, with_type=not isinstance(item, str)
            )
    return tuple(networks) if len(networks) == len(value) else None


def _parse_fetch(issues: list[Issue], table: dict) -> dict[str, object]:
    """The ``[fetch]`` table: every key a FetchPolicy field, of its type and in its range."""
    fetch = TableReader(issues, "[fetch]", table, FETCH_KEYS)
    before = len(issues)
    settings: dict[str, object] = {}
    for key in table:
        if key not in _FETCH_TYPES:
            continue  # already reported as unknown
        hint = _FETCH_TYPES[key]
        if key == "user_agent":
            value: object = _user_agent(fetch)
        elif key == "allow_private_networks":
            value = _networks(fetch)
        elif hint is bool:
            value = fetch.boolean(key)
        elif hint is int:
            value = fetch.integer(key, _FETCH_BOUNDS.get(key, Bounds()))
        elif hint is float:
            value = fetch.number(key, _FETCH_BOUNDS.get(key, Bounds()))
        else:  # a field of another type: FetchPolicy itself judges it below
            value = table[key]
        if value is not None:
            settings[key] = value
    if len(issues) == before:
        try:
            FetchPolicy(**settings)  # type: ignore[arg-type]  # the policy's own cross-checks
        except (TypeError, ValueError) as exc:
            issues.append(Issue("[fetch]", "", f"rejected by the fetcher: {exc}"))
    return settings


def load_config(sources_file: Path) -> SourcesConfig:
    """Read and check a sources file; raise :class:`SourcesError` listing every problem in it.

    A leading UTF-8 byte order mark is accepted.
    """
    file = str(sources_file)
    try:
        text = sources_file.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"cannot read sources file: {exc}", file) from None
    try:
        data = loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"not valid TOML: {exc}", file) from None
    issues: list[Issue] = []
    top = TableReader(issues, "", data, _TOP_KEYS)
    entries = top.tables("source", label="[[source]]")
    if (entries is not None and not entries) or "source" not in data:
        issues.append(Issue("", "", "no [[source]] entries (expected at least one [[source]] table)"))
    parsed = [_parse_entry(issues, i, raw, sources_file.parent) for i, raw in enumerate(entries or [])]
    check_unique(
        issues, [(entry_name("[[source]]", i, raw), _valid_id(raw)) for i, raw in enumerate(entries or [])]
    )
    fetch_table = top.table("fetch", label="[fetch]")
    fetch = _parse_fetch(issues, fetch_table) if fetch_table is not None else {}
    if issues:
        raise SourcesError(issues, file)
    return SourcesConfig(sources=tuple(s for s in parsed if s), fetch=fetch)


def load_sources(sources_file: Path) -> list[Source]:
    """The sources of a sources file (see :func:`load_config` for the fetch settings too)."""
    return list(load_config(sources_file).sources)
