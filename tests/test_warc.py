"""The WARC archive: responses round-trip exactly, files are standard WARC, damage is reported clearly."""

from __future__ import annotations

import base64
import gzip
import hashlib
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.checker import Checker

from archive.warc import (
    ORIGINAL_HEADER_PREFIX,
    ArchivedResponse,
    WarcReadError,
    WarcRef,
    WarcWriter,
    iter_responses,
    read_response,
)

T0 = datetime(2026, 1, 5, 3, 14, 15, 926535)


@dataclass(frozen=True)
class Fetched:
    """Stand-in for web.fetcher's result record (same attribute names and types)."""

    url: str
    status: int | None = 200
    body: bytes | None = b""
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html; charset=utf-8"),)
    final_url: str = ""
    fetched_at: datetime = T0
    request_headers: tuple[tuple[str, str], ...] = (
        ("User-Agent", "presswatch-test/1.0"),
        ("Accept-Encoding", "gzip"),
    )
    peer_ip: str | None = "127.0.0.1"

    def __post_init__(self) -> None:
        if not self.final_url:
            object.__setattr__(self, "final_url", self.url)


def _header(headers: tuple[tuple[str, str], ...], name: str) -> str | None:
    values = [v for k, v in headers if k.lower() == name.lower()]
    return values[-1] if values else None


def _sha1_b32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


SAMPLES = [
    Fetched("http://news.test/binary", body=bytes(range(256)) * 40, headers=(("Content-Type", "image/png"),)),
    Fetched(
        "http://news.test/a?utm=1",
        final_url="http://news.test/articles/lee-beijing.html",
        body="<p>이재명 대통령, 베이징 도착 — “새로운 단계” 😊</p>".encode(),
        fetched_at=T0 + timedelta(seconds=1),
        peer_ip="2001:db8::7",
    ),
    Fetched("http://news.test/empty", body=b"", fetched_at=T0 + timedelta(seconds=2)),
    Fetched(
        "http://news.test/feed.xml",
        status=304,
        body=None,
        headers=(("ETag", '"abc123"'), ("Date", "Mon, 05 Jan 2026 03:14:17 GMT")),
        fetched_at=T0 + timedelta(seconds=3),
        peer_ip=None,
    ),
]


def _write(directory: Path, items: list[Fetched], run_id: str = "run1") -> tuple[Path, list[WarcRef]]:
    with WarcWriter(directory, run_id) as writer:
        refs = [writer.write_response(item) for item in items]
    return writer.path, refs


def _assert_same(got: ArchivedResponse, sent: Fetched) -> None:
    assert got.url == sent.final_url
    assert got.status == sent.status
    assert got.body == (sent.body or b"")
    assert got.fetched_at == sent.fetched_at
    assert _header(got.headers, "Content-Length") == str(len(sent.body or b""))
    for name, value in sent.headers:
        assert (name, value) in got.headers


def test_round_trip_and_file_name(tmp_path: Path) -> None:
    with WarcWriter(tmp_path, "open") as writer:
        early = writer.write_response(SAMPLES[0])
        assert read_response(early).body == SAMPLES[0].body  # readable while the run is still writing
    path, refs = _write(tmp_path, SAMPLES)
    assert path == tmp_path / "presswatch-run1.warc.gz"
    for ref, sent in zip(refs, SAMPLES, strict=True):
        assert ref.path == str(path)
        _assert_same(read_response(ref), sent)
    listed = list(iter_responses(path))
    assert [ref for ref, _ in listed] == refs
    for (_, got), sent in zip(listed, SAMPLES, strict=True):
        _assert_same(got, sent)


def test_offsets_read_back_individually_in_any_order(tmp_path: Path) -> None:
    path, refs = _write(tmp_path, SAMPLES)
    data = path.read_bytes()
    for ref, sent in reversed(list(zip(refs, SAMPLES, strict=True))):
        # Each ref spans exactly one standalone gzip member holding one WARC record.
        member = gzip.decompress(data[ref.offset : ref.offset + ref.length])
        assert member.startswith(b"WARC/1.1\r\n")
        assert ref.record_id.encode() in member
        assert read_response(ref).body == (sent.body or b"")


def test_file_is_standard_warc(tmp_path: Path) -> None:
    path, refs = _write(tmp_path, SAMPLES)
    assert Checker(SimpleNamespace(inputs=[str(path)], verbose=False)).process_all() == 0

    with path.open("rb") as fh:
        seen = []
        for record in ArchiveIterator(fh, check_digests=True):
            payload = record.content_stream().read()
            assert record.digest_checker.passed is True  # block (and payload) digests verified
            assert record.rec_headers.protocol == "WARC/1.1"
            seen.append((record.rec_type, record.rec_headers, record.http_headers, payload))

    assert [kind for kind, *_ in seen] == ["warcinfo"] + ["response", "request"] * len(SAMPLES)
    info = seen[0][3].decode()
    assert "isPartOf: presswatch-run1" in info and seen[0][1]["WARC-Filename"] == path.name

    for i, sent in enumerate(SAMPLES):
        _, resp_h, resp_http, body = seen[1 + 2 * i]
        _, req_h, req_http, _ = seen[2 + 2 * i]
        assert resp_h["WARC-Record-ID"] == refs[i].record_id
        assert resp_h["WARC-Target-URI"] == sent.final_url == req_h["WARC-Target-URI"]
        assert resp_h["WARC-Date"] == sent.fetched_at.isoformat() + "Z" == req_h["WARC-Date"]
        assert resp_h["WARC-IP-Address"] == sent.peer_ip
        assert resp_h["Content-Type"] == "application/http; msgtype=response"
        assert resp_h["WARC-Payload-Digest"] == _sha1_b32(sent.body or b"")
        assert resp_http.protocol == "HTTP/1.1" and resp_http.get_statuscode() == str(sent.status)
        assert body == (sent.body or b"")
        # The request record points at its response and carries the headers the fetcher sent.
        assert req_h["WARC-Concurrent-To"] == refs[i].record_id
        assert req_h["Content-Type"] == "application/http; msgtype=request"
        assert req_http.protocol == "GET" and req_http.statusline.endswith(" HTTP/1.1")
        assert req_http["User-Agent"] == "presswatch-test/1.0"
        assert req_http["Host"] == "news.test"
    # The redirected fetch keeps the URL it asked for, and its request line names the final path.
    assert seen[3][1]["WARC-Presswatch-Requested-URI"] == "http://news.test/a?utm=1"
    assert seen[4][2].statusline == "/articles/lee-beijing.html HTTP/1.1"


def test_decoded_body_with_rewritten_wire_headers(tmp_path: Path) -> None:
    html = ("<html><body>" + "Lee and Xi met in Beijing. " * 200 + "</body></html>").encode()
    on_wire = gzip.compress(html)
    fetched = Fetched(
        "http://news.test/gz",
        body=html,  # the fetcher hands over the decoded body
        headers=(
            ("Content-Type", "text/html"),
            ("content-encoding", "gzip"),
            ("Content-Length", str(len(on_wire))),
            ("Transfer-Encoding", "chunked"),
            ("Vary", "Accept-Encoding"),
        ),
    )
    path, [ref] = _write(tmp_path, [fetched])
    got = read_response(ref)
    assert got.body == html
    names = {name.lower() for name, _ in got.headers}
    assert "content-encoding" not in names and "transfer-encoding" not in names
    assert _header(got.headers, "Content-Length") == str(len(html))
    assert _header(got.headers, ORIGINAL_HEADER_PREFIX + "Content-Encoding") == "gzip"
    assert _header(got.headers, ORIGINAL_HEADER_PREFIX + "Content-Length") == str(len(on_wire))
    assert _header(got.headers, ORIGINAL_HEADER_PREFIX + "Transfer-Encoding") == "chunked"
    assert _header(got.headers, "Vary") == "Accept-Encoding"
    # A replay tool reading the record the standard way gets the plain body, not a gunzip error.
    with path.open("rb") as fh:
        record = next(r for r in ArchiveIterator(fh) if r.rec_type == "response")
        assert record.content_stream().read() == html


def test_concurrent_writes_from_threads(tmp_path: Path) -> None:
    n_threads, per_thread = 8, 25
    refs: dict[str, WarcRef] = {}
    lock = threading.Lock()
    barrier = threading.Barrier(n_threads)

    def worker(t: int) -> None:
        barrier.wait()  # start together so writes really interleave
        for i in range(per_thread):
            url = f"http://news.test/t{t}/{i}"
            ref = writer.write_response(Fetched(url, body=f"{t}:{i}:".encode() * (i + 1) * 50))
            with lock:
                refs[url] = ref

    with WarcWriter(tmp_path, "threads") as writer:
        threads = [threading.Thread(target=worker, args=(t,)) for t in range(n_threads)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert len(refs) == n_threads * per_thread
    assert len({(r.offset, r.record_id) for r in refs.values()}) == len(refs)
    for url, ref in refs.items():
        t, i = (int(part.lstrip("t")) for part in url.rsplit("/", 2)[-2:])
        got = read_response(ref)
        assert got.url == url and got.body == f"{t}:{i}:".encode() * (i + 1) * 50
    listed = dict((resp.url, ref) for ref, resp in iter_responses(writer.path))
    assert listed == refs


def test_truncated_file_raises_warc_read_error(tmp_path: Path) -> None:
    items = [Fetched(f"http://news.test/{i}", body=bytes(range(256)) * 20) for i in range(3)]
    path, refs = _write(tmp_path, items)
    data = path.read_bytes()
    cut = refs[1].offset + refs[1].length // 2  # inside the second response
    truncated = tmp_path / "cut.warc.gz"
    truncated.write_bytes(data[:cut])

    seen: list[WarcRef] = []
    with pytest.raises(WarcReadError, match="truncated"):
        for ref, _ in iter_responses(truncated):
            seen.append(ref)
    assert [r.offset for r in seen] == [refs[0].offset]  # what came before the damage was still read

    def moved(ref: WarcRef) -> WarcRef:
        return WarcRef(str(truncated), ref.offset, ref.length, ref.record_id)

    assert read_response(moved(refs[0])).body == items[0].body
    for ref in refs[1:]:
        with pytest.raises(WarcReadError):
            read_response(moved(ref))


@pytest.mark.parametrize("cut_back", [1, 9, 40])
def test_file_cut_near_its_end_is_noticed(tmp_path: Path, cut_back: int) -> None:
    # A cut inside the last record's gzip trailer leaves every byte of content readable; still an error.
    path, _ = _write(tmp_path, SAMPLES[:2])
    path.write_bytes(path.read_bytes()[:-cut_back])
    with pytest.raises(WarcReadError):
        list(iter_responses(path))


def test_corrupt_or_mismatched_refs_raise(tmp_path: Path) -> None:
    path, refs = _write(tmp_path, SAMPLES[:2])
    with pytest.raises(WarcReadError, match="record id"):
        read_response(WarcRef(refs[0].path, refs[0].offset, refs[0].length, refs[1].record_id))
    with pytest.raises(WarcReadError, match="expected a response"):
        read_response(WarcRef(refs[0].path, 0, refs[0].offset, refs[0].record_id))  # the warcinfo record
    with pytest.raises(WarcReadError):
        read_response(WarcRef(refs[0].path, refs[0].offset + 3, refs[0].length, refs[0].record_id))
    with pytest.raises(WarcReadError, match="cannot"):
        read_response(WarcRef(str(tmp_path / "missing.warc.gz"), 0, 10, "x"))
    # Flip one body byte: the gzip and the digests no longer agree with it.
    data = bytearray(path.read_bytes())
    data[refs[0].offset + refs[0].length - 40] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(WarcReadError):
        read_response(refs[0])


def test_writer_guards(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="run_id"):
        WarcWriter(tmp_path, "../escape")
    writer = WarcWriter(tmp_path, "guarded", prefix="pw")
    assert writer.path.name == "pw-guarded.warc.gz"
    with pytest.raises(ValueError, match="no HTTP response"):
        writer.write_response(Fetched("http://news.test/down", status=None, body=None))
    writer.close()
    writer.close()  # idempotent
    with pytest.raises(RuntimeError, match="closed"):
        writer.write_response(Fetched("http://news.test/late"))
    with pytest.raises(FileExistsError):
        WarcWriter(tmp_path, "guarded", prefix="pw")  # a run's archive is never overwritten


def test_aware_fetched_at_is_stored_as_utc(tmp_path: Path) -> None:
    kst = timezone(timedelta(hours=9))
    aware = datetime(2026, 1, 5, 12, 0, 0, tzinfo=kst)
    _, [ref] = _write(tmp_path, [Fetched("http://news.test/tz", fetched_at=aware)])
    assert read_response(ref).fetched_at == aware.astimezone(UTC).replace(tzinfo=None)


def test_header_values_cannot_break_the_record(tmp_path: Path) -> None:
    evil = Fetched(
        "http://news.test/evil",
        body=b"ok",
        headers=(("X-Note", "line one\r\nInjected: yes"), ("Bad Name", "dropped")),
    )
    path, [ref] = _write(tmp_path, [evil])
    got = read_response(ref)
    assert _header(got.headers, "X-Note") == "line one Injected: yes"
    assert _header(got.headers, "Injected") is None and _header(got.headers, "Bad Name") is None
    assert Checker(SimpleNamespace(inputs=[str(path)], verbose=False)).process_all() == 0
