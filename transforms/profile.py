"""The event profile: what event presswatch watches, as configuration (``seeds/event.toml``).

Parsing is pure (TOML text in, :class:`EventProfile` out) so another event is another file, not
new code. Errors name the offending key so a bad profile fails with a clear message.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Entity", "EventProfile", "ProfileError", "Topic", "parse_event_profile"]

ENTITY_KINDS = frozenset({"person", "place", "organisation", "other"})


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
    )
