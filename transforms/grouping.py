"""Cross-article grouping: the same quotation carried by several outlets (via
:func:`transforms.quotes.match_quotes`), the same happening mentioned by several articles. Pure
functions over rows read from staging."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from rapidfuzz import fuzz

from transforms.claims import Claim, find_conflicts
from transforms.profile import EventProfile
from transforms.quotes import match_quotes

__all__ = ["group_conflicts", "group_happenings", "group_quotes"]

_HAPPENING_SIMILARITY = 60  # token-set ratio: two sentences about one happening share most content words


def _group(keys: list, texts: list[str], threshold: float, prefix: str) -> dict:
    """Greedy single-link grouping: each text joins the first group holding a similar enough member."""
    groups: list[list[int]] = []
    for i, text in enumerate(texts):
        for group in groups:
            if any(fuzz.token_set_ratio(text, texts[j]) >= threshold for j in group):
                group.append(i)
                break
        else:
            groups.append([i])
    return {keys[i]: f"{prefix}{min(str(keys[j]) for j in group)}" for group in groups for i in group}


def group_quotes(quotes: list[tuple[str, int, str, int]]) -> dict[tuple[str, int], str]:
    """(article_id, quote_index, text, words) rows -> group id for every quotation that more than one
    article carries (small wording differences allowed); a group id names its first member."""
    groups = match_quotes([(article_id, text) for article_id, _, text, _ in quotes])
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
