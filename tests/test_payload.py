"""Payload classification: every bad input gets a clear reason, good text gets a media type."""

from __future__ import annotations

import codecs

import pytest

from transforms.extraction.payload import HTML, JSONL, PLAIN, Payload, Rejection, classify_payload


def test_plain_text_is_decoded() -> None:
    verdict = classify_payload(b"Lee Jae Myung visits Beijing.\n", "a.txt")
    assert verdict == Payload(PLAIN, "Lee Jae Myung visits Beijing.\n", "utf-8")


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
        (b"caf\xe9 au lait", "not valid UTF-8: byte 0xe9 at offset 3"),
    ],
)
def test_bad_payloads_are_rejected_with_reason(body: bytes, reason_start: str) -> None:
    verdict = classify_payload(body, "x.txt")
    assert isinstance(verdict, Rejection)
    assert verdict.reason.startswith(reason_start)
