"""Worker-process isolation: a hung, failing, memory-hungry or dying call costs only itself."""

from __future__ import annotations

import os

import pytest

from presswatch.isolation import IsolatedRunner
from tests.isolation_targets import behave


@pytest.mark.timeout(120)
def test_bad_calls_are_contained_and_the_rest_complete() -> None:
    calls = [("a",), ("hang",), ("b",), ("raise",), ("memory",), ("die",), ("c",)]
    with IsolatedRunner(behave, workers=2, timeout=3, memory_limit=1024**3) as runner:
        results = runner.map(calls)
    by_kind = {call[0]: result for call, result in zip(calls, results, strict=True)}
    for kind in ("a", "b", "c"):
        assert by_kind[kind].error is None
        assert by_kind[kind].value.startswith(f"done:{kind}:")
        assert by_kind[kind].value.split(":")[2] != str(os.getpid())  # ran in another process
    assert by_kind["hang"].error == "timed out after 3 s"
    assert by_kind["raise"].error == "ValueError: bad page"
    assert "out of memory" in (by_kind["memory"].error or "")
    assert (by_kind["die"].error or "").startswith("worker died")


@pytest.mark.timeout(60)
def test_a_timed_out_worker_is_replaced() -> None:
    with IsolatedRunner(behave, workers=1, timeout=2) as runner:
        first = runner.map([("hang",), ("x",)])
        second = runner.map([("y",)])
    assert first[0].error == "timed out after 2 s"
    assert first[1].value.startswith("done:x:")
    assert second[0].value.startswith("done:y:")
    assert first[1].value.split(":")[2] == second[0].value.split(":")[2]  # the replacement keeps serving
