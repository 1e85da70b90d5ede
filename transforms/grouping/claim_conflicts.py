"""Where outlets disagree: the claims of many articles compared type by type, within tolerance.

Grouping, not extraction: it reads the claims :mod:`transforms.analysis.claims` found in many articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from transforms.analysis.claims import Claim, ClaimConflict, number_text
from transforms.profile import EventProfile

__all__ = ["find_conflicts", "normalised_value"]


def _key(claim: Claim) -> float:
    if isinstance(claim.value, str):
        return float(date.fromisoformat(claim.value).toordinal())
    return float(claim.value)


def normalised_value(claim: Claim) -> str:
    """The value as compared across outlets: "15" (not "15.0"), "2.5", "2026-01-05"."""
    return claim.value if isinstance(claim.value, str) else number_text(claim.value)


def _label(claim: Claim, with_qualifier: bool) -> str:
    text = normalised_value(claim)
    return f"{claim.qualifier} {text}" if with_qualifier and claim.qualifier else text


def find_conflicts(
    claims: Sequence[tuple[str, Claim]], profile: EventProfile | None = None
) -> list[ClaimConflict]:
    """Claim types on which the outlets' values disagree, from ``(outlet, claim)`` pairs.

    Values are compared after normalisation: "Approximately fifteen" and "15" agree, and so by default
    do "more than 200" and "200" (outlets round and hedge; the number is the claim). With a profile,
    each claim type's ``tolerance`` lets near values agree (relative for numbers: 0.1 = within 10% of
    the larger; in days for dates) and ``compare_qualifiers`` makes the qualifier part of the value.
    Agreeing values form groups (each within tolerance of the group's smallest); two or more groups
    are a conflict, even when one outlet gives both (it contradicts itself). Conflicts come in claim
    type order (profile order, else by id); values ascending, each with its outlets sorted.
    """
    rules = {c.id: c for c in profile.claim_types} if profile else {}
    order = {cid: k for k, cid in enumerate(rules)}
    by_type: dict[str, list[tuple[str, Claim]]] = {}
    for outlet, claim in claims:
        by_type.setdefault(claim.claim_type, []).append((outlet, claim))
    conflicts = []
    for claim_type in sorted(by_type, key=lambda t: (order.get(t, len(order)), t)):
        rule = rules.get(claim_type)
        tolerance = rule.tolerance if rule else 0.0
        strict = rule.compare_qualifiers if rule else False
        keyed = sorted(
            (
                (c.qualifier or "") if strict else "",
                _key(c),
                _label(c, strict),
                outlet,
                isinstance(c.value, str),
            )
            for outlet, c in by_type[claim_type]
        )
        groups: list[
            tuple[str, float, dict[str, set[str]]]
        ] = []  # (qualifier, smallest value, label -> outlets)
        for qualifier, value, label, outlet, is_date in keyed:
            if (
                not groups
                or groups[-1][0] != qualifier
                or not _close(groups[-1][1], value, tolerance, is_date)
            ):
                groups.append((qualifier, value, {}))
            groups[-1][2].setdefault(label, set()).add(outlet)
        if len(groups) > 1:
            groups.sort(key=lambda g: (g[1], g[0]))
            values = tuple(
                (" / ".join(labels), tuple(sorted(set().union(*labels.values())))) for _, _, labels in groups
            )
            conflicts.append(ClaimConflict(claim_type, values))
    return conflicts


def _close(a: float, b: float, tolerance: float, is_date: bool) -> bool:
    if is_date:
        return abs(a - b) <= tolerance
    return abs(a - b) <= tolerance * max(abs(a), abs(b))
