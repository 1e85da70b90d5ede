"""Named points where a test can freeze a run, to kill it there (crash-safety tests).

``PRESSWATCH_PAUSE_AT=<point>`` makes the run stop at that point: it writes its pid to the file
named by ``PRESSWATCH_PAUSE_MARKER`` (if set) and sleeps until it is killed. Without the variable
a pause point costs one dictionary lookup.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

__all__ = ["PAUSE_POINTS", "pause_point"]

# during fetch, after staging, inside the cross-article grouping transaction, during validation,
# inside the publish transaction, after publishing
PAUSE_POINTS = ("fetching", "staged", "grouping", "validating", "publishing", "published")


def pause_point(name: str) -> None:
    """Freeze here forever if the environment asks for a pause at ``name``."""
    if os.environ.get("PRESSWATCH_PAUSE_AT") != name:
        return
    marker = os.environ.get("PRESSWATCH_PAUSE_MARKER")
    if marker:
        Path(marker).write_text(f"{os.getpid()} {name}\n", encoding="utf-8")
    while True:  # the test kills the process here
        time.sleep(1)
