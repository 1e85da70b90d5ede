"""What a page says about itself in structured form: JSON-LD (schema.org) first, then meta tags.

Publishers declare an article's headline, body, dates and authors for search engines; read directly,
these beat guessing from the layout. Pure: an lxml tree in, a :class:`StructuredMetadata` out; bad
JSON, odd shapes and hostile values give empty fields, never an exception.

Rules:

* JSON-LD objects are collected from every ``<script type="application/ld+json">``, through lists
  and ``@graph``; the first object whose ``@type`` is an article type (``NewsArticle``,
  ``ReportageNewsArticle``, ``BlogPosting``, ... any type ending in ``Article``) is the article.
* Authors are people: a ``Person`` (or an untyped name), never an ``Organization``, so a newsroom's
  name does not become a byline; several authors stay several, in order, without duplicates.
* Dates are days (``YYYY-MM-DD`` prefix of the ISO value); the original (``datePublished``) and the
  update (``dateModified``) are kept apart. Meta tags (``article:published_time``,
  ``article:modified_time``, ``og:title``, ``og:site_name``, ``author``) fill what JSON-LD left empty.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = ["StructuredMetadata", "read_structured_metadata"]

_MAX_SCRIPT_CHARS = 1_000_000  # a JSON-LD block larger than this is not read
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WHITESPACE = re.compile(r"\s+")
_ORGANISATION_TYPES = frozenset({"Organization", "NewsMediaOrganization", "Corporation", "WebSite"})


@dataclass(frozen=True)
class StructuredMetadata:
    """Fields a page declares; ``source`` names where each came from (``json-ld`` or ``meta``)."""

    article_type: str | None = None
    headline: str | None = None
    body: str | None = None
    published: date | None = None
    modified: date | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    source: tuple[tuple[str, str], ...] = ()  # (field, "json-ld" | "meta")


def read_structured_metadata(tree: Any) -> StructuredMetadata:
    """The article fields declared in ``tree``'s JSON-LD and meta tags (empty where none are)."""
    fields: dict[str, Any] = {}
    source: dict[str, str] = {}
    article = next((o for o in _json_ld_objects(tree) if _is_article(o)), None)
    if article is not None:
        found = {
            "article_type": _first_type(article),
            "headline": _text(article.get("headline")),
            "body": _text(article.get("articleBody"), keep_lines=True),
            "published": _day(article.get("datePublished")),
            "modified": _day(article.get("dateModified")),
            "authors": _people(article.get("author")),
            "publisher": _name(article.get("publisher")),
        }
        for key, value in found.items():
            if value:
                fields[key], source[key] = value, "json-ld"
    meta = _meta_tags(tree)
    fallbacks = {
        "headline": _text(meta.get("og:title")),
        "published": _day(meta.get("article:published_time")),
        "modified": _day(meta.get("article:modified_time")),
        # A one-word author meta tag is usually a handle or the site's name, not a person.
        "authors": tuple(a for a in _people(meta.get("author")) if " " in a),
        "publisher": _text(meta.get("og:site_name")),
    }
    for key, value in fallbacks.items():
        if value and not fields.get(key):
            fields[key], source[key] = value, "meta"
    return StructuredMetadata(**fields, source=tuple(sorted(source.items())))


def _json_ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.iterfind(".//script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = script.text or ""
        if len(raw) > _MAX_SCRIPT_CHARS:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        yield from _objects(data, depth=0)


def _objects(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 4:  # schema.org nesting is shallow; a deeper structure is not worth walking
        return
    if isinstance(data, list):
        for item in data:
            yield from _objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _objects(data["@graph"], depth + 1)


def _types(obj: dict[str, Any]) -> list[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return [k for k in kinds if isinstance(k, str)]


def _first_type(obj: dict[str, Any]) -> str | None:
    return next(iter(_types(obj)), None)


def _is_article(obj: dict[str, Any]) -> bool:
    return any(k.endswith("Article") or k in ("BlogPosting", "Report") for k in _types(obj))


def _text(value: Any, *, keep_lines: bool = False) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if not isinstance(value, str):
        return None
    if keep_lines:
        lines = [_WHITESPACE.sub(" ", line).strip() for line in value.splitlines()]
        text = "\n".join(line for line in lines if line)
    else:
        text = _WHITESPACE.sub(" ", value).strip()
    return text or None


def _day(value: Any) -> date | None:
    text = _text(value)
    match = _ISO_DAY.match(text or "")
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _name(value: Any) -> str | None:
    if isinstance(value, list):
        value = next(iter(value), None)
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _people(value: Any) -> tuple[str, ...]:
    """Names of the people in an author value: a string, a Person, or a list of either."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            if _ORGANISATION_TYPES.intersection(_types(item)):
                continue
            name = _text(item.get("name"))
        else:
            name = _text(item)
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _meta_tags(tree: Any) -> dict[str, str]:
    """``property``/``name`` -> ``content`` of the page's meta tags (the first of each wins)."""
    found: dict[str, str] = {}
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = meta.get("content")
        if key and content and key not in found:
            found[key] = content
    return found
