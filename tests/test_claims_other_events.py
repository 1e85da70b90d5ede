"""Claims on an event unlike the bundled visit: passive counts, other years, totals, year-less dates.

An invented typhoon and an invented run-off, so none of these rules can lean on the visit's wording.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.profiles import minimal_profile_text
from transforms.analysis.claims import extract_claims
from transforms.profile import EventProfile, ProfileError, parse_event_profile

PROFILE = minimal_profile_text(
    """
[[claims]]
id = "death-toll"
label = "Deaths"
kind = "count"
unit = "people"
cues = ["killed", "dead", "deaths", "death toll"]

[[claims]]
id = "evacuees"
label = "Evacuees"
kind = "count"
unit = "people"
cues = ["evacuation centres", "evacuated", "fled their homes"]

[[claims]]
id = "seats"
label = "Seats won"
kind = "count"
unit = "seats"
cues = ["seats"]

[[claims]]
id = "complaints"
label = "Complaints filed"
kind = "count"
unit = "complaints"
cues = ["complaints"]

[[claims]]
id = "agreements"
label = "Agreements signed"
kind = "count"
unit = "agreements"
cues = ["memorandums"]

[[claims]]
id = "polling-stations"
label = "Polling stations"
kind = "count"
unit = "polling stations"
cues = ["polling stations"]

[[claims]]
id = "closing-date"
label = "Deal closing"
kind = "date"
cues = ["close the deal", "closed"]
""",
    place="Talavera",
    end="2027-10-01",
)


@pytest.fixture(scope="module")
def profile() -> EventProfile:
    return parse_event_profile(PROFILE)


def values(text: str, profile: EventProfile, published: date | None = None) -> list[tuple[str, object]]:
    return [(c.claim_type, c.value) for c in extract_claims(text, profile, published=published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least nine people were killed in Talavera.", [("death-toll", 9.0)]),
        ("Nearly 45,000 people were staying in evacuation centres on Friday.", [("evacuees", 45000.0)]),
        ("More than 62,000 have fled their homes, officials said.", [("evacuees", 62000.0)]),
        ("Officials said 21 people are confirmed dead.", [("death-toll", 21.0)]),
        # A place between the counted subject and its verb.
        (
            "About 4,000 people across Talavera and the nearby towns have fled their homes.",
            [("evacuees", 4000.0)],
        ),
    ],
)
def test_a_count_may_be_the_subject_of_its_cue(text: str, expected: list, profile: EventProfile) -> None:
    assert values(text, profile) == expected


@pytest.mark.parametrize(
    "text",
    [
        "In 2013 another storm, which residents still remember, killed more than 6,300 people.",
        "For comparison, the 2022 election produced 4,100 complaints and no recount.",
        # The "when" clause after "since <year>" is about that year.
        "It is the worst storm to hit Talavera since 2013, when 6,300 people were killed.",
        # A year in the subject dates its whole clause, however long.
        "Talavera's 2013 storm, the strongest in a century by most accounts, killed more than 6,300 people.",
        # "last year", "a year earlier" date their clause.
        "About 410 people were killed in floods in the province last year, most of them in the north.",
        "The commission received 4,100 complaints a year earlier.",
    ],
)
def test_a_figure_about_another_year_is_not_this_events(text: str, profile: EventProfile) -> None:
    assert values(text, profile) == []


@pytest.mark.parametrize(
    "text",
    [
        "The commission received 2,300 complaints, fewer than in 2022.",
        "The commission received 2,300 complaints, the most since 2013.",
        "The 2,300 complaints received since 2013 were read again.",
        "The 2013 storm was weaker, but the commission received 2,300 complaints.",
    ],
)
def test_this_years_figure_beside_another_years_still_counts(text: str, profile: EventProfile) -> None:
    assert values(text, profile) == [("complaints", 2300.0)]


def test_the_total_a_count_is_out_of_is_not_a_claim(profile: EventProfile) -> None:
    assert values("The party won 113 of the 240 seats in the assembly.", profile) == [("seats", 113.0)]


def test_a_number_word_in_the_subject_does_not_take_the_cue(profile: EventProfile) -> None:
    text = "The two governments signed 13 memorandums in Talavera."
    assert values(text, profile) == [("agreements", 13.0)]


def test_a_year_less_date_takes_the_year_inside_the_event() -> None:
    # A merger announced on 8 March 2027 and closed on 1 October 2027: the October nearest its start
    # would be October 2026, but only October 2027 lies inside the event.
    merger = parse_event_profile(PROFILE.replace("start = 2027-09-14", "start = 2027-03-08"))
    text = "Brandvik expects to close the deal on 1 October."
    assert values(text, merger) == [("closing-date", "2027-10-01")]


def test_a_date_years_away_is_another_events(profile: EventProfile) -> None:
    assert values("The old warehouse closed on 3 May 2019 after a fire.", profile) == []


@pytest.mark.parametrize(
    "text",
    [
        "The storm made landfall in Palanan at 2:10 a.m. on Thursday, officials said.",
        "It made landfall at 18:10 GMT on Thursday.",
        "Landfall was at 2 am on Thursday.",
    ],
)
def test_a_clock_time_between_cue_and_date_does_not_break_the_clause(text: str) -> None:
    claim = (
        '[[claims]]\nid = "landfall"\nlabel = "Landfall"\nkind = "date"\n'
        'cues = ["landfall", "made landfall"]\n'
    )
    landfall = parse_event_profile(PROFILE + "\n" + claim)
    # The event runs over two weeks: a bare weekday is the last one before the article's date (a Friday).
    found = extract_claims(text, landfall, published=date(2027, 9, 17))
    assert [(c.claim_type, c.value) for c in found] == [("landfall", "2027-09-16")]


def test_a_time_in_another_zone_gives_the_events_local_day() -> None:
    claim = (
        '[[claims]]\nid = "landfall"\nlabel = "Landfall"\nkind = "date"\n'
        'cues = ["landfall", "made landfall"]\n'
    )
    manila = parse_event_profile(
        PROFILE.replace("end = 2027-10-01", 'end = 2027-10-01\ntimezone = "Asia/Manila"') + "\n" + claim
    )
    published = date(2027, 9, 17)
    gmt = extract_claims("It made landfall at 18:10 GMT on Wednesday.", manila, published=published)
    local = extract_claims("It made landfall at 2:10 a.m. on Thursday.", manila, published=published)
    # The same instant: Wednesday 18:10 GMT is Thursday 02:10 in Manila, so the outlets agree.
    assert [c.value for c in gmt] == [c.value for c in local] == ["2027-09-16"]
    assert "18:10 GMT" in gmt[0].value_text
    # The converted day says why it differs from the text; the local one needs no note.
    assert gmt[0].note == "18:10 GMT on 2027-09-15 is 2027-09-16 in Asia/Manila"
    assert local[0].note is None


def test_an_unknown_time_zone_in_the_profile_is_an_error() -> None:
    bad = PROFILE.replace("end = 2027-10-01", 'end = 2027-10-01\ntimezone = "Mars/Olympus"')
    with pytest.raises(ProfileError, match=r"\[event\] timezone: expected an IANA time zone"):
        parse_event_profile(bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The death toll from the fire in Talavera rose to 12 on Thursday.", [("death-toll", 12.0)]),
        ("The death toll reached 21, officials said.", [("death-toll", 21.0)]),
        # Another number between the verb and the cue owns the clause: no guess.
        ("The death toll in 3 towns rose to 12.", []),
    ],
)
def test_a_figure_changing_to_the_value_takes_its_cue(
    text: str, expected: list, profile: EventProfile
) -> None:
    assert values(text, profile) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The party won 50.7% of the seats.", []),  # a share is no count of seats
        ("The death toll was put at 21.", [("death-toll", 21.0)]),
        ("The death toll stands at 21, officials said.", [("death-toll", 21.0)]),
        ("The death toll, roughly 30, is expected to rise.", [("death-toll", 30.0)]),
    ],
)
def test_a_count_joined_to_its_cue_by_a_predicate(text: str, expected: list, profile: EventProfile) -> None:
    assert values(text, profile) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The party won 112 seats, nine short of a majority.",  # only the 112 counts seats
        "Seven of the dead were from Talavera, officials said.",  # a part of a whole without a number
    ],
)
def test_a_gap_or_an_unnumbered_part_is_not_the_figure(text: str, profile: EventProfile) -> None:
    found = values(text, profile)
    assert all(value not in (9.0, 7.0) for _, value in found)
    assert found == ([("seats", 112.0)] if "112" in text else [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One place's share of the whole, named with "alone", before or after the figure.
        ("In Talavera alone, 400 people fled their homes, officials said.", []),
        ("Some 400 people fled their homes in Talavera alone.", []),
        ("In Bessa district alone, 400 people fled their homes.", []),
        ("On Tuesday alone, 400 people fled their homes.", []),
        # An opening "In Place alone," holds for every figure of its clause.
        ("In Talavera alone, 21 people were killed and 400 people fled their homes.", []),
        ("In Talavera alone, 21 people were killed; 400 people fled their homes.", [("evacuees", 400.0)]),
        # Without "alone" the figure is the event's; "alone" after a plain word is no place.
        ("In Talavera, 400 people fled their homes, officials said.", [("evacuees", 400.0)]),
        ("The storm alone killed 21 people.", [("death-toll", 21.0)]),
        # A figure of another clause is not reached: "alone" belongs to the nearer figure.
        ("The storm killed 21 people, 9 of them in Talavera alone.", [("death-toll", 21.0)]),
    ],
)
def test_a_figure_for_one_place_alone_is_a_part(text: str, expected: list, profile: EventProfile) -> None:
    assert values(text, profile) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The port handles about 4,000 complaints a year.", []),
        ("The office files 4,000 complaints annually.", []),
        # A daily rate may be the event's own figure.
        ("The office received 400 complaints a day during the count.", [("complaints", 400.0)]),
        ("The office received 4,000 complaints in the year's first count.", [("complaints", 4000.0)]),
    ],
)
def test_a_yearly_rate_is_not_the_events_figure(text: str, expected: list, profile: EventProfile) -> None:
    assert values(text, profile) == expected


WEEKLONG_DATE_CLAIM = """
[[claims]]
id = "certified"
label = "Certified"
kind = "date"
cues = ["certify", "certified", "certification"]
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Published on Tuesday 21 September 2027.
        ("The commission certified the result on Friday.", "2027-09-17"),
        ("The commission is due to certify the result on Friday.", "2027-09-24"),
        ("Certification would now slip to Monday, a spokesman said.", "2027-09-27"),
        ("It will certify the result on Friday, 1 October, a week later than planned.", "2027-10-01"),
        ("The commission certified the result last Friday.", "2027-09-17"),
        # A week named after the weekday counts from the article's week (Monday 20 September).
        ("The commission certified the result on Monday last week.", "2027-09-13"),
        ("The commission will certify the result on Thursday next week.", "2027-09-30"),
        # "last Tuesday", written on a Tuesday, is a week ago, not today.
        ("The commission certified the result last Tuesday.", "2027-09-14"),
        ("The commission certified the result on Tuesday.", "2027-09-21"),
        # A day of the month alone, or with its weekday.
        ("The commission certified the result on the 17th.", "2027-09-17"),
        ("The commission will certify the result on Friday the 24th.", "2027-09-24"),
        ("The commission certified the result on the 30th of last month.", "2027-08-30"),
        # The date a thing was moved from is no longer its date.
        ("Certification, postponed from 17 September, is now due on Friday.", "2027-09-24"),
        # An opening date dates the sentence's verb, however far.
        ("Last Friday night the chairwoman went on television to certify the result.", "2027-09-17"),
    ],
)
def test_a_weekday_is_read_forward_when_the_sentence_speaks_of_the_future(text: str, expected: str) -> None:
    weeks = parse_event_profile(PROFILE + "\n" + WEEKLONG_DATE_CLAIM)
    found = extract_claims(text, weeks, published=date(2027, 9, 21))
    assert [c.value for c in found] == [expected]


def test_a_time_of_day_before_the_weekday_does_not_block_the_date() -> None:
    claim = '[[claims]]\nid = "landfall"\nlabel = "Landfall"\nkind = "date"\ncues = ["made landfall"]\n'
    landfall = parse_event_profile(PROFILE + "\n" + claim)
    found = extract_claims("It made landfall before dawn on Thursday.", landfall, published=date(2027, 9, 17))
    blocked = extract_claims(
        "Residents fled the day before it made landfall on Thursday.", landfall, published=date(2027, 9, 17)
    )
    assert [c.value for c in found] == ["2027-09-16"]
    assert [c.value for c in blocked] == ["2027-09-16"]


def test_a_count_before_a_compound_cue_counts_that_thing_not_people(profile: EventProfile) -> None:
    assert values("The department ran 310 evacuation centres on Friday.", profile) == []
    assert values("Some 4,500 people were staying in evacuation centres.", profile) == [("evacuees", 4500.0)]


def test_a_margin_after_a_named_object_takes_the_verb_cue() -> None:
    claim = '[[claims]]\nid = "margin"\nlabel = "Margin"\nkind = "count"\nunit = "votes"\ncues = ["leads"]\n'
    election = parse_event_profile(PROFILE + "\n" + claim)
    found = extract_claims("Marchetti leads Anton Kovac by 48,506 votes.", election)
    assert [(c.claim_type, c.value) for c in found] == [("margin", 48506.0)]
    # "by" after a lowercase object is a change, not a margin: "the death toll rose by 12".
    assert extract_claims("The party leads the count by 3,000 votes.", election) == []


def test_a_sentence_about_the_last_time_is_another_events(profile: EventProfile) -> None:
    text = "When the river last flooded this badly, more than 200,000 people were evacuated."
    assert values(text, profile) == []


def test_an_ing_cue_before_a_noun_dates_the_noun(profile: EventProfile) -> None:
    text = "The offer is a premium of 28 per cent to the stock's closing price on Friday."
    merger = parse_event_profile(PROFILE.replace('cues = ["close the deal", "closed"]', 'cues = ["closing"]'))
    assert values(text, merger, published=date(2027, 9, 20)) == []
    assert values("Closing on Friday, the deal ...", merger, published=date(2027, 9, 20)) == [
        ("closing-date", "2027-09-17")
    ]


def test_a_context_word_counts_only_in_the_cues_clause() -> None:
    claim = """
[[claims]]
id = "combined-staff"
label = "Staff of the combined group"
kind = "count"
unit = "employees"
cues = ["employees", "people"]
context = ["enlarged", "combined"]
"""
    merger = parse_event_profile(PROFILE + claim)
    text = "The enlarged group will have 27,000 employees; Brandvik employs 19,400 people and Haeon 7,600."
    assert [(c.claim_type, c.value) for c in extract_claims(text, merger)] == [("combined-staff", 27000.0)]


def test_a_total_of_people_is_the_figure_and_its_part_a_subgroup(profile: EventProfile) -> None:
    assert values("Children accounted for seven of the 19 deaths, officials said.", profile) == [
        ("death-toll", 19.0)
    ]
    # Not so for seats: the part is the party's, the total the assembly's.
    assert values("The party won 113 of the 240 seats.", profile) == [("seats", 113.0)]


def test_a_count_after_from_is_an_origin_or_an_earlier_figure(profile: EventProfile) -> None:
    assert values("The commission ordered ballots from 23 polling stations to be recounted.", profile) == []
    assert values("The death toll rose to 19 from 12 overnight.", profile) == [("death-toll", 19.0)]


def test_each_figure_that_gives_no_claim_says_why(profile: EventProfile) -> None:
    from transforms.analysis.claims import explain_skipped_figures

    text = (
        "In 2013 another storm killed more than 6,300 people. "
        "The commission ordered ballots from 23 polling stations to be recounted. "
        "The party won 112 seats, nine short of a majority. "
        "Seven of the dead were from Talavera. "
        "The closure of 14 roads followed."
    )
    reasons = {(s.figure, s.reason.split(" (")[0]) for s in explain_skipped_figures(text, profile)}
    assert reasons == {
        ("more than 6,300", "about another year or an earlier event"),
        ("23", "an origin or an earlier figure"),
        ("nine", "a gap to another figure"),
        ("Seven", "a part of a whole that has no number"),
    }
    # What gives a claim is not listed.
    assert ("112", "") not in {(s.figure, "") for s in explain_skipped_figures(text, profile)}


def test_a_count_of_places_inside_the_predicate_leaves_the_cue_to_the_subject(profile: EventProfile) -> None:
    text = "At the peak, 64,200 people were in 412 evacuation centres, officials said."
    assert values(text, profile) == [("evacuees", 64200.0)]


def test_future_weekdays_resolve_after_the_article_even_in_a_short_event() -> None:
    # A two-day event: a hearing announced for "Monday" is after the article, not inside the event.
    claim = '[[claims]]\nid = "hearing"\nlabel = "Hearing"\nkind = "date"\ncues = ["hearing", "committee"]\n'
    short = parse_event_profile(PROFILE.replace("end = 2027-10-01", "end = 2027-09-15") + "\n" + claim)
    published = date(2027, 9, 22)  # a Wednesday
    moved = "The hearing, originally set for Thursday, will now take place on Monday, the committee said."
    found = extract_claims(moved, short, published=published)
    assert [c.value for c in found] == ["2027-09-23", "2027-09-27"]
    due = "She is due to testify alongside the chief executive before the transport committee on Thursday."
    assert [c.value for c in extract_claims(due, short, published=published)] == ["2027-09-23"]


def test_a_figure_a_modal_change_verb_reaches_takes_the_subjects_cue(profile: EventProfile) -> None:
    assert values("The death toll could reach 40, officials warned.", profile) == [("death-toll", 40.0)]


def test_a_share_fits_only_a_claim_in_percent() -> None:
    claim = 'id = "turnout"\nlabel = "Turnout"\nkind = "count"\nunit = "percent"\ncues = ["turnout"]\n'
    shares = parse_event_profile(PROFILE + "\n[[claims]]\n" + claim)
    found = extract_claims(
        "Turnout was 61.4%, and the party won 112 seats and 58 percent of the vote.", shares
    )
    assert [(c.claim_type, c.value) for c in found] == [("turnout", 61.4), ("seats", 112.0)]


def test_a_count_followed_by_neither_unit_nor_verb_is_no_subject(profile: EventProfile) -> None:
    text = "Maria Reyes and two part-time staff tried to get evacuated families home."
    assert values(text, profile) == []
    assert values("More than 62,000 have fled their homes.", profile) == [("evacuees", 62000.0)]


def test_a_duration_may_carry_an_adjective_before_its_unit() -> None:
    from transforms.analysis.claim_sentence import tokenize
    from transforms.analysis.claim_values import read_values

    [value] = read_values(tokenize("the strike lasted two full days"), 2027)
    assert value.seconds == 2 * 86_400


FLIGHTS_EXCLUDING_RIVALS = """
[[claims]]
id = "flights-cancelled"
label = "Flights cancelled by the airline"
kind = "count"
unit = "flights"
cues = ["cancelled"]
exclude = ["NorthJet", "Hollin Airport"]
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Selvair cancelled 1,870 flights on Monday.", [1870.0]),
        # The exclude word names what the figure's clause is about, however far from the figure.
        ("NorthJet, the low-cost rival that runs another system, said it cancelled only 12 flights.", []),
        ("Travellers switched to NorthJet, which cancelled only a dozen flights.", []),
        ("At Hollin Airport, the hub, 1,120 flights were cancelled.", []),
        # Another clause's subject does not bar the figure.
        ("Selvair cancelled 1,870 flights, while NorthJet cancelled 12.", [1870.0]),
        ("NorthJet said Selvair cancelled 1,870 flights; at Hollin Airport, 1,120 were cancelled.", [1870.0]),
        ("NorthJet said that it cancelled 12 flights.", []),
        # An exclude phrase bars only as a whole: "Hollin" alone is not "Hollin Airport".
        ("At Hollin, 1,120 flights were cancelled.", [1120.0]),
    ],
)
def test_an_exclude_word_naming_the_clauses_subject_bars_the_figure(text: str, expected: list) -> None:
    profile = parse_event_profile(minimal_profile_text(FLIGHTS_EXCLUDING_RIVALS))
    assert [c.value for c in extract_claims(text, profile)] == expected


RESTATED = minimal_profile_text(
    """
[[claims]]
id = "flights-cancelled"
label = "Flights cancelled"
kind = "count"
unit = "flights"
cues = ["cancelled"]

[[claims]]
id = "share-cancelled"
label = "Share of flights cancelled"
kind = "count"
unit = "percent"
cues = ["cancelled"]

[[claims]]
id = "outage-length"
label = "Length of the outage"
kind = "duration"
unit = "hours"
cues = ["lasted"]
"""
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ", or" restates the figure in another form, which takes the same cue's other claim type.
        (
            "Selvair cancelled 1,870 of the 2,310 flights it had scheduled, or 81 percent, it said.",
            [("flights-cancelled", 1870.0), ("share-cancelled", 81.0)],
        ),
        # An elliptical second figure after a comma, with only words between.
        (
            "The outage lasted two full days if you ask me, 41 hours if you ask Selvair.",
            [("outage-length", 48.0), ("outage-length", 41.0)],
        ),
        # A noun standing for the figure of the previous sentence.
        (
            "SBC says nearly 2,000 flights were cancelled. Selvair's own figure is 1,870.",
            [("flights-cancelled", 2000.0), ("flights-cancelled", 1870.0)],
        ),
        # Without such a noun, a figure of the next sentence is not the previous one's.
        (
            "SBC says nearly 2,000 flights were cancelled. Selvair owns 1,870 aircraft parts.",
            [("flights-cancelled", 2000.0)],
        ),
        # A comma after a figure of another kind restates nothing.
        ("The outage lasted 41 hours, 300 passengers said.", [("outage-length", 41.0)]),
    ],
)
def test_a_figure_restating_a_claimed_one_takes_its_claim_type(text: str, expected: list) -> None:
    profile = parse_event_profile(RESTATED)
    assert [(c.claim_type, c.value) for c in extract_claims(text, profile)] == expected


def test_figures_joined_by_and_share_their_clauses_subject() -> None:
    profile = parse_event_profile(
        minimal_profile_text(
            FLIGHTS_EXCLUDING_RIVALS.replace(
                'exclude = ["NorthJet", "Hollin Airport"]', 'exclude = ["NorthJet"]'
            )
            + '\n[[claims]]\nid = "stranded"\nlabel = "Stranded"\nkind = "count"\nunit = "passengers"\n'
            'cues = ["stranded"]\nexclude = ["NorthJet"]\n'
        )
    )
    text = "NorthJet, the rival, has cancelled 12 flights and stranded 300 passengers, it said."
    assert extract_claims(text, profile) == []
    text = "NorthJet has reported 12 cancelled flights and 300 stranded passengers."
    assert extract_claims(text, profile) == []
    text = "Selvair has cancelled 1,870 flights and stranded 300,000 passengers, it said."
    assert [c.value for c in extract_claims(text, profile)] == [1870.0, 300000.0]
    text = "Selvair cancelled 1,870 flights and stranded 300,000 passengers; NorthJet cancelled 12 flights."
    assert [c.value for c in extract_claims(text, profile)] == [1870.0, 300000.0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A million people fled their homes.", 1_000_000.0),
        ("Officials said a hundred people were killed.", 100.0),
        ("Two and a half thousand people fled their homes.", 2_500.0),
    ],
)
def test_numbers_after_an_article_or_with_a_half(text: str, expected: float, profile: EventProfile) -> None:
    assert [value for _, value in values(text, profile)] == [expected]


def test_a_when_clause_is_about_the_time_before_its_comma() -> None:
    turnout = minimal_profile_text(
        '[[claims]]\nid = "turnout"\nlabel = "Turnout"\nkind = "count"\nunit = "percent"\n'
        'cues = ["of voters", "turnout"]\nexclude = ["first round"]\n'
    )
    profile = parse_event_profile(turnout)
    text = (
        "That is higher than in the first round on 26 September, when 58.9 percent of voters cast a ballot."
    )
    assert extract_claims(text, profile) == []
    text = "That is higher than on Sunday, when 61.4 percent of voters cast a ballot."
    assert [c.value for c in extract_claims(text, profile)] == [61.4]


SHARES = minimal_profile_text(
    """
[[claims]]
id = "share-fall"
label = "Share price fall"
kind = "count"
unit = "percent"
cues = ["shares fell"]

[[claims]]
id = "customers"
label = "Customers affected"
kind = "count"
unit = "customers"
cues = ["customers", "records"]
exclude = ["Morvanne"]
"""
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ", or" after a figure no claim took: its own cue.
        ("Shares fell 1.84 euros, or 12 percent, on Tuesday.", [("share-fall", 12.0)]),
        # A subject figure that stayed, passed or was unchanged.
        ("The number of records taken was unchanged at 9.6 million.", [("customers", 9_600_000.0)]),
        ("The count of affected customers has passed 4 million.", [("customers", 4_000_000.0)]),
        # A ", where" clause is about the place before its comma.
        ("It runs no network in Morvanne, where it has about 600,000 customers.", []),
        # "N of them" is a part of the figure just named.
        (
            "Some 4.7 million customers were hit, 310,000 of them in the capital.",
            [("customers", 4_700_000.0)],
        ),
    ],
)
def test_restated_unchanged_and_partial_figures(text: str, expected: list) -> None:
    profile = parse_event_profile(SHARES)
    assert [(c.claim_type, c.value) for c in extract_claims(text, profile)] == expected


RECALLED = minimal_profile_text(
    """
[[claims]]
id = "vehicles"
label = "Vehicles recalled"
kind = "count"
unit = "cars"
cues = ["recalling", "recalled"]

[[claims]]
id = "countries"
label = "Countries affected"
kind = "count"
unit = "countries"
cues = ["countries", "in nine countries"]

[[claims]]
id = "deaths"
label = "Deaths linked"
kind = "count"
unit = "deaths"
cues = ["linked"]
"""
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A cue written with its number holds the value.
        ("It was recalling 412,000 cars in nine countries.", [("vehicles", 412_000.0), ("countries", 9.0)]),
        # Two modifiers joined by "and" before the cue.
        ("The fault hit 9 current and former countries.", [("countries", 9.0)]),
        # ... but not what another claim counts: the cars are no countries.
        ("It was recalling 412,000 cars and new countries.", [("vehicles", 412_000.0)]),
        # A preposition ends the phrase a number starts: the cars are not "linked".
        ("Carmaker recalled 412,000 cars over brake pump linked to crashes", [("vehicles", 412_000.0)]),
    ],
)
def test_cues_holding_numbers_and_prepositions(text: str, expected: list) -> None:
    profile = parse_event_profile(RECALLED)
    assert [(c.claim_type, c.value) for c in extract_claims(text, profile)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Every figure of the phrase "from" opens is an old one.
        (
            "It widened the recall to 1.16 million cars in 23 countries, from 412,000 in nine countries.",
            [("vehicles", 1_160_000.0), ("countries", 23.0)],
        ),
        # ... but not the new figure after "to".
        ("The recall grew from 412,000 to 1.16 million cars recalled.", [("vehicles", 1_160_000.0)]),
    ],
)
def test_the_figures_a_from_phrase_holds_are_old(text: str, expected: list) -> None:
    profile = parse_event_profile(RECALLED.replace('"recalled"]', '"recalled", "widened the recall to"]'))
    assert [(c.claim_type, c.value) for c in extract_claims(text, profile)] == expected


def test_a_duration_may_be_what_its_cues_subject_changed_to() -> None:
    waits = minimal_profile_text(
        '[[claims]]\nid = "wait"\nlabel = "Wait"\nkind = "duration"\nunit = "days"\ncues = ["wait"]\n'
    )
    text = "The average wait for a repair had fallen to 35 days."
    assert [c.value for c in extract_claims(text, parse_event_profile(waits))] == [35.0]


def test_an_apposition_between_a_date_and_its_cue_is_not_counted() -> None:
    resumed = minimal_profile_text(
        '[[claims]]\nid = "resumed"\nlabel = "Resumed"\nkind = "date"\ncues = ["first departure"]\n'
    )
    profile = parse_event_profile(resumed)
    text = (
        "Systems were back, and the first departure, a flight to the island of Kestra and back, left "
        "the capital's international airport shortly after dawn on Wednesday."
    )
    assert [c.value for c in extract_claims(text, profile, published=date(2027, 9, 16))] == ["2027-09-15"]
