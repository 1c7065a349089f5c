"""End to end in a browser: Airflow's API server with our plugin, opened in headless Chromium.

The API server lists our menu entry, the UI's page for it embeds our Data Docs, and the
Data Docs index page of the latest validation renders. Chromium comes from Debian (``.ci/run`` installs it).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest
from news_etl.pipeline import Batch, run_once

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _dump_dom(url: str, profile: Path) -> str:
    assert CHROMIUM, "Chromium is required (Debian package 'chromium'; .ci/run installs it)"
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--virtual-time-budget=15000", "--dump-dom", url],
        capture_output=True, text=True, timeout=120,
    )
    return result.stdout


@pytest.fixture
def api_server(airflow_db, pipeline_env, tmp_path):
    port = _free_port()
    env = {**os.environ, "AIRFLOW_HOME": str(airflow_db), "AIRFLOW__API__PORT": str(port),
           "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{port}",
           "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True"}
    log = open(tmp_path / "api-server.log", "w")
    proc = subprocess.Popen([str(Path(sys.executable).with_name("airflow")), "api-server", "--port", str(port)],
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{base}/api/v2/version", timeout=2):
                    break
            except OSError:
                assert proc.poll() is None, (tmp_path / "api-server.log").read_text()[-3000:]
                time.sleep(1)
        else:
            pytest.fail("api-server did not answer within 120 s")
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)
def test_ui_links_to_the_data_docs_of_the_latest_run(pipeline_env, api_server, tmp_path):
    run_once(pipeline_env, Batch.for_day(date(2026, 11, 23), "ui"))
    with urllib.request.urlopen(f"{api_server}/api/v2/plugins", timeout=10) as response:
        plugins = json.load(response)["plugins"]
    (ours,) = [p for p in plugins if p["name"] == "news_etl"]
    view = next(v for v in ours["external_views"] if v["url_route"] == "news_etl_data_docs")

    # The UI's page for our menu entry embeds the Data Docs (rendered by the React app).
    page = _dump_dom(f"{api_server}/plugin/{view['url_route']}", tmp_path / "profile-view")
    assert "<iframe" in page and view["href"] in page, page[:2000]

    docs = _dump_dom(api_server + view["href"], tmp_path / "profile-docs")
    assert "Data Docs" in docs and "article" in docs, docs[:2000]
