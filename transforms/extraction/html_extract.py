"""Main text and page metadata from one HTML page, with trafilatura.

Pure: HTML in, an :class:`~transforms.documents.ExtractedDocument` out; no network, no files,
no clock beyond htmldate's default "no dates after today" bound.

Failure design: extraction never raises. :func:`extract_html_outcome` returns an :class:`HtmlOutcome`
holding either the document or a reason string for the caller to record; :func:`extract_html` is the
same call reduced to ``document | None``. Reasons start with a stable code, optionally followed by
``": detail"``:

``unsupported-input``  neither ``str`` nor ``bytes``
``empty-input``        nothing but whitespace
``too-large``          more than :data:`MAX_INPUT_SIZE` characters/bytes (memory and time guard)
``binary-input``       NUL bytes or a known binary/compressed signature (image, PDF, archive, gzip)
``not-html``           the parser found no HTML document
``no-main-text``       no strategy found main text (too short, or only furniture)
``extractor-error``    trafilatura or lxml raised; the detail names the exception

Wall-clock limits are the caller's job (run extraction where it can be timed out): the size cap bounds
memory, not every pathological structure.

Strategies, in order, each tried only while no text was found: trafilatura's fast pass (its full
cascade when that text is short), a pass without trafilatura's duplicate filter, and the JSON-LD
``articleBody`` (which also replaces a teaser of the same article). The furniture post-filter
(:func:`transforms.extraction.boilerplate.strip_furniture`) then runs on whichever text won; metadata
comes from :mod:`transforms.extraction.page_metadata`, read before trafilatura prunes the tree.

Settings (measured on the shared 100-page evaluation corpus, see ``bench/bench_extract.py``):
balanced focus, comments excluded, tables kept, per-call deduplication. Precision focus removed
slightly more furniture but lost more article text and one whole page; dropping tables lost article
text and removed no furniture.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import trafilatura
from lxml import etree
from trafilatura.deduplication import LRUCache
from trafilatura.utils import load_html

from transforms.documents import ExtractedDocument
from transforms.extraction.boilerplate import strip_furniture
from transforms.extraction.page_metadata import DATE_TEXT_SEARCH, read_page_metadata
from transforms.limits import MAX_PAYLOAD_BYTES
from transforms.text.characters import normalise_characters, normalise_language_tag, normalise_paragraphs

__all__ = ["DATE_TEXT_SEARCH", "MAX_INPUT_SIZE", "HtmlOutcome", "extract_html", "extract_html_outcome"]

EXTRACTOR = "trafilatura"
EXTRACTOR_VERSION: str = trafilatura.__version__
# Fields this module reads from the page itself rather than through trafilatura.
_OWN = "presswatch.html_extract@1"
_MAIN_TEXT = f"{EXTRACTOR}@{EXTRACTOR_VERSION}:main-text"
#: The body the page declares in JSON-LD (``articleBody``), taken over a teaser the layout showed.
_DECLARED_BODY = f"{_OWN}:json-ld-article-body"
#: The text of a page the deduplicating passes gave nothing for, from a pass without deduplication.
_MAIN_TEXT_UNDEDUPLICATED = f"{_MAIN_TEXT}:without-deduplication"

#: A main text at least this long from the fast pass is kept; a shorter one gets the full cascade.
#: Chosen on 400 corpus pages outside the development subset ("with" snippet recall 0.947 against the
#: full cascade's 0.946, same precision); on the other 449: recall 0.935 against 0.939, precision
#: 0.878 against 0.879, 17 % less time, 8 % of pages taking the second pass.
FAST_PATH_MIN_CHARS = 1000

#: A layout text shorter than this may be a teaser the JSON-LD ``articleBody`` replaces.
DECLARED_BODY_TEASER_CHARS = 1000
_SAME_START_CHARS = 80

#: Largest input accepted, in characters (str) or bytes (bytes): bigger inputs are refused, not truncated.
MAX_INPUT_SIZE = MAX_PAYLOAD_BYTES

_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),  # Content-Encoding is the fetch layer's job; never inflate here
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"RIFF", "RIFF media"),
    (b"\x00\x00\x01\x00", "ICO image"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SNIFF = 4096

# Page text and its invisible part, as two plain paths: an ancestor test per text node costs four times
# as much as one string() of the body and the few script and style nodes.
_BODY_TEXT = etree.XPath("string(//body)")
_INVISIBLE_TEXT = etree.XPath(
    "//body//script//text()|//body//style//text()|//body//noscript//text()|//body//template//text()"
)
_LANGUAGE_SOURCES = (
    etree.XPath("/html/@lang"),
    etree.XPath("/html/@xml:lang", namespaces={"xml": "http://www.w3.org/XML/1998/namespace"}),
    etree.XPath(
        "//head/meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')"
        "='content-language']/@content"
    ),
    etree.XPath("//head/meta[@property='og:locale']/@content"),
)


@dataclass(frozen=True)
class HtmlOutcome:
    """The result of one extraction: a document, or the reason there is none (never both)."""

    document: ExtractedDocument | None
    reason: str | None = None


def extract_html(html: str | bytes, url: str | None = None) -> ExtractedDocument | None:
    """Extract the main text and metadata of one HTML page; ``None`` when there is none.

    ``url`` is where the page was fetched from; it helps date detection and is the document URL when
    the page declares no canonical URL. Never raises; use :func:`extract_html_outcome` to learn why a
    page gave nothing.
    """
    return extract_html_outcome(html, url).document


def extract_html_outcome(html: str | bytes, url: str | None = None) -> HtmlOutcome:
    """Extract one HTML page like :func:`extract_html`, returning the failure reason too.

    Never raises: unusable input and extractor errors come back as ``HtmlOutcome(None, reason)`` with
    a reason code listed in the module docstring.
    """
    reason = _reject_input(html)
    if reason is not None:
        return HtmlOutcome(None, reason)
    if isinstance(html, bytes) and html.startswith(_UTF16_BOMS):
        html = html.decode("utf-16", errors="replace")
    try:
        return _extract(html, url)
    except Exception as err:  # lxml/htmldate/trafilatura internals: record, never crash the batch
        return HtmlOutcome(None, f"extractor-error: {type(err).__name__}: {err}"[:300])


def _reject_input(html: object) -> str | None:
    """Cheap checks before any parsing; the reason, or ``None`` when the input is worth parsing."""
    if not isinstance(html, str | bytes):
        return f"unsupported-input: {type(html).__name__}"
    if len(html) > MAX_INPUT_SIZE:
        return f"too-large: {len(html)} > {MAX_INPUT_SIZE}"
    if not html.strip():
        return "empty-input"
    if isinstance(html, str):
        return "binary-input: NUL characters" if "\x00" in html[:_SNIFF] else None
    head = html.lstrip()[:16]
    for signature, kind in _BINARY_SIGNATURES:
        if head.startswith(signature):
            return f"binary-input: {kind}"
    if not html.startswith(_UTF16_BOMS) and b"\x00" in html[:_SNIFF]:
        return "binary-input: NUL bytes"
    return None


def _extract(html: str | bytes, url: str | None) -> HtmlOutcome:
    tree = load_html(html, MAX_INPUT_SIZE)
    if tree is None:
        return HtmlOutcome(None, "not-html")
    # Read before extraction, which prunes the tree in place.
    metadata = read_page_metadata(tree, url)
    language = _page_language(tree)
    visible = _nonspace_len(str(_BODY_TEXT(tree))) - _nonspace_len("".join(_INVISIBLE_TEXT(tree)))
    # First without trafilatura's comparison against its fallback extractors (readability, jusText):
    # it costs about a third of the time and changes little on a page with a substantial main text.
    # Only when that text is short is the page extracted again with the whole cascade.
    result = _trafilatura(tree, url, fast=True)
    if result is None or len(result.text or "") < FAST_PATH_MIN_CHARS:
        fresh = load_html(html, MAX_INPUT_SIZE)  # the first pass pruned its tree in place
        if fresh is not None:
            tree, result = fresh, _trafilatura(fresh, url, fast=False)
    strategy = _MAIN_TEXT
    if result is None or not (result.text or "").strip():
        # trafilatura's duplicate check discards a whole page whose paragraph repeats (a pull quote, a
        # caption shown twice): "no text" is a reason to try once more without it, not an outcome.
        fresh = load_html(html, MAX_INPUT_SIZE)
        if fresh is not None:
            tree, result = fresh, _trafilatura(fresh, url, fast=False, deduplicate=False)
            strategy = _MAIN_TEXT_UNDEDUPLICATED
    raw_text = result.text if result is not None else None
    text = normalise_paragraphs(normalise_characters(raw_text or ""), lines_are_paragraphs=True)
    if _prefer_declared_body(text, metadata.declared_body):
        text = normalise_paragraphs(
            normalise_characters(metadata.declared_body or ""), lines_are_paragraphs=True
        )
        strategy = _DECLARED_BODY
    # A second look trafilatura does not take: furniture families that sit inside article containers
    # (share and like tails, promotions, wire credits, repeated captions, the headline again).
    furniture = strip_furniture(text.split("\n\n"), metadata.title)
    text = furniture.text
    if not text:
        return HtmlOutcome(None, "no-main-text")

    provenance = {"text": strategy, **metadata.provenance}
    if metadata.authors:
        provenance["byline"] = provenance["authors"]  # the stored byline is the authors, joined
    if language is not None:
        provenance["language"] = f"{_OWN}:html-lang"
    dropped = visible - _nonspace_len(text)
    document = ExtractedDocument(
        text=text,
        title=metadata.title,
        extractor=EXTRACTOR,
        extractor_version=EXTRACTOR_VERSION,
        byline="; ".join(metadata.authors) or None,
        authors=metadata.authors,
        outlet=metadata.outlet,
        url=metadata.url,
        language=language,
        published=metadata.published,
        updated=metadata.updated,
        boilerplate_removed={
            **furniture.removed,
            **({"page_text_chars_dropped": dropped} if dropped > 0 else {}),
        },
        field_provenance=provenance,
    )
    return HtmlOutcome(document)


def _trafilatura(tree: Any, url: str | None, *, fast: bool, deduplicate: bool = True) -> Any:
    # A fresh cache per call keeps deduplication inside this page: trafilatura's default cache is
    # process-global, so a page seen three times (a re-run, a reprocessing) would come back empty.
    return trafilatura.bare_extraction(
        tree,
        url=url,
        fast=fast,
        include_comments=False,
        include_tables=True,
        deduplicate=LRUCache(maxsize=1024) if deduplicate else False,
        with_metadata=False,
    )


def _prefer_declared_body(text: str, declared: str | None) -> bool:
    """Whether the page's JSON-LD ``articleBody`` should replace the text read from the layout.

    Only where the layout gave a teaser of the same article: short, the declared body at least twice
    as long and starting the same way; or the same text, which the declared body carries with its
    paragraph breaks (trafilatura falls back to it itself but joins it into one line). On the shared
    corpus the layout text is the better one wherever it is not a teaser.
    """
    if not declared:
        return False
    flat_text, flat_body = " ".join(text.split()), " ".join(declared.split())
    if flat_text == flat_body:
        return "\n" in declared.strip()
    return (
        len(flat_text) < DECLARED_BODY_TEASER_CHARS
        and len(flat_body) >= 2 * len(flat_text)
        and flat_body.startswith(flat_text[:_SAME_START_CHARS])
    )


def _page_language(tree: Any) -> str | None:
    """The page's declared language (``<html lang>``, Content-Language, ``og:locale``) as a subtag."""
    for source in _LANGUAGE_SOURCES:
        for value in source(tree):
            tag = normalise_language_tag(str(value))
            if tag is not None:
                return tag
    return None


def _nonspace_len(text: str) -> int:
    return len("".join(text.split()))
