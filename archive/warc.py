"""The raw web archive: every HTTP response the fetcher saw, in a standard WARC file.

One run writes one file, ``<directory>/<prefix>-<run_id>.warc.gz``, compressed one gzip member per
record so that any record can be read back by seeking to its offset. The file starts with a
``warcinfo`` record; each fetch adds a ``response`` record (HTTP status line, headers, body) and a
``request`` record (the headers the fetcher sent) that points at it with ``WARC-Concurrent-To``.

Bodies are stored *decoded*, exactly as the fetcher returned them, because that is what the
pipeline parsed. The stored HTTP headers are rewritten to match: ``Content-Encoding`` and
``Transfer-Encoding`` are dropped and ``Content-Length`` is the stored body's length, so that replay
tools do not try to gunzip or de-chunk a plain body. The origin's values are kept as
``X-Presswatch-Original-<Header>``.
"""

from __future__ import annotations

import io
import os
import re
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO, Protocol, Self
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParserException
from warcio.timeutils import datetime_to_iso_date, iso_date_to_datetime
from warcio.warcwriter import WARCWriter

__all__ = [
    "ORIGINAL_HEADER_PREFIX",
    "ArchivedResponse",
    "FetchedLike",
    "WarcReadError",
    "WarcRef",
    "WarcWriter",
    "iter_responses",
    "read_response",
]

ORIGINAL_HEADER_PREFIX = "X-Presswatch-Original-"
WARC_VERSION = "1.1"  # 1.1 allows sub-second WARC-Date, so fetched_at round-trips exactly
_SOFTWARE = "presswatch (warcio)"
# Headers that describe the bytes on the wire, not the decoded body we store.
_WIRE_HEADERS = ("Content-Encoding", "Transfer-Encoding", "Content-Length")
_NAME_RE = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")
_TOKEN_RE = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")  # RFC 9110 header-name token


class FetchedLike(Protocol):
    """What :meth:`WarcWriter.write_response` needs from a fetch result (``web.fetcher``'s record).

    Read-only properties, so frozen dataclasses match. An optional ``method`` attribute (default
    "GET") names the request method.
    """

    @property
    def url(self) -> str: ...
    @property
    def final_url(self) -> str: ...
    @property
    def status(self) -> int | None: ...
    @property
    def headers(self) -> tuple[tuple[str, str], ...]: ...
    @property
    def body(self) -> bytes | None: ...
    @property
    def fetched_at(self) -> datetime: ...  # UTC; naive (or aware, converted)
    @property
    def request_headers(self) -> tuple[tuple[str, str], ...]: ...
    @property
    def peer_ip(self) -> str | None: ...


class WarcReadError(Exception):
    """A WARC file or record cannot be read: missing, truncated, corrupt, or not what the ref names."""


@dataclass(frozen=True)
class WarcRef:
    """Where one response record lives: the file, the gzip member's offset and length, its record id."""

    path: str
    offset: int
    length: int
    record_id: str


@dataclass(frozen=True)
class ArchivedResponse:
    """A response read back from the archive. ``fetched_at`` is UTC, naive; ``body`` is decoded."""

    url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    fetched_at: datetime


# --- writing -------------------------------------------------------------------------------------


def _utc_naive(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo is not None else value


def _clean_value(value: str) -> str:
    # A CR or LF inside a value would end the header block early and corrupt the record.
    return " ".join(value.splitlines()).strip()


def _clean_headers(headers: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    return [(name, _clean_value(value)) for name, value in headers if _TOKEN_RE.match(name)]


def _stored_headers(headers: tuple[tuple[str, str], ...], body: bytes) -> list[tuple[str, str]]:
    """The origin headers rewritten to describe the decoded body; wire-level values kept as X- headers."""
    kept: list[tuple[str, str]] = []
    originals: dict[str, list[str]] = {}
    wire = {h.lower(): h for h in _WIRE_HEADERS}
    for name, value in _clean_headers(headers):
        canonical = wire.get(name.lower())
        if canonical is None:
            kept.append((name, value))
        else:
            originals.setdefault(canonical, []).append(value)
    for name in _WIRE_HEADERS:
        values = originals.get(name)
        if values and not (name == "Content-Length" and values == [str(len(body))]):
            kept.append((ORIGINAL_HEADER_PREFIX + name, ", ".join(values)))
    kept.append(("Content-Length", str(len(body))))
    return kept


def _status_line(status: int) -> str:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Unknown"
    return f"{status} {phrase}"


def _request_target(url: str) -> tuple[str, str]:
    """The request line's target ("/path?query") and the Host header value for ``url``."""
    parts = urlsplit(url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return target, parts.netloc


_GZIP_LEVEL = 6


class WarcWriter:
    """Writes one gzip-per-record WARC file for a run. Thread-safe; use as a context manager.

    The file is created exclusively (an existing file for the same run is never overwritten) and
    flushed after every fetch, so records written so far can be read back while the run continues.
    """

    def __init__(self, directory: Path, run_id: str, *, prefix: str = "presswatch") -> None:
        for label, value in (("run_id", run_id), ("prefix", prefix)):
            if not _NAME_RE.match(value):
                raise ValueError(f"{label} must be letters, digits, '.', '_' or '-' (got {value!r})")
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / f"{prefix}-{run_id}.warc.gz"
        self._lock = threading.Lock()
        self._file: BinaryIO | None = open(self.path, "xb")  # noqa: SIM115 - lives as long as the writer
        # Records are serialised uncompressed and gzipped here, one member each, at level 6: warcio's own
        # gzip uses level 9, 1.6x the CPU for a 1 % smaller archive, on the core extraction needs.
        self._writer = WARCWriter(io.BytesIO(), gzip=False, warc_version=WARC_VERSION)
        info = {
            "software": _SOFTWARE,
            "format": f"WARC File Format {WARC_VERSION}",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "isPartOf": f"{prefix}-{run_id}",
            "description": "Responses fetched by a presswatch run; bodies are stored decoded.",
        }
        self._file.write(self._gzipped(self._writer.create_warcinfo_record(self.path.name, info)))
        self._file.flush()

    def write_response(self, fetched: FetchedLike) -> WarcRef:
        """Archive one fetch as a response record plus its request record; return the response's ref.

        Raises ValueError when there is no HTTP response to archive (``status`` is None) and
        RuntimeError once the writer is closed.
        """
        if fetched.status is None:
            raise ValueError(f"no HTTP response to archive for {fetched.url}")
        body = fetched.body or b""
        uri = fetched.final_url or fetched.url
        warc_date = datetime_to_iso_date(_utc_naive(fetched.fetched_at), use_micros=True)

        warc_headers = {"WARC-Date": warc_date}
        if fetched.peer_ip:
            warc_headers["WARC-IP-Address"] = fetched.peer_ip
        if fetched.url != uri:
            # Not a standard field; keeps the URL we asked for when redirects moved us elsewhere.
            warc_headers["WARC-Presswatch-Requested-URI"] = fetched.url
        http_headers = StatusAndHeaders(
            _status_line(fetched.status), _stored_headers(fetched.headers, body), protocol="HTTP/1.1"
        )
        response = self._writer.create_warc_record(
            uri,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            warc_headers_dict=warc_headers,
            http_headers=http_headers,
        )

        target, host = _request_target(uri)
        request_headers = _clean_headers(fetched.request_headers)
        if not any(name.lower() == "host" for name, _ in request_headers):
            request_headers.insert(0, ("Host", host))
        method = getattr(fetched, "method", None) or "GET"
        request = self._writer.create_warc_record(
            uri,
            "request",
            warc_headers_dict={"WARC-Date": warc_date},
            http_headers=StatusAndHeaders(
                f"{method} {target} HTTP/1.1", request_headers, is_http_request=True
            ),
        )
        record_id = response.rec_headers.get_header("WARC-Record-ID")
        request.rec_headers.add_header("WARC-Concurrent-To", record_id)

        response_member, request_member = self._gzipped(response), self._gzipped(request)
        with self._lock:
            if self._file is None:
                raise RuntimeError(f"WARC writer for {self.path} is closed")
            offset = self._file.tell()
            self._file.write(response_member)
            length = len(response_member)
            self._file.write(request_member)
            self._file.flush()
        return WarcRef(path=str(self.path), offset=offset, length=length, record_id=record_id)

    def _gzipped(self, record: Any) -> bytes:
        """One record as its own gzip member (compressed outside the lock: threads write in parallel)."""
        serialised = io.BytesIO()
        WARCWriter(serialised, gzip=False, warc_version=WARC_VERSION).write_record(record)
        compressor = zlib.compressobj(_GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        return compressor.compress(serialised.getvalue()) + compressor.flush()

    def close(self) -> None:
        """Flush and close the file; safe to call twice."""
        with self._lock:
            if self._file is None:
                return
            try:
                self._file.flush()
                os.fsync(self._file.fileno())
            finally:
                self._file.close()
                self._file = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


# --- reading -------------------------------------------------------------------------------------

# What warcio (or zlib under it) raises on malformed input; a record cut inside its WARC headers can
# surface as AttributeError/TypeError (e.g. a missing WARC-Target-URI is None).
_READ_ERRORS = (
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    EOFError,
    ValueError,
    OSError,
    zlib.error,
    AttributeError,
    TypeError,
)


def _finish_record(records: ArchiveIterator, record: Any, where: str) -> tuple[int, int]:
    """Read ``record`` to its end and check it is whole; return its (offset, length) in the file.

    zlib does not complain about a gzip member that simply stops, so a file cut inside a record's
    gzip trailer is only noticed by asking whether the member reached its end-of-stream marker.
    """
    offset, length = records.get_record_offset(), records.get_record_length()
    decompressor = records.reader.decompressor if records.reader is not None else None
    if decompressor is not None and not decompressor.eof:
        raise WarcReadError(f"{where}: gzip member is truncated")
    if record.digest_checker.passed is False:
        raise WarcReadError(f"{where}: {'; '.join(record.digest_checker.problems)}")
    return offset, length


def _to_response(record: Any, where: str) -> ArchivedResponse:
    """Read a warcio response record fully, checking it is complete and its digests hold."""
    stream = record.raw_stream  # not content_stream(): bodies are stored decoded
    body = stream.read()
    expected = record.payload_length if record.http_headers else record.length
    if expected is not None and expected >= 0 and len(body) != expected:
        raise WarcReadError(f"{where}: record is truncated ({len(body)} of {expected} body bytes)")
    if record.digest_checker.passed is False:
        raise WarcReadError(f"{where}: {'; '.join(record.digest_checker.problems)}")
    if record.http_headers is None:
        raise WarcReadError(f"{where}: response record has no HTTP headers")
    try:
        status = int(record.http_headers.get_statuscode())
        fetched_at = iso_date_to_datetime(record.rec_headers.get_header("WARC-Date"))
    except (TypeError, ValueError) as exc:
        raise WarcReadError(f"{where}: bad status line or WARC-Date ({exc})") from exc
    return ArchivedResponse(
        url=record.rec_headers.get_header("WARC-Target-URI"),
        status=status,
        headers=tuple(record.http_headers.headers),
        body=body,
        fetched_at=fetched_at,
    )


def read_response(ref: WarcRef) -> ArchivedResponse:
    """Read the one response record ``ref`` points at; raise :class:`WarcReadError` if it is unusable."""
    where = f"{ref.path}@{ref.offset}"
    try:
        with open(ref.path, "rb") as fh:
            fh.seek(ref.offset)
            member = fh.read(ref.length)
    except OSError as exc:
        raise WarcReadError(f"{where}: cannot read ({exc})") from exc
    if len(member) != ref.length:
        raise WarcReadError(f"{where}: file is truncated ({len(member)} of {ref.length} bytes)")
    try:
        records = ArchiveIterator(io.BytesIO(member), check_digests=True)
        record = next(iter(records), None)
        if record is None:
            raise WarcReadError(f"{where}: no WARC record at this offset")
        if record.rec_type != "response":
            raise WarcReadError(f"{where}: expected a response record, found {record.rec_type!r}")
        if record.rec_headers.get_header("WARC-Record-ID") != ref.record_id:
            raise WarcReadError(f"{where}: record id does not match {ref.record_id}")
        response = _to_response(record, where)
        _finish_record(records, record, where)
        return response
    except _READ_ERRORS as exc:
        raise WarcReadError(f"{where}: not a readable WARC record ({exc})") from exc


def _check_tail(fh: BinaryIO, end: int, path: str) -> None:
    """Fail unless everything after the last whole record is at most a few blank-line bytes.

    warcio stops quietly when a record's headers end early (it takes that for the end of the file),
    so a file cut inside a record would otherwise just look shorter.
    """
    size = os.fstat(fh.fileno()).st_size
    if size == end:
        return
    fh.seek(end)
    tail = fh.read(8)
    if size - end > 8 or tail.strip(b"\r\n"):
        raise WarcReadError(f"{path}: truncated or corrupt after byte {end} ({size - end} bytes unread)")


def iter_responses(path: Path) -> Iterator[tuple[WarcRef, ArchivedResponse]]:
    """Yield every response record in a WARC file with its ref, in file order.

    Raises :class:`WarcReadError` at the first truncated or corrupt record (responses before it are
    yielded first), including a file that ends partway through a record.
    """
    path_str = str(path)
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed in finally; a generator cannot use `with` cleanly
    except OSError as exc:
        raise WarcReadError(f"{path_str}: cannot open ({exc})") from exc
    try:
        records = ArchiveIterator(fh, check_digests=True)
        end = 0  # where the last whole record ended
        while True:
            try:
                record = next(records, None)
                if record is None:
                    break
                where = f"{path_str} (record after byte {end})"
                response = _to_response(record, where) if record.rec_type == "response" else None
                offset, length = _finish_record(records, record, where)
            except _READ_ERRORS as exc:
                raise WarcReadError(f"{path_str}: not a readable WARC file after byte {end} ({exc})") from exc
            end = offset + length
            if response is not None:
                record_id = record.rec_headers.get_header("WARC-Record-ID")
                yield WarcRef(path=path_str, offset=offset, length=length, record_id=record_id), response
        _check_tail(fh, end, path_str)
    finally:
        fh.close()
