"""JSON-LD and meta tags read as the page declares them: article found through @graph, people not
organisations as authors, original and updated dates apart, bad JSON harmless."""

from __future__ import annotations

import json
from datetime import date

from lxml import html as lxml_html

from transforms.extraction.structured_data import StructuredMetadata, read_structured_metadata


def _page(*json_ld: object, meta: str = "", raw_scripts: tuple[str, ...] = ()) -> object:
    scripts = "".join(f'<script type="application/ld+json">{json.dumps(obj)}</script>' for obj in json_ld)
    scripts += "".join(f'<script type="application/ld+json">{raw}</script>' for raw in raw_scripts)
    return lxml_html.fromstring(f"<html><head>{meta}{scripts}</head><body><p>x</p></body></html>")


_ARTICLE = {
    "@type": "NewsArticle",
    "headline": "  Ferry terminal\n opens  ",
    "articleBody": "First paragraph.\n\nSecond   paragraph.",
    "datePublished": "2026-01-05T09:30:00+09:00",
    "dateModified": "2026-01-06T10:00:00Z",
    "author": [
        {"@type": "Person", "name": "Kim Min-ji"},
        {"@type": "Organization", "name": "Harbour Daily Newsroom"},
        "Lee Soo-jin",
        {"@type": "Person", "name": "Kim Min-ji"},
    ],
    "publisher": {"@type": "Organization", "name": "Harbour Daily"},
}


def test_the_article_in_a_graph_gives_every_field_with_people_as_authors() -> None:
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "WebPage", "name": "p"}, _ARTICLE]}
    found = read_structured_metadata(_page(graph))
    assert found.article_type == "NewsArticle"
    assert found.headline == "Ferry terminal opens"
    assert found.body == "First paragraph.\nSecond paragraph."
    assert (found.published, found.modified) == (date(2026, 1, 5), date(2026, 1, 6))
    assert found.authors == ("Kim Min-ji", "Lee Soo-jin")  # the newsroom is not a byline; no duplicate
    assert found.publisher == "Harbour Daily"
    assert dict(found.source)["authors"] == "json-ld"


def test_meta_tags_fill_what_json_ld_leaves_empty() -> None:
    meta = (
        '<meta property="og:title" content="From OpenGraph">'
        '<meta property="article:published_time" content="2026-01-04T08:00:00+09:00">'
        '<meta name="author" content="Park Ji-hoon">'
        '<meta property="og:site_name" content="Meridian Wire">'
    )
    found = read_structured_metadata(_page({"@type": "BlogPosting", "headline": "From JSON-LD"}, meta=meta))
    assert found.headline == "From JSON-LD"  # JSON-LD wins where it has the field
    assert found.published == date(2026, 1, 4) and found.authors == ("Park Ji-hoon",)
    assert dict(found.source) == {
        "article_type": "json-ld", "headline": "json-ld", "published": "meta", "authors": "meta",
        "publisher": "meta",
    }  # fmt: skip


def test_broken_or_hostile_json_ld_gives_empty_fields_not_errors() -> None:
    hostile = (
        "{not json",
        json.dumps({"@type": ["NewsArticle"], "datePublished": "2026-13-45", "author": {"name": 7}}),
        json.dumps([[[[[[{"@type": "NewsArticle", "headline": "too deep"}]]]]]]),
        "x" * 1_100_000,
    )
    found = read_structured_metadata(_page(raw_scripts=hostile))
    assert found.article_type == "NewsArticle"  # the second block, with nothing usable in it
    assert (found.headline, found.published, found.authors) == (None, None, ())


def test_a_page_without_structured_data_gives_nothing() -> None:
    assert read_structured_metadata(_page()) == StructuredMetadata()
