"""mart_org_partner_edges scales with the participants (issue 9) and keeps its rows.

The mart used to join the published participant set to itself; SQLite then scanned that
derived set once per row (quadratic). The reference below is that original definition:
the rewritten view must return exactly its rows, columns and grain, on a warehouse with
unpublished batches, undated articles and every kind of analyst correction.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from news_etl import warehouse as wh
from news_etl.warehouse_bench import run_warehouse_bench
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

REFERENCE = """
with party as (
    select partnership_id, org_id, organization_name, coalesce(published_at, first_seen_at) as seen_at
    from mart_partnership_participants
)
select
    a.org_id as org_a_id, a.organization_name as org_a_name,
    b.org_id as org_b_id, b.organization_name as org_b_name,
    count(distinct a.partnership_id) as partnership_count,
    min(a.seen_at) as first_seen_at, max(a.seen_at) as last_seen_at
from party a
join party b on b.partnership_id = a.partnership_id and a.org_id < b.org_id
group by a.org_id, a.organization_name, b.org_id, b.organization_name
"""
FAILED_BATCH = "2026-01-02"


def test_edges_equal_the_self_join_of_published_participants(warehouse_url):
    run_warehouse_bench(warehouse_url, articles=400)
    engine = wh.make_engine(warehouse_url)
    try:
        merged_away = _unpublish_undate_and_correct(engine)
        with engine.connect() as conn:
            result = conn.execute(text("SELECT * FROM mart_org_partner_edges"))
            columns, rows = list(result.keys()), _sorted(result.tuples().all())
            reference = conn.execute(text(REFERENCE))
            assert columns == list(reference.keys())
            assert rows == _sorted(reference.tuples().all())
            assert len(rows) > 200 and max(row[4] for row in rows) > 1
            assert not merged_away & ({row[0] for row in rows} | {row[2] for row in rows})
    finally:
        engine.dispose()


@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)
def test_sqlite_looks_up_the_second_party_by_partnership(warehouse_url):
    """The quadratic plan scanned both sides ('SCAN a', 'SCAN b'); side b must be searched."""
    run_warehouse_bench(warehouse_url, articles=400)
    engine = wh.make_engine(warehouse_url)
    try:
        with engine.connect() as conn:
            plan = [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN SELECT * FROM mart_org_partner_edges")]
        assert any(step.startswith("SEARCH b ") and "partnership_id=?" in step for step in plan), plan
    finally:
        engine.dispose()


def _unpublish_undate_and_correct(engine: Engine) -> set[str]:
    """Move some partnerships and articles into a failed batch, drop some article dates, and
    record a correction of each kind; 40 organisations merged into one make pairs that recur
    (and parties that become one). Returns the organisations merged away."""
    with engine.begin() as conn:
        partnerships = _partnership_articles(conn)
        conn.execute(wh.pipeline_run.insert().values(
            batch_id=FAILED_BATCH, as_of=datetime(2026, 1, 2, tzinfo=UTC), status="failed"))
        conn.execute(text("UPDATE partnership SET batch_id = :b WHERE partnership_id IN (:p1, :p2)"),
                     {"b": FAILED_BATCH, "p1": partnerships[0][0], "p2": partnerships[1][0]})
        conn.execute(text("UPDATE article SET batch_id = :b WHERE article_id IN (:a1, :a2)"),
                     {"b": FAILED_BATCH, "a1": partnerships[2][1], "a2": partnerships[3][1]})
        conn.execute(text("UPDATE article SET published_at = NULL WHERE article_id IN (:a1, :a2)"),
                     {"a1": partnerships[4][1], "a2": partnerships[5][1]})
        parties = conn.execute(text(
            "SELECT org_id FROM partnership_participant WHERE partnership_id = :p ORDER BY org_id"),
            {"p": partnerships[6][0]}).scalars().all()
        outsider = conn.execute(text(
            "SELECT min(org_id) FROM organization WHERE org_id NOT IN "
            "(SELECT org_id FROM partnership_participant WHERE partnership_id = :p)"),
            {"p": partnerships[7][0]}).scalar_one()
        kept, *merged_away = conn.execute(text(
            "SELECT org_id FROM organization WHERE org_id <> :o ORDER BY org_id LIMIT 41"),
            {"o": outsider}).scalars().all()
        corrections = [
            ("reject_partnership", partnerships[8][1], None, None),
            ("remove_participant", partnerships[6][1], parties[0], None),
            ("add_participant", partnerships[7][1], outsider, None),
        ] + [("merge_organization", None, org, kept) for org in merged_away]
        conn.execute(wh.analyst_correction.insert(), [
            {"correction_id": f"c{i}", "action": action, "article_id": article, "org_id": org, "into_org_id": into}
            for i, (action, article, org, into) in enumerate(corrections)])
    return set(merged_away)


def _partnership_articles(conn: Connection) -> list[tuple[str, str]]:
    """(partnership_id, article_id) of published partnerships, one per article, in a fixed order."""
    return conn.execute(text(
        "SELECT min(partnership_id), article_id FROM partnership GROUP BY article_id ORDER BY article_id LIMIT 9"
    )).tuples().all()


def _sorted(rows: list[tuple]) -> list[tuple]:
    return sorted(rows, key=lambda row: tuple(str(value) for value in row))
