"""The feed catalogue and feed parsing.

``load_catalogue`` reads the ``feeds:`` list users maintain (``NEWS_ETL_FEEDS``);
``parse_feed`` turns fetched feed bytes (RSS, Atom, RDF, or JSON Feed) into typed
entries. Neither touches the network or the warehouse.
"""

from __future__ import annotations

import calendar
import codecs
import itertools
import json
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import feedparser
import yaml
from feedparser.encodings import convert_to_utf8

from news_etl.markup import plain_text
from news_etl.urls import normalize_url

LOGGER = logging.getLogger(__name__)
REQUIRED_KEYS = ("name", "publisher", "homepage", "url", "country")
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_:]")
_COMMENT_OR_PI = re.compile(rb"<!--.*?-->|<\?.*?\?>", re.DOTALL)
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ITEM_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s/>]")
_ITEM_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>")
_JSON_FEED_VERSION = "https://jsonfeed.org/version/"
_UTF16_UNMARKED = ((re.compile(rb"(?:[\t\n\r ]\x00)*<\x00[^\x00]\x00"), "utf-16-le"),
                   (re.compile(rb"(?:\x00[\t\n\r ])*\x00<\x00[^\x00]"), "utf-16-be"))
MAX_ITEMS = 1000


class CatalogueError(ValueError):
    """The feeds file cannot be used; the message says which entry and why."""


class FeedParseError(ValueError):
    """The feed bytes are not a feed feedparser can read at all."""


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One catalogue entry (a feed of a publisher)."""

    name: str
    publisher: str
    homepage: str
    url: str
    country: str
    language: str | None = None
    user_agent: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    min_poll_interval_h: float = 0.0


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a parsed feed, with its link normalised."""

    guid: str
    url: str
    title: str | None
    author: str | None
    published_at: datetime | None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """What a feed said: its entries, and feedparser's complaint if it was malformed."""

    entries: tuple[FeedEntry, ...]
    bozo: str | None
    skipped: int


def load_catalogue(path: Path) -> list[FeedSpec]:
    """Read and check the feeds file; every problem is reported with the entry's position.

    Duplicate feed URLs are rejected: the URL is the feed's natural key.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogueError(f"feeds file not found: {path}") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CatalogueError(f"feeds file {path} is not readable YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("feeds"), list):
        raise CatalogueError(f"feeds file {path} must have a top-level 'feeds:' list")
    specs: list[FeedSpec] = []
    seen: set[str] = set()
    for position, item in enumerate(data["feeds"], start=1):
        if not isinstance(item, dict):
            raise CatalogueError(f"{path}: feed #{position} is not a mapping")
        missing = [k for k in REQUIRED_KEYS if not str(item.get(k) or "").strip()]
        if missing:
            raise CatalogueError(f"{path}: feed #{position} lacks {', '.join(missing)}")
        try:
            url = normalize_url(str(item["url"]))
        except ValueError as exc:
            raise CatalogueError(f"{path}: feed #{position} ({item['name']}): {exc}") from None
        if url in seen:
            raise CatalogueError(f"{path}: feed #{position} repeats the URL {url}")
        seen.add(url)
        country = str(item["country"]).strip().upper()
        if len(country) != 2 or not country.isalpha():
            raise CatalogueError(f"{path}: feed #{position} country {country!r} is not an ISO code")
        specs.append(
            FeedSpec(
                name=str(item["name"]).strip(),
                publisher=str(item["publisher"]).strip(),
                homepage=str(item["homepage"]).strip(),
                url=url,
                country=country,
                language=(str(item["language"]).strip() or None) if item.get("language") else None,
                **_site_settings(path, position, item),
            )
        )
    if not specs:
        raise CatalogueError(f"feeds file {path} lists no feeds")
    return specs


def _site_settings(path: Path, position: int, item: dict[str, Any]) -> dict[str, Any]:
    """The optional per-source keys: ``user_agent``, ``headers``, ``min_poll_interval_hours``."""
    headers = item.get("headers") or {}
    if not isinstance(headers, dict) or not all(isinstance(v, str | int) for v in headers.values()):
        raise CatalogueError(f"{path}: feed #{position} headers must be a mapping of strings")
    interval = item.get("min_poll_interval_hours", 0)
    if not isinstance(interval, int | float) or isinstance(interval, bool) or not 0 <= interval <= 24 * 30:
        raise CatalogueError(f"{path}: feed #{position} min_poll_interval_hours must be 0..720")
    agent = item.get("user_agent")
    return {
        "user_agent": str(agent).strip() if agent else None,
        "headers": tuple(sorted((str(k), str(v)) for k, v in headers.items())),
        "min_poll_interval_h": float(interval),
    }


def parse_feed(body: bytes, base_url: str, content_type: str | None = None,
               max_items: int = MAX_ITEMS) -> ParsedFeed:
    """Parse RSS/Atom bytes into entries with absolute, normalised links.

    A feed feedparser can still read despite errors is used, with the reason kept in
    ``bozo``; bytes that yield no feed at all raise ``FeedParseError``, and so does a
    feed that declares XML entities (see ``_refuse_entity_declarations``). Entries
    without a usable http(s) link are skipped and counted. Titles and authors are
    plain text (``markup.plain_text``); descriptions and content are not kept, so feedparser
    neither sanitises nor rewrites them (a 3 MB feed of full-text items takes a fraction of a
    second, not several seconds). Only the first ``max_items`` items are read
    (a feed of 100,000 items costs seconds and bounded memory, not minutes), and the
    reason is kept in ``bozo``. Bytes that open with ``{`` are read as a JSON Feed
    (``_parse_json_feed``; feedparser 6 reads only XML), whatever the Content-Type says.
    """
    if body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":
        return _parse_json_feed(body, base_url, max_items)
    # A missing Content-Type is not a malformed feed; let feedparser sniff the bytes as XML.
    headers = {"content-location": base_url, "content-type": content_type or "application/xml"}
    if (utf8 := _utf16_as_utf8(body)) is not None:
        body, headers["content-type"] = utf8, "application/xml; charset=utf-8"
    try:
        as_utf8 = convert_to_utf8(dict(headers), body, {})  # the bytes as feedparser's parsers will see them
        _refuse_entity_declarations(as_utf8, body)
        cut = _first_items(as_utf8, max_items)
        if cut is not None:
            body, headers = cut[0], {**headers, "content-type": "application/xml; charset=utf-8"}
        # No HTML sanitising or link rewriting inside content: we keep no content, and both cost
        # seconds per megabyte of descriptions (titles and authors are made plain text anyway).
        parsed = feedparser.parse(body, response_headers=headers, sanitize_html=False, resolve_relative_uris=False)
    except FeedParseError:
        raise
    except Exception as exc:  # noqa: BLE001 - hostile bytes crash feedparser (e.g. &#xD800;): a bad feed, not a bug
        raise FeedParseError(f"feedparser failed on these bytes: {type(exc).__name__}: {exc}"[:1000]) from None
    bozo = _bozo_reason(parsed)
    if cut is not None:
        bozo = f"the feed lists {cut[1]} items; only the first {max_items} were read" + (f"; {bozo}" if bozo else "")
    if not parsed.get("version") and not parsed.entries:
        raise FeedParseError(bozo or "not an RSS or Atom feed")
    entries: list[FeedEntry] = []
    skipped = 0
    for raw in parsed.entries:
        entry = _entry(raw)
        if entry is None:
            skipped += 1
        else:
            entries.append(entry)
    return ParsedFeed(entries=tuple(entries), bozo=bozo, skipped=skipped)


def _entry(raw: Any) -> FeedEntry | None:
    link = raw.get("link") or ""
    try:
        url = normalize_url(link)
    except ValueError:
        return None
    return FeedEntry(
        guid=plain_text(raw.get("id"), 2000) or url,
        url=url,
        title=plain_text(raw.get("title")),
        author=plain_text(raw.get("author"), 500),
        published_at=_struct_time(raw.get("published_parsed") or raw.get("updated_parsed")),
    )


def _parse_json_feed(body: bytes, base_url: str, max_items: int) -> ParsedFeed:
    """Entries of a JSON Feed (jsonfeed.org versions 1 and 1.1), by the same rules as XML feeds.

    Links are resolved against the feed's URL and normalised; ``url`` is preferred to
    ``external_url``; an item's ``authors`` (1.1) or ``author`` (1), else the feed's, name
    the author; ``date_published`` (else ``date_modified``) is the date. JSON
    that does not parse, or that is not a JSON Feed, raises ``FeedParseError``.

    A JSON Feed is an object with a ``version`` string and an ``items`` list. A version
    other than the spec's ``https://jsonfeed.org/version/...`` URL (``http://`` or a bare
    ``1.1``, which publishers and other parsers' tests use) is malformed but readable, like
    a bozo XML feed: the feed is used and the reason kept in ``bozo``.
    """
    try:
        document = json.loads(body.decode("utf-8-sig"))  # JSON Feed is UTF-8 (RFC 8259)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise FeedParseError(f"not a JSON Feed: {type(exc).__name__}: {exc}"[:1000]) from None
    if (not isinstance(document, dict) or not isinstance(document.get("version"), str)
            or not isinstance(document.get("items"), list)):
        raise FeedParseError("JSON that is not a JSON Feed (no 'version' string and 'items' list)")
    items: list[Any] = document["items"]
    reasons = []
    if not document["version"].startswith(_JSON_FEED_VERSION):
        reasons.append(f"version {document['version'][:100]!r} is not a {_JSON_FEED_VERSION}... URL")
    if len(items) > max_items:
        reasons.append(f"the feed lists {len(items)} items; only the first {max_items} were read")
        items = items[:max_items]
    bozo = "; ".join(reasons) or None
    feed_author = _json_authors(document)
    entries = [entry for item in items if (entry := _json_entry(item, base_url, feed_author)) is not None]
    return ParsedFeed(entries=tuple(entries), bozo=bozo, skipped=len(items) - len(entries))


def _json_entry(item: Any, base_url: str, feed_author: str | None) -> FeedEntry | None:
    if not isinstance(item, dict):
        return None
    link = next((v for v in (item.get("url"), item.get("external_url")) if isinstance(v, str) and v.strip()), None)
    try:
        url = normalize_url(urljoin(base_url, link.strip())) if link else None
    except ValueError:
        url = None
    if url is None:
        return None
    guid = item.get("id")
    published = item.get("date_published") or item.get("date_modified")
    return FeedEntry(
        guid=plain_text(guid, 2000) if isinstance(guid, str | int) and not isinstance(guid, bool) else url,
        url=url,
        title=plain_text(item.get("title")) if isinstance(item.get("title"), str) else None,
        author=_json_authors(item) or feed_author,
        published_at=_json_date(published) if isinstance(published, str) else None,
    )


def _json_authors(holder: dict[str, Any]) -> str | None:
    """The names of ``authors`` (JSON Feed 1.1) or ``author`` (1), joined by ", "."""
    people = holder.get("authors")
    if not isinstance(people, list):
        people = [holder.get("author")]
    names = [person["name"] for person in people if isinstance(person, dict) and isinstance(person.get("name"), str)]
    return plain_text(", ".join(names), 500)


def _json_date(value: str) -> datetime | None:
    """An RFC 3339 date as the spec asks, or the RFC 822 date that real JSON feeds also carry.

    None when neither reads, and when the moment in UTC falls outside ``datetime``'s years
    1..9999 (``0001-01-01T00:00:00+01:00`` parses, but converting it overflows).
    """
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    try:
        return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    except OverflowError:
        return None


def _utf16_as_utf8(body: bytes) -> bytes | None:
    """The text of a UTF-16 feed in UTF-8; None when ``body`` is not UTF-16 (or does not decode).

    A byte-order mark decides the encoding, whatever the Content-Type's charset says (RFC 7303
    3.3), but feedparser lets the charset, or the us-ascii that ``text/xml`` implies, win: a
    UTF-16 feed served as ``charset=utf-8`` or ``text/xml`` read as nothing. Feeds also come
    without the mark (an encoder or a server that drops it); a document that opens with
    ``<`` and a name, with NUL in every other byte, is UTF-16 and says which byte order.
    """
    if body[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) and body[2:4] != b"\x00\x00":  # not UTF-32
        encoding = "utf-16"
    else:
        encoding = next((name for opening, name in _UTF16_UNMARKED if opening.match(body)), None)
    if encoding is None:
        return None
    try:
        return body.decode(encoding).encode("utf-8")
    except UnicodeDecodeError:
        return None


def _refuse_entity_declarations(as_utf8: bytes, body: bytes) -> None:
    """Raise ``FeedParseError`` when the feed's prolog declares XML entities.

    No honest feed needs its own entities, and they are the vehicle of two attacks:
    expansion bombs (a short feed that grows to gigabytes; feedparser's fallback
    parser expands "safe" entities itself, beyond expat's own limits) and external
    entities (``SYSTEM "file:///etc/passwd"`` or an internal URL). The prolog is
    checked as feedparser will read it (``as_utf8``: after its own charset conversion, so
    UTF-16, UTF-7 or EBCDIC cannot hide a declaration) and also as raw bytes without NULs.
    """
    for text in (as_utf8, body.replace(b"\x00", b"")):
        text = _COMMENT_OR_PI.sub(b"", text)  # a comment must not end the prolog early
        first = _FIRST_ELEMENT.search(text)
        if _ENTITY_DECLARATION.search(text, 0, first.start() if first else len(text)):
            raise FeedParseError("refused: the feed declares XML entities (<!ENTITY>), "
                                 "a vehicle of entity-expansion and external-entity attacks")


def _first_items(xml: bytes, max_items: int) -> tuple[bytes, int] | None:
    """``xml`` without the items after the first ``max_items`` (the document's closing tags
    kept, so it stays well-formed) and the number of items it listed; None when it lists
    no more than ``max_items``."""
    starts = _ITEM_START.finditer(xml)
    first_dropped = next(itertools.islice(starts, max_items, None), None)
    if first_dropped is None:
        return None
    total = max_items + 1 + sum(1 for _ in starts)
    last_end = max((m.end() for m in _ITEM_END.finditer(xml, first_dropped.start())), default=len(xml))
    tail = xml[last_end:]
    return xml[:first_dropped.start()] + tail, total


def _struct_time(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, TypeError):
        return None


def _bozo_reason(parsed: Any) -> str | None:
    if not parsed.get("bozo"):
        return None
    exc = parsed.get("bozo_exception")
    return f"{type(exc).__name__}: {exc}"[:1000] if exc else "malformed feed"
