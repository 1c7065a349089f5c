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
from dataclasses import dataclass
from datetime import UTC, datetime

import trafilatura
from charset_normalizer import from_bytes

from news_etl.text_cleanup import clean_body, count_words
from news_etl.urls import normalize_url

LOGGER = logging.getLogger(__name__)

MIN_WORDS = 40
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
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


@dataclass(frozen=True, slots=True)
class Extraction:
    """What a page gave: ``status`` is ``ok`` or why not (``empty``, ``not_article``, ``error``)."""

    status: str
    reason: str | None = None
    title: str | None = None
    author: str | None = None
    published_at: datetime | None = None
    language: str | None = None
    canonical_url: str | None = None
    text: str | None = None

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
    and is the canonical URL when the page declares none.
    """
    try:
        html = decode_html(body, declared_charset)
        return _extract(html, url)
    except Exception as exc:  # noqa: BLE001 - a page must never stop the batch; reason is kept
        LOGGER.warning("extraction failed for %s: %s", url, exc)
        return Extraction(status="error", reason=f"{type(exc).__name__}: {exc}"[:500])


def decode_html(body: bytes, declared_charset: str | None = None) -> str:
    """Decode page bytes: BOM, then the HTTP charset, then ``<meta charset>``, then a guess."""
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
        except (LookupError, UnicodeDecodeError):
            continue
    guess = from_bytes(body[:200_000]).best()
    return body.decode(guess.encoding if guess else "cp1252", errors="replace")


def _extract(html: str, url: str | None) -> Extraction:
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or not (doc.text or "").strip():
        return Extraction(status="empty", reason="no main text found")
    text = clean_body(doc.text, title=doc.title)
    if count_words(text) < MIN_WORDS:
        return Extraction(status="not_article", reason=f"only {count_words(text)} words of text")
    return Extraction(
        status="ok",
        title=_one_line(doc.title),
        author=_one_line(doc.author),
        published_at=_date(doc.date),
        language=_language(html, text),
        canonical_url=_first_url(doc.url, url),
        text=text,
    )


def _first_url(*candidates: str | None) -> str | None:
    """The first candidate that is an absolute http(s) URL, normalised."""
    for candidate in candidates:
        try:
            return normalize_url(candidate) if candidate else None
        except ValueError:
            continue
    return None


def _one_line(value: str | None) -> str | None:
    text = " ".join((value or "").split())
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
