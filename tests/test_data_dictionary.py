"""docs/data_dictionary.md is generated from the schema and must be current."""

from __future__ import annotations

from news_etl.config import PROJECT_ROOT
from news_etl.data_dictionary import render


def test_data_dictionary_is_current():
    committed = (PROJECT_ROOT / "docs" / "data_dictionary.md").read_text(encoding="utf-8")
    assert committed == render(), "docs/data_dictionary.md is stale: run `news-etl data-dictionary`"
    for name in ("article", "partnership_participant", "mart_org_partner_edges", "mart_daily_ingestion"):
        assert f"### `{name}`" in committed
