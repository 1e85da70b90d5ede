"""Benchmark the quality gate on a large staging table: 10,000 and 100,000 rows, in one run.

Usage: ``python bench/bench_gate.py [--rows 100000]``. The five seed articles are staged into a
temporary warehouse by the real steps (no orchestrator), then ``staging.articles`` is filled up to
the row count with copies that get ids, URLs and origins of their own (texts varied so ids stay
unique). The gate is then timed as a run does it: read the table into a DataFrame, validate the
``staging_articles`` suite through Great Expectations' pandas data source, and write the Data Docs.
Prints one JSON object: per size, seconds to read, to validate (Data Docs included), expectations,
the verdict, and the ratio of the large size's time to the small one's (10x rows: ~10 means linear).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import duckdb

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from expectations import staging_articles  # noqa: E402
from expectations.validate import validate  # noqa: E402
from pipeline import steps  # noqa: E402
from pipeline.run import RunSettings, new_run_id  # noqa: E402

__all__ = ["main"]


def _seeded_warehouse(folder: Path) -> RunSettings:
    shutil.copytree(PROJECT / "seeds", folder / "seeds")
    settings = RunSettings(
        run_id=new_run_id(),
        sources_file=str(folder / "seeds" / "sources.toml"),
        event_file=str(folder / "seeds" / "event.toml"),
        warehouse=str(folder / "w.duckdb"),
        reports_dir=str(folder / "reports"),
    )
    steps.prepare(settings, None)
    steps.stage(settings, steps.load(settings, steps.discover(settings)))
    return settings


def _fill(warehouse: str, rows: int) -> None:
    """Grow staging.articles to ``rows`` rows by copying the staged ones under new ids."""
    with duckdb.connect(warehouse) as con:
        have = con.execute("SELECT count(*) FROM staging.articles").fetchone()[0]
        con.execute(
            """
            INSERT INTO staging.articles
            SELECT a.* REPLACE (
                left(sha256(a.article_id || n::VARCHAR || $salt), 16) AS article_id,
                a.origin || '#copy' || n::VARCHAR || $salt AS origin,
                'https://copies.example/' || left(sha256(a.article_id || n::VARCHAR || $salt), 16) AS url,
                a.text || ' Copy ' || n::VARCHAR || '.' AS text
            )
            FROM staging.articles AS a, range(1, $copies) AS r(n)
            LIMIT $missing
            """,
            {"copies": rows // max(have, 1) + 2, "missing": rows - have, "salt": f"-{have}"},
        )


def _gate(settings: RunSettings, rows: int) -> dict[str, object]:
    _fill(settings.warehouse, rows)
    started = time.perf_counter()
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        frame = con.table("staging.articles").df()
    read = time.perf_counter() - started
    profile = steps.load_profile(settings.event_file)
    suite = staging_articles.build_suite(profile.window_start, profile.window_end)
    started = time.perf_counter()
    docs = Path(settings.reports_dir)
    outcome = validate(frame, staging_articles.SUITE_NAME, suite, id_column="article_id", data_docs_dir=docs)
    checked = time.perf_counter() - started
    return {
        "rows": len(frame),
        "read_seconds": round(read, 2),
        "validate_seconds": round(checked, 2),
        "total_seconds": round(read + checked, 2),
        "expectations": len(outcome.outcomes),
        "success": outcome.success,
        "error": outcome.error,
        "failed": [o.expectation for o in outcome.failed],
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="presswatch-gate-") as tmp:
        settings = _seeded_warehouse(Path(tmp))
        small = _gate(settings, max(10, args.rows // 10))
        large = _gate(settings, args.rows)
    ratio = round(float(large["total_seconds"]) / max(float(small["total_seconds"]), 1e-9), 2)  # type: ignore[arg-type]
    print(json.dumps({"small": small, "large": large, "ratio_large_to_small": ratio}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
