"""Property-based fuzzing of every loader and extractor (hypothesis; ``make fuzz`` runs the long version).

Each target takes hostile input (tests/fuzzing.py builds it) and must not let an exception escape;
its outputs must stay well-formed: offsets inside the text, the text at an offset what the record says,
ids stable, values of the declared kind. Inputs that ever broke a target are replayed from
tests/fuzz_regressions/ on every run.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.process import CANDIDATE, ItemResult, PayloadJob, process_payload
from tests.conftest import SEEDS_DIR
from tests.fuzzing import (
    article_bytes,
    article_text,
    check_analysis,
    feed_bytes,
    profile_text,
    regression_inputs,
)
from transforms.analysis.enrichment import analyse_article
from transforms.extraction.boilerplate import clean_text, strip_furniture
from transforms.profile import EventProfile, ProfileError, parse_event_profile
from warehouse.outcomes import ItemOutcome
from web.feeds import parse_feed

BASE_PROFILE = (SEEDS_DIR / "event.toml").read_text(encoding="utf-8")
_OUTCOMES = {CANDIDATE, *(o.value for o in ItemOutcome)}


@pytest.fixture(scope="module")
def visit() -> EventProfile:
    return parse_event_profile(BASE_PROFILE)


def _job(name: str, data: bytes) -> PayloadJob:
    loaded = datetime(2026, 1, 6, tzinfo=UTC)
    return PayloadJob("fuzz", f"/in/{name}", "0" * 16, None, None, data, "fuzz-run", loaded)


def _check_payload(name: str, data: bytes, profile: EventProfile) -> list[ItemResult]:
    first = process_payload(_job(name, data), profile)
    again = process_payload(_job(name, data), profile)
    assert [(r.item, r.outcome, r.article_id) for r in first] == [
        (r.item, r.outcome, r.article_id) for r in again
    ]
    for result in first:
        assert result.outcome in _OUTCOMES
        assert result.item.startswith(f"/in/{name}")
        if result.outcome == CANDIDATE:
            assert result.article is not None and result.article_id == result.article["article_id"]
            text = str(result.article["text"])
            assert text.strip() and "\x00" not in text
            text.encode("utf-8")  # no lone surrogates: DuckDB would refuse the row
        else:
            assert result.article is None
    return first


@given(article_bytes())
def test_loaders_never_raise_and_give_well_formed_items(
    visit: EventProfile, named: tuple[str, bytes]
) -> None:
    _check_payload(*named, visit)


@given(article_text(), st.one_of(st.none(), st.dates(date(2025, 1, 1), date(2027, 12, 31))))
def test_analysis_of_any_text_stays_inside_the_text(
    visit: EventProfile, text: str, published: date | None
) -> None:
    check_analysis(text, analyse_article(text, visit, published), visit)


def _check_cleaning(paragraphs: list[str], title: str | None) -> None:
    cleaned = clean_text("\n\n".join(paragraphs))
    stripped = strip_furniture(paragraphs, title)
    for result in (cleaned, stripped):
        assert isinstance(result.text, str) and result.text == result.text.strip()
        assert all(count > 0 for count in result.removed.values())
    assert clean_text(cleaned.text).text == cleaned.text  # cleaning what is clean changes nothing


@given(st.lists(article_text(), max_size=12), st.one_of(st.none(), st.text(max_size=40)))
def test_text_cleaning_never_raises_and_keeps_text(paragraphs: list[str], title: str | None) -> None:
    _check_cleaning(paragraphs, title)


@given(feed_bytes(), st.sampled_from([None, "application/rss+xml", "text/html; charset=latin-1", "text/xml"]))
def test_feed_parsing_never_raises(body: bytes, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    result = parse_feed(body, headers, "http://127.0.0.1/feed.xml", timeout=10.0)
    assert result.is_feed == bool(result.kind)
    for entry in result.entries:
        assert entry.link is None or entry.link.startswith(("http://", "https://"))


@given(st.data())
def test_profile_parser_raises_only_profile_errors(data: st.DataObject) -> None:
    text = data.draw(profile_text(BASE_PROFILE))
    try:
        profile = parse_event_profile(text, "fuzz.toml")
    except ProfileError as error:
        assert str(error).startswith("fuzz.toml") or "fuzz.toml" in str(error)
        return
    assert profile.id and profile.window_start <= profile.window_end
    check_analysis("Lee Jae Myung met Xi Jinping in Beijing on January 5.", analyse_article(
        "Lee Jae Myung met Xi Jinping in Beijing on January 5.", profile, None), profile)  # fmt: skip


REGRESSIONS = [
    (target, path) for target in ("payloads", "texts", "cleaning") for path in regression_inputs(target)
]


@pytest.mark.parametrize(("target", "stored"), REGRESSIONS, ids=lambda v: v if isinstance(v, str) else v.name)
def test_inputs_that_once_broke_a_target(visit: EventProfile, target: str, stored: Path) -> None:
    """Payloads replay through the loaders (file name = item name, suffix = format), texts through the
    per-article analysis, cleaning inputs through the cleaning properties."""
    if target == "payloads":
        results = _check_payload(stored.name, stored.read_bytes(), visit)
        if stored.name.startswith("article-"):  # a good article that was once lost: it must come through
            assert [r.outcome for r in results] == [CANDIDATE], [(r.outcome, r.detail) for r in results]
    elif target == "cleaning":
        _check_cleaning([stored.read_text(encoding="utf-8")], None)
    else:
        text = stored.read_bytes().decode("utf-8", "surrogatepass")
        check_analysis(text, analyse_article(text, visit, date(2026, 1, 6)), visit)
