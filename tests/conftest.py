"""Shared fixtures: paths to the bundled seeds, a copy of them per test, and one Prefect test harness."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from pipeline.run import RunSettings, new_run_id
from transforms.profile import EventProfile, parse_event_profile

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = PROJECT_ROOT / "seeds"
SHARED_DIR = PROJECT_ROOT.parent / "shared"


def read_seed(prefix: str) -> str:
    """Text of the one seed article whose file name starts with ``prefix`` (e.g. "003")."""
    [path] = [p for p in sorted(SEEDS_DIR.glob("*.txt")) if p.name.startswith(prefix)]
    return path.read_text(encoding="utf-8")


def run_settings(project: Path, *, sources: Path | None = None, event: Path | None = None) -> RunSettings:
    """Settings for a fresh run over a test project: its seeds/ files, w.duckdb and reports/ beside them."""
    return RunSettings(
        run_id=new_run_id(),
        sources_file=str(sources or project / "seeds" / "sources.toml"),
        event_file=str(event or project / "seeds" / "event.toml"),
        warehouse=str(project / "w.duckdb"),
        reports_dir=str(project / "reports"),
    )


@pytest.fixture(scope="session")
def profile() -> EventProfile:
    """The bundled event profile (seeds/event.toml)."""
    return parse_event_profile((SEEDS_DIR / "event.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect server for the whole test session (it takes ~20 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def outcomes_by_item(settings: RunSettings) -> dict[str, tuple[str, str | None]]:
    """(outcome, detail) of every item of the run, keyed by the item's file name."""
    import duckdb

    with duckdb.connect(settings.warehouse, read_only=True) as con:
        rows = con.execute(
            "SELECT item, outcome, detail FROM ops.item_outcomes WHERE run_id = ?", [settings.run_id]
        ).fetchall()
    return {Path(item).name: (outcome, detail) for item, outcome, detail in rows}


@contextmanager
def served_demo_site(folder: Path) -> Iterator[str]:
    """The demo news site on a loopback port, with a sources.toml pointing at its feeds (short
    politeness delay) and the bundled event.toml written into ``folder``; yields the site's base URL."""
    from demo.site import DemoSite, serve, write_sources_file

    site = DemoSite.from_seeds(SEEDS_DIR)
    server, base_url = serve(site)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEEDS_DIR / "event.toml", folder / "event.toml")
    write_sources_file(site, base_url, folder / "sources.toml", host_delay=0.05)
    try:
        yield base_url
    finally:
        server.shutdown()


@pytest.fixture(autouse=True)
def _accounting_holds_after_end_to_end_tests(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[None]:
    """After every end-to-end test (marked ``flow``), every warehouse it left under its ``tmp_path``
    must satisfy the accounting invariant (tests/accounting_invariant.py)."""
    yield
    if request.node.get_closest_marker("flow") is None:
        return
    from tests.accounting_invariant import accounting_violations, warehouses_under

    problems = [p for warehouse in warehouses_under(tmp_path) for p in accounting_violations(warehouse)]
    assert not problems, "accounting invariant broken:\n" + "\n".join(problems)


def project_with(root: Path, event: Path, sources_lines: list[str]) -> Path:
    """A project folder under ``root``: ``event`` copied as its seeds/event.toml and ``sources_lines``
    written as its seeds/sources.toml (for tests whose sources are servers or corpora, not seeds)."""
    project = root / "project"
    (project / "seeds").mkdir(parents=True)
    shutil.copy(event, project / "seeds" / "event.toml")
    (project / "seeds" / "sources.toml").write_text("\n".join(sources_lines) + "\n", encoding="utf-8")
    return project


@pytest.fixture
def seed_project(tmp_path: Path) -> Path:
    """A private copy of seeds/ (articles, sources.toml, event.toml) that a test may modify."""
    target = tmp_path / "project"
    shutil.copytree(SEEDS_DIR, target / "seeds")
    return target
