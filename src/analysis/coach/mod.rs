//! The coach's view of one run (issue 14, per-run part): grade-adjusted pace, time in heart-rate
//! and pace zones, training load (TRIMP, hrTSS, rTSS from normalized graded pace), aerobic
//! decoupling and efficiency factor, and heart-rate recovery after reps. Thresholds come from
//! the athlete ([`Thresholds`], given on the command line); what needs a threshold that is not
//! given is left out and says so. Formulas and sources: docs/metrics.md, "Coach metrics".

pub mod decoupling;
pub mod gap;
pub mod load;
pub mod recovery;
pub mod zones;

use serde::Serialize;

use crate::model::Activity;
use crate::segment::Segmentation;

pub use decoupling::Decoupling;
pub use load::{Load, LoadMethod};
pub use recovery::HrRecovery;
pub use zones::{ZoneTime, Zones};

/// The athlete's sex, for the formulas that differ by it (Banister's TRIMP weighting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// Female.
    Female,
    /// Male.
    Male,
}

/// How heart-rate zones are placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HrZoneModel {
    /// Shares of lactate-threshold heart rate (Friel): needs the threshold HR.
    #[default]
    Lthr,
    /// Shares of heart-rate reserve (Karvonen): needs maximum and resting HR.
    Hrr,
}

/// The athlete's thresholds, each optional.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Thresholds {
    /// How heart-rate zones are placed.
    pub hr_zone_model: HrZoneModel,
    /// Maximum heart rate (bpm).
    pub max_hr_bpm: Option<f64>,
    /// Resting heart rate (bpm).
    pub resting_hr_bpm: Option<f64>,
    /// Lactate-threshold heart rate (bpm): about what a runner holds for an hour racing.
    pub threshold_hr_bpm: Option<f64>,
    /// Threshold pace as a speed (m/s): about what a runner holds for an hour racing.
    pub threshold_speed_mps: Option<f64>,
    /// Sex, when known.
    pub sex: Option<Sex>,
    /// Year of birth, when known.
    pub birth_year: Option<i32>,
}

/// Where a value used came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Given by the athlete.
    Given,
    /// Estimated by lapwise from the files.
    Estimated,
    /// Neither given nor estimable from what was read.
    Missing,
}

/// A value and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Sourced {
    /// The value (`null` when missing).
    pub value: Option<f64>,
    /// Where it came from.
    pub source: Source,
}

impl Sourced {
    /// A value the athlete gave, or `missing`.
    pub fn given(v: Option<f64>) -> Sourced {
        Sourced {
            value: v,
            source: if v.is_some() {
                Source::Given
            } else {
                Source::Missing
            },
        }
    }

    /// The given value when there is one, else an estimate, else `missing`.
    pub fn given_or_estimated(given: Option<f64>, estimate: Option<f64>) -> Sourced {
        match (given, estimate) {
            (Some(v), _) => Sourced {
                value: Some(v),
                source: Source::Given,
            },
            (None, Some(v)) => Sourced {
                value: Some(v),
                source: Source::Estimated,
            },
            (None, None) => Sourced {
                value: None,
                source: Source::Missing,
            },
        }
    }
}

/// The thresholds a run was measured against, each with its source (`profile` in JSON).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ProfileUsed {
    /// Maximum heart rate (bpm).
    pub max_hr_bpm: Sourced,
    /// Resting heart rate (bpm).
    pub resting_hr_bpm: Sourced,
    /// Threshold heart rate (bpm).
    pub threshold_hr_bpm: Sourced,
    /// Threshold pace as a speed (m/s).
    pub threshold_pace_mps: Sourced,
    /// Sex, when given.
    pub sex: Option<Sex>,
}

/// Everything the coach's view computes for one run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coach {
    /// The thresholds used, with their sources.
    pub profile: ProfileUsed,
    /// Normalized graded speed (m/s): the 4th-power mean of 30 s grade-adjusted speed.
    pub ngp_mps: Option<f64>,
    /// Time in heart-rate and pace zones.
    pub zones: Zones,
    /// Training load; `null` when no threshold places the run.
    pub load: Option<Load>,
    /// Aerobic decoupling and efficiency factor (steady runs of 40 minutes or more with HR).
    pub decoupling: Decoupling,
    /// Heart-rate drop 60 s after each interval rep and after the run.
    pub hr_recovery: HrRecovery,
    /// Highest 30 s mean heart rate (bpm): a sustained peak, never a one-sample spike.
    pub hr_peak_30s_bpm: Option<f64>,
    /// Highest 20-minute mean heart rate (bpm).
    pub hr_best_20min_bpm: Option<f64>,
}

/// The coach's view of a cleaned activity and its segmentation, against `th`.
pub fn coach(act: &Activity, seg: &Segmentation, th: &Thresholds) -> Coach {
    let graded = gap::graded_speed(act);
    let moving_hr_s = zones::moving_hr_seconds(act);
    let ngp_mps = graded.as_deref().and_then(|g| gap::normalized(act, g));
    let load = load::load(
        act,
        ngp_mps.or_else(|| gap::normalized(act, &act.samples.speed_mps)),
        th,
    );
    Coach {
        profile: ProfileUsed {
            max_hr_bpm: Sourced::given(th.max_hr_bpm),
            resting_hr_bpm: Sourced::given(th.resting_hr_bpm),
            threshold_hr_bpm: Sourced::given(th.threshold_hr_bpm),
            threshold_pace_mps: Sourced::given(th.threshold_speed_mps),
            sex: th.sex,
        },
        ngp_mps,
        zones: zones::zones(act, th, moving_hr_s),
        load,
        decoupling: decoupling::decoupling(act, seg, graded.as_deref()),
        hr_recovery: recovery::hr_recovery(act, seg),
        hr_peak_30s_bpm: recovery::best_mean_hr(act, 30.0),
        hr_best_20min_bpm: recovery::best_mean_hr(act, 1200.0),
    }
}
