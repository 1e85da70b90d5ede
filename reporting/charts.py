"""The report's charts: DataFrames from :mod:`warehouse.report_queries` in, plotly figures out.

Pure functions, no I/O. Each returns None when there is nothing to draw. Every label comes from
article text, which is untrusted: plotly reads a few HTML-like tags inside labels (``<b>``, ``<a>``,
``<br>``), so labels are entity-escaped (plotly turns ``&lt;`` back into a literal ``<`` when it
draws). Axes use positions with separate tick text, so two labels cut to the same prefix never merge.
"""

from __future__ import annotations

import html
from datetime import date, timedelta
from typing import Any

import pandas as pd
import plotly.graph_objects as go

__all__ = [
    "MAX_HEATMAP_OUTLETS",
    "MAX_STACKED_OUTLETS",
    "OTHER_OUTLETS",
    "UNDATED",
    "coverage_daily_figure",
    "plain",
    "top_entities_figure",
    "topic_heatmap_figure",
]

UNDATED = "undated"
OTHER_OUTLETS = "other outlets"
MAX_STACKED_OUTLETS = 12  # more stacked colours than this cannot be told apart
MAX_HEATMAP_OUTLETS = 40
_MAX_FILLED_DAYS = 120  # show empty days between the first and last only on a readable span
_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


def plain(text: object) -> str:
    """``text`` safe for a plotly label: its markup characters shown literally, never interpreted."""
    return html.escape("" if text is None else str(text), quote=False)


def _short(text: object, limit: int) -> str:
    value = "" if text is None else str(text)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _layout(height: int, **extra: object) -> dict[str, object]:
    layout: dict[str, object] = {
        "template": "plotly_white",
        "height": height,
        "autosize": True,
        "margin": {"l": 60, "r": 20, "t": 20, "b": 60},
        "font": {"family": _FONT, "size": 12},
        "hoverlabel": {"align": "left"},
    }
    layout.update(extra)
    return layout


def _count_axis(title: str, largest: int) -> dict[str, object]:
    """An axis of whole counts: one tick per unit while counts are small (no 0.5 ticks)."""
    axis: dict[str, object] = {"title": title, "rangemode": "tozero", "tickformat": ",d"}
    if largest <= 10:
        axis["dtick"] = 1
    return axis


def _day_order(days: list[str]) -> list[str]:
    """Dated days in order, with the empty days between them on a short span, then 'undated'."""
    dated = sorted({d for d in days if d != UNDATED})
    try:
        first, last = date.fromisoformat(dated[0]), date.fromisoformat(dated[-1])
    except (IndexError, ValueError):
        ordered = dated
    else:
        span = (last - first).days
        ordered = (
            [(first + timedelta(days=i)).isoformat() for i in range(span + 1)]
            if span <= _MAX_FILLED_DAYS
            else dated
        )
    return ordered + ([UNDATED] if UNDATED in days else [])


def coverage_daily_figure(daily: pd.DataFrame, max_outlets: int = MAX_STACKED_OUTLETS) -> go.Figure | None:
    """Stacked bars: articles per publication day, one colour per outlet (undated articles last).

    Outlets beyond the ``max_outlets`` largest are summed into one "other outlets" trace.
    """
    if daily.empty:
        return None
    cells: dict[tuple[str, str], int] = {}
    totals: dict[str, int] = {}
    for row in daily.itertuples(index=False):
        label, day, count = str(row.source_label), row.day or UNDATED, int(row.articles or 0)
        totals[label] = totals.get(label, 0) + count
        cells[(label, day)] = cells.get((label, day), 0) + count
    ranked = sorted(totals, key=lambda label: (-totals[label], label))
    shown = set(ranked[:max_outlets]) if len(ranked) > max_outlets else set(ranked)
    series: dict[str, dict[str, int]] = {}
    for (label, day), count in cells.items():
        key = label if label in shown else OTHER_OUTLETS
        series.setdefault(key, {})
        series[key][day] = series[key].get(day, 0) + count
    order = _day_order([day for _, day in cells])
    tallest = max(sum(s.get(d, 0) for s in series.values()) for d in order)
    figure = go.Figure()
    for label in [*[x for x in ranked if x in shown], *([OTHER_OUTLETS] if OTHER_OUTLETS in series else [])]:
        days = [d for d in order if series[label].get(d)]
        figure.add_trace(
            go.Bar(
                name=plain(_short(label, 40)),
                x=days,
                y=[series[label][d] for d in days],
                customdata=[plain(label)] * len(days),
                hovertemplate="<b>%{customdata}</b><br>%{x}: %{y} article(s)<extra></extra>",
            )
        )
    figure.update_layout(
        **_layout(
            400,
            barmode="stack",
            xaxis={"type": "category", "categoryorder": "array", "categoryarray": order, "title": "day"},
            yaxis=_count_axis("articles", tallest),
            legend={"title": {"text": "outlet"}},
        )
    )
    return figure


def topic_heatmap_figure(topics: pd.DataFrame, max_outlets: int = MAX_HEATMAP_OUTLETS) -> go.Figure | None:
    """Heatmap: share of each outlet's articles covering each topic (most covered topics on top)."""
    if topics.empty:
        return None
    labels: dict[str, str] = {}
    totals: dict[str, int] = {}
    covering: dict[str, int] = {}
    cells: dict[tuple[str, str], tuple[float, int, int]] = {}
    for row in topics.itertuples(index=False):
        topic, outlet = str(row.topic_id), str(row.source_label)
        labels.setdefault(topic, str(row.topic_label or topic))
        totals[outlet] = max(totals.get(outlet, 0), int(row.articles_total or 0))
        covering[topic] = covering.get(topic, 0) + int(row.articles_covering or 0)
        cells[(topic, outlet)] = (
            float(row.share_of_articles or 0.0),
            int(row.articles_covering or 0),
            int(row.articles_total or 0),
        )
    outlets = sorted(totals, key=lambda o: (-totals[o], o))[:max_outlets]
    topic_ids = sorted(labels, key=lambda t: (-covering[t], labels[t]))
    z, text, custom = [], [], []
    for topic in topic_ids:
        z_row, text_row, custom_row = [], [], []
        for outlet in outlets:
            share, hits, total = cells.get((topic, outlet), (None, 0, 0))
            z_row.append(share)
            text_row.append(f"{hits}/{total}" if share is not None else "")
            custom_row.append([plain(labels[topic]), plain(outlet), hits, total])
        z.append(z_row)
        text.append(text_row)
        custom.append(custom_row)
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=list(range(len(outlets))),
            y=list(range(len(topic_ids))),
            text=text,
            texttemplate="%{text}" if len(outlets) * len(topic_ids) <= 400 else None,
            customdata=custom,
            colorscale="Blues",
            zmin=0,
            zmax=1,
            xgap=1,
            ygap=1,
            colorbar={"title": {"text": "share"}, "tickformat": ".0%"},
            hovertemplate=(
                "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>"
                "%{customdata[2]} of %{customdata[3]} article(s) (%{z:.0%})<extra></extra>"
            ),
        )
    )
    figure.update_layout(
        **_layout(
            max(260, 40 + 32 * len(topic_ids)) + 140,
            margin={"l": 260, "r": 20, "t": 20, "b": 160},
            xaxis={
                "tickmode": "array",
                "tickvals": list(range(len(outlets))),
                "ticktext": [plain(_short(o, 32)) for o in outlets],
                "tickangle": -35,
                "showgrid": False,
            },
            yaxis={
                "tickmode": "array",
                "tickvals": list(range(len(topic_ids))),
                "ticktext": [plain(_short(labels[t], 40)) for t in topic_ids],
                "autorange": "reversed",
                "showgrid": False,
            },
        )
    )
    return figure


def _entity_hover(row: Any) -> list[object]:  # a row of DataFrame.itertuples()
    variants = ", ".join(str(v) for v in (row.variants_seen or []))
    return [plain(row.name), plain(row.kind), int(row.mentions or 0), int(row.sources or 0), plain(variants)]


def top_entities_figure(entities: pd.DataFrame) -> go.Figure | None:
    """Horizontal bars: articles mentioning each entity, largest on top, mentions and spellings on hover."""
    if entities.empty:
        return None
    rows = list(entities.itertuples(index=False))
    positions = list(range(len(rows)))
    figure = go.Figure(
        go.Bar(
            orientation="h",
            name="articles",
            x=[int(r.articles or 0) for r in rows],
            y=positions,
            text=[f"{int(r.mentions or 0):,} mentions" for r in rows],
            textposition="auto",
            customdata=[_entity_hover(r) for r in rows],
            hovertemplate=(
                "<b>%{customdata[0]}</b> (%{customdata[1]})<br>%{x} article(s), %{customdata[2]} mention(s), "
                "%{customdata[3]} source(s)<br>spellings: %{customdata[4]}<extra></extra>"
            ),
            marker={"color": "#3b6ea5"},
        )
    )
    figure.update_layout(
        **_layout(
            60 + 28 * len(rows),
            margin={"l": 200, "r": 20, "t": 10, "b": 40},
            xaxis=_count_axis("articles mentioning", max(int(r.articles or 0) for r in rows)),
            yaxis={
                "tickmode": "array",
                "tickvals": positions,
                "ticktext": [plain(_short(r.name, 30)) for r in rows],
                "autorange": "reversed",
            },
            showlegend=False,
        )
    )
    return figure
