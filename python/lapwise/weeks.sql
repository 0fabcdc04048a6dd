-- The weekly roll-up of lapwise's season (weeks.csv) as one SQL text that DuckDB and Spark SQL
-- both run unchanged, over a table or view named `runs` with RUN_SCHEMA's columns holding the
-- counted runs of a season (`season --dataset`, or `lapwise.runs` rows of de-duplicated files),
-- grouped per athlete (`athlete_id`; null for a one-athlete season) and ISO week (`week_start`,
-- local); error rows (no sport) and other sports are left out. Weeks without a run are not
-- listed, and rest days are not computed here: they need the dates of every activity of any
-- sport, which the runs table does not hold (weeks.csv has them). docs/scale.md.
WITH counted AS (
  SELECT COALESCE(athlete_id, '') AS athlete, CAST(week_start AS DATE) AS week_start,
         CAST(date AS DATE) AS day, distance_m, moving_s, elapsed_s, best_mile_s, evenness
  FROM runs
  WHERE sport = 'running'
),
weeks AS (
  SELECT athlete, week_start,
         COUNT(*) AS runs,
         SUM(distance_m) AS distance_m,
         SUM(moving_s) AS moving_s,
         SUM(elapsed_s) AS elapsed_s,
         COUNT(DISTINCT day) AS run_days,
         MAX(distance_m) AS long_run_m,
         MIN(best_mile_s) AS best_mile_s,
         AVG(evenness) AS avg_evenness
  FROM counted
  GROUP BY athlete, week_start
)
SELECT w.athlete AS athlete_id,
       CAST(w.week_start AS STRING) AS week_start,
       w.runs,
       w.distance_m,
       w.moving_s,
       w.elapsed_s,
       w.run_days,
       CASE WHEN p.distance_m > 0
            THEN ROUND((w.distance_m - p.distance_m) / p.distance_m * 100, 1) END AS change_pct,
       COALESCE(p.distance_m > 0 AND (w.distance_m - p.distance_m) / p.distance_m * 100 > 10, FALSE)
         AS over_10pct,
       w.long_run_m,
       ROUND(w.long_run_m / w.distance_m * 100, 1) AS long_run_share_pct,
       w.best_mile_s,
       w.avg_evenness
FROM weeks w
LEFT JOIN weeks p ON p.athlete = w.athlete AND p.week_start = w.week_start - INTERVAL 7 DAY
ORDER BY athlete_id, week_start
