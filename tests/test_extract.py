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
