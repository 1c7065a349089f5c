"""Property-based tests (hypothesis): URL normalisation, organisation-name normalisation, the
partnership/participant invariants, and a bounded fuzz run of the feed-and-page path on junk.

Runs are derandomised (the same examples on every machine, so CI never flakes) and bounded by
a fixed example count and a per-example deadline.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from urllib.parse import parse_qsl, urlsplit

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from news_etl.classify import classify_article
from news_etl.extract import extract_page
from news_etl.feeds import FeedParseError, parse_feed
from news_etl.orgs import load_gazetteer, org_key
from news_etl.pipeline import Batch, _findings_json, _partnership_rows
from news_etl.urls import TRACKING_PARAMS, normalize_url
from news_etl.warehouse import PARTNERSHIP_TYPES, ROLES

BOUNDED = settings(max_examples=150, deadline=timedelta(seconds=5), derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.too_slow])

# -- URLs ----------------------------------------------------------------------------------
label = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=12)
host = st.lists(label, min_size=1, max_size=4).map(".".join).filter(lambda h: not h.replace(".", "").isdigit())
segment = st.text("abcXYZ019-._~%20", max_size=10)
param = st.tuples(st.sampled_from(["id", "page", "q", "utm_source", "utm_Campaign", "fbclid", "gclid", "ref", "x"]),
                  st.text("abc123%+", max_size=6))


@st.composite
def http_urls(draw) -> str:
    scheme = draw(st.sampled_from(["http", "https", "HTTP", "Https"]))
    port = draw(st.sampled_from(["", ":80", ":443", ":8080"]))
    path = "/".join(draw(st.lists(segment, max_size=4)))
    query = "&".join(f"{k}={v}" for k, v in draw(st.lists(param, max_size=5)))
    fragment = draw(st.sampled_from(["", "#top", "#"]))
    return f"{scheme}://{draw(host)}{port}/{path}" + (f"?{query}" if query else "") + fragment


@BOUNDED
@given(http_urls())
def test_url_normalisation_is_idempotent_and_canonical(url):
    once = normalize_url(url)
    assert normalize_url(once) == once
    parts = urlsplit(once)
    assert parts.scheme in ("http", "https") and parts.netloc == parts.netloc.lower()
    assert not parts.fragment and parts.path.startswith("/")
    assert (parts.scheme, parts.port) not in (("http", 80), ("https", 443))
    keys = [k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)]
    assert not [k for k in keys if k.startswith("utm_") or k in TRACKING_PARAMS]


@BOUNDED
@given(http_urls(), st.sampled_from(["utm_medium=x", "fbclid=1", "gclid=2"]))
def test_tracking_parameters_never_split_one_page_into_two(url, tracker):
    joiner = "&" if "?" in url.split("#")[0] else "?"
    base, _, fragment = url.partition("#")
    assert normalize_url(f"{base}{joiner}{tracker}" + (f"#{fragment}" if fragment else "")) == normalize_url(url)


@BOUNDED
@given(st.text(max_size=60))
def test_anything_but_an_http_url_is_refused_cleanly(value):
    try:
        result = normalize_url(value)
    except ValueError:
        return
    assert result.startswith(("http://", "https://"))


# -- organisation names --------------------------------------------------------------------
words = st.lists(st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9).filter(
    lambda w: w not in {"the", "inc", "co", "ltd", "llc", "plc", "ag", "sa", "nv", "bv", "corp", "and", "s"}),
    min_size=1, max_size=4)


@BOUNDED
@given(words, st.sampled_from(["", " Inc.", " Ltd", ", LLC", " plc", " Corporation"]),
       st.sampled_from(["", "The "]), st.booleans())
def test_name_variants_of_one_organisation_share_one_key(parts, suffix, article, shout):
    name = " ".join(p.capitalize() for p in parts)
    variant = f"{article}{name.upper() if shout else name}{suffix}"
    assert org_key(variant) == org_key(name) == " ".join(parts)


@BOUNDED
@given(st.text(max_size=80))
def test_org_keys_are_tidy_for_any_text(name):
    key = org_key(name)
    assert key == key.strip() and "  " not in key
    assert all(c.isalnum() or c in " _" for c in key)


# -- partnership / participant invariants ----------------------------------------------------
KNOWN = [org.name for org in load_gazetteer().orgs][:40]
CUES = ["signed an agreement with", "partners with", "teams up with", "and", "will deploy software from",
        "announced a collaboration with", "acquired", "said", "joins the network of"]


@st.composite
def stories(draw) -> tuple[str, str]:
    sentences = []
    for _ in range(draw(st.integers(1, 5))):
        a, b = draw(st.sampled_from(KNOWN)), draw(st.sampled_from(KNOWN))
        sentences.append(f"{a} {draw(st.sampled_from(CUES))} {b} to improve care for patients in the region.")
    return sentences[0].rstrip("."), " ".join(sentences)


@BOUNDED
@given(stories())
def test_partnership_and_participant_invariants(story):
    title, body = story
    verdict = classify_article(title, body)
    assert verdict.is_partnership == bool(verdict.partnerships)
    for p in verdict.partnerships:
        assert p.partnership_type in PARTNERSHIP_TYPES and 0 <= p.confidence <= 1 and p.evidence
        keys = [x.key for x in p.participants]
        assert len(keys) >= 2 and len(set(keys)) == len(keys)  # two or more distinct parties
        assert all(x.role in ROLES for x in p.participants)
    # What the load stage makes of it: every participant is an organisation, keyed once per partnership.
    orgs, aliases, partnerships, participants = _partnership_rows(
        Batch.for_day(date(2026, 11, 23), "prop"), [("a1", _findings_json(verdict))])
    assert len({p["partnership_id"] for p in partnerships}) == len(partnerships)
    assert len({(x["partnership_id"], x["org_id"]) for x in participants}) == len(participants)
    assert {x["org_id"] for x in participants} <= set(orgs)
    assert {a["org_id"] for a in aliases} <= set(orgs) and all(len(a["alias"]) <= 300 for a in aliases)
    assert json.loads(_findings_json(verdict))["partnerships"] == [] or participants


# -- bounded fuzz of the feed-and-page path --------------------------------------------------
XMLISH = st.lists(st.one_of(
    st.sampled_from(['<?xml version="1.0"?>', "<rss>", "</rss>", '<rss version="2.0">', "<channel>", "</channel>",
                     "<item>", "</item>", "<title>", "</title>", "<link>", "</link>", "http://127.0.0.1/a",
                     "<![CDATA[", "]]>", "&amp;", "&", "&#0;", "&#xD800;", "<!DOCTYPE rss>", "<feed xmlns=\""
                     "http://www.w3.org/2005/Atom\">", "<entry>", '<link href="/x"/>', "<script>", "\x00", "\ufeff"]),
    st.text(max_size=20)), max_size=40).map("".join)


@BOUNDED
@given(st.one_of(st.binary(max_size=3000), XMLISH.map(lambda s: s.encode("utf-8", "surrogatepass"))),
       st.sampled_from([None, "application/rss+xml", "text/xml; charset=utf-16", "text/html; charset=latin-1"]))
def test_parse_feed_never_raises_anything_but_feed_parse_error(body, content_type):
    try:
        parsed = parse_feed(body, "http://127.0.0.1/feed", content_type)
    except FeedParseError:
        return
    for entry in parsed.entries:
        assert entry.url.startswith(("http://", "https://")) and "\x00" not in (entry.title or "")


@settings(BOUNDED, max_examples=60)
@given(st.one_of(st.binary(max_size=3000), XMLISH.map(lambda s: ("<html><body><p>" + s).encode("utf-8",
                                                                                                  "surrogatepass"))),
       st.sampled_from([None, "utf-8", "latin-1", "no-such-charset"]))
def test_extract_page_never_raises(body, charset):
    result = extract_page(body, "http://127.0.0.1/page", charset)
    assert result.status in ("ok", "empty", "not_article", "error")
