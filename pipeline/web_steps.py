"""Web steps of a run: check feeds, fetch article pages, archive every response.

Every feed and every article URL ends the run with one outcome in ``ops.item_outcomes``; every
HTTP exchange is in ``ops.fetch_log``; every response received is kept in a WARC file and indexed
in ``raw.web_responses`` so extraction can be replayed later without the network.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from duckdb import DuckDBPyConnection

from archive.warc import WarcReadError, WarcRef, WarcWriter, read_response
from pipeline.fetch_ledger import FetchLedger
from pipeline.run import AWAITING_PUBLICATION, RunSettings, utc_now
from pipeline.stream import PendingPayload
from runtime.crashpoints import pause_point
from runtime.progress import bar, track
from sources.config import FeedFileSource, FeedSource, SourcesConfig, UrlListSource, load_config
from sources.local_files import read_capped
from transforms.extraction.payload import HTML, Payload, classify_payload
from transforms.text.urls import canonical_url
from warehouse import accounting, fetches
from warehouse.accounting import Outcome
from warehouse.connection import open_warehouse
from warehouse.outcomes import ItemOutcome
from web.feeds import FeedResult, parse_feed
from web.fetcher import Fetcher, FetchResult
from web.outcomes import FetchOutcome
from web.policy import FetchPolicy

__all__ = ["ArticleLink", "discover_links", "fetch_articles", "fetch_pages", "fetch_policy"]

# Fetch outcomes as item outcomes: the ones an analyst filters on keep their names, the rest are
# network failures worth another try next run.
_ITEM_OUTCOME: dict[str, ItemOutcome] = {
    FetchOutcome.BLOCKED_ROBOTS: ItemOutcome.BLOCKED_ROBOTS,
    FetchOutcome.BLOCKED_ADDRESS: ItemOutcome.BLOCKED_ADDRESS,
    FetchOutcome.TOO_LARGE: ItemOutcome.TOO_LARGE,
    FetchOutcome.HTTP_ERROR: ItemOutcome.HTTP_ERROR,
    FetchOutcome.NOT_MODIFIED: ItemOutcome.NOT_MODIFIED,
}
_ARTICLE_TYPES = ("text/html", "application/xhtml+xml")
# Fetch threads: one per host (times its allowed concurrency), up to this many.
_MAX_FETCH_THREADS = 32


@dataclass(frozen=True)
class ArticleLink:
    """An article URL found by a source (``found_via``: the feed URL or file, or "list")."""

    source_id: str
    url: str
    outlet: str | None
    found_via: str


def fetch_policy(config: SourcesConfig) -> FetchPolicy:
    """The fetch policy: defaults overridden by the sources file's ``[fetch]`` table."""
    known = {f.name for f in fields(FetchPolicy)}
    # Keys and types were checked when the sources file was loaded.
    overrides: dict[str, Any] = {k: v for k, v in config.fetch.items() if k in known}
    return FetchPolicy(**overrides)


def _header(result: FetchResult, name: str) -> str | None:
    wanted = name.lower()
    return next((value for key, value in result.headers if key.lower() == wanted), None)


def _archive(
    ledger: FetchLedger,
    writer: WarcWriter,
    settings: RunSettings,
    source_id: str,
    kind: str,
    result: FetchResult,
) -> WarcRef | None:
    """Store a received response in the WARC file; queue its index row and the fetch's log row."""
    ref = None
    response = None
    if result.status is not None:
        ref = writer.write_response(result)
        body = result.body or b""
        response = {
            "response_id": ref.record_id,
            "run_id": settings.run_id,
            "source_id": source_id,
            "kind": kind,
            "url": result.url,
            "final_url": result.final_url,
            "status": result.status,
            "content_type": _header(result, "content-type"),
            "body_sha256": hashlib.sha256(body).hexdigest() if result.body is not None else None,
            "body_bytes": len(body),
            "warc_path": ref.path,
            "warc_offset": ref.offset,
            "warc_length": ref.length,
            "fetched_at": result.fetched_at,
        }
    ledger.add(
        response,
        {
            "run_id": settings.run_id,
            "source_id": source_id,
            "kind": kind,
            "url": result.url,
            "final_url": result.final_url,
            "outcome": result.outcome,
            "detail": result.detail,
            "status": result.status,
            "attempts": result.attempts,
            "redirects": list(result.redirects),
            "elapsed_seconds": result.elapsed,
            "peer_ip": result.peer_ip,
            "response_id": ref.record_id if ref else None,
            "fetched_at": result.fetched_at,
        },
    )
    return ref


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _archive_robots(
    ledger: FetchLedger,
    fetcher: Fetcher,
    warc: WarcWriter,
    settings: RunSettings,
    source_by_host: dict[str, str],
) -> None:
    """Archive and log the robots.txt responses the fetcher needed, under the source that led there."""
    for result in fetcher.take_robots_results():
        _archive(ledger, warc, settings, source_by_host.get(_host(result.url), "robots"), "robots", result)


def _links(feed: FeedResult, source_id: str, outlet: str | None, via: str) -> list[ArticleLink]:
    return [ArticleLink(source_id, entry.link, outlet, via) for entry in feed.entries if entry.link]


def _feed_outcome(feed: FeedResult, source_id: str, item: str, links: int) -> Outcome:
    if not feed.is_feed:
        return Outcome(source_id, item, ItemOutcome.REJECTED, feed.error or "not a feed")
    detail = f"{links} article links" + (f"; {feed.error}" if feed.error else "")
    return Outcome(source_id, item, ItemOutcome.FEED_READ, detail)


def discover_links(settings: RunSettings) -> list[ArticleLink]:
    """Check every feed (conditionally), read feed files and URL lists; return the article links."""
    config = load_config(Path(settings.sources_file))
    links: list[ArticleLink] = []
    outcomes: list[Outcome] = []
    feeds = [s for s in config.sources if isinstance(s, FeedSource)]
    ledger = FetchLedger()
    with open_warehouse(settings.warehouse) as con:
        for source in config.sources:
            if isinstance(source, UrlListSource):
                links.extend(ArticleLink(source.id, url, source.outlet, "list") for url in source.urls)
            elif isinstance(source, FeedFileSource):
                read = read_capped(str(source.path), settings.max_bytes)
                if read.data is None:
                    outcomes.append(Outcome(source.id, str(source.path), ItemOutcome.REJECTED, read.error))
                    continue
                feed = parse_feed(read.data, {}, source.path.as_uri())
                found = _links(feed, source.id, source.outlet, str(source.path))
                links.extend(found)
                outcomes.append(_feed_outcome(feed, source.id, str(source.path), len(found)))
        if feeds:
            settings.warc_dir.mkdir(parents=True, exist_ok=True)
            with (
                Fetcher(fetch_policy(config)) as fetcher,
                WarcWriter(settings.warc_dir, settings.run_id, prefix="feeds") as warc,
            ):
                for source in track(feeds, "checking feeds"):
                    links.extend(_check_feed(con, ledger, fetcher, warc, settings, source, outcomes))
                _archive_robots(ledger, fetcher, warc, settings, {_host(s.url): s.id for s in feeds})
                ledger.flush(con)
        accounting.record_outcomes(con, settings.run_id, outcomes, utc_now())
    return links


def _check_feed(
    con: DuckDBPyConnection,
    ledger: FetchLedger,
    fetcher: Fetcher,
    warc: WarcWriter,
    settings: RunSettings,
    source: FeedSource,
    outcomes: list[Outcome],
) -> list[ArticleLink]:
    """Fetch one feed with its validators; record the outcome and new validators; return its links."""
    validators = fetches.feed_validators(con, source.url)
    result = fetcher.fetch(source.url, etag=validators.etag, last_modified=validators.last_modified)
    _archive(ledger, warc, settings, source.id, "feed", result)
    # Indexed before the validators are saved: a 304 next run replays this archived copy.
    ledger.flush(con)
    state: dict[str, Any] = {"feed_url": source.url, "source_id": source.id, "checked_at": utc_now()}
    if result.outcome == FetchOutcome.NOT_MODIFIED:
        return _replay_feed(con, source, outcomes, state)
    if result.outcome != FetchOutcome.OK:
        kind = _ITEM_OUTCOME.get(result.outcome, ItemOutcome.FETCH_ERROR)
        outcomes.append(Outcome(source.id, source.url, kind, result.detail or result.outcome))
        fetches.save_feed_state(con, validators=None, outcome=result.outcome, entries=None, **state)
        return []
    headers = dict(result.headers)
    feed = parse_feed(result.body or b"", headers, result.final_url)
    found = _links(feed, source.id, source.outlet, source.url)
    outcomes.append(_feed_outcome(feed, source.id, source.url, len(found)))
    fresh = fetches.FeedValidators(_header(result, "etag"), _header(result, "last-modified"))
    outcome = FetchOutcome.OK if feed.is_feed else "not_a_feed"
    fetches.save_feed_state(con, validators=fresh, outcome=outcome, entries=len(feed.entries), **state)
    return found


def _replay_feed(
    con: DuckDBPyConnection, source: FeedSource, outcomes: list[Outcome], state: dict[str, Any]
) -> list[ArticleLink]:
    """A feed answered 304: take its links again from the archived copy it is unchanged from.

    Links already taken to a final outcome are skipped later as unchanged; the others (an earlier
    run died before reaching them, or their fetch failed) get their turn now, so a crash between
    reading a feed and fetching its articles loses nothing.
    """
    fetches.save_feed_state(con, validators=None, outcome=FetchOutcome.NOT_MODIFIED, entries=None, **state)
    archived = fetches.latest_feed_response(con, source.url)
    if archived is None:
        outcomes.append(Outcome(source.id, source.url, ItemOutcome.NOT_MODIFIED, "feed unchanged (304)"))
        return []
    ref = WarcRef(archived.warc_path, archived.warc_offset, archived.warc_length, archived.response_id)
    try:
        response = read_response(ref)
    except WarcReadError as exc:
        detail = f"feed unchanged (304); {exc}"
        outcomes.append(Outcome(source.id, source.url, ItemOutcome.NOT_MODIFIED, detail))
        return []
    feed = parse_feed(response.body, dict(response.headers), archived.final_url)
    found = _links(feed, source.id, source.outlet, source.url)
    detail = f"feed unchanged (304); {len(found)} article links re-read from the archived copy"
    outcomes.append(Outcome(source.id, source.url, ItemOutcome.NOT_MODIFIED, detail))
    return found


def _article_payload(result: FetchResult) -> Payload | str:
    """The page as an HTML payload, or why it is not an article."""
    content_type = (_header(result, "content-type") or "").split(";")[0].strip().lower()
    if content_type and content_type not in _ARTICLE_TYPES:
        return f"not an article: content type {content_type}"
    verdict = classify_payload(result.body or b"", result.final_url)
    if not isinstance(verdict, Payload):
        return f"not an article: {verdict.reason}"
    if verdict.media_type != HTML:
        return "not an article: not an HTML page"
    return verdict


def fetch_articles(settings: RunSettings, links: list[ArticleLink]) -> list[PendingPayload]:
    """Every page :func:`fetch_pages` yields, as a list (for callers that want them all at once)."""
    return list(fetch_pages(settings, links))


def fetch_pages(
    settings: RunSettings, links: list[ArticleLink], ledger: FetchLedger | None = None
) -> Iterator[PendingPayload]:
    """Fetch each new article link once (politely, in parallel across hosts), archive every response,
    and yield the HTML pages to extract as they arrive, each carrying its body. Every link gets an
    outcome (those of the pages yielded are recorded when they are staged).

    The archive index and fetch log rows go through ``ledger``, written here every few hundred
    fetches and at the end; whoever stages the pages flushes it first (see :mod:`pipeline.fetch_ledger`).
    """
    ledger = ledger or FetchLedger()
    config = load_config(Path(settings.sources_file))
    outcomes: list[Outcome] = []
    unique: dict[str, ArticleLink] = {}
    for link in links:
        url = canonical_url(link.url)
        if url in unique:
            detail = f"same URL as found via {unique[url].found_via}"
            outcomes.append(Outcome(link.source_id, url, ItemOutcome.DUPLICATE, detail))
        else:
            unique[url] = link
    with open_warehouse(settings.warehouse) as con:
        try:
            handled = fetches.urls_already_handled(con, list(unique))
            awaiting = fetches.pages_awaiting_publication(con, sorted(handled))
            for url in sorted(handled):
                source_id = unique[url].source_id
                if url in awaiting:  # staged by a run that did not publish: this run takes it out
                    raw_id, article_id = awaiting[url]
                    outcomes.append(
                        Outcome(source_id, url, ItemOutcome.STAGED, AWAITING_PUBLICATION, raw_id, article_id)
                    )
                else:
                    outcomes.append(Outcome(source_id, url, ItemOutcome.UNCHANGED, "fetched before"))
            to_fetch = [u for u in unique if u not in handled]
            if to_fetch:
                settings.warc_dir.mkdir(parents=True, exist_ok=True)
                with (
                    Fetcher(fetch_policy(config)) as fetcher,
                    WarcWriter(settings.warc_dir, settings.run_id, prefix="pages") as warc,
                ):
                    hosts = {_host(u): unique[u].source_id for u in to_fetch}
                    threads = min(_MAX_FETCH_THREADS, len(hosts) * fetcher.policy.host_concurrency)
                    with bar("fetching articles", len(to_fetch)) as advance:
                        # Each page is archived as it arrives and handed on: bodies never pile up.
                        for url, result in fetcher.fetch_stream(to_fetch, workers=threads, on_done=advance):
                            yield from _take_page(ledger, warc, settings, url, unique[url], result, outcomes)
                            if ledger.due:
                                ledger.flush(con)
                    _archive_robots(ledger, fetcher, warc, settings, hosts)
        finally:
            # Also when the consumer stops early: what was decided is not lost.
            ledger.flush(con)
            accounting.record_outcomes(con, settings.run_id, outcomes, utc_now())


def _take_page(
    ledger: FetchLedger,
    warc: WarcWriter,
    settings: RunSettings,
    url: str,
    link: ArticleLink,
    result: FetchResult,
    outcomes: list[Outcome],
) -> list[PendingPayload]:
    """Archive one fetched page and return it as a payload to extract, or record why it is not one."""
    ref = _archive(ledger, warc, settings, link.source_id, "article", result)
    pause_point("fetching")
    if result.outcome != FetchOutcome.OK or ref is None:
        kind = _ITEM_OUTCOME.get(result.outcome, ItemOutcome.FETCH_ERROR)
        outcomes.append(Outcome(link.source_id, url, kind, result.detail or result.outcome))
        return []
    payload = _article_payload(result)
    if isinstance(payload, str):
        outcomes.append(Outcome(link.source_id, url, ItemOutcome.NOT_AN_ARTICLE, payload, ref.record_id))
        return []
    page = PendingPayload(
        link.source_id, url, ref.record_id, link.outlet, result.final_url, ref, data=result.body
    )
    return [page]
