"""The benchmark code: synthetic site, benchmark loading and scoring, report completeness.

Timings are never asserted here: ``make bench`` measures them; these tests only keep
the benchmark code honest (the site serves what it lists, the pages extract cleanly,
a report missing a figure is caught).
"""

from __future__ import annotations

import gzip
import json
import urllib.request
from datetime import UTC, datetime

from news_etl.bench import missing_figures
from news_etl.bench.extraction import load_benchmark, run_extraction_benchmark, split_of
from news_etl.bench.site import COPY_EVERY, render_page, serve_synthetic_site
from news_etl.extract import extract_page
from news_etl.feeds import parse_feed
from news_etl.stories import assign_stories, fingerprint

DAY = datetime(2026, 11, 23, 12, tzinfo=UTC)


def test_synthetic_site_serves_the_pages_its_feeds_list():
    with serve_synthetic_site(pages=12, feeds=3, day=DAY, latency_s=0) as site:
        urls = []
        for feed_url in site.feed_urls():
            body = urllib.request.urlopen(feed_url, timeout=10).read()
            urls += [e.url for e in parse_feed(body, feed_url, "application/rss+xml").entries]
        assert len(urls) == 12 == len(set(urls))
        page = urllib.request.urlopen(urls[0], timeout=10).read()
        assert page == render_page(int(urls[0].rsplit("/", 1)[1].split(".")[0]), site.base_url, DAY).encode()
        assert site.requests == 4


def test_synthetic_pages_vary_and_extract_without_their_chrome():
    pages = [render_page(n, "http://127.0.0.1", DAY) for n in range(8)]
    assert len(set(pages)) == 8 and pages[3] == render_page(3, "http://127.0.0.1", DAY)
    for n, html in enumerate(pages):
        result = extract_page(html.encode(), f"http://127.0.0.1/news/{n}.html")
        assert result.status == "ok", result.reason
        for chrome in ("Sign up for our newsletter", "Related stories", "Comments are closed",
                       "is a publication of", "Tweet"):
            assert chrome not in result.text


def test_synthetic_stories_are_distinct_except_the_outlet_copies():
    """Like a real day: every twentieth page repeats the story before it, the others are stories
    of their own (templated text must not make the whole site one story for stories.py)."""
    pages = [extract_page(render_page(n, "http://127.0.0.1", DAY).encode(), None) for n in range(120)]
    stories = assign_stories([(str(n), fingerprint(x.title, x.text)) for n, x in enumerate(pages)], [])
    copies = {n for n in range(120) if n % COPY_EVERY == COPY_EVERY - 1}
    assert all(stories[n].story_id == str(n - 1) for n in copies)
    assert all(stories[n].story_id == str(n) for n in range(120) if n not in copies)


def test_benchmark_is_read_from_its_folder_and_scored(tmp_path):
    bodies = {
        "a1": "The clinic opened a new ward for older patients this week after two years of planning.",
        "b2": "Regulators fined the insurer for late payments to hospitals across three states last year.",
    }
    (tmp_path / "html").mkdir()
    truth = {}
    for page_id, body in bodies.items():
        html = f"<html><body><nav>Home News Sport</nav><article><h1>Story</h1><p>{body}</p>" \
               f"<p>{body}</p><p>{body}</p></article></body></html>"
        (tmp_path / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode()))
        truth[page_id] = {"articleBody": "\n".join([body] * 3), "url": f"https://news.example/{page_id}"}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth))
    pages = load_benchmark(tmp_path)
    assert [p.page_id for p in pages] == ["a1", "b2"]
    results = run_extraction_benchmark(pages)
    assert set(results) == {"news_etl", "trafilatura_default", "trafilatura_precision"}
    for result in results.values():
        assert 0 <= result["all"]["f1"] <= 1 and result["pages_per_s"] > 0
        assert result["all"]["pages"] == 2
    assert {split_of(p) for p in ("a1", "b2")} <= {"tune", "check"}


def test_a_report_missing_a_figure_is_caught():
    assert "throughput" in missing_figures({})
    figures = {"pages_per_s": 3.0, "pages_per_cpu_s": 3.1, "all": {"f1": 0.9, "precision": 0.9, "recall": 0.9}}
    report = {"extraction": {"results": dict.fromkeys(("news_etl", "trafilatura_default", "trafilatura_precision"),
                                                      figures)},
              "throughput": {"100": {"cli": {"exit_code": 0, "articles": 100, "articles_per_s": 5.0,
                                             "peak_rss_mib_max_process": 200.0,
                                             "stages": {}},
                                     "dag": {"exit_code": 1},
                                     "trafilatura_feed": {"articles": 100},
                                     "ceiling": {"pages_per_s": 50.0},
                                     "ratios": {"cli_vs_ceiling": 0.1, "dag_vs_ceiling": None}}}}
    missing = missing_figures(report)
    assert "throughput.100.cli.stages.extract" in missing
    assert "throughput.100.dag.exit_code (was 1)" in missing
    assert "throughput.100.ratios.dag_vs_ceiling" in missing
    assert not any(m.startswith("extraction") for m in missing)
