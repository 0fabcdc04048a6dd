//! What one ISO week of the season holds ([`WeekRow`]) and the weekly thresholds
//! ([`RollupConfig`]); [`super::rollup`] fills them with polars.

use serde::Serialize;

use crate::segment::WorkoutType;

/// Weekly thresholds.
#[derive(Debug, Clone, PartialEq)]
pub struct RollupConfig {
    /// Week-on-week distance increase (%) above which a week is flagged (default 10).
    pub max_increase_pct: f64,
    /// Rest days per week the advice asks for at least (default 1).
    pub min_rest_days: u32,
}

impl Default for RollupConfig {
    fn default() -> Self {
        RollupConfig {
            max_increase_pct: 10.0,
            min_rest_days: 1,
        }
    }
}

/// One ISO week of the season.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekRow {
    /// Monday of the week (local).
    pub week_start: String,
    /// Runs.
    pub runs: u32,
    /// Running distance (m).
    pub distance_m: f64,
    /// Moving time (s).
    pub moving_s: f64,
    /// Elapsed time (s).
    pub elapsed_s: f64,
    /// Days of the week counted (first to last day with data; 7 for full weeks).
    pub days_counted: u32,
    /// Whether the week is only partly covered by the data.
    pub partial: bool,
    /// Counted days without a run.
    pub rest_days: u32,
    /// Counted days without any activity (cross-training days are not rest here).
    pub days_without_activity: u32,
    /// Change of distance from the previous week (%).
    pub change_pct: Option<f64>,
    /// `change_pct` above the 10 % guideline.
    pub over_10pct: bool,
    /// Longest run (m).
    pub long_run_m: Option<f64>,
    /// Longest run's share of the week's distance (%).
    pub long_run_share_pct: Option<f64>,
    /// Runs per workout type, in [`super::rows::MIX_TYPES`] order.
    pub mix: Vec<(WorkoutType, u32)>,
    /// Running time at 170–180 steps/min (s).
    pub cadence_in_band_s: f64,
    /// Average cadence, weighted by moving time (steps/min).
    pub avg_cadence_spm: Option<f64>,
    /// Mean pacing evenness of the week's scored runs.
    pub avg_evenness: Option<f64>,
    /// Fastest mile of the week (s).
    pub best_mile_s: Option<f64>,
    /// Training load of the week's runs (`None` when none has a load: no thresholds).
    pub load: Option<f64>,
    /// Change of fitness (CTL) over the week (`rollup::fill_ramp`).
    pub ramp: Option<f64>,
    /// Foster's monotony: mean ÷ standard deviation of the daily loads of the counted days
    /// (days without a run count 0), capped at 10 (also when every day has the same load);
    /// `None` without load.
    pub monotony: Option<f64>,
    /// Foster's strain: the week's load × monotony.
    pub strain: Option<f64>,
    /// Share of the week's time in heart-rate zones spent in Z1–Z2 (%).
    pub low_pct: Option<f64>,
    /// ... in Z3 (%).
    pub mid_pct: Option<f64>,
    /// ... in Z4–Z5 (%).
    pub high_pct: Option<f64>,
}
