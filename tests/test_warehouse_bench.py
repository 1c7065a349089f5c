"""The warehouse benchmark runs on both dialects, proves its loads idempotent and validates clean."""

from __future__ import annotations

import json

import pytest
from news_etl.cli import main
from news_etl.warehouse_bench import run_warehouse_bench, scratch_warehouse
from sqlalchemy import create_engine, text


def test_bench_loads_twice_without_new_rows_and_passes_the_gate(warehouse_url):
    result = run_warehouse_bench(warehouse_url, articles=120)
    assert result.idempotent, (result.table_rows, result.table_rows_after_rerun)
    assert result.table_rows["article"] == 120 and result.table_rows["partnership"] > 10
    assert result.validation_passed and result.validation_expectations >= 30
    assert all(step.rows > 0 for step in result.first_pass)
    assert result.mart_rows["mart_partnerships"] == result.table_rows["partnership"]
    assert set(result.mart_read_seconds) == set(result.mart_rows) and "mart_org_partner_edges" in result.mart_rows


def test_bench_refuses_a_warehouse_that_holds_articles(warehouse_url):
    run_warehouse_bench(warehouse_url, articles=20, validate=False)
    with pytest.raises(ValueError, match="empty warehouse"):
        run_warehouse_bench(warehouse_url, articles=20, validate=False)


def test_bench_command_writes_figures_and_drops_its_scratch_databases(tmp_path, pg_server_url, capsys):
    admin = pg_server_url  # any database on the server serves as the admin connection
    before = _bench_databases(admin)
    out = tmp_path / "bench.json"
    code = main(["bench-warehouse", "--articles", "30", "--no-validate", "--pg-admin-url", admin,
                 "--output", str(out)])
    assert code == 0
    figures = json.loads(out.read_text())
    assert [f["dialect"] for f in figures] == ["sqlite", "postgresql"] and all(f["idempotent"] for f in figures)
    assert "| postgresql | 30 | rerun |" in capsys.readouterr().out
    assert _bench_databases(admin) == before


def _bench_databases(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return set(conn.execute(text(
                "SELECT datname FROM pg_database WHERE datname LIKE 'news_etl_bench_%'")).scalars())
    finally:
        engine.dispose()


def test_scratch_postgres_needs_a_server():
    with pytest.raises(ValueError, match="pg-admin-url"), scratch_warehouse("postgresql", None):
        pass
