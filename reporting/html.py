"""Rendering the report: one self-contained HTML page (inline CSS, plotly.js inlined once, no URL).

Text from articles is untrusted. The template autoescapes everything; figure specs go into
``<script type="application/json">`` with ``<``, ``>`` and ``&`` written as JSON escapes, so no
value can close the script element or open a new one.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import jinja2
import pandas as pd
import plotly.graph_objects as go
import plotly.offline
from markupsafe import Markup

from warehouse.outcomes import RunStatus
from warehouse.report_queries import Publication, ReportData, RunInfo

__all__ = ["Banner", "banner_for", "records", "render_report"]

# JSON escapes for the characters that could end a <script> element or start markup inside it.
_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


@dataclass(frozen=True)
class Banner:
    """The quality status line at the top: ``level`` is pass, fail, info or neutral."""

    level: str
    title: str
    detail: str


def _kept(publication: Publication | None) -> str:
    if publication is None:
        return "There is no earlier publication: no coverage tables have been published yet."
    return (
        f"The publication shown below is the previous, untouched one: run {publication.run_id}, "
        f"published at {publication.published_at or 'an unknown time'} UTC."
    )


def banner_for(run: RunInfo | None, publication: Publication | None) -> Banner:
    """The status banner for the reported run, given what the marts hold now."""
    if run is None:
        return Banner("neutral", "No pipeline run recorded yet", "Run `presswatch run` to load and publish.")
    if run.status == RunStatus.BLOCKED:
        return Banner("fail", "Quality gate FAILED — nothing from this run was published", _kept(publication))
    if run.status == RunStatus.FAILED:
        return Banner("fail", "Run FAILED — nothing from this run was published", _kept(publication))
    if run.status == RunStatus.INTERRUPTED:
        return Banner("fail", "Run INTERRUPTED — nothing from this run was published", _kept(publication))
    if run.status == RunStatus.UNCHANGED:
        kept = publication.run_id if publication else "an earlier run"
        return Banner("info", f"Nothing new; publication from {kept} kept", _kept(publication))
    if run.status == RunStatus.PUBLISHED:
        if publication is not None and publication.run_id != run.run_id:
            return Banner(
                "pass",
                "Quality gate passed — this run published",
                f"A later run has published since: the tables below are from run {publication.run_id}, "
                f"published at {publication.published_at} UTC.",
            )
        when = publication.published_at if publication else "an unknown time"
        return Banner("pass", "Quality gate passed — published", f"Published at {when} UTC.")
    if run.status == RunStatus.RUNNING:
        return Banner("neutral", "Run in progress (or it ended without recording how)", _kept(publication))
    return Banner("neutral", f"Run status: {run.status}", _kept(publication))


def _script_json(figure: go.Figure) -> Markup:
    """The figure as JSON that cannot break out of a <script> element."""
    return Markup(figure.to_json().translate(_SCRIPT_SAFE))


@functools.lru_cache(maxsize=1)
def _plotly_js() -> Markup:
    # Trusted library code; it never contains "</script" (checked when the page is rendered).
    return Markup(plotly.offline.get_plotlyjs())


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain Python values (lists for list columns) for the template."""
    if frame.empty:
        return []
    return [{k: (list(v) if hasattr(v, "tolist") else v) for k, v in row.items()} for row in
            frame.to_dict("records")]  # fmt: skip


def _number(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _clip(value: object, limit: int = 120) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("reporting", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = _number
    env.filters["clip"] = _clip
    return env


@functools.lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    return _environment().get_template("report.html.j2")


def _group(rows: list[dict[str, object]], key: str) -> list[tuple[object, list[dict[str, object]]]]:
    groups: dict[object, list[dict[str, object]]] = {}
    for row in rows:
        groups.setdefault(row[key], []).append(row)
    return list(groups.items())


def render_report(
    data: ReportData,
    figures: dict[str, go.Figure | None],
    *,
    data_docs_href: str | None,
    generated_at: datetime,
) -> str:
    """The whole report page for ``data`` and its ``figures`` (keys: daily, topics, entities)."""
    js = _plotly_js()
    if "</script" in js.lower():  # would end the inline script early
        raise RuntimeError("the plotly.js bundle contains '</script'; it cannot be inlined safely")
    clusters = records(data.clusters)
    topic_names = {r["topic_id"]: r["topic_label"] for r in records(data.topics)}
    entity_names = {r["entity_id"]: r["name"] for r in records(data.entities)}
    spellings = _group(records(data.entity_outlets), "entity_id")
    return _template().render(
        data=data,
        banner=banner_for(data.run, data.publication),
        summary=data.summary,
        top_topics=[topic_names.get(t, t) for t in (data.summary.top_topics if data.summary else [])],
        top_entities=[entity_names.get(e, e) for e in (data.summary.top_entities if data.summary else [])],
        figures={name: _script_json(fig) for name, fig in figures.items() if fig is not None},
        plotly_js=js,
        by_source=[
            {**row, "top_topics": [topic_names.get(t, t) for t in row.get("top_topics") or []]}
            for row in records(data.by_source)
        ],
        entities=records(data.entities),
        spellings=dict(spellings),
        conflicts=_group(records(data.conflicts), "claim_type"),
        quotes=records(data.quotes),
        shared_clusters=_group([c for c in clusters if (c["cluster_size"] or 0) > 1], "cluster_id"),
        single_articles=[c for c in clusters if (c["cluster_size"] or 0) <= 1],
        timeline=records(data.timeline),
        validations=records(data.validations),
        failed_expectations=records(data.failed_expectations),
        quarantine=records(data.quarantine),
        outcomes=records(data.outcomes),
        outcome_details=records(data.outcome_details),
        recent_runs=records(data.recent_runs),
        data_docs_href=data_docs_href,
        generated_at=generated_at.strftime("%Y-%m-%d %H:%M:%S UTC"),
    )
