"""Extraction of HTML files from disk (``news-etl extract``), through the DAG's own ``extract_page``."""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from news_etl.extract import extract_page
from news_etl.parallel import map_ordered

SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
CHUNK = 256


def extract_files(paths: Iterable[Path], workers: int) -> Iterator[dict[str, Any]]:
    """One record per HTML file under ``paths``, in a stable order; a bad file gives an ``error``."""
    files = list(_html_files(paths))
    for start in range(0, len(files), CHUNK):
        chunk = files[start:start + CHUNK]
        yield from map_ordered(_extract_file, [str(f) for f in chunk], workers)


def _html_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(SUFFIXES))
        else:
            yield path


def _extract_file(name: str) -> dict[str, Any]:
    path = Path(name)
    try:
        raw = path.read_bytes()
        if name.lower().endswith(".gz"):
            raw = gzip.decompress(raw)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
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
    }
    if result.status == "error":
        record["error"] = result.reason
    elif result.reason:
        record["reason"] = result.reason
    return record
