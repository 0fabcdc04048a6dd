//! `lapwise season`: a folder of exports (or a Strava / Garmin bulk-export zip) analysed in
//! parallel and rolled up into runs, ISO weeks and season records.
//!
//! Stages: [`discover`] (walk folders, find `activities.csv`) → [`analyze`] (parallel
//! read + filter + analyse, one failure per bad input) → [`dedup`] (the same activity once)
//! → [`rows`] / [`rollup`] (polars DataFrames for runs and weeks) → [`records`] (personal
//! bests, best-mile progression, cadence trend, predictions) → [`output`] (CSV, parquet,
//! JSON, charts). Rules and column meanings: docs/season.md.

pub mod analyze;
pub mod charts;
pub mod control;
pub mod critical_speed;
pub mod dedup;
pub mod discover;
pub mod estimates;
pub mod fitness;
#[cfg(feature = "html")]
pub mod html;
#[cfg(feature = "season")]
pub mod output;
mod produce;
pub mod records;
#[cfg(feature = "season")]
pub mod rollup;
pub mod rows;
#[cfg(feature = "season")]
pub mod sample_dataset;
pub mod samples;
pub mod squad;
pub mod strava;
pub mod terminal;
pub mod training_paces;
pub mod week_row;

#[cfg(feature = "season")]
use std::path::PathBuf;

use serde::Serialize;

pub use analyze::{Filter, Skipped};
pub use control::{Cancel, Control, Progress};
pub use dedup::DedupConfig;
pub use records::{CadencePoint, MilePoint, PersonalBest, RacePrediction};
pub use rows::RunRow;
pub use week_row::{RollupConfig, WeekRow};

#[cfg(feature = "season")]
use crate::Result;
#[cfg(feature = "season")]
use crate::pipeline::options_for;
#[cfg(feature = "season")]
use crate::report::Failure;
use crate::report::Units;

/// Version of `season.json`.
pub const SEASON_SCHEMA_VERSION: u32 = 1;

/// Everything that shapes a season.
#[derive(Debug, Clone, Default)]
pub struct SeasonOptions {
    /// Split unit for the per-run analysis.
    pub units: Units,
    /// Sport and date range.
    pub filter: Filter,
    /// Duplicate rule.
    pub dedup: DedupConfig,
    /// Weekly thresholds.
    pub rollup: RollupConfig,
    /// Worker threads (`None`: all cores).
    pub threads: Option<usize>,
    /// Resource limits applied to every input.
    pub limits: crate::ingest::Limits,
    /// Stops the run early (Ctrl-C); [`build_season`] then returns [`crate::Error::Cancelled`].
    pub cancel: Cancel,
    /// The athlete's thresholds, for each run's zones and load.
    pub thresholds: crate::analysis::coach::Thresholds,
    /// Keep every counted run's cleaned samples in [`Season::samples`] (`--sample-dataset`).
    pub keep_samples: bool,
}

/// An input that failed, as season.json lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FailureRow {
    /// The input.
    pub source: String,
    /// The stable kind of the error (`truncated`, `xml`, `panic`, ...).
    pub kind: &'static str,
    /// What is wrong, in one line.
    pub message: String,
}

/// Counts for the closing summary.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    /// Activities analysed and counted.
    pub analysed: usize,
    /// Activities read but left out (other sport, no start time).
    pub skipped: usize,
    /// Copies of an activity already counted.
    pub duplicates: usize,
    /// Inputs that could not be read or analysed.
    pub failed: usize,
    /// Activities outside `--since`/`--until`.
    pub outside_range: usize,
    /// Running distance of the season (m).
    pub distance_m: f64,
    /// Moving time of the season (s).
    pub moving_s: f64,
}

/// A week that breaks one of the guidelines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekFlag {
    /// 1-based week number within the season.
    pub week: usize,
    /// Monday of the week.
    pub week_start: String,
    /// What is flagged (`+24 % distance`, `no rest day`).
    pub issues: Vec<String>,
}

/// The season: runs, weeks, records, and what was left out.
#[derive(Debug, Clone, Serialize)]
pub struct Season {
    /// [`SEASON_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Sport included (`null`: all).
    pub sport: Option<String>,
    /// Counts.
    pub totals: Totals,
    /// One row per counted activity, in start order.
    pub runs: Vec<RunRow>,
    /// One row per ISO week.
    pub weeks: Vec<WeekRow>,
    /// Weeks over the 10 % guideline or without a rest day.
    pub flags: Vec<WeekFlag>,
    /// Fastest time per standard distance, with dates.
    pub personal_bests: Vec<PersonalBest>,
    /// Best mile per run with the running season best.
    pub best_mile_progression: Vec<MilePoint>,
    /// Weekly average cadence.
    pub cadence_trend: Vec<CadencePoint>,
    /// Race predictions from the best recent efforts.
    pub predictions: Vec<RacePrediction>,
    /// The athlete's thresholds: given, else estimated from the season, else missing.
    pub profile: estimates::SeasonProfile,
    /// Training paces now for the mile plan's workouts, from the best recent VDOT.
    pub training_paces: Option<training_paces::TrainingPaces>,
    /// Critical speed and D′ from the season's best efforts of 3–20 minutes, with race times
    /// from them; `null` with fewer than two such efforts.
    pub critical_speed: Option<critical_speed::CriticalSpeed>,
    /// `critical_speed.cs_mps` (the contract's flat name).
    pub critical_speed_mps: Option<f64>,
    /// `critical_speed.d_prime_m` (the contract's flat name).
    pub d_prime_m: Option<f64>,
    /// One row per day from the first run to the last: load, fitness, fatigue and form
    /// ([`fitness`]); empty when no run has a load (no thresholds given).
    pub days: Vec<fitness::DayRow>,
    /// Activities left out, duplicates included, with reasons.
    pub skipped: Vec<Skipped>,
    /// Inputs that failed.
    pub failures: Vec<FailureRow>,
    /// Every counted run's cleaned samples, in `runs` order, when
    /// [`SeasonOptions::keep_samples`] asked for them; empty otherwise.
    #[serde(skip)]
    pub samples: Vec<samples::RunSamples>,
}

impl Season {
    /// Write every source relative to `root` (the folder the season was built from), as a
    /// path under it (`sub/run.fit`, `export.zip!activities/1.fit`); sources outside it stay.
    pub fn strip_root(&mut self, root: &std::path::Path) {
        let prefix = format!("{}{}", root.display(), std::path::MAIN_SEPARATOR);
        let strip = |s: &mut String| {
            if let Some(rest) = s.strip_prefix(&prefix) {
                *s = rest.to_string();
            }
        };
        self.runs.iter_mut().for_each(|r| strip(&mut r.source));
        self.samples.iter_mut().for_each(|r| strip(&mut r.source));
        self.personal_bests
            .iter_mut()
            .for_each(|p| strip(&mut p.source));
        self.best_mile_progression
            .iter_mut()
            .for_each(|p| strip(&mut p.source));
        for s in &mut self.skipped {
            strip(&mut s.source);
            s.reason = s.reason.replace(&prefix, "");
        }
        self.failures.iter_mut().for_each(|f| strip(&mut f.source));
    }
}

#[cfg(feature = "season")]
/// The season's days with fitness, fatigue and form, when any run has a load.
fn season_days(runs: &[RunRow]) -> Vec<fitness::DayRow> {
    if runs.iter().all(|r| r.load.is_none()) {
        return Vec::new();
    }
    let loads: Vec<(chrono::NaiveDate, f64)> = runs
        .iter()
        .map(|r| (r.date, r.load.unwrap_or(0.0)))
        .collect();
    fitness::days(&loads)
}

#[cfg(feature = "season")]
/// Analyse every input under `paths` and roll the season up. `progress` is called from worker
/// threads (during the first pass). Individual failures are inside the returned season; `Err`
/// only for a broken thread pool or a DataFrame error. When the thresholds that place zones and load were not given but the season estimates them
/// (threshold HR, threshold pace: [`estimates`]), the files are read a second time with the
/// estimates, so the runs get zones and a load and the season its fitness and fatigue; the
/// season's `profile` then says `estimated` for them.
pub fn build_season(
    paths: &[PathBuf],
    opts: &SeasonOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Season> {
    let mut first = build_season_once(paths, opts, progress)?;
    let p = &first.profile;
    let given = &opts.thresholds;
    let est = |s: &crate::analysis::coach::Sourced| {
        (s.source == crate::analysis::coach::Source::Estimated)
            .then_some(s.value)
            .flatten()
    };
    let (lthr, pace) = (est(&p.threshold_hr_bpm), est(&p.threshold_pace_mps));
    if (given.threshold_hr_bpm.is_some() || lthr.is_none())
        && (given.threshold_speed_mps.is_some() || pace.is_none())
    {
        return Ok(first);
    }
    let mut second_opts = opts.clone();
    second_opts.thresholds.threshold_hr_bpm = given.threshold_hr_bpm.or(lthr);
    second_opts.thresholds.threshold_speed_mps = given.threshold_speed_mps.or(pace);
    // The second pass keeps its own samples; the first pass's are not held twice.
    first.samples = Vec::new();
    let mut second = build_season_once(paths, &second_opts, &|_| {})?;
    second.profile = first.profile;
    Ok(second)
}

#[cfg(feature = "season")]
/// One pass: read, analyse against `opts.thresholds`, de-duplicate and roll up.
fn build_season_once(
    paths: &[PathBuf],
    opts: &SeasonOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Season> {
    let found = discover::discover_limited(paths, &opts.limits);
    let mut analysis_opts = options_for(opts.units);
    analysis_opts.thresholds = opts.thresholds;
    let ctl = Control {
        limits: opts.limits,
        cancel: opts.cancel.clone(),
        keep_samples: opts.keep_samples,
    };
    let mut gathered = analyze::gather_with_threads(
        opts.threads,
        &found.files,
        &found.strava,
        &opts.filter,
        &analysis_opts,
        &ctl,
        progress,
    )?;
    gathered.failures.extend(found.failures);
    let (kept, dups) = dedup::dedup(std::mem::take(&mut gathered.analysed), &opts.dedup);
    let mut runs: Vec<RunRow> = Vec::with_capacity(kept.len());
    let mut kept_samples: Vec<samples::RunSamples> = Vec::new();
    for a in &kept {
        // A panic in one run's row is that run's failure, like any other per-file step.
        match crate::guard::guard("summarizing", || rows::run_row(a, &found.strava)) {
            Ok(r) => {
                if let (true, Some(row)) = (opts.keep_samples, &r) {
                    kept_samples.push(samples::RunSamples::of(a, row));
                }
                runs.extend(r)
            }
            Err(e) => gathered
                .failures
                .push(Failure::new(a.activity.meta.source.clone(), &e)),
        }
    }
    rows::judge_easy_against_season(&mut runs);
    rows::mark_long_runs(&mut runs);
    let mut skipped = gathered.skipped;
    skipped.extend(dups.iter().map(|d| Skipped {
        source: d.source.clone(),
        sport: String::new(),
        date: None,
        reason: format!("duplicate of {}", d.kept),
    }));
    skipped.sort_by(|a, b| a.source.cmp(&b.source));
    let mut failures: Vec<FailureRow> = gathered
        .failures
        .into_iter()
        .map(
            |Failure {
                 source,
                 kind,
                 message,
             }| FailureRow {
                source,
                kind,
                message,
            },
        )
        .collect();
    failures.sort_by(|a, b| a.source.cmp(&b.source));
    let cs = critical_speed::critical_speed(&runs);
    let predictions = records::predictions(&runs);
    let paces = training_paces::training_paces(&predictions);
    let mut weeks = rollup::weeks(&runs, &gathered.activity_dates, &opts.rollup)?;
    let days = season_days(&runs);
    rollup::fill_ramp(&mut weeks, &days);
    Ok(Season {
        schema_version: SEASON_SCHEMA_VERSION,
        sport: opts.filter.sport.map(|s| s.as_str().to_string()),
        totals: Totals {
            analysed: runs.len(),
            skipped: skipped.len() - dups.len(),
            duplicates: dups.len(),
            failed: failures.len(),
            outside_range: gathered.outside_range,
            distance_m: runs.iter().filter_map(|r| r.distance_m).sum(),
            moving_s: runs.iter().map(|r| r.moving_s).sum(),
        },
        flags: flags(&weeks, &opts.rollup),
        personal_bests: records::personal_bests(&runs),
        best_mile_progression: records::mile_progression(&runs),
        cadence_trend: records::cadence_trend(&weeks),
        profile: estimates::season_profile(&runs, &opts.thresholds, paces.as_ref()),
        training_paces: paces,
        predictions,
        days,
        critical_speed_mps: cs.as_ref().map(|c| c.cs_mps),
        d_prime_m: cs.as_ref().map(|c| c.d_prime_m),
        critical_speed: cs,
        runs,
        weeks,
        skipped,
        failures,
        samples: kept_samples,
    })
}

/// Weeks over the increase guideline, or (full weeks only) with fewer rest days than advised.
pub fn flags(weeks: &[WeekRow], cfg: &RollupConfig) -> Vec<WeekFlag> {
    weeks
        .iter()
        .enumerate()
        .filter_map(|(i, w)| {
            let mut issues = Vec::new();
            if w.over_10pct {
                issues.push(format!("+{:.0} % distance", w.change_pct.unwrap_or(0.0)));
            }
            if !w.partial && w.rest_days < cfg.min_rest_days {
                issues.push(if w.rest_days == 0 {
                    "no rest day".to_string()
                } else {
                    format!("only {} rest days", w.rest_days)
                });
            }
            (!issues.is_empty()).then(|| WeekFlag {
                week: i + 1,
                week_start: w.week_start.clone(),
                issues,
            })
        })
        .collect()
}
