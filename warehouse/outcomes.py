"""The vocabulary of the run log: what can happen to an item, and how a run can end.

These are the values of ``ops.item_outcomes.outcome`` and ``ops.runs.status``; the columns' comments
in the DDL list the same names (``tests/test_vocabulary.py`` holds them together). Members are
strings, so they go into SQL parameters and compare with values read back as they are.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["AWAITING", "FINAL_OUTCOMES", "ItemOutcome", "RunStatus"]


class ItemOutcome(StrEnum):
    """What happened to one discovered item in one run (exactly one per item)."""

    PUBLISHED = "published"  # its article is in the marts this run published
    STAGED = "staged"  # provisional: staged, settled at the end of the run
    UNCHANGED = "unchanged"  # seen before and already processed
    DUPLICATE = "duplicate"  # same text or URL as another item
    OFF_TOPIC = "off_topic"  # mentions none of the event's key entities
    REJECTED = "rejected"  # unreadable, empty, binary, bad encoding, too large, no text
    QUARANTINED = "quarantined"  # failed the quality gate
    HELD = "held"  # valid, but the run was blocked: retried next run
    FEED_READ = "feed_read"  # a feed was read for its links
    NOT_MODIFIED = "not_modified"  # a feed answered 304
    NOT_AN_ARTICLE = "not_an_article"  # a fetched page that is no HTML article
    BLOCKED_ROBOTS = "blocked_robots"
    BLOCKED_ADDRESS = "blocked_address"
    TOO_LARGE = "too_large"
    HTTP_ERROR = "http_error"
    FETCH_ERROR = "fetch_error"  # timeouts, truncation, redirects, TLS: retried next run


#: Outcomes that end an item's story in a run; ``staged`` is settled into one of them.
FINAL_OUTCOMES = (
    ItemOutcome.PUBLISHED,
    ItemOutcome.UNCHANGED,
    ItemOutcome.DUPLICATE,
    ItemOutcome.OFF_TOPIC,
    ItemOutcome.REJECTED,
    ItemOutcome.QUARANTINED,
    ItemOutcome.HELD,
)

#: Outcomes of an item whose article is staged but not yet published (the next passing run takes it).
AWAITING = (ItemOutcome.HELD, ItemOutcome.STAGED)


class RunStatus(StrEnum):
    """How a run ended (``running`` while it goes on)."""

    RUNNING = "running"
    PUBLISHED = "published"  # new marts published
    UNCHANGED = "unchanged"  # nothing new: marts kept
    BLOCKED = "blocked"  # the quality gate failed: marts kept
    FAILED = "failed"  # an error: marts kept
    INTERRUPTED = "interrupted"  # the process died; closed by the next run
