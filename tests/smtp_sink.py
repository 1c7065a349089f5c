"""A minimal SMTP receiver on loopback for alert tests: it speaks just enough of RFC 5321
(greeting, EHLO/HELO, MAIL, RCPT, DATA, QUIT) to accept mail and keeps what it received."""

from __future__ import annotations

import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes
from email.message import Message


@contextmanager
def smtp_sink() -> Iterator[tuple[int, list[Message]]]:
    """Accept mail on 127.0.0.1; yields (port, messages received so far)."""
    received: list[Message] = []

    class Session(socketserver.StreamRequestHandler):
        def handle(self) -> None:
            self.wfile.write(b"220 sink ready\r\n")
            while line := self.rfile.readline():
                verb = line[:4].upper()
                if verb == b"DATA":
                    self.wfile.write(b"354 go on\r\n")
                    body = b"".join(iter(lambda: self.rfile.readline(), b".\r\n"))
                    received.append(message_from_bytes(body))
                    self.wfile.write(b"250 queued\r\n")
                elif verb == b"QUIT":
                    self.wfile.write(b"221 bye\r\n")
                    return
                else:  # EHLO, HELO, MAIL, RCPT, RSET, NOOP
                    self.wfile.write(b"250 ok\r\n")

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Session)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1], received
    finally:
        server.shutdown()
        server.server_close()
