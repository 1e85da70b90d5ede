"""Direct quotations in an article, who said them, and the same quotation across outlets.

Detection follows English typographic conventions, not any outlet's wording:

* Double quotes, curly (“ ”, „ ‟, « ») or straight ("), pair within a paragraph. A mark's role comes
  from its glyph and from what flanks it (a space before and a letter after opens), so straight quotes
  and the odd wrong-way curly mark still pair. A quote left open at the end of a paragraph whose next
  paragraph opens with a quote mark is the multi-paragraph convention: it runs to the paragraph end.
  Any other unclosed mark is dropped.
* Single quotes (‘ ’ and ') count only when clearly a quotation: an opening mark after a space or
  bracket, a closing mark before a space or punctuation, at least two letters between, on one line and
  at most a few dozen words. Apostrophes ("Lee's", "hasn't", "'90s") never qualify. A quotation nested
  in another (‘ ’ inside “ ”, or British "…" inside '…') is part of the outer one.
* A quotation split by its attribution (“X,” he said. “Y.”) gives two quotes with the same speaker:
  offsets stay exact and matching across outlets works on either half.
* Short scare quotes (“new phase”) are quotations too; ``Quote.words`` lets callers filter them. A
  nickname inside a name (Mayor Juan "Jun" Cruz) is not a quotation.

Attribution looks at the sentence(s) holding the quote, with every quotation masked out, in this order:

1. Right after a quote that closes a clause: ``“…,” X said`` / ``“…,” said X`` / ``X told reporters``.
2. The nearest speech verb before the quote in its sentence: ``X said (that) “…”``, ``X urged Y to
   “…”``, ``X described it as “…”``; a participle (``…, urging Y to “…”``) takes the sentence's subject.
   A sentence ending in a colon carries the attribution of a quote opening the next one.
3. Citations, which name a relay rather than the speaker: ``according to X``, ``X reported``. So
   ``Xi urged Seoul to “…,” Yonhap reported`` is Xi's quote, and ``“…,” Yonhap reported`` is Yonhap's.
4. A quote alone at the start of the sentence right after another quote continues that speaker.

A speaker phrase resolves to a profile entity only when the entity is the phrase's head: "Chinese
Foreign Ministry spokesperson Mao Ning" is Mao Ning, "Lee's spokesperson" and "His office" are nobody,
"Xinhua news agency" is Xinhua. A description resolves when it is one of an entity's profile ``roles``
("the South Korean leader") or the article introduced a person with it in apposition ("Maria Santos,
the provincial disaster chief, said ... the provincial disaster chief added"); a description several
entities share resolves to nobody. "he"/"she" resolve to the latest person named outside quotes, "it" to
the latest organisation. Places count as speakers by metonymy ("Seoul said", "North Korea declared").
Resolving a speaker phrase lives in :mod:`.speakers`.

Work per quote is bounded by fixed windows around it, so text full of quote marks stays linear.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import NamedTuple

from transforms.analysis.speakers import OWNER_PRONOUNS, STEM, SpeakerResolver, role_stems
from transforms.profile import EventProfile
from transforms.text.name_words import TITLE_MODIFIERS, TITLES
from transforms.text.sentences import split_sentences

__all__ = ["Quote", "extract_quotes"]


@dataclass(frozen=True)
class Quote:
    """One direct quotation and its attribution.

    ``start``/``end`` span the quoted words (marks excluded); ``evidence_start``/``evidence_end`` span
    the sentence(s) holding the quote and its attribution. ``words`` counts the quoted words: 1-3 is
    usually a scare quote ("new phase"), which callers may want to filter.
    """

    text: str
    start: int
    end: int
    evidence_start: int
    evidence_end: int
    speaker_entity_id: str | None
    speaker_text: str | None
    cue: str | None
    words: int


# --- finding quotation marks ---------------------------------------------------------------------

_DOUBLE_OPEN = "“„«‟"
_DOUBLE_CLOSE = "”»"
_DOUBLE = _DOUBLE_OPEN + _DOUBLE_CLOSE + '"'
_SINGLE = "'‘’‛"
_BEFORE_OPEN = "([{—–-/\u2010\u2011" + _DOUBLE + _SINGLE  # may precede an opening mark
_AFTER_CLOSE = ".,;:!?)]}—–-/…\u2010\u2011" + _DOUBLE + _SINGLE  # may follow a closing mark
_PARAGRAPH_RE = re.compile(r"[^\n]+")
_DOUBLE_RE = re.compile(f"[{_DOUBLE}]")
_SINGLE_RE = re.compile(f"[{_SINGLE}]")
_SINGLE_MAX_CHARS = 400  # a single-quoted stretch longer than this is apostrophes, not a quotation
_SINGLE_MAX_WORDS = 60


class _Span(NamedTuple):
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark (paragraph end for a continued quote)
    continued: bool  # unclosed, continued in the next paragraph


_NAME_WORD_RE = re.compile(r"[A-Z][\w'’.-]*")


def _is_nickname(text: str, span: _Span) -> bool:
    """A nickname inside a name, not a quotation: Mayor Juan "Jun" Cruz, Maria 'Mimi' Soto. One or
    two capitalised words in quote marks, with a capitalised name word right before and after."""
    if span.continued:
        return False
    inner = text[span.open + 1 : span.close].split()
    if not 1 <= len(inner) <= 2 or not all(_NAME_WORD_RE.fullmatch(w) for w in inner):
        return False
    before = text[max(0, span.open - 40) : span.open]
    after = text[span.close + 1 : span.close + 41]
    if not before.endswith(" ") or not after.startswith(" "):
        return False
    previous, following = before.split()[-1:], after.split()[:1]
    return bool(
        previous
        and following
        and _NAME_WORD_RE.fullmatch(previous[0])
        and _NAME_WORD_RE.match(following[0])
        and following[0][0].isupper()
    )


def _flanks(text: str, i: int, lo: int, hi: int) -> tuple[bool, bool]:
    """Whether the mark at ``i`` can open (left-flanking) and can close (right-flanking)."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    can_open = not nxt.isspace() and (prev.isspace() or prev in _BEFORE_OPEN)
    can_close = not prev.isspace() and (nxt.isspace() or nxt in _AFTER_CLOSE)
    return can_open, can_close


def _double_spans(text: str, lo: int, hi: int, continues: bool) -> list[_Span]:
    """Pair double quotes within one paragraph ``text[lo:hi]``."""
    spans: list[_Span] = []
    open_at: int | None = None
    for m in _DOUBLE_RE.finditer(text, lo, hi):
        i, mark = m.start(), m.group()
        can_open, can_close = _flanks(text, i, lo, hi)
        if mark in _DOUBLE_OPEN:
            role = "close" if can_close and not can_open else "open"
        elif mark in _DOUBLE_CLOSE:
            role = "open" if can_open and not can_close else "close"
        else:
            role = "open" if can_open and not can_close else "close" if can_close and not can_open else "?"
        if open_at is None:
            if role != "close":
                open_at = i  # a stray closing mark is ignored
        elif role != "open":
            spans.append(_Span(open_at, i, False))
            open_at = None
        else:
            open_at = i  # two openers in a row: the first was never closed
    if open_at is not None and continues:
        spans.append(_Span(open_at, hi, True))
    return spans


def _single_spans(text: str, lo: int, hi: int) -> list[_Span]:
    """Single-quoted stretches of one paragraph that are clearly quotations, not apostrophes."""
    openers: list[int] = []
    closers: list[int] = []
    for m in _SINGLE_RE.finditer(text, lo, hi):
        i, mark = m.start(), m.group()
        can_open, can_close = _flanks(text, i, lo, hi)
        nxt = text[i + 1] if i + 1 < hi else " "
        # A right single quote opens only before a letter: "’90s" is an elision.
        if can_open and (nxt.isalpha() or (nxt.isalnum() and mark != "’")):
            openers.append(i)
        elif can_close and mark != "‘":
            closers.append(i)
    spans: list[_Span] = []
    last_close = -1
    for i in openers:
        if i < last_close:
            continue
        k = bisect_right(closers, i)
        if k == len(closers) or closers[k] - i > _SINGLE_MAX_CHARS:
            continue
        j = closers[k]
        inner = text[i + 1 : j]
        if sum(c.isalpha() for c in inner) >= 2 and len(inner.split()) <= _SINGLE_MAX_WORDS:
            spans.append(_Span(i, j, False))
            last_close = j
    return spans


def _quote_spans(text: str) -> list[_Span]:
    """All quotation spans, outermost only, in text order."""
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH_RE.finditer(text) if m.group().strip()]
    spans: list[_Span] = []
    for k, (lo, hi) in enumerate(paragraphs):
        following = text[paragraphs[k + 1][0] : paragraphs[k + 1][1]] if k + 1 < len(paragraphs) else ""
        nxt = following.lstrip()[:1]
        spans += _double_spans(text, lo, hi, continues=bool(nxt) and nxt in _DOUBLE_OPEN + '"')
        spans += _single_spans(text, lo, hi)
    spans.sort(key=lambda s: (s.open, -s.close))
    outer: list[_Span] = []
    for span in spans:
        if outer and span.close <= outer[-1].close:
            continue  # nested quotation: part of the outer one
        if any(c.isalnum() for c in text[span.open + 1 : span.close]):
            outer.append(span)
    return outer


# --- attribution vocabulary ----------------------------------------------------------------------

_VERB_TEXT = """
    add affirm acknowledge admit agree announce argue ask assert boast brand call caution characterise
    characterize claim comment complain concede conclude confirm continue criticise criticize declare
    demand deny describe dismiss dub editorialise editorialize emphasise emphasize explain express frame hail
    highlight insist joke lament label mention note observe pledge point post praise predict proclaim
    promise propose quip reaffirm recall refer remark reiterate reply respond say stress suggest tell term
    tweet underline underscore urge vow warn welcome write
"""
_IRREGULAR = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "writing", "written"),
    "admit": ("admits", "admitted", "admitting"),
    "quip": ("quips", "quipped", "quipping"),
    "dub": ("dubs", "dubbed", "dubbing"),
    "refer": ("refers", "referred", "referring"),
    "label": ("labels", "labeled", "labelled", "labeling", "labelling"),
}
# Base forms that are also common nouns ("a call", "the post") count only as infinitives ("to stress").
_NOUN_LIKE_TEXT = """
    brand call claim comment demand frame joke label note pledge point post praise promise quip remark reply
    stress term tweet welcome
"""
_NOUN_LIKE = frozenset(_NOUN_LIKE_TEXT.split())
_WEAK = {"reported": "reported", "reports": "reports", "reporting": "reporting", "quoted": "quoted"}


def _inflect(base: str) -> tuple[str, ...]:
    if base in _IRREGULAR:
        return _IRREGULAR[base]
    if base.endswith("ee"):
        return base + "s", base + "d", base + "ing"
    if base.endswith("e"):
        return base + "s", base + "d", base[:-1] + "ing"
    if base.endswith("y") and base[-2] not in "aeiou":
        return base[:-1] + "ies", base[:-1] + "ied", base + "ing"
    if base.endswith(("s", "sh", "ch", "x", "z")):
        return base + "es", base + "ed", base + "ing"
    return base + "s", base + "ed", base + "ing"


def _cue_forms() -> dict[str, str]:
    """Surface form -> kind: "ing" (participle), "base" (bare verb) or "finite"."""
    forms: dict[str, str] = {}
    for base in _VERB_TEXT.split():
        forms[base] = "base"
        for form in _inflect(base):
            forms[form] = "ing" if form.endswith("ing") else "finite"
    return forms


_CUES = _cue_forms()
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i"})
_DETERMINER_TEXT = "the a an his her its their our both two several some many one other each these"
_DETERMINERS = frozenset(_DETERMINER_TEXT.split())
_SPEAKER_NOUNS_TEXT = """
    spokesperson spokesman spokeswoman spokespeople official officials minister ministers ministry office
    president leader leaders chairman chairwoman chair secretary adviser advisers advisor aide aides
    analyst analysts expert experts source sources diplomat diplomats envoy ambassador embassy government
    administration agency newspaper daily outlet broadcaster tabloid editorial media side sides premier
    counterpart delegation lawmaker lawmakers legislator professor researcher scholar commentator observer
    observers director head chief committee council military regime authorities authority officer
    representative representatives executive ceo founder party foreign deputy vice senior national
    security state state-run state-owned news first lady presidential top former prime residents people
    general special press public chinese korean japanese american north south
    """
# ... and every title or title word ("the company's finance chief", "the senator")
_SPEAKER_NOUNS = frozenset(_SPEAKER_NOUNS_TEXT.split()) | TITLES | TITLE_MODIFIERS
_NP_PREPOSITIONS = frozenset({"of", "for", "at", "from"})
_SKIP_BEFORE_VERB_TEXT = """
    also further then later again once previously reportedly repeatedly still even already just recently
    separately publicly earlier never not often has have had will would could should may might can did does
    do himself herself itself themselves too
    """
_SKIP_BEFORE_VERB = frozenset(_SKIP_BEFORE_VERB_TEXT.split())
_PASSIVE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_CALENDAR_TEXT = """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec today
    yesterday tonight morning afternoon evening night week month year weekend
    """
_CALENDAR = frozenset(_CALENDAR_TEXT.split())
_TIME_PREPOSITIONS = frozenset({"on", "in", "at", "last", "this", "late", "early", "earlier"})
_CAPITAL_STOPS_TEXT = """
    then but and however meanwhile also so yet while when after before still now later earlier in on at
    for during as if although though because since that this there speaking using back by with from to
    """
_CAPITAL_STOPS = frozenset(_CAPITAL_STOPS_TEXT.split())
_RELATIVE = frozenset({"who", "which"})
_CONTEXT_LEFT = 300  # characters of the sentence looked at before a quote
_CONTEXT_RIGHT = 200  # and after it
_CROSS_LEFT = 8  # other quotations the left context may reach across ("said that “a”, “b” and “c”")
_CROSS_RIGHT = 2
# "Margit Halvorsen, the head of the observer mission of the Alliance for Electoral Observation, said"
_APPOSITION_TOKENS = 20
_NEXT_SENTENCE_TOKENS = 14  # a following sentence this short may be a bare attribution ("Lee said.")


# --- tokens with quotations masked ---------------------------------------------------------------

# A dotted title stays one word ("said Dr. Helene Dussart", "Ms. Vintimilla said"), as do initialisms.
_TOKEN_RE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Fr|Rev|Hon)\.(?=\s+[A-Z])"
    r"|(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’\u2010\u2011-][^\W_]+)*|[^\w\s]",
    re.UNICODE,
)


class _Tok(NamedTuple):
    kind: str  # "w" word, "p" punctuation, "q" a masked quotation
    text: str
    start: int
    end: int
    # A word of the descriptions this article's speakers go by (profile roles, the article's
    # appositions) or their stems: "the provincial disaster chief" is a speaker phrase only because
    # the article or profile says so.
    role: bool = False

    @property
    def low(self) -> str:
        return self.text.lower() if self.kind == "w" else ""


def _tokens(page: _Page, lo: int, hi: int) -> list[_Tok]:
    """Tokens of ``page.text[lo:hi]`` with each quotation (marks included) replaced by one "q" token;
    a word of the article's speaker roles is marked as one."""
    text, spans, opens, role_words = page.text, page.spans, page.opens, page.role_words
    out: list[_Tok] = []
    k = max(0, bisect_right(opens, lo) - 1)
    pos = lo
    while pos < hi:
        while k < len(spans) and spans[k].close < pos:
            k += 1
        seg_end = hi
        if k < len(spans) and spans[k].open < hi:
            seg_end = max(pos, spans[k].open)
        for m in _TOKEN_RE.finditer(text, pos, seg_end):
            word = m.group()
            if word[0].isalnum():
                low = word.lower()
                role = low in role_words or low[:STEM] in role_words
                out.append(_Tok("w", word, m.start(), m.end(), role))
            else:
                out.append(_Tok("p", word, m.start(), m.end()))
        if seg_end >= hi:
            break
        span = spans[k]
        out.append(_Tok("q", "", span.open, span.close + 1))
        pos = span.close + 1
        k += 1
    return out


# --- noun phrases ----------------------------------------------------------------------------------


def _possessive(tok: _Tok) -> bool:
    return tok.low.endswith(("'s", "’s"))


def _np_word(tok: _Tok) -> bool:
    """A word that may sit inside a speaker phrase ("Chinese Foreign Ministry spokesperson Mao Ning")."""
    if tok.kind != "w":
        return False
    low = tok.low
    if tok.text[0].isupper() and low not in _CAPITAL_STOPS:
        return True
    if _possessive(tok):
        return True  # "the commission's chairwoman": whose role it is, inside the phrase
    return low in _DETERMINERS or low in _SPEAKER_NOUNS or tok.role


def _valid_np(toks: list[_Tok], i: int, j: int) -> bool:
    """A phrase names someone: not only determiners, and not ending in a possessive ("Lee's pledge")."""
    if i > j or _possessive(toks[j]):
        return False
    return any(t.low not in _DETERMINERS for t in toks[i : j + 1])


def _np_before(toks: list[_Tok], j: int) -> tuple[int, int] | None:
    """The speaker phrase ending at token ``j`` (scanning left), as a token range."""
    if j < 0:
        return None
    if toks[j].low in _PRONOUNS:
        return j, j
    end = j
    while j >= 0:
        tok = toks[j]
        if _np_word(tok):
            j -= 1
        elif (
            tok.low in _NP_PREPOSITIONS | {"and"}
            and j < end
            and j > 0
            and _np_word(toks[j - 1])
            and (tok.low == "and" or toks[j - 1].low in _SPEAKER_NOUNS)
        ):
            j -= 1  # "spokesperson for the ministry", "Lee and Xi"
        else:
            break
    start = j + 1
    if not _valid_np(toks, start, end):
        return None
    # Apposition: "Wang Yi, China's foreign minister, said" -> name plus description.
    if (
        start >= 2
        and toks[start - 1].text == ","
        and (not toks[start].text[0].isupper() or _possessive(toks[start]))
    ):
        name = _np_before(toks, start - 2)
        if name is not None and toks[name[0]].text[0].isupper():
            return name[0], end
    return start, end


def _np_after(toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """The speaker phrase starting at token ``i`` (scanning right), as a token range."""
    if i >= len(toks):
        return None
    if toks[i].low in _PRONOUNS:
        return i, i
    j = i
    while j < len(toks):
        tok = toks[j]
        if _np_word(tok) or (
            tok.low in _NP_PREPOSITIONS
            and j > i
            and toks[j - 1].low in _SPEAKER_NOUNS
            and j + 1 < len(toks)
            and _np_word(toks[j + 1])
        ):
            j += 1  # "a spokesperson for the ministry"
        else:
            break
    return (i, j - 1) if _valid_np(toks, i, j - 1) else None


def _skip_back(toks: list[_Tok], j: int) -> int:
    """Step left over adverbs, auxiliaries, times ("on Tuesday") and short parentheticals."""
    while j >= 0:
        low = toks[j].low
        if low in _SKIP_BEFORE_VERB or (low.endswith("ly") and low not in _SPEAKER_NOUNS and low.islower()):
            j -= 1
        elif low in _CALENDAR or (toks[j].kind == "w" and toks[j].text.isdigit()):
            j -= 1
            while j >= 0 and (toks[j].low in _CALENDAR or toks[j].text.isdigit() or toks[j].text == ","):
                j -= 1
            if j >= 0 and toks[j].low in _TIME_PREPOSITIONS:
                j -= 1
        elif toks[j].text == ",":
            # ", however," / ", who hails from the center-left," between subject and verb
            k = j - 1
            while k >= 0 and toks[k].kind == "w":
                k -= 1
            segment = toks[k + 1 : j]
            if k < 0 or toks[k].text != "," or not segment:
                return j
            # Skippable: a relative clause, a lower-case aside ("speaking in Beijing", "a former
            # diplomat"), or a descriptive apposition after a name ("Wang Yi, China's foreign minister,").
            aside = segment[0].text.islower() and len(segment) <= 15
            apposition = (
                len(segment) <= 8
                and all(_np_word(t) for t in segment)
                and k > 0
                and toks[k - 1].text[:1].isupper()
            )
            if segment[0].low in _RELATIVE or aside or apposition:
                j = k - 1
            else:
                return j
        else:
            return j
    return j


def _subject_before(toks: list[_Tok], cue_index: int) -> tuple[int, int] | None:
    """Subject of a finite or bare speech verb at ``cue_index``: the phrase just before it."""
    j = _skip_back(toks, cue_index - 1)
    if j >= 0 and toks[j].low == "to":
        j = _skip_back(toks, j - 1)  # "prompting Lee to stress": Lee stresses
    if j < 0 or toks[j].low in _PASSIVE:
        return None  # "was described as": the speaker is not before the verb
    if toks[j].low in _RELATIVE:
        # "the spokesperson, who added": the antecedent before the comma
        return _np_before(toks, j - 2) if j >= 2 and toks[j - 1].text == "," else None
    return _np_before(toks, j)


def _sentence_subject(toks: list[_Tok], limit: int) -> tuple[int, int] | None:
    """The subject opening the sentence (for participles: "Xi noted X, urging Y to “…”")."""
    i = 0
    first = toks[0] if toks else None
    if first is not None and (not _np_word(first) and first.low not in _PRONOUNS):
        commas = [k for k in range(min(limit, len(toks))) if toks[k].text == ","]
        if not commas:
            return None
        i = commas[0] + 1  # "During the summit, Xi ..."
    return _np_after(toks, i) if i < limit else None


# --- attribution -----------------------------------------------------------------------------------


class _Who(NamedTuple):
    start: int  # character span of the speaker phrase
    end: int
    cue: str
    strong: bool  # False for citations ("according to X", "X reported")


def _who(toks: list[_Tok], np: tuple[int, int] | None, cue: str, strong: bool) -> _Who | None:
    if np is None:
        return None
    return _Who(toks[np[0]].start, toks[np[1]].end, cue, strong)


def _cue_at(toks: list[_Tok], k: int) -> tuple[str, str] | None:
    """(cue text, kind) when token ``k`` is a speech cue; kind "weak" marks citations."""
    low = toks[k].low
    if low == "according" and k + 1 < len(toks) and toks[k + 1].low == "to":
        return "according to", "weak"
    if low in _WEAK:
        return low, "weak"
    kind = _CUES.get(low)
    if kind is None:
        return None
    if kind == "base" and low in _NOUN_LIKE and not (k > 0 and toks[k - 1].low == "to"):
        return None
    if low in ("call", "calls", "called", "calling") and k + 1 < len(toks) and toks[k + 1].low == "for":
        return low + " for", kind
    return low, kind


def _attribution_after(toks: list[_Tok]) -> _Who | None:
    """``“…,” X said`` / ``“…,” said X`` / ``“…,” according to X``: tokens start after the quote."""
    i = 1 if toks and toks[0].text == "," else 0
    if i >= len(toks) or toks[i].kind != "w":
        return None
    cue = _cue_at(toks, i)
    if cue is not None and cue[1] in ("finite", "weak"):
        after = i + len(cue[0].split())
        # "…,” said a pensioner leaving a shop: someone unnamed, whatever the noun
        if (
            cue[1] == "finite"
            and after + 1 < len(toks)
            and toks[after].low in ("a", "an")
            and toks[after + 1].kind == "w"
            and toks[after + 1].text.islower()
        ):
            return _who(toks, (after, after + 1), cue[0], True)
        return _who(toks, _np_after(toks, after), cue[0], cue[1] != "weak")
    np = _np_after(toks, i)
    if np is None:
        return None
    k = np[1] + 1
    if k < len(toks) and toks[k].text == ",":  # "Lee, the president, said"
        nxt = next(
            (m for m in range(k + 1, min(k + _APPOSITION_TOKENS, len(toks))) if toks[m].text == ","), None
        )
        k = nxt + 1 if nxt is not None else k
    while k < len(toks) and toks[k].low in _SKIP_BEFORE_VERB:
        k += 1
    passive = [t.low for t in toks[k : k + 4]]
    if (
        len(passive) == 4
        and passive[0] in _PASSIVE
        and passive[1] in ("quoted", "cited")
        and passive[2] == "as"
    ):
        return _who(toks, np, "quoted as " + passive[3], True)  # "Xi was quoted as saying"
    cue = _cue_at(toks, k) if k < len(toks) else None
    if cue is None or cue[1] == "ing":
        return None
    return _who(toks, np, cue[0], cue[1] != "weak")


def _attribution_before(toks: list[_Tok]) -> tuple[_Who | None, _Who | None]:
    """(speech attribution, citation) from the sentence before the quote, nearest cue first."""
    weak: _Who | None = None
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].kind != "w":
            continue
        cue = _cue_at(toks, k)
        if cue is None:
            continue
        text, kind = cue
        if kind == "weak":
            np = _np_after(toks, k + 2) if text == "according to" else _subject_before(toks, k)
            weak = weak or _who(toks, np, text, False)
            continue
        if kind == "ing":
            if k >= 2 and toks[k - 1].low == "as":  # "quoted Xi as saying", "was quoted as saying"
                np = _np_before(toks, k - 2) or _subject_before(toks, k - 2)
            else:
                np = _sentence_subject(toks, k)
        else:
            np = _subject_before(toks, k)
        found = _who(toks, np, text, True)
        if found is not None:
            return found, weak
    if len(toks) >= 2 and toks[-1].text == ":":
        np = _np_before(toks, len(toks) - 2)
        if np is not None and np[0] == 0:
            return _who(toks, np, ":", True), weak  # headline or interview style: 'Lee: "…"'
    return _possessed_words(toks), weak


# Nouns for what someone said, owned by the speaker: "Marchetti's election-night line, '…'".
_SPEECH_NOUN_TEXT = """
    answer reply response line words promise pledge message verdict comment remark remarks statement
    slogan warning vow retort quip advice
"""
_SPEECH_NOUNS = frozenset(_SPEECH_NOUN_TEXT.split())
_SPEECH_NOUN_REACH = 8  # tokens from the noun to the quotation: "her answer still stands up:"


def _possessed_words(toks: list[_Tok]) -> _Who | None:
    """A quotation introduced as someone's words: "Marchetti's election-night line, '…'", "… and her
    answer still stands up: '…'". The owner (a name's possessive, or "his"/"her") is the speaker."""
    for k in range(len(toks) - 1, max(-1, len(toks) - 1 - _SPEECH_NOUN_REACH), -1):
        if toks[k].low not in _SPEECH_NOUNS:
            continue
        for j in range(k - 1, max(-1, k - 3), -1):  # up to two words between: "election-night"
            owner = toks[j]
            if owner.low in OWNER_PRONOUNS:
                return _Who(owner.start, owner.end, toks[k].low, True)
            if _possessive(owner) and owner.text[0].isupper():
                return _Who(owner.start, owner.end - 2, toks[k].low, True)  # the name without "'s"
            if owner.kind != "w":
                break
        return None
    return None


def _weak_anywhere(toks: list[_Tok]) -> _Who | None:
    """A citation anywhere after the quote: ``…,” Xi said, according to Xinhua``."""
    for k in range(len(toks)):
        cue = _cue_at(toks, k) if toks[k].kind == "w" else None
        if cue is not None and cue[0] == "according to":
            return _who(toks, _np_after(toks, k + 2), cue[0], False)
    return None


# --- resolving speakers to entities ----------------------------------------------------------------


# --- extraction ------------------------------------------------------------------------------------


def _sentence_index(starts: list[int], pos: int) -> int:
    return max(0, bisect_right(starts, pos) - 1)


def extract_quotes(text: str, profile: EventProfile) -> list[Quote]:
    """Every direct quotation in ``text``, in order, with speaker and cue where the text gives them.

    See the module docstring for the conventions recognised. Pure function: no I/O.
    """
    spans = [span for span in _quote_spans(text) if not _is_nickname(text, span)]
    if not spans:
        return []
    sentences = split_sentences(text) or [(0, len(text))]
    resolver = SpeakerResolver(text, profile, [(s.open, s.close) for s in spans])
    words = {word for role in resolver.roles for word in role.split()}
    stems = {stem for role in resolver.roles for stem in role_stems(role)}
    starts = [start for start, _ in sentences]
    page = _Page(text, spans, sentences, [s.open for s in spans], starts, frozenset(words | stems))
    return _extract(text, spans, page, resolver)


def _extract(text: str, spans: list[_Span], page: _Page, resolver: SpeakerResolver) -> list[Quote]:
    """The quotes of :func:`extract_quotes`, once the page and its speakers' roles are known."""
    quotes: list[Quote] = []
    last_sentence: list[int] = []  # closing sentence index of each quote, for continuation
    for n, span in enumerate(spans):
        raw_start, raw_end = _quoted_bounds(text, span)
        around = _context(page, n)
        who, ev_end = _attribution(page, n, around)
        ev_start = around.ev_start
        speaker_text = " ".join(text[who.start : who.end].split()) if who else None
        entity = resolver.resolve(who.start, who.end) if who else None
        cue = who.cue if who else None
        if who is None and not around.left and quotes and last_sentence[-1] >= around.first - 1:
            prev = quotes[-1]  # “X,” he said. “Y.” -> Y continues the same speaker
            speaker_text, entity, cue = prev.speaker_text, prev.speaker_entity_id, prev.cue
            ev_start = min(ev_start, prev.evidence_start)
        quoted = text[raw_start:raw_end]
        quotes.append(
            Quote(
                text=" ".join(quoted.split()),
                start=raw_start,
                end=raw_end,
                evidence_start=ev_start,
                evidence_end=ev_end,
                speaker_entity_id=entity,
                speaker_text=speaker_text,
                cue=cue,
                words=len(quoted.split()),
            )
        )
        last_sentence.append(around.last)
    return _pass_speakers_back(spans, quotes)


@dataclass(frozen=True)
class _Page:
    """The text with its quotation spans and sentences, as every quotation's analysis needs them."""

    text: str
    spans: list[_Span]
    sentences: list[tuple[int, int]]
    opens: list[int]  # where each quotation opens
    starts: list[int]  # where each sentence starts
    role_words: frozenset[str]  # words and stems of the article's speaker roles


@dataclass(frozen=True)
class _Context:
    """The words around one quotation: its sentences (``first``..``last``), the tokens left and right
    of it within its evidence, and that evidence's bounds."""

    first: int
    last: int
    left: list[_Tok]
    right: list[_Tok]
    ev_start: int
    ev_end: int


def _quoted_bounds(text: str, span: _Span) -> tuple[int, int]:
    """Where the quoted words start and end: inside the marks, without edge spaces or a final comma."""
    raw_start, raw_end = span.open + 1, span.close
    while raw_start < raw_end and text[raw_start].isspace():
        raw_start += 1
    while raw_end > raw_start and (text[raw_end - 1].isspace() or text[raw_end - 1] == ","):
        raw_end -= 1  # "…," he said: the comma is the sentence's, not the speaker's
    return raw_start, raw_end


def _context(page: _Page, n: int) -> _Context:
    """The evidence window of quotation ``n`` and the tokens on either side of it."""
    text, spans, sentences = page.text, page.spans, page.sentences
    span = spans[n]
    starts = page.starts
    first = _sentence_index(starts, span.open)
    last = _sentence_index(starts, max(span.open, span.close - 1 if span.continued else span.close))
    ev_start = min(sentences[first][0], span.open)
    ev_end = max(sentences[last][1], span.close + (0 if span.continued else 1))
    # Windows bounded in characters and in quotations crossed keep text full of quote marks linear.
    floor = max(span.open - _CONTEXT_LEFT, spans[n - _CROSS_LEFT].open if n >= _CROSS_LEFT else 0)
    left = _tokens(page, max(ev_start, floor), span.open)
    if not left and first > 0 and text[: sentences[first - 1][1]].rstrip().endswith(":"):
        ev_start = sentences[first - 1][0]  # "Lee said:" then the quote on the next line
        left = _tokens(page, max(ev_start, floor), span.open)
    close_end = span.close + 1
    ceiling = close_end + _CONTEXT_RIGHT
    if n + 1 + _CROSS_RIGHT < len(spans):
        ceiling = min(ceiling, spans[n + 1 + _CROSS_RIGHT].open)
    right = _tokens(page, close_end, max(close_end, min(ev_end, ceiling)))
    return _Context(first, last, left, right, ev_start, ev_end)


def _attribution(page: _Page, n: int, around: _Context) -> tuple[_Who | None, int]:
    """Who said quotation ``n`` (a strong attribution after it, then before it, then a weak one) and
    the end of its evidence, which grows when the attribution is the next short sentence."""
    text, span, sentences = page.text, page.spans[n], page.sentences
    right, ev_end = around.right, around.ev_end
    close_end = span.close + 1
    at_boundary = not span.continued and (
        text[span.close - 1 : span.close] in ",.!?…—–-" or text[close_end : close_end + 1] == ","
    )
    who: _Who | None = None
    weak: _Who | None = None
    if at_boundary:
        if not right and around.last + 1 < len(sentences):  # “….” Lee said.
            nxt = sentences[around.last + 1]
            following = _tokens(page, nxt[0], min(nxt[1], nxt[0] + _CONTEXT_RIGHT))
            if len(following) <= _NEXT_SENTENCE_TOKENS:
                found = _attribution_after(following)
                if found is not None and found.strong:
                    right, ev_end = following, nxt[1]
        found = _attribution_after(right)
        if found is not None and found.strong:
            who = found
        else:
            weak = found
    if who is None:
        who, weak_before = _attribution_before(around.left)
        weak = weak or weak_before or _weak_anywhere(right)
    return who or weak, ev_end


def _pass_speakers_back(spans: list[_Span], quotes: list[Quote]) -> list[Quote]:
    """A paragraph-spanning quotation is attributed where it ends: give its earlier parts the speaker."""
    for n in range(len(spans) - 2, -1, -1):
        if spans[n].continued and quotes[n].speaker_text is None and quotes[n + 1].speaker_text is not None:
            later = quotes[n + 1]
            quotes[n] = replace(
                quotes[n],
                evidence_end=later.evidence_end,
                speaker_entity_id=later.speaker_entity_id,
                speaker_text=later.speaker_text,
                cue=later.cue,
            )
    return quotes
