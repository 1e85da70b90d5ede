"""Worker-process isolation: a hung, failing, memory-hungry or dying call costs only itself."""

from __future__ import annotations

import os

import pytest

from runtime.isolation import IsolatedRunner
from tests.isolation_targets import behave

pytestmark = pytest.mark.process  # starts the command, a Prefect API or worker processes


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


def test_imap_streams_calls_lazily_and_yields_results_in_input_order() -> None:
    taken: list[int] = []

    def calls():  # a stream still being produced, with a failure and a hang inside
        for n in range(12):
            taken.append(n)
            yield (("raise" if n == 3 else "hang" if n == 5 else f"ok{n}"),)

    with IsolatedRunner(behave, workers=2, timeout=2) as runner:
        stream = runner.imap(calls(), window=4)
        first = next(stream)
        assert len(taken) <= 4 + 2  # read ahead of the caller by at most the window (plus one per worker)
        results = [first, *stream]
    assert [r.value.split(":")[1] if r.value else None for r in results] == [
        f"ok{n}" if n not in (3, 5) else None for n in range(12)
    ]
    assert "bad page" in (results[3].error or "") and "timed out" in (results[5].error or "")


def test_imap_raises_what_the_stream_raised_after_the_results_before_it() -> None:
    def calls():
        yield ("ok0",)
        yield ("ok1",)
        raise RuntimeError("feed broke")

    with IsolatedRunner(behave, workers=2, timeout=5) as runner:
        seen = []
        with pytest.raises(RuntimeError, match="feed broke"):
            for result in runner.imap(calls()):
                seen.append(result.value.split(":")[1])
    assert seen == ["ok0", "ok1"]
