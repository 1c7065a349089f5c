"""Reclassification of stored articles: `news-etl reclassify` and the reclassify DAG (dag.test()).

Both must rebuild the partnerships of stored batches with the current classifier, without
fetching, and converge on what a fresh daily run gives.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from news_etl import warehouse as wh
from news_etl.classify import CLASSIFIER_VERSION
from news_etl.cli import main
from news_etl.pipeline import Batch, load_partnerships, run_once
from seed_checks import snapshot
from sqlalchemy import create_engine, text

DAY = date(2026, 11, 23)
DAGS = Path(__file__).resolve().parents[1] / "dags"
STORED_ARTICLE_COLUMNS = [c.name for c in wh.article.columns if c.computed is None]


def _forget_verdicts(url: str) -> None:
    """What an older classifier would have left: other verdicts, no partnerships, no stories."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM partnership_participant"))
        conn.execute(text("DELETE FROM partnership"))
        conn.execute(text("DELETE FROM article_story"))
        conn.execute(text("UPDATE article_classification SET classifier_version = 'rules-0.1', "
                          "is_partnership = false, findings = '{\"partnerships\": []}'"))
    engine.dispose()


def _count(url: str, sql: str) -> int:
    engine = create_engine(url)
    with engine.connect() as conn:
        value = conn.execute(text(sql)).scalar_one()
    engine.dispose()
    return value


def test_reclassify_command_rebuilds_partnerships_without_fetching(pipeline_env, capsys):
    url = pipeline_env.warehouse_url
    assert run_once(pipeline_env, Batch.for_day(DAY, "daily"))["status"] == "published"
    before = snapshot(url)
    _forget_verdicts(url)
    assert _count(url, "SELECT count(*) FROM mart_partnerships") == 0

    assert main(["reclassify", "--since", DAY.isoformat(), "--until", DAY.isoformat()]) == 0
    assert "5 articles classified by " + CLASSIFIER_VERSION in capsys.readouterr().out
    assert snapshot(url) == before  # same verdicts, partnerships, stories; no page fetched again
    assert _count(url, "SELECT count(*) FROM mart_partnerships") >= 5
    assert _count(url, "SELECT count(*) FROM partnership WHERE classifier_version <> "
                       f"'{CLASSIFIER_VERSION}'") == 0

    assert main(["reclassify", "--since", "2030-01-01"]) == 0
    assert "nothing to reclassify" in capsys.readouterr().out


def test_reclassify_rejects_a_bad_date(capsys):
    with pytest.raises(SystemExit):
        main(["reclassify", "--since", "yesterday"])
    assert "not a date" in capsys.readouterr().err


@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)
def test_reclassify_dag_rebuilds_each_stored_batch(pipeline_env, airflow_db):
    from airflow.dag_processing.dagbag import DagBag

    url = pipeline_env.warehouse_url
    assert run_once(pipeline_env, Batch.for_day(DAY, "daily"))["status"] == "published"
    before = snapshot(url)
    _forget_verdicts(url)

    dag = DagBag(dag_folder=str(DAGS)).get_dag("healthcare_news_reclassify")
    run = dag.test(logical_date=datetime(2026, 11, 27, tzinfo=UTC),
                   run_conf={"since": DAY.isoformat(), "until": DAY.isoformat()})
    assert run.state == "success"
    assert snapshot(url) == before


def test_a_syndicated_copy_joins_the_story_and_the_announcement_counts_once(pipeline_env):
    url = pipeline_env.warehouse_url
    assert run_once(pipeline_env, Batch.for_day(DAY, "daily"))["status"] == "published"
    engine = create_engine(url)
    with engine.begin() as conn:
        stories_before = conn.execute(text("SELECT count(*) FROM mart_partnership_stories")).scalar_one()
        original = conn.execute(text(
            "SELECT a.* FROM article a JOIN partnership p ON p.article_id = a.article_id "
            "ORDER BY a.article_id LIMIT 1")).mappings().one()
        copy = {**{k: original[k] for k in STORED_ARTICLE_COLUMNS}, "article_id": "c" * 32,
                "url": original["url"] + "-syndicated",
                "canonical_url": original["canonical_url"] + "-syndicated",
                "title": "Reprinted: " + original["title"],
                "body_text": original["body_text"] + "\n\nThis story first appeared on a partner site."}
        conn.execute(text(f"INSERT INTO article ({', '.join(copy)}) VALUES ({', '.join(':' + k for k in copy)})"),
                     copy)
    engine.dispose()

    assert main(["reclassify", "--since", DAY.isoformat()]) == 0
    engine = create_engine(url)
    with engine.connect() as conn:
        story = conn.execute(text("SELECT story_id FROM article_story WHERE article_id = :a"),
                             {"a": "c" * 32}).scalar_one()
        rows = conn.execute(text("SELECT story_id, article_count FROM mart_partnership_stories")).all()
        partnerships = conn.execute(text("SELECT count(DISTINCT article_id) FROM mart_partnerships")).scalar_one()
    engine.dispose()
    assert story == original["article_id"]
    assert len(rows) == stories_before and partnerships == stories_before + 1
    assert dict(rows)[story] == 2


@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)
def test_loaded_partnerships_carry_the_version_that_classified_them(pipeline_env):
    """Provenance is the classifier that made the verdict, not the code that loads it later."""
    url = pipeline_env.warehouse_url
    batch = Batch.for_day(DAY, "daily")
    assert run_once(pipeline_env, batch)["status"] == "published"
    engine = create_engine(url)
    with engine.begin() as conn:  # verdicts stored by an older classifier, findings unchanged
        conn.execute(text("UPDATE article_classification SET classifier_version = 'rules-older'"))
    engine.dispose()

    load_partnerships(pipeline_env, batch)
    assert _count(url, "SELECT count(*) FROM partnership") >= 5
    assert _count(url, "SELECT count(*) FROM partnership WHERE classifier_version <> 'rules-older'") == 0
