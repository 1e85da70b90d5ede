"""Turn a fetched feed payload (bytes + HTTP headers) into entries: RSS, Atom, RDF via feedparser; JSON Feed.

Pure with respect to the outside world: no filesystem, no network. Hostile payloads are expected
(NOTES.md section 4, "Feeds"), so:

- feedparser only ever sees ``io.BytesIO(body)``: given bytes or str it first tries to open them as a path
  or URL. The HTTP headers go in as ``response_headers`` (lower-cased) so declared charsets count.
- Parsing runs in one long-lived worker process (:class:`runtime.isolation.IsolatedWorker`, the same
  mechanism as page extraction) with a deadline per feed and an address-space cap; a worker that
  overruns or dies is killed and replaced, and the call returns an error result. Any exception
  becomes ``"parser error: ..."``.
- Entity bombs and external entities: the body is decoded (feedparser's own charset rules) and every
  entity declaration but one-character ones is removed before feedparser sees it; feedparser keeps long
  literal entities, which its fallback parser expands without limit. External entities are never
  fetched. The worker's deadline and memory cap are the backstop for anything that slips through.
- Charsets: RFC 3023 as feedparser implements it, plus two silent failures corrected and reported (a BOM
  without a declared charset; a Latin-1/ASCII header on a UTF-8 body). Character references beyond
  U+10FFFF or to surrogates, which make feedparser raise, become U+FFFD.
- Text fields are plain text (tags, scripts and styles stripped, entities unescaped, control characters
  and lone surrogates removed); links are absolute http(s) URLs or None.
"""

from __future__ import annotations

import atexit
import codecs
import contextlib
import html
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.sax import SAXParseException

from runtime.isolation import IsolatedWorker

__all__ = ["FeedEntry", "FeedResult", "parse_feed", "shutdown_worker"]

_WORKER_MEMORY_LIMIT = 1 << 30  # bytes of address space for the parse worker (RLIMIT_AS)
_MAX_ERROR_CHARS = 300


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed, reduced to what the pipeline needs; every text field is plain text."""

    link: str | None  # absolute http(s) article URL (resolved against the feed URL / xml:base)
    title: str | None
    entry_id: str | None
    published: date | None  # from published/updated (UTC when the feed gives an offset)
    published_raw: str | None
    summary: str | None  # plain text, HTML stripped
    author: str | None


@dataclass(frozen=True)
class FeedResult:
    """What one payload turned out to be; ``error`` is None only when it parsed cleanly."""

    kind: str  # "rss20", "atom10", "rss10", "jsonfeed", ... or "" when not a feed
    title: str | None
    entries: tuple[FeedEntry, ...]
    error: str | None
    is_feed: bool


def parse_feed(
    body: bytes, headers: Mapping[str, str] | None = None, url: str | None = None, *, timeout: float = 10.0
) -> FeedResult:
    """Parse a feed payload into entries without ever raising on its content.

    ``headers`` are the HTTP response headers (any case; ``Content-Type`` charset matters), ``url`` the
    feed's URL, used as the base for relative links (a ``Content-Location`` header is resolved against it).
    The parse runs in a worker process and is abandoned after ``timeout`` seconds
    (error ``"parse timed out after N s"``). Not-a-feed payloads (empty, HTML, plain text, JSON that is
    not a JSON Feed) give ``is_feed=False``, ``kind=""`` and an error starting ``"not a feed: "``.
    Feeds with problems keep the entries recovered; ``error`` then starts with "malformed XML",
    "encoding mismatch", "non-XML content type", "unknown encoding" or "malformed JSON Feed" and ends
    with "(N entries recovered)". "parser error: ..." and "parse timed out ..." come with no entries.
    Thread-safe; calls share one worker and run one at a time. Raises ValueError only for ``timeout <= 0``.
    """
    if not timeout > 0:
        raise ValueError("timeout must be positive")
    if isinstance(body, str):
        body = body.encode("utf-8")
    elif isinstance(body, bytearray | memoryview):
        body = bytes(body)
    elif not isinstance(body, bytes):
        return _failure(f"parser error: body must be bytes, not {type(body).__name__}")
    if not body.strip():
        return _not_a_feed("empty body")  # no need to wake the worker
    call = _WORKER.call((body, _normalise_headers(headers, url), url), timeout)
    if call.error is None:
        return call.value
    if call.error.startswith("timed out"):
        return _failure(f"parse timed out after {timeout:g} s")
    return _failure(f"parser error: parse worker failed: {call.error}")


def shutdown_worker() -> None:
    """Stop the parse worker process (a later parse_feed starts a new one); safe to call any time."""
    _WORKER.stop()


# --- parsing (runs inside the worker) ---------------------------------------------------------------


def _parse_safely(body: bytes, headers: dict[str, str], url: str | None) -> FeedResult:
    """The unguarded parse; every exception (MemoryError and RecursionError included) becomes a result."""
    try:
        return _parse_payload(body, headers, url)
    except Exception as exc:
        return _failure(f"parser error: {_describe(exc)}")


def _parse_payload(body: bytes, headers: dict[str, str], url: str | None) -> FeedResult:
    head = _sniff(body)
    if head.startswith(("{", "[")):
        return _parse_json(body, headers, url)
    import feedparser
    from feedparser.encodings import convert_to_utf8

    headers, problem = _correct_charset(body, headers)
    problems = [problem] if problem else []
    # Decode first with feedparser's own rules (RFC 3023: header, BOM, XML declaration), so that entity
    # declarations can be defused whatever the charset; the parse itself then reads declared UTF-8.
    decoding: dict[str, Any] = {}
    utf8 = convert_to_utf8(headers, body, decoding)
    data = body
    if decoding.get("encoding"):
        data, headers = utf8, {**headers, "content-type": "application/xml; charset=utf-8"}
        if decoding.get("bozo"):
            problems.append(_bozo_label(decoding.get("bozo_exception")))
    data = _defuse_entities(data)  # a reference to a removed entity shows up as bozo "undefined entity"
    data = _BAD_CHAR_REF.sub(_replace_bad_char_ref, data)
    # BytesIO, never bytes or str: feedparser opens those as a path or URL (NOTES.md section 1).
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    kind = parsed.get("version") or ""
    if not kind:
        return _not_a_feed(_looks_like(head, body))
    base = headers.get("content-location") or url
    entries = tuple(_feedparser_entry(e, base) for e in parsed.get("entries", ()))
    if parsed.get("bozo"):
        problems.append(_bozo_label(parsed.get("bozo_exception")))
    error = f"{'; '.join(problems)} ({len(entries)} entries recovered)" if problems else None
    title = _plain(parsed.get("feed", {}).get("title"))
    return FeedResult(kind=kind, title=title, entries=entries, error=error, is_feed=True)


def _feedparser_entry(entry: Mapping[str, Any], base: str | None) -> FeedEntry:
    raw = entry.get("published") or entry.get("updated") or entry.get("created")
    struct = entry.get("published_parsed") or entry.get("updated_parsed") or entry.get("created_parsed")
    published = None
    if struct:
        try:
            published = date(struct.tm_year, struct.tm_mon, struct.tm_mday)
        except (ValueError, AttributeError):
            published = None
    if published is None and isinstance(raw, str):
        published = _date_from_string(raw)
    summary = entry.get("summary")
    content = entry.get("content")
    if not summary and content and isinstance(content[0], Mapping):
        summary = content[0].get("value")  # Atom entries with only <content>
    names = [str(a["name"]) for a in entry.get("authors") or () if isinstance(a, Mapping) and a.get("name")]
    return FeedEntry(
        link=_safe_link(entry.get("link"), base),
        title=_plain(entry.get("title")),
        entry_id=_clean(entry.get("id")),
        published=published,
        published_raw=_clean(raw),
        summary=_plain(summary),
        author=_plain(", ".join(names) if names else entry.get("author")),
    )


_BOZO_LABELS = {
    "CharacterEncodingOverride": "encoding mismatch",
    "CharacterEncodingUnknown": "unknown encoding",
    "NonXMLContentType": "non-XML content type",
}


# "<!ENTITY", then optionally the rest of a well-formed declaration up to ">". No branch crosses a "<", so an
# attempt never runs past the next markup and the whole scan stays linear. A declaration that does not fit
# (unterminated, or "<" inside its value) loses just its "<!ENTITY" token, and with it any effect.
_ENTITY_DECL = re.compile(rb"""<!ENTITY(?:(?:[^<>"']|"[^"<]*"|'[^'<]*')*>)?""")
_HARMLESS_ENTITY = re.compile(
    rb"""<!ENTITY\s+[\w.-]+\s+(?:"(?:&#\w+;|[^&%<"]{0,16})"|'(?:&#\w+;|[^&%<']{0,16})')\s*>"""
)


def _defuse_entities(data: bytes) -> bytes:
    """Remove DTD entity declarations that could expand (or read files); keep one-character ones.

    feedparser drops declarations whose value holds a reference but keeps long literal ones, and when expat
    stops at its amplification limit its fallback parser expands those without limit: a 40 KB payload
    became a 100 MB summary. Kept values are one character reference or at most 16 plain bytes; external
    (SYSTEM/PUBLIC) and parameter entities always go. ``data`` is UTF-8 (or undecodable bytes).
    """
    if b"<!ENTITY" not in data:
        return data
    return _ENTITY_DECL.sub(lambda m: m.group(0) if _HARMLESS_ENTITY.fullmatch(m.group(0)) else b"", data)


# feedparser raises (ValueError, OverflowError, UnicodeEncodeError) on references to code points beyond
# U+10FFFF or to surrogates; replacing them keeps the rest of the feed.
_BAD_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")


def _replace_bad_char_ref(match: re.Match[bytes]) -> bytes:
    hex_digits, digits = match.groups()
    text = (hex_digits or digits).lstrip(b"0")
    if len(text) > 7:  # beyond any code point (and int() of a huge string is itself refused)
        return b"&#xFFFD;"
    code = int(text or b"0", 16 if hex_digits else 10)
    return b"&#xFFFD;" if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF else match.group(0)


_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)""")
_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_SINGLE_BYTE = frozenset({"ascii", "latin-1", "iso8859-1", "cp1252"})


def _codec(name: str | None) -> str | None:
    try:
        return codecs.lookup(name).name if name else None
    except LookupError:
        return None


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32be"),
    (codecs.BOM_UTF16_LE, "utf-16le"),
    (codecs.BOM_UTF16_BE, "utf-16be"),
    (codecs.BOM_UTF8, "utf-8"),
)


def _correct_charset(body: bytes, headers: dict[str, str]) -> tuple[dict[str, str], str | None]:
    """Fix the two charset cases feedparser gets wrong silently; report a header that said otherwise.

    - A byte order mark names the encoding outright, but with no charset in the header or the XML
      declaration feedparser tries UTF-8 first, which "succeeds" on UTF-16 text (NULs are valid UTF-8).
    - A Latin-1/ASCII HTTP charset on a UTF-8 body: the header wins (RFC 3023) and the text becomes
      mojibake. Non-ASCII bytes that decode as UTF-8 are UTF-8 with near certainty, so unless the XML
      declaration names another charset the body is read as UTF-8.
    """
    content_type = headers.get("content-type", "application/xml")
    match = _CHARSET.search(content_type)
    declared = _codec(match.group(1)) if match else None
    actual = next((name for bom, name in _BOMS if body.startswith(bom)), None)
    if actual is None and declared in _SINGLE_BYTE and not body.isascii():
        in_xml = _XML_ENCODING.search(body[:200])
        if not in_xml or _codec(in_xml.group(1).decode("ascii")) == "utf-8":
            try:
                body.decode("utf-8")
                actual = "utf-8"
            except UnicodeDecodeError:
                pass
    if actual is None or (declared and str(_codec(actual)).startswith(declared)):  # "utf-16" covers both
        return headers, None
    fixed = _CHARSET.sub(f"charset={actual}", content_type) if match else f"{content_type}; charset={actual}"
    problem = f"encoding mismatch: HTTP charset {match.group(1)} but the body is {actual}" if match else None
    return {**headers, "content-type": fixed}, problem


def _bozo_label(exc: object) -> str:
    label = _BOZO_LABELS.get(type(exc).__name__)
    if label:  # feedparser's own exceptions: the message says it all
        return f"{label}: {_describe(str(exc))}"
    if isinstance(exc, SAXParseException):  # "line 3, column 15: mismatched tag", without "<unknown>:"
        where = f"line {exc.getLineNumber()}, column {exc.getColumnNumber()}"
        return f"malformed XML: {where}: {_describe(exc.getMessage())}"
    return f"malformed XML: {_describe(exc)}"


# --- JSON Feed (https://jsonfeed.org/version/1.1; feedparser does not read it) ---------------------


def _parse_json(body: bytes, headers: Mapping[str, str], url: str | None) -> FeedResult:
    text = _decode(body, headers)
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as exc:
        what = "JSON Feed" if "jsonfeed.org/version" in text[:4096] else "JSON"
        return _not_a_feed(f"malformed {what} ({_describe(exc)})")
    version = doc.get("version") if isinstance(doc, dict) else None
    if not (isinstance(version, str) and re.match(r"https?://jsonfeed\.org/version/", version)):
        return _not_a_feed("JSON without JSON Feed version")
    base = url or _str(doc.get("feed_url"))
    items = doc.get("items")
    if not isinstance(items, list):
        items = []
        error: str | None = "malformed JSON Feed: items is not a list (0 entries recovered)"
    else:
        error = None
    objects = [item for item in items if isinstance(item, dict)]
    entries = tuple(_json_entry(item, base, doc) for item in objects)
    if len(objects) < len(items):
        error = f"malformed JSON Feed: {len(items) - len(objects)} items are not objects "
        error += f"({len(entries)} entries recovered)"
    return FeedResult("jsonfeed", _plain(_str(doc.get("title"))), entries, error, True)


def _json_entry(item: dict[str, Any], base: str | None, feed: dict[str, Any]) -> FeedEntry:
    raw = _str(item.get("date_published")) or _str(item.get("date_modified"))
    summary = _str(item.get("summary")) or _str(item.get("content_text"))
    # content_html is HTML by definition; the other fields are text that may still carry tags.
    summary = _plain(summary) if summary else _plain(_str(item.get("content_html")), is_html=True)
    authors = item.get("authors") or feed.get("authors") or [item.get("author") or feed.get("author")]
    if not isinstance(authors, list):
        authors = [authors]
    names = [a["name"] for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str)]
    item_id = item.get("id")
    return FeedEntry(
        link=_safe_link(_str(item.get("url")), base) or _safe_link(_str(item.get("external_url")), base),
        title=_plain(_str(item.get("title"))),
        entry_id=_clean(str(item_id)) if isinstance(item_id, str | int) else None,
        published=_date_from_string(raw) if raw else None,
        published_raw=_clean(raw),
        summary=summary,
        author=_plain(", ".join(names)) if names else None,
    )


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _decode(body: bytes, headers: Mapping[str, str]) -> str:
    """Text of a JSON body: BOM first, then a declared charset, else UTF-8 (what JSON Feed requires)."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if body.startswith(bom):
            return body.decode(codec, "replace")
    charset = _CHARSET.search(headers.get("content-type", ""))
    try:
        return body.decode(charset.group(1) if charset else "utf-8", "replace")
    except LookupError:
        return body.decode("utf-8", "replace")


# --- what a non-feed looked like ---------------------------------------------------------------------


def _sniff(body: bytes) -> str:
    """The first KiB as text for classification: BOM-aware, else Latin-1 (never fails, ASCII-compatible)."""
    head = body[:1024]
    # BOMs, then the byte patterns of "<" in BOM-less UTF-32/16 (XML 1.0 appendix F).
    for prefix, codec, skip in ((codecs.BOM_UTF32_LE, "utf-32-le", 4), (codecs.BOM_UTF32_BE, "utf-32-be", 4),
                                (codecs.BOM_UTF16_LE, "utf-16-le", 2), (codecs.BOM_UTF16_BE, "utf-16-be", 2),
                                (b"\0\0\0<", "utf-32-be", 0), (b"<\0\0\0", "utf-32-le", 0),
                                (b"\0<", "utf-16-be", 0), (b"<\0", "utf-16-le", 0)):  # fmt: skip
        if head.startswith(prefix):
            return head[skip:].decode(codec, "ignore").lstrip()
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    return head.decode("latin-1").lstrip()


_HTML_MARKERS = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<div[\s>]", re.IGNORECASE
)


_ROOT = re.compile(r"<([A-Za-z_][\w:.-]{0,60})")


def _looks_like(head: str, body: bytes) -> str:
    if _HTML_MARKERS.search(head):
        return "HTML page"
    if b"\x00" in body[:1024] and not head.startswith("<"):
        return "binary data"
    if head.startswith("<"):
        root = _ROOT.search(re.sub(r"<!--.*?-->", "", head, flags=re.DOTALL))
        return (
            f"XML without an RSS, Atom or RDF root element ({f'<{root.group(1)}>' if root else 'none found'})"
        )
    return "plain text"


# --- plain text and safe links ------------------------------------------------------------------------

_WHITESPACE = re.compile(r"\s+")
_BREAK = "\ue000"  # a private-use character marks block breaks, so later rounds can collapse whitespace
_TAG_LIKE = re.compile(r"<\s*/?\s*[a-zA-Z!?]")
_UNSAFE_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "td", "th", "tr", "ul",
})  # fmt: skip
# Their content is never text a reader sees; all have end tags, so a depth counter works.
_HIDDEN_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "object", "applet", "svg", "math", "head", "title",
})  # fmt: skip


class _TextExtractor(HTMLParser):
    """Collect visible text; script/style and friends are dropped with their content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append(_BREAK)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:  # <br/>: a break, and never opens a hidden section
            self.parts.append(_BREAK)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append(_BREAK)

    def handle_data(self, data: str) -> None:
        if not self._hidden:  # in HTML a line break in the source is just a space; block tags make lines
            self.parts.append(_WHITESPACE.sub(" ", data))


def _strip_html(text: str) -> str:
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def _plain(value: object, *, is_html: bool = False) -> str | None:
    """Plain text: markup stripped, also markup escaped once or twice; whitespace collapsed per line."""
    if not isinstance(value, str):
        return None
    text, stripped = value.replace(_BREAK, ""), False
    for _ in range(3):  # each round removes one layer of escaping
        if not (is_html or _TAG_LIKE.search(text)):
            unescaped = html.unescape(text)
            if not _TAG_LIKE.search(unescaped):
                break
            text = unescaped  # "&lt;script&gt;" is markup one unescape away: strip it too
        text, is_html, stripped = _strip_html(text), False, True
    if not stripped:
        text = html.unescape(text)  # the HTML parser already unescaped what it read
    return _clean(text.replace(_BREAK, "\n"))


def _clean(value: object) -> str | None:
    """Text without control characters or lone surrogates, whitespace collapsed per line; None when empty."""
    if not isinstance(value, str):
        return None
    lines = (" ".join(line.split()) for line in _UNSAFE_CHARS.sub("", value).splitlines())
    return "\n".join(line for line in lines if line) or None


def _safe_link(link: object, base: str | None) -> str | None:
    """An absolute http(s) URL resolved against ``base``; anything else (javascript:, data:, file:): None."""
    if not isinstance(link, str) or not link.strip():
        return None
    link = link.strip().replace(" ", "%20")
    if _UNSAFE_CHARS.search(link) or any(ch.isspace() for ch in link):
        return None
    if base and _is_http_url(base):
        link = urljoin(base, link)
    return link if _is_http_url(link) else None


def _is_http_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
        return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:  # e.g. an invalid IPv6 literal
        return False


def _normalise_headers(headers: Mapping[str, str] | None, url: str | None) -> dict[str, str]:
    """Lower-cased string headers for feedparser, with the feed URL as Content-Location (the link base)."""
    out: dict[str, str] = {}
    for name, value in (headers or {}).items():
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        if isinstance(name, str) and isinstance(value, str):
            out[name.strip().lower()] = value.strip()
    location = out.get("content-location")
    if url and _is_http_url(url):
        out["content-location"] = urljoin(url, location) if location else url
    elif location and not _is_http_url(location):
        del out["content-location"]
    # With headers but no Content-Type feedparser assumes ISO-8859-1 and flags the feed; a missing type means
    # "unknown", so let the BOM / XML declaration / UTF-8 decide, as with no headers at all.
    if out and "content-type" not in out:
        out["content-type"] = "application/xml"
    return out


# --- small helpers ------------------------------------------------------------------------------------


def _date_from_string(raw: str) -> date | None:
    """A date from ISO 8601 / RFC 3339 or RFC 822 text; aware times are converted to UTC first."""
    raw = raw.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            parsed = None
    if parsed is None:
        return None
    if parsed.tzinfo is not None:
        with contextlib.suppress(OverflowError, ValueError):  # year 1 or 9999 near a day boundary
            parsed = parsed.astimezone(UTC)
    return parsed.date()


def _describe(exc: object) -> str:
    text = f"{type(exc).__name__}: {exc}" if isinstance(exc, BaseException) else str(exc)
    text = _UNSAFE_CHARS.sub("", " ".join(text.split()))
    return text if len(text) <= _MAX_ERROR_CHARS else text[: _MAX_ERROR_CHARS - 1] + "…"


def _not_a_feed(why: str) -> FeedResult:
    return FeedResult(kind="", title=None, entries=(), error=f"not a feed: {why}", is_feed=False)


def _failure(error: str) -> FeedResult:
    return FeedResult(kind="", title=None, entries=(), error=error, is_feed=False)


# The guard: one long-lived worker process (runtime.isolation) with a deadline per feed.
_WORKER = IsolatedWorker(_parse_safely, memory_limit=_WORKER_MEMORY_LIMIT)
atexit.register(shutdown_worker)
