//! A squad: one season per athlete (`season --athletes`), and the table that puts them side by
//! side (`squad.csv`): runs, distance, time, weeks, the latest week, the best mile, flagged
//! weeks and failed inputs per athlete.

use serde::Serialize;

use super::Season;

/// One athlete's line of the squad table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SquadRow {
    /// The athlete (the subfolder or bulk-export zip the season came from).
    pub athlete_id: String,
    /// Runs counted.
    pub runs: usize,
    /// Running distance of the season (m).
    pub distance_m: f64,
    /// Moving time of the season (s).
    pub moving_s: f64,
    /// ISO weeks from the first run to the last.
    pub weeks: usize,
    /// Date of the first run (`YYYY-MM-DD`).
    pub first_date: Option<String>,
    /// Date of the last run.
    pub last_date: Option<String>,
    /// Mean distance of the weeks with running (m).
    pub avg_week_distance_m: Option<f64>,
    /// Monday of the latest week.
    pub last_week_start: Option<String>,
    /// Distance of the latest week (m).
    pub last_week_distance_m: Option<f64>,
    /// Fastest mile of the season (s).
    pub best_mile_s: Option<f64>,
    /// Weeks flagged (over the 10 % guideline or without a rest day).
    pub flagged_weeks: usize,
    /// Inputs that could not be read.
    pub failed: usize,
}

/// The squad line of `season`, the season of `athlete_id`.
pub fn squad_row(athlete_id: &str, season: &Season) -> SquadRow {
    let running: Vec<f64> = season
        .weeks
        .iter()
        .filter(|w| w.runs > 0)
        .map(|w| w.distance_m)
        .collect();
    let last = season.weeks.last();
    SquadRow {
        athlete_id: athlete_id.to_string(),
        runs: season.totals.analysed,
        distance_m: season.totals.distance_m,
        moving_s: season.totals.moving_s,
        weeks: season.weeks.len(),
        first_date: season.runs.first().map(|r| r.date.to_string()),
        last_date: season.runs.last().map(|r| r.date.to_string()),
        avg_week_distance_m: (!running.is_empty())
            .then(|| running.iter().sum::<f64>() / running.len() as f64),
        last_week_start: last.map(|w| w.week_start.clone()),
        last_week_distance_m: last.map(|w| w.distance_m),
        best_mile_s: season
            .runs
            .iter()
            .filter_map(|r| r.best_mile_s)
            .min_by(f64::total_cmp),
        flagged_weeks: season.flags.len(),
        failed: season.totals.failed,
    }
}

/// Set every run's `athlete_id` (and its samples', when kept).
pub fn tag_runs(season: &mut Season, athlete_id: &str) {
    for r in &mut season.runs {
        r.athlete_id = Some(athlete_id.to_string());
    }
    for r in &mut season.samples {
        r.athlete_id = Some(athlete_id.to_string());
    }
}
