"""Cross-article grouping: the same quotation carried by several outlets (via
:func:`transforms.grouping.quote_matching.match_quotes`), the same happening mentioned by several
articles. Pure functions over rows read from staging."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from rapidfuzz import fuzz, process

from transforms.analysis.claims import Claim
from transforms.grouping.claim_conflicts import find_conflicts
from transforms.grouping.quote_matching import link_translations, match_quotes
from transforms.profile import EventProfile

__all__ = ["group_conflicts", "group_happenings", "group_quotes"]

_HAPPENING_SIMILARITY = 60  # token-set ratio: two sentences about one happening share most content words
_MEMBERS_COMPARED = 12  # a sentence joins a group when it is similar to one of its first members
_WORD = re.compile(r"[^\W\d_]{3,}")
# Words nearly every dated sentence has: they would make every group a candidate.
_NOT_STEMS = frozenset((
    "the", "and", "for", "with", "that", "this", "from", "was", "were", "has", "had", "have", "his", "her",
    "its", "their", "they", "them", "said", "says", "will", "would", "also", "after", "before", "into",
    "over", "about", "than", "then", "there", "when", "which", "who", "whom", "while", "are", "been",
    "being", "not", "but", "our", "out", "one", "two", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
))  # fmt: skip
_MAX_GROUPS_PER_STEM = 256  # a stem in more groups than this says little; used only if nothing rarer


def _stems(text: str) -> set[str]:
    """Word stems (first four letters of words of three or more) that two similar sentences share."""
    return {word[:4] for word in _WORD.findall(text) if word not in _NOT_STEMS}


def _first_similar_group(
    text: str, texts: list[str], groups: list[list[int]], candidates: list[int], threshold: float
) -> int | None:
    """The first of ``candidates`` (group numbers, ascending) with a compared member similar to ``text``."""
    for group in candidates:
        members = [texts[j] for j in groups[group][:_MEMBERS_COMPARED]]
        # One vectorised call per group; most sentences find their group among the first candidates.
        if process.cdist([text], members, scorer=fuzz.token_set_ratio, score_cutoff=threshold).any():
            return group
    return None


def _group(keys: list, texts: list[str], threshold: float, prefix: str) -> dict:
    """Greedy single-link grouping: each text joins the first group holding a similar enough member.

    Only groups sharing a word stem with the text are tried (two sentences about one happening share
    content words), and within a group at most :data:`_MEMBERS_COMPARED` members, so the cost follows
    the number of groups a text could join, not the square of the number of texts; a sentence written
    word for word as an earlier one (syndicated copy) joins that one's group without a comparison.
    """
    groups: list[list[int]] = []
    groups_with: dict[str, set[int]] = defaultdict(set)  # stem -> groups whose compared members use it
    group_of_text: dict[str, int] = {}  # a sentence repeated word for word joins its first copy's group
    for i, text in enumerate(texts):
        if text in group_of_text:
            groups[group_of_text[text]].append(i)
            continue
        stems = _stems(text)
        used = [groups_with[stem] for stem in stems if stem in groups_with]
        rare = [groups for groups in used if len(groups) <= _MAX_GROUPS_PER_STEM]
        if used and not rare:
            rare = [min(used, key=len)]
        chosen = _first_similar_group(text, texts, groups, sorted(set().union(*rare)), threshold)
        if chosen is None:
            chosen = len(groups)
            groups.append([])
        group = groups[chosen]
        group.append(i)
        group_of_text[text] = chosen
        if len(group) <= _MEMBERS_COMPARED:  # later members are never compared: no need to index them
            for stem in stems:
                groups_with[stem].add(chosen)
    labels = [f"{prefix}{min(str(keys[j]) for j in group)}" for group in groups]  # once per group
    return {keys[i]: label for group, label in zip(groups, labels, strict=True) for i in group}


def group_quotes(quotes: list[tuple[str, int, str, int, str | None]]) -> dict[tuple[str, int], str]:
    """(article_id, quote_index, text, words, speaker_entity_id) rows -> group id for every quotation
    that more than one article carries (small wording differences allowed, and independent translations
    of one speaker's words); a group id names its first member."""
    groups = match_quotes([(article_id, text) for article_id, _, text, _, _ in quotes])
    groups = link_translations(
        [(article_id, text, speaker) for article_id, _, text, _, speaker in quotes], groups
    )
    result: dict[tuple[str, int], str] = {}
    for group in groups:
        first_article, first_index = quotes[group[0]][0], quotes[group[0]][1]
        for i in group:
            result[(quotes[i][0], quotes[i][1])] = f"q:{first_article}:{first_index}"
    return result


def group_happenings(events: list[tuple[str, int, date, str]]) -> dict[tuple[str, int], str]:
    """(article_id, start_offset, day, what) rows -> happening id; mentions on the same day with
    similar wording are one happening."""
    by_day: dict[date, list[tuple[str, int, str]]] = defaultdict(list)
    for article_id, start, day, what in events:
        by_day[day].append((article_id, start, what))
    result: dict[tuple[str, int], str] = {}
    for day, rows in by_day.items():
        keys = [(article_id, start) for article_id, start, _ in rows]
        grouped = _group(keys, [what.casefold() for _, _, what in rows], _HAPPENING_SIMILARITY, f"{day}:")
        result.update(grouped)
    return result


def group_conflicts(claims: list[tuple], profile: EventProfile) -> list[tuple[str, str, int, str, int]]:
    """Staged claim rows (see ``warehouse.staging.claims_for_conflicts``) -> one row per claim of a
    disputed type: (claim_type, value_group, distinct_values, article_id, claim_index)."""
    pairs = []
    for (
        article_id,
        index,
        claim_type,
        value,
        number,
        unit,
        qualifier,
        written,
        sentence,
        start,
        end,
    ) in claims:
        claim = Claim(claim_type, number if number is not None else value, unit, qualifier, written, sentence,
                      start, end)  # fmt: skip
        pairs.append((f"{article_id}\x1f{index}", claim))
    rows = []
    for conflict in find_conflicts(pairs, profile):
        for value_group, keys in conflict.values:
            for key in keys:
                article_id, index = key.split("\x1f")
                rows.append((conflict.claim_type, value_group, len(conflict.values), article_id, int(index)))
    return rows
