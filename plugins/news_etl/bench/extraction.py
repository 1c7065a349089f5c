"""Extraction quality and speed on the article-extraction benchmark, ours beside plain trafilatura.

The benchmark's pages are read from where the benchmark lives (``NEWS_ETL_BENCHMARK_DIR``,
default ``../shared/benchmarks/article-extraction``); they are never copied into the
project. Pages are split once and for all by a hash of their id: two thirds to tune
on, one third to check on (``split_of``), so rules that only fit the pages they were
chosen on show up as a gap between the two.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import trafilatura

from news_etl.extract import extract_page
from news_etl.extraction_metric import match_page, score

Extractor = Callable[[bytes, str], str]


@dataclass(frozen=True, slots=True)
class BenchPage:
    """One benchmark page: its id, HTML bytes, URL and hand-checked body."""

    page_id: str
    html: bytes
    url: str
    truth: str


def split_of(page_id: str) -> str:
    """``check`` for one page in three (fixed by the id's hash), ``tune`` for the rest."""
    return "check" if int(hashlib.sha256(page_id.encode()).hexdigest(), 16) % 3 == 0 else "tune"


def load_benchmark(root: Path, limit: int | None = None) -> list[BenchPage]:
    """The benchmark's pages in id order (the first ``limit`` of each split when given)."""
    truth_path = root / "ground-truth.json"
    if not truth_path.exists():
        raise FileNotFoundError(f"no benchmark at {root} (set NEWS_ETL_BENCHMARK_DIR)")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    ids = sorted(truth)
    if limit is not None:
        ids = [i for i in ids if split_of(i) == "tune"][:limit] + [i for i in ids if split_of(i) == "check"][:limit]
    return [BenchPage(i, gzip.decompress((root / "html" / f"{i}.html.gz").read_bytes()), truth[i]["url"],
                      truth[i]["articleBody"]) for i in ids]


def extractors() -> dict[str, Extractor]:
    """What is compared: our extraction and what a user of trafilatura would call instead.

    Plain trafilatura is given the page as a string decoded the way its own fetcher
    would (UTF-8 with replacement), like ``trafilatura.extract(html)`` on a download.
    """
    return {
        "news_etl": lambda html, url: extract_page(html, url).text or "",
        "trafilatura_default": lambda html, url: trafilatura.extract(html.decode("utf-8", "replace"), url=url) or "",
        "trafilatura_precision": lambda html, url: trafilatura.extract(
            html.decode("utf-8", "replace"), url=url, favor_precision=True) or "",
    }


def run_extraction_benchmark(pages: list[BenchPage]) -> dict[str, Any]:
    """Score every extractor on ``pages`` (all, tune, check) and time it on one core.

    The extractors take turns page by page, in this process, so a change in the
    machine's load during the run weighs on all of them alike. ``pages_per_s`` is
    wall-clock single-core throughput; ``pages_per_cpu_s`` counts only the CPU time
    this process got, the steadier figure on a shared machine.
    """
    named = extractors()
    for extract in named.values():
        extract(pages[0].html, pages[0].url)  # warm-up: imports and caches are not what is measured
    texts: dict[str, list[str]] = {name: [] for name in named}
    wall = dict.fromkeys(named, 0.0)
    cpu = dict.fromkeys(named, 0.0)
    for page in pages:
        for name, extract in named.items():
            started, started_cpu = time.perf_counter(), time.process_time()
            texts[name].append(extract(page.html, page.url))
            wall[name] += time.perf_counter() - started
            cpu[name] += time.process_time() - started_cpu
    results: dict[str, Any] = {}
    for name in named:
        matches = [match_page(p.truth, text) for p, text in zip(pages, texts[name], strict=True)]
        splits = {split: [m for p, m in zip(pages, matches, strict=True) if split in ("all", split_of(p.page_id))]
                  for split in ("all", "tune", "check")}
        results[name] = {
            "pages_per_s": round(len(pages) / wall[name], 2),
            "pages_per_cpu_s": round(len(pages) / cpu[name], 2) if cpu[name] else None,
            "seconds": round(wall[name], 2),
            **{split: score(found, bootstrap=200).as_dict() for split, found in splits.items() if found},
        }
    return results
