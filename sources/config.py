"""``sources.toml``: where articles come from, and how the web is fetched.

Each ``[[source]]`` table names one source. Kinds:

* ``local``: a folder of article files (plain text, HTML, JSON Lines), matched by glob patterns.
* ``feed``: an RSS, Atom or JSON Feed URL; its entries' links are fetched as articles.
* ``feed_file``: a feed saved on disk; its entries' links are fetched as articles.
* ``urls``: a list of article URLs.

An optional ``[fetch]`` table tunes the HTTP client (user agent, politeness, limits, and the
private networks the SSRF guard may reach, e.g. a demo site on loopback).

Relative paths are resolved against the folder holding the sources file, so a project can be
moved or cloned anywhere. Errors name the entry and key at fault.
"""

from __future__ import annotations

import ipaddress
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

__all__ = [
    "DEFAULT_PATTERNS",
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
_COMMON_KEYS = frozenset({"id", "kind", "outlet"})
# [fetch] keys and the type each must have; they map onto web.policy.FetchPolicy fields.
_FETCH_KEYS: dict[str, type | tuple[type, ...]] = {
    "user_agent": str,
    "connect_timeout": (int, float),
    "read_timeout": (int, float),
    "total_deadline": (int, float),
    "max_bytes": int,
    "max_redirects": int,
    "max_attempts": int,
    "backoff_base": (int, float),
    "retry_after_cap": (int, float),
    "host_delay": (int, float),
    "host_concurrency": int,
    "host_failure_limit": int,
    "obey_robots": bool,
    "allow_private_networks": list,
    "verify_tls": bool,
}


class SourcesError(ValueError):
    """The sources file is missing, unreadable, or holds an invalid entry."""


@dataclass(frozen=True)
class LocalSource:
    """A folder of article files.

    ``outlet`` is the publisher of every document in the folder when the user knows it; documents
    that name their own publisher take precedence. ``recursive`` also searches sub-folders.
    """

    id: str
    path: Path
    patterns: tuple[str, ...] = DEFAULT_PATTERNS
    outlet: str | None = None
    recursive: bool = False


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


def _check_url(url: object, where: str) -> str:
    if not isinstance(url, str) or not url.strip():
        raise SourcesError(f"{where}: a URL string is required")
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourcesError(f"{where}: {url!r} is not an http(s) URL with a host")
    return url.strip()


def _check_keys(entry: dict, allowed: set[str], where: str) -> None:
    unknown = set(entry) - _COMMON_KEYS - allowed
    if unknown:
        raise SourcesError(f"{where}: unknown keys {sorted(unknown)}")


def _local(entry: dict, source_id: str, outlet: str | None, base: Path, where: str) -> LocalSource:
    _check_keys(entry, {"path", "patterns", "recursive"}, where)
    raw_path = entry.get("path")
    if not isinstance(raw_path, str) or not raw_path:
        raise SourcesError(f"{where}: 'path' (a folder) is required")
    patterns = entry.get("patterns", list(DEFAULT_PATTERNS))
    if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
        raise SourcesError(f"{where}: 'patterns' must be a non-empty list of glob strings")
    recursive = entry.get("recursive", False)
    if not isinstance(recursive, bool):
        raise SourcesError(f"{where}: 'recursive' must be true or false")
    return LocalSource(source_id, (base / raw_path).resolve(), tuple(patterns), outlet, recursive)


def _parse_entry(entry: object, index: int, base: Path) -> Source:
    where = f"[[source]] #{index + 1}"
    if not isinstance(entry, dict):
        raise SourcesError(f"{where}: must be a table")
    source_id = entry.get("id")
    if not isinstance(source_id, str) or not _ID_PATTERN.match(source_id):
        raise SourcesError(
            f"{where}: 'id' must be lower-case letters, digits, '.', '_' or '-' (got {source_id!r})"
        )
    where = f"[[source]] '{source_id}'"
    outlet = entry.get("outlet")
    if outlet is not None and (not isinstance(outlet, str) or not outlet.strip()):
        raise SourcesError(f"{where}: 'outlet' must be a non-empty string when given")
    outlet = outlet.strip() if outlet else None
    kind = entry.get("kind", "local")
    if kind == "local":
        return _local(entry, source_id, outlet, base, where)
    if kind == "feed":
        _check_keys(entry, {"url"}, where)
        return FeedSource(source_id, _check_url(entry.get("url"), f"{where}.url"), outlet)
    if kind == "feed_file":
        _check_keys(entry, {"path"}, where)
        raw_path = entry.get("path")
        if not isinstance(raw_path, str) or not raw_path:
            raise SourcesError(f"{where}: 'path' (a feed file) is required")
        return FeedFileSource(source_id, (base / raw_path).resolve(), outlet)
    if kind == "urls":
        _check_keys(entry, {"urls"}, where)
        urls = entry.get("urls")
        if not isinstance(urls, list) or not urls:
            raise SourcesError(f"{where}: 'urls' must be a non-empty list")
        checked = tuple(_check_url(url, f"{where}.urls[{i}]") for i, url in enumerate(urls))
        return UrlListSource(source_id, checked, outlet)
    raise SourcesError(f"{where}: kind {kind!r} is not one of ['feed', 'feed_file', 'local', 'urls']")


def _parse_fetch(table: object) -> dict[str, object]:
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise SourcesError("[fetch] must be a table")
    fetch: dict[str, object] = {}
    for key, value in table.items():
        expected = _FETCH_KEYS.get(key)
        if expected is None:
            raise SourcesError(f"[fetch]: unknown key '{key}' (known: {sorted(_FETCH_KEYS)})")
        # bool is an int in Python: refuse true/false where a number is meant.
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
            raise SourcesError(f"[fetch].{key}: wrong type {type(value).__name__}")
        if key == "allow_private_networks":
            try:
                value = tuple(str(ipaddress.ip_network(v, strict=False)) for v in value)
            except (TypeError, ValueError) as exc:
                raise SourcesError(f"[fetch].allow_private_networks: {exc}") from exc
        fetch[key] = value
    return fetch


def load_config(sources_file: Path) -> SourcesConfig:
    """Read and validate a sources file; raise :class:`SourcesError` naming the bad entry."""
    try:
        text = sources_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"cannot read sources file {sources_file}: {exc}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{sources_file} is not valid TOML: {exc}") from exc
    entries = data.get("source")
    if not isinstance(entries, list) or not entries:
        raise SourcesError(f"{sources_file}: no [[source]] entries")
    sources = tuple(_parse_entry(entry, i, sources_file.parent) for i, entry in enumerate(entries))
    ids = [s.id for s in sources]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise SourcesError(f"{sources_file}: duplicate source ids {duplicates}")
    return SourcesConfig(sources=sources, fetch=_parse_fetch(data.get("fetch")))


def load_sources(sources_file: Path) -> list[Source]:
    """The sources of a sources file (see :func:`load_config` for the fetch settings too)."""
    return list(load_config(sources_file).sources)
