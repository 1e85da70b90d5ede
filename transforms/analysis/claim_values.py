"""The values of a sentence for claims: counts in digits or words, durations, money and measured quantities.

Part of :mod:`transforms.analysis.claims` (which documents the rules): :func:`read_values` reads every
number of a tokenized sentence (:mod:`transforms.analysis.claim_sentence`) with its qualifier ("more
than"), time unit, currency or unit of measure, and marks conversions in brackets.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from transforms.analysis.claim_sentence import Item
from transforms.currencies import DEFAULT_CURRENCIES, Currencies
from transforms.units import max_spelling_words, unit_expression

__all__ = ["TARGET_SECONDS", "Value", "converts", "read_values"]


# --- numbers -------------------------------------------------------------------------------------

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_ORDINAL_WORDS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
_DAY_SECONDS = 86_400
_UNIT_SECONDS = {
    "minute": 60, "hour": 3_600, "day": _DAY_SECONDS, "week": 7 * _DAY_SECONDS,
    "month": 30.4375 * _DAY_SECONDS, "year": 365.25 * _DAY_SECONDS, "decade": 3_652.5 * _DAY_SECONDS,
}  # fmt: skip
TARGET_SECONDS = {f"{unit}s": seconds for unit, seconds in _UNIT_SECONDS.items()}
# A value converts only to its own or a neighbouring unit ("two-hour talks" = 120 minutes, "a
# two-week trip" = 14 days): "seven years" is an interval since something, never a visit's length.
_LADDER = tuple(_UNIT_SECONDS.values())


def converts(seconds_per_unit: float, target: str) -> bool:
    return abs(_LADDER.index(seconds_per_unit) - _LADDER.index(TARGET_SECONDS[target])) <= 1


# "a 400-member delegation", "a 200-strong delegation": the suffix belongs to the number.
_COUNT_SUFFIXES = frozenset({"member", "strong", "person", "people", "man", "woman"})
_DURATION_ADJECTIVES = frozenset({"full", "whole", "straight", "consecutive", "long"})
_QUALIFIERS = {
    ("more", "than"): "more than", ("over",): "more than", ("upwards", "of"): "more than",
    ("in", "excess", "of"): "more than", ("at", "least"): "at least", ("no", "fewer", "than"): "at least",
    ("no", "less", "than"): "at least", ("approximately",): "approximately", ("about",): "approximately",
    ("around",): "approximately", ("roughly",): "approximately", ("some",): "approximately",
    ("approx",): "approximately", ("circa",): "approximately", ("an", "estimated"): "approximately",
    ("estimated",): "approximately", ("nearly",): "nearly", ("almost",): "nearly",
    ("close", "to"): "nearly", ("closer", "to"): "approximately", ("fewer", "than"): "less than",
    ("less", "than"): "less than",
    ("under",): "less than", ("up", "to"): "up to",
}  # fmt: skip
_QUALIFIERS_LONGEST_FIRST = sorted(_QUALIFIERS.items(), key=lambda kv: -len(kv[0]))
_THOUSANDS_RE = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Value:
    """A number in a sentence: items ``first..last`` (inclusive) from qualifier to unit."""

    first: int
    last: int
    number: float
    qualifier: str | None
    seconds: float | None  # a duration's length in seconds; None for a count
    per_unit: float | None  # seconds in the unit as written ("years": 365.25 days)
    adverbial: bool  # "since 2019", "in seven years": attaches only to a cue before it
    ordinal: bool
    currency: str | None = None  # ISO code of a money amount ("P2.1 billion" -> "PHP")
    conversion: bool = False  # an amount in brackets restating the one before: "($37 million)"
    measure: str | None = None  # pint unit of a quantity ("185 km/h" -> "km/h")


def _parse_digits(text: str) -> tuple[float, bool] | None:
    """('1,200' -> 1200), ('15th' -> 15, ordinal); None for things like '1,2,3'."""
    ordinal = text[-2:] in ("st", "nd", "rd", "th")
    body = text[:-2] if ordinal else text
    if not _THOUSANDS_RE.fullmatch(body):
        return None
    return float(body.replace(",", "")), ordinal


def _parse_words(items: Sequence[Item], i: int, one: bool = False) -> tuple[float, int] | None:
    """A number written in words from item ``i``: (value, index after it), e.g. 'two hundred and five',
    'two and a half billion'. ``one``: an article before ``i`` counts one ("a million", "a hundred")."""
    total, current, j, last = 0.0, (1.0 if one else 0.0), i, ("ones" if one else "")
    while j < len(items) and items[j].kind == "word":
        w = items[j].text
        if (
            w == "and"
            and last in ("ones", "tens")
            and [t.text for t in items[j + 1 : j + 3]] == ["a", "half"]
        ):
            current += 0.5  # "two and a half billion"
            j += 3
            continue
        fresh = last in ("", "hundred", "scale", "and")  # nothing below a hundred written yet
        if w in _ONES and (fresh or (last == "tens" and _ONES[w] < 10)):  # "twenty-five"
            current += _ONES[w]
            last = "ones"
        elif w in _TENS and fresh:
            current += _TENS[w]
            last = "tens"
        elif w == "hundred" and last != "scale":
            current = (current or 1) * 100
            last = "hundred"
        elif w in _SCALES and w != "hundred" and last:
            total += (current or 1) * _SCALES[w]
            current, last = 0.0, "scale"
        elif w == "dozen" and last in ("ones", ""):
            current = (current or 1) * 12
            last = "tens"
        elif (
            w == "and"
            and last in ("hundred", "scale")
            and j + 1 < len(items)
            and (items[j + 1].text in _ONES or items[j + 1].text in _TENS)
        ):
            last = "and"
        else:
            break
        j += 1
    if j == i or last == "and":
        return None
    return total + current, j


def _qualifier_before(items: Sequence[Item], i: int) -> tuple[str | None, int]:
    """The qualifier phrase ending just before item ``i``, and where it starts."""
    for words, qualifier in _QUALIFIERS_LONGEST_FIRST:
        start = i - len(words)
        if start >= 0 and all(items[start + k].text == w for k, w in enumerate(words)):
            return qualifier, start
    return None, i


_MONEY_SCALES = {"bn": 1e9, "billion": 1e9, "m": 1e6, "mn": 1e6, "million": 1e6, "tn": 1e12, "trillion": 1e12}


# A money amount or a quantity is no duration, adverbial or ordinal.
_PLAIN: dict[str, Any] = {"seconds": None, "per_unit": None, "adverbial": False, "ordinal": False}


def _currency_before(items: Sequence[Item], i: int, currencies: Currencies) -> tuple[str | None, int]:
    """The currency written before number item ``i`` ("EUR 4.2", "$4.6", "US$ 3", "P2.1") and the
    index of its first item; ``(None, i)`` when there is none."""
    if i == 0:
        return None, i
    before = items[i - 1]
    code = currencies.before(before.text)
    if code is None or (before.text in currencies.glued_only and before.end != items[i].start):
        return None, i
    if before.text == "$" and i >= 2 and items[i - 2].text == "us" and items[i - 2].end == before.start:
        return code, i - 2
    return code, i - 1


def _measure_after(items: Sequence[Item], after: int) -> tuple[str | None, int]:
    """The unit of measure written from item ``after`` ("km/h", "kilometres per hour", "mph") as a
    pint expression, and the index after it; ``(None, after)`` when there is none."""
    for length in range(max_spelling_words() + 2, 0, -1):  # "km / h" is three items, one word
        end = after + length
        if end > len(items):
            continue
        parts = items[after:end]
        if any(p.kind == "date" for p in parts):
            continue
        text = parts[0].text + "".join(
            ("" if p.start == q.end or p.text == "/" or q.text == "/" else " ") + p.text
            for q, p in itertools.pairwise(parts)
        )
        expression = unit_expression(text)
        if expression is not None:
            return expression, end
    return None, after


def _is_conversion(items: Sequence[Item], first: int, found: Sequence[Value], measured: bool = False) -> bool:
    """An amount in brackets right after another amount restates it in another currency or unit."""
    j = first - 1
    if j >= 0 and items[j].text in ("about", "around", "roughly", "some", "approximately"):
        j -= 1
    if j < 0 or items[j].text != "(":
        return False
    if not found or found[-1].last != j - 1:
        return False
    return (found[-1].measure if measured else found[-1].currency) is not None


def _time_unit(item: Item) -> float | None:
    if item.kind != "word":
        return None
    word = item.text[:-1] if item.text.endswith("s") else item.text
    return _UNIT_SECONDS.get(word)


def read_values(
    items: Sequence[Item], ref_year: int, currencies: Currencies = DEFAULT_CURRENCIES
) -> list[Value]:
    """Every number in the sentence, with its qualifier and any time unit; money in ``currencies``."""
    found: list[Value] = []
    i = 0
    while i < len(items):
        item, after = items[i], i + 1
        number: float | None = None
        ordinal = False
        if item.kind == "num":
            parsed = _parse_digits(item.text)
            bracketed = 0 < i < len(items) - 1 and items[i - 1].text == "[" and items[i + 1].text == "]"
            if parsed is None or bracketed:  # "[4]" is a citation mark
                i += 1
                continue
            number, ordinal = parsed
            if not ordinal and item.text.isdigit() and len(item.text) == 4 and 1900 <= number < 2100:
                years = ref_year - number
                if i > 0 and items[i - 1].text == "since" and 0 < years <= 100:
                    year = _UNIT_SECONDS["year"]
                    found.append(Value(i - 1, i, years, None, years * year, year, True, False))
                i += 1  # a year, not a count
                continue
            currency, first_item = _currency_before(items, i, currencies)
            if after < len(items) and items[after].text in _SCALES:
                number *= _SCALES[items[after].text]
                after += 1
            elif currency and after < len(items) and items[after].text in _MONEY_SCALES:
                number *= _MONEY_SCALES[items[after].text]  # "EUR 900m", "P2.1bn"
                after += 1
            if currency is None and after < len(items) and items[after].kind == "word":
                currency = currencies.after(items[after].text)
                after += currency is not None
            measure, measured_to = (None, after) if currency else _measure_after(items, after)
            if measure is not None and _time_unit(items[after]) is None:
                qualifier, first = _qualifier_before(items, i)
                conversion = _is_conversion(items, first, found, measured=True)
                found.append(
                    Value(
                        first,
                        measured_to - 1,
                        number,
                        qualifier,
                        **_PLAIN,
                        conversion=conversion,
                        measure=measure,
                    )
                )
                i = measured_to
                continue
            if currency is not None:
                qualifier, first = _qualifier_before(items, first_item)
                conversion = _is_conversion(items, first, found)
                found.append(
                    Value(
                        first,
                        after - 1,
                        number,
                        qualifier,
                        **_PLAIN,
                        conversion=conversion,
                        currency=currency,
                    )
                )
                i = after
                continue
        elif item.text in _ORDINAL_WORDS:
            number, ordinal = float(_ORDINAL_WORDS[item.text]), True
        elif item.text in ("a", "an") and after < len(items):
            following = items[after]
            if following.text in _SCALES or following.text == "dozen":  # "a hundred", "a million"
                parsed_words = _parse_words(items, after, one=True)
                if parsed_words:
                    number, after = parsed_words
            elif not following.text.endswith("s") and _time_unit(following) is not None:
                number = 1.0  # "a day", "in a decade": the unit is read below
        elif item.kind == "word":
            parsed_words = _parse_words(items, i)
            if parsed_words:
                number, after = parsed_words
        if number is None:
            i += 1
            continue
        seconds = unit = None
        if (
            after + 1 < len(items)
            and items[after].text in _DURATION_ADJECTIVES
            and _time_unit(items[after + 1]) is not None
        ):
            after += 1  # "two full days", "three straight weeks"
        if after < len(items) and (unit := _time_unit(items[after])) is not None:
            seconds, after = number * unit, after + 1
        elif after < len(items) and items[after].joined and items[after].text in _COUNT_SUFFIXES:
            after += 1
        elif after < len(items) and items[after].text == "%" and items[after].start == items[after - 1].end:
            after += 1  # "50.7%": the sign is part of the value, as "percent" is a word after it
        elif after < len(items) and item.kind == "word" and (currency := currencies.after(items[after].text)):
            # "two and a half billion shillings", "Eighty-five million euros": money in words
            qualifier, first = _qualifier_before(items, i)
            found.append(Value(first, after, number, qualifier, **_PLAIN, currency=currency))
            i = after + 1
            continue
        qualifier, first = _qualifier_before(items, i)
        adverbial = seconds is not None and first > 0 and items[first - 1].text == "in"
        found.append(Value(first, after - 1, number, qualifier, seconds, unit, adverbial, ordinal))
        i = after
    return found
