"""Names on another event: longer names, relatives sharing a surname, roles, dotted variants.

Invented typhoon coverage, so none of these rules can lean on the bundled visit's wording.
"""

from __future__ import annotations

import pytest

from transforms.analysis.entities import find_entity_mentions
from transforms.profile import EventProfile, ProfileError, parse_event_profile

ENTITIES = """
[[entities]]
id = "rafael-dantes"
name = "Rafael Dantes"
kind = "person"
variants = ["Rafael M. Dantes"]
context_aliases = ["Dantes"]
roles = ["President", "the president"]

[[entities]]
id = "talavera"
name = "Talavera"
kind = "place"
variants = ["Talavera Province"]

[[entities]]
id = "santa-ana"
name = "Santa Ana"
kind = "place"
variants = ["Sta. Ana"]
"""


@pytest.fixture(scope="module")
def profile() -> EventProfile:
    return parse_event_profile(
        '[event]\nid = "t"\nname = "t"\nstart = 2027-09-14\nend = 2027-09-18\n'
        + ENTITIES
        + '\n[[topics]]\nid = "x"\nlabel = "x"\nkeywords = ["x"]\n'
    )


def counts(text: str, profile: EventProfile) -> dict[str, int]:
    found: dict[str, int] = {}
    for mention in find_entity_mentions(text, profile):
        found[mention.entity_id] = found.get(mention.entity_id, 0) + mention.count
    return found


@pytest.mark.parametrize(
    "text",
    [
        "Water rose along the Talavera River overnight.",
        "Families sheltered at the Talavera Sports Complex on Tuesday.",
        "The Talavera Provincial Disaster Risk Reduction Office said roads were closed.",
        "Officials at the University of Talavera opened the gym to evacuees.",
        "The Talavera Farmers' Council asked for seed money.",
        "The car has been built at Talavera Works since 2019.",
        "Customers of Talavera Telecom queued at its shops.",
        "Talavera Motors recalled its cars.",
        "The Talavera Farmers’ Association asked for seed money.",
    ],
)
def test_a_place_inside_a_longer_name_is_not_the_place(text: str, profile: EventProfile) -> None:
    assert "talavera" not in counts(text, profile)


def test_the_place_itself_still_counts(profile: EventProfile) -> None:
    text = "The storm hit Talavera on Tuesday. Talavera Province declared a state of calamity."
    assert counts(text, profile)["talavera"] == 2


def test_a_role_before_the_surname_is_a_full_mention(profile: EventProfile) -> None:
    # No full name anywhere: "President Dantes" alone still names him; a bare "Dantes" then counts too.
    text = "President Dantes flew over the worst-hit towns. Dantes promised aid within a week."
    assert counts(text, profile)["rafael-dantes"] == 2


def test_a_relative_sharing_the_surname_is_someone_else(profile: EventProfile) -> None:
    text = (
        "President Rafael Dantes ordered the evacuation. His sister, Senator Carmen Dantes, criticised "
        "the response, and later said Senator Dantes would file a resolution. Critics also quoted "
        "Carmen Dantes at length."
    )
    assert counts(text, profile)["rafael-dantes"] == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bare surname after a namesake the profile does not know, named in full, is that namesake.
        ("Rafael Dantes flew north. In Talavera, Carmen Dantes ran the shelter. Dantes said it was full.", 1),
        # ... and stays hers when the entity is named in passing in a sentence about her.
        (
            "In Talavera, Carmen Dantes ran the shelter. Dantes, who is no relation of the president, "
            "Rafael Dantes, said it was full. Dantes later closed it.",
            1,
        ),
        # ... also when the idiom alone sets the entity apart.
        (
            "Carmen Dantes ran the shelter. The volunteer, who is no relation of the president, Rafael "
            "Dantes, said it was full. Dantes later closed it.",
            1,
        ),
        # Named after her, the entity takes the surname back.
        (
            "In Talavera, Carmen Dantes ran the shelter. Rafael Dantes flew north. Dantes said aid was"
            " coming.",
            2,
        ),
    ],
)
def test_a_namesake_named_in_full_takes_the_bare_surname(
    text: str, expected: int, profile: EventProfile
) -> None:
    assert counts(text, profile)["rafael-dantes"] == expected


def test_a_surname_opening_a_sentence_after_a_capitalised_word_still_counts(profile: EventProfile) -> None:
    text = "Rafael Dantes arrived at noon. Yesterday Dantes toured the shelters."
    assert counts(text, profile)["rafael-dantes"] == 2


def test_a_variant_abbreviated_with_a_full_stop_matches(profile: EventProfile) -> None:
    text = "Floodwater reached Sta. Ana by dawn; residents of Sta Ana and Santa Ana were moved."
    assert counts(text, profile)["santa-ana"] == 3


def test_roles_must_be_an_array_of_strings() -> None:
    bad = ENTITIES.replace('roles = ["President", "the president"]', 'roles = "President"')
    with pytest.raises(ProfileError, match=r"\[\[entities\]\] #1 \('rafael-dantes'\) roles"):
        parse_event_profile(
            '[event]\nid = "t"\nname = "t"\nstart = 2027-09-14\nend = 2027-09-18\n'
            + bad
            + '\n[[topics]]\nid = "x"\nlabel = "x"\nkeywords = ["x"]\n'
        )


def test_a_nickname_inside_a_full_name_still_names_the_person() -> None:
    profile = parse_event_profile(
        '[event]\nid = "t"\nname = "t"\nstart = 2027-09-14\nend = 2027-09-18\n'
        '[[entities]]\nid = "juan-cruz"\nname = "Juan Cruz"\nkind = "person"\n'
        '\n[[topics]]\nid = "x"\nlabel = "x"\nkeywords = ["x"]\n'
    )
    text = 'Mayor Juan "Jun" Cruz opened the gym to evacuees.'
    (mention,) = find_entity_mentions(text, profile)
    assert (mention.entity_id, mention.variant) == ("juan-cruz", 'Juan "Jun" Cruz')


def test_a_title_the_article_gives_the_full_name_tells_relatives_apart() -> None:
    # No roles in the profile: the article's own "President Teodoro Alcaraz" is what tells them apart.
    profile = parse_event_profile(
        '[event]\nid = "t"\nname = "t"\nstart = 2027-09-14\nend = 2027-09-18\n'
        '[[entities]]\nid = "teodoro-alcaraz"\nname = "Teodoro Alcaraz"\nkind = "person"\n'
        'context_aliases = ["Alcaraz"]\n'
        '\n[[topics]]\nid = "x"\nlabel = "x"\nkeywords = ["x"]\n'
    )
    text = (
        "President Teodoro Alcaraz flew to Isabela. On Friday, President Alcaraz promised aid, "
        "while Senator Alcaraz, his sister, called the response slow."
    )
    assert sum(m.count for m in find_entity_mentions(text, profile)) == 2


DECLARING = """
[[entities]]
id = "lumina"
name = "Typhoon Lumina"
kind = "other"

[[entities]]
id = "ndc"
name = "National Disaster Council"
kind = "organisation"
"""


@pytest.fixture(scope="module")
def declaring() -> EventProfile:
    return parse_event_profile(
        '[event]\nid = "t"\nname = "t"\nstart = 2027-09-14\nend = 2027-09-18\n'
        + DECLARING
        + '\n[[topics]]\nid = "x"\nlabel = "x"\nkeywords = ["x"]\n'
    )


def test_names_an_article_declares_equal_count_for_the_entity(declaring: EventProfile) -> None:
    text = (
        "Typhoon Lumina, known locally as Dalisay, hit Isabela. The National Disaster Council (NDC) "
        "said Dalisay killed nine people. The NDC will meet again on Friday."
    )
    assert counts(text, declaring) == {"lumina": 3, "ndc": 3}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Typhoon Lumina, also called Dalisay, hit Isabela. Dalisay killed nine.", {"lumina": 3}),
        ("Typhoon Lumina (called Dalisay at home) hit Isabela. Dalisay killed nine.", {"lumina": 3}),
        # A bare "called" names the phrase's head: a woman called Dalisay, not the storm.
        ("A teacher who fled Typhoon Lumina called Dalisay said she was safe.", {"lumina": 1}),
    ],
)
def test_called_declares_a_name_only_after_a_comma_or_bracket(
    text: str, expected: dict, declaring: EventProfile
) -> None:
    assert counts(text, declaring) == expected


def test_a_declaration_holds_only_in_its_article(declaring: EventProfile) -> None:
    assert counts("Dalisay killed nine people, the NDC said.", declaring) == {}


def test_brackets_that_do_not_abbreviate_the_name_are_not_an_acronym(declaring: EventProfile) -> None:
    text = "The National Disaster Council (PAGASA) met. PAGASA issued warnings."
    assert counts(text, declaring) == {"ndc": 1}


def test_a_given_name_opening_a_sentence_still_makes_someone_else(profile: EventProfile) -> None:
    text = "President Rafael Dantes spoke first. Carmen Dantes, a teacher, said the school had burned."
    assert counts(text, profile)["rafael-dantes"] == 1


def test_an_ordinary_word_opening_a_sentence_does_not(profile: EventProfile) -> None:
    text = "Rafael Dantes spoke first. Later Dantes toured the school."
    assert counts(text, profile)["rafael-dantes"] == 2


def test_a_station_named_after_a_place_is_not_the_place(profile: EventProfile) -> None:
    assert "talavera" not in counts("The mayor told Radio Talavera that the road was closed.", profile)


def test_a_title_written_before_a_relatives_full_name_gives_her_the_surname() -> None:
    profile = parse_event_profile(
        '[event]\nid = "t"\nname = "t"\nstart = 2027-09-14\nend = 2027-09-18\n'
        '[[entities]]\nid = "teodoro-alcaraz"\nname = "Teodoro Alcaraz Jr."\nkind = "person"\n'
        'variants = ["Teodoro Alcaraz"]\ncontext_aliases = ["Alcaraz"]\n'
        '[[entities]]\nid = "lorna-alcaraz"\nname = "Lorna Alcaraz"\nkind = "person"\n'
        '\n[[topics]]\nid = "x"\nlabel = "x"\nkeywords = ["x"]\n'
    )
    text = (
        "Teodoro Alcaraz, the president, flew north. His sister, Senator Lorna Alcaraz, was not "
        "impressed, and Senator Alcaraz said so. Alcaraz later defended the response."
    )
    assert counts(text, profile) == {"teodoro-alcaraz": 2, "lorna-alcaraz": 2}


def test_declared_names_become_candidates_for_the_profile_with_their_declaration(
    declaring: EventProfile,
) -> None:
    from transforms.analysis.candidates import CandidateName, declared_candidates

    text = (
        "Typhoon Lumina, known locally as Dalisay, hit Isabela. The National Disaster Council (NDC) "
        "said Dalisay killed nine people. The NDC will meet again on Friday."
    )
    assert declared_candidates(text, declaring) == [
        CandidateName(
            "Dalisay", 2, text.index("Dalisay"), "lumina", "Typhoon Lumina, known locally as Dalisay"
        ),
        CandidateName("NDC", 2, text.index("NDC"), "ndc", "National Disaster Council (NDC)"),
    ]
    assert declared_candidates("Dalisay killed nine people, the NDC said.", declaring) == []


def test_a_place_inside_a_carriers_name_is_not_the_place() -> None:
    ferries = parse_event_profile(
        '[event]\nid = "t"\nname = "t"\nstart = 2027-09-14\nend = 2027-09-18\n'
        '[[entities]]\nid = "kestra"\nname = "Kestra"\nkind = "place"\n'
        '\n[[topics]]\nid = "x"\nlabel = "x"\nkeywords = ["x"]\n'
    )
    assert counts("Kestra Lines will add two sailings a day to Kestra.", ferries) == {"kestra": 1}


def test_a_name_with_a_plural_possessive_matches_as_written() -> None:
    profile = parse_event_profile(
        '[event]\nid = "t"\nname = "t"\nstart = 2027-09-14\nend = 2027-09-18\n'
        '[[entities]]\nid = "pilots"\nname = "Selvana Airline Pilots\' Association"\nkind = "organisation"\n'
        '\n[[topics]]\nid = "x"\nlabel = "x"\nkeywords = ["x"]\n'
    )
    text = "The Selvana Airline Pilots' Association met. The Selvana Airline Pilots’ Association agreed."
    assert counts(text, profile) == {"pilots": 2}
    # Two words that only touch an apostrophe are not one name: "the pilots' ... Association".
    assert counts("The Selvana Airline Pilots' own Association met.", profile) == {}
