"""Airflow UI plugin: the Great Expectations Data Docs of the latest validation and the daily
digest, served by Airflow's API server under ``/news-etl/`` and linked from the Browse menu."""

from __future__ import annotations

from html import escape
from pathlib import Path

from airflow.plugins_manager import AirflowPlugin
from fastapi import FastAPI
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from news_etl.config import load_settings
from starlette.types import Scope

DOCS_PREFIX = "/news-etl"


class _PublishedFiles(StaticFiles):
    """Static files of a folder the pipeline writes later: until it exists, a page saying so.

    Starlette answers a missing folder with a server error; a data engineer opening the menu
    before the first validation should read why there is nothing yet instead.
    """

    def __init__(self, directory: Path, what: str, html: bool = False) -> None:
        super().__init__(directory=directory, html=html, check_dir=False)
        self._folder, self._what = directory, what

    async def check_config(self) -> None:
        if self._folder.is_dir():
            await super().check_config()

    async def get_response(self, path: str, scope: Scope) -> Response:
        if not self._folder.is_dir():
            return HTMLResponse(
                f"<!doctype html><title>news-etl</title><p>No {escape(self._what)} yet: it is written by the "
                f"daily run (<code>{escape(str(self._folder))}</code> does not exist).</p>",
                status_code=404,
            )
        return await super().get_response(path, scope)


def create_app() -> FastAPI:
    """The plugin's app: the Data Docs and digest folders as static files."""
    app = FastAPI(title="news-etl", docs_url=None, redoc_url=None, openapi_url=None)
    data_dir = load_settings().data_dir
    app.mount("/data-docs", _PublishedFiles(data_dir / "data_docs", "Data Docs (no validation has run)", html=True),
              name="data-docs")
    app.mount("/reports", _PublishedFiles(data_dir / "reports", "daily digest"), name="reports")

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
