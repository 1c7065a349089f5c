"""A synthetic news site of any size, served over loopback HTTP, for the throughput benchmark.

Every page is generated on request from its number (deterministic, nothing held in
memory): a story assembled from templated sentences about organisations from the
gazetteer, wrapped in the chrome real news pages carry (navigation, share bar,
newsletter box, related stories, comments, scripts and styles), in one of several
layouts. About one story in four announces a partnership, so the classifier has
real work. The site lists its pages in ``feeds`` RSS feeds and answers each request
after ``latency_s``, like a remote server would. All text here is our own.
"""

from __future__ import annotations

import random
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from news_etl.fixture_site import serving
from news_etl.orgs import load_gazetteer

TOPICS = ["electronic health records", "remote patient monitoring", "clinical decision support",
          "imaging archives", "patient portals", "revenue cycle software", "virtual wards", "e-prescribing",
          "interoperability", "cyber security", "population health analytics", "speech recognition",
          "bed management", "pathology systems", "genomic data platforms"]
PLACES = ["Leeds", "Manchester", "Bristol", "Glasgow", "Cardiff", "Boston", "Chicago", "Denver", "Toronto",
          "Melbourne", "Dublin", "Utrecht", "Munich", "Lyon", "Seattle", "Atlanta"]
PEOPLE = ["Priya Raman", "Tom Becker", "Amara Okafor", "Lena Fischer", "Marcus Hill", "Sofia Marino",
          "Daniel Cho", "Grace Mensah", "Owen Price", "Hannah Weiss", "Ravi Kapoor", "Julia Novak"]
ROLES = ["chief information officer", "chief nursing officer", "director of digital services", "chief executive",
         "head of clinical informatics", "medical director"]

PARTNERSHIP = [
    "{a} has signed a multi-year agreement with {b} to deploy {topic} across its {n} sites.",
    "{a} and {b} announced a partnership on {weekday} to build shared {topic} for the region.",
    "Under the contract, {b} will supply and support {topic} for {a} from next spring.",
    "The collaboration between {a} and {b} starts with a pilot in {place} before a wider rollout.",
]
REPORTING = [
    "The programme in {place} has so far reached about {n} thousand patients, according to figures shared "
    "with staff last month.",
    "{person}, {role} at {a}, said the team had spent a year comparing options for {topic}.",
    "\u201cWe wanted something our clinicians would actually use on a busy ward,\u201d {person} said.",
    "Officials expect the first phase to finish within {n} months, although the timetable depends on "
    "training.",
    "Critics have questioned whether spending on {topic} should take priority over hiring more nurses.",
    "A review published earlier this year found that {topic} cut duplicate tests by roughly {n} per cent "
    "in comparable hospitals.",
    "The board discussed the budget for {topic} at its meeting in {place} and asked for quarterly updates.",
    "Staff in {place} will move to the new system in stages, starting with outpatient clinics.",
    "{person} added that data would stay within the organisation and that patients could opt out.",
    "Several neighbouring trusts are watching the project closely before making their own decisions on "
    "{topic}.",
    "The work follows an inspection that asked {a} to improve how quickly results reach doctors.",
    "Union representatives said they welcomed the plans but wanted more time set aside for training.",
]
LAYOUTS = ("article", "main", "div")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


@dataclass(slots=True)
class SyntheticSite:
    """The site's shape and what was asked of it."""

    base_url: str
    pages: int
    feeds: int
    day: datetime
    latency_s: float
    requests: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def feed_urls(self) -> list[str]:
        return [f"{self.base_url}/feed/{k}.xml" for k in range(self.feeds)]

    def write_catalogue(self, path: Path) -> Path:
        """A feeds file listing the site's feeds, in the catalogue's shape."""
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = ["feeds:"]
        for k, url in enumerate(self.feed_urls()):
            lines += [f"  - name: Synthetic health news {k}", "    publisher: Synthetic Health Media",
                      f"    homepage: {self.base_url}/", f"    url: {url}", "    country: GB",
                      "    language: en"]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def count(self) -> None:
        with self._lock:
            self.requests += 1


@contextmanager
def serve_synthetic_site(pages: int, feeds: int, day: datetime, latency_s: float = 0.005) -> Iterator[SyntheticSite]:
    """Serve the site from a background thread for the block's duration.

    It listens on port 80 of a random loopback address (127.x.y.z, not 127.0.0.1, so
    nobody else's server is in the way) when it may: trafilatura's URL checks refuse
    an IP address with a port, and its feed mode is one of the peers measured. Where
    port 80 cannot be bound, it falls back to a free port on 127.0.0.1.
    """
    _org_names()  # before serving: the first requests, arriving together, must not each load the gazetteer
    server = _bind_loopback()
    host, port = server.server_address[:2]
    site = SyntheticSite(f"http://{host}" + ("" if port == 80 else f":{port}"), pages, feeds, day, latency_s)
    server.site = site  # type: ignore[attr-defined]
    with serving(server, "synthetic-site"):
        yield site


def _bind_loopback() -> ThreadingHTTPServer:
    rng = random.Random()
    for _ in range(5):
        address = f"127.{rng.randint(1, 254)}.{rng.randint(1, 254)}.{rng.randint(1, 254)}"
        try:
            server = ThreadingHTTPServer((address, 80), _Handler)
            break
        except OSError:
            continue
    else:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.request_queue_size = 128
    return server


def render_page(number: int, base_url: str, day: datetime) -> str:
    """Article page ``number``: the same HTML for the same number on every run."""
    rng = random.Random(number)
    orgs = _org_names()
    a, b = rng.sample(orgs, 2)
    topic, place = rng.choice(TOPICS), rng.choice(PLACES)
    person, role = rng.choice(PEOPLE), rng.choice(ROLES)
    values = {"a": a, "b": b, "topic": topic, "place": place, "person": person, "role": role,
              "weekday": rng.choice(WEEKDAYS)}
    sentences = rng.sample(REPORTING, k=rng.randint(7, len(REPORTING)))
    if number % 4 == 0:
        sentences = rng.sample(PARTNERSHIP, k=2) + sentences
    paragraphs = []
    for start in range(0, len(sentences), 2):
        text = " ".join(s.format(**values, n=rng.randint(2, 40)) for s in sentences[start:start + 2])
        paragraphs.append(f"<p>{escape(text)}</p>")
    title = escape(f"{a} {rng.choice(['turns to', 'picks', 'expands work with', 'reviews'])} {topic} "
                   f"in {place} (story {number})")
    published = day - timedelta(minutes=number % 600)
    related = "".join(f'<li><a href="{base_url}/news/{(number * 7 + k) % 100_000}.html">'
                      f"{escape(rng.choice(orgs))} looks at {escape(rng.choice(TOPICS))}</a></li>"
                      for k in range(6))
    nav = "".join(f'<li><a href="{base_url}/section/{s}">{s.title()}</a></li>'
                  for s in ("news", "policy", "technology", "people", "events", "jobs", "podcasts"))
    wrapper = LAYOUTS[number % len(LAYOUTS)]
    body = "\n".join(paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | Synthetic Health Media</title>
<link rel="canonical" href="{base_url}/news/{number}.html">
<meta property="og:title" content="{title}">
<meta name="author" content="{escape(person)}">
<meta property="article:published_time" content="{published.isoformat()}">
<style>{_STYLE}</style>
<script>{_SCRIPT}</script>
</head><body>
<header><a href="{base_url}/">Synthetic Health Media</a><nav><ul>{nav}</ul></nav>
<form action="/search"><input name="q" placeholder="Search"></form></header>
<div class="share-bar"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a> <a href="#">Print</a></div>
<{wrapper} class="story">
<h1>{title}</h1>
<p class="byline">By {escape(person)} | {published:%d %B %Y %H:%M}</p>
{body}
</{wrapper}>
<aside class="newsletter"><h3>Get the daily briefing</h3><p>Sign up for our newsletter and get the latest
health technology news in your inbox every morning.</p>
<form><input type="email"><button>Subscribe</button></form></aside>
<aside class="related"><h3>Related stories</h3><ul>{related}</ul></aside>
<section id="comments"><h3>Comments</h3><p>Comments are closed for this story.</p></section>
<footer><p>Synthetic Health Media is a publication of Synthetic Media Group.</p>
<ul><li><a href="/about">About</a></li><li><a href="/privacy">Privacy</a></li>
<li><a href="/contact">Contact</a></li></ul>
</footer></body></html>"""


def render_feed(site: SyntheticSite, feed: int) -> str:
    """RSS of every page whose number falls to ``feed``, newest first."""
    items = []
    for number in range(feed, site.pages, site.feeds):
        published = site.day - timedelta(minutes=number % 600)
        items.append(f"<item><title>Story {number}</title><link>{site.base_url}/news/{number}.html</link>"
                     f"<guid>{site.base_url}/news/{number}.html</guid>"
                     f"<pubDate>{format_datetime(published)}</pubDate></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Synthetic health news {feed}</title><link>{site.base_url}/</link>"
            f"<description>Benchmark feed</description>{''.join(items)}</channel></rss>")


_NAMES: list[str] = []
_STYLE = " ".join(f".c{i}{{margin:{i}px;padding:{i % 5}px;color:#{i:03x}}}" for i in range(300))
_SCRIPT = "var cfg = {" + ",".join(f'"k{i}": {i}' for i in range(400)) + "};"


def _org_names() -> list[str]:
    """Provider and vendor names from the gazetteer (loaded once per process)."""
    if not _NAMES:
        gazetteer = load_gazetteer()
        _NAMES.extend(o.name for o in gazetteer.orgs if o.org_type in ("provider", "vendor"))
    return _NAMES


class _Handler(BaseHTTPRequestHandler):
    server_version = "synthetic-site/1"
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        """No Nagle delay, as production web servers set on keep-alive connections: the
        headers and the body go out in two writes, and Nagle would hold the body back until
        the client's delayed ACK of the headers (~40 ms per page on a reused connection)."""
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:
        site: SyntheticSite = self.server.site  # type: ignore[attr-defined]
        site.count()
        time.sleep(site.latency_s)
        path = self.path.split("?", 1)[0]
        body, content_type = None, "text/html; charset=utf-8"
        if path.startswith("/feed/") and path.endswith(".xml"):
            feed = _number(path[len("/feed/"):-len(".xml")])
            if feed is not None and feed < site.feeds:
                body, content_type = render_feed(site, feed), "application/rss+xml; charset=utf-8"
        elif path.startswith("/news/") and path.endswith(".html"):
            number = _number(path[len("/news/"):-len(".html")])
            if number is not None and number < site.pages:
                body = render_page(number, site.base_url, site.day)
        if body is None:
            self.send_error(404)
            return
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        return


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None


__all__ = ["SyntheticSite", "render_feed", "render_page", "serve_synthetic_site"]
