"""Extract an article from a plain-text file: headline, byline, dateline, outlet, and clean body text.

The text is cleaned first (:func:`transforms.extraction.boilerplate.clean_text`), then the layout at the
top of the article is read: an optional section label ("Diplomacy"), the headline, and within the next few
paragraphs a byline ("By Jane Doe, Reuters") and a dateline ("SEOUL, Jan. 5 (Yonhap) --"). These are
moved out of the body into their own fields.

The outlet is only taken from what the document says about itself: a dateline credit or a byline
affiliation. Outlets the article cites ("Korea JoongAng Daily reported", "[Yonhap/AFP]") never count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from transforms.documents import DateEvidence, ExtractedDocument
from transforms.extraction.boilerplate import clean_text
from transforms.extraction.bylines import people_in_byline
from transforms.text.dates import parse_date_string

__all__ = ["EXTRACTOR", "EXTRACTOR_VERSION", "extract_plaintext"]

EXTRACTOR = "presswatch.plaintext"
EXTRACTOR_VERSION = "1.0"
_PROVENANCE = f"{EXTRACTOR}@{EXTRACTOR_VERSION}"

_HEADER_SCAN = 6  # paragraphs after the headline searched for a byline/dateline (captions come first)
_MAX_HEADLINE_WORDS = 30
_MAX_HEADLINE_CHARS = 250

# --- headline and section label ------------------------------------------------------------------

_KICKER_WORD_RE = re.compile(r"[A-Z][\w&'’./-]{0,20}|&|and|of|the|[A-Z]{2,}")
_KICKER_SEPARATORS = " |/»›>:-–—"


def _is_kicker(p: str) -> bool:
    """A section label: 1-3 capitalised words, no sentence punctuation ("Diplomacy", "WORLD |")."""
    words = p.strip(_KICKER_SEPARATORS).split()
    return (
        0 < len(words) <= 3
        and len(p) <= 40
        and not any(ch in p for ch in '.,;!?"“”')
        and all(_KICKER_WORD_RE.fullmatch(w) for w in words)
    )


# Words that make up a date or time stamp line; what is left after removing them is real words.
_STAMP_WORD_RE = re.compile(
    r"\b(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
    r"[a-z]{0,6}|updated|published|posted|last|on|at|am|pm|a\.m|p\.m|[A-Z]{2,4}T|UTC|GMT|\d+(?:st|nd|rd|th)?)\b"
    r"|[^\w\s]",
    re.IGNORECASE,
)


def _is_headline(p: str) -> bool:
    """A headline: a short single line, not a sentence ending in a period, not a byline or dateline."""
    words = p.split()
    if not 2 <= len(words) <= _MAX_HEADLINE_WORDS or len(p) > _MAX_HEADLINE_CHARS:
        return False
    if not (p[:1].isupper() or p[:1].isdigit() or p[:1] in "\"'“‘("):
        return False
    # Headlines do not end like prose, except with an abbreviation such as "U.S.".
    if p.endswith((",", ";", ":")) or (p.endswith(".") and not re.search(r"\b(?:[A-Z]\.){2,}$", p)):
        return False
    if len(_STAMP_WORD_RE.sub(" ", p).split()) < 2:
        return False  # a date/time stamp such as "Updated: January 5, 2026 10:00 KST"
    return _parse_byline(p) is None and _parse_dateline(p) is None


# --- byline --------------------------------------------------------------------------------------

_BYLINE_RE = re.compile(r"(?:By|BY)\s?:?\s(?P<rest>[A-Z].{0,150})")
# Lower-case words allowed inside a personal name ("Ursula von der Leyen", "Jane Doe and John Roe").
_NAME_PARTICLES = frozenset({"and", "&", "de", "da", "del", "der", "van", "von", "la", "le", "bin", "al"})
_ROLE_RE = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|staff|contributor|columnist|bureau|chief|special|"
    r"analyst|producer|intern|desk|team)\b",
    re.IGNORECASE,
)
# Names of wire agencies and broadcasters that write bylines under their own name ("By Reuters").
_AGENCY = (
    r"reuters|associated|afp|agence|ap|bloomberg|yonhap|xinhua|kyodo|nhk|bbc|cnn|nikkei|tass|upi|dpa|efe|"
    r"ansa|kcna"
)
_AGENCY_RE = re.compile(rf"(?:the )?(?:{_AGENCY})\b", re.IGNORECASE)
# Words that mark an affiliation as a publisher, not a person ("Korea Herald", "Reuters", "nknews.org").
_OUTLET_WORD_RE = re.compile(
    r"\b(?:news|times|post|daily|herald|journal|press|agency|media|tribune|guardian|telegraph|gazette|"
    r"observer|broadcasting|broadcast|tv|radio|network|magazine|wire|chronicle|review|monitor|today|"
    rf"{_AGENCY})\b"
    r"|\.(?:com|org|net|co\.\w{2}|kr|cn|jp)\b",
    re.IGNORECASE,
)
_NAME_START_BLOCK = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
    r"July|August|September|October|November|December|This|That|Then|Now|Far|Most|Some|All)\b"
)


def _looks_like_names(part: str) -> bool:
    words = part.split()
    return 0 < len(words) <= 8 and all(w[:1].isupper() or w in _NAME_PARTICLES for w in words)


@dataclass(frozen=True)
class _Byline:
    names: str
    outlet: str | None


def _parse_byline(p: str) -> _Byline | None:
    """Parse "By NAME", "By NAME |", "By NAME, Outlet", "By A and B | Jan 5, 2026"; None if not a byline."""
    m = _BYLINE_RE.fullmatch(p)
    if m is None or _NAME_START_BLOCK.match(m.group("rest")):
        return None
    parts = [part.strip() for part in re.split(r"[|,·•]| [-–—] ", m.group("rest")) if part.strip()]
    if not parts:
        return None
    names, *affiliations = parts
    # AP style "By JANE DOE Associated Press": capitals end where the affiliation begins.
    words = names.split()
    if len(words) > 2 and words[0].isupper() and not names.isupper():
        cut = next(k for k, w in enumerate(words) if not w.isupper())
        names, affiliations = " ".join(words[:cut]), [" ".join(words[cut:]), *affiliations]
    # A byline is a few capitalised name words; a sentence ("By Xi's account, the talks ...") is not.
    if any(len(part.split()) > 8 for part in affiliations):
        return None
    if not _looks_like_names(names):
        return None
    # "By The Associated Press", "By Reuters": the publisher is the author.
    outlet = (
        names
        if _AGENCY_RE.match(names) or (names.startswith("The ") and _OUTLET_WORD_RE.search(names))
        else None
    )
    extra_names: list[str] = []
    for part in affiliations:
        if parse_date_string(part) is not None or any(ch.isdigit() for ch in part):
            continue  # a date or time stamp
        if _ROLE_RE.search(part):
            continue
        if _OUTLET_WORD_RE.search(part) and outlet is None:
            outlet = part
        elif _looks_like_names(part):
            extra_names.append(part)  # "By A, B and C": further authors
    return _Byline(names=", ".join([names, *extra_names]), outlet=outlet)


# --- dateline ------------------------------------------------------------------------------------

# PLACE[, Region][, Date][ (Credit)] SEP  -- e.g. "SEOUL, Jan. 5 (Yonhap) --", "BEIJING (Reuters) -",
# "WASHINGTON, Jan 6 (AP) —", "SEOUL, South Korea (AP) —", "TOKYO, Jan. 6, 2026 (Kyodo) -".
_PLACE = r"[A-Z][A-Za-z'’.-]{1,20}(?:[ /][A-Z][A-Za-z'’.-]{1,20}){0,3}"
_DATE_PART = (
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.? [0-3]?\d(?:, (?:19|20)\d\d)?"
    r"|[0-3]?\d (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?(?: (?:19|20)\d\d)?"
    r"|(?:19|20)\d\d-\d\d-\d\d)"
)
_DATELINE_RE = re.compile(
    rf"(?P<place>{_PLACE})"
    rf"(?:, (?P<date>{_DATE_PART})|, (?P<region>{_PLACE})(?:, (?P<date2>{_DATE_PART}))?)?"
    r"(?: ?\((?P<credit>[A-Z][A-Za-z.&' -]{0,30}?)\))?"
    r" ?(?P<sep>--|—|–|-|:) ?"
)
_NOT_A_CREDIT = re.compile(r"\b(?:photo|file|video|updated?|lead|urgent|graphic)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Dateline:
    text: str  # the dateline without its separator, e.g. "SEOUL, Jan. 5 (Yonhap)"
    end: int  # where the lead text starts
    credit: str | None
    date_text: str | None


def _parse_dateline(p: str) -> _Dateline | None:
    """Parse a dateline at the start of ``p``; None unless it is clearly one.

    Needs a separator, and an all-caps place or a date or a credit, so that a sentence opening
    such as "China - a country ..." is not mistaken for one.
    """
    m = _DATELINE_RE.match(p[:160])
    if m is None:
        return None
    place, credit = m.group("place"), m.group("credit")
    date_text = m.group("date") or m.group("date2")
    if credit and _NOT_A_CREDIT.search(credit):
        return None
    all_caps_place = place.isupper() and sum(ch.isalpha() for ch in place) >= 3  # not "U.S."
    if not all_caps_place and not date_text and not credit:
        return None
    if m.group("sep") == ":" and not all_caps_place:
        return None
    if m.end() >= len(p.rstrip()):
        return None  # nothing after the separator: not a lead paragraph
    return _Dateline(text=p[: m.start("sep")].strip(), end=m.end(), credit=credit, date_text=date_text)


# --- date line -----------------------------------------------------------------------------------

_DATE_LINE_MAX_CHARS = 80
_UPDATED_RE = re.compile(r"\s*(?:last\s+)?(?:updated|modified|edited)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _DateLine:
    text: str
    value: date
    updated: bool  # "Updated: ..." states a revision, not the original publication


# A blog's "Posted on 12 August 2029 by nurse_ada": the author's handle after the stamp.
_POSTED_BY_RE = re.compile(r"^(\s*posted\s.*?)\s+by\s+\S+(?:\s\S+){0,2}\s*$", re.IGNORECASE)


def _parse_date_line(p: str) -> _DateLine | None:
    """A line that is only a date stamp with a year ("3 February 2025", "Published: 9 Aug 2024 10:42",
    "Posted on 12 August 2029 by nurse_ada")."""
    stamp = _POSTED_BY_RE.match(p)
    if stamp is not None:
        found = _parse_date_line(stamp.group(1))
        return _DateLine(p, found.value, found.updated) if found is not None else None
    if len(p) > _DATE_LINE_MAX_CHARS or len(_STAMP_WORD_RE.sub(" ", p).split()) >= 2:
        return None
    if not re.search(r"\b(?:19|20)\d\d\b", p):
        return None
    value = parse_date_string(
        re.sub(r"^\s*(?:last\s+)?(?:published|posted|updated|modified|on)\s*:?\s*", "", p, flags=re.I)
    )
    if value is None:
        return None
    return _DateLine(p, value, updated=bool(_UPDATED_RE.match(p)))


# --- assembly ------------------------------------------------------------------------------------


# Wire-service slugs before a headline: "(LEAD)", "(2nd LD)", "(URGENT)", "(News Focus)".
_WIRE_TAG_RE = re.compile(r"\((?:[A-Z0-9][A-Za-z0-9]{0,12} ?){1,4}\) (?=\S)")


def _split_head(paragraphs: list[str]) -> tuple[str | None, int]:
    """Return the headline and the index of the first paragraph after it (kicker and title skipped)."""
    if not paragraphs:
        return None, 0
    if (
        len(paragraphs) > 1
        and _is_kicker(paragraphs[0])
        and _is_headline(paragraphs[1])
        and len(paragraphs[1].split()) > len(paragraphs[0].split())
    ):
        return _WIRE_TAG_RE.sub("", paragraphs[1], count=1), 2
    if _is_headline(paragraphs[0]):
        return _WIRE_TAG_RE.sub("", paragraphs[0], count=1), 1
    return None, 0


def extract_plaintext(text: str) -> ExtractedDocument:
    """Extract headline, byline, dateline, outlet, dateline date and clean body text from plain text.

    ``published`` is set only when the dateline carries a full date with a year (provenance
    ``"dateline"``); otherwise it is None and the caller falls back to inference from the text.
    Empty or whitespace-only input gives an empty document.
    """
    cleaned = clean_text(text)
    paragraphs = cleaned.text.split("\n\n") if cleaned.text else []
    provenance: dict[str, str] = {}

    title, start = _split_head(paragraphs)
    if title is not None:
        provenance["title"] = f"{_PROVENANCE}:first-headline-line"
    body = paragraphs[start:]

    byline: _Byline | None = None
    dateline: _Dateline | None = None
    date_lines: list[_DateLine] = []
    for i, p in enumerate(body[:_HEADER_SCAN]):
        if byline is None and (parsed := _parse_byline(p)) is not None:
            byline, body[i] = parsed, ""
            continue
        if (stamp := _parse_date_line(p)) is not None:
            date_lines.append(stamp)
            body[i] = ""
            continue
        if dateline is None and (found := _parse_dateline(p)) is not None:
            dateline, body[i] = found, p[found.end :].lstrip()
        if byline is not None and dateline is not None:
            break

    outlet = None
    if dateline is not None:
        provenance["dateline"] = f"{_PROVENANCE}:dateline"
        if dateline.credit:
            outlet = dateline.credit.strip()
            provenance["outlet"] = f"{_PROVENANCE}:dateline"
    if byline is not None:
        provenance["byline"] = f"{_PROVENANCE}:byline"
        if outlet is None and byline.outlet:
            outlet = byline.outlet
            provenance["outlet"] = f"{_PROVENANCE}:byline"

    # A date line under the headline states when the piece was published; dates in the body are about
    # what it reports, so they never outrank it. An "Updated ..." line is a revision, kept apart.
    original = next((d for d in date_lines if not d.updated), None)
    revision = next((d for d in date_lines if d.updated), None)
    published = None
    if original is not None:
        published = DateEvidence(original.value, "dateline", original.text)
        provenance["published"] = f"{_PROVENANCE}:date-line"
    updated = revision.value if revision is not None else None
    if updated is not None:
        provenance["updated"] = f"{_PROVENANCE}:date-line"
    if (
        published is None
        and dateline is not None
        and dateline.date_text
        and re.search(r"\b(?:19|20)\d\d\b", dateline.date_text)
    ):
        value = parse_date_string(dateline.date_text)
        if value is not None:
            published = DateEvidence(value, "dateline", dateline.text)
            provenance["published"] = f"{_PROVENANCE}:dateline"

    authors = people_in_byline([byline.names]) if byline else ()
    if authors:
        provenance["authors"] = f"{_PROVENANCE}:byline"
    body_text = "\n\n".join(p for p in body if p)
    if body_text:
        provenance["text"] = f"{_PROVENANCE}:clean_text"
    return ExtractedDocument(
        text=body_text,
        title=title,
        extractor=EXTRACTOR,
        extractor_version=EXTRACTOR_VERSION,
        byline=byline.names if byline else None,
        authors=authors,
        dateline=dateline.text if dateline else None,
        outlet=outlet,
        published=published,
        updated=updated,
        boilerplate_removed=cleaned.removed,
        field_provenance=provenance,
    )
