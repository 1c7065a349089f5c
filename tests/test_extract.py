"""Extraction of the seed fixture pages and of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from news_etl.extract import decode_html, extract_page
from news_etl.text_cleanup import clean_body, is_chrome_line

ROOT = Path(__file__).resolve().parents[1]
LABELS = json.loads((ROOT / "seeds" / "labels.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", LABELS["seeds"], ids=lambda s: Path(s["file"]).stem)
def test_seed_pages_extract_clean_text_and_metadata(seed):
    stem = Path(seed["file"]).stem
    html = (ROOT / "seeds" / "fixtures" / "pages" / f"{stem}.html").read_bytes().replace(
        b"{BASE}", b"https://news.example")
    result = extract_page(html, f"https://news.example/raw/{stem}")
    assert result.status == "ok", result.reason
    for line in seed["boilerplate"]:
        assert line not in result.text
    assert "Share on" not in result.text and "Related stories" not in result.text
    if seed["title"]:
        assert result.title == seed["title"]
    if seed["author"]:
        assert result.author == seed["author"]
    if seed.get("published"):
        assert result.published_at.date().isoformat() == seed["published"]
    assert result.language == "en"
    assert result.canonical_url.startswith("https://news.example/news/")
    assert result.word_count > 150
    assert len(result.content_hash) == 64


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"", "empty"),
        (b"<html><body><nav>Home | News</nav></body></html>", "empty"),
        (b"<html><body><article><p>Short note.</p></article></body></html>", "empty"),
        (b"\xff\xfe\x00garbage\x00" * 10, "empty"),
    ],
)
def test_bad_pages_get_a_status_not_an_exception(body, status):
    result = extract_page(body, "https://news.example/x")
    assert result.status in {status, "not_article", "error"}
    assert result.text is None or result.word_count < 40


def test_decode_honours_declared_and_meta_charsets():
    text = "Café – “quoted”"
    assert decode_html(text.encode("cp1252"), "windows-1252") == text
    meta = b'<meta charset="windows-1252"><p>' + text.encode("cp1252")
    assert text in decode_html(meta)
    assert decode_html(text.encode("utf-16"), None) == text  # BOM
    assert decode_html(text.encode("cp1252"), "iso-8859-1") == text  # latin-1 label, cp1252 bytes


def test_chrome_lines_are_recognised_by_shape():
    assert is_chrome_line("Want to get more stories like this one? Get daily news updates from Example News.")
    assert is_chrome_line("Email the writer: someone@example.org")
    assert is_chrome_line("Example Weekly is a publication of Example Media.")
    assert is_chrome_line("Sign up for our free newsletter")
    assert not is_chrome_line("The trust signed a contract to share patient records with its neighbours.")
    cleaned = clean_body("Headline\nFirst paragraph of the story.\nShare\nSecond paragraph.", title="Headline")
    assert cleaned == "First paragraph of the story.\nSecond paragraph."


def test_unspaced_scripts_count_by_character():
    from news_etl.text_cleanup import count_words

    assert count_words("Hello world, it is 2026.") == 5
    assert count_words("先日、不正に改造した") == 9
    text = "<html lang='ja'><body><article>" + "<p>先日、不正に改造したiPhoneを販売したとして逮捕された。</p>" * 3
    result = extract_page((text + "</article></body></html>").encode(), "https://news.example/ja")
    assert result.status == "ok" and result.word_count >= 40


def _page(body: str, head: str = "") -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


@pytest.mark.parametrize(
    ("page", "status"),
    [
        (_page("<h1>Access Denied</h1><p>Reference #18.abc</p>", "<title>Access Denied</title>"), "blocked"),
        (_page('<div class="g-recaptcha"></div><p>Please verify you are human.</p>'), "blocked"),
        (_page('<noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div>'),
         "js_required"),
        (_page("<article><h1>Trust buys new records system</h1><p>The board approved the purchase on "
               "Monday after a long review of the options.</p></article>",
               '<script type="application/ld+json">{"@type": "NewsArticle", "isAccessibleForFree": false}'
               "</script>"), "paywalled"),
    ],
    ids=["access-denied", "captcha", "js-shell", "paywall-teaser"],
)
def test_pages_standing_in_for_an_article_say_why(page, status):
    result = extract_page(page, "https://news.example/story")
    assert result.status == status, result
    assert result.reason and result.text is None


def test_a_full_article_is_ok_even_with_paywall_and_noscript_markup():
    paragraphs = "".join(f"<p>Paragraph {i} tells how the hospital group rolled out the new records system "
                         f"across its sites, what it cost and what nurses said about it.</p>" for i in range(8))
    page = _page(f'<noscript>Please enable JavaScript.</noscript><div class="paywall-banner"></div>'
                 f"<article><h1>Group rolls out records</h1>{paragraphs}</article>")
    assert extract_page(page, "https://news.example/story").status == "ok"


def test_oversized_pages_are_refused_before_parsing():
    from news_etl.extract import MAX_HTML_BYTES

    result = extract_page(b"<p>" + b"x" * MAX_HTML_BYTES, None)
    assert result.status == "too_large" and str(MAX_HTML_BYTES) in result.reason


def test_metadata_records_where_each_field_came_from():
    text = "".join(f"<p>Sentence {i} of a story about a clinic that signed a deal with a software firm "
                   f"to share scans across the region.</p>" for i in range(8))
    meta = ('<meta property="og:title" content="Clinic signs scan-sharing deal">'
            '<meta name="author" content="Ada Lovelace">'
            '<meta property="article:published_time" content="2026-11-20T09:00:00Z">')
    result = extract_page(_page(f"<article>{text}</article>", meta), "https://news.example/a")
    assert (result.title, result.title_source) == ("Clinic signs scan-sharing deal", "page_metadata")
    assert (result.author, result.author_source) == ("Ada Lovelace", "page_metadata")
    assert result.published_at.date().isoformat() == "2026-11-20" and result.date_source == "page_metadata"
    bare = extract_page(_page(f"<article><h1>Clinic signs deal</h1>{text}</article>"), None)
    assert (bare.title, bare.title_source) == ("Clinic signs deal", "page_text")
    assert bare.author is None and bare.author_source is None


@pytest.mark.parametrize(
    "line",
    [
        "Follow us on Twitter @ExampleNews and on Facebook.",
        "Have a tip? Jo Bloggs may be reached at jo@example.org.",
        "Reporting by Jo Bloggs; Editing by Sam Smith",
        "Updated at 10:42 a.m. on 3 March 2026",
        "Copyright 2026 Example Media. All rights reserved.",
        "Get the morning briefing delivered to your inbox by subscribing to our newsletter.",
        "If you buy something through our links, we may earn a commission.",
        "Like this story? Share it with a friend!",
        "Listen: https://pod.example/ep12",
        "comments",
    ],
)
def test_notes_and_credits_are_chrome_by_shape(line):
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "WHAT THE BOARD DECIDED",  # a subheading in capitals is part of the story
        "The chief executive said staff could email the team at any time with questions about the rollout, "
        "and that the helpdesk would stay open through the weekend while records moved across.",
        "The deal, signed at 10:30 on Monday, runs until 2031.",
        "— Example Health (@examplehealth) March 3, 2026",  # an embedded post's attribution
    ],
)
def test_reporting_is_not_chrome(line):
    assert not is_chrome_line(line)


def test_related_story_lists_are_dropped_with_their_lead_in():
    text = ("The trust signed the contract.\nRelated:\n- Another trust buys scanners\n- Ten things about AI\n"
            "The rollout starts in May.")
    assert clean_body(text) == "The trust signed the contract.\nThe rollout starts in May."


def test_untrusted_dates_are_flagged_and_not_used():
    from datetime import UTC, datetime, timedelta

    from news_etl.pipeline import choose_published_at

    as_of = datetime(2026, 11, 23, tzinfo=UTC)
    feed = datetime(2026, 11, 22, 14, 30, tzinfo=UTC)
    assert choose_published_at(datetime(2026, 11, 22, tzinfo=UTC), "page_metadata", feed, as_of) == (
        feed, "feed", None)  # they agree: the feed's carries the time of day
    assert choose_published_at(datetime(2027, 1, 1, tzinfo=UTC), "page_text", feed, as_of) == (
        feed, "feed", "future")
    assert choose_published_at(datetime(2019, 5, 1, tzinfo=UTC), "page_text", feed, as_of) == (
        feed, "feed", "before_feed")
    week_before = feed - timedelta(days=7)  # a re-dated feed item: the page knows better
    assert choose_published_at(week_before, "page_metadata", feed, as_of) == (week_before, "page_metadata", None)
    assert choose_published_at(None, None, as_of + timedelta(days=30), as_of) == (None, None, "future")
    # a broken date from a feed or a page ("0222-01-01") is no date: it would fail the quality gate
    assert choose_published_at(None, None, datetime(222, 1, 1, tzinfo=UTC), as_of) == (None, None, "too_old")
    assert choose_published_at(datetime(1970, 1, 1, tzinfo=UTC), "page_metadata", feed, as_of) == (
        feed, "feed", "too_old")
    assert choose_published_at(None, None, None, as_of) == (None, None, None)


def test_extract_files_reports_each_bad_file_and_stops_reading_at_the_size_limit(tmp_path):
    import gzip

    from news_etl.extract import MAX_HTML_BYTES
    from news_etl.extract_files import extract_files

    (tmp_path / "bomb.html.gz").write_bytes(gzip.compress(b"<p>" + b"a" * (MAX_HTML_BYTES + 10)))
    (tmp_path / "truncated.html.gz").write_bytes(gzip.compress(b"<html>" * 1000)[:40])
    (tmp_path / "empty.html").write_bytes(b"")
    records = {Path(r["file"]).name: r for r in extract_files([tmp_path, tmp_path / "absent.html"], workers=1)}
    assert records["bomb.html.gz"]["status"] == "too_large"
    assert records["truncated.html.gz"]["status"] == "error" and "error" in records["truncated.html.gz"]
    assert records["empty.html"]["status"] == "empty"
    assert records["absent.html"]["status"] == "error" and "No such file" in records["absent.html"]["error"]


def test_a_page_whose_body_only_the_balanced_pass_finds_still_gives_its_article():
    # The story is rendered by a script from the page's JSON-LD; the markup holds a one-line
    # standfirst. The precise settings stop at that line, the balanced ones read the JSON-LD.
    body = " ".join(f"Paragraph {i} explains how the county clinic moved its patient records to the new "
                    f"regional system, what the move cost and how long it took." for i in range(8))
    data = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                       "headline": "Clinic moves records", "articleBody": body})
    page = _page('<div class="standfirst"><p>A senior official said the clinic could move its records '
                 'this year.</p></div><div class="story-body"></div>',
                 f'<script type="application/ld+json">{data}</script>')
    result = extract_page(page, "https://news.example/story")
    assert result.status == "ok", result
    assert "Paragraph 7 explains" in result.text


def test_a_utf8_page_with_a_stray_byte_is_read_as_utf8():
    text = "Fundację Lux Veritatis wspiera zażółć gęślą jaźń – mówi rzecznik."
    body = b'<meta charset="utf-8"><p>' + text.encode() + b" \x93cytat\x94</p>"
    decoded = decode_html(body)
    assert text in decoded and "“cytat”" in decoded
    assert decode_html("Zurück in die Straße".encode("cp1252"), "utf-8").startswith("Zur")  # legacy bytes: guessed


def test_decomposed_accents_come_out_composed():
    paras = "".join(f"<p>Im Test {i} pru\u0308fen die Kindera\u0308rzte die neuen Sitze gru\u0308ndlich und "
                    f"berichten u\u0308ber die Ergebnisse der Reihe {i}.</p>" for i in range(8))
    result = extract_page(_page(f"<article>{paras}</article>"), "https://news.example/de")
    assert result.status == "ok" and "prüfen" in result.text and "\u0308" not in result.text
    titled = extract_page(_page(f"<article>{paras}</article>", "<title>Kindera\u0308rzte pru\u0308fen</title>"), None)
    assert titled.title == "Kinderärzte prüfen"


@pytest.mark.parametrize(
    "line",
    [
        "If you buy 2 T-shirts then you end up with 2 sets of cards.",  # not an affiliate disclosure
        "It lets me use a mobile broadband stick and share it with the whole family over Wi-Fi",
        "| Kick-off | 28 September 2026, 18:00 |",  # a table row: the date is a value in it
        '"timestamp": "2026-08-14 17:43:12",',  # a line of code
        "200 │ 2026-08-01 18:00:00+00 │ 4084",  # console output
    ],
)
def test_sentences_rows_and_code_that_look_like_chrome_are_kept(line):
    assert not is_chrome_line(line)


def test_a_teaser_with_its_own_headline_does_not_swallow_the_next_subheading():
    text = ("The council voted on Monday.\nRead more: Council approves new budget\nWhat happens next\n"
            "The plan goes to the mayor.\nRelated stories\nCouncil approves budget\nMayor signs plan\n"
            "The end of the story.")
    assert clean_body(text) == ("The council voted on Monday.\nWhat happens next\nThe plan goes to the mayor.\n"
                                "The end of the story.")


def test_a_sentence_that_opens_with_a_lead_word_is_not_a_related_list():
    text = "Results were mixed.\nSee also the chart below, which shows the trend since 2019.\nThe chart follows."
    assert clean_body(text) == text
