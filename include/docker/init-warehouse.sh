#!/bin/bash
# Run by the postgres image on its first start (docker-entrypoint-initdb.d): the warehouse
# database `news_warehouse` beside Airflow's, owned by the role `news`, which may create the
# read-only role bi_reader (`news-etl grant-bi-reader`). The password is passed as a psql
# variable, so any character is safe.
set -euo pipefail
psql -v ON_ERROR_STOP=1 -v password="${WAREHOUSE_PASSWORD:?}" --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
CREATE ROLE news LOGIN CREATEROLE PASSWORD :'password';
CREATE DATABASE news_warehouse OWNER news;
SQL
