//! The athlete's thresholds for the season: each given value as given, else estimated from the
//! season's files, else missing (`profile` in season.json):
//!
//! - maximum HR: the highest 30 s mean heart rate of any run (a sustained peak, never a spike);
//!   a lower bound of the true maximum unless the season holds an all-out effort;
//! - threshold HR: the highest 20-minute mean heart rate of a race, time trial or tempo run
//!   (Friel's field test: the average of the last 20 minutes of a hard 30-minute solo effort);
//! - threshold pace: Daniels' threshold (88 % of the season's best recent VDOT, the upper end of
//!   the threshold training band, [`super::training_paces`]);
//! - resting HR: not in the files read, so given or missing.

use serde::Serialize;

use super::rows::RunRow;
use super::training_paces::TrainingPaces;
use crate::analysis::coach::{Sourced, Thresholds};
use crate::segment::WorkoutType;

/// Credible maximum heart rates (bpm); a peak outside is a strap artefact.
pub const MAX_HR_RANGE: (f64, f64) = (120.0, 230.0);

/// The season's thresholds with their sources.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SeasonProfile {
    /// Maximum heart rate (bpm).
    pub max_hr_bpm: Sourced,
    /// Resting heart rate (bpm).
    pub resting_hr_bpm: Sourced,
    /// Threshold heart rate (bpm).
    pub threshold_hr_bpm: Sourced,
    /// Threshold pace as a speed (m/s).
    pub threshold_pace_mps: Sourced,
    /// Sex, when given.
    pub sex: Option<crate::analysis::coach::Sex>,
    /// Year of birth, when given.
    pub birth_year: Option<i32>,
}

/// Thresholds given in `th`, else estimated from `runs` and `paces` (module documentation).
pub fn season_profile(
    runs: &[RunRow],
    th: &Thresholds,
    paces: Option<&TrainingPaces>,
) -> SeasonProfile {
    let max_hr = runs
        .iter()
        .filter_map(|r| r.hr_peak_30s_bpm)
        .filter(|v| (MAX_HR_RANGE.0..=MAX_HR_RANGE.1).contains(v))
        .reduce(f64::max);
    let threshold_hr = runs
        .iter()
        .filter(|r| {
            matches!(
                r.season_workout_type,
                WorkoutType::Race | WorkoutType::TimeTrial | WorkoutType::Tempo
            )
        })
        .filter_map(|r| r.hr_best_20min_bpm)
        .reduce(f64::max)
        .filter(|t| max_hr.is_none_or(|m| *t <= m));
    let threshold_pace = paces.and_then(|p| {
        p.paces
            .iter()
            .find(|x| x.workout == "threshold")
            .map(|x| x.high_mps)
    });
    SeasonProfile {
        max_hr_bpm: Sourced::given_or_estimated(th.max_hr_bpm, max_hr),
        resting_hr_bpm: Sourced::given(th.resting_hr_bpm),
        threshold_hr_bpm: Sourced::given_or_estimated(th.threshold_hr_bpm, threshold_hr),
        threshold_pace_mps: Sourced::given_or_estimated(th.threshold_speed_mps, threshold_pace),
        sex: th.sex,
        birth_year: th.birth_year,
    }
}
