//! Workout type with a human-readable reason.

use serde::Serialize;

use super::SegmentConfig;
use super::hills::HillRep;
use super::intervals::Intervals;
use super::mile::MileEffort;
use super::strides::Stride;
use super::tempo::Tempo;
use crate::model::{Activity, Sport};
use crate::report::units::{Units, clock};

/// The kind of workout a run was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkoutType {
    /// An easy run.
    Easy,
    /// A short, slow run.
    Recovery,
    /// A run well above normal distance or duration.
    Long,
    /// A sustained block clearly faster than easy pace.
    Tempo,
    /// Repeated fast reps with recoveries.
    Intervals,
    /// An easy run with strides.
    Strides,
    /// Hill reps.
    Hills,
    /// A maximal mile effort.
    TimeTrial,
    /// Not running.
    CrossTraining,
}

impl WorkoutType {
    /// The contract spelling (`easy`, `time_trial`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            WorkoutType::Easy => "easy",
            WorkoutType::Recovery => "recovery",
            WorkoutType::Long => "long",
            WorkoutType::Tempo => "tempo",
            WorkoutType::Intervals => "intervals",
            WorkoutType::Strides => "strides",
            WorkoutType::Hills => "hills",
            WorkoutType::TimeTrial => "time_trial",
            WorkoutType::CrossTraining => "cross_training",
        }
    }
}

/// The classification: type and a one-line reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Workout {
    /// Workout type.
    #[serde(rename = "type")]
    pub kind: WorkoutType,
    /// Why, in words (`intervals: 6 reps of 400 m at 5:58/mi vs easy 8:55/mi`).
    pub reason: String,
}

/// Everything the classifier looks at.
#[derive(Debug, Clone, Copy)]
pub struct Findings<'a> {
    /// Easy speed of the run (m/s).
    pub easy_mps: f64,
    /// Whether the activity is analysed as a run ([`is_running`]).
    pub running: bool,
    /// Total distance (m).
    pub distance_m: f64,
    /// Moving time (s).
    pub moving_s: f64,
    /// Detected intervals.
    pub intervals: Option<&'a Intervals>,
    /// Detected strides.
    pub strides: &'a [Stride],
    /// Detected hill reps.
    pub hills: &'a [HillRep],
    /// Detected tempo blocks.
    pub tempo: &'a [Tempo],
    /// Best mile with time-trial flag.
    pub mile: Option<&'a MileEffort>,
}

/// Pace as `m:ss/mi` or `m:ss/km`, in the unit of the run's splits (`split_unit_m`), for the
/// reason text; `–` when not moving.
pub fn pace_label(mps: f64, units: Units) -> String {
    format!("{}/{}", units.pace_bare(mps), units.distance_label())
}

/// The unit system a configuration's split length stands for.
fn units_of(cfg: &SegmentConfig) -> Units {
    if (cfg.split_unit_m - 1000.0).abs() < 1.0 {
        Units::Metric
    } else {
        Units::Imperial
    }
}

/// Whether the activity is analysed as a run (else it is cross-training and gets no workout
/// structure): sport `running`, or sport `other` (often just not stated, as in most GPX files)
/// when it is not a multisport transition and its speeds are a runner's: easy speed (m/s) at
/// least `cfg.rest_walk_max_mps` and at most `cfg.other_max_easy_mps`, fast mode at most
/// `cfg.other_max_fast_mps` (a bike ride's easy and fast speeds are far above them).
pub fn is_running(act: &Activity, easy_mps: f64, fast_mps: f64, cfg: &SegmentConfig) -> bool {
    match act.meta.sport {
        Sport::Running => true,
        Sport::Other => {
            act.meta.sub_sport.as_deref() != Some("transition")
                && easy_mps >= cfg.rest_walk_max_mps
                && easy_mps <= cfg.other_max_easy_mps
                && fast_mps <= cfg.other_max_fast_mps
        }
        _ => false,
    }
}

/// Classify the run. Priority: cross-training (not running, see [`is_running`]) > time trial (unless intervals were found) > hills (≥ `min_hill_reps`) > intervals >
/// tempo > strides (≥ `min_strides`) > long (moving ≥ `long_min_s` or distance ≥
/// `long_min_m`) > recovery (moving ≤ `recovery_max_s` and average moving speed ≤
/// `recovery_max_mps`) > easy.
pub fn classify(act: &Activity, f: &Findings, cfg: &SegmentConfig) -> Workout {
    let u = units_of(cfg);
    let easy = pace_label(f.easy_mps, u);
    let w = |kind, reason: String| Workout { kind, reason };
    if !f.running {
        let sub = act
            .meta
            .sub_sport
            .as_deref()
            .map(|x| format!(" ({x})"))
            .unwrap_or_default();
        let why = if act.meta.sport == Sport::Other && sub.is_empty() && f.easy_mps > 0.0 {
            format!(", not running at easy pace {easy}")
        } else {
            String::new()
        };
        return w(
            WorkoutType::CrossTraining,
            format!(
                "cross_training: sport is {}{sub}{why}",
                act.meta.sport.as_str()
            ),
        );
    }
    if let Some(m) = f.mile.filter(|m| m.time_trial && f.intervals.is_none()) {
        let laps: Vec<String> = m.laps_s.iter().map(|l| format!("{l:.0}")).collect();
        let vs = m
            .speed_ratio
            .map(|r| format!(", {:.0}% faster than the rest", (r - 1.0) * 100.0))
            .unwrap_or_default();
        return w(
            WorkoutType::TimeTrial,
            format!(
                "time_trial: mile in {} (laps {} s){vs}",
                clock(m.elapsed_s),
                laps.join("/")
            ),
        );
    }
    if f.hills.len() >= cfg.min_hill_reps {
        let n = f.hills.len() as f64;
        let dur = f.hills.iter().map(|h| h.elapsed_s).sum::<f64>() / n;
        let gain = f.hills.iter().map(|h| h.gain_m).sum::<f64>() / n;
        let grade = f.hills.iter().map(|h| h.grade).sum::<f64>() / n;
        return w(
            WorkoutType::Hills,
            format!(
                "hills: {} reps of ~{:.0} s climbing {:.0} m at {:.0}% grade",
                f.hills.len(),
                dur,
                gain,
                grade * 100.0
            ),
        );
    }
    if let Some(iv) = f.intervals {
        let parts: Vec<String> = iv
            .sets
            .iter()
            .map(|s| {
                let what = match (s.rep_distance_m, s.rep_duration_s) {
                    (Some(d), _) => format!("{d:.0} m"),
                    (None, Some(t)) => clock(t),
                    _ => format!("~{:.0} m", s.mean_distance_m),
                };
                format!(
                    "{} reps of {what} at {}",
                    s.reps,
                    pace_label(s.mean_speed_mps, u)
                )
            })
            .collect();
        return w(
            WorkoutType::Intervals,
            format!("intervals: {} vs easy {easy}", parts.join(", ")),
        );
    }
    if let Some(t) = f
        .tempo
        .iter()
        .max_by(|a, b| a.elapsed_s.total_cmp(&b.elapsed_s))
    {
        return w(
            WorkoutType::Tempo,
            format!(
                "tempo: {} at {} vs easy {easy}",
                clock(t.elapsed_s),
                pace_label(t.avg_speed_mps, u)
            ),
        );
    }
    if f.strides.len() >= cfg.min_strides {
        let n = f.strides.len() as f64;
        let dur = f.strides.iter().map(|s| s.elapsed_s).sum::<f64>() / n;
        return w(
            WorkoutType::Strides,
            format!(
                "strides: {} strides of ~{dur:.0} s on an easy run at {easy}",
                f.strides.len()
            ),
        );
    }
    let avg = if f.moving_s > 0.0 {
        f.distance_m / f.moving_s
    } else {
        0.0
    };
    let dist = format!("{:.1} {}", f.distance_m / u.unit_m(), u.distance_label());
    if f.moving_s >= cfg.long_min_s || f.distance_m >= cfg.long_min_m {
        return w(
            WorkoutType::Long,
            format!(
                "long: {dist} in {} at {}",
                clock(f.moving_s),
                pace_label(avg, u)
            ),
        );
    }
    if f.moving_s <= cfg.recovery_max_s && avg <= cfg.recovery_max_mps {
        return w(
            WorkoutType::Recovery,
            format!("recovery: {} at {}", clock(f.moving_s), pace_label(avg, u)),
        );
    }
    w(
        WorkoutType::Easy,
        format!("easy: {dist} at {}", pace_label(avg, u)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(pace_label(1609.344 / 358.0, Units::Imperial), "5:58/mi");
        assert_eq!(pace_label(1000.0 / 300.0, Units::Metric), "5:00/km");
        assert_eq!(pace_label(0.0, Units::Imperial), "–/mi");
    }
}
