"""One settings object: resolved once (flags, then environment, then defaults), passed on frozen, and
carried to a scheduled run as parameters that resolve back to the same settings."""

from __future__ import annotations

import dataclasses
import inspect
from pathlib import Path

import pytest

from flows.scheduled import scheduled_run
from pipeline.run import settings_for
from runtime.settings import DEFAULT_LOCK_WAIT_SECONDS, DEFAULT_MAX_BYTES, PROJECT_ROOT, resolve_settings

_ENV = ("PRESSWATCH_SOURCES", "PRESSWATCH_EVENT", "PRESSWATCH_WAREHOUSE", "PRESSWATCH_REPORTS",
        "PRESSWATCH_MAX_BYTES", "PRESSWATCH_WORKERS", "PRESSWATCH_DASK")  # fmt: skip


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_defaults_run_offline_on_the_bundled_seeds(clean_environment: pytest.MonkeyPatch) -> None:
    settings = resolve_settings()
    assert settings.sources_file == PROJECT_ROOT / "seeds" / "sources.toml"
    assert settings.event_file == PROJECT_ROOT / "seeds" / "event.toml"
    assert (settings.max_bytes, settings.workers, settings.dask_address) == (DEFAULT_MAX_BYTES, None, None)
    assert settings.lock_wait_seconds == DEFAULT_LOCK_WAIT_SECONDS


def test_flags_beat_the_environment_which_beats_defaults(
    clean_environment: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clean_environment.setenv("PRESSWATCH_WAREHOUSE", str(tmp_path / "env.duckdb"))
    clean_environment.setenv("PRESSWATCH_WORKERS", "3")
    from_env = resolve_settings()
    assert (from_env.warehouse, from_env.workers) == (tmp_path / "env.duckdb", 3)
    from_flags = resolve_settings(warehouse=tmp_path / "flag.duckdb", workers=1, lock_wait_seconds=0.0)
    assert (from_flags.warehouse, from_flags.workers) == (tmp_path / "flag.duckdb", 1)
    assert from_flags.lock_wait_seconds == 0.0  # zero is a setting, not "unset"


def test_settings_are_frozen(clean_environment: pytest.MonkeyPatch) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        resolve_settings().workers = 8  # type: ignore[misc]


def test_parameters_resolve_back_to_the_same_settings_wherever_they_run(
    clean_environment: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = resolve_settings(
        sources=tmp_path / "s.toml", event=tmp_path / "e.toml", warehouse=tmp_path / "w.duckdb",
        reports=tmp_path / "r", max_bytes=1234, workers=2, dask_address="tcp://10.0.0.5:8786",
        lock_wait_seconds=5.0,
    )  # fmt: skip
    parameters = settings.as_parameters()
    # The scheduled run's worker may have another environment: what was resolved still wins.
    clean_environment.setenv("PRESSWATCH_WAREHOUSE", str(tmp_path / "elsewhere.duckdb"))
    clean_environment.setenv("PRESSWATCH_WORKERS", "7")
    assert resolve_settings(**parameters) == settings  # type: ignore[arg-type]
    assert set(parameters) == set(inspect.signature(scheduled_run.fn).parameters)


def test_a_run_takes_every_setting_with_a_fresh_id(
    clean_environment: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = resolve_settings(warehouse=tmp_path / "w.duckdb", workers=2, lock_wait_seconds=7.5)
    first, second = settings_for(settings), settings_for(settings)
    assert first.run_id != second.run_id
    assert (first.warehouse, first.workers, first.lock_wait_seconds) == (str(tmp_path / "w.duckdb"), 2, 7.5)
