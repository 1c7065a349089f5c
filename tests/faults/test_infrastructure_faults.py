"""Infrastructure faults, each caused for real; afterwards the warehouse equals a clean run's, row for row.

* PostgreSQL restarted (``pg_ctl restart``, a private cluster) while the load holds its transaction;
* the warehouse's file system read-only, and full (a tmpfs remounted ``ro`` / filled to the last byte);
* the run's process SIGKILLed from outside in the middle of a stage, then the day rerun;
* the same day run twice at once (SQLite and PostgreSQL);
* a feed whose clock is years ahead.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from fault_helpers import DAY, clean_snapshot, run_day_in_child, warehouse_rows
from http_server import serve
from infrastructure import fill, private_postgres, remount, tmpfs
from news_etl import faults
from news_etl import warehouse as wh
from news_etl.fixture_site import FixtureSite
from news_etl.pipeline import (
    Batch,
    classify_articles,
    extract_articles,
    fetch_pages,
    load_partnerships,
    poll_feed,
    publish_batch,
    run_once,
    start_batch,
    validate_batch,
)
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError, OperationalError

NEWS_ETL = str(Path(sys.executable).with_name("news-etl"))


@pytest.mark.parametrize("warehouse_url", ["postgresql"], indirect=True)
def test_postgres_restarted_during_the_load_rolls_back_and_the_retry_completes(pipeline_env, tmp_path):
    expected = clean_snapshot(pipeline_env, tmp_path)
    with private_postgres() as cluster:
        from conftest import pg_database

        with pg_database(cluster.admin_url) as url:
            settings = pipeline_env.with_warehouse(url)
            batch = Batch.for_day(DAY, "restart")
            for feed in start_batch(settings, batch):
                poll_feed(settings, batch, feed["feed_id"])
            fetch_pages(settings, batch)
            extract_articles(settings, batch)
            classify_articles(settings, batch)

            # Hold a lock the load needs after it has written the organisations, then restart the server.
            engine = create_engine(url)
            blocker = engine.connect()
            blocker.begin()
            blocker.execute(text("LOCK TABLE organization_alias IN ACCESS EXCLUSIVE MODE"))
            failure: list[BaseException] = []
            load = threading.Thread(target=_capture, args=(failure, load_partnerships, settings, batch))
            load.start()
            _wait_for(lambda: _lock_waiters(cluster.admin_url) > 0, "the load to wait for its lock")
            cluster.pg_ctl("restart", "-m", "fast")
            load.join(60)
            blocker.invalidate()
            assert failure and isinstance(failure[0], OperationalError), failure
            with engine.connect() as conn:  # the dead transaction's organisations are gone with it
                assert conn.execute(text("SELECT count(*) FROM organization")).scalar() == 0
                assert conn.execute(text("SELECT count(*) FROM stage_run WHERE stage = 'load'")).scalar() == 0
            engine.dispose()

            load_partnerships(settings, batch)  # Airflow's retry of the task
            validate_batch(settings, batch)
            publish_batch(settings, batch)
            assert warehouse_rows(url) == expected


@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)
def test_read_only_warehouse_gives_a_clear_error_and_writes_nothing(pipeline_env, tmp_path):
    expected = clean_snapshot(pipeline_env, tmp_path)
    with tmpfs("32m") as disk:
        settings = _warehouse_on(pipeline_env, disk)
        assert run_day_in_child({faults.ENV: "fetch_pages:after_commit"}, "half") == -signal.SIGKILL
        before = warehouse_rows(settings.warehouse_url)
        remount(disk, "ro")
        try:
            result = _cli_run(settings)
        finally:
            remount(disk, "rw")
        assert result.returncode != 0
        assert "Traceback" not in result.stderr and "is read-only" in result.stderr, result.stderr[-2000:]
        assert warehouse_rows(settings.warehouse_url) == before
        assert run_once(settings, Batch.for_day(DAY, "after-ro"))["status"] == "published"
        assert warehouse_rows(settings.warehouse_url) == expected


@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)
def test_full_disk_gives_a_clear_error_and_writes_nothing(pipeline_env, tmp_path):
    expected = clean_snapshot(pipeline_env, tmp_path)
    with tmpfs("32m") as disk:
        settings = _warehouse_on(pipeline_env, disk)
        assert run_day_in_child({faults.ENV: "fetch_pages:after_commit"}, "half") == -signal.SIGKILL
        before = warehouse_rows(settings.warehouse_url)
        filler = fill(disk)
        try:
            result = _cli_run(settings)
        finally:
            filler.unlink()
        assert result.returncode != 0
        assert "Traceback" not in result.stderr and "no space left" in result.stderr, result.stderr[-2000:]
        assert warehouse_rows(settings.warehouse_url) == before
        assert run_once(settings, Batch.for_day(DAY, "after-full"))["status"] == "published"
        assert warehouse_rows(settings.warehouse_url) == expected


def test_a_run_sigkilled_mid_stage_and_rerun_equals_a_clean_run(pipeline_env, tmp_path):
    """The kill comes from outside, while the quality gate is running (after the load's record)."""
    expected = clean_snapshot(pipeline_env, tmp_path)
    process = subprocess.Popen([NEWS_ETL, "run", "--date", DAY.isoformat()], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        _wait_for(lambda: _stages(pipeline_env.warehouse_url) >= {"load"}, "the load to finish", process)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(60)
    assert process.returncode == -signal.SIGKILL
    assert "publish" not in _stages(pipeline_env.warehouse_url)
    assert run_once(pipeline_env, Batch.for_day(DAY, "retry"))["status"] == "published"
    assert warehouse_rows(pipeline_env.warehouse_url) == expected


def test_the_same_day_twice_at_once_equals_one_clean_run(pipeline_env, tmp_path):
    expected = clean_snapshot(pipeline_env, tmp_path)
    results: list[int | None] = []
    runs = [threading.Thread(target=lambda i=i: results.append(run_day_in_child(run_id=f"twin-{i}")))
            for i in range(2)]
    for run in runs:
        run.start()
    for run in runs:
        run.join()
    assert results == [0, 0]
    assert warehouse_rows(pipeline_env.warehouse_url) == expected


@pytest.mark.parametrize("warehouse_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize("stage", [start_batch, fetch_pages, extract_articles, classify_articles, load_partnerships,
                                   validate_batch, publish_batch], ids=lambda stage: stage.__name__)
def test_a_stage_waits_while_another_run_holds_its_batch(pipeline_env, stage):
    """What keeps twin runs from interleaving their writes: each stage writes in transactions that
    hold the batch's lock (seen in twin runs on PostgreSQL before the lock: a load's delete met the
    other run's participants, a foreign-key violation; and two runs storing one fetched page broke
    ``raw_page``'s unique url, which an upsert on ``page_id`` does not cover)."""
    assert run_once(pipeline_env, Batch.for_day(DAY, "first"))["status"] == "published"
    batch = Batch.for_day(DAY, "second")
    done = threading.Event()
    worker = threading.Thread(target=lambda: (stage(pipeline_env, batch), done.set()))
    engine = wh.make_engine(pipeline_env.warehouse_url)
    try:
        with engine.begin() as conn:
            wh.lock_batch(conn, batch.batch_id)
            worker.start()
            assert not done.wait(3), f"{stage.__name__} wrote while another run held the batch"
        worker.join(120)
        assert done.is_set()
    finally:
        engine.dispose()


@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)
def test_a_feed_whose_clock_is_years_ahead(pipeline_env, fixture_site, monkeypatch, tmp_path):
    """Entry dates five years ahead and a Last-Modified in the future: the feed's dates are kept as
    what the feed said, never trusted as publication dates; everything else is as in a clean run."""
    site = FixtureSite(fixture_site.base_url)  # the same documents, to compare with the clean run
    content_type, feed = site.documents["/feed.xml"]
    future = re.sub(rb"(<pubDate>[^<]* )(\d{4})( )", lambda m: m[1] + str(int(m[2]) + 5).encode() + m[3], feed)
    assert future.count(b"<pubDate>") == feed.count(b"<pubDate>") and future != feed

    def handler(request):
        request.send_response(200)
        for key, value in {"Content-Type": content_type, "Content-Length": str(len(future)),
                           "Last-Modified": "Sat, 23 Nov 2041 06:00:00 GMT",
                           "Date": "Sat, 23 Nov 2041 06:00:00 GMT"}.items():
            request.send_header(key, value)
        request.end_headers()
        request.wfile.write(future)

    expected = clean_snapshot(pipeline_env, tmp_path)
    with serve({"/feed.xml": handler}) as base:
        (tmp_path / "future.yaml").write_text(Path(pipeline_env.feeds_path).read_text().replace(
            fixture_site.feed_url, f"{base}/feed.xml"), encoding="utf-8")
        settings = replace(pipeline_env, feeds_path=tmp_path / "future.yaml")
        summary = run_once(settings, Batch.for_day(DAY, "future"))
    assert summary["status"] == "published", summary
    got = warehouse_rows(settings.warehouse_url)
    engine = create_engine(settings.warehouse_url)
    with engine.connect() as conn:
        latest = conn.execute(text("SELECT max(published_at) FROM article")).scalar()
        entry_years = set(conn.execute(text("SELECT published_at FROM feed_entry")).scalars())
        flags = set(conn.execute(text("SELECT published_at_flag FROM article")).scalars())
    engine.dispose()
    # Feed dates pushed past the batch day are flagged ``future``; an old story whose shifted date
    # still falls before the batch day disagrees with its page by years, which is ``before_feed``.
    assert "future" in flags and flags <= {"future", "before_feed"}, flags
    assert str(latest) < "2026-11-26"  # nothing published after the batch day (+2 days)
    assert max(str(y) for y in entry_years) > "2029"  # the feed's own word, kept as said
    # Row for row as the clean run, but for the feed's address and the dates the feed gave.
    assert _without(got, FUTURE_DIFFERS) == _without(_with_feed_url(expected, fixture_site.feed_url,
                                                                    f"{base}/feed.xml"), FUTURE_DIFFERS)


FUTURE_DIFFERS = {  # the feed's address (another server) and what its clock said
    "feed": {"feed_id", "url", "etag", "last_modified"}, "feed_poll": {"feed_id"},
    "feed_entry": {"feed_id", "entry_id", "published_at"},
    "article": {"feed_id", "published_at", "published_at_source", "published_at_flag"},
}


def _without(rows: dict, columns: dict[str, set[str]]) -> dict:
    return {table: sorted(tuple(c for c in row if c[0] not in columns.get(table, ())) for row in table_rows)
            for table, table_rows in rows.items()}


def _with_feed_url(rows: dict, old: str, new: str) -> dict:
    return {table: [tuple((k, v.replace(old, new)) for k, v in row) for row in table_rows]
            for table, table_rows in rows.items()}


def _warehouse_on(settings, disk: Path):
    """Settings whose SQLite warehouse lives on ``disk``, exported for child processes too."""
    url = f"sqlite:///{disk / 'warehouse.db'}"
    os.environ["NEWS_ETL_WAREHOUSE_URL"] = url  # the pipeline_env fixture's monkeypatch restores it
    return settings.with_warehouse(url)


def _cli_run(settings) -> subprocess.CompletedProcess:
    return subprocess.run([NEWS_ETL, "run", "--date", DAY.isoformat()], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "NEWS_ETL_WAREHOUSE_URL": settings.warehouse_url,
                                            "NEWS_ETL_SQLITE_BUSY_MS": "2000"})


def _capture(failures: list[BaseException], func, *args) -> None:
    try:
        func(*args)
    except BaseException as exc:  # noqa: BLE001 - handed to the test thread to assert on
        failures.append(exc)


def _lock_waiters(admin_url: str) -> int:
    engine = create_engine(admin_url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")).scalar()
    finally:
        engine.dispose()


def _stages(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return set(conn.execute(text("SELECT stage FROM stage_run")).scalars())
    except DBAPIError:
        return set()  # not created yet
    finally:
        engine.dispose()


def _wait_for(condition, what: str, process: subprocess.Popen | None = None, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert process is None or process.poll() is None, f"the run ended before {what}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)
