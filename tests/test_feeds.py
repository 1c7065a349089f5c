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


JSON_FEED = b"""\xef\xbb\xbf{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "A site", "authors": [{"name": "Site Desk"}],
  "items": [
    {"id": "a1", "url": "/news/one?utm_medium=json", "title": "One <b>bold</b>",
     "authors": [{"name": "Ann Lee"}, {"name": "Raj Patel"}], "date_published": "2026-03-02T09:30:00+01:00"},
    {"id": 42, "external_url": "https://other.example/two", "date_modified": "Mon, 02 Mar 2026 10:00:00 GMT"},
    {"id": "no-link", "title": "Nothing to fetch"},
    "not an item",
    {"id": "bad", "url": "javascript:alert(1)"}
  ]
}"""


def test_json_feed_items_become_entries_by_the_same_rules():
    parsed = parse_feed(JSON_FEED, "https://site.example/feed.json", "application/feed+json")
    assert parsed.bozo is None and parsed.skipped == 3
    one, two = parsed.entries
    assert (one.guid, one.url, one.title) == ("a1", "https://site.example/news/one", "One bold")
    assert one.author == "Ann Lee, Raj Patel"
    assert one.published_at.isoformat() == "2026-03-02T08:30:00+00:00"
    assert (two.guid, two.url, two.author) == ("42", "https://other.example/two", "Site Desk")
    assert two.published_at.isoformat() == "2026-03-02T10:00:00+00:00"


def test_json_feed_is_capped_like_xml_feeds():
    items = ",".join(f'{{"id": "{i}", "url": "https://site.example/{i}"}}' for i in range(5))
    body = f'{{"version": "https://jsonfeed.org/version/1", "items": [{items}]}}'.encode()
    parsed = parse_feed(body, "https://site.example/feed.json", max_items=3)
    assert [e.guid for e in parsed.entries] == ["0", "1", "2"]
    assert parsed.bozo == "the feed lists 5 items; only the first 3 were read"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"version": "https://jsonfeed.org/version/1", "items": [', "not a JSON Feed: JSONDecodeError"),
        (b'{"items": []}', "not a JSON Feed"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": {}}', "not a JSON Feed"),
        (b"{" * 100_000, "not a JSON Feed"),
        (b'{"version": "https://jsonfeed.org/version/1", "items": [], "t": "\xff"}', "UnicodeDecodeError"),
    ],
)
def test_json_that_is_not_a_json_feed_is_a_clear_error(body, message):
    with pytest.raises(FeedParseError, match=message):
        parse_feed(body, "https://site.example/feed.json", "application/json")


def test_json_feed_dates_beyond_datetime_range_in_utc_are_dropped_not_a_crash():
    """A valid RFC 3339 date whose UTC moment is before year 1
    or after 9999 made ``astimezone`` raise OverflowError out of ``parse_feed``."""
    items = ",".join(f'{{"url": "https://site.example/{i}", "date_published": "{date}"}}' for i, date in enumerate(
        ["0001-01-01T00:00:00+01:00", "9999-12-31T23:00:00-05:00", "2026-03-02T09:30:00Z"]))
    body = f'{{"version": "https://jsonfeed.org/version/1.1", "items": [{items}]}}'.encode()
    parsed = parse_feed(body, "https://site.example/feed.json")
    assert [e.published_at and e.published_at.isoformat() for e in parsed.entries] == [
        None, None, "2026-03-02T09:30:00+00:00"]


DOUBLE_ESCAPED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/DTDs/Podcast-1.0.dtd"><channel><title>T</title>
<item><title>AT&amp;amp;T&amp;#8217;s &amp;quot;deal&amp;quot; &amp;lt;b&amp;gt;now&amp;lt;/b&amp;gt;</title>
<link>https://site.example/1</link><itunes:author>Lee &amp;amp; Patel</itunes:author></item>
<item><title>Q&amp;A: R&amp;D &amp;copy 2026; a &lt; b</title><link>https://site.example/2</link></item>
</channel></rss>"""


def test_titles_and_authors_escaped_twice_are_decoded_to_text():
    """Found by the feed-corpus run: a title or author escaped twice but without tags kept its
    references ("AT&amp;T", "&#8217;"), because only text with tags was decoded."""
    one, two = parse_feed(DOUBLE_ESCAPED, "https://site.example/feed.xml").entries
    assert one.title == "AT&T\u2019s \"deal\" now" and one.author == "Lee & Patel"
    assert two.title == "Q&A: R&D &copy 2026; a < b"  # no references here: the text stays as it is


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])  # with a byte-order mark, and without
@pytest.mark.parametrize("content_type", [None, "text/xml", "application/rss+xml; charset=utf-8"])
def test_utf16_feed_is_read_by_its_byte_order_whatever_the_charset_says(encoding, content_type):
    """Found by the feed-corpus run (SimplePie keeps such feeds): UTF-16 without its byte-order
    mark, and UTF-16 with one served as text/xml or charset=utf-8, raised FeedParseError. ASCII
    text is the telling case: it also "decodes" as UTF-8, full of NULs."""
    text = ('\n<rss version="2.0"><channel><title>T</title><item><title>Clinic deal</title>'
            "<link>/news/1</link></item></channel></rss>\n")
    parsed = parse_feed(text.encode(encoding), "https://site.example/feed.xml", content_type)
    assert [(e.title, e.url) for e in parsed.entries] == [("Clinic deal", "https://site.example/news/1")]


@pytest.mark.parametrize("version", ["http://jsonfeed.org/version/1", "1.1"])
def test_json_feed_with_a_version_that_is_not_the_spec_url_is_read_with_the_reason(version):
    """Found by the feed-corpus run: gofeed's JSON Feed tests say version "1.0"/"1.1", and other
    parsers' tests accept "http://jsonfeed.org/version/1"; we refused the whole feed."""
    body = f'{{"version": "{version}", "items": [{{"id": "a", "url": "/news/a", "title": "A"}}]}}'.encode()
    parsed = parse_feed(body, "https://site.example/feed.json")
    assert [(e.guid, e.url) for e in parsed.entries] == [("a", "https://site.example/news/a")]
    assert parsed.bozo == f"version {version!r} is not a https://jsonfeed.org/version/... URL"
