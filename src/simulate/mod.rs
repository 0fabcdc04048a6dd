//! Workout simulator: turns a plan (`2mi @ 9:00/mi; 6 x 400m @ 1:30 rest 2:00 jog`) into
//! realistic FIT, GPX and TCX files with exactly known ground truth. Deterministic per seed.
//!
//! Pipeline: [`plan::parse_plan`] → [`motion::build_phases`] → [`motion::integrate`] (true
//! motion on a [`route::Route`]) → [`device::record`] (what a watch records) → writers, and
//! [`truth`] beside. docs/simulator.md describes the plan language and the realism model.

pub mod device;
pub mod fit_writer;
pub mod gpx_writer;
pub mod laps;
pub mod motion;
pub mod physiology;
pub mod plan;
pub mod recording;
pub mod rng;
pub mod route;
pub mod season;
pub mod tcx_writer;
pub mod truth;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, Utc};

use crate::error::{Error, Result};
use crate::model::Sport;
use device::{DeviceConfig, DeviceInput, Recording};
use motion::{Phase, TrueTrack};
use physiology::Runner;
use plan::{Amount, LapMode, Plan, StepKind, Venue};
use rng::SimRng;
use route::Route;
use truth::Truth;

/// Default local start time of a simulated activity.
pub const DEFAULT_START: (i32, u32, u32, u32, u32) = (2026, 3, 1, 7, 0);
/// Default local offset from UTC (s): +01:00, fixed so bytes do not depend on the machine.
pub const DEFAULT_TZ_OFFSET_S: i32 = 3600;
/// Device name written in the files.
pub const DEVICE_NAME: &str = "lapwise-sim";
/// Passes of the anchoring iteration (hill sessions on rolling terrain).
const ANCHOR_PASSES: usize = 4;

/// Options of one simulated activity.
#[derive(Debug, Clone)]
pub struct SimOptions {
    /// Seed of every random draw.
    pub seed: u64,
    /// Local start time (wall clock at the activity's place).
    pub start_local: NaiveDateTime,
    /// Local offset from UTC (s).
    pub tz_offset_s: i32,
    /// Venue; `None`: the plan's setting, else inferred from the steps.
    pub venue: Option<Venue>,
    /// Lap mode; `None`: the plan's setting, else manual for structured plans and mile auto-laps otherwise.
    pub laps: Option<LapMode>,
    /// Smart recording; `None`: the plan's setting, else off.
    pub smart: Option<bool>,
    /// The athlete; `None`: drawn from the seed.
    pub runner: Option<Runner>,
    /// Device model parameters.
    pub device: DeviceConfig,
}

impl Default for SimOptions {
    fn default() -> Self {
        let (y, mo, d, h, mi) = DEFAULT_START;
        let start_local = NaiveDate::from_ymd_opt(y, mo, d)
            .and_then(|d| d.and_hms_opt(h, mi, 0))
            .unwrap_or_default();
        SimOptions {
            seed: 1,
            start_local,
            tz_offset_s: DEFAULT_TZ_OFFSET_S,
            venue: None,
            laps: None,
            smart: None,
            runner: None,
            device: DeviceConfig::default(),
        }
    }
}

/// One simulated activity: the true motion, the recording and the truth.
#[derive(Debug, Clone)]
pub struct Simulation {
    /// The parsed plan.
    pub plan: Plan,
    /// The phases the plan expanded to.
    pub phases: Vec<Phase>,
    /// Noise-free motion.
    pub track: TrueTrack,
    /// What the device recorded.
    pub recording: Recording,
    /// Ground truth.
    pub truth: Truth,
    /// UTC time of the first sample.
    pub start_utc: DateTime<Utc>,
    /// Local offset (s).
    pub local_offset_s: i32,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum OutputFormat {
    /// Garmin FIT.
    Fit,
    /// GPX 1.1 with Garmin TrackPointExtension.
    Gpx,
    /// Training Center XML.
    Tcx,
}

impl OutputFormat {
    /// File extension.
    pub fn ext(self) -> &'static str {
        match self {
            OutputFormat::Fit => "fit",
            OutputFormat::Gpx => "gpx",
            OutputFormat::Tcx => "tcx",
        }
    }
}

/// Simulate a plan.
pub fn simulate(plan_text: &str, opts: &SimOptions) -> Result<Simulation> {
    let plan = plan::parse_plan(plan_text)?;
    let base = SimRng::new(opts.seed);
    let runner = match &opts.runner {
        Some(r) => r.clone(),
        None => fit_runner_to_plan(Runner::random(&mut base.fork(1)), &plan),
    };
    let sport = plan_sport(&plan)?;
    let venue = opts
        .venue
        .or(plan.settings.venue)
        .unwrap_or_else(|| infer_venue(&plan, sport));
    let route = Route::new(venue, &mut base.fork(2));
    let phases = motion::build_phases(&plan, &runner);
    let cycling = sport == Sport::Cycling;
    let anchor_phase = phases.iter().position(|p| p.anchor);
    // Every pass draws the same noise (fork 3): only the starting point on the route moves.
    let integrate_from =
        |start: f64| motion::integrate(&phases, &runner, &route, start, cycling, &mut base.fork(3));
    let mut start_path = 0.0;
    let mut track = integrate_from(start_path)?;
    if let Some(ap) = anchor_phase {
        let dist = match phases[ap].goal {
            motion::Goal::Distance(m) => Some(m),
            _ => None,
        };
        if let Some(anchor) = route.anchor_m(dist) {
            for _ in 0..ANCHOR_PASSES {
                let at = track.spans.get(ap).map(|s| s.start_path_m).unwrap_or(0.0);
                let miss = anchor - at;
                if miss.abs() < 0.5 {
                    break;
                }
                start_path += miss;
                track = integrate_from(start_path)?;
            }
        }
    }
    let laps = opts
        .laps
        .or(plan.settings.laps)
        .unwrap_or(if plan.has_structure() {
            LapMode::Manual
        } else {
            LapMode::Mile
        });
    let input = DeviceInput {
        route: &route,
        phases: &phases,
        sport,
        laps,
        smart: opts.smart.or(plan.settings.smart).unwrap_or(false),
        lap_delay_s: plan.settings.lap_delay_s.unwrap_or(laps::LAP_PRESS_DELAY_S),
        config: opts.device,
    };
    let recording = device::record(&track, &input, &mut base.fork(4));
    if recording.len() < 2 {
        return Err(Error::Plan("the plan is too short to record".into()));
    }
    let start_utc = opts.start_local.and_utc() - TimeDelta::seconds(opts.tz_offset_s as i64);
    let truth = build_truth(
        &plan, &phases, &track, &recording, &runner, venue, opts, start_utc,
    );
    Ok(Simulation {
        plan,
        phases,
        track,
        recording,
        truth,
        start_utc,
        local_offset_s: opts.tz_offset_s,
    })
}

/// Make a drawn runner able to run the plan's explicit paces: each pace implies a mile speed
/// (pace ÷ the kind's fraction of mile speed, [`PLAN_PACE_FRACTIONS`]); the runner gets the fastest.
fn fit_runner_to_plan(mut runner: Runner, plan: &Plan) -> Runner {
    let needed = plan
        .steps
        .iter()
        .filter_map(|s| {
            let v = match (s.pace, s.amount) {
                (Some(plan::Pace::Speed(v)), _) => v,
                (Some(plan::Pace::RepTime(t)), Some(Amount::Distance(m))) => m / t,
                _ => return None,
            };
            let frac = PLAN_PACE_FRACTIONS
                .iter()
                .find(|(k, _)| *k == s.kind)
                .map(|(_, f)| *f)?;
            Some(v / frac)
        })
        .fold(0.0, f64::max);
    if needed > 0.0 {
        runner.mile_s = runner.mile_s.min((crate::model::MILE_M / needed).round());
    }
    runner
}

/// Fraction of mile speed an explicit pace of each step kind is taken to be.
pub const PLAN_PACE_FRACTIONS: [(StepKind, f64); 6] = [
    (StepKind::Work, 1.03),
    (StepKind::Hill, 1.0),
    (StepKind::TimeTrial, 1.0),
    (StepKind::Tempo, 0.84),
    (StepKind::Auto, 0.72),
    (StepKind::Easy, 0.72),
];

fn plan_sport(plan: &Plan) -> Result<Sport> {
    let bike = plan.steps.iter().any(|s| s.kind == StepKind::Bike);
    let swim = plan.steps.iter().any(|s| s.kind == StepKind::Swim);
    let other = plan
        .steps
        .iter()
        .any(|s| !matches!(s.kind, StepKind::Bike | StepKind::Swim | StepKind::Pause));
    match (bike, swim, other) {
        (false, false, _) => Ok(Sport::Running),
        (true, false, false) => Ok(Sport::Cycling),
        (false, true, false) => Ok(Sport::Swimming),
        _ => Err(Error::Plan(
            "a plan is one sport: running, bike or swim steps, not a mix".into(),
        )),
    }
}

fn infer_venue(plan: &Plan, sport: Sport) -> Venue {
    match sport {
        Sport::Swimming => return Venue::Pool,
        Sport::Cycling => return Venue::Road,
        _ => {}
    }
    if plan.steps.iter().any(|s| s.kind == StepKind::Hill) {
        return Venue::Hills;
    }
    let track_like = plan.steps.iter().any(|s| match (s.kind, s.amount) {
        (StepKind::TimeTrial, _) => true,
        (StepKind::Work, Some(Amount::Distance(m))) => m <= 3200.0 && (m % 100.0).abs() < 1e-6,
        _ => false,
    });
    if track_like {
        Venue::Track
    } else {
        Venue::Road
    }
}

#[allow(clippy::too_many_arguments)]
fn build_truth(
    plan: &Plan,
    phases: &[Phase],
    tt: &TrueTrack,
    rec: &Recording,
    runner: &Runner,
    venue: Venue,
    opts: &SimOptions,
    start_utc: DateTime<Utc>,
) -> Truth {
    let true_total = tt.spans.last().map(|s| s.end_m).unwrap_or(0.0);
    let end_s = tt.spans.last().map(|s| s.end_s).unwrap_or(0.0);
    let segments = truth::segments(phases, tt);
    let pauses: Vec<truth::TruthPause> = phases
        .iter()
        .zip(&tt.spans)
        .filter(|(p, _)| !p.timer_running)
        .map(|(_, s)| truth::TruthPause {
            start_s: truth::round3(s.start_s),
            end_s: truth::round3(s.end_s),
        })
        .collect();
    let paused: f64 = pauses.iter().map(|p| p.end_s - p.start_s).sum();
    let moving = tt.speed.iter().filter(|v| **v > 0.5).count() as f64;
    let dev_t: Vec<f64> = rec.time_s.iter().map(|&t| t as f64).collect();
    let mile = segments
        .iter()
        .find(|s| s.kind == motion::SegKind::MileEffort)
        .map(|seg| {
            let pacing = plan
                .steps
                .get(seg.step)
                .map(|s| s.pacing)
                .unwrap_or(plan::Pacing::Even);
            truth::mile_effort(seg, tt, pacing, venue == Venue::Track)
        });
    Truth {
        truth_version: truth::TRUTH_VERSION,
        seed: opts.seed,
        plan: plan.text.clone(),
        steps: plan.steps.clone(),
        sport: rec.sport.as_str(),
        sub_sport: rec.sub_sport,
        venue,
        start_utc: start_utc.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        local_offset_s: opts.tz_offset_s,
        workout_type: truth::workout_type(plan, end_s, true_total),
        runner: runner.clone(),
        totals: truth::TruthTotals {
            true_distance_m: truth::round3(true_total),
            device_distance_m: truth::round3(rec.total_distance()),
            elapsed_s: rec.elapsed_s() as f64,
            timer_s: truth::round3(end_s - paused),
            moving_s: moving,
            samples: rec.len(),
        },
        segments: segments
            .into_iter()
            .map(|mut s| {
                for v in [
                    &mut s.start_s,
                    &mut s.end_s,
                    &mut s.start_m,
                    &mut s.end_m,
                    &mut s.distance_m,
                    &mut s.duration_s,
                ] {
                    *v = truth::round3(*v);
                }
                s
            })
            .collect(),
        pauses,
        laps: truth::laps(rec, tt),
        best_efforts: truth::best_efforts(&tt.t, &tt.dist, "true_distance"),
        best_efforts_device: truth::best_efforts(
            &dev_t,
            &truth::without_spikes(&dev_t, &rec.distance, &rec.speed, &rec.faults.spikes),
            "device_distance_without_glitches",
        ),
        mile_effort: mile,
        gps_faults: rec.faults.clone(),
    }
}

/// Encode a simulation in one format.
pub fn encode(sim: &Simulation, format: OutputFormat) -> Vec<u8> {
    match format {
        OutputFormat::Fit => fit_writer::encode(&sim.recording, sim.start_utc, sim.local_offset_s),
        OutputFormat::Gpx => gpx_writer::encode(&sim.recording, sim.start_utc, sim.local_offset_s),
        OutputFormat::Tcx => tcx_writer::encode(&sim.recording, sim.start_utc, sim.local_offset_s),
    }
}

/// The truth file path beside an output: `x.fit` → `x.truth.json`.
pub fn truth_path(out: &Path) -> PathBuf {
    out.with_extension("truth.json")
}

/// Write a simulation to `out` (its extension replaced per format) and the truth beside it.
/// Returns the paths written.
pub fn write_files(sim: &Simulation, out: &Path, formats: &[OutputFormat]) -> Result<Vec<PathBuf>> {
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut written = Vec::new();
    for &f in formats {
        let p = out.with_extension(f.ext());
        std::fs::write(&p, encode(sim, f))?;
        written.push(p);
    }
    let tp = truth_path(out);
    std::fs::write(&tp, truth_json(&sim.truth))?;
    written.push(tp);
    Ok(written)
}

/// The truth as pretty JSON with a trailing newline.
pub fn truth_json<T: serde::Serialize>(truth: &T) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(truth).unwrap_or_default();
    v.push(b'\n');
    v
}
