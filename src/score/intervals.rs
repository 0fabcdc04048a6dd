//! Interval reps: rep-to-rep consistency, fade from the first to the last reps, rest
//! consistency, and each rep against a goal pace.

use serde::Serialize;

use super::{Goal, weighted_cv_pct};
use crate::segment::Intervals;
use crate::segment::lap_evidence::StructureSource;

/// Interval thresholds.
#[derive(Debug, Clone, PartialEq)]
pub struct IntervalConfig {
    /// Reps compared at each end for the fade: this many, or one when fewer than twice as
    /// many reps (default 2).
    pub fade_reps: usize,
    /// Rep pace CV at or below this is "very consistent" (%, default 2).
    pub consistent_cv_pct: f64,
    /// Rep pace CV above this is "uneven" (%, default 4).
    pub uneven_cv_pct: f64,
    /// A rep within ± this many seconds (per goal distance) of goal is "on goal" (default 1).
    pub on_goal_s: f64,
}

impl Default for IntervalConfig {
    fn default() -> Self {
        IntervalConfig {
            fade_reps: 2,
            consistent_cv_pct: 2.0,
            uneven_cv_pct: 4.0,
            on_goal_s: 1.0,
        }
    }
}

/// One rep scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepScore {
    /// 1-based rep number.
    pub number: usize,
    /// Distance the rep is judged over (m): the set's track distance when known, else measured.
    pub distance_m: f64,
    /// Rep elapsed time (s).
    pub elapsed_s: f64,
    /// Rep speed over `distance_m` (m/s).
    pub speed_mps: f64,
    /// The goal matched to this rep (nearest goal distance).
    pub goal: Option<Goal>,
    /// Time over the goal distance at this rep's speed minus the goal time (s); positive is
    /// slower than goal.
    pub goal_deviation_s: Option<f64>,
    /// The same deviation as % of the goal time.
    pub goal_deviation_pct: Option<f64>,
}

/// Consistency of the reps and rests.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntervalScore {
    /// Every rep in order.
    pub reps: Vec<RepScore>,
    /// Coefficient of variation of rep pace (s per m), %.
    pub rep_cv_pct: f64,
    /// Mean pace of the last reps vs the first reps, % (positive = slowed down).
    pub fade_pct: f64,
    /// Coefficient of variation of recovery duration, % (`None` with fewer than two).
    pub rest_cv_pct: Option<f64>,
    /// Mean recovery duration (s).
    pub mean_rest_s: Option<f64>,
    /// Mean absolute deviation from goal (s per goal distance), when goals were given.
    pub mean_abs_goal_deviation_s: Option<f64>,
    /// Short plain-language verdict.
    pub verdict: String,
}

/// The distance a rep's pace is taken over: the set's planned rep distance where the structure
/// came from laps or workout steps (a lap-marked 1000 m is 1000 m whatever GPS measured), the
/// measured distance where the reps were read off the speed stream (their "1000 m" is a
/// rounded label of 986–1070 m runs, and timing them over it would invent uneven reps).
fn nominal_distance(iv: &Intervals, rep_index: usize, set: usize, measured: f64) -> f64 {
    if iv.source == StructureSource::Speed {
        return measured;
    }
    iv.sets
        .get(set)
        .filter(|s| rep_index >= s.first_rep && rep_index < s.first_rep + s.reps)
        .and_then(|s| s.rep_distance_m)
        .unwrap_or(measured)
}

/// The goal whose distance is nearest (by ratio) to `d`.
fn nearest_goal(goals: &[Goal], d: f64) -> Option<Goal> {
    goals
        .iter()
        .filter(|g| g.distance_m > 0.0 && g.time_s > 0.0)
        .min_by(|a, b| {
            let ra = (a.distance_m / d).ln().abs();
            let rb = (b.distance_m / d).ln().abs();
            ra.total_cmp(&rb)
        })
        .copied()
}

/// Score detected intervals; `None` without reps.
pub fn score_intervals(
    iv: &Intervals,
    goals: &[Goal],
    cfg: &IntervalConfig,
) -> Option<IntervalScore> {
    let reps: Vec<RepScore> = iv
        .reps
        .iter()
        .enumerate()
        .filter(|(_, r)| r.elapsed_s > 0.0 && r.distance_m > 0.0)
        .map(|(i, r)| {
            let d = nominal_distance(iv, i, r.set, r.distance_m);
            let v = d / r.elapsed_s;
            let goal = nearest_goal(goals, d);
            let dev = goal.map(|g| g.distance_m / v - g.time_s);
            RepScore {
                number: i + 1,
                distance_m: d,
                elapsed_s: r.elapsed_s,
                speed_mps: v,
                goal,
                goal_deviation_s: dev,
                goal_deviation_pct: goal.zip(dev).map(|(g, x)| 100.0 * x / g.time_s),
            }
        })
        .collect();
    if reps.is_empty() {
        return None;
    }
    let paces: Vec<(f64, f64)> = reps.iter().map(|r| (1.0 / r.speed_mps, 1.0)).collect();
    let (_, rep_cv_pct) = weighted_cv_pct(&paces)?;
    let k = if reps.len() >= 2 * cfg.fade_reps.max(1) {
        cfg.fade_reps.max(1)
    } else {
        1
    };
    let mean_pace =
        |rs: &[RepScore]| rs.iter().map(|r| 1.0 / r.speed_mps).sum::<f64>() / rs.len() as f64;
    let first = mean_pace(&reps[..k]);
    let last = mean_pace(&reps[reps.len() - k..]);
    let fade_pct = 100.0 * (last - first) / first;
    let rests: Vec<(f64, f64)> = iv
        .recoveries
        .iter()
        .filter(|r| r.kind != crate::segment::reps::RestKind::None)
        .map(|r| (r.elapsed_s, 1.0))
        .collect();
    let rest_stats = (rests.len() >= 2)
        .then(|| weighted_cv_pct(&rests))
        .flatten();
    let devs: Vec<f64> = reps.iter().filter_map(|r| r.goal_deviation_s).collect();
    let mean_abs_goal_deviation_s =
        (!devs.is_empty()).then(|| devs.iter().map(|d| d.abs()).sum::<f64>() / devs.len() as f64);
    let verdict = verdict(reps.len(), rep_cv_pct, fade_pct, &devs, cfg);
    Some(IntervalScore {
        reps,
        rep_cv_pct,
        fade_pct,
        rest_cv_pct: rest_stats.map(|(_, cv)| cv),
        mean_rest_s: rest_stats
            .map(|(m, _)| m)
            .or_else(|| rests.first().map(|r| r.0)),
        mean_abs_goal_deviation_s,
        verdict,
    })
}

fn verdict(n: usize, cv: f64, fade: f64, devs: &[f64], cfg: &IntervalConfig) -> String {
    let mut s = if n < 2 {
        "one rep only".to_string()
    } else if cv <= cfg.consistent_cv_pct {
        format!("very consistent reps (pace varied {cv:.1} %)")
    } else if cv <= cfg.uneven_cv_pct {
        format!("fairly consistent reps (pace varied {cv:.1} %)")
    } else {
        format!("uneven reps (pace varied {cv:.1} %)")
    };
    if n >= 2 {
        if fade > cfg.consistent_cv_pct {
            s.push_str(&format!("; faded {fade:.1} % from first to last"));
        } else if fade < -cfg.consistent_cv_pct {
            s.push_str(&format!(
                "; finished {:.1} % faster than you started",
                -fade
            ));
        } else {
            s.push_str("; no fade");
        }
    }
    if !devs.is_empty() {
        let on = devs.iter().filter(|d| d.abs() <= cfg.on_goal_s).count();
        let fast = devs.iter().filter(|d| **d < -cfg.on_goal_s).count();
        let slow = devs.len() - on - fast;
        s.push_str(&format!(
            "; {on} of {} on goal, {fast} too fast, {slow} too slow",
            devs.len()
        ));
    }
    s
}
