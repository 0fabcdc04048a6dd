//! A mile effort lap by lap against the coaching plan of the seed guide (lap 1 on goal or up
//! to a second slow, lap 2 on pace, lap 3 held, lap 4 fastest with every 100 m faster), the
//! mile against reference averages, and race predictions from it.

use serde::Serialize;

use crate::model::MILE_M;
use crate::segment::{MileEffort, Segmentation};

/// Reference mile time, all runners (s): 7:04, as the seed guide quotes.
pub const REFERENCE_MILE_ALL_S: f64 = 424.0;
/// Reference mile time, men (s): 6:37.
pub const REFERENCE_MILE_MEN_S: f64 = 397.0;
/// Reference mile time, women (s): 7:44.
pub const REFERENCE_MILE_WOMEN_S: f64 = 464.0;
/// Riegel's fatigue exponent.
pub const RIEGEL_EXPONENT: f64 = 1.06;

/// Tolerances of the lap plan.
#[derive(Debug, Clone, PartialEq)]
pub struct MileConfig {
    /// Lap 1 may be this many seconds faster than the reference lap before it counts as
    /// "too fast" (default 0.5).
    pub lap1_fast_tol_s: f64,
    /// Lap 1 may be this many seconds slower than the reference lap (the plan's "a second
    /// slow" plus 0.5 s of tolerance, default 1.5).
    pub lap1_slow_tol_s: f64,
    /// Laps 2 and 3 within ± this many seconds of the reference lap are on pace (default 1.0).
    pub on_pace_tol_s: f64,
    /// Lap 3 may be this much slower than lap 2 and still count as held (default 1.0).
    pub held_tol_s: f64,
    /// A 100 m piece counts as faster than the one before when at least this much quicker
    /// (default 0.0 s; negative allows ties).
    pub piece_faster_s: f64,
}

impl Default for MileConfig {
    fn default() -> Self {
        MileConfig {
            lap1_fast_tol_s: 0.5,
            lap1_slow_tol_s: 1.5,
            on_pace_tol_s: 1.0,
            held_tol_s: 1.0,
            piece_faster_s: 0.0,
        }
    }
}

/// One lap against its reference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MileLap {
    /// 1–4.
    pub number: usize,
    /// Lap time (s).
    pub time_s: f64,
    /// Reference lap time (s): goal (or achieved) mile time × lap distance / mile (409.34 m for
    /// lap 1 on a track, then 400 m; a quarter, 402.336 m, elsewhere).
    pub reference_s: f64,
    /// `time_s − reference_s` (positive = slower).
    pub deviation_s: f64,
    /// Whether the lap did what the plan asks.
    pub on_plan: bool,
    /// Plain-language verdict, e.g. "went out 2.1 s too fast".
    pub verdict: String,
}

/// A predicted race time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    /// Race distance (m).
    pub distance_m: f64,
    /// Name (`5K`, `10K`, `half marathon`, `marathon`).
    pub name: &'static str,
    /// Riegel prediction (s).
    pub riegel_s: f64,
}

/// The mile effort scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MileScore {
    /// Achieved mile time (s).
    pub time_s: f64,
    /// Goal mile time (s) when `--goal-mile` was given.
    pub goal_s: Option<f64>,
    /// `time_s − goal_s`.
    pub goal_deviation_s: Option<f64>,
    /// The mile the laps are judged against: the goal, else the achieved time (even pace).
    pub reference_mile_s: f64,
    /// The four laps.
    pub laps: Vec<MileLap>,
    /// The last lap's 100 m pieces (s).
    pub last_lap_100m_s: [f64; 4],
    /// True when every 100 m piece of the last lap was faster than the one before.
    pub last_lap_accelerating: bool,
    /// Laps that followed the plan, of 4.
    pub laps_on_plan: usize,
    /// Achieved time minus the all-runner reference (7:04), s (negative = faster).
    pub vs_average_all_s: f64,
    /// Achieved time minus the men's reference (6:37), s.
    pub vs_average_men_s: f64,
    /// Achieved time minus the women's reference (7:44), s.
    pub vs_average_women_s: f64,
    /// Jack Daniels' VDOT from the mile (an estimate, see docs).
    pub vdot: Option<f64>,
    /// Riegel predictions for longer races.
    pub predictions: Vec<Prediction>,
    /// One-line summary.
    pub verdict: String,
}

/// The mile to score: the time-trial mile, or the best mile when a goal mile was given.
pub fn pick_mile(seg: &Segmentation, goal_mile_s: Option<f64>) -> Option<&MileEffort> {
    seg.mile_effort
        .as_ref()
        .or_else(|| goal_mile_s.and(seg.best_mile.as_ref()))
}

fn lap_verdict(n: usize, d: f64, laps: &[f64; 4], cfg: &MileConfig) -> (bool, String) {
    match n {
        1 if d < -cfg.lap1_fast_tol_s => (false, format!("went out {:.1} s too fast", -d)),
        1 if d > cfg.lap1_slow_tol_s => (false, format!("started {d:.1} s slower than planned")),
        1 => (true, format!("controlled start ({d:+.1} s)")),
        2 if d.abs() <= cfg.on_pace_tol_s => (true, format!("on pace ({d:+.1} s)")),
        2 if d < 0.0 => (false, format!("{:.1} s faster than pace", -d)),
        2 => (false, format!("{d:.1} s off pace")),
        3 => {
            let vs2 = laps[2] - laps[1];
            if vs2 > cfg.held_tol_s {
                (
                    false,
                    format!("slowed {vs2:.1} s from lap 2 — the hard lap"),
                )
            } else if d > cfg.on_pace_tol_s {
                (false, format!("held lap 2's speed but {d:.1} s off pace"))
            } else {
                (true, format!("held ({d:+.1} s)"))
            }
        }
        _ => {
            let fastest_before = laps[..3].iter().copied().fold(f64::INFINITY, f64::min);
            if laps[3] < fastest_before {
                (
                    true,
                    format!(
                        "fastest lap, {:.1} s quicker than the best before",
                        fastest_before - laps[3]
                    ),
                )
            } else {
                (
                    false,
                    format!(
                        "not the fastest lap ({:.1} s slower than the best)",
                        laps[3] - fastest_before
                    ),
                )
            }
        }
    }
}

/// Daniels–Gilbert VDOT for a race of `d` metres in `t` seconds.
pub fn vdot(d: f64, t: f64) -> Option<f64> {
    if !(d > 0.0 && t > 0.0) {
        return None;
    }
    let tm = t / 60.0;
    let v = d / tm;
    let vo2 = -4.60 + 0.182_258 * v + 0.000_104 * v * v;
    let frac =
        0.8 + 0.189_439_3 * (-0.012_778 * tm).exp() + 0.298_955_8 * (-0.193_260_5 * tm).exp();
    Some(vo2 / frac)
}

/// Riegel: `t2 = t1 × (d2 / d1)^1.06`.
pub fn riegel(d1: f64, t1: f64, d2: f64) -> f64 {
    t1 * (d2 / d1).powf(RIEGEL_EXPONENT)
}

/// Score a mile effort against the goal mile (or even pace at the achieved time).
pub fn score_mile(m: &MileEffort, goal_mile_s: Option<f64>, cfg: &MileConfig) -> MileScore {
    let time_s = m.elapsed_s;
    let reference_mile_s = goal_mile_s.unwrap_or(time_s);
    let laps: Vec<MileLap> = (0..4)
        .map(|i| {
            let from = if i == 0 { 0.0 } else { m.lap_marks_m[i - 1] };
            let ref_lap = reference_mile_s * (m.lap_marks_m[i] - from) / MILE_M;
            let d = m.laps_s[i] - ref_lap;
            let (on_plan, verdict) = lap_verdict(i + 1, d, &m.laps_s, cfg);
            MileLap {
                number: i + 1,
                time_s: m.laps_s[i],
                reference_s: ref_lap,
                deviation_s: d,
                on_plan,
                verdict: format!("lap {} {verdict}", i + 1),
            }
        })
        .collect();
    let p = &m.last_lap_100m_s;
    let accel = p.windows(2).all(|w| w[0] - w[1] > cfg.piece_faster_s);
    let on = laps.iter().filter(|l| l.on_plan).count();
    let predictions = [
        (5000.0, "5K"),
        (10_000.0, "10K"),
        (21_097.5, "half marathon"),
        (42_195.0, "marathon"),
    ]
    .iter()
    .map(|&(d, name)| Prediction {
        distance_m: d,
        name,
        riegel_s: riegel(MILE_M, time_s, d),
    })
    .collect();
    let goal_dev = goal_mile_s.map(|g| time_s - g);
    let mut verdict = format!("{on} of 4 laps followed the plan");
    if let Some(g) = goal_dev {
        verdict.push_str(&if g <= 0.0 {
            format!("; goal beaten by {:.1} s", -g)
        } else {
            format!("; {g:.1} s over goal")
        });
    }
    verdict.push_str(if accel {
        "; every 100 m of the last lap faster than the one before"
    } else {
        "; the last lap did not build 100 m by 100 m"
    });
    MileScore {
        time_s,
        goal_s: goal_mile_s,
        goal_deviation_s: goal_dev,
        reference_mile_s,
        laps,
        last_lap_100m_s: m.last_lap_100m_s,
        last_lap_accelerating: accel,
        laps_on_plan: on,
        vs_average_all_s: time_s - REFERENCE_MILE_ALL_S,
        vs_average_men_s: time_s - REFERENCE_MILE_MEN_S,
        vs_average_women_s: time_s - REFERENCE_MILE_WOMEN_S,
        vdot: vdot(MILE_M, time_s),
        predictions,
        verdict,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn riegel_and_vdot_are_sane() {
        // 6:00 mile → ~19:57 5K by Riegel.
        let t5 = riegel(MILE_M, 360.0, 5000.0);
        assert!((1180.0..1215.0).contains(&t5), "{t5}");
        // A 20:00 5K is about VDOT 49.8 in Daniels' tables.
        let v = vdot(5000.0, 1200.0).unwrap_or(0.0);
        assert!((49.0..50.5).contains(&v), "{v}");
    }
}
