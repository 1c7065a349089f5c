"""``docker-compose.yaml``, ``Dockerfile`` and ``.env.example`` checked without a Docker engine:
the compose file against the Compose Specification's JSON schema (shipped by the npm package
``dclint``, pinned in ``package.json``; ``make venv`` installs it), the services and health
checks of the CeleryExecutor topology, and secrets only from ``.env``."""

from __future__ import annotations

import copy
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "node_modules" / "dclint" / "schemas" / "compose.schema.json"
COMPOSE_TEXT = (ROOT / "docker-compose.yaml").read_text(encoding="utf-8")
COMPOSE = yaml.safe_load(COMPOSE_TEXT)
AIRFLOW_SERVICES = {"airflow-apiserver", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer",
                    "airflow-worker", "airflow-init"}
VARIABLE = re.compile(r"(?<!\$)\$\{(\w+)(?::?([-?])([^}]*))?\}")


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    assert SCHEMA.exists(), f"{SCHEMA} is missing: run `make venv` (npm ci installs the Compose schema)"
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema.get("title") == "Compose Specification"
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@pytest.fixture(scope="module")
def generated_env() -> dict[str, str]:
    """The .env that ``include/docker/make-env.sh`` writes, as a dict."""
    result = subprocess.run(["bash", str(ROOT / "include" / "docker" / "make-env.sh")], capture_output=True,
                            text=True, check=True)
    return dict(line.split("=", 1) for line in result.stdout.splitlines() if line and not line.startswith("#"))


def test_the_compose_file_is_valid_against_the_compose_specification(validator, generated_env) -> None:
    errors = sorted(validator.iter_errors(COMPOSE), key=str)
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)
    interpolated = yaml.safe_load(VARIABLE.sub(lambda m: generated_env.get(m.group(1)) or m.group(3) or "",
                                               COMPOSE_TEXT))
    assert not list(validator.iter_errors(interpolated))


def test_the_schema_rejects_what_compose_rejects(validator) -> None:
    broken = copy.deepcopy(COMPOSE)
    broken["services"]["airflow-worker"]["depends_on"]["airflow-init"]["condition"] = "service_done"
    broken["services"]["redis"]["restart_policy"] = "always"
    messages = [e.message for e in validator.iter_errors(broken)]
    assert any("'service_done'" in m for m in messages) and any("restart_policy" in m for m in messages), messages


def test_the_celery_topology_has_every_service_with_a_health_check() -> None:
    services: dict[str, Any] = COMPOSE["services"]
    assert {"postgres", "redis"} | AIRFLOW_SERVICES <= set(services)
    for name, service in services.items():
        if name == "airflow-init":  # one-shot: the others wait for it to exit 0 instead
            continue
        assert service.get("healthcheck", {}).get("test"), f"{name} has no health check"
        assert service.get("restart") == "always", name
    common = COMPOSE["x-airflow-common"]["environment"]
    assert common["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    assert common["AIRFLOW__CELERY__BROKER_URL"].startswith("redis://")
    assert common["AIRFLOW__CELERY__RESULT_BACKEND"].startswith("db+postgresql://")
    assert common["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"] == "http://airflow-apiserver:8080/execution/"
    assert "news_warehouse" in common["NEWS_ETL_WAREHOUSE_URL"]


def test_airflow_services_share_the_code_mounts_and_wait_for_init() -> None:
    services = COMPOSE["services"]
    for name in AIRFLOW_SERVICES:
        mounts = {volume.split(":")[1] for volume in services[name]["volumes"]}
        assert {f"/opt/airflow/{d}" for d in ("dags", "plugins", "include", "seeds")} <= mounts, name
        if name != "airflow-init":
            assert services[name]["depends_on"]["airflow-init"] == {"condition": "service_completed_successfully"}
    worker = services["airflow-worker"]
    assert "container_name" not in worker and "ports" not in worker, "a worker must be scalable with --scale"
    init_script = (ROOT / "include" / "docker" / "airflow-init.sh").read_text(encoding="utf-8")
    assert services["airflow-init"]["command"] == ["/opt/airflow/include/docker/airflow-init.sh"]
    for step in ("airflow db migrate", "news-etl migrate", "news-etl grant-bi-reader", "PASSWORDS_FILE"):
        assert step in init_script, step


def test_every_secret_comes_from_dot_env() -> None:
    example = dict(line.split("=", 1) for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
                   if line and not line.startswith("#"))
    referenced = {m.group(1): m.group(2) for m in VARIABLE.finditer(COMPOSE_TEXT)}
    assert set(referenced) <= set(example), set(referenced) - set(example)
    for name in ("POSTGRES_PASSWORD", "WAREHOUSE_PASSWORD", "BI_READER_PASSWORD", "REDIS_PASSWORD",
                 "AIRFLOW_ADMIN_PASSWORD", "AIRFLOW_FERNET_KEY", "AIRFLOW_JWT_SECRET", "AIRFLOW_API_SECRET_KEY"):
        assert referenced.get(name) == "?", f"{name} must be required (${{{name}:?...}}) in the compose file"
        assert example[name] == "", f".env.example must not hold a value for {name}"
    # No literal secret anywhere: every password/key/secret setting is an interpolation.
    for key, value in re.findall(r"^\s*(\w*(?:PASSWORD|SECRET|FERNET_KEY)\w*):\s*(.+)$", COMPOSE_TEXT, re.M):
        assert value.startswith("${") or "PASSWORDS_FILE" in key, (key, value)


def test_make_env_fills_every_secret_with_a_usable_value(generated_env) -> None:
    for name, value in generated_env.items():
        if name != "NEWS_ETL_ALERT_WEBHOOK_URL":
            assert value, name
    Fernet(generated_env["AIRFLOW_FERNET_KEY"].encode())  # raises when the key is malformed
    again = subprocess.run(["bash", str(ROOT / "include" / "docker" / "make-env.sh")], capture_output=True,
                           text=True, check=True).stdout
    assert generated_env["AIRFLOW_JWT_SECRET"] not in again, "secrets must be random on every call"


def test_the_image_is_the_pinned_airflow_with_our_constraints() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    pinned = re.search(r"^apache-airflow==(\S+)", (ROOT / "requirements.txt").read_text(), re.M).group(1)
    assert re.search(rf"^FROM apache/airflow:{re.escape(pinned)}-python3\.11$", dockerfile, re.M)
    assert "-r /opt/news-etl/requirements.txt -c /opt/news-etl/constraints.txt" in dockerfile
    assert COMPOSE["x-airflow-common"]["build"] == "."


@pytest.mark.parametrize("script", sorted((ROOT / "include" / "docker").glob("*.sh")), ids=lambda p: p.name)
def test_the_container_scripts_are_valid_bash(script: Path) -> None:
    result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert script.stat().st_mode & 0o111, f"{script.name} must be executable"
