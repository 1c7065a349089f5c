"""A local news site serving the seed fixtures over loopback HTTP (``make demo`` and the tests).

Serves ``seeds/fixtures/feed.xml`` at ``/feed.xml`` and each page listed in
``seeds/fixtures/routes.json``, with the ``{BASE}`` placeholder replaced by the
server's own address, plus a permissive ``/robots.txt``. Like a real news site it
sends ``ETag`` and ``Last-Modified`` and answers conditional requests with 304, and it
counts requests and body bytes so tests can measure what a run costs the site.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from news_etl.config import PROJECT_ROOT

FIXTURES = PROJECT_ROOT / "seeds" / "fixtures"


LAST_MODIFIED = "Mon, 23 Nov 2026 06:00:00 GMT"


class FixtureSite:
    """The fixture site's content, rendered for one base URL, and what was asked of it."""

    def __init__(self, base_url: str, root: Path = FIXTURES) -> None:
        self.base_url = base_url
        self.requests: list[tuple[str, int, int]] = []  # (path, status, body bytes)
        self._lock = threading.Lock()
        routes = json.loads((root / "routes.json").read_text(encoding="utf-8"))
        self.documents: dict[str, tuple[str, bytes]] = {
            "/feed.xml": ("application/rss+xml; charset=utf-8", self._render(root / "feed.xml")),
            "/robots.txt": ("text/plain; charset=utf-8", b"User-agent: *\nAllow: /\n"),
        }
        for path, file in routes.items():
            self.documents[path] = ("text/html; charset=utf-8", self._render(root / file))

    @property
    def feed_url(self) -> str:
        return f"{self.base_url}/feed.xml"

    def _render(self, path: Path) -> bytes:
        return path.read_text(encoding="utf-8").replace("{BASE}", self.base_url).encode("utf-8")

    def record(self, path: str, status: int, nbytes: int) -> None:
        with self._lock:
            self.requests.append((path, status, nbytes))

    def reset_counts(self) -> None:
        with self._lock:
            self.requests.clear()


@contextmanager
def serve_fixture_site(host: str = "127.0.0.1", port: int = 0) -> Iterator[FixtureSite]:
    """Run the fixture site in a background thread for the duration of the block."""
    server = ThreadingHTTPServer((host, port), _Handler)
    server.daemon_threads = True
    site = FixtureSite(f"http://{host}:{server.server_address[1]}")
    server.site = site  # type: ignore[attr-defined]
    with serving(server, "fixture-site"):
        yield site


@contextmanager
def serving(server: ThreadingHTTPServer, name: str) -> Iterator[None]:
    """Serve ``server`` from a daemon thread for the block's duration, then shut it down and
    close its socket (the fixture site, the benchmark's synthetic site and test servers)."""
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


def write_demo_catalogue(site: FixtureSite, path: Path) -> Path:
    """A feeds file listing the fixture feed, in the catalogue's shape."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "feeds:\n"
        "  - name: Seed healthcare IT news\n"
        "    publisher: Seed fixtures\n"
        f"    homepage: {site.base_url}/\n"
        f"    url: {site.feed_url}\n"
        "    country: GB\n"
        "    language: en\n",
        encoding="utf-8",
    )
    return path


class _Handler(BaseHTTPRequestHandler):
    server_version = "fixture-site/1"

    def do_GET(self) -> None:
        site: FixtureSite = self.server.site  # type: ignore[attr-defined]
        path = self.path.split("?", 1)[0]
        document = site.documents.get(path)
        if document is None:
            site.record(path, 404, 0)
            self.send_error(404)
            return
        content_type, body = document
        etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
        if self.headers.get("If-None-Match") == etag or (
            "If-None-Match" not in self.headers and self.headers.get("If-Modified-Since") == LAST_MODIFIED
        ):
            site.record(path, 304, 0)
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        site.record(path, 200, len(body))
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", LAST_MODIFIED)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return
