"""Inputs and checks for the fuzz tests (tests/test_fuzz.py): strategies that build hostile but
plausible articles, feeds and profiles, the properties every output must keep, and the regression corpus.

Hypothesis profiles: ``ci`` (the default, a few dozen examples per target, part of ``make test``) and
``fuzz`` (``make fuzz``: thousands per target, no deadline). ``HYPOTHESIS_PROFILE`` picks one.

The regression corpus, ``tests/fuzz_regressions/<target>/``, holds every input that ever broke a target,
one file each (bytes as found); the tests replay all of them on every run. ``payloads/`` files go through
the loaders (the suffix names the format; a name starting ``article-`` is a good article that was once
lost and must come through as one), ``texts/`` files (UTF-8, surrogates allowed) through the analysis,
``cleaning/`` files through the text-cleaning properties.
"""

from __future__ import annotations

import math
import os
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from transforms.analysis.enrichment import ArticleAnalysis
from transforms.profile import EventProfile

__all__ = [
    "REGRESSIONS",
    "article_bytes",
    "article_text",
    "check_analysis",
    "feed_bytes",
    "profile_text",
    "regression_inputs",
]

REGRESSIONS = Path(__file__).parent / "fuzz_regressions"

settings.register_profile(
    "ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.register_profile(
    "fuzz", max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck), print_blob=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Pieces news text is made of, and pieces that have broken text tools before: quotation marks of every
# kind, numbers with separators, currencies, units, dates, names, speech verbs, control and format
# characters, a lone surrogate, very long words.
_PIECES = (
    "Lee Jae Myung", "Xi Jinping", "President Lee", "Beijing", "Shanghai", "North Korea", "said", "told",
    "according to", "added:", "“", "”", '"', "'", "‘", "’", "«", "»", "„", "(", ")", "[", "]", ",", ".", ";",
    ":", "—", "-", "\n", "\n\n", "\r\n", "\t", " ", "  ", "15", "1,200", "2.5", "200-member", "four-day",
    "P2.1bn", "EUR 3.8 billion", "($4.1 billion)", "50.7%", "185km/h", "121 mph", "30,000 acres",
    "Jan. 4-7", "January 5", "5 January 2026", "2026-01-06", "Monday", "on Friday, 22 October", "18:10 GMT",
    "2:10 a.m.", "since 2019", "in 2013", "seven of the 19", "more than", "at least", "memorandums",
    "state visit", "delegation", "summit", "agreements", "killed", "\u200b", "\u200f", "\u00ad", "\x00",
    "\ufeff", "\ud800", "😀", "中国", "한국", "x" * 300, "&amp;", "&#0;", "<b>", "</p>",
)  # fmt: skip


def _seed_sentences() -> tuple[str, ...]:
    """Real sentences of the bundled seed articles, so the extractors meet quotes and claims they act on."""
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    sentences = []
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += [part.strip() + "." for part in text.split(". ") if len(part.strip()) > 20]
    return tuple(sentences)


_SENTENCES = _seed_sentences()


def article_text() -> st.SearchStrategy[str]:
    """Text assembled from real sentences, news-like and troublesome pieces, and arbitrary text: the
    sentences make the article relevant and give the extractors quotes, claims and names to act on."""
    piece = st.one_of(st.sampled_from(_SENTENCES), st.sampled_from(_PIECES), st.text(max_size=20))
    return st.lists(piece, max_size=120).map(" ".join)


def _clean_for_bytes(text: str) -> str:
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _html(text: str, title: str) -> str:
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
        '<script type="application/ld+json">'
        f'{{"headline": "{title}", "datePublished": "2026-01-06"}}</script>'
        f"</head><body><nav>Home | World</nav><article><h1>{title}</h1><p>{text}</p>"
        f"<p>{text[::-1]}</p></article><footer>© 2026</footer></body></html>"
    )


@st.composite
def article_bytes(draw: st.DrawFn) -> tuple[str, bytes]:
    """(file name, payload) of a plain-text, HTML or JSON Lines article, well-formed or not."""
    text = _clean_for_bytes(draw(article_text()))
    title = _clean_for_bytes(draw(st.text(max_size=40)))
    kind = draw(st.sampled_from(["txt", "html", "jsonl", "raw"]))
    if kind == "txt":
        body = f"{title}\nBy Jane Doe\n5 January 2026\n\n{text}\n".encode()
    elif kind == "html":
        body = _html(text, title).encode("utf-8")
        if draw(st.booleans()):
            body = body[: draw(st.integers(0, len(body)))]  # truncated mid-tag
    elif kind == "jsonl":
        import json

        record = draw(st.sampled_from(["text", "partial", "broken"]))
        line = json.dumps({"title": title, "text": text, "published": "2026-01-06"})
        body = {
            "text": line + "\n" + line + "\n",
            "partial": json.dumps({"title": title}) + "\n[1, 2]\nnull\n",
            "broken": line[: len(line) // 2] + "\n{\n",
        }[record].encode("utf-8")
    else:
        body = draw(st.binary(max_size=2000))
    name = f"item.{kind if kind != 'raw' else draw(st.sampled_from(['txt', 'html', 'jsonl']))}"
    return name, body


_FEED_SHAPES = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>{t}</title>'
    "<item><title>{t}</title><link>{l}</link><pubDate>{d}</pubDate><description>{x}</description></item>"
    "</channel></rss>",
    '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{t}</title>'
    '<entry><title>{t}</title><link href="{l}"/><updated>{d}</updated><summary>{x}</summary></entry></feed>',
    '{{"version": "https://jsonfeed.org/version/1.1", "title": "{t}", "items": [{{"url": "{l}", '
    '"title": "{t}", "date_published": "{d}", "content_html": "{x}"}}]}}',
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "{x}{x}"><!ENTITY b "&a;&a;&a;">]><rss><channel>'
    "<item><title>&b;</title><link>{l}</link></item></channel></rss>",
)


@st.composite
def feed_bytes(draw: st.DrawFn) -> bytes:
    """An RSS, Atom, JSON Feed or entity-laden payload with hostile fields, or arbitrary bytes."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.binary(max_size=2000))
    shape = draw(st.sampled_from(_FEED_SHAPES))
    field = st.text(max_size=30).map(_clean_for_bytes)
    link = draw(st.sampled_from(["http://127.0.0.1/a", "/relative", "javascript:alert(1)", "file:///etc/passwd",
                                 "", "http://[::1", "https://example.org/" + "a" * 500]))  # fmt: skip
    body = shape.format(t=draw(field), l=link, d=draw(st.sampled_from(["", "Mon, 05 Jan 2026 10:00:00 +0900",
                        "2026-13-45", "yesterday"])), x=draw(field))  # fmt: skip
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "latin-1"]))
    return body.encode(encoding, "replace")


@st.composite
def profile_text(draw: st.DrawFn, base: str) -> str:
    """The bundled profile with random edits: keys dropped, values swapped, junk lines inserted."""
    lines = base.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        k = draw(st.integers(0, max(0, len(lines) - 1)))
        action = draw(st.sampled_from(["drop", "dup", "junk", "retype"]))
        if action == "drop" and lines:
            lines.pop(k)
        elif action == "dup" and lines:
            lines.insert(k, lines[k])
        elif action == "junk":
            lines.insert(k, draw(st.text(max_size=40)))
        elif lines and "=" in lines[k]:
            key = lines[k].split("=", 1)[0]
            value = draw(
                st.sampled_from(['""', "[]", "0", "-1", "true", "2026-13-01", '["x", 1]', "{}", '"\\u0000"'])
            )
            lines[k] = f"{key}= {value}"
    return "\n".join(lines)


def check_analysis(text: str, analysis: ArticleAnalysis, profile: EventProfile) -> None:
    """Every record points inside ``text``, says what the text says there, and has a value of its kind."""
    kinds = {c.id: c.kind for c in profile.claim_types}
    entity_ids = {e.id for e in profile.entities}
    for mention in analysis.mentions:
        assert mention.entity_id in entity_ids and mention.count >= 1
        assert 0 <= mention.first_offset < len(text)
    for quote in analysis.quotes:
        assert 0 <= quote.evidence_start <= quote.start <= quote.end <= quote.evidence_end <= len(text)
        assert quote.words >= 0
        assert quote.speaker_entity_id is None or quote.speaker_entity_id in entity_ids
    for claim in analysis.claims:
        assert 0 <= claim.start <= claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.sentence
        assert claim.claim_type in kinds
        if kinds[claim.claim_type] == "date":
            assert isinstance(claim.value, str)
            date.fromisoformat(claim.value)
        else:
            assert isinstance(claim.value, float) and math.isfinite(claim.value)
    for event in analysis.timeline:
        assert profile.window_start <= event.day <= profile.window_end
    assert isinstance(analysis.shingles, bytes)


def regression_inputs(target: str) -> list[Path]:
    """The stored inputs that once broke ``target``."""
    folder = REGRESSIONS / target
    return sorted(folder.iterdir()) if folder.is_dir() else []
