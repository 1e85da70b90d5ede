"""Consistency check of gold.json against the articles and event.toml of this folder.

Run from the repository root: .venv/bin/python bench/analytics_gold/merger/check_gold.py
Checks that every quote text, evidence and declared-alias evidence is an exact substring of its article
(.txt: the file up to any WordPress "Share this:" furniture; .html: visible text of <article>; .jsonl:
the "text" field), that quote texts lie inside quotation marks, that ids exist in event.toml, that units
and value types fit the claim type, and that conflicts match the labelled claims.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

from lxml import html as lxml_html

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
from transforms.profile import parse_event_profile  # noqa: E402

QUOTED = re.compile(r'"([^"]+)"|\u201c([^\u201d]+)\u201d')


def article_text(key: str) -> str:
    name, _, line = key.partition("#L")
    path = HERE / name
    if name.endswith(".jsonl"):
        return json.loads(path.read_text(encoding="utf-8").splitlines()[int(line) - 1])["text"]
    if name.endswith(".html"):
        tree = lxml_html.fromstring(path.read_bytes())
        (article,) = tree.xpath("//article")
        return "\n\n".join(
            el.text_content().strip() for el in article.iterchildren() if el.text_content().strip()
        )
    text = path.read_text(encoding="utf-8")
    return text.split("\nShare this:")[0]


def main() -> int:
    profile = parse_event_profile((HERE / "event.toml").read_text(encoding="utf-8"), "event.toml")
    entity_ids = {e.id for e in profile.entities}
    claim_types = {c.id: c for c in profile.claim_types}
    gold = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))
    errors: list[str] = []
    assert set(gold) == {"event", "about", "articles", "conflicts", "must_not_merge", "declared_aliases"}
    texts = {key: article_text(key) for key in gold["articles"]}
    values: dict[str, set] = {}
    n_quotes = n_claims = n_not = 0
    for key, art in gold["articles"].items():
        text = texts[key]
        assert set(art) == {"entities", "quotes", "claims", "not_claims", "off_topic"}, key
        spans = [a or b for a, b in QUOTED.findall(text)]
        for eid in art["entities"]:
            if eid not in entity_ids:
                errors.append(f"{key}: unknown entity {eid}")
        if len(set(art["entities"])) != len(art["entities"]):
            errors.append(f"{key}: duplicate entity ids")
        for quote in art["quotes"]:
            n_quotes += 1
            if quote["text"] not in text:
                errors.append(f"{key}: quote not in text: {quote['text'][:60]!r}")
            elif not any(quote["text"] in span for span in spans):
                errors.append(f"{key}: quote not inside quotation marks: {quote['text'][:60]!r}")
            sid = quote["speaker_entity_id"]
            if sid is not None and sid not in art["entities"]:
                errors.append(f"{key}: speaker {sid} not among the article's entities")
        for claim in art["claims"]:
            n_claims += 1
            ctype = claim_types.get(claim["claim_type"])
            if ctype is None:
                errors.append(f"{key}: unknown claim type {claim['claim_type']}")
                continue
            if claim["evidence"] not in text:
                errors.append(f"{key}: evidence not in text: {claim['evidence'][:60]!r}")
            if claim["unit"] != ctype.unit:
                errors.append(f"{key}: unit {claim['unit']!r} != {ctype.unit!r} for {ctype.id}")
            if ctype.kind == "date":
                date.fromisoformat(claim["value"])
            elif not isinstance(claim["value"], (int, float)):
                errors.append(f"{key}: non-numeric value for {ctype.id}")
            values.setdefault(ctype.id, set()).add(claim["value"])
        for item in art["not_claims"]:
            n_not += 1
            if item["claim_type"] not in claim_types:
                errors.append(f"{key}: unknown claim type {item['claim_type']}")
            if item["evidence"] not in text:
                errors.append(f"{key}: not_claim evidence not in text: {item['evidence'][:60]!r}")
    for conflict in gold["conflicts"]:
        cid, vals = conflict["claim_type"], conflict["values"]
        if cid not in claim_types:
            errors.append(f"conflict: unknown claim type {cid}")
        if len(set(vals)) < 2:
            errors.append(f"conflict {cid}: fewer than 2 distinct values")
        if set(vals) != values.get(cid, set()):
            errors.append(
                f"conflict {cid}: values {sorted(vals)} != labelled {sorted(values.get(cid, set()))}"
            )
    missing = {cid for cid, vals in values.items() if len(vals) > 1} - {
        c["claim_type"] for c in gold["conflicts"]
    }
    errors += [f"claim type {cid} has several values but no conflict" for cid in sorted(missing)]
    for alias in gold["declared_aliases"]:
        if alias["entity_id"] not in entity_ids:
            errors.append(f"declared alias {alias['alias']}: unknown entity")
        if not any(alias["evidence"] in t for t in texts.values()) or alias["alias"] not in alias["evidence"]:
            errors.append(f"declared alias {alias['alias']}: evidence not found")
    print(
        f"articles={len(texts)} quotes={n_quotes} claims={n_claims} not_claims={n_not} "
        f"conflicts={len(gold['conflicts'])} must_not_merge={len(gold['must_not_merge'])} "
        f"declared_aliases={len(gold['declared_aliases'])}"
    )
    for error in errors:
        print("ERROR", error)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
