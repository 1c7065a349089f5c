"""The ``news-etl`` command line: clear errors, extraction output, summaries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = str(Path(sys.executable).with_name("news-etl"))


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([CLI, *args], capture_output=True, text=True, env={**os.environ, **(env or {})},
                          timeout=300)


def test_extract_prints_one_json_object_per_page_and_an_error_line(tmp_path):
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(b"not gzip")
    result = run("extract", str(ROOT / "seeds" / "fixtures" / "pages"), str(broken), "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 6
    ok = [r for r in records if r["status"] == "ok"]
    assert len(ok) == 5
    assert {"file", "title", "author", "published_at", "language", "canonical_url", "text"} <= set(ok[0])
    assert "error" in records[-1] and records[-1]["file"] == str(broken)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


def test_bad_setting_is_one_clear_line(tmp_path):
    result = run("summary", env={"NEWS_ETL_HOST_DELAY_S": "fast"})
    assert result.returncode == 2
    assert result.stderr.strip() == "news-etl: NEWS_ETL_HOST_DELAY_S='fast' is not a number"


def test_missing_feeds_file_is_a_clear_error(tmp_path):
    result = run("run", env={"NEWS_ETL_FEEDS": str(tmp_path / "absent.yaml"),
                             "NEWS_ETL_WAREHOUSE_URL": f"sqlite:///{tmp_path / 'w.db'}"})
    assert result.returncode == 2
    assert "feeds file not found" in result.stderr and "Traceback" not in result.stderr


def test_summary_of_an_empty_warehouse(tmp_path):
    result = run("summary", env={"NEWS_ETL_WAREHOUSE_URL": f"sqlite:///{tmp_path / 'w.db'}"})
    assert result.returncode == 1
    assert "No run recorded" in result.stdout


def test_unreachable_warehouse_is_a_clear_error(tmp_path):
    result = run("summary", env={"NEWS_ETL_WAREHOUSE_URL": "postgresql+psycopg://nobody:secret@127.0.0.1:1/x"})
    assert result.returncode == 2
    assert "warehouse error" in result.stderr
    assert "secret" not in result.stderr and "Traceback" not in result.stderr


def test_a_real_articles_file_train_detector_cannot_read_is_a_clear_error_before_any_training(tmp_path):
    bad = tmp_path / "real.jsonl"
    bad.write_text('{"id": "r1"}\n', encoding="utf-8")
    for path, message in ((bad, "real.jsonl:1: missing key 'text'"), (tmp_path / "absent.jsonl", "No such file")):
        result = run("train-detector", "--real", str(path))
        assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
        assert "leave-one-batch-out" not in result.stdout  # reported before minutes of training
