"""Deciding what a payload is before any extractor sees it.

A payload is either decoded text of a known media type or a rejection with a reason an analyst
can act on ("binary content", "empty", ...). Pure: bytes in, verdict out.

Decoding, in order: a byte-order mark; strict UTF-8 (a non-UTF-8 text that happens to be valid UTF-8
is vanishingly rare); the charset an HTML ``<meta>`` declares near the top (labels for Latin-1 and
ASCII mean windows-1252, as in browsers); the encoding charset-normalizer finds most plausible. Only a
payload none of them can read is rejected. :attr:`Payload.encoding` names the codec and, after a
colon, how it was chosen, so an analyst can see which pages were not UTF-8.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import PurePath

import charset_normalizer

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
# Browsers look for a <meta charset> in the first 1024 bytes; pages with long heads put it later.
_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([a-z0-9_.:-]{1,40})""", re.IGNORECASE)
# Labels that browsers read as windows-1252 (WHATWG Encoding), which only extends them.
_WINDOWS_1252_LABELS = frozenset(
    {"ascii", "us-ascii", "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "cp819"}
)
# When the detector finds several encodings equally plausible (short texts), the web's common ones win.
_PREFERRED_WHEN_TIED = ("cp1252", "cp1250", "cp1251")
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
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig:byte-order-mark"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16:byte-order-mark"
        except UnicodeDecodeError as exc:
            return Rejection(f"not valid UTF-16 despite its byte-order mark: {exc.reason} at {exc.start}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = f"byte 0x{data[exc.start : exc.start + 1].hex()} at offset {exc.start}"
    declared = _declared_codec(data[:_PRESCAN_BYTES])
    if declared is not None:
        for codec in ("cp1252", "latin-1") if declared == "cp1252" else (declared,):
            try:
                return data.decode(codec), f"{codecs.lookup(codec).name}:meta-charset"
            except UnicodeDecodeError:
                continue
    guess = _detected(data)
    if guess is not None:
        return guess
    return Rejection(f"undecodable text: not UTF-8 ({utf8_error}), no usable charset declared or detected")


def _detected(data: bytes) -> tuple[str, str] | None:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    tied = {m.encoding: m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)}
    chosen = next((tied[name] for name in _PREFERRED_WHEN_TIED if name in tied), best)
    return str(chosen), f"{codecs.lookup(chosen.encoding).name}:detected"


def _declared_codec(head: bytes) -> str | None:
    """The Python codec of a ``<meta charset>`` near the top, or ``None`` (absent, unknown, UTF-8/16)."""
    match = _META_CHARSET.search(head)
    if match is None:
        return None
    label = match[1].decode("ascii").lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A UTF-8 declaration was already tried and failed; UTF-16 labels on a byte stream are always wrong.
    return None if name.startswith(("utf-8", "utf-16", "utf-32")) else name


_BYTES_PER_STRAY_NUL = 1000


def _looks_binary(head: bytes) -> str | None:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None  # UTF-16 text is full of NUL bytes by design
    nuls = head.count(0)
    # A stray NUL in a long page is a glitch (the text drops it); files of another kind are full of them.
    if nuls > len(head) // _BYTES_PER_STRAY_NUL:
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
