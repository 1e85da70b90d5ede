"""``sources.toml``: where articles come from.

Each ``[[source]]`` table names one source. Kinds understood today:

* ``local``: a folder of article files (plain text, HTML, JSON Lines), matched by glob patterns.

Relative paths are resolved against the folder holding the sources file, so a project can be
moved or cloned anywhere.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DEFAULT_PATTERNS", "LocalSource", "SourcesError", "load_sources"]

DEFAULT_PATTERNS = ("*.txt", "*.text", "*.md", "*.html", "*.htm", "*.xhtml", "*.jsonl", "*.ndjson")
_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
_KINDS = frozenset({"local"})


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


def _parse_entry(entry: object, index: int, base: Path) -> LocalSource:
    where = f"[[source]] #{index + 1}"
    if not isinstance(entry, dict):
        raise SourcesError(f"{where}: must be a table")
    source_id = entry.get("id")
    if not isinstance(source_id, str) or not _ID_PATTERN.match(source_id):
        raise SourcesError(
            f"{where}: 'id' must be lower-case letters, digits, '.', '_' or '-' (got {source_id!r})"
        )
    where = f"[[source]] '{source_id}'"
    kind = entry.get("kind", "local")
    if kind not in _KINDS:
        raise SourcesError(f"{where}: kind {kind!r} is not one of {sorted(_KINDS)}")
    raw_path = entry.get("path")
    if not isinstance(raw_path, str) or not raw_path:
        raise SourcesError(f"{where}: 'path' (a folder) is required")
    patterns = entry.get("patterns", list(DEFAULT_PATTERNS))
    if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
        raise SourcesError(f"{where}: 'patterns' must be a non-empty list of glob strings")
    outlet = entry.get("outlet")
    if outlet is not None and (not isinstance(outlet, str) or not outlet.strip()):
        raise SourcesError(f"{where}: 'outlet' must be a non-empty string when given")
    recursive = entry.get("recursive", False)
    if not isinstance(recursive, bool):
        raise SourcesError(f"{where}: 'recursive' must be true or false")
    unknown = set(entry) - {"id", "kind", "path", "patterns", "outlet", "recursive"}
    if unknown:
        raise SourcesError(f"{where}: unknown keys {sorted(unknown)}")
    return LocalSource(
        id=source_id,
        path=(base / raw_path).resolve(),
        patterns=tuple(patterns),
        outlet=outlet.strip() if outlet else None,
        recursive=recursive,
    )


def load_sources(sources_file: Path) -> list[LocalSource]:
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
    sources = [_parse_entry(entry, i, sources_file.parent) for i, entry in enumerate(entries)]
    ids = [s.id for s in sources]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise SourcesError(f"{sources_file}: duplicate source ids {duplicates}")
    return sources
