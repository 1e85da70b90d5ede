"""A raw TCP server on loopback for answers no HTTP library would send: garbage status lines, endless headers.

    with RawServer(b"SPAM\\r\\n\\r\\n") as server:
        ...  # fetch server.url("/x")
        assert server.connections == 1 and server.heads[0].startswith(b"GET /x ")

Each connection gets one read of the request head, then the fixed answer, then the connection is closed.
Every wait is bounded and ends when the server stops, so a failing test cannot leave threads hanging.
"""

from __future__ import annotations

import socket
import threading

__all__ = ["RawServer"]

_MAX_HEAD = 64 * 1024


class RawServer:
    """Answers every TCP connection on 127.0.0.1 with ``answer`` (bytes, sent as is) and hangs up;
    ``robots``, when given, answers requests for /robots.txt (so a page's fault is reached past it)."""

    def __init__(self, answer: bytes, *, robots: bytes | None = None) -> None:
        self.answer = answer
        self.robots = robots  # the answer to ``GET /robots.txt`` instead, when given
        self.heads: list[bytes] = []  # request heads received, one per connection that sent one
        self.connections = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.05)
        self.port = int(self._sock.getsockname()[1])
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> RawServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)
        self._sock.close()

    def url(self, path: str = "/") -> str:
        """Absolute URL of ``path`` on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            with self._lock:
                self.connections += 1
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            head = b""
            try:
                while b"\r\n\r\n" not in head and len(head) < _MAX_HEAD:
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    head += chunk
                if head:
                    with self._lock:
                        self.heads.append(head)
                robots = self.robots is not None and head.startswith(b"GET /robots.txt ")
                conn.sendall(self.robots if robots and self.robots is not None else self.answer)
                conn.shutdown(socket.SHUT_WR)
            except OSError:
                pass  # the client hung up first: routine when it refuses the answer
