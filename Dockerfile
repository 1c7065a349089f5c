# The product on the official Airflow image of the pinned version: our requirements installed
# with our constraints file (Airflow's recommended practice), the core package installed
# editable from /opt/airflow/plugins so that the compose file's bind mounts of dags/, plugins/,
# include/ and seeds/ replace the baked-in copies during development.
FROM apache/airflow:3.3.2-python3.11

COPY --chown=airflow:root requirements.txt constraints.txt /opt/news-etl/
RUN pip install --no-cache-dir "apache-airflow==3.3.2" \
        -r /opt/news-etl/requirements.txt -c /opt/news-etl/constraints.txt

COPY --chown=airflow:root pyproject.toml README.md /opt/airflow/
COPY --chown=airflow:root plugins /opt/airflow/plugins
COPY --chown=airflow:root dags /opt/airflow/dags
COPY --chown=airflow:root include /opt/airflow/include
COPY --chown=airflow:root seeds /opt/airflow/seeds
RUN pip install --no-cache-dir --no-deps -e /opt/airflow

# Relative NEWS_ETL_* paths (seeds/feeds.yaml, data/) resolve against the Airflow home.
ENV NEWS_ETL_HOME=/opt/airflow
