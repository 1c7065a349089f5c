"""Warehouse benchmark: load throughput and quality-gate time on synthetic articles.

``news-etl bench-warehouse`` (``make bench-warehouse``) answers two questions a data
engineer asks before trusting the warehouse with a busy day: how many rows per second
do the loads write on SQLite and PostgreSQL, and how long does the Great Expectations
gate take over a large batch. It generates one batch of synthetic but valid articles
(landing pages, articles, classifier verdicts with partnerships), writes them with the
pipeline's own code (``warehouse.upsert`` in one transaction, the real
``load_partnerships``, ``validate_batch`` and ``publish_batch`` stages), writes everything a
second time to show the loads are idempotent (row counts must not change), then validates
and publishes the batch and reads every BI mart in full, timing each step.

It never touches a real warehouse: each run creates its own scratch database (a
temporary SQLite file, or a uniquely named PostgreSQL database on the server it is
given) and drops it afterwards.
"""

from __future__ import annotations

import gzip
import json
import random
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import Engine

from news_etl import warehouse as wh
from news_etl.classify import CLASSIFIER_VERSION
from news_etl.config import Settings
from news_etl.pipeline import (
    Batch,
    QualityGateError,
    load_partnerships,
    publish_batch,
    start_batch_row,
    validate_batch,
)
from news_etl.warehouse import stable_id

CHUNK = 2000
SOURCES = 16
ORGANISATIONS = 600
PARTNERSHIP_SHARE = 0.35
BENCH_DAY = date(2026, 1, 15)

_TYPES = ("vendor_contract", "strategic_alliance", "technology_collaboration", "data_network",
          "research_collaboration")
_ROLES = ("provider", "vendor", "academic", "payer", "government", "network")
_WORDS = (
    "hospital trust clinicians patients records platform cloud imaging analytics pathology digital "
    "programme care network regional integrated system deployment contract agreement partners data "
    "sharing research university genomics pharmacy radiology emergency outpatient virtual wards "
    "interoperability standards procurement framework community board executive officer said that "
    "will the and of to in for with across over years staff services waiting lists capacity"
).split()


@dataclass(slots=True)
class StepFigure:
    """One timed write: how many rows it wrote and how fast."""

    step: str
    rows: int
    seconds: float

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else float("inf")


@dataclass(slots=True)
class WarehouseBenchResult:
    """Figures of one dialect's run; ``table_rows`` must be equal after both passes."""

    dialect: str
    articles: int
    first_pass: list[StepFigure] = field(default_factory=list)
    second_pass: list[StepFigure] = field(default_factory=list)
    table_rows: dict[str, int] = field(default_factory=dict)
    table_rows_after_rerun: dict[str, int] = field(default_factory=dict)
    validation_seconds: float | None = None
    validation_expectations: int | None = None
    validation_passed: bool | None = None
    publish_seconds: float | None = None
    mart_read_seconds: dict[str, float] = field(default_factory=dict)
    mart_rows: dict[str, int] = field(default_factory=dict)

    @property
    def idempotent(self) -> bool:
        return self.table_rows == self.table_rows_after_rerun

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("first_pass", "second_pass"):
            for item, figure in zip(out[key], getattr(self, key), strict=True):
                item["rows_per_s"] = round(figure.rows_per_s, 1)
                item["seconds"] = round(figure.seconds, 3)
        out["idempotent"] = self.idempotent
        return out


def run_warehouse_bench(url: str, articles: int, validate: bool = True, seed: int = 7) -> WarehouseBenchResult:
    """Load ``articles`` synthetic articles into the empty warehouse at ``url`` twice, then validate.

    Raises ``ValueError`` when the warehouse already holds articles: the benchmark is for
    scratch databases only.
    """
    engine = wh.make_engine(url)
    try:
        wh.ensure_schema(engine)
        with engine.connect() as conn:
            if conn.execute(select(func.count()).select_from(wh.article)).scalar_one():
                raise ValueError("the benchmark needs an empty warehouse; it refuses to write into one with articles")
        batch = Batch.for_day(BENCH_DAY, "bench__warehouse")
        with tempfile.TemporaryDirectory(prefix="news-etl-bench-data-") as data_dir:
            settings = Settings(feeds_path=Path("unused"), warehouse_url=url, data_dir=Path(data_dir))
            result = WarehouseBenchResult(dialect=engine.dialect.name, articles=articles)
            result.first_pass = _load_all(engine, settings, batch, articles, seed)
            result.table_rows = _table_rows(engine)
            result.second_pass = _load_all(engine, settings, batch, articles, seed)
            result.table_rows_after_rerun = _table_rows(engine)
            if validate:
                _validate_publish_and_read_marts(settings, engine, batch, result)
        return result
    finally:
        engine.dispose()


@contextmanager
def scratch_warehouse(dialect: str, pg_admin_url: str | None = None) -> Iterator[str]:
    """A warehouse URL on a database created for this run alone, dropped afterwards."""
    if dialect == "sqlite":
        with tempfile.TemporaryDirectory(prefix="news-etl-bench-") as tmp:
            yield f"sqlite:///{Path(tmp) / 'warehouse.db'}"
        return
    if not pg_admin_url:
        raise ValueError("PostgreSQL benchmark needs --pg-admin-url (a URL of the server's postgres database)")
    with scratch_database(pg_admin_url, "news_etl_bench_") as url:
        yield url


@contextmanager
def scratch_database(admin_url: str, prefix: str) -> Iterator[str]:
    """An empty, uniquely named PostgreSQL database on the server of ``admin_url`` (a URL of any
    database there), dropped afterwards even if connections are still open."""
    name = f"{prefix}{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield admin_url.rsplit("/", 1)[0] + f"/{name}"
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def format_results(results: list[WarehouseBenchResult]) -> str:
    """A Markdown table of every dialect's steps, for people and for the closing notes."""
    lines = ["| dialect | articles | pass | step | rows | seconds | rows/s |",
             "| --- | ---: | --- | --- | ---: | ---: | ---: |"]
    for r in results:
        for label, steps in (("first", r.first_pass), ("rerun", r.second_pass)):
            for s in steps:
                lines.append(f"| {r.dialect} | {r.articles} | {label} | {s.step} | {s.rows} | "
                             f"{s.seconds:.2f} | {s.rows_per_s:,.0f} |")
    lines.append("")
    for r in results:
        gate = (f"validate stage ({r.validation_expectations} expectations, Data Docs) {r.validation_seconds:.2f} s, "
                f"{'passed' if r.validation_passed else 'FAILED'}; publish stage {r.publish_seconds or 0:.2f} s"
                ) if r.validation_seconds is not None else "skipped"
        lines.append(f"- {r.dialect}: rerun idempotent: {'yes' if r.idempotent else 'NO'}; "
                     f"rows {json.dumps(r.table_rows, sort_keys=True)}; quality gate: {gate}")
        if r.mart_read_seconds:
            lines.append(f"- {r.dialect}: full read of each mart (rows, seconds): " + "; ".join(
                f"{name} {r.mart_rows[name]} in {seconds:.2f}" for name, seconds in r.mart_read_seconds.items()))
    return "\n".join(lines)


# -- helpers -------------------------------------------------------------------------------

def _load_all(engine: Engine, settings: Settings, batch: Batch, articles: int, seed: int) -> list[StepFigure]:
    """Every write of one pass, each timed; the same seed writes the same rows."""
    figures = [_timed("landing (source, feed, raw_page)", lambda: _write_landing(engine, batch, articles, seed)),
               _timed("article", lambda: _write_rows(engine, wh.article, ["article_id"],
                                                     _articles(batch, articles, seed), update=[])),
               _timed("article_classification", lambda: _write_rows(
                   engine, wh.article_classification, ["article_id"], _verdicts(batch, articles, seed)))]
    started = time.perf_counter()
    counts = load_partnerships(settings, batch)
    figures.append(StepFigure("load_partnerships stage (organisations, aliases, partnerships, participants)",
                              counts["partnerships"] + counts["participants"], time.perf_counter() - started))
    return figures


def _timed(step: str, write: Callable[[], int]) -> StepFigure:
    started = time.perf_counter()
    rows = write()
    return StepFigure(step, rows, time.perf_counter() - started)


def _write_landing(engine: Engine, batch: Batch, articles: int, seed: int) -> int:
    sources = [{"source_id": stable_id(f"Bench Publisher {i}"), "name": f"Bench Publisher {i}",
                "homepage": f"https://publisher{i}.example.org/", "country_code": "GB" if i % 2 else "US"}
               for i in range(SOURCES)]
    feeds = [{"feed_id": stable_id(f"https://publisher{i}.example.org/feed/"),
              "source_id": s["source_id"], "url": f"https://publisher{i}.example.org/feed/",
              "name": f"Bench feed {i}"} for i, s in enumerate(sources)]
    body = gzip.compress(b"<html><body><p>synthetic page</p></body></html>")
    pages = ({"page_id": stable_id(_url(i)), "url": _url(i), "final_url": _url(i), "http_status": 200,
              "content_type": "text/html", "body_gz": body, "encoding": "utf-8", "batch_id": batch.batch_id,
              "extract_status": "ok", "extract_reason": None} for i in range(articles))
    with engine.begin() as conn:
        wh.upsert(conn, wh.source, sources, keys=["source_id"])
        wh.upsert(conn, wh.feed, feeds, keys=["feed_id"], update=["source_id", "name"])
        wh.upsert(conn, wh.pipeline_run, [start_batch_row(batch)], keys=["batch_id"])
    return len(sources) + len(feeds) + 1 + _write_rows(engine, wh.raw_page, ["page_id"], pages)


def _write_rows(engine: Engine, table: Any, keys: list[str], rows: Iterator[dict[str, Any]],
                update: list[str] | None = None) -> int:
    """Upsert a stream of rows in one transaction, ``CHUNK`` rows per statement; ``update`` as
    in ``warehouse.upsert`` (articles are written as the extract stage writes new ones: a
    stored article is kept)."""
    written = 0
    with engine.begin() as conn:
        chunk: list[dict[str, Any]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) == CHUNK:
                wh.upsert(conn, table, chunk, keys=keys, update=update)
                written, chunk = written + len(chunk), []
        wh.upsert(conn, table, chunk, keys=keys, update=update)
    return written + len(chunk)


def _url(i: int) -> str:
    return f"https://publisher{i % SOURCES}.example.org/news/{BENCH_DAY:%Y/%m}/story-{i:07d}"


def _articles(batch: Batch, articles: int, seed: int) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    for i in range(articles):
        body = _body(rng)
        url = _url(i)
        source = i % SOURCES
        yield {
            "article_id": stable_id(url), "url": url, "canonical_url": url,
            "source_id": stable_id(f"Bench Publisher {source}"),
            "feed_id": stable_id(f"https://publisher{source}.example.org/feed/"), "page_id": stable_id(url),
            "title": f"Story {i}: " + " ".join(rng.choices(_WORDS, k=8)), "author": f"Reporter {i % 97}",
            "published_at": batch.as_of + timedelta(minutes=i % 1440), "language": "en", "body_text": body,
            "word_count": len(body.split()), "content_hash": stable_id("body", body) * 2,
            "first_seen_at": batch.as_of, "batch_id": batch.batch_id,
        }


def _body(rng: random.Random) -> str:
    sentences = [" ".join(rng.choices(_WORDS, k=rng.randint(12, 24))).capitalize() + "."
                 for _ in range(rng.randint(15, 30))]
    return "\n\n".join(" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4))


def _verdicts(batch: Batch, articles: int, seed: int) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed + 1)
    for i in range(articles):
        partnerships = []
        if rng.random() < PARTNERSHIP_SHARE:
            parties = rng.sample(range(ORGANISATIONS), rng.randint(2, 3))
            partnerships.append({
                "type": rng.choice(_TYPES), "confidence": round(rng.uniform(0.5, 1.0), 3),
                "evidence": "Synthetic evidence sentence for the benchmark.",
                "participants": [{"key": f"bench org {p}", "name": f"Bench Organisation {p}",
                                  "org_type": _ROLES[p % len(_ROLES)], "role": _ROLES[p % len(_ROLES)],
                                  "country": "GB" if p % 2 else "US", "mentions": [f"Bench Org {p}"]}
                                 for p in parties],
            })
        yield {"article_id": stable_id(_url(i)), "classifier_version": CLASSIFIER_VERSION,
               "is_partnership": bool(partnerships), "batch_id": batch.batch_id,
               "findings": json.dumps({"score": 1.0 if partnerships else 0.0, "reason": "synthetic",
                                       "partnerships": partnerships}, sort_keys=True)}


def _validate_publish_and_read_marts(settings: Settings, engine: Engine, batch: Batch,
                                     result: WarehouseBenchResult) -> None:
    """The real validate and publish stages, timed; then every mart read in full as a BI tool would."""
    started = time.perf_counter()
    try:
        counts = validate_batch(settings, batch)
    except QualityGateError:
        result.validation_passed = False
        return
    finally:
        result.validation_seconds = round(time.perf_counter() - started, 3)
    result.validation_passed, result.validation_expectations = True, counts["expectations"]
    started = time.perf_counter()
    publish_batch(settings, batch)
    result.publish_seconds = round(time.perf_counter() - started, 3)
    for name in wh.mart_names():
        started = time.perf_counter()
        with engine.connect() as conn:
            rows = sum(len(chunk) for chunk in conn.execute(text(f"SELECT * FROM {name}"))  # noqa: S608 - our view names
                       .partitions(5000))
        result.mart_read_seconds[name] = round(time.perf_counter() - started, 3)
        result.mart_rows[name] = rows


def _table_rows(engine: Engine) -> dict[str, int]:
    tables = (wh.raw_page, wh.article, wh.article_classification, wh.organization, wh.organization_alias,
              wh.partnership, wh.partnership_participant)
    with engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in tables}
