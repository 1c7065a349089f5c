#!/usr/bin/env bash
# docker compose's airflow-init service (runs as root, once, before the other Airflow services):
# migrates Airflow's metadata database and the warehouse, writes the admin user's password for
# SimpleAuthManager, creates the read-only BI role, and hands the writable folders to AIRFLOW_UID.
set -euo pipefail

echo "Airflow $(airflow version)"
mkdir -p /opt/airflow/logs /opt/airflow/data /opt/airflow/secrets

echo "Migrating Airflow's metadata database"
airflow db migrate

echo "Migrating the warehouse"
news-etl migrate

echo "Creating the read-only role bi_reader for BI tools"
news-etl grant-bi-reader

echo "Writing the password of Airflow user ${AIRFLOW_ADMIN_USER}"
python - <<'PY'
import json, os
path = os.environ["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"]
with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as file:
    json.dump({os.environ["AIRFLOW_ADMIN_USER"]: os.environ["AIRFLOW_ADMIN_PASSWORD"]}, file)
PY

chown -R "${AIRFLOW_UID}:0" /opt/airflow/logs /opt/airflow/data /opt/airflow/secrets
echo "Ready"
