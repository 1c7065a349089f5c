"""The feed catalogue and feed parsing."""

from __future__ import annotations

from pathlib import Path

import pytest
from news_etl.feeds import CatalogueError, FeedParseError, load_catalogue, parse_feed

ROOT = Path(__file__).resolve().parents[1]


def test_real_catalogue_is_valid_and_large_enough():
    feeds = load_catalogue(ROOT / "seeds" / "feeds.yaml")
    assert len(feeds) >= 10
    assert all(f.url.startswith("https://") and len(f.country) == 2 for f in feeds)
    names = {f.name for f in feeds}
    assert {"Healthcare IT News", "Digital Health", "MobiHealthNews"} <= names


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("feeds: nope", "top-level 'feeds:' list"),
        ("feeds:\n  - name: A\n    url: https://a.example/feed\n", "lacks publisher, homepage, country"),
        ("feeds: [\n", "not readable YAML"),
        ("feeds:\n  - {name: A, publisher: P, homepage: h, url: 'javascript:x', country: GB}\n", "not an absolute"),
        ("feeds:\n  - {name: A, publisher: P, homepage: h, url: 'https://a.example/f', country: GBR}\n", "ISO"),
        ("feeds:\n  - {name: A, publisher: P, homepage: h, url: 'https://a.example/f', country: GB}\n"
         "  - {name: B, publisher: P, homepage: h, url: 'https://A.example/f#x', country: GB}\n", "repeats"),
    ],
)
def test_catalogue_errors_name_the_problem(tmp_path, content, message):
    path = tmp_path / "feeds.yaml"
    path.write_text(content)
    with pytest.raises(CatalogueError, match=message):
        load_catalogue(path)


def test_missing_catalogue_is_a_clear_error(tmp_path):
    with pytest.raises(CatalogueError, match="not found"):
        load_catalogue(tmp_path / "absent.yaml")


RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>T</title>
<item><title>One</title><link>/news/one?utm_source=rss</link><guid>g1</guid>
<pubDate>Tue, 15 Oct 2024 14:21:00 -0400</pubDate></item>
<item><title>No link</title></item>
<item><title>Two</title><link>https://other.example/two#c</link></item>
</channel></rss>"""


def test_parse_feed_resolves_normalises_and_skips_linkless_items():
    parsed = parse_feed(RSS, "https://site.example/feed.xml")
    assert parsed.bozo is None and parsed.skipped == 1
    one, two = parsed.entries
    assert one.url == "https://site.example/news/one" and one.guid.endswith("g1")
    assert one.published_at.isoformat() == "2024-10-15T18:21:00+00:00"
    assert two.url == "https://other.example/two" and two.guid == "https://other.example/two"


def test_malformed_but_readable_feed_is_used_with_reason():
    broken = RSS.replace(b"<title>One</title>", b"<title>One & <b>bold</title>")
    parsed = parse_feed(broken, "https://site.example/feed.xml")
    assert parsed.bozo
    assert len(parsed.entries) >= 1


def test_non_feed_raises():
    with pytest.raises(FeedParseError):
        parse_feed(b"\x00\x01 not xml at all", "https://site.example/feed.xml")
