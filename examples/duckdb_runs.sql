-- DuckDB over the Parquet written by examples/spark_runs.py (one row per run, partitioned by
-- year): weekly running distance and the runs that failed.
--   duckdb -c ".read examples/duckdb_runs.sql"
SELECT week_start, count(*) AS runs, round(sum(distance_m) / 1000, 1) AS km
FROM read_parquet('runs-parquet/**/*.parquet', hive_partitioning = true)
WHERE error_kind IS NULL AND sport = 'running'
GROUP BY week_start
ORDER BY week_start;

SELECT source, error_kind, error_message
FROM read_parquet('runs-parquet/**/*.parquet', hive_partitioning = true)
WHERE error_kind IS NOT NULL;
