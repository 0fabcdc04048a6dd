//! The true (noise-free) motion: plan steps become phases with a goal and a target speed,
//! integrated with finite acceleration, pace wobble, grade effects and lagging heart rate.
//! Phase boundaries are exact (the integrator steps onto them); samples are taken every second.

use super::physiology::{self, Runner, WALK_SPEED_MPS};
use super::plan::{Amount, Effort, Pace, Pacing, Plan, RestMode, Step, StepKind};
use super::rng::{Ar1, SimRng};
use super::route::Route;
use crate::error::{Error, Result};

/// Largest integration step (s).
pub const MAX_STEP_S: f64 = 0.25;
/// Longest activity the simulator will produce (s).
pub const MAX_DURATION_S: f64 = 12.0 * 3600.0;
/// Pace wobble: standard deviation of the speed factor on steady running.
pub const PACE_WOBBLE_SD: f64 = 0.02;
/// Pace wobble correlation time (s).
pub const PACE_WOBBLE_TAU_S: f64 = 25.0;
/// Easy cycling speed on the flat (m/s); its heart rate matches easy running.
pub const BIKE_EASY_SPEED_MPS: f64 = 7.5;
/// Default stride duration (s) and recovery (s) when the plan does not say.
pub const STRIDE_DEFAULT_S: (f64, f64) = (20.0, 45.0);
/// Default hill-sprint duration (s).
pub const HILL_DEFAULT_S: f64 = 10.0;
/// Standing time before a time trial's start (s).
pub const TIME_TRIAL_STAND_S: f64 = 60.0;
/// Relative time of each 100 m of the last lap of a coached mile.
pub const COACHED_LAST_LAP_SHAPE: [f64; 4] = [1.03, 1.01, 0.99, 0.97];

/// Kind of a truth segment: the segmenter's own kinds, so truth and findings compare directly
/// (the same contract names in JSON).
pub use crate::segment::SegmentKind as SegKind;

/// When a phase ends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Goal {
    /// After this many metres.
    Distance(f64),
    /// After this many seconds.
    Duration(f64),
    /// When the path coordinate is back at the start of the previous phase.
    BackToMark,
}

/// Target speed within a phase.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// Constant flat-equivalent speed (m/s).
    Steady(f64),
    /// Linear ramp over the phase (strides: from jog to sprint).
    Ramp(f64, f64),
    /// Speed by distance into the phase: (end metre, speed) pieces.
    Pieces(Vec<(f64, f64)>),
}

/// One phase of motion.
#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    /// Truth segment kind (`None` for a timer pause).
    pub kind: Option<SegKind>,
    /// Repetition number within its step (1-based) when the step repeats.
    pub rep: Option<u32>,
    /// Index of the plan step.
    pub step: usize,
    /// End condition.
    pub goal: Goal,
    /// Target speed.
    pub target: Target,
    /// +1 forward along the route, −1 back (hill recoveries).
    pub dir: f64,
    /// Whether the device timer runs.
    pub timer_running: bool,
    /// Whether this phase should start at the route's anchor (first rep on a track or hill).
    pub anchor: bool,
    /// Whether the phase is part of a block of short reps (strides, hill sprints) that gets one manual lap.
    pub lap_block: bool,
}

/// Expand plan steps into phases for a runner.
pub fn build_phases(plan: &Plan, runner: &Runner) -> Vec<Phase> {
    let first_hard = plan.steps.iter().position(|s| s.kind.is_hard());
    let last_hard = plan.steps.iter().rposition(|s| s.kind.is_hard());
    let mut phases = Vec::new();
    let mut anchored = false;
    for (i, step) in plan.steps.iter().enumerate() {
        let kind = match step.kind {
            StepKind::Auto => match (first_hard, last_hard) {
                (Some(f), _) if i < f => StepKind::Warmup,
                (_, Some(l)) if i > l => StepKind::Cooldown,
                _ => StepKind::Easy,
            },
            k => k,
        };
        let anchor =
            !anchored && matches!(kind, StepKind::Work | StepKind::Hill | StepKind::TimeTrial);
        anchored |= anchor;
        expand_step(i, step, kind, runner, anchor, &mut phases);
    }
    phases
}

fn expand_step(
    i: usize,
    step: &Step,
    kind: StepKind,
    r: &Runner,
    anchor: bool,
    out: &mut Vec<Phase>,
) {
    let seg = match kind {
        StepKind::Warmup => Some(SegKind::Warmup),
        StepKind::Cooldown => Some(SegKind::Cooldown),
        StepKind::Work => Some(SegKind::Work),
        StepKind::Stride => Some(SegKind::Stride),
        StepKind::Hill => Some(SegKind::Hill),
        StepKind::Tempo => Some(SegKind::Tempo),
        StepKind::TimeTrial => Some(SegKind::MileEffort),
        StepKind::Pause => None,
        _ => Some(SegKind::Easy),
    };
    let default_effort = match kind {
        StepKind::Warmup | StepKind::Cooldown | StepKind::Easy | StepKind::Auto => Effort::Easy,
        StepKind::Long => Effort::Long,
        StepKind::Recovery => Effort::Recovery,
        StepKind::Tempo => Effort::Tempo,
        StepKind::Work => Effort::FiveK,
        StepKind::Stride | StepKind::TimeTrial => Effort::Mile,
        StepKind::Hill => Effort::Sprint,
        StepKind::Pause | StepKind::Bike | StepKind::Swim => Effort::Easy,
    };
    let amount = step.amount.unwrap_or(match kind {
        StepKind::Stride => Amount::Duration(STRIDE_DEFAULT_S.0),
        _ => Amount::Duration(HILL_DEFAULT_S),
    });
    let goal = match amount {
        Amount::Distance(m) => Goal::Distance(m),
        Amount::Duration(s) => Goal::Duration(s),
    };
    let speed = match step.pace {
        Some(Pace::Speed(v)) => v,
        Some(Pace::RepTime(t)) => match amount {
            Amount::Distance(m) => m / t,
            Amount::Duration(_) => r.effort_speed(default_effort),
        },
        Some(Pace::Effort(e)) => r.effort_speed(e),
        None => match kind {
            StepKind::Bike => BIKE_EASY_SPEED_MPS,
            StepKind::Swim => 1.05,
            StepKind::Hill if matches!(amount, Amount::Duration(d) if d > 30.0) => {
                r.effort_speed(Effort::FiveK)
            }
            StepKind::Hill if matches!(amount, Amount::Distance(m) if m > 150.0) => {
                r.effort_speed(Effort::FiveK)
            }
            _ => r.effort_speed(default_effort),
        },
    };
    let target = match kind {
        StepKind::Stride => Target::Ramp(r.jog_speed(), r.effort_speed(Effort::Sprint)),
        StepKind::TimeTrial => time_trial_pieces(amount, speed, step.pacing),
        StepKind::Pause => Target::Steady(0.0),
        _ => Target::Steady(speed),
    };
    let short_reps = matches!(kind, StepKind::Stride)
        || (kind == StepKind::Hill && matches!(goal, Goal::Duration(d) if d <= 20.0));
    let rest = step.rest.or(match kind {
        StepKind::Stride => Some(super::plan::Rest {
            amount: Some(Amount::Duration(STRIDE_DEFAULT_S.1)),
            mode: RestMode::Walk,
            pace: None,
        }),
        StepKind::Hill => Some(super::plan::Rest {
            amount: None,
            mode: if short_reps {
                RestMode::Walk
            } else {
                RestMode::Jog
            },
            pace: None,
        }),
        _ => None,
    });
    if kind == StepKind::TimeTrial {
        out.push(Phase {
            kind: Some(SegKind::Rest),
            rep: None,
            step: i,
            goal: Goal::Duration(TIME_TRIAL_STAND_S),
            target: Target::Steady(0.0),
            dir: 1.0,
            timer_running: true,
            anchor: false,
            lap_block: false,
        });
    }
    for rep in 1..=step.reps {
        out.push(Phase {
            kind: seg,
            rep: (step.reps > 1).then_some(rep),
            step: i,
            goal,
            target: target.clone(),
            dir: 1.0,
            timer_running: kind != StepKind::Pause,
            anchor: anchor && rep == 1,
            lap_block: short_reps,
        });
        if rep == step.reps {
            break;
        }
        if let Some(rest) = rest {
            let v = match (rest.pace, rest.mode) {
                (Some(p), _) => rest_pace_speed(p, rest.amount, r),
                (None, RestMode::Jog) => r.jog_speed(),
                (None, RestMode::Walk) => WALK_SPEED_MPS,
                (None, RestMode::Stand) => 0.0,
            };
            let goal = match rest.amount {
                Some(Amount::Distance(m)) if v > 0.0 => Goal::Distance(m),
                Some(Amount::Distance(_)) => Goal::Duration(60.0),
                Some(Amount::Duration(s)) => Goal::Duration(s),
                None if v > 0.0 => Goal::BackToMark,
                None => Goal::Duration(60.0),
            };
            out.push(Phase {
                kind: Some(SegKind::Rest),
                rep: Some(rep),
                step: i,
                goal,
                target: Target::Steady(v),
                dir: if goal == Goal::BackToMark { -1.0 } else { 1.0 },
                timer_running: true,
                anchor: false,
                lap_block: short_reps,
            });
        }
    }
}

/// Speed of a recovery with its own pace (`rest 400m jog @ easy`): an explicit speed, an
/// effort, or a time for the recovery's distance; a bare time on a timed recovery means jog speed.
fn rest_pace_speed(pace: Pace, amount: Option<Amount>, r: &Runner) -> f64 {
    match (pace, amount) {
        (Pace::Speed(v), _) => v,
        (Pace::Effort(e), _) => r.effort_speed(e),
        (Pace::RepTime(t), Some(Amount::Distance(m))) if t > 0.0 => m / t,
        (Pace::RepTime(_), _) => r.jog_speed(),
    }
}

/// Pieces of a time trial: quarter splits by the pacing pattern, the coached last quarter
/// split into four 100 m-ish parts each faster than the one before.
fn time_trial_pieces(amount: Amount, speed: f64, pacing: Pacing) -> Target {
    let Amount::Distance(total) = amount else {
        return Target::Steady(speed);
    };
    let q = total / 4.0;
    let qt = q / speed;
    let lap_times = match pacing {
        Pacing::Even => [qt; 4],
        Pacing::Coached => [qt + 1.0, qt, qt, qt - 1.0],
        Pacing::Fade => [qt - 2.0, qt, qt + 0.5, qt + 1.5],
    };
    let mut pieces = Vec::new();
    for (k, t) in lap_times.iter().enumerate() {
        let end = q * (k + 1) as f64;
        if k == 3 && pacing == Pacing::Coached {
            let sum: f64 = COACHED_LAST_LAP_SHAPE.iter().sum();
            for (j, w) in COACHED_LAST_LAP_SHAPE.iter().enumerate() {
                let part_t = t * w / sum;
                pieces.push((q * 3.0 + q * (j + 1) as f64 / 4.0, (q / 4.0) / part_t));
            }
        } else {
            pieces.push((end, q / t));
        }
    }
    Target::Pieces(pieces)
}

/// The exact span of one phase in the true motion.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PhaseSpan {
    /// Start, seconds since the first sample.
    pub start_s: f64,
    /// End, seconds since the first sample.
    pub end_s: f64,
    /// True distance at the start (m).
    pub start_m: f64,
    /// True distance at the end (m).
    pub end_m: f64,
    /// Route path coordinate at the start (m).
    pub start_path_m: f64,
}

/// Noise-free motion sampled every second, plus the exact phase spans.
#[derive(Debug, Clone, Default)]
pub struct TrueTrack {
    /// Sample times (s): 0, 1, 2, ...
    pub t: Vec<f64>,
    /// True cumulative distance (m).
    pub dist: Vec<f64>,
    /// Path coordinate along the route (m).
    pub path: Vec<f64>,
    /// True speed (m/s).
    pub speed: Vec<f64>,
    /// Model heart rate (bpm, unrounded).
    pub hr: Vec<f64>,
    /// Model cadence (steps/min; rpm for cycling).
    pub cadence: Vec<f64>,
    /// Whether the device timer runs.
    pub timer: Vec<bool>,
    /// Phase index of each sample.
    pub phase: Vec<usize>,
    /// Exact span of each phase.
    pub spans: Vec<PhaseSpan>,
}

/// Integrate the phases on a route. `start_path` is the route coordinate at time 0.
pub fn integrate(
    phases: &[Phase],
    runner: &Runner,
    route: &Route,
    start_path: f64,
    cycling: bool,
    rng: &mut SimRng,
) -> Result<TrueTrack> {
    let mut tr = TrueTrack::default();
    let mut wobble = Ar1::new(PACE_WOBBLE_SD, PACE_WOBBLE_TAU_S, 1.0, rng);
    let mut hr_noise = Ar1::new(1.0, 8.0, 1.0, rng);
    let mut cad_noise = Ar1::new(1.2, 3.0, 1.0, rng);
    let (mut t, mut d, mut s, mut v) = (0.0f64, 0.0f64, start_path, 0.0f64);
    let mut hr = runner.hr_rest + 0.3 * (runner.hr_max - runner.hr_rest);
    let mut next_sample = 0.0f64;
    let mut effort_time = 0.0f64;
    let mut starts: Vec<f64> = Vec::with_capacity(phases.len());
    for (pi, ph) in phases.iter().enumerate() {
        let (t0, d0) = (t, d);
        let mark = if pi > 0 {
            starts.get(pi - 1).copied().unwrap_or(s)
        } else {
            s
        };
        starts.push(s);
        loop {
            let done_d = d - d0;
            // sample before deciding whether the phase is over, so t = 0 is recorded
            if t >= next_sample - 1e-9 {
                let grade = route.grade(s) * ph.dir;
                let cad = if cycling {
                    if v > 0.5 { 88.0 + 2.0 * (v - 7.5) } else { 0.0 }
                } else {
                    runner.cadence(v, grade)
                };
                tr.t.push(next_sample);
                tr.dist.push(d);
                tr.path.push(s);
                tr.speed.push(v);
                tr.hr.push(
                    hr + hr_noise.step(rng) + effort_time / 3600.0 * physiology::HR_DRIFT_BPM_PER_H,
                );
                tr.cadence.push(if cad > 0.0 {
                    cad + cad_noise.step(rng)
                } else {
                    0.0
                });
                tr.timer.push(ph.timer_running);
                tr.phase.push(pi);
                wobble.step(rng);
                next_sample += 1.0;
            }
            let remaining = match ph.goal {
                Goal::Distance(m) => {
                    if done_d >= m - 1e-9 {
                        break;
                    }
                    if v > 0.0 {
                        (m - done_d) / v
                    } else {
                        f64::INFINITY
                    }
                }
                Goal::Duration(x) => {
                    if t - t0 >= x - 1e-9 {
                        break;
                    }
                    x - (t - t0)
                }
                Goal::BackToMark => {
                    let left = s - mark;
                    if left <= 1e-9 {
                        break;
                    }
                    if v > 0.0 { left / v } else { f64::INFINITY }
                }
            };
            if t > MAX_DURATION_S {
                return Err(Error::Plan("the plan runs longer than 12 hours".into()));
            }
            let h = remaining.min(MAX_STEP_S).min(next_sample - t).max(1e-6);
            let grade = route.grade(s) * ph.dir;
            let flat_target = target_speed(&ph.target, done_d, t - t0, ph.goal);
            let steady = matches!(ph.target, Target::Steady(_));
            let wob = if steady {
                1.0 + wobble.value()
            } else {
                1.0 + 0.3 * wobble.value()
            };
            let target = if cycling {
                flat_target * wob / (1.0 + 8.0 * grade.max(-0.05))
            } else {
                physiology::speed_on_grade(flat_target, grade) * wob
            };
            let target = if flat_target == 0.0 { 0.0 } else { target };
            let v_before = v;
            v = if target > v {
                (v + runner.accel_mps2 * h).min(target)
            } else {
                (v - runner.decel_mps2 * h).max(target)
            };
            t += h;
            // The distance of a step is the integral of the speed over it (trapezoid: the speed
            // changes linearly inside a step), so the distance is exactly what the recorded
            // speed integrates to; the speed after the step alone would put every acceleration
            // half a step's distance ahead of its own speed (0.75 m off a standing start).
            let step_m = 0.5 * (v_before + v) * h;
            d += step_m;
            s += ph.dir * step_m;
            let eff = if cycling {
                physiology::effort_speed_on_grade(v / BIKE_EASY_SPEED_MPS, 3.0 * grade)
                    * runner.effort_speed(Effort::Easy)
            } else {
                physiology::effort_speed_on_grade(v, grade)
            };
            let hr_target = runner.steady_hr(eff);
            let tau = if hr_target > hr {
                physiology::HR_TAU_UP_S
            } else {
                physiology::HR_TAU_DOWN_S
            };
            hr += (hr_target - hr) * (1.0 - (-h / tau).exp());
            if v > 0.5 {
                effort_time += h;
            }
        }
        tr.spans.push(PhaseSpan {
            start_s: t0,
            end_s: t,
            start_m: d0,
            end_m: d,
            start_path_m: starts.get(pi).copied().unwrap_or(s),
        });
    }
    // a final sample at the end if the last one was earlier
    if tr.t.last().is_some_and(|last| t - last > 1e-6) {
        let last_phase = phases.len().saturating_sub(1);
        tr.t.push(t.ceil());
        tr.dist.push(d + v * (t.ceil() - t));
        tr.path.push(s);
        tr.speed.push(v);
        tr.hr.push(hr);
        tr.cadence.push(tr.cadence.last().copied().unwrap_or(0.0));
        tr.timer.push(true);
        tr.phase.push(last_phase);
    }
    Ok(tr)
}

fn target_speed(target: &Target, done_m: f64, done_s: f64, goal: Goal) -> f64 {
    match target {
        Target::Steady(v) => *v,
        Target::Ramp(a, b) => {
            let f = match goal {
                Goal::Distance(m) => done_m / m,
                Goal::Duration(x) => done_s / x,
                Goal::BackToMark => 1.0,
            };
            a + (b - a) * f.clamp(0.0, 1.0).sqrt()
        }
        Target::Pieces(p) => p
            .iter()
            .find(|(end, _)| done_m < *end)
            .or(p.last())
            .map(|(_, v)| *v)
            .unwrap_or(0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulate::plan::parse_plan;

    #[test]
    fn a_paced_recovery_runs_at_its_pace() {
        let runner = Runner::random(&mut SimRng::new(3));
        let plan =
            parse_plan("3 x 800m @ 10k rest 400m jog @ easy; 3 x 400m rest 60s walk").unwrap();
        let phases = build_phases(&plan, &runner);
        let rests: Vec<&Phase> = phases
            .iter()
            .filter(|p| p.kind == Some(SegKind::Rest))
            .collect();
        assert_eq!(rests.len(), 4);
        let easy = runner.effort_speed(Effort::Easy);
        assert_eq!(rests[0].target, Target::Steady(easy));
        assert_eq!(rests[0].goal, Goal::Distance(400.0));
        assert_eq!(rests[2].target, Target::Steady(WALK_SPEED_MPS));
        assert_eq!(
            rest_pace_speed(Pace::RepTime(100.0), Some(Amount::Distance(400.0)), &runner),
            4.0
        );
        assert_eq!(
            rest_pace_speed(Pace::RepTime(100.0), Some(Amount::Duration(60.0)), &runner),
            runner.jog_speed()
        );
    }
}
