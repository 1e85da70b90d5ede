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
    """A file found in a source folder; ``path`` is absolute.

    ``confine_to`` is the folder the file must resolve inside (symlinks included), or None when the
    source lets links point anywhere.
    """

    source_id: str
    path: str
    outlet: str | None
    confine_to: str | None = None


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
    confine_to = None if source.follow_symlinks else os.path.realpath(source.path)
    files = [
        DiscoveredFile(source.id, str(path.absolute()), source.outlet, confine_to)
        for path in sorted(found)
        if not path.name.startswith(".")
    ]
    return files, None


def _outside(path: str, folder: str) -> str | None:
    """Where ``path`` really leads when that is outside ``folder`` (following every symlink)."""
    target = os.path.realpath(path)
    return None if os.path.commonpath([target, folder]) == folder else target


def read_capped(path: str, max_bytes: int, *, confine_to: str | None = None) -> ReadResult:
    """Read a regular file of at most ``max_bytes``; anything else comes back as a reason.

    With ``confine_to`` (a resolved folder), a file that resolves outside it is refused.
    """
    if confine_to is not None and (target := _outside(path, confine_to)) is not None:
        return ReadResult(None, f"symlink leads outside the source folder (to {target}); "
                                "set follow_symlinks = true on the source to allow it")  # fmt: skip
    try:
        # The resolved path is read, so a link swapped after the check cannot redirect the read.
        if confine_to is not None:
            path = os.path.realpath(path)
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
