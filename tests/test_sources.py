"""sources.toml parsing and local file discovery/reading."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sources.config import (
    FeedFileSource,
    FeedSource,
    LocalSource,
    SourcesError,
    UrlListSource,
    load_config,
    load_sources,
)
from sources.local_files import discover_files, read_capped
from tests.conftest import SEEDS_DIR


def test_bundled_sources_point_at_the_seed_folder() -> None:
    sources = load_sources(SEEDS_DIR / "sources.toml")
    assert [s.id for s in sources] == ["seed-articles"]
    files, error = discover_files(sources[0])
    assert error is None
    assert sorted(Path(f.path).name for f in files) == sorted(p.name for p in SEEDS_DIR.glob("*.txt"))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "no [[source]] entries"),
        ("[[source]]\nid='Bad Id'\npath='.'", "'id' must be lower-case"),
        ("[[source]]\nid='a'\nkind='ftp'\npath='.'", "kind 'ftp'"),
        ("[[source]]\nid='a'", "'path' (a folder) is required"),
        ("[[source]]\nid='a'\npath='.'\ncolour='red'", "unknown keys ['colour']"),
        ("[[source]]\nid='a'\npath='.'\n[[source]]\nid='a'\npath='.'", "duplicate source ids ['a']"),
        ("[[source]\n", "not valid TOML"),
    ],
)
def test_invalid_sources_name_the_problem(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(SourcesError) as caught:
        load_sources(path)
    assert message in str(caught.value)


def test_missing_sources_file_is_a_sources_error(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match="cannot read sources file"):
        load_sources(tmp_path / "absent.toml")


def test_relative_paths_resolve_against_the_sources_file(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "sources.toml").write_text("[[source]]\nid='a'\npath='articles'\noutlet='Daily'\n")
    (source,) = load_sources(tmp_path / "sources.toml")
    assert source.path == (tmp_path / "articles").resolve()
    assert source.outlet == "Daily"


def test_missing_folder_is_reported_not_raised(tmp_path: Path) -> None:
    files, error = discover_files(LocalSource(id="a", path=tmp_path / "nope"))
    assert files == []
    assert "does not exist" in (error or "")


def test_read_capped_reports_size_and_unreadable_paths(tmp_path: Path) -> None:
    small = tmp_path / "small.txt"
    small.write_bytes(b"x" * 10)
    assert read_capped(str(small), 10).data == b"x" * 10
    assert (read_capped(str(small), 9).error or "").startswith("too large: 10 bytes")
    assert (read_capped(str(tmp_path / "missing.txt"), 10).error or "").startswith("unreadable:")
    os.symlink(tmp_path / "nowhere", tmp_path / "dangling.txt")
    assert (read_capped(str(tmp_path / "dangling.txt"), 10).error or "").startswith("unreadable:")
    assert read_capped(str(tmp_path), 10).error == "unreadable: not a regular file"
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert read_capped(str(fifo), 10).error == "unreadable: not a regular file"


def test_web_kinds_and_fetch_settings_parse(tmp_path: Path) -> None:
    (tmp_path / "sources.toml").write_text(
        """
[fetch]
user_agent = "newsroom-bot/1.0"
host_delay = 2
host_failure_limit = 2
allow_private_networks = ["10.1.2.0/24"]

[[source]]
id = "wire"
kind = "feed"
url = "https://news.example/feed.xml"
outlet = "Example Wire"

[[source]]
id = "saved"
kind = "feed_file"
path = "saved/feed.xml"

[[source]]
id = "picks"
kind = "urls"
urls = ["https://a.example/story.html", "http://b.example/x"]
""",
        encoding="utf-8",
    )
    config = load_config(tmp_path / "sources.toml")
    wire, saved, picks = config.sources
    assert wire == FeedSource("wire", "https://news.example/feed.xml", "Example Wire")
    assert saved == FeedFileSource("saved", (tmp_path / "saved" / "feed.xml").resolve(), None)
    assert picks == UrlListSource("picks", ("https://a.example/story.html", "http://b.example/x"), None)
    assert config.fetch == {
        "user_agent": "newsroom-bot/1.0",
        "host_delay": 2,
        "host_failure_limit": 2,
        "allow_private_networks": ("10.1.2.0/24",),
    }
    assert config.needs_network


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[[source]]\nid='w'\nkind='feed'\nurl='file:///etc/passwd'", "is not an http(s) URL"),
        ("[[source]]\nid='w'\nkind='feed'", "a URL string is required"),
        ("[[source]]\nid='w'\nkind='urls'\nurls=[]", "'urls' must be a non-empty list"),
        ("[[source]]\nid='w'\nkind='urls'\nurls=['ftp://x/y']", "urls[0]"),
        ("[[source]]\nid='w'\nkind='feed'\nurl='https://x.example/f'\npath='.'", "unknown keys ['path']"),
        ("[fetch]\nspeed=1\n[[source]]\nid='a'\npath='.'", "[fetch]: unknown key 'speed'"),
        ("[fetch]\nhost_delay=true\n[[source]]\nid='a'\npath='.'", "[fetch].host_delay: wrong type bool"),
        ("[fetch]\nallow_private_networks=['x']\n[[source]]\nid='a'\npath='.'", "allow_private_networks"),
    ],
)
def test_invalid_web_entries_name_the_problem(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(SourcesError) as caught:
        load_config(path)
    assert message in str(caught.value)
