"""A local source reads only files inside its folder: a symlink leading elsewhere is refused, with
its reason recorded, unless the source opts in with ``follow_symlinks = true``."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from pipeline import steps
from pipeline.run import RunSettings
from sources.local_files import read_capped
from tests.conftest import outcomes_by_item, run_settings

SEED_3 = "003_a1c5ffed28f8a4cf.txt"


def _project_with_links(project: Path, *, follow: bool) -> RunSettings:
    seeds = project / "seeds"
    elsewhere = project / "elsewhere"
    elsewhere.mkdir()
    shutil.move(seeds / SEED_3, elsewhere / SEED_3)  # an article outside the source folder
    os.symlink(elsewhere / SEED_3, seeds / "outside-article.txt")
    os.symlink("/etc/passwd", seeds / "passwd.txt")
    os.symlink(seeds / "000_d7fe7cdb3025e821.txt", seeds / "inside-link.txt")  # stays inside: allowed
    sources = seeds / "sources.toml"
    sources.write_text(
        '[[source]]\nid = "seeds"\nkind = "local"\npath = "."\npatterns = ["*.txt"]\n'
        + ("follow_symlinks = true\n" if follow else ""),
        encoding="utf-8",
    )
    settings = run_settings(project, sources=sources)
    steps.prepare(settings, None)
    steps.stage(settings, steps.load(settings, steps.discover(settings)))
    return settings


def test_symlinks_out_of_the_folder_are_rejected_and_nothing_of_them_is_stored(seed_project: Path) -> None:
    assert (Path("/etc/passwd")).is_file()
    settings = _project_with_links(seed_project, follow=False)
    outcomes = outcomes_by_item(settings)
    for name in ("passwd.txt", "outside-article.txt"):
        outcome, detail = outcomes[name]
        assert outcome == "rejected"
        assert "symlink leads outside the source folder" in (detail or "")
        assert "follow_symlinks" in (detail or "")
    assert outcomes["inside-link.txt"][0] == "duplicate"  # read, and recognised as the file it points at
    passwd = Path("/etc/passwd").read_bytes()
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        stored = [bytes(r[0]) for r in con.execute("SELECT content FROM raw.documents").fetchall()]
        staged = con.execute("SELECT count(*) FROM staging.articles").fetchone()[0]
    assert passwd not in stored
    assert (seed_project / "elsewhere" / SEED_3).read_bytes() not in stored
    assert staged == 4


def test_a_source_that_opts_in_follows_links_out_of_its_folder(seed_project: Path) -> None:
    settings = _project_with_links(seed_project, follow=True)
    outcomes = outcomes_by_item(settings)
    assert outcomes["outside-article.txt"][0] == "staged"
    assert outcomes["passwd.txt"][0] == "off_topic"


def test_read_capped_checks_the_resolved_path_against_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (folder / "sub" / "ok.txt").write_text("fine", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", folder / "link.txt")
    os.symlink(folder / "sub" / "ok.txt", folder / "inner.txt")
    os.symlink(tmp_path, folder / "sub" / "up")  # a directory link used as a path component
    confine = os.path.realpath(folder)
    assert read_capped(str(folder / "link.txt"), 100, confine_to=confine).data is None
    assert read_capped(str(folder / "sub" / "up" / "secret.txt"), 100, confine_to=confine).data is None
    assert read_capped(str(folder / "inner.txt"), 100, confine_to=confine).data == b"fine"
    # A prefix of the folder's name is not the folder.
    (tmp_path / "folder-other").mkdir()
    (tmp_path / "folder-other" / "x.txt").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "folder-other" / "x.txt", folder / "prefix.txt")
    assert read_capped(str(folder / "prefix.txt"), 100, confine_to=confine).data is None
    assert read_capped(str(folder / "link.txt"), 100).data == b"secret"  # without confinement
