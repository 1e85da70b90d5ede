"""Module-level functions for the isolation tests (worker processes import them by name)."""

from __future__ import annotations

import os
import time


def behave(kind: str) -> str:
    """Return, fail, hang, blow memory or die, as asked."""
    if kind == "hang":
        time.sleep(600)
    if kind == "raise":
        raise ValueError("bad page")
    if kind == "memory":
        hog = bytearray(8 * 1024**3)  # far beyond the worker's cap
        return str(len(hog))
    if kind == "die":
        os._exit(3)
    return f"done:{kind}:{os.getpid()}"
