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


def test_before_the_first_run_the_menu_pages_explain_instead_of_failing(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWS_ETL_DATA_DIR", str(tmp_path / "never-written"))
    sys.modules.pop("news_etl_ui", None)
    plugin = importlib.import_module("news_etl_ui")
    client = TestClient(plugin.NewsEtlPlugin.fastapi_apps[0]["app"])
    for path, what in (("/data-docs/index.html", "No Data Docs"), ("/reports/latest.html", "No daily digest")):
        page = client.get(path)
        assert page.status_code == 404 and what in page.text, (path, page.text)
    sys.modules.pop("news_etl_ui", None)
