"""``make e2e``: the production topology of ``docker-compose.yaml``, run natively on loopback.

Airflow's api-server, scheduler, dag-processor, triggerer and two Celery workers
(CeleryExecutor; Redis as broker, PostgreSQL as metadata database, Celery result backend
and warehouse: fresh, uniquely named databases and a Redis database found empty) run the
real DAG against the seed fixture site. The test triggers ``healthcare_news_daily`` through
the REST API, checks the warehouse and that both workers took tasks, logs into the UI in
headless Chromium and screenshots the grid, then kills one worker while it fetches pages in
a second run of the same day and shows that the run still completes, on the other worker,
leaving the warehouse exactly as one clean run did.

Deselected unless ``--e2e`` is given (``make e2e``). Everything it starts is stopped by
process id at the end, on failure or SIGTERM too; the databases are dropped. Logs, the
screenshot and ``report.json`` (wall times, memory of the service set) go to ``build/e2e/``.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import pytest
import redis
from airflow_rest import AirflowApi, AirflowApiError
from browser import browser, page_text
from cryptography.fernet import Fernet
from news_etl.fixture_site import FixtureSite, serve_fixture_site, write_demo_catalogue
from seed_checks import assert_seed_labels_met, snapshot
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from service_set import ServiceSet, free_port
from sqlalchemy import create_engine, text

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "e2e"
BIN = Path(sys.executable).parent
PG_ADMIN_URL = os.environ.get("NEWS_ETL_TEST_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("NEWS_ETL_E2E_REDIS_URL", "redis://127.0.0.1:6379")
DAG_ID = "healthcare_news_daily"
DAY = "2026-11-23"  # the fixture site's articles are from this day
RUN1, RUN2 = "e2e-run-1", "e2e-run-2-refetch"
WORKERS = ("worker-a", "worker-b")
ADMIN = "admin"
STARTUP_S = 360  # generous: six Airflow processes import and migrate at once on two busy cores
RUN_S = 900


@dataclass
class Stack:
    """The running service set and what the tests need to talk to it."""

    services: ServiceSet
    site: FixtureSite
    airflow_home: Path
    warehouse_url: str
    admin_password: str
    api: AirflowApi | None = None  # set once the api-server runs
    base_url: str = ""
    report: dict[str, Any] = field(default_factory=dict)


def log(message: str) -> None:
    """Progress on the terminal (``make e2e`` runs pytest with ``-s``)."""
    print(f"[e2e {time.strftime('%H:%M:%S')}] {message}", flush=True)


@pytest.fixture(scope="module")
def stack() -> Iterator[Stack]:
    """Databases, Redis database, fixture site and the six Airflow services; all removed afterwards."""
    shutil.rmtree(BUILD, ignore_errors=True)
    BUILD.mkdir(parents=True)
    previous_handler = signal.signal(signal.SIGTERM, _interrupt)
    with ExitStack() as cleanup:
        cleanup.callback(signal.signal, signal.SIGTERM, previous_handler)
        suffix = uuid.uuid4().hex[:10]
        meta_url = _fresh_database(cleanup, f"news_e2e_airflow_{suffix}")
        warehouse_url = _fresh_database(cleanup, f"news_e2e_warehouse_{suffix}")
        broker_url = _empty_redis_database(cleanup)
        site = cleanup.enter_context(serve_fixture_site())
        services = ServiceSet(BUILD / "logs")
        stack = Stack(services=services, site=site, airflow_home=BUILD / "airflow_home",
                      warehouse_url=warehouse_url, admin_password=secrets.token_urlsafe(16))
        cleanup.callback(_write_report, stack)
        cleanup.callback(_stop_services, services)
        _start(stack, meta_url, broker_url, queue=f"news-e2e-{suffix}")
        yield stack


@pytest.fixture(scope="module")
def first_run(stack: Stack) -> dict[str, Any]:
    """Run 1 of the day through the REST API; its wall time and the service set's peak memory."""
    started = time.monotonic()
    stack.api.trigger(DAG_ID, RUN1, f"{DAY}T06:00:00Z")
    peak: dict[str, Any] = {"rss_mib": 0.0}

    def sample() -> None:
        stack.services.check_alive()
        by_service = stack.services.memory()
        rss = sum(m["rss_mib"] for m in by_service.values())
        if rss > peak["rss_mib"]:
            pss = sum(m["pss_mib"] for m in by_service.values())
            peak.update(rss_mib=round(rss, 1), pss_mib=round(pss, 1), by_service={
                name: {k: round(v, 1) for k, v in m.items()} for name, m in by_service.items()})

    state = stack.api.wait_for_run(DAG_ID, RUN1, RUN_S, on_poll=sample)
    wall = time.monotonic() - started
    assert state == "success", _run_failure(stack, RUN1, state)
    log(f"run 1 succeeded in {wall:.1f} s; peak memory of the service set {peak['rss_mib']:.0f} MiB RSS")
    stack.report["distributed_run"] = {"run_id": RUN1, "wall_s": round(wall, 1), "state": state}
    stack.report["service_set_memory_peak"] = peak
    return {"wall_s": wall, "snapshot": snapshot(stack.warehouse_url)}


def test_the_daily_run_over_celery_loads_the_seed_fixtures(stack: Stack, first_run: dict[str, Any]) -> None:
    assert_seed_labels_met(stack.warehouse_url, stack.site.base_url)
    with create_engine(stack.warehouse_url).connect() as conn:
        status = conn.execute(text("SELECT status FROM pipeline_run WHERE batch_id = :d"), {"d": DAY}).scalar()
    assert status == "published"


def test_both_workers_took_tasks_of_the_run(stack: Stack, first_run: dict[str, Any]) -> None:
    expected = {(t["task_id"], t["map_index"], t["try_number"]) for t in stack.api.task_instances(DAG_ID, RUN1)}
    ran = {w: executed_tasks(stack.services.services[w].log_text(), RUN1) for w in WORKERS}
    stack.report["tasks_per_worker"] = {w: sorted(f"{t}[{m}] try {n}" for t, m, n in ran[w]) for w in WORKERS}
    assert all(ran.values()), f"a worker ran no task of {RUN1}: {stack.report['tasks_per_worker']}"
    assert not ran[WORKERS[0]] & ran[WORKERS[1]], "a task try ran on both workers"
    assert expected <= ran[WORKERS[0]] | ran[WORKERS[1]], (ran, expected)  # every task's last try, on a worker


def test_the_ui_grid_shows_the_successful_run(stack: Stack, first_run: dict[str, Any]) -> None:
    _browser_binaries()
    with browser(BUILD / "chromium-profile", size=(1500, 1000)) as driver:
        try:
            driver.get(f"{stack.base_url}/dags/{DAG_ID}/runs/{RUN1}")  # the UI sends us to its login page first
            wait = WebDriverWait(driver, 120)
            wait.until(expected_conditions.presence_of_element_located(
                (By.CSS_SELECTOR, "input:not([type=password])"))).send_keys(ADMIN)
            driver.find_element(By.CSS_SELECTOR, "input[type=password]").send_keys(stack.admin_password)
            driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            wait.until(lambda d: RUN1 in page_text(d))
            wait.until(lambda d: "success" in page_text(d).lower())
            time.sleep(3)  # let the grid's bars finish rendering before the picture
            page = page_text(driver)
            shot = BUILD / "grid.png"
            driver.save_screenshot(str(shot))
        except Exception:
            driver.save_screenshot(str(BUILD / "ui-failure.png"))  # what the browser showed, for the CI artifact
            raise
    stack.report["ui_screenshot"] = str(shot.relative_to(ROOT))
    assert DAG_ID in page and "publish" in page, page[:2000]


def test_a_worker_killed_mid_task_leaves_the_run_complete_and_the_warehouse_clean(
        stack: Stack, first_run: dict[str, Any]) -> None:
    """Run 2 re-downloads the day's pages (``refetch``); the worker fetching them is killed with
    SIGKILL, task process included. The scheduler finds the task's heartbeat gone, Airflow
    retries it on the surviving worker, and the warehouse ends exactly as after run 1."""
    stack.site.reset_counts()
    started = time.monotonic()
    stack.api.trigger(DAG_ID, RUN2, f"{DAY}T12:00:00Z", conf={"refetch": True})
    victim = _worker_fetching_pages(stack, RUN2)
    pages_before_kill = _page_requests(stack.site)
    killed = stack.services.kill(victim)
    survivor = next(w for w in WORKERS if w != victim)
    log(f"killed {victim} ({len(killed)} processes) after {pages_before_kill} page requests of run 2")

    state = stack.api.wait_for_run(DAG_ID, RUN2, RUN_S, on_poll=stack.services.check_alive)
    wall = time.monotonic() - started
    assert state == "success", _run_failure(stack, RUN2, state)

    tries = stack.api.task_tries(DAG_ID, RUN2, "fetch_pages")
    survivor_ran = executed_tasks(stack.services.services[survivor].log_text(), RUN2)
    stack.report["worker_killed_run"] = {
        "run_id": RUN2, "wall_s": round(wall, 1), "killed": victim, "killed_processes": len(killed),
        "fetch_pages_tries": [(t["try_number"], t["state"]) for t in tries],
        "page_requests_before_kill": pages_before_kill, "page_requests_total": _page_requests(stack.site),
    }
    log(f"run 2 succeeded in {wall:.1f} s; fetch_pages tries {stack.report['worker_killed_run']['fetch_pages_tries']}")
    assert len(tries) >= 2 and tries[0]["state"] != "success", tries
    assert ("fetch_pages", -1, tries[-1]["try_number"]) in survivor_ran, "the retry did not run on the survivor"
    assert _page_requests(stack.site) > pages_before_kill, "the retry did not fetch the pages again"
    assert snapshot(stack.warehouse_url) == first_run["snapshot"], "run 2 changed the warehouse"
    assert_seed_labels_met(stack.warehouse_url, stack.site.base_url)


# -- what a Celery worker ran ----------------------------------------------------------------

WORKLOAD_LINE = re.compile(r"Executing workload in Celery: (.*)")


def executed_tasks(worker_log: str, run_id: str) -> set[tuple[str, int, int]]:
    """(task_id, map_index, try_number) of each task try of ``run_id`` that a Celery worker
    started, read from the ``Executing workload in Celery`` lines of its log."""
    found = set()
    for match in WORKLOAD_LINE.finditer(worker_log):
        workload = match.group(1).split(" ti=", 1)[-1]  # the task instance, not the log path before it
        fields = dict(re.findall(r"\b(task_id|run_id|map_index|try_number)=([^,)\s]+)", workload))
        if fields.get("run_id", "").strip("'\"") == run_id:
            found.add((fields["task_id"].strip("'\""), int(fields["map_index"]), int(fields["try_number"])))
    return found


# -- set-up ----------------------------------------------------------------------------------

def _start(stack: Stack, meta_url: str, broker_url: str, queue: str) -> None:
    """Initialise both databases, start the services, wait until each is ready and the DAG is parsed."""
    api_port, health_port = free_port(), free_port()
    stack.base_url = f"http://127.0.0.1:{api_port}"
    stack.airflow_home.mkdir(parents=True)
    passwords = stack.airflow_home / "passwords.json"
    passwords.write_text(json.dumps({ADMIN: stack.admin_password}), encoding="utf-8")
    catalogue = write_demo_catalogue(stack.site, BUILD / "feeds.yaml")
    airflow_meta = meta_url.replace("postgresql+psycopg://", "postgresql+psycopg2://")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "NEWS_ETL_"))},
        "PYTHONUNBUFFERED": "1",
        "AIRFLOW_HOME": str(stack.airflow_home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(ROOT / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": airflow_meta,
        "AIRFLOW__CELERY__BROKER_URL": broker_url,
        "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + airflow_meta.replace("+psycopg2", ""),
        "AIRFLOW__OPERATORS__DEFAULT_QUEUE": queue,  # no other Celery app's worker can take our tasks
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{stack.base_url}/execution/",
        "AIRFLOW__API__BASE_URL": stack.base_url,
        "AIRFLOW__API__SECRET_KEY": secrets.token_urlsafe(32),
        "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_urlsafe(32),
        "AIRFLOW__CORE__FERNET_KEY": Fernet.generate_key().decode(),
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{ADMIN}:admin",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(passwords),
        "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",  # only the runs we trigger
        "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK": "True",
        "AIRFLOW__SCHEDULER__SCHEDULER_HEALTH_CHECK_SERVER_HOST": "127.0.0.1",
        "AIRFLOW__SCHEDULER__SCHEDULER_HEALTH_CHECK_SERVER_PORT": str(health_port),
        # A killed worker's task stops heartbeating; notice it in 30 s instead of 5 minutes.
        "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT": "30",
        "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT_DETECTION_INTERVAL": "5",
        "NEWS_ETL_FEEDS": str(catalogue),
        "NEWS_ETL_WAREHOUSE_URL": stack.warehouse_url,
        "NEWS_ETL_ALLOW_HOSTS": "127.0.0.1",
        "NEWS_ETL_HOST_DELAY_S": "1",  # polite pacing keeps fetch_pages running long enough to be killed
        "NEWS_ETL_DATA_DIR": str(BUILD / "data"),
        "NEWS_ETL_WORKERS": "1",
    }
    log("migrating Airflow's metadata database and the warehouse")
    _run_step("airflow-db-migrate", [str(BIN / "airflow"), "db", "migrate"], env)
    _run_step("news-etl-migrate", [str(BIN / "news-etl"), "migrate"], env)

    log(f"starting the services (api-server {stack.base_url}, broker {broker_url}, queue {queue})")
    airflow = str(BIN / "airflow")
    services = stack.services
    services.start("api-server", [airflow, "api-server", "--host", "127.0.0.1", "--port", str(api_port),
                                  "--workers", "1"], env)
    services.start("scheduler", [airflow, "scheduler"], env)
    services.start("dag-processor", [airflow, "dag-processor"], env)
    services.start("triggerer", [airflow, "triggerer", "--skip-serve-logs"], env)
    for worker in WORKERS:  # workers' log servers are not needed: every log is on this machine's disk
        services.start(worker, [airflow, "celery", "worker", "--celery-hostname", f"{worker}@%h",
                                "--concurrency", "2", "--skip-serve-logs"], env)
    stack.api = api = AirflowApi(stack.base_url, ADMIN, stack.admin_password)
    services.wait_until("api-server", api.is_up, "answer on /api/v2/version", STARTUP_S)
    services.wait_until("scheduler", lambda: _answers(f"http://127.0.0.1:{health_port}/health"),
                        "healthy answer on its health check port", STARTUP_S)
    for name, component in (("dag-processor", "dag_processor"), ("triggerer", "triggerer")):
        services.wait_until(name, lambda c=component: api.components_healthy((c,)),
                            "healthy heartbeat in /api/v2/monitor/health", STARTUP_S)
    for worker in WORKERS:
        services.wait_until(worker, lambda w=worker: f"{w}@" in services.services[w].log_text()
                            and " ready." in services.services[w].log_text(), "'ready' from Celery", STARTUP_S)
    services.wait_until("dag-processor", lambda: _dag_parsed(api), f"{DAG_ID} in the API", STARTUP_S)
    api.patch(f"/api/v2/dags/{DAG_ID}", {"is_paused": False})
    log("all services are up and the DAG is parsed")


def _fresh_database(cleanup: ExitStack, name: str) -> str:
    """Create database ``name`` on the shared PostgreSQL server; dropped (forcibly) on cleanup."""
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    cleanup.callback(admin.dispose)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    cleanup.callback(drop)
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def _empty_redis_database(cleanup: ExitStack) -> str:
    """A broker URL on a numbered Redis database (never 0) that holds no key; flushed on cleanup."""
    client = redis.Redis.from_url(REDIS_URL)
    try:
        used = {int(k[2:]) for k in client.info("keyspace")}
        databases = int(client.config_get("databases").get("databases", 16))
    except redis.RedisError as exc:
        pytest.fail(f"Redis is required at {REDIS_URL} (.ci/run starts it): {exc}")
    free = [n for n in range(1, databases) if n not in used]
    assert free, f"every Redis database 1..{databases - 1} holds keys; flush one you own"
    number = secrets.choice(free)
    cleanup.callback(lambda: redis.Redis.from_url(f"{REDIS_URL}/{number}").flushdb())
    return f"{REDIS_URL}/{number}"


def _run_step(name: str, argv: list[str], env: dict[str, str]) -> None:
    log_path = BUILD / "logs" / f"{name}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as out:
        result = subprocess.run(argv, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=STARTUP_S)
    tail = "\n".join(log_path.read_text(errors="replace").splitlines()[-40:])
    assert result.returncode == 0, f"{' '.join(argv[1:])} failed (exit {result.returncode}):\n{tail}"


def _dag_parsed(api: AirflowApi) -> bool:
    try:
        api.get(f"/api/v2/dags/{DAG_ID}")
        return True
    except AirflowApiError:
        return False


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def _browser_binaries() -> tuple[str, str]:
    """Debian's chromium and chromedriver, installed with apt-get when missing (as root, as in CI)."""
    if not (shutil.which("chromium") and shutil.which("chromedriver")) and os.geteuid() == 0:
        log("installing chromium and chromium-driver with apt-get")
        subprocess.run("apt-get update -qq && apt-get install -y -qq chromium chromium-driver", shell=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}, capture_output=True, timeout=900)
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    assert chromium and driver, "the UI check needs Debian's chromium and chromium-driver packages"
    return chromium, driver


# -- the worker to kill ----------------------------------------------------------------------

def _worker_fetching_pages(stack: Stack, run_id: str) -> str:
    """Wait until a worker is downloading ``run_id``'s article pages; returns that worker's name."""
    deadline = time.monotonic() + RUN_S
    while time.monotonic() < deadline:
        stack.services.check_alive()
        if _page_requests(stack.site) > 0:
            for worker in WORKERS:
                if ("fetch_pages", -1, 1) in executed_tasks(stack.services.services[worker].log_text(), run_id):
                    return worker
        time.sleep(0.1)
    raise AssertionError(f"no worker started fetching pages for {run_id}: "
                         f"{_run_failure(stack, run_id, stack.api.run_state(DAG_ID, run_id))}")


def _page_requests(site: FixtureSite) -> int:
    """Article page downloads the fixture site has answered with a body."""
    return sum(1 for path, status, _ in list(site.requests)
               if status == 200 and path not in ("/feed.xml", "/robots.txt"))


# -- failure detail, report, teardown ---------------------------------------------------------

def _run_failure(stack: Stack, run_id: str, state: str) -> str:
    """Why a run did not succeed: each unfinished task's state and the tail of its task log,
    and the tails of the workers' and scheduler's logs."""
    lines = [f"run {run_id} ended {state}"]
    try:
        tasks = stack.api.task_instances(DAG_ID, run_id)
    except (OSError, AirflowApiError) as exc:
        tasks = []
        lines.append(f"(task instances unavailable: {exc})")
    for t in tasks:
        if t["state"] != "success":
            lines.append(f"- {t['task_id']}[{t['map_index']}] try {t['try_number']}: {t['state']}")
            logs = sorted((stack.airflow_home / "logs").glob(
                f"dag_id={DAG_ID}/run_id={run_id}/task_id={t['task_id']}/**/attempt=*.log"))
            if logs:
                lines.append("\n".join(logs[-1].read_text(errors="replace").splitlines()[-25:]))
    lines += [stack.services.services[name].tail(25) for name in (*WORKERS, "scheduler")
              if name in stack.services.services]
    return "\n".join(lines)


def _stop_services(services: ServiceSet) -> None:
    leftovers = services.stop_all()
    log(f"stopped {len(services.services)} services" + (f"; STILL RUNNING: {leftovers}" if leftovers else ""))
    assert not leftovers, f"processes survived the stop: {leftovers}"


def _write_report(stack: Stack) -> None:
    report = {"day": DAY, "workers": list(WORKERS), "cpu_count": os.cpu_count(),
              "memory_total_mib": round(psutil.virtual_memory().total / 2**20), **stack.report}
    (BUILD / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    log(f"report: {BUILD / 'report.json'}\n{json.dumps(report, indent=2)}")


def _interrupt(signum: int, frame: Any) -> None:
    """SIGTERM (a CI time-out) becomes KeyboardInterrupt, so pytest's teardown still stops everything."""
    raise KeyboardInterrupt(f"signal {signum}")
