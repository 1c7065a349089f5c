"""Pipeline throughput over a synthetic site, beside trafilatura's feed mode and the extraction ceiling.

Each measured program runs as its own process tree while a sampler records the peak
resident memory of every process in it (the pipeline's pool workers included). Stage
durations are read back from what the pipeline itself recorded in the warehouse
(``stage_run.finished_at``, and the polls' end in ``feed_poll``), so the CLI run and
the Airflow run are timed the same way.
"""

from __future__ import annotations

import ctypes
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psutil
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from news_etl import warehouse as wh
from news_etl.airflow_runner import DAG_ID, airflow_env, metadata_db_state
from news_etl.bench.site import SyntheticSite, render_page
from news_etl.extract import extract_page

STAGES = ("poll", "fetch", "extract", "classify", "load", "validate", "publish")
CEILING_PAGES = 2000  # enough for a steady rate; the ceiling is a rate, not a total
SAMPLE_EVERY_S = 0.2
PR_SET_CHILD_SUBREAPER = 36  # <linux/prctl.h>


@dataclass(slots=True)
class MemoryWatch:
    """Peak RSS of every process in a tree, sampled from a background thread."""

    root_pid: int
    peaks: dict[int, tuple[str, int]] = field(default_factory=dict)
    peak_total: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> MemoryWatch:
        self._thread = threading.Thread(target=self._run, name="memory-watch", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()

    def summary(self) -> dict[str, Any]:
        """Per-process peaks (MiB, largest first), the largest one and the tree's peak sum."""
        processes = sorted(({"pid": pid, "process": name, "peak_rss_mib": _mib(rss)}
                            for pid, (name, rss) in self.peaks.items()), key=lambda p: -p["peak_rss_mib"])
        return {"peak_rss_mib_max_process": processes[0]["peak_rss_mib"] if processes else None,
                "peak_rss_mib_tree": _mib(self.peak_total), "processes": processes}

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(SAMPLE_EVERY_S)

    def sample(self) -> None:
        try:
            root = psutil.Process(self.root_pid)
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:
            return
        total = 0
        for proc in tree:
            try:
                rss = proc.memory_info().rss
                name = self.peaks.get(proc.pid, (None, 0))[0] or _describe(proc)
            except psutil.Error:
                continue
            total += rss
            if rss > self.peaks.get(proc.pid, ("", 0))[1]:
                self.peaks[proc.pid] = (name, rss)
        self.peak_total = max(self.peak_total, total)


def run_watched(cmd: list[str], env: dict[str, str], log: Path, timeout_s: float,
                stdout: Path | None = None) -> tuple[int, float, dict[str, Any]]:
    """Run ``cmd`` to completion; returns (exit code, wall seconds, memory and CPU summary).

    ``cpu_s`` is the CPU time of the whole process tree: the kernel adds a reaped child's
    time to its parent's children, and this process adopts and reaps the tree's orphans
    (a process pool's fork server outlives the program that started it, and with it the
    pool workers' time, which was lost before). On a machine shared with other work it is
    steadier than wall time: it counts only the CPU this program got.
    """
    _adopt_orphans()
    started = time.perf_counter()
    before = _children_cpu_s()
    with open(log, "w") as err, open(stdout or os.devnull, "w") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=err)
        watch = MemoryWatch(proc.pid).start()
        try:
            code = proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = proc.wait()
        finally:
            watch.stop()
    wall = time.perf_counter() - started
    _reap_orphans(set(watch.peaks) - {proc.pid})
    return code, wall, {**watch.summary(), "cpu_s": round(_children_cpu_s() - before, 2)}


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _adopt_orphans() -> None:
    """Become the parent of this process's orphaned descendants (Linux's child subreaper), so
    that reaping them adds their CPU time, and their reaped children's, to ours."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed: CPU times would miss orphans")


def _reap_orphans(pids: set[int], timeout_s: float = 30.0) -> None:
    """Wait for the run's processes that outlived it (now ours) to exit, and reap them."""
    deadline = time.monotonic() + timeout_s
    mine = {child.pid for child in psutil.Process().children()} & pids
    while mine and time.monotonic() < deadline:
        for pid in list(mine):
            try:
                done, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done = pid
            if done:
                mine.discard(pid)
        time.sleep(0.05)


def pipeline_env(site: SyntheticSite, work: Path, warehouse: Path, workers: int) -> dict[str, str]:
    """The settings a benchmark run uses: loopback allowed, no politeness delay, room for N pages."""
    return {
        **os.environ,
        "NEWS_ETL_FEEDS": str(site.write_catalogue(work / "feeds.yaml")),
        "NEWS_ETL_WAREHOUSE_URL": f"sqlite:///{warehouse}",
        "NEWS_ETL_DATA_DIR": str(work / "data"),
        "NEWS_ETL_ALLOW_HOSTS": urlsplit(site.base_url).hostname or "127.0.0.1",
        "NEWS_ETL_HOST_DELAY_S": "0",
        "NEWS_ETL_HOST_CONCURRENCY": "16",
        "NEWS_ETL_FETCH_CONCURRENCY": "16",
        "NEWS_ETL_MAX_PAGES_PER_FEED": str(site.pages),
        "NEWS_ETL_WORKERS": str(workers),
        "AIRFLOW_HOME": str(work.parent / "airflow_home"),
    }


def run_pipeline(mode: str, site: SyntheticSite, work: Path, workers: int, timeout_s: float) -> dict[str, Any]:
    """One day over the site, ``cli`` (``news-etl run``: every stage in one process) or
    ``dag`` (``news-etl airflow-run``: the Airflow DAG via ``dags test``), into a fresh warehouse."""
    warehouse = work / f"{mode}.db"
    for stale in work.glob(f"{mode}.db*"):
        stale.unlink()
    env = pipeline_env(site, work, warehouse, workers)
    day = site.day.date().isoformat()
    command = {"cli": ["run"], "dag": ["airflow-run"]}[mode]
    launched = datetime.now(UTC)
    code, wall, memory = run_watched([_cli(), *command, "--date", day], env, work / f"{mode}.log", timeout_s)
    stages, articles = _stage_seconds(f"sqlite:///{warehouse}", day)
    pipeline_s = sum(stages.values())
    airflow_s = _airflow_dag_run_seconds(env) if mode == "dag" else None
    return {
        "exit_code": code, "wall_s": round(wall, 2), "pipeline_s": round(pipeline_s, 2),
        # Beside wall_s, never instead of it: Airflow's own record of the run, without the
        # seconds `airflow dags test` spends starting (imports, DAG parsing, its API server).
        "airflow_dag_run_s": round(airflow_s, 2) if airflow_s is not None else None,
        "startup_s": round(max(0.0, wall - pipeline_s), 2), "launched_at": launched.isoformat(),
        "articles": articles,
        "articles_per_s": round(articles / pipeline_s, 2) if pipeline_s else None,
        "articles_per_cpu_s": round(articles / memory["cpu_s"], 2) if memory["cpu_s"] else None,
        "stages": {stage: {"seconds": round(seconds, 3),
                           "articles_per_s": round(articles / seconds, 1) if seconds > 0 else None}
                   for stage, seconds in stages.items()},
        **memory,
    }


def run_trafilatura_feed(site: SyntheticSite, work: Path, workers: int, timeout_s: float) -> dict[str, Any]:
    """What a user would run instead: ``trafilatura --feed`` over the same feeds.

    Its config is the shipped one with two changes a loopback benchmark needs, the
    same as ours gets: no sleep between requests to a host, and loopback addresses
    allowed (``SLEEP_TIME = 0``, ``SSRF_PROTECTION = off``). Downloads use
    ``--parallel`` threads (one per core); extraction runs in its main process.
    """
    import trafilatura

    shipped = Path(trafilatura.__file__).with_name("settings.cfg").read_text(encoding="utf-8")
    config = work / "trafilatura.cfg"
    config.write_text(shipped.replace("SLEEP_TIME = 5.0", "SLEEP_TIME = 0")
                      .replace("SSRF_PROTECTION = on", "SSRF_PROTECTION = off"), encoding="utf-8")
    feeds = work / "feeds.txt"
    feeds.write_text("\n".join(site.feed_urls()) + "\n", encoding="utf-8")
    out = work / "trafilatura.jsonl"
    command = [str(Path(sys.executable).with_name("trafilatura")), "-i", str(feeds), "--feed",
               "--parallel", str(workers), "--config-file", str(config), "--output-format", "json"]
    code, wall, memory = run_watched(command, dict(os.environ), work / "trafilatura.log", timeout_s, stdout=out)
    articles = sum(1 for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("{"))
    return {"exit_code": code, "wall_s": round(wall, 2), "articles": articles,
            "articles_per_s": round(articles / wall, 2) if wall else None,
            "articles_per_cpu_s": round(articles / memory["cpu_s"], 2) if memory["cpu_s"] else None, **memory}


def run_ceiling(site: SyntheticSite, workers: int) -> dict[str, Any]:
    """Extraction alone, the same pages already in memory, every core busy: this machine's limit."""
    count = min(site.pages, CEILING_PAGES)
    pages = [render_page(i, site.base_url, site.day).encode("utf-8") for i in range(count)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_extract_status, pages[:workers * 2]))  # warm-up: interpreters and imports
        started = time.perf_counter()
        results = list(pool.map(_extract_status, pages, chunksize=8))
        elapsed = time.perf_counter() - started
    cpu = sum(seconds for _, seconds in results)
    return {"pages": count, "ok": sum(status == "ok" for status, _ in results), "seconds": round(elapsed, 2),
            "pages_per_s": round(count / elapsed, 2), "cpu_s": round(cpu, 2),
            "pages_per_cpu_s": round(count / cpu, 2) if cpu else None, "workers": workers}


def _extract_status(html: bytes) -> tuple[str, float]:
    """A page's extraction status and the CPU seconds its extraction took (in the worker)."""
    started = time.process_time()
    status = extract_page(html, None).status
    return status, time.process_time() - started


def _stage_seconds(warehouse_url: str, batch_id: str) -> tuple[dict[str, float], int]:
    """Each stage's duration from the pipeline's own records, and the batch's articles."""
    engine = wh.make_engine(warehouse_url)
    try:
        with engine.connect() as conn:
            finished = {stage: _aware(at) for stage, at in conn.execute(
                select(wh.stage_run.c.stage, wh.stage_run.c.finished_at).where(wh.stage_run.c.batch_id == batch_id))}
            polls = conn.execute(select(wh.feed_poll.c.polled_at, wh.feed_poll.c.elapsed_ms)
                                 .where(wh.feed_poll.c.batch_id == batch_id)).all()
            articles = conn.execute(select(func.count()).select_from(wh.article)
                                    .where(wh.article.c.batch_id == batch_id)).scalar_one()
    finally:
        engine.dispose()
    if polls:
        finished["poll"] = max(_aware(at) + timedelta(milliseconds=ms or 0) for at, ms in polls)
    order = [("start", "start"), ("poll", "poll"), ("fetch", "fetch_pages"), ("extract", "extract"),
             ("classify", "classify"), ("load", "load"), ("validate", "validate"), ("publish", "publish")]
    seconds: dict[str, float] = {}
    previous = finished.get("start")
    for name, stage in order[1:]:
        end = finished.get(stage)
        if previous is None or end is None:
            continue
        seconds[name] = max(0.0, (end - previous).total_seconds())
        previous = end
    return seconds, articles


def _airflow_dag_run_seconds(env: dict[str, str]) -> float | None:
    """The last run of the daily DAG as Airflow's metadata database records it: from its first
    task's start to its last task's end (``dags test`` sets the run's own start to the logical
    date, so the tasks' times are the ones to read). None when the database cannot be read."""
    state = metadata_db_state(airflow_env(env))
    if state is None:
        return None
    engine = create_engine(state["url"], poolclass=NullPool)
    try:
        with engine.connect() as conn:
            first, last = conn.execute(text(
                "SELECT min(start_date), max(end_date) FROM task_instance WHERE dag_id = :dag AND run_id = "
                "(SELECT run_id FROM dag_run WHERE dag_id = :dag ORDER BY id DESC LIMIT 1)"), {"dag": DAG_ID}).one()
    except SQLAlchemyError:
        return None
    finally:
        engine.dispose()
    if first is None or last is None:
        return None
    return (_as_datetime(last) - _as_datetime(first)).total_seconds()


def _as_datetime(value: datetime | str) -> datetime:
    """A timestamp as SQLite returns it (text) or as other databases do (a datetime)."""
    return _aware(datetime.fromisoformat(value) if isinstance(value, str) else value)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _cli() -> str:
    return str(Path(sys.executable).with_name("news-etl"))


def _mib(nbytes: int) -> float:
    return round(nbytes / 2**20, 1)


def _describe(proc: psutil.Process) -> str:
    """A short role for a process: the command, or which kind of pool worker it is."""
    cmdline = proc.cmdline()
    text = " ".join(cmdline)
    if "forkserver" in text:
        return "pool worker (forkserver)" if proc.parent() and "forkserver" in " ".join(
            proc.parent().cmdline()) else "forkserver"
    if "multiprocessing" in text:
        return "pool worker"
    names = [Path(part).name for part in cmdline[:4]]
    return " ".join(n for n in names if not n.startswith("python"))[:60] or proc.name()


def clean_work_dir(work: Path) -> Path:
    """An empty working folder for one size (previous runs' warehouses removed)."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    return work

