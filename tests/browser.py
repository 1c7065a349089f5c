"""Headless Chromium for the UI tests, driven by Selenium through Debian's chromedriver
(packages ``chromium`` and ``chromium-driver``; Selenium is never allowed to download a driver)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@contextmanager
def browser(profile: Path, size: tuple[int, int] = (1400, 900)) -> Iterator[webdriver.Chrome]:
    """A headless Chromium session with its own profile folder; quit (driver included) on exit."""
    chromium = CHROMIUM or shutil.which("chromium")
    driver_binary = CHROMEDRIVER or shutil.which("chromedriver")
    assert chromium and driver_binary, "Chromium and chromedriver are required (Debian 'chromium', 'chromium-driver')"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 f"--window-size={size[0]},{size[1]}", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_binary), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def page_text(driver: webdriver.Chrome) -> str:
    """The visible text of the whole page, read in one script call so a single-page app
    re-rendering its body cannot leave us a stale element; '' while the page has no body or
    is navigating (a script call then aborts), so callers polling for text simply poll again."""
    try:
        return driver.execute_script("return document.body ? document.body.innerText : ''") or ""
    except WebDriverException as exc:
        if "navigat" in str(exc).lower():
            return ""
        raise
