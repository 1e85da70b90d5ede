"""A synthetic news web for scale benchmarks: N distinct article pages made from real pages, on loopback.

Each generated page is one page of the shared evaluation corpus (``../shared/corpus/html``) rewritten so that
its text and address are its own:

* some words and numbers of the page's text are rewritten (seeded per page), so pages built from the same
  corpus page differ;
* most pages (~85 %) get 2-4 English paragraphs about the event of ``seeds/event.toml`` (President Lee Jae
  Myung's state visit to China, 4-7 January 2026) inserted next to an element that holds one of the page's
  known main-text snippets (evaldata ``with``), so extractors keep them and presswatch finds the page
  relevant; the rest (~15 %) are left off-topic;
* ~5 % are syndicated near-copies: another page's article on another host with a dateline and a credit line;
* the canonical link, ``og:url`` and the URL are the page's own, and the publication date is inside the
  event's days (``article:published_time``, the date in the URL path, JSON-LD dates and ``<time datetime>``
  all agree), so the quality gate's date window holds.

Pages are written to files one by one (nothing is held in memory but the feed entries) under
``ROOT/<address>/``; every host (127.0.0.2 ... on Linux, where all of 127/8 is loopback) has ``robots.txt``
allowing everything and one RSS feed, ``/feed.xml``, listing all of its pages. :class:`SiteServer` serves
those folders with one threaded HTTP/1.1 server per address, all on one port, with ETag/Last-Modified
validation (a no-change re-run gets 304s).

Typical use::

    with SiteServer(root, host_addresses(8)) as server:
        summary = generate_site(root, pages=300, base_urls=server.base_urls, corpus=DEFAULT_CORPUS)
"""

from __future__ import annotations

import gzip
import html
import json
import os
import random
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime, formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote, urlsplit

__all__ = [
    "DEFAULT_CORPUS",
    "PagePlan",
    "SiteServer",
    "SiteSummary",
    "SourcePage",
    "event_paragraphs",
    "generate_site",
    "host_addresses",
    "load_source_pages",
    "plan_pages",
    "render_page",
]

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "html"
KST = timezone(timedelta(hours=9), "KST")
EVENT_DAYS = (4, 5, 6, 7)  # January 2026, the visit itself
OFF_TOPIC_SHARE = 0.15
SYNDICATED_SHARE = 0.05
MAX_SOURCE_BYTES = 2 * 1024 * 1024  # presswatch refuses > 5 MiB; bigger pages would only test the cap
_SITE_MTIME = datetime(2026, 1, 7, 12, 0, tzinfo=UTC).timestamp()  # Last-Modified of every file served

_BODY = re.compile(r"<body\b", re.I)
_HEAD_OPEN = re.compile(r"<head\b[^>]*>", re.I)
# Markup, scripts, styles and comments; what lies between them is page text that may be rewritten.
_MARKUP = re.compile(r"(<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<[^>]*>)", re.S | re.I)
# A word of 5+ letters or a number, never part of an entity (&raquo; &#8211;) or of a longer token.
_TOKEN = re.compile(r"(?<![&#\w])(?:[^\W\d_]{5,}|\d+)(?![\w;])")
_CANONICAL = re.compile(r"<link\b[^>]*\brel\s*=\s*[\"']?canonical\b[^>]*>", re.I)
_META_TAG = re.compile(r"<meta\b[^>]*>", re.I)
# A <meta> giving the page's address, or naming a date or time (article:published_time, DC.date, pubdate,
# og:updated_time, ...): values left over from the source page would contradict ours. Attribute values are
# matched after unescaping (some pages write og&#x3A;url).
_STALE_META = re.compile(
    r"\b(?:property|name|itemprop|http-equiv)\s*=\s*[\"']?(?:og:url\b|[^\"'>]*"
    r"(?:date|time|publish|modified|created|updated))",
    re.I,
)
_JSON_DATE = re.compile(r"(\"(?:datePublished|dateModified|dateCreated|uploadDate)\"\s*:\s*)\"[^\"]*\"")
_DATETIME_ATTR = re.compile(r"(\bdatetime\s*=\s*)(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)
_DATE_ITEMPROP = re.compile(r"(\bitemprop\s*=\s*[\"']?)(date(?:Published|Modified|Created))", re.I)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.S | re.I)
_BLOCK_OPEN = re.compile(r"<(p|div|li|td|th|dd|h[1-6]|blockquote|article|section|pre|main)\b", re.I)
_SLUG_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class SourcePage:
    """A corpus page usable as a template: its gzip file and the main-text snippets found in its body."""

    path: Path
    url: str
    snippets: tuple[str, ...]


@dataclass(frozen=True)
class PagePlan:
    """What page ``index`` is: its host, its corpus page, its kind and, for a copy, the page it copies.

    ``kind`` is ``relevant`` (event paragraphs inserted), ``off_topic`` (rewritten only) or ``syndicated``
    (page ``original``'s article, lightly edited, on another host).
    """

    index: int
    host: int
    source: SourcePage
    kind: str
    day: int
    minute: int
    original: int | None = None


@dataclass
class SiteSummary:
    """What :func:`generate_site` wrote: counts, bytes, the feed URL of every host and every page's file.

    ``relevant`` counts every page meant to be on-topic, syndicated copies included; ``kinds[i]`` is the
    kind of ``files[i]`` / ``urls[i]``.
    """

    pages: int = 0
    relevant: int = 0
    off_topic: int = 0
    syndicated: int = 0
    bytes: int = 0
    source_pages: int = 0
    feeds: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)


def host_addresses(count: int) -> list[str]:
    """``count`` loopback addresses from 127.0.0.2 up: distinct hosts for the fetcher's politeness rules."""
    if not 1 <= count <= 250:
        raise ValueError("between 1 and 250 hosts")
    return [f"127.0.0.{2 + i}" for i in range(count)]


def _read_page(path: Path) -> str | None:
    """The page as text, or None when it is not UTF-8 (pages are re-served as UTF-8)."""
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    if len(data) > MAX_SOURCE_BYTES:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _find_snippet(page: str, snippet: str, start: int) -> tuple[int, int] | None:
    """(start, end) of ``snippet`` (as written or HTML-escaped) in the page text after ``start``."""
    for form in dict.fromkeys((snippet, html.escape(snippet, quote=False), html.escape(snippet))):
        at = page.find(form, start)
        while at >= 0:
            if page.rfind("<", 0, at) <= page.rfind(">", 0, at) and not _in_script(page, at):
                return at, at + len(form)
            at = page.find(form, at + 1)
    return None


def _in_script(page: str, at: int) -> bool:
    """Whether ``at`` lies inside a ``<script>`` element (pages embed their text in JSON state too)."""
    opened = max(page.rfind("<script", 0, at), page.rfind("<SCRIPT", 0, at))
    return opened > max(page.rfind("</script", 0, at), page.rfind("</SCRIPT", 0, at))


def load_source_pages(corpus: Path, limit: int | None = None) -> list[SourcePage]:
    """Corpus pages that can be templates: UTF-8, at most 2 MiB, with a ``with`` snippet in the body.

    ``corpus`` holds ``evaldata.json`` and ``html/<file>.gz``. Pages come in evaldata order; ``limit``
    keeps the first ones (tests use a few).
    """
    evaldata = json.loads((corpus / "evaldata.json").read_text(encoding="utf-8"))
    found: list[SourcePage] = []
    for url, entry in evaldata.items():
        path = corpus / "html" / f"{entry['file']}.gz"
        if not path.is_file():
            path = corpus / "html" / entry["file"]
            if not path.is_file():
                continue
        page = _read_page(path)
        if page is None:
            continue
        body = _BODY.search(page)
        start = body.end() if body else 0
        snippets = tuple(s for s in entry.get("with", []) if s.strip() and _find_snippet(page, s, start))
        if snippets:
            found.append(SourcePage(path, url, snippets))
            if limit is not None and len(found) >= limit:
                break
    return found


def plan_pages(
    pages: int, sources: Sequence[SourcePage], hosts: int, seed: int = 20260105
) -> Iterator[PagePlan]:
    """The deterministic plan of every page: hosts round-robin, corpus pages cycled in a seeded order.

    About 15 % are off-topic and 5 % syndicated copies of an earlier relevant page on another host.
    """
    if not sources:
        raise ValueError("no usable corpus pages")
    rng = random.Random(seed)
    order = list(sources)
    rng.shuffle(order)
    relevant: list[tuple[int, int]] = []  # (index, host) of pages a copy may take
    for index in range(pages):
        host = index % hosts
        source = order[index % len(order)]
        day, minute = rng.choice(EVENT_DAYS), rng.randrange(6 * 60, 23 * 60)
        draw = rng.random()
        candidates = [r for r in relevant[-50:] if r[1] != host] if hosts > 1 else []
        if draw < SYNDICATED_SHARE and candidates:
            original = rng.choice(candidates)[0]
            yield PagePlan(index, host, source, "syndicated", day, minute, original)
        elif draw < SYNDICATED_SHARE + OFF_TOPIC_SHARE:
            yield PagePlan(index, host, source, "off_topic", day, minute)
        else:
            relevant.append((index, host))
            yield PagePlan(index, host, source, "relevant", day, minute)


# --- the event paragraphs ---------------------------------------------------------------------------------
# Written for this benchmark. Every lead names the president in full and Beijing or Xi, every other paragraph
# says "Lee" at least once, so each page passes the profile's relevance rule (Lee twice, plus China/Xi/...).

_LEE = ("Lee Jae Myung", "Lee Jae-myung", "Lee Jae-myeong", "Lee Jaemyung")
_OFFICIALS = (
    "officials in Seoul", "his office", "Cheong Wa Dae", "the presidential office", "aides", "diplomats",
)  # fmt: skip
_LEADS = (
    "South Korean President {lee} held a {minutes}-minute summit with Chinese President Xi Jinping in Beijing"
    " on January 5, the centrepiece of a four-day state visit that {officials} described as a reset of ties"
    " strained since 2017.",
    "{lee} arrived in Beijing on January 4 for the first state visit to China by a South Korean president in"
    " nine years, bringing a business delegation of about {delegation} executives and a list of requests on"
    " North Korea, trade and the Yellow Sea.",
    "President {lee} of South Korea and Xi Jinping agreed in Beijing on January 5 to restore regular"
    " high-level exchanges, {officials} said, as the two leaders watched ministers sign {mous} memorandums of"
    " understanding.",
    "On the second day of his state visit to China, {lee} sat down with Xi Jinping at the Great Hall of the"
    " People for talks that ran about {minutes} minutes, longer than planned, according to {officials}.",
    "{lee} ended a four-day visit to China in Shanghai on January 7, telling reporters that his talks with Xi"
    ' Jinping in Beijing had opened "a new chapter" between Seoul and Beijing.',
    "Chinese President Xi Jinping welcomed South Korea's {lee} with a ceremony outside the Great Hall of the"
    " People on January 5, the first such welcome for a South Korean leader since Moon Jae-in's visit in"
    " 2017.",
)
_NK_QUOTES = (
    "All our channels with the North are completely blocked, and I asked President Xi to help reopen them",
    "Peace on the Korean Peninsula is not possible unless China plays its part",
    "We asked China to act as a mediator, and President Xi said he would make efforts in his own way",
    "Dialogue with Pyongyang has to resume, and Beijing is in the best position to encourage it",
)
_XI_QUOTES = (
    "stand on the right side of history and make the correct strategic choice",
    "be good neighbours who help each other succeed",
    "treat each other with sincerity and keep the relationship on the right track",
    "jointly safeguard peace and stability in Northeast Asia",
)
_CLOSING_QUOTES = (
    "This visit has laid a solid foundation for a full restoration of our relations",
    "We have agreed to meet more often and to talk more frankly",
    "Korea and China cannot move away from each other, so we have to move forward together",
    "There is more work ahead, but the direction is now clear",
)
_BODIES = (
    'Lee asked Xi to play a constructive role in bringing North Korea back to talks. "{nk}," Lee said on'
    " January {day}. Hours before he landed, Pyongyang had fired {missiles} ballistic missiles into the East"
    " Sea.",
    "The two leaders also discussed the steel structures China has placed in the Provisional Measures Zone of"
    " the Yellow Sea. Lee said vice-ministerial talks on the structures would begin {when}, and that Seoul"
    " expected some of them to be moved.",
    "At a business forum in Beijing on January {day}, attended by {delegation} South Korean business leaders,"
    " companies signed {corporate} agreements while the two governments concluded {mous} MOUs on supply"
    " chains, critical minerals and consumer goods. Lee told the forum that trade between the two countries"
    " had room to grow by {growth} percent.",
    "In Shanghai on January 6, Lee visited the former site of the Provisional Government of the Republic of"
    " Korea, where Kim Gu led the independence movement, and dined with party secretary Chen Jining."
    ' "{closing}," Lee said.',
    "Asked about the informal ban on Korean cultural content that dates from the THAAD dispute, Lee said he"
    " expected gradual progress, noting that Xi had spoken warmly of K-drama. {officials_cap} said concerts"
    " by K-pop groups in China could resume {when}.",
    'Xi told Lee that the two countries should "{xi}", according to Xinhua. Lee replied that Seoul would'
    " respect China's core interests while keeping its alliance with the United States.",
    "In a light moment after the state banquet on January {day}, Lee took a selfie with Xi using the Xiaomi"
    ' smartphone Xi had given him as a gift in Gyeongju, and posted it with the caption "{closing}".',
    "Premier Li Qiang and Zhao Leji, chairman of the National People's Congress, also received Lee on January"
    " {day}. Lee's approval rating rose {points} points during the trip, a Gallup Korea poll found.",
)
_WHEN = ("this month", "in February", "within weeks", "before the spring", "later in January")


def event_paragraphs(rng: random.Random) -> list[str]:
    """Two to four English paragraphs about the visit, worded and numbered by ``rng`` (plain ASCII text)."""
    values = {
        "lee": rng.choice(_LEE),
        "officials": rng.choice(_OFFICIALS),
        "minutes": rng.randrange(60, 155, 5),
        "delegation": rng.randrange(150, 460, 10),
        "mous": rng.randint(10, 16),
        "corporate": rng.randint(12, 40),
        "day": rng.choice(EVENT_DAYS),
        "missiles": rng.choice(("two", "three", "several")),
        "when": rng.choice(_WHEN),
        "growth": rng.randint(5, 30),
        "points": rng.randint(2, 9),
        "nk": rng.choice(_NK_QUOTES),
        "xi": rng.choice(_XI_QUOTES),
        "closing": rng.choice(_CLOSING_QUOTES),
    }
    values["officials_cap"] = str(values["officials"])[0].upper() + str(values["officials"])[1:]
    bodies = rng.sample(_BODIES, rng.randint(1, 3))
    return [template.format(**values) for template in (rng.choice(_LEADS), *bodies)]


# --- rewriting a corpus page -------------------------------------------------------------------------------


def _rewrite_text(page: str, rng: random.Random, word_share: float = 0.07, number_share: float = 0.3) -> str:
    """Rewrite some words (swapped for earlier words of the same page) and numbers in text, never in markup.

    Numbers below 60 (days, hours, minutes) and years (1900-2099) are kept, so dates and times stay possible
    ("August 35" is a date no page has); larger numbers (counts, prices) change by up to a third.
    """
    seen: list[str] = []

    def replace(match: re.Match[str]) -> str:
        token = match.group()
        if token.isdigit():
            value = int(token)
            if rng.random() >= number_share or value < 60 or (len(token) == 4 and 1900 <= value <= 2099):
                return token
            changed = max(0, value + rng.randint(-(value // 3) - 1, value // 3 + 1))
            return str(changed).zfill(len(token)) if token.startswith("0") else str(changed)
        seen.append(token)
        if len(seen) < 20 or rng.random() >= word_share:
            return token
        other = seen[rng.randrange(max(0, len(seen) - 400), len(seen) - 1)]
        return other.capitalize() if token[0].isupper() else other.lower()

    parts = _MARKUP.split(page)
    parts[::2] = [_TOKEN.sub(replace, text) if text.strip() else text for text in parts[::2]]
    return "".join(parts)


def _insertion_point(page: str, snippets: Sequence[str]) -> int:
    """Where to insert paragraphs so they sit in the main text: beside the element holding a known snippet.

    Prefers a snippet inside a ``<p>``: the paragraphs go right after it. Inside list items and cells they
    go at the end of the element; inside a ``<div>``-like container, before its next closing tag.
    """
    body = _BODY.search(page)
    start = body.end() if body else 0
    choices: list[tuple[int, int, str]] = []
    for snippet in snippets:
        span = _find_snippet(page, snippet, start)
        if span is None:
            continue
        opens = list(_BLOCK_OPEN.finditer(page, max(start, span[0] - 20_000), span[0]))
        tag = opens[-1].group(1).lower() if opens else ""
        choices.append((span[0], span[1], tag))
    if not choices:
        return len(page)
    _, end, tag = max((c for c in choices if c[2] == "p"), default=choices[-1])
    fallback = page.find("<", end)
    fallback = len(page) if fallback < 0 else fallback
    close = re.compile(rf"</{tag}\s*>", re.I).search(page, end) if tag else None
    if close is None:
        return fallback
    if tag == "p" or tag.startswith("h") or tag in ("pre", "blockquote"):
        following = _BLOCK_OPEN.search(page, end)
        if following is not None and following.start() < close.start():
            return following.start()  # an unclosed <p>: the next block ends it
        return close.end()
    return close.start()


def _url_of(plan: PagePlan, base_urls: Sequence[str], title: str) -> str:
    slug = "-".join(_SLUG_WORD.findall(title.lower().encode("ascii", "ignore").decode())[:6]) or "story"
    return f"{base_urls[plan.host]}/news/2026/01/{plan.day:02d}/{slug}-{plan.index:06d}.html"


def _published(plan: PagePlan) -> datetime:
    return datetime(2026, 1, plan.day, tzinfo=KST) + timedelta(minutes=plan.minute)


def _page_title(page: str) -> str:
    match = _TITLE.search(page)
    return " ".join(html.unescape(match.group(1)).split()) if match else ""


def _body_seed(plan: PagePlan, seed: int) -> str:
    # A copy is built from its original's seed, so its article text matches the original's.
    return f"{seed}:{plan.original if plan.original is not None else plan.index}"


def render_page(
    plan: PagePlan,
    base_urls: Sequence[str],
    seed: int = 20260105,
    original: PagePlan | None = None,
) -> tuple[str, str, str]:
    """The HTML of one planned page, its URL and its title.

    For a ``syndicated`` plan, ``original`` must be the plan of the page it copies: the copy carries the
    original's corpus page, rewrites and event paragraphs, plus a dateline and a credit line.
    """
    body_plan = original if plan.kind == "syndicated" and original is not None else plan
    page = _read_page(body_plan.source.path)
    if page is None:
        raise ValueError(f"{body_plan.source.path} is not a usable page")
    rng = random.Random(_body_seed(plan, seed))
    when = _published(plan)
    iso = when.isoformat(timespec="seconds")

    page = _CANONICAL.sub("", page)
    page = _META_TAG.sub(lambda m: "" if _STALE_META.search(html.unescape(m.group())) else m.group(), page)
    page = _JSON_DATE.sub(lambda m: f'{m.group(1)}"{iso}"', page)
    page = _DATETIME_ATTR.sub(lambda m: f'{m.group(1)}"{iso}"', page)
    page = _DATE_ITEMPROP.sub(lambda m: f"{m.group(1)}x-{m.group(2)}", page)  # stale microdata dates

    insert_at = _insertion_point(page, body_plan.source.snippets)
    before = _rewrite_text(page[:insert_at], rng)
    after = _rewrite_text(page[insert_at:], rng)
    inserted = ""
    if body_plan.kind != "off_topic":
        paragraphs = event_paragraphs(rng)
        if plan.kind == "syndicated":
            paragraphs[0] = f"SEOUL, Jan. {plan.day} -- {paragraphs[0]}"
            paragraphs.append(f"(Carried by host {plan.host + 1}; reporting by staff, editing by the desk)")
        inserted = "".join(f"\n<p>{html.escape(p, quote=False)}</p>" for p in paragraphs) + "\n"

    title = _page_title(before) or f"Story {plan.index}"
    url = _url_of(plan, base_urls, title)
    head = (
        f'\n<link rel="canonical" href="{url}">\n<meta property="og:url" content="{url}">\n'
        f'<meta property="article:published_time" content="{iso}">\n'
    )
    head_open = _HEAD_OPEN.search(before)
    if head_open is not None:
        before = before[: head_open.end()] + head + before[head_open.end() :]
    else:
        before = f"<head>{head}</head>\n{before}"
    return before + inserted + after, url, title


# --- writing the site --------------------------------------------------------------------------------------


def _rss(base_url: str, entries: list[tuple[str, str, datetime]]) -> str:
    items = "".join(
        f"<item><title>{html.escape(title)}</title><link>{html.escape(url)}</link>"
        f'<guid isPermaLink="true">{html.escape(url)}</guid>'
        f"<pubDate>{format_datetime(when)}</pubDate></item>\n"
        for url, title, when in entries
    )
    newest = max((when for _, _, when in entries), default=datetime(2026, 1, 7, tzinfo=KST))
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>\n'
        f"<title>News from {html.escape(base_url)}</title><link>{html.escape(base_url)}/</link>\n"
        f"<description>Synthetic scale-benchmark feed</description>"
        f"<lastBuildDate>{format_datetime(newest)}</lastBuildDate>\n{items}</channel></rss>\n"
    )


def _write(path: Path, text: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes(data)
    os.utime(path, (_SITE_MTIME, _SITE_MTIME))  # stable validators whatever the generation time
    return len(data)


def generate_site(
    root: Path,
    pages: int,
    base_urls: Sequence[str],
    corpus: Path = DEFAULT_CORPUS,
    *,
    seed: int = 20260105,
    sources: Sequence[SourcePage] | None = None,
) -> SiteSummary:
    """Write ``pages`` article pages, one RSS feed and a robots.txt per host under ``root/<address>/``.

    ``base_urls`` (``http://127.0.0.2:PORT`` ...) are where :class:`SiteServer` serves the folders; page
    URLs, canonical links and feeds use them. Pages are written as they are built; only the feed entries
    stay in memory. ``sources`` overrides the corpus pages (tests pass a few).
    """
    usable = list(sources) if sources is not None else load_source_pages(corpus)
    summary = SiteSummary(source_pages=len(usable))
    folders = [root / urlsplit(base).hostname for base in base_urls]  # type: ignore[operator]
    entries: list[list[tuple[str, str, datetime]]] = [[] for _ in base_urls]
    plans: dict[int, PagePlan] = {}  # relevant pages a later copy may take (small: no page text)
    for plan in plan_pages(pages, usable, len(base_urls), seed):
        original = plans.get(plan.original) if plan.original is not None else None
        text, url, title = render_page(plan, base_urls, seed, original)
        if plan.kind == "relevant":
            plans[plan.index] = plan
        path = folders[plan.host] / urlsplit(url).path.lstrip("/")
        summary.bytes += _write(path, text)
        entries[plan.host].append((url, title, _published(plan)))
        summary.pages += 1
        setattr(summary, plan.kind, getattr(summary, plan.kind) + 1)
        summary.files.append(path)
        summary.urls.append(url)
        summary.kinds.append(plan.kind)
        if plan.kind == "syndicated":
            summary.relevant += 1  # a copy of a relevant article is relevant too
    for folder, base, host_entries in zip(folders, base_urls, entries, strict=True):
        _write(folder / "robots.txt", "User-agent: *\nAllow: /\n")
        _write(folder / "feed.xml", _rss(base, host_entries))
        summary.feeds.append(f"{base}/feed.xml")
    return summary


# --- serving it --------------------------------------------------------------------------------------------

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/rss+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}


class _FileHandler(BaseHTTPRequestHandler):
    """GET/HEAD of files under the server's folder, with ETag and Last-Modified validation."""

    protocol_version = "HTTP/1.1"  # keep-alive, as real news sites
    server: _FolderServer

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        folder = self.server.folder
        relative = unquote(urlsplit(self.path).path).lstrip("/")
        path = (folder / relative).resolve()
        if not relative or not path.is_relative_to(folder) or not path.is_file():
            self._send(404, b"not found\n", "text/plain; charset=utf-8", {}, send_body)
            return
        stat = path.stat()
        etag = f'"{stat.st_size:x}-{stat.st_mtime_ns:x}"'
        validators = {"ETag": etag, "Last-Modified": formatdate(stat.st_mtime, usegmt=True)}
        if self._not_modified(etag, stat.st_mtime):
            self._send(304, b"", None, validators, send_body)
            return
        content_type = _TYPES.get(path.suffix, "application/octet-stream")
        self._send(200, path.read_bytes(), content_type, validators, send_body)

    def _not_modified(self, etag: str, mtime: float) -> bool:
        asked = self.headers.get("If-None-Match")
        if asked is not None:  # RFC 9110: If-None-Match wins over If-Modified-Since
            return asked.strip() == "*" or etag in [tag.strip() for tag in asked.split(",")]
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return int(mtime) <= parsedate_to_datetime(since).timestamp()
            except (TypeError, ValueError):
                return False
        return False

    def _send(
        self, status: int, body: bytes, content_type: str | None, headers: dict[str, str], send_body: bool
    ) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if content_type:
            self.send_header("Content-Type", content_type)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and status != 304:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # thousands of requests: stderr stays for the benchmark's own progress


class _FolderServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], folder: Path) -> None:
        self.folder = folder.resolve()
        super().__init__(address, _FileHandler)


class SiteServer:
    """One threaded HTTP server per loopback address, all on one port, serving ``root/<address>/``.

    Use as a context manager; :attr:`base_urls` lists ``http://<address>:<port>`` in address order. The
    folders may be filled after the servers start (pages need the port in their URLs).
    """

    def __init__(self, root: Path, addresses: Sequence[str], attempts: int = 10) -> None:
        self.root = root
        self.addresses = list(addresses)
        self._attempts = attempts
        self._servers: list[_FolderServer] = []
        self._threads: list[threading.Thread] = []
        self.base_urls: list[str] = []

    def __enter__(self) -> SiteServer:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def start(self) -> None:
        """Bind every address on one free port (retrying when a port is taken on one of them) and serve."""
        for folder in self.addresses:
            (self.root / folder).mkdir(parents=True, exist_ok=True)
        for _ in range(self._attempts):
            servers: list[_FolderServer] = []
            try:
                port = 0
                for address in self.addresses:
                    servers.append(_FolderServer((address, port), self.root / address))
                    port = servers[0].server_address[1]
            except OSError:
                for server in servers:
                    server.server_close()
                continue
            self._servers = servers
            break
        else:
            raise OSError(f"could not bind {self.addresses} on one port")
        port = self._servers[0].server_address[1]
        self.base_urls = [f"http://{address}:{port}" for address in self.addresses]
        for server in self._servers:
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        """Stop serving and close the sockets."""
        for server in self._servers:
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers, self._threads = [], []
