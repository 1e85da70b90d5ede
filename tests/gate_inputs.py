"""Articles that trip the quality gate's two tiers, written into a project's seeds folder.

- :func:`add_out_of_window_article`: one well-formed article dated decades before the window. It fails a
  row-level expectation: the gate quarantines it and the rest of the batch is published.
- :func:`add_broken_layout_batch`: several on-topic "articles" that are link lists (a site whose layout
  broke extraction). Each passes the row-level checks, but together they are more than a quarter of the
  staged articles scoring as poor extractions: a batch-level failure that blocks the publication.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["BROKEN_LAYOUT_FILE", "add_broken_layout_batch", "add_out_of_window_article"]

BROKEN_LAYOUT_FILE = "broken-layout.jsonl"

# Headline fragments a link list shows, each too short to be a sentence and without an ending.
_LINK_TEXTS = (
    "Lee Jae Myung lands",
    "Xi Jinping greets Lee",
    "Summit photos from Beijing",
    "Yellow Sea structures explained",
    "North Korea reacts",
    "Shanghai business forum live",
    "Trade memorandums signed Monday",
    "Cultural exports agenda",
    "Lee Jae Myung departs",
    "State banquet pictures",
    "Joint statement analysis",
    "Visit timeline",
)


def add_out_of_window_article(project: Path, name: str = "late.jsonl") -> None:
    """A well-formed article about the visit dated decades before the window (row-level failure)."""
    text = (project / "seeds" / "001_8343133ba92f7c15.txt").read_text(encoding="utf-8")
    record = {"title": "Archive copy", "published": "1999-03-01", "text": text.replace("Lee", "Mr Lee")}
    (project / "seeds" / name).write_text(json.dumps(record) + "\n", encoding="utf-8")


def add_broken_layout_batch(project: Path, count: int = 3) -> None:
    """``count`` link-list pages dated inside the window (a batch-level failure next to five seeds)."""
    records = []
    for k in range(count):
        links = [f"{line} {k + 1}" if n == 0 else line for n, line in enumerate(_LINK_TEXTS)]
        records.append(
            {"title": f"Visit coverage index {k + 1}", "published": "2026-01-06", "text": "\n\n".join(links)}
        )
    lines = [json.dumps(record) for record in records]
    (project / "seeds" / BROKEN_LAYOUT_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
