-- The season's personal bests (season.json `personal_bests`) as one SQL text that DuckDB and
-- Spark SQL both run unchanged, over a table or view named `runs` with RUN_SCHEMA's columns
-- holding a season's counted activities (as for WEEKS_SQL): per athlete and standard distance
-- the fastest best-effort window of any run (the `effort_*_s` columns, docs/metrics.md "Best
-- efforts"; running only, a ride's fast 20 km is no running best), the earliest run winning a
-- tie, with its local date and source.
WITH distances AS (
  SELECT * FROM (VALUES
    (1, '400m', 400.0), (2, '1/2 mile', 804.672), (3, '1k', 1000.0), (4, '1 mile', 1609.344),
    (5, '2 mile', 3218.688), (6, '5k', 5000.0), (7, '10k', 10000.0), (8, '15k', 15000.0),
    (9, '10 mile', 16093.44), (10, '20k', 20000.0), (11, 'Half-Marathon', 21097.5),
    (12, '30k', 30000.0), (13, 'Marathon', 42195.0)
  ) AS t(k, name, distance_m)
),
efforts AS (
  SELECT COALESCE(r.athlete_id, '') AS athlete, d.k, d.name, d.distance_m,
         CASE d.k
           WHEN 1 THEN r.effort_400m_s WHEN 2 THEN r.effort_half_mile_s
           WHEN 3 THEN r.effort_1k_s WHEN 4 THEN r.effort_mile_s
           WHEN 5 THEN r.effort_2mile_s WHEN 6 THEN r.effort_5k_s
           WHEN 7 THEN r.effort_10k_s WHEN 8 THEN r.effort_15k_s
           WHEN 9 THEN r.effort_10mile_s WHEN 10 THEN r.effort_20k_s
           WHEN 11 THEN r.effort_half_marathon_s WHEN 12 THEN r.effort_30k_s
           WHEN 13 THEN r.effort_marathon_s
         END AS elapsed_s,
         CAST(r.date AS DATE) AS day, r.start_epoch_s, r.source
  FROM runs r CROSS JOIN distances d
  WHERE r.sport = 'running'
),
ranked AS (
  SELECT athlete, k, name, distance_m, elapsed_s, day, source,
         ROW_NUMBER() OVER (PARTITION BY athlete, k ORDER BY elapsed_s, start_epoch_s, source) AS place
  FROM efforts
  WHERE elapsed_s IS NOT NULL
)
SELECT athlete AS athlete_id, name, CAST(distance_m AS DOUBLE) AS distance_m, elapsed_s, CAST(day AS STRING) AS date, source
FROM ranked
WHERE place = 1
ORDER BY athlete_id, distance_m
