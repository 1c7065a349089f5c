"""Headless Chromium driven through chromedriver's W3C WebDriver protocol (plain HTTP + JSON),
so the UI check needs Debian's ``chromium`` and ``chromium-driver`` and no Python browser library."""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C key of an element reference


class WebDriverError(RuntimeError):
    """A WebDriver command failed; the message has the command and the driver's answer."""


class Browser:
    """One browser session on a running chromedriver."""

    def __init__(self, driver_url: str, chromium: str, profile_dir: Path, size: tuple[int, int] = (1500, 1000)):
        self.driver_url = driver_url.rstrip("/")
        options = {
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--no-first-run", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", f"--user-data-dir={profile_dir}", f"--window-size={size[0]},{size[1]}"],
        }
        answer = self._command("POST", "/session",
                               {"capabilities": {"alwaysMatch": {"browserName": "chrome",
                                                                 "goog:chromeOptions": options}}})
        self.session = f"/session/{answer['sessionId']}"

    def open(self, url: str) -> None:
        self._command("POST", f"{self.session}/url", {"url": url})

    def find(self, css: str, timeout_s: float = 60) -> str:
        """The first element matching ``css``, waiting for the page's scripts to render it."""
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                answer = self._command("POST", f"{self.session}/element", {"using": "css selector", "value": css})
            except WebDriverError:
                answer = {}
            if isinstance(answer, dict) and ELEMENT in answer:
                return answer[ELEMENT]
            if time.monotonic() > deadline:
                raise WebDriverError(f"no element {css!r} on {self.current_url()} after {timeout_s:.0f} s\n"
                                     f"page text: {self.text()[:1500]}")
            time.sleep(0.5)

    def type(self, element: str, text: str) -> None:
        self._command("POST", f"{self.session}/element/{element}/value", {"text": text})

    def click(self, element: str) -> None:
        self._command("POST", f"{self.session}/element/{element}/click", {})

    def text(self) -> str:
        """The visible text of the whole page."""
        try:
            return self._command("POST", f"{self.session}/execute/sync",
                                 {"script": "return document.body ? document.body.innerText : ''", "args": []})
        except WebDriverError:
            return ""

    def wait_for_text(self, needle: str, timeout_s: float = 60) -> str:
        """Wait until the page shows ``needle`` (in any letter case); returns the page text."""
        deadline = time.monotonic() + timeout_s
        while True:
            text = self.text()
            if needle.lower() in text.lower():
                return text
            if time.monotonic() > deadline:
                raise WebDriverError(f"{needle!r} not shown on {self.current_url()} after {timeout_s:.0f} s\n"
                                     f"page text: {text[:1500]}")
            time.sleep(0.5)

    def current_url(self) -> str:
        return self._command("GET", f"{self.session}/url")

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(self._command("GET", f"{self.session}/screenshot")))
        return path

    def quit(self) -> None:
        self._command("DELETE", self.session)

    def _command(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        request = urllib.request.Request(self.driver_url + path, method=method,
                                         data=None if body is None else json.dumps(body).encode("utf-8"),
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return json.loads(response.read())["value"]
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", errors="replace")[:800]
            raise WebDriverError(f"{method} {path}: {exc.code} {detail}") from None
