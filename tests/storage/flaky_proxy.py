"""An HTTP proxy on loopback that injects faults in front of a real S3 server.

Faults are queued per method and consumed by the next matching request:
- "503":         answer 503 SlowDown without forwarding (the server never saw it)
- "drop-before": close the connection without forwarding
- "drop-after":  forward, let the server act, then close without answering (the write landed
                 but the client never heard)
- "slow-after":  forward, then stall past the client's read timeout
- "pass":        forward normally (to aim a fault at a later request)
Requests are forwarded byte for byte with their Host header, so SigV4 signatures stay valid.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

_HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection"}


class FlakyProxy:
    def __init__(self, upstream: str, *, stall: float = 3.0) -> None:
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.stall = stall
        self.faults: dict[str, list[str]] = {}
        self.seen: Counter[str] = Counter()
        self.injected: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def inject(self, method: str, *faults: str) -> None:
        with self._lock:
            self.faults.setdefault(method, []).extend(faults)

    def take(self, method: str) -> str | None:
        with self._lock:
            self.seen[method] += 1
            queue = self.faults.get(method)
            if not queue:
                return None
            fault = queue.pop(0)
            self.injected[fault] += 1
            return fault

    def __enter__(self) -> FlakyProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def _handler(proxy: FlakyProxy) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _relay(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            fault = proxy.take(self.command)
            if fault == "503":
                payload = b"<Error><Code>SlowDown</Code><Message>injected</Message></Error>"
                self.send_response(503)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                return
            if fault == "drop-before":
                self._drop()
                return
            upstream = http.client.HTTPConnection(*proxy.upstream, timeout=30)
            try:
                upstream.putrequest(
                    self.command, self.path, skip_host=True, skip_accept_encoding=True
                )
                for name, value in self.headers.items():
                    if name.lower() not in _HOP:
                        upstream.putheader(name, value)
                upstream.endheaders(body)
                response = upstream.getresponse()
                data = response.read()
            finally:
                upstream.close()
            if fault == "slow-after":
                time.sleep(proxy.stall)
            if fault in ("drop-after", "slow-after"):
                self._drop()
                return
            self.send_response(response.status)
            for name, value in response.getheaders():
                if name.lower() not in _HOP and name.lower() != "content-length":
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def _drop(self) -> None:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)

        do_GET = do_PUT = do_HEAD = do_POST = do_DELETE = _relay

    return Handler
