"""Page furniture never reaches the stored text: one invented page per family, HTML and plain text.

The pages in ``tests/fixtures/furniture/`` carry WordPress share/like/related tails, newsletter and
channel promotions, wire credits and sign-offs, a headline repeated as the first line, a caption
repeated three times, and a body only JSON-LD holds; ``expected.json`` says, per page, which
sentences must survive, which furniture must not, and the title, dates and authors.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from transforms.documents import ExtractedDocument
from transforms.extraction.html_extract import _prefer_declared_body, extract_html
from transforms.extraction.plaintext import extract_plaintext

FIXTURES = Path(__file__).parent / "fixtures" / "furniture"
EXPECTED: dict[str, dict] = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))


def _flat(text: str) -> str:
    return " ".join(text.split())


def _extract(name: str) -> ExtractedDocument:
    raw = (FIXTURES / name).read_text(encoding="utf-8")
    if name.endswith(".html"):
        doc = extract_html(raw, url=f"https://news.example/{name}")
        assert doc is not None, name
        return doc
    return extract_plaintext(raw)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_article_text_survives(name: str) -> None:
    text = _flat(_extract(name).text)
    missing = [s for s in EXPECTED[name]["with"] if _flat(s) not in text]
    assert not missing, missing


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if EXPECTED[n]["without"]))
def test_furniture_is_removed(name: str) -> None:
    text = _flat(_extract(name).text)
    kept = [s for s in EXPECTED[name]["without"] if _flat(s) in text]
    assert not kept, kept


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if "caption" in EXPECTED[n]))
def test_a_repeated_caption_is_kept_once(name: str) -> None:
    text = _flat(_extract(name).text)
    assert text.count(_flat(EXPECTED[name]["caption"])) <= EXPECTED[name]["caption_max_count"]


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if "headline" in EXPECTED[n]))
def test_the_headline_is_not_repeated_in_the_body(name: str) -> None:
    doc = _extract(name)
    assert doc.title == EXPECTED[name]["headline"]
    assert _flat(EXPECTED[name]["headline"]) not in _flat(doc.text)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_title_dates_and_authors(name: str) -> None:
    doc, want = _extract(name), EXPECTED[name]
    assert doc.title == want["title"]
    published = doc.published.value if doc.published is not None else None
    assert published == (date.fromisoformat(want["published"]) if want["published"] else None)
    if name.endswith(".html"):
        assert doc.updated == (date.fromisoformat(want["updated"]) if want["updated"] else None)
    assert list(doc.authors) == want["authors"]


def test_a_declared_article_body_keeps_its_paragraphs() -> None:
    doc = _extract("jsonld_body.html")
    assert doc.field_provenance["text"] == "presswatch.html_extract@1:json-ld-article-body"
    assert doc.text.count("\n\n") >= 5  # seven paragraphs, not one line


def test_a_teaser_gives_way_to_the_declared_body_of_the_same_article() -> None:
    lede = "Marine scientists have mapped a coral reef in good health off Calvera Bank, the team said."
    body = "\n".join(
        [lede, *(f"Paragraph {n} of the full story goes on about the reef survey." for n in range(8))]
    )
    assert _prefer_declared_body(lede, body)
    assert not _prefer_declared_body("An unrelated teaser about the weather on the coast today.", body)
    assert not _prefer_declared_body(body.replace("\n", "\n\n") + " And more.", body)  # the layout is fuller
