-- The season's days (days.csv: load, fitness CTL, fatigue ATL, form TSB) as one SQL text that
-- DuckDB and Spark SQL both run unchanged, over a table or view named `runs` with RUN_SCHEMA's
-- columns holding a season's counted activities (as for WEEKS_SQL), per athlete. The rules are
-- days.csv's (docs/metrics.md §6, "Season roll-up"): every day from the athlete's first
-- to last run, the day's load the sum of its runs' `load` (0 without one); CTL and ATL are the
-- exponentially weighted averages `X_t = X_(t-1) + (load_t - X_(t-1)) / T` (T = 42 and 7 days)
-- from 0, written here in their closed form `X_t = sum over days j <= t of load_j / T *
-- (1 - 1/T)^(t - j)`; form TSB_t = CTL_(t-1) - ATL_(t-1). An athlete none of whose runs has a
-- load (no thresholds given or estimated) has no days, as in the CLI. Runs are rows of sport
-- `running`, as in the CLI's default season. The closed form joins each day with every earlier
-- day of its athlete: O(days²) per athlete, fine for seasons of a few years (10 years: 13
-- million pairs an athlete).
WITH loads AS (
  SELECT COALESCE(athlete_id, '') AS athlete, CAST(date AS DATE) AS day, load
  FROM runs
  WHERE sport = 'running'
),
span AS (
  SELECT athlete, MIN(day) AS first_day, MAX(day) AS last_day
  FROM loads
  GROUP BY athlete
  HAVING COUNT(load) > 0
),
digits AS (
  SELECT n FROM (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS t(n)
),
steps AS (
  SELECT a.n + 10 * b.n + 100 * c.n + 1000 * d.n AS k
  FROM digits a CROSS JOIN digits b CROSS JOIN digits c CROSS JOIN digits d
),
calendar AS (
  SELECT s.athlete, k, s.first_day + k AS day
  FROM span s CROSS JOIN steps
  WHERE s.first_day + k <= s.last_day
),
daily AS (
  SELECT c.athlete, c.k, c.day, COALESCE(SUM(l.load), 0.0) AS load
  FROM calendar c
  LEFT JOIN loads l ON l.athlete = c.athlete AND l.day = c.day
  GROUP BY c.athlete, c.k, c.day
),
model AS (
  SELECT t.athlete, t.k,
         SUM(CASE WHEN j.k <= t.k
                  THEN j.load / 42.0 * POWER(CAST(41 AS DOUBLE) / 42, t.k - j.k) END) AS ctl,
         SUM(CASE WHEN j.k <= t.k
                  THEN j.load / 7.0 * POWER(CAST(6 AS DOUBLE) / 7, t.k - j.k) END) AS atl,
         SUM(CASE WHEN j.k < t.k
                  THEN j.load / 42.0 * POWER(CAST(41 AS DOUBLE) / 42, t.k - 1 - j.k)
                       - j.load / 7.0 * POWER(CAST(6 AS DOUBLE) / 7, t.k - 1 - j.k) END) AS tsb
  FROM daily t
  JOIN daily j ON j.athlete = t.athlete AND j.k <= t.k AND j.load <> 0
  GROUP BY t.athlete, t.k
)
SELECT d.athlete AS athlete_id,
       CAST(d.day AS STRING) AS date,
       d.load,
       COALESCE(m.ctl, 0.0) AS ctl,
       COALESCE(m.atl, 0.0) AS atl,
       COALESCE(m.tsb, 0.0) AS tsb
FROM daily d
LEFT JOIN model m ON m.athlete = d.athlete AND m.k = d.k
ORDER BY athlete_id, date
