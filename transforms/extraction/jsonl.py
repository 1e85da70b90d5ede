"""Articles delivered as JSON Lines: one JSON object per line, already extracted by someone else.

Pure: text in, one :class:`JsonlRecord` per non-blank line out. A bad line becomes a record with an
``error`` ("line 7: ...") and never stops the others, so every line ends in a recorded outcome.

Accepted fields (first present, non-null name wins):

- body text (required): ``text``, ``content``, ``body``
- ``title``; ``url``; ``language``; ``id`` (kept on the record as ``record_id``)
- outlet: ``outlet``, ``source``, ``publisher`` (a string, or an object with a ``name`` such as
  NewsAPI's ``{"id": ..., "name": ...}``)
- publication date: ``published``, ``published_at``, ``date`` (whatever
  :func:`transforms.text.dates.parse_date_string` reads: ISO 8601, RFC 2822, written dates with a year;
  the calendar date as written, never shifted to another time zone)
- byline: ``author``, ``byline`` (a string or a list of strings); ``authors`` are the people in it
  (:func:`transforms.extraction.bylines.people_in_byline`: organisations left out)
- updated: ``updated``, ``updated_at``, ``modified``, ``date_modified`` (kept only when later than the
  publication date)

Optional fields of the wrong type are ignored rather than failing the record: the body is what
matters, and losing an article over a malformed title would be worse.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from transforms.documents import DateEvidence, ExtractedDocument
from transforms.extraction.bylines import people_in_byline
from transforms.text.characters import (
    normalise_characters,
    normalise_language_tag,
    normalise_one_line,
    normalise_paragraphs,
)
from transforms.text.dates import parse_date_string

__all__ = ["JSONL_EXTRACTOR", "JSONL_EXTRACTOR_VERSION", "JsonlRecord", "parse_jsonl"]

JSONL_EXTRACTOR = "presswatch.jsonl"
#: Bump when the field mapping or normalisation changes, so re-derived rows can be told apart.
JSONL_EXTRACTOR_VERSION = "2"
_PROVENANCE = f"{JSONL_EXTRACTOR}@{JSONL_EXTRACTOR_VERSION}:field:"

_TEXT_FIELDS = ("text", "content", "body")
_OUTLET_FIELDS = ("outlet", "source", "publisher")
_DATE_FIELDS = ("published", "published_at", "date")
_BYLINE_FIELDS = ("author", "byline")
_UPDATED_FIELDS = ("updated", "updated_at", "modified", "date_modified")
_MAX_ERROR_DETAIL = 200


@dataclass(frozen=True)
class JsonlRecord:
    """The outcome of one non-blank line: a document, or an error naming the line (never both)."""

    line_number: int
    document: ExtractedDocument | None
    error: str | None = None
    record_id: str | None = None


def parse_jsonl(text: str) -> list[JsonlRecord]:
    """Parse JSON Lines text into one record per non-blank line, in order.

    ``line_number`` is 1-based and counts every line, blank ones included, so errors point into the
    file. Lines end at ``\\n`` only: JSON strings may legally contain raw U+2028/U+2029, which
    ``str.splitlines`` would treat as line ends. Never raises for bad content.
    """
    records: list[JsonlRecord] = []
    for number, line in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        if not line.strip():
            continue
        records.append(_parse_line(number, line))
    return records


def _parse_line(number: int, line: str) -> JsonlRecord:
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as err:  # RecursionError: absurdly nested arrays
        return _error(number, f"invalid JSON: {err}")
    if not isinstance(obj, dict):
        return _error(number, f"expected a JSON object, got {_json_type(obj)}")
    record_id = _record_id(obj.get("id"))

    text_field, raw_text = _first(obj, _TEXT_FIELDS)
    if text_field is None:
        return _error(number, f"no text field (expected one of {', '.join(_TEXT_FIELDS)})", record_id)
    if not isinstance(raw_text, str):
        return _error(number, f"field '{text_field}' is {_json_type(raw_text)}, not a string", record_id)
    body = normalise_paragraphs(normalise_characters(raw_text), lines_are_paragraphs=False)
    if not body:
        return _error(number, f"field '{text_field}' is empty", record_id)

    provenance = {"text": _PROVENANCE + text_field}
    values: dict[str, Any] = {}
    for name, fields, read in (
        ("title", ("title",), _string),
        ("url", ("url",), _string),
        ("outlet", _OUTLET_FIELDS, _outlet),
        ("byline", _BYLINE_FIELDS, _byline),
        ("language", ("language",), _language),
        ("published", _DATE_FIELDS, _published),
    ):
        field_name, raw = _first(obj, fields)
        value = read(raw) if field_name is not None else None
        if value is not None:
            values[name] = value
            provenance[name] = _PROVENANCE + str(field_name)
    byline_field, raw_byline = _first(obj, _BYLINE_FIELDS)
    people = people_in_byline(raw_byline if isinstance(raw_byline, list) else [raw_byline])
    if people:
        values["authors"] = people
        provenance["authors"] = _PROVENANCE + str(byline_field)
    updated_field, raw_updated = _first(obj, _UPDATED_FIELDS)
    updated = _published(raw_updated)
    published = values.get("published")
    if (
        updated is not None
        and updated.value is not None
        and (published is None or published.value is None or updated.value > published.value)
    ):
        values["updated"] = updated.value
        provenance["updated"] = _PROVENANCE + str(updated_field)

    document = ExtractedDocument(
        text=body,
        extractor=JSONL_EXTRACTOR,
        extractor_version=JSONL_EXTRACTOR_VERSION,
        field_provenance=provenance,
        title=values.pop("title", None),
        **values,
    )
    return JsonlRecord(line_number=number, document=document, record_id=record_id)


def _error(number: int, detail: str, record_id: str | None = None) -> JsonlRecord:
    detail = normalise_characters(detail)[:_MAX_ERROR_DETAIL]
    return JsonlRecord(
        line_number=number, document=None, error=f"line {number}: {detail}", record_id=record_id
    )


def _first(obj: dict[str, Any], names: tuple[str, ...]) -> tuple[str | None, Any]:
    """The first of ``names`` present with a non-null value, and that value."""
    for name in names:
        if obj.get(name) is not None:
            return name, obj[name]
    return None, None


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def _record_id(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return _string(str(value))


def _string(value: Any) -> str | None:
    """A one-line metadata value; ``None`` if absent, empty or not a string."""
    return normalise_one_line(value)


def _outlet(value: Any) -> str | None:
    if isinstance(value, dict):
        return _string(value.get("name"))
    return _string(value)


def _byline(value: Any) -> str | None:
    if isinstance(value, list):
        names = [name for name in map(_string, value) if name]
        return ", ".join(names) or None
    return _string(value)


def _language(value: Any) -> str | None:
    return normalise_language_tag(value) if isinstance(value, str) else None


def _published(value: Any) -> DateEvidence | None:
    """The record's stated date; an unreadable one is kept as evidence with ``value=None``."""
    raw = _string(value)
    if raw is None:
        return None
    return DateEvidence(value=parse_date_string(raw), provenance="metadata:jsonl", evidence=raw)
