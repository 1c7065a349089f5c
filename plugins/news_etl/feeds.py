"""The feed catalogue and feed parsing.

``load_catalogue`` reads the ``feeds:`` list users maintain (``NEWS_ETL_FEEDS``);
``parse_feed`` turns fetched feed bytes into typed entries. Neither touches the
network or the warehouse.
"""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser
import yaml

from news_etl.urls import normalize_url

LOGGER = logging.getLogger(__name__)
REQUIRED_KEYS = ("name", "publisher", "homepage", "url", "country")


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


def parse_feed(body: bytes, base_url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse RSS/Atom bytes into entries with absolute, normalised links.

    A feed feedparser can still read despite errors is used, with the reason kept in
    ``bozo``; bytes that yield no feed at all raise ``FeedParseError``. Entries
    without a usable http(s) link are skipped and counted.
    """
    # A missing Content-Type is not a malformed feed; let feedparser sniff the bytes as XML.
    headers = {"content-location": base_url, "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True, resolve_relative_uris=True)
    bozo = _bozo_reason(parsed)
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
    guid = str(raw.get("id") or url).strip()[:2000]
    return FeedEntry(
        guid=guid,
        url=url,
        title=_clean(raw.get("title")),
        author=_clean(raw.get("author")),
        published_at=_struct_time(raw.get("published_parsed") or raw.get("updated_parsed")),
    )


def _clean(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


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
