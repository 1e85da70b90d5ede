"""The report in a real browser: headless Chromium opens it from file://, with the network cut off.

It must draw every chart (plotly builds its SVG), make no http(s) request, log no error, run no
injected script, and show a red banner for a blocked run. Screenshots land in tmp_path, and also in
``$PRESSWATCH_SCREENSHOT_DIR`` when set. Chromium is Debian's (``make browser`` installs it); a
missing browser fails these tests rather than skipping them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from reporting.charts import MAX_HEATMAP_OUTLETS, MAX_STACKED_OUTLETS
from tests.test_report import HOSTILE_OUTLET, Reported, build_reported_project, query, scalar

pytestmark = [pytest.mark.flow, pytest.mark.browser]

CHROMIUM = Path(os.environ.get("PRESSWATCH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}

# Per chart container: what plotly drew (run in the page after it rendered).
CHART_STATE = """
() => Array.from(document.querySelectorAll('[data-figure]')).map(el => ({
  id: el.id,
  plotted: el.classList.contains('js-plotly-plot'),
  svgs: el.querySelectorAll('svg.main-svg').length,
  traces: (el.data || []).length,
  types: (el.data || []).map(t => t.type),
  bars: el.querySelectorAll('g.barlayer g.point path').length,
  heatmapImages: el.querySelectorAll('g.hm image').length,
  z: (el.data || []).filter(t => t.type === 'heatmap').map(t => [t.z.length, t.z[0] ? t.z[0].length : 0]),
  legend: Array.from(el.querySelectorAll('.legendtext')).map(n => n.textContent),
}))
"""
ALL_PLOTTED = """
() => {
  const charts = Array.from(document.querySelectorAll('[data-figure]'));
  return charts.every(el => el.classList.contains('js-plotly-plot') && el.querySelector('svg.main-svg'));
}
"""
EXTERNAL_REFERENCES = """
() => Array.from(document.querySelectorAll('[src], [href], [action], [srcset], [poster]'))
  .flatMap(el => ['src', 'href', 'action', 'srcset', 'poster'].map(a => el.getAttribute(a)))
  .filter(v => v && /^\\s*(https?:)?\\/\\//i.test(v))
"""


@dataclass
class Visit:
    """What happened while a page was open."""

    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` to install Debian's chromium for these tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def reported(prefect_harness: None, tmp_path_factory: pytest.TempPathFactory) -> Reported:
    return build_reported_project(tmp_path_factory.mktemp("browser"))


def _open(browser: object, report: Path) -> tuple[object, object, Visit]:
    """Open ``report`` from file:// with every http(s) request recorded and aborted; wait for the charts."""
    visit = Visit()
    context = browser.new_context(viewport=VIEWPORT)

    def route(route: object) -> None:
        url = route.request.url
        if url.lower().startswith(("http://", "https://")):
            visit.blocked.append(url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", route)
    page = context.new_page()
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and visit.errors.append(message.text))
    page.on("pageerror", lambda error: visit.errors.append(f"page error: {error}"))

    def dialog(d: object) -> None:
        visit.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(report.as_uri(), wait_until="load")
    page.wait_for_function(ALL_PLOTTED, timeout=30_000)
    return context, page, visit


def _screenshot(page: object, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    target = os.environ.get("PRESSWATCH_SCREENSHOT_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, Path(target) / name)
    return path


def _assert_clean(page: object, visit: Visit) -> None:
    external = [u for u in visit.requests if not u.startswith(("file:", "data:", "blob:"))]
    assert visit.blocked == [] and external == [], (visit.blocked, external)
    assert visit.errors == []
    assert visit.dialogs == []
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate(EXTERNAL_REFERENCES) == []


def test_the_published_report_draws_every_chart_offline(
    browser: object, reported: Reported, tmp_path: Path
) -> None:
    w = reported.warehouse
    context, page, visit = _open(browser, reported.published_report)
    try:
        charts = {c["id"]: c for c in page.evaluate(CHART_STATE)}
        assert set(charts) == {"chart-daily", "chart-topics", "chart-entities"}
        assert all(c["plotted"] and c["svgs"] >= 1 for c in charts.values()), charts

        outlets = scalar(w, "SELECT count(DISTINCT source_label) FROM marts.coverage_daily")
        bars = scalar(
            w, "SELECT count(*) FROM (SELECT DISTINCT coalesce(CAST(published_date AS VARCHAR), 'undated'), "
               "source_label FROM marts.coverage_daily WHERE articles > 0)"
        )  # fmt: skip
        assert outlets <= MAX_STACKED_OUTLETS  # otherwise the smallest are merged into one trace
        daily = charts["chart-daily"]
        assert daily["types"] == ["bar"] * outlets and daily["bars"] == bars
        # The hostile outlet's name is drawn as literal text in the legend, not as markup.
        assert any(text.startswith(HOSTILE_OUTLET[:30]) for text in daily["legend"]), daily["legend"]

        topics, labels = query(
            w, "SELECT count(DISTINCT topic_id), count(DISTINCT source_label) FROM marts.topic_coverage"
        )[0]
        heat = charts["chart-topics"]
        assert heat["types"] == ["heatmap"] and heat["heatmapImages"] == 1
        assert heat["z"] == [[topics, min(labels, MAX_HEATMAP_OUTLETS)]]

        entities = scalar(w, "SELECT least(count(*), 15) FROM marts.entities WHERE articles > 0")
        assert charts["chart-entities"]["types"] == ["bar"] and charts["chart-entities"]["bars"] == entities

        # Interactive: hovering a bar shows its tooltip with the entity's spellings.
        # Plotly's drag layer sits above the bars, so move the mouse rather than hover the element.
        first_bar = page.locator("#chart-entities g.barlayer g.point path").first
        first_bar.scroll_into_view_if_needed()
        bar = first_bar.bounding_box()
        page.mouse.move(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)
        tooltip = page.wait_for_selector("#chart-entities .hoverlayer .hovertext", timeout=5_000)
        top_name = scalar(
            w, "SELECT name FROM marts.entities ORDER BY articles DESC, mentions DESC, name LIMIT 1"
        )
        assert top_name in tooltip.text_content() and "spellings:" in tooltip.text_content()

        _assert_clean(page, visit)
        assert page.locator("#quality-banner.pass").is_visible()
        _screenshot(page, tmp_path, "report-published.png")
    finally:
        context.close()


def test_a_blocked_run_shows_a_red_failure_banner_above_the_previous_publication(
    browser: object, reported: Reported, tmp_path: Path
) -> None:
    context, page, visit = _open(browser, reported.blocked_report)
    try:
        banner = page.locator("#quality-banner")
        assert banner.is_visible()
        box = banner.bounding_box()
        assert box is not None and box["height"] > 40 and box["width"] > VIEWPORT["width"] / 2
        assert box["y"] + box["height"] <= VIEWPORT["height"]  # seen without scrolling
        text = banner.inner_text()
        assert "Quality gate FAILED" in text and "nothing from this run was published" in text
        assert f"run {reported.published_run}" in text
        red, green, blue = page.evaluate(
            "() => getComputedStyle(document.getElementById('quality-banner')).backgroundColor"
            ".match(/\\d+/g).slice(0, 3).map(Number)"
        )
        assert red > 150 and green < 80 and blue < 80, (red, green, blue)
        # The previous publication's charts are still drawn below the banner.
        assert len(page.evaluate(CHART_STATE)) == 3
        assert page.locator("#failed-expectations").is_visible()
        _assert_clean(page, visit)
        _screenshot(page, tmp_path, "report-blocked.png")
    finally:
        context.close()
