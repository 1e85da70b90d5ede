"""Benchmark presswatch's analytics on hand-labelled events it was never tuned on, and on the bundled visit.

Usage: ``python bench/bench_analytics.py [--gold DIR]`` (``make bench-analytics``). Prints one JSON object:
per event, precision and recall of each extractor against the event's ``gold.json``.

Events: every folder of ``bench/analytics_gold/`` (an ``event.toml`` written from the README as a new user
would, articles in mixed formats, ``gold.json``; see each folder's README), plus ``visit``: the bundled
profile, ``seeds/`` and the seed gold files in ``tests/gold/``. Articles go through the real extraction
(:func:`transforms.extraction.extract.extract_items`, so a JSON Lines record is ``file.jsonl#L<n>``) and
the real per-article analysis (:func:`transforms.analysis.enrichment.analyse_article`).

Figures per event (quotations and claims as a run publishes them: none for an article the profile's
relevance rule records as off-topic, as ``presswatch run`` records it):

- ``entities``: precision / recall of the profile entity ids each article names (sets per article);
- ``quotes``: ``recall`` (a gold quotation found inside, or containing, a detected quotation),
  ``precision`` (detected quotations of 4 words or more that match a gold one), ``speaker_accuracy``
  (found gold quotations whose speaker entity, or null, is right);
- ``claims``: precision / recall of (claim type, value) per article, numbers within 0.5 %, dates exact
  (for ``visit`` distinct values per article, as its seed gold lists them; elsewhere every statement);
  ``distractors_taken``: gold ``not_claims`` that produced a claim of their type in their sentence;
- ``conflicts``: gold conflicts (claim types the outlets disagree on) that :func:`find_conflicts` reports;
- ``wrong_merges``: ``must_not_merge`` pairs where a mention written as the second name was given to the
  first name's entity; ``declared_aliases_learned``: aliases an article declares ("known locally as",
  "(CEC)") that count as mentions of their entity in that article.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pipeline.folder_articles import folder_articles
from transforms.analysis.claims import Claim
from transforms.analysis.enrichment import ArticleAnalysis, analyse_article
from transforms.analysis.entities import entity_spans, find_entity_mentions, is_relevant
from transforms.analysis.quotes import Quote
from transforms.grouping.claim_conflicts import find_conflicts
from transforms.profile import EventProfile, parse_event_profile

__all__ = ["main"]

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = PROJECT / "bench" / "analytics_gold"
QUOTE_MIN_WORDS = 4
VALUE_TOLERANCE = 0.005


@dataclass
class Article:
    """One article of an event: its text and what presswatch derived from it."""

    item: str
    text: str
    outlet: str
    analysis: ArticleAnalysis
    on_topic: bool = True

    @property
    def claims(self) -> list[Claim]:
        """The claims a run publishes: none for an article it records as off-topic."""
        return self.analysis.claims if self.on_topic else []

    @property
    def quotes(self) -> list[Quote]:
        """The quotations a run publishes: none for an article it records as off-topic."""
        return self.analysis.quotes if self.on_topic else []


@dataclass
class Tally:
    """Counts for precision and recall."""

    true_positives: int = 0
    predicted: int = 0
    expected: int = 0
    extra: dict[str, int] = field(default_factory=dict)

    def figures(self) -> dict[str, object]:
        """Precision, recall and the counts behind them."""
        precision = self.true_positives / self.predicted if self.predicted else None
        recall = self.true_positives / self.expected if self.expected else None
        return {
            "precision": round(precision, 3) if precision is not None else None,
            "recall": round(recall, 3) if recall is not None else None,
            "matched": self.true_positives,
            "predicted": self.predicted,
            "expected": self.expected,
            **self.extra,
        }


def load_articles(folder: Path, profile: EventProfile) -> list[Article]:
    """Every article file of ``folder`` through the real extraction and analysis."""
    articles = []
    for item in folder_articles(folder):
        document = item.document
        if document is None:
            continue
        published = document.published.value if document.published is not None else None
        analysis = analyse_article(document.text, profile, published, title=document.title)
        on_topic = is_relevant(analysis.mentions, profile)
        articles.append(Article(item.item, document.text, document.outlet or item.item, analysis, on_topic))
    return articles


def _same_value(gold: object, found: float | str) -> bool:
    if isinstance(gold, str) or isinstance(found, str):
        return str(gold) == str(found)
    if not isinstance(gold, int | float):
        return False
    return abs(float(found) - gold) <= VALUE_TOLERANCE * max(abs(gold), 1.0)


def score_entities(articles: list[Article], gold: dict[str, dict]) -> dict[str, object]:
    """Precision and recall of the entity ids named per article."""
    tally = Tally()
    for article in articles:
        if article.item not in gold:
            continue
        found = {m.entity_id for m in article.analysis.mentions}
        wanted = set(gold[article.item].get("entities", []))
        tally.true_positives += len(found & wanted)
        tally.predicted += len(found)
        tally.expected += len(wanted)
    return tally.figures()


def score_quotes(articles: list[Article], gold: dict[str, dict]) -> dict[str, object]:
    """Quote detection and speaker accuracy."""
    tally = Tally()
    speakers_right = speakers_total = 0
    for article in articles:
        if article.item not in gold:
            continue
        # a run publishes nothing of an off-topic article: its quotations are not expected
        wanted = [] if gold[article.item].get("off_topic") else gold[article.item].get("quotes", [])
        found = article.quotes
        tally.expected += len(wanted)
        matched_found: set[int] = set()
        for quote in wanted:
            hits = [k for k, q in enumerate(found) if _overlaps(quote["text"], q.text)]
            if not hits:
                continue
            tally.true_positives += 1
            matched_found.update(hits)
            speakers_total += 1
            speakers_right += any(found[k].speaker_entity_id == quote.get("speaker_entity_id") for k in hits)
        long_found = [k for k, q in enumerate(found) if q.words >= QUOTE_MIN_WORDS]
        tally.predicted += len(long_found)
        tally.extra["precise"] = tally.extra.get("precise", 0) + sum(k in matched_found for k in long_found)
    figures = tally.figures()
    precise = tally.extra.get("precise", 0)
    figures["precision"] = round(precise / tally.predicted, 3) if tally.predicted else None
    figures["speaker_accuracy"] = round(speakers_right / speakers_total, 3) if speakers_total else None
    return figures


def _overlaps(gold_text: str, found_text: str) -> bool:
    a, b = " ".join(gold_text.split()).strip(" ,.;:"), " ".join(found_text.split()).strip(" ,.;:")
    return bool(a and b) and (a in b or b in a)


def score_claims(articles: list[Article], gold: dict[str, dict], distinct: bool = False) -> dict[str, object]:
    """Precision and recall of (claim type, value) per article, and distractors taken.

    ``distinct``: the gold lists each (claim type, value) of an article once (the seed gold), so a value
    stated twice is found once; otherwise the gold lists every statement, repeats included.
    """
    tally = Tally()
    distractors = taken = 0
    for article in articles:
        if article.item not in gold:
            continue
        wanted = list(gold[article.item].get("claims", []))
        found = article.claims
        if distinct:
            first_of_each: dict[tuple[str, str], Claim] = {}
            for claim in found:
                first_of_each.setdefault((claim.claim_type, str(claim.value)), claim)
            found = list(first_of_each.values())
        tally.expected += len(wanted)
        tally.predicted += len(found)
        unused = list(wanted)
        for claim in found:
            match = next(
                (
                    g
                    for g in unused
                    if g["claim_type"] == claim.claim_type and _same_value(g["value"], claim.value)
                ),
                None,
            )
            if match is not None:
                unused.remove(match)
                tally.true_positives += 1
        for trap in gold[article.item].get("not_claims", []):
            distractors += 1
            evidence = " ".join(trap["evidence"].split())
            taken += any(
                c.claim_type == trap["claim_type"] and evidence in " ".join(c.sentence.split()) for c in found
            )
    tally.extra["distractors"] = distractors
    tally.extra["distractors_taken"] = taken
    return tally.figures()


def score_conflicts(articles: list[Article], profile: EventProfile, wanted: list[dict]) -> dict[str, object]:
    """Gold conflicts found, and conflicts reported that the gold does not have."""
    pairs = [(article.outlet, claim) for article in articles for claim in article.claims]
    reported = {conflict.claim_type for conflict in find_conflicts(pairs, profile)}
    expected = {conflict["claim_type"] for conflict in wanted}
    return {
        "found": len(expected & reported),
        "expected": len(expected),
        "missed": sorted(expected - reported),
        "not_in_gold": sorted(reported - expected),
    }


def score_names(articles: list[Article], profile: EventProfile, gold: dict) -> dict[str, object]:
    """Wrong merges of names that must stay apart, and aliases articles declare that were learned."""
    wrong: list[str] = []
    for pair in gold.get("must_not_merge", []):
        first, second = pair["names"][0], pair["names"][1]
        owners = {m.entity_id for m in find_entity_mentions(first, profile)}
        if not owners:
            continue
        for article in articles:
            start = article.text.find(second)
            while start >= 0:
                end = start + len(second)
                spans = entity_spans(article.text, profile)
                if any(s.entity_id in owners and s.start < end and s.end > start for s in spans):
                    wrong.append(f"{second} -> {sorted(owners)[0]} in {article.item}")
                    break
                start = article.text.find(second, end)
    declared = gold.get("declared_aliases", [])
    learned = 0
    for alias in declared:
        for article in articles:
            if alias["evidence"] in article.text:
                learned += any(
                    m.entity_id == alias["entity_id"] and m.variant == alias["alias"]
                    for m in article.analysis.mentions
                )
                break
    return {
        "wrong_merges": len(wrong),
        "pairs": len(gold.get("must_not_merge", [])),
        "examples": wrong[:5],
        "declared_aliases": len(declared),
        "declared_aliases_learned": learned,
    }


def score_event(folder: Path) -> dict[str, object]:
    """Every figure for one gold event folder."""
    profile = parse_event_profile(
        (folder / "event.toml").read_text(encoding="utf-8"), str(folder / "event.toml")
    )
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    articles = load_articles(folder, profile)
    labelled = gold["articles"]
    return {
        "articles": len(articles),
        "labelled": len(labelled),
        "unlabelled_items": sorted({a.item for a in articles} - set(labelled)),
        "entities": score_entities(articles, labelled),
        "quotes": score_quotes(articles, labelled),
        "claims": score_claims(articles, labelled),
        "conflicts": score_conflicts(articles, profile, gold.get("conflicts", [])),
        "names": score_names(articles, profile, gold),
        "relevance": score_relevance(articles, labelled),
    }


def score_relevance(articles: list[Article], gold: dict[str, dict]) -> dict[str, list[str]]:
    """Articles the profile's relevance rule judges otherwise than the gold: on-topic ones a run would
    record as off-topic (their quotations and claims are lost) and off-topic ones it would publish."""
    return {
        "lost_as_off_topic": [
            a.item for a in articles if a.item in gold and not gold[a.item]["off_topic"] and not a.on_topic
        ],
        "published_off_topic": [
            a.item for a in articles if a.item in gold and gold[a.item]["off_topic"] and a.on_topic
        ],
    }


def score_bundled_visit() -> dict[str, object]:
    """The bundled visit: seeds/ with the seed gold files of the test suite (claims, quotes, entities)."""
    profile = parse_event_profile((PROJECT / "seeds" / "event.toml").read_text(encoding="utf-8"))
    articles = load_articles(PROJECT / "seeds", profile)
    gold_dir = PROJECT / "tests" / "gold"
    claims = json.loads((gold_dir / "claims.json").read_text(encoding="utf-8"))
    quotes = json.loads((gold_dir / "quotes.json").read_text(encoding="utf-8"))
    entities = json.loads((gold_dir / "entities.json").read_text(encoding="utf-8"))["articles"]
    labelled = {
        name: {
            "claims": claims.get(name, []),
            "quotes": quotes.get(name, []),
            "entities": entities.get(name, {}).get("entities", []),
        }
        for name in claims
    }
    return {
        "articles": len(articles),
        "entities": score_entities(articles, labelled),
        "quotes": score_quotes(articles, labelled),
        "claims": score_claims(articles, labelled, distinct=True),
    }


def _summary(report: dict[str, dict]) -> dict[str, dict[str, object]]:
    rows: dict[str, dict[str, object]] = {}
    for event, figures in report.items():
        quotes, claims = figures["quotes"], figures["claims"]
        assert isinstance(quotes, dict) and isinstance(claims, dict)
        rows[event] = {
            "claims_precision": claims["precision"],
            "claims_recall": claims["recall"],
            "quote_recall": quotes["recall"],
            "speaker_accuracy": quotes["speaker_accuracy"],
        }
        if "conflicts" in figures:
            conflicts, names = figures["conflicts"], figures["names"]
            assert isinstance(conflicts, dict) and isinstance(names, dict)
            rows[event]["conflicts_found"] = f"{conflicts['found']} of {conflicts['expected']}"
            rows[event]["wrong_merges"] = names["wrong_merges"]
            relevance = figures["relevance"]
            assert isinstance(relevance, dict)
            rows[event]["lost_as_off_topic"] = len(relevance["lost_as_off_topic"])
    return rows


def main(argv: list[str] | None = None) -> int:
    """Score every gold event and the bundled visit; print the JSON report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="folder of gold event folders")
    args = parser.parse_args(argv)
    report: dict[str, dict] = {"visit": score_bundled_visit()}
    for folder in sorted(p for p in args.gold.iterdir() if (p / "gold.json").is_file()):
        report[folder.name] = score_event(folder)
    print(
        json.dumps(
            {"summary": _summary(report), "events": report, "date": date.today().isoformat()}, indent=1
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
