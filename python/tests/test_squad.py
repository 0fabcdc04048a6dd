"""A squad of three simulated athletes, one season each: `lapwise season club/ --athletes`
(weeks.csv per athlete, every run recorded in FIT, GPX and TCX), DuckDB over its `--dataset`,
and the raw per-file rows (the Spark job, and `lapwise.runs` in DuckDB) through
`lapwise.DEDUP_SQL`, `lapwise.WEEKS_SQL` and `lapwise.BESTS_SQL` — SQL texts run unchanged by
both engines — give weeks.csv's weekly columns (every week, rest days included) and season.json's
personal bests per athlete."""

import csv
import json
import math
import os
import shutil
from types import SimpleNamespace

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
    out, ds, samples = tmp / "out", tmp / "dataset", tmp / "samples"
    code, _, err = cli(["season", str(club), "--athletes", "--out", str(out), "--dataset", str(ds),
                        "--sample-dataset", str(samples), "--quiet"])
    assert code == 0, err
    weeks, full, bests, days = {}, {}, {}, {}
    for name in ["ana", "ben", "cai"]:
        with open(out / name / "weeks.csv", newline="") as f:
            for w in csv.DictReader(f):
                full[(name, w["week_start"])] = w
                if int(w["runs"]) > 0:
                    weeks[(name, w["week_start"])] = (int(w["runs"]), float(w["distance_m"]))
        with open(out / name / "days.csv", newline="") as f:
            for d in csv.DictReader(f):
                days[(name, d["date"])] = d
        with open(out / name / "season.json") as f:
            for pb in json.load(f)["personal_bests"]:
                bests[(name, pb["name"])] = pb
    return SimpleNamespace(club=club, dataset=ds, samples=samples, weeks=weeks, full=full,
                           bests=bests, days=days)


def check_rollup(rows, full, every_sport=True):
    """Rows of WEEKS_SQL (dicts) against weeks.csv rows, column by column. Days without any
    activity need the other sports' rows, which raw per-file rows have and a running-only
    dataset does not (`every_sport`)."""
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
        assert str(r["partial"]).lower() == w["partial"].lower(), k
        for col in ("days_counted", "rest_days", "days_without_activity"):
            if col == "days_without_activity" and not every_sport:
                assert r[col] >= int(w[col]), (k, col, r[col], w[col])
            else:
                assert r[col] == int(w[col]), (k, col, r[col], w[col])


def check_bests(rows, bests):
    """Rows of BESTS_SQL (dicts) against season.json's personal bests, athlete by athlete."""
    got = {(r["athlete_id"], r["name"]): r for r in rows}
    assert got.keys() == bests.keys()
    for k, pb in bests.items():
        r = got[k]
        assert math.isclose(r["elapsed_s"], pb["elapsed_s"], rel_tol=1e-9, abs_tol=1e-6), k
        assert math.isclose(r["distance_m"], pb["distance_m"], rel_tol=1e-12), k
        assert (r["date"], r["source"].split("/")[-1]) == (pb["date"], pb["source"].split("/")[-1]), k


def check_days(rows, days):
    """Rows of DAYS_SQL (dicts) against days.csv rows: every day, load, CTL, ATL and TSB."""
    assert days, "the season has days (its thresholds are estimated)"
    got = {(r["athlete_id"], r["date"]): r for r in rows}
    assert got.keys() == days.keys()
    for k, d in days.items():
        for col in ("load", "ctl", "atl", "tsb"):
            assert math.isclose(got[k][col], float(d[col]), rel_tol=1e-9, abs_tol=1e-9), (k, col)


def sql_rows(con, text):
    """A DuckDB query's rows as dicts."""
    rel = con.sql(text)
    names = [c[0] for c in rel.description]
    return [dict(zip(names, row)) for row in rel.fetchall()]


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


def spark_rows(spark, text):
    """A Spark SQL query's rows as dicts."""
    return [r.asDict() for r in spark.sql(text).collect()]


def close(a, b):
    return a[0] == b[0] and math.isclose(a[1], b[1], rel_tol=1e-9, abs_tol=1e-6)


def test_sql_in_duckdb_over_the_dataset_equals_the_cli(squad):
    con = duckdb.connect()
    con.execute(
        f"CREATE VIEW runs AS SELECT * FROM read_parquet('{squad.dataset}/**/*.parquet',"
        " hive_partitioning = true)"
    )
    check_rollup(sql_rows(con, lapwise.WEEKS_SQL), squad.full, every_sport=False)
    check_bests(sql_rows(con, lapwise.BESTS_SQL), squad.bests)
    check_days(sql_rows(con, lapwise.DAYS_SQL), squad.days)


def test_sql_in_duckdb_from_raw_rows_equals_the_cli(squad):
    club = squad.club
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
    check_rollup(sql_rows(con, lapwise.WEEKS_SQL), squad.full)
    check_bests(sql_rows(con, lapwise.BESTS_SQL), squad.bests)


def test_duckdb_over_the_dataset_equals_weeks_csv(squad):
    got = duckdb.sql(
        f"""SELECT athlete_id, CAST(week_start AS VARCHAR) AS week, count(*) AS runs,
                   sum(distance_m) AS distance_m
            FROM read_parquet('{squad.dataset}/**/*.parquet', hive_partitioning = true)
            GROUP BY athlete_id, week ORDER BY athlete_id, week"""
    ).fetchall()
    table = {(a, w): (r, d) for a, w, r, d in got}
    assert table.keys() == squad.weeks.keys()
    for k, v in squad.weeks.items():
        assert close(table[k], v), (k, table[k], v)


def test_spark_job_from_raw_files_equals_the_cli(squad):
    spark = spark_session("lapwise-squad")
    from pyspark.sql import functions as F

    import lapwise.spark

    try:
        raw = lapwise.spark.analyze_files(spark, str(squad.club))
        # The athlete is the first folder of the source; then the season's duplicate rule, its
        # weekly roll-up and its personal bests, all as SQL.
        raw.withColumn("athlete_id", F.split("source", "/").getItem(0)).createOrReplaceTempView(
            "raw_runs"
        )
        spark.sql(lapwise.DEDUP_SQL).createOrReplaceTempView("runs")
        weeks = spark_rows(spark, lapwise.WEEKS_SQL)
        bests = spark_rows(spark, lapwise.BESTS_SQL)
    finally:
        spark.stop()
    check_rollup(weeks, squad.full)
    check_bests(bests, squad.bests)


def test_sql_in_spark_over_the_dataset_equals_the_cli(squad):
    spark = spark_session("lapwise-weeks-sql")
    try:
        spark.read.parquet(str(squad.dataset)).createOrReplaceTempView("runs")
        weeks = spark_rows(spark, lapwise.WEEKS_SQL)
        bests = spark_rows(spark, lapwise.BESTS_SQL)
        days = spark_rows(spark, lapwise.DAYS_SQL)
    finally:
        spark.stop()
    check_rollup(weeks, squad.full, every_sport=False)
    check_bests(bests, squad.bests)
    check_days(days, squad.days)


def test_sample_dataset_holds_every_counted_run_as_lapwise_samples_reads_it(squad):
    """`--sample-dataset`: one partition per month, every counted run of every athlete, and
    each run's rows equal to `lapwise.samples` of its file (time, distance, HR, segment)."""
    con = duckdb.connect()
    con.execute(
        f"CREATE VIEW samples AS SELECT * FROM read_parquet('{squad.samples}/**/*.parquet',"
        " hive_partitioning = true)"
    )
    con.execute(
        f"CREATE VIEW runs AS SELECT * FROM read_parquet('{squad.dataset}/**/*.parquet',"
        " hive_partitioning = true)"
    )
    per_run = sql_rows(con, "SELECT athlete_id, source, count(*) AS n FROM samples GROUP BY ALL")
    counted = sql_rows(con, "SELECT athlete_id, source FROM runs")
    assert {(r["athlete_id"], r["source"]) for r in per_run} == {
        (r["athlete_id"], r["source"]) for r in counted
    }
    months = sql_rows(con, "SELECT DISTINCT month, strftime(to_timestamp(min(timestamp_s)), '%Y-%m')"
                           " AS first FROM samples GROUP BY month")
    assert months and all(m["month"] == m["first"] for m in months)
    for r in sorted(per_run, key=lambda r: r["source"])[:6]:
        path = squad.club / r["athlete_id"] / r["source"]
        if not path.exists():
            path = squad.club / r["source"]
        want = lapwise.samples(path.read_bytes(), r["source"]).to_pydict()
        got = sql_rows(
            con,
            f"SELECT time_s, distance_m, hr_bpm, segment FROM samples WHERE source = '{r['source']}'"
            f" AND athlete_id = '{r['athlete_id']}' ORDER BY time_s",
        )
        assert len(got) == len(want["time_s"]) == r["n"]
        for col in ("time_s", "distance_m", "hr_bpm", "segment"):
            w = want[col]
            g = [x[col] for x in got]
            if col == "segment":
                assert g == w, col
            else:
                assert all(
                    (a is None and (b is None or math.isnan(b)))
                    or (b is not None and math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9))
                    for a, b in zip(g, w)
                ), col
