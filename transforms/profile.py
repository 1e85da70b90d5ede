"""The event profile: what event presswatch watches, as configuration (``seeds/event.toml``).

Parsing is pure (TOML text in, :class:`EventProfile` out) so another event is another file, not
new code. The whole file is checked before anything is built: one :class:`ProfileError` lists every
problem, each naming the table and key, what was expected and what was found; unknown keys are errors
with a did-you-mean suggestion (a misspelt ``varients`` would otherwise silently drop every variant).
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta

from transforms.currencies import ambiguous_currency_word, currency_code
from transforms.toml_checks import (
    MISSING,
    Bounds,
    ConfigError,
    Issue,
    TableReader,
    check_unique,
    describe,
    entry_name,
    loads,
    suggest,
)
from transforms.units import unit_expression

__all__ = [
    "CLAIM_KINDS", "DURATION_UNITS", "ClaimType", "Entity", "EventProfile", "ProfileError", "Topic",
    "parse_event_profile",
]  # fmt: skip

ENTITY_KINDS = frozenset({"person", "place", "organisation", "other"})
CLAIM_KINDS = frozenset({"count", "duration", "date", "money", "quantity"})
# Units a duration claim may be normalised to (transforms/analysis/claims.py converts between them).
DURATION_UNITS = frozenset({"minutes", "hours", "days", "weeks", "months", "years"})


class ProfileError(ConfigError):
    """The event profile is unreadable, or holds missing, unknown or invalid keys (all of them listed)."""


@dataclass(frozen=True)
class Entity:
    """A canonical entity and every way the press may write it.

    ``variants`` are full names in any spelling; matching tolerates case, spacing and hyphen
    differences between their parts. ``context_aliases`` (for example a bare surname) only count
    in an article that already names the entity by a full variant, or right after one of ``roles``.
    ``roles`` are the titles and descriptions the press uses for the entity ("President",
    "South Korean leader", "chief of staff"): "President Marcos" counts as a full mention, a bare
    surname after another title ("Senator Marcos") counts for nobody, and a quote attributed to "the
    chief of staff" goes to the entity.
    """

    id: str
    name: str
    kind: str
    variants: tuple[str, ...]
    context_aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    """A topic an analyst tracks, recognised by keyword phrases (case-insensitive)."""

    id: str
    label: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class ClaimType:
    """A comparable factual claim outlets make about the event (see ``transforms/analysis/claims.py``).

    ``kind`` is ``count`` (a number of things), ``duration`` (a number of ``unit``, one of
    :data:`DURATION_UNITS`), ``money`` (an amount in the currency ``unit``, kept as its ISO code),
    ``quantity`` (a measure converted to ``unit``, e.g. km/h or hectares) or ``date``. A value is
    attributed to this claim type when a ``cue`` phrase sits next to it; ``context`` (optional)
    additionally requires one of its phrases somewhere in the sentence; a word of ``exclude`` between a
    number and its cue makes it another claim ("nine *corporate* MOUs"). A date claim type with
    ``range_part`` ("start" or "end") also takes that end of a date range ("Jan. 4-7") found next to one
    of ``range_cues``. When comparing outlets, numbers within ``tolerance`` (relative, e.g. 0.1 = 10%; for
    dates: days apart) agree, and qualifiers ("more than 200" vs "200") only make a difference with
    ``compare_qualifiers``. A money claim's ``currency_words`` are the forms the articles write its
    currency in besides the built-in ones ("KSh"); with them, ``unit`` may name a currency that has no
    ISO code.
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
    currency_words: tuple[str, ...] = ()


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
    timezone: str | None = None  # IANA zone of the event: times written in another zone convert to it

    def entity(self, entity_id: str) -> Entity:
        """Return the entity with this id (KeyError when the profile has none)."""
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)


_TOP_KEYS = {
    "event": "[event]", "entities": "[[entities]]", "topics": "[[topics]]", "relevance": "[relevance]",
    "claims": "[[claims]]",
}  # fmt: skip
_EVENT_KEYS = ("id", "name", "description", "start", "end", "timezone", "coverage_window")
_WINDOW_KEYS = ("days_before", "days_after")
_ENTITY_KEYS = ("id", "name", "kind", "variants", "context_aliases", "roles")
_TOPIC_KEYS = ("id", "label", "keywords")
_RELEVANCE_KEYS = ("any_of_entities", "min_mentions", "and_any_of_entities")
_CLAIM_KEYS = (
    "id", "label", "kind", "unit", "cues", "context", "exclude", "range_part", "range_cues", "tolerance",
    "compare_qualifiers", "currency_words",
)  # fmt: skip
# Enough calendar on either side of the window for the date arithmetic done on it later (timeline grace).
_CALENDAR_MARGIN = timedelta(days=366)


def _coverage_window(
    issues: list[Issue], event: TableReader, start: date | None, end: date | None
) -> tuple[date, date] | None:
    """``[event.coverage_window]``: days before the start and after the end that still count."""
    table = event.table("coverage_window") or {}
    window = TableReader(issues, "[event.coverage_window]", table, _WINDOW_KEYS)
    days_before = window.integer("days_before", Bounds(low=0), default=30)
    days_after = window.integer("days_after", Bounds(low=0), default=365)
    if start is None or end is None or days_before is None or days_after is None:
        return None
    bounds: list[date] = []
    for key, days, edge, sign in (
        ("days_before", days_before, start, -1),
        ("days_after", days_after, end, 1),
    ):
        try:
            bound = edge + sign * timedelta(days=days)
            bound + sign * _CALENDAR_MARGIN  # raises when too close to the calendar's end
        except OverflowError:
            window.wrong(
                key, "an integer >= 0 that keeps the window within the calendar", days, with_type=False
            )
            continue
        bounds.append(bound)
    return (bounds[0], bounds[1]) if len(bounds) == 2 else None


def _entity(issues: list[Issue], index: int, raw: dict) -> Entity | None:
    entity = TableReader(issues, entry_name("[[entities]]", index, raw), raw, _ENTITY_KEYS)
    entity_id = entity.string("id", required=True)
    name = entity.string("name", required=True)
    kind = entity.choice("kind", ENTITY_KINDS, required=True)
    variants = entity.strings("variants")
    aliases = entity.strings("context_aliases")
    roles = entity.strings("roles")
    if None in (entity_id, name, kind, variants, aliases, roles):
        return None
    assert entity_id is not None and name is not None and kind is not None  # for the type checker
    assert variants is not None and aliases is not None and roles is not None
    # The canonical name is always a variant of itself.
    return Entity(entity_id, name, kind, tuple(dict.fromkeys((name, *variants))), aliases, roles)


def _topic(issues: list[Issue], index: int, raw: dict) -> Topic | None:
    topic = TableReader(issues, entry_name("[[topics]]", index, raw), raw, _TOPIC_KEYS)
    topic_id = topic.string("id", required=True)
    label = topic.string("label", required=True)
    keywords = topic.strings("keywords", required=True)
    if topic_id is None or label is None or keywords is None:
        return None
    return Topic(topic_id, label, keywords)


def _parse_claim_type(issues: list[Issue], index: int, raw: dict) -> ClaimType | None:
    """One ``[[claims]]`` table; every rule that would make extraction meaningless is an issue here."""
    claim = TableReader(issues, entry_name("[[claims]]", index, raw), raw, _CLAIM_KEYS)
    before = len(issues)
    claim_id = claim.string("id", required=True)
    label = claim.string("label", default=claim_id)
    kind = claim.choice("kind", CLAIM_KINDS, required=True)
    unit = claim.string("unit", default="date" if kind == "date" else "")
    if kind == "duration" and unit is not None and unit not in DURATION_UNITS:
        claim.choice("unit", DURATION_UNITS, required=True, note="(the unit of a duration)")
    if kind == "count" and unit == "":
        claim.missing("unit", 'what a count counts, e.g. "people"')
    if kind == "quantity" and unit is not None and unit_expression(unit) is None:
        claim.wrong("unit", "a unit of measure such as km/h, mph, hectares, mm or tonnes", unit)
    currency_words = claim.strings("currency_words")
    if currency_words and kind not in (None, "money"):
        found = f'{describe(list(currency_words), with_type=False)} in a claim of kind = "{kind}"'
        issues.append(
            Issue(claim.where, "currency_words", f'expected only in a claim of kind = "money", found {found}')
        )
    if kind == "money" and unit is not None:
        code = currency_code(unit)
        if code is None and currency_words:
            code = unit.strip()  # a currency the code list lacks, read by its currency_words
        elif code is None:
            codes = ambiguous_currency_word(unit)
            expected = (
                f"one currency, but {unit!r} names several ({', '.join(codes)}): give its ISO code, or "
                "list the forms the articles use in currency_words"
                if codes
                else 'a currency (an ISO 4217 code such as "EUR" or "KES", or a word such as "pesos"; '
                "for another currency, list the forms the articles use in currency_words)"
            )
            claim.wrong("unit", expected, unit)
        unit = code
    cues = claim.strings("cues")
    range_cues = claim.strings("range_cues")
    range_part = claim.choice("range_part", ("start", "end"))
    if range_part is not None:
        if kind not in (None, "date"):
            found = f'{describe(range_part, with_type=False)} in a claim of kind = "{kind}"'
            issues.append(
                Issue(claim.where, "range_part", f'expected only in a claim of kind = "date", found {found}')
            )
        elif range_cues == ():
            claim.wrong(
                "range_cues", "a non-empty array of phrases (range_part is set)", claim.get("range_cues")
            )
    elif range_cues and claim.get("range_part") is MISSING:
        claim.wrong("range_part", '"start" or "end" (range_cues is set)', claim.get("range_part"))
    if cues == () and range_cues == ():
        claim.wrong("cues", "at least one phrase", claim.get("cues"))
    tolerance = claim.number("tolerance", Bounds(low=0), default=0.0)
    compare_qualifiers = claim.boolean("compare_qualifiers", default=False)
    context = claim.strings("context")
    exclude = claim.strings("exclude")
    if len(issues) > before:
        return None
    assert claim_id and label and kind and unit is not None and cues is not None and range_cues is not None
    assert tolerance is not None and compare_qualifiers is not None and context is not None
    assert exclude is not None and currency_words is not None
    return ClaimType(
        id=claim_id,
        label=label,
        kind=kind,
        unit=unit,
        cues=cues,
        context=context,
        exclude=exclude,
        range_part=range_part,
        range_cues=range_cues,
        tolerance=float(tolerance),
        compare_qualifiers=compare_qualifiers,
        currency_words=currency_words,
    )


def _named_ids(array: str, entries: list[dict]) -> list[tuple[str, str | None]]:
    """(entry name, id) of each entry whose id is a non-empty string (None otherwise)."""
    return [
        (
            entry_name(array, i, raw),
            raw["id"].strip() if isinstance(raw.get("id"), str) and raw["id"].strip() else None,
        )
        for i, raw in enumerate(entries)
    ]


def _entity_ids(
    issues: list[Issue], relevance: TableReader, key: str, known: list[str], default: tuple[str, ...]
) -> tuple[str, ...]:
    """A ``[relevance]`` list of entity ids, each one naming an entity of the profile."""
    named = relevance.strings(key) if key in relevance.data else default
    for entity_id in named or ():
        if entity_id not in known:
            found = describe(entity_id, with_type=False) + suggest(entity_id, known, n=2)
            issues.append(Issue("[relevance]", key, f"expected ids of [[entities]], found {found}"))
    return named or ()


def _is_timezone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def parse_event_profile(toml_text: str, source: str = "event profile") -> EventProfile:
    """Parse and check an event profile from TOML text; ``source`` (the file) starts every error line.

    Raises :class:`ProfileError` listing every problem of the file. A leading UTF-8 byte order mark is
    accepted. The version is a hash of the text, so articles record which profile derived their
    entities and topics.
    """
    text = toml_text.removeprefix("\ufeff")
    try:
        data = loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"not valid TOML: {exc}", source) from None
    issues: list[Issue] = []
    top = TableReader(issues, "", data, _TOP_KEYS)

    event_table = top.table("event", required=True, label="[event]")
    event_id = name = description = start = end = window = timezone = None
    if event_table is not None:  # else its absence is the one thing to say about it
        event = TableReader(issues, "[event]", event_table, _EVENT_KEYS)
        event_id = event.string("id", required=True)
        name = event.string("name", required=True)
        description = event.text("description")
        start = event.day("start", required=True)
        end = event.day("end", required=True)
        if start is not None and end is not None and end < start:
            event.wrong("end", f"a date on or after start ({start.isoformat()})", end, with_type=False)
            end = None
        window = _coverage_window(issues, event, start, end)
        timezone = event.string("timezone")
        if timezone is not None and not _is_timezone(timezone):
            event.wrong("timezone", 'an IANA time zone such as "Asia/Manila" or "Europe/Lisbon"', timezone)
            timezone = None

    raw_entities = top.tables("entities", required=True, label="[[entities]]") or []
    entities = [_entity(issues, i, raw) for i, raw in enumerate(raw_entities)]
    check_unique(issues, _named_ids("[[entities]]", raw_entities))

    raw_topics = top.tables("topics", required=True, label="[[topics]]") or []
    topics = [_topic(issues, i, raw) for i, raw in enumerate(raw_topics)]
    check_unique(issues, _named_ids("[[topics]]", raw_topics))

    known_ids = [entity_id for _, entity_id in _named_ids("[[entities]]", raw_entities) if entity_id]
    relevance_table = top.table("relevance", label="[relevance]")
    relevance = TableReader(issues, "[relevance]", relevance_table or {}, _RELEVANCE_KEYS)
    relevance_entities = _entity_ids(issues, relevance, "any_of_entities", known_ids, tuple(known_ids))
    # Optional second condition: the article must also name one of these (e.g. the host country),
    # so a story about the same person in another context is off-topic.
    context_entities = _entity_ids(issues, relevance, "and_any_of_entities", known_ids, ())
    min_mentions = relevance.integer("min_mentions", Bounds(low=1), default=1)

    raw_claims = top.tables("claims", label="[[claims]]") or []
    claim_types = [_parse_claim_type(issues, i, raw) for i, raw in enumerate(raw_claims)]
    check_unique(issues, _named_ids("[[claims]]", raw_claims))

    if issues:
        raise ProfileError(issues, source)
    assert event_id and name and description is not None and start and end and window and min_mentions
    return EventProfile(
        id=event_id,
        name=name,
        description=description,
        start=start,
        end=end,
        window_start=window[0],
        window_end=window[1],
        entities=tuple(e for e in entities if e),
        topics=tuple(t for t in topics if t),
        relevance_entities=relevance_entities,
        min_relevance_mentions=min_mentions,
        relevance_context_entities=context_entities,
        version=hashlib.sha256(text.encode("utf-8")).hexdigest()[:12],
        claim_types=tuple(c for c in claim_types if c),
        timezone=timezone,
    )
