"""The summary ``presswatch run`` prints at the end of a run."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the flow module imports Prefect: only loaded when a run happens
    from flows.ingest import RunSummary

__all__ = ["print_run_summary", "relative"]


def relative(path: str | Path | None) -> str:
    """``path`` relative to the working directory when it lies below it, for shorter messages."""
    if path is None:
        return "-"
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def print_run_summary(summary: RunSummary) -> None:
    """Print what a run did: status, items per outcome, quarantines, gate failures, what was published
    and where (marts, report, Data Docs, the analysts' snapshot)."""
    s = summary
    print(f"\npresswatch run {s.run_id}: {s.status.upper()} — {s.message}")
    total = sum(s.items.values())
    breakdown = ", ".join(f"{count} {outcome}" for outcome, count in sorted(s.items.items())) or "none"
    print(f"  items: {total} ({breakdown}); articles (re)staged this run: {s.articles_staged_now}")
    if s.quarantined:
        print(f"  quarantined ({len(s.quarantined)}), see dq.quarantine:")
        for article_id, reason in s.quarantined.items():
            print(f"    {article_id}: {reason}")
    for failure in s.failures[:20]:
        print(f"  gate failure: {failure}")
    if s.published_rows:
        print(f"  published to {relative(s.warehouse)}:")
        for mart, rows in s.published_rows.items():
            print(f"    marts.{mart:<24} {rows:>6} rows")
    else:
        print(f"  warehouse: {relative(s.warehouse)} (published marts unchanged)")
    if s.report:
        print(f"  coverage report: {relative(s.report)}")
    for problem in s.report_problems:
        print(f"  report problem: {problem}")
    if s.data_docs:
        print(f"  data-quality report (Great Expectations Data Docs): {relative(s.data_docs)}")
    from warehouse.snapshot import snapshot_path

    print(f'  for SQL: {relative(snapshot_path(s.warehouse))} (presswatch sql "..." or presswatch shell)')
    print("  history: ops.runs, ops.item_outcomes, dq.run_history, dq.failed_expectations, "
          "dq.quarantined_articles")  # fmt: skip
