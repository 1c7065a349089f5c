"""The Airflow UI plugin serves the latest Data Docs and links to them."""

from __future__ import annotations

import importlib
import sys
from datetime import date

from fastapi.testclient import TestClient
from news_etl.pipeline import Batch, run_once


def test_plugin_serves_the_data_docs_of_the_latest_run(pipeline_env, monkeypatch):
    settings = pipeline_env
    assert settings.warehouse_url.startswith(("sqlite", "postgresql"))
    run_once(settings, Batch.for_day(date(2026, 11, 23), "d1"))
    assert (settings.data_dir / "data_docs" / "index.html").exists()

    sys.modules.pop("news_etl_ui", None)
    plugin = importlib.import_module("news_etl_ui")
    (app_spec,) = plugin.NewsEtlPlugin.fastapi_apps
    client = TestClient(app_spec["app"])
    index = client.get("/data-docs/index.html")
    assert index.status_code == 200 and "Data Docs" in index.text
    assert client.get("/", follow_redirects=False).headers["location"] == "/news-etl/data-docs/index.html"
    docs, digest = plugin.NewsEtlPlugin.external_views
    assert docs["href"] == "/news-etl/data-docs/index.html" and docs["category"] == "browse"
    assert digest["href"] == "/news-etl/reports/latest.html"
    page = client.get("/reports/latest.html")
    assert page.status_code == 200 and "new-partnerships" in page.text
