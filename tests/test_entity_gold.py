"""Entity matching against a hand-labelled gold set (tests/gold/entities.json) of the seed articles.

Scored at the (article, entity) level: a true positive is an entity the gold set lists for an article
and find_entity_mentions also finds there. Run with ``pytest -s`` to see the scores and the misses.
"""

from __future__ import annotations

import json
from pathlib import Path

from transforms.analysis.entities import find_entity_mentions
from transforms.profile import EventProfile

ROOT = Path(__file__).parents[1]
GOLD = json.loads((ROOT / "tests" / "gold" / "entities.json").read_text(encoding="utf-8"))
MIN_PRECISION = 0.9
MIN_RECALL = 0.8


def _text(name: str) -> str:
    return (ROOT / "seeds" / name).read_text(encoding="utf-8")


def test_gold_covers_every_seed_with_known_ids(profile: EventProfile) -> None:
    seeds = {p.name for p in (ROOT / "seeds").glob("*.txt")}
    assert set(GOLD["articles"]) == seeds
    known = {e.id for e in profile.entities}
    for name, labels in GOLD["articles"].items():
        assert set(labels["entities"]) <= known, (name, set(labels["entities"]) - known)
        assert len(labels["entities"]) == len(set(labels["entities"])), name


def test_precision_and_recall_at_article_entity_level(profile: EventProfile) -> None:
    tp = fp = fn = 0
    for name, labels in sorted(GOLD["articles"].items()):
        gold = set(labels["entities"])
        found = {m.entity_id for m in find_entity_mentions(_text(name), profile)}
        tp += len(gold & found)
        fp += len(found - gold)
        fn += len(gold - found)
        extra, missed = sorted(found - gold), sorted(gold - found)
        print(f"{name}: gold={len(gold)} found={len(found)} extra={extra} missed={missed}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"entity gold: tp={tp} fp={fp} fn={fn} precision={precision:.3f} recall={recall:.3f}")
    assert precision >= MIN_PRECISION
    assert recall >= MIN_RECALL


def test_president_variants_per_article(profile: EventProfile) -> None:
    president = GOLD["president"]
    for name, labels in sorted(GOLD["articles"].items()):
        written = {m.variant for m in find_entity_mentions(_text(name), profile) if m.entity_id == president}
        assert written == set(labels["president_variants"]), name


def test_gold_variants_are_really_written(profile: EventProfile) -> None:
    # Guards the gold set itself: every labelled spelling occurs verbatim in its article.
    for name, labels in GOLD["articles"].items():
        for variant in labels["president_variants"]:
            assert variant in _text(name), (name, variant)
