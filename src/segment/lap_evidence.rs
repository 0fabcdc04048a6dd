//! Device laps as evidence of workout structure, read before the speed stream.
//!
//! Laps that carry workout information (a structured-workout step index, or lap intensities
//! that mix work with rest) describe the session whatever ended them: a workout step may end on
//! distance. Manual laps describe it when they alternate fast and slow and the fast ones repeat a
//! distance or duration. Plain automatic laps (1 km / 1 mi / fixed-time, including "manual" laps
//! of exactly 1000 m or 1609 m as Garmin Connect's TCX export writes them) never do.

use serde::Serialize;

use super::SegmentConfig;
use super::intervals::reps::similar;
use super::series::window_stats;
use super::smooth::median;
use crate::model::{Activity, Lap, LapIntensity, LapTrigger};

/// Where the structure of a run was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StructureSource {
    /// Laps of a structured workout (step index or work/rest intensities).
    WorkoutSteps,
    /// Manual laps that alternate work and recovery.
    ManualLaps,
    /// The speed stream (no lap evidence).
    Speed,
}

impl StructureSource {
    /// The contract spelling (`workout_steps`, `manual_laps`, `speed`).
    pub fn as_str(self) -> &'static str {
        match self {
            StructureSource::WorkoutSteps => "workout_steps",
            StructureSource::ManualLaps => "manual_laps",
            StructureSource::Speed => "speed",
        }
    }
}

/// What a lap was in a structured workout, from its intensity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LapRole {
    /// Work (FIT `interval`).
    Work,
    /// Active (FIT `active`, TCX `Active`): the work of a workout that has no `interval` laps.
    Active,
    /// Recovery (`rest`, `recovery`, TCX `Resting`).
    Recovery,
    /// Warm-up.
    Warmup,
    /// Cool-down.
    Cooldown,
    /// Anything else or not stated.
    Unknown,
}

impl LapRole {
    /// The role a lap's intensity names.
    pub fn of(lap: &Lap) -> LapRole {
        match lap.intensity {
            Some(LapIntensity::Interval) => LapRole::Work,
            Some(LapIntensity::Active) => LapRole::Active,
            Some(LapIntensity::Rest | LapIntensity::Recovery) => LapRole::Recovery,
            Some(LapIntensity::Warmup) => LapRole::Warmup,
            Some(LapIntensity::Cooldown) => LapRole::Cooldown,
            _ => LapRole::Unknown,
        }
    }
}

/// Work laps read from lap evidence, with the source they came from.
#[derive(Debug, Clone, PartialEq)]
pub struct LapStructure {
    /// Which kind of lap evidence.
    pub source: StructureSource,
    /// Work laps (start_s, end_s) in order.
    pub reps: Vec<(f64, f64)>,
}

/// One lap measured on the samples.
#[derive(Debug, Clone, Copy)]
struct Measured {
    start_s: f64,
    end_s: f64,
    distance_m: f64,
    elapsed_s: f64,
    /// Pace speed: over moving time, or over elapsed time for a lap spent mostly standing.
    speed_mps: f64,
    role: LapRole,
    step: Option<u32>,
    manual: bool,
}

fn measure(act: &Activity, cfg: &SegmentConfig) -> Vec<Measured> {
    act.laps
        .iter()
        .filter(|l| l.end_s - l.start_s >= cfg.laps.min_lap_s)
        .map(|l| {
            let w = window_stats(&act.samples, &[], l.start_s, l.end_s);
            let secs = if w.moving_s >= 0.5 * w.elapsed_s {
                w.moving_s
            } else {
                w.elapsed_s
            };
            Measured {
                start_s: l.start_s,
                end_s: l.end_s,
                distance_m: w.distance_m,
                elapsed_s: w.elapsed_s,
                speed_mps: if secs > 0.0 { w.distance_m / secs } else { 0.0 },
                role: LapRole::of(l),
                step: l.wkt_step_index,
                // A lap without a trigger (some devices write none) may be a press.
                manual: matches!(l.trigger, None | Some(LapTrigger::Manual)),
            }
        })
        .collect()
}

fn long_enough(l: &Measured, cfg: &SegmentConfig) -> bool {
    l.elapsed_s >= cfg.intervals.rep_min_s || l.distance_m >= cfg.intervals.rep_min_m
}

/// Whether a lap's stated distance is an automatic-lap distance (1000 m or a mile within
/// `cfg.laps.auto_distance_tol_m`).
fn auto_distance(l: &Lap, cfg: &SegmentConfig) -> bool {
    l.distance_m.is_some_and(|d| {
        [1000.0, crate::model::MILE_M]
            .iter()
            .any(|a| (d - a).abs() <= cfg.laps.auto_distance_tol_m)
    })
}

/// Laps whose durations lie within this many seconds of their median are a timer's laps.
const AUTO_TIME_TOL_S: f64 = 1.0;

/// The lap boundaries that mark where the runner changed what they were doing: every lap
/// boundary when the laps are structure ([`super::laps::laps_are_structure`]: manual presses,
/// workout steps, intensities) or when every lap but the last may be a press (manual, or
/// without a trigger as some devices write) and fewer than half of them are automatic
/// distances (1000 m or a mile); none otherwise (distance or time auto-laps), nor when half or
/// more of the laps but the last (at least three) last the same time within
/// [`AUTO_TIME_TOL_S`] outside a structured workout (auto-laps by time, whatever the trigger).
pub fn press_boundaries(act: &Activity, cfg: &SegmentConfig) -> Vec<f64> {
    let laps = &act.laps;
    if laps.len() < 2 {
        return Vec::new();
    }
    let body = &laps[..laps.len() - 1];
    // Laps of one duration are a timer's auto-laps, whatever their trigger says (Garmin
    // Connect's TCX writes auto-laps as `Manual`), unless they are a structured workout's: a
    // workout's laps carry step indexes or more than one intensity (TCX writes `Active` on
    // every lap of an ordinary run).
    let workout = laps.iter().any(|l| l.wkt_step_index.is_some())
        || laps
            .iter()
            .filter_map(|l| l.intensity)
            .any(|i| laps.iter().any(|l| l.intensity.is_some_and(|j| j != i)));
    let durations: Vec<f64> = body.iter().map(|l| l.end_s - l.start_s).collect();
    let timed = median(durations.iter().copied()).is_some_and(|m| {
        body.len() >= 3
            && 2 * durations
                .iter()
                .filter(|&&d| (d - m).abs() <= AUTO_TIME_TOL_S)
                .count()
                >= body.len()
    });
    if timed && !workout {
        return Vec::new();
    }
    let presses = body
        .iter()
        .all(|l| matches!(l.trigger, None | Some(LapTrigger::Manual)))
        && 2 * body.iter().filter(|l| auto_distance(l, cfg)).count() < body.len();
    if presses || super::laps::laps_are_structure(act) {
        super::laps::lap_boundaries(act)
    } else {
        Vec::new()
    }
}

/// The structure the laps describe, if any: workout-step laps first, then manual laps.
pub fn lap_structure(act: &Activity, cfg: &SegmentConfig) -> Option<LapStructure> {
    let laps = measure(act, cfg);
    if laps.len() < 3 {
        return None;
    }
    if let Some(reps) = by_intensity(&laps, cfg).or_else(|| by_steps(&laps, cfg)) {
        return Some(LapStructure {
            source: StructureSource::WorkoutSteps,
            reps,
        });
    }
    by_manual_laps(act, &laps, cfg).map(|reps| LapStructure {
        source: StructureSource::ManualLaps,
        reps,
    })
}

/// Work laps from intensities that mix work and recovery: the work laps long enough to be reps,
/// when they are clearly faster than the recovery laps between them.
fn by_intensity(laps: &[Measured], cfg: &SegmentConfig) -> Option<Vec<(f64, f64)>> {
    let has = |r: LapRole| laps.iter().any(|l| l.role == r);
    let role = if has(LapRole::Work) {
        LapRole::Work
    } else {
        LapRole::Active
    };
    if !(has(role) && has(LapRole::Recovery)) {
        return None;
    }
    let work: Vec<usize> = (0..laps.len())
        .filter(|&i| laps[i].role == role && long_enough(&laps[i], cfg))
        .collect();
    checked_reps(laps, &work, |l| l.role == LapRole::Recovery, cfg)
}

/// Work laps from workout step indexes: among steps that repeat, the fastest step whose laps
/// alternate with a slower repeating step.
fn by_steps(laps: &[Measured], cfg: &SegmentConfig) -> Option<Vec<(f64, f64)>> {
    let mut steps: Vec<u32> = laps
        .iter()
        .filter(|l| long_enough(l, cfg))
        .filter_map(|l| l.step)
        .collect();
    steps.sort_unstable();
    steps.dedup();
    if steps.len() < 2 {
        return None;
    }
    let of_step = |s: u32| -> Vec<usize> {
        (0..laps.len())
            .filter(|&i| laps[i].step == Some(s) && long_enough(&laps[i], cfg))
            .collect()
    };
    let speed = |ix: &[usize]| median(ix.iter().map(|&i| laps[i].speed_mps)).unwrap_or(0.0);
    let mut repeating: Vec<(u32, f64)> = steps
        .iter()
        .map(|&s| (s, of_step(s)))
        .filter(|(_, ix)| ix.len() >= cfg.intervals.min_reps)
        .map(|(s, ix)| (s, speed(&ix)))
        .collect();
    repeating.sort_by(|a, b| b.1.total_cmp(&a.1));
    let (work_step, _) = *repeating.first()?;
    let slower: Vec<u32> = repeating.iter().skip(1).map(|r| r.0).collect();
    if slower.is_empty() {
        return None;
    }
    checked_reps(
        laps,
        &of_step(work_step),
        |l| l.step.is_some_and(|s| slower.contains(&s)) || l.role == LapRole::Recovery,
        cfg,
    )
}

/// Work laps from manual laps that alternate fast and slow. Not when the laps are automatic
/// distances (all full laps 1000 m or a mile).
fn by_manual_laps(
    act: &Activity,
    laps: &[Measured],
    cfg: &SegmentConfig,
) -> Option<Vec<(f64, f64)>> {
    let body = &act.laps[..act.laps.len().saturating_sub(1)];
    let auto = body.iter().filter(|l| auto_distance(l, cfg)).count();
    if body.is_empty() || auto * 2 >= body.len() {
        return None;
    }
    let manual: Vec<&Measured> = laps.iter().filter(|l| l.manual).collect();
    if manual.len() + 1 < laps.len() {
        // Laps ended by distance or time: no structure without workout information.
        return None;
    }
    // Split lap speeds at the widest gap between consecutive sorted running speeds.
    let mut sorted: Vec<f64> = laps
        .iter()
        .filter(|l| long_enough(l, cfg) && l.speed_mps >= cfg.intervals.rest_walk_max_mps)
        .map(|l| l.speed_mps)
        .collect();
    sorted.sort_by(f64::total_cmp);
    // Without a clear gap (every running lap a rep, recoveries walked or stood) the split is at
    // walking speed.
    let mid = sorted
        .windows(2)
        .max_by(|a, b| (a[1] / a[0]).total_cmp(&(b[1] / b[0])))
        .filter(|w| w[1] >= w[0] * cfg.laps.rep_vs_recovery_ratio)
        .map_or(cfg.intervals.rest_walk_max_mps, |w| 0.5 * (w[0] + w[1]));
    let work: Vec<usize> = (0..laps.len())
        .filter(|&i| laps[i].speed_mps >= mid && long_enough(&laps[i], cfg))
        .collect();
    if work.is_empty() || work.len() < cfg.laps.manual_min_reps {
        return None;
    }
    // The fast laps are one set: most repeat a distance or a duration, at one pace.
    let keys: Vec<(f64, f64)> = work
        .iter()
        .map(|&i| (laps[i].distance_m, laps[i].elapsed_s))
        .collect();
    let mut by_dist = keys.clone();
    by_dist.sort_by(|a, b| a.0.total_cmp(&b.0));
    let med = by_dist[by_dist.len() / 2];
    let alike = keys.iter().filter(|k| similar(**k, med, cfg)).count();
    let v_med = median(work.iter().map(|&i| laps[i].speed_mps)).unwrap_or(0.0);
    let even = work
        .iter()
        .all(|&i| (laps[i].speed_mps - v_med).abs() <= cfg.laps.rep_pace_spread * v_med);
    if 3 * alike < 2 * keys.len() || !even {
        return None;
    }
    checked_reps(laps, &work, |l| l.speed_mps < mid, cfg)
}

/// The work laps as reps when they are at least `cfg.laps.min_reps` reps, every pair of
/// consecutive reps is separated by at least one recovery lap (`is_recovery`), and every
/// recovery between them is at least `cfg.laps.rep_vs_recovery_ratio` slower than the reps on
/// either side (by speed). `None` otherwise: the laps do not describe intervals.
fn checked_reps(
    laps: &[Measured],
    work: &[usize],
    is_recovery: impl Fn(&Measured) -> bool,
    cfg: &SegmentConfig,
) -> Option<Vec<(f64, f64)>> {
    if work.len() < cfg.laps.min_reps {
        return None;
    }
    for w in work.windows(2) {
        let between = &laps[w[0] + 1..w[1]];
        let rests: Vec<&Measured> = between
            .iter()
            .filter(|l| is_recovery(l) && l.elapsed_s >= cfg.laps.min_lap_s)
            .collect();
        if rests.is_empty() {
            return None;
        }
        let slowest_rep = laps[w[0]].speed_mps.min(laps[w[1]].speed_mps);
        let rest_secs: f64 = rests.iter().map(|l| l.elapsed_s).sum();
        if rest_secs <= 0.0 {
            return None;
        }
        let rest_v = rests.iter().map(|l| l.speed_mps * l.elapsed_s).sum::<f64>() / rest_secs;
        if slowest_rep < rest_v * cfg.laps.rep_vs_recovery_ratio {
            return None;
        }
    }
    Some(
        work.iter()
            .map(|&i| (laps[i].start_s, laps[i].end_s))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::synth::{Profile, run_from_speeds};

    fn with_laps(speeds: &[f64], laps: &[(f64, f64, &str, &str, Option<u32>)]) -> Activity {
        let mut act = run_from_speeds(speeds, 0);
        act.laps = laps
            .iter()
            .map(|&(a, b, trig, int, step)| Lap {
                start_s: a,
                end_s: b,
                trigger: Some(LapTrigger::from_name(trig)),
                intensity: (!int.is_empty()).then(|| LapIntensity::from_name(int)),
                wkt_step_index: step,
                ..Default::default()
            })
            .collect();
        act
    }

    #[test]
    fn presses_are_not_a_timers_laps() {
        let speeds = vec![3.0; 1801];
        let cfg = SegmentConfig::default();
        // Laps pressed at 272, 1100 and 1700 s, the last closing the session.
        let pressed = [
            (0.0, 272.0, "manual", "active", None),
            (272.0, 1100.0, "manual", "active", None),
            (1100.0, 1700.0, "", "active", None),
            (1700.0, 1800.0, "session_end", "active", None),
        ];
        let b = press_boundaries(&with_laps(&speeds, &pressed), &cfg);
        assert_eq!(b, vec![0.0, 272.0, 1100.0, 1700.0, 1800.0]);
        // A timer's 5-minute laps written as `Manual` (Garmin Connect's TCX) are no presses.
        let timed: Vec<(f64, f64, &str, &str, Option<u32>)> = (0..6)
            .map(|k| {
                (
                    300.0 * k as f64,
                    300.0 * (k + 1) as f64,
                    "manual",
                    "active",
                    None,
                )
            })
            .collect();
        assert!(press_boundaries(&with_laps(&speeds, &timed), &cfg).is_empty());
        // ... unless they are a structured workout's steps (work and recovery).
        let steps: Vec<(f64, f64, &str, &str, Option<u32>)> = (0..6)
            .map(|k| {
                let int = if k % 2 == 0 { "interval" } else { "recovery" };
                (300.0 * k as f64, 300.0 * (k + 1) as f64, "time", int, None)
            })
            .collect();
        assert_eq!(press_boundaries(&with_laps(&speeds, &steps), &cfg).len(), 7);
    }

    /// 4 reps of 200 s at 4 m/s with 120 s at `rest` m/s, from the first second.
    fn session(rest: f64) -> (Vec<f64>, Vec<(f64, f64)>) {
        let mut p = Profile::default();
        let mut spans = Vec::new();
        let mut t = 0.0;
        for k in 0..4 {
            p = p.hold(4.0, 200);
            spans.push((t, t + 200.0));
            t += 200.0;
            if k < 3 {
                p = p.hold(rest, 120);
                spans.push((t, t + 120.0));
                t += 120.0;
            }
        }
        (p.speeds, spans)
    }

    #[test]
    fn manual_laps_that_alternate_are_reps() {
        let cfg = SegmentConfig::default();
        let (speeds, spans) = session(3.3);
        let laps: Vec<_> = spans
            .iter()
            .map(|&(a, b)| (a, b, "manual", "", None))
            .collect();
        let act = with_laps(&speeds, &laps);
        let s = lap_structure(&act, &cfg).expect("structure");
        assert_eq!(s.source, StructureSource::ManualLaps);
        assert_eq!(s.reps.len(), 4);
        assert_eq!(s.reps[0], (0.0, 200.0));
        // Recoveries less than 10 % slower than the reps: no structure.
        let (speeds, spans) = session(3.8);
        let laps: Vec<_> = spans
            .iter()
            .map(|&(a, b)| (a, b, "manual", "", None))
            .collect();
        assert!(lap_structure(&with_laps(&speeds, &laps), &cfg).is_none());
    }

    #[test]
    fn intensity_and_steps_are_workout_laps() {
        let cfg = SegmentConfig::default();
        let (speeds, spans) = session(1.2);
        let laps: Vec<_> = spans
            .iter()
            .enumerate()
            .map(|(k, &(a, b))| {
                let int = if k % 2 == 0 { "active" } else { "rest" };
                (a, b, "distance", int, None)
            })
            .collect();
        let s = lap_structure(&with_laps(&speeds, &laps), &cfg).expect("intensity");
        assert_eq!(s.source, StructureSource::WorkoutSteps);
        assert_eq!(s.reps.len(), 4);
        let laps: Vec<_> = spans
            .iter()
            .enumerate()
            .map(|(k, &(a, b))| (a, b, "time", "", Some(1 + (k % 2) as u32)))
            .collect();
        let s = lap_structure(&with_laps(&speeds, &laps), &cfg).expect("steps");
        assert_eq!(s.reps.len(), 4);
    }

    #[test]
    fn auto_laps_are_not_structure() {
        let cfg = SegmentConfig::default();
        let (speeds, spans) = session(3.0);
        let mut act = with_laps(
            &speeds,
            &spans
                .iter()
                .map(|&(a, b)| (a, b, "manual", "", None))
                .collect::<Vec<_>>(),
        );
        for l in &mut act.laps {
            l.distance_m = Some(1000.0);
        }
        assert!(lap_structure(&act, &cfg).is_none());
        let (speeds, spans) = session(3.0);
        let act = with_laps(
            &speeds,
            &spans
                .iter()
                .map(|&(a, b)| (a, b, "distance", "", None))
                .collect::<Vec<_>>(),
        );
        assert!(lap_structure(&act, &cfg).is_none());
    }
}
