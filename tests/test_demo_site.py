"""The offline demo news site: well-formed pages and feeds, furniture, robots, HTTP caching, gzip."""

from __future__ import annotations

import difflib
import gzip
import io
import re
import tomllib
import urllib.error
import urllib.request
import urllib.robotparser
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import lxml.html
import pytest

from demo.site import DEFAULT_BASE_URL, DemoSite, serve, write_sources_file
from tests.conftest import SEEDS_DIR
from transforms.extraction.plaintext import extract_plaintext

BASE = DEFAULT_BASE_URL
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _BalanceChecker(HTMLParser):
    """Fails on any close tag that does not match the innermost open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'} at {self.getpos()}")
        else:
            self.stack.pop()


def assert_well_formed_html(text: str) -> None:
    assert text.startswith("<!DOCTYPE html>")
    checker = _BalanceChecker()
    checker.feed(text)
    checker.close()
    assert checker.errors == [] and checker.stack == []


@pytest.fixture(scope="module")
def site() -> DemoSite:
    return DemoSite.from_seeds(SEEDS_DIR)


@pytest.fixture(scope="module")
def served(site: DemoSite) -> Iterator[str]:
    server, base_url = serve(site)
    try:
        yield base_url
    finally:
        server.shutdown()
        server.server_close()


# The environment may define an HTTP proxy; loopback requests must never go through it.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def http_get(url: str, headers: dict[str, str] | None = None, method: str = "GET") -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with _OPENER.open(request, timeout=10) as reply:
            return reply.status, dict(reply.headers.items()), reply.read()
    except urllib.error.HTTPError as err:  # urllib reports 304 and 404 as errors
        return err.code, dict(err.headers.items()), err.read()


def page(site: DemoSite, path: str) -> lxml.html.HtmlElement:
    status, headers, body = site.response(path)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    text = body.decode("utf-8")
    assert_well_formed_html(text)
    return lxml.html.fromstring(body)


def test_three_outlets_share_the_five_seeds(site: DemoSite) -> None:
    assert [o.name for o in site.outlets] == [
        "The Harbour Ledger",
        "Northgate Courier",
        "Meridian Wire Service",
    ]
    assert all(o.feed_path == f"/{o.slug}/feed.xml" for o in site.outlets)
    originals = [a for a in site.articles if a.syndicated_from is None]
    copies = [a for a in site.articles if a.syndicated_from is not None]
    assert len(originals) == len(list(SEEDS_DIR.glob("*.txt"))) == 5 and len(copies) == 1
    assert {a.outlet.slug for a in originals} == {o.slug for o in site.outlets}
    for seed in sorted(SEEDS_DIR.glob("*.txt")):
        ending = extract_plaintext(seed.read_text(encoding="utf-8")).text[-120:]
        assert sum(ending in "\n\n".join(a.paragraphs) for a in originals) == 1
    for a in site.articles:
        m = re.fullmatch(rf"/{a.outlet.slug}/(\d{{4}})/(\d\d)/(\d\d)/[a-z0-9-]+\.html", a.path)
        assert m is not None, a.path
        assert (a.published.year, a.published.month) == (2026, 1)
        assert tuple(int(x) for x in m.groups()) == (2026, 1, a.published.day)


def test_article_pages_are_well_formed_with_furniture(site: DemoSite) -> None:
    for a in site.articles:
        doc = page(site, a.path)
        assert doc.get("lang") == "en"
        assert doc.xpath("string(//meta[@property='og:site_name']/@content)") == a.outlet.name
        published = datetime.fromisoformat(
            doc.xpath("string(//meta[@property='article:published_time']/@content)")
        )
        assert published == a.published
        assert doc.xpath("string(//link[@rel='canonical']/@href)") == BASE + a.path
        assert doc.xpath("string(//h1)") == a.title
        text = doc.text_content()
        assert all(p.removeprefix("- ") in text for p in a.paragraphs[1:])
        # Furniture: navigation, breadcrumb, cookie banner, share buttons, related stories,
        # two reader comments, newsletter sign-up, footer copyright.
        assert len(doc.xpath("//*[@class='site-nav' or @class='menu']//a")) >= 4
        assert doc.xpath("//*[contains(@class, 'breadcrumb') or contains(@class, 'crumbs')]")
        assert "We use cookies" in doc.xpath("string(//*[@aria-label='Cookie consent'])")
        assert {"Share on Social", "Email", "Copy link"} <= {
            t.strip()
            for t in doc.xpath("//ul[@aria-label='Share this story']//*[self::a or self::button]/text()")
        }
        related = doc.xpath("//*[contains(@class, 'related-stories')]//a/@href")
        assert "Related stories" in text and related
        assert all(site.response(href)[0] == 200 and href != a.path for href in related)
        assert len(doc.xpath("//*[@class='comment']")) == 2
        assert doc.xpath("//*[contains(@class, 'newsletter-signup')]//input[@type='email']")
        assert f"2026 {a.outlet.name}" in doc.xpath("string(//footer | //*[@id='footer'])")


def test_feeds_parse_and_link_to_site_articles(site: DemoSite) -> None:
    versions = {}
    for outlet in site.outlets:
        status, headers, body = site.response(outlet.feed_path)
        assert status == 200 and "xml" in headers["Content-Type"]
        ET.fromstring(body)  # strict XML well-formedness
        feed = feedparser.parse(io.BytesIO(body))
        assert not feed.bozo, feed.get("bozo_exception")
        versions[outlet.slug] = feed.version
        assert feed.feed.title == outlet.name
        links = [entry.link for entry in feed.entries]
        own = [BASE + a.path for a in site.articles if a.outlet == outlet]
        assert set(own) <= set(links)
        for entry in feed.entries:
            assert entry.link.startswith(BASE + f"/{outlet.slug}/")
            assert tuple(entry.published_parsed[:2]) == (2026, 1)
    assert versions == {"harbour-ledger": "rss20", "northgate-courier": "atom10", "meridian-wire": "rss20"}


def test_feed_oddities_private_page_and_dead_link(site: DemoSite) -> None:
    listed = {
        e.link.removeprefix(BASE)
        for o in site.outlets
        for e in feedparser.parse(io.BytesIO(site.response(o.feed_path)[2])).entries
    }
    assert site.private_path in listed and site.missing_path in listed
    assert site.private_path.startswith("/harbour-ledger/private/")
    assert site.response(site.private_path)[0] == 200
    status, _, body = site.response(site.missing_path)
    assert status == 404 and b"can't find that page" in body.replace(b"&#x27;", b"'")
    assert all(site.response(path)[0] == 200 for path in listed - {site.missing_path})


def test_robots_txt(site: DemoSite) -> None:
    status, headers, body = site.response("/robots.txt")
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    assert "Disallow: /harbour-ledger/private/" in body.decode().splitlines()
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(body.decode().splitlines())
    assert not robots.can_fetch("presswatch", BASE + site.private_path)
    assert robots.can_fetch("presswatch", BASE + site.articles[0].path)
    assert not robots.can_fetch("HoovermaticScraper", BASE + site.articles[0].path)


def test_syndicated_copy_differs_slightly(site: DemoSite) -> None:
    [copy] = [a for a in site.articles if a.syndicated_from is not None]
    original = next(a for a in site.articles if a.path == copy.syndicated_from)
    assert original.outlet.slug == "meridian-wire" and copy.outlet.slug != "meridian-wire"
    assert copy.title == original.title and copy.paragraphs[1:] == original.paragraphs[1:]
    lead, original_lead = copy.paragraphs[0], original.paragraphs[0]
    assert lead != original_lead
    assert 0.85 < difflib.SequenceMatcher(None, lead, original_lead).ratio() < 1.0
    copy_doc, original_doc = page(site, copy.path), page(site, original.path)
    # Different template, different canonical URL, credit to the wire.
    assert copy_doc.xpath("//div[@class='article-text']") and not copy_doc.xpath("//article")
    assert original_doc.xpath("//article[@class='story']") and not original_doc.xpath(
        "//*[@class='article-text']"
    )
    assert "first published by Meridian Wire Service" in copy_doc.text_content()
    assert copy_doc.xpath("string(//link[@rel='canonical']/@href)") == BASE + copy.path


def test_pure_responses_redirects_and_not_found(site: DemoSite) -> None:
    path = site.articles[0].path
    assert site.response(path) == site.response(path + "?utm_source=feed")
    other = site.response(path, base_url="http://127.0.0.1:9999")[2]
    assert b"http://127.0.0.1:9999" + path.encode() in other and BASE.encode() not in other
    assert site.response("/northgate-courier")[:2] == (
        301,
        {"Location": "/northgate-courier/", "Content-Length": "0"},
    )
    status, _, body = site.response("/northgate-courier/2026/01/09/nope.html")
    assert status == 404 and b"Northgate Courier front page" in body
    assert page(site, "/").xpath("//a/@href")
    for outlet in site.outlets:
        home = page(site, f"/{outlet.slug}/")
        hrefs = set(home.xpath("//li[@class='teaser']/a/@href"))
        assert hrefs == {a.path for a in site.articles if a.outlet == outlet}


def test_conditional_get_over_http(site: DemoSite, served: str) -> None:
    url = served + site.articles[1].path
    status, headers, body = http_get(url)
    assert status == 200 and body.startswith(b"<!DOCTYPE html>")
    assert headers["Server"].startswith("PresswatchDemo/") and parsedate_to_datetime(headers["Date"])
    assert int(headers["Content-Length"]) == len(body)
    assert (served + site.articles[1].path).encode() in body  # absolute links use the served address
    etag, modified = headers["ETag"], headers["Last-Modified"]

    status, headers, body = http_get(url, {"If-None-Match": etag})
    assert (status, body) == (304, b"") and headers["ETag"] == etag
    status, _, body = http_get(url, {"If-Modified-Since": modified})
    assert (status, body) == (304, b"")
    assert http_get(url, {"If-None-Match": '"stale"'})[0] == 200
    assert http_get(url, {"If-Modified-Since": "Thu, 01 Jan 2026 00:00:00 GMT"})[0] == 200
    # If-None-Match takes precedence over a (satisfied) If-Modified-Since.
    assert http_get(url, {"If-None-Match": '"stale"', "If-Modified-Since": modified})[0] == 200
    status, headers, body = http_get(url, method="HEAD")
    assert status == 200 and body == b"" and headers["ETag"] == etag


def test_gzip_when_asked(site: DemoSite, served: str) -> None:
    url = served + site.outlets[0].feed_path
    status, plain_headers, plain = http_get(url)
    assert status == 200 and "Content-Encoding" not in plain_headers
    status, headers, packed = http_get(url, {"Accept-Encoding": "gzip, deflate"})
    assert status == 200 and headers["Content-Encoding"] == "gzip" and headers["Vary"] == "Accept-Encoding"
    assert int(headers["Content-Length"]) == len(packed) < len(plain)
    assert gzip.decompress(packed) == plain
    assert headers["ETag"] != plain_headers["ETag"]
    assert http_get(url, {"Accept-Encoding": "gzip", "If-None-Match": headers["ETag"]})[0] == 304
    assert "Content-Encoding" not in http_get(url, {"Accept-Encoding": "gzip;q=0, identity"})[1]


def test_sources_file(site: DemoSite, served: str, tmp_path: Path) -> None:
    target = tmp_path / "demo" / "sources.toml"
    write_sources_file(site, served + "/", target)
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    assert data["fetch"] == {"allow_private_networks": ["127.0.0.0/8"]}
    assert data["source"] == [
        {"id": o.slug, "kind": "feed", "url": f"{served}/{o.slug}/feed.xml", "outlet": o.name}
        for o in site.outlets
    ]
    for source in data["source"]:
        assert http_get(source["url"])[0] == 200


def test_needs_enough_seeds(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(
        "A headline about Beijing\n\nSome text about the visit.\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="at least two"):
        DemoSite.from_seeds(tmp_path)
    (tmp_path / "two.txt").write_text(
        "Another headline on Seoul\n\nMore text about the talks.\n", encoding="utf-8"
    )
    small = DemoSite.from_seeds(tmp_path)
    assert len(small.articles) == 3  # two seeds plus Northgate's copy of the Meridian story
