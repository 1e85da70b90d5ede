"""Figures that are no claims, whatever cue stands near them: the rules that keep a value out.

A figure about another year or an earlier event, the total a part is out of, a gap to another figure,
an origin after "from", a part of a whole that has no number, a part of the whole for one place or day ("At
Dunmere Airport alone, 214 flights"), and a yearly rate ("4.1 million passengers a year").
:func:`not_a_figure` gives the reason, which ``presswatch profile check`` shows for each skipped figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from transforms.analysis.claim_sentence import Item, breaks_clause
from transforms.analysis.claim_values import Value

__all__ = ["not_a_figure", "other_time_items"]


def not_a_figure(
    items: Sequence[Item],
    value: Value,
    text: str,
    elsewhen: AbstractSet[int],
    value_starts: AbstractSet[int],
    cue_starts: AbstractSet[int],
    total_counts_people: bool,
) -> str | None:
    """Why ``value`` (in the sentence ``text`` read as ``items``) is no claim whatever its cues, or None
    when it may be one. ``elsewhen``: items about another time (:func:`other_time_items`);
    ``cue_starts``: items where a cue starts; ``total_counts_people``: a cue counting people follows
    the value ("seven of the 19 victims": the total is the figure)."""
    if value.first in elsewhen:
        return "about another year or an earlier event"
    if _denominator(items, value, value_starts) and not total_counts_people:
        return "the total a part is out of ('113 of the 240 seats')"
    if _difference(items, value):
        return "a gap to another figure ('nine short of', '300 more than')"
    if value.seconds is None and _in_from_phrase(items, value, value_starts):
        return "an origin or an earlier figure (after 'from')"
    if _unnumbered_part(items, value, value_starts, cue_starts):
        return "a part of a whole that has no number ('seven of the dead')"
    if _place_alone(items, value, text, value_starts):
        return "a part of the whole for one place or day ('At Dunmere Airport alone, 214 flights')"
    if _yearly_rate(items, value):
        return "a yearly rate, not what the event did ('4.1 million passengers a year')"
    return None


def _in_from_phrase(items: Sequence[Item], value: Value, value_starts: AbstractSet[int]) -> bool:
    """A figure right after "from", or in the phrase such a figure opens: "to 1.16 million cars in 23
    countries, from 412,000 in nine countries a week ago" (both 412,000 and nine are the old figures)."""
    k = value.first - 1
    # "rose from 3,000 to 6,000 tonnes": what comes after "to" is the new figure
    while k >= 0 and not breaks_clause(items[k]) and items[k].text not in (",", "to"):
        if items[k].text == "from" and (k == value.first - 1 or k + 1 in value_starts):
            return True
        k -= 1
    return False


_ALONE_REACH = 12  # items between a value and the "Place alone" of its clause
_PLACE_KIND_TEXT = "district province region county state city town municipality village island area"
_PLACE_KINDS = frozenset(_PLACE_KIND_TEXT.split())


def _place_alone(items: Sequence[Item], value: Value, text: str, value_starts: AbstractSet[int]) -> bool:
    """A figure for one place or day named with "alone" in its clause ("At Dunmere Airport alone, 214
    flights were cancelled", "214 of them in Dunmere alone", "on Monday alone") is part of the whole,
    with no other figure between."""

    def names_place_alone(k: int) -> bool:
        # "Dunmere alone", "Bessa district alone": a name, or a name and the kind of place it is
        if items[k].text != "alone" or k < 1:
            return False
        if items[k - 1].kind == "date":
            return True  # "on Tuesday alone": one day's part of the whole
        name = k - 2 if items[k - 1].text in _PLACE_KINDS else k - 1
        return name >= 0 and items[name].kind == "word" and text[items[name].start].isupper()

    # A sentence opening with the place ("At Dunmere Airport alone, 214 flights were cancelled and
    # about 31,000 passengers were stranded") speaks of that place up to its first clause break.
    opening = next((k for k, item in enumerate(items[: _ALONE_REACH + 1]) if item.text == ","), None)
    if (
        opening is not None
        and names_place_alone(opening - 1)
        and value.first > opening
        and not any(breaks_clause(item) for item in items[opening : value.first])
    ):
        return True
    for step in (-1, 1):
        k = value.first - 1 if step < 0 else value.last + 1
        for _ in range(_ALONE_REACH):
            if not 0 <= k < len(items) or breaks_clause(items[k]) or k in value_starts:
                break
            if names_place_alone(k):
                return True
            k += step
    return False


_YEARLY_WORDS = frozenset({"annually", "yearly"})
_RATE_NOUN_MAX = 3  # words between a value and its period: "4.1 million passengers a year"


def _yearly_rate(items: Sequence[Item], value: Value) -> bool:
    """A value per year ("4.1 million passengers a year", "EUR 14 million annually") describes the
    normal course of things (capacity, a contract, savings), not what the event did. Shorter periods
    may be the event's own figure ("1,200 trains a day were cancelled"), so they are left to the cues.
    A duration is never a rate ("two days a year" is left to its cue)."""
    if value.seconds is not None:
        return False
    j = value.last + 1
    for _ in range(_RATE_NOUN_MAX + 1):
        if j >= len(items) or items[j].kind != "word":
            return False
        if items[j].text in _YEARLY_WORDS:
            return True
        if items[j].text in ("a", "per", "each", "every") and j + 1 < len(items):
            return items[j + 1].text in ("year", "annum")
        j += 1
    return False


_OTHER_YEAR_REACH = 8  # items after a year outside the event that still speak of that year
_OPENING_PREPOSITIONS = frozenset({"in", "by", "during", "until"})


def other_time_items(items: Sequence[Item], years: range) -> set[int]:
    """Items that speak of another year than the event's: the few after such a year ("the 2022
    election produced 4,100 complaints", "than in 2022, when 72 percent"), those of its clause just
    before "in <year>" ("Brandvik's EUR 900m purchase of Kestrel in 2021"), or the whole sentence when
    it opens with one ("In 2013 another storm ... killed more than 6,300") or with the last time
    something happened ("When the valley last flooded, 200,000 people were evacuated")."""
    if _opens_with_last_time(items):
        return set(range(len(items)))
    other: set[int] = set()
    for k, item in enumerate(items):
        if _says_last_year(items, k):
            # "about 410 people were killed in floods in the province last year": the clause before
            other.update(_clause_before(items, k, _LAST_YEAR_REACH))
            other.update(range(k + 2, min(len(items), k + 2 + _OTHER_YEAR_REACH)))
        if item.kind != "num" or len(item.text) != 4 or not item.text.isdigit():
            continue
        year = int(item.text)
        if not 1900 <= year < 2100 or year in years:
            continue
        if k and items[k - 1].text == "since":
            # "the worst since 2017, when 212 people died": the "when" clause is about 2017.
            if k + 2 < len(items) and items[k + 1].text == "," and items[k + 2].text == "when":
                other.update(_clause_after(items, k + 2))
            continue
        if k <= 1 and (k == 0 or items[0].text in _OPENING_PREPOSITIONS):
            return set(range(len(items)))
        if k <= _SUBJECT_YEAR_MAX and k + 1 < len(items) and items[k + 1].kind == "word":
            # "Damaro's 2026 outbreak killed more than 300 people, with a fatality rate of 3.1
            # percent": a year in the subject dates the whole clause.
            other.update(_clause_after(items, k))
        other.update(range(k + 1, min(len(items), k + 1 + _OTHER_YEAR_REACH)))
        if k and items[k - 1].text == "in":
            other.update(_clause_before(items, k - 1))
    return other


_LAST_YEAR_REACH = 15  # items of the clause before "last year" that it dates
_SUBJECT_YEAR_MAX = 4  # items before a year that opens a sentence's subject: "Damaro's 2026 outbreak"
_CLAUSE_END_TEXT = "but while whereas although though"
_CLAUSE_ENDS = frozenset(_CLAUSE_END_TEXT.split())


def _clause_after(items: Sequence[Item], k: int) -> range:
    """Items after ``k`` up to the end of its clause (a clause break or a contrasting conjunction)."""
    end = k + 1
    while end < len(items) and not breaks_clause(items[end]) and items[end].text not in _CLAUSE_ENDS:
        end += 1
    return range(k + 1, end)


def _clause_before(items: Sequence[Item], k: int, reach: int = _OTHER_YEAR_REACH) -> range:
    """The few items before ``k`` in its clause: "Brandvik's EUR 900m purchase of Kestrel [in 2021]"."""
    j = k - 1
    while j >= max(0, k - reach) and not _ends_other_year_reach(items[j]):
        j -= 1
    return range(j + 1, k)


def _says_last_year(items: Sequence[Item], k: int) -> bool:
    """ "last year" or "a year earlier/ago" at item ``k``."""
    if k + 1 >= len(items):
        return False
    pair = (items[k].text, items[k + 1].text)
    if pair == ("last", "year"):
        return True
    return pair == ("a", "year") and k + 2 < len(items) and items[k + 2].text in ("earlier", "ago", "before")


def _ends_other_year_reach(item: Item) -> bool:
    # "2,300 complaints, fewer than in 2022": the comparison keeps this year's figure apart.
    return breaks_clause(item) or item.text in (",", "than", "and", "but")


def _opens_with_last_time(items: Sequence[Item]) -> bool:
    """A sentence opening "When ... last ...," speaks of an earlier event."""
    if not items or items[0].text != "when":
        return False
    for item in items[1:_OTHER_YEAR_REACH]:
        if item.text == "last":
            return True
        if item.text == "," or breaks_clause(item):
            return False
    return False


def _denominator(items: Sequence[Item], value: Value, value_starts: AbstractSet[int]) -> bool:
    """The total a count is out of: the 240 of "won 113 of the 240 seats", "113 out of 240"."""
    j = value.first - 1
    while j >= 0 and items[j].text in ("the", "a", "all"):
        j -= 1
    if j >= 1 and items[j].text == "out" and items[j + 1].text == "of":
        return True
    return j >= 1 and items[j].text == "of" and (j - 1) in value_starts


# "nine short of a majority", "3,000 more than last year": the gap to another figure, not the figure.
_DIFFERENCE_WORDS = {"short": "of", "shy": "of", "more": "than", "fewer": "than", "less": "than"}


def _difference(items: Sequence[Item], value: Value) -> bool:
    """A count followed by "short of" / "more than" ...: it measures a gap."""
    j = value.last + 1
    return j + 1 < len(items) and _DIFFERENCE_WORDS.get(items[j].text) == items[j + 1].text


def _unnumbered_part(
    items: Sequence[Item], value: Value, value_starts: AbstractSet[int], cue_starts: AbstractSet[int]
) -> bool:
    """A part of a whole that has no number: "seven of the dead were from Isabela" counts some of them
    (a share is always of something: "50.7% of the seats"; nor when "of the ..." is itself a cue)."""
    if items[value.last].text == "%" or value.seconds is not None:  # nor "within two months of the vote"
        return False
    j = value.last + 1
    # "three thousand nine hundred of them in Brennik": a part of the figure just named
    if j + 1 < len(items) and items[j].text == "of" and items[j + 1].text in ("them", "whom", "which"):
        return True
    if j + 2 >= len(items) or items[j].text != "of" or items[j + 1].text not in ("the", "those", "these"):
        return False
    if any(k in cue_starts for k in (j, j + 1)):
        return False
    return items[j + 2].kind == "word" and (j + 2) not in value_starts
