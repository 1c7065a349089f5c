"""End to end in a browser: Airflow's API server with our plugin, opened in headless Chromium.

The API server loads our plugin without import errors; a person who opens the Airflow UI,
clicks *Browse* and our menu entry sees the Data Docs index page of the latest validation.
Chromium and its WebDriver come from Debian (``chromium``, ``chromium-driver``; ``.ci/run``
installs them), Selenium drives them.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest
from browser import CHROMIUM, browser
from news_etl.pipeline import Batch, run_once
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from service_set import free_port


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
    port = free_port()
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
def test_ui_menu_link_opens_the_data_docs_of_the_latest_run(pipeline_env, api_server, tmp_path):
    run_once(pipeline_env, Batch.for_day(date(2026, 11, 23), "ui"))
    with urllib.request.urlopen(f"{api_server}/api/v2/plugins/importErrors", timeout=10) as response:
        assert json.load(response)["import_errors"] == [], "a file under plugins/ failed to import"

    with browser(tmp_path / "profile") as driver:
        driver.get(api_server + "/")
        wait = WebDriverWait(driver, 90)
        wait.until(expected_conditions.element_to_be_clickable((By.CSS_SELECTOR, '[aria-label="Browse"]'))).click()
        wait.until(expected_conditions.element_to_be_clickable(
            (By.XPATH, '//*[normalize-space(text())="Data quality (GX Data Docs)"]'))).click()
        frame = wait.until(expected_conditions.presence_of_element_located((By.TAG_NAME, "iframe")))
        assert frame.get_attribute("src") == api_server + "/news-etl/data-docs/index.html"
        driver.switch_to.frame(frame)
        wait.until(lambda d: "Data Docs" in d.page_source and "article" in d.page_source)
        body = driver.find_element(By.TAG_NAME, "body").text
        driver.save_screenshot(str(tmp_path / "data-docs-in-airflow.png"))
    assert "Expectation Suites" in body or "Validation Results" in body, body[:1000]
