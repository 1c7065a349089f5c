"""URL normalisation and settings parsing."""

from __future__ import annotations

import pytest
from news_etl.config import PROJECT_ROOT, SettingsError, load_settings
from news_etl.urls import normalize_url


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTPS://Example.COM:443/a/B?utm_source=x&id=3#frag", "https://example.com/a/B?id=3"),
        ("http://example.com", "http://example.com/"),
        ("http://example.com:8080/x?fbclid=1&gclid=2", "http://example.com:8080/x"),
        ("  https://news.example.org/story?page=2&utm_medium=rss  ", "https://news.example.org/story?page=2"),
    ],
)
def test_normalize_url(raw, expected):
    assert normalize_url(raw) == expected


@pytest.mark.parametrize("raw", ["javascript:alert(1)", "file:///etc/passwd", "/relative/path", "ftp://x.org/a"])
def test_normalize_url_rejects_non_http(raw):
    with pytest.raises(ValueError):
        normalize_url(raw)


def test_defaults_resolve_against_project_root():
    settings = load_settings({})
    assert settings.feeds_path == PROJECT_ROOT / "seeds" / "feeds.yaml"
    assert settings.warehouse_url == f"sqlite:///{PROJECT_ROOT / 'data' / 'warehouse.db'}"
    assert settings.host_delay_s >= 1
    assert settings.allow_hosts == frozenset()


def test_settings_parse_and_reject_bad_values():
    settings = load_settings({"NEWS_ETL_ALLOW_HOSTS": " 127.0.0.1, Fixture.Local ,", "NEWS_ETL_WORKERS": "3"})
    assert settings.allow_hosts == {"127.0.0.1", "fixture.local"}
    assert settings.workers == 3
    with pytest.raises(SettingsError, match="NEWS_ETL_HOST_DELAY_S"):
        load_settings({"NEWS_ETL_HOST_DELAY_S": "soon"})
    with pytest.raises(SettingsError, match="NEWS_ETL_WORKERS"):
        load_settings({"NEWS_ETL_WORKERS": "0"})
