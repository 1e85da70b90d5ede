"""Tests for transforms.extraction.plaintext: headline, byline, dateline, outlet and body of plain text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from transforms.documents import DateEvidence
from transforms.extraction.boilerplate import clean_text
from transforms.extraction.plaintext import EXTRACTOR, EXTRACTOR_VERSION, extract_plaintext

SEEDS = Path(__file__).parents[1] / "seeds"
PROV = f"{EXTRACTOR}@{EXTRACTOR_VERSION}"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# --- seeds ----------------------------------------------------------------------------------------

SEED_TITLES = {
    "000": "South Korea's President Lee Jaemyung Visits China: A New Chapter in Bilateral Relations",
    "001": "South Korea’s President Lee Jae Myung to Reset Relations with China During Beijing Visit",
    "002": None,  # the file starts with the lead paragraph
    "003": "China, S. Korea enter 'new phase' as Lee seeks reset with Beijing",
    "004": "Lee Declares China Visit Sets Foundation for Full Restoration of Ties",
}

SEED_FIRST_PARAGRAPH_START = {
    "000": "On Monday, South Korean President Lee Jaemyung commenced",
    "001": "South Korean President Lee Jae Myung is in Beijing",
    "002": "South Korean President Lee Jae Myung has called for a “new phase”",
    "003": "Facing regional frictions and unresolved THAAD-era disputes",
    "004": "Four-Day State Visit Marks Historic Diplomatic Reset President Lee",
}


@pytest.mark.parametrize("prefix", sorted(SEED_TITLES))
def test_seed_title_and_body(prefix: str) -> None:
    doc = extract_plaintext(seed(prefix))
    assert doc.title == SEED_TITLES[prefix]
    assert doc.text.startswith(SEED_FIRST_PARAGRAPH_START[prefix])
    if doc.title is not None:
        assert doc.title not in doc.text
    assert doc.extractor == "presswatch.plaintext"
    assert doc.extractor_version == EXTRACTOR_VERSION


@pytest.mark.parametrize("prefix", sorted(SEED_TITLES))
def test_seed_outlet_never_guessed_from_cited_sources(prefix: str) -> None:
    # 003 cites Korea JoongAng Daily and credits [Yonhap/AFP] photos; 004 lists Yonhap sources.
    doc = extract_plaintext(seed(prefix))
    assert doc.outlet is None
    assert "outlet" not in doc.field_provenance
    assert doc.dateline is None
    assert doc.published is None


@pytest.mark.parametrize("prefix", sorted(SEED_TITLES))
def test_seed_removed_counts_come_from_cleaner(prefix: str) -> None:
    assert extract_plaintext(seed(prefix)).boilerplate_removed == clean_text(seed(prefix)).removed


def test_seed_003_kicker_and_byline() -> None:
    doc = extract_plaintext(seed("003"))
    assert doc.byline == "Focus"
    assert doc.authors == ("Focus",)
    assert "By Focus" not in doc.text
    assert not doc.text.startswith("Diplomacy")
    assert "Frictions persist" in doc.text  # section subheads in the body are kept
    assert doc.field_provenance == {
        "title": f"{PROV}:first-headline-line",
        "byline": f"{PROV}:byline",
        "authors": f"{PROV}:byline",
        "text": f"{PROV}:clean_text",
    }


def test_seed_002_has_no_title_provenance() -> None:
    doc = extract_plaintext(seed("002"))
    assert doc.field_provenance == {"text": f"{PROV}:clean_text"}
    assert doc.byline is None


# --- datelines, bylines, outlets --------------------------------------------------------------------

LEAD = "President Lee Jae Myung and Chinese President Xi Jinping agreed to expand exchanges, officials said."


@pytest.mark.parametrize(
    ("dateline", "expected_dateline", "outlet", "published"),
    [
        ("SEOUL, Jan. 5 (Yonhap) -- ", "SEOUL, Jan. 5 (Yonhap)", "Yonhap", None),
        ("BEIJING (Reuters) - ", "BEIJING (Reuters)", "Reuters", None),
        ("WASHINGTON, Jan 6 (AP) — ", "WASHINGTON, Jan 6 (AP)", "AP", None),
        ("SEOUL, South Korea (AP) — ", "SEOUL, South Korea (AP)", "AP", None),
        ("TOKYO, Jan. 6, 2026 (Kyodo) - ", "TOKYO, Jan. 6, 2026 (Kyodo)", "Kyodo", date(2026, 1, 6)),
        (
            "BEIJING, 7 January 2026 (Xinhua) -- ",
            "BEIJING, 7 January 2026 (Xinhua)",
            "Xinhua",
            date(2026, 1, 7),
        ),
        ("HONG KONG — ", "HONG KONG", None, None),
        ("Seoul, January 5, 2026 – ", "Seoul, January 5, 2026", None, date(2026, 1, 5)),
    ],
)
def test_dateline_variants(
    dateline: str, expected_dateline: str, outlet: str | None, published: date | None
) -> None:
    doc = extract_plaintext(f"Lee and Xi agree to expand exchanges\n\n{dateline}{LEAD}\n\nMore follows here.")
    assert doc.dateline == expected_dateline
    assert doc.outlet == outlet
    assert doc.text.startswith("President Lee Jae Myung")
    assert doc.field_provenance["dateline"] == f"{PROV}:dateline"
    if outlet:
        assert doc.field_provenance["outlet"] == f"{PROV}:dateline"
    if published is None:
        assert doc.published is None
        assert "published" not in doc.field_provenance
    else:
        assert doc.published == DateEvidence(published, "dateline", expected_dateline)
        assert doc.field_provenance["published"] == f"{PROV}:dateline"


@pytest.mark.parametrize(
    ("byline", "names", "outlet"),
    [
        ("By Jane Doe", "Jane Doe", None),
        ("By Jane Doe |", "Jane Doe", None),
        ("By Jane Doe, Reuters", "Jane Doe", "Reuters"),
        ("By Jane Doe and John Roe | The Korea Herald", "Jane Doe and John Roe", "The Korea Herald"),
        ("BY JANE DOE Associated Press", "JANE DOE", "Associated Press"),
        ("By Jane Doe, Staff Writer", "Jane Doe", None),
        ("By Jane Doe | January 5, 2026", "Jane Doe", None),
        ("By Jane Doe, John Roe and Ann Poe", "Jane Doe, John Roe and Ann Poe", None),
        ("By: Kim Min-ji, nknews.org", "Kim Min-ji", "nknews.org"),
        ("By The Associated Press", "The Associated Press", "The Associated Press"),
        ("By Reuters", "Reuters", "Reuters"),
        ("By Jane Post", "Jane Post", None),
    ],
)
def test_byline_variants(byline: str, names: str, outlet: str | None) -> None:
    doc = extract_plaintext(f"Lee and Xi agree to expand exchanges\n{byline}\n{LEAD}\n")
    assert doc.byline == names
    assert doc.outlet == outlet
    assert doc.text == LEAD
    assert doc.field_provenance["byline"] == f"{PROV}:byline"
    assert ("outlet" in doc.field_provenance) == (outlet is not None)
    if outlet:
        assert doc.field_provenance["outlet"] == f"{PROV}:byline"


def test_dateline_credit_wins_over_byline_affiliation() -> None:
    doc = extract_plaintext(f"Lee meets Xi\n\nBy Jane Doe, The Korea Herald\n\nBEIJING (Reuters) - {LEAD}")
    assert (doc.outlet, doc.field_provenance["outlet"]) == ("Reuters", f"{PROV}:dateline")
    assert doc.byline == "Jane Doe"


def test_cited_outlets_and_photo_credits_are_not_the_outlet() -> None:
    raw = (
        "Lee meets Xi in Beijing\n\n"
        "Lee and Xi shake hands in Beijing on January 5. [Yonhap/AFP]\n\n"
        f"{LEAD} The summit was warm, Korea JoongAng Daily reported.\n\n"
        "According to Reuters (Reuters) the talks ran long.\n\nSource: Xinhua"
    )
    doc = extract_plaintext(raw)
    assert doc.outlet is None and doc.dateline is None


@pytest.mark.parametrize(
    "first_paragraph",
    [
        "By Xi's account, the talks went well and both sides agreed to keep talking about the Yellow Sea.",
        "By Monday, officials said, the two sides had agreed to more talks.",
        "U.S. - China relations were also discussed at length in the meeting.",
        "China - a country Lee visited for four days - welcomed him warmly.",
    ],
)
def test_sentences_are_not_bylines_or_datelines(first_paragraph: str) -> None:
    doc = extract_plaintext(f"Lee meets Xi\n\n{first_paragraph}\n\n{LEAD}")
    assert (doc.byline, doc.dateline, doc.outlet) == (None, None, None)
    assert doc.text.startswith(first_paragraph)


# --- headline and kicker ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "title", "text_start"),
    [
        (
            "Diplomacy\n\nLee seeks reset with Beijing\n\nLead text here.",
            "Lee seeks reset with Beijing",
            "Lead",
        ),
        (
            "WORLD NEWS |\nLee seeks reset with Beijing\nLead text here.",
            "Lee seeks reset with Beijing",
            "Lead",
        ),
        (
            "(LEAD) Lee, Xi agree to expand exchanges\n\nLead text here.",
            "Lee, Xi agree to expand exchanges",
            "Lead",
        ),
        ("Lee Visits China\n\nThe president met Xi in Beijing.", "Lee Visits China", "The president"),
        ("Diplomacy\n\nThe president met Xi in Beijing on Monday.", None, "Diplomacy"),
        ("Lee met Xi in Beijing on Monday.\n\nThey talked.", None, "Lee met Xi"),
        # Not a headline: a stamp, which moves out of the body into the date fields.
        ("Updated: January 5, 2026 10:00 KST\n\nLee met Xi in Beijing.", None, "Lee met Xi in Beijing."),
        (
            "Lee to visit Japan on January 13\n\nLee met Xi in Beijing.",
            "Lee to visit Japan on January 13",
            "Lee",
        ),
    ],
)
def test_headline_detection(raw: str, title: str | None, text_start: str) -> None:
    doc = extract_plaintext(raw)
    assert doc.title == title
    assert doc.text.startswith(text_start)


def test_windows_line_endings() -> None:
    unix = f"Lee meets Xi\n\nBy Jane Doe, Reuters\n\nBEIJING (Reuters) - {LEAD}\n\nLeave a Reply\n"
    assert extract_plaintext(unix.replace("\n", "\r\n")) == extract_plaintext(unix)
    assert extract_plaintext(unix.replace("\n", "\r")).text == LEAD


@pytest.mark.parametrize("raw", ["", "   ", "\n\n\r\n", "\u00a0\u200b\t"])
def test_empty_input_gives_empty_document(raw: str) -> None:
    doc = extract_plaintext(raw)
    assert (doc.text, doc.title, doc.byline, doc.dateline, doc.outlet, doc.published) == ("", *[None] * 5)
    assert doc.field_provenance == {}
    assert set(doc.boilerplate_removed) <= {"blank_lines"}


# A large input (~150 KB) guards against catastrophic regex backtracking: the timeout turns a hang
# into a failure. Speed on 1 MB inputs is measured in bench/bench_transforms.py.
@pytest.mark.timeout(60)
def test_large_input_is_extracted() -> None:
    paragraphs = 2_400
    body = "\n\n".join(
        f"Paragraph {i}: SEOUL - Lee met Xi on January 5 [1] in Beijing." for i in range(paragraphs)
    )
    raw = f"Diplomacy\n\nLee meets Xi\n\nBy Jane Doe, Reuters\n\n{body}"
    doc = extract_plaintext(raw)
    assert (doc.title, doc.byline, doc.outlet) == ("Lee meets Xi", "Jane Doe", "Reuters")
    assert doc.text == body.replace(" [1]", "")
    assert doc.boilerplate_removed == {"citation_marker": paragraphs}


def test_a_blogs_posted_on_line_with_its_author_handle_is_the_publication_date() -> None:
    doc = extract_plaintext(
        "A week in the tents\n\nPosted on 12 August 2029 by nurse_ada\n\nLast Sunday was hard."
    )
    assert doc.published is not None and doc.published.value == date(2029, 8, 12)
    assert doc.text == "Last Sunday was hard."
