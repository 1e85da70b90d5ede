"""Units of measure as news text writes them, converted with pint.

Only spellings listed in :data:`UNIT_SPELLINGS` count as units: pint itself reads far too much as a unit
for prose ("in" is an inch, "at" an atmosphere, "a" a year). Each spelling maps to a pint expression;
:func:`convert` turns a value from one unit into another of the same dimension, or says it cannot.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["UNIT_SPELLINGS", "convert", "max_spelling_words", "unit_expression"]

#: Folded spelling (lower case, single spaces, no space around "/") -> pint expression.
UNIT_SPELLINGS: dict[str, str] = {
    # speed
    "km/h": "km/h", "kph": "km/h", "kmh": "km/h", "km/hr": "km/h", "kmph": "km/h",
    "kilometres per hour": "km/h", "kilometers per hour": "km/h", "kilometre per hour": "km/h",
    "mph": "mile/hour", "miles per hour": "mile/hour", "knots": "knot", "knot": "knot", "kt": "knot",
    "m/s": "m/s", "metres per second": "m/s", "meters per second": "m/s",
    # length
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "miles": "mile", "mile": "mile", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
    "cm": "cm", "centimetres": "cm", "centimeters": "cm", "mm": "mm", "millimetres": "mm",
    "millimeters": "mm", "inches": "inch", "feet": "foot", "ft": "foot", "foot": "foot",
    # area
    "hectares": "hectare", "hectare": "hectare", "ha": "hectare", "acres": "acre", "acre": "acre",
    "square kilometres": "km**2", "square kilometers": "km**2", "sq km": "km**2", "km2": "km**2",
    "square miles": "mile**2", "sq mi": "mile**2",
    # mass, volume, energy, power
    "tonnes": "metric_ton", "tonne": "metric_ton", "metric tons": "metric_ton", "kg": "kg",
    "kilograms": "kg", "kilos": "kg", "litres": "liter", "liters": "liter", "gallons": "gallon",
    "barrels": "barrel", "mw": "MW", "megawatts": "MW", "gw": "GW", "gigawatts": "GW", "kwh": "kWh",
    "mwh": "MWh", "gwh": "GWh",
    # temperature
    "°c": "degC", "degrees celsius": "degC", "celsius": "degC", "°f": "degF", "fahrenheit": "degF",
}  # fmt: skip
_LONGEST = max(len(spelling.split()) for spelling in UNIT_SPELLINGS)
# The pint expressions themselves are spellings too (a profile may write unit = "km**2").
_EXPRESSIONS = {expression.lower(): expression for expression in UNIT_SPELLINGS.values()}


@lru_cache(maxsize=1)
def _registry() -> Any:
    import pint  # loaded on first use: about 0.3 s, paid only by profiles with quantity claims

    return pint.UnitRegistry()


def unit_expression(text: str) -> str | None:
    """The pint expression a unit spelling names ("kph" -> "km/h", "km**2" -> itself), or ``None`` for
    anything else. No pint call: this runs for every number a claim scan meets."""
    folded = " ".join(text.lower().replace(" /", "/").replace("/ ", "/").split())
    return UNIT_SPELLINGS.get(folded) or _EXPRESSIONS.get(folded)


def convert(value: float, from_unit: str, to_unit: str) -> float | None:
    """``value`` in ``from_unit`` expressed in ``to_unit`` (pint expressions), or ``None`` when the two
    measure different things."""
    registry = _registry()
    try:
        return float(registry.Quantity(value, from_unit).to(to_unit).magnitude)
    except Exception:  # DimensionalityError, or an expression pint cannot read
        return None


def max_spelling_words() -> int:
    """The most words a spelling has ("kilometres per hour": 3)."""
    return _LONGEST
