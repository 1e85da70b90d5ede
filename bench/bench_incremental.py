"""Benchmark incremental runs: a first run against a run with nothing new, measured in the same run.

Usage: ``python bench/bench_incremental.py``. Runs the real command (``presswatch run``, each with
Prefect's temporary local server, as ``make run`` does) twice on each input, into fresh warehouses
under a temporary folder:

- ``seeds``: the five seed articles (local files);
- ``web``: the demo news site on loopback (three feeds, seven article pages, robots.txt, a 404).

The first run of each is the baseline; the second finds nothing new. For every run the JSON gives the
wall time of the command (``wall_seconds``: process start, imports, Prefect's server, the flow) and the
flow's own time from ``ops.runs.duration_seconds``, its status and what was fetched; ``ratio`` is the
no-change figure over the first-run figure (lower is better). Takes about two minutes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from demo.site import DemoSite, serve, write_sources_file  # noqa: E402


def _run(sources: Path, folder: Path) -> dict[str, object]:
    command = [
        sys.executable, "-m", "presswatch.cli", "run", "--sources", str(sources),
        "--event", str(PROJECT / "seeds" / "event.toml"),
        "--warehouse", str(folder / "w.duckdb"), "--reports", str(folder / "reports"),
    ]  # fmt: skip
    env = {**os.environ, "PRESSWATCH_PROGRESS": "0"}
    env.pop("PREFECT_API_URL", None)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"presswatch run failed ({done.returncode}): {done.stderr[-2000:]}")
    with duckdb.connect(str(folder / "w.duckdb"), read_only=True) as con:
        run_id, status, flow_seconds = con.execute(
            "SELECT run_id, status, duration_seconds FROM ops.runs ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
        requests = con.execute(
            "SELECT count(*) FILTER (WHERE status IS NOT NULL), count(*) FILTER (WHERE status = 304) "
            "FROM ops.fetch_log WHERE run_id = ?",
            [run_id],
        ).fetchone()
    return {
        "status": status,
        "wall_seconds": round(wall, 2),
        "flow_seconds": round(flow_seconds, 2),
        "http_requests": requests[0],
        "answered_304": requests[1],
    }


def _pair(sources: Path, folder: Path) -> dict[str, object]:
    first = _run(sources, folder)
    again = _run(sources, folder)
    return {
        "first_run": first,
        "no_change_run": again,
        "ratio": {
            "wall": round(again["wall_seconds"] / first["wall_seconds"], 3),  # type: ignore[operator]
            "flow": round(again["flow_seconds"] / first["flow_seconds"], 3),  # type: ignore[operator]
        },
    }


def main() -> None:
    """Print the JSON figures."""
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="presswatch-bench-") as temporary:
        root = Path(temporary)
        results["seeds"] = _pair(PROJECT / "seeds" / "sources.toml", root / "seeds")
        server, base_url = serve(DemoSite.from_seeds(PROJECT / "seeds"))
        try:
            sources = root / "web-sources.toml"
            write_sources_file(DemoSite.from_seeds(PROJECT / "seeds"), base_url, sources)
            results["web"] = _pair(sources, root / "web")
        finally:
            server.shutdown()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
