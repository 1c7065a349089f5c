# Airflow image with the product's pinned requirements (installed with Airflow's constraints practice).
FROM apache/airflow:3.3.2-python3.11
COPY --chown=airflow:root requirements.txt constraints.txt /opt/news-etl/
RUN pip install --no-cache-dir -r /opt/news-etl/requirements.txt -c /opt/news-etl/constraints.txt
ENV NEWS_ETL_HOME=/opt/airflow
