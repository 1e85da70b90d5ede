"""Benchmark the article text presswatch stores from real news pages fetched over HTTP, against trafilatura.

Usage: ``python bench/bench_extract_web.py [--limit N] [--corpus DIR] [--keep DIR] [--hosts H] [--workers W]``
(``make bench-extract-web``). Needs the shared evaluation corpus (``../shared/corpus/html``); without it the
script says so and exits 0.

Pages: the held-out pages of the corpus, i.e. every page of ``evaldata.json`` that is not in
``evaldata_subset.json`` (those 100 are the development set presswatch was tuned on, so they are left out).
``--limit N`` takes a deterministic sample of N of them (every k-th page in evaldata order).

What one run does:

1. Serves each page's bytes exactly as stored in the corpus, from memory, with one threaded HTTP/1.1 server
   per loopback address (127.0.0.2 ..., pages dealt round-robin, ``robots.txt`` allowing everything). Pages
   are sent as ``Content-Type: text/html`` with no charset parameter: the corpus does not record what the
   original servers declared, so the reader has to work the encoding out from the bytes, as bare
   trafilatura does.
2. Writes a ``sources.toml`` with one ``urls`` source per host and a ``[fetch]`` table allowing 127.0.0.0/8
   and no politeness delay, and runs the real command ``python -m presswatch.cli run`` as a separate
   process (``PRESSWATCH_PROGRESS=0``, Prefect's temporary server) into a fresh warehouse.
3. Reads back, for every page, its outcome in ``ops.item_outcomes`` and the text presswatch stored: the
   ``staging.articles`` row of the item's ``article_id`` (identical texts share one article id, so a
   ``duplicate`` of the same text is scored with the text stored for it). Only the outcomes that leave
   the page's text in staging (``published``, ``held``, ``staged``, and ``duplicate`` by identical text)
   count as stored text; every other page (``off_topic``, ``rejected``, ``not_an_article``,
   ``quarantined``, fetch errors, a duplicate by canonical URL, ...) counts as no text.
4. Baseline, in the same run and on the same bytes: ``trafilatura.extract(html, url=url,
   include_comments=False)`` with the page's corpus URL.

Harness choice: the event profile. presswatch only stores articles relevant to its event profile; a page
that names none of the profile's relevance entities ends ``off_topic`` with its text dropped. The corpus
pages are about anything, so this benchmark runs with its own catch-all profile,
``bench/extract_web/event.toml``, whose single relevance entity has as "spellings" very common function
words of the corpus languages ("the", "and", "der", "und", "le", "et", ...) and whose event dates span
1900-2099 (so the gate's date-window expectation never fires). Every real article is then relevant, and
what is measured is extraction plus everything else on the way to ``staging.articles`` (fetching,
decoding, payload checks, deduplication, the quality gate). It is not the bundled ``seeds/event.toml``.

Scoring is trafilatura's own evaluation: over all pages, TP = "with" snippets found in the text, FN =
"with" snippets missing, FP = "without" snippets present, TN = "without" snippets absent; precision =
TP/(TP+FP), recall = TP/(TP+FN), f1 = 2PR/(P+R); also ``with_recall`` (= recall), ``without_precision``
(TN/(TN+FP)), ``pages_with_text``, and for presswatch ``pages_lost`` (no stored text where the baseline
has text). Snippets and texts are compared after the same character normalisation
(``transforms.text.characters.normalise_characters``) and whitespace collapsing as ``bench_extract.py``.
The figures are given for all pages and for the ``english`` subset (pages whose ``<html>`` element has a
``lang`` attribute starting with "en"), each with the pages' outcome counts. The presswatch figures are
repeated as ``presswatch_incl_quarantined``, counting the text of articles the quality gate moved to
``dq.quarantine``, to tell gate losses from extraction losses.

Prints one JSON object on stdout; progress goes to stderr. Besides the scores it holds ``run`` (the
command's exit code, ``wall_seconds``, status, flow seconds and failed expectations), ``lost`` (the pages
with no stored text where the baseline has text, counted by outcome and detail, with examples of item and
detail from ``ops.item_outcomes``), ``source_tree`` (the commit and the files changed in the working tree,
which is what was measured) and ``wall_seconds`` of the whole benchmark.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

import duckdb
import trafilatura

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from bench.bench_extract import DEFAULT_CORPUS, Page, load_corpus  # noqa: E402
from bench.scale_corpus import host_addresses  # noqa: E402
from transforms.text.characters import normalise_characters  # noqa: E402
from transforms.text.urls import canonical_url  # noqa: E402

__all__ = ["CorpusServer", "WebPage", "main", "score"]

EVENT = Path(__file__).resolve().parent / "extract_web" / "event.toml"
# Outcomes after which the item's text is in staging.articles (a duplicate only when its article id is).
STORED_OUTCOMES = frozenset({"published", "held", "staged", "duplicate"})
_HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([A-Za-z-]*)", re.I)
_EXAMPLES = 12


def log(message: str) -> None:
    """One progress line on stderr."""
    print(f"[bench-extract-web {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _flat(text: str) -> str:
    """The comparison form of a text or snippet (as ``bench_extract.py``)."""
    return " ".join(normalise_characters(text).split())


@dataclass(frozen=True)
class WebPage:
    """One held-out corpus page, where it is served and what the ``<html>`` element says its language is."""

    page: Page
    host: int
    path: str
    lang: str

    @property
    def english(self) -> bool:
        """Whether the page declares an English ``lang``."""
        return self.lang.startswith("en")


def html_lang(html: bytes) -> str:
    """The ``lang`` attribute of the ``<html>`` element, lower case ("" when there is none)."""
    match = _HTML_LANG.search(html[:65536])
    return match.group(1).decode("ascii", "replace").lower() if match else ""


def select_pages(corpus: Path, limit: int | None, hosts: int) -> tuple[list[WebPage], int]:
    """The held-out pages to serve (every k-th when ``limit`` is set) and the number of held-out pages."""
    held_out = load_corpus(corpus, "held-out")
    chosen = held_out
    if limit is not None and limit < len(held_out):
        chosen = held_out[:: max(1, len(held_out) // limit)][:limit]
    pages = [
        WebPage(page, index % hosts, f"/corpus/{index:04d}.html", html_lang(page.html))
        for index, page in enumerate(chosen)
    ]
    return pages, len(held_out)


# --- serving the pages -------------------------------------------------------------------------------------

_ROBOTS = b"User-agent: *\nAllow: /\n"


class _Handler(BaseHTTPRequestHandler):
    """GET/HEAD of the pages of one host, from memory."""

    protocol_version = "HTTP/1.1"  # keep-alive, as real news sites
    server: _HostServer

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        path = urlsplit(self.path).path
        if path == "/robots.txt":
            status, body, content_type = 200, _ROBOTS, "text/plain; charset=utf-8"
        elif path in self.server.pages:
            status, body, content_type = 200, self.server.pages[path], "text/html"
        else:
            status, body, content_type = 404, b"not found\n", "text/plain; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # stderr stays for the benchmark's own progress


class _HostServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], pages: dict[str, bytes]) -> None:
        self.pages = pages
        super().__init__(address, _Handler)


class CorpusServer:
    """One threaded HTTP server per loopback address, all on one port, serving the pages dealt to it.

    A small equivalent of ``bench.scale_corpus.SiteServer`` that serves bytes from memory with no charset
    declared (SiteServer serves files as UTF-8, which 23 corpus pages are not). Use as a context manager;
    :meth:`url` gives a page's address.
    """

    def __init__(self, pages: Sequence[WebPage], hosts: int, attempts: int = 10) -> None:
        self.addresses = host_addresses(hosts)
        self._routes: list[dict[str, bytes]] = [{} for _ in self.addresses]
        for web_page in pages:
            self._routes[web_page.host][web_page.path] = web_page.page.html
        self._attempts = attempts
        self._servers: list[_HostServer] = []
        self._threads: list[threading.Thread] = []
        self.port = 0

    def __enter__(self) -> CorpusServer:
        for _ in range(self._attempts):  # one free port on every address
            servers: list[_HostServer] = []
            try:
                for address, routes in zip(self.addresses, self._routes, strict=True):
                    servers.append(_HostServer((address, self.port), routes))
                    self.port = servers[0].server_address[1]
            except OSError:
                for server in servers:
                    server.server_close()
                self.port = 0
                continue
            self._servers = servers
            break
        else:
            raise OSError(f"could not bind {self.addresses} on one port")
        for server in self._servers:
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    def url(self, web_page: WebPage) -> str:
        """Where ``web_page`` is served."""
        return f"http://{self.addresses[web_page.host]}:{self.port}{web_page.path}"


def write_sources(path: Path, urls_per_host: Sequence[Sequence[str]]) -> None:
    """A sources.toml with one ``urls`` source per host, loopback allowed and no politeness delay."""
    lines = ["# Written by bench/bench_extract_web.py: the held-out corpus pages, one URL list per host.", ""]
    for number, urls in enumerate(urls_per_host, start=1):
        if urls:
            lines += ["[[source]]", f'id = "corpus-host-{number}"', 'kind = "urls"', "urls = ["]
            lines += [f'    "{url}",' for url in urls] + ["]", ""]
    lines += ["[fetch]", 'allow_private_networks = ["127.0.0.0/8"]', "host_delay = 0.0", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


# --- the presswatch command --------------------------------------------------------------------------------


def _environment() -> dict[str, str]:
    env = {**os.environ, "PRESSWATCH_PROGRESS": "0", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)  # Prefect's temporary server, as `make run` does
    return env


def run_presswatch(sources: Path, folder: Path, workers: int | None) -> dict[str, object]:
    """``presswatch run`` as its own process into ``folder/w.duckdb``: exit code and wall seconds."""
    argv = [
        sys.executable, "-m", "presswatch.cli", "run", "--sources", str(sources), "--event", str(EVENT),
        "--warehouse", str(folder / "w.duckdb"), "--reports", str(folder / "reports"),
    ]  # fmt: skip
    if workers is not None:
        argv += ["--workers", str(workers)]
    log_path = folder / "run.log"  # the command's own output, to read when it fails
    log("presswatch run ...")
    started = time.perf_counter()
    with log_path.open("wb") as output:
        returncode = subprocess.run(
            argv, cwd=PROJECT, env=_environment(), stdout=output, stderr=output, check=False
        ).returncode
    wall = time.perf_counter() - started
    if returncode not in (0, 1):  # 1: blocked by the gate, still a measured run
        tail = log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
        log(f"presswatch run exited {returncode}:\n{tail}")
    log(f"presswatch run: exit {returncode} in {wall:.1f} s")
    return {"exit_code": returncode, "wall_seconds": round(wall, 2)}


@dataclass
class Stored:
    """What the warehouse holds about one page: its outcome, the detail, and the text stored for it."""

    outcome: str
    detail: str | None
    text: str | None
    quarantined_text: str | None = None


def read_warehouse(warehouse: Path, items: Iterable[str]) -> tuple[dict[str, object], dict[str, Stored]]:
    """The newest run's figures and, per item (canonical URL), its outcome and stored text.

    An item the run has no outcome for reads as ``missing``.
    """
    wanted = set(items)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute(
            "SELECT run_id, status, duration_seconds FROM ops.runs ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return {"status": None}, {item: Stored("missing", "no run recorded", None) for item in wanted}
        run_id, status, flow_seconds = row
        outcomes = con.execute(
            "SELECT item, outcome, detail, article_id FROM ops.item_outcomes WHERE run_id = ?", [run_id]
        ).fetchall()
        texts = dict(con.execute("SELECT article_id, text FROM staging.articles").fetchall())
        quarantined = {
            origin: json.loads(row_json).get("text")
            for origin, row_json in con.execute(
                "SELECT origin, row_json FROM dq.quarantine WHERE run_id = ?", [run_id]
            ).fetchall()
        }
        failed = [
            f"{suite}: {message}"
            for suite, message in con.execute(
                "SELECT suite, message FROM dq.expectation_results WHERE run_id = ? AND NOT success "
                "ORDER BY 1, 2",
                [run_id],
            ).fetchall()
        ]
    stored: dict[str, Stored] = {}
    for item, outcome, detail, article_id in outcomes:
        if item in wanted:
            text = texts.get(article_id) if outcome in STORED_OUTCOMES and article_id else None
            stored[item] = Stored(outcome, detail, text, quarantined.get(item))
    for item in wanted - stored.keys():
        stored[item] = Stored("missing", "no outcome recorded for this URL", None)
    run = {
        "run_id": run_id,
        "status": status,
        "flow_seconds": round(flow_seconds, 2) if flow_seconds is not None else None,
        "failed_expectations": failed[:_EXAMPLES],
    }
    return run, stored


# --- scoring -----------------------------------------------------------------------------------------------


def _ratio(numerator: float, denominator: float) -> float:
    return round(numerator / denominator, 4) if denominator else 0.0


def score(pages: Sequence[Page], texts: Sequence[str | None]) -> dict[str, object]:
    """Trafilatura-style snippet scores of ``texts`` (one per page, None for no text) over ``pages``."""
    tp = fn = fp = tn = 0
    for page, text in zip(pages, texts, strict=True):
        flat = _flat(text or "")
        found = sum(_flat(snippet) in flat for snippet in page.with_)
        present = sum(_flat(snippet) in flat for snippet in page.without)
        tp, fn = tp + found, fn + len(page.with_) - found
        fp, tn = fp + present, tn + len(page.without) - present
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    return {
        "precision": precision,
        "recall": recall,
        "f1": _ratio(2 * precision * recall, precision + recall),
        "with_recall": recall,
        "without_precision": _ratio(tn, tn + fp),
        "true_positives": tp,
        "false_negatives": fn,
        "false_positives": fp,
        "true_negatives": tn,
        "pages_with_text": sum(bool(text) for text in texts),
    }


def compare(
    pages: Sequence[WebPage], stored: Sequence[Stored], baseline: Sequence[str | None]
) -> dict[str, object]:
    """presswatch's stored text and the baseline over ``pages``, with outcome counts and pages lost."""
    corpus_pages = [p.page for p in pages]
    ours = score(corpus_pages, [s.text for s in stored])
    ours["pages_lost"] = sum(bool(b) and not s.text for s, b in zip(stored, baseline, strict=True))
    with_quarantined = score(corpus_pages, [s.text or s.quarantined_text for s in stored])
    base = score(corpus_pages, baseline)
    return {
        "pages": len(pages),
        "outcomes": dict(Counter(s.outcome for s in stored).most_common()),
        "presswatch": ours,
        "baseline": base,
        "f1_ratio": _ratio(float(ours["f1"]), float(base["f1"])),  # type: ignore[arg-type]
        "presswatch_incl_quarantined": with_quarantined,
    }


def _lost(
    pages: Sequence[WebPage], urls: Sequence[str], stored: Sequence[Stored], baseline: Sequence[str | None]
) -> dict[str, object]:
    """Why presswatch stored no text where the baseline has some: counts by outcome and detail, examples."""
    lost = [
        (page, url, s)
        for page, url, s, b in zip(pages, urls, stored, baseline, strict=True)
        if b and not s.text
    ]
    reasons = Counter(f"{s.outcome}: {_reason(s.detail)}" for _, _, s in lost)
    examples = [
        {"url": page.page.url, "item": url, "outcome": s.outcome, "detail": s.detail}
        for page, url, s in lost[:_EXAMPLES]
    ]
    return {"by_reason": dict(reasons.most_common()), "examples": examples}


def _reason(detail: str | None) -> str:
    """A detail with page-specific numbers and names taken out, so like reasons count together."""
    if not detail:
        return ""
    text = re.sub(r"https?://\S+", "<url>", detail)
    text = re.sub(r"0x[0-9a-f]+", "0x..", text)
    return re.sub(r"\d{2,}", "N", text)[:120]


# --- the benchmark -----------------------------------------------------------------------------------------


def baseline_texts(pages: Sequence[WebPage]) -> tuple[list[str | None], float]:
    """Bare trafilatura on every page's bytes, with its corpus URL; the texts and the seconds it took."""
    log(f"baseline: trafilatura.extract on {len(pages)} pages ...")
    started = time.perf_counter()
    texts = [trafilatura.extract(p.page.html, url=p.page.url, include_comments=False) for p in pages]
    seconds = time.perf_counter() - started
    log(f"baseline: {seconds:.1f} s")
    return texts, seconds


def source_tree() -> dict[str, object]:
    """The commit measured and the files changed since it (the figures are those of the working tree)."""

    def git(*argv: str) -> str:
        done = subprocess.run(["git", *argv], cwd=PROJECT, capture_output=True, text=True, check=False)
        return done.stdout

    changed = [line[3:] for line in git("status", "--porcelain", "--untracked-files=no").splitlines()]
    return {"commit": git("rev-parse", "--short", "HEAD").strip() or None, "modified_files": changed}


def measure(args: argparse.Namespace, folder: Path) -> dict[str, object]:
    """Serve the pages, run presswatch and the baseline, and return the JSON figures."""
    started = time.perf_counter()
    pages, held_out = select_pages(args.corpus, args.limit, args.hosts)
    log(f"{len(pages)} of {held_out} held-out pages from {args.corpus}; {args.hosts} hosts; work in {folder}")
    with CorpusServer(pages, args.hosts) as server:
        urls = [canonical_url(server.url(p)) for p in pages]
        if len(set(urls)) != len(urls):
            raise RuntimeError("two pages share a URL")
        per_host: list[list[str]] = [[] for _ in range(args.hosts)]
        for page in pages:
            per_host[page.host].append(server.url(page))
        sources = folder / "sources.toml"
        write_sources(sources, per_host)
        run = run_presswatch(sources, folder, args.workers)
    warehouse = folder / "w.duckdb"
    if warehouse.exists():
        figures, by_item = read_warehouse(warehouse, urls)
    else:
        figures, by_item = {"status": None}, {u: Stored("missing", "no warehouse", None) for u in urls}
    run.update(figures)
    stored = [by_item[url] for url in urls]
    baseline, baseline_seconds = baseline_texts(pages)
    english = [i for i, p in enumerate(pages) if p.english]
    report: dict[str, object] = {
        "held_out_pages": held_out,
        "pages": len(pages),
        "sample": "all held-out pages"
        if len(pages) == held_out
        else f"every k-th held-out page, {len(pages)}",
        "corpus": str(args.corpus),
        "event_profile": str(EVENT.relative_to(PROJECT)),
        "source_tree": source_tree(),
        "run": run,
        "baseline_seconds": round(baseline_seconds, 2),
        "all": compare(pages, stored, baseline),
        "english": compare(
            [pages[i] for i in english], [stored[i] for i in english], [baseline[i] for i in english]
        ),
        "lost": _lost(pages, urls, stored, baseline),
        "wall_seconds": round(time.perf_counter() - started, 2),
    }
    return report


def main(argv: list[str] | None = None) -> int:
    """Parse options, run the benchmark and print its JSON; 0 also when the corpus is absent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="a deterministic sample of N held-out pages (every k-th)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder with evaldata.json")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temp folder)")
    parser.add_argument(
        "--hosts", type=int, default=8, help="loopback hosts the pages are dealt to (default 8)"
    )
    parser.add_argument("--workers", type=int, help="presswatch's worker processes (default: its own)")
    args = parser.parse_args(argv)
    if (args.limit is not None and args.limit < 1) or (args.workers is not None and args.workers < 1):
        parser.error("--limit and --workers must be >= 1")
    if not 1 <= args.hosts <= 32:
        parser.error("--hosts must be between 1 and 32")
    if not (args.corpus / "evaldata_subset.json").is_file():
        print(f"corpus not found at {args.corpus}; nothing to benchmark", file=sys.stderr)
        return 0
    logging.disable(logging.WARNING)  # trafilatura logs every discarded page
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        if any(args.keep.iterdir()):
            parser.error(f"--keep {args.keep}: the folder must be empty (a fresh warehouse is measured)")
        result = measure(args, args.keep.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="presswatch-extract-web-") as tmp:
            result = measure(args, Path(tmp))
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
