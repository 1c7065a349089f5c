"""The daily pipeline's stages as plain functions: the DAG's tasks and the CLI call these.

Each stage reads its input from the warehouse for one batch (a logical day), does its
work, and writes its output in one transaction, so a crash leaves either the stage's
whole result or none of it, and rerunning a stage converges on the same rows. Stages
return small dicts of counts (safe for XCom); bodies and articles stay in the warehouse.
"""

from __future__ import annotations

import gzip
import importlib
import json
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, select, true, update
from sqlalchemy.engine import Connection, Engine

from news_etl import warehouse as wh
from news_etl.classify import CLASSIFIER_VERSION, Classification, classify_article
from news_etl.config import Settings
from news_etl.extract import Extraction, extract_page
from news_etl.faults import fault_point
from news_etl.feeds import FeedParseError, load_catalogue, parse_feed
from news_etl.fetch import Fetcher, FetchError, FetchResult, RobotsDisallowedError
from news_etl.markup import plain_text
from news_etl.orgs import org_key
from news_etl.parallel import MIN_ITEMS_FOR_POOL, bounded_map, chunked, map_ordered, start_workers_server
from news_etl.polling import next_poll_at
from news_etl.report import write_digest
from news_etl.schema_migrations import check_version
from news_etl.stories import FINGERPRINT_VERSION, WINDOW_DAYS, assign_stories, decode, encode, fingerprint
from news_etl.warehouse import stable_id

LOGGER = logging.getLogger(__name__)
WRITE_CHUNK = 50
REFRESHED_COLUMNS = ("title", "title_source", "author", "author_source", "published_at", "published_at_source",
                     "page_published_at", "published_at_flag", "language", "body_text", "word_count",
                     "content_hash")
# A page date this long before its feed entry is a stale or template date, not the story's.
MAX_DATE_LAG = timedelta(days=30)
MAX_PAGE_FAILURES = 3
# Level 1 compresses news pages to ~23% (level 6: ~19%) at a tenth of the CPU (1.6 vs 18 ms
# for a median benchmark page), and compression sits on the fetch stage's hot path.
LANDING_GZIP_LEVEL = 1


@dataclass(frozen=True, slots=True)
class Batch:
    """A daily batch: everything one logical day's run writes carries its ``batch_id``."""

    batch_id: str
    as_of: datetime
    run_id: str
    backfill: bool = False

    @classmethod
    def for_day(cls, day: date | datetime, run_id: str, backfill: bool = False) -> Batch:
        """The batch of a logical date; the day is taken in UTC.

        A ``backfill`` batch re-reads a past day: it takes only the entries dated on
        that day, polls without validators and leaves the feeds' schedule alone, so it
        never competes with (or duplicates) the regular daily runs.
        """
        if isinstance(day, datetime):
            day = (day.astimezone(UTC) if day.tzinfo else day).date()
        return cls(day.isoformat(), datetime(day.year, day.month, day.day, tzinfo=UTC), run_id, backfill)

    @property
    def window(self) -> tuple[datetime, datetime]:
        """The calendar day (UTC) the batch stands for."""
        return self.as_of, self.as_of + timedelta(days=1)


class FeedPollError(Exception):
    """A feed could not be polled; the reason is already recorded in ``feed_poll``."""

    def __init__(self, message: str, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


class QualityGateError(Exception):
    """Critical expectations failed; the batch is not published. The message names them."""


# -- stage: start --------------------------------------------------------------------------

def start_batch(settings: Settings, batch: Batch) -> list[dict[str, str]]:
    """Create the schema if needed, sync the feed catalogue, open the batch.

    Returns the feeds to poll as small dicts (id, name, url) for task mapping.
    """
    specs = load_catalogue(settings.feeds_path)
    engine = wh.make_engine(settings.warehouse_url)
    try:
        wh.ensure_schema(engine)
        with wh.batch_transaction(engine, batch.batch_id) as conn:
            sources = {s.publisher: s for s in specs}
            wh.upsert(conn, wh.source, [
                {"source_id": stable_id(s.publisher), "name": s.publisher, "homepage": s.homepage,
                 "country_code": s.country}
                for s in sources.values()
            ], keys=["source_id"])
            wh.upsert(conn, wh.feed, [
                {"feed_id": stable_id(s.url), "source_id": stable_id(s.publisher), "url": s.url,
                 "name": s.name, "language": s.language, "user_agent": s.user_agent,
                 "extra_headers": json.dumps(dict(s.headers)) if s.headers else None,
                 "min_poll_interval_h": s.min_poll_interval_h}
                for s in specs
            ], keys=["feed_id"], update=["source_id", "name", "language", "user_agent", "extra_headers",
                                         "min_poll_interval_h"])
            wh.upsert(conn, wh.pipeline_run, [start_batch_row(batch)], keys=["batch_id"])
            _record_stage(conn, batch, "start", {"feeds": len(specs)})
            fault_point("start:before_commit")
        fault_point("start:after_commit")
    finally:
        engine.dispose()
    return [{"feed_id": stable_id(s.url), "name": s.name, "url": s.url} for s in specs]


def start_batch_row(batch: Batch) -> dict[str, Any]:
    """The ``pipeline_run`` row of a batch being (re)started: running, no verdict yet."""
    return {"batch_id": batch.batch_id, "as_of": batch.as_of, "run_id": batch.run_id, "status": "running",
            "started_at": datetime.now(UTC), "finished_at": None, "message": None}


# -- stage: poll feeds ---------------------------------------------------------------------

def poll_feed(settings: Settings, batch: Batch, feed_id: str, fetcher: Fetcher | None = None) -> dict[str, Any]:
    """Poll one feed (conditionally) and store its new entries.

    A feed not due yet (backed off after failures, or quiet: see ``polling``) is
    skipped, unless this batch already polled it (a rerun polls again, cheaply). The
    outcome is recorded in ``feed_poll`` whatever happens; on failure ``FeedPollError``
    is raised afterwards, with ``retryable`` set when a later attempt could succeed
    (timeouts, 5xx, 429), so the caller can decide to retry.
    """
    fetcher = fetcher or Fetcher(settings)
    engine = wh.make_engine(settings.warehouse_url)
    try:
        with engine.connect() as conn:
            row = conn.execute(select(wh.feed).where(wh.feed.c.feed_id == feed_id)).mappings().one()
            polled_today = conn.execute(select(wh.feed_poll.c.outcome).where(
                wh.feed_poll.c.batch_id == batch.batch_id, wh.feed_poll.c.feed_id == feed_id)).scalar()
        polled_at = datetime.now(UTC)
        due = _aware(row["next_poll_at"])
        if not batch.backfill and polled_today in (None, "skipped") and due is not None and due > polled_at:
            with wh.batch_transaction(engine, batch.batch_id) as conn:
                _record_poll(conn, batch, feed_id, polled_at, outcome="skipped",
                             error_message=f"not due before {due.isoformat(timespec='minutes')}")
            return {"feed": row["name"], "outcome": "skipped"}
        try:
            result = fetcher.get(row["url"], kind="feed", headers=_request_headers(row, batch.backfill))
            parsed = None if result.status == 304 else parse_feed(
                result.body, result.final_url, result.content_type, max_items=10 * settings.max_pages_per_feed)
        except (FetchError, FeedParseError) as exc:
            with wh.batch_transaction(engine, batch.batch_id) as conn:
                _record_poll(conn, batch, feed_id, polled_at, outcome="failed",
                             http_status=getattr(exc, "status", None),
                             error_class=type(exc).__name__, error_message=str(exc)[:2000])
                if not batch.backfill:
                    _schedule(conn, row, polled_at, failed=True, fresh=False)
            raise FeedPollError(f"{row['name']}: {type(exc).__name__}: {exc}",
                                bool(getattr(exc, "retryable", False))) from None
        if parsed is None and polled_today in ("fetched", "not_modified"):
            # A rerun of the day and nothing changed since: the day's poll record stands.
            return {"feed": row["name"], "outcome": "not_modified"}
        with wh.batch_transaction(engine, batch.batch_id) as conn:
            counts = _store_entries(conn, batch, feed_id, parsed, settings.max_pages_per_feed)
            _record_poll(conn, batch, feed_id, polled_at,
                         outcome="not_modified" if result.status == 304 else "fetched",
                         http_status=result.status, nbytes=result.wire_bytes, elapsed_ms=result.elapsed_ms,
                         entries_seen=counts["entries_seen"], entries_new=counts["entries_new"],
                         bozo=parsed.bozo if parsed else None)
            if not batch.backfill:
                _schedule(conn, row, polled_at, failed=False, fresh=counts["entries_new"] > 0,
                          validators=None if result.status == 304 else result.headers)
            fault_point("poll_feed:before_commit")
        fault_point("poll_feed:after_commit")
        return {"feed": row["name"], "outcome": "fetched" if parsed else "not_modified",
                "entries_seen": counts["entries_seen"], "entries_new": counts["entries_new"]}
    finally:
        engine.dispose()


def _request_headers(feed_row: Any, unconditional: bool = False) -> dict[str, str]:
    """The catalogue's per-source User-Agent and headers, plus the conditional validators."""
    headers = dict(json.loads(feed_row["extra_headers"] or "{}"))
    if feed_row["user_agent"]:
        headers["User-Agent"] = feed_row["user_agent"]
    if unconditional:
        return headers
    if feed_row["etag"]:
        headers["If-None-Match"] = feed_row["etag"]
    if feed_row["last_modified"]:
        headers["If-Modified-Since"] = feed_row["last_modified"]
    return headers


def _schedule(conn: Connection, feed_row: Any, polled_at: datetime, *, failed: bool, fresh: bool,
              validators: Any = None) -> None:
    """Update the feed's streaks, validators and next due time after a poll."""
    failures = feed_row["consecutive_failures"] + 1 if failed else 0
    unchanged = feed_row["unchanged_polls"] if failed else (0 if fresh else feed_row["unchanged_polls"] + 1)
    values: dict[str, Any] = {
        "consecutive_failures": failures, "unchanged_polls": unchanged, "last_polled_at": polled_at,
        "next_poll_at": next_poll_at(polled_at, failed=failed, consecutive_failures=failures,
                                     unchanged_polls=unchanged, min_interval_h=feed_row["min_poll_interval_h"]),
    }
    if validators is not None:
        values |= {"etag": validators.get("etag"), "last_modified": validators.get("last-modified")}
    conn.execute(update(wh.feed).where(wh.feed.c.feed_id == feed_row["feed_id"]).values(**values))


def _store_entries(conn: Connection, batch: Batch, feed_id: str, parsed: Any, limit: int) -> dict[str, int]:
    """Store the feed's newest ``limit`` entries; already known entries are kept as first seen."""

    this_feed = wh.feed_entry.c.feed_id == feed_id
    entries = sorted(parsed.entries if parsed else (), reverse=True,
                     key=lambda e: e.published_at or datetime.min.replace(tzinfo=UTC))[:limit]
    rows = {stable_id(feed_id, e.guid): e for e in entries}
    wh.upsert(conn, wh.feed_entry, [
        {"entry_id": entry_id, "feed_id": feed_id, "guid": e.guid, "url": e.url, "title": e.title,
         "author": e.author, "published_at": e.published_at, "first_batch_id": batch.batch_id}
        for entry_id, e in rows.items()
    ], keys=["entry_id"], update=[])
    new_in_batch = _count(conn, wh.feed_entry, this_feed, wh.feed_entry.c.first_batch_id == batch.batch_id)
    seen = len(parsed.entries) if parsed else 0
    # "New" means first seen by this batch, not inserted by this attempt: a rerun of the day, or
    # a twin run that stored the entries a moment earlier, counts (and schedules) the same.
    return {"entries_seen": seen, "entries_new": new_in_batch}


def _record_poll(conn: Connection, batch: Batch, feed_id: str, polled_at: datetime, *, outcome: str,
                 http_status: int | None = None, nbytes: int | None = None, elapsed_ms: int | None = None,
                 entries_seen: int = 0, entries_new: int = 0, bozo: str | None = None,
                 error_class: str | None = None, error_message: str | None = None) -> None:
    wh.upsert(conn, wh.feed_poll, [{
        "batch_id": batch.batch_id, "feed_id": feed_id, "polled_at": polled_at,
        "outcome": outcome, "ok": outcome != "failed",
        "http_status": http_status, "bytes": nbytes, "elapsed_ms": elapsed_ms,
        "entries_seen": entries_seen, "entries_new": entries_new, "bozo": bozo,
        "error_class": error_class, "error_message": error_message,
    }], keys=["batch_id", "feed_id"])


# -- stage: fetch pages --------------------------------------------------------------------

def fetch_pages(settings: Settings, batch: Batch, fetcher: Fetcher | None = None, *,
                refetch: bool = False, process: bool = True) -> dict[str, int]:
    """Fetch every entry page not stored yet (politely, in parallel) into the landing store,
    extracting and classifying each page as it arrives.

    A backfill batch takes only entries dated on its day. ``refetch`` also downloads
    again the pages of the entries this batch first saw (their articles are then
    re-extracted and reclassified). A page that fails is recorded in ``page_fetch``
    with its reason and tried again on later days, up to ``MAX_PAGE_FAILURES`` days.

    Why the work overlaps: fetching waits on the network while extraction and
    classification wait on the CPU, so run one after the other each leaves the
    machine half idle. With ``process`` (the default) a fetched body goes straight to
    the extraction pool, whose worker also classifies the article (classification is
    a pure function of the article's title and text), and the page, its extraction
    status, the article and its verdict are written together. Results are written in
    chunks, each complete and idempotent on its own, so a crash keeps whole pages; the
    extract and classify stages then do what is left (pages stored without an
    extraction, articles without a verdict) and the classify stage assigns stories.
    ``process=False`` only fetches and leaves the rest to those stages.
    """
    fetcher = fetcher or Fetcher(settings)
    engine = wh.make_engine(settings.warehouse_url)
    try:
        with engine.connect() as conn:
            # In page order, as the extract stage goes: of two pages with one canonical URL the
            # same one is stored first either way.
            urls = sorted(_pending_urls(conn, batch, refetch), key=stable_id)
            entries = _entry_context(conn, urls) if process else {}
            known = _known_articles(conn) if process and urls else {}
        if process and settings.workers > 1 and len(urls) >= MIN_ITEMS_FOR_POOL:
            start_workers_server(__name__)  # imports the workers' code while the first pages download
        with ThreadPoolExecutor(max_workers=settings.fetch_concurrency) as pool:
            fetched = bounded_map(pool, lambda u: _fetch_one(fetcher, u), urls, 4 * settings.fetch_concurrency)
            outcomes = _processed(settings, batch, fetched, entries) if process else (
                (url, result, error, None) for url, result, error in fetched)
            for chunk in chunked(outcomes, WRITE_CHUNK):
                with wh.batch_transaction(engine, batch.batch_id) as conn:
                    _store_fetched(conn, batch, chunk, known)
                    fault_point("fetch_pages:chunk_before_commit")
        fetcher.close()  # the day's pages are in: no need to hold the hosts' connections open
        with wh.batch_transaction(engine, batch.batch_id) as conn:
            counts = _record_stage(conn, batch, "fetch_pages")
            fault_point("fetch_pages:before_commit")
        fault_point("fetch_pages:after_commit")
        return counts
    finally:
        engine.dispose()


@dataclass(frozen=True, slots=True)
class _PageWork:
    """What a pool worker needs to extract and classify one fetched page."""

    batch: Batch
    page: dict[str, Any]  # page_id, url, final_url, encoding
    entry: dict[str, Any] | None
    body: bytes


@dataclass(frozen=True, slots=True)
class _PageDone:
    """A worker's result: the compressed body, the extraction, and the article with its verdict."""

    body_gz: bytes
    extraction: Extraction
    article: dict[str, Any] | None
    verdict: dict[str, Any] | None


def _processed(settings: Settings, batch: Batch, fetched: Iterator[tuple[str, FetchResult | None, FetchError | None]],
               entries: dict[str, dict[str, Any]]) -> Iterator[tuple[str, FetchResult | None, FetchError | None,
                                                                     _PageDone | None]]:
    """Each fetch outcome with its page's extraction and verdict, from the process pool, in order.

    A failed fetch passes through without work; the pool gets only bodies. Outcomes wait
    in ``waiting`` while their page is in the pool (bounded by the pool's window).
    """
    waiting: deque[tuple[str, FetchResult | None, FetchError | None]] = deque()

    def work() -> Iterator[_PageWork | None]:
        for url, result, error in fetched:
            waiting.append((url, result, error))
            yield None if result is None else _PageWork(batch, {
                "page_id": stable_id(url), "url": url, "final_url": result.final_url, "encoding": result.charset,
            }, entries.get(url), result.body)

    for done in map_ordered(_process_page, work(), settings.workers):
        yield (*waiting.popleft(), done)


def _process_page(work: _PageWork | None) -> _PageDone | None:
    """Compress, extract and classify one page (in a pool worker): what the fetch, extract
    and classify stages would store for it, computed by the same functions."""
    if work is None:
        return None
    extraction = extract_page(work.body, work.page["final_url"], work.page["encoding"])
    article = _article_for(work.batch, work.page, work.entry, extraction)
    verdict = None
    if article is not None:
        verdict = _verdict_row(work.batch, article["article_id"], classify_article(article["title"],
                                                                                    article["body_text"]))
    return _PageDone(_compress(work.body), extraction, article, verdict)


def _store_fetched(conn: Connection, batch: Batch, chunk: list[tuple[str, FetchResult | None, FetchError | None,
                                                                     _PageDone | None]],
                   known: dict[str, str]) -> None:
    """Write a chunk of fetch outcomes: pages and fetch records, and for processed pages
    their extraction status, articles and verdicts."""
    pages, logs, extracted = [], [], []
    for url, result, error, done in chunk:
        logs.append(_fetch_log(batch, url, result, error))
        if result is None:
            continue
        row = _page_row(batch, url, result, done.body_gz if done else None)
        if done is not None:
            row |= {"extract_status": done.extraction.status, "extract_reason": done.extraction.reason}
            extracted.append((row, done))
        pages.append(row)
    wh.upsert(conn, wh.raw_page, pages, keys=["page_id"])
    wh.upsert(conn, wh.page_fetch, logs, keys=["batch_id", "url"])
    stored = _store_articles(conn, [(page, done.article) for page, done in extracted], known)
    made = {done.article["article_id"]: (done.article["page_id"], done.verdict) for _, done in extracted
            if done.article and done.article["article_id"] in stored
            and known[done.article["canonical_url"]] == done.article["page_id"]}  # not a copy's
    if made:
        # Only verdicts on the text now stored: an article another run stored first keeps its own.
        owners = dict(conn.execute(select(wh.article.c.article_id, wh.article.c.page_id).where(
            wh.article.c.article_id.in_(list(made)))).tuples().all())
        verdicts = [verdict for article_id, (page_id, verdict) in made.items() if owners.get(article_id) == page_id]
        wh.upsert(conn, wh.article_classification, verdicts, keys=["article_id"])
        # A refetched article's text changed: the classify stage assigns its story again.
        conn.execute(wh.article_story.delete().where(
            wh.article_story.c.article_id.in_([v["article_id"] for v in verdicts])))


def _pending_urls(conn: Connection, batch: Batch, refetch: bool = False) -> list[str]:
    """Entry URLs to fetch: no stored page yet (or, with ``refetch``, first seen in this batch),
    fewer than the allowed failed days (excluding today), dated on the day for a backfill."""
    failures = (
        select(wh.page_fetch.c.url, func.count().label("n"))
        .where(wh.page_fetch.c.ok.is_(False), wh.page_fetch.c.batch_id != batch.batch_id)
        .group_by(wh.page_fetch.c.url).subquery()
    )
    query = (
        select(wh.feed_entry.c.url).distinct()
        .outerjoin(wh.raw_page, wh.raw_page.c.url == wh.feed_entry.c.url)
        .outerjoin(failures, failures.c.url == wh.feed_entry.c.url)
        .where((failures.c.n.is_(None)) | (failures.c.n < MAX_PAGE_FAILURES))
        .order_by(wh.feed_entry.c.url)
    )
    missing = wh.raw_page.c.page_id.is_(None)
    if refetch:
        missing = missing | (wh.feed_entry.c.first_batch_id == batch.batch_id)
    query = query.where(missing)
    if batch.backfill:
        start, end = batch.window
        query = query.where(wh.feed_entry.c.published_at >= start, wh.feed_entry.c.published_at < end)
    return list(conn.execute(query).scalars())


def _fetch_one(fetcher: Fetcher, url: str) -> tuple[str, FetchResult | None, FetchError | None]:
    try:
        if not fetcher.robots_allows(url):
            raise RobotsDisallowedError(f"robots.txt disallows {url[:300]}")
        return url, fetcher.get(url, kind="page"), None
    except FetchError as exc:
        LOGGER.info("page fetch failed for %s: %s", url, exc)
        return url, None, exc


def _page_row(batch: Batch, url: str, result: FetchResult, body_gz: bytes | None = None) -> dict[str, Any]:
    return {
        "page_id": stable_id(url), "url": url, "final_url": result.final_url,
        "http_status": result.status, "content_type": result.content_type,
        "body_gz": body_gz if body_gz is not None else _compress(result.body), "encoding": result.charset,
        "batch_id": batch.batch_id, "extract_status": None, "extract_reason": None,
    }


def _compress(body: bytes) -> bytes:
    """A page body as the landing store keeps it."""
    return gzip.compress(body, compresslevel=LANDING_GZIP_LEVEL, mtime=0)


def _fetch_log(batch: Batch, url: str, result: FetchResult | None, error: FetchError | None) -> dict[str, Any]:
    return {
        "batch_id": batch.batch_id, "url": url, "ok": result is not None,
        "http_status": result.status if result else getattr(error, "status", None),
        "bytes": result.wire_bytes if result else None,
        "elapsed_ms": result.elapsed_ms if result else None,
        "error_class": error.error_class if error else None,
        "error_message": str(error)[:2000] if error else None,
    }


# -- stage: extract ------------------------------------------------------------------------

def extract_articles(settings: Settings, batch: Batch) -> dict[str, int]:
    """Extract every stored page not extracted yet into ``article``, in one transaction.

    The fetch stage extracts the pages it fetches; this stage takes the rest (pages
    stored by a fetch that did not process them, or by an attempt that crashed after
    storing them). Pages are extracted in a process pool; a page that yields no article
    keeps its status and reason on ``raw_page``. An article already stored under the
    same canonical URL from another page (another feed's copy) is kept as first stored;
    the same page fetched again (``refetch``) updates the article's content, never its
    first-seen time or batch.
    """
    engine = wh.make_engine(settings.warehouse_url)
    try:
        with wh.batch_transaction(engine, batch.batch_id) as conn:
            pending = list(conn.execute(
                select(wh.raw_page.c.page_id, wh.raw_page.c.url, wh.raw_page.c.final_url,
                       wh.raw_page.c.encoding)
                .where(wh.raw_page.c.extract_status.is_(None)).order_by(wh.raw_page.c.page_id)
            ).mappings())
            entries = _entry_context(conn, [p["url"] for p in pending])
            known = _known_articles(conn) if pending else {}
            extractions = map_ordered(_extract_stored_page, _page_inputs(conn, pending), settings.workers)
            # Streamed: bodies are read, extracted and written a chunk at a time, in one transaction.
            for chunk in chunked(zip(pending, extractions, strict=True), WRITE_CHUNK):
                conn.execute(update(wh.raw_page).where(wh.raw_page.c.page_id == bindparam("pid")).values(
                    extract_status=bindparam("status"), extract_reason=bindparam("reason")),
                    [{"pid": page["page_id"], "status": x.status, "reason": x.reason} for page, x in chunk])
                stored = _store_articles(conn, [(page, _article_for(batch, page, entries.get(page["url"]), x))
                                                for page, x in chunk], known)
                refreshed = [article_id for article_id, kind in stored.items() if kind == "refreshed"]
                if refreshed:  # new text, new verdict: the classify stage picks these up again
                    conn.execute(wh.article_classification.delete().where(
                        wh.article_classification.c.article_id.in_(refreshed)))
            counts = _record_stage(conn, batch, "extract")
            fault_point("extract:before_commit")
        fault_point("extract:after_commit")
        return counts
    finally:
        engine.dispose()


def _known_articles(conn: Connection) -> dict[str, str]:
    """Every stored article's canonical URL and the page it came from."""
    return dict(conn.execute(select(wh.article.c.canonical_url, wh.article.c.page_id)).tuples().all())


def _article_for(batch: Batch, page: Any, entry: dict[str, Any] | None, x: Extraction) -> dict[str, Any] | None:
    """The article row a page's extraction gives, or None (no article, or no feed entry lists the page)."""
    if x.status != "ok" or entry is None:
        return None
    return _article_row(batch, page, entry, x, x.canonical_url or page["final_url"])


def _store_articles(conn: Connection, articles: list[tuple[Any, dict[str, Any] | None]],
                    known: dict[str, str]) -> dict[str, str]:
    """Store the pages' articles; returns the ids stored, each ``new`` or ``refreshed``.

    An article whose canonical URL ``known`` holds from another page is a copy and is
    not stored; the same page again (a refetch) refreshes the stored article's content.
    ``known`` is updated with the new articles.
    """
    new_rows: list[dict[str, Any]] = []
    refreshed: list[dict[str, Any]] = []
    for page, row in articles:
        if row is None:
            continue
        canonical = row["canonical_url"]
        if canonical not in known:
            known[canonical] = page["page_id"]
            new_rows.append(row)
        elif known[canonical] == page["page_id"]:  # the same page fetched again (refetch)
            refreshed.append(row)
    wh.upsert(conn, wh.article, new_rows, keys=["article_id"], update=[])
    wh.upsert(conn, wh.article, refreshed, keys=["article_id"], update=REFRESHED_COLUMNS)
    return {r["article_id"]: "new" for r in new_rows} | {r["article_id"]: "refreshed" for r in refreshed}


def _page_inputs(conn: Connection, pending: list[Any]) -> Iterator[tuple[bytes, str, str | None]]:
    """Page bodies, read a chunk at a time so the corpus is never all in memory at once."""
    for chunk in chunked(pending, WRITE_CHUNK):
        bodies = dict(conn.execute(
            select(wh.raw_page.c.page_id, wh.raw_page.c.body_gz)
            .where(wh.raw_page.c.page_id.in_([p["page_id"] for p in chunk]))
        ).tuples().all())
        for page in chunk:
            yield bodies[page["page_id"]], page["final_url"], page["encoding"]


def _extract_stored_page(item: tuple[bytes, str, str | None]) -> Extraction:
    body_gz, url, encoding = item
    return extract_page(gzip.decompress(body_gz), url, encoding)


def _entry_context(conn: Connection, urls: list[str]) -> dict[str, dict[str, Any]]:
    """For each page URL, the first feed entry listing it (feed, source, feed title/date)."""
    context: dict[str, dict[str, Any]] = {}
    for start in range(0, len(urls), 500):
        rows = conn.execute(
            select(wh.feed_entry.c.url, wh.feed_entry.c.feed_id, wh.feed.c.source_id,
                   wh.feed_entry.c.title, wh.feed_entry.c.author, wh.feed_entry.c.published_at)
            .join(wh.feed, wh.feed.c.feed_id == wh.feed_entry.c.feed_id)
            .where(wh.feed_entry.c.url.in_(urls[start:start + 500]))
            .order_by(wh.feed_entry.c.url, wh.feed_entry.c.feed_id)
        ).mappings()
        for row in rows:
            context.setdefault(row["url"], dict(row))
    return context


def _article_row(batch: Batch, page: Any, entry: dict[str, Any], x: Extraction,
                 canonical: str) -> dict[str, Any]:
    published_at, date_source, date_flag = choose_published_at(
        x.published_at, x.date_source, entry["published_at"], batch.as_of)
    title, title_source = _prefer((plain_text(x.title), x.title_source), (entry["title"], "feed"))
    author, author_source = _prefer((plain_text(x.author, 500), x.author_source), (entry["author"], "feed"))
    return {
        "article_id": stable_id(canonical), "url": page["url"], "canonical_url": canonical,
        "source_id": entry["source_id"], "feed_id": entry["feed_id"], "page_id": page["page_id"],
        "title": title or "(untitled)", "title_source": title_source,
        "author": author, "author_source": author_source,
        "published_at": published_at, "published_at_source": date_source,
        "page_published_at": x.published_at, "published_at_flag": date_flag,
        "language": x.language, "body_text": x.text, "word_count": x.word_count,
        "content_hash": x.content_hash, "first_seen_at": batch.as_of, "batch_id": batch.batch_id,
    }


def _prefer(*candidates: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
    """The first non-empty value with its source (``(None, None)`` when all are empty)."""
    return next(((value, source) for value, source in candidates if value), (None, None))


def choose_published_at(page_date: datetime | None, page_source: str | None, feed_date: datetime | None,
                        as_of: datetime) -> tuple[datetime | None, str | None, str | None]:
    """The article's publication time, where it came from, and why a date was not trusted.

    The feed's timestamp wins when it agrees with the page's date (it carries the time
    of day), the page's date otherwise (feeds re-date updated items). A date after the
    batch day (``future``), one before ``OLDEST_PLAUSIBLE`` (``too_old``: a feed that
    dates its items in the year 222 must not fail the day's quality gate) or a page date
    more than ``MAX_DATE_LAG`` before the feed entry (``before_feed``: a stale or template
    date) is flagged and not used. Returns ``(published_at, source, flag)``.
    """
    latest = as_of + timedelta(days=2)
    feed_date, page_date = _aware(feed_date), _aware(page_date)
    flag = None
    if feed_date and feed_date > latest:
        feed_date, flag = None, "future"
    if page_date and page_date > latest:
        page_date, flag = None, "future"
    if feed_date and feed_date < wh.OLDEST_PLAUSIBLE:
        feed_date, flag = None, "too_old"
    if page_date and page_date < wh.OLDEST_PLAUSIBLE:
        page_date, flag = None, "too_old"
    if page_date and feed_date and page_date < feed_date - MAX_DATE_LAG:
        page_date, flag = None, "before_feed"
    if feed_date and page_date and abs(feed_date - page_date) > timedelta(days=2):
        return page_date, page_source, flag
    if feed_date:
        return feed_date, "feed", flag
    return page_date, page_source if page_date else None, flag


def _aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# -- stage: classify -----------------------------------------------------------------------

def classify_articles(settings: Settings, batch: Batch, reclassify: bool = False,
                      article_batch: str | None = None) -> dict[str, int]:
    """Classify every article without a verdict from the current classifier version, and
    give each newly classified article its story (``article_story``, see ``stories``).

    The fetch stage classifies the articles of the pages it fetches; this stage takes
    the rest, and assigns the stories of all of them at once, oldest first (an article
    joins the story of an earlier similar one, so the order matters and is the same
    whichever stage classified it). ``reclassify`` re-runs all stored articles (after a
    classifier change), without fetching; ``article_batch`` narrows that to the
    articles first stored by that batch.
    """
    engine = wh.make_engine(settings.warehouse_url)
    try:
        with engine.connect() as conn:
            a, v = wh.article.c, wh.article_classification.c
            needs_verdict = v.article_id.is_(None) | (v.classifier_version != CLASSIFIER_VERSION)
            query = (select(a.article_id, a.title, a.body_text, a.first_seen_at,
                            (needs_verdict if not reclassify else true()).label("needs_verdict"))
                     .outerjoin(wh.article_classification, v.article_id == a.article_id)
                     .order_by(a.first_seen_at, a.published_at, a.article_id))
            if not reclassify:
                # Verdicts the fetch stage made for this batch still need their stories.
                unassigned = (v.batch_id == batch.batch_id) & wh.article_story.c.article_id.is_(None)
                query = query.outerjoin(wh.article_story, wh.article_story.c.article_id == a.article_id).where(
                    needs_verdict | unassigned)
            if article_batch is not None:
                query = query.where(a.batch_id == article_batch)
            todo = [tuple(r) for r in conn.execute(query)]
        # Fingerprints alone (what is left after the fetch stage classified) cost too little to
        # start a pool for: only verdicts are worth the workers.
        verdicts_needed = sum(1 for *_, needs in todo if needs)
        workers = settings.workers if verdicts_needed >= MIN_ITEMS_FOR_POOL else 1
        results = list(map_ordered(_classify_row, [(t, b, needs) for _, t, b, _, needs in todo], workers))
        rows = [_verdict_row(batch, article_id, verdict)
                for (article_id, *_), (verdict, _) in zip(todo, results, strict=True) if verdict is not None]
        with wh.batch_transaction(engine, batch.batch_id) as conn:
            wh.upsert(conn, wh.article_classification, rows, keys=["article_id"])
            stories = _story_rows(conn, batch, [(r[0], r[3]) for r in todo], [f for _, f in results])
            wh.upsert(conn, wh.article_story, stories, keys=["article_id"])
            counts = _record_stage(conn, batch, "classify")
            fault_point("classify:before_commit")
        fault_point("classify:after_commit")
        return counts
    finally:
        engine.dispose()


def _classify_row(item: tuple[str, str, bool]) -> tuple[Classification | None, tuple[int, ...]]:
    """The article's verdict (when ``item[2]`` asks for one) and its story fingerprint."""
    title, text, needs_verdict = item
    return classify_article(title, text) if needs_verdict else None, fingerprint(title, text)


def _verdict_row(batch: Batch, article_id: str, verdict: Classification) -> dict[str, Any]:
    """The ``article_classification`` row of a verdict made now, by ``CLASSIFIER_VERSION``."""
    return {"article_id": article_id, "classifier_version": CLASSIFIER_VERSION,
            "is_partnership": verdict.is_partnership, "findings": _findings_json(verdict),
            "batch_id": batch.batch_id}


def _story_rows(conn: Connection, batch: Batch, articles: list[tuple[str, datetime]],
                fingerprints: list[tuple[int, ...]]) -> list[dict[str, Any]]:
    """Story assignments of ``articles`` (oldest first), against stories of the last weeks."""
    if not articles:
        return []
    ids = {article_id for article_id, _ in articles}
    since = _aware(min(seen for _, seen in articles)) - timedelta(days=WINDOW_DAYS)
    s = wh.article_story.c
    known = [
        (article_id, story_id, decode(stored))
        for article_id, story_id, stored in conn.execute(
            select(s.article_id, s.story_id, s.fingerprint)
            .join(wh.article, wh.article.c.article_id == s.article_id)
            .where(wh.article.c.first_seen_at >= since, s.fingerprint_version == FINGERPRINT_VERSION)
            .order_by(wh.article.c.first_seen_at, s.article_id)
        ).tuples()
        if article_id not in ids
    ]
    assigned = assign_stories([(a, f) for (a, _), f in zip(articles, fingerprints, strict=True)], known)
    return [
        {"article_id": x.article_id, "story_id": x.story_id, "similarity": round(x.similarity, 3),
         "fingerprint": encode(f), "fingerprint_version": FINGERPRINT_VERSION, "batch_id": batch.batch_id}
        for x, f in zip(assigned, fingerprints, strict=True)
    ]


def _findings_json(verdict: Classification) -> str:
    return json.dumps({
        "score": round(verdict.score, 3), "reason": verdict.reason,
        "partnerships": [
            {"type": p.partnership_type, "confidence": p.confidence, "evidence": p.evidence,
             "participants": [
                 {"key": x.key, "name": x.name, "org_type": x.org_type, "role": x.role,
                  "country": x.country, "mentions": list(x.mentions)}
                 for x in p.participants
             ]}
            for p in verdict.partnerships
        ],
        "quotes": [
            {"name": q.name, "title": q.title, "org_key": q.org_key, "org_name": q.org_name,
             "org_type": q.org_type, "country": q.country, "text": q.text}
            for q in verdict.quotes
        ],
    }, sort_keys=True)


# -- stage: load ---------------------------------------------------------------------------

def load_partnerships(settings: Settings, batch: Batch) -> dict[str, int]:
    """Materialise the batch's verdicts as organisations, aliases, partnerships, participants.

    Replaces, in one transaction, the partnerships of every article this batch
    classified, so a rerun or a reclassification never leaves stale or double rows.
    """
    engine = wh.make_engine(settings.warehouse_url)
    try:
        with wh.batch_transaction(engine, batch.batch_id) as conn:
            check_version(conn)  # never load into a schema this code was not written for
            # Each verdict keeps the version that made it: provenance is the classifier that
            # classified, not the one that happens to load.
            rows = list(conn.execute(
                select(wh.article_classification.c.article_id, wh.article_classification.c.findings,
                       wh.article_classification.c.classifier_version)
                .where(wh.article_classification.c.batch_id == batch.batch_id)
                .order_by(wh.article_classification.c.article_id)
            ).tuples())
            verdicts = [(article_id, findings) for article_id, findings, _ in rows]
            versions = {article_id: version for article_id, _, version in rows}
            article_ids = [a for a, _ in verdicts]
            for start in range(0, len(article_ids), 500):
                ids = article_ids[start:start + 500]
                old = select(wh.partnership.c.partnership_id).where(wh.partnership.c.article_id.in_(ids))
                conn.execute(wh.partnership_participant.delete().where(
                    wh.partnership_participant.c.partnership_id.in_(old)))
                conn.execute(wh.partnership.delete().where(wh.partnership.c.article_id.in_(ids)))
                conn.execute(wh.quote.delete().where(wh.quote.c.article_id.in_(ids)))
            orgs, aliases, partnerships, participants = _partnership_rows(batch, verdicts, versions)
            people, quotes = _quote_rows(batch, verdicts, orgs)
            wh.upsert(conn, wh.organization, list(orgs.values()), keys=["org_id"], update=[])
            wh.upsert(conn, wh.organization_alias, aliases, keys=["alias", "org_id"], update=[])
            wh.upsert(conn, wh.partnership, partnerships, keys=["partnership_id"])
            wh.upsert(conn, wh.partnership_participant, participants, keys=["partnership_id", "org_id"])
            wh.upsert(conn, wh.person, people, keys=["person_id"])
            wh.upsert(conn, wh.quote, quotes, keys=["quote_id"])
            counts = _record_stage(conn, batch, "load")
            fault_point("load:before_commit")
        fault_point("load:after_commit")
        return counts
    finally:
        engine.dispose()


def _partnership_rows(batch: Batch, verdicts: list[tuple[str, str]], versions: dict[str, str] | None = None):
    """Rows for the verdicts' organisations, aliases, partnerships and participants.

    ``versions`` maps an article to the classifier version stored with its verdict; without
    it the verdicts are taken as made just now, in this process, by ``CLASSIFIER_VERSION``.
    """
    orgs: dict[str, dict[str, Any]] = {}
    aliases: dict[tuple[str, str], dict[str, str]] = {}
    partnerships: list[dict[str, Any]] = []
    participants: list[dict[str, Any]] = []
    for article_id, findings in verdicts:
        for p in json.loads(findings)["partnerships"]:
            keys = sorted(x["key"] for x in p["participants"])
            partnership_id = stable_id(article_id, p["type"], *keys)
            partnerships.append({
                "partnership_id": partnership_id, "article_id": article_id, "partnership_type": p["type"],
                "confidence": p["confidence"], "evidence": p["evidence"],
                "classifier_version": versions[article_id] if versions is not None else CLASSIFIER_VERSION,
                "batch_id": batch.batch_id,
            })
            for x in p["participants"]:
                org_id = stable_id("org", x["key"])
                name = plain_text(x["name"], 300) or x["key"][:300]
                orgs.setdefault(org_id, {"org_id": org_id, "name": name, "org_type": x["org_type"],
                                         "country_code": x["country"]})
                for alias in {name, *(plain_text(m, 300) for m in x["mentions"])} - {None}:
                    aliases[(alias, org_id)] = {"alias": alias, "org_id": org_id}
                participants.append({"partnership_id": partnership_id, "org_id": org_id, "role": x["role"],
                                     "mention": plain_text((x["mentions"] or [name])[0], 300)})
    return orgs, list(aliases.values()), partnerships, participants


def _quote_rows(batch: Batch, verdicts: list[tuple[str, str]], orgs: dict[str, dict[str, Any]]):
    """People and quotes of the verdicts; their organisations join ``orgs``. One row per id."""
    people: dict[str, dict[str, Any]] = {}
    quotes: dict[str, dict[str, Any]] = {}
    for article_id, findings in verdicts:  # in article order: a person keeps the last title seen
        for q in json.loads(findings).get("quotes", []):
            org_id = stable_id("org", q["org_key"]) if q["org_key"] else None
            if org_id:
                orgs.setdefault(org_id, {"org_id": org_id, "name": q["org_name"][:300],
                                         "org_type": q["org_type"] or "other", "country_code": q["country"]})
            person_id = stable_id("person", org_key(q["name"]), q["org_key"] or "")
            people[person_id] = {"person_id": person_id, "name": q["name"][:200], "org_id": org_id,
                                 "title": (q["title"] or "")[:300] or None}
            if q["text"]:
                quote_id = stable_id(article_id, person_id, q["text"])
                quotes[quote_id] = {"quote_id": quote_id, "article_id": article_id, "person_id": person_id,
                                    "title": (q["title"] or "")[:300] or None, "quote_text": q["text"],
                                    "batch_id": batch.batch_id}
    return list(people.values()), list(quotes.values())


# -- stage: validate and publish -----------------------------------------------------------

def validate_batch(settings: Settings, batch: Batch) -> dict[str, Any]:
    """Run the quality gate over the batch; raise ``QualityGateError`` when a critical check fails.

    Every expectation's outcome is stored in ``dq_validation_result`` first, pass or fail.
    """
    from news_etl.quality import run_quality_gate  # GX is heavy to import; only this stage needs it

    engine = wh.make_engine(settings.warehouse_url)
    try:
        docs_dir = settings.data_dir / "data_docs"
        outcome = run_quality_gate(engine, settings.warehouse_url, batch.batch_id, batch.as_of, docs_dir=docs_dir)
        LOGGER.info("Data Docs of this validation: %s (Airflow UI: Browse > Data quality)", docs_dir / "index.html")
        with wh.batch_transaction(engine, batch.batch_id) as conn:
            wh.upsert(conn, wh.dq_validation_result, outcome.rows(batch.batch_id), keys=[
                "batch_id", "suite", "expectation"])
            status = "validated" if outcome.passed else "failed"
            conn.execute(update(wh.pipeline_run).where(wh.pipeline_run.c.batch_id == batch.batch_id)
                         .values(status=status, message=None if outcome.passed else outcome.failure_message()))
            _record_stage(conn, batch, "validate", outcome.counts())
            fault_point("validate:before_commit")
        fault_point("validate:after_commit")
        if not outcome.passed:
            raise QualityGateError(outcome.failure_message())
        return outcome.counts()
    finally:
        engine.dispose()


def publish_batch(settings: Settings, batch: Batch) -> dict[str, Any]:
    """Publish a validated batch to the BI marts, write the HTML digest, return the run summary."""
    engine = wh.make_engine(settings.warehouse_url)
    try:
        with wh.batch_transaction(engine, batch.batch_id) as conn:
            status = conn.execute(select(wh.pipeline_run.c.status)
                                  .where(wh.pipeline_run.c.batch_id == batch.batch_id)).scalar_one()
            if status not in ("validated", "published"):
                raise QualityGateError(f"batch {batch.batch_id} is {status}, not validated: not publishing")
            conn.execute(update(wh.pipeline_run).where(wh.pipeline_run.c.batch_id == batch.batch_id)
                         .values(status="published", finished_at=datetime.now(UTC)))
            _record_stage(conn, batch, "publish", {"published": 1})
            fault_point("publish:before_commit")
        fault_point("publish:after_commit")
        wh.refresh_planner_statistics(engine)
        report = write_digest(engine, batch.batch_id, settings.data_dir / "reports")
        LOGGER.info("daily digest: %s (Airflow UI: Browse > Daily digest)", report)
        return batch_summary(engine, batch.batch_id)
    finally:
        engine.dispose()


def batch_summary(engine: Engine, batch_id: str | None = None) -> dict[str, Any]:
    """Counts a person wants after a run: feeds, pages, articles, partnerships, validation."""
    with engine.connect() as conn:
        if batch_id is None:
            batch_id = conn.execute(select(func.max(wh.pipeline_run.c.batch_id))).scalar()
            if batch_id is None:
                return {}
        run = conn.execute(select(wh.pipeline_run).where(wh.pipeline_run.c.batch_id == batch_id)
                           ).mappings().one_or_none()
        if run is None:
            return {}
        polls = conn.execute(select(wh.feed_poll.c.ok, func.count()).where(
            wh.feed_poll.c.batch_id == batch_id).group_by(wh.feed_poll.c.ok)).tuples().all()
        failures = conn.execute(
            select(wh.feed.c.name, wh.feed_poll.c.error_class, wh.feed_poll.c.error_message)
            .join(wh.feed, wh.feed.c.feed_id == wh.feed_poll.c.feed_id)
            .where(wh.feed_poll.c.batch_id == batch_id, wh.feed_poll.c.ok.is_(False))
            .order_by(wh.feed.c.name)).tuples().all()
        pages = conn.execute(select(wh.page_fetch.c.ok, func.count()).where(
            wh.page_fetch.c.batch_id == batch_id).group_by(wh.page_fetch.c.ok)).tuples().all()
        dq = conn.execute(select(wh.dq_validation_result.c.success, func.count()).where(
            wh.dq_validation_result.c.batch_id == batch_id).group_by(wh.dq_validation_result.c.success)
        ).tuples().all()

        def count(table: Any, *where: Any) -> int:
            return _count(conn, table, *where)

        return {
            "batch_id": batch_id,
            "status": run["status"],
            "message": run["message"],
            "feeds_polled": sum(n for _, n in polls),
            "feeds_failed": sum(n for ok, n in polls if not ok),
            "feed_failures": [{"feed": f, "error": f"{c}: {m}"} for f, c, m in failures],
            "pages_fetched": sum(n for ok, n in pages if ok),
            "pages_failed": sum(n for ok, n in pages if not ok),
            "articles_new": count(wh.article, wh.article.c.batch_id == batch_id),
            "articles_total": count(wh.article),
            "partnerships": count(wh.partnership, wh.partnership.c.batch_id == batch_id),
            "partnerships_total": count(wh.partnership),
            "expectations_passed": sum(n for ok, n in dq if ok),
            "expectations_failed": sum(n for ok, n in dq if not ok),
        }


# -- reclassification of stored articles ----------------------------------------------------

def finished_batches(settings: Settings, since: date | None = None, until: date | None = None) -> list[str]:
    """Batches whose run has finished (published, validated or failed) in [since, until], oldest first.

    A batch still ``running`` is left to its own run, which classifies and publishes it.
    """
    engine = wh.make_engine(settings.warehouse_url)
    try:
        r = wh.pipeline_run.c
        query = select(r.batch_id).where(r.status != "running").order_by(r.batch_id)
        if since is not None:
            query = query.where(r.batch_id >= since.isoformat())
        if until is not None:
            query = query.where(r.batch_id <= until.isoformat())
        with engine.connect() as conn:
            return list(conn.execute(query).scalars())
    finally:
        engine.dispose()


def reclassify_batch(settings: Settings, batch_id: str, run_id: str) -> dict[str, Any]:
    """Classify the articles a batch stored again with the current classifier, then load,
    validate and publish that batch, without fetching anything.

    Idempotent like the daily stages it reuses. A failing quality gate raises
    ``QualityGateError`` and leaves the batch unpublished (out of the marts) until fixed.
    """
    batch = Batch.for_day(date.fromisoformat(batch_id), run_id)
    classified = classify_articles(settings, batch, reclassify=True, article_batch=batch_id)
    loaded = load_partnerships(settings, batch)
    validate_batch(settings, batch)
    summary = publish_batch(settings, batch)
    return {"batch_id": batch_id, "classifier_version": CLASSIFIER_VERSION, "articles": classified["articles"],
            "partnerships": loaded["partnerships"], "status": summary["status"]}


# -- the whole run, outside Airflow --------------------------------------------------------

def run_once(settings: Settings, batch: Batch, progress: Callable[[str, dict[str, Any]], None] | None = None,
             refetch: bool = False) -> dict[str, Any]:
    """Every stage in order, in this process (``news-etl run``: debugging without Airflow).

    A failing feed is recorded and the run goes on, as under Airflow; a failed quality
    gate stops before publishing and is reported in the summary.
    """
    report = progress or (lambda stage, counts: None)
    # SQLAlchemy's ORM (which GX imports) hooks itself into Core's inspection while it loads: loaded
    # half-way by the background import, it broke this thread's queries now and then ("partially
    # initialized module 'sqlalchemy.orm.exc'"). Loaded here first, the background has nothing of it to do.
    importlib.import_module("sqlalchemy.orm")
    _import_in_background("news_etl.quality")
    feeds = start_batch(settings, batch)
    report("start", {"feeds": len(feeds)})
    fetcher = Fetcher(settings)
    failed = 0
    for item in feeds:
        try:
            poll_feed(settings, batch, item["feed_id"], fetcher)
        except FeedPollError as exc:
            failed += 1
            LOGGER.warning("feed failed: %s", exc)
    report("poll_feeds", {"feeds_polled": len(feeds), "feeds_failed": failed})
    report("fetch_pages", fetch_pages(settings, batch, fetcher, refetch=refetch))
    report("extract", extract_articles(settings, batch))
    report("classify", classify_articles(settings, batch))
    report("load", load_partnerships(settings, batch))
    try:
        report("validate", validate_batch(settings, batch))
        summary = publish_batch(settings, batch)
        report("publish", {"status": summary["status"]})
    except QualityGateError as exc:
        report("validate", {"failed": str(exc)})
        engine = wh.make_engine(settings.warehouse_url)
        try:
            summary = batch_summary(engine, batch.batch_id)
        finally:
            engine.dispose()
    return summary


def _import_in_background(module: str) -> threading.Thread:
    """Import ``module`` on a daemon thread and return the thread.

    Importing Great Expectations takes seconds of CPU (it pulls in pandas, scipy and
    altair); started before the network-bound polls and fetches, that cost overlaps
    them instead of adding to the validate stage. A failed import is not an error
    here: the stage that needs the module imports it again and reports the failure.
    """
    def load() -> None:
        try:
            importlib.import_module(module)
        except Exception:  # the stage's own import raises it where it matters
            LOGGER.debug("background import of %s failed", module, exc_info=True)

    thread = threading.Thread(target=load, name=f"import {module}", daemon=True)
    thread.start()
    return thread


def _record_stage(conn: Connection, batch: Batch, stage: str,
                  counts: dict[str, Any] | None = None) -> dict[str, Any]:
    """Record a stage's completion with counts of what the *batch* holds after it.

    Counts describe the batch's state, not this attempt's work, so a rerun that has
    nothing left to do reports (and stores) the same figures as the run that did it.
    """
    counts = counts if counts is not None else batch_counts(conn, batch.batch_id, stage)
    wh.upsert(conn, wh.stage_run, [{
        "batch_id": batch.batch_id, "stage": stage, "finished_at": datetime.now(UTC),
        "counts": json.dumps(counts, sort_keys=True, default=str),
    }], keys=["batch_id", "stage"])
    return counts


def batch_counts(conn: Connection, batch_id: str, stage: str) -> dict[str, Any]:
    """What the warehouse holds for ``batch_id`` at the end of ``stage``."""

    def count(table: Any, *where: Any) -> int:
        return _count(conn, table, *where)

    if stage == "fetch_pages":
        return {"pages_fetched": count(wh.raw_page, wh.raw_page.c.batch_id == batch_id),
                "pages_failed": count(wh.page_fetch, wh.page_fetch.c.batch_id == batch_id,
                                      wh.page_fetch.c.ok.is_(False))}
    if stage == "extract":
        statuses = conn.execute(select(wh.raw_page.c.extract_status, func.count())
                                .where(wh.raw_page.c.batch_id == batch_id)
                                .group_by(wh.raw_page.c.extract_status)).tuples().all()
        return {"articles_new": count(wh.article, wh.article.c.batch_id == batch_id),
                **{f"pages_{status or 'pending'}": n for status, n in statuses}}
    if stage == "classify":
        c = wh.article_classification.c
        return {"articles": count(wh.article_classification, c.batch_id == batch_id),
                "partnership_stories": count(wh.article_classification, c.batch_id == batch_id,
                                             c.is_partnership.is_(True))}
    if stage == "load":
        ids = select(wh.partnership.c.partnership_id).where(wh.partnership.c.batch_id == batch_id)
        return {"partnerships": count(wh.partnership, wh.partnership.c.batch_id == batch_id),
                "participants": count(wh.partnership_participant,
                                      wh.partnership_participant.c.partnership_id.in_(ids))}
    raise ValueError(f"no batch counts for stage {stage!r}")


def _count(conn: Connection, table: Any, *where: Any) -> int:
    """Rows of ``table`` matching ``where``."""
    return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()


__all__ = [
    "Batch", "FeedPollError", "QualityGateError", "batch_summary", "choose_published_at",
    "classify_articles", "extract_articles", "fetch_pages", "finished_batches", "load_partnerships", "poll_feed",
    "publish_batch", "reclassify_batch", "run_once", "start_batch", "start_batch_row", "validate_batch",
]
