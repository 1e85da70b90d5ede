"""Content-Encoding decoders that never produce more than a small piece of output per step.

httpx/urllib-style decoders inflate a whole network chunk at once, so 64 KiB of a gzip bomb becomes ~64 MiB
in memory before anyone can count it. These decoders hand out at most ``piece`` bytes at a time, letting the
caller stop the moment the decoded total passes its cap.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

import brotli

__all__ = ["CorruptEncodingError", "DecodeError", "Decoder", "decoder_chain"]

PIECE = 64 * 1024
_GZIP_MAGIC = b"\x1f\x8b"


class DecodeError(Exception):
    """The body is not valid for its Content-Encoding, or ends before the encoded stream does."""


class CorruptEncodingError(DecodeError):
    """The bytes received are not valid for their Content-Encoding. Unlike a stream that ends early (a cut
    connection, worth another try), the server sent bad data: asking again gets the same bytes."""


class Decoder:
    """Identity decoder; subclasses decode one content coding incrementally."""

    identity = True  # bytes out == bytes in, so Content-Length is the decoded size

    def feed(self, data: bytes) -> Iterator[bytes]:
        """Yield decoded pieces (each at most PIECE bytes for real codings) for the next input chunk."""
        if data:
            yield data

    def finish(self) -> None:
        """Raise DecodeError if the encoded stream is incomplete."""


class _ZlibDecoder(Decoder):
    identity = False

    def __init__(self, wbits: int, name: str) -> None:
        self._wbits = wbits
        self._gzip = name == "gzip"
        self._name = name
        self._obj: Any = zlib.decompressobj(wbits)  # None between gzip members
        self._seen_input = False
        self._ended = False  # after the last member: the rest is junk some servers append
        self._carry = b""  # bytes after a member, maybe the start of the next gzip header

    def feed(self, data: bytes) -> Iterator[bytes]:
        try:
            yield from self._feed(data)
        except zlib.error as exc:
            raise CorruptEncodingError(f"invalid {self._name} body: {exc}") from exc

    def _feed(self, data: bytes) -> Iterator[bytes]:
        pending = False  # a full piece may leave output inside zlib even with no input left
        while not self._ended:
            if self._obj is not None and self._obj.eof:
                self._carry += self._obj.unused_data
                self._obj = None
            if self._obj is None:
                data, self._carry = self._carry + data, b""
                if self._gzip and len(data) < 2 and _GZIP_MAGIC.startswith(data):
                    self._carry = data
                    return
                if not (self._gzip and data.startswith(_GZIP_MAGIC)):
                    self._ended = True  # concatenated gzip members are legal; anything else is ignored
                    return
                self._obj = zlib.decompressobj(self._wbits)
            if not data and not pending:
                return
            out = self._obj.decompress(data, PIECE)
            self._seen_input = True
            # At the end of a member the leftover input is in unused_data (and may be mirrored in
            # unconsumed_tail): take it from unused_data only.
            data = b"" if self._obj.eof else self._obj.unconsumed_tail
            pending = len(out) == PIECE
            if out:
                yield out

    def finish(self) -> None:
        if self._seen_input and self._obj is not None and not self._obj.eof:
            raise DecodeError(f"{self._name} body ends before its end marker")


class _DeflateDecoder(Decoder):
    identity = False

    """'deflate' should be zlib-wrapped, but many servers send raw deflate: sniff like browsers do."""

    def __init__(self) -> None:
        self._inner: _ZlibDecoder | None = None
        self._head = b""

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._inner is None:
            self._head += data
            if len(self._head) < 2:
                return
            first, second = self._head[0], self._head[1]
            wrapped = first & 0x0F == 8 and (first << 8 | second) % 31 == 0
            self._inner = _ZlibDecoder(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS, "deflate")
            data, self._head = self._head, b""
        yield from self._inner.feed(data)

    def finish(self) -> None:
        if self._inner is None and self._head:
            raise DecodeError("deflate body too short")
        if self._inner is not None:
            self._inner.finish()


class _BrotliDecoder(Decoder):
    identity = False

    def __init__(self) -> None:
        self._obj = brotli.Decompressor()
        self._seen_input = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        try:
            self._seen_input = self._seen_input or bool(data)
            out = self._obj.process(data, output_buffer_limit=PIECE)
            # brotli 1.2 stops at the output limit and keeps the rest internally (even with all input
            # consumed); empty-input calls drain it piece by piece.
            while out:
                yield out
                if self._obj.is_finished():
                    break
                out = self._obj.process(b"", output_buffer_limit=PIECE)
        except brotli.error as exc:
            raise CorruptEncodingError(f"invalid br body: {exc}") from exc

    def finish(self) -> None:
        if self._seen_input and not self._obj.is_finished():
            raise DecodeError("br body ends before its end marker")


class _Chain(Decoder):
    identity = False

    def __init__(self, decoders: list[Decoder]) -> None:
        self._decoders = decoders

    def feed(self, data: bytes) -> Iterator[bytes]:
        yield from self._through(0, data)

    def _through(self, index: int, data: bytes) -> Iterator[bytes]:
        if index == len(self._decoders):
            yield data
            return
        for piece in self._decoders[index].feed(data):
            yield from self._through(index + 1, piece)

    def finish(self) -> None:
        for decoder in self._decoders:
            decoder.finish()


def decoder_chain(content_encoding: str | None) -> Decoder:
    """A decoder for a Content-Encoding header value ("gzip", "br", "gzip, br", ...).

    Codings are undone in reverse order of application. Unknown codings leave the body as sent (the caller
    keeps the header, so nothing is misread silently).
    """
    makers = {
        "gzip": lambda: _ZlibDecoder(16 + zlib.MAX_WBITS, "gzip"),
        "x-gzip": lambda: _ZlibDecoder(16 + zlib.MAX_WBITS, "gzip"),
        "deflate": _DeflateDecoder,
        "br": _BrotliDecoder,
    }
    codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if not codings or any(c not in makers for c in codings):
        return Decoder()
    decoders: list[Decoder] = [makers[c]() for c in reversed(codings)]
    return decoders[0] if len(decoders) == 1 else _Chain(decoders)
