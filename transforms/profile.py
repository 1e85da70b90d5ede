"""The event profile: what event presswatch watches, as configuration (``seeds/event.toml``).

Parsing is pure (TOML text in, :class:`EventProfile` out) so another event is another file, not
new code. Errors name the offending key so a bad profile fails with a clear message.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "CLAIM_KINDS", "DURATION_UNITS", "ClaimType", "Entity", "EventProfile", "ProfileError", "Topic",
    "parse_event_profile",
]  # fmt: skip

ENTITY_KINDS = frozenset({"person", "place", "organisation", "other"})
CLAIM_KINDS = frozenset({"count", "duration", "date"})
# Units a duration claim may be normalised to (transforms/claims.py converts between them).
DURATION_UNITS = frozenset({"minutes", "hours", "days", "weeks", "months", "years"})


class ProfileError(ValueError):
    """The event profile is missing a key or holds a value of the wrong shape."""


@dataclass(frozen=True)
class Entity:
    """A canonical entity and every way the press may write it.

    ``variants`` are full names in any spelling; matching tolerates case, spacing and hyphen
    differences between their parts. ``context_aliases`` (for example a bare surname) only count
    in an article that already names the entity by a full variant.
    """

    id: str
    name: str
    kind: str
    variants: tuple[str, ...]
    context_aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    """A topic an analyst tracks, recognised by keyword phrases (case-insensitive)."""

    id: str
    label: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class ClaimType:
    """A comparable factual claim outlets make about the event (see ``transforms/claims.py``).

    ``kind`` is ``count`` (a number of things), ``duration`` (a number of ``unit``, one of
    :data:`DURATION_UNITS`) or ``date``. A value is attributed to this claim type when a ``cue``
    phrase sits next to it; ``context`` (optional) additionally requires one of its phrases somewhere
    in the sentence; a word of ``exclude`` between a number and its cue makes it another claim
    ("nine *corporate* MOUs"). A date claim type with ``range_part`` ("start" or "end") also takes
    that end of a date range ("Jan. 4-7") found next to one of ``range_cues``. When comparing outlets,
    numbers within ``tolerance`` (relative, e.g. 0.1 = 10%; for dates: days apart) agree, and
    qualifiers ("more than 200" vs "200") only make a difference with ``compare_qualifiers``.
    """

    id: str
    label: str
    kind: str
    unit: str
    cues: tuple[str, ...]
    context: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    range_part: str | None = None
    range_cues: tuple[str, ...] = ()
    tolerance: float = 0.0
    compare_qualifiers: bool = False


@dataclass(frozen=True)
class EventProfile:
    """The event under watch: its dates, the window of coverage we accept, entities and topics."""

    id: str
    name: str
    description: str
    start: date
    end: date
    window_start: date
    window_end: date
    entities: tuple[Entity, ...]
    topics: tuple[Topic, ...]
    relevance_entities: tuple[str, ...]
    min_relevance_mentions: int
    relevance_context_entities: tuple[str, ...]
    version: str
    claim_types: tuple[ClaimType, ...] = ()

    def entity(self, entity_id: str) -> Entity:
        """Return the entity with this id (KeyError when the profile has none)."""
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)


def _require(table: dict, key: str, where: str) -> object:
    if key not in table:
        raise ProfileError(f"{where}: missing key '{key}'")
    return table[key]


def _as_date(value: object, where: str) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise ProfileError(f"{where}: '{value}' is not an ISO date") from exc
    raise ProfileError(f"{where}: expected a date, got {type(value).__name__}")


def _str_tuple(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ProfileError(f"{where}: expected a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _parse_claim_type(raw: object, where: str) -> ClaimType:
    """One ``[[claims]]`` table; every rule that would make extraction meaningless is an error here."""
    if not isinstance(raw, dict):
        raise ProfileError(f"{where}: must be a table")
    claim_id = str(_require(raw, "id", where)).strip()
    if not claim_id:
        raise ProfileError(f"{where}: id must not be empty")
    where = f"{where} ('{claim_id}')"
    kind = str(_require(raw, "kind", where))
    if kind not in CLAIM_KINDS:
        raise ProfileError(f"{where}: kind '{kind}' is not one of {sorted(CLAIM_KINDS)}")
    unit = str(raw.get("unit", "date" if kind == "date" else "")).strip()
    if kind == "duration" and unit not in DURATION_UNITS:
        raise ProfileError(f"{where}: a duration needs unit one of {sorted(DURATION_UNITS)}, got '{unit}'")
    if kind == "count" and not unit:
        raise ProfileError(f"{where}: a count needs a unit (what is counted, e.g. 'people')")
    cues = _str_tuple(raw.get("cues", []), f"{where}.cues")
    range_part = raw.get("range_part")
    range_cues = _str_tuple(raw.get("range_cues", []), f"{where}.range_cues")
    if range_part is not None:
        if kind != "date":
            raise ProfileError(f"{where}: range_part is only for date claims")
        if range_part not in ("start", "end"):
            raise ProfileError(f"{where}: range_part must be 'start' or 'end', got '{range_part}'")
        if not range_cues:
            raise ProfileError(f"{where}: range_part needs a non-empty range_cues list")
    elif range_cues:
        raise ProfileError(f"{where}: range_cues needs range_part ('start' or 'end')")
    if not cues and not range_cues:
        raise ProfileError(f"{where}: cues must list at least one phrase")
    tolerance = raw.get("tolerance", 0.0)
    if isinstance(tolerance, bool) or not isinstance(tolerance, int | float) or tolerance < 0:
        raise ProfileError(f"{where}: tolerance must be a number >= 0")
    compare_qualifiers = raw.get("compare_qualifiers", False)
    if not isinstance(compare_qualifiers, bool):
        raise ProfileError(f"{where}: compare_qualifiers must be true or false")
    return ClaimType(
        id=claim_id,
        label=str(raw.get("label", claim_id)),
        kind=kind,
        unit=unit,
        cues=cues,
        context=_str_tuple(raw.get("context", []), f"{where}.context"),
        exclude=_str_tuple(raw.get("exclude", []), f"{where}.exclude"),
        range_part=range_part,
        range_cues=range_cues,
        tolerance=float(tolerance),
        compare_qualifiers=compare_qualifiers,
    )


def parse_event_profile(toml_text: str) -> EventProfile:
    """Parse an event profile from TOML text.

    The version is a hash of the text, so articles record which profile derived their entities
    and topics.
    """
    try:
        data = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"event profile is not valid TOML: {exc}") from exc
    event = _require(data, "event", "event profile")
    if not isinstance(event, dict):
        raise ProfileError("event profile: [event] must be a table")
    start = _as_date(_require(event, "start", "[event]"), "[event].start")
    end = _as_date(_require(event, "end", "[event]"), "[event].end")
    if end < start:
        raise ProfileError("[event]: end is before start")
    window = event.get("coverage_window", {})
    days_before = int(window.get("days_before", 30))
    days_after = int(window.get("days_after", 365))

    entities = []
    for i, raw in enumerate(_require(data, "entities", "event profile")):
        where = f"[[entities]] #{i + 1}"
        kind = str(_require(raw, "kind", where))
        if kind not in ENTITY_KINDS:
            raise ProfileError(f"{where}: kind '{kind}' is not one of {sorted(ENTITY_KINDS)}")
        name = str(_require(raw, "name", where))
        variants = _str_tuple(raw.get("variants", []), f"{where}.variants")
        entities.append(
            Entity(
                id=str(_require(raw, "id", where)),
                name=name,
                kind=kind,
                # The canonical name is always a variant of itself.
                variants=tuple(dict.fromkeys((name, *variants))),
                context_aliases=_str_tuple(raw.get("context_aliases", []), f"{where}.context_aliases"),
            )
        )
    ids = [e.id for e in entities]
    if len(ids) != len(set(ids)):
        raise ProfileError("[[entities]]: entity ids must be unique")

    topics = []
    for i, raw in enumerate(_require(data, "topics", "event profile")):
        where = f"[[topics]] #{i + 1}"
        topics.append(
            Topic(
                id=str(_require(raw, "id", where)),
                label=str(_require(raw, "label", where)),
                keywords=_str_tuple(_require(raw, "keywords", where), f"{where}.keywords"),
            )
        )

    relevance = data.get("relevance", {})
    relevance_entities = _str_tuple(relevance.get("any_of_entities", ids), "[relevance].any_of_entities")
    # Optional second condition: the article must also name one of these (e.g. the host country),
    # so a story about the same person in another context is off-topic.
    context_entities = _str_tuple(relevance.get("and_any_of_entities", []), "[relevance].and_any_of_entities")
    for key, named in (("any_of_entities", relevance_entities), ("and_any_of_entities", context_entities)):
        unknown = set(named) - set(ids)
        if unknown:
            raise ProfileError(f"[relevance].{key} names unknown entities: {sorted(unknown)}")

    raw_claims = data.get("claims", [])
    if not isinstance(raw_claims, list):
        raise ProfileError("event profile: claims must be an array of tables ([[claims]])")
    claim_types = tuple(_parse_claim_type(raw, f"[[claims]] #{i + 1}") for i, raw in enumerate(raw_claims))
    claim_ids = [c.id for c in claim_types]
    if len(claim_ids) != len(set(claim_ids)):
        raise ProfileError("[[claims]]: claim ids must be unique")

    return EventProfile(
        id=str(_require(event, "id", "[event]")),
        name=str(_require(event, "name", "[event]")),
        description=str(event.get("description", "")),
        start=start,
        end=end,
        window_start=start - timedelta(days=days_before),
        window_end=end + timedelta(days=days_after),
        entities=tuple(entities),
        topics=tuple(topics),
        relevance_entities=relevance_entities,
        min_relevance_mentions=int(relevance.get("min_mentions", 1)),
        relevance_context_entities=context_entities,
        version=hashlib.sha256(toml_text.encode("utf-8")).hexdigest()[:12],
        claim_types=claim_types,
    )
