"""Extraction of HTML files from disk (``news-etl extract``), through the DAG's own ``extract_page``."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from news_etl.extract import MAX_HTML_BYTES, extract_page
from news_etl.parallel import map_ordered

SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")


def extract_files(paths: Iterable[Path], workers: int) -> Iterator[dict[str, Any]]:
    """One record per HTML file under ``paths``, in a stable order; a bad file gives an ``error``.

    Files stream through the pool (read by the workers, a few at a time), so a folder
    of any size costs the memory of a handful of pages.
    """
    yield from map_ordered(_extract_file, (str(f) for f in _html_files(paths)), workers)


def _html_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(SUFFIXES))
        else:
            yield path


def _extract_file(name: str) -> dict[str, Any]:
    opener = gzip.open if name.lower().endswith(".gz") else open
    try:
        # One byte over the limit is enough for extract_page to call it too_large.
        with opener(name, "rb") as handle:
            raw = handle.read(MAX_HTML_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        return {"file": name, "status": "error", "error": f"{type(exc).__name__}: {exc}"}
    result = extract_page(raw, None)
    record: dict[str, Any] = {
        "file": name,
        "status": result.status,
        "title": result.title,
        "author": result.author,
        "published_at": result.published_at.isoformat() if result.published_at else None,
        "language": result.language,
        "canonical_url": result.canonical_url,
        "text": result.text or "",
        "title_source": result.title_source,
        "author_source": result.author_source,
        "published_at_source": result.date_source,
    }
    if result.status == "error":
        record["error"] = result.reason
    elif result.reason:
        record["reason"] = result.reason
    return record
