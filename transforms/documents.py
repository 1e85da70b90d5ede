"""Data shapes passed between loading, extraction and enrichment.

These are plain, immutable records: the transforms that produce them are pure, and
the warehouse layer turns them into rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

__all__ = ["DateEvidence", "ExtractedDocument"]


@dataclass(frozen=True)
class DateEvidence:
    """A publication date and where it came from.

    ``provenance`` names the signal, e.g. ``"metadata:html"`` (trafilatura read it from the page's
    metadata), ``"metadata:jsonl"`` (the record's own field), ``"dateline"`` (a dateline in the text),
    ``"inferred:latest-date-in-text"`` or ``"inferred:weekday-in-window"`` (guessed from the text), or
    ``"inferred:html-text-search"`` (guessed by htmldate from page text); inferred dates are weaker.
    ``evidence`` is the text snippet that gave the date.
    """

    value: date | None
    provenance: str
    evidence: str | None = None


@dataclass(frozen=True)
class ExtractedDocument:
    """One article after extraction: clean body text plus the metadata the document itself states.

    ``outlet`` is only set when the document names its publisher (a dateline credit, page metadata,
    a record field); it is never guessed from the text's cited sources. ``byline`` is the author line as
    printed, ``authors`` the people it names (organisations left out), in order. ``published`` is the
    original publication date, ``updated`` a later revision the document declares.
    ``field_provenance`` maps each populated field name to ``"<extractor>@<version>:<method>"`` so
    analysts can tell how it was derived.
    ``boilerplate_removed`` counts what the cleaner dropped, by kind (e.g. ``{"comment_prompt": 1}``).
    """

    text: str
    title: str | None
    extractor: str
    extractor_version: str
    byline: str | None = None
    authors: tuple[str, ...] = ()
    dateline: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    published: DateEvidence | None = None
    updated: date | None = None
    boilerplate_removed: dict[str, int] = field(default_factory=dict)
    field_provenance: dict[str, str] = field(default_factory=dict)
