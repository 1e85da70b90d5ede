"""Currencies as the press writes them: symbols, codes and words, folded to ISO 4217 codes.

"P2.1 billion", "₱2.4 billion", "PHP 2.6 billion" and "2.1 billion pesos" are all Philippine pesos;
"EUR 4.2 billion", "€4.2bn" and "4.2 billion euros" are euros. A bare "P" only counts glued to its
number (the Philippine press's "P2.1 billion"), so a capital P elsewhere is never money.

Every ISO 4217 code is a currency (Babel's list); a profile's money claim in any of them also reads
the English name of its currency ("KES": "shillings", "NGN": "naira"), and a claim's
``currency_words`` add the forms a local press uses ("KSh", or a currency the code list lacks).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from babel.numbers import get_currency_name, get_currency_symbol, list_currencies

__all__ = [
    "CURRENCY_WORDS",
    "DEFAULT_CURRENCIES",
    "GLUED_ONLY",
    "PREFIXES",
    "Currencies",
    "ambiguous_currency_word",
    "currency_code",
    "profile_currencies",
]

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


#: Every ISO 4217 code, current and withdrawn (an old report may give "DEM").
ISO_CODES = frozenset(code for code in list_currencies() if len(code) == 3 and code.isalpha())


def currency_code(text: str) -> str | None:
    """The ISO 4217 code ``text`` names (a code itself, a symbol or a word), or ``None``."""
    folded = text.strip().lower()
    if folded.upper() in _CODES or folded.upper() in ISO_CODES:
        return folded.upper()
    return CURRENCY_WORDS.get(folded)


def ambiguous_currency_word(text: str) -> tuple[str, ...]:
    """The ISO codes whose English name ends in the word ``text`` when there are several ("shillings":
    KES, SOS, TZS, UGX), else ()."""
    return _names_ending().get(text.strip().lower(), ())


@lru_cache(maxsize=1)
def _names_ending() -> dict[str, tuple[str, ...]]:
    ending: dict[str, set[str]] = {}
    for code in ISO_CODES:
        for word in _english_name_words(code):
            ending.setdefault(word, set()).add(code)
    return {word: tuple(sorted(codes)) for word, codes in ending.items() if len(codes) > 1}


def _english_name_words(code: str) -> set[str]:
    """The last word of the currency's English names, singular and plural ("shilling", "shillings")."""
    names = {get_currency_name(code, count=n, locale="en") for n in (1, 2)}
    return {name.split()[-1].lower() for name in names if name and name != code}


@dataclass(frozen=True)
class Currencies:
    """The written forms of money a sentence is read with: lower-case form -> currency, and the forms
    that may stand before a number (symbols, codes, abbreviations) or only glued to it ("P2.1")."""

    words: Mapping[str, str]
    prefixes: frozenset[str]
    glued_only: frozenset[str]

    def after(self, form: str) -> str | None:
        """The currency ``form`` names when written after its number ("2.4 billion shillings")."""
        return None if form in self.glued_only else self.words.get(form)

    def before(self, form: str) -> str | None:
        """The currency ``form`` names when written before its number ("KSh 2.4 billion")."""
        return self.words.get(form) if form in self.prefixes else None


DEFAULT_CURRENCIES = Currencies(CURRENCY_WORDS, PREFIXES, GLUED_ONLY)


def profile_currencies(claims: Iterable[tuple[str, tuple[str, ...]]]) -> Currencies:
    """The default forms plus, for each money claim's (currency, currency_words), the English name of
    its currency and its own forms, which win over the defaults ("pesos" is MXN for a Mexican
    event). A form the profile writes with a capital letter or a symbol ("KSh", "R$") may stand
    before the number; a lower-case word ("staters") only after it."""
    words = dict(CURRENCY_WORDS)
    prefixes = set(PREFIXES)
    for currency, own in claims:
        if currency in ISO_CODES:
            words.update(dict.fromkeys(_english_name_words(currency), currency))
            symbol = get_currency_symbol(currency, locale="en").lower()
            if symbol != currency.lower() and " " not in symbol:
                words[symbol] = currency
                prefixes.add(symbol)
        for form in own:
            folded = form.strip().lower()
            words[folded] = currency
            if not form.strip().isalpha() or not form.strip().islower():
                prefixes.add(folded)
    return Currencies(words, frozenset(prefixes), GLUED_ONLY)
