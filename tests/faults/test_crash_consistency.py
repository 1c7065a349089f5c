"""Crash consistency: the run is SIGKILLed at every fault point, then the day is rerun.

``news_etl.faults.POINTS`` is the registry: every stage boundary and every stage's write
(just before its commit). Every point is tested on SQLite and on PostgreSQL (where the
server, not the file, must roll the dead session back); a point added to the registry is
tested automatically, and a point named in the code but missing from
the registry fails ``test_every_fault_point_in_the_code_is_registered``.
"""

from __future__ import annotations

import re
import signal
from pathlib import Path

import pytest
from fault_helpers import DAY, clean_snapshot, run_day_in_child, warehouse_rows
from news_etl import faults
from news_etl.pipeline import Batch, run_once
from sqlalchemy import create_engine, text

PIPELINE = Path(faults.__file__).with_name("pipeline.py")
STAGE_RECORD = {"poll_feed": "SELECT count(*) FROM feed_poll WHERE batch_id = :b",
                "fetch_pages:chunk": "SELECT count(*) FROM page_fetch WHERE batch_id = :b"}


CASES = [(dialect, point) for dialect in ("sqlite", "postgresql") for point in faults.POINTS]


@pytest.mark.parametrize(("warehouse_url", "point"), CASES, indirect=["warehouse_url"])
def test_rerun_after_a_crash_equals_a_clean_run(point, pipeline_env, tmp_path):
    expected = clean_snapshot(pipeline_env, tmp_path)

    assert run_day_in_child({faults.ENV: point}, "crashed") == -signal.SIGKILL, f"{point} was never reached"
    stage, where = point.split(":")
    recorded = _stage_recorded(pipeline_env.warehouse_url, stage, where)
    assert recorded == (where == "after_commit"), f"{point}: the stage's write is half visible"

    summary = run_once(pipeline_env, Batch.for_day(DAY, "rerun"))
    assert summary["status"] == "published", summary
    assert warehouse_rows(pipeline_env.warehouse_url) == expected


def test_every_fault_point_in_the_code_is_registered():
    in_code = set(re.findall(r'fault_point\("([^"]+)"\)', PIPELINE.read_text(encoding="utf-8")))
    assert in_code == set(faults.POINTS)


def test_an_unknown_fault_point_is_refused(monkeypatch):
    monkeypatch.setenv(faults.ENV, "extract:sometime")
    with pytest.raises(ValueError, match="not a fault point"):
        faults.fault_point("extract:before_commit")


def _stage_recorded(url: str, stage: str, where: str) -> bool:
    """Whether the crashed attempt's write of ``stage`` is in the warehouse."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if not conn.execute(text("SELECT count(*) FROM pipeline_run")).scalar():
                return False  # crashed before the batch was opened
            if stage == "poll_feed" or where == "chunk_before_commit":
                sql = STAGE_RECORD["fetch_pages:chunk" if where == "chunk_before_commit" else stage]
            else:
                sql = "SELECT count(*) FROM stage_run WHERE batch_id = :b AND stage = :s"
            return bool(conn.execute(text(sql), {"b": DAY.isoformat(), "s": stage}).scalar())
    finally:
        engine.dispose()
