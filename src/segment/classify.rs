//! Workout type and the numbers that decided it (`report::workout` puts them into words).

use serde::Serialize;

use super::SegmentConfig;
use super::best_efforts::BestEffort;
use super::fartlek::Surge;
use super::hills::HillRep;
use super::intervals::Intervals;
use super::lap_evidence::StructureSource;
use super::mile::MileEffort;
use super::shape::{RACE_DISTANCES_M, RunShape};
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
    /// Where the structure was read from; `None` when the run has no structure.
    pub structure_source: Option<StructureSource>,
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
        /// Easy speed (m/s) of the running outside the session; `None` when there is none
        /// (reps from the first minute to the last).
        easy_mps: Option<f64>,
    },
    /// The longest tempo block against the easy speed.
    Tempo {
        /// Block time (s).
        elapsed_s: f64,
        /// Block speed (m/s).
        avg_speed_mps: f64,
        /// Easy speed of the running before and after the tempo (m/s), `None` when the tempo
        /// fills the run.
        easy_mps: Option<f64>,
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
    /// A race: the whole run one hard, even effort over a standard distance.
    Race {
        /// The standard distance matched (m).
        standard_m: f64,
        /// Distance raced (m): the standard distance (a named race: the whole run's).
        distance_m: f64,
        /// Elapsed time of the race (s): its best-effort window's (a named race: the whole
        /// run's). A file may hold the wait in the corral and the walk after the line, so the
        /// whole run's time is no race time.
        elapsed_s: f64,
        /// Coefficient of variation of the kilometre speeds, when measured.
        km_cv: Option<f64>,
        /// Average heart rate over the highest held heart rate, when heart rate was recorded.
        hr_frac: Option<f64>,
        /// Read as a race from the file's own name (no evenness or effort test was needed).
        named: bool,
    },
    /// Surges of varying length inside easy running.
    Fartlek {
        /// Number of surges.
        surges: usize,
        /// Shortest surge (s).
        shortest_s: f64,
        /// Longest surge (s).
        longest_s: f64,
        /// Mean surge speed (m/s).
        mean_speed_mps: f64,
        /// Easy speed (m/s).
        easy_mps: f64,
    },
    /// Pace rising steadily: first and last whole kilometre.
    Progression {
        /// Whole kilometres.
        km: usize,
        /// Speed of the first kilometre (m/s).
        first_mps: f64,
        /// Speed of the last kilometre (m/s).
        last_mps: f64,
    },
    /// Running bouts alternating with walking.
    RunWalk {
        /// Walking breaks between running bouts.
        walk_breaks: usize,
        /// Average speed of the running bouts (m/s).
        running_mps: f64,
        /// Share of moving time walked.
        walking_frac: f64,
    },
    /// Not readable as a run.
    Other {
        /// Why.
        why: OtherReason,
        /// Moving time (s).
        moving_s: f64,
        /// Distance (m).
        distance_m: f64,
    },
    /// A run without structure: its distance, moving time and average moving speed.
    Steady {
        /// Distance (m).
        distance_m: f64,
        /// Moving time (s).
        moving_s: f64,
        /// Timer time (s) (a long run counts on moving or timer time).
        timer_s: f64,
        /// Average moving speed (m/s).
        avg_mps: f64,
        /// A long run's fast finish: its last block run clearly faster than the rest.
        fast_finish: Option<FastFinish>,
    },
}

/// The fast finish of a long run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FastFinish {
    /// Start, elapsed seconds since the first sample.
    pub start_s: f64,
    /// End, elapsed seconds since the first sample.
    pub end_s: f64,
    /// Distance of the fast finish (m).
    pub distance_m: f64,
    /// Its elapsed time (s).
    pub elapsed_s: f64,
    /// Its average speed (m/s).
    pub avg_speed_mps: f64,
}

/// Why a recording is `other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OtherReason {
    /// Too little moving time or distance.
    TooShort,
    /// Moving time but no distance recorded (heart rate only).
    NoDistance,
    /// Samples too far apart.
    Sparse,
    /// Walked throughout.
    Walked,
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
    /// The run as a whole.
    pub shape: &'a RunShape,
    /// Time of the last sample (s).
    pub end_s: f64,
    /// Best efforts of the run.
    pub best: &'a [BestEffort],
    /// Fartlek surges, when the run is a fartlek (else empty).
    pub surges: &'a [Surge],
    /// Easy speed of the running outside the interval session (m/s), `None` when there is none.
    pub outside_easy_mps: Option<f64>,
    /// Easy speed of the running before and after the tempo blocks (m/s), `None` without
    /// enough of it (or without tempo).
    pub tempo_easy_mps: Option<f64>,
    /// The run's fast finish, were it a long run: a tempo ending the run or a looser block
    /// ([`super::tempo::fast_finish`]).
    pub fast_finish: Option<&'a Tempo>,
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

/// Classify the run. Order (docs/metrics.md, "Workout type"): cross-training (not running, see
/// [`is_running`]) > `other` when too short or too sparse > run/walk > `other` when walked >
/// time trial (a plausible maximal mile, unless intervals were found) > hills (≥
/// `min_hill_reps`) > intervals > progression > race > tempo (a tempo that is the fast finish of
/// a long run keeps the type `long`) > fartlek > strides (a set of ≥ `min_strides`) > long
/// (moving or timer time ≥ `long_min_s`, or distance ≥ `long_min_m`) > recovery (moving ≤
/// `recovery_max_s` and average moving speed ≤ `recovery_max_mps`) > easy.
pub fn classify(act: &Activity, f: &Findings, cfg: &SegmentConfig) -> Workout {
    use WorkoutEvidence as E;
    let c = &cfg.classify;
    let sh = f.shape;
    let w = |kind, evidence| Workout {
        kind,
        evidence,
        structure_source: None,
    };
    let other = |why| {
        w(
            WorkoutType::Other,
            E::Other {
                why,
                moving_s: f.moving_s,
                distance_m: f.distance_m,
            },
        )
    };
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
    if f.moving_s >= c.other_min_moving_s && f.distance_m <= 0.0 {
        return other(OtherReason::NoDistance);
    }
    if f.moving_s < c.other_min_moving_s || f.distance_m < c.other_min_distance_m {
        return other(OtherReason::TooShort);
    }
    if sh.median_gap_s > c.other_max_median_gap_s {
        return other(OtherReason::Sparse);
    }
    if let Some(run_mps) = sh.running_mps
        && sh.walk_breaks >= c.run_walk_min_breaks
        && sh.walking_frac >= c.run_walk_min_walk_frac
        && sh.walking_frac < c.other_walking_frac
        && run_walk_not_reps(f, run_mps, cfg)
    {
        return w(
            WorkoutType::RunWalk,
            E::RunWalk {
                walk_breaks: sh.walk_breaks,
                running_mps: run_mps,
                walking_frac: sh.walking_frac,
            },
        );
    }
    if sh.walking_frac >= c.other_walking_frac {
        return other(OtherReason::Walked);
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
                easy_mps: f.outside_easy_mps,
            },
        );
    }
    if sh.progression(cfg) {
        let first = sh.km_mps.first().copied().unwrap_or(0.0);
        let last_i = if sh.km_mps.last().is_some_and(|l| *l < first) {
            sh.km_mps.len().saturating_sub(2)
        } else {
            sh.km_mps.len().saturating_sub(1)
        };
        return w(
            WorkoutType::Progression,
            E::Progression {
                km: last_i + 1,
                first_mps: first,
                last_mps: sh.km_mps.get(last_i).copied().unwrap_or(first),
            },
        );
    }
    if let Some(race) = race(act, f, cfg) {
        return w(WorkoutType::Race, race);
    }
    let long = f.moving_s.max(sh.timer_s) >= c.long_min_s || f.distance_m >= c.long_min_m;
    if let Some(t) = f
        .tempo
        .iter()
        .max_by(|a, b| a.elapsed_s.total_cmp(&b.elapsed_s))
        && !(long && t.end_s >= f.end_s - c.fast_finish_tail_s)
    {
        return w(
            WorkoutType::Tempo,
            E::Tempo {
                elapsed_s: t.elapsed_s,
                avg_speed_mps: t.avg_speed_mps,
                easy_mps: f.tempo_easy_mps,
            },
        );
    }
    if !f.surges.is_empty() {
        let n = f.surges.len() as f64;
        return w(
            WorkoutType::Fartlek,
            E::Fartlek {
                surges: f.surges.len(),
                shortest_s: f
                    .surges
                    .iter()
                    .map(|g| g.elapsed_s)
                    .fold(f64::INFINITY, f64::min),
                longest_s: f.surges.iter().map(|g| g.elapsed_s).fold(0.0, f64::max),
                mean_speed_mps: f.surges.iter().map(|g| g.avg_speed_mps).sum::<f64>() / n,
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
    let steady = |fast_finish: Option<FastFinish>| E::Steady {
        distance_m: f.distance_m,
        moving_s: f.moving_s,
        timer_s: sh.timer_s,
        avg_mps,
        fast_finish,
    };
    if long {
        // A tempo ending at the end of the run, else the looser fast-finish block, when it
        // beats the runner's best earlier running ([`super::tempo::fast_finish`]).
        let finish = f.fast_finish.map(|t| FastFinish {
            start_s: t.start_s,
            end_s: t.end_s,
            distance_m: t.distance_m,
            elapsed_s: t.elapsed_s,
            avg_speed_mps: t.avg_speed_mps,
        });
        return w(WorkoutType::Long, steady(finish));
    }
    if f.moving_s <= c.recovery_max_s && avg_mps <= c.recovery_max_mps {
        return w(WorkoutType::Recovery, steady(None));
    }
    w(WorkoutType::Easy, steady(None))
}

/// Whether running bouts that alternate with walking are a run/walk rather than reps with walking
/// recoveries. Without interval reps, they are when regular (bout durations' CV at most
/// `run_walk_max_bout_cv`) or slower than `run_walk_max_run_mps` (a trail run's hiked climbs and
/// an ultra's aid stations are neither). With reps: when the run has easy running outside
/// the session, the reps are run/walk bouts unless at least `laps.rep_vs_recovery_ratio` ×
/// faster than that easy running (interval reps are clearly harder than steady running); when
/// it has none, unless faster than `run_walk_max_run_mps` with walking above
/// `run_walk_max_walk_frac` of the moving time (an interval session's recoveries are as long as
/// its reps or longer).
fn run_walk_not_reps(f: &Findings, run_mps: f64, cfg: &SegmentConfig) -> bool {
    let c = &cfg.classify;
    let regular = f
        .shape
        .run_bout_cv
        .is_some_and(|v| v <= c.run_walk_max_bout_cv);
    let Some(iv) = f.intervals else {
        return regular || run_mps <= c.run_walk_max_run_mps;
    };
    let n = iv.reps.len().max(1) as f64;
    let rep_v = iv.reps.iter().map(|r| r.avg_speed_mps).sum::<f64>() / n;
    match f.outside_easy_mps {
        Some(e) => rep_v < cfg.laps.rep_vs_recovery_ratio * e,
        None => {
            rep_v.max(run_mps) <= c.run_walk_max_run_mps
                || f.shape.walking_frac <= c.run_walk_max_walk_frac
        }
    }
}

/// Words that name a race in an activity's own name or notes (case-insensitive, whole words):
/// `race`, `racing`, `parkrun`, `marathon` (half marathon included), `championship(s)`, `relay`,
/// `cross country`, `carrera`, `wettkampf`. Distances alone (`5k`, `10k`) do not: "easy 5k" is a
/// common name for an easy run.
pub fn named_race(name: &str) -> bool {
    let n = name.to_lowercase();
    let words: Vec<&str> = n
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    [
        "race",
        "racing",
        "parkrun",
        "marathon",
        "halfmarathon",
        "championship",
        "championships",
        "relay",
        "carrera",
        "wettkampf",
    ]
    .iter()
    .any(|w| has(w))
        || n.contains("cross country")
}

/// The race reading, when the run is one. The race is the best effort over a standard distance
/// (5 K, 10 K, 15 K, 10 miles, half, marathon; the mile is a time trial) that covers at least
/// `race_min_share` of the run: the whole run when its distance is within
/// −`race_short_tol` / +`race_long_tol` of the standard, else a run whose warm-up and cool-down
/// are at least `race_vs_rest_ratio` × slower than the race. Inside the race: no stop (moving ≥
/// `race_min_moving_frac` of elapsed), even (kilometre speeds' CV ≤ `race_max_km_cv`), and
/// hard: average heart rate ≥ `race_min_hr_frac` × the highest held heart rate of the run, or
/// without heart rate an average speed ≥ `race_no_hr_min_mps`. A run whose own name says race
/// ([`named_race`]) is a race, whatever its distance.
fn race(act: &Activity, f: &Findings, cfg: &SegmentConfig) -> Option<WorkoutEvidence> {
    let c = &cfg.classify;
    let sh = f.shape;
    if act.meta.name.as_deref().is_some_and(named_race) {
        // The file's own content says race: the whole recording, whatever its distance.
        let standard_m = RACE_DISTANCES_M
            .iter()
            .copied()
            .find(|&d| (sh.distance_m - d).abs() <= d * c.race_long_tol)
            .unwrap_or(sh.distance_m);
        let hr_frac = match (sh.avg_hr_bpm, sh.max_hr_bpm) {
            (Some(a), Some(m)) if m > 0.0 => Some(a / m),
            _ => None,
        };
        return Some(WorkoutEvidence::Race {
            standard_m,
            distance_m: sh.distance_m,
            elapsed_s: sh.elapsed_s,
            km_cv: sh.km_cv(),
            hr_frac,
            named: true,
        });
    }
    // On a treadmill the belt sets the pace, so even pacing is no sign of racing, and races are
    // run outdoors: only a name makes a treadmill run a race.
    if act.meta.indoor {
        return None;
    }
    let standard_m = RACE_DISTANCES_M.iter().copied().find(|&d| {
        sh.distance_m >= d * (1.0 - c.race_short_tol) && d >= c.race_min_share * sh.distance_m
    })?;
    let be = f
        .best
        .iter()
        .find(|b| (b.distance_m - standard_m).abs() < 1.0)?;
    let s = &act.samples;
    let w = super::series::window_stats(s, &[], be.start_s, be.end_s);
    let v = standard_m / be.elapsed_s.max(1e-9);
    let whole = sh.distance_m <= standard_m * (1.0 + c.race_long_tol);
    if !whole {
        let rest_d = sh.distance_m - w.distance_m;
        let rest_t = sh.moving_s - w.moving_s;
        if rest_t <= 0.0 || rest_d / rest_t * c.race_vs_rest_ratio > v {
            return None;
        }
    }
    let km = super::shape::km_speeds(act, be.start_s, be.end_s);
    let km_cv = super::shape::cv(&km)?;
    let hr_frac = match (w.avg_hr_bpm, sh.max_hr_bpm) {
        (Some(a), Some(m)) if m > 0.0 => Some(a / m),
        _ => None,
    };
    let hard = match hr_frac {
        Some(h) => h >= c.race_min_hr_frac,
        None => v >= c.race_no_hr_min_mps,
    };
    (w.moving_s >= c.race_min_moving_frac * be.elapsed_s && km_cv <= c.race_max_km_cv && hard)
        .then_some(WorkoutEvidence::Race {
            standard_m,
            distance_m: standard_m,
            elapsed_s: be.elapsed_s,
            km_cv: Some(km_cv),
            hr_frac,
            named: false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn race_names() {
        assert!(named_race("Sunday Parkrun"));
        assert!(named_race("Berlin Half-Marathon"));
        assert!(named_race("XC race #3"));
        assert!(named_race("County cross country championships"));
        assert!(!named_race("Easy 5k"));
        assert!(!named_race("Morning Run"));
        assert!(!named_race("Traceability test"), "whole words only");
    }

    /// An even 5.03 km at 3.0 m/s whose heart rate climbs from `start` to `plateau` over the
    /// first three minutes, then drifts by `drift` bpm to the end.
    fn even_5k(start: f64, plateau: f64, drift: f64) -> WorkoutType {
        even_5k_at(start, plateau, drift, false)
    }

    /// [`even_5k`], outdoors or on a treadmill (`indoor`).
    fn even_5k_at(start: f64, plateau: f64, drift: f64, indoor: bool) -> WorkoutType {
        let secs = (5030.0_f64 / 3.0).ceil() as usize;
        let mut act = crate::segment::synth::constant_run(3.0, secs);
        act.meta.indoor = indoor;
        let n = act.samples.hr_bpm.len();
        for (i, hr) in act.samples.hr_bpm.iter_mut().enumerate() {
            let x = i as f64;
            *hr = if x < 180.0 {
                start + (plateau - start) * x / 180.0
            } else {
                plateau + drift * (x - 180.0) / (n as f64 - 180.0)
            };
        }
        crate::segment::segment(&act, &SegmentConfig::default())
            .workout
            .kind
    }

    #[test]
    fn an_even_easy_5k_is_not_a_race_but_a_held_heart_rate_is() {
        // An easy run from the door: 100 -> 138 bpm in three minutes, drifting to 153 (average
        // about 0.93 of the last 30 s, as the corpus's easy runs).
        assert_ne!(even_5k(100.0, 138.0, 15.0), WorkoutType::Race);
        // A race: 160 -> 176 in three minutes (warmed up before the gun), on to 184.
        assert_eq!(even_5k(160.0, 176.0, 8.0), WorkoutType::Race);
        // The same on a treadmill, whose belt sets the pace: no race without a name.
        assert_ne!(even_5k_at(160.0, 176.0, 8.0, true), WorkoutType::Race);
    }
}
