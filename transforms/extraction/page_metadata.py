"""Headline, authors, publisher, canonical URL and dates of one HTML page, read in one cheap pass.

Pure: an lxml tree (not yet pruned by text extraction) in, a :class:`PageMetadata` out.

Order of trust, per field (the first source that gives a value wins):

* title: JSON-LD ``headline``, ``og:title``, then trafilatura's reading of meta tags and ``<title>``/``<h1>``;
* authors: JSON-LD people, the ``author`` meta tag, then trafilatura's byline search in the page (the
  costly step, taken only when nothing is declared). Names of organisations never count: JSON-LD
  ``Organization`` authors, and values that read like a newsroom, a desk, an agency or a publication
  ("Staff Writer", "Redaktion", "Reuters", "The Korea Herald") are dropped;
* outlet: JSON-LD ``publisher``, ``og:site_name``, then trafilatura's site-name reading; never the host;
* published: htmldate's markup pass (meta tags, JSON-LD, ``<time>``, the URL) for the original date,
  then the JSON-LD/meta declaration, then htmldate's search of the page text (labelled as inferred);
* updated: JSON-LD ``dateModified`` or ``article:modified_time``, kept only when later than published.

Measured on the shared 949-page corpus (``bench/bench_extract.py``): declared headlines and people
beat trafilatura's own metadata pass for titles and authors; for dates htmldate's markup pass is as
right as JSON-LD where both exist and covers more pages, so it stays first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import htmldate
import trafilatura
from htmldate import find_date
from trafilatura import metadata as trafilatura_metadata
from trafilatura.settings import set_date_params

from transforms.documents import DateEvidence
from transforms.extraction.bylines import people_in_byline
from transforms.extraction.structured_data import StructuredMetadata, read_structured_metadata
from transforms.text.characters import normalise_one_line

__all__ = ["DATE_MARKUP", "DATE_TEXT_SEARCH", "PageMetadata", "read_page_metadata"]

#: ``DateEvidence.provenance`` of a date read from the page's markup (meta tags, JSON-LD, ``<time>``, URL).
DATE_MARKUP = "metadata:html"
#: ``DateEvidence.provenance`` of a date htmldate guessed from the page text, not read from markup.
DATE_TEXT_SEARCH = "inferred:html-text-search"

_OWN = "presswatch.page_metadata@2"
_TRAFILATURA = f"trafilatura@{trafilatura.__version__}:metadata"
_HTMLDATE = f"htmldate@{htmldate.__version__}"


@dataclass(frozen=True)
class PageMetadata:
    """What one page says about itself; ``provenance`` maps each populated field to its source."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    url: str | None = None
    published: DateEvidence | None = None
    updated: date | None = None
    provenance: dict[str, str] = field(default_factory=dict)
    declared_body: str | None = None  # JSON-LD articleBody, one paragraph per line


def read_page_metadata(tree: Any, url: str | None) -> PageMetadata:
    """Read ``tree``'s metadata (see the module docstring); ``url`` is where the page was fetched from.

    Call before text extraction: trafilatura prunes the tree it extracts from.
    """
    declared = read_structured_metadata(tree)
    declared_source = dict(declared.source)
    fallback = trafilatura_metadata.extract_meta_json(tree, trafilatura_metadata.examine_meta(tree))
    provenance: dict[str, str] = {}

    def choose(name: str, *candidates: tuple[str | None, str]) -> str | None:
        for value, source in candidates:
            cleaned = _clean(value)
            if cleaned is not None:
                provenance[name] = source
                return cleaned
        return None

    def declared_as(key: str) -> str:
        return f"{_OWN}:{declared_source.get(key, 'json-ld')}"

    outlet = choose(
        "outlet",
        (declared.publisher, declared_as("publisher")),
        (fallback.sitename, _TRAFILATURA),
        (trafilatura_metadata.extract_sitename(tree), _TRAFILATURA),
    )
    title = choose(
        "title",
        (declared.headline, declared_as("headline")),
        (fallback.title, _TRAFILATURA),
        (trafilatura_metadata.extract_title(tree), _TRAFILATURA),
    )
    authors = _authors(declared, fallback.author, tree, provenance)
    canonical = choose(
        "url", (fallback.url, _TRAFILATURA), (trafilatura_metadata.extract_url(tree), _TRAFILATURA)
    )
    if canonical is None and url:
        canonical, provenance["url"] = url, f"{_OWN}:caller-url"
    published = _published(tree, canonical or url, declared, provenance)
    updated = declared.modified
    if updated is not None and (published is None or published.value is None or updated > published.value):
        provenance["updated"] = declared_as("modified")
    else:
        updated = None
    return PageMetadata(title, authors, outlet, canonical, published, updated, provenance, declared.body)


def _authors(
    declared: StructuredMetadata, meta_author: str | None, tree: Any, provenance: dict[str, str]
) -> tuple[str, ...]:
    declared_source = dict(declared.source).get("authors", "json-ld")
    for names, source, lazy in (
        (declared.authors, f"{_OWN}:{declared_source}", False),
        ((meta_author,), _TRAFILATURA, False),
        ((), _TRAFILATURA, True),
    ):
        if lazy:  # the byline search through the page is the costly step: only when nothing is declared
            names = (trafilatura_metadata.extract_author(tree),)
        people = people_in_byline(names)
        if people:
            provenance["authors"] = source
            return people
    return ()


def _published(
    tree: Any, page_url: str | None, declared: StructuredMetadata, provenance: dict[str, str]
) -> DateEvidence | None:
    markup = find_date(tree, **{**set_date_params(extensive=False), "url": page_url})
    if markup:
        provenance["published"] = f"{_HTMLDATE}:markup"
        return _evidence(markup, DATE_MARKUP)
    if declared.published is not None:
        provenance["published"] = f"{_OWN}:{dict(declared.source).get('published', 'json-ld')}"
        return DateEvidence(declared.published, DATE_MARKUP, declared.published.isoformat())
    guessed = find_date(tree, **{**set_date_params(extensive=True), "url": page_url})
    if guessed:
        provenance["published"] = f"{_HTMLDATE}:text-search"
        return _evidence(guessed, DATE_TEXT_SEARCH)
    return None


def _evidence(raw: str, provenance: str) -> DateEvidence:
    try:
        value: date | None = date.fromisoformat(raw)  # htmldate's output format is YYYY-MM-DD
    except ValueError:
        value = None
    return DateEvidence(value=value, provenance=provenance, evidence=raw)


def _clean(value: str | None) -> str | None:
    return normalise_one_line(value)
