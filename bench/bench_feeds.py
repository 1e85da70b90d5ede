"""Benchmark web.feeds.parse_feed against plain feedparser on the shared feed corpus.

Usage: ``python bench/bench_feeds.py [--corpus DIR] [--rounds N]``. Prints one JSON object:

- ``files``: corpus files parsed (each with the HTTP headers its "Header:" comment lines give)
- ``outcomes``: parse_feed results by outcome (parsed / malformed / not-a-feed / parser error / timed out)
- ``baseline`` / ``unguarded`` / ``guarded``: ``feeds_per_second`` and ``ms_per_feed`` for
  ``feedparser.parse(io.BytesIO(body), response_headers=...)`` in this process; parse_feed's own work
  in this process (no worker); and ``parse_feed`` itself (worker process, deadline)
- ``ratios``: time per feed, guarded / baseline and guarded / unguarded (the guard alone)
- ``guard_ms_per_feed``: what the worker round trip adds per feed; ``worker_start_seconds``: one start
- ``news_feed``: the same three figures on one synthetic 50-item feed with HTML summaries (~29 KB),
  closer to a real news feed than the corpus's mostly tiny test files

Every variant runs ``--rounds`` times over the data and keeps its fastest round.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import feedparser

from web import feeds
from web.feeds import FeedResult, parse_feed, shutdown_worker

__all__ = ["corpus_headers", "load_corpus", "main"]

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "feeds"
_HEADER_LINE = re.compile(r"^\s*Header:\s*([\w-]+):[ \t]*(.*?)\s*$", re.MULTILINE)

Feed = tuple[bytes, dict[str, str]]


def corpus_headers(data: bytes) -> dict[str, str]:
    """The "Header: Name: value" lines of a corpus file's leading comment (which may be UTF-16/32)."""
    text = data.decode("latin-1")
    if b"\x00" in data[:4]:
        for codec in ("utf-32", "utf-16", "utf-32-be", "utf-32-le", "utf-16-be", "utf-16-le"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if "<" in text[:8]:
                break
    return dict(_HEADER_LINE.findall(text.split("-->", 1)[0]))


def load_corpus(corpus: Path) -> list[Feed]:
    """Every feed file with its headers, in memory."""
    paths = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix in {".xml", ".rdf", ".json"})
    return [(data, corpus_headers(data)) for data in (p.read_bytes() for p in paths)]


def news_feed(items: int = 50) -> bytes:
    """A synthetic RSS 2.0 feed shaped like a news site's: HTML summaries, dates, authors, categories."""
    item = (
        "<item><title>Leaders meet in Seoul for talks, day {i}</title>"
        "<link>https://news.example.com/world/2026/01/05/story-{i}</link>"
        '<guid isPermaLink="false">story-{i}</guid><pubDate>Mon, 05 Jan 2026 09:{m:02d}:00 +0900</pubDate>'
        "<dc:creator>Reporter {i}</dc:creator><category>World</category><category>Diplomacy</category>"
        '<description>&lt;p&gt;The two leaders &lt;a href="/tags/summit"&gt;met&lt;/a&gt; on Monday to '
        "discuss trade, security and the economy. &lt;em&gt;Officials said&lt;/em&gt; more talks would "
        "follow later in the week.&lt;/p&gt;&lt;p&gt;Read more.&lt;/p&gt;</description></item>"
    )
    body = "".join(item.format(i=i, m=i % 60) for i in range(items))
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<channel><title>Example News</title><link>https://news.example.com/</link>{body}</channel></rss>"
    ).encode()


def _baseline(body: bytes, headers: dict[str, str]) -> object:
    return feedparser.parse(io.BytesIO(body), response_headers={k.lower(): v for k, v in headers.items()})


def _unguarded(body: bytes, headers: dict[str, str]) -> object:
    return feeds._parse_safely(body, feeds._normalise_headers(headers, None), None)


def _guarded(body: bytes, headers: dict[str, str]) -> object:
    return parse_feed(body, headers, timeout=60)


def measure(data: list[Feed], parse: Callable[[bytes, dict[str, str]], object], rounds: int) -> float:
    """Seconds per feed: the fastest of ``rounds`` passes over all feeds."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for body, headers in data:
            parse(body, headers)
        best = min(best, time.perf_counter() - started)
    return best / len(data)


def _figures(data: list[Feed], rounds: int) -> dict[str, dict[str, float]]:
    variants = {"baseline": _baseline, "unguarded": _unguarded, "guarded": _guarded}
    return {
        name: {"feeds_per_second": round(1 / per_feed, 1), "ms_per_feed": round(per_feed * 1000, 3)}
        for name, per_feed in ((name, measure(data, parse, rounds)) for name, parse in variants.items())
    }


def _ratios(figures: dict[str, dict[str, float]]) -> dict[str, float]:
    ms = {name: f["ms_per_feed"] for name, f in figures.items()}
    return {
        "guarded_vs_baseline": round(ms["guarded"] / ms["baseline"], 3),
        "guarded_vs_unguarded": round(ms["guarded"] / ms["unguarded"], 3),
    }


def _outcome(result: FeedResult) -> str:
    if result.is_feed:
        return "malformed" if result.error else "parsed"
    error = result.error or ""
    return "not-a-feed" if error.startswith("not a feed") else error.split(":")[0]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the JSON report; exit 0 with a message when the corpus is absent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="directory of feed files")
    parser.add_argument("--rounds", type=int, default=5, help="passes per variant; the fastest counts")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}; nothing to benchmark", file=sys.stderr)
        return 0
    corpus = load_corpus(args.corpus)
    shutdown_worker()
    started = time.perf_counter()
    parse_feed(b"<rss/>")  # starts the worker; later calls reuse it
    worker_start = time.perf_counter() - started
    outcomes = Counter(_outcome(parse_feed(body, headers, timeout=60)) for body, headers in corpus)
    figures = _figures(corpus, args.rounds)
    news = [(news_feed(), {"Content-Type": "application/rss+xml; charset=utf-8"})]
    news_figures = _figures(news, args.rounds * 4)
    report = {
        "files": len(corpus),
        "outcomes": dict(outcomes),
        **figures,
        "ratios": _ratios(figures),
        "guard_ms_per_feed": round(
            figures["guarded"]["ms_per_feed"] - figures["unguarded"]["ms_per_feed"], 3
        ),
        "worker_start_seconds": round(worker_start, 3),
        "news_feed": {
            "bytes": len(news[0][0]),
            **news_figures,
            "ratios": _ratios(news_figures),
            "guard_ms_per_feed": round(
                news_figures["guarded"]["ms_per_feed"] - news_figures["unguarded"]["ms_per_feed"], 3
            ),
        },
    }
    print(json.dumps(report, indent=2))
    shutdown_worker()
    return 0


if __name__ == "__main__":
    sys.exit(main())
