"""Minimal event profiles for tests that need only a few claim types (or entities) of their own."""

from __future__ import annotations

__all__ = ["minimal_profile_text"]


def minimal_profile_text(
    tables: str, *, place: str = "X", start: str = "2027-09-14", end: str = "2027-09-18"
) -> str:
    """A valid profile's TOML: an event from ``start`` to ``end``, one place entity, one topic, then
    ``tables`` (``[[claims]]`` and the like) as given."""
    place_id = place.lower().replace(" ", "-")
    header = (
        f'[event]\nid = "t"\nname = "t"\nstart = {start}\nend = {end}\n\n'
        f'[[entities]]\nid = "{place_id}"\nname = "{place}"\nkind = "place"\n\n'
        '[[topics]]\nid = "x"\nlabel = "x"\nkeywords = ["x"]\n'
    )
    return f"\n{header}\n{tables.lstrip()}"
