"""People named in byline values: several authors split apart, newsrooms and agencies left out.

One rule for every extractor (HTML metadata, plain-text bylines, JSON Lines fields), so "authors" means
the same thing whatever the source: people, in the order written, each once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["is_organisation_name", "people_in_byline"]

_NAME_SEPARATORS = re.compile(r"\s*(?:;|\||\band\b|&|,\s*(?=\S+\s+\S+))\s*")
# Words that make a byline value a newsroom, a desk, an agency or a job title rather than a person.
_ORGANISATION_WORDS = re.compile(
    r"\b(?:staff|desk|newsroom|editors?|editorial|team|redaktion|r[ée]daction|agency|agencies|"
    r"news|press|media|online|digital|wire|reporters?|correspondents?|bureau|service|group|"
    r"writer|columnist|contributor|chief|senior|photographer|producer|analyst|"
    r"herald|times|post|journal|gazette|tribune|daily|magazine|zeitung|radio|tv|television|channel|"
    r"network|foundation|institute|association|ministry|council|club|society|company|inc|ltd|gmbh|corp|"
    r"reuters|afp|ap|dpa|xinhua|yonhap|bloomberg)\b",
    re.IGNORECASE,
)
_DOMAIN = re.compile(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?")
_MAX_AUTHORS = 8
_MAX_NAME_CHARS = 80


def is_organisation_name(name: str) -> bool:
    """Whether a byline value names an organisation (a newsroom, a desk, an agency), not a person."""
    return bool(_ORGANISATION_WORDS.search(name) or _DOMAIN.fullmatch(name.casefold()))


def people_in_byline(values: Iterable[object]) -> tuple[str, ...]:
    """Person names from byline values: split on ``;``, ``and``, ``&``, ``|``; organisations dropped.

    Values that are not strings (a JSON record's number or object) are skipped.
    """
    people: list[str] = []
    for value in values:
        if not isinstance(value, str):
            continue
        for part in _NAME_SEPARATORS.split(" ".join(value.split())):
            name = part.strip(" ,.-–—:")
            name = re.sub(r"^(?:by|von|par|por|di)\s+", "", name, flags=re.IGNORECASE)
            if (
                name
                and len(name) <= _MAX_NAME_CHARS
                and any(ch.isalpha() for ch in name)
                and not is_organisation_name(name)
                and name.casefold() not in (p.casefold() for p in people)
            ):
                people.append(name)
    return tuple(people[:_MAX_AUTHORS])
