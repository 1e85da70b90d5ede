"""Currencies as the press writes them: symbols, codes and words, folded to ISO 4217 codes.

"P2.1 billion", "₱2.4 billion", "PHP 2.6 billion" and "2.1 billion pesos" are all Philippine pesos;
"EUR 4.2 billion", "€4.2bn" and "4.2 billion euros" are euros. A bare "P" only counts glued to its
number (the Philippine press's "P2.1 billion"), so a capital P elsewhere is never money.
"""

from __future__ import annotations

__all__ = ["CURRENCY_WORDS", "GLUED_ONLY", "PREFIXES", "currency_code"]

#: Lower-case symbol, code or word -> ISO 4217 code.
CURRENCY_WORDS: dict[str, str] = {
    "₱": "PHP", "php": "PHP", "peso": "PHP", "pesos": "PHP", "p": "PHP",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "$": "USD", "usd": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "¥": "JPY", "jpy": "JPY", "yen": "JPY",
    "₩": "KRW", "krw": "KRW", "won": "KRW",
    "yuan": "CNY", "cny": "CNY", "rmb": "CNY", "renminbi": "CNY",
    "chf": "CHF", "francs": "CHF", "sek": "SEK", "kronor": "SEK", "nok": "NOK", "dkk": "DKK",
    "inr": "INR", "rupees": "INR", "₹": "INR",
}  # fmt: skip
#: Spellings that are money only when written against the number ("P2.1", not "P 2.1").
GLUED_ONLY = frozenset({"p"})
_CODES = frozenset(CURRENCY_WORDS.values())
#: What may stand before a number: symbols and codes ("EUR 4.2", "$4.6"), never a word: "won 113
#: of the 240 seats" is a verb, and currency words follow their number ("61,500 won").
PREFIXES = frozenset(
    key for key in CURRENCY_WORDS if not key.isalpha() or key.upper() in _CODES or key in GLUED_ONLY
)


def currency_code(text: str) -> str | None:
    """The ISO 4217 code ``text`` names (a code itself, a symbol or a word), or ``None``."""
    folded = text.strip().lower()
    if folded.upper() in _CODES:
        return folded.upper()
    return CURRENCY_WORDS.get(folded)
