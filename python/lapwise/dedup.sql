-- The season's duplicate rule (docs/season.md, "Duplicates") as one SQL text that DuckDB and
-- Spark SQL both run unchanged. It reads a table or view named `raw_runs` with RUN_SCHEMA's
-- columns (per-file rows: error rows, every sport, the same run in FIT, GPX and TCX) and returns
-- the rows a season counts: analysed rows (with a sport) of which no better copy exists. Two rows
-- are the same activity when they belong to the same athlete, have the same sport (or either is
-- `other`), start within 60 s of each other and their distances differ by at most 3 % of the
-- longer (two without distance match on start alone). The copy kept: FIT, then TCX, then GPX;
-- then the longer elapsed time; then the first source name. Pairs are compared directly: a
-- chain of three copies each within 60 s of the next but not of the first (never seen in real
-- exports) is resolved transitively by the CLI only, and so is the CLI's second test (the
-- same places at the same whole minutes: a watch and a phone on one run, distances more than
-- 3 % apart), which needs positions that rows do not carry.
WITH r AS (
  SELECT source, sport, start_epoch_s, distance_m, elapsed_s,
         COALESCE(athlete_id, '') AS dedup_athlete,
         CASE format WHEN 'fit' THEN 0 WHEN 'tcx' THEN 1 ELSE 2 END AS dedup_rank
  FROM raw_runs
  WHERE sport IS NOT NULL
),
dropped AS (
  SELECT DISTINCT a.source AS source
  FROM r a
  JOIN r b
    ON a.dedup_athlete = b.dedup_athlete
   AND a.source <> b.source
   AND (a.sport = b.sport OR a.sport = 'other' OR b.sport = 'other')
   AND ABS(a.start_epoch_s - b.start_epoch_s) <= 60
   AND ((a.distance_m IS NULL AND b.distance_m IS NULL)
        OR ABS(a.distance_m - b.distance_m) <= 0.03 * GREATEST(a.distance_m, b.distance_m))
   AND (b.dedup_rank < a.dedup_rank
        OR (b.dedup_rank = a.dedup_rank AND b.elapsed_s > a.elapsed_s)
        OR (b.dedup_rank = a.dedup_rank AND b.elapsed_s = a.elapsed_s AND b.source < a.source))
)
SELECT raw_runs.*
FROM raw_runs
LEFT JOIN dropped d ON d.source = raw_runs.source
WHERE raw_runs.sport IS NOT NULL AND d.source IS NULL
