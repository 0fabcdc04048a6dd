//! The ground truth written beside every simulated file: plan, segments with exact start and
//! end, true best efforts, workout type, per-lap truth and the injected faults.

use serde::Serialize;

use super::motion::{Phase, SegKind, TrueTrack};
use super::physiology::Runner;
use super::plan::{Plan, Step, StepKind};
use super::recording::{GpsFaults, Recording};
use crate::model::MILE_M;

/// Version of the truth file layout.
pub const TRUTH_VERSION: u32 = 1;
/// Standard best-effort distances (name, metres).
pub const BEST_EFFORT_DISTANCES: [(&str, f64); 10] = [
    ("400m", 400.0),
    ("1/2 mile", MILE_M / 2.0),
    ("1k", 1000.0),
    ("1 mile", MILE_M),
    ("2 mile", 2.0 * MILE_M),
    ("5k", 5000.0),
    ("10k", 10000.0),
    ("15k", 15000.0),
    ("10 mile", 10.0 * MILE_M),
    ("half marathon", 21097.5),
];
/// A run at least this long (s) with no structure is a long run.
pub const LONG_RUN_MIN_S: f64 = 75.0 * 60.0;
/// A run at least this long (m) with no structure is a long run.
pub const LONG_RUN_MIN_M: f64 = 16_000.0;

/// One true segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TruthSegment {
    /// Contract kind.
    pub kind: SegKind,
    /// Repetition number within its step.
    pub rep: Option<u32>,
    /// Plan step index.
    pub step: usize,
    /// Start (s since the first sample).
    pub start_s: f64,
    /// End (s since the first sample).
    pub end_s: f64,
    /// True distance at the start (m).
    pub start_m: f64,
    /// True distance at the end (m).
    pub end_m: f64,
    /// True distance covered (m).
    pub distance_m: f64,
    /// Duration (s), pauses inside included.
    pub duration_s: f64,
}

/// One best effort.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TruthEffort {
    /// Name (`400m`, `1 mile`, ...).
    pub name: &'static str,
    /// Distance (m).
    pub distance_m: f64,
    /// Fastest elapsed time over the distance (s).
    pub elapsed_s: f64,
    /// Start of that effort (s).
    pub start_s: f64,
    /// End of that effort (s).
    pub end_s: f64,
}

/// Best efforts measured on one distance channel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TruthEfforts {
    /// `true_distance` (noise-free motion) or `device_distance` (what the file says).
    pub measured_on: &'static str,
    /// The efforts, shortest distance first.
    pub efforts: Vec<TruthEffort>,
}

/// Truth of a paced mile (or other time-trial distance).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TruthMileEffort {
    /// Distance (m).
    pub distance_m: f64,
    /// Elapsed time (s).
    pub elapsed_s: f64,
    /// Start and end (s).
    pub start_s: f64,
    /// End (s).
    pub end_s: f64,
    /// Quarter splits (s): each a quarter of the distance (402.336 m for a mile).
    pub laps_s: Vec<f64>,
    /// The last quarter in four equal parts (s).
    pub last_lap_100m_s: Vec<f64>,
    /// On a track: the laps between finish-line crossings (409.344 m, then 400 m × 3) (s),
    /// what a runner's lap presses measure; absent elsewhere.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finish_line_laps_s: Option<Vec<f64>>,
    /// Pacing pattern the plan asked for.
    pub pacing: super::plan::Pacing,
}

/// Truth of a device lap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TruthLap {
    /// Start (s).
    pub start_s: f64,
    /// End (s).
    pub end_s: f64,
    /// Device distance (m), as written in the file.
    pub distance_m: f64,
    /// True distance over the same time (m).
    pub true_distance_m: f64,
    /// Elapsed (s).
    pub elapsed_s: f64,
    /// Timer (s).
    pub timer_s: f64,
    /// Average heart rate (bpm).
    pub avg_hr_bpm: Option<f64>,
    /// Average cadence (steps/min or rpm).
    pub avg_cadence_spm: Option<f64>,
    /// FIT intensity.
    pub intensity: &'static str,
    /// FIT lap trigger.
    pub trigger: &'static str,
}

/// Totals of the activity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TruthTotals {
    /// True distance (m).
    pub true_distance_m: f64,
    /// Device distance written in the file (m).
    pub device_distance_m: f64,
    /// Elapsed time from first to last sample (s).
    pub elapsed_s: f64,
    /// Timer time (s): elapsed minus timer pauses.
    pub timer_s: f64,
    /// Time moving faster than 0.5 m/s (s).
    pub moving_s: f64,
    /// Number of samples written.
    pub samples: usize,
}

/// A timer pause (s).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TruthPause {
    /// Timer stopped (s).
    pub start_s: f64,
    /// Timer started again (s).
    pub end_s: f64,
}

/// The whole truth file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Truth {
    /// Layout version.
    pub truth_version: u32,
    /// Seed used.
    pub seed: u64,
    /// Plan text.
    pub plan: String,
    /// Parsed plan steps.
    pub steps: Vec<Step>,
    /// Sport (`running`, `cycling`, `swimming`).
    pub sport: &'static str,
    /// FIT sub-sport name.
    pub sub_sport: &'static str,
    /// Venue (`road`, `track`, `hills`, `trail`, `treadmill`, `pool`).
    pub venue: super::plan::Venue,
    /// UTC time of the first sample (RFC 3339).
    pub start_utc: String,
    /// Local offset from UTC (s).
    pub local_offset_s: i32,
    /// Workout type (contract names).
    pub workout_type: &'static str,
    /// The simulated athlete.
    pub runner: Runner,
    /// Totals.
    pub totals: TruthTotals,
    /// Segments in order.
    pub segments: Vec<TruthSegment>,
    /// Timer pauses.
    pub pauses: Vec<TruthPause>,
    /// Device laps.
    pub laps: Vec<TruthLap>,
    /// Best efforts on the true distance.
    pub best_efforts: TruthEfforts,
    /// Best efforts on the device distance as written.
    pub best_efforts_device: TruthEfforts,
    /// The paced mile, when the plan has one.
    pub mile_effort: Option<TruthMileEffort>,
    /// GPS faults injected.
    pub gps_faults: GpsFaults,
}

/// Classify a plan into a workout type.
pub fn workout_type(plan: &Plan, duration_s: f64, distance_m: f64) -> &'static str {
    let has = |k: StepKind| plan.steps.iter().any(|s| s.kind == k);
    if has(StepKind::Bike) || has(StepKind::Swim) {
        "cross_training"
    } else if has(StepKind::TimeTrial) {
        "time_trial"
    } else if has(StepKind::Hill) {
        "hills"
    } else if has(StepKind::Work) {
        "intervals"
    } else if has(StepKind::Tempo) {
        "tempo"
    } else if has(StepKind::Stride) {
        "strides"
    } else if has(StepKind::Long) || duration_s >= LONG_RUN_MIN_S || distance_m >= LONG_RUN_MIN_M {
        "long"
    } else if has(StepKind::Recovery) {
        "recovery"
    } else {
        "easy"
    }
}

/// Segments from phases: pauses dropped, continuous segments split only by a pause merged.
pub fn segments(phases: &[Phase], tt: &TrueTrack) -> Vec<TruthSegment> {
    let mut out: Vec<TruthSegment> = Vec::new();
    let mut after_pause = false;
    for (ph, span) in phases.iter().zip(&tt.spans) {
        let Some(kind) = ph.kind else {
            after_pause = true;
            continue;
        };
        if let Some(last) = out.last_mut()
            && after_pause
            && last.kind == kind
            && last.rep.is_none()
            && ph.rep.is_none()
        {
            last.end_s = span.end_s;
            last.end_m = span.end_m;
            last.distance_m = last.end_m - last.start_m;
            last.duration_s = last.end_s - last.start_s;
            after_pause = false;
            continue;
        }
        after_pause = false;
        out.push(TruthSegment {
            kind,
            rep: ph.rep,
            step: ph.step,
            start_s: span.start_s,
            end_s: span.end_s,
            start_m: span.start_m,
            end_m: span.end_m,
            distance_m: span.end_m - span.start_m,
            duration_s: span.end_s - span.start_s,
        });
    }
    out
}

/// Time at which a cumulative distance is reached, by linear interpolation.
pub fn time_at_distance(t: &[f64], d: &[f64], target: f64) -> f64 {
    let i = d.partition_point(|&x| x < target);
    if i == 0 {
        return t.first().copied().unwrap_or(0.0);
    }
    if i >= d.len() {
        return t.last().copied().unwrap_or(0.0);
    }
    let (d0, d1) = (d[i - 1], d[i]);
    let f = if d1 > d0 {
        (target - d0) / (d1 - d0)
    } else {
        0.0
    };
    t[i - 1] + f * (t[i] - t[i - 1])
}

/// Distance at a time, by linear interpolation.
pub fn distance_at_time(t: &[f64], d: &[f64], at: f64) -> f64 {
    let i = t.partition_point(|&x| x < at);
    if i == 0 {
        return d.first().copied().unwrap_or(0.0);
    }
    if i >= t.len() {
        return d.last().copied().unwrap_or(0.0);
    }
    let f = (at - t[i - 1]) / (t[i] - t[i - 1]).max(1e-9);
    d[i - 1] + f * (d[i] - d[i - 1])
}

/// The recorded distance with each injected position spike's excess taken out: the two steps
/// into and out of the spike are replaced by the neighbouring speed times their duration. This
/// is the distance a cleaner that recognises the glitch should arrive at, while the device's
/// total (`totals.device_distance_m`) keeps the glitch, as watches do.
pub fn without_spikes(t: &[f64], d: &[f64], speed: &[f64], spikes: &[(f64, f64)]) -> Vec<f64> {
    let mut steps: Vec<f64> = (1..d.len()).map(|i| d[i] - d[i - 1]).collect();
    for &(ts, _) in spikes {
        let Some(i) = t.iter().position(|&x| x == ts) else {
            continue;
        };
        let before = i.checked_sub(1).and_then(|j| speed.get(j)).copied();
        let after = speed.get(i + 1).copied();
        let v = match (before, after) {
            (Some(a), Some(b)) => 0.5 * (a + b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => 0.0,
        };
        for k in [i, i + 1] {
            // steps[k - 1] is the step that ends at sample k.
            if k >= 1 && k < d.len() {
                steps[k - 1] = v * (t[k] - t[k - 1]);
            }
        }
    }
    let mut out = Vec::with_capacity(d.len());
    let mut total = d.first().copied().unwrap_or(0.0);
    out.push(total);
    for st in steps {
        total += st;
        out.push(total);
    }
    out
}

/// Best efforts over the standard distances: for each sample as the end, the latest start
/// (interpolated) that covers the distance; elapsed time, pauses included.
pub fn best_efforts(t: &[f64], d: &[f64], measured_on: &'static str) -> TruthEfforts {
    let total = d.last().copied().unwrap_or(0.0);
    let mut efforts = Vec::new();
    for (name, dist) in BEST_EFFORT_DISTANCES {
        if dist > total {
            break;
        }
        let mut best: Option<(f64, f64, f64)> = None;
        let mut i = 0usize;
        for j in 0..d.len() {
            let want = d[j] - dist;
            if want < 0.0 {
                continue;
            }
            while i + 1 < d.len() && d[i + 1] <= want {
                i += 1;
            }
            let (d0, d1) = (d[i], d.get(i + 1).copied().unwrap_or(d[i]));
            let f = if d1 > d0 {
                ((want - d0) / (d1 - d0)).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let start = t[i] + f * (t.get(i + 1).copied().unwrap_or(t[i]) - t[i]);
            let el = t[j] - start;
            if best.is_none_or(|b| el < b.0) {
                best = Some((el, start, t[j]));
            }
        }
        if let Some((el, a, b)) = best {
            efforts.push(TruthEffort {
                name,
                distance_m: dist,
                elapsed_s: round3(el),
                start_s: round3(a),
                end_s: round3(b),
            });
        }
    }
    TruthEfforts {
        measured_on,
        efforts,
    }
}

/// The mile-effort truth of a time-trial segment.
/// On a track (`track`), the finish-line laps too.
pub fn mile_effort(
    seg: &TruthSegment,
    tt: &TrueTrack,
    pacing: super::plan::Pacing,
    track: bool,
) -> TruthMileEffort {
    let q = seg.distance_m / 4.0;
    let at = |m: f64| time_at_distance(&tt.t, &tt.dist, seg.start_m + m);
    let finish_line_laps_s = track.then(|| {
        let first = seg.distance_m - 1200.0;
        let mut cross = vec![seg.start_s];
        cross.extend([first, first + 400.0, first + 800.0].map(at));
        cross.push(seg.end_s);
        cross.windows(2).map(|w| round3(w[1] - w[0])).collect()
    });
    let marks: Vec<f64> = (0..=4)
        .map(|k| {
            if k == 0 {
                seg.start_s
            } else if k == 4 {
                seg.end_s
            } else {
                at(q * k as f64)
            }
        })
        .collect();
    let laps_s = marks.windows(2).map(|w| round3(w[1] - w[0])).collect();
    let sub: Vec<f64> = (0..=4)
        .map(|k| {
            if k == 4 {
                seg.end_s
            } else {
                at(3.0 * q + q * k as f64 / 4.0)
            }
        })
        .collect();
    TruthMileEffort {
        distance_m: seg.distance_m,
        elapsed_s: round3(seg.end_s - seg.start_s),
        start_s: round3(seg.start_s),
        end_s: round3(seg.end_s),
        laps_s,
        last_lap_100m_s: sub.windows(2).map(|w| round3(w[1] - w[0])).collect(),
        finish_line_laps_s,
        pacing,
    }
}

/// Per-lap truth from the recording's laps.
pub fn laps(rec: &Recording, tt: &TrueTrack) -> Vec<TruthLap> {
    rec.laps
        .iter()
        .map(|l| TruthLap {
            start_s: l.start_s as f64,
            end_s: l.end_s as f64,
            distance_m: round3(l.distance_m),
            true_distance_m: round3(
                distance_at_time(&tt.t, &tt.dist, l.end_s as f64)
                    - distance_at_time(&tt.t, &tt.dist, l.start_s as f64),
            ),
            elapsed_s: l.elapsed_s,
            timer_s: l.timer_s,
            avg_hr_bpm: l.avg_hr_bpm,
            avg_cadence_spm: l.avg_cadence.map(round3),
            intensity: l.intensity,
            trigger: l.trigger,
        })
        .collect()
}

/// Round to millimetres / milliseconds, so truth files stay readable and stable.
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
