"""The constructions that join a value to a cue beyond a plain noun phrase or connector.

A count as the subject of its cue in either voice ("at least nine people were killed"), a figure a
subject changed to ("the death toll ... rose to 12"), the object of a verb that sets a figure ("puts
the number of suspected cases at more than 5,000"), the noun phrase a value completes ("a compensation
and refund bill of EUR 85 million"), a verb cue and its named object ("to buy Haeon for EUR 3.8
billion"), a part and its total ("113 of the 240 seats"), figures restating a claimed one (", or 81
percent"), and the subject of a figure's clause, which a profile's ``exclude`` phrases may bar
("NorthJet, the low-cost rival, said it had cancelled only 12 flights"). Each returns candidate
(cue, distance) pairs; :mod:`.claims` picks among them.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from transforms.analysis.claim_cues import (
    CONNECTOR_MAX,
    FORWARD_MAX,
    PHRASE_BREAKERS,
    CompiledClaim,
    Cue,
)
from transforms.analysis.claim_sentence import Item, breaks_clause, find_phrases, forms
from transforms.analysis.claim_values import Value
from transforms.profile import ClaimType
from transforms.units import convert

__all__ = [
    "change_cues",
    "clause_subject",
    "coordinated_modifier_cues",
    "counts_things",
    "is_people",
    "names_excluded",
    "noun_phrase_cues",
    "object_cues",
    "own_unit_cues",
    "partitive_cues",
    "past_conversion",
    "predicate_cues",
    "restated_cues",
    "verb_object_cues",
]


# Nouns that stand for a figure already named: "Selvair's own figure is 1,870", "its estimate of ...".
_FIGURE_NOUN_TEXT = "figure figures estimate estimates tally count reckoning forecast projection"

_FIGURE_NOUNS = frozenset(_FIGURE_NOUN_TEXT.split())

_FIGURE_LINKS = frozenset(["is", "was", "of", "at", "stands", "stood", "put", "to", ","])


def restated_cues(
    items: Sequence[Item],
    value: Value,
    cues: Sequence[Cue],
    attached: Sequence[tuple[Value, Cue]],
    previous: Sequence[int],
    value_starts: AbstractSet[int],
    starts: dict[int, list[Cue]],
    values: Sequence[Value],
) -> list[tuple[Cue, int]]:
    """Cues for a figure with none in reach that restates a figure already claimed:

    * after ", or": the same figure in another form takes the cues of the claimed one ("cancelled 1,870
      of the 2,310 flights, or 81 percent": "cancelled" is also a cue of the share), or of the
      unclaimed figure before it ("shares fell 1.84 euros, or 12 percent");
    * after a comma, with nothing but words between: an elliptical second figure of the same claim type
      ("lasted two full days if you ask me, 41 hours if you ask Selvair");
    * after a noun standing for a figure ("figure is", "estimate of"): the claim type of the last
      claim in this sentence or, failing that, in the previous one ("SBC says nearly 2,000 flights were
      cancelled. Selvair's own figure is 1,870").
    Each inherited cue is placed at the value itself (a synthetic cue), so no later rule reads it as
    a phrase cue."""
    j = value.first - 1
    if j < 0:
        return []
    last = next((pair for pair in reversed(attached) if pair[0].last < value.first), None)
    if items[j].text == "or" and j >= 1 and items[j - 1].text == ",":
        before = next((v for v in values if v.last == j - 2), None)
        if before is not None and (last is None or last[0] is not before):
            # "shares fell 1.84 euros, or 12 percent": the unclaimed figure's own cue, just before it
            reach = range(before.first - CONNECTOR_MAX, before.first + 1)
            return [(cue, 0) for cue in cues if cue.end in reach and not cue.ranged]
        if last is not None:
            span = (last[1].start, last[1].end)
            return [(cue, 0) for cue in cues if (cue.start, cue.end) == span and not cue.ranged]
    if last is not None and items[j].text == ",":
        between = range(last[0].last + 1, j)
        if all(items[k].kind == "word" and k not in starts and k not in value_starts for k in between):
            return [(Cue(last[1].claim, value.first, value.first, False), 0)]
    for k in range(j, max(-1, j - 3), -1):
        if items[k].text in _FIGURE_NOUNS:
            if all(items[m].text in _FIGURE_LINKS for m in range(k + 1, value.first)):
                claimed = [cue.claim for _, cue in attached] or list(previous)
                return [(Cue(claimed[-1], value.first, value.first, False), 0)] if claimed else []
            break
        if items[k].text not in _FIGURE_LINKS:
            break
    return []


def coordinated_modifier_cues(
    items: Sequence[Item], last: int, starts: dict[int, list[Cue]], compiled: Sequence[CompiledClaim]
) -> list[tuple[Cue, int]]:
    """The cue after two modifiers joined by "and"/"or": "4.7 million current and former customers".
    Not when the first word is itself what a claim counts ("12 flights and stranded passengers")."""
    j = last + 1
    if j + 3 >= len(items) or items[j + 1].text not in ("and", "or"):
        return []
    first, second = items[j], items[j + 2]
    if first.kind != "word" or second.kind != "word" or (j + 3) not in starts:
        return []
    counted = {w for c in compiled for w in forms(c.claim.unit.lower(), plural=True)} | _COUNTED_PEOPLE
    if first.text in counted or first.text in PHRASE_BREAKERS or second.text in PHRASE_BREAKERS:
        return []
    return [(cue, 3) for cue in starts[j + 3]]


# Where a clause's subject ends the walk back from its figure: "Selvair cancelled 1,870, while
# NorthJet cancelled 12" gives 12 the subject NorthJet.
_CONTRAST_TEXT = "while whereas but unlike compared against versus"

_CONTRASTS = frozenset(_CONTRAST_TEXT.split())

# Words before a clause's subject: "At Hollin, its hub, 1,120 departures were cancelled".
_SUBJECT_LEAD_TEXT = "at in on for by of the a an and that , meanwhile also"

_SUBJECT_LEAD = frozenset(_SUBJECT_LEAD_TEXT.split())

_SPEECH_VERB_TEXT = "said says told tells added adds reported reports announced announces stated according"

_SPEECH_VERBS = frozenset(_SPEECH_VERB_TEXT.split())

_PRONOUNS = frozenset(["it", "he", "she", "they", "we", "i"])

_WHEN_MAX = 6  # items before ", when" naming the time its clause is about

_NAME_MAX = 3  # words of a name: "Arvenna Hollin International"


def names_excluded(subject: tuple[str, ...], comp: CompiledClaim) -> bool:
    """Whether one of the claim type's ``exclude`` phrases is (part of) the clause's subject."""
    return any(
        subject[k : k + len(phrase)] == phrase
        for phrase in comp.exclude_phrases
        for k in range(len(subject) - len(phrase) + 1)
    )


def clause_subject(
    items: Sequence[Item], first: int, value_starts: AbstractSet[int], text: str
) -> tuple[str, ...]:
    """The words naming what the clause of the figure at item ``first`` is about: the name (or first
    word) opening its clause ("NorthJet, the low-cost rival, said it had cancelled only 12 flights",
    "At Hollin, its hub, 1,120 departures were cancelled"), or the name a ", which"/", who" clause
    holding the figure refers to ("lose passengers to NorthJet, which cancelled only a dozen flights").
    A profile's ``exclude`` words naming the subject keep the figure from the claim type."""

    def name_from(j: int, step: int) -> tuple[str, ...]:
        words: list[str] = []
        while 0 <= j < first and len(words) < _NAME_MAX and items[j].kind == "word":
            if words and not text[items[j].start].isupper():
                break
            words.append(items[j].text)
            if not text[items[j].start].isupper():
                break
            j += step
        return tuple(words[::step])

    k = first - 1
    while k >= 0:
        item = items[k]
        if k in value_starts and _coordinated(items[k + 1 : first], text):
            # "Bessa district has recorded 610 suspected cases and 11 deaths": one subject for both.
            while k >= 0 and k in value_starts:
                k -= 1
            continue
        if breaks_clause(item) or item.text in _CONTRASTS or k in value_starts:
            break
        # "NorthJet said Selvair cancelled ...": the reported clause has its own subject, unless it is
        # a pronoun standing for the speaker ("NorthJet said it had cancelled only 12").
        if item.text in _SPEECH_VERBS and k + 1 < first:
            after = k + 2 if items[k + 1].text == "that" and k + 2 < first else k + 1
            # ... but "Damaro has reported 640 cases and nine deaths" reports no clause: a figure follows
            if items[after].text not in _PRONOUNS and after not in value_starts:
                break
        if item.text in ("which", "who") and k > 1 and items[k - 1].text == ",":
            return name_from(k - 2, -1)
        if item.text in ("when", "where") and k > 1 and items[k - 1].text == ",":
            # "higher than in the first round on 26 September, when 58.9 percent voted", "its network
            # in Morvanne, where it has about 600,000 customers": the time or place before the comma
            return tuple(it.text for it in items[max(0, k - 1 - _WHEN_MAX) : k - 1] if it.kind == "word")
        k -= 1
    j = k + 1
    while j < first and items[j].text in _SUBJECT_LEAD:
        j += 1
    return name_from(j, 1)


_COORDINATED_MAX = 4  # items between two figures of one clause: "610 suspected cases and 11"


def _coordinated(between: Sequence[Item], text: str) -> bool:
    """Whether the items between two figures join them in one clause: objects of one verb ("610
    suspected cases and 11 deaths") or verbs of one subject ("cancelled 12 flights and stranded 300");
    not when a new subject follows the conjunction ("1,870 flights, and NorthJet cancelled 12")."""
    joins = [k for k, item in enumerate(between) if item.text in ("and", ",")]
    return (
        0 < len(between) <= _COORDINATED_MAX
        and bool(joins)
        and all(item.kind == "word" or item.text == "," for item in between)
        and not any(item.text in _VERB_GROUP for item in between)
        and not any(text[item.start].isupper() for item in between[joins[0] + 1 :])
    )


def counts_things(items: Sequence[Item], cue: Cue, claim: ClaimType) -> bool:
    """A count of people right before a cue of several words whose last word names no people: "310
    evacuation centres" counts centres, not evacuees ("45,000 evacuees", "nine deaths" still count)."""
    if claim.unit.lower() not in _COUNTED_PEOPLE or cue.end - cue.start < 2:
        return False
    head = items[cue.end - 1].text
    return head not in _COUNTED_PEOPLE and head.rstrip("s") not in _COUNTED_PEOPLE


def past_conversion(items: Sequence[Item], value: Value, by_first: dict[int, Value]) -> int:
    """The last item of ``value`` and of the conversion in brackets that restates it, if one does:
    "the EUR 3.8 billion ($4.1 billion) deal" reads on to "deal"."""
    j = value.last + 1
    if j >= len(items) or items[j].text != "(":
        return value.last
    for k in (j + 1, j + 2):  # "($4.1 billion)", "(about $4.1 billion)"
        restated = by_first.get(k)
        if restated is not None and restated.conversion:
            end = restated.last + 1
            return end if end < len(items) and items[end].text == ")" else value.last
    return value.last


_MOTION_TEXT = "moving moved moves travelling traveling heading drifting crawling tracking"

_MOTION_WORDS = frozenset(_MOTION_TEXT.split())

_OWN_UNIT_REACH = 4  # items before the value whose exclude words still apply: "gusts of up to 240 km/h"


def own_unit_cues(
    items: Sequence[Item], value: Value, compiled: Sequence[CompiledClaim]
) -> list[tuple[Cue, int]]:
    """The quantity claim types that list the value's own unit as a cue ("put them at 185km/h" where
    "km/h" is a cue), unless the sentence lacks their context or an exclude word of theirs comes just
    before the value in its clause ("gusts of up to 240 km/h")."""
    if value.measure is None or (value.first and items[value.first - 1].text in ("to", "from", "by")):
        return []  # "had weakened to 150 km/h": one end of a change, not the figure itself
    before: set[str] = set()
    for item in reversed(items[max(0, value.first - _OWN_UNIT_REACH) : value.first]):
        if breaks_clause(item) or item.text == ",":
            break
        before.add(item.text)
    if not _MOTION_WORDS.isdisjoint(before):
        return []  # "moving west at 20 km/h": how fast something travels, a figure of its own
    found: list[tuple[Cue, int]] = []
    for k, comp in enumerate(compiled):
        if not any(convert(1.0, value.measure, unit) is not None for unit in comp.unit_cues):
            continue
        if comp.exclude.intersection(before) or (comp.context and not find_phrases(items, comp.context)):
            continue
        found.append((Cue(k, value.first, value.last + 1, False), FORWARD_MAX))
    return found


_OBJECT_MAX = 5  # words of a named object between a verb cue and "by"/"for": "buy Korean battery maker Haeon"

_OBJECT_PREPOSITIONS = {"count": "by", "money": "for"}


def object_cues(
    items: Sequence[Item], value: Value, ends: dict[int, list[Cue]], kind: str, text: str
) -> list[tuple[Cue, int]]:
    """The verb cue of "leads Anton Kovač by 48,506 votes", "to buy Haeon for EUR 3.8 billion": the
    value follows "by" (a count) or "for" (money) after an object ending in a capitalised name."""
    j = value.first - 1
    if j < 1 or items[j].text != _OBJECT_PREPOSITIONS.get(kind) or not text[items[j - 1].start].isupper():
        return []
    found: list[tuple[Cue, int]] = []
    for k in range(j - 1, max(-1, j - 1 - _OBJECT_MAX), -1):
        found.extend((cue, CONNECTOR_MAX + (j - k)) for cue in ends.get(k, ()))
        if found or items[k].kind != "word" or items[k].text in PHRASE_BREAKERS:
            break
    return found


# A subject's figure changing to the value: "the death toll from Typhoon Lumina rose to 12".
_CHANGE_VERB_TEXT = """
    rose risen rise rises climbed climb climbs jumped increased grew fell dropped reached reach reaches hit
    hits topped top tops exceeded exceed exceeds surpassed surpass passed passes pass stood stands remained
    remains unchanged steady fallen falls
"""

_CHANGE_VERBS = frozenset(_CHANGE_VERB_TEXT.split())

# Words between a figure's subject and its change verb: "the bill could reach", "the toll may have risen",
# "the number of records taken was unchanged at 9.6 million".
_MODALS = frozenset(
    ["could", "may", "might", "will", "would", "should", "can", "has", "have", "had", "was", "is"]
)

# Items from the cue to the verb: "from the earthquake that struck Dalvenia's Ostren mountains on
# Tuesday last week has risen to 768".
_CHANGE_SUBJECT_MAX = 14

# Words that open a noun phrase: the scan back from "of" ends there ("the airline's own estimate of").
_DETERMINER_TEXT = "a an the its their his her our this that these those"

_DETERMINERS = frozenset(_DETERMINER_TEXT.split())

_NOUN_PHRASE_MAX = 5  # words of the phrase before "of": "a compensation and refund bill of"


def noun_phrase_cues(
    items: Sequence[Item], value: Value, ends: dict[int, list[Cue]]
) -> list[tuple[Cue, int]]:
    """The cue inside the noun phrase whose "of" the value completes: "a compensation and refund bill of
    EUR 85 million" (the cue "compensation", words between, "of" before the value). The phrase runs
    back to its determiner, a possessive or a word that cannot be in it."""
    j = value.first - 1
    if j < 1 or items[j].text != "of":
        return []
    found: list[tuple[Cue, int]] = []
    for k in range(j - 1, max(-1, j - 1 - _NOUN_PHRASE_MAX), -1):
        item = items[k]
        if (
            item.kind != "word"
            or item.text in _DETERMINERS
            or (item.text in PHRASE_BREAKERS and item.text != "and")
        ):
            break
        found.extend((cue, CONNECTOR_MAX + (j - k)) for cue in ends.get(k + 1, ()))
    return found


def change_cues(
    items: Sequence[Item], value: Value, ends: dict[int, list[Cue]], value_starts: AbstractSet[int]
) -> list[tuple[Cue, int]]:
    """The cue of a clause whose figure changes to the value ("the death toll ... rose to 12"): a change
    verb (and "to") right before the value, then the cue within a few items before the verb, with no
    other number or clause break between."""
    j = value.first - 1
    if j >= 0 and items[j].text in ("to", "at"):
        j -= 1
    if j < 0 or items[j].text not in _CHANGE_VERBS:
        return []
    while j > 0 and items[j - 1].text in _MODALS:  # "the compensation bill could reach up to ..."
        j -= 1
    found: list[tuple[Cue, int]] = []
    for k in range(j, max(-1, j - _CHANGE_SUBJECT_MAX), -1):
        if k != j and (k in value_starts or breaks_clause(items[k]) or items[k].text == ","):
            break
        found.extend((cue, CONNECTOR_MAX + (j - k)) for cue in ends.get(k, ()))
    return found


# Verbs that set a figure through their object: "puts the number of suspected cases nationally at more
# than 5,000", "raised its emergency funding for the outbreak to 3.1 billion shillings".
_SETTING_VERB_TEXT = """
    put puts putting estimated estimates estimate pegged pegs placed places raised raises raising increased
    increases lifted lifts cut cuts cutting lowered lowers revised revises revising brought brings bringing
    set sets widened widens widening extended extends expanded expands
"""

_SETTING_VERBS = frozenset(_SETTING_VERB_TEXT.split())

# Items from the verb to "at"/"to": "its estimate of the number of customers caught up in this month's
# data breach".
_SETTING_OBJECT_MAX = 16


def verb_object_cues(
    items: Sequence[Item],
    value: Value,
    ends: dict[int, list[Cue]],
    value_starts: AbstractSet[int],
    compiled: Sequence[CompiledClaim],
) -> list[tuple[Cue, int]]:
    """The cue inside the object of a verb that sets a figure ("put X at V", "raised X to V"): "at" or
    "to" right before the value, the verb a few items before, and the cue between them, with no
    other number or clause break in the object."""
    j = value.first - 1
    if j < 1 or items[j].text not in ("at", "to"):
        return []
    found: list[tuple[Cue, int]] = []
    for k in range(j - 1, max(-1, j - 1 - _SETTING_OBJECT_MAX), -1):
        if k in value_starts or breaks_clause(items[k]) or items[k].text == ",":
            return []
        if items[k].text in _SETTING_VERBS:
            # "estimated damage to roads and bridges at P740 million": an exclude word in the object
            return [
                (cue, gap)
                for cue, gap in found
                if cue.start >= k
                and not compiled[cue.claim].exclude.intersection(item.text for item in items[cue.end : j])
            ]
        found.extend((cue, CONNECTOR_MAX + (j - k)) for cue in ends.get(k + 1, ()))
    return []


def is_people(claim: ClaimType) -> bool:
    return claim.unit.lower() in _COUNTED_PEOPLE


def partitive_cues(
    items: Sequence[Item], value: Value, starts: dict[int, list[Cue]], by_first: dict[int, Value]
) -> list[tuple[Cue, int]]:
    """The cue of "113 of the 240 seats": the part counts what the total counts."""
    j = value.last + 1
    if j + 1 >= len(items) or items[j].text != "of":
        return []
    j += 2 if items[j + 1].text in ("the", "a", "all") else 1
    total = by_first.get(j)
    if total is None:
        return []
    return [(cue, 0) for cue in starts.get(total.last + 1, ())]


# Subjects a count may carry into its verb ("nine people were killed", "45,000 residents fled").
_COUNTED_PEOPLE_TEXT = """
    people persons residents villagers individuals passengers workers employees voters others civilians
    children adults families households
"""

_COUNTED_PEOPLE = frozenset(_COUNTED_PEOPLE_TEXT.split())

# What may follow a bare count that is its clause's subject: "more than 62,000 have fled".
_VERB_GROUP_TEXT = "are is was were have has had will would could may might remain remained remains been be"

_VERB_GROUP = frozenset(_VERB_GROUP_TEXT.split())

_PREDICATE_MAX = 6  # words from the counted noun to the cue: "people were staying in evacuation centres"

_PREDICATE_STOP_TEXT = "and or but which who whom that while whereas than if because"

_PREDICATE_STOPS = frozenset(_PREDICATE_STOP_TEXT.split())


def predicate_cues(
    items: Sequence[Item],
    value: Value,
    starts: dict[int, list[Cue]],
    compiled: Sequence[CompiledClaim],
    value_starts: AbstractSet[int],
    by_first: dict[int, Value],
) -> list[tuple[Cue, int]]:
    """Cues a count reaches as the subject of its clause, in either voice: "at least nine people were
    killed", "nearly 45,000 people were staying in evacuation centres", "more than 62,000 have fled".
    The count is followed by the claim's unit or a word for people (or directly by the verb), then by
    at most a few words of its predicate, with no other number, clause break or conjunction between."""
    j = value.last + 1
    counted = False
    if j < len(items) and items[j].kind == "word":
        unit_words = {w for c in compiled for w in forms(c.claim.unit.lower(), plural=True)}
        if items[j].text in _COUNTED_PEOPLE or items[j].text in unit_words:
            j, counted = j + 1, True
    if not counted and j < len(items) and j not in starts and items[j].text not in _VERB_GROUP:
        return []  # "two part-time staff tried to get stranded customers home": the count is no subject
    if counted:
        j = _past_subject_modifier(items, j, value_starts)
    found: list[tuple[Cue, int]] = []
    words = 0
    while j < len(items) and words <= _PREDICATE_MAX:
        for cue in starts.get(j, ()):
            between = {item.text for item in items[value.last + 1 : cue.start]}
            if not compiled[cue.claim].exclude.intersection(between):
                found.append((cue, words + FORWARD_MAX))  # ranks after a noun-phrase cue
        item = items[j]
        if found or item.text in _PREDICATE_STOPS:
            break
        if j in value_starts:
            # "64,200 people were in 412 evacuation centres": a count of the things the cue names is
            # part of the predicate, and the cue after it is the subject's.
            inner = by_first.get(j)
            if inner is not None:
                found += [
                    (cue, words + FORWARD_MAX + 1)
                    for cue in starts.get(inner.last + 1, ())
                    if counts_things(items, cue, compiled[cue.claim].claim)
                ]
            break
        if item.kind != "word":
            break
        words += 1
        j += 1
    return found


_MODIFIER_PREPOSITIONS = frozenset(["across", "in", "from", "at", "on", "throughout", "around", "near"])

_MODIFIER_MAX = 8  # items of a subject's place: "across Tarrin and the surrounding districts"


def _past_subject_modifier(items: Sequence[Item], j: int, value_starts: AbstractSet[int]) -> int:
    """Where the predicate starts after a subject's prepositional modifier: "1.3 million people
    [across Tarrin and the surrounding districts] were still without safe water" skips to "were";
    ``j`` itself when there is no such modifier or no verb ends it."""
    if j >= len(items) or items[j].text not in _MODIFIER_PREPOSITIONS:
        return j
    for k in range(j + 1, min(len(items), j + 1 + _MODIFIER_MAX)):
        if items[k].text in _VERB_GROUP:
            return k
        if k in value_starts or items[k].kind not in ("word", "date") or items[k].text in ("which", "who"):
            return j
    return j
