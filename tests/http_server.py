"""A programmable loopback HTTP server for fetcher tests: each path maps to a handler function."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from news_etl.fixture_site import serving

Route = Callable[[BaseHTTPRequestHandler], None]


def respond(status: int = 200, body: bytes = b"", headers: dict[str, str] | None = None) -> Route:
    """A route answering with a fixed status, body and headers."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        if "Content-Length" not in (headers or {}):
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return route


@contextmanager
def serve(routes: dict[str, Route], keep_alive: bool = False) -> Iterator[str]:
    """Serve ``routes`` on 127.0.0.1 in a background thread; yields the base URL.

    ``keep_alive`` speaks HTTP/1.1, which keeps a connection open between requests
    (HTTP/1.0, the default, closes it after each answer)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1" if keep_alive else "HTTP/1.0"

        def do_GET(self) -> None:
            route = routes.get(self.path.split("?", 1)[0])
            if route is None:
                self.send_error(404)
            else:
                route(self)

        do_POST = do_GET

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with serving(server, "test-http-server"):
        yield f"http://127.0.0.1:{server.server_address[1]}"
