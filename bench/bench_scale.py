"""Benchmark presswatch at scale: N generated news pages on loopback hosts, the real command end to end.

Usage: ``python bench/bench_scale.py --pages N [--workers W] [--keep DIR] [--hosts H]`` (``make bench-scale``
runs N=1000 and N=10000). Needs the shared evaluation corpus (``../shared/corpus/html``); without it the
script says so and exits 0.

What it does, all in one run:

1. Generates N distinct article pages from the corpus pages (``bench/scale_corpus.py``): ~85 % carry
   paragraphs about the event of ``seeds/event.toml`` and are relevant, ~15 % are off-topic, ~5 % are
   syndicated near-copies; every page has its own canonical URL and a date inside the visit.
2. Serves them from files with one threaded HTTP server per loopback address (127.0.0.2 ... one RSS feed and
   a permissive robots.txt each; ETag/Last-Modified, so a no-change re-run gets 304s for the feeds).
3. Writes a ``sources.toml`` with one feed source per host and a ``[fetch]`` table allowing 127.0.0.0/8 and
   no politeness delay, and uses the bundled ``seeds/event.toml``.
4. Measures:

   - ``baseline``: bare ``trafilatura.extract(html, include_comments=False)`` over the same page files on a
     ``ProcessPoolExecutor`` of W workers (workers started and warm before the clock starts), pages/s;
   - ``run``: ``presswatch run`` as a separate process (``python -m presswatch.cli``, Prefect's temporary
     server, ``PRESSWATCH_PROGRESS=0``) into a fresh warehouse: wall seconds, the flow's own seconds
     (``ops.runs.duration_seconds``), status, item outcomes, published articles (``marts.articles``), seconds
     per step (``ops.run_steps`` when the warehouse has it, else null) and the peak RSS of the whole process
     tree (the command and every descendant, sampled from /proc every 0.2 s);
   - ``rerun``: the same command again with nothing changed;
   - ``reprocess``: ``presswatch reprocess`` on the same warehouse (no network).

Prints one JSON object on stdout; progress goes to stderr. ``pages_per_second`` is N over the first run's
flow and wall seconds, ``ratio`` is that over the baseline's pages/s (higher is better, 1.0 would be bare
trafilatura speed), ``rerun_ratio`` is the re-run's flow seconds over the first run's (lower is better).
W defaults to the CPUs this process may use; ``--workers`` sets the baseline's pool and, when
``presswatch run --help`` lists ``--workers``, presswatch's too.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import duckdb

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from bench.scale_corpus import (  # noqa: E402
    DEFAULT_CORPUS,
    SiteServer,
    generate_site,
    host_addresses,
)

EVENT = PROJECT / "seeds" / "event.toml"
SAMPLE_SECONDS = 0.2
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def log(message: str) -> None:
    """One progress line on stderr."""
    print(f"[bench-scale {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- memory of a process tree ------------------------------------------------------------------------------


def _children_map() -> dict[int, list[int]]:
    """Parent pid -> child pids, from /proc/*/stat (this kernel has no /proc/<pid>/task/*/children)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:  # the process ended meanwhile
            continue
        # The command name (field 2) may hold spaces and parentheses: fields after the last ')' are safe.
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds of ``pid`` so far (0.0 once it has ended)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime and stime, fields 14 and 15


def _role(pid: int, root: int) -> str:
    """A short name for what a process of the tree does, from its command line."""
    if pid == root:
        return "command"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            cmdline = handle.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return "other"
    if "runtime.isolation" in cmdline or "multiprocessing" in cmdline:  # ours, or spawn's
        return "workers"
    if "prefect" in cmdline or "uvicorn" in cmdline:
        return "prefect_api"
    return "other"


def tree_pids(root: int) -> list[int]:
    """``root`` and all its descendants."""
    children = _children_map()
    found, stack, seen = [], [root], set()
    while stack:
        pid = stack.pop()
        if pid not in seen:
            seen.add(pid)
            found.append(pid)
            stack.extend(children.get(pid, ()))
    return found


class PeakRss:
    """Samples a process tree every 0.2 s on a thread until stopped: the peak RSS and CPU seconds per role.

    CPU is the last figure seen for each process, so a process that ends between two samples loses at most
    0.2 s of its CPU; the bench process's own CPU over the same time (the page server) is kept apart.
    """

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_mib = 0.0
        self._cpu: dict[int, tuple[str, float]] = {}
        self._own_cpu_start = _cpu_seconds(os.getpid())
        self.server_cpu = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.server_cpu = _cpu_seconds(os.getpid()) - self._own_cpu_start

    def _sample(self) -> None:
        while not self._stop.is_set():
            pids = tree_pids(self.pid)  # one walk of /proc per sample, for memory and CPU alike
            # Threads share their process's RSS, so summing processes counts nothing twice.
            self.peak_mib = max(self.peak_mib, sum(_rss_kib(pid) for pid in pids) / 1024)
            for pid in pids:
                role = self._cpu[pid][0] if pid in self._cpu else _role(pid, self.pid)
                self._cpu[pid] = (role, _cpu_seconds(pid) or self._cpu.get(pid, ("", 0.0))[1])
            self._stop.wait(SAMPLE_SECONDS)

    def cpu_seconds(self) -> dict[str, float]:
        """CPU seconds per role of the tree, plus ``bench_server`` (this process: the page server)."""
        totals: dict[str, float] = {}
        for role, seconds in self._cpu.values():
            totals[role] = totals.get(role, 0.0) + seconds
        totals["bench_server"] = self.server_cpu
        return {role: round(seconds, 1) for role, seconds in sorted(totals.items())}


# --- the presswatch command --------------------------------------------------------------------------------


def _environment() -> dict[str, str]:
    env = {**os.environ, "PRESSWATCH_PROGRESS": "0", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)  # every run uses Prefect's temporary server, as `make run` does
    return env


def accepts_workers() -> bool:
    """Whether ``presswatch run --help`` lists a ``--workers`` option."""
    done = subprocess.run(
        [sys.executable, "-m", "presswatch.cli", "run", "--help"],
        cwd=PROJECT,
        env=_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    return "--workers" in done.stdout


def _warehouse_figures(warehouse: Path) -> dict[str, object]:
    """The newest run's status, flow seconds, item outcomes, steps, and the published article count."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute(
            "SELECT run_id, status, duration_seconds FROM ops.runs ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
        if row is None:
            keys = ("status", "flow_seconds", "items", "published_articles", "steps", "failed_expectations")
            return dict.fromkeys(keys)
        run_id, status, flow_seconds = row
        items = dict(
            con.execute(
                "SELECT outcome, count(*) FROM ops.item_outcomes WHERE run_id = ? GROUP BY 1 ORDER BY 1",
                [run_id],
            ).fetchall()
        )
        has = {
            name
            for (name,) in con.execute(
                "SELECT table_schema || '.' || table_name FROM information_schema.tables "
                "WHERE table_schema || '.' || table_name IN ('ops.run_steps', 'marts.articles')"
            ).fetchall()
        }
        published = None
        if "marts.articles" in has:
            published = con.execute("SELECT count(*) FROM marts.articles").fetchone()[0]
        steps = _steps(con, run_id) if "ops.run_steps" in has else None  # null until that table exists
        failed = [
            f"{suite}: {message}"
            for suite, message in con.execute(
                "SELECT suite, message FROM dq.expectation_results WHERE run_id = ? AND NOT success "
                "ORDER BY 1, 2",
                [run_id],
            ).fetchall()
        ]  # why a blocked run was blocked
    return {
        "run_id": run_id,
        "status": status,
        "flow_seconds": round(flow_seconds, 2) if flow_seconds is not None else None,
        "items": items,
        "published_articles": published,
        "steps": steps,
        "failed_expectations": failed,
    }


def _steps(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, float] | None:
    """Seconds per step of ``run_id`` from ops.run_steps (run_id, step, seconds), in the order recorded."""
    query = "SELECT step, sum(seconds) FROM ops.run_steps WHERE run_id = ? GROUP BY step ORDER BY {}"
    for order in ("min(rowid)", "step"):  # rowid exists for tables, not for views
        try:
            rows = con.execute(query.format(order), [run_id]).fetchall()
        except duckdb.Error:
            continue
        return {str(step): round(float(seconds), 3) for step, seconds in rows}
    return None


def run_presswatch(
    phase: str, command: str, sources: Path, folder: Path, workers: int | None
) -> dict[str, object]:
    """Run ``presswatch <command>`` as its own process: wall time, peak tree RSS, the warehouse's figures."""
    warehouse = folder / "w.duckdb"
    argv = [
        sys.executable, "-m", "presswatch.cli", command, "--sources", str(sources), "--event", str(EVENT),
        "--warehouse", str(warehouse), "--reports", str(folder / "reports"),
    ]  # fmt: skip
    if workers is not None:
        argv += ["--workers", str(workers)]
    log(f"{phase}: presswatch {command} ...")
    log_path = folder / f"{phase}.log"  # the command's own output, to read when it fails
    started = time.perf_counter()
    with log_path.open("wb") as output:
        process = subprocess.Popen(argv, cwd=PROJECT, env=_environment(), stdout=output, stderr=output)
        with PeakRss(process.pid) as rss:
            returncode = process.wait()
    wall = time.perf_counter() - started
    if returncode not in (0, 1):  # 1: blocked by the gate, still a measured run
        tail = log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
        log(f"{phase}: presswatch {command} exited {returncode}:\n{tail}")
    figures = _warehouse_figures(warehouse) if warehouse.exists() else {}
    flow = figures.get("flow_seconds")
    log(f"{phase}: {figures.get('status')} in {wall:.1f} s (flow {flow} s)")
    return {
        "exit_code": returncode,
        "wall_seconds": round(wall, 2),
        **figures,
        "peak_rss_mb": round(rss.peak_mib, 1),
        "cpu_seconds": rss.cpu_seconds(),
    }


# --- the baseline ------------------------------------------------------------------------------------------


def _import_trafilatura() -> None:
    import trafilatura  # noqa: F401  (each worker imports it before the clock starts)


def _warm(_: int) -> int:
    time.sleep(0.3)  # keeps workers busy so the pool starts all of them before timing
    return os.getpid()


def _extract_file(path: str) -> bool:
    import trafilatura

    with open(path, "rb") as handle:
        return trafilatura.extract(handle.read(), include_comments=False) is not None


def baseline(files: list[Path], workers: int) -> dict[str, object]:
    """Bare trafilatura over the page files on a process pool of ``workers``; pool start-up not timed."""
    log(f"baseline: trafilatura.extract on {len(files)} pages, {workers} workers ...")
    with ProcessPoolExecutor(max_workers=workers, initializer=_import_trafilatura) as pool:
        list(pool.map(_warm, range(workers * 2)))
        started = time.perf_counter()
        extracted = sum(pool.map(_extract_file, [str(f) for f in files], chunksize=8))
        seconds = time.perf_counter() - started
    log(f"baseline: {seconds:.1f} s")
    return {
        "seconds": round(seconds, 2),
        "pages_per_second": round(len(files) / seconds, 2),
        "pages_with_text": extracted,
    }


# --- the site ----------------------------------------------------------------------------------------------


def write_sources(path: Path, feeds: list[str], concurrency: int) -> None:
    """A sources.toml with one feed source per host, loopback allowed and no politeness delay."""
    lines = ["# Written by bench/bench_scale.py: one feed per loopback host.", ""]
    for number, feed in enumerate(feeds, start=1):
        lines += ["[[source]]", f'id = "scale-host-{number}"', 'kind = "feed"', f'url = "{feed}"']
        lines += [f'outlet = "Scale Host {number}"', ""]
    lines += [
        "[fetch]",
        'allow_private_networks = ["127.0.0.0/8"]',
        "host_delay = 0.0",
        f"host_concurrency = {concurrency}",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def _ratio(numerator: object, denominator: object) -> float | None:
    if not isinstance(numerator, int | float) or not isinstance(denominator, int | float) or not denominator:
        return None
    return round(numerator / denominator, 3)


def measure(args: argparse.Namespace, folder: Path) -> dict[str, object]:
    """Generate, serve, run every phase and return the JSON figures."""
    cpus = len(os.sched_getaffinity(0))
    workers = args.workers or cpus
    pass_workers = accepts_workers()
    log(f"corpus {args.corpus}; {args.pages} pages on {args.hosts} hosts; work in {folder}")
    started = time.perf_counter()
    with SiteServer(folder / "site", host_addresses(args.hosts)) as server:
        server_start = time.perf_counter() - started
        started = time.perf_counter()
        site = generate_site(folder / "site", args.pages, server.base_urls, args.corpus, seed=args.seed)
        generation = time.perf_counter() - started
        log(
            f"generated {site.pages} pages ({site.bytes / 1e6:.0f} MB) from {site.source_pages} corpus pages"
            f" in {generation:.1f} s; serving {', '.join(server.base_urls)}"
        )
        sources = folder / "sources.toml"
        write_sources(sources, site.feeds, concurrency=4)  # presswatch fetches on 4 threads
        base = baseline(site.files, workers)
        run = run_presswatch("run", "run", sources, folder, workers if pass_workers else None)
        rerun = run_presswatch("rerun", "run", sources, folder, workers if pass_workers else None)
    reprocess = run_presswatch("reprocess", "reprocess", sources, folder, workers if pass_workers else None)
    flow_pps = _ratio(site.pages, run.get("flow_seconds"))
    wall_pps = _ratio(site.pages, run.get("wall_seconds"))
    return {
        "pages": site.pages,
        "hosts": args.hosts,
        "corpus_pages_used": min(site.source_pages, site.pages),
        "bytes": site.bytes,
        "relevant": site.relevant,
        "off_topic": site.off_topic,
        "syndicated": site.syndicated,
        "workers": workers,
        "workers_passed_to_presswatch": pass_workers,
        "cpu_count": os.cpu_count(),
        "cpus_available": cpus,
        "server_start_seconds": round(server_start, 3),
        "generation_seconds": round(generation, 2),
        "baseline": base,
        "run": run,
        "rerun": rerun,
        "reprocess": reprocess,
        "pages_per_second": {"flow": flow_pps, "wall": wall_pps},
        "ratio": {
            "flow": _ratio(flow_pps, base["pages_per_second"]),
            "wall": _ratio(wall_pps, base["pages_per_second"]),
        },
        "rerun_ratio": _ratio(rerun.get("flow_seconds"), run.get("flow_seconds")),
    }


def main(argv: list[str] | None = None) -> int:
    """Parse options, run the benchmark and print its JSON; 0 also when the corpus is absent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, required=True, help="article pages to generate")
    parser.add_argument("--workers", type=int, help="worker processes (default: CPUs available)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temp folder)")
    parser.add_argument("--hosts", type=int, default=8, help="loopback hosts, one feed each (default 8)")
    parser.add_argument("--seed", type=int, default=20260105, help="generation seed")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder with evaldata.json")
    args = parser.parse_args(argv)
    if args.pages < 1 or (args.workers is not None and args.workers < 1):
        parser.error("--pages and --workers must be >= 1")
    if not (args.corpus / "evaldata.json").is_file():
        print(f"corpus not found at {args.corpus}; nothing to benchmark", file=sys.stderr)
        return 0
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        if any(args.keep.iterdir()):
            parser.error(f"--keep {args.keep}: the folder must be empty (a fresh warehouse is measured)")
        result = measure(args, args.keep.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="presswatch-scale-") as tmp:
            result = measure(args, Path(tmp))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
