"""Checking configuration read from TOML (``sources.toml``, ``event.toml``), one problem at a time.

A :class:`TableReader` reads the values of one table and, instead of raising at the first bad value,
records an :class:`Issue` naming the table, the key, what was expected and what was found; unknown keys
get a did-you-mean suggestion. The caller raises one :class:`ConfigError` with every issue of the file,
so a user fixes the file in one pass. Pure: parsed TOML in, values and issues out.
"""

from __future__ import annotations

import difflib
import json
import math
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Final

__all__ = [
    "MISSING", "Bounds", "ConfigError", "Issue", "TableReader", "check_unique", "describe", "entry_name",
    "loads", "quoted", "suggest",
]  # fmt: skip


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()  # a key that is absent (None is not a TOML value, but keep them apart)
_BOM = "\ufeff"
_MAX_SHOWN = 60  # characters of a value quoted back in a message


@dataclass(frozen=True)
class Issue:
    """One problem: where (``table``, e.g. ``[fetch]`` or ``[[entities]] #3``; ``key``) and what."""

    table: str
    key: str
    problem: str

    def __str__(self) -> str:
        where = " ".join(part for part in (self.table, self.key) if part)
        return f"{where}: {self.problem}" if where else self.problem


class ConfigError(ValueError):
    """A configuration file holds one or more problems; ``str()`` gives one line per issue, each
    starting with the file."""

    def __init__(self, issues: str | Sequence[Issue], file: str = "") -> None:
        self.issues: tuple[Issue, ...] = (
            (Issue("", "", issues),) if isinstance(issues, str) else tuple(issues)
        )
        self.file = file
        # args carry the rendered text, so the error survives pickling (Prefect task results) intact.
        super().__init__(self._render())

    def _render(self) -> str:
        prefix = f"{self.file}: " if self.file else ""
        return "\n".join(f"{prefix}{issue}" for issue in self.issues)

    def __str__(self) -> str:
        return self._render()


def loads(text: str) -> dict[str, object]:
    """Parse TOML text, accepting a leading UTF-8 byte order mark (Windows editors write one)."""
    return tomllib.loads(text.removeprefix(_BOM))


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, datetime):
        return "a date-time"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, time):
        return "a time"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _toml(value: object) -> str:
    """``value`` written back the way TOML spells it (strings quoted with escapes made visible)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"
    return repr(value)


def describe(value: object, *, with_type: bool = True) -> str:
    """How a message shows a value that was found: ``"thirty" (a string)``, ``[30] (an array)``, ``0``."""
    if value is MISSING:
        return "nothing"
    shown = _toml(value)
    if len(shown) > _MAX_SHOWN:
        shown = shown[: _MAX_SHOWN - 1] + "…"
    return f"{shown} ({_kind(value)})" if with_type else shown


def quoted(choices: Iterable[str]) -> str:
    """``"a", "b", "c"`` for a message."""
    return ", ".join(json.dumps(c) for c in choices)


@dataclass(frozen=True)
class Bounds:
    """The range a number must lie in: ``low`` (exclusive when ``low_open``) up to ``high`` (inclusive)."""

    low: float | None = None
    low_open: bool = False
    high: float | None = None

    def admits(self, value: float) -> bool:
        """True when ``value`` is finite and inside the range."""
        if not math.isfinite(value):
            return False
        if self.low is not None and (value <= self.low if self.low_open else value < self.low):
            return False
        return self.high is None or value <= self.high

    def __str__(self) -> str:
        if self.low is not None and self.high is not None:
            return f"between {self.low:g} and {self.high:g}"
        if self.low is not None:
            return f"{'>' if self.low_open else '>='} {self.low:g}"
        if self.high is not None:
            return f"<= {self.high:g}"
        return ""


def _suggestion(key: str, known: Mapping[str, str], n: int = 1) -> str:
    by_lower = {name.lower(): name for name in known}
    close = difflib.get_close_matches(key.lower(), list(by_lower), n=n, cutoff=0.6)
    if not close:
        return ""
    labels = [known[by_lower[c]] for c in close]
    shown = [label if label.startswith("[") else repr(label) for label in labels]
    return f", did you mean {' or '.join(shown)}?"


class TableReader:
    """Reads the values of one TOML table, recording an :class:`Issue` for each problem instead of raising.

    Each reading method returns the checked value, the default when the key is absent, or None when the
    value is wrong (after recording why). ``known`` (key -> how to show it, or just the keys) makes any
    other key an issue with a did-you-mean suggestion.
    """

    def __init__(
        self,
        issues: list[Issue],
        where: str,
        table: Mapping[str, object],
        known: Mapping[str, str] | Iterable[str] | None = None,
    ) -> None:
        self.issues = issues
        self.where = where
        self.data = table
        if known is not None:
            self.reject_unknown(known)

    def reject_unknown(self, known: Mapping[str, str] | Iterable[str]) -> None:
        """Record every key not in ``known``, suggesting the closest known one."""
        labels = dict(known) if isinstance(known, Mapping) else {k: k for k in known}
        listing = ", ".join(labels.values())
        for key, value in self.data.items():
            if key in labels:
                continue
            if self.where:
                shown, what = key, "unknown key"
            elif isinstance(value, dict):  # at the top level, show a table the way it was written
                shown, what = f"[{key}]", "unknown table"
            elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                shown, what = f"[[{key}]]", "unknown table"
            else:
                shown, what = key, "unknown key"
            suggestion = _suggestion(key, labels)
            self.issues.append(
                Issue(
                    self.where,
                    shown,
                    f"{what}{suggestion}" if suggestion else f"{what} (expected one of: {listing})",
                )
            )

    def wrong(self, key: str, expected: str, value: object, *, with_type: bool = True) -> None:
        """Record that ``key`` holds ``value`` where ``expected`` was wanted."""
        self.issues.append(
            Issue(self.where, key, f"expected {expected}, found {describe(value, with_type=with_type)}")
        )

    def missing(self, key: str, expected: str) -> None:
        """Record that the required ``key`` is absent."""
        self.issues.append(Issue(self.where, "", f"missing key '{key}' (expected {expected})"))

    def get(self, key: str) -> object:
        """The raw value of ``key``, or :data:`MISSING`."""
        return self.data.get(key, MISSING)

    def string(self, key: str, *, required: bool = False, default: str | None = None) -> str | None:
        """A non-empty string, stripped."""
        value = self.get(key)
        if value is MISSING:
            if required:
                self.missing(key, "a non-empty string")
            return default
        if not isinstance(value, str) or not value.strip():
            self.wrong(key, "a non-empty string", value)
            return None
        return value.strip()

    def text(self, key: str, default: str = "") -> str | None:
        """Any string, empty allowed (descriptions)."""
        value = self.get(key)
        if value is MISSING:
            return default
        if not isinstance(value, str):
            self.wrong(key, "a string", value)
            return None
        return value

    def choice(self, key: str, choices: Iterable[str], *, required: bool = False, default: str | None = None,
               note: str = "") -> str | None:  # fmt: skip
        """One of ``choices`` (``note`` says why, e.g. "for a duration")."""
        options = sorted(choices) if isinstance(choices, set | frozenset) else list(choices)
        expected = (
            f"{quoted(options[:1])} or {quoted(options[1:])}"
            if len(options) == 2
            else f"one of {quoted(options)}"
        ) + (f" {note}" if note else "")
        value = self.get(key)
        if value is MISSING:
            if required:
                self.missing(key, expected)
            return default
        if not isinstance(value, str) or value not in options:
            self.wrong(key, expected, value, with_type=not isinstance(value, str))
            return None
        return value

    def boolean(self, key: str, default: bool | None = None) -> bool | None:
        """``true`` or ``false``."""
        value = self.get(key)
        if value is MISSING:
            return default
        if not isinstance(value, bool):
            self.wrong(key, "true or false", value)
            return None
        return value

    def integer(self, key: str, bounds: Bounds, default: int | None = None) -> int | None:
        """An integer inside ``bounds`` (booleans are not numbers here, though Python says they are)."""
        value = self.get(key)
        if value is MISSING:
            return default
        expected = f"an integer {bounds}".rstrip()
        if isinstance(value, bool) or not isinstance(value, int):
            self.wrong(key, expected, value)
            return None
        if not bounds.admits(value):
            self.wrong(key, expected, value, with_type=False)
            return None
        return value

    def number(self, key: str, bounds: Bounds, default: float | None = None) -> float | None:
        """A finite number (integer or float) inside ``bounds``."""
        value = self.get(key)
        if value is MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.wrong(key, f"a number {bounds}".rstrip(), value)
            return None
        if not bounds.admits(value):
            finite = "" if math.isfinite(value) else "finite "
            self.wrong(key, f"a {finite}number {bounds}".rstrip(), value, with_type=False)
            return None
        return value

    def strings(self, key: str, *, required: bool = False, non_empty: bool = False) -> tuple[str, ...] | None:
        """An array of non-empty strings, each stripped (``non_empty``: at least one)."""
        expected = f"{'a non-empty' if non_empty else 'an'} array of non-empty strings"
        value = self.get(key)
        if value is MISSING:
            if required:
                self.missing(key, expected)
            return None if required else ()
        if (
            not isinstance(value, list)
            or (non_empty and not value)
            or not all(isinstance(v, str) and v.strip() for v in value)
        ):
            self.wrong(key, expected, value)
            return None
        return tuple(v.strip() for v in value)

    def day(self, key: str, *, required: bool = False) -> date | None:
        """A date: a TOML local date or an ISO ``YYYY-MM-DD`` string (not a date-time)."""
        expected = "a date (YYYY-MM-DD)"
        value = self.get(key)
        if value is MISSING:
            if required:
                self.missing(key, expected)
            return None
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.wrong(key, expected, value)
        return None

    def table(self, key: str, *, required: bool = False, label: str = "") -> dict | None:
        """A sub-table (``label``, e.g. ``[relevance]``, says how it is written); None when absent."""
        expected = f"a table ({label})" if label else "a table"
        value = self.get(key)
        if value is MISSING:
            if required:
                self.missing(key, expected)
            return None
        if not isinstance(value, dict):
            self.wrong(key, expected, value)
            return None
        return value

    def tables(self, key: str, *, required: bool = False, label: str = "") -> list[dict] | None:
        """An array of tables (``[[label]]``); None when absent or wrong."""
        expected = f"an array of tables ({label})" if label else "an array of tables"
        value = self.get(key)
        if value is MISSING:
            if required:
                self.missing(key, expected)
            return None
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.wrong(key, expected, value)
            return None
        return value


def entry_name(array: str, index: int, entry: object, id_ok: bool = True) -> str:
    """How messages name one entry of an array of tables: ``[[entities]] #3 ('xi-jinping')``."""
    name = f"{array} #{index + 1}"
    entry_id = entry.get("id") if isinstance(entry, dict) else None
    if id_ok and isinstance(entry_id, str) and entry_id.strip():
        name += f" ({entry_id.strip()!r})"
    return name


def check_unique(issues: list[Issue], entries: Iterable[tuple[str, str | None]]) -> None:
    """Record every entry whose id repeats an earlier one (``entries``: (entry name, id or None))."""
    first: dict[str, str] = {}
    for where, entry_id in entries:
        if entry_id is None:
            continue
        if entry_id in first:
            issues.append(
                Issue(
                    where,
                    "id",
                    f"expected a unique id, found {json.dumps(entry_id)} (also {first[entry_id]})",
                )
            )
        else:
            first[entry_id] = where.split(" (")[0]  # "[[topics]] #1": the id is the value shown


def suggest(word: str, candidates: Iterable[str], n: int = 1) -> str:
    """``, did you mean 'x'?`` for the closest candidate (up to ``n``, closest first), or ``""``."""
    return _suggestion(word, {c: c for c in candidates}, n)
