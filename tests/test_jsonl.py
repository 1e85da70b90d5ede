"""Tests for transforms.extraction.jsonl and the character normalisation of transforms.text.characters."""

from __future__ import annotations

import json
from datetime import date

import pytest

from transforms.documents import DateEvidence
from transforms.extraction.jsonl import JSONL_EXTRACTOR, JSONL_EXTRACTOR_VERSION, JsonlRecord, parse_jsonl
from transforms.text.characters import normalise_characters, normalise_language_tag, normalise_paragraphs

FIELD = f"{JSONL_EXTRACTOR}@{JSONL_EXTRACTOR_VERSION}:field:"


def lines(*objects: object) -> str:
    return "\n".join(json.dumps(obj, ensure_ascii=False) for obj in objects) + "\n"


def test_full_record_is_mapped_with_provenance() -> None:
    text = lines(
        {
            "id": "hx-001",
            "title": "Ngata lands in Tokyo",
            "text": "First paragraph of the story.\n\nSecond paragraph.",
            "url": "https://harbourtimes.example/p/1",
            "outlet": "Harbour Times",
            "published": "2025-03-10T08:15:00+13:00",
            "author": "Mere Tawhiri",
            "language": "en-NZ",
        }
    )
    [record] = parse_jsonl(text)
    assert (record.line_number, record.error, record.record_id) == (1, None, "hx-001")
    doc = record.document
    assert doc is not None
    assert doc.text == "First paragraph of the story.\n\nSecond paragraph."
    assert doc.title == "Ngata lands in Tokyo"
    assert doc.url == "https://harbourtimes.example/p/1"
    assert doc.outlet == "Harbour Times"
    assert doc.byline == "Mere Tawhiri"
    assert doc.authors == ("Mere Tawhiri",)
    assert doc.language == "en"
    # The calendar date the publisher wrote; in UTC it would be 9 March.
    assert doc.published == DateEvidence(date(2025, 3, 10), "metadata:jsonl", "2025-03-10T08:15:00+13:00")
    assert (doc.extractor, doc.extractor_version) == ("presswatch.jsonl", JSONL_EXTRACTOR_VERSION)
    assert doc.field_provenance == {
        "text": FIELD + "text",
        "title": FIELD + "title",
        "url": FIELD + "url",
        "outlet": FIELD + "outlet",
        "byline": FIELD + "author",
        "authors": FIELD + "author",
        "language": FIELD + "language",
        "published": FIELD + "published",
    }


def test_alternative_field_names() -> None:
    text = lines(
        {
            "content": "Body via content.",
            "source": {"id": "bbc-news", "name": "BBC News"},
            "published_at": "2025-03-11",
        },
        {
            "body": "Body via body.",
            "publisher": "RNZ",
            "date": "Tue, 11 Mar 2025 09:00:00 +1300",
            "byline": "A. Writer",
        },
        {
            "text": None,
            "content": "Null text falls through.",
            "author": ["Ana Kim", " ", "Joe Bloggs", 7],
            "id": 42,
        },
    )
    first, second, third = parse_jsonl(text)
    assert first.document is not None and second.document is not None and third.document is not None
    assert first.document.text == "Body via content."
    assert first.document.outlet == "BBC News"
    assert first.document.field_provenance["outlet"] == FIELD + "source"
    assert first.document.field_provenance["published"] == FIELD + "published_at"
    assert second.document.outlet == "RNZ"
    assert second.document.byline == "A. Writer"
    assert second.document.published == DateEvidence(
        date(2025, 3, 11), "metadata:jsonl", "Tue, 11 Mar 2025 09:00:00 +1300"
    )
    assert second.document.field_provenance["text"] == FIELD + "body"
    assert third.document.field_provenance["text"] == FIELD + "content"
    assert third.document.byline == "Ana Kim, Joe Bloggs"
    assert third.record_id == "42"


def test_missing_optional_fields_stay_empty() -> None:
    [record] = parse_jsonl(lines({"text": "Only a body.", "title": 12, "outlet": ["not", "a", "name"]}))
    doc = record.document
    assert doc is not None
    assert (doc.title, doc.url, doc.outlet, doc.byline, doc.language, doc.published) == (None,) * 6
    assert doc.field_provenance == {"text": FIELD + "text"}
    assert record.record_id is None


def test_unreadable_date_is_kept_as_evidence() -> None:
    [record] = parse_jsonl(lines({"text": "Body.", "published": "sometime next week"}))
    assert record.document is not None
    assert record.document.published == DateEvidence(None, "metadata:jsonl", "sometime next week")


def test_bad_lines_are_reported_and_good_lines_still_parse() -> None:
    text = "\n".join(
        [
            json.dumps({"text": "Good one.", "id": 1}),
            "",
            "{not json",
            "[1, 2, 3]",
            json.dumps({"title": "No body", "id": "t-5"}),
            json.dumps({"text": 17}),
            "   ",
            json.dumps({"content": " \n\n\t "}),
            "[" * 100_000,  # nested deeper than the JSON decoder's recursion limit
            json.dumps({"body": "Good two."}),
            '"just a string"',
        ]
    )
    records = parse_jsonl(text)
    assert [r.line_number for r in records] == [1, 3, 4, 5, 6, 8, 9, 10, 11]
    good = [r for r in records if r.document is not None]
    assert [r.document.text for r in good if r.document] == ["Good one.", "Good two."]
    assert all(r.error is None for r in good)
    errors = {r.line_number: r.error for r in records if r.document is None}
    assert set(errors) == {3, 4, 5, 6, 8, 9, 11}
    assert all(error is not None and error.startswith(f"line {n}: ") for n, error in errors.items())
    assert "invalid JSON" in str(errors[3])
    assert errors[4] == "line 4: expected a JSON object, got an array"
    assert errors[5] == "line 5: no text field (expected one of text, content, body)"
    assert errors[6] == "line 6: field 'text' is a number, not a string"
    assert errors[8] == "line 8: field 'content' is empty"
    assert "invalid JSON" in str(errors[9]) and len(str(errors[9])) < 300
    assert errors[11] == "line 11: expected a JSON object, got a string"
    assert records[3].record_id == "t-5"  # a failed record still names itself


def test_unicode_is_normalised() -> None:
    decomposed = "Cafe\u0301"  # e + combining acute, NFD
    text = (
        "\ufeff"  # BOM at the start of the file
        + json.dumps(
            {"text": f"{decomposed} owners meet Jean\u2011Luc\u00a0Picard.", "title": "Ngā\u00a0kōrero"}
        )
        + "\r\n"
        + json.dumps(
            {"text": "Split \u2028 here? No: U+2028 is legal inside a JSON string."}, ensure_ascii=False
        )
        + "\r\n"
        + '{"text": "Broken \\ud800 surrogate", "title": "\\udc00"}\n'
    )
    first, second, third = parse_jsonl(text)
    assert first.document is not None and second.document is not None and third.document is not None
    assert first.document.text == "Café owners meet Jean-Luc Picard."
    assert first.document.text.startswith("Caf\u00e9")  # composed (NFC)
    assert first.document.title == "Ngā kōrero"
    assert second.line_number == 2
    assert second.document.text == "Split here? No: U+2028 is legal inside a JSON string."
    # Lone surrogates cannot be stored as UTF-8: replaced, so the record still loads.
    assert third.document.text == "Broken \ufffd surrogate"
    assert third.document.text.encode("utf-8")
    assert third.document.title == "\ufffd"


def test_empty_input_gives_no_records() -> None:
    assert parse_jsonl("") == []
    assert parse_jsonl("\n \n\t\n") == []


def test_records_are_frozen() -> None:
    [record] = parse_jsonl(lines({"text": "Body."}))
    assert isinstance(record, JsonlRecord)
    with pytest.raises(AttributeError):
        record.error = "changed"  # type: ignore[misc]


# --- transforms.text.characters --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Jean\u2011Luc and co\u2010operate", "Jean-Luc and co-operate"),
        ("10\u00a0km and 5\u202f%", "10 km and 5 %"),
        ("soft\u00adhyphen zero\u200bwidth \ufeffbom", "softhyphen zerowidth bom"),
        ("e\u0301", "\u00e9"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("bell\x07 nul\x00 tab\tkept", "bell nul tab\tkept"),
        ("lone \ud83d surrogate", "lone \ufffd surrogate"),
        ("en – and em — dashes stay", "en – and em — dashes stay"),
    ],
)
def test_normalise_characters(raw: str, expected: str) -> None:
    assert normalise_characters(raw) == expected


def test_normalise_paragraphs() -> None:
    wrapped = "  First paragraph\nhard-wrapped   here.\n \n\n\nSecond\tone.  \n"
    assert normalise_paragraphs(wrapped, lines_are_paragraphs=False) == (
        "First paragraph hard-wrapped here.\n\nSecond one."
    )
    assert (
        normalise_paragraphs("One.\nTwo.\n\n\nThree.", lines_are_paragraphs=True) == "One.\n\nTwo.\n\nThree."
    )
    assert normalise_paragraphs(" \n\n ", lines_are_paragraphs=False) == ""


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en-GB", "en"),
        ("DE", "de"),
        ("pt_BR", "pt"),
        ("zh-Hant-TW", "zh"),
        ("und", None),
        ("", None),
        ("english", None),
    ],
)
def test_normalise_language_tag(tag: str, expected: str | None) -> None:
    assert normalise_language_tag(tag) == expected


def test_authors_are_people_and_a_later_update_is_kept_apart() -> None:
    line = json.dumps(
        {
            "text": "Lee met Xi in Beijing on Monday. " * 10,
            "author": ["Jane Doe", "Reuters", "John Roe; Staff Writer"],
            "published": "2026-01-05T09:00:00+09:00",
            "updated_at": "2026-01-06",
        }
    )
    (record,) = parse_jsonl(line)
    assert record.document is not None
    assert record.document.authors == ("Jane Doe", "John Roe")
    assert record.document.updated == date(2026, 1, 6)
    (earlier,) = parse_jsonl(line.replace("2026-01-06", "2026-01-04"))
    assert earlier.document is not None and earlier.document.updated is None
