"""Per-file cost of the same job in each engine on this machine: every file of a folder → one
row per activity (`RUN_SCHEMA`), timed end to end, best of 3 (Spark: after one warm-up run).

    python python/bench/engines.py ../shared/corpus [--spark]

Prints files, MB, wall seconds and ms per file for lapwise.runs (one process, in memory),
lapwise.dask on a 2-process LocalCluster, and with --spark lapwise.spark on local[2]; and the
Parquet size per row of the result.
"""

import os
import pathlib
import sys
import tempfile
import time

import pyarrow.parquet as pq

import lapwise
import lapwise.dask

def main():
    root = pathlib.Path(sys.argv[1])
    files = sorted(p for p in root.rglob("*") if p.suffix.lower() in (".fit", ".gpx", ".tcx"))
    mb = sum(p.stat().st_size for p in files) / 1e6
    print(f"{len(files)} files, {mb:.1f} MB under {root}")


    def best(f, n=3):
        out = []
        for _ in range(n):
            t = time.perf_counter()
            r = f()
            out.append(time.perf_counter() - t)
        return min(out), r


    def report(name, secs):
        print(f"{name:36s} {secs:7.2f} s  {secs / len(files) * 1000:7.2f} ms/file")


    secs, table = best(lambda: lapwise.runs([p.read_bytes() for p in files], [str(p.relative_to(root)) for p in files]))
    report("lapwise.runs (1 process)", secs)
    with tempfile.TemporaryDirectory() as d:
        pq.write_table(table, os.path.join(d, "runs.parquet"))
        size = os.path.getsize(os.path.join(d, "runs.parquet"))
    print(f"runs table: {table.num_rows} rows, Parquet {size / table.num_rows:.0f} B/row")

    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as c, Client(c):
        secs, _ = best(lambda: lapwise.dask.analyze_files(str(root), files_per_partition=16).compute())
        report("lapwise.dask (2 worker processes)", secs)

    if "--spark" in sys.argv:
        os.environ["PYSPARK_PYTHON"] = sys.executable
        from pyspark.sql import SparkSession

        from lapwise import spark as lapwise_spark

        spark = (
            SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1").getOrCreate()
        )
        lapwise_spark.analyze_files(spark, str(root)).count()
        secs, _ = best(lambda: lapwise_spark.analyze_files(spark, str(root)).count())
        report("lapwise.spark (local[2])", secs)
        spark.stop()


if __name__ == "__main__":
    main()
