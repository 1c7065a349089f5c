#!/bin/bash
# Creates the warehouse database and its owner beside Airflow's metadata database.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE news LOGIN PASSWORD '${WAREHOUSE_PASSWORD}';
CREATE DATABASE news_warehouse OWNER news;
SQL
