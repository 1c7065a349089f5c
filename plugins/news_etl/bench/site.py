"""A synthetic news site of any size, served over loopback HTTP, for the throughput benchmark.

Every page is generated on request from its number (deterministic, nothing held in
memory): a story assembled from templated sentences about organisations from the
gazetteer, wrapped in the chrome real news pages carry (navigation, share bar,
newsletter box, related stories, comments, scripts and styles), in one of several
layouts. About one story in four announces a partnership, so the classifier has
real work, and one page in twenty repeats the story of the page before it under its own
headline and chrome, as a second outlet's copy would, so story clustering has some.
The site lists its pages in ``feeds`` RSS feeds and answers each request after
``latency_s``, like a remote server would. All text here is our own.
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
          "bed management", "pathology systems", "genomic data platforms", "theatre scheduling",
          "medicines reconciliation", "sepsis alerts", "discharge planning", "care home referrals",
          "digital pathology", "virtual consultations", "staff rostering", "falls prevention sensors",
          "blood test ordering", "clinical coding", "allergy records", "antibiotic stewardship tools",
          "wound photography", "maternity records", "waiting list validation", "infection surveillance",
          "chatbots for appointment booking", "hospital at home", "device integration", "frailty scoring"]
PLACES = ["Leeds", "Manchester", "Bristol", "Glasgow", "Cardiff", "Boston", "Chicago", "Denver", "Toronto",
          "Melbourne", "Dublin", "Utrecht", "Munich", "Lyon", "Seattle", "Atlanta", "Norwich", "Exeter",
          "Belfast", "Inverness", "Swansea", "Hull", "Leicester", "Omaha", "Tucson", "Raleigh", "Calgary",
          "Halifax", "Adelaide", "Perth", "Auckland", "Cork", "Galway", "Aarhus", "Turku", "Porto"]
FIRST_NAMES = ["Priya", "Tom", "Amara", "Lena", "Marcus", "Sofia", "Daniel", "Grace", "Owen", "Hannah", "Ravi",
               "Julia", "Kwame", "Ines", "Callum", "Mei", "Tariq", "Rosa", "Anders", "Fiona", "Yusuf", "Clara"]
LAST_NAMES = ["Raman", "Becker", "Okafor", "Fischer", "Hill", "Marino", "Cho", "Mensah", "Price", "Weiss",
              "Kapoor", "Novak", "Doyle", "Lindqvist", "Haddad", "Moreno", "Oduya", "Brennan", "Sato", "Varga"]
ROLES = ["chief information officer", "chief nursing officer", "director of digital services", "chief executive",
         "head of clinical informatics", "medical director", "chief clinical information officer",
         "director of operations", "deputy chief executive", "head of pharmacy"]
UNITS = ["outpatient clinics", "emergency departments", "maternity units", "community teams", "intensive care",
         "children's wards", "mental health services", "day surgery units", "radiology departments",
         "stroke units", "cancer centres", "GP practices", "district nursing teams", "renal units"]
GROUPS = ["nurses", "pharmacists", "junior doctors", "radiographers", "midwives", "porters", "ward clerks",
          "physiotherapists", "consultants", "paramedics", "care coordinators", "health visitors"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
PACES = ["steadily", "slowly", "quickly", "unevenly", "cautiously", "faster than planned", "behind schedule"]

# Every few words a slot takes one of many values, so two stories share few five-word runs,
# as two real stories do (stories.py would otherwise read the whole site as one story).
PARTNERSHIP = [
    "{a} has signed a {n}-year agreement with {b} to deploy {topic} across its {unit} in {place}.",
    "{a} and {b} announced a partnership on {weekday} to build shared {topic} for {place} and beyond.",
    "Under the contract, {b} will supply and support {topic} for {a} from {month}.",
    "The collaboration between {a} and {b} starts with {unit} in {place} before a wider rollout in {month}.",
]
REPORTING = [
    "The work in {place} has reached about {n} thousand patients since {month}, {person} told {groups}.",
    "{person}, {role} at {a}, said {groups} in {unit} spent {n} months comparing {topic}.",
    "\u201cOur {groups} in {unit} asked for {topic} they would use,\u201d said {person}, who joined in {month}.",
    "Officials in {place} expect phase {n} to finish by {month}, though {unit} will move {pace}.",
    "Critics in {place} asked whether {topic} should come before hiring {n} more {groups}.",
    "A {month} review of {n} hospitals near {place} found that {topic} cut repeat tests in {unit}.",
    "The {place} board discussed {topic} in {month} and wants the {role} to report every {n} weeks.",
    "{groups} in {place} will adopt it {pace}; {unit} go first in {month}.",
    "{person} added that {a} keeps data from {unit} in {place}; {groups} explain opt-outs from {month}.",
    "{n} neighbouring organisations around {place} are watching {topic} at {a} before {month}.",
    "An inspection in {month} asked {a} to speed up how {unit} in {place} receive results.",
    "Representatives of {groups} in {place} welcomed {topic} but want {n} training days before {month}.",
    "Spending on {topic} in {place} rose by {n} per cent, while {unit} reported {pace} progress.",
    "{person} said {n} {groups} from {unit} in {place} had tried {topic} since {month}.",
    "Patients in {place} can use {topic} at {n} sites, with {unit} following {pace} after {month}.",
    "The {topic} project at {a} has {n} staff and, {person} said, a {role} in {place} leads it.",
]
# One page in this many carries the story of the page before it, as a second outlet's copy would.
COPY_EVERY = 20
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
    story = number - 1 if number % COPY_EVERY == COPY_EVERY - 1 else number
    rng = random.Random(story)
    a, b = rng.sample(_org_names(), 2)
    topic = rng.choice(TOPICS)
    values = {"a": a, "b": b, "topic": topic, "weekday": rng.choice(WEEKDAYS)}
    sentences = rng.sample(REPORTING, k=rng.randint(8, len(REPORTING) - 2))
    if story % 4 == 0:
        sentences = rng.sample(PARTNERSHIP, k=2) + sentences
    paragraphs = []
    for start in range(0, len(sentences), 2):
        text = " ".join(_fill(s, values, rng) for s in sentences[start:start + 2])
        paragraphs.append(f"<p>{escape(text)}</p>")
    person = _person(random.Random(story))
    rng = random.Random(number)  # the page's own chrome and headline, a copy's too
    title = escape(f"{a} {rng.choice(['turns to', 'picks', 'expands work with', 'reviews'])} {topic} "
                   f"in {rng.choice(PLACES)} (story {number})")
    published = day - timedelta(minutes=number % 600)
    related = "".join(f'<li><a href="{base_url}/news/{(number * 7 + k) % 100_000}.html">'
                      f"{escape(rng.choice(_org_names()))} looks at {escape(rng.choice(TOPICS))}</a></li>"
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


def _fill(template: str, values: dict[str, str], rng: random.Random) -> str:
    """A sentence with the story's organisations and topic and fresh draws for every other slot."""
    # The story's own topic in some sentences, others on related work, so that stories
    # on one topic do not read as copies of each other.
    topic = values["topic"] if rng.random() < 0.3 else rng.choice(TOPICS)
    sentence = template.format(**values | {"topic": topic}, place=rng.choice(PLACES), person=_person(rng),
                               role=rng.choice(ROLES), unit=rng.choice(UNITS), groups=rng.choice(GROUPS),
                               month=rng.choice(MONTHS), pace=rng.choice(PACES), n=rng.randint(2, 90))
    return sentence[0].upper() + sentence[1:]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


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
