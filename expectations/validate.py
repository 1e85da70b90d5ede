"""One shared quality gate: run a list of Great Expectations 1.x expectations over a pandas DataFrame.

The gate must never pass wrongly. Great Expectations reports some failures quietly (an expectation whose
metric raised comes back as ``success=False`` with ``exception_info``; a referenced column that does not
exist is such a raise), and it can raise itself on a bad suite. ``validate()`` turns all of that into a plain
``SuiteOutcome`` whose ``success`` is True only when every expectation was evaluated, none raised, all held.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

import pandas as pd

__all__ = ["MAX_FAILING_IDS", "ExpectationOutcome", "SuiteOutcome", "validate"]

# GE 1.24 as installed sends no usage statistics, but keep the documented switch off in case a build does.
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

MAX_FAILING_IDS = 1000
_DATASOURCE = "presswatch_frames"
# GE resolves objects through a process-wide "current" Data Context; one validation at a time keeps threads
# (e.g. Prefect's thread task runner) from switching it under a running validation.
_LOCK = threading.Lock()


@dataclass(frozen=True)
class ExpectationOutcome:
    """The verdict of one expectation, flattened out of GE's result objects."""

    expectation: str
    column: str | None
    kwargs: dict[str, Any] = field(hash=False)
    success: bool
    raised: bool
    error: str | None
    element_count: int | None
    unexpected_count: int | None
    failing_ids: tuple[str, ...]
    message: str

    @property
    def batch_level(self) -> bool:
        """Whether this expectation judges the batch as a whole (row counts, the column set, a share of
        rows via ``mostly``) rather than each row on its own: such a failure blocks the publication,
        while a row-level one only takes the failing rows out."""
        mostly = self.kwargs.get("mostly")
        return self.expectation.startswith("expect_table_") or (
            isinstance(mostly, int | float) and mostly < 1
        )

    @property
    def rows_removable(self) -> bool:
        """A row-level failure that names its failing rows (one that raised names none)."""
        return not self.batch_level and not self.raised and bool(self.failing_ids)


@dataclass(frozen=True)
class SuiteOutcome:
    """The verdict of one suite over one frame; ``success`` is the gate decision."""

    suite: str
    success: bool
    row_count: int
    outcomes: tuple[ExpectationOutcome, ...]
    error: str | None = None
    data_docs_index: str | None = None

    @property
    def failed(self) -> tuple[ExpectationOutcome, ...]:
        """Outcomes that did not succeed (including those that raised)."""
        return tuple(o for o in self.outcomes if not o.success or o.raised)


def validate(
    frame: pd.DataFrame,
    suite_name: str,
    expectations: list,
    *,
    id_column: str | None = None,
    data_docs_dir: Path | None = None,
    allow_empty: bool = False,
) -> SuiteOutcome:
    """Validate ``frame`` against ``expectations`` and return the gate's verdict; never raises.

    Args:
        frame: the rows to check (e.g. ``con.table("staging.articles").df()``).
        suite_name: name of the suite; also names the stored suite and its Data Docs pages.
        expectations: ``gx.expectations.*`` objects (they are copied, so one list can be reused).
        id_column: column whose values identify failing rows in ``ExpectationOutcome.failing_ids``.
            If given and absent from the frame, the suite fails.
        data_docs_dir: when given, a file-backed GE project is kept under this directory; each run's
            results are stored and the Data Docs site is rebuilt (its index.html is returned).
        allow_empty: a 0-row frame fails unless this is True (an empty candidate table is a broken run).

    Returns:
        ``SuiteOutcome``: success only if at least one expectation ran, all were evaluated, none raised,
        all succeeded and none of the checks above failed. Any exception is reported in ``error``.
    """
    row_count = len(frame) if isinstance(frame, pd.DataFrame) else 0
    try:
        with _LOCK:
            return _validate(frame, suite_name, list(expectations), id_column, data_docs_dir, allow_empty)
    except Exception as exc:  # the gate reports, it never propagates: a crash is a failed gate
        return SuiteOutcome(
            suite=suite_name,
            success=False,
            row_count=row_count,
            outcomes=(),
            error=f"validation crashed: {type(exc).__name__}: {exc}",
        )


def _validate(
    frame: pd.DataFrame,
    suite_name: str,
    expectations: list,
    id_column: str | None,
    data_docs_dir: Path | None,
    allow_empty: bool,
) -> SuiteOutcome:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame, got {type(frame).__name__}")
    if not expectations:
        return SuiteOutcome(suite_name, False, len(frame), (), error="no expectations given")

    import great_expectations as gx  # imported here: ~3-5 s, paid only by processes that validate

    problems: list[str] = []
    if len(frame) == 0 and not allow_empty:
        problems.append("frame has 0 rows")
    index_columns: list[str] = []
    if id_column is not None:
        if id_column in frame.columns:
            index_columns = [id_column]
        else:
            problems.append(f"id column {id_column!r} not in frame")

    # COMPLETE + unexpected_index_column_names makes GE (pandas) return every failing row as
    # {<checked column>: value, <id column>: id} in result["unexpected_index_list"].
    result_format: dict[str, Any] = {"result_format": "COMPLETE", "return_unexpected_index_query": False}
    if index_columns:
        result_format["unexpected_index_column_names"] = index_columns

    context = _context(gx, data_docs_dir)
    batch_definition = (
        context.data_sources.add_or_update_pandas(f"{_DATASOURCE}_{suite_name}")
        .add_dataframe_asset(suite_name)
        .add_batch_definition_whole_dataframe("whole_frame")
    )
    # GE binds an expectation to the suite it joins; copies (id reset) let callers reuse their list.
    suite = context.suites.add_or_update(
        gx.ExpectationSuite(name=suite_name, expectations=[copy.copy(e) for e in expectations])
    )
    definition = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=suite_name, data=batch_definition, suite=suite)
    )
    docs_index: str | None = None
    if data_docs_dir is None:
        suite_result = definition.run(batch_parameters={"dataframe": frame}, result_format=result_format)
    else:
        checkpoint = context.checkpoints.add_or_update(
            gx.Checkpoint(
                name=suite_name,
                validation_definitions=[definition],
                actions=[gx.checkpoint.UpdateDataDocsAction(name="update_data_docs")],
                result_format=result_format,
            )
        )
        checkpoint_result = checkpoint.run(batch_parameters={"dataframe": frame})
        (suite_result,) = checkpoint_result.run_results.values()
        docs_index = _docs_index(context)
        if docs_index is None:
            problems.append("Data Docs index.html was not written")

    # Report in the order the suite lists its expectations (GE puts raised ones first).
    order = {e.id: i for i, e in enumerate(suite.expectations)}
    results = sorted(suite_result.results, key=lambda r: order.get(r.expectation_config.id, len(order)))
    outcomes = tuple(_outcome(r, id_column if index_columns else None) for r in results)
    if len(outcomes) != len(expectations):
        problems.append(f"{len(expectations)} expectations given but {len(outcomes)} evaluated")
    success = (
        not problems
        and bool(outcomes)
        and suite_result.success is True
        and all(o.success and not o.raised for o in outcomes)
    )
    return SuiteOutcome(
        suite=suite_name,
        success=success,
        row_count=len(frame),
        outcomes=outcomes,
        error="; ".join(problems) or None,
        data_docs_index=docs_index,
    )


def _context(gx: Any, data_docs_dir: Path | None) -> Any:
    """An in-memory context, or a file-backed one under ``data_docs_dir`` so runs and Data Docs persist."""
    from great_expectations.data_context.types.base import ProgressBarsConfig

    if data_docs_dir is None:
        context = gx.get_context(mode="ephemeral")
    else:
        Path(data_docs_dir).mkdir(parents=True, exist_ok=True)
        context = gx.get_context(mode="file", project_root_dir=str(data_docs_dir))
    # tqdm bars on stderr are noise in flow logs; set in memory only (not saved to the project file).
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


def _docs_index(context: Any) -> str | None:
    for site in context.get_docs_sites_urls():
        url = site.get("site_url") or ""
        if url.startswith("file://"):
            path = Path(url2pathname(urlparse(url).path))
            if path.is_file():
                return str(path)
    return None


def _outcome(result: Any, id_column: str | None) -> ExpectationOutcome:
    config = result.expectation_config
    kwargs = _jsonable({k: v for k, v in config.kwargs.items() if k != "batch_id"})
    column = kwargs.get("column")
    errors = _raised_messages(result.exception_info)
    details = result.result or {}
    element_count = details.get("element_count")
    unexpected_count = details.get("unexpected_count")
    outcome_success = result.success is True and not errors
    failing_ids = _failing_ids(details.get("unexpected_index_list"), id_column) if id_column else ()
    if errors:
        message = f"{column or config.type}: raised {errors[0]}"
    elif outcome_success:
        message = f"{column or config.type}: ok"
    else:
        message = _failure_message(config.type, kwargs, details)
    return ExpectationOutcome(
        expectation=config.type,
        column=column if isinstance(column, str) else None,
        kwargs=kwargs,
        success=outcome_success,
        raised=bool(errors),
        error="; ".join(errors) or None,
        element_count=element_count,
        unexpected_count=unexpected_count,
        failing_ids=failing_ids,
        message=message,
    )


def _raised_messages(info: Any) -> list[str]:
    """Exception messages in GE's exception_info, which is either flat ({raised_exception, ...}) or,
    when a metric failed to resolve, a mapping of metric id -> that flat form."""
    if not isinstance(info, Mapping):
        return []
    if "raised_exception" in info:
        if info["raised_exception"]:
            return [str(info.get("exception_message") or "unknown exception")]
        return []
    messages: list[str] = []
    for value in info.values():
        messages.extend(_raised_messages(value))
    return messages


def _failing_ids(index_list: Any, id_column: str) -> tuple[str, ...]:
    """Distinct ids of failing rows, in order, capped at MAX_FAILING_IDS."""
    seen: dict[str, None] = {}
    for entry in index_list or ():
        if not isinstance(entry, Mapping) or id_column not in entry:
            continue
        value = entry[id_column]
        # with exclude_unexpected_values GE wraps each id in a list; accept both shapes
        for item in value if isinstance(value, list) else [value]:
            seen.setdefault(_id_text(item), None)
            if len(seen) >= MAX_FAILING_IDS:
                return tuple(seen)
    return tuple(seen)


def _id_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return "<null>"
    return str(value)


def _failure_message(expectation: str, kwargs: dict[str, Any], details: Mapping[str, Any]) -> str:
    """One line saying what failed, e.g. "published_date: 2 of 5 rows outside 2025-12-05..2027-01-07"."""
    column = kwargs.get("column")
    low, high = kwargs.get("min_value"), kwargs.get("max_value")
    bounds = f"{'' if low is None else low}..{'' if high is None else high}"
    if "unexpected_count" in details and column is not None:
        what = {
            "expect_column_values_to_not_be_null": "null",
            "expect_column_values_to_be_unique": "duplicated",
            "expect_column_values_to_be_between": f"outside {bounds}",
            "expect_column_value_lengths_to_be_between": f"with length outside {bounds}",
            "expect_column_values_to_be_in_set": f"not in {kwargs.get('value_set')}",
            "expect_column_values_to_match_regex": f"not matching {kwargs.get('regex')}",
        }.get(expectation, f"failing {expectation}")
        return f"{column}: {details['unexpected_count']} of {details.get('element_count')} rows {what}"
    observed = details.get("observed_value")
    mismatched = (details.get("details") or {}).get("mismatched")
    if mismatched:
        return f"{expectation}: columns {_jsonable(mismatched)}"
    if low is not None or high is not None:
        return f"{column or expectation}: observed {observed}, expected {bounds}"
    return f"{column or expectation}: failed (observed {observed!r})"


def _jsonable(value: Any) -> Any:
    """A JSON-safe copy: dates as ISO text (midnight datetimes as plain dates), sets as sorted lists."""

    def default(obj: Any) -> Any:
        if isinstance(obj, dt.datetime | pd.Timestamp):
            return (
                obj.date().isoformat() if obj.time() == dt.time(0) and obj.tzinfo is None else obj.isoformat()
            )
        if isinstance(obj, dt.date):
            return obj.isoformat()
        if isinstance(obj, set | frozenset):
            return sorted(obj, key=str)
        if hasattr(obj, "item"):  # numpy scalars
            return obj.item()
        return str(obj)

    return json.loads(json.dumps(value, default=default))
