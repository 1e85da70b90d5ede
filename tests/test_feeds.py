"""web.feeds: feeds of every kind become entries; hostile or broken payloads become recorded outcomes."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import signal
import threading
import time
import tracemalloc
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from bench.bench_feeds import corpus_headers
from web import feeds
from web.feeds import FeedEntry, FeedResult, parse_feed

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "feeds"

RSS20 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Seoul Daily</title><link>https://news.example.kr/</link>
  <item>
    <title>Summit opens in Seoul</title>
    <link>/world/summit-opens</link>
    <guid isPermaLink="false">summit-1</guid>
    <pubDate>Tue, 06 Jan 2026 01:30:00 +0900</pubDate>
    <description>&lt;p&gt;Leaders &lt;b&gt;arrive&lt;/b&gt; &amp;amp; talk.&lt;/p&gt;</description>
    <dc:creator>Kim Min-ji</dc:creator>
  </item>
  <item>
    <title>Second story</title>
    <link>https://news.example.kr/world/second</link>
    <pubDate>Wed, 07 Jan 2026 10:00:00 GMT</pubDate>
  </item>
</channel>
</rss>"""

ATOM10 = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example.org/news/">
  <title type="text">Atom News</title>
  <id>urn:uuid:feed</id><updated>2026-01-05T12:00:00Z</updated>
  <entry>
    <title type="html">&lt;em&gt;Talks&lt;/em&gt; resume</title>
    <link rel="alternate" href="2026/talks.html"/>
    <id>tag:atom.example.org,2026:talks</id>
    <published>2026-01-05T23:30:00-05:00</published>
    <updated>2026-01-06T08:00:00Z</updated>
    <author><name>Ann Lee</name></author>
    <content type="html">&lt;p&gt;Delegates met.&lt;/p&gt;&lt;p&gt;More soon.&lt;/p&gt;</content>
  </entry>
  <entry xml:base="https://other.example.org/">
    <title>Only updated</title>
    <link href="x/y"/>
    <id>tag:atom.example.org,2026:2</id>
    <updated>2026-01-04T10:00:00Z</updated>
    <summary>Plain summary</summary>
  </entry>
</feed>"""

RSS10 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example.net/">
    <title>RDF Wire</title><link>https://rdf.example.net/</link><description>d</description>
    <items><rdf:Seq><rdf:li resource="https://rdf.example.net/a"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://rdf.example.net/a">
    <title>Wire item</title><link>https://rdf.example.net/a</link>
    <description>Short wire text.</description>
    <dc:date>2026-01-03T09:00:00+00:00</dc:date><dc:creator>Wire Desk</dc:creator>
  </item>
</rdf:RDF>"""


def _rss(title: str, encoding: str | None = "utf-8") -> str:
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>' if encoding else '<?xml version="1.0"?>'
    return f'{declaration}<rss version="2.0"><channel><title>{title}</title><item><title>{title}</title>' \
        "<link>https://e.example/1</link></item></channel></rss>"  # fmt: skip


def _text_fields(result: FeedResult) -> str:
    """Every string the result carries, joined: for asserting what must never appear anywhere."""
    values = [result.kind, result.title, result.error]
    values += [v for e in result.entries for v in dataclasses.astuple(e) if isinstance(v, str)]
    return "\n".join(v for v in values if v)


# --- formats -----------------------------------------------------------------------------------------


def test_rss20_entries_links_dates_and_plain_summaries() -> None:
    result = parse_feed(
        RSS20, {"Content-Type": "application/rss+xml; charset=utf-8"}, "https://news.example.kr/rss"
    )
    assert (result.kind, result.title, result.error, result.is_feed) == ("rss20", "Seoul Daily", None, True)
    first, second = result.entries
    assert first == FeedEntry(
        link="https://news.example.kr/world/summit-opens",  # relative link resolved against the feed URL
        title="Summit opens in Seoul",
        entry_id="summit-1",
        published=date(2026, 1, 5),  # 01:30 +09:00 is the 5th in UTC
        published_raw="Tue, 06 Jan 2026 01:30:00 +0900",
        summary="Leaders arrive & talk.",
        author="Kim Min-ji",
    )
    assert second.link == "https://news.example.kr/world/second"
    assert second.published == date(2026, 1, 7)
    assert second.summary is None and second.author is None


def test_atom10_xml_base_content_and_html_title() -> None:
    result = parse_feed(ATOM10, {"content-type": "application/atom+xml"})
    assert (result.kind, result.title, result.error) == ("atom10", "Atom News", None)
    talks, other = result.entries
    assert talks.link == "https://atom.example.org/news/2026/talks.html"
    assert talks.title == "Talks resume"
    assert talks.entry_id == "tag:atom.example.org,2026:talks"
    assert (talks.published, talks.published_raw) == (date(2026, 1, 6), "2026-01-05T23:30:00-05:00")
    assert talks.summary == "Delegates met.\nMore soon."  # from <content>, paragraphs kept apart
    assert talks.author == "Ann Lee"
    assert other.link == "https://other.example.org/x/y"  # the entry's own xml:base wins
    assert (other.published, other.summary) == (date(2026, 1, 4), "Plain summary")


def test_rss10_rdf() -> None:
    result = parse_feed(RSS10, {"Content-Type": "application/rdf+xml"})
    assert (result.kind, result.title, result.error) == ("rss10", "RDF Wire", None)
    (item,) = result.entries
    assert (item.link, item.title) == ("https://rdf.example.net/a", "Wire item")
    assert item.summary == "Short wire text."
    assert (item.published, item.author) == (date(2026, 1, 3), "Wire Desk")


@pytest.mark.parametrize("version", ["https://jsonfeed.org/version/1", "https://jsonfeed.org/version/1.1"])
def test_json_feed(version: str) -> None:
    doc = {
        "version": version,
        "title": "JSON Desk",
        "feed_url": "https://json.example.com/feed.json",
        "author": {"name": "Feed Author"},  # 1.0 style, inherited by items without authors
        "items": [
            {
                "id": 42,
                "url": "/posts/42",
                "title": "Numbers",
                "content_html": "<p>Hi <script>alert(1)</script>there</p>",
                "date_published": "2026-01-05T23:30:00-05:00",
                "authors": [{"name": "A"}, {"name": "B"}],
            },
            {"id": "b", "external_url": "https://elsewhere.example/b", "summary": "S", "content_text": "T"},
            {"id": "c", "url": "javascript:x()", "content_text": "text only", "date_modified": "2026-01-02"},
            "not an object",
        ],
    }
    result = parse_feed(json.dumps(doc).encode(), {"Content-Type": "application/feed+json"})
    assert (result.kind, result.title, result.is_feed) == ("jsonfeed", "JSON Desk", True)
    assert result.error == "malformed JSON Feed: 1 items are not objects (3 entries recovered)"
    first, second, third = result.entries
    assert first == FeedEntry(
        link="https://json.example.com/posts/42",
        title="Numbers",
        entry_id="42",
        published=date(2026, 1, 6),
        published_raw="2026-01-05T23:30:00-05:00",
        summary="Hi there",
        author="A, B",
    )
    assert (second.link, second.summary, second.author) == ("https://elsewhere.example/b", "S", "Feed Author")
    assert (third.link, third.summary, third.published) == (None, "text only", date(2026, 1, 2))


def test_json_feed_without_items_list_is_a_feed_with_an_error() -> None:
    body = b'{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": {"a": 1}}'
    result = parse_feed(body)
    assert (result.kind, result.is_feed, result.entries) == ("jsonfeed", True, ())
    assert result.error is not None and result.error.startswith("malformed JSON Feed")


# --- encodings ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type", "mismatch"),
    [
        # RFC 3023: the HTTP charset beats the XML declaration.
        (_rss("Café", "utf-8").encode("iso-8859-1"), "application/rss+xml; charset=ISO-8859-1", False),
        # A Latin-1 header on a UTF-8 body (a common server misconfiguration) would give "CafÃ©".
        (_rss("Café", "utf-8").encode("utf-8"), "text/xml; charset=iso-8859-1", True),
        # A declaration that lies (says UTF-8, bytes are Windows-1252), no header charset.
        (_rss("Café", "utf-8").encode("cp1252"), None, True),
        # text/xml without charset means US-ASCII to RFC 3023; the UTF-8 declaration rescues it.
        (_rss("Café", "utf-8").encode("utf-8"), "text/xml", True),
        (_rss("北京 会谈", "gb2312").encode("gb18030"), "application/xml", False),
        (_rss("北京 會談", None).encode("big5"), "application/rss+xml; charset=big5", False),
        (_rss("東京 会談", "shift_jis").encode("shift_jis"), None, False),
        (_rss("Café", "utf-16").encode("utf-16"), "application/xml; charset=utf-8", True),
        # No BOM, no charset: recognised from "<?xm" in UTF-32 (feedparser flags the missing declaration).
        (_rss("Café", None).encode("utf-32-le"), None, True),
        (_rss("Café", None).encode("utf-16"), None, False),  # BOM only: the BOM decides
    ],
)
def test_declared_encodings(body: bytes, content_type: str | None, mismatch: bool) -> None:
    expected = re.search(r"<title>(.*?)</title>", body.decode("utf-8", "ignore"))
    headers = {"Content-Type": content_type} if content_type else None
    result = parse_feed(body, headers)
    assert result.is_feed and result.kind == "rss20"
    title = {"Café", "北京 会谈", "北京 會談", "東京 会談"} & {result.title}
    assert title, (result.title, expected)
    assert result.entries[0].title == result.title
    assert (result.error is not None) == mismatch, result.error
    if mismatch:
        assert "encoding" in result.error or "content type" in result.error


def test_header_names_are_case_insensitive_and_content_location_is_a_base() -> None:
    body = b'<rss version="2.0"><channel><item><link>a/b</link></item></channel></rss>'
    result = parse_feed(body, {"CONTENT-LOCATION": "https://cdn.example.com/feeds/main.xml"})
    assert result.entries[0].link == "https://cdn.example.com/feeds/a/b"
    # A relative Content-Location is resolved against the URL the feed was fetched from.
    result = parse_feed(body, {"Content-Location": "/mirror/feed.xml"}, "https://news.example.com/rss")
    assert result.entries[0].link == "https://news.example.com/mirror/a/b"


# --- not a feed ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "looks_like"),
    [
        (b"", "empty"),
        (b" \r\n\t ", "empty"),
        (b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</p></body></html>", "HTML"),
        (b"<html><body><rss version='2.0'>not really</rss></body></html>", "HTML"),
        (b"just some words\nand more", "plain text"),
        (b'{"data": [1, 2, 3]}', "JSON without JSON Feed version"),
        (b'[{"version": "https://jsonfeed.org/version/1.1"}]', "JSON without JSON Feed version"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "malformed JSON Feed"),
        (b"[" * 100_000, "malformed JSON"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "<svg>"),
    ],
)
def test_not_a_feed(body: bytes, looks_like: str) -> None:
    result = parse_feed(body, {"Content-Type": "text/html; charset=utf-8"})
    assert (result.is_feed, result.kind, result.entries, result.title) == (False, "", (), None)
    assert result.error is not None and result.error.startswith("not a feed: ")
    assert looks_like in result.error


def test_bytes_naming_a_local_file_are_never_opened(tmp_path: Path) -> None:
    # If the body were handed to feedparser.parse as bytes, it would open this file and parse a feed.
    secret = tmp_path / "feed.xml"
    secret.write_bytes(_rss("SECRET-FILE-CONTENT").encode())
    for body in (str(secret).encode(), f"file://{secret}".encode(), b"/etc/hostname", b"/dev/zero"):
        result = parse_feed(body)
        assert (result.is_feed, result.entries) == (False, ())
        assert result.error == "not a feed: plain text"
        assert "SECRET" not in _text_fields(result)


# --- hostile XML -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE rss [\n<!ENTITY xxe SYSTEM "file://{path}">\n]>',
        '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{path}">]>',  # on one line, past feedparser's regex
        '<!DOCTYPE rss [\n<!ENTITY % p SYSTEM "file://{path}">\n%p;\n]>',
        '<!DOCTYPE rss SYSTEM "file://{path}">',
    ],
)
def test_external_entities_are_never_read(tmp_path: Path, doctype: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-XXE-MARKER")
    body = (
        f'<?xml version="1.0"?>\n{doctype.format(path=secret)}\n'
        '<rss version="2.0"><channel><title>t &xxe;</title>'
        "<item><title>&xxe;</title><description>a &xxe; b</description><link>https://e.example/1</link>"
        "</item></channel></rss>"
    ).encode()
    result = parse_feed(body)
    assert result.is_feed and result.kind == "rss20"
    assert result.entries and result.entries[0].link == "https://e.example/1"
    assert "TOP-SECRET" not in _text_fields(result)


def _laughs(levels: int, inline: bool = False) -> bytes:
    sep = "" if inline else "\n"
    decls = [f'<!ENTITY l0 "{"ha" * 10}">']
    decls += [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, levels + 1)]
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [{sep}{sep.join(decls)}{sep}]>\n'
        f'<rss version="2.0"><channel><title>&l{levels};</title><item><title>&l{levels};</title>'
        f"<description>&l{levels};</description></item></channel></rss>"
    ).encode()


def _quadratic(refs: int = 20_000, size: int = 50_000, markup: bytes = b"") -> bytes:
    # No nesting, so no "billion laughs" pattern: one long literal entity referenced many times.
    return (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY big "' + markup + b"x" * size + b'">\n]>\n'
        b'<rss version="2.0"><channel><item><title>t</title><description>'
        + b"&big;" * refs
        + b"</description></item></channel></rss>"
    )


@pytest.mark.parametrize(
    "body",
    [
        _laughs(9),
        _laughs(9, inline=True),
        _quadratic(),
        _quadratic().decode().encode("utf-16"),
        _quadratic(markup=b"<b>bold</b>"),
    ],
    ids=["billion-laughs", "billion-laughs-inline", "quadratic", "quadratic-utf16", "quadratic-markup"],
)
def test_entity_bombs_do_not_expand(body: bytes) -> None:
    started = time.perf_counter()
    result = parse_feed(body, timeout=20)
    assert time.perf_counter() - started < 10
    assert result.is_feed and len(result.entries) == 1
    # Fully expanded these are 10 GB (laughs) or 1 GB (quadratic); unexpanded, about the input's size.
    assert len(_text_fields(result)) <= len(body)
    # The same parse in this process, under tracemalloc: memory stays near the input size.
    tracemalloc.start()
    try:
        in_process = feeds._parse_safely(body, {}, None)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert in_process == result
    assert peak < 64 * 1024 * 1024, peak


def test_malformed_feed_keeps_recovered_entries() -> None:
    body = (
        b'<rss version="2.0"><channel><title>Broken</title>'
        b"<item><title>One</title><link>https://e.example/1</link></item>"
        b"<item><title>Two & three</title><link>https://e.example/2</link></item>"
        b"<item><title>Four</title><link>https://e.example/4</link>"
    )  # bare "&", and the document just stops
    result = parse_feed(body, {"Content-Type": "application/rss+xml"})
    assert result.is_feed and result.kind == "rss20"
    assert [e.title for e in result.entries] == ["One", "Two & three", "Four"]
    assert result.error is not None
    assert re.fullmatch(r"malformed XML: .+ \(3 entries recovered\)", result.error), result.error


def test_character_references_that_make_feedparser_raise() -> None:
    refs = [b"&#x110000;", b"&#xD800;", b"&#99999999999999999999;", b"&#" + b"9" * 5000 + b";"]
    for ref in refs:
        body = b'<rss version="2.0"><channel><item><title>a ' + ref + b" b</title></item></channel></rss>"
        result = parse_feed(body)
        assert result.is_feed and result.entries[0].title == "a \ufffd b"


def test_any_exception_inside_the_parse_becomes_a_parser_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import feedparser

    def explode(*args: object, **kwargs: object) -> None:
        raise OverflowError("Python int too large to convert to C int")

    monkeypatch.setattr(feedparser, "parse", explode)
    result = feeds._parse_safely(RSS20, {}, None)  # in this process, where the patch applies
    assert (result.is_feed, result.kind, result.entries) == (False, "", ())
    assert result.error == "parser error: OverflowError: Python int too large to convert to C int"


def test_hostile_entries_become_plain_text_and_safe_links() -> None:
    body = b"""<rss version="2.0"><channel><title>&lt;script&gt;alert('feed')&lt;/script&gt;Hostile</title>
    <item>
      <title>&lt;script&gt;alert(1)&lt;/script&gt;Breaking &lt;img src=x onerror=alert(2)&gt;news</title>
      <link>javascript:alert(3)</link>
      <description><![CDATA[<style>body{display:none}</style><p onclick="alert(4)">Real
        <b>text</b></p><script>steal()</script><iframe src="https://evil.example/">frame text</iframe>
        &amp;lt;script&amp;gt;alert(5)&amp;lt;/script&amp;gt; ok &copy; 2026]]></description>
      <author>&lt;a href="javascript:x"&gt;Mallory&lt;/a&gt;</author>
    </item>
    <item><title>data link</title><link>data:text/html;base64,PHNjcmlwdD4=</link></item>
    <item><title>file link</title><link>file:///etc/passwd</link></item>
    <item><title>vb link</title><link>vbscript:msgbox(1)</link></item>
    <item><title>ctrl\x01chars\x7f</title><link>https://ok.example/a b</link></item>
    </channel></rss>"""
    result = parse_feed(body, {"Content-Type": "application/rss+xml; charset=utf-8"}, "https://e.example/")
    everything = _text_fields(result)
    # (An iframe's fallback text is ordinary text and may stay; feedparser's sanitiser keeps it too.)
    for bad in ("<", "script", "alert", "steal", "onclick", "onerror", "display:none", "evil"):
        assert bad not in everything.lower(), bad
    assert result.title == "Hostile"
    first = result.entries[0]
    assert (first.title, first.link, first.author) == ("Breaking news", None, "Mallory")
    assert first.summary == "Real text\nframe text ok © 2026"
    assert [e.link for e in result.entries[1:4]] == [None, None, None]
    assert result.entries[4].title == "ctrlchars"
    assert result.entries[4].link == "https://ok.example/a%20b"


# --- the guard -----------------------------------------------------------------------------------


def test_timeout_kills_the_parse_and_the_next_feed_still_parses() -> None:
    items = b"".join(b"<item><title>t%d</title><description>&lt;p&gt;x&lt;/p&gt;</description></item>" % i
                     for i in range(10_000))  # fmt: skip
    big = b'<rss version="2.0"><channel>' + items + b"</channel></rss>"  # takes seconds to parse
    started = time.perf_counter()
    result = parse_feed(big, timeout=0.1)
    assert time.perf_counter() - started < 5
    assert result == FeedResult("", None, (), "parse timed out after 0.1 s", is_feed=False)
    assert parse_feed(RSS20).kind == "rss20"


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs: a zombie whose threads have all ended (it can be reaped) counts as dead.

    The leader of a killed process shows as a zombie while its other threads are still ending; until
    they have, the process cannot be reaped and its parent still sees it running.
    """
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            state = handle.read().rsplit(")", 1)[1].split()[0]
        return state != "Z" or len(os.listdir(f"/proc/{pid}/task")) > 1
    except OSError:
        return False


def test_a_dead_worker_is_replaced() -> None:
    assert parse_feed(RSS20).kind == "rss20"
    pid = feeds._WORKER.pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert parse_feed(RSS20).kind == "rss20"
    assert feeds._WORKER.pid not in (None, pid)
    feeds.shutdown_worker()
    assert parse_feed(ATOM10).kind == "atom10"  # started again on demand


def test_concurrent_callers_get_their_own_results() -> None:
    bodies = [_rss(f"Title {i}").encode() for i in range(40)]
    results: dict[int, FeedResult] = {}

    def work(i: int) -> None:
        results[i] = parse_feed(bodies[i])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(bodies))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [results[i].title for i in range(len(bodies))] == [f"Title {i}" for i in range(len(bodies))]


def test_arguments() -> None:
    assert parse_feed(_rss("as str")).title == "as str"  # type: ignore[arg-type]
    assert parse_feed(bytearray(_rss("ba").encode())).title == "ba"  # type: ignore[arg-type]
    assert parse_feed(12).error == "parser error: body must be bytes, not int"  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        parse_feed(RSS20, timeout=0)


# --- upstream feedparser test corpus -----------------------------------------------------------------


@pytest.mark.corpus
def test_every_corpus_feed_yields_a_result() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"feed corpus not found at {CORPUS}")
    files = [p for p in sorted(CORPUS.rglob("*")) if p.is_file() and p.suffix in {".xml", ".rdf", ".json"}]
    assert len(files) > 250
    outcomes: Counter[str] = Counter()
    for path in files:
        data = path.read_bytes()
        result = parse_feed(data, corpus_headers(data), timeout=20)
        assert isinstance(result, FeedResult), path
        assert not (result.error or "").startswith(("parser error", "parse timed out")), (path, result.error)
        if result.is_feed:
            assert all(isinstance(e, FeedEntry) for e in result.entries)
            assert all(e.link is None or e.link.startswith(("http://", "https://")) for e in result.entries)
        outcomes["parsed" if result.is_feed and not result.error else "malformed" if result.is_feed else
                 "not-a-feed"] += 1  # fmt: skip
    print(f"\nfeed corpus: {len(files)} files, {dict(outcomes)}")
    assert outcomes["parsed"] > 200
    assert outcomes["parsed"] + outcomes["malformed"] + outcomes["not-a-feed"] == len(files)
