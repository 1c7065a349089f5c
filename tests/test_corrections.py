"""Analysts' corrections are applied by the marts and survive reruns and reclassification."""

from __future__ import annotations

from datetime import date

from news_etl import warehouse as wh
from news_etl.orgs import org_key
from news_etl.pipeline import Batch, classify_articles, load_partnerships, run_once
from sqlalchemy import text

DAY = date(2026, 11, 23)


def test_corrections_apply_and_survive_reclassification(pipeline_env):
    settings = pipeline_env
    run_once(settings, Batch.for_day(DAY, "d1"))
    engine = wh.make_engine(settings.warehouse_url)

    def article_id(word: str) -> str:
        with engine.connect() as conn:
            return conn.execute(text("SELECT article_id FROM article WHERE title LIKE :t"), {"t": f"%{word}%"}).scalar()

    def org_id(name: str) -> str:
        return wh.stable_id("org", org_key(name))

    leicester, northwestern, hillingdon = article_id("Leicester"), article_id("Northwestern"), article_id("Hillingdon")
    corrections = [
        ("c1", "reject_partnership", leicester, None, None, None),
        ("c2", "set_type", northwestern, None, "technology_collaboration", None),
        ("c3", "remove_participant", hillingdon, org_id("Oracle Health"), None, None),
        ("c4", "add_participant", northwestern, org_id("Oracle Health"), None, None),
        ("c5", "merge_organization", None, org_id("The London Clinic"), None, org_id("Northwestern Medicine")),
    ]
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO analyst_correction (correction_id, action, article_id, org_id, partnership_type, into_org_id, "
            "created_by) VALUES (:i, :a, :art, :o, :t, :into, 'analyst')"),
            [dict(zip(("i", "a", "art", "o", "t", "into"), c, strict=True)) for c in corrections])

    def marts() -> dict:
        with engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT article_id, partnership_type, participant_count FROM mart_partnerships")).tuples().all()
            parties = conn.execute(text(
                "SELECT organization_name FROM mart_partnership_participants pp JOIN partnership p "
                "ON p.partnership_id = pp.partnership_id WHERE p.article_id = :a"), {"a": northwestern}
            ).scalars().all()
            hill = conn.execute(text(
                "SELECT organization_name FROM mart_partnership_participants pp JOIN partnership p "
                "ON p.partnership_id = pp.partnership_id WHERE p.article_id = :a"), {"a": hillingdon}
            ).scalars().all()
        return {"rows": {a: (t, n) for a, t, n in rows}, "northwestern": sorted(parties), "hillingdon": hill}

    before = marts()
    assert leicester not in before["rows"] and len(before["rows"]) == 4
    assert before["rows"][northwestern][0] == "technology_collaboration"
    assert before["northwestern"] == ["Northwestern Medicine", "Oracle Health"]  # London Clinic merged, Oracle added
    assert "Oracle Health" not in before["hillingdon"]

    classify_articles(settings, Batch.for_day(DAY, "reclassify"), reclassify=True)
    load_partnerships(settings, Batch.for_day(DAY, "reclassify"))
    run_once(settings, Batch.for_day(DAY, "rerun"))
    assert marts() == before
    engine.dispose()
