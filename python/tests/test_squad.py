"""A squad of three simulated athletes, one season each: `lapwise season club/ --athletes`
(weeks.csv per athlete, every run recorded in FIT, GPX and TCX), DuckDB over its `--dataset`,
and the raw per-file rows (the Spark job, and `lapwise.runs` in DuckDB) through
`lapwise.DEDUP_SQL` and `lapwise.WEEKS_SQL` — SQL texts run unchanged by both engines — give
weeks.csv's weekly columns per athlete."""

import csv
import math
import os
import shutil

import pyarrow as pa
import pytest

import lapwise

duckdb = pytest.importorskip("duckdb")


@pytest.fixture(scope="module")
def squad(cli, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("squad")
    club = tmp / "club"
    for name, seed in [("ana", "1"), ("ben", "2"), ("cai", "3")]:
        # Every run in FIT, GPX and TCX: the season counts each once (its duplicate rule).
        code, _, err = cli(["simulate", "--season", "2026-01-05", "--weeks", "4", "--seed", seed,
                            "--format", "all", "--out", str(club / name)])
        assert code == 0, err
    out, ds = tmp / "out", tmp / "dataset"
    code, _, err = cli(["season", str(club), "--athletes", "--out", str(out), "--dataset", str(ds),
                        "--quiet"])
    assert code == 0, err
    weeks, full = {}, {}
    for name in ["ana", "ben", "cai"]:
        with open(out / name / "weeks.csv", newline="") as f:
            for w in csv.DictReader(f):
                if int(w["runs"]) > 0:
                    weeks[(name, w["week_start"])] = (int(w["runs"]), float(w["distance_m"]))
                    full[(name, w["week_start"])] = w
    return club, ds, weeks, full


def check_rollup(rows, full):
    """Rows of WEEKS_SQL (dicts) against weeks.csv rows, column by column."""
    got = {(r["athlete_id"], r["week_start"]): r for r in rows}
    assert got.keys() == full.keys()
    for k, w in full.items():
        r = got[k]
        assert r["runs"] == int(w["runs"]), k
        for col in ("distance_m", "moving_s", "elapsed_s", "long_run_m", "best_mile_s", "avg_evenness"):
            if w[col] == "":
                assert r[col] is None, (k, col)
            else:
                assert math.isclose(r[col], float(w[col]), rel_tol=1e-9, abs_tol=1e-6), (k, col)
        for col in ("change_pct", "long_run_share_pct"):  # rounded to 0.1 by both
            if w[col] == "":
                assert r[col] is None, (k, col, r[col])
            else:
                assert abs(r[col] - float(w[col])) <= 0.05 + 1e-9, (k, col, r[col], w[col])
        assert str(r["over_10pct"]).lower() == w["over_10pct"].lower(), k
        if w["partial"].lower() == "false":
            assert r["run_days"] == 7 - int(w["rest_days"]), k


def test_weeks_sql_in_duckdb_equals_weeks_csv(squad):
    _, ds, _, full = squad
    con = duckdb.connect()
    con.execute(f"CREATE VIEW runs AS SELECT * FROM read_parquet('{ds}/**/*.parquet', hive_partitioning = true)")
    rel = con.sql(lapwise.WEEKS_SQL)
    names = [c[0] for c in rel.description]
    check_rollup([dict(zip(names, row)) for row in rel.fetchall()], full)


def spark_session(name):
    """A Spark `local[2]` session (skips without pyspark or Java)."""
    pytest.importorskip("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("no Java runtime for Spark")
    import sys

    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master("local[2]").appName(name)
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )


def close(a, b):
    return a[0] == b[0] and math.isclose(a[1], b[1], rel_tol=1e-9, abs_tol=1e-6)


def test_duckdb_from_raw_rows_equals_weeks_csv(squad):
    club, _, _, full = squad
    paths = sorted(p for p in club.rglob("*") if p.suffix in (".fit", ".gpx", ".tcx"))
    raw = lapwise.runs([p.read_bytes() for p in paths], [str(p.relative_to(club)) for p in paths])
    raw = raw.set_column(
        raw.schema.get_field_index("athlete_id"),
        "athlete_id",
        pa.array([s.split("/")[0] for s in raw.column("source").to_pylist()]),
    )
    con = duckdb.connect()
    con.register("raw_runs", raw)
    con.execute(f"CREATE VIEW runs AS {lapwise.DEDUP_SQL}")
    rel = con.sql(lapwise.WEEKS_SQL)
    names = [c[0] for c in rel.description]
    check_rollup([dict(zip(names, row)) for row in rel.fetchall()], full)


def test_duckdb_over_the_dataset_equals_weeks_csv(squad):
    _, ds, weeks, _ = squad
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


def test_spark_job_from_raw_files_equals_weeks_csv(squad):
    spark = spark_session("lapwise-squad")
    from pyspark.sql import functions as F

    import lapwise.spark

    club, _, _, full = squad
    try:
        raw = lapwise.spark.analyze_files(spark, str(club))
        # The athlete is the first folder of the source; then the season's duplicate rule and
        # its weekly roll-up, both as SQL.
        raw.withColumn("athlete_id", F.split("source", "/").getItem(0)).createOrReplaceTempView(
            "raw_runs"
        )
        spark.sql(lapwise.DEDUP_SQL).createOrReplaceTempView("runs")
        rows = [r.asDict() for r in spark.sql(lapwise.WEEKS_SQL).collect()]
    finally:
        spark.stop()
    check_rollup(rows, full)


def test_weeks_sql_in_spark_equals_weeks_csv(squad):
    spark = spark_session("lapwise-weeks-sql")
    _, ds, _, full = squad
    try:
        spark.read.parquet(str(ds)).createOrReplaceTempView("runs")
        rows = [r.asDict() for r in spark.sql(lapwise.WEEKS_SQL).collect()]
    finally:
        spark.stop()
    check_rollup(rows, full)
