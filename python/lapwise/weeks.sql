-- The weekly roll-up of lapwise's season (weeks.csv) as one SQL text that DuckDB and Spark SQL
-- both run unchanged, over a table or view named `runs` with RUN_SCHEMA's columns holding the
-- counted activities of a season (`season --dataset`, or `lapwise.runs` rows through
-- DEDUP_SQL), per athlete (`athlete_id`; null for a one-athlete season). The rules are
-- weeks.csv's (docs/season.md): ISO weeks (Monday, local time) from the athlete's first to last
-- week with an activity, weeks without a run included; `rest_days` = days of the week without a
-- run, counting in the final week only the days up to the athlete's last activity
-- (`days_counted`, `partial`); `days_without_activity` = days without an activity of any sport;
-- `change_pct` = distance change from the week before (null after a week without running);
-- `over_10pct` = change above 10 %. Runs are rows of sport `running`, as in the CLI's default
-- season (`--sport running`; with `--sport all` weeks.csv counts every sport). Error rows (no
-- sport) are left out; activities of other
-- sports count for the span and for days with an activity only where the table holds them (a
-- dataset written by a running-only season does not).
WITH activities AS (
  SELECT COALESCE(athlete_id, '') AS athlete, CAST(date AS DATE) AS day,
         CAST(week_start AS DATE) AS week_start, sport, distance_m, moving_s, elapsed_s,
         best_mile_s, evenness
  FROM runs
  WHERE sport IS NOT NULL
),
span AS (
  SELECT athlete, MIN(week_start) AS first_week, MAX(day) AS last_day
  FROM activities
  GROUP BY athlete
),
digits AS (
  SELECT n FROM (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS t(n)
),
steps AS (
  SELECT a.n + 10 * b.n + 100 * c.n + 1000 * d.n AS k
  FROM digits a CROSS JOIN digits b CROSS JOIN digits c CROSS JOIN digits d
),
calendar AS (
  SELECT s.athlete, s.first_week + 7 * k AS week_start, s.last_day
  FROM span s CROSS JOIN steps
  WHERE s.first_week + 7 * k <= s.last_day
),
counted_days AS (
  SELECT c.athlete, c.week_start, COUNT(*) AS days_counted
  FROM calendar c CROSS JOIN digits d
  WHERE d.n < 7 AND c.week_start + d.n <= c.last_day
  GROUP BY c.athlete, c.week_start
),
active AS (
  SELECT athlete, week_start, COUNT(DISTINCT day) AS active_days
  FROM activities
  GROUP BY athlete, week_start
),
running AS (
  SELECT athlete, week_start,
         COUNT(*) AS runs,
         SUM(distance_m) AS distance_m,
         SUM(moving_s) AS moving_s,
         SUM(elapsed_s) AS elapsed_s,
         COUNT(DISTINCT day) AS run_days,
         MAX(distance_m) AS long_run_m,
         MIN(best_mile_s) AS best_mile_s,
         AVG(evenness) AS avg_evenness
  FROM activities
  WHERE sport = 'running'
  GROUP BY athlete, week_start
),
weeks AS (
  SELECT c.athlete, c.week_start, n.days_counted,
         COALESCE(r.runs, 0) AS runs,
         COALESCE(r.distance_m, 0.0) AS distance_m,
         COALESCE(r.moving_s, 0.0) AS moving_s,
         COALESCE(r.elapsed_s, 0.0) AS elapsed_s,
         COALESCE(r.run_days, 0) AS run_days,
         COALESCE(a.active_days, 0) AS active_days,
         r.long_run_m, r.best_mile_s, r.avg_evenness
  FROM calendar c
  JOIN counted_days n ON n.athlete = c.athlete AND n.week_start = c.week_start
  LEFT JOIN running r ON r.athlete = c.athlete AND r.week_start = c.week_start
  LEFT JOIN active a ON a.athlete = c.athlete AND a.week_start = c.week_start
)
SELECT w.athlete AS athlete_id,
       CAST(w.week_start AS STRING) AS week_start,
       w.runs,
       w.distance_m,
       w.moving_s,
       w.elapsed_s,
       w.days_counted,
       w.days_counted < 7 AS partial,
       w.run_days,
       w.days_counted - w.run_days AS rest_days,
       w.days_counted - w.active_days AS days_without_activity,
       CASE WHEN p.distance_m > 0
            THEN ROUND((w.distance_m - p.distance_m) / p.distance_m * 100, 1) END AS change_pct,
       COALESCE(p.distance_m > 0 AND (w.distance_m - p.distance_m) / p.distance_m * 100 > 10, FALSE)
         AS over_10pct,
       w.long_run_m,
       CASE WHEN w.distance_m > 0 THEN ROUND(w.long_run_m / w.distance_m * 100, 1) END
         AS long_run_share_pct,
       w.best_mile_s,
       w.avg_evenness
FROM weeks w
LEFT JOIN weeks p ON p.athlete = w.athlete AND p.week_start = w.week_start - INTERVAL 7 DAY
ORDER BY athlete_id, week_start
