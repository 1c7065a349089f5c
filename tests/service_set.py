"""Local server processes for the end-to-end test: start each in its own session, wait until it
is ready, read its log, measure its memory and stop it (and everything it forked) by process id.

A service is identified by its session: ``start_new_session=True`` makes the service's first
process a session leader, and every process it forks stays in that session unless it calls
``setsid`` itself. Airflow's task supervisor moves each task into its own process *group*
(``setpgid``) but not out of the session, so ``killpg`` would miss running tasks while a
session sweep does not. Children that escaped the session are still found through the
process tree.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServiceError(RuntimeError):
    """A service died or did not become ready; the message ends with the tail of its log."""


@dataclass
class Service:
    """One started server: its leading process and the file its output goes to."""

    name: str
    proc: subprocess.Popen
    log_path: Path

    def alive(self) -> bool:
        return self.proc.poll() is None

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def tail(self, lines: int = 40) -> str:
        """The last lines of the service's output, for failure messages."""
        text = "\n".join(self.log_text().splitlines()[-lines:])
        return f"--- last {lines} lines of {self.log_path} ---\n{text}"

    def processes(self) -> list[psutil.Process]:
        """Every live process of the service: its session's members and the leader's descendants."""
        found: dict[int, psutil.Process] = {}
        for proc in psutil.process_iter():
            try:
                if os.getsid(proc.pid) == self.proc.pid:
                    found[proc.pid] = proc
            except (ProcessLookupError, PermissionError):
                continue
        try:
            leader = psutil.Process(self.proc.pid)
            for proc in [leader, *leader.children(recursive=True)]:
                found.setdefault(proc.pid, proc)
        except psutil.NoSuchProcess:
            pass
        return [p for p in found.values() if _running(p)]


class ServiceSet:
    """The services of one test session; ``stop_all`` ends every one of them, whatever happened."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.services: dict[str, Service] = {}
        self.killed: set[str] = set()

    def start(self, name: str, argv: list[str], env: dict[str, str], cwd: Path | None = None) -> Service:
        """Start ``argv`` as service ``name`` in a new session, output to ``<log_dir>/<name>.log``."""
        log_path = self.log_dir / f"{name}.log"
        with open(log_path, "wb") as log:
            proc = subprocess.Popen(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=log,
                                    stderr=subprocess.STDOUT, start_new_session=True)
        service = Service(name, proc, log_path)
        self.services[name] = service
        return service

    def wait_until(self, name: str, ready: Callable[[], bool], what: str, timeout_s: float) -> None:
        """Poll ``ready()`` until it is true; fail with the log's tail if the service dies or time runs out."""
        service = self.services[name]
        deadline = time.monotonic() + timeout_s
        while True:
            if ready():
                return
            if not service.alive():
                raise ServiceError(f"{name} exited with code {service.proc.returncode} before {what}\n"
                                   f"{service.tail()}")
            if time.monotonic() > deadline:
                raise ServiceError(f"{name}: no {what} within {timeout_s:.0f} s\n{service.tail()}")
            time.sleep(1)

    def check_alive(self) -> None:
        """Raise with the log's tail of the first service that died without being killed on purpose."""
        for service in self.services.values():
            if not service.alive() and service.name not in self.killed:
                raise ServiceError(f"{service.name} exited with code {service.proc.returncode}\n{service.tail()}")

    def kill(self, name: str) -> list[int]:
        """SIGKILL every process of service ``name`` at once (a machine dying); returns their pids."""
        service = self.services[name]
        self.killed.add(name)
        procs = service.processes()
        for proc in procs:
            _signal(proc, signal.SIGKILL)
        psutil.wait_procs(procs, timeout=30)
        service.proc.wait(timeout=30)
        return [p.pid for p in procs]

    def memory(self) -> dict[str, dict[str, float]]:
        """Resident (RSS) and proportional (PSS: shared pages split among sharers) memory in MiB
        of each live service, its forked children included."""
        result: dict[str, dict[str, float]] = {}
        for name, service in self.services.items():
            rss = pss = 0
            count = 0
            for proc in service.processes():
                try:
                    info = proc.memory_full_info()
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                rss += info.rss
                pss += getattr(info, "pss", info.rss)
                count += 1
            if count:
                result[name] = {"rss_mib": rss / 2**20, "pss_mib": pss / 2**20, "processes": count}
        return result

    def stop_all(self, grace_s: float = 30) -> list[str]:
        """SIGTERM every service's processes, SIGKILL what is left after ``grace_s``.

        Returns a description of any process still alive afterwards (normally none)."""
        procs = [p for s in self.services.values() for p in s.processes()]
        for proc in procs:
            _signal(proc, signal.SIGTERM)
        _, alive = psutil.wait_procs(procs, timeout=grace_s)
        for proc in alive:
            _signal(proc, signal.SIGKILL)
        psutil.wait_procs(alive, timeout=10)
        for service in self.services.values():
            try:
                service.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        return [f"{s.name}: pid {p.pid}" for s in self.services.values() for p in s.processes()]


def _running(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _signal(proc: psutil.Process, sig: int) -> None:
    try:
        proc.send_signal(sig)
    except psutil.NoSuchProcess:
        pass
