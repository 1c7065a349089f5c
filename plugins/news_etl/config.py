"""One settings object for the DAG and the CLI, built from ``NEWS_ETL_*`` variables.

Defaults are safe for a laptop: the embedded SQLite warehouse under ``data/`` and the
real feed catalogue in ``seeds/feeds.yaml``, both resolved against the project root so
the result does not depend on the current directory.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

PROJECT_ROOT = Path(os.environ.get("NEWS_ETL_HOME") or Path(__file__).resolve().parents[2])
DEFAULT_WAREHOUSE_URL = "sqlite:///data/warehouse.db"
DEFAULT_USER_AGENT = (
    "news-etl/0.1 (healthcare-IT news research crawler; +https://github.com/news-etl/news-etl)"
)


class SettingsError(ValueError):
    """A setting has a value the product cannot use; the message names the variable."""


@dataclass(frozen=True, slots=True)
class EmailSettings:
    """Where alert e-mails go and through which SMTP server (``NEWS_ETL_ALERT_EMAIL_TO``, ``NEWS_ETL_SMTP_*``)."""

    to: tuple[str, ...]
    host: str = "localhost"
    port: int = 25
    sender: str = "news-etl@localhost"
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    starttls: bool = False


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a stage needs to know about its environment."""

    feeds_path: Path
    warehouse_url: str
    data_dir: Path
    allow_hosts: frozenset[str] = field(default_factory=frozenset)
    host_delay_s: float = 2.0
    workers: int = 1
    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 20.0
    fetch_budget_s: float = 60.0
    max_body_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    fetch_concurrency: int = 8
    host_concurrency: int = 2
    max_pages_per_feed: int = 100
    alert_webhook_url: str | None = None
    alert_email: EmailSettings | None = None

    def with_warehouse(self, url: str) -> Settings:
        """A copy pointing at another warehouse (used for the Airflow Connection)."""
        return replace(self, warehouse_url=_absolute_sqlite(url))


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from ``env`` (default: the process environment).

    Raises ``SettingsError`` with the variable's name when a value is malformed, so
    a typo gives one clear line instead of a traceback deep inside a stage.
    """
    env = os.environ if env is None else env
    data_dir = _path(env.get("NEWS_ETL_DATA_DIR") or "data")
    return Settings(
        feeds_path=_path(env.get("NEWS_ETL_FEEDS") or "seeds/feeds.yaml"),
        warehouse_url=_absolute_sqlite(env.get("NEWS_ETL_WAREHOUSE_URL") or DEFAULT_WAREHOUSE_URL),
        data_dir=data_dir,
        allow_hosts=frozenset(
            h.strip().lower() for h in env.get("NEWS_ETL_ALLOW_HOSTS", "").split(",") if h.strip()
        ),
        host_delay_s=_number(env, "NEWS_ETL_HOST_DELAY_S", 2.0, minimum=0.0),
        workers=int(_number(env, "NEWS_ETL_WORKERS", float(os.cpu_count() or 1), minimum=1)),
        user_agent=env.get("NEWS_ETL_USER_AGENT") or DEFAULT_USER_AGENT,
        connect_timeout_s=_number(env, "NEWS_ETL_CONNECT_TIMEOUT_S", 10.0, minimum=0.1),
        read_timeout_s=_number(env, "NEWS_ETL_READ_TIMEOUT_S", 20.0, minimum=0.1),
        fetch_budget_s=_number(env, "NEWS_ETL_FETCH_BUDGET_S", 60.0, minimum=0.1),
        max_body_bytes=int(_number(env, "NEWS_ETL_MAX_BODY_BYTES", 10 * 1024 * 1024, minimum=1024)),
        max_redirects=int(_number(env, "NEWS_ETL_MAX_REDIRECTS", 5, minimum=0)),
        fetch_concurrency=int(_number(env, "NEWS_ETL_FETCH_CONCURRENCY", 8, minimum=1)),
        host_concurrency=int(_number(env, "NEWS_ETL_HOST_CONCURRENCY", 2, minimum=1)),
        max_pages_per_feed=int(_number(env, "NEWS_ETL_MAX_PAGES_PER_FEED", 100, minimum=1)),
        alert_webhook_url=env.get("NEWS_ETL_ALERT_WEBHOOK_URL") or None,
        alert_email=_email(env),
    )


def _email(env: Mapping[str, str]) -> EmailSettings | None:
    """Alert e-mail settings, or None when ``NEWS_ETL_ALERT_EMAIL_TO`` names nobody."""
    to = tuple(a.strip() for a in env.get("NEWS_ETL_ALERT_EMAIL_TO", "").split(",") if a.strip())
    if not to:
        return None
    return EmailSettings(
        to=to, host=env.get("NEWS_ETL_SMTP_HOST") or "localhost",
        port=int(_number(env, "NEWS_ETL_SMTP_PORT", 25, minimum=1)),
        sender=env.get("NEWS_ETL_SMTP_FROM") or "news-etl@localhost",
        user=env.get("NEWS_ETL_SMTP_USER") or None, password=env.get("NEWS_ETL_SMTP_PASSWORD") or None,
        starttls=env.get("NEWS_ETL_SMTP_STARTTLS", "").lower() in ("1", "true", "yes"),
    )


def warehouse_url_is_set(env: Mapping[str, str] | None = None) -> bool:
    """True when the user chose a warehouse explicitly (it then wins over Airflow's Connection)."""
    env = os.environ if env is None else env
    return bool(env.get("NEWS_ETL_WAREHOUSE_URL"))


def _path(value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else PROJECT_ROOT / path


def _absolute_sqlite(url: str) -> str:
    """Make a relative SQLite path absolute against the project root, not the cwd."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and url != prefix + ":memory:":
        return prefix + str(PROJECT_ROOT / url[len(prefix):])
    return url


def _number(env: Mapping[str, str], name: str, default: float, minimum: float) -> float:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a number") from None
    if value < minimum:
        raise SettingsError(f"{name}={raw!r} must be at least {minimum:g}")
    return value
