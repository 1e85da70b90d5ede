"""Deciding what a payload is before any extractor sees it.

A payload is either decoded text of a known media type or a rejection with a reason an analyst
can act on ("binary content", "not valid UTF-8 at byte 1234", ...). Pure: bytes in, verdict out.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import PurePath

__all__ = ["HTML", "JSONL", "PLAIN", "Payload", "Rejection", "classify_payload"]

PLAIN = "text/plain"
HTML = "text/html"
JSONL = "application/x-ndjson"

_SUFFIX_TYPES = {
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
}
_SNIFF_BYTES = 8192
# Tab, LF, VT, FF, CR and ESC are common in real text; other C0 controls are a sign of binary data.
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b")


@dataclass(frozen=True)
class Payload:
    """Decoded text and its media type."""

    media_type: str
    text: str
    encoding: str


@dataclass(frozen=True)
class Rejection:
    """Why a payload cannot be processed."""

    reason: str


def _decode(data: bytes) -> tuple[str, str] | Rejection:
    if data.startswith(codecs.BOM_UTF8):
        data, encoding = data[len(codecs.BOM_UTF8) :], "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            return Rejection(f"not valid UTF-16 despite its byte-order mark: {exc.reason} at {exc.start}")
    else:
        encoding = "utf-8"
    try:
        return data.decode("utf-8"), encoding
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        return Rejection(f"not valid UTF-8: byte 0x{bad} at offset {exc.start} ({exc.reason})")


def _looks_binary(head: bytes) -> str | None:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None  # UTF-16 text is full of NUL bytes by design
    nuls = head.count(0)
    if nuls:
        return f"binary content: {nuls} NUL bytes in the first {len(head)} bytes"
    controls = sum(1 for byte in head if byte < 32 and byte not in _TEXT_CONTROLS)
    if controls > max(8, len(head) // 100):
        return f"binary content: {controls} control bytes in the first {len(head)} bytes"
    return None


def _media_type(name: str, text: str) -> str:
    suffix_type = _SUFFIX_TYPES.get(PurePath(name).suffix.lower())
    if suffix_type:
        return suffix_type
    head = text.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return HTML
    return PLAIN


def classify_payload(data: bytes, name: str) -> Payload | Rejection:
    """Decode ``data`` (named ``name``, used for its suffix) or say why it cannot be used."""
    if not data:
        return Rejection("empty: 0 bytes")
    binary = _looks_binary(data[:_SNIFF_BYTES])
    if binary:
        return Rejection(binary)
    decoded = _decode(data)
    if isinstance(decoded, Rejection):
        return decoded
    text, encoding = decoded
    if not text.strip():
        return Rejection(f"empty: {len(data)} bytes of whitespace only")
    return Payload(media_type=_media_type(name, text), text=text, encoding=encoding)
