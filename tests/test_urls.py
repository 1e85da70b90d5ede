"""Canonical URL forms."""

from __future__ import annotations

import pytest

from transforms.text.urls import canonical_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("HTTP://Example.COM:80/a/../b/?utm_source=x&id=3#frag", "http://example.com/b/?id=3"),
        ("https://example.com/news/story.html?fbclid=abc", "https://example.com/news/story.html"),
        ("http://127.0.0.1:8080/x/y.html", "http://127.0.0.1:8080/x/y.html"),
        ("https://example.com/2026/01/05/lee-xi.html#comments", "https://example.com/2026/01/05/lee-xi.html"),
    ],
)
def test_canonical_forms(given: str, expected: str) -> None:
    assert canonical_url(given) == expected


def test_distinct_articles_stay_distinct() -> None:
    assert canonical_url("https://example.com/article.php?id=1") != canonical_url(
        "https://example.com/article.php?id=2"
    )


def test_garbage_is_returned_as_given() -> None:
    assert canonical_url("  not a url  ") == "not a url"
