"""Money claims: currency symbols, codes and words, scale words, conversions in brackets."""

from __future__ import annotations

import pytest

from tests.profiles import minimal_profile_text
from transforms.analysis.claims import extract_claims
from transforms.profile import EventProfile, ProfileError, parse_event_profile

PROFILE = minimal_profile_text(
    """
[[claims]]
id = "damage"
label = "Crop damage"
kind = "money"
unit = "pesos"
cues = ["damage to crops", "farm damage"]

[[claims]]
id = "deal"
label = "Deal value"
kind = "money"
unit = "EUR"
cues = ["deal", "takeover"]

[[claims]]
id = "seats"
label = "Seats"
kind = "count"
unit = "seats"
cues = ["seats"]
"""
)


@pytest.fixture(scope="module")
def profile() -> EventProfile:
    return parse_event_profile(PROFILE)


def amounts(text: str, profile: EventProfile) -> list[tuple[str, float, str]]:
    return [(c.claim_type, c.value, c.unit) for c in extract_claims(text, profile)]  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    [
        "Damage to crops was put at P2.1 billion.",
        "Officials put damage to crops at 2.1 billion pesos ($37 million).",
        "Officials estimated farm damage at PHP 2.1 billion.",
        "Farm damage reached ₱2.1bn by Friday.",
    ],
)
def test_pesos_however_written(text: str, profile: EventProfile) -> None:
    assert amounts(text, profile) == [("damage", 2_100_000_000.0, "PHP")]


def test_a_conversion_in_brackets_is_not_a_second_value(profile: EventProfile) -> None:
    text = "The deal, worth EUR 4.2 billion ($4.6 billion), closed on Friday."
    assert amounts(text, profile) == [("deal", 4_200_000_000.0, "EUR")]


def test_another_currency_is_not_the_claims(profile: EventProfile) -> None:
    assert amounts("The takeover was valued at $4.6 billion.", profile) == []


def test_a_currency_word_before_a_number_is_a_word(profile: EventProfile) -> None:
    # "won" is a verb here, not the Korean currency.
    assert amounts("The party won 113 of the 240 seats.", profile) == [("seats", 113.0, "seats")]


def test_an_unknown_currency_in_the_profile_is_an_error() -> None:
    with pytest.raises(ProfileError, match=r"\[\[claims\]\] #1 \('damage'\) unit: expected a currency"):
        parse_event_profile(PROFILE.replace('unit = "pesos"', 'unit = "doubloons"'))


@pytest.mark.parametrize(
    "text",
    [
        "Analysts welcomed the EUR 4.2 billion ($4.6 billion) deal.",  # the conversion does not part them
        "Brandvik agreed to buy Haeon for EUR 4.2 billion in cash, the deal documents show.",
    ],
)
def test_a_deal_value_after_its_conversion_or_its_named_object(text: str) -> None:
    profile = parse_event_profile(PROFILE.replace('cues = ["deal", "takeover"]', 'cues = ["deal", "buy"]'))
    assert amounts(text, profile)[0] == ("deal", 4_200_000_000.0, "EUR")


def test_a_sum_paid_in_another_year_is_another_deals(profile: EventProfile) -> None:
    assert amounts("Brandvik's EUR 900m takeover of Kestrel in 2021 took years to integrate.", profile) == []


COMPENSATION = minimal_profile_text(
    """
[[claims]]
id = "compensation"
label = "Compensation and refunds"
kind = "money"
unit = "EUR"
cues = ["compensation"]
"""
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The cue inside the noun phrase the value completes with "of".
        ("The airline faces a compensation and refund bill of EUR 85 million.", [85e6]),
        # ... but not past the phrase's determiner or possessive.
        ("The compensation rules set the airline's own loss of EUR 40 million apart.", []),
        # A sum is "for" its purpose.
        ("It has set aside 85 million euros for compensation and refunds.", [85e6]),
        # A figure restated as another's estimate: the same claim type.
        (
            "The bill for compensation could reach EUR 110 million, above the airline's estimate of"
            " EUR 85 million.",
            [110e6, 85e6],
        ),
    ],
)
def test_money_reaches_its_cue_through_a_noun_phrase_or_a_purpose(text: str, expected: list) -> None:
    profile = parse_event_profile(COMPENSATION)
    assert [c.value for c in extract_claims(text, profile)] == expected


def _funding(unit_lines: str) -> EventProfile:
    return parse_event_profile(
        minimal_profile_text(
            f"""
[[claims]]
id = "funding"
label = "Emergency funding"
kind = "money"
{unit_lines}
cues = ["emergency funding"]
"""
        )
    )


@pytest.mark.parametrize(
    ("unit_lines", "text", "expected"),
    [
        # Any ISO code, with the English name of its currency.
        ('unit = "KES"', "It released 2.4 billion shillings in emergency funding.", [(2.4e9, "KES")]),
        ('unit = "NGN"', "Emergency funding reached 900 million naira.", [(9e8, "NGN")]),
        # The profile's currency wins over the built-in reading of a shared name.
        ('unit = "MXN"', "Emergency funding reached 500 million pesos.", [(5e8, "MXN")]),
        # Forms of the local press; a capitalised one may stand before the number.
        (
            'unit = "KES"\ncurrency_words = ["KSh"]',
            "It released KSh 2.4 billion in emergency funding.",
            [(2.4e9, "KES")],
        ),
        # A currency with no ISO code, read by its currency_words only.
        (
            'unit = "staters"\ncurrency_words = ["staters", "stater"]',
            "Emergency funding of 65 million staters ($70 million) was approved.",
            [(6.5e7, "staters")],
        ),
        # A lower-case word is never a prefix: "staters 65" is no amount.
        ('unit = "staters"\ncurrency_words = ["staters"]', "Emergency funding: staters 65 were spent.", []),
    ],
)
def test_money_in_any_currency_the_profile_names(unit_lines: str, text: str, expected: list) -> None:
    assert [(c.value, c.unit) for c in extract_claims(text, _funding(unit_lines))] == expected


@pytest.mark.parametrize(
    ("unit_lines", "message"),
    [
        ('unit = "shillings"', r"unit: expected one currency, but 'shillings' names several \(KES, SOS"),
        ('unit = "doubloons"', r"unit: expected a currency .*currency_words"),
    ],
)
def test_an_ambiguous_or_unknown_currency_says_how_to_name_it(unit_lines: str, message: str) -> None:
    with pytest.raises(ProfileError, match=message):
        _funding(unit_lines)


def test_currency_words_belong_to_money_claims() -> None:
    text = minimal_profile_text(
        '[[claims]]\nid = "dead"\nlabel = "Dead"\nkind = "count"\nunit = "people"\ncues = ["killed"]\n'
        'currency_words = ["KSh"]\n'
    )
    with pytest.raises(ProfileError, match=r"\('dead'\) currency_words: expected only in a claim of kind"):
        parse_event_profile(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A verb setting a figure through its object: the cue inside the object.
        ("The government raised its emergency funding for the outbreak to 3.1 billion shillings.", [3.1e9]),
        ("Officials put emergency funding so far at 2.4 billion shillings.", [2.4e9]),
        # Without such a verb, "to" reaches nothing.
        ("Emergency funding talks moved to 3.1 billion shillings of other spending.", []),
    ],
)
def test_a_figure_set_through_a_verbs_object(text: str, expected: list) -> None:
    profile = _funding('unit = "KES"')
    assert [c.value for c in extract_claims(text, profile)] == expected


def test_an_exclude_word_inside_the_object_bars_the_figure() -> None:
    profile = parse_event_profile(
        PROFILE.replace('cues = ["damage to crops", "farm damage"]', 'cues = ["damage"]\nexclude = ["roads"]')
    )
    text = "The department estimated damage to roads and bridges at P740 million."
    assert amounts(text, profile) == []
    assert amounts("The department estimated damage to farms at P740 million.", profile) == [
        ("damage", 740_000_000.0, "PHP")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It put two and a half billion shillings into emergency funding.", [2.5e9]),
        ("Emergency funding reached a billion shillings.", [1e9]),
        ("Emergency funding of one and a half million shillings was approved.", [1.5e6]),
        # "in" with one word before the cue: "€40m in new emergency funding"
        ("Donors put 40 million shillings in new emergency funding on the table.", [4e7]),
        ("Donors put 40 million shillings in the end into a fund for emergency funding.", []),
    ],
)
def test_money_written_in_words(text: str, expected: list) -> None:
    assert [c.value for c in extract_claims(text, _funding('unit = "KES"'))] == expected
