//! Workout type and the numbers that decided it (`report::workout` puts them into words).

use serde::Serialize;

use super::SegmentConfig;
use super::hills::HillRep;
use super::intervals::Intervals;
use super::mile::MileEffort;
use super::strides::Stride;
use super::tempo::Tempo;
use crate::model::{Activity, Sport};

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
    /// A hard, sustained, even effort over a standard race distance.
    Race,
    /// Pace rising steadily through the run.
    Progression,
    /// Unstructured surges of varying length inside easy running.
    Fartlek,
    /// Running bouts at easy effort alternating regularly with walking.
    RunWalk,
    /// Too short, too sparse or walked throughout to be read as a run.
    Other,
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
            WorkoutType::Race => "race",
            WorkoutType::Progression => "progression",
            WorkoutType::Fartlek => "fartlek",
            WorkoutType::RunWalk => "run_walk",
            WorkoutType::Other => "other",
        }
    }
}

/// The classification: the type and the numbers that decided it. `report/` words them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Workout {
    /// Workout type.
    #[serde(rename = "type")]
    pub kind: WorkoutType,
    /// What decided the type, as numbers (SI units).
    pub evidence: WorkoutEvidence,
}

/// One set of interval reps as the classifier saw it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SetEvidence {
    /// Reps in the set.
    pub reps: usize,
    /// Track distance the reps snap to (m).
    pub rep_distance_m: Option<f64>,
    /// Round duration the reps snap to (s).
    pub rep_duration_s: Option<f64>,
    /// Mean measured rep distance (m).
    pub mean_distance_m: f64,
    /// Mean rep speed (m/s).
    pub mean_speed_mps: f64,
}

/// The numbers behind a workout type, one variant per kind of decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum WorkoutEvidence {
    /// Not analysed as a run: the file's sport, and the easy speed (m/s) when an unstated sport
    /// was judged not to be running from it.
    NotRunning {
        /// The file's sport.
        sport: Sport,
        /// The file's sub-sport.
        sub_sport: Option<String>,
        /// Easy speed (m/s) that ruled running out, for an unstated sport.
        easy_mps: Option<f64>,
    },
    /// A mile time trial.
    TimeTrial {
        /// Mile time (s).
        elapsed_s: f64,
        /// Quarter laps (s).
        laps_s: [f64; 4],
        /// Mile speed over the rest of the run's speed.
        speed_ratio: Option<f64>,
    },
    /// Hill reps.
    Hills {
        /// Number of reps.
        reps: usize,
        /// Mean rep time (s).
        mean_elapsed_s: f64,
        /// Mean rep climb (m).
        mean_gain_m: f64,
        /// Mean rep grade (fraction).
        mean_grade: f64,
    },
    /// Interval sets against the easy speed.
    Intervals {
        /// The sets in order.
        sets: Vec<SetEvidence>,
        /// Easy speed (m/s).
        easy_mps: f64,
    },
    /// The longest tempo block against the easy speed.
    Tempo {
        /// Block time (s).
        elapsed_s: f64,
        /// Block speed (m/s).
        avg_speed_mps: f64,
        /// Easy speed (m/s).
        easy_mps: f64,
    },
    /// Strides on an easy run.
    Strides {
        /// Number of strides.
        count: usize,
        /// Mean stride time (s).
        mean_elapsed_s: f64,
        /// Easy speed (m/s).
        easy_mps: f64,
    },
    /// A run without structure: its distance, moving time and average moving speed.
    Steady {
        /// Distance (m).
        distance_m: f64,
        /// Moving time (s).
        moving_s: f64,
        /// Average moving speed (m/s).
        avg_mps: f64,
    },
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

/// Whether the activity is analysed as a run (else it is cross-training and gets no workout
/// structure): sport `running`, or sport `other` (often just not stated, as in most GPX files)
/// when it is not a multisport transition and its speeds are a runner's: easy speed (m/s) at
/// least `cfg.intervals.rest_walk_max_mps` and at most `cfg.classify.other_max_easy_mps`, fast mode at most
/// `cfg.classify.other_max_fast_mps` (a bike ride's easy and fast speeds are far above them).
pub fn is_running(act: &Activity, easy_mps: f64, fast_mps: f64, cfg: &SegmentConfig) -> bool {
    match act.meta.sport {
        Sport::Running => true,
        Sport::Other => {
            act.meta.sub_sport.as_deref() != Some("transition")
                && easy_mps >= cfg.intervals.rest_walk_max_mps
                && easy_mps <= cfg.classify.other_max_easy_mps
                && fast_mps <= cfg.classify.other_max_fast_mps
        }
        _ => false,
    }
}

/// Classify the run. Priority: cross-training (not running, see [`is_running`]) > time trial (unless intervals were found) > hills (≥ `min_hill_reps`) > intervals >
/// tempo > strides (≥ `min_strides`) > long (moving ≥ `long_min_s` or distance ≥
/// `long_min_m`) > recovery (moving ≤ `recovery_max_s` and average moving speed ≤
/// `recovery_max_mps`) > easy.
pub fn classify(act: &Activity, f: &Findings, cfg: &SegmentConfig) -> Workout {
    use WorkoutEvidence as E;
    let w = |kind, evidence| Workout { kind, evidence };
    if !f.running {
        let sub_sport = act.meta.sub_sport.clone();
        let easy_mps = (act.meta.sport == Sport::Other && sub_sport.is_none() && f.easy_mps > 0.0)
            .then_some(f.easy_mps);
        return w(
            WorkoutType::CrossTraining,
            E::NotRunning {
                sport: act.meta.sport,
                sub_sport,
                easy_mps,
            },
        );
    }
    if let Some(m) = f.mile.filter(|m| m.time_trial && f.intervals.is_none()) {
        return w(
            WorkoutType::TimeTrial,
            E::TimeTrial {
                elapsed_s: m.elapsed_s,
                laps_s: m.laps_s,
                speed_ratio: m.speed_ratio,
            },
        );
    }
    if f.hills.len() >= cfg.hills.min_hill_reps {
        let n = f.hills.len() as f64;
        return w(
            WorkoutType::Hills,
            E::Hills {
                reps: f.hills.len(),
                mean_elapsed_s: f.hills.iter().map(|h| h.elapsed_s).sum::<f64>() / n,
                mean_gain_m: f.hills.iter().map(|h| h.gain_m).sum::<f64>() / n,
                mean_grade: f.hills.iter().map(|h| h.grade).sum::<f64>() / n,
            },
        );
    }
    if let Some(iv) = f.intervals {
        let sets = iv
            .sets
            .iter()
            .map(|s| SetEvidence {
                reps: s.reps,
                rep_distance_m: s.rep_distance_m,
                rep_duration_s: s.rep_duration_s,
                mean_distance_m: s.mean_distance_m,
                mean_speed_mps: s.mean_speed_mps,
            })
            .collect();
        return w(
            WorkoutType::Intervals,
            E::Intervals {
                sets,
                easy_mps: f.easy_mps,
            },
        );
    }
    if let Some(t) = f
        .tempo
        .iter()
        .max_by(|a, b| a.elapsed_s.total_cmp(&b.elapsed_s))
    {
        return w(
            WorkoutType::Tempo,
            E::Tempo {
                elapsed_s: t.elapsed_s,
                avg_speed_mps: t.avg_speed_mps,
                easy_mps: f.easy_mps,
            },
        );
    }
    if f.strides.len() >= cfg.strides.min_strides {
        let n = f.strides.len() as f64;
        return w(
            WorkoutType::Strides,
            E::Strides {
                count: f.strides.len(),
                mean_elapsed_s: f.strides.iter().map(|s| s.elapsed_s).sum::<f64>() / n,
                easy_mps: f.easy_mps,
            },
        );
    }
    let avg_mps = if f.moving_s > 0.0 {
        f.distance_m / f.moving_s
    } else {
        0.0
    };
    let steady = E::Steady {
        distance_m: f.distance_m,
        moving_s: f.moving_s,
        avg_mps,
    };
    if f.moving_s >= cfg.classify.long_min_s || f.distance_m >= cfg.classify.long_min_m {
        return w(WorkoutType::Long, steady);
    }
    if f.moving_s <= cfg.classify.recovery_max_s && avg_mps <= cfg.classify.recovery_max_mps {
        return w(WorkoutType::Recovery, steady);
    }
    w(WorkoutType::Easy, steady)
}
