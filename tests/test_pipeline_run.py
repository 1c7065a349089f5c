"""The whole pipeline in-process (``news-etl run``'s path) over the fixture site, on both dialects."""

from __future__ import annotations

import sys
import threading
from datetime import date

from news_etl.pipeline import Batch, run_once
from seed_checks import assert_seed_labels_met, snapshot

DAY = date(2026, 11, 23)


def test_run_once_loads_the_seeds_and_a_rerun_changes_nothing(pipeline_env, fixture_site):
    settings = pipeline_env
    summary = run_once(settings, Batch.for_day(DAY, "test-1"))
    assert summary["status"] == "published", summary
    assert summary["articles_new"] == 5 and summary["feeds_failed"] == 0
    assert_seed_labels_met(settings.warehouse_url, fixture_site.base_url)

    before = snapshot(settings.warehouse_url)
    again = run_once(settings, Batch.for_day(DAY, "test-2"))
    assert again["status"] == "published"
    assert snapshot(settings.warehouse_url) == before


def test_next_day_adds_nothing_new_and_keeps_first_seen(pipeline_env):
    settings = pipeline_env
    run_once(settings, Batch.for_day(DAY, "day-1"))
    summary = run_once(settings, Batch.for_day(date(2026, 11, 24), "day-2"))
    assert summary["status"] == "published"
    assert summary["articles_new"] == 0 and summary["articles_total"] == 5
    assert summary["pages_fetched"] == 0  # already stored pages are not downloaded again


def test_marts_serve_the_published_seed_batch(pipeline_env):
    from sqlalchemy import create_engine, text

    settings = pipeline_env
    run_once(settings, Batch.for_day(DAY, "marts"))
    engine = create_engine(settings.warehouse_url)
    with engine.connect() as conn:
        def count(sql: str) -> int:
            return conn.execute(text(sql)).scalar()

        assert count("SELECT count(*) FROM mart_partnerships") == 5
        assert count("SELECT min(participant_count) FROM mart_partnerships") >= 2
        assert count("SELECT count(*) FROM mart_partnership_participants") == count(
            "SELECT count(*) FROM partnership_participant")
        # Three of the seed partnerships name at least three parties: at least 3+3+3+1+1 edges.
        assert count("SELECT count(*) FROM mart_org_partner_edges") >= 11
        assert count("SELECT max(partnership_count) FROM mart_org_partner_edges") >= 1
        assert conn.execute(text(
            "SELECT articles_new, partnerships, feeds_failed, feeds_polled FROM mart_daily_ingestion")).one() == (
            5, 5, 0, 1)
        assert count("SELECT count(*) FROM mart_feed_health WHERE is_healthy") == 1
        assert conn.execute(text("SELECT pages_ok, pages_error, pages_pending FROM mart_feed_health")).one() == (
            5, 0, 0)
        # every stored field says where it came from
        assert count("SELECT count(*) FROM article WHERE title_source IS NULL OR published_at_source IS NULL"
                     " OR (author IS NOT NULL AND author_source IS NULL)") == 0
    engine.dispose()


def test_background_import_loads_the_module_and_keeps_a_failure_to_itself(tmp_path, monkeypatch):
    from news_etl.pipeline import _import_in_background

    (tmp_path / "warm_ok.py").write_text("LOADED = True\n", encoding="utf-8")
    (tmp_path / "warm_broken.py").write_text("raise RuntimeError('broken on import')\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    unhandled: list[BaseException] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: unhandled.append(args.exc_value))
    ok, broken = _import_in_background("warm_ok"), _import_in_background("warm_broken")
    ok.join(30)
    broken.join(30)
    assert not ok.is_alive() and not broken.is_alive() and ok.daemon
    assert sys.modules["warm_ok"].LOADED
    assert "warm_broken" not in sys.modules and unhandled == []  # failed quietly; the stage's import raises
