"""Quantity claims: units as the press writes them, converted to the profile's unit."""

from __future__ import annotations

import pytest

from tests.profiles import minimal_profile_text
from transforms.analysis.claims import extract_claims
from transforms.profile import EventProfile, ProfileError, parse_event_profile

PROFILE = minimal_profile_text(
    """
[[claims]]
id = "wind"
label = "Peak sustained wind"
kind = "quantity"
unit = "km/h"
cues = ["sustained winds", "winds"]
exclude = ["gusts"]

[[claims]]
id = "burned"
label = "Area burned"
kind = "quantity"
unit = "hectares"
cues = ["burned", "scorched"]
"""
)


@pytest.fixture(scope="module")
def profile() -> EventProfile:
    return parse_event_profile(PROFILE)


def measures(text: str, profile: EventProfile) -> list[tuple[str, object, str]]:
    return [(c.claim_type, c.value, c.unit) for c in extract_claims(text, profile)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It packed maximum sustained winds of 185 km/h near its centre.", 185.0),
        ("The storm had sustained winds of 185km/h.", 185.0),
        ("Forecasters put its winds at 185 kilometres per hour.", 185.0),
        ("The typhoon made landfall with sustained winds of 121 mph.", 194.7),
    ],
)
def test_speeds_however_written_land_in_the_profiles_unit(
    text: str, value: float, profile: EventProfile
) -> None:
    assert measures(text, profile) == [("wind", value, "km/h")]


def test_a_conversion_in_brackets_is_not_a_second_value(profile: EventProfile) -> None:
    text = "It came ashore with sustained winds of 195 km/h (121 mph)."
    assert measures(text, profile) == [("wind", 195.0, "km/h")]


def test_acres_become_hectares(profile: EventProfile) -> None:
    assert measures("The fire has burned about 30,000 acres.", profile) == [("burned", 12140.6, "hectares")]


def test_a_unit_of_another_dimension_is_not_the_claims(profile: EventProfile) -> None:
    assert measures("Sustained winds were felt 40 km inland.", profile) == []


def test_an_unknown_unit_in_the_profile_is_an_error() -> None:
    with pytest.raises(ProfileError, match=r"\[\[claims\]\] #1 \('wind'\) unit: expected a unit of measure"):
        parse_event_profile(PROFILE.replace('unit = "km/h"', 'unit = "furlongs per fortnight"'))


def test_a_unit_listed_as_a_cue_is_cue_enough() -> None:
    with_unit = PROFILE.replace('cues = ["sustained winds", "winds"]', 'cues = ["winds", "km/h"]')
    profile = parse_event_profile(with_unit)
    assert measures("PAGASA put them at 185km/h.", profile) == [("wind", 185.0, "km/h")]
    assert measures("The warning centre had the storm at 121 mph.", profile) == [("wind", 194.7, "km/h")]
    # An exclude word, a change's end point or a speed of travel keeps the unit alone from counting.
    assert measures("Gusts of up to 240 km/h were recorded.", profile) == []
    assert measures("By noon it had weakened to 150 km/h.", profile) == []
    assert measures("It was moving west at 20 km/h.", profile) == []
    # Without the unit among the cues, a bare speed is no claim.
    assert measures("PAGASA put them at 185km/h.", parse_event_profile(PROFILE)) == []
