"""Tests for transforms.extraction.html_extract: main text, metadata, garbage that must not crash."""

from __future__ import annotations

import gzip
import json
import random
from datetime import date
from pathlib import Path

import htmldate
import pytest
import trafilatura
from trafilatura.deduplication import LRUCache

from transforms.documents import DateEvidence
from transforms.extraction import html_extract
from transforms.extraction.html_extract import (
    DATE_TEXT_SEARCH,
    MAX_INPUT_SIZE,
    extract_html,
    extract_html_outcome,
)
from transforms.text.characters import normalise_characters

VERSION = trafilatura.__version__
CANONICAL = "https://www.harbourtimes.example/politics/ngata-tokyo-visit"

ARTICLE = (
    "WELLINGTON (Harbour Times) — Prime Minister Aroha Ngata arrived in Tokyo on Monday for a "
    "three\u2011day visit focused on trade, regional security and a long-delayed fisheries agreement.",
    "Officials from both governments said the talks would open with a working lunch hosted by the "
    "Japanese foreign minister, followed by a joint press conference at the Kantei.",
    "“We have waited a long time for this conversation,” Ngata told reporters on the flight, adding "
    "that exporters of dairy and timber would be watching\u00a0closely for any movement on tariffs.",
    "Opposition leaders criticised the timing of the trip, saying the government should have resolved "
    "the domestic housing dispute before travelling abroad for most of the week.",
)

# Page furniture that must not reach the body text.
FURNITURE = (
    "We use cookies",
    "Business",
    "Related stories",
    "Dairy exporters brace for another volatile season",
    "Kiwi_Dad_77",
    "Another junket paid for by taxpayers",
    "All rights reserved",
    "dataLayer",
    "color: red",
)

META_HEAD = f"""<meta property="og:site_name" content="Harbour Times">
<meta property="article:published_time" content="2025-03-10T08:15:00+13:00">
<meta name="author" content="Mere Tawhiri">
<link rel="canonical" href="{CANONICAL}">"""


def news_page(
    *, head: str = META_HEAD, lang: str = ' lang="en-NZ"', title: str = "Ngata lands in Tokyo"
) -> str:
    """A news article page with the usual furniture around it."""
    paragraphs = "\n".join(f"<p>{text}</p>" for text in ARTICLE)
    return f"""<!DOCTYPE html>
<html{lang}>
<head>
<meta charset="utf-8">
<title>{title} | Harbour Times</title>
{head}
<script>window.dataLayer = [{{"section": "politics"}}];</script>
<style>.nav {{ color: red; }}</style>
</head>
<body>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience.
Accept all cookies or manage preferences.</div>
<header class="site-header"><nav class="nav"><ul>
<li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li>
</ul></nav></header>
<main>
<article>
<h1>{title}</h1>
<p class="byline">By <span class="author">Mere Tawhiri</span></p>
{paragraphs}
</article>
<aside class="related-articles"><h2>Related stories</h2><ul>
<li><a href="/a">Dairy exporters brace for another volatile season of prices</a></li>
<li><a href="/b">Housing dispute drags on as council rejects latest offer</a></li>
</ul></aside>
<section id="comments" class="comments"><h2>Comments (2)</h2>
<div class="comment"><p>Kiwi_Dad_77 wrote: About time somebody went over there and sorted out the
fisheries mess properly.</p></div>
<div class="comment"><p>skeptic_reader wrote: Another junket paid for by taxpayers while the housing
crisis gets worse every single day.</p></div>
</section>
</main>
<footer class="site-footer"><p>© 2025 Harbour Times Media Ltd. All rights reserved.
Contact us · Privacy policy · Terms of use</p></footer>
</body></html>"""


def test_main_text_kept_and_furniture_dropped() -> None:
    doc = extract_html(news_page(), url="https://harbourtimes.example/p?utm_source=feed")
    assert doc is not None
    for paragraph in ARTICLE:
        assert normalise_characters(paragraph) in doc.text
    for furniture in FURNITURE:
        assert furniture not in doc.text, furniture
    assert doc.boilerplate_removed["page_text_chars_dropped"] > 300


def test_metadata_mapped_with_provenance() -> None:
    doc = extract_html(news_page(), url="https://harbourtimes.example/p?utm_source=feed")
    assert doc is not None
    assert doc.title == "Ngata lands in Tokyo"
    assert doc.byline == "Mere Tawhiri"
    assert doc.authors == ("Mere Tawhiri",)
    assert doc.outlet == "Harbour Times"
    assert doc.url == CANONICAL  # the page's canonical URL beats the fetched one
    assert doc.language == "en"
    # The date as the page wrote it (NZ time), not shifted to UTC (which would be 9 March).
    assert doc.published == DateEvidence(date(2025, 3, 10), "metadata:html", "2025-03-10")
    assert (doc.extractor, doc.extractor_version) == ("trafilatura", VERSION)
    meta = f"trafilatura@{VERSION}:metadata"
    declared = "presswatch.page_metadata@2:meta"
    assert doc.field_provenance == {
        "text": f"trafilatura@{VERSION}:main-text",
        "title": meta,
        "authors": declared,
        "byline": declared,
        "outlet": declared,
        "url": meta,
        "published": f"htmldate@{htmldate.__version__}:markup",
        "language": "presswatch.html_extract@1:html-lang",
    }


def test_body_is_normalised_like_plain_text() -> None:
    doc = extract_html(news_page())
    assert doc is not None
    assert "three-day" in doc.text  # U+2011 non-breaking hyphen
    assert "watching closely" in doc.text  # NBSP
    assert "\u2011" not in doc.text and "\u00a0" not in doc.text
    paragraphs = doc.text.split("\n\n")
    assert all(p and p == p.strip() and "\n" not in p for p in paragraphs)
    assert len(paragraphs) >= len(ARTICLE)


def test_bytes_are_decoded_with_the_declared_charset() -> None:
    page = news_page(title="Café owners welcome Ngata").replace('charset="utf-8"', 'charset="windows-1252"')
    doc = extract_html(page.replace("\u2011", "-").replace("“", '"').replace("”", '"').encode("cp1252"))
    assert doc is not None
    assert doc.title == "Café owners welcome Ngata"


def test_url_falls_back_to_the_callers_url() -> None:
    head = '<meta property="og:site_name" content="Harbour Times">'
    doc = extract_html(news_page(head=head), url="https://harbourtimes.example/p/1")
    assert doc is not None
    assert doc.url == "https://harbourtimes.example/p/1"
    assert doc.field_provenance["url"] == "presswatch.page_metadata@2:caller-url"

    doc = extract_html(news_page(head=head))
    assert doc is not None
    assert doc.url is None
    assert "url" not in doc.field_provenance


def test_outlet_is_not_guessed_from_the_url() -> None:
    # No og:site_name and no site name in the title: trafilatura would fall back to the host name.
    doc = extract_html(news_page(head="", title="Council meets"), url="https://www.harbourtimes.example/x")
    assert doc is not None
    assert doc.outlet is None
    assert "outlet" not in doc.field_provenance


def test_missing_metadata_leaves_fields_empty() -> None:
    doc = extract_html(news_page(head="", lang=""))
    assert doc is not None
    assert (doc.outlet, doc.url, doc.language) == (None, None, None)
    assert doc.byline == "Mere Tawhiri"  # still read from the page's byline markup
    assert set(doc.field_provenance) == {"text", "title", "authors", "byline", "published"}
    # With no date markup, htmldate settles for the footer's copyright year: a guess, labelled as one.
    assert doc.published == DateEvidence(date(2025, 1, 1), DATE_TEXT_SEARCH, "2025-01-01")


def test_date_guessed_from_text_is_labelled_inferred() -> None:
    page = news_page(head="").replace("<footer", "<p>Updated 5 November 2024 by the newsroom.</p><footer")
    doc = extract_html(page)
    assert doc is not None and doc.published is not None
    assert doc.published.value == date(2024, 11, 5)
    assert doc.published.provenance == DATE_TEXT_SEARCH
    assert doc.field_provenance["published"] == f"htmldate@{htmldate.__version__}:text-search"


@pytest.mark.parametrize(
    ("lang", "expected"), [(' lang="de-DE"', "de"), (' lang="PT_br"', "pt"), (' lang="und"', None)]
)
def test_language_is_the_primary_subtag(lang: str, expected: str | None) -> None:
    doc = extract_html(news_page(lang=lang))
    assert doc is not None
    assert doc.language == expected


def test_same_page_extracts_identically_every_time() -> None:
    # trafilatura's default deduplication cache is process-global: the third sighting of the same
    # paragraphs would come back empty. Extraction must not depend on what ran before.
    first = extract_html(news_page())
    assert first is not None and ARTICLE[-1] in first.text
    for _ in range(4):
        assert extract_html(news_page()) == first


_rng = random.Random(20250310)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("", "empty-input"),
        (b"", "empty-input"),
        (" \n\t ", "empty-input"),
        (_rng.randbytes(8192), "binary-input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _rng.randbytes(512), "binary-input"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary-input"),
        (gzip.compress(news_page().encode()), "binary-input"),
        ("<html>\x00\x00\x00</html>", "binary-input"),
        ("Just a sentence of plain text, no markup at all.", "not-html"),
        ("https://127.0.0.1:1/never-fetched", "not-html"),
        (
            "<html><head><title>x</title></head><body><div> </div><script>var a;</script></body></html>",
            "no-main-text",
        ),
        (None, "unsupported-input"),
        (12345, "unsupported-input"),
    ],
)
def test_garbage_gives_a_reason_not_an_exception(data: object, reason: str) -> None:
    outcome = extract_html_outcome(data)  # type: ignore[arg-type]
    assert outcome.document is None
    assert outcome.reason is not None and outcome.reason.split(":")[0] == reason
    assert extract_html(data) is None  # type: ignore[arg-type]


def test_oversized_input_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[object] = []
    monkeypatch.setattr(html_extract, "load_html", lambda *args: parsed.append(args))
    page = "<html><body><p>" + "x" * MAX_INPUT_SIZE + "</p></body></html>"
    outcome = extract_html_outcome(page)
    assert outcome.document is None
    assert outcome.reason == f"too-large: {len(page)} > {MAX_INPUT_SIZE}"
    assert parsed == []


# The timeout turns a hang on pathological nesting into a failure; speed is not asserted here.
@pytest.mark.timeout(60)
def test_deeply_nested_two_megabyte_page_finishes() -> None:
    depth = 200_000
    page = "<html><body>" + "<div>" * depth + "lost in the middle" + "</div>" * depth + "</body></html>"
    assert len(page) > 2_000_000
    outcome = extract_html_outcome(page)
    assert outcome.document is None
    assert outcome.reason == "no-main-text"


def test_extractor_errors_become_reasons(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(html_extract.trafilatura, "bare_extraction", explode)
    outcome = extract_html_outcome(news_page())
    assert outcome == html_extract.HtmlOutcome(None, "extractor-error: RuntimeError: boom")


# --- optional: the shared evaluation corpus ---------------------------------------------------------

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "html"
# Measured with these settings: 0.967 of "with" snippets found, 0.898 of "without" snippets absent.
WITH_RECALL_FLOOR = 0.95
WITHOUT_PRECISION_FLOOR = 0.88


def _flat(text: str) -> str:
    return " ".join(normalise_characters(text).split())


@pytest.mark.corpus
def test_corpus_snippets() -> None:
    evaldata = CORPUS / "evaldata_subset.json"
    if not evaldata.is_file():
        pytest.skip(f"corpus not found at {CORPUS}")
    found = expected = absent = unwanted = 0
    for url, entry in json.loads(evaldata.read_text(encoding="utf-8")).items():
        html = gzip.decompress((CORPUS / "html" / f"{entry['file']}.gz").read_bytes())
        doc = extract_html(html, url=url)
        text = _flat(doc.text) if doc else ""
        expected += len(entry["with"])
        found += sum(_flat(snippet) in text for snippet in entry["with"])
        unwanted += len(entry["without"])
        absent += sum(_flat(snippet) not in text for snippet in entry["without"])
    assert found / expected >= WITH_RECALL_FLOOR
    assert absent / unwanted >= WITHOUT_PRECISION_FLOOR


# --- no page lost to the duplicate check ---------------------------------------------------------------

_REPEATED = (
    "The harbour authority said on Tuesday that the new ferry terminal would open in March after two "
    "years of delays and rising costs."
)


def test_a_page_whose_paragraph_repeats_is_not_lost_to_the_duplicate_check() -> None:
    page = f"<html><head><title>T</title></head><body><main>{f'<p>{_REPEATED}</p>' * 3}</main></body></html>"
    # The condition this guards against: trafilatura's deduplicating pass finds nothing on this page.
    deduplicated = trafilatura.bare_extraction(
        page, deduplicate=LRUCache(maxsize=1024), include_comments=False, include_tables=True,
        with_metadata=True,
    )  # fmt: skip
    assert deduplicated is None
    document = extract_html(page)
    assert document is not None and _REPEATED in document.text
    assert document.field_provenance["text"].endswith(":main-text:without-deduplication")


def test_an_ordinary_page_keeps_the_deduplicating_strategy() -> None:
    body = f"<p>{_REPEATED}</p><p>A second paragraph follows it here.</p>"
    page = f"<html><body><main>{body}</main></body></html>"
    document = extract_html(page)
    assert document is not None and document.field_provenance["text"].endswith(":main-text")
