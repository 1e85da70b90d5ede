"""Consistency check of an analytics gold folder (data only; no presswatch code involved).

    python bench/gold_check.py bench/analytics_gold/outage

Checks that every evidence and quote text is an exact substring of its article's text (quotes right
after an opening quotation mark), that ids and units exist in the folder's event.toml, that quoted
speakers are among the article's entities, that some written form of each labelled entity occurs in its
article, that each conflict has 2+ distinct values matching the labelled claims, that the off-topic
record has no claims, and the article formats. Each gold folder's check_gold.py runs it on its folder.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

from lxml import html as lxml_html

JSONL_FIELDS = {"title", "text", "author", "published", "outlet"}
OPENING_MARKS = '"\u201c\u2018'


def article_texts(folder: Path) -> dict[str, str]:
    """Article key -> text: .txt as written, HTML <article> h1/p text, JSONL 'text' field."""
    texts: dict[str, str] = {}
    for path in sorted(folder.glob("*.txt")):
        texts[path.name] = path.read_text(encoding="utf-8")
    for path in sorted(folder.glob("*.html")):
        doc = lxml_html.fromstring(path.read_bytes())
        for xpath in (
            "//title",
            "//meta[@property='og:site_name']",
            "//meta[@property='article:published_time']",
            "//header",
            "//nav",
            "//footer",
            "//article",
        ):
            assert doc.xpath(xpath), (path.name, "missing", xpath)
        texts[path.name] = "\n\n".join(e.text_content() for e in doc.xpath("//article//h1 | //article//p"))
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            record = json.loads(line)
            assert set(record) == JSONL_FIELDS, (path.name, number, set(record) ^ JSONL_FIELDS)
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["published"]), (path.name, number)
            texts[f"{path.name}#L{number}"] = record["text"]
    return texts


def check(folder: Path, *, written_forms: bool = True, whole_sentence_quotes: bool = False) -> int:
    """Check the gold folder ``folder``, print its problems and totals; 1 when there are problems.

    ``written_forms``: also require a written form of every labelled entity in its article (sets
    labelled before this check existed may name entities by description only).
    ``whole_sentence_quotes``: a quotation's text may end with its sentence's full stop (the convention
    of the first gold sets). Claims may carry a ``note`` (how a value was read) besides their keys.
    """
    profile = tomllib.loads((folder / "event.toml").read_text(encoding="utf-8"))
    entity_ids = {e["id"] for e in profile["entities"]}
    units = {c["id"]: c.get("unit", "date" if c["kind"] == "date" else None) for c in profile["claims"]}
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    forms_of: dict[str, set] = defaultdict(set)
    for e in profile["entities"]:
        forms_of[e["id"]].update([e["name"], *e.get("variants", []), *e.get("context_aliases", [])])
        forms_of[e["id"]].update(f.removeprefix("The ") for f in list(forms_of[e["id"]]))
    for alias in gold["declared_aliases"]:
        forms_of[alias["entity_id"]].add(alias["alias"])
    texts = article_texts(folder)
    problems: list[str] = []

    def need(ok: bool, message: str) -> None:
        if not ok:
            problems.append(message)

    need(
        set(gold) == {"event", "about", "articles", "conflicts", "must_not_merge", "declared_aliases"},
        "top keys",
    )
    need(set(gold["articles"]) == set(texts), f"articles {set(gold['articles']) ^ set(texts)}")
    for key, text in texts.items():
        words = len(text.split())
        need(300 <= words <= 700, f"{key}: {words} words")
    stated: dict[str, set] = defaultdict(set)
    n_quotes = n_claims = n_not = 0
    for key, labels in gold["articles"].items():
        text = texts.get(key, "")
        need(set(labels) == {"entities", "quotes", "claims", "not_claims", "off_topic"}, f"{key}: keys")
        need(len(labels["entities"]) == len(set(labels["entities"])), f"{key}: duplicate entity")
        for entity_id in labels["entities"]:
            need(entity_id in entity_ids, f"{key}: unknown entity {entity_id}")
            # Some written form of a labelled entity must occur in the text: its name, a variant, a
            # context alias or an alias an article declares (case-insensitive: datelines are in capitals).
            forms = forms_of.get(entity_id, set())
            written = any(form.lower() in text.lower() for form in forms)
            need(written or not written_forms, f"{key}: no written form of {entity_id} in the text")
        for quote in labels["quotes"]:
            n_quotes += 1
            need(set(quote) == {"text", "speaker_entity_id", "speaker"}, f"{key}: quote keys {quote}")
            need(quote["text"] in text, f"{key}: quote not found: {quote['text']!r}")
            starts = [m.start() for m in re.finditer(re.escape(quote["text"]), text)]
            need(
                any(i > 0 and text[i - 1] in OPENING_MARKS for i in starts),
                f"{key}: quote not right after an opening mark: {quote['text']!r}",
            )
            closed = quote["text"][-1:] in ("," if whole_sentence_quotes else ",.")
            need(not closed, f"{key}: closing punctuation in quote: {quote['text']!r}")
            sid = quote["speaker_entity_id"]
            need(sid is None or sid in entity_ids, f"{key}: unknown speaker {sid}")
            need(sid is None or sid in labels["entities"], f"{key}: speaker {sid} not among the entities")
        for claim in labels["claims"]:
            n_claims += 1
            need(
                set(claim) - {"note"} == {"claim_type", "value", "unit", "evidence"},
                f"{key}: claim keys {claim}",
            )
            ctype = claim["claim_type"]
            need(ctype in units, f"{key}: unknown claim type {ctype}")
            need(claim["unit"] == units.get(ctype), f"{key}: unit {claim['unit']} for {ctype}")
            need(claim["evidence"] in text, f"{key}: evidence not found: {claim['evidence']!r}")
            value = claim["value"]
            if units.get(ctype) == "date":
                need(
                    isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None,
                    f"{key}: date {value}",
                )
            else:
                need(
                    isinstance(value, (int, float)) and not isinstance(value, bool), f"{key}: number {value}"
                )
            stated[ctype].add(value)
        for item in labels["not_claims"]:
            n_not += 1
            need(item["claim_type"] in units, f"{key}: unknown not_claim type {item['claim_type']}")
            need(item["evidence"] in text, f"{key}: not_claim evidence not found: {item['evidence']!r}")
            # A total inside a claim's evidence ("of its 44,000 employees") may be a not_claim; the same
            # evidence cannot be both.
            need(
                all(
                    item["evidence"] != c["evidence"]
                    for c in labels["claims"]
                    if c["claim_type"] == item["claim_type"]
                ),
                f"{key}: not_claim evidence is also a claim of the same type: {item['evidence']!r}",
            )
        need(not (labels["off_topic"] and labels["claims"]), f"{key}: off-topic article with claims")
    for conflict in gold["conflicts"]:
        ctype, values = conflict["claim_type"], conflict["values"]
        need(ctype in units, f"conflict: unknown claim type {ctype}")
        need(len(set(values)) >= 2 and len(set(values)) == len(values), f"conflict {ctype}: values {values}")
        need(
            set(values) == stated[ctype],
            f"conflict {ctype}: {values} vs labelled {sorted(stated[ctype], key=str)}",
        )
    for ctype, values in stated.items():
        if len(values) > 1:
            need(any(c["claim_type"] == ctype for c in gold["conflicts"]), f"missing conflict for {ctype}")
    everything = "\n".join(texts.values())
    for alias in gold["declared_aliases"]:
        need(alias["entity_id"] in entity_ids, f"alias: unknown entity {alias['entity_id']}")
        need(
            alias["evidence"] in everything and alias["alias"] in alias["evidence"], f"alias evidence {alias}"
        )
    for pair in gold["must_not_merge"]:
        for name in pair["names"]:
            need(name in everything, f"must_not_merge name not in any article: {name}")
    for problem in problems:
        print("PROBLEM:", problem)
    print(
        f"articles={len(texts)} quotes={n_quotes} claims={n_claims} not_claims={n_not} "
        f"conflicts={len(gold['conflicts'])} must_not_merge={len(gold['must_not_merge'])} "
        f"declared_aliases={len(gold['declared_aliases'])} "
        f"off_topic={sum(a['off_topic'] for a in gold['articles'].values())} problems={len(problems)}"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(check(Path(sys.argv[1]).resolve()))
