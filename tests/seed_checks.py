"""Assertions on a warehouse loaded from the seed fixtures, shared by the pipeline and DAG tests."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from news_etl.orgs import org_key
from sqlalchemy import create_engine, inspect, text

ROOT = Path(__file__).resolve().parents[1]
LABELS = json.loads((ROOT / "seeds" / "labels.json").read_text(encoding="utf-8"))
ROUTES = json.loads((ROOT / "seeds" / "fixtures" / "routes.json").read_text(encoding="utf-8"))

# Columns that record when or how long something ran: they differ between two runs by nature.
VOLATILE = {
    "pipeline_run": {"run_id", "started_at", "finished_at"},
    "stage_run": {"finished_at"},
    "feed_poll": {"polled_at", "elapsed_ms", "http_status", "bytes"},  # the latest poll: 200, then 304
    "page_fetch": {"elapsed_ms"},
    "dq_validation_result": {"validated_at"},
}
# Set from the wall clock when a feed is polled: two warehouses filled at different moments
# differ here (a rerun in the same warehouse does not), so comparisons across warehouses skip them.
ACROSS_WAREHOUSES = {**VOLATILE, "feed": {"last_polled_at", "next_poll_at"}}


def assert_seed_labels_met(url: str, base_url: str) -> None:
    """5 articles, no boilerplate in any body, every seed classified with its gold labels."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            articles = {r["url"]: r for r in conn.execute(text("SELECT * FROM article")).mappings()}
            assert len(articles) == 5, sorted(articles)
            by_file = {file.split("/")[-1].removesuffix(".html"): f"{base_url}{path}" for path, file in
                       ROUTES.items()}
            for seed in LABELS["seeds"]:
                stem = Path(seed["file"]).stem
                article = articles[by_file[stem]]
                body = article["body_text"]
                for line in seed["boilerplate"]:
                    assert line not in body, (stem, line)
                first_line = (ROOT / "seeds" / seed["file"]).read_text(encoding="utf-8").splitlines()
                assert any(sentence[:60] in body for sentence in first_line if len(sentence) > 80), stem
                if seed["author"]:
                    assert article["author"] == seed["author"], stem
                partnerships = conn.execute(text(
                    "SELECT partnership_id, partnership_type, confidence FROM partnership WHERE article_id = :a"
                ), {"a": article["article_id"]}).mappings().all()
                assert partnerships, f"{stem}: no partnership found"
                assert partnerships[0]["partnership_type"] in seed["partnership_types"], (
                    stem, partnerships[0]["partnership_type"])
                assert 0 <= partnerships[0]["confidence"] <= 1
                found = _participant_names(conn, partnerships[0]["partnership_id"])
                for gold in seed["participants"]:
                    variants = {org_key(gold), *(org_key(a) for a in seed["aliases"].get(gold, []))}
                    assert any(v in names for names in found.values() for v in variants), (
                        stem, gold, found)
            # One organization row per real organisation: no two rows share a name key.
            names = [org_key(n) for n in conn.execute(text("SELECT name FROM organization")).scalars()]
            assert len(names) == len(set(names)), names
    finally:
        engine.dispose()


def snapshot(url: str, volatile: dict[str, set[str]] = VOLATILE) -> dict[str, Any]:
    """Every table's rows (``volatile`` timing columns left out), sorted, for before/after comparison."""
    engine = create_engine(url)
    try:
        tables = sorted(inspect(engine).get_table_names())
        result: dict[str, Any] = {}
        with engine.connect() as conn:
            for table in tables:
                rows = conn.execute(text(f"SELECT * FROM {table}")).mappings().all()
                skip = volatile.get(table, set())
                result[table] = sorted(
                    tuple((k, _comparable(v)) for k, v in sorted(row.items()) if k not in skip) for row in rows
                )
        return result
    finally:
        engine.dispose()


def _comparable(value: Any) -> str:
    """``repr`` of a value, aware times in UTC (servers may name their UTC zone differently)."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone(UTC)
    return repr(value)


def _participant_names(conn: Any, partnership_id: str) -> dict[str, set[str]]:
    rows = conn.execute(text(
        "SELECT o.org_id, o.name, a.alias FROM partnership_participant pp "
        "JOIN organization o ON o.org_id = pp.org_id "
        "LEFT JOIN organization_alias a ON a.org_id = o.org_id WHERE pp.partnership_id = :p"
    ), {"p": partnership_id}).all()
    names: dict[str, set[str]] = {}
    for org_id, name, alias in rows:
        names.setdefault(org_id, {org_key(name)})
        if alias:
            names[org_id].add(org_key(alias))
    return names
