"""A Spark job: every activity file under a folder (or bucket) → one row per run → Parquet
partitioned by year, with nothing on the cluster but the lapwise wheel.

    PYSPARK_PYTHON=$(which python) spark-submit examples/spark_runs.py exports/ runs-parquet/
"""

import sys

from pyspark.sql import SparkSession, functions as F

import lapwise.spark

src, out = sys.argv[1], sys.argv[2]
spark = SparkSession.builder.appName("lapwise-runs").getOrCreate()
runs = lapwise.spark.analyze_files(spark, src)
(
    runs.withColumn("year", F.year("date"))
    .repartition("year")
    .sortWithinPartitions("source")
    .write.mode("overwrite")
    .partitionBy("year")
    .parquet(out)
)
failed = runs.filter(F.col("error_kind").isNotNull()).count()
print(f"wrote {out}; {failed} files failed (rows with error_kind)")
spark.stop()
