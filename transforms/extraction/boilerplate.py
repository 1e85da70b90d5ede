"""Strip common English news-page boilerplate from article text, counting what was removed.

The cleaner works on paragraphs (one per line, or per blank-line block when the text is hard-wrapped)
and only removes whole paragraphs that match a boilerplate pattern, plus three well-delimited inline
cases: a related-links list glued to a paragraph's end, ``[1]``-style citation markers, and runs of
blank lines. It is deliberately conservative: a paragraph that reads like a sentence is kept.

Removal kinds (keys of :attr:`CleanedText.removed`):

``blank_lines``          excess blank lines (leading, trailing, and all but one between paragraphs)
``comment_prompt``       comment and engagement prompts: "Leave a Reply", "Do you like this article?",
                         "Share this", "Sign up for our newsletter", comment-form labels, ...
``ad_marker``            "Advertisement", "Story continues below", ... lines anywhere in the text
``related_links``        "Related ...:", "Read more:", "See also:" blocks, standalone or glued to the
                         end of a paragraph
``aggregator_furniture`` aggregator status lines such as "Updated (4 articles)"
``source_list``          an aggregator's list of cited items ("Sources (4 articles)" and its entries);
                         it holds other outlets' headlines and summaries, not this article's text, and
                         would otherwise be counted as content (entities, topics, sentences)
``citation_marker``      inline markers like ``[1]`` (one per bracket; the numbers point into the
                         removed source list, so they are noise in the body)
``duplicate_paragraph``  a paragraph identical to the one before it, or (five words or more) to any
                         earlier one: a photo caption shown again as alt text and as a credit line
``trailing_furniture``   short link-like lines at the very end ("Read more", "Tags: ...", "(END)")
``promotion``            a short call to follow or join the outlet somewhere ("Join our WhatsApp channel
                         ...", "Sign up for our morning briefing ..."), anywhere in the text
``wire_credit``          reporting, editing and photo credits and sign-offs ("(Reporting by A; Editing
                         by B)", "With files from ...", "-- Agencies", "ABC/DEF" desk slugs, "Photo: C"),
                         whole or (reporting credits) glued to the end of the last sentence
``repeated_headline``    the headline again as the first line of the body (HTML pages; needs the title)

The WordPress sharing tail ("Share this:", "Click to share on X (Opens in new window)", "Like this:",
"Like Loading...") counts as ``comment_prompt``; its "Related" block, with each entry's date and
``In "Category"`` label, as ``related_links``.

:func:`clean_text` is the plain-text entry point (it also rebuilds paragraphs from wrapped lines);
:func:`strip_furniture` applies the same removals to paragraphs an HTML extractor already separated.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from transforms.text.characters import normalise_characters

__all__ = ["REMOVAL_KINDS", "CleanedText", "clean_text", "strip_furniture"]

REMOVAL_KINDS = (
    "blank_lines",
    "comment_prompt",
    "ad_marker",
    "related_links",
    "aggregator_furniture",
    "source_list",
    "citation_marker",
    "duplicate_paragraph",
    "trailing_furniture",
    "promotion",
    "wire_credit",
    "repeated_headline",
)


@dataclass(frozen=True)
class CleanedText:
    """Cleaned article text (paragraphs separated by one blank line) and removal counts by kind."""

    text: str
    removed: dict[str, int]


# --- character normalisation -------------------------------------------------------------------

_SPACE_RUN_RE = re.compile(r"[ \t]{2,}|\t")


def _normalise(text: str) -> str:
    """Shared character normalisation, plus single spaces (tabs and space runs collapse to one)."""
    return _SPACE_RUN_RE.sub(" ", normalise_characters(text))


# --- paragraph building ------------------------------------------------------------------------

_LIST_MARKER_RE = re.compile(r"[-•·▪*►]\s|\d{1,2}[.)]\s")
# Typewriter/e-mail style wraps are 60-80 columns; web paragraphs are far longer, menus far shorter.
_WRAP_MIN_WIDTH, _WRAP_MAX_WIDTH = 40, 100


def _split_blocks(lines: list[str]) -> tuple[list[list[str]], int]:
    """Group stripped lines into blank-line separated blocks; count excess blank lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    excess = 0
    run = 0
    for line in lines:
        if not line:
            run += 1
            continue
        if run:
            # Leading blank lines all go; between blocks one blank line is the separator we keep.
            excess += run - 1 if current or blocks else run
            if current:
                blocks.append(current)
                current = []
            run = 0
        current.append(line)
    if current:
        blocks.append(current)
    return blocks, excess + run  # trailing blank lines all go


def _is_hard_wrapped(block: list[str]) -> bool:
    """True when a block is paragraphs wrapped at a fixed column: a long line breaks mid-sentence."""
    if len(block) < 2:
        return False
    width = max(len(line) for line in block)
    if not _WRAP_MIN_WIDTH <= width <= _WRAP_MAX_WIDTH:
        return False
    for line, following in itertools.pairwise(block):
        if (
            len(line) >= 0.6 * width
            and not line.endswith((".", "!", "?", "”", '"', ":", ")", "]"))
            and following[:1].islower()
        ):
            return True
    return False


def _unwrap(block: list[str]) -> list[str]:
    """Join a hard-wrapped block into paragraphs; a short line or a list item starts a new one."""
    width = max(len(line) for line in block)
    paragraphs: list[str] = []
    current = ""
    for line in block:
        if current and _LIST_MARKER_RE.match(line):
            paragraphs.append(current)
            current = ""
        if not current:
            current = line
        elif current.endswith("-") and line[:1].islower():
            current += line  # a word hyphenated at the wrap point
        else:
            current += " " + line
        if len(line) < 0.6 * width:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _paragraphs(text: str) -> tuple[list[str], int]:
    lines = [line.strip() for line in text.splitlines()]
    blocks, blank_lines = _split_blocks(lines)
    # Web-extracted text puts one paragraph per line; only typewriter-style wraps get joined. Once one
    # block clearly breaks mid-sentence, the whole document is taken as wrapped at that width.
    wrapped = any(_is_hard_wrapped(block) for block in blocks)
    paragraphs: list[str] = []
    for block in blocks:
        width = max(len(line) for line in block)
        joinable = wrapped and _WRAP_MIN_WIDTH <= width <= _WRAP_MAX_WIDTH and len(set(block)) == len(block)
        paragraphs.extend(_unwrap(block) if joinable else block)
    return paragraphs, blank_lines


# --- whole-paragraph patterns --------------------------------------------------------------------
# All patterns are matched with fullmatch against short paragraphs only, and use bounded repeats, so
# none can backtrack badly on long input.

_SHORT = 300  # paragraphs longer than this are never treated as furniture
_END_PUNCT = r"[\s.!?:*…»›>→]*"

_PROMPT_RE = re.compile(
    r"(?:"
    r"leave\ a\ (?:reply|comment|response)(?:\ to\ [^.!?]{1,60})?"
    r"|cancel\ reply|post\ comment|submit\ comment"
    r"|(?:post|add|write|submit|view|show|hide|load|read|see)\ (?:a\ |the\ |all\ |your\ )?(?:\d{1,5}\ )?"
    r"(?:comments?|responses?)"
    r"|\d{1,5}\ (?:comments?|responses?|replies)|comments?\ \(\d{1,5}\)|(?:no\ )?comments?(?:\ yet)?"
    r"|(?:do|did)\ you\ (?:like|enjoy|love)\ (?:this|the|our)\ (?:article|story|post|piece|report)"
    r"|(?:was|is|did\ you\ find)\ this\ (?:article|story|page|post|report|information)\ (?:helpful|useful)"
    r"|(?:liked?|enjoyed?|loved?)\ (?:this|the)\ (?:article|story|post|piece)"
    r"|rate\ this\ (?:article|story|post)|what\ do\ you\ think|tell\ us\ what\ you\ think"
    r"|we\ (?:want|would\ love|'d\ love)\ to\ hear\ (?:from\ you|what\ you\ think).{0,200}"
    r"|(?:keine|\d{1,5})\ kommentare?(?:\ \(.{0,80}\))?|kommentar\ schreiben|(?:aucun|\d{1,5})\ commentaires?"
    r"|(?:zum\ )?newsletter\ (?:anmelden|abonnieren)"
    r"|(?:s'abonner|abonnez-vous)\ [àa]\ (?:la|notre)\ newsletter"
    r"|join\ the\ (?:conversation|discussion|debate)"
    r"|(?:share|tweet|email|print)(?:\ (?:this|it|the))?(?:\ (?:article|story|post|page))?"
    r"(?:\ (?:on|via|with|by)\ [\w ,&]{1,60})?"
    r"|(?:tap|click)\ (?:here\ )?to\ (?:share|comment|subscribe|print|email)"
    r"(?:\ (?:on|via|with|by|a\ link\ to\ a\ friend)\b[\w .+&-]{0,30})?"
    r"(?:\ ?\(opens\ in\ (?:a\ )?new\ window\))?"
    r"|like\ this|like\ loading(?:\.{1,3}|…)?|loading(?:\.{1,3}|…)"
    r"|(?:sign\ up|subscribe|register)\b.{0,40}\bnewsletters?\b.{0,120}"
    r"|(?:subscribe|sign\ up)(?:\ now|\ today|\ here)?"
    r"|get\ .{0,60}\bdelivered\ (?:to|straight\ to)\ your\ inbox.{0,60}"
    r"|follow\ us\ (?:on|at)\ .{1,80}"
    r"|your\ email\ address\ will\ not\ be\ published.{0,80}"
    r"|required\ fields\ are\ marked.{0,5}"
    r"|you\ must\ be\ logged\ in\ to\ (?:post|leave)\ a\ comment.{0,40}"
    r"|save\ my\ name,?\ email,?\ and\ website.{0,100}"
    r"|(?:name|e-?mail|website|comment)\ ?\*"
    r")" + _END_PUNCT,
    re.IGNORECASE | re.VERBOSE,
)

_AD_RE = re.compile(
    r"(?:advertisement|advertising|ad|sponsored(?:\ content)?"
    r"|(?:story|article)\ continues\ (?:below|after\ (?:this\ )?advertisement)(?:\ advertisement)?"
    r"|skip\ (?:this\ )?(?:ad|advertisement)|continue\ reading\ (?:the\ main\ story|below))" + _END_PUNCT,
    re.IGNORECASE | re.VERBOSE,
)

# A call to follow the outlet: an imperative opening and a channel, in a short paragraph.
_PROMO_OPENING_RE = re.compile(
    r"(?:join|follow|subscribe\ to|sign\ up\ (?:for|to)|register\ for|download|install|get|turn\ on|enable"
    r"|listen\ to|watch|stay\ (?:informed|updated|up\ to\ date))\b",
    re.IGNORECASE | re.VERBOSE,
)
_PROMO_CHANNEL_RE = re.compile(
    r"\b(?:whatsapp|telegram|signal|viber|channels?|newsletters?|briefing|inbox|app|podcast|google\ news"
    r"|notifications|alerts|youtube|instagram|facebook|tiktok|linkedin|twitter|threads|bluesky)\b",
    re.IGNORECASE | re.VERBOSE,
)
_PROMO_MAX_WORDS = 40

_CREDIT_RE = re.compile(
    r"[(\[]?\s?(?:(?:additional|further)\ )?"
    r"(?:reporting|writing|editing|compiled|produced|research|translation|translated|graphics|photos?|video)"
    r"\ (?:by|from)\b[^()\[\]]{1,250}[)\]]?\.?"
    r"|[-–—]{0,2}\s?with\ (?:files|inputs|reporting|additional\ reporting|agency\ inputs)\ from\b.{1,120}"
    r"|[-–—]{1,2}\s?(?:agencies|afp|reuters|ap|xinhua|yonhap|dpa|ians|pti|ani|bernama|kyodo)\.?",
    re.IGNORECASE | re.VERBOSE,
)
# A photo credit on its own line: "(Credit: A / Grist)", "Titelbild: B/picture-alliance",
# "Crédits photos : C".
_PHOTO_CREDIT_RE = re.compile(
    r"\(?(?:photo|image|picture|pictures|credit|credits|foto|fotos|bild|titelbild|imagen|photographie"
    r"|cr[ée]dits?\ photos?|photo\ credit|bildquelle|quelle\ bild)\ ?(?:credit)?\ ?:\ ?[^.!?]{1,100}\)?",
    re.IGNORECASE | re.VERBOSE,
)
# Editors' desk slugs ("PNW/KLR", "JS/AB/CD"): capitals only, so matched case-sensitively.
_DESK_SLUG_RE = re.compile(r"[A-Z]{2,5}(?:/[A-Z]{2,5}){1,4}")
_GLUED_CREDIT_RE = re.compile(
    r"\s?\((?:(?:additional|further)\ )?(?:reporting|writing|editing)\ by\ [^()]{1,250}\)\s?$",
    re.IGNORECASE | re.VERBOSE,
)
_CATEGORY_LABEL_RE = re.compile(r"in\ [\"“][^\"“”]{1,60}[\"”]", re.IGNORECASE | re.VERBOSE)

_AGGREGATOR_RE = re.compile(
    r"(?:(?:last\ )?updated|developing|live|based\ on|compiled\ from|from)?\s?[:\-–—]?\s?"
    r"\(?\d{1,4}\ (?:articles?|sources?|stories|reports|outlets)\)?" + _END_PUNCT,
    re.IGNORECASE | re.VERBOSE,
)

_SOURCE_LIST_HEAD_RE = re.compile(
    r"(?:sources?|references?|citations?|cited\ (?:articles|sources|reports))"
    r"\s?(?:\(\d{1,4}\ [a-z]{1,12}\))?\s?:?",
    re.IGNORECASE | re.VERBOSE,
)
# An entry marker on its own line ("-", "•", "[3]", "3.") or at the start of an entry.
_ITEM_MARKER_RE = re.compile(r"[-•·▪*►–—]|\[\d{1,3}\]|\d{1,3}[.)]")
_ITEM_START_RE = re.compile(r"(?:[-•·▪*►]|\[\d{1,3}\]|\d{1,3}[.)])\s")

_RELATED_LABEL = (
    r"(?:related(?:\ (?:sources|articles?|stories|links|coverage|content|posts|news|reading|topics))?"
    r"|see\ also|read\ (?:more|also|next)|also\ read|further\ reading"
    r"|more\ (?:on\ this\ (?:story|topic)|stories|coverage)"
    r"|you\ (?:may|might)\ also\ (?:like|be\ interested\ in)"
    r"|recommended(?:\ (?:for\ you|reading|stories))?|most\ (?:read|popular|viewed)|trending\ now"
    # The same labels in the other languages of the shared corpus (German, French, Spanish, Portuguese,
    # Italian): "Lesen Sie auch", "À lire aussi", "Lee también", "Leia também", "Leggi anche".
    r"|(?:lesen\ sie\ )?auch\ lesen|lesen\ sie\ (?:auch|mehr)|mehr\ zum\ thema|weitere\ artikel"
    r"|[àa]\ lire\ (?:aussi|[ée]galement)|lire\ aussi|(?:lee|leia|leggi)\ (?:tambi[ée]n|anche|mais))"
)
_RELATED_HEAD_RE = re.compile(_RELATED_LABEL + r"\s?:?", re.IGNORECASE | re.VERBOSE)
# "RELATED: Lee lands in Beijing" as a single inline link paragraph.
_RELATED_INLINE_RE = re.compile(_RELATED_LABEL + r"\s?[:»>|]\s?\S.{0,200}", re.IGNORECASE | re.VERBOSE)
# The same labels glued after a sentence at the end of a paragraph ("... Asia. Related Sources: • A • B").
_RELATED_GLUED_RE = re.compile(
    r"(?:^|(?<=[.!?\"”’)\]])\s)" + _RELATED_LABEL + r"\s?:", re.IGNORECASE | re.VERBOSE
)
_BULLETS = "•·▪►|"
_GLUED_MAX_TAIL = 400

_CITATION_RE = re.compile(r" ?\[\d{1,3}(?:[,–-] ?\d{1,3}){0,8}\]")

_TRAILING_RE = re.compile(
    r"(?:read\ more|read\ the\ full\ (?:story|article)|continue\ reading|back\ to\ top|top\ of\ page"
    r"|(?:previous|next)\ (?:article|story|post|page)|more\ from\ [\w .&'’-]{1,40}"
    r"|(?:tags?|filed\ under|categor(?:y|ies)|topics?|keywords?)\ ?:.{0,200}"
    r"|\(?end\)?|-?30-|\#{3}|(?:©|\(c\)|copyright)\ ?.{0,150}|all\ rights\ reserved.{0,60}"
    r"|related|print|email|share)" + _END_PUNCT,
    re.IGNORECASE | re.VERBOSE,
)
_SENTENCE_END = (".", "!", "?", "…", '"', "”", "’", "'", ":", ";", ",")


def _is_short(p: str) -> bool:
    return len(p) <= _SHORT


def _is_link_like(p: str) -> bool:
    """A short line that reads like a link or label rather than a sentence ("Policy Link", "Top News")."""
    return (
        len(p) <= 40
        and len(p.split()) <= 4
        and p[:1].isalpha()
        and not p.endswith(_SENTENCE_END)
        and ". " not in p
    )


def _is_item(p: str) -> bool:
    """A short entry in a links list: bulleted, or a headline-like line without a closing period."""
    if _ITEM_START_RE.match(p) or _ITEM_MARKER_RE.fullmatch(p) or _CATEGORY_LABEL_RE.fullmatch(p):
        return True
    return len(p.split()) <= 20 and not p.endswith((".", "!", "?", '"', "”"))


def _remove_blocks(paragraphs: list[str], removed: Counter[str]) -> list[str]:
    """Drop prompt, ad, aggregator, related-links and source-list paragraphs (anywhere in the text)."""
    kept: list[str] = []
    i = 0
    n = len(paragraphs)
    tail_start = _tail_start(paragraphs)
    while i < n:
        p = paragraphs[i]
        if not _is_short(p):
            kept.append(p)
            i += 1
            continue
        if _PROMPT_RE.fullmatch(p):
            removed["comment_prompt"] += 1
        elif _AD_RE.fullmatch(p):
            removed["ad_marker"] += 1
        elif _is_promotion(p):
            removed["promotion"] += 1
        elif _CREDIT_RE.fullmatch(p) or _DESK_SLUG_RE.fullmatch(p) or _PHOTO_CREDIT_RE.fullmatch(p):
            removed["wire_credit"] += 1
        elif _SOURCE_LIST_HEAD_RE.fullmatch(p) and (
            "(" in p
            or (
                i + 1 < n
                and (_ITEM_MARKER_RE.fullmatch(paragraphs[i + 1]) or _ITEM_START_RE.match(paragraphs[i + 1]))
            )
        ):
            i = _skip_source_items(paragraphs, i + 1)
            removed["source_list"] += 1
            continue
        elif _AGGREGATOR_RE.fullmatch(p) and any(ch.isdigit() for ch in p):
            removed["aggregator_furniture"] += 1
        elif _RELATED_HEAD_RE.fullmatch(p):
            i = _skip_related_items(paragraphs, i + 1, in_tail=i + 1 >= tail_start)
            removed["related_links"] += 1
            continue
        elif _RELATED_INLINE_RE.fullmatch(p) and p[:1].isupper() and len(p.split()) <= 30:
            removed["related_links"] += 1
        else:
            kept.append(p)
        i += 1
    return kept


def _is_promotion(p: str) -> bool:
    return (
        len(p.split()) <= _PROMO_MAX_WORDS
        and _PROMO_OPENING_RE.match(p) is not None
        and _PROMO_CHANNEL_RE.search(p) is not None
    )


def _skip_source_items(paragraphs: list[str], i: int) -> int:
    """Skip a cited-items list: marker lines, entries starting with a marker, and the entry after a marker."""
    after_marker = False
    while i < len(paragraphs):
        p = paragraphs[i]
        if _ITEM_MARKER_RE.fullmatch(p):
            after_marker = True
        elif _ITEM_START_RE.match(p) or after_marker:
            after_marker = False
        else:
            break
        i += 1
    return i


def _tail_start(paragraphs: list[str]) -> int:
    """Index from which the text holds only short entries and prompts (the page's link-list tail)."""
    i = len(paragraphs)
    while i > 0 and _is_short(p := paragraphs[i - 1]) and (_is_item(p) or _is_prompt_or_ad(p)):
        i -= 1
    return i


def _skip_related_items(paragraphs: list[str], i: int, *, in_tail: bool) -> int:
    """Skip the entries after a related-links heading.

    Mid-text only bulleted entries go; in the page's tail (nothing but short entries and prompts
    follows) unbulleted headline-like entries go too. Prompts are left for their own count.
    """
    while i < len(paragraphs):
        p = paragraphs[i]
        bulleted = _ITEM_START_RE.match(p) or _ITEM_MARKER_RE.fullmatch(p)
        if _is_prompt_or_ad(p) or not (bulleted or (in_tail and _is_item(p))):
            break
        i += 1
    return i


def _is_prompt_or_ad(p: str) -> bool:
    return bool(_PROMPT_RE.fullmatch(p) or _AD_RE.fullmatch(p))


def _strip_glued_related(p: str) -> str | None:
    """Return ``p`` without a related-links list glued to its end, or None when there is none."""
    # Only a label near the end can start a glued list; looking there alone keeps this linear.
    for m in _RELATED_GLUED_RE.finditer(p, max(0, len(p) - _GLUED_MAX_TAIL - 40)):
        if m.start() == 0 or not p[m.start() :].lstrip()[:1].isupper():
            continue  # a whole-paragraph label is handled elsewhere; lower case is running text
        tail = p[m.end() :].strip()
        bulleted = tail[:1] in _BULLETS or tail[:2] in ("- ", "* ")
        # Without bullets, accept only a short tail with no sentence inside it (a list of titles).
        if bulleted or (len(tail.split()) <= 25 and not re.search(r"[.!?] \S", tail)):
            return p[: m.start()].rstrip()
    return None


def _drop_trailing(paragraphs: list[str], removed: Counter[str], *, link_like: bool = True) -> list[str]:
    """Peel prompts and link-like furniture off the end while some body text remains before them."""
    out = list(paragraphs)
    words_before = sum(len(p.split()) for p in out) - (len(out[-1].split()) if out else 0)
    while len(out) >= 2:
        last = out[-1]
        # Without real text before it, a short last line may be the article itself (e.g. a headline).
        if words_before < 20 or not _is_short(last):
            break
        if _PROMPT_RE.fullmatch(last):
            removed["comment_prompt"] += 1
        elif _TRAILING_RE.fullmatch(last) or (link_like and _is_link_like(last)):
            removed["trailing_furniture"] += 1
        else:
            break
        out.pop()
        words_before -= len(out[-1].split())
    return out


_REPEAT_MIN_WORDS = 5  # shorter lines (labels, answers, list cells) may repeat legitimately


def _dedupe(paragraphs: list[str], removed: Counter[str]) -> list[str]:
    """Drop a paragraph equal to the one before it, or (five words or more) to any earlier one."""
    out: list[str] = []
    seen: set[str] = set()
    previous_key = None
    for p in paragraphs:
        key = " ".join(p.casefold().split())
        repeated = key == previous_key or (key in seen and len(key.split()) >= _REPEAT_MIN_WORDS)
        if repeated and any(ch.isalpha() for ch in p):
            removed["duplicate_paragraph"] += 1
            continue
        out.append(p)
        seen.add(key)
        previous_key = key
    return out


def _drop_repeated_headline(paragraphs: list[str], title: str | None, removed: Counter[str]) -> list[str]:
    if not paragraphs or not title:
        return paragraphs
    first, headline = " ".join(paragraphs[0].casefold().split()), " ".join(title.casefold().split())
    # "Headline | Site" as the title and "Headline" as the first line count as the same.
    if first == headline or (
        len(first) >= 20 and headline.startswith(first + " ") and headline[len(first) + 1] in "|-–—:"
    ):
        removed["repeated_headline"] += 1
        return paragraphs[1:]
    return paragraphs


def strip_furniture(paragraphs: list[str], title: str | None = None) -> CleanedText:
    """Remove furniture from already separated paragraphs (an HTML extractor's lines).

    ``title`` is the page's headline: a first paragraph repeating it is dropped. Returns the kept
    paragraphs joined by one blank line and the removal counts by kind.
    """
    removed: Counter[str] = Counter()
    kept = [p.strip() for p in paragraphs if p.strip()]
    kept = _strip(_drop_repeated_headline(kept, title, removed), removed, extracted=True)
    return CleanedText(text="\n\n".join(kept), removed=dict(removed))


def _strip(paragraphs: list[str], removed: Counter[str], *, extracted: bool = False) -> list[str]:
    """The removals shared by both entry points. ``extracted`` text (an HTML extractor's output) keeps
    ``[n]`` markers, which there are footnote references, and loses at its end only lines that match a
    furniture pattern: a short unpunctuated last line there is more often a sign-off than a link."""
    if not extracted:
        # Marks inside a line go first, so "Leave a Reply. [4]" is still a comment prompt to the rules
        # below; a line that is only a mark stays, since a source list is recognised by them.
        paragraphs = [_strip_inline_citations(p, removed) for p in paragraphs]
    # Related-link lists glued to a paragraph's end go before the block rules too: what they leave
    # behind may itself be a label or a list those rules take out, in the same pass.
    paragraphs = [p for p in map(lambda p: _strip_glued_tail(p, removed), paragraphs) if p]
    paragraphs = _remove_blocks(paragraphs, removed)
    cleaned: list[str] = []
    for p in paragraphs:
        p, markers = (p, 0) if extracted else _CITATION_RE.subn("", p)
        if markers:
            removed["citation_marker"] += markers
            p = p.strip()
        if p:
            cleaned.append(p)
    cleaned = _drop_trailing(_dedupe(cleaned, removed), removed, link_like=not extracted)
    if cleaned and (unglued := _GLUED_CREDIT_RE.sub("", cleaned[-1])) != cleaned[-1] and unglued:
        removed["wire_credit"] += 1
        cleaned[-1] = unglued
    return cleaned


def _strip_glued_tail(paragraph: str, removed: Counter[str]) -> str:
    stripped = _strip_glued_related(paragraph)
    if stripped is None:
        return paragraph
    removed["related_links"] += 1
    return stripped


def _strip_inline_citations(paragraph: str, removed: Counter[str]) -> str:
    stripped, markers = _CITATION_RE.subn("", paragraph)
    if not markers or not stripped.strip():
        return paragraph
    removed["citation_marker"] += markers
    return stripped.strip()


def clean_text(text: str) -> CleanedText:
    """Normalise characters and remove news-page boilerplate, counting removals by kind.

    Returns the article as paragraphs separated by one blank line (``"\\n\\n"``) with no leading or
    trailing whitespace; ``removed`` holds only the kinds that occurred (see the module docstring).
    """
    removed: Counter[str] = Counter()
    paragraphs, blank_lines = _paragraphs(_normalise(text))
    if blank_lines:
        removed["blank_lines"] = blank_lines

    cleaned = _strip(paragraphs, removed)
    return CleanedText(text="\n\n".join(cleaned), removed=dict(removed))
