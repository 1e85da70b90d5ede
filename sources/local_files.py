"""Discovering and reading files of a local source, with a size cap.

Reading never raises for a bad file: it returns the failure as a reason string, so the run can
record it against the file and go on.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from sources.config import LocalSource

__all__ = ["DiscoveredFile", "ReadResult", "discover_files", "read_capped"]


@dataclass(frozen=True)
class DiscoveredFile:
    """A file found in a source folder; ``path`` is absolute."""

    source_id: str
    path: str
    outlet: str | None


@dataclass(frozen=True)
class ReadResult:
    """Bytes read from a file, or why they could not be read."""

    data: bytes | None
    error: str | None = None


def discover_files(source: LocalSource) -> tuple[list[DiscoveredFile], str | None]:
    """List the files of a source matching its patterns, sorted; the error says why none could be listed."""
    if not source.path.is_dir():
        return [], f"source folder {source.path} does not exist or is not a folder"
    found: set[Path] = set()
    try:
        for pattern in source.patterns:
            matches = source.path.rglob(pattern) if source.recursive else source.path.glob(pattern)
            found.update(matches)
    except OSError as exc:
        return [], f"cannot list {source.path}: {exc}"
    files = [
        DiscoveredFile(source_id=source.id, path=str(path.absolute()), outlet=source.outlet)
        for path in sorted(found)
        if not path.name.startswith(".")
    ]
    return files, None


def read_capped(path: str, max_bytes: int) -> ReadResult:
    """Read a regular file of at most ``max_bytes``; anything else comes back as a reason."""
    try:
        info = os.stat(path)
    except OSError as exc:
        return ReadResult(None, f"unreadable: {exc.strerror or exc}")
    # A FIFO or device would block or never end: only regular files are read.
    if not stat.S_ISREG(info.st_mode):
        return ReadResult(None, "unreadable: not a regular file")
    if info.st_size > max_bytes:
        return ReadResult(None, f"too large: {info.st_size} bytes exceeds the {max_bytes}-byte cap")
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return ReadResult(None, f"unreadable: {exc.strerror or exc}")
    # The file may have grown between stat and read.
    if len(data) > max_bytes:
        return ReadResult(None, f"too large: more than {max_bytes} bytes")
    return ReadResult(data)
