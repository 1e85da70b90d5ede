"""Speakers named by description: profile roles, the article's own appositions, nicknames in names.

Invented typhoon coverage, so the rules cannot lean on the bundled visit's wording.
"""

from __future__ import annotations

import pytest

from transforms.analysis.quotes import extract_quotes
from transforms.profile import EventProfile, parse_event_profile

PROFILE = """
[event]
id = "t"
name = "t"
start = 2027-09-14
end = 2027-09-18

[[entities]]
id = "rafael-dantes"
name = "Rafael Dantes"
kind = "person"
context_aliases = ["Dantes"]
roles = ["President", "the president", "the Filipino leader"]

[[entities]]
id = "maria-santos"
name = "Maria Santos"
kind = "person"
context_aliases = ["Santos"]

[[entities]]
id = "ana-reyes"
name = "Ana Reyes"
kind = "person"
roles = ["spokeswoman"]

[[entities]]
id = "lito-garcia"
name = "Lito Garcia"
kind = "person"
roles = ["spokeswoman"]

[[topics]]
id = "x"
label = "x"
keywords = ["x"]
"""


@pytest.fixture(scope="module")
def profile() -> EventProfile:
    return parse_event_profile(PROFILE)


def speakers(text: str, profile: EventProfile) -> dict[str, str | None]:
    return {q.text: q.speaker_entity_id for q in extract_quotes(text, profile)}


def test_a_profile_role_names_the_speaker(profile: EventProfile) -> None:
    text = (
        "Rafael Dantes toured the shelters on Tuesday. "
        '"We will rebuild every school that the water took," the Filipino leader said.'
    )
    assert speakers(text, profile) == {"We will rebuild every school that the water took": "rafael-dantes"}


def test_an_apposition_in_the_article_names_the_speaker_later(profile: EventProfile) -> None:
    text = (
        "Maria Santos, the provincial disaster chief, ordered the evacuation of 12 villages. "
        "Roads to the coast were closed by noon. "
        '"Nobody should go back until the river drops below the warning level," the provincial '
        "disaster chief added."
    )
    (quote,) = extract_quotes(text, profile)
    assert quote.speaker_entity_id == "maria-santos"


def test_a_role_two_entities_share_names_nobody(profile: EventProfile) -> None:
    text = 'Ana Reyes and Lito Garcia briefed reporters. "The airport stays shut," the spokeswoman said.'
    (quote,) = extract_quotes(text, profile)
    assert quote.speaker_entity_id is None


def test_a_description_nobody_holds_names_nobody(profile: EventProfile) -> None:
    text = 'Rafael Dantes spoke first. "The dams held," the chief engineer said.'
    (quote,) = extract_quotes(text, profile)
    assert quote.speaker_entity_id is None


@pytest.mark.parametrize(
    "text",
    [
        'Mayor Juan "Jun" Cruz said the town hall would stay open as a shelter through the weekend.',
        "Residents cheered when Maria 'Mimi' Soto arrived with the first relief trucks.",
    ],
)
def test_a_nickname_inside_a_name_is_not_a_quotation(text: str, profile: EventProfile) -> None:
    assert extract_quotes(text, profile) == []


def test_a_capitalised_scare_quote_between_lower_case_words_is_still_one(profile: EventProfile) -> None:
    text = 'Officials called the relief effort a "Bayanihan" moment for the whole province.'
    assert [q.text for q in extract_quotes(text, profile)] == ["Bayanihan"]


def test_a_title_before_a_full_name_makes_the_description_later(profile: EventProfile) -> None:
    text = (
        "Regional governor Maria Santos toured the dam on Friday. "
        '"The spillway will hold through the weekend," the governor said.'
    )
    (quote,) = extract_quotes(text, profile)
    assert quote.speaker_entity_id == "maria-santos"


def test_a_description_before_the_name_and_a_possessive_role_resolve(profile: EventProfile) -> None:
    text = (
        "His deputy spokesman, Lito Garcia, read a statement. "
        '"Relief goods reached every town by nightfall," the palace\'s deputy spokesman added.'
    )
    (quote,) = extract_quotes(text, profile)
    assert quote.speaker_entity_id == "lito-garcia"


def test_a_bare_surname_speaker_is_the_person_named_in_full(profile: EventProfile) -> None:
    text = 'Maria Santos visited the shelter. "We need more water," Santos said. "And blankets," Reyes said.'
    assert [q.speaker_entity_id for q in extract_quotes(text, profile)] == ["maria-santos", None]


def test_someone_elses_possessive_role_is_not_the_role(profile: EventProfile) -> None:
    text = 'Ana Reyes, the spokeswoman, spoke first. "We were never told," Garcia\'s spokeswoman said.'
    quotes = extract_quotes(text, profile)
    assert [q.text for q in quotes] == ["We were never told"]
    assert quotes[0].speaker_entity_id is None


def test_he_after_someone_the_profile_does_not_know_is_nobody(profile: EventProfile) -> None:
    text = (
        "Maria Santos ordered the evacuation. Benito Cruz, a fisherman, stayed behind with his boat. "
        '"The sea has never come this far inland," he said.'
    )
    (quote,) = extract_quotes(text, profile)
    assert quote.speaker_entity_id is None


def test_he_still_refers_back_when_nobody_new_was_introduced(profile: EventProfile) -> None:
    text = 'Rafael Dantes visited the shelter in Naga. "We will not leave anyone behind," he said.'
    (quote,) = extract_quotes(text, profile)
    assert quote.speaker_entity_id == "rafael-dantes"


def test_a_description_in_other_words_resolves_by_its_distinctive_words(profile: EventProfile) -> None:
    text = (
        "Maria Santos, head of the Provincial Disaster Risk Reduction Office (PDRRO), ordered an evacuation. "
        '"Nobody should go back until the river drops," the provincial disaster chief said. '
        "Ana Reyes, chief financial officer of the relief fund, spoke next. "
        '"The money for the roofs is already in the accounts," the fund\'s finance chief added.'
    )
    assert speakers(text, profile) == {
        "Nobody should go back until the river drops": "maria-santos",
        "The money for the roofs is already in the accounts": "ana-reyes",
    }


def test_a_rank_keeps_a_role_apart(profile: EventProfile) -> None:
    # "the governor" is not "the former governor": the rank makes it another role.
    text = (
        "Former Governor Maria Santos spoke at the rally. "
        '"This coast will never be the same," the governor said. '
        '"We will rebuild," the former governor added.'
    )
    assert speakers(text, profile) == {
        "This coast will never be the same": None,
        "We will rebuild": "maria-santos",
    }


def test_a_long_apposition_between_quote_and_verb(profile: EventProfile) -> None:
    text = (
        '"We saw long queues but no fraud," Maria Santos, the head of the observer mission of the '
        "Alliance for Electoral Observation, said in an interview."
    )
    assert speakers(text, profile) == {"We saw long queues but no fraud": "maria-santos"}


def test_he_is_not_the_person_named_in_a_possessive(profile: EventProfile) -> None:
    text = (
        "Lito Garcia, Rafael Dantes's campaign manager, travelled to the city on Tuesday. "
        '"This is exactly what we asked for," he said.'
    )
    assert speakers(text, profile) == {"This is exactly what we asked for": "lito-garcia"}


@pytest.mark.parametrize(
    "introduction",
    [
        "Hydrologist Benjie Cauilan of Isabela State University disagreed.",
        "Teresita Mabbayad, 54, lost her house. Back on her street, Mabbayad was scrubbing mud.",
    ],
)
def test_he_or_she_after_someone_new_is_nobody(introduction: str, profile: EventProfile) -> None:
    text = f'Maria Santos ordered the evacuation. {introduction} "The river took everything," she said.'
    assert speakers(text, profile) == {"The river took everything": None}


def test_a_surname_two_people_share_is_the_one_named_in_full_last() -> None:
    family = parse_event_profile(
        PROFILE
        + """
[[entities]]
id = "teodoro-alcaraz"
name = "Teodoro Alcaraz Jr."
kind = "person"
context_aliases = ["Alcaraz"]

[[entities]]
id = "lorna-alcaraz"
name = "Lorna Alcaraz"
kind = "person"
"""
    )
    text = (
        "President Teodoro Alcaraz Jr. flew over the flooded towns. "
        "In Manila, Senator Lorna Alcaraz, the president's sister, filed a resolution. "
        '"Families deserve to know who opened the gates," Alcaraz said.'
    )
    assert speakers(text, family) == {"Families deserve to know who opened the gates": "lorna-alcaraz"}


@pytest.mark.parametrize(
    "introduction",
    [
        "The council's spokesman, Elias Moravec, said the request would be renewed.",
        "My neighbour at the gate, a retired teacher called Greta, had a better line.",
    ],
)
def test_she_or_he_after_someone_named_in_passing_is_nobody(introduction: str, profile: EventProfile) -> None:
    text = f'Maria Santos ordered the evacuation. {introduction} "The computer has a headache," she said.'
    assert speakers(text, profile) == {"The computer has a headache": None}


def test_a_bare_surname_after_a_namesake_the_profile_does_not_know_is_nobody(profile: EventProfile) -> None:
    text = (
        "Maria Santos ordered the evacuation on Monday. In the port, Carmen Santos runs a small shop. "
        '"My phone has not stopped for four days," Santos said.'
    )
    assert speakers(text, profile) == {"My phone has not stopped for four days": None}


def test_a_namesake_named_in_passing_does_not_take_the_surname(profile: EventProfile) -> None:
    text = (
        "In the port, Carmen Santos runs a small shop. Santos, who is no relation of the governor, "
        'Maria Santos, said she had rebooked 140 people. "My phone has not stopped," Santos said. '
        'She would not charge for it. "We are a family business," she said.'
    )
    assert speakers(text, profile) == {"My phone has not stopped": None, "We are a family business": None}


@pytest.mark.parametrize(
    "introduction",
    [
        "My neighbour, a retired teacher from Dunmere called Greta, had a better line.",
        "A nurse in Talavera called Greta had a better line.",
    ],
)
def test_she_after_someone_called_by_name_in_a_place_is_nobody(
    introduction: str, profile: EventProfile
) -> None:
    text = f'Maria Santos ordered the evacuation. {introduction} "The computer has a headache," she said.'
    assert speakers(text, profile) == {"The computer has a headache": None}


@pytest.mark.parametrize(
    "text",
    [
        '"The budget was the easy part," said Dr. Maria Santos, the provincial disaster chief.',
        'The shelters were full. "The budget was the easy part," Ms. Santos said. Maria Santos agreed.',
    ],
)
def test_a_dotted_title_stays_part_of_the_speakers_name(text: str, profile: EventProfile) -> None:
    assert speakers(text, profile) == {"The budget was the easy part": "maria-santos"}


def test_she_never_names_someone_the_article_calls_he(profile: EventProfile) -> None:
    text = (
        'Rafael Dantes came round on Thursday. "Your fatality rate will fall," he told us. Our ward sister '
        'was blunter. "Tell them to drink clean water and come early," she said.'
    )
    assert speakers(text, profile) == {
        "Your fatality rate will fall": "rafael-dantes",
        "Tell them to drink clean water and come early": None,
    }


def test_an_honorific_gives_the_pronoun(profile: EventProfile) -> None:
    text = 'Rafael Dantes flew north. Aides said Mr. Dantes slept. "We are fine," she said.'
    assert speakers(text, profile) == {"We are fine": None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Maria Santos spoke late. Santos\'s election-night line, "I serve everyone", was the best.',
            "maria-santos",
        ),
        (
            'Maria Santos was asked in March, and her answer still stands: "We will rebuild every school."',
            "maria-santos",
        ),
        # A capitalised adverb before the surname is no namesake's given name.
        (
            "Maria Santos, the governor, spoke. Carmen Santos, a nurse, agreed. Maria Santos added more. "
            'Meanwhile Santos\'s line, "I serve everyone", was the best.',
            "maria-santos",
        ),
        # A noun with no owner names nobody.
        ('Maria Santos spoke late. The best line, "I serve everyone", came from a voter.', None),
    ],
)
def test_a_quotation_introduced_as_someones_words(
    text: str, expected: str | None, profile: EventProfile
) -> None:
    assert list(speakers(text, profile).values()) == [expected]


@pytest.mark.parametrize("verb", ["said", "asked"])
def test_a_quote_said_by_someone_unnamed_is_nobodys(verb: str, profile: EventProfile) -> None:
    text = (
        f'"We will rebuild," Maria Santos said. "I found out from the radio," {verb} a pensioner leaving '
        "a shop, who did not want to give her name."
    )
    assert speakers(text, profile) == {"We will rebuild": "maria-santos", "I found out from the radio": None}


def test_a_place_named_in_an_apposition_introduces_nobody(profile: EventProfile) -> None:
    text = (
        "Maria Santos, the governor of Isla Verde, who chairs the council, said the roads were shut. "
        '"We need boats," she said.'
    )
    assert speakers(text, profile) == {"We need boats": "maria-santos"}


def test_a_known_persons_surname_after_a_namesake_is_settled_by_who_was_named_last(
    profile: EventProfile,
) -> None:
    text = (
        "Carmen Santos, who runs a cafe, was angry. Maria Santos, the governor, flew in later. "
        'Reporters asked Ms Santos about the roads. "We need boats," she said.'
    )
    assert speakers(text, profile) == {"We need boats": "maria-santos"}


def test_a_role_given_in_a_relative_clause_resolves_a_description(profile: EventProfile) -> None:
    text = (
        '"We have the money in place," the province\'s finance chief added. Lito Garcia, who has been '
        "chief financial officer since 2022, will also run the fund."
    )
    assert speakers(text, profile) == {"We have the money in place": "lito-garcia"}


def test_he_after_an_unnamed_person_opens_a_sentence_is_nobody(profile: EventProfile) -> None:
    text = (
        "Maria Santos spoke first. A mechanic at one of the dealerships, who asked not to be named, said "
        'staff had been warned. "We were told on Friday," he said.'
    )
    assert speakers(text, profile) == {"We were told on Friday": None}


def test_he_is_not_a_namesake_named_in_passing(profile: EventProfile) -> None:
    text = (
        "Carmen Santos has run the garage for thirty years. Santos, who is no relation of the governor, "
        'Maria Santos, has no parts yet. "The letters say three weeks," he said.'
    )
    assert speakers(text, profile) == {"The letters say three weeks": None}
