"""A local demo news site built from the seed articles, for trying the web path offline and for tests.

Three fictional outlets publish the seed articles with realistic page furniture and feeds:

* **The Harbour Ledger** (``/harbour-ledger/``, RSS 2.0): its feed also lists a members-only page
  under ``/harbour-ledger/private/``, which robots.txt disallows.
* **Meridian Wire Service** (``/meridian-wire/``, RSS 2.0): a wire agency.
* **Northgate Courier** (``/northgate-courier/``, Atom 1.0, an older page template): republishes
  Meridian's first story with a lightly edited lead, and its feed lists a story that now returns 404.

:meth:`DemoSite.response` is a pure function of the request, so tests can use the site without a
socket; :func:`serve` puts it on a loopback port with ETag/Last-Modified validation and gzip.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import threading
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit

from demo.pages import (
    ORIGIN,
    DemoArticle,
    DemoOutlet,
    FeedEntry,
    OutletStyle,
    render_article,
    render_atom,
    render_home,
    render_index,
    render_not_found,
    render_robots,
    render_rss,
)
from transforms.extraction.plaintext import extract_plaintext

__all__ = ["DEFAULT_BASE_URL", "DemoArticle", "DemoOutlet", "DemoSite", "serve", "write_sources_file"]

DEFAULT_BASE_URL = "http://demo.presswatch.invalid"  # used when no server address is known
KST = timezone(timedelta(hours=9), "KST")
_FIRST_PUBLISHED = datetime(2026, 1, 4, 9, 0, tzinfo=KST)
_SITE_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)  # Last-Modified of robots.txt

_HARBOUR = DemoOutlet("The Harbour Ledger", "harbour-ledger", "/harbour-ledger/feed.xml")
_NORTHGATE = DemoOutlet("Northgate Courier", "northgate-courier", "/northgate-courier/feed.xml")
_MERIDIAN = DemoOutlet("Meridian Wire Service", "meridian-wire", "/meridian-wire/feed.xml")
_STYLES = {
    _HARBOUR.slug: OutletStyle(
        "broadsheet",
        "rss",
        "Independent news from the waterfront to the world",
        ("World", "Asia", "Politics", "Business", "Opinion"),
        "#0b4f6c",
    ),
    _NORTHGATE.slug: OutletStyle(
        "courier",
        "atom",
        "Your region, your world, since 1911",
        ("News", "Asia", "Business", "Sport", "Letters"),
        "#8c1c13",
    ),
    _MERIDIAN.slug: OutletStyle(
        "broadsheet",
        "rss",
        "Fast, accurate, impartial: the wire for newsrooms",
        ("Top news", "Asia", "Markets", "Diplomacy"),
        "#2d6a4f",
    ),
}
# Seeds are dealt to outlets in this order (sorted by file name), with these invented bylines.
_ROTATION = (_HARBOUR, _MERIDIAN, _NORTHGATE)
_AUTHORS = {
    _HARBOUR.slug: ("Elinor Vance", "Callum Reyes"),
    _MERIDIAN.slug: ("Soo-ah Han", "Marcus Thornbury"),
    _NORTHGATE.slug: ("Priya Lindqvist", "Owen Maddox"),
}
# Light copy-editing a syndicating outlet applies to the wire lead (first match only).
_LEAD_EDITS = (("South Korean President", "South Korea's President"), ("historic visit", "landmark visit"))


@dataclass(frozen=True)
class _Resource:
    status: int
    content_type: str
    body: str  # may contain ORIGIN
    last_modified: datetime | None


def _slugify(title: str, taken: set[str]) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", " ", ascii_title.replace("'", "")).split()[:9]
    slug = "-".join(words) or "story"
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _split_long(paragraphs: list[str], max_chars: int = 900) -> list[str]:
    """Break wall-of-text paragraphs into groups of three sentences, as a web page would show them."""
    out: list[str] = []
    for p in paragraphs:
        if len(p) <= max_chars:
            out.append(p)
            continue
        sentences = re.split(r"(?<=[.!?”])\s+(?=[A-Z“\"])", p)
        out += [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    return out


def _describe(paragraphs: list[str], limit: int = 220) -> str:
    """First sentence of the first real paragraph, cut at a word boundary: a meta description."""
    lead = next((p for p in paragraphs if len(p) > 80), paragraphs[0] if paragraphs else "")
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", lead, maxsplit=1)[0]
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + "…"


def _fallback_title(paragraphs: list[str]) -> str:
    """A headline for a seed that has none: the lead's opening clause."""
    clause = re.split(r"[,;.]", _describe(paragraphs), maxsplit=1)[0].strip()
    return clause if clause else "Untitled report"


def _edit_lead(paragraph: str) -> str:
    for old, new in _LEAD_EDITS:
        if old in paragraph:
            paragraph = paragraph.replace(old, new, 1)
    return "BEIJING — " + paragraph


def _path(outlet: DemoOutlet, when: datetime, slug: str) -> str:
    return f"/{outlet.slug}/{when:%Y/%m/%d}/{slug}.html"


def _entry(a: DemoArticle) -> FeedEntry:
    return FeedEntry(a.title, a.path, a.description, a.author, a.published, a.updated)


def _private_page() -> DemoArticle:
    when = datetime(2026, 1, 6, 8, 0, tzinfo=KST)
    paragraphs = (
        "This briefing is for Harbour Ledger members and is not meant to be indexed or shared.",
        "Our Seoul and Beijing correspondents will file daily analysis until the president returns "
        "on Wednesday, with a longer read on what the memorandums signed this week actually commit "
        "each government to.",
        "Members can put questions to the Asia desk in a live session on Thursday at 19:00 KST.",
    )
    return DemoArticle(
        outlet=_HARBOUR,
        path="/harbour-ledger/private/members-briefing-beijing-visit.html",
        title="Members' briefing: how we are covering the Beijing visit",
        description="A note from the Asia desk for members on this week's coverage plans.",
        paragraphs=paragraphs,
        author="The Asia desk",
        section="Asia",
        published=when,
        updated=when,
        noindex=True,
    )


def _missing_entry() -> FeedEntry:
    when = datetime(2026, 1, 7, 20, 0, tzinfo=KST)
    return FeedEntry(
        title="Live: Lee wraps up four-day state visit to China",
        path=f"/{_NORTHGATE.slug}/2026/01/07/live-lee-wraps-up-state-visit.html",
        summary="Follow the final day of the state visit as it happened. (This live page has been retired.)",
        author="Owen Maddox",
        published=when,
        updated=when,
    )


@dataclass(frozen=True)
class DemoSite:
    """The demo site's content, built once from a seeds folder and never changed afterwards."""

    outlets: tuple[DemoOutlet, ...]
    articles: tuple[DemoArticle, ...]
    private_path: str  # listed in a feed, disallowed by robots.txt, served with 200
    missing_path: str  # listed in a feed, answered with 404
    _resources: Mapping[str, _Resource] = field(repr=False, compare=False)

    @classmethod
    def from_seeds(cls, seeds_dir: Path) -> DemoSite:
        """Build the site from ``seeds_dir/*.txt`` (needs at least two seeds, so Meridian has a story).

        Seeds are dealt to Harbour, Meridian, Northgate in turn and dated from 4 January 2026 at
        26-hour steps; Northgate also republishes Meridian's first story five and a half hours later.
        """
        files = sorted(Path(seeds_dir).glob("*.txt"))
        if len(files) < 2:
            raise ValueError(f"{seeds_dir}: need at least two seed articles (*.txt), found {len(files)}")
        taken: dict[str, set[str]] = {o.slug: set() for o in _ROTATION}  # slugs are unique per outlet
        articles: list[DemoArticle] = []
        per_outlet: dict[str, int] = {}
        for i, file in enumerate(files):
            doc = extract_plaintext(file.read_text(encoding="utf-8"))
            paragraphs = _split_long([p for p in doc.text.split("\n\n") if p.strip()])
            outlet = _ROTATION[i % len(_ROTATION)]
            count = per_outlet[outlet.slug] = per_outlet.get(outlet.slug, 0) + 1
            published = _FIRST_PUBLISHED + timedelta(hours=26 * i)
            title = doc.title or _fallback_title(paragraphs)
            articles.append(
                DemoArticle(
                    outlet=outlet,
                    path=_path(outlet, published, _slugify(title, taken[outlet.slug])),
                    title=title,
                    description=_describe(paragraphs),
                    paragraphs=tuple(paragraphs),
                    author=_AUTHORS[outlet.slug][(count - 1) % 2],
                    section=_STYLES[outlet.slug].sections[1],
                    published=published,
                    updated=published + timedelta(minutes=45 * (i % 2)),
                )
            )
        original = next(a for a in articles if a.outlet == _MERIDIAN)
        when = original.published + timedelta(hours=5, minutes=30)
        copy = replace(
            original,
            outlet=_NORTHGATE,
            path=_path(_NORTHGATE, when, _slugify(original.title, taken[_NORTHGATE.slug])),
            paragraphs=(_edit_lead(original.paragraphs[0]), *original.paragraphs[1:]),
            section=_STYLES[_NORTHGATE.slug].sections[1],
            published=when,
            updated=when,
            syndicated_from=original.path,
            credit=_MERIDIAN.name,
        )
        articles.append(copy)
        articles.sort(key=lambda a: a.published)
        private, missing = _private_page(), _missing_entry()
        outlets = (_HARBOUR, _NORTHGATE, _MERIDIAN)
        return cls(
            outlets=outlets,
            articles=tuple(articles),
            private_path=private.path,
            missing_path=missing.path,
            _resources=MappingProxyType(_build_resources(outlets, articles, private, missing)),
        )

    def response(
        self,
        path: str,
        request_headers: Mapping[str, str] | None = None,
        *,
        base_url: str = DEFAULT_BASE_URL,
    ) -> tuple[int, dict[str, str], bytes]:
        """Answer a GET for ``path``: (status, headers, body). Pure: same inputs, same answer.

        ``request_headers`` may carry If-None-Match / If-Modified-Since (answered with 304) and
        Accept-Encoding (gzip). Absolute links in pages and feeds point at ``base_url``. Date and
        Server headers are left to the HTTP server.
        """
        asked = {k.lower(): v for k, v in (request_headers or {}).items()}
        route = urlsplit(path).path or "/"
        resource = self._resources.get(route)
        if resource is None and not route.endswith("/") and route + "/" in self._resources:
            return 301, {"Location": route + "/", "Content-Length": "0"}, b""
        if resource is None:
            outlet = next((o for o in self.outlets if route.startswith(f"/{o.slug}/")), None)
            resource = _Resource(404, "text/html; charset=utf-8", render_not_found(outlet), None)

        body = resource.body.replace(ORIGIN, base_url.rstrip("/")).encode("utf-8")
        headers = {"Content-Type": resource.content_type, "Vary": "Accept-Encoding"}
        etag = None
        if resource.status == 200 and resource.last_modified is not None:
            etag = hashlib.sha1(body).hexdigest()[:20]
            headers["ETag"] = f'"{etag}"'
            headers["Last-Modified"] = format_datetime(resource.last_modified.astimezone(UTC), usegmt=True)
            headers["Cache-Control"] = "public, max-age=300"
            if _not_modified(asked, etag, resource.last_modified):
                del headers["Content-Type"]
                return 304, headers, b""
        else:
            headers["Cache-Control"] = "no-cache"
        if _accepts_gzip(asked.get("accept-encoding", "")):
            body = gzip.compress(body, mtime=0)  # mtime=0: same bytes every time, so the ETag holds
            headers["Content-Encoding"] = "gzip"
            if etag is not None:
                headers["ETag"] = f'"{etag}-gzip"'  # a different representation needs its own tag
        headers["Content-Length"] = str(len(body))
        return resource.status, headers, body


def _build_resources(
    outlets: tuple[DemoOutlet, ...], articles: list[DemoArticle], private: DemoArticle, missing: FeedEntry
) -> dict[str, _Resource]:
    html = "text/html; charset=utf-8"
    feed_types = {"rss": "application/rss+xml; charset=utf-8", "atom": "application/atom+xml; charset=utf-8"}
    private_dir = private.path.rsplit("/", 1)[0] + "/"
    resources: dict[str, _Resource] = {
        "/": _Resource(200, html, render_index(outlets), max(a.updated for a in articles)),
        "/robots.txt": _Resource(200, "text/plain; charset=utf-8", render_robots([private_dir]), _SITE_EPOCH),
    }
    for n, outlet in enumerate(outlets):
        style = _STYLES[outlet.slug]
        own = [a for a in articles if a.outlet == outlet]
        for k, article in enumerate(own):
            related = [a for a in reversed(own) if a is not article][:3]
            page = render_article(article, style, related, seed=n * 3 + k)
            resources[article.path] = _Resource(200, html, page, article.updated)
        entries = [_entry(a) for a in own]
        if outlet == private.outlet:
            page = render_article(private, style, own[:2], seed=0)
            resources[private.path] = _Resource(200, html, page, private.updated)
            entries.append(_entry(private))
        if missing.path.startswith(f"/{outlet.slug}/"):
            entries.append(missing)  # no resource: the feed points at a page that is gone
        entries.sort(key=lambda e: e.published, reverse=True)
        newest = max(e.updated for e in entries)
        render_feed = render_atom if style.feed_format == "atom" else render_rss
        resources[outlet.feed_path] = _Resource(
            200, feed_types[style.feed_format], render_feed(outlet, style, entries), newest
        )
        home = render_home(outlet, style, sorted(own, key=lambda a: a.published, reverse=True))
        resources[f"/{outlet.slug}/"] = _Resource(200, html, home, newest)
    return resources


def _not_modified(asked: Mapping[str, str], etag: str, last_modified: datetime) -> bool:
    """RFC 9110 §13.1: If-None-Match wins; If-Modified-Since only counts without it."""
    if "if-none-match" in asked:
        tags = [t.strip() for t in asked["if-none-match"].split(",")]
        return any(t == "*" or t.removeprefix("W/").strip('"').removesuffix("-gzip") == etag for t in tags)
    since = asked.get("if-modified-since")
    if not since:
        return False
    try:
        when = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False  # an unparseable date is ignored, as the RFC says
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return last_modified.replace(microsecond=0) <= when


def _accepts_gzip(accept_encoding: str) -> bool:
    for part in accept_encoding.lower().split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip() in ("gzip", "x-gzip", "*"):
            q = params.strip().removeprefix("q=")
            try:
                return float(q) > 0 if params.strip().startswith("q=") else True
            except ValueError:
                return True
    return False


def serve(site: DemoSite, host: str = "127.0.0.1", port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Serve ``site`` from a daemon thread; return the server and its base URL (``port=0``: any free).

    Stop it with ``server.shutdown(); server.server_close()``.
    """

    class Handler(BaseHTTPRequestHandler):
        server_version = "PresswatchDemo/1.0"
        sys_version = ""  # no Python version in the Server header
        protocol_version = "HTTP/1.1"  # keep-alive, as real sites do; every reply has a length

        def do_GET(self) -> None:
            self._answer(send_body=True)

        def do_HEAD(self) -> None:
            self._answer(send_body=False)

        def _answer(self, send_body: bool) -> None:
            status, headers, body = site.response(self.path, dict(self.headers.items()), base_url=base_url)
            self.send_response(status)  # also writes Server and Date
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if send_body and body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output quiet

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    bound_host, bound_port = server.server_address[:2]
    host_text = bound_host.decode() if isinstance(bound_host, bytes) else str(bound_host)
    shown = f"[{host_text}]" if ":" in host_text else host_text
    base_url = f"http://{shown}:{bound_port}"
    threading.Thread(target=server.serve_forever, name="presswatch-demo-site", daemon=True).start()
    return server, base_url


def _toml_string(value: str) -> str:
    # JSON string syntax is valid TOML basic-string syntax for everything json.dumps emits.
    return json.dumps(value, ensure_ascii=False)


def write_sources_file(site: DemoSite, base_url: str, path: Path, *, host_delay: float | None = None) -> None:
    """Write a presswatch sources.toml with one ``kind = "feed"`` source per outlet of ``site``.

    ``host_delay`` overrides the polite default delay between requests to one host (tests use less).
    """
    base = base_url.rstrip("/")
    lines = [
        "# presswatch sources for the offline demo news site (demo.site).",
        f"# Generated for {base}; regenerate when the demo server moves to another port.",
        "",
        "[fetch]",
        "# The demo site lives on loopback, which the fetcher refuses unless allowed here.",
        'allow_private_networks = ["127.0.0.0/8"]',
        *([f"host_delay = {host_delay}"] if host_delay is not None else []),
    ]
    for outlet in site.outlets:
        lines += [
            "",
            "[[source]]",
            f"id = {_toml_string(outlet.slug)}",
            'kind = "feed"',
            f"url = {_toml_string(base + outlet.feed_path)}",
            f"outlet = {_toml_string(outlet.name)}",
        ]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
