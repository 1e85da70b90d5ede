"""Payload classification: every bad input gets a clear reason, good text gets a media type."""

from __future__ import annotations

import codecs

import pytest

from transforms.extraction.extract import extract_items
from transforms.extraction.payload import HTML, JSONL, PLAIN, Payload, Rejection, classify_payload


def test_plain_text_is_decoded() -> None:
    verdict = classify_payload(b"Lee Jae Myung visits Beijing.\n", "a.txt")
    assert verdict == Payload(PLAIN, "Lee Jae Myung visits Beijing.\n", "utf-8")


def test_a_declared_html_charset_is_honoured() -> None:
    body = "<p>Президент Ли прибыл в Пекин, сообщил Синьхуа.</p>".encode("cp1251")
    page = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">' + body
    verdict = classify_payload(page, "page.html")
    assert isinstance(verdict, Payload)
    assert "Президент Ли прибыл в Пекин" in verdict.text
    assert verdict.encoding == "cp1251:meta-charset"


def test_latin1_label_reads_as_windows_1252_like_browsers() -> None:
    page = b'<meta charset="iso-8859-1"><p>\x93Quoted\x94 in caf\xe9</p>'
    verdict = classify_payload(page, "page.html")
    assert isinstance(verdict, Payload)
    assert "\u201cQuoted\u201d in café" in verdict.text


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Le président Lee est arrivé à Pékin mercredi, où il a été reçu avec les honneurs.", "latin-1"),
        ("Президент Ли прибыл в Пекин на переговоры с председателем Си Цзиньпином.", "cp1251"),
    ],
)
def test_undeclared_legacy_encodings_are_detected_not_rejected(text: str, codec: str) -> None:
    verdict = classify_payload(text.encode(codec), "article.txt")
    assert isinstance(verdict, Payload)
    assert verdict.text == text
    assert verdict.encoding.endswith(":detected")


@pytest.mark.parametrize(
    ("name", "body", "expected"),
    [
        ("page.html", b"<p>x</p>", HTML),
        ("page.txt", b"<!DOCTYPE html><html><body>x</body></html>", HTML),
        ("feed.jsonl", b'{"text": "x"}\n', JSONL),
        ("notes.txt", b"just text", PLAIN),
    ],
)
def test_media_type_from_suffix_then_content(name: str, body: bytes, expected: str) -> None:
    verdict = classify_payload(body, name)
    assert isinstance(verdict, Payload)
    assert verdict.media_type == expected


def test_bom_and_utf16_are_decoded() -> None:
    assert classify_payload(codecs.BOM_UTF8 + "Séoul".encode(), "a.txt").text == "Séoul"
    utf16 = classify_payload("Xi Jinping".encode("utf-16"), "a.txt")
    assert isinstance(utf16, Payload)
    assert utf16.text == "Xi Jinping"


@pytest.mark.parametrize(
    ("body", "reason_start"),
    [
        (b"", "empty: 0 bytes"),
        (b"  \n\t\n", "empty: 5 bytes of whitespace only"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
        (bytes(range(1, 32)) * 20, "binary content"),
        (bytes(range(128, 256)) * 3, "undecodable text: not UTF-8 (byte 0x80 at offset 0)"),
    ],
)
def test_bad_payloads_are_rejected_with_reason(body: bytes, reason_start: str) -> None:
    verdict = classify_payload(body, "x.txt")
    assert isinstance(verdict, Rejection)
    assert verdict.reason.startswith(reason_start)


def test_a_detected_encoding_is_recorded_in_the_documents_provenance() -> None:
    text = "Le président Lee est arrivé à Pékin mercredi, où il a été reçu avec les honneurs. " * 3
    verdict = classify_payload(text.encode("latin-1"), "article.txt")
    assert isinstance(verdict, Payload)
    (item,) = extract_items(verdict, "article.txt")
    assert item.document is not None
    assert item.document.field_provenance["encoding"] == verdict.encoding
    utf8 = classify_payload(text.encode(), "article.txt")
    assert isinstance(utf8, Payload)
    (plain,) = extract_items(utf8, "article.txt")
    assert plain.document is not None and "encoding" not in plain.document.field_provenance


def test_a_stray_nul_in_a_long_page_is_a_glitch_not_binary() -> None:
    page = b"<html><body><p>" + b"Lee met Xi in Beijing. " * 200 + b"\x00</p></body></html>"
    payload = classify_payload(page, "page.html")
    assert isinstance(payload, Payload) and payload.media_type == HTML
    # The same NUL in a short file, or many of them in a long one, is another kind of file.
    assert isinstance(classify_payload(b"<html>\x00</html>", "page.html"), Rejection)
    assert isinstance(classify_payload(page.replace(b" ", b"\x00"), "page.html"), Rejection)
