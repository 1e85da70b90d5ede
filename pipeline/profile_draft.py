"""A first draft of an event profile from a folder of articles: ``presswatch profile init --on FOLDER``.

The draft is a starting point, not a finished profile: it lists the names the articles use most (each as
an entity with the spellings seen and a guessed kind), the acronyms they define ("National Disaster
Council (NDC)" becomes a variant), the date range of the articles, a relevance rule on the most named
entity and one example claim type to edit. Every line is valid profile TOML, so
``presswatch profile check`` can run on it at once.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from unidecode import unidecode

from pipeline.folder_articles import folder_articles
from transforms.analysis.candidates import find_candidate_names
from transforms.profile import EventProfile
from transforms.text.name_words import NAME_HEADS, TITLES
from transforms.text.phrases import phrase_key

__all__ = ["ProfileDraft", "draft_profile"]

MAX_ENTITIES = 30
MIN_ARTICLES = 2  # a name must appear in this many articles to be drafted (or all, when fewer)
_ACRONYM_RE = re.compile(
    r"((?:[A-Z][\w'’-]+\s(?:(?:of|for|and|the|de|du)\s)?){1,7})\(([A-Z][A-Z0-9&]{1,9})\)"
)
_SAID_RE = r"\b{name}\s(?:said|says|told|added|asked)\b"
_PLACE_RE = r"\b(?:in|to|from|near|across)\s{name}\b"
_TITLE_RE = r"\b(?:{titles})\s{name}\b"


@dataclass(frozen=True)
class ProfileDraft:
    """The draft's TOML text and how many articles it was drafted from."""

    toml: str
    articles: int


def draft_profile(folder: Path, event_id: str | None = None) -> ProfileDraft:
    """Draft a profile from every article file in ``folder`` (recursively); nothing is written."""
    texts: list[str] = []
    days: list[date] = []
    for item in folder_articles(folder):
        if item.document is None:
            continue
        texts.append(item.document.text)
        if item.document.published is not None and item.document.published.value is not None:
            days.append(item.document.published.value)
    start, end = (min(days), max(days)) if days else (date.today(), date.today())
    blank = _blank_profile(start, end)
    acronyms = _acronyms(texts)
    # An acronym counts for the name it abbreviates ("CPA" here, "Civil Protection Agency" there).
    full_key = {phrase_key(acronym): phrase_key(full) for full, acronym in acronyms.items()}
    seen_in: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        keys: set[str] = set()
        for name in {c.name for c in find_candidate_names(text, blank)} | _defined_names(text, acronyms):
            key = full_key.get(phrase_key(name), phrase_key(name))
            keys.add(key)
            spellings[key][name] += 1
        seen_in.update(keys)
    needed = min(MIN_ARTICLES, max(len(texts), 1))
    chosen = [key for key, count in seen_in.most_common() if count >= needed][:MAX_ENTITIES]
    entities = []
    for key in chosen:
        name = spellings[key].most_common(1)[0][0]
        full_names = [s for s in spellings[key] if not s.isupper()]
        name = max(full_names, key=lambda s: spellings[key][s]) if full_names else name
        variants = [s for s, _ in spellings[key].most_common() if s != name]
        entities.append((name, variants, _guess_kind(name, texts), seen_in[key]))
    toml = _render(event_id or _slug(folder.name), start, end, entities, len(texts))
    return ProfileDraft(toml, len(texts))


def _blank_profile(start: date, end: date) -> EventProfile:
    return EventProfile(
        id="draft", name="draft", description="", start=start, end=end, window_start=start, window_end=end,
        entities=(), topics=(), relevance_entities=(), min_relevance_mentions=1,
        relevance_context_entities=(), version="draft",
    )  # fmt: skip


def _acronyms(texts: list[str]) -> dict[str, str]:
    """Full name -> the acronym an article defines for it in brackets right after it."""
    found: dict[str, str] = {}
    for text in texts:
        for match in _ACRONYM_RE.finditer(text):
            words, acronym = match.group(1).split(), match.group(2)
            # The shortest tail of the capitalised run whose initials spell the acronym ("The Civil
            # Protection Agency (CPA)" -> "Civil Protection Agency").
            for k in range(len(words)):
                tail = words[k:]
                if "".join(w[0] for w in tail if w[0].isupper()) == acronym.replace("&", ""):
                    found.setdefault(" ".join(tail), acronym)
                    break
    return found


def _defined_names(text: str, acronyms: dict[str, str]) -> set[str]:
    """The defined names and acronyms written in ``text`` (the candidate finder may skip them)."""
    return {name for pair in acronyms.items() for name in pair if re.search(rf"\b{re.escape(name)}\b", text)}


def _guess_kind(name: str, texts: list[str]) -> str:
    """person, place, organisation or other, from how the articles use the name."""
    words = name.lower().split()
    if name.isupper() or words[-1] in NAME_HEADS:  # "CPA", "Civil Protection Agency"
        return "organisation"
    escaped = re.escape(name)
    titles = "|".join(sorted((t.capitalize() for t in TITLES if t.isalpha()), key=len, reverse=True))
    votes: Counter[str] = Counter()
    for text in texts:
        votes["person"] += len(re.findall(_SAID_RE.format(name=escaped), text))
        votes["person"] += len(re.findall(_TITLE_RE.format(titles=titles, name=escaped), text))
        votes["place"] += len(re.findall(_PLACE_RE.format(name=escaped), text))
    kind, count = votes.most_common(1)[0] if votes else ("other", 0)
    return kind if count else "other"


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-")  # "Kovač" -> "kovac"
    return slug or "my-event"


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _render(
    event_id: str, start: date, end: date, entities: list[tuple[str, list[str], str, int]], articles: int
) -> str:
    lines = [
        f"# Drafted by `presswatch profile init` from {articles} article(s). Edit before use: name the",
        "# event, keep the entities that matter (check each kind), add context_aliases (bare surnames) and",
        "# roles, topics and claims; then run `presswatch profile check` on the folder again.",
        "[event]",
        f"id = {_quoted(event_id)}",
        f"name = {_quoted(event_id.replace('-', ' ').capitalize())}",
        f"start = {start.isoformat()}",
        f"end = {end.isoformat()}",
        "",
        "[event.coverage_window]",
        "days_before = 30",
        "days_after = 365",
    ]
    ids: list[str] = []
    for name, variants, kind, count in entities:
        entity_id = _slug(name)
        if entity_id in ids:
            continue
        ids.append(entity_id)
        lines += [
            "",
            f"[[entities]]  # in {count} article(s)",
            f"id = {_quoted(entity_id)}",
            f"name = {_quoted(name)}",
            f"kind = {_quoted(kind)}  # person | place | organisation | other",
            f"variants = [{', '.join(_quoted(v) for v in variants)}]",
        ]
    lines += [
        "",
        "[[topics]]",
        'id = "main"',
        'label = "Main topic (edit)"',
        'keywords = ["edit me"]',
    ]
    if ids:
        lines += ["", "[relevance]", f"any_of_entities = [{_quoted(ids[0])}]", "min_mentions = 1"]
    lines += [
        "",
        "# An example claim type: a count outlets may disagree on. Edit or delete.",
        "[[claims]]",
        'id = "people-affected"',
        'label = "People affected"',
        'kind = "count"',
        'unit = "people"',
        'cues = ["affected", "evacuated", "killed"]',
    ]
    return "\n".join(lines) + "\n"
