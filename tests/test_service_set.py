"""The process handling of the end-to-end test (``service_set``): a service's processes are found
and stopped even when a child leaves the service's process group, as Airflow's task
supervisor does with each task; a service that dies is reported with the end of its log."""

from __future__ import annotations

import sys
import time

import psutil
import pytest
from service_set import ServiceError, ServiceSet

# A parent that forks a child; the child moves into a process group of its own, then both sleep.
FORKING = """
import os, sys, time
if os.fork() == 0:
    os.setpgid(0, 0)
    print("child", os.getpid(), flush=True)
else:
    print("parent", os.getpid(), flush=True)
time.sleep(300)
"""


def _pids(services: ServiceSet, name: str) -> dict[str, int]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        lines = dict(line.split() for line in services.services[name].log_text().splitlines() if line)
        if {"parent", "child"} <= set(lines):
            return {k: int(v) for k, v in lines.items()}
        time.sleep(0.1)
    raise AssertionError(services.services[name].tail())


def test_kill_and_stop_reach_a_child_in_its_own_process_group(tmp_path) -> None:
    services = ServiceSet(tmp_path)
    services.start("a", [sys.executable, "-c", FORKING], {})
    services.start("b", [sys.executable, "-c", FORKING], {})
    a, b = _pids(services, "a"), _pids(services, "b")
    assert {p.pid for p in services.services["a"].processes()} == set(a.values())

    assert sorted(services.kill("a")) == sorted(a.values())
    assert not any(psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
                   for pid in a.values())
    services.check_alive()  # a service killed on purpose is not a failure
    assert services.memory()["b"]["processes"] == 2

    assert services.stop_all(grace_s=10) == []
    assert not any(psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
                   for pid in b.values())


def test_a_service_that_dies_is_reported_with_its_log(tmp_path) -> None:
    services = ServiceSet(tmp_path)
    services.start("broken", [sys.executable, "-c", "print('cannot bind the port'); raise SystemExit(3)"], {})
    with pytest.raises(ServiceError, match=r"(?s)broken exited with code 3 before readiness.*cannot bind the port"):
        services.wait_until("broken", lambda: False, "readiness", timeout_s=60)
    assert services.stop_all() == []
