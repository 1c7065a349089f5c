#!/usr/bin/env bash
# Print a .env for docker-compose.yaml with fresh random secrets:  include/docker/make-env.sh > .env
# Every empty value of .env.example gets a random URL-safe string (the Fernet key: 32 random
# bytes in URL-safe base64, as Airflow requires); the other lines are copied as they are.
set -euo pipefail
cd "$(dirname "$0")/../.."
while IFS= read -r line; do
    case "$line" in
        AIRFLOW_FERNET_KEY=) echo "AIRFLOW_FERNET_KEY=$(openssl rand -base64 32 | tr '+/' '-_')" ;;
        NEWS_ETL_ALERT_WEBHOOK_URL=) echo "$line" ;;
        [A-Z]*=) echo "${line}$(openssl rand -hex 24)" ;;
        *) echo "$line" ;;
    esac
done < .env.example
