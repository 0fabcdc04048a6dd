"""A squad of three simulated athletes, one season each: `lapwise season club/ --athletes`
(weeks.csv per athlete), DuckDB over its `--dataset`, and the Spark job over the raw files give
the same weekly runs and distance per athlete."""

import csv
import math
import os
import shutil

import pytest

import lapwise

duckdb = pytest.importorskip("duckdb")


@pytest.fixture(scope="module")
def squad(cli, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("squad")
    club = tmp / "club"
    for name, seed in [("ana", "1"), ("ben", "2"), ("cai", "3")]:
        code, _, err = cli(["simulate", "--season", "2026-01-05", "--weeks", "4", "--seed", seed,
                            "--out", str(club / name)])
        assert code == 0, err
    out, ds = tmp / "out", tmp / "dataset"
    code, _, err = cli(["season", str(club), "--athletes", "--out", str(out), "--dataset", str(ds),
                        "--quiet"])
    assert code == 0, err
    weeks = {}
    for name in ["ana", "ben", "cai"]:
        with open(out / name / "weeks.csv", newline="") as f:
            for w in csv.DictReader(f):
                if int(w["runs"]) > 0:
                    weeks[(name, w["week_start"])] = (int(w["runs"]), float(w["distance_m"]))
    return club, ds, weeks


def close(a, b):
    return a[0] == b[0] and math.isclose(a[1], b[1], rel_tol=1e-9, abs_tol=1e-6)


def test_duckdb_over_the_dataset_equals_weeks_csv(squad):
    _, ds, weeks = squad
    got = duckdb.sql(
        f"""SELECT athlete_id, CAST(week_start AS VARCHAR) AS week, count(*) AS runs,
                   sum(distance_m) AS distance_m
            FROM read_parquet('{ds}/**/*.parquet', hive_partitioning = true)
            GROUP BY athlete_id, week ORDER BY athlete_id, week"""
    ).fetchall()
    table = {(a, w): (r, d) for a, w, r, d in got}
    assert table.keys() == weeks.keys()
    for k, v in weeks.items():
        assert close(table[k], v), (k, table[k], v)


def test_spark_job_equals_weeks_csv(squad):
    pytest.importorskip("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("no Java runtime for Spark")
    import sys

    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession, functions as F

    import lapwise.spark

    club, _, weeks = squad
    spark = (
        SparkSession.builder.master("local[2]").appName("lapwise-squad")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    try:
        runs = lapwise.spark.analyze_files(spark, str(club))
        ok = runs.filter(F.col("error_kind").isNull() & (F.col("sport") == "running"))
        per_week = (
            ok.withColumn("athlete", F.split("source", "/").getItem(0))
            .groupBy("athlete", F.col("week_start").cast("string").alias("week"))
            .agg(F.count("*").alias("runs"), F.sum("distance_m").alias("distance_m"))
            .collect()
        )
    finally:
        spark.stop()
    table = {(r["athlete"], r["week"]): (r["runs"], r["distance_m"]) for r in per_week}
    assert table.keys() == weeks.keys()
    for k, v in weeks.items():
        assert close(table[k], v), (k, table[k], v)
