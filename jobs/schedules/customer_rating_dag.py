"""Airflow DAG: the yearly customer-rating run.

Every 15 January at 02:30 UTC it rates the previous year: spark-submit of the application jar baked
into the image, with the "kubernetes" profile (conf/profiles/kubernetes.conf) as properties file,
like the crontab entry and the ScheduledSparkApplication next to this file.

The Airflow connection "spark_customer_rating" (type Spark) holds the master, e.g. host
k8s://https://kubernetes.default.svc, port 443, extra {"deploy-mode": "cluster"}; the worker that
runs the task needs spark-submit (SPARK_HOME) and this project's conf/ at APP_HOME.

Exit codes of the job: 0 ok, 3 partial, 1 failed, 2 usage. Any non-zero exit fails the task; in
cluster mode spark-submit only reports whether the driver succeeded, so a partial run (3) fails
the task too: run_log in the warehouse says which city and year did not publish.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

APP_HOME = "/opt/customer-rating"
APP_JAR = "local:///opt/customer-rating/customer-rating-app.jar"
PROFILE = f"{APP_HOME}/conf/profiles/kubernetes.conf"

with DAG(
    dag_id="customer_rating_yearly",
    description="Rates the previous year's customer datasets into the Delta warehouse",
    schedule="30 2 15 1 *",
    start_date=datetime(2025, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"owner": "data-platform", "retries": 1, "retry_delay": timedelta(minutes=30)},
    tags=["customer-rating", "spark"],
) as dag:
    rate_previous_year = SparkSubmitOperator(
        task_id="rate_previous_year",
        conn_id="spark_customer_rating",
        application=APP_JAR,
        java_class="com.customerrating.job.RatingJob",
        properties_file=PROFILE,
        name="customer-rating",
        application_args=[
            "--conf", f"{APP_HOME}/conf/datasets.yaml",
            "--input-root", "s3a://rating-landing/landing",
            "--warehouse", "s3a://rating-warehouse/warehouse",
            "--quarantine", "s3a://rating-quarantine/quarantine",
            "--year", "previous",
            "--run-id", "airflow-{{ ts_nodash }}",
        ],
        execution_timeout=timedelta(hours=6),
        verbose=False,
    )
