"""Article extraction: clean text and metadata from a news page, with trafilatura.

``extract_page`` is pure (bytes in, ``Extraction`` out) and never raises for a bad
page: a page that yields no article gets a status and a reason instead, so one bad
page never stops a batch. The same function serves the DAG and ``news-etl extract``.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import re
import unicodedata
from copy import copy
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import trafilatura
from charset_normalizer import from_bytes
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta, extract_author, extract_meta_json, extract_title, extract_url
from trafilatura.settings import Extractor
from trafilatura.utils import load_html

from news_etl.text_cleanup import clean_body, count_words
from news_etl.urls import normalize_url

LOGGER = logging.getLogger(__name__)

MIN_WORDS = 40
# Below this many words the fast pass is retried with trafilatura's fallback extractors,
# and a short page is checked for a block, paywall or JavaScript shell.
CONFIDENT_WORDS = 100
MAX_HTML_BYTES = 5 * 1024 * 1024
# Shapes of the pages that stand in for an article, checked in this order. Each applies
# only below a number of words of text: markup shapes (a "paywall" class, a noscript
# notice) also occur on free, complete articles, so they only explain a page that
# has too little text to be one; the publisher's own "not free" flag explains a teaser.
_BARRIERS = [(status, below, re.compile(pattern, re.I)) for status, below, pattern in (
    ("blocked", MIN_WORDS, r"<title>[^<]*(access denied|attention required|just a moment|are you a (ro)?bot"
                           r"|captcha|request blocked|forbidden|unusual traffic)[^<]*</title>"
                           r"|cf-challenge|g-recaptcha|hcaptcha"),
    ("paywalled", CONFIDENT_WORDS, r"\"isAccessibleForFree\"\s*:\s*\"?false"),
    ("paywalled", MIN_WORDS, r"class=\"[^\"]*\b(paywall|subscriber-only|premium-content|meter-wall)\b"
                             r"|subscribe to (continue|keep) reading|to continue reading"),
    ("js_required", MIN_WORDS, r"(enable|turn on|requires?|need) javascript|javascript (is )?(required|disabled)"
                               r"|<div id=\"(root|app|__next)\">\s*</div>"),
)]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_HTML_LANG = re.compile(r"""<html[^>]*\slang\s*=\s*["']?([A-Za-z]{2,3})""", re.I)
_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "with", "will"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "mit", "für", "auf", "ein"},
    "fr": {"le", "la", "les", "et", "des", "est", "une", "pour", "dans", "pas"},
    "es": {"el", "la", "de", "que", "y", "los", "las", "por", "una", "para"},
    "nl": {"de", "het", "een", "en", "van", "is", "dat", "niet", "met", "voor"},
    "it": {"il", "di", "che", "la", "per", "una", "sono", "con", "non", "gli"},
    "pt": {"o", "de", "que", "e", "do", "da", "em", "um", "para", "não"},
}


STATUSES = ("ok", "empty", "not_article", "paywalled", "blocked", "js_required", "too_large", "error")
SOURCES = ("feed", "page_metadata", "page_text")


@dataclass(frozen=True, slots=True)
class Extraction:
    """What a page gave: ``status`` is ``ok`` or why not (one of ``STATUSES``).

    ``*_source`` says where each field was found: ``page_metadata`` (meta tags,
    JSON-LD, ``<time>``/URL dates) or ``page_text`` (headline, byline or date in the
    visible page); the pipeline adds ``feed`` when it falls back to the feed entry.
    """

    status: str
    reason: str | None = None
    title: str | None = None
    author: str | None = None
    published_at: datetime | None = None
    language: str | None = None
    canonical_url: str | None = None
    text: str | None = None
    title_source: str | None = None
    author_source: str | None = None
    date_source: str | None = None

    @property
    def word_count(self) -> int:
        return count_words(self.text) if self.text else 0

    @property
    def content_hash(self) -> str:
        """sha256 of the body with white space and case folded: catches syndicated copies."""
        folded = " ".join((self.text or "").lower().split())
        return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def extract_page(body: bytes, url: str | None, declared_charset: str | None = None) -> Extraction:
    """Extract the article of one page; never raises for bad input.

    ``url`` is where the page came from (None for a file): it resolves relative links
    and is the canonical URL when the page declares none. Pages above
    ``MAX_HTML_BYTES`` are refused as ``too_large`` before parsing (lxml's time and
    memory grow with the page, and no news article is that big).
    """
    if len(body) > MAX_HTML_BYTES:
        return Extraction(status="too_large", reason=f"{len(body)} bytes > {MAX_HTML_BYTES}")
    try:
        html = decode_html(body, declared_charset)
        return _extract(html, url)
    except Exception as exc:  # noqa: BLE001 - a page must never stop the batch; reason is kept
        LOGGER.warning("extraction failed for %s: %s", url, exc)
        return Extraction(status="error", reason=f"{type(exc).__name__}: {exc}"[:500])


def decode_html(body: bytes, declared_charset: str | None = None) -> str:
    """Decode page bytes: BOM, then the HTTP charset, then ``<meta charset>``, then a guess.

    UTF-8 (declared or not) with a few stray bytes is still read as UTF-8 (``_utf8_with_strays``).
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return body.decode(encoding, errors="replace")
    candidates = [declared_charset]
    match = _META_CHARSET.search(body[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii", "ignore"))
    candidates.append("utf-8")
    for candidate in candidates:
        if not candidate:
            continue
        try:
            codec = codecs.lookup(candidate).name
            # Servers label cp1252 as latin-1; the superset decodes what they mean.
            return body.decode("cp1252" if codec == "iso8859-1" else codec)
        except LookupError:
            continue
        except UnicodeDecodeError:
            text = _utf8_with_strays(body) if codec == "utf-8" else None
            if text is not None:
                return text
    guess = from_bytes(body[:200_000]).best()
    return body.decode(guess.encoding if guess else "cp1252", errors="replace")


def _utf8_with_strays(body: bytes) -> str | None:
    """A UTF-8 page with a few bytes that are not UTF-8 (a pasted cp1252 quote or
    a truncated character): UTF-8, each stray byte read as cp1252. A guess over the
    whole page would read every UTF-8 character wrongly for the sake of one stray.
    None when most non-ASCII characters are not UTF-8 (a mislabelled legacy page)."""
    text = body.decode("utf-8", errors="replace")
    strays = text.count("\ufffd")
    if len(_NON_ASCII.findall(text)) - strays <= strays:
        return None
    return body.decode("utf-8", errors=_STRAY_BYTES)


def _cp1252_stray(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start:error.end].decode("cp1252", errors="replace"), error.end


_STRAY_BYTES = "news_etl.cp1252_strays"
codecs.register_error(_STRAY_BYTES, _cp1252_stray)


def _extract(html: str, url: str | None) -> Extraction:
    tree = load_html(html)
    if tree is None:
        return Extraction(status="empty", reason="not an HTML document")
    meta = _page_metadata(tree, url)  # first: trafilatura's extraction prunes a copy of the tree
    # Composed characters (NFC), as trafilatura's own output: a page written in decomposed
    # form would otherwise split words at each accent and hash apart from its copies.
    text = clean_body(unicodedata.normalize("NFC", _main_text(tree, url)), title=meta["title"])
    words = count_words(text)
    if words < CONFIDENT_WORDS:
        barrier = _barrier(html, words)
        if barrier:
            return Extraction(status=barrier[0], reason=barrier[1])
    if not text:
        return Extraction(status="empty", reason="no main text found")
    if words < MIN_WORDS:
        return Extraction(status="not_article", reason=f"only {words} words of text")
    return Extraction(status="ok", language=_language(html, text), text=text, **meta)


def _main_text(tree: HtmlElement, url: str | None) -> str:
    """The main text: trafilatura's precise heuristics alone, then, only while the text
    is still short, with its fallback extractors (readability, jusText), then with its
    balanced (not precision-first) settings; a retry is kept when it finds more words.

    Measured on the article-extraction benchmark (``make bench``): precision-first
    settings beat the defaults by about 2 points of F1, and skipping the fallback
    comparison on pages where the fast pass already found a full article halves the
    time; the fallback still rescues the pages whose markup the fast pass misreads.
    Precision-first also turns off trafilatura's last rescue for a short result (its
    baseline: JSON-LD ``articleBody``, ``<article>`` text, all paragraphs), so on some
    layouts it keeps only a date, a standfirst or a browser notice of a full article
    (seen on other public evaluation sets, not on the benchmark); a page still short
    after the fallback therefore gets the balanced pass too.
    """
    text = ""
    for fast, precise in ((True, True), (False, True), (False, False)):
        doc = trafilatura.bare_extraction(tree, url=url, options=_options(url, fast, precise))
        found = (doc.text if doc else None) or ""
        if count_words(found) > count_words(text):
            text = found
        if count_words(text) >= CONFIDENT_WORDS:
            break
    return text


def _options(url: str | None, fast: bool, precise: bool = True) -> Extractor:
    """Our settings for one page: a copy of the settings built once, with the page's URL.

    ``bare_extraction`` would build them from its arguments on every call, reading its
    config each time (~60 us a call, up to three times for a page that needs the retries).
    """
    options = copy(_settings(fast, precise))
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")  # as Extractor sets it
    return options


@lru_cache(maxsize=4)
def _settings(fast: bool, precise: bool) -> Extractor:
    return Extractor(output_format="python", fast=fast, precision=precise, comments=False, tables=True)


def _page_metadata(tree: HtmlElement, url: str | None) -> dict[str, Any]:
    """Title, author, date and canonical URL, each with where it was found.

    Uses trafilatura's own metadata steps, minus those we never store (site name,
    categories, tags, licence), which cost about as much as the text extraction.
    """
    doc = examine_meta(tree)
    if doc.author and " " not in doc.author:  # a bare handle, not a name
        doc.author = None
    try:
        doc = extract_meta_json(tree, doc)
    except Exception as exc:  # noqa: BLE001 - malformed JSON-LD: the page still has text
        LOGGER.debug("JSON-LD metadata unreadable: %s", exc)
    title, title_source = _one_line(doc.title), "page_metadata"
    if not title:
        title, title_source = _one_line(extract_title(tree)), "page_text"
    author, author_source = _one_line(doc.author), "page_metadata"
    if not author:
        author, author_source = _one_line(extract_author(tree)), "page_text"
    canonical = _first_url(extract_url(tree, url), url)
    date, date_source = _date(find_date(tree, url=canonical, extensive_search=False)), "page_metadata"
    if date is None:
        date, date_source = _date(find_date(tree, url=canonical, extensive_search=True)), "page_text"
    return {
        "title": title, "title_source": title_source if title else None,
        "author": author, "author_source": author_source if author else None,
        "published_at": date, "date_source": date_source if date else None,
        "canonical_url": canonical,
    }


def _barrier(html: str, words: int) -> tuple[str, str] | None:
    """Why a page with little text has so little: a block, a paywall or a JavaScript shell.

    Only consulted when the text is short, so a full article that merely mentions
    "subscribe" or ships a ``<noscript>`` notice is never mistaken for one.
    """
    head = html[:300_000]
    for status, below, pattern in _BARRIERS:
        match = pattern.search(head) if words < below else None
        if match:
            return status, f"{status.replace('_', ' ')} ({match.group(0)[:80]!r}, {words} words of text)"
    return None


def _first_url(*candidates: str | None) -> str | None:
    """The first candidate that is an absolute http(s) URL, normalised."""
    for candidate in candidates:
        try:
            return normalize_url(candidate) if candidate else None
        except ValueError:
            continue
    return None


def _one_line(value: str | None) -> str | None:
    text = " ".join(unicodedata.normalize("NFC", value or "").split())
    return text[:500] or None


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value[:10], "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return None


def _language(html: str, text: str) -> str | None:
    """The page's declared language, else the best stop-word match (None when unsure)."""
    match = _HTML_LANG.search(html[:5000])
    if match:
        return match.group(1).lower()
    words = re.findall(r"\w+", text.lower())[:2000]
    if not words:
        return None
    scores = {lang: sum(w in stops for w in words) for lang, stops in _STOPWORDS.items()}
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= max(3, len(words) // 50) else None
