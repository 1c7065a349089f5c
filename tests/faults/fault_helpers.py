"""Shared by the fault tests: a day run in a child process that may die, and the clean run to compare with."""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from news_etl.config import Settings
from news_etl.pipeline import Batch, run_once
from seed_checks import ACROSS_WAREHOUSES, snapshot

DAY = date(2026, 11, 23)
_CLEAN: dict[tuple[str, ...], dict[str, Any]] = {}


def run_day_in_child(env: dict[str, str] | None = None, run_id: str = "attempt", day: date = DAY,
                     timeout: float = 300) -> int | None:
    """Run every stage of ``day`` (``news-etl run``'s path) in a forked child with ``env`` added.

    Returns the child's exit code: 0 when the run finished, ``-9`` when it was SIGKILLed.
    Forking keeps the parent's imports, so a crashed attempt costs only the work it did.
    """
    process = multiprocessing.get_context("fork").Process(target=_child, args=(env or {}, run_id, day))
    process.start()
    process.join(timeout)
    if process.is_alive():
        process.kill()
        process.join()
    return process.exitcode


def _child(env: dict[str, str], run_id: str, day: date) -> None:
    from news_etl.config import load_settings

    os.environ.update(env)
    run_once(load_settings(), Batch.for_day(day, run_id))


def clean_snapshot(settings: Settings, tmp_path: Path, key: tuple[str, ...] = ()) -> dict[str, Any]:
    """The warehouse one clean run of ``DAY`` leaves on ``settings``' dialect (computed once per key).

    Compared across warehouses, so the feed's wall-clock poll times are left out.
    """
    dialect = "postgresql" if settings.warehouse_url.startswith("postgresql") else "sqlite"
    cache_key = (dialect, *key)
    if cache_key not in _CLEAN:
        if dialect == "sqlite":
            _CLEAN[cache_key] = _run_clean(settings, f"sqlite:///{tmp_path / 'clean.db'}", tmp_path)
        else:
            from conftest import pg_database

            with pg_database() as url:
                _CLEAN[cache_key] = _run_clean(settings, url, tmp_path)
    return _CLEAN[cache_key]


def _run_clean(settings: Settings, url: str, tmp_path: Path) -> dict[str, Any]:
    clean = replace(settings.with_warehouse(url), data_dir=tmp_path / "clean-data")
    summary = run_once(clean, Batch.for_day(DAY, "clean"))
    assert summary["status"] == "published", summary
    return warehouse_rows(url)


def warehouse_rows(url: str) -> dict[str, Any]:
    """Every table's rows, comparable with another warehouse's (wall-clock columns left out)."""
    return snapshot(url, ACROSS_WAREHOUSES)
