"""Real infrastructure for the fault tests: a private PostgreSQL cluster we may restart, and
small tmpfs file systems we may fill or make read-only (never the shared server or disk)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def private_postgres() -> Iterator[PrivateCluster]:
    """A throwaway PostgreSQL cluster (initdb in a temp dir, run as the ``postgres`` OS user on a
    free loopback port); stopped and deleted afterwards."""
    cluster = PrivateCluster()
    try:
        cluster.create()
        cluster.pg_ctl("start")
        yield cluster
    finally:
        if (cluster.data / "postmaster.pid").exists():
            cluster.pg_ctl("stop", "-m", "immediate")
        shutil.rmtree(cluster.root, ignore_errors=True)


class PrivateCluster:
    def __init__(self) -> None:
        versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        assert versions, "PostgreSQL server binaries are required under /usr/lib/postgresql/*/bin"
        self.bin = Path(versions[-1]).parent
        self.root = Path(tempfile.mkdtemp(prefix="news-etl-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.admin_url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def create(self) -> None:
        shutil.chown(self.root, "postgres", "postgres")
        self._as_postgres(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                          "--no-sync", "-E", "UTF8", "--locale=C.UTF-8")  # as the shared server

    def pg_ctl(self, action: str, *extra: str) -> None:
        """``pg_ctl start|stop|restart`` on this cluster, waiting until it is done."""
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c full_page_writes=off -c synchronous_commit=off")
        self._as_postgres(str(self.bin / "pg_ctl"), action, "-D", str(self.data), "-w", "-t", "60",
                          "-l", str(self.root / "server.log"), "-o", options, *extra)

    def _as_postgres(self, *command: str) -> None:
        result = subprocess.run(["runuser", "-u", "postgres", "--", *command], capture_output=True, text=True,
                                timeout=120)
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


@contextmanager
def tmpfs(size: str) -> Iterator[Path]:
    """A fresh tmpfs of ``size`` (e.g. ``16m``) mounted on a temp dir; unmounted afterwards."""
    mountpoint = Path(tempfile.mkdtemp(prefix="news-etl-tmpfs-"))
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(mountpoint)],
                            capture_output=True, text=True)
    assert result.returncode == 0, f"mounting a tmpfs needs root (CAP_SYS_ADMIN): {result.stderr}"
    try:
        yield mountpoint
    finally:
        subprocess.run(["umount", "-l", str(mountpoint)], check=False)
        os.rmdir(mountpoint)


def remount(mountpoint: Path, mode: str) -> None:
    """Make a tmpfs read-only (``ro``) or writable again (``rw``)."""
    subprocess.run(["mount", "-o", f"remount,{mode}", str(mountpoint)], check=True)


def fill(directory: Path) -> Path:
    """Fill the file system of ``directory`` to the last byte; returns the filler file."""
    filler = directory / "filler"
    block = b"\0" * 65536
    with open(filler, "wb", buffering=0) as out:
        try:
            while True:
                out.write(block)
        except OSError:
            pass
        try:
            while True:
                out.write(b"\0")
        except OSError:
            pass
    return filler


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
