"""A Spark job: every activity file under a folder (or bucket) → one row per run → Parquet
partitioned by year, with nothing on the cluster but the lapwise wheel; then the season's
roll-up per athlete (the athlete is the first folder under the root) with lapwise's SQL texts:
duplicates dropped, weeks, personal bests and days (load, CTL, ATL, TSB; empty without
thresholds), each written as Parquet beside the runs.

    PYSPARK_PYTHON=$(which python) spark-submit examples/spark_runs.py exports/ out/
"""

import sys

from pyspark.sql import SparkSession, functions as F

import lapwise
import lapwise.spark

src, out = sys.argv[1], sys.argv[2].rstrip("/")
spark = SparkSession.builder.appName("lapwise-runs").getOrCreate()
raw = lapwise.spark.analyze_files(spark, src).withColumn(
    "athlete_id", F.split("source", "/").getItem(0)
)
(
    raw.withColumn("year", F.year("date"))
    .repartition("year")
    .sortWithinPartitions("athlete_id", "source")
    .write.mode("overwrite")
    .partitionBy("year")
    .parquet(f"{out}/runs")
)
failed = raw.filter(F.col("error_kind").isNotNull()).count()
spark.read.parquet(f"{out}/runs").createOrReplaceTempView("raw_runs")
spark.sql(lapwise.DEDUP_SQL).createOrReplaceTempView("runs")
for name, text in [("weeks", lapwise.WEEKS_SQL), ("bests", lapwise.BESTS_SQL),
                   ("days", lapwise.DAYS_SQL)]:
    spark.sql(text).coalesce(1).write.mode("overwrite").parquet(f"{out}/{name}")
print(f"wrote {out}/runs, weeks, bests, days; {failed} files failed (rows with error_kind)")
spark.stop()
