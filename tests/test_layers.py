"""Imports point one way: from the command line down to the pure functions, never back up.

    presswatch (command line)
      └─ flows (Prefect)
           └─ pipeline (application steps)
                ├─ reporting ─┐
                ├─ warehouse ─┼─ expectations
                ├─ sources ── web ── runtime (settings, worker processes, progress, pause points)
                ├─ archive    │
                └─────────────┴─ transforms (pure)

(pipeline, flows and the command line use runtime too; web runs feed parsing in its worker processes)

``demo`` (the offline demo site) is used by the command line, tests and benchmarks only.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]

_PURE = {"transforms"}
#: package -> the project packages its modules may import (lazy imports inside functions included)
ALLOWED: dict[str, set[str]] = {
    "transforms": _PURE,
    "archive": {"archive"},
    "web": {"web", "runtime"} | _PURE,
    "sources": {"sources", "web", "runtime"} | _PURE,
    "expectations": {"expectations"} | _PURE,
    "warehouse": {"warehouse", "expectations"} | _PURE,
    "reporting": {"reporting", "warehouse", "expectations"} | _PURE,
    "runtime": {"runtime"} | _PURE,
    "demo": {"demo"} | _PURE,
}
ALLOWED["pipeline"] = {"pipeline", "runtime", "archive", "sources", "web", "warehouse", "reporting",
                       "expectations"} | _PURE  # fmt: skip
ALLOWED["flows"] = ALLOWED["pipeline"] | {"flows"}
ALLOWED["presswatch"] = ALLOWED["flows"] | {"presswatch", "demo"}
PACKAGES = frozenset(ALLOWED)


_RECORDS = {
    "transforms.currencies", "transforms.documents", "transforms.limits", "transforms.profile",
    "transforms.toml_checks", "transforms.units",
}  # fmt: skip
#: inside transforms: part -> the parts its modules may import (records: the modules at its top)
TRANSFORMS_ALLOWED: dict[str, set[str]] = {
    "records": _RECORDS,
    "text": {"transforms.text"} | _RECORDS,
    "extraction": {"transforms.extraction", "transforms.text"} | _RECORDS,
    "analysis": {"transforms.analysis", "transforms.text"} | _RECORDS,
    "grouping": {"transforms.grouping", "transforms.analysis", "transforms.text"} | _RECORDS,
}


def imported_transforms_parts(source: str) -> set[str]:
    """The parts of transforms a module imports: ``transforms.<subpackage>`` or a top-level module."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        module = node.module or "" if isinstance(node, ast.ImportFrom) and node.level == 0 else ""
        if module.startswith("transforms."):
            found.add(".".join(module.split(".")[:2]))
    return found


def imported_packages(source: str) -> set[str]:
    """The project packages a module's source imports, at any depth of the module."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.update(name.split(".")[0] for name in names if name.split(".")[0] in PACKAGES)
    return found


def wrong_way_imports(package: str, source: str) -> set[str]:
    """The packages ``source`` (a module of ``package``) imports although its layer may not."""
    return imported_packages(source) - ALLOWED[package]


def _modules() -> list[tuple[str, Path]]:
    found = []
    for package in sorted(PACKAGES):
        found += [(package, path) for path in sorted((PROJECT / package).rglob("*.py"))]
    return found


@pytest.mark.parametrize(("package", "path"), _modules(), ids=lambda v: str(v).rsplit("/", 1)[-1])
def test_module_imports_only_layers_below_it(package: str, path: Path) -> None:
    assert wrong_way_imports(package, path.read_text(encoding="utf-8")) == set(), path.relative_to(PROJECT)


def test_every_package_has_a_place_in_the_layers() -> None:
    packages = {p.parent.name for p in PROJECT.glob("*/__init__.py")} - {"tests", "bench"}
    assert packages == PACKAGES


@pytest.mark.parametrize(
    ("package", "source", "wrong"),
    [
        ("warehouse", "from runtime.crashpoints import pause_point\n", {"runtime"}),
        ("transforms", "def f():\n    import pipeline.steps\n", {"pipeline"}),
        ("pipeline", "from flows.ingest import ingest\nfrom warehouse import raw\n", {"flows"}),
        ("runtime", "from presswatch import cli\n", {"presswatch"}),
        ("web", "import os\nfrom web.policy import FetchPolicy\n", set()),
    ],
)
def test_the_checker_sees_an_import_pointing_up(package: str, source: str, wrong: set[str]) -> None:
    assert wrong_way_imports(package, source) == wrong


def _transforms_modules() -> list[tuple[str, Path]]:
    root = PROJECT / "transforms"
    found = [("records", path) for path in sorted(root.glob("*.py")) if path.name != "__init__.py"]
    for part in ("text", "extraction", "analysis", "grouping"):
        found += [(part, path) for path in sorted((root / part).glob("*.py"))]
    return found


@pytest.mark.parametrize(("part", "path"), _transforms_modules(), ids=lambda v: str(v).rsplit("/", 1)[-1])
def test_transforms_parts_import_text_and_records_not_each_other(part: str, path: Path) -> None:
    imported = imported_transforms_parts(path.read_text(encoding="utf-8"))
    assert imported - TRANSFORMS_ALLOWED[part] == set(), path.relative_to(PROJECT)


def test_every_transforms_module_has_a_part() -> None:
    listed = {path for _, path in _transforms_modules()}
    assert {p for p in (PROJECT / "transforms").rglob("*.py") if p.name != "__init__.py"} <= listed


def test_the_transforms_checker_sees_a_part_reaching_sideways() -> None:
    source = "from transforms.grouping.near_duplicates import cluster_near_duplicates\n"
    assert imported_transforms_parts(source) - TRANSFORMS_ALLOWED["analysis"] == {"transforms.grouping"}


@pytest.mark.parametrize("path", sorted((PROJECT / "warehouse" / "ddl").glob("*.sql")), ids=lambda p: p.name)
def test_each_ddl_file_creates_one_table_or_view_named_after_it(path: Path) -> None:
    created = re.findall(
        r"^CREATE (?:OR REPLACE )?(?:TABLE|VIEW)(?: IF NOT EXISTS)? (\w+)\.(\w+)", path.read_text(), re.M
    )
    assert len(created) <= 1, created
    if created:
        schema, table = created[0]
        assert path.stem.split("_", 1)[1] == f"{schema}_{table}"
