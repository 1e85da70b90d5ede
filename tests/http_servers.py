"""Real threaded HTTP servers on loopback for tests, with programmable misbehaviour and a request log.

    with LocalServer() as server:
        server.route("/slow", Reply(body=b"x" * 10, drip=1.0))
        server.route("/moved", redirect("/slow"))
        ...  # fetch server.url("/moved")
        assert [r.path for r in server.log] == ["/moved", "/slow"]

Every delay is bounded and ends early when the server stops, so a failing test cannot leave threads
hanging. Servers bind only loopback addresses (127.0.0.0/8).
"""

from __future__ import annotations

import datetime as dt
import gzip
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import brotli
import pytest

__all__ = [
    "LocalServer",
    "Logged",
    "Reply",
    "brotli_bomb",
    "closed_port",
    "gzip_bomb",
    "redirect",
    "repeat",
    "self_signed_context",
]


@dataclass
class Reply:
    """What a route answers.

    ``body`` may be bytes or a zero-argument callable returning an iterator of chunks (streamed, e.g. a
    large body); ``encoding`` ("gzip", "deflate", "br") compresses a bytes body and sets Content-Encoding.
    ``content_length`` overrides the declared length (larger than sent -> a truncated body); None with
    ``close_delimited`` omits it. ``delay`` waits before the status line, ``hang_after_headers`` after the
    headers, ``drip`` sends the body one byte at a time with that many seconds between bytes.
    """

    status: int = 200
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes | Callable[[], Iterable[bytes]] = b""
    encoding: str | None = None
    content_length: int | None = None
    close_delimited: bool = False
    delay: float = 0.0
    hang_after_headers: float = 0.0
    drip: float = 0.0
    close: bool = False  # close the connection after this reply


@dataclass
class Logged:
    """One request as the server saw it."""

    method: str
    path: str
    headers: dict[str, str]  # names lower-cased
    at: float  # time.monotonic() when the request line and headers had arrived
    client: str
    bytes_sent: int = 0  # body bytes written before the reply ended or the client went away
    finished_at: float | None = None


Handler = Reply | Callable[[Logged], Reply]


def redirect(location: str, status: int = 302) -> Reply:
    """A redirect reply to ``location`` (absolute or relative)."""
    return Reply(status=status, headers=[("Location", location)])


def closed_port(host: str = "127.0.0.1") -> int:
    """A port on ``host`` with nothing listening (bound, then released)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _encode(body: bytes, encoding: str) -> bytes:
    if encoding == "gzip":
        return gzip.compress(body)
    if encoding == "deflate":
        return zlib.compress(body)
    if encoding == "br":
        return bytes(brotli.compress(body))
    raise ValueError(f"unknown encoding {encoding!r}")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    owner: LocalServer

    def finish_request(self, request: Any, client_address: Any) -> None:
        if self.owner.tls is None:
            super().finish_request(request, client_address)
            return
        try:
            wrapped = self.owner.tls.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return  # the client refused our certificate: that is what the TLS tests want
        try:
            super().finish_request(wrapped, client_address)
        finally:
            wrapped.close()  # wrap_socket detached the original, which shutdown_request closes

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients hanging up mid-reply is routine here


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 10  # idle keep-alive connections end on their own
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        owner = self.server.owner
        entry = Logged(
            method=self.command,
            path=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            at=time.monotonic(),
            client=self.client_address[0],
        )
        owner._begin(entry)
        try:
            self._reply(owner, entry, owner._handler_for(self.path))
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, TimeoutError):
            self.close_connection = True
        finally:
            entry.finished_at = time.monotonic()
            owner._end()

    def _reply(self, owner: LocalServer, entry: Logged, handler: Handler) -> None:
        reply = handler(entry) if callable(handler) else handler
        if reply.delay and owner.stopping.wait(reply.delay):
            return
        body = reply.body
        if isinstance(body, bytes) and reply.encoding:
            body = _encode(body, reply.encoding)
        self.send_response(reply.status)
        names = {name.lower() for name, _ in reply.headers}
        for name, value in reply.headers:
            self.send_header(name, value)
        if reply.encoding and "content-encoding" not in names:
            self.send_header("Content-Encoding", reply.encoding)
        if reply.content_length is not None:
            self.send_header("Content-Length", str(reply.content_length))
        elif isinstance(body, bytes) and not reply.close_delimited:
            self.send_header("Content-Length", str(len(body)))
        must_close = reply.close or reply.close_delimited or reply.hang_after_headers > 0
        must_close = must_close or (reply.content_length is not None and callable(body))
        if reply.content_length is not None and isinstance(body, bytes) and reply.content_length != len(body):
            must_close = True
        if must_close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.flush()
        if reply.hang_after_headers and owner.stopping.wait(reply.hang_after_headers):
            return
        chunks: Iterable[bytes] = [body] if isinstance(body, bytes) else body()
        for chunk in chunks:
            if reply.drip:
                for i in range(len(chunk)):
                    self.wfile.write(chunk[i : i + 1])
                    self.wfile.flush()
                    entry.bytes_sent += 1
                    if owner.stopping.wait(reply.drip):
                        return
            else:
                self.wfile.write(chunk)
                entry.bytes_sent += len(chunk)
        self.wfile.flush()


class LocalServer:
    """A threaded HTTP(S) server on a loopback address with per-path replies and a request log."""

    def __init__(self, host: str = "127.0.0.1", *, tls: ssl.SSLContext | None = None) -> None:
        if not host.startswith("127."):
            raise ValueError("test servers bind loopback only")
        self.host = host
        self.tls = tls
        self.routes: dict[str, Handler] = {}
        self.log: list[Logged] = []
        self.stopping = threading.Event()
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._httpd = _Server((host, 0), _Handler)
        self._httpd.owner = self
        self.port = int(self._httpd.server_address[1])
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05})
        self._thread.daemon = True

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def route(self, path: str, handler: Handler) -> LocalServer:
        """Answer ``path`` (exact, including any query) with ``handler``; unknown paths get 404."""
        self.routes[path] = handler
        return self

    def url(self, path: str = "/") -> str:
        """Absolute URL of ``path`` on this server."""
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://{self.host}:{self.port}{path}"

    def paths(self) -> list[str]:
        """Paths requested so far, in arrival order."""
        with self._lock:
            return [entry.path for entry in self.log]

    def requests_to(self, path: str) -> list[Logged]:
        """Logged requests for ``path``."""
        with self._lock:
            return [entry for entry in self.log if entry.path == path]

    def _handler_for(self, path: str) -> Handler:
        return self.routes.get(path, Reply(status=404, body=b"not found"))

    def _begin(self, entry: Logged) -> None:
        with self._lock:
            self.log.append(entry)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _end(self) -> None:
        with self._lock:
            self.in_flight -= 1


def repeat(chunk: bytes, total: int) -> Callable[[], Iterator[bytes]]:
    """A streamed body of ``total`` bytes made of ``chunk`` (for large bodies without large memory)."""

    def chunks() -> Iterator[bytes]:
        sent = 0
        while sent < total:
            piece = chunk[: total - sent]
            sent += len(piece)
            yield piece

    return chunks


MiB = 1024 * 1024


def gzip_bomb(decoded: int) -> bytes:
    """``decoded`` bytes of zeros, gzip-compressed to a tiny body (a decompression bomb)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(MiB)
    return b"".join(packer.compress(zeros) for _ in range(decoded // MiB)) + packer.flush()


def brotli_bomb(decoded: int) -> bytes:
    """``decoded`` bytes of zeros, brotli-compressed to a tiny body."""
    packer = brotli.Compressor(quality=5)
    zeros = bytes(MiB)
    return b"".join(packer.process(zeros) for _ in range(decoded // MiB)) + packer.finish()


def self_signed_context(tmp_path: Path) -> ssl.SSLContext:
    """A server TLS context with a self-signed certificate for news.example.test and 127.0.0.1 (files in
    ``tmp_path``): no client that verifies certificates accepts it."""
    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "news.example.test")])
    now = dt.datetime.now(dt.UTC)
    import ipaddress

    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("news.example.test"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return context
