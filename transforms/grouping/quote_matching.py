"""The same quotation across outlets: quotations matched by their normalised words, near-linear.

Grouping, not extraction: it reads the quotations :mod:`transforms.analysis.quotes` found in many articles.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from rapidfuzz import fuzz, process

from transforms.analysis.quotes import Quote

__all__ = ["MIN_MATCH_WORDS", "link_translations", "match_quotes", "quote_key"]

# Quotations shorter than this are scare quotes ("new phase"): too common to link articles.
MIN_MATCH_WORDS = 5

_KEY_DROP_RE = re.compile(r"[^\w]+")
_MAX_POSTING = 200
_STRICT_THRESHOLD = 80  # from this similarity up, candidate quotations must share two word trigrams


def quote_key(text: str) -> str:
    """Normalised form of a quotation for matching: case-folded, accents and punctuation removed,
    whitespace collapsed ("Korea‑China relations," -> "korea china relations")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_KEY_DROP_RE.sub(" ", stripped.replace("_", " ")).split())


def match_quotes(
    quotes: list[tuple[str, Quote | str]], threshold: float = 85, min_words: int = MIN_MATCH_WORDS
) -> list[list[int]]:
    """Groups of indices into ``quotes`` (``(article_id, quote)`` pairs) that are the same quotation
    in different articles, allowing small wording differences and one outlet quoting only part of it.

    Two quotes link when both have at least ``min_words`` words (so scare quotes like "new phase" link
    nothing) and ``rapidfuzz.fuzz.partial_ratio`` of their :func:`quote_key` reaches ``threshold``
    (the shorter aligned inside the longer). An article contributes at most one member per group.
    Only groups of two or more are returned, each sorted, ordered by their first index.

    Built for thousands of articles carrying the same quotation: copies with the same key are packed
    first (each joins the first of its key's groups without its article), then distinct keys are
    compared, strongest links first, and whole groups merge when they share no article.
    """
    keys = [quote_key(q if isinstance(q, str) else q.text) for _, q in quotes]
    copies: dict[str, list[int]] = {}  # key -> its quotes in index order
    for i, key in enumerate(keys):
        if len(key.split()) >= min_words:
            copies.setdefault(key, []).append(i)
    group_of: dict[int, int] = {}
    members: dict[int, list[int]] = {}
    articles: dict[int, set[str]] = {}
    for indices in copies.values():
        packs: list[int] = []
        for i in indices:
            article = quotes[i][0]
            home = next((g for g in packs if article not in articles[g]), None)
            if home is None:
                home = i
                packs.append(i)
                members[i], articles[i] = [], set()
            members[home].append(i)
            articles[home].add(article)
            group_of[i] = home
    for _score, i, j in _key_links(list(copies), [indices[0] for indices in copies.values()], threshold):
        gi, gj = group_of[i], group_of[j]
        if gi == gj or articles[gi] & articles[gj]:
            continue
        if len(members[gi]) < len(members[gj]):  # move the smaller group: linear overall
            gi, gj = gj, gi
        for m in members[gj]:
            group_of[m] = gi
        members[gi] += members.pop(gj)
        articles[gi] |= articles.pop(gj)
    return sorted((sorted(g) for g in members.values() if len(g) > 1), key=lambda g: g[0])


def _key_links(keys: list[str], firsts: list[int], threshold: float) -> list[tuple[float, int, int]]:
    """(score, i, j) for distinct keys similar enough, as links between their first quotes (i < j),
    strongest first.

    Blocking: only keys sharing a word trigram are compared (a quotation reproduced with small
    differences keeps several), so the cost follows the number of plausible pairs, not n squared. A
    trigram shared by very many keys ("of the korean") tells nothing and is not used.
    """
    postings: dict[str, list[int]] = {}
    grams: list[int] = []
    for k, key in enumerate(keys):
        words = key.split()
        distinct = {" ".join(words[n : n + 3]) for n in range(len(words) - 2)}
        grams.append(len(distinct))
        for gram in distinct:
            postings.setdefault(gram, []).append(k)
    shared: dict[int, Counter[int]] = {}
    for posting in postings.values():
        if len(posting) <= _MAX_POSTING:
            for n, a in enumerate(posting[:-1]):
                shared.setdefault(a, Counter()).update(posting[n + 1 :])
    needed = 2 if threshold >= _STRICT_THRESHOLD else 1
    links = []
    for a, counts in shared.items():
        # At the usual thresholds, two trigrams in common (one, if a key has only one): a copy with small
        # differences keeps several, so this drops most chance pairs before the costly alignment.
        candidates = sorted(b for b, n in counts.items() if n >= min(needed, grams[a], grams[b]))
        if not candidates:
            continue
        # One vectorised call per key scores all its candidates.
        scores = process.cdist([keys[a]], [keys[b] for b in candidates], scorer=fuzz.partial_ratio,
                               score_cutoff=threshold)[0]  # fmt: skip
        for b, score in zip(candidates, scores.tolist(), strict=True):
            if score:
                i, j = sorted((firsts[a], firsts[b]))
                links.append((score, i, j))
    links.sort(key=lambda link: (-link[0], link[1], link[2]))
    return links


# --- the same words of one speaker in two translations ------------------------------------------------

_TRANSLATION_SHARED_STEMS = 4  # content stems two renderings of one quotation share at least
_TRANSLATION_OVERLAP = 0.7  # ... and as a share of the shorter one's stems
_STEM = 4
_FUNCTION_WORD_TEXT = """
    the and for with that this from was were has had have his her its their they them will would
    also into over about than then there when which who whom while are been being not but our out
    can could should shall may might must very just more most such what all any some each other
"""
_FUNCTION_WORDS = frozenset(_FUNCTION_WORD_TEXT.split())


def _content_stems(text: str) -> frozenset[str]:
    """Stems of a quotation's content words: what two independent translations of it keep."""
    return frozenset(w[:_STEM] for w in quote_key(text).split() if len(w) >= 3 and w not in _FUNCTION_WORDS)


def link_translations(
    quotes: list[tuple[str, str, str | None]], groups: list[list[int]], min_words: int = MIN_MATCH_WORDS
) -> list[list[int]]:
    """``groups`` (of :func:`match_quotes`) extended with quotations the same speaker is quoted saying
    in other words in other articles: two outlets translating one remark independently ("a new starting
    point to fill in the gaps" / "a fresh starting point for filling the gaps").

    ``quotes`` are ``(article_id, text, speaker_entity_id)``; only quotations with a known speaker take
    part. Two link when they share at least four content-word stems, making up at least 70 % of the
    shorter one's, and their groups have no article in common (one member per article, as before).
    """
    group_of = {i: k for k, group in enumerate(groups) for i in group}
    members = {k: list(group) for k, group in enumerate(groups)}
    by_speaker: dict[str, list[int]] = {}
    for i, (_, text, speaker) in enumerate(quotes):
        if speaker and len(quote_key(text).split()) >= min_words:
            by_speaker.setdefault(speaker, []).append(i)
            if i not in group_of:
                group_of[i] = len(members)
                members[group_of[i]] = [i]
    for indices in by_speaker.values():
        stems = {i: _content_stems(quotes[i][1]) for i in indices}
        for i, j, shared in _stem_pairs(indices, stems):
            gi, gj = group_of[i], group_of[j]
            if gi == gj or quotes[i][0] == quotes[j][0]:
                continue
            if shared / (min(len(stems[i]), len(stems[j])) or 1) < _TRANSLATION_OVERLAP:
                continue
            if {quotes[m][0] for m in members[gi]} & {quotes[m][0] for m in members[gj]}:
                continue
            for m in members[gj]:
                group_of[m] = gi
            members[gi] += members.pop(gj)
    return sorted((sorted(g) for g in members.values() if len(g) > 1), key=lambda g: g[0])


def _stem_pairs(indices: list[int], stems: dict[int, frozenset[str]]) -> list[tuple[int, int, int]]:
    """(i, j, shared stems) for the quotations of one speaker sharing enough stems, i before j in
    ``indices`` order: found through the stems they share, so a speaker quoted thousands of times
    costs what the plausible pairs cost, not every pair. A stem in very many quotations is not used."""
    postings: dict[str, list[int]] = {}
    for i in indices:
        for stem in stems[i]:
            postings.setdefault(stem, []).append(i)
    shared: dict[int, Counter[int]] = {}
    for posting in postings.values():
        if len(posting) <= _MAX_POSTING:
            for n, a in enumerate(posting[:-1]):
                shared.setdefault(a, Counter()).update(posting[n + 1 :])
    order = {i: k for k, i in enumerate(indices)}
    return sorted(
        (
            (a, b, n)
            for a, counts in shared.items()
            for b, n in counts.items()
            if n >= _TRANSLATION_SHARED_STEMS
        ),
        key=lambda t: (order[t[0]], order[t[1]]),
    )
