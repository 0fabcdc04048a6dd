//! Season mode: a 6–10 week (or longer) training block for a runner aiming at a mile time
//! trial — easy, long, speed, strides, hills, tempo, cross-training and rest days, weekly
//! volume that usually grows under 10 % but sometimes breaks the rule, a cut-back week, a
//! taper and a final coached mile time trial. Every file is dated; a season truth file sums up.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveTime, TimeDelta};
use serde::Serialize;

use super::physiology::{CsModel, Runner};
use super::rng::SimRng;
use super::{OutputFormat, SimOptions};
use crate::error::Result;

/// Starting weekly running volume range (m).
pub const BASE_WEEK_M: (f64, f64) = (28_000.0, 42_000.0);
/// Usual week-on-week increase range (fraction).
pub const USUAL_INCREASE: (f64, f64) = (0.03, 0.09);
/// Probability that a build week breaks the 10 % rule, and the increase it then takes.
pub const RULE_BREAK: (f64, f64, f64) = (0.25, 0.13, 0.22);
/// Volume of a cut-back week (every fourth week) relative to the week before.
pub const CUTBACK_FACTOR: f64 = 0.8;
/// Volume of the final (taper) week relative to the week before.
pub const TAPER_FACTOR: f64 = 0.65;
/// Share of the weekly volume in the long run.
pub const LONG_RUN_SHARE: f64 = 0.28;
/// Mile-time improvement over the block (fraction of the starting time).
pub const MILE_IMPROVEMENT: f64 = 0.04;

/// Options of a season.
#[derive(Debug, Clone)]
pub struct SeasonOptions {
    /// First day of the block (a Monday is typical).
    pub start: NaiveDate,
    /// Number of weeks.
    pub weeks: u32,
    /// Seed.
    pub seed: u64,
    /// Formats written for every run.
    pub formats: Vec<OutputFormat>,
    /// Local offset from UTC (s).
    pub tz_offset_s: i32,
    /// A runner whose maximal efforts follow this critical-speed model: fitness holds over the
    /// block (no mile improvement) and the block gains a 2-mile time trial (week 2) and a 5 km
    /// time trial (week 4) at the model's speeds, so a season can recover CS and D′.
    pub cs: Option<CsModel>,
}

/// One activity of the season.
#[derive(Debug, Clone, Serialize)]
pub struct SeasonRun {
    /// Local date.
    pub date: String,
    /// Files written (names inside the output directory).
    pub files: Vec<String>,
    /// The plan simulated.
    pub plan: String,
    /// Workout type.
    pub workout_type: &'static str,
    /// Sport.
    pub sport: &'static str,
    /// True distance (m).
    pub true_distance_m: f64,
    /// Device distance (m).
    pub device_distance_m: f64,
    /// Elapsed time (s).
    pub elapsed_s: f64,
    /// UTC start.
    pub start_utc: String,
}

/// One week of the season (running only).
#[derive(Debug, Clone, Serialize)]
pub struct SeasonWeek {
    /// First day of the week.
    pub week_start: String,
    /// Running activities.
    pub runs: u32,
    /// True running distance (m).
    pub distance_m: f64,
    /// Device running distance (m).
    pub device_distance_m: f64,
    /// Days without any activity.
    pub rest_days: u32,
    /// Days without running (rest or cross-training).
    pub non_running_days: u32,
    /// Change of true running distance from the week before (%), `None` for the first week.
    pub change_pct: Option<f64>,
    /// Whether the change exceeded 10 %.
    pub over_10pct: bool,
    /// Longest run (true m).
    pub long_run_m: f64,
}

/// The season truth file.
#[derive(Debug, Clone, Serialize)]
pub struct SeasonTruth {
    /// Seed.
    pub seed: u64,
    /// First day.
    pub start: String,
    /// Number of weeks.
    pub weeks: u32,
    /// Runner at the start of the block.
    pub runner: Runner,
    /// Mile time the runner is capable of at the end (s).
    pub final_mile_s: f64,
    /// Every activity in date order.
    pub runs: Vec<SeasonRun>,
    /// Week roll-ups (distances are true running distances).
    pub week_totals: Vec<SeasonWeek>,
}

/// A time trial over `metres` at the model's speed for that distance (pace to the second), inside
/// a 2-mile warm-up and a 1-mile cool-down.
fn cs_time_trial(model: &CsModel, metres: f64) -> String {
    let per_mile = (crate::model::MILE_M / model.speed(metres)).round() as u32;
    format!(
        "2mi wu; {metres:.0}m @ {}:{:02}/mi; 1mi cd",
        per_mile / 60,
        per_mile % 60
    )
}

/// The plan of one day, or `None` for a rest day.
fn day_plan(
    week: u32,
    weeks: u32,
    dow: u32,
    week_m: f64,
    cs: Option<&CsModel>,
    rng: &mut SimRng,
) -> Option<String> {
    let last = week + 1 == weeks;
    if let Some(m) = cs
        && dow == 5
        && !last
    {
        match week {
            1 => return Some(cs_time_trial(m, 2.0 * crate::model::MILE_M)),
            3 => return Some(cs_time_trial(m, 5000.0)),
            _ => {}
        }
    }
    let easy_m = |share: f64| format!("{:.1}km", (week_m * share / 1000.0).max(3.0));
    match dow {
        0 => None,
        1 if week == 0 => Some("2mi wu; 4 x 20s strides; mile tt @ mile coached; 1mi cd".into()),
        1 => Some(
            [
                "track; 2mi wu; 6 x 400m @ mile rest 2:00 jog; 1mi cd",
                "track; 2mi wu; 5 x 800m @ 5k rest 400m jog; 1mi cd",
                "track; 1.5mi wu; 8 x 200m @ sprint rest 200m walk; 1mi cd",
                "track; 2mi wu; 3 x 1200m @ 5k rest 3:00 jog; 1mi cd",
                "track; 2mi wu; 4 x 400m @ mile rest 90s stand; 4 x 200m @ sprint rest 200m jog; 1mi cd",
            ][(week as usize + rng.below(2) as usize) % 5]
                .into(),
        ),
        2 if rng.chance(0.2) => Some(format!("treadmill; {} easy; 4 x 20s strides", easy_m(0.14))),
        2 => Some(format!("{} easy; 6 x 20s strides; 1km easy", easy_m(0.14))),
        3 if last => Some(format!("{} easy", easy_m(0.12))),
        3 if week.is_multiple_of(2) => Some("2mi wu; 8 x 10s hill sprints; 2mi cd".into()),
        3 => Some(format!(
            "2mi wu; {}min tempo; 1mi cd",
            15 + 5 * (week.min(3))
        )),
        4 if last => None,
        4 => match rng.below(3) {
            0 => Some(format!("bike {}min", 40 + 5 * rng.below(5))),
            1 if week % 2 == 1 => Some(format!("swim {}m", 1000 + 250 * rng.below(5))),
            _ => None,
        },
        5 if last => Some("2mi wu; 4 x 20s strides; mile tt @ mile coached; 1mi cd".into()),
        5 => {
            let pause = if rng.chance(0.5) { format!("; pause {}s; ", 20 + rng.below(50)) } else { "; ".into() };
            Some(format!("{} easy{pause}{} easy", easy_m(0.09), easy_m(0.09)))
        }
        6 if last => Some(format!("{} easy", easy_m(0.2))),
        _ => Some(format!("{} long", easy_m(LONG_RUN_SHARE))),
    }
}

/// Weekly volume targets (m).
fn volumes(weeks: u32, rng: &mut SimRng) -> Vec<f64> {
    let mut v = Vec::new();
    let mut cur = rng.range(BASE_WEEK_M.0, BASE_WEEK_M.1);
    for w in 0..weeks {
        if w > 0 {
            cur *= if w + 1 == weeks {
                TAPER_FACTOR
            } else if w % 4 == 3 {
                CUTBACK_FACTOR
            } else if rng.chance(RULE_BREAK.0) {
                1.0 + rng.range(RULE_BREAK.1, RULE_BREAK.2)
            } else {
                1.0 + rng.range(USUAL_INCREASE.0, USUAL_INCREASE.1)
            };
        }
        v.push(cur);
    }
    v
}

/// Simulate a season into `out_dir`; returns the season truth (also written as `season.truth.json`).
pub fn simulate_season(opts: &SeasonOptions, out_dir: &Path) -> Result<SeasonTruth> {
    std::fs::create_dir_all(out_dir)?;
    let base = SimRng::new(opts.seed);
    let drawn = Runner::random(&mut base.fork(11));
    let runner = match opts.cs {
        Some(m) => drawn.with_cs(m),
        None => drawn,
    };
    // A critical-speed runner's fitness holds over the block (the model describes it).
    let improvement = if opts.cs.is_some() {
        0.0
    } else {
        MILE_IMPROVEMENT
    };
    let mut plan_rng = base.fork(12);
    let vols = volumes(opts.weeks, &mut base.fork(13));
    let total_days = (opts.weeks * 7).max(1) as f64;
    let mut runs = Vec::new();
    let mut week_totals = Vec::new();
    for w in 0..opts.weeks {
        let mut wk = SeasonWeek {
            week_start: (opts.start + TimeDelta::days(7 * w as i64)).to_string(),
            runs: 0,
            distance_m: 0.0,
            device_distance_m: 0.0,
            rest_days: 0,
            non_running_days: 0,
            change_pct: None,
            over_10pct: false,
            long_run_m: 0.0,
        };
        for dow in 0..7u32 {
            let day_index = w * 7 + dow;
            let date = opts.start + TimeDelta::days(day_index as i64);
            let Some(plan) = day_plan(
                w,
                opts.weeks,
                dow,
                vols[w as usize],
                opts.cs.as_ref(),
                &mut plan_rng,
            ) else {
                wk.rest_days += 1;
                wk.non_running_days += 1;
                continue;
            };
            let mut r = runner.clone();
            r.mile_s =
                (runner.mile_s * (1.0 - improvement * day_index as f64 / total_days)).round();
            let weekend = date.weekday().number_from_monday() >= 6;
            let minute = if weekend { 480 } else { 390 } + plan_rng.below(90) as u32;
            let sim_opts = SimOptions {
                seed: opts
                    .seed
                    .wrapping_mul(1_000_003)
                    .wrapping_add(day_index as u64),
                start_local: date.and_time(
                    NaiveTime::from_hms_opt(minute / 60, minute % 60, 0).unwrap_or_default(),
                ),
                tz_offset_s: opts.tz_offset_s,
                runner: Some(r),
                ..SimOptions::default()
            };
            let sim = super::simulate(&plan, &sim_opts)?;
            let t = &sim.truth;
            let stem = format!("{date}-{}", t.workout_type.replace('_', "-"));
            let out = out_dir.join(format!("{stem}.fit"));
            let written: Vec<PathBuf> =
                super::write_files(&sim, &out, &formats_for(&opts.formats, t.venue))?;
            let running = t.sport == "running";
            if running {
                wk.runs += 1;
                wk.distance_m += t.totals.true_distance_m;
                wk.device_distance_m += t.totals.device_distance_m;
                wk.long_run_m = wk.long_run_m.max(t.totals.true_distance_m);
            } else {
                wk.non_running_days += 1;
            }
            runs.push(SeasonRun {
                date: date.to_string(),
                files: written
                    .iter()
                    .filter_map(|p| p.file_name().map(|f| f.to_string_lossy().into_owned()))
                    .collect(),
                plan,
                workout_type: t.workout_type,
                sport: t.sport,
                true_distance_m: t.totals.true_distance_m,
                device_distance_m: t.totals.device_distance_m,
                elapsed_s: t.totals.elapsed_s,
                start_utc: t.start_utc.clone(),
            });
        }
        if let Some(prev) = week_totals
            .last()
            .map(|p: &SeasonWeek| p.distance_m)
            .filter(|d| *d > 0.0)
        {
            let pct = (wk.distance_m - prev) / prev * 100.0;
            wk.change_pct = Some((pct * 10.0).round() / 10.0);
            wk.over_10pct = pct > 10.0;
        }
        wk.distance_m = super::truth::round3(wk.distance_m);
        wk.device_distance_m = super::truth::round3(wk.device_distance_m);
        week_totals.push(wk);
    }
    let truth = SeasonTruth {
        seed: opts.seed,
        start: opts.start.to_string(),
        weeks: opts.weeks,
        final_mile_s: (runner.mile_s * (1.0 - improvement)).round(),
        runner,
        runs,
        week_totals,
    };
    std::fs::write(out_dir.join("season.truth.json"), super::truth_json(&truth))?;
    Ok(truth)
}

/// GPX cannot hold a run without positions: treadmill and pool runs skip it.
pub fn formats_for(formats: &[OutputFormat], venue: super::plan::Venue) -> Vec<OutputFormat> {
    let no_gps = matches!(
        venue,
        super::plan::Venue::Treadmill | super::plan::Venue::Pool
    );
    formats
        .iter()
        .copied()
        .filter(|f| !(no_gps && *f == OutputFormat::Gpx))
        .collect()
}
