"""A small client for Airflow 3's public REST API (``/api/v2``) as an operator or a CI job uses it:
a JWT from ``/auth/token`` (SimpleAuthManager), then bearer-authenticated JSON calls."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from typing import Any

FINISHED = {"success", "failed"}


class AirflowApiError(RuntimeError):
    """An API call failed; the message has the method, path, status and the server's answer."""


class AirflowApi:
    """Bearer-token calls to one api-server; the token is fetched again when it expires."""

    def __init__(self, base_url: str, username: str, password: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.username = username
        self.password = password
        self._token: str | None = None

    def token(self) -> str:
        """A JWT for the user, from the auth manager's token endpoint (POST /auth/token)."""
        answer = self._call("POST", "/auth/token", {"username": self.username, "password": self.password},
                            authenticated=False)
        return answer["access_token"]

    def get(self, path: str) -> Any:
        return self._authenticated("GET", path)

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self._authenticated("POST", path, body)

    def patch(self, path: str, body: dict[str, Any]) -> Any:
        return self._authenticated("PATCH", path, body)

    def is_up(self) -> bool:
        """True once the api-server answers its version endpoint (no authentication needed)."""
        try:
            self._call("GET", "/api/v2/version", authenticated=False, timeout=5)
            return True
        except (OSError, AirflowApiError):
            return False

    def components_healthy(self, names: tuple[str, ...]) -> bool:
        """True when the health endpoint reports each component in ``names`` as healthy
        (the scheduler, triggerer and dag processor heartbeat into the metadata database)."""
        try:
            health = self._call("GET", "/api/v2/monitor/health", authenticated=False, timeout=5)
        except (OSError, AirflowApiError):
            return False
        return all((health.get(n) or {}).get("status") == "healthy" for n in names)

    def trigger(self, dag_id: str, run_id: str, run_after: str, conf: dict[str, Any] | None = None) -> dict:
        """A manual run of ``dag_id`` without a logical date, due at ``run_after`` (ISO 8601)."""
        return self.post(f"/api/v2/dags/{dag_id}/dagRuns",
                         {"dag_run_id": run_id, "logical_date": None, "run_after": run_after, "conf": conf or {}})

    def run_state(self, dag_id: str, run_id: str) -> str:
        return self.get(f"/api/v2/dags/{dag_id}/dagRuns/{run_id}")["state"]

    def task_instances(self, dag_id: str, run_id: str) -> list[dict[str, Any]]:
        """The run's task instances (latest try of each), mapped ones included."""
        return self.get(f"/api/v2/dags/{dag_id}/dagRuns/{run_id}/taskInstances?limit=1000")["task_instances"]

    def task_tries(self, dag_id: str, run_id: str, task_id: str, map_index: int = -1) -> list[dict[str, Any]]:
        """Every try of one task instance, oldest first."""
        path = f"/api/v2/dags/{dag_id}/dagRuns/{run_id}/taskInstances/{task_id}"
        path += f"/{map_index}/tries" if map_index >= 0 else "/tries"
        return sorted(self.get(path)["task_instances"], key=lambda t: t["try_number"])

    def wait_for_run(self, dag_id: str, run_id: str, timeout_s: float, on_poll=None) -> str:
        """Poll the run until it finishes; returns its final state. ``on_poll()`` runs every poll
        (the caller checks its services there); raises TimeoutError with the task states."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            state = self.run_state(dag_id, run_id)
            if state in FINISHED:
                return state
            if on_poll is not None:
                on_poll()
            time.sleep(2)
        states = {f"{t['task_id']}[{t['map_index']}]": t["state"] for t in self.task_instances(dag_id, run_id)}
        raise TimeoutError(f"run {run_id} of {dag_id} still {state} after {timeout_s:.0f} s; tasks: {states}")

    def _authenticated(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        if self._token is None:
            self._token = self.token()
        try:
            return self._call(method, path, body)
        except AirflowApiError as exc:
            if " 401 " not in str(exc):
                raise
            self._token = self.token()
            return self._call(method, path, body)

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None, *, authenticated: bool = True,
              timeout: float = 30) -> Any:
        request = urllib.request.Request(self.base_url + path, method=method,
                                         data=None if body is None else json.dumps(body).encode("utf-8"))
        request.add_header("Content-Type", "application/json")
        request.add_header("Accept", "application/json")
        if authenticated:
            request.add_header("Authorization", f"Bearer {self._token}")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", errors="replace")[:1000]
            raise AirflowApiError(f"{method} {path}: {exc.code} {detail}") from None
        return json.loads(raw) if raw else None
