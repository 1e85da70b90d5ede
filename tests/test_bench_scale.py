"""bench/scale_corpus.py: generated pages are distinct, relevant, dated in the visit and served with feeds.

Runs the generator and the loopback servers on 30 pages made from 10 corpus pages (so corpus pages are
reused), without running presswatch. Skipped when the shared corpus is absent.
"""

from __future__ import annotations

import hashlib
import io
import re
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
import trafilatura

from bench.scale_corpus import (
    DEFAULT_CORPUS,
    SiteServer,
    SiteSummary,
    generate_site,
    host_addresses,
    load_source_pages,
)
from transforms.analysis.entities import find_entity_mentions, is_relevant
from transforms.extraction.html_extract import extract_html
from transforms.profile import parse_event_profile

pytestmark = pytest.mark.corpus

PAGES = 30
PROFILE_FILE = Path(__file__).resolve().parents[1] / "seeds" / "event.toml"
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never via a proxy
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)">')


@dataclass
class Site:
    server: SiteServer
    summary: SiteSummary
    root: Path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    if not (DEFAULT_CORPUS / "evaldata.json").is_file():
        pytest.skip(f"shared corpus not found at {DEFAULT_CORPUS}")
    sources = load_source_pages(DEFAULT_CORPUS, limit=10)
    root = tmp_path_factory.mktemp("scale-site")
    with SiteServer(root, host_addresses(4)) as server:
        summary = generate_site(root, PAGES, server.base_urls, sources=sources)
        yield Site(server, summary, root)


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with _OPENER.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:  # 304 and 404 arrive as errors
        return err.code, dict(err.headers), err.read()


@pytest.fixture(scope="module")
def texts(site: Site) -> list[str]:
    """The main text of every page, as bare trafilatura reads it."""
    return [trafilatura.extract(p.read_bytes(), include_comments=False) or "" for p in site.summary.files]


def test_pages_are_distinct_with_their_own_canonical_url(site: Site, texts: list[str]) -> None:
    summary = site.summary
    assert summary.pages == len(summary.files) == PAGES
    assert all(texts)
    assert len({hashlib.sha256(t.encode()).hexdigest() for t in texts}) == PAGES
    assert len(set(summary.urls)) == PAGES
    for path, url in zip(summary.files, summary.urls, strict=True):
        assert _CANONICAL.findall(path.read_text(encoding="utf-8")) == [url]
        assert re.search(r"/news/2026/01/0[4-7]/", url)  # the date is in the path too


def test_most_pages_are_relevant_to_the_event_profile(site: Site, texts: list[str]) -> None:
    profile = parse_event_profile(PROFILE_FILE.read_text(encoding="utf-8"), str(PROFILE_FILE))
    verdicts = [is_relevant(find_entity_mentions(text, profile), profile) for text in texts]
    kinds = site.summary.kinds
    meant = [v for v, kind in zip(verdicts, kinds, strict=True) if kind != "off_topic"]
    assert Counter(kinds)["off_topic"] >= 1
    assert not any(v for v, kind in zip(verdicts, kinds, strict=True) if kind == "off_topic")
    assert sum(meant) >= 0.9 * len(meant)
    assert sum(verdicts) >= 0.7 * PAGES
    assert site.summary.relevant == len(meant)


def test_dates_and_urls_read_by_presswatch_are_the_pages_own(site: Site) -> None:
    for path, url in zip(site.summary.files, site.summary.urls, strict=True):
        document = extract_html(path.read_bytes(), url)
        assert document is not None
        assert document.url == url
        assert document.published is not None
        assert date(2026, 1, 4) <= document.published.value <= date(2026, 1, 7)


def test_feeds_list_every_page_and_answer_304_when_unchanged(site: Site) -> None:
    listed: list[str] = []
    for feed_url in site.summary.feeds:
        status, headers, body = _get(feed_url)
        assert status == 200
        assert headers["Content-Type"].startswith("application/rss+xml")
        lowered = {name.lower(): value for name, value in headers.items()}
        parsed = feedparser.parse(io.BytesIO(body), response_headers=lowered)
        assert parsed.version == "rss20" and not parsed.bozo
        links = [entry.link for entry in parsed.entries]
        host = urlsplit(feed_url).netloc
        assert all(urlsplit(link).netloc == host for link in links)
        listed += links
        assert _get(feed_url, {"If-None-Match": headers["ETag"]})[0] == 304
        assert _get(feed_url, {"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    assert sorted(listed) == sorted(site.summary.urls)


def test_pages_and_robots_are_served(site: Site) -> None:
    url, path = site.summary.urls[0], site.summary.files[0]
    status, headers, body = _get(url)
    assert (status, headers["Content-Type"], body) == (200, "text/html; charset=utf-8", path.read_bytes())
    base = site.server.base_urls[0]
    status, _, body = _get(f"{base}/robots.txt")
    assert status == 200 and b"Allow: /" in body and b"Disallow" not in body
    assert _get(f"{base}/news/missing.html")[0] == 404
    assert _get(f"{base}/../../etc/passwd")[0] == 404


def test_generation_is_deterministic(site: Site, tmp_path: Path) -> None:
    sources = load_source_pages(DEFAULT_CORPUS, limit=10)
    again = generate_site(tmp_path, 12, site.server.base_urls, sources=sources)
    for first, second in zip(site.summary.files[:12], again.files, strict=True):
        assert first.read_bytes() == second.read_bytes()
