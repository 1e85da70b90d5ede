"""Progress bars: drawn on a terminal, silent elsewhere, and never in the way of the work."""

from __future__ import annotations

import io
import os
import pty
import threading

import pytest

from runtime import progress


def _terminal() -> tuple[int, io.TextIOWrapper]:
    leader, follower = pty.openpty()
    return leader, io.TextIOWrapper(os.fdopen(follower, "wb", buffering=0), encoding="utf-8")


def _drain(fd: int) -> str:
    os.set_blocking(fd, False)
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def test_bars_are_drawn_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("PRESSWATCH_PROGRESS", raising=False)
    leader, stream = _terminal()
    with progress.terminal_progress(stream) as shown:
        assert shown
        assert list(progress.track(range(3), "reading files")) == [0, 1, 2]
        with progress.bar("fetching articles", 4) as advance:
            workers = [threading.Thread(target=advance) for _ in range(4)]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join()
    stream.flush()
    drawn = _drain(leader)
    os.close(leader)
    assert "reading files" in drawn and "3/3" in drawn
    assert "fetching articles" in drawn and "4/4" in drawn


@pytest.mark.parametrize("setting", ["pipe", "disabled", "dumb"])
def test_bars_stay_quiet_off_a_terminal_or_when_disabled(
    monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    monkeypatch.setenv("TERM", "dumb" if setting == "dumb" else "xterm")
    monkeypatch.setenv("PRESSWATCH_PROGRESS", "0" if setting == "disabled" else "1")
    leader, terminal = _terminal()
    stream = io.StringIO() if setting == "pipe" else terminal
    with progress.terminal_progress(stream) as shown:
        assert not shown
        assert list(progress.track(iter("abc"), "reading files")) == ["a", "b", "c"]
        with progress.bar("fetching articles", 2) as advance:
            advance()
    terminal.flush()
    assert _drain(leader) == ""
    os.close(leader)
    if isinstance(stream, io.StringIO):
        assert stream.getvalue() == ""


def test_a_loop_left_early_still_closes_its_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("PRESSWATCH_PROGRESS", raising=False)
    leader, stream = _terminal()
    with progress.terminal_progress(stream):
        for item in progress.track(range(10), "staging"):
            if item == 2:
                break
    stream.flush()
    drawn = _drain(leader)
    os.close(leader)
    assert "2/2" in drawn  # the two items handled before the break; the bar does not hang at 2/10
