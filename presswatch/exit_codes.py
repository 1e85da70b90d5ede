"""Exit status of every ``presswatch`` command."""

from __future__ import annotations

__all__ = ["EXIT_BLOCKED", "EXIT_BUSY", "EXIT_ERROR", "EXIT_OK"]

EXIT_OK = 0  # published, unchanged, or the command did what it was asked
EXIT_BLOCKED = 1  # the quality gate failed: nothing published, the previous publication intact
EXIT_ERROR = 2  # bad configuration or input, or the run failed
EXIT_BUSY = 3  # another run held the warehouse longer than --wait
