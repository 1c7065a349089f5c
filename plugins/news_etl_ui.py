"""Airflow UI plugin: the Great Expectations Data Docs of the latest validation and the daily
digest, served by Airflow's API server under ``/news-etl/`` and linked from the Browse menu."""

from __future__ import annotations

from airflow.plugins_manager import AirflowPlugin
from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from news_etl.config import load_settings

DOCS_PREFIX = "/news-etl"


def create_app() -> FastAPI:
    """The plugin's app: the Data Docs folder as static files (404 until the first validation)."""
    app = FastAPI(title="news-etl", docs_url=None, redoc_url=None, openapi_url=None)
    data_dir = load_settings().data_dir
    app.mount("/data-docs", StaticFiles(directory=data_dir / "data_docs", html=True, check_dir=False),
              name="data-docs")
    app.mount("/reports", StaticFiles(directory=data_dir / "reports", check_dir=False), name="reports")

    @app.get("/", include_in_schema=False)
    def index() -> RedirectResponse:
        return RedirectResponse(f"{DOCS_PREFIX}/data-docs/index.html")

    return app


class NewsEtlPlugin(AirflowPlugin):
    """Registers the Data Docs app and a menu link to it."""

    name = "news_etl"
    fastapi_apps = [{"app": create_app(), "url_prefix": DOCS_PREFIX, "name": "news-etl Data Docs"}]
    external_views = [
        {
            "name": "Data quality (GX Data Docs)",
            "href": f"{DOCS_PREFIX}/data-docs/index.html",
            "destination": "nav",
            "category": "browse",
            "url_route": "news_etl_data_docs",
        },
        {
            "name": "Daily digest",
            "href": f"{DOCS_PREFIX}/reports/latest.html",
            "destination": "nav",
            "category": "browse",
            "url_route": "news_etl_digest",
        },
    ]
