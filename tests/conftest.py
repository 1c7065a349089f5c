"""Shared fixtures: the loopback fixture site, warehouses on SQLite and PostgreSQL, settings.

PostgreSQL is required: each test session creates its own database on the server at
``NEWS_ETL_TEST_PG_ADMIN_URL`` (default: the local server, trust auth) and drops it at
the end. When the server cannot be reached the PostgreSQL tests fail, they never skip,
unless ``NEWS_ETL_SKIP_PG=1`` is set explicitly (never in CI).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Airflow reads its configuration at import: point it at a private home before anything imports it.
_AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="news-etl-airflow-"))
os.environ["AIRFLOW_HOME"] = str(_AIRFLOW_HOME)
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(Path(__file__).resolve().parents[1] / "dags")
os.environ["AIRFLOW__CORE__PLUGINS_FOLDER"] = str(Path(__file__).resolve().parents[1] / "plugins")
os.environ.pop("NEWS_ETL_WAREHOUSE_URL", None)

from news_etl.config import Settings, load_settings  # noqa: E402
from news_etl.fixture_site import FixtureSite, serve_fixture_site, write_demo_catalogue  # noqa: E402
from news_etl.warehouse_bench import scratch_database  # noqa: E402
from sqlalchemy import create_engine  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN_URL = os.environ.get("NEWS_ETL_TEST_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(scope="session")
def airflow_db() -> Path:
    """Airflow's metadata database (SQLite in the session's private AIRFLOW_HOME), migrated once."""
    airflow = Path(sys.executable).with_name("airflow")
    result = subprocess.run([str(airflow), "db", "migrate"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return _AIRFLOW_HOME


@pytest.fixture(scope="session")
def fixture_site() -> Iterator[FixtureSite]:
    """The seed fixture site on a loopback port for the whole session."""
    with serve_fixture_site() as site:
        yield site


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this session; dropped afterwards."""
    if os.environ.get("NEWS_ETL_SKIP_PG") == "1":
        pytest.skip("NEWS_ETL_SKIP_PG=1")
    admin = create_engine(PG_ADMIN_URL)
    try:
        with admin.connect():
            pass
    except Exception as exc:  # noqa: BLE001 - turned into a test failure with the reason
        pytest.fail(f"PostgreSQL is required for the tests and is not reachable at {PG_ADMIN_URL}: {exc}")
    finally:
        admin.dispose()
    with scratch_database(PG_ADMIN_URL, "news_etl_test_") as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def warehouse_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty warehouse on each dialect."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'warehouse.db'}"
        return
    request.getfixturevalue("pg_server_url")  # fails (never skips) when PostgreSQL is unreachable
    with pg_database() as url:
        yield url


def pg_database(admin_url: str = PG_ADMIN_URL):
    """An empty, uniquely named database on the server at ``admin_url``; dropped afterwards."""
    return scratch_database(admin_url, "t_")


@pytest.fixture
def pipeline_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fixture_site: FixtureSite,
                 warehouse_url: str) -> Settings:
    """NEWS_ETL_* set for a run over the fixture feed into ``warehouse_url``; returns the settings."""
    feeds = write_demo_catalogue(fixture_site, tmp_path / "feeds.yaml")
    env = {
        "NEWS_ETL_FEEDS": str(feeds),
        "NEWS_ETL_WAREHOUSE_URL": warehouse_url,
        "NEWS_ETL_ALLOW_HOSTS": "127.0.0.1",
        "NEWS_ETL_HOST_DELAY_S": "0",
        "NEWS_ETL_DATA_DIR": str(tmp_path / "data"),
        "NEWS_ETL_WORKERS": "2",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return load_settings()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--e2e", action="store_true",
                     help="run the end-to-end test of the distributed deployment (make e2e)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``make test`` leaves the minutes-long end-to-end test to ``make e2e`` (``--e2e``), and vice versa."""
    wanted = config.getoption("--e2e")
    keep = [item for item in items if (item.get_closest_marker("e2e") is not None) == wanted]
    if len(keep) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in keep])
        items[:] = keep


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Remove the session's private Airflow home."""
    import shutil

    shutil.rmtree(_AIRFLOW_HOME, ignore_errors=True)
