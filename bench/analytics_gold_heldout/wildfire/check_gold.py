"""Consistency check of the held-out wildfire gold set against its article files and event.toml.

Run: /work/main/.venv/bin/python bench/analytics_gold_heldout/wildfire/check_gold.py
Exits 0 when every check passes, 1 otherwise (each problem is printed).
Standard library only; it does not import presswatch.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLE_SUFFIXES = {".txt", ".html", ".jsonl"}
OPENING_MARKS = "\"\u201c\u2018'"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _ArticleText(HTMLParser):
    """Collects the text of <h1> and <p> elements inside <article>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.block: list[str] | None = None
        self.blocks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "article":
            self.in_article += 1
        elif self.in_article and tag in ("h1", "p"):
            self.block = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article -= 1
        elif tag in ("h1", "p") and self.block is not None:
            text = " ".join("".join(self.block).split())
            if text:
                self.blocks.append(text)
            self.block = None

    def handle_data(self, data: str) -> None:
        if self.block is not None:
            self.block.append(data)


def article_text(key: str) -> str:
    name, _, line = key.partition("#L")
    path = HERE / name
    if path.suffix == ".txt":
        return path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        parser = _ArticleText()
        parser.feed(path.read_text(encoding="utf-8"))
        return "\n\n".join(parser.blocks)
    if path.suffix == ".jsonl":
        rows = path.read_text(encoding="utf-8").splitlines()
        return json.loads(rows[int(line) - 1])["text"]
    raise ValueError(f"unknown article format: {key}")


def expected_keys() -> set[str]:
    keys = set()
    for path in HERE.iterdir():
        if path.suffix not in ARTICLE_SUFFIXES:
            continue
        if path.suffix == ".jsonl":
            rows = [r for r in path.read_text(encoding="utf-8").splitlines() if r.strip()]
            keys.update(f"{path.name}#L{i}" for i in range(1, len(rows) + 1))
        else:
            keys.add(path.name)
    return keys


def main() -> int:
    problems: list[str] = []
    profile = tomllib.loads((HERE / "event.toml").read_text(encoding="utf-8"))
    entity_ids = {e["id"] for e in profile["entities"]}
    claim_units = {}
    for c in profile["claims"]:
        claim_units[c["id"]] = "date" if c["kind"] == "date" else c["unit"]
    gold = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))

    for key in ("event", "about", "articles", "conflicts", "must_not_merge", "declared_aliases"):
        if key not in gold:
            problems.append(f"gold.json: missing top-level key {key!r}")

    articles = gold.get("articles", {})
    missing = expected_keys() - set(articles)
    extra = set(articles) - expected_keys()
    problems += [f"article file without labels: {k}" for k in sorted(missing)]
    problems += [f"labels for a missing article: {k}" for k in sorted(extra)]

    texts: dict[str, str] = {}
    values_seen: dict[str, list] = {}
    counts = {"entities": 0, "quotes": 0, "claims": 0, "not_claims": 0}
    for key, labels in articles.items():
        if key in extra:
            continue
        text = texts[key] = article_text(key)
        where = f"{key}"
        for field in ("entities", "quotes", "claims", "not_claims", "off_topic"):
            if field not in labels:
                problems.append(f"{where}: missing {field!r}")
        for eid in labels.get("entities", []):
            if eid not in entity_ids:
                problems.append(f"{where}: entity {eid!r} is not in event.toml")
        if len(set(labels.get("entities", []))) != len(labels.get("entities", [])):
            problems.append(f"{where}: duplicate entity ids")
        for q in labels.get("quotes", []):
            if set(q) != {"text", "speaker_entity_id", "speaker"}:
                problems.append(f"{where}: quote keys {sorted(q)}")
            sid = q.get("speaker_entity_id")
            if sid is not None and sid not in entity_ids:
                problems.append(f"{where}: speaker {sid!r} is not in event.toml")
            if sid is not None and sid not in labels.get("entities", []):
                problems.append(f"{where}: speaker {sid!r} is not among the article's entities")
            qt = q.get("text", "")
            starts = [m.start() for m in re.finditer(re.escape(qt), text)] if qt else []
            if not starts:
                problems.append(f"{where}: quote not in text: {qt[:60]!r}")
            elif not any(i > 0 and text[i - 1] in OPENING_MARKS for i in starts):
                problems.append(f"{where}: quote not right after an opening mark: {qt[:60]!r}")
        for c in labels.get("claims", []):
            if set(c) != {"claim_type", "value", "unit", "evidence"}:
                problems.append(f"{where}: claim keys {sorted(c)}")
            ctype = c.get("claim_type")
            if ctype not in claim_units:
                problems.append(f"{where}: claim type {ctype!r} is not in event.toml")
                continue
            if c.get("unit") != claim_units[ctype]:
                problems.append(
                    f"{where}: {ctype} unit {c.get('unit')!r}, profile says {claim_units[ctype]!r}"
                )
            value = c.get("value")
            if claim_units[ctype] == "date":
                if not (isinstance(value, str) and ISO_DATE.match(value)):
                    problems.append(f"{where}: {ctype} value {value!r} is not an ISO date")
            elif isinstance(value, bool) or not isinstance(value, (int, float)):
                problems.append(f"{where}: {ctype} value {value!r} is not a number")
            if c.get("evidence", "") not in text or not c.get("evidence"):
                problems.append(f"{where}: claim evidence not in text: {c.get('evidence')!r}")
            values_seen.setdefault(ctype, [])
            if value not in values_seen[ctype]:
                values_seen[ctype].append(value)
        for n in labels.get("not_claims", []):
            if n.get("claim_type") not in claim_units:
                problems.append(f"{where}: not_claim type {n.get('claim_type')!r} is not in event.toml")
            if not n.get("evidence") or n["evidence"] not in text:
                problems.append(f"{where}: not_claim evidence not in text: {n.get('evidence')!r}")
        claim_ev = {c.get("evidence") for c in labels.get("claims", [])}
        for n in labels.get("not_claims", []):
            if n.get("evidence") in claim_ev:
                problems.append(f"{where}: evidence both claim and not_claim: {n.get('evidence')!r}")
        if not isinstance(labels.get("off_topic"), bool):
            problems.append(f"{where}: off_topic must be true or false")
        for field in counts:
            counts[field] += len(labels.get(field, []))

    listed = {}
    for conflict in gold.get("conflicts", []):
        ctype = conflict.get("claim_type")
        if ctype in listed:
            problems.append(f"conflicts: {ctype!r} listed twice")
        listed[ctype] = conflict.get("values", [])
    for ctype, values in values_seen.items():
        if len(values) > 1 and ctype not in listed:
            problems.append(f"conflicts: {ctype!r} has values {values} but is not listed")
    for ctype, values in listed.items():
        seen = values_seen.get(ctype, [])
        if sorted(map(str, values)) != sorted(map(str, seen)):
            problems.append(f"conflicts: {ctype!r} lists {values}, claims give {seen}")
        if len(values) < 2:
            problems.append(f"conflicts: {ctype!r} lists fewer than two values")

    all_text = "\n\n".join(texts.values())
    for pair in gold.get("must_not_merge", []):
        names = pair.get("names", [])
        if len(names) < 2 or not pair.get("why"):
            problems.append(f"must_not_merge: needs two or more names and a why: {names}")
        for name in names:
            if name not in all_text:
                problems.append(f"must_not_merge: {name!r} appears in no article")
    for alias in gold.get("declared_aliases", []):
        if alias.get("entity_id") not in entity_ids:
            problems.append(f"declared_aliases: {alias.get('entity_id')!r} is not in event.toml")
        evidence = alias.get("evidence", "")
        if not evidence or evidence not in all_text:
            problems.append(f"declared_aliases: evidence not in any article: {evidence!r}")
        if alias.get("alias", "\0") not in evidence:
            problems.append(f"declared_aliases: {alias.get('alias')!r} not inside its evidence")

    for problem in problems:
        print("PROBLEM:", problem)
    print(
        f"{len(texts)} articles, {counts['entities']} entity labels, {counts['quotes']} quotes, "
        f"{counts['claims']} claims, {counts['not_claims']} not_claims, {len(listed)} conflicts, "
        f"{len(gold.get('must_not_merge', []))} must_not_merge, "
        f"{len(gold.get('declared_aliases', []))} declared aliases: "
        + ("OK" if not problems else f"{len(problems)} problem(s)")
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
