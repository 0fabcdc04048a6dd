//! One row per run: the per-activity figures a season is rolled up from.

use crate::analysis::coach::LoadMethod;
use chrono::{Datelike, NaiveDate, SecondsFormat, TimeDelta};
use serde::Serialize;

use super::analyze::local_date;
use super::strava::StravaIndex;
use crate::model::{SourceFormat, Sport};
use crate::report::Analysed;
use crate::score::pacing::PacingLabel;
use crate::segment::WorkoutType;

/// Workout types counted in a week's mix, in display order.
pub const MIX_TYPES: [WorkoutType; 13] = [
    WorkoutType::Easy,
    WorkoutType::Recovery,
    WorkoutType::Long,
    WorkoutType::Intervals,
    WorkoutType::Strides,
    WorkoutType::Hills,
    WorkoutType::Tempo,
    WorkoutType::TimeTrial,
    WorkoutType::Race,
    WorkoutType::Progression,
    WorkoutType::Fartlek,
    WorkoutType::RunWalk,
    WorkoutType::Other,
];

/// The longest easy or recovery run of a week counts as the week's long run when it is at
/// least this many times the season's median run distance (default 1.25). A single file
/// cannot know what is long for its runner; the season can.
pub const LONG_RUN_FACTOR: f64 = 1.25;

/// A run read as easy is a recovery run in its season when its average moving speed is at most
/// this × the runner's typical easy speed (default 0.92: recovery runs are run 8 % or more
/// slower than easy runs) and it is no longer than the season's median run.
pub const RECOVERY_SPEED_FACTOR: f64 = 0.92;

/// A run read as recovery from one file (an absolute rule: short and slow) is an easy run in its
/// season when its speed is at least this × the runner's typical easy speed (default 0.97: the
/// runner's easy pace is simply slow).
pub const EASY_SPEED_FACTOR: f64 = 0.97;

/// Fewest easy runs for a typical easy speed (default 5).
pub const MIN_EASY_RUNS: usize = 5;

/// Judge easy and recovery runs against the runner's own season: the typical easy speed is the
/// median average moving speed of the runs read as easy (at least [`MIN_EASY_RUNS`]). An easy
/// run at most [`RECOVERY_SPEED_FACTOR`] × that speed and no longer than the median run becomes
/// `recovery`; a recovery run at least [`EASY_SPEED_FACTOR`] × that speed becomes `easy`.
/// Only `season_workout_type` changes.
pub fn judge_easy_against_season(runs: &mut [RunRow]) {
    let mut easy: Vec<f64> = runs
        .iter()
        .filter(|r| r.season_workout_type == WorkoutType::Easy)
        .filter_map(|r| r.avg_speed_mps)
        .collect();
    let mut dist: Vec<f64> = runs.iter().filter_map(|r| r.distance_m).collect();
    if easy.len() < MIN_EASY_RUNS || dist.is_empty() {
        return;
    }
    easy.sort_by(f64::total_cmp);
    dist.sort_by(f64::total_cmp);
    let typical = easy[easy.len() / 2];
    let median_d = dist[dist.len() / 2];
    for r in runs.iter_mut() {
        let (Some(v), Some(d)) = (r.avg_speed_mps, r.distance_m) else {
            continue;
        };
        match r.season_workout_type {
            WorkoutType::Easy if v <= RECOVERY_SPEED_FACTOR * typical && d <= median_d => {
                r.season_workout_type = WorkoutType::Recovery;
            }
            WorkoutType::Recovery if v >= EASY_SPEED_FACTOR * typical => {
                r.season_workout_type = WorkoutType::Easy;
            }
            _ => {}
        }
    }
}

/// Re-label each week's longest easy/recovery run as `long` when it is at least
/// [`LONG_RUN_FACTOR`] × the median run distance of the season (three runs or more).
pub fn mark_long_runs(runs: &mut [RunRow]) {
    let mut d: Vec<f64> = runs.iter().filter_map(|r| r.distance_m).collect();
    if d.len() < 3 {
        return;
    }
    d.sort_by(f64::total_cmp);
    let median = d[d.len() / 2];
    let mut longest: std::collections::HashMap<NaiveDate, (usize, f64)> = Default::default();
    for (i, r) in runs.iter().enumerate() {
        if !matches!(
            r.season_workout_type,
            WorkoutType::Easy | WorkoutType::Recovery
        ) {
            continue;
        }
        let dist = r.distance_m.unwrap_or(0.0);
        let e = longest.entry(r.week_start).or_insert((i, dist));
        if dist > e.1 {
            *e = (i, dist);
        }
    }
    for (i, dist) in longest.into_values() {
        if let Some(r) = runs.get_mut(i)
            && dist >= LONG_RUN_FACTOR * median
        {
            r.season_workout_type = WorkoutType::Long;
        }
    }
}

/// The runs table's best-effort columns: (column, best-effort name of
/// [`crate::segment::best_efforts::STANDARD_DISTANCES`]), shortest first. `best_mile_s` and
/// `best_5k_s` stay as they were (the best mile may be a timed mile effort); these are the
/// plain fastest windows that personal bests are made of.
pub const EFFORT_COLUMNS: [(&str, &str); 13] = [
    ("effort_400m_s", "400m"),
    ("effort_half_mile_s", "1/2 mile"),
    ("effort_1k_s", "1k"),
    ("effort_mile_s", "1 mile"),
    ("effort_2mile_s", "2 mile"),
    ("effort_5k_s", "5k"),
    ("effort_10k_s", "10k"),
    ("effort_15k_s", "15k"),
    ("effort_10mile_s", "10 mile"),
    ("effort_20k_s", "20k"),
    ("effort_half_marathon_s", "Half-Marathon"),
    ("effort_30k_s", "30k"),
    ("effort_marathon_s", "Marathon"),
];

/// One best effort of a run (for personal bests).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Effort {
    /// Name of the distance (`1 mile`, `5k`).
    pub name: String,
    /// Distance (m).
    pub distance_m: f64,
    /// Time (s).
    pub elapsed_s: f64,
}

/// One analysed run of the season.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunRow {
    /// The input (`archive.zip!member` for archive members).
    pub source: String,
    /// Activity name (from the file, or the athlete's name in a Strava export).
    pub name: Option<String>,
    /// UTC start, RFC 3339.
    pub start_utc: String,
    /// Offset of local time from UTC (s), when the file has it.
    pub local_offset_s: Option<i32>,
    /// Local date (`start_utc + local_offset_s`, UTC when unknown).
    #[serde(serialize_with = "ser_date")]
    pub date: NaiveDate,
    /// Monday of the run's ISO week (local time).
    #[serde(serialize_with = "ser_date")]
    pub week_start: NaiveDate,
    /// Sport.
    pub sport: Sport,
    /// File format (`fit`, `gpx`, `tcx`).
    pub format: SourceFormat,
    /// Distance (m).
    pub distance_m: Option<f64>,
    /// First to last sample (s).
    pub elapsed_s: f64,
    /// Timer time (s).
    pub timer_s: f64,
    /// Moving time (s).
    pub moving_s: f64,
    /// Average moving speed (m/s).
    pub avg_speed_mps: Option<f64>,
    /// Average moving pace (s per km).
    pub pace_s_per_km: Option<f64>,
    /// Average heart rate (bpm).
    pub avg_hr_bpm: Option<f64>,
    /// Maximum heart rate (bpm).
    pub max_hr_bpm: Option<f64>,
    /// Average cadence (steps/min).
    pub avg_cadence_spm: Option<f64>,
    /// Workout type: the single-file reading, as `lapwise analyze` says it.
    pub workout_type: WorkoutType,
    /// The season-aware reading, which the weekly mix counts: `workout_type`, except that a run
    /// tagged or named a race becomes `race`, easy and recovery are judged against the runner's
    /// typical easy speed ([`judge_easy_against_season`]), and an easy or recovery run becomes
    /// `long` when tagged "long run" or when it is the week's long run ([`mark_long_runs`]).
    pub season_workout_type: WorkoutType,
    /// The athlete's own tag from a Strava export (`race`, `long run`, `workout`, `commute`).
    pub athlete_tag: Option<String>,
    /// The athlete of a squad (`season --athletes`: the subfolder or export the run came from);
    /// `None` for a one-athlete season.
    pub athlete_id: Option<String>,
    /// Local start time (`2026-03-01T07:12:03`, no offset) when the file has the local offset.
    pub start_local: Option<String>,
    /// The start as seconds since 1970-01-01 UTC (with milliseconds): what the duplicate rule
    /// compares, as a number SQL engines share.
    pub start_epoch_s: f64,
    /// Best mile of the run (s).
    pub best_mile_s: Option<f64>,
    /// Best 5 km of the run (s).
    pub best_5k_s: Option<f64>,
    /// Pacing evenness score 0–100.
    pub evenness: Option<f64>,
    /// Pacing label (`negative`, `even`, `positive`).
    pub pacing_label: Option<PacingLabel>,
    /// Share of running time at 170–180 steps/min (%).
    pub cadence_in_band_pct: Option<f64>,
    /// Running time at 170–180 steps/min (s).
    pub cadence_in_band_s: Option<f64>,
    /// Total ascent (m).
    pub ascent_m: Option<f64>,
    /// Training load (`load.value`, docs/metrics.md "Coach metrics"); `None` without thresholds.
    pub load: Option<f64>,
    /// Which figure the load is (`hr_tss`, `r_tss`).
    pub load_method: Option<LoadMethod>,
    /// Banister's TRIMP.
    pub trimp: Option<f64>,
    /// Grade-adjusted speed (m/s).
    pub avg_gap_mps: Option<f64>,
    /// Aerobic decoupling (%), steady runs only.
    pub decoupling_pct: Option<f64>,
    /// Moving time in heart-rate zones 1–5 (s); `None` without a threshold HR or HR.
    pub hr_zone_s: Option<[f64; 5]>,
    /// Highest 30 s mean heart rate (bpm).
    pub hr_peak_30s_bpm: Option<f64>,
    /// Highest 20-minute mean heart rate (bpm).
    pub hr_best_20min_bpm: Option<f64>,
    /// Best efforts of the run (season.json only).
    #[serde(skip)]
    pub efforts: Vec<Effort>,
}

impl RunRow {
    /// The run's best-effort columns ([`EFFORT_COLUMNS`]): each column with the run's fastest
    /// time over that distance, `None` where the run did not cover it.
    pub fn effort_columns(&self) -> impl Iterator<Item = (&'static str, Option<f64>)> + '_ {
        EFFORT_COLUMNS.iter().map(|&(column, name)| {
            let time = self
                .efforts
                .iter()
                .find(|e| e.name == name)
                .map(|e| e.elapsed_s);
            (column, time)
        })
    }
}

fn ser_date<S: serde::Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.to_string())
}

/// Monday of the ISO week holding `d`.
pub fn week_start(d: NaiveDate) -> NaiveDate {
    d - TimeDelta::days(i64::from(d.weekday().num_days_from_monday()))
}

/// The row of one analysed activity; `None` without a start time.
pub fn run_row(a: &Analysed, strava: &StravaIndex) -> Option<RunRow> {
    let meta = &a.activity.meta;
    let date = local_date(&a.activity)?;
    let start = meta.start_utc?;
    let sum = &a.analysis.summary;
    let seg = &a.analysis.segmentation;
    let scores = &a.analysis.scores;
    let tag = strava.lookup(&meta.source).and_then(|m| m.tag.clone());
    let mut kind = seg.workout.kind;
    if tag.as_deref() == Some("long run")
        && matches!(kind, WorkoutType::Easy | WorkoutType::Recovery)
    {
        kind = WorkoutType::Long;
    }
    // The athlete's own word: a run tagged "race" in the export, or named one, is a race unless
    // it is a structured session (reps, hills, a time trial).
    let named = meta
        .name
        .as_deref()
        .is_some_and(crate::segment::classify::named_race);
    if (tag.as_deref() == Some("race") || named)
        && !matches!(
            kind,
            WorkoutType::Intervals | WorkoutType::Hills | WorkoutType::TimeTrial
        )
    {
        kind = WorkoutType::Race;
    }
    // A season's records and fits take only efforts run without a stop (an effort timed across
    // stops is listed for its run, not compared across the season).
    let effort = |name: &str| {
        seg.best_efforts
            .iter()
            .find(|e| e.name == name && e.stopped_s == 0.0)
            .map(|e| e.elapsed_s)
    };
    let speed = sum.avg_speed_mps.filter(|v| *v > 0.0);
    let cad = scores.cadence.as_ref();
    let coach = &a.analysis.coach;
    Some(RunRow {
        source: meta.source.clone(),
        name: meta.name.clone(),
        start_utc: start.to_rfc3339_opts(SecondsFormat::Secs, true),
        local_offset_s: meta.local_offset_s,
        date,
        week_start: week_start(date),
        sport: meta.sport,
        format: meta.format,
        distance_m: sum.distance_m,
        elapsed_s: sum.elapsed_s,
        timer_s: sum.timer_s,
        moving_s: sum.moving_s,
        avg_speed_mps: speed,
        pace_s_per_km: speed.map(|v| 1000.0 / v),
        avg_hr_bpm: sum.avg_hr_bpm,
        max_hr_bpm: sum.max_hr_bpm,
        avg_cadence_spm: sum.avg_cadence_spm,
        workout_type: seg.workout.kind,
        season_workout_type: kind,
        athlete_tag: tag,
        athlete_id: None,
        start_epoch_s: start.timestamp() as f64
            + f64::from(start.timestamp_subsec_millis()) / 1000.0,
        start_local: meta.local_offset_s.map(|off| {
            (start + TimeDelta::seconds(i64::from(off)))
                .naive_utc()
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string()
        }),
        best_mile_s: seg
            .best_mile
            .as_ref()
            .map(|m| m.elapsed_s)
            .or_else(|| effort("1 mile")),
        best_5k_s: effort("5k"),
        evenness: scores.pacing.as_ref().map(|p| p.evenness),
        pacing_label: scores.pacing.as_ref().map(|p| p.label),
        cadence_in_band_pct: cad.map(|c| c.in_band_pct),
        cadence_in_band_s: cad.map(|c| c.in_band_pct / 100.0 * c.running_s),
        ascent_m: sum.ascent_m,
        load: coach.load.and_then(|l| l.value),
        load_method: coach.load.and_then(|l| l.method),
        trimp: coach.load.and_then(|l| l.trimp),
        avg_gap_mps: sum.avg_gap_mps,
        decoupling_pct: coach.decoupling.decoupling_pct,
        hr_zone_s: coach
            .zones
            .hr
            .as_ref()
            .map(|z| std::array::from_fn(|k| z[k].time_s)),
        hr_peak_30s_bpm: coach.hr_peak_30s_bpm,
        hr_best_20min_bpm: coach.hr_best_20min_bpm,
        efforts: seg
            .best_efforts
            .iter()
            .filter(|e| e.stopped_s == 0.0)
            .map(|e| Effort {
                name: e.name.clone(),
                distance_m: e.distance_m,
                elapsed_s: e.elapsed_s,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(kind: WorkoutType, mps: f64, m: f64) -> RunRow {
        let d = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default();
        RunRow {
            source: String::new(),
            name: None,
            start_utc: String::new(),
            local_offset_s: None,
            date: d,
            week_start: d,
            sport: Sport::Running,
            format: SourceFormat::Fit,
            distance_m: Some(m),
            elapsed_s: m / mps,
            timer_s: m / mps,
            moving_s: m / mps,
            avg_speed_mps: Some(mps),
            pace_s_per_km: Some(1000.0 / mps),
            avg_hr_bpm: None,
            max_hr_bpm: None,
            avg_cadence_spm: None,
            workout_type: kind,
            season_workout_type: kind,
            athlete_tag: None,
            athlete_id: None,
            start_local: None,
            start_epoch_s: 0.0,
            best_mile_s: None,
            best_5k_s: None,
            evenness: None,
            pacing_label: None,
            cadence_in_band_pct: None,
            cadence_in_band_s: None,
            ascent_m: None,
            load: None,
            load_method: None,
            trimp: None,
            avg_gap_mps: None,
            decoupling_pct: None,
            hr_zone_s: None,
            hr_peak_30s_bpm: None,
            hr_best_20min_bpm: None,
            efforts: Vec::new(),
        }
    }

    #[test]
    fn easy_and_recovery_are_judged_against_the_runners_own_easy_pace() {
        use WorkoutType::{Easy, Recovery};
        let mut runs: Vec<RunRow> = (0..6).map(|_| run(Easy, 3.0, 8000.0)).collect();
        runs.push(run(Easy, 2.6, 6000.0)); // 13 % slower and short: a recovery run
        runs.push(run(Easy, 2.6, 12_000.0)); // slow but long: stays easy
        runs.push(run(Recovery, 2.95, 5000.0)); // this runner's easy pace
        judge_easy_against_season(&mut runs);
        assert_eq!(runs[6].season_workout_type, Recovery);
        assert_eq!(
            runs[6].workout_type, Easy,
            "the single-file reading is kept"
        );
        assert_eq!(runs[7].season_workout_type, Easy);
        assert_eq!(runs[8].season_workout_type, Easy);
        assert!(runs[..6].iter().all(|r| r.season_workout_type == Easy));
        // Too few easy runs: nothing to judge against.
        let mut few = vec![run(Easy, 3.0, 8000.0), run(Easy, 2.0, 3000.0)];
        judge_easy_against_season(&mut few);
        assert_eq!(few[1].season_workout_type, Easy);
    }

    #[test]
    fn iso_week_starts_on_monday() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        assert_eq!(week_start(d(2026, 1, 4)), d(2025, 12, 29)); // Sunday
        assert_eq!(week_start(d(2026, 1, 5)), d(2026, 1, 5)); // Monday
        assert_eq!(week_start(d(2026, 1, 7)), d(2026, 1, 5));
    }
}
