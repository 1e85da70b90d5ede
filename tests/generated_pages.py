"""Many distinct article pages made from the seed articles, for streaming tests that need a few
hundred inputs without the shared corpus.

Each page takes a seed's paragraphs in a rotated order, keeps a different subset, adds a sentence
of its own, and carries its own title, canonical URL, outlet and date inside the event window, so
every page is a distinct article; every tenth page is made off-topic (the event's names removed).
"""

from __future__ import annotations

import html
import random
from pathlib import Path

from tests.conftest import SEEDS_DIR

__all__ = ["write_pages"]

_OUTLETS = ("Harbour Ledger", "Meridian Wire", "Northgate Courier", "Eastern Gazette")


def _paragraphs(path: Path) -> list[str]:
    blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n")]
    return [b for b in blocks if len(b.split()) >= 12]


def write_pages(folder: Path, count: int, *, seed: int = 7) -> list[Path]:
    """Write ``count`` HTML pages into ``folder``; return their paths."""
    chooser = random.Random(seed)
    sources = [_paragraphs(p) for p in sorted(SEEDS_DIR.glob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number in range(count):
        paragraphs = sources[number % len(sources)]
        start = chooser.randrange(len(paragraphs))
        kept = (paragraphs[start:] + paragraphs[:start])[: chooser.randint(6, max(6, len(paragraphs)))]
        kept.append(f"Analysts cited in report number {number} said the talks would shape the region.")
        if number % 10 == 9:  # off-topic: none of the event's names
            kept = ["A local bakery won a regional prize for its rye bread on Saturday."] * 3 + [
                f"The judges praised entry {number} for its crust and its flavour." for _ in range(4)
            ]
        day = 4 + number % 4
        body = "".join(f"<p>{html.escape(p)}</p>" for p in kept)
        page = (
            f'<!DOCTYPE html><html lang="en"><head><title>Story {number} | {_OUTLETS[number % 4]}</title>'
            f'<meta property="og:site_name" content="{_OUTLETS[number % 4]}">'
            f'<meta property="article:published_time" content="2026-01-0{day}T08:00:00+09:00">'
            f'<link rel="canonical" href="https://news{number % 4}.example/story-{number}"></head>'
            f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>Story {number}</h1>{body}</article>"
            f"<footer>Copyright 2026 {_OUTLETS[number % 4]}</footer></body></html>"
        )
        path = folder / f"page-{number:04d}.html"
        path.write_text(page, encoding="utf-8")
        written.append(path)
    return written
