"""The warehouse: one schema for SQLite and PostgreSQL, engines, and idempotent writes.

Tables come in three groups:

* what the news says (``source``, ``feed``, ``article``, ``organization``,
  ``organization_alias``, ``partnership``, ``partnership_participant``), keyed by
  natural keys so that a rerun overwrites instead of duplicating;
* what the pipeline did (``pipeline_run``, ``stage_run``, ``feed_poll``,
  ``feed_entry``, ``raw_page``, ``page_fetch``, ``article_classification``, ``article_story``,
  ``dq_validation_result``);
* BI marts (views in ``include/sql/marts``) that only show published batches.

Identifiers are deterministic hashes of natural keys (``stable_id``), so the same
article, organisation or partnership gets the same id on every machine and rerun.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

LOGGER = logging.getLogger(__name__)

PARTNERSHIP_TYPES = (
    "vendor_contract",
    "strategic_alliance",
    "technology_collaboration",
    "data_network",
    "research_collaboration",
)
ROLES = ("provider", "vendor", "academic", "payer", "government", "network", "other")
BATCH_STATUSES = ("running", "validated", "published", "failed")
POLL_OUTCOMES = ("fetched", "not_modified", "skipped", "failed")

ID = String(32)
metadata = MetaData()


def _in(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


source = Table(
    "source", metadata,
    Column("source_id", ID, primary_key=True, comment="hash of the publisher name"),
    Column("name", String(200), nullable=False, unique=True, comment="publisher, e.g. Healthcare IT News"),
    Column("homepage", String(2000), comment="publisher's home page URL"),
    Column("country_code", String(2), comment="ISO 3166-1 alpha-2 of the publisher"),
    comment="One row per news publisher.",
)

feed = Table(
    "feed", metadata,
    Column("feed_id", ID, primary_key=True, comment="hash of the feed URL"),
    Column("source_id", ID, ForeignKey("source.source_id"), nullable=False),
    Column("url", String(2000), nullable=False, unique=True, comment="RSS/Atom URL"),
    Column("name", String(200), nullable=False),
    Column("language", String(8)),
    Column("etag", String(500), comment="validator from the last 200 answer"),
    Column("last_modified", String(100), comment="validator from the last 200 answer"),
    Column("user_agent", String(500), comment="per-source User-Agent override from the catalogue"),
    Column("extra_headers", Text, comment="JSON object of extra request headers from the catalogue"),
    Column("min_poll_interval_h", Float, nullable=False, server_default="0",
           comment="never poll more often than this (catalogue setting)"),
    Column("consecutive_failures", Integer, nullable=False, server_default="0"),
    Column("unchanged_polls", Integer, nullable=False, server_default="0",
           comment="polls in a row without new entries (drives adaptive polling)"),
    Column("last_polled_at", DateTime(timezone=True)),
    Column("next_poll_at", DateTime(timezone=True), comment="not polled before this (backoff / adaptive)"),
    comment="One row per feed in the catalogue.",
)

pipeline_run = Table(
    "pipeline_run", metadata,
    Column("batch_id", String(10), primary_key=True, comment="the run's logical day, YYYY-MM-DD"),
    Column("as_of", DateTime(timezone=True), nullable=False, comment="start of the logical day (UTC)"),
    Column("run_id", String(250), comment="Airflow run id (or cli__...) of the latest attempt"),
    Column("status", String(12), nullable=False),
    Column("started_at", DateTime(timezone=True)),
    Column("finished_at", DateTime(timezone=True)),
    Column("message", Text, comment="why the batch failed, when it did"),
    CheckConstraint(_in("status", BATCH_STATUSES), name="ck_pipeline_run_status"),
    comment="One row per daily batch: write, audit, publish state.",
)

stage_run = Table(
    "stage_run", metadata,
    Column("batch_id", String(10), ForeignKey("pipeline_run.batch_id"), primary_key=True),
    Column("stage", String(40), primary_key=True),
    Column("finished_at", DateTime(timezone=True)),
    Column("counts", Text, comment="JSON object of the stage's counts"),
    comment="One row per batch and stage: the latest completion and its counts.",
)

feed_poll = Table(
    "feed_poll", metadata,
    Column("batch_id", String(10), ForeignKey("pipeline_run.batch_id"), primary_key=True),
    Column("feed_id", ID, ForeignKey("feed.feed_id"), primary_key=True),
    Column("polled_at", DateTime(timezone=True), nullable=False),
    Column("outcome", String(12), nullable=False, comment="fetched, not_modified, skipped or failed"),
    Column("ok", Boolean, nullable=False),
    Column("http_status", Integer),
    Column("bytes", BigInteger),
    Column("elapsed_ms", Integer),
    Column("entries_seen", Integer, nullable=False, server_default="0"),
    Column("entries_new", Integer, nullable=False, server_default="0"),
    Column("bozo", Text, comment="feedparser's reason when the feed was malformed but readable"),
    Column("error_class", String(100)),
    Column("error_message", Text),
    CheckConstraint(_in("outcome", POLL_OUTCOMES), name="ck_feed_poll_outcome"),
    comment="One row per batch and feed: the outcome of the day's latest poll.",
)

feed_entry = Table(
    "feed_entry", metadata,
    Column("entry_id", ID, primary_key=True, comment="hash of feed_id and GUID"),
    Column("feed_id", ID, ForeignKey("feed.feed_id"), nullable=False),
    Column("guid", String(2000), nullable=False),
    Column("url", String(2000), nullable=False, comment="normalised article link"),
    Column("title", Text),
    Column("author", String(500)),
    Column("published_at", DateTime(timezone=True)),
    Column("first_batch_id", String(10), nullable=False),
    UniqueConstraint("feed_id", "guid", name="uq_feed_entry_guid"),
    Index("ix_feed_entry_url", "url"),
    comment="One row per item a feed listed.",
)

FIELD_SOURCE_COMMENT = "where the value came from: feed, page_metadata or page_text"
# No news story on the web is older than this: an earlier date is a broken one, not a date to trust
# (the pipeline leaves it out with the flag too_old; the quality gate fails a batch that stores one).
OLDEST_PLAUSIBLE = datetime(1995, 1, 1, tzinfo=UTC)
PUBLISHED_AT_FLAG_COMMENT = ("why a date was not trusted: future (after the batch day), before_feed (page date "
                             "long before the feed entry) or too_old (before 1995); NULL when every date agreed")

raw_page = Table(
    "raw_page", metadata,
    Column("page_id", ID, primary_key=True, comment="hash of the requested URL"),
    Column("url", String(2000), nullable=False, unique=True),
    Column("final_url", String(2000), nullable=False, comment="URL after redirects"),
    Column("http_status", Integer, nullable=False),
    Column("content_type", String(200)),
    Column("body_gz", LargeBinary, nullable=False, comment="gzip of the page bytes as served"),
    Column("encoding", String(40), comment="charset the server declared, if any"),
    Column("batch_id", String(10), nullable=False, comment="batch that fetched it"),
    Column("extract_status", String(20), comment="NULL until extracted; ok or a failure status"),
    Column("extract_reason", Text),
    comment="Landing store: one row per fetched article page, compressed, for replay.",
)

page_fetch = Table(
    "page_fetch", metadata,
    Column("batch_id", String(10), ForeignKey("pipeline_run.batch_id"), primary_key=True),
    Column("url", String(2000), primary_key=True),
    Column("ok", Boolean, nullable=False),
    Column("http_status", Integer),
    Column("bytes", BigInteger),
    Column("elapsed_ms", Integer),
    Column("error_class", String(100)),
    Column("error_message", Text),
    comment="One row per batch and page URL: the outcome of the latest fetch.",
)

article = Table(
    "article", metadata,
    Column("article_id", ID, primary_key=True, comment="hash of canonical_url"),
    Column("url", String(2000), nullable=False, comment="link as the feed gave it (normalised)"),
    Column("canonical_url", String(2000), nullable=False, unique=True),
    Column("source_id", ID, ForeignKey("source.source_id"), nullable=False),
    Column("feed_id", ID, ForeignKey("feed.feed_id"), nullable=False),
    Column("page_id", ID, ForeignKey("raw_page.page_id"), nullable=False),
    Column("title", Text, nullable=False),
    Column("title_source", String(20), comment=FIELD_SOURCE_COMMENT),
    Column("author", String(500)),
    Column("author_source", String(20), comment=FIELD_SOURCE_COMMENT),
    Column("published_at", DateTime(timezone=True)),
    Column("published_at_source", String(20), comment=FIELD_SOURCE_COMMENT),
    Column("page_published_at", DateTime(timezone=True), comment="the date the page itself claims, trusted or not"),
    Column("published_at_flag", String(20), comment=PUBLISHED_AT_FLAG_COMMENT),
    Column("language", String(8)),
    Column("body_text", Text, nullable=False),
    Column("word_count", Integer, nullable=False),
    Column("content_hash", String(64), nullable=False, comment="sha256 of the normalised body"),
    Column("first_seen_at", DateTime(timezone=True), nullable=False, comment="as_of of the first batch"),
    Column("batch_id", String(10), nullable=False, comment="batch that first stored it"),
    Index("ix_article_published_at", "published_at"),
    Index("ix_article_content_hash", "content_hash"),
    Index("ix_article_batch", "batch_id"),
    comment="One row per news article (by canonical URL).",
)

article_classification = Table(
    "article_classification", metadata,
    Column("article_id", ID, ForeignKey("article.article_id"), primary_key=True),
    Column("classifier_version", String(20), nullable=False),
    Column("is_partnership", Boolean, nullable=False),
    Column("findings", Text, nullable=False, comment="JSON: partnerships with participants"),
    Column("batch_id", String(10), nullable=False, comment="batch that classified it"),
    comment="Staging: the classifier's verdict per article, loaded into partnership tables.",
)

article_story = Table(
    "article_story", metadata,
    Column("article_id", ID, ForeignKey("article.article_id"), primary_key=True),
    Column("story_id", ID, nullable=False,
           comment="article_id of the story's first article: copies, syndications and rewrites share it"),
    Column("similarity", Float, nullable=False, comment="estimated overlap with the article it matched (1 = founder)"),
    Column("fingerprint", Text, nullable=False, comment="MinHash signature of word 5-shingles and their count (hex)"),
    Column("fingerprint_version", String(20), nullable=False),
    Column("batch_id", String(10), nullable=False, comment="batch that assigned it"),
    Index("ix_article_story_story", "story_id"),
    comment="One row per article: the story (one announcement, however many outlets carry it) it belongs to.",
)

organization = Table(
    "organization", metadata,
    Column("org_id", ID, primary_key=True, comment="hash of the resolved organisation key"),
    Column("name", String(300), nullable=False),
    Column("org_type", String(20), nullable=False),
    Column("country_code", String(2)),
    CheckConstraint(_in("org_type", ROLES), name="ck_organization_type"),
    comment="One row per real-world organisation.",
)

organization_alias = Table(
    "organization_alias", metadata,
    Column("alias", String(300), primary_key=True, comment="a name the news used for the organisation"),
    Column("org_id", ID, ForeignKey("organization.org_id"), primary_key=True),
    comment="One row per (surface name, organisation).",
)

partnership = Table(
    "partnership", metadata,
    Column("partnership_id", ID, primary_key=True),
    Column("article_id", ID, ForeignKey("article.article_id"), nullable=False),
    Column("partnership_type", String(30), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("evidence", Text, nullable=False, comment="the sentence(s) the decision rests on"),
    Column("classifier_version", String(20), nullable=False),
    Column("batch_id", String(10), nullable=False, comment="batch that loaded it"),
    CheckConstraint(_in("partnership_type", PARTNERSHIP_TYPES), name="ck_partnership_type"),
    CheckConstraint("confidence >= 0 AND confidence <= 1", name="ck_partnership_confidence"),
    Index("ix_partnership_article", "article_id"),
    comment="One row per partnership a story announces.",
)

partnership_participant = Table(
    "partnership_participant", metadata,
    Column("partnership_id", ID, ForeignKey("partnership.partnership_id"), primary_key=True),
    Column("org_id", ID, ForeignKey("organization.org_id"), primary_key=True),
    Column("role", String(20), nullable=False),
    Column("mention", String(300), comment="how the article named the party"),
    CheckConstraint(_in("role", ROLES), name="ck_participant_role"),
    comment="One row per party to a partnership.",
)

person = Table(
    "person", metadata,
    Column("person_id", ID, primary_key=True, comment="hash of the normalised name and the organisation key"),
    Column("name", String(200), nullable=False),
    Column("org_id", ID, ForeignKey("organization.org_id"), comment="the organisation the news gives them"),
    Column("title", String(300), comment="their title in the latest article that quoted them"),
    comment="One row per person quoted in the news (a name at an organisation).",
)

quote = Table(
    "quote", metadata,
    Column("quote_id", ID, primary_key=True, comment="hash of article, person and words"),
    Column("article_id", ID, ForeignKey("article.article_id"), nullable=False),
    Column("person_id", ID, ForeignKey("person.person_id"), nullable=False),
    Column("title", String(300), comment="the speaker's title as this article gave it"),
    Column("quote_text", Text, nullable=False, comment="the words quoted"),
    Column("batch_id", String(10), nullable=False, comment="batch that loaded it"),
    Index("ix_quote_article", "article_id"),
    Index("ix_quote_person", "person_id"),
    comment="One row per quoted statement in an article.",
)

dq_validation_result = Table(
    "dq_validation_result", metadata,
    Column("batch_id", String(10), ForeignKey("pipeline_run.batch_id"), primary_key=True),
    Column("suite", String(100), primary_key=True),
    Column("expectation", String(300), primary_key=True, comment="type and column(s)"),
    Column("severity", String(10), nullable=False),
    Column("success", Boolean, nullable=False),
    Column("observed_value", Text),
    Column("unexpected_count", BigInteger),
    Column("validated_at", DateTime(timezone=True), nullable=False),
    comment="One row per batch, suite and expectation: the latest validation result.",
)


CORRECTION_ACTIONS = (
    "reject_partnership", "set_type", "add_participant", "remove_participant", "merge_organization",
)

analyst_correction = Table(
    "analyst_correction", metadata,
    Column("correction_id", String(64), primary_key=True, comment="any unique id the analyst chooses"),
    Column("action", String(30), nullable=False, comment=", ".join(CORRECTION_ACTIONS)),
    Column("article_id", ID, comment="the story whose partnership is corrected (keys survive reclassification)"),
    Column("org_id", ID, comment="participant added/removed, or the organisation merged away"),
    Column("partnership_type", String(30), comment="the type to use (set_type)"),
    Column("into_org_id", ID, comment="the organisation kept (merge_organization)"),
    Column("note", Text, comment="why"),
    Column("created_by", String(100)),
    Column("created_at", DateTime(timezone=True)),
    CheckConstraint(_in("action", CORRECTION_ACTIONS), name="ck_correction_action"),
    CheckConstraint("partnership_type IS NULL OR " + _in("partnership_type", PARTNERSHIP_TYPES),
                    name="ck_correction_type"),
    comment="Analysts' corrections, applied by the marts; never touched by the pipeline, so they "
            "survive reruns, backfills and reclassification.",
)


def stable_id(*parts: str) -> str:
    """A 32-hex id from natural-key parts; the same parts give the same id everywhere."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def make_engine(url: str) -> Engine:
    """An engine for the warehouse URL, with SQLite tuned for one writer and readers.

    SQLite gets WAL (readers never block the writer), a busy timeout (two runs of the
    same day queue instead of failing) and enforced foreign keys.
    """
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
    return engine


SCHEMA_LOCK = 727274  # the advisory lock that serialises schema upgrades on PostgreSQL


def ensure_schema(engine: Engine) -> None:
    """Migrate the warehouse to the current schema version and (re)create the BI mart views.

    Safe to call on every run, and from several runs at once: on PostgreSQL an advisory
    lock serialises them, on SQLite the write transaction does.
    """
    from news_etl.schema_migrations import upgrade

    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
        upgrade(conn)
        for statement in _mart_statements(conn.dialect.name):
            conn.execute(text(statement))
        if conn.dialect.name == "postgresql" and _role_exists(conn, BI_ROLE):
            _grant_marts(conn)  # recreated views lose their grants


BATCH_LOCK_SPACE = 727275  # advisory-lock namespace of per-batch locks, apart from SCHEMA_LOCK


@contextmanager
def batch_transaction(engine: Engine, batch_id: str) -> Iterator[Connection]:
    """A transaction that holds the batch's lock (``lock_batch``) from its start: every stage
    write of a batch goes through one, so two runs of one day take turns write by write.

    Replacing rows is not the only race: on PostgreSQL an upsert on its key still fails when a
    concurrent transaction inserts the same row under another unique constraint (two runs
    storing one fetched page: ``raw_page``'s url). Taken first, before any row lock, the
    advisory lock cannot deadlock.
    """
    with engine.begin() as conn:
        lock_batch(conn, batch_id)
        yield conn


def lock_batch(conn: Connection, batch_id: str) -> None:
    """Hold the batch's lock until this transaction ends, so two runs of one day take turns.

    A stage that replaces rows (delete, then insert) must not interleave with another run's
    same stage: on PostgreSQL, under READ COMMITTED, one run's delete of partnerships met the
    participants the other had just inserted (a foreign-key violation). SQLite needs nothing:
    its write transactions already run one at a time.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:space, hashtext(:batch))"),
                     {"space": BATCH_LOCK_SPACE, "batch": batch_id})


def refresh_planner_statistics(engine: Engine) -> None:
    """Let the query planner see the rows just loaded, before BI tools query the marts.

    Right after a large load PostgreSQL's statistics still describe the tables as they were
    (autovacuum analyses them only later), and the marts' joins then get plans that are
    orders of magnitude slower: at 10,000 articles a full read of ``mart_partnership_stories``
    took 17 s before and 0.5 s after (``news-etl bench-warehouse``). SQLite's planner uses
    the same kind of statistics (``sqlite_stat1``).
    """
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("ANALYZE " + ", ".join(t.name for t in metadata.sorted_tables))
        else:
            conn.exec_driver_sql("ANALYZE")


def grant_bi_reader(engine: Engine, password: str) -> list[str]:
    """Create (or update) the PostgreSQL role ``bi_reader``: it may log in and read the marts,
    and nothing else (no operational or base table, no writes). Returns the marts granted."""
    if engine.dialect.name != "postgresql":
        raise ValueError("the bi_reader role exists on PostgreSQL only")
    ensure_schema(engine)
    with engine.begin() as conn:
        if not _role_exists(conn, BI_ROLE):
            conn.exec_driver_sql(f"CREATE ROLE {BI_ROLE} LOGIN")
        raw = conn.connection.dbapi_connection
        from psycopg import sql

        conn.exec_driver_sql(sql.SQL("ALTER ROLE {} WITH LOGIN PASSWORD {}").format(
            sql.Identifier(BI_ROLE), sql.Literal(password)).as_string(raw))
        database = conn.exec_driver_sql("SELECT current_database()").scalar()
        conn.exec_driver_sql(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
            sql.Identifier(database), sql.Identifier(BI_ROLE)).as_string(raw))
        conn.exec_driver_sql(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {BI_ROLE}")
        conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {BI_ROLE}")
        return _grant_marts(conn)


def upsert(
    conn: Connection,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    keys: Sequence[str],
    update: Iterable[str] | None = None,
) -> None:
    """Insert ``rows``; where a row's ``keys`` exist already, overwrite the ``update`` columns.

    ``update=None`` overwrites every non-key column; an empty list keeps the stored row.
    One set-based statement per call (``ON CONFLICT`` on both dialects).
    """
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table)
    columns = list(update) if update is not None else [c for c in rows[0] if c not in keys]
    if columns:
        stmt = stmt.on_conflict_do_update(
            index_elements=list(keys), set_={c: stmt.excluded[c] for c in columns}
        )
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=list(keys))
    conn.execute(stmt, list(rows))


def storage_problem(url: str) -> str | None:
    """Why a SQLite warehouse cannot be written, when its file system says so: read-only, or
    (next to) no space left. SQLite itself only reports "unable to open database file" or
    "disk I/O error"; this names the cause for the user. None for PostgreSQL or no problem."""
    if not url.startswith("sqlite:///") or url == "sqlite:///:memory:":
        return None
    folder = Path(url[len("sqlite:///"):]).parent
    try:
        if not os.access(folder, os.W_OK):
            return f"the warehouse folder {folder} is read-only"
        free = shutil.disk_usage(folder).free
    except OSError:
        return None
    return f"no space left on the device of {folder} ({free} bytes free)" if free < 1024 * 1024 else None


def mask_url(url: str) -> str:
    """The URL with any password replaced, for logs and summaries."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown as a placeholder, never echoed
        return "<unparsable warehouse URL>"


MARTS_DIR = Path(__file__).resolve().parents[2] / "include" / "sql" / "marts"


def _mart_statements(dialect: str) -> list[str]:
    """DROP/CREATE VIEW statements for every ``include/sql/marts/NN__name.sql``, in file order."""
    statements: list[str] = []
    for path in sorted(MARTS_DIR.glob("*.sql")):
        name = path.stem.split("__", 1)[-1]
        body = path.read_text(encoding="utf-8").strip().rstrip(";")
        if dialect == "sqlite":  # the marts are written in PostgreSQL's dialect
            body = body.replace("string_agg(", "group_concat(")
        drop = f"DROP VIEW IF EXISTS {name}" + (" CASCADE" if dialect == "postgresql" else "")
        statements += [drop, f"CREATE VIEW {name} AS\n{body}"]
    return statements


BI_ROLE = "bi_reader"


def mart_names() -> list[str]:
    """The BI marts (views named ``mart_*``), in creation order; helper views are left out."""
    names = [path.stem.split("__", 1)[-1] for path in sorted(MARTS_DIR.glob("*.sql"))]
    return [name for name in names if name.startswith("mart_")]


def _role_exists(conn: Connection, role: str) -> bool:
    return bool(conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar())


def _grant_marts(conn: Connection) -> list[str]:
    marts = mart_names()
    for name in marts:
        conn.exec_driver_sql(f"GRANT SELECT ON {name} TO {BI_ROLE}")
    return marts


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # let SQLAlchemy's "begin" event issue BEGIN IMMEDIATE
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={int(os.environ.get('NEWS_ETL_SQLITE_BUSY_MS', '600000'))}")
    cur.close()


def _sqlite_begin_immediate(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")
