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
        ("[[source]]\nid='Bad Id'\npath='.'", "[[source]] #1 id: expected lower-case letters"),
        (
            "[[source]]\nid='a'\nkind='ftp'\npath='.'",
            'kind: expected one of "feed", "feed_file", "local", "urls", found "ftp"',
        ),
        ("[[source]]\nid='a'", "[[source]] #1 ('a'): missing key 'path' (expected a folder"),
        ("[[source]]\nid='a'\npath='.'\ncolour='red'", "[[source]] #1 ('a') colour: unknown key"),
        ("[[source]]\nid='a'\npath='.'\n[[source]]\nid='a'\npath='.'", 'id: expected a unique id, found "a"'),
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
        (
            "[[source]]\nid='w'\nkind='feed'\nurl='file:///etc/passwd'",
            "url: expected an absolute http(s) URL",
        ),
        ("[[source]]\nid='w'\nkind='feed'", "missing key 'url' (expected an absolute http(s) URL"),
        ("[[source]]\nid='w'\nkind='urls'\nurls=[]", "urls: expected a non-empty array of URLs"),
        ("[[source]]\nid='w'\nkind='urls'\nurls=['ftp://x/y']", "urls[0]"),
        ("[[source]]\nid='w'\nkind='feed'\nurl='https://x.example/f'\npath='.'", "path: unknown key"),
        ("[fetch]\nspeed=1\n[[source]]\nid='a'\npath='.'", "[fetch] speed: unknown key"),
        (
            "[fetch]\nhost_delay=true\n[[source]]\nid='a'\npath='.'",
            "[fetch] host_delay: expected a number >= 0, found true",
        ),
        ("[fetch]\nallow_private_networks=['x']\n[[source]]\nid='a'\npath='.'", "allow_private_networks"),
    ],
)
def test_invalid_web_entries_name_the_problem(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(SourcesError) as caught:
        load_config(path)
    assert message in str(caught.value)


# --- configuration errors: every problem found at once, named by file, table and key ------------------

_LOCAL = "[[source]]\nid = 'a'\npath = '.'\n"


def _sources_error(tmp_path: Path, body: str) -> str:
    """The message of the SourcesError that loading ``body`` as a sources file raises."""
    path = tmp_path / "sources.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(SourcesError) as caught:
        load_config(path)
    return str(caught.value)


@pytest.mark.parametrize(
    ("fetch", "message"),
    [
        ("max_attempts = 0", "[fetch] max_attempts: expected an integer >= 1, found 0"),
        ("connect_timeout = -1", "[fetch] connect_timeout: expected a number > 0, found -1"),
        ("host_failure_limit = -1", "[fetch] host_failure_limit: expected an integer >= 0, found -1"),
        ("max_bytes = 0", "[fetch] max_bytes: expected an integer >= 1, found 0"),
        ("read_timeout = 0", "[fetch] read_timeout: expected a number > 0, found 0"),
        ("total_deadline = 0.0", "[fetch] total_deadline: expected a number > 0, found 0.0"),
        ("connect_timeout = nan", "[fetch] connect_timeout: expected a finite number > 0, found nan"),
        ("read_timeout = inf", "[fetch] read_timeout: expected a finite number > 0, found inf"),
        ("max_redirects = -1", "[fetch] max_redirects: expected an integer >= 0, found -1"),
        ("backoff_base = -2", "[fetch] backoff_base: expected a number >= 0, found -2"),
        ("backoff_jitter = 1.5", "[fetch] backoff_jitter: expected a number between 0 and 1, found 1.5"),
        ("retry_after_cap = -1", "[fetch] retry_after_cap: expected a number >= 0, found -1"),
        ("host_delay = -0.5", "[fetch] host_delay: expected a number >= 0, found -0.5"),
        ("host_concurrency = 0", "[fetch] host_concurrency: expected an integer >= 1, found 0"),
        ("max_attempts = 2.5", "[fetch] max_attempts: expected an integer >= 1, found 2.5 (a float)"),
        ("verify_tls = 'no'", '[fetch] verify_tls: expected true or false, found "no" (a string)'),
        (
            "allow_private_networks = [5]",
            '[fetch] allow_private_networks[0]: expected a network as a string (e.g. "127.0.0.0/8"), '
            "found 5 (an integer)",
        ),
        (
            "allow_private_networks = ['10.0.0.0/33']",
            '[fetch] allow_private_networks[0]: expected a network as a string (e.g. "127.0.0.0/8"), '
            'found "10.0.0.0/33"',
        ),
        (
            "allow_private_networks = '127.0.0.0/8'",
            '[fetch] allow_private_networks: expected an array of strings, found "127.0.0.0/8" (a string)',
        ),
        ('user_agent = "bot/1.0\\r\\nX-Evil: 1"', "[fetch] user_agent: expected printable ASCII text"),
        ('user_agent = "bot/1.0\\r\\nX-Evil: 1"', 'found "bot/1.0\\r\\nX-Evil: 1"'),
        ('user_agent = "b\\u00f6t/1.0"', "[fetch] user_agent: expected printable ASCII text"),
        ('user_agent = ""', "[fetch] user_agent: expected printable ASCII text"),
    ],
)
def test_out_of_range_and_wrong_fetch_values_are_configuration_errors(
    tmp_path: Path, fetch: str, message: str
) -> None:
    assert message in _sources_error(tmp_path, f"[fetch]\n{fetch}\n{_LOCAL}")


def test_every_fetch_policy_field_can_be_set_and_nothing_else(tmp_path: Path) -> None:
    from dataclasses import fields

    from sources.config import FETCH_KEYS
    from web.policy import FetchPolicy

    assert set(FETCH_KEYS) == {f.name for f in fields(FetchPolicy)}
    (tmp_path / "sources.toml").write_text(f"[fetch]\nbackoff_jitter = 0.2\n{_LOCAL}", encoding="utf-8")
    assert load_config(tmp_path / "sources.toml").fetch == {"backoff_jitter": 0.2}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            f"[fetch]\nuser_agnet = 'x'\n{_LOCAL}",
            "[fetch] user_agnet: unknown key, did you mean 'user_agent'?",
        ),
        (
            f"[fetch]\nmax_attempt = 2\n{_LOCAL}",
            "[fetch] max_attempt: unknown key, did you mean 'max_attempts'?",
        ),
        (
            f"{_LOCAL}pattern = ['*.txt']\n",
            "[[source]] #1 ('a') pattern: unknown key, did you mean 'patterns'?",
        ),
        (
            "[[source]]\nid = 'w'\nkind = 'feed'\nURL = 'https://news.example/feed'\n",
            "[[source]] #1 ('w') URL: unknown key, did you mean 'url'?",
        ),
        ("[[sources]]\nid = 'a'\npath = '.'\n", "[[sources]]: unknown table, did you mean [[source]]?"),
        (f"[fecth]\nhost_delay = 2\n{_LOCAL}", "[fecth]: unknown table, did you mean [fetch]?"),
        (f"colour = 'red'\n{_LOCAL}", "colour: unknown key (expected one of: [[source]], [fetch])"),
    ],
)
def test_unknown_keys_anywhere_are_errors_with_a_suggestion(tmp_path: Path, body: str, message: str) -> None:
    assert message in _sources_error(tmp_path, body)


def test_every_fetch_setting_is_checked(tmp_path: Path) -> None:
    """A new FetchPolicy field is checked the day it is added: no [fetch] key takes any value it is given."""
    import typing
    from dataclasses import fields

    from web.policy import FetchPolicy

    hints = typing.get_type_hints(FetchPolicy)
    for policy_field in fields(FetchPolicy):
        bad = {bool: "'maybe'", int: "-1", float: "-1.0"}.get(hints[policy_field.name], "5")
        message = _sources_error(tmp_path, f"[fetch]\n{policy_field.name} = {bad}\n{_LOCAL}")
        assert f"[fetch] {policy_field.name}: expected" in message, message


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1",  # urlsplit raises on it
        "http://news.example:99999/feed",  # port out of range
        "http://news.example:0/feed",
        "http://exa mple.com/feed",
        "http://news.example/a\\nb",  # urlsplit silently drops the newline
        "https://exa%mple.com/feed",
        "https://news..example/feed",
        " ",
    ],
)
def test_invalid_urls_are_configuration_errors(tmp_path: Path, url: str) -> None:
    feed = _sources_error(tmp_path, f'[[source]]\nid = "w"\nkind = "feed"\nurl = "{url}"\n')
    assert "[[source]] #1 ('w') url: expected an absolute http(s) URL with a host" in feed
    listed = _sources_error(
        tmp_path, f'[[source]]\nid = "l"\nkind = "urls"\nurls = ["https://ok.example/", "{url}"]\n'
    )
    assert "[[source]] #1 ('l') urls[1]: expected an absolute http(s) URL with a host" in listed


def test_valid_urls_of_every_shape_are_accepted(tmp_path: Path) -> None:
    urls = [
        "https://news.example/2026/01/05/story.html?id=3#top",
        "HTTP://NEWS.EXAMPLE:8080/x",
        "http://127.0.0.1:8765/feed.xml",
        "http://[::1]:8765/feed.xml",
        "https://bücher.example/artikel",
        "https://news.example./x",
    ]
    listed = ", ".join(f'"{u}"' for u in urls)
    (tmp_path / "sources.toml").write_text(f"[[source]]\nid = 'l'\nkind = 'urls'\nurls = [{listed}]\n")
    (source,) = load_sources(tmp_path / "sources.toml")
    assert source.urls == tuple(urls)


def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_bytes(b"\xef\xbb\xbf" + _LOCAL.encode("utf-8"))
    assert [s.id for s in load_sources(path)] == ["a"]


def test_all_errors_of_a_file_are_reported_together_each_naming_the_file(tmp_path: Path) -> None:
    body = (
        "[fetch]\nmax_attempts = 0\nuser_agnet = 'x'\n"
        "[[source]]\nid = 'a'\npath = '.'\nrecursive = 'yes'\n"
        "[[source]]\nid = 'B'\nkind = 'feed'\nurl = 'ftp://x.example/f'\n"
        "[[source]]\nid = 'a'\nkind = 'carrier-pigeon'\n"
    )
    message = _sources_error(tmp_path, body)
    lines = message.splitlines()
    assert len(lines) == 7, message
    assert all(line.startswith(f"{tmp_path / 'sources.toml'}: ") for line in lines), message
    for part in (
        "[fetch] max_attempts: expected an integer >= 1, found 0",
        "[fetch] user_agnet: unknown key, did you mean 'user_agent'?",
        "[[source]] #1 ('a') recursive: expected true or false, found \"yes\" (a string)",
        "[[source]] #2 id: expected lower-case letters, digits, '.', '_' or '-'",
        '[[source]] #2 url: expected an absolute http(s) URL with a host, found "ftp://x.example/f"',
        "[[source]] #3 ('a') id: expected a unique id, found \"a\" (also [[source]] #1)",
        '[[source]] #3 (\'a\') kind: expected one of "feed", "feed_file", "local", "urls", '
        'found "carrier-pigeon"',
    ):
        assert part in message, (part, message)
