"""Real Great Expectations runs (no mocks) of the shared gate and the staging.articles suite."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import duckdb
import great_expectations as gx
import pandas as pd
import pytest

from expectations.staging_articles import COLUMNS, MIN_TEXT_CHARS, NOT_NULL_COLUMNS, build_suite
from expectations.validate import MAX_FAILING_IDS, SuiteOutcome, validate

WINDOW = (dt.date(2025, 12, 5), dt.date(2027, 1, 7))
N_ROWS = 6


def _id(i: int) -> str:
    return f"{i:016x}"


def _valid_frame() -> pd.DataFrame:
    """Six valid rows shaped like ``con.table('staging.articles').df()`` (DATE -> datetime64)."""
    text = "The state visit continued with talks on trade and culture. " * 5
    frame = pd.DataFrame(
        {
            "article_id": [_id(i) for i in range(N_ROWS)],
            "raw_id": [f"raw{i}" for i in range(N_ROWS)],
            "source_id": "seeds",
            "origin": [f"seeds/article{i}.txt" for i in range(N_ROWS)],
            "outlet": "unknown",
            "outlet_provenance": "unknown",
            "title": [f"Title {i}" for i in range(N_ROWS)],
            "byline": None,
            "dateline": None,
            "url": None,
            "language": "en",
            "published_date": pd.to_datetime(
                ["2025-12-05", "2026-03-01", None, "2026-06-30", "2027-01-07", None]
            ),
            "date_provenance": ["dateline", "metadata:html", "none", "dateline", "metadata:jsonl", "none"],
            "date_evidence": None,
            "text": text,
            "char_count": len(text),
            "word_count": len(text.split()),
            "boilerplate_removed": "[]",
            "field_provenance": '{"title": "document"}',
            "extractor": "presswatch.plaintext",
            "extractor_version": "1",
            "profile_version": "1",
            "loaded_at": pd.Timestamp("2026-01-10 12:00:00"),
            "run_id": "run-1",
            "authors": [[], ["Jane Doe"], [], ["A B", "C D"], [], []],
            "updated_date": pd.to_datetime([None, "2026-03-02", None, None, None, None]),
            "extraction_quality": [0.9, 0.95, 1.0, 0.8, 0.85, 0.99],
        }
    )
    assert tuple(frame.columns) == COLUMNS
    return frame


def test_columns_match_ddl() -> None:
    ddl = (Path(__file__).parents[1] / "warehouse" / "ddl" / "020_staging_articles.sql").read_text()
    body = ddl[ddl.index("(") + 1 : ddl.index(");")]
    lines = [line.strip().rstrip(",") for line in body.splitlines() if line.strip()]
    assert tuple(line.split()[0] for line in lines) == COLUMNS
    assert tuple(line.split()[0] for line in lines if line.endswith("NOT NULL")) == NOT_NULL_COLUMNS


@pytest.fixture(scope="module")
def suite() -> list:
    # Built once and reused by every test: validate() must not consume or rebind the caller's list.
    return build_suite(*WINDOW)


def _check(frame: pd.DataFrame, suite: list) -> SuiteOutcome:
    return validate(frame, "staging_articles", suite, id_column="article_id")


def test_valid_frame_passes(suite: list) -> None:
    outcome = _check(_valid_frame(), suite)
    assert outcome.error is None
    assert outcome.success, [o.message for o in outcome.failed]
    assert outcome.row_count == N_ROWS
    assert len(outcome.outcomes) == len(suite)
    assert outcome.failed == ()
    assert all(not o.raised and o.failing_ids == () for o in outcome.outcomes)
    assert "batch_id" not in outcome.outcomes[0].kwargs


def _set(column: str, rows: dict[int, object]) -> Callable[[pd.DataFrame], None]:
    def mutate(frame: pd.DataFrame) -> None:
        for row, value in rows.items():
            frame.loc[row, column] = value

    return mutate


@pytest.mark.parametrize(
    ("mutate", "expectation", "column", "failing"),  # failing: distinct ids of the offending rows
    [
        pytest.param(
            _set("article_id", {3: _id(2)}),
            "expect_column_values_to_be_unique",
            "article_id",
            (_id(2),),
            id="duplicate-id",
        ),
        pytest.param(
            _set("text", {4: None}), "expect_column_values_to_not_be_null", "text", (_id(4),), id="null-text"
        ),
        pytest.param(
            _set("text", {1: "x" * (MIN_TEXT_CHARS - 1)}),
            "expect_column_value_lengths_to_be_between",
            "text",
            (_id(1),),
            id="short-text",
        ),
        pytest.param(
            _set("published_date", {0: pd.Timestamp("2025-12-04"), 3: pd.Timestamp("2027-01-08")}),
            "expect_column_values_to_be_between",
            "published_date",
            (_id(0), _id(3)),
            id="date-outside-window",
        ),
        pytest.param(
            _set("date_provenance", {5: "guessed"}),
            "expect_column_values_to_be_in_set",
            "date_provenance",
            (_id(5),),
            id="date-provenance-not-in-set",
        ),
        pytest.param(
            _set("outlet_provenance", {2: "twitter"}),
            "expect_column_values_to_be_in_set",
            "outlet_provenance",
            (_id(2),),
            id="outlet-provenance",
        ),
        pytest.param(
            _set("article_id", {1: "NOT-A-HASH-00000"}),
            "expect_column_values_to_match_regex",
            "article_id",
            ("NOT-A-HASH-00000",),
            id="bad-article-id",
        ),
        pytest.param(
            _set("extraction_quality", {2: 1.5}),
            "expect_column_values_to_be_between",
            "extraction_quality",
            (_id(2),),
            id="quality-out-of-range",
        ),
    ],
)
def test_each_violation_fails_with_failing_ids(
    suite: list, mutate: Callable[[pd.DataFrame], None], expectation: str, column: str, failing: tuple
) -> None:
    frame = _valid_frame()
    mutate(frame)
    outcome = _check(frame, suite)
    assert not outcome.success
    assert outcome.error is None  # a data failure, not a crash
    (failed,) = outcome.failed  # exactly the one expectation this violation targets
    assert (failed.expectation, failed.column) == (expectation, column)
    assert not failed.raised
    assert failed.failing_ids == failing
    # A failure of one row's own value is row-level: the gate takes those rows out and goes on.
    assert not failed.batch_level and failed.rows_removable
    rows = 2 if expectation.endswith("unique") else len(failing)  # both copies of a duplicate are unexpected
    assert failed.unexpected_count == rows
    assert failed.message.startswith(f"{column}: {rows} of {N_ROWS} rows")


def test_a_batch_of_poor_extractions_is_blocked(suite: list) -> None:
    frame = _valid_frame()
    frame["extraction_quality"] = [0.2, 0.3, 0.9, 0.25, 0.9, 0.9]  # each well-formed, half of them poor
    outcome = _check(frame, suite)
    (failed,) = outcome.failed
    assert (failed.expectation, failed.column) == ("expect_column_values_to_be_between", "extraction_quality")
    assert failed.failing_ids == (_id(0), _id(1), _id(3))
    # A share of the batch ("mostly") is batch-level: it blocks the publication.
    assert failed.batch_level and not failed.rows_removable
    frame["extraction_quality"] = [0.2, 0.9, 0.9, 0.9, 0.9, 0.9]  # one poor page alone passes
    assert _check(frame, suite).success
    frame["extraction_quality"] = None  # staged before the score existed: not counted
    assert _check(frame, suite).success


def test_date_window_on_duckdb_frame(suite: list) -> None:
    """DuckDB's .df() turns DATE into datetime64; the window is inclusive at both ends."""
    con = duckdb.connect()
    dates = con.sql(
        "SELECT * FROM (VALUES (DATE '2025-12-04'), (DATE '2025-12-05'), (DATE '2027-01-07'), "
        "(DATE '2027-01-08'), (NULL::DATE), (DATE '2026-05-01')) t(published_date)"
    ).df()
    assert pd.api.types.is_datetime64_any_dtype(dates["published_date"])
    frame = _valid_frame()
    frame["published_date"] = dates["published_date"].to_numpy()
    outcome = _check(frame, suite)
    (failed,) = outcome.failed
    assert failed.column == "published_date"
    assert failed.failing_ids == (_id(0), _id(3))
    assert failed.message == "published_date: 2 of 6 rows outside 2025-12-05..2027-01-07"
    assert failed.kwargs["min_value"] == "2025-12-05"


def test_date_objects_raise_and_fail(suite: list) -> None:
    """A column of datetime.date objects cannot be compared by GE: the raise must block, not pass."""
    frame = _valid_frame()
    frame["published_date"] = [dt.date(2026, 1, 1)] * N_ROWS
    outcome = _check(frame, suite)
    assert not outcome.success
    (failed,) = outcome.failed
    assert failed.column == "published_date"
    assert failed.raised and not failed.success
    assert "compare" in (failed.error or "")
    assert not failed.rows_removable  # a raise names no rows: it blocks


def test_zero_rows_fail(suite: list) -> None:
    outcome = _check(_valid_frame().iloc[0:0], suite)
    assert not outcome.success
    assert outcome.row_count == 0
    assert [o.expectation for o in outcome.failed] == ["expect_table_row_count_to_be_between"]
    assert outcome.failed[0].batch_level


def test_zero_rows_fail_even_without_row_count_expectation() -> None:
    exps = [gx.expectations.ExpectColumnValuesToNotBeNull(column="text")]
    empty = _valid_frame().iloc[0:0]
    outcome = validate(empty, "no_row_count", exps)
    assert not outcome.success
    assert outcome.outcomes[0].success  # GE itself passes a column check on 0 rows
    assert "0 rows" in (outcome.error or "")
    assert validate(empty, "no_row_count", exps, allow_empty=True).success


def test_missing_required_column_fails(suite: list) -> None:
    outcome = _check(_valid_frame().drop(columns=["run_id"]), suite)
    assert not outcome.success
    failed = {o.expectation: o for o in outcome.failed}
    assert set(failed) == {"expect_table_columns_to_match_set", "expect_column_values_to_not_be_null"}
    assert "run_id" in failed["expect_table_columns_to_match_set"].message
    assert failed["expect_column_values_to_not_be_null"].raised


def test_expectation_on_missing_column_is_raised_never_success() -> None:
    exps = [gx.expectations.ExpectColumnValuesToBeUnique(column="no_such_column")]
    outcome = validate(_valid_frame(), "missing_column", exps, id_column="article_id")
    assert not outcome.success
    (only,) = outcome.outcomes
    assert only.raised and not only.success
    assert "no_such_column" in (only.error or "")
    assert outcome.failed == (only,)


@pytest.mark.parametrize(
    "expectations",
    [
        pytest.param(
            [gx.expectations.ExpectTableRowCountToBeBetween(min_value=1), "not an expectation"], id="junk"
        ),
        pytest.param([], id="empty"),
    ],
)
def test_broken_expectation_list_reports_error(expectations: list) -> None:
    outcome = validate(_valid_frame(), "broken", expectations)
    assert outcome.success is False
    assert outcome.error
    assert outcome.outcomes == ()


def test_not_a_frame_reports_error(suite: list) -> None:
    outcome = validate(None, "staging_articles", suite)  # type: ignore[arg-type]
    assert not outcome.success
    assert "DataFrame" in (outcome.error or "")


def test_missing_id_column_fails() -> None:
    exps = [gx.expectations.ExpectTableRowCountToBeBetween(min_value=1)]
    outcome = validate(_valid_frame(), "ids", exps, id_column="nope")
    assert outcome.outcomes[0].success
    assert not outcome.success
    assert "nope" in (outcome.error or "")


def test_failing_ids_are_capped() -> None:
    frame = pd.DataFrame({"id": [f"r{i}" for i in range(MAX_FAILING_IDS + 200)], "x": 1})
    exps = [gx.expectations.ExpectColumnValuesToBeInSet(column="x", value_set=[2])]
    (only,) = validate(frame, "cap", exps, id_column="id").outcomes
    assert only.unexpected_count == MAX_FAILING_IDS + 200
    assert len(only.failing_ids) == MAX_FAILING_IDS
    assert only.failing_ids[:2] == ("r0", "r1")


def test_data_docs_written(tmp_path, suite: list) -> None:
    docs = tmp_path / "docs"
    good = validate(_valid_frame(), "staging_articles", suite, id_column="article_id", data_docs_dir=docs)
    bad_frame = _valid_frame()
    bad_frame.loc[0, "text"] = None
    # same directory, same and another suite name: stored objects must not collide
    bad = validate(bad_frame, "staging_articles", suite, id_column="article_id", data_docs_dir=docs)
    other = validate(
        _valid_frame(),
        "other_suite",
        [gx.expectations.ExpectTableRowCountToBeBetween(min_value=1)],
        data_docs_dir=docs,
    )
    assert (good.success, good.error) == (True, None)
    assert (bad.success, [o.failing_ids for o in bad.failed]) == (False, [(_id(0),)])
    assert other.success
    assert good.data_docs_index == bad.data_docs_index == other.data_docs_index
    index = docs / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
    assert good.data_docs_index == str(index)
    html = index.read_text(encoding="utf-8")
    assert "staging_articles" in html
    assert "other_suite" in html
    assert len(list((index.parent / "validations" / "staging_articles").rglob("*.html"))) == 2


@pytest.mark.parametrize(("days_before", "passes"), [(0, True), (7, True), (8, False)])
def test_timeline_days_within_the_extractors_grace_pass_the_mart_gate(days_before: int, passes: bool) -> None:
    from expectations.marts import StagingFacts, build_mart_suites

    start, end = dt.date(2025, 12, 5), dt.date(2026, 1, 14)
    facts = StagingFacts(
        articles=3, sources=1, topic_ids=("t",), entity_ids=("e",), clusters=3, claim_type_ids=(),
        window_start=start, window_end=end,
    )  # fmt: skip
    suite = build_mart_suites(facts)["event_timeline"]
    day = pd.Timestamp(start - dt.timedelta(days=days_before))
    frame = pd.DataFrame(
        {"day": [day, pd.Timestamp(end)], "happening": ["a", "b"], "articles": [1, 2], "what": ["x", "y"]}
    )
    outcome = validate(frame, "mart_event_timeline", suite.expectations, allow_empty=True)
    assert outcome.success is passes, outcome
