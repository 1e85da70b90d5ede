"""Self-check of gold.json against the articles and event.toml in this folder (no presswatch code beyond the
profile parser). Run from the repository root: .venv/bin/python bench/analytics_gold/typhoon/check_gold.py
"""

from __future__ import annotations

import json
import pathlib
import re
import sys

from lxml import html as lxml_html

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
from transforms.profile import parse_event_profile  # noqa: E402


def article_texts() -> dict[str, str]:
    """The labelled body of each article (see README.md)."""
    out: dict[str, str] = {}
    for path in sorted(HERE.iterdir()):
        if path.suffix == ".txt" and path.name != "README.md":
            body = path.read_text(encoding="utf-8").split("\n\n", 1)[1]
            out[path.name] = body.split("\nShare this:")[0]
        elif path.suffix == ".html":
            tree = lxml_html.fromstring(path.read_bytes())
            out[path.name] = "\n\n".join("".join(p.itertext()) for p in tree.xpath("//article//p"))
        elif path.suffix == ".jsonl":
            for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    out[f"{path.name}#L{i}"] = json.loads(line)["text"]
    return out


def main() -> int:
    profile = parse_event_profile((HERE / "event.toml").read_text(encoding="utf-8"), "event.toml")
    entity_ids = {e.id for e in profile.entities}
    claim_units = {c.id: c.unit for c in profile.claim_types}
    gold = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))
    texts = article_texts()
    problems: list[str] = []
    assert set(gold) == {"event", "about", "articles", "conflicts", "must_not_merge", "declared_aliases"}
    if set(gold["articles"]) != set(texts):
        problems.append(f"article keys {sorted(gold['articles'])} != files {sorted(texts)}")
    values: dict[str, set] = {}
    n_quotes = n_claims = 0
    for key, art in gold["articles"].items():
        text = texts.get(key, "")
        words = len(text.split())
        if not 300 <= words <= 700:
            problems.append(f"{key}: {words} words")
        for eid in art["entities"]:
            if eid not in entity_ids:
                problems.append(f"{key}: unknown entity {eid}")
        if len(set(art["entities"])) != len(art["entities"]):
            problems.append(f"{key}: duplicate entity ids")
        for quote in art["quotes"]:
            n_quotes += 1
            if quote["text"] not in text:
                problems.append(f"{key}: quote not found: {quote['text']!r}")
            sid = quote["speaker_entity_id"]
            if sid is not None and sid not in entity_ids:
                problems.append(f"{key}: unknown speaker {sid}")
        for claim in art["claims"]:
            n_claims += 1
            ct = claim["claim_type"]
            if ct not in claim_units:
                problems.append(f"{key}: unknown claim type {ct}")
            elif claim["unit"] != claim_units[ct]:
                problems.append(f"{key}: unit {claim['unit']} != {claim_units[ct]} for {ct}")
            if claim["evidence"] not in text:
                problems.append(f"{key}: claim evidence not found: {claim['evidence']!r}")
            if ct == "landfall-date" and not re.fullmatch(r"\d{4}-\d\d-\d\d", str(claim["value"])):
                problems.append(f"{key}: date value {claim['value']!r}")
            values.setdefault(ct, set()).add(claim["value"])
        for nc in art["not_claims"]:
            if nc["claim_type"] not in claim_units:
                problems.append(f"{key}: unknown not_claim type {nc['claim_type']}")
            if nc["evidence"] not in text:
                problems.append(f"{key}: not_claim evidence not found: {nc['evidence']!r}")
    for conflict in gold["conflicts"]:
        ct = conflict["claim_type"]
        if ct not in claim_units:
            problems.append(f"conflict: unknown claim type {ct}")
        if len(set(conflict["values"])) < 2:
            problems.append(f"conflict {ct}: fewer than 2 values")
        if set(conflict["values"]) != values.get(ct, set()):
            problems.append(
                f"conflict {ct}: {sorted(conflict['values'])} != claims {sorted(values.get(ct, []))}"
            )
    for alias in gold["declared_aliases"]:
        if alias["entity_id"] not in entity_ids:
            problems.append(f"declared alias: unknown entity {alias['entity_id']}")
        if not any(alias["evidence"] in t for t in texts.values()):
            problems.append(f"declared alias evidence not found: {alias['evidence']!r}")
        if alias["alias"] not in alias["evidence"]:
            problems.append(f"declared alias {alias['alias']!r} not in its evidence")
    for entry in gold["must_not_merge"]:
        for name in entry["names"]:
            if not any(name in t for t in texts.values()):
                problems.append(f"must_not_merge name not in any article: {name!r}")
    print(
        f"articles={len(gold['articles'])} quotes={n_quotes} claims={n_claims} "
        f"conflicts={len(gold['conflicts'])} declared_aliases={len(gold['declared_aliases'])} "
        f"must_not_merge={len(gold['must_not_merge'])}"
    )
    for problem in problems:
        print("PROBLEM:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
