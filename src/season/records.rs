//! Season records: personal bests with dates, best-mile progression, cadence trend, and race
//! predictions from the best recent efforts (Riegel, with VDOT beside it).

use std::collections::BTreeMap;

use chrono::{NaiveDate, TimeDelta};
use serde::Serialize;

use super::rows::RunRow;
use super::week_row::WeekRow;
use crate::score::mile::{riegel, vdot};

/// Efforts from the last this many days of the season feed race predictions (default 42).
pub const RECENT_DAYS: i64 = 42;

/// Race distances predicted: (name, metres).
pub const PREDICTED_RACES: [(&str, f64); 5] = [
    ("mile", crate::model::MILE_M),
    ("5K", 5000.0),
    ("10K", 10_000.0),
    ("half marathon", 21_097.5),
    ("marathon", 42_195.0),
];

/// Best efforts that predictions are made from, shortest first.
pub const PREDICTION_SOURCES: [&str; 3] = ["1 mile", "5k", "10k"];

/// Whether a run's efforts may predict races: a race or a time trial, as the season reads it.
/// Riegel's formula and VDOT assume a race effort: the fastest mile of an easy or long run is
/// a slice of its easy pace, and the best mile of a tempo or an interval session is run below
/// race effort (a whole-corpus season read VDOT 28 and a 32-minute 5 K from one treadmill
/// run); the seed plan sets its paces from a time trial for the same reason.
pub fn predicts_races(run: &RunRow) -> bool {
    use crate::segment::WorkoutType as W;
    matches!(run.season_workout_type, W::Race | W::TimeTrial)
}

/// The season's fastest time for one standard distance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonalBest {
    /// Distance name (`400m`, `1 mile`, `5k`, ...).
    pub name: String,
    /// Distance (m).
    pub distance_m: f64,
    /// Time (s).
    pub elapsed_s: f64,
    /// Local date of the run.
    pub date: String,
    /// The run's source.
    pub source: String,
}

/// One point of the best-mile progression.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilePoint {
    /// Local date of the run.
    pub date: String,
    /// The run's source.
    pub source: String,
    /// The run's best mile (s).
    pub best_mile_s: f64,
    /// Fastest mile of the season so far, this run included (s).
    pub season_best_s: f64,
    /// Whether this run set a new season best.
    pub new_best: bool,
}

/// Weekly average cadence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CadencePoint {
    /// Monday of the week.
    pub week_start: String,
    /// Average cadence weighted by moving time (steps/min).
    pub avg_cadence_spm: f64,
    /// Running time at 170–180 steps/min (s).
    pub in_band_s: f64,
}

/// A predicted race time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RacePrediction {
    /// Race (`5K`, `marathon`).
    pub race: String,
    /// Race distance (m).
    pub distance_m: f64,
    /// Riegel prediction (s).
    pub predicted_s: f64,
    /// The effort it is predicted from (`1 mile`, `5k`).
    pub from_effort: String,
    /// That effort's time (s).
    pub from_elapsed_s: f64,
    /// That effort's date.
    pub from_date: String,
    /// VDOT of that effort.
    pub vdot: Option<f64>,
}

/// Fastest time per standard distance across the runs, earliest run winning ties. Running only:
/// with `--sport all` a ride's best 20 km is not a running best.
pub fn personal_bests(runs: &[RunRow]) -> Vec<PersonalBest> {
    let mut best: BTreeMap<u64, PersonalBest> = BTreeMap::new();
    for r in runs
        .iter()
        .filter(|r| r.sport == crate::model::Sport::Running)
    {
        for e in &r.efforts {
            let key = (e.distance_m * 1000.0) as u64;
            if best.get(&key).is_none_or(|b| e.elapsed_s < b.elapsed_s) {
                best.insert(
                    key,
                    PersonalBest {
                        name: e.name.clone(),
                        distance_m: e.distance_m,
                        elapsed_s: e.elapsed_s,
                        date: r.date.to_string(),
                        source: r.source.clone(),
                    },
                );
            }
        }
    }
    best.into_values().collect()
}

/// Best mile of every run that covered a mile, in date order, with the running minimum.
pub fn mile_progression(runs: &[RunRow]) -> Vec<MilePoint> {
    let mut best = f64::INFINITY;
    runs.iter()
        .filter_map(|r| r.best_mile_s.map(|m| (r, m)))
        .map(|(r, m)| {
            let new_best = m < best;
            best = best.min(m);
            MilePoint {
                date: r.date.to_string(),
                source: r.source.clone(),
                best_mile_s: m,
                season_best_s: best,
                new_best,
            }
        })
        .collect()
}

/// Weekly cadence trend (weeks with cadence only).
pub fn cadence_trend(weeks: &[WeekRow]) -> Vec<CadencePoint> {
    weeks
        .iter()
        .filter_map(|w| {
            w.avg_cadence_spm.map(|c| CadencePoint {
                week_start: w.week_start.clone(),
                avg_cadence_spm: c,
                in_band_s: w.cadence_in_band_s,
            })
        })
        .collect()
}

/// Race predictions from the best efforts of the races and time trials ([`predicts_races`])
/// of the last [`RECENT_DAYS`] days: each race is predicted from the
/// longest source effort not longer than it (the mile from the mile, 10K and up from the 10K,
/// else the 5K, else the mile), since Riegel is most trustworthy over short extrapolations; a
/// race shorter than every source effort uses the shortest one. None without such a run.
pub fn predictions(runs: &[RunRow]) -> Vec<RacePrediction> {
    let Some(last) = runs.iter().map(|r| r.date).max() else {
        return Vec::new();
    };
    let from = last - TimeDelta::days(RECENT_DAYS - 1);
    // Running only: a ride's 5 km is no running effort (`--sport all`).
    let recent: Vec<&RunRow> = runs
        .iter()
        .filter(|r| r.date >= from && r.sport == crate::model::Sport::Running)
        .filter(|r| predicts_races(r))
        .collect();
    let best_of = |name: &str| -> Option<(f64, f64, NaiveDate)> {
        recent
            .iter()
            .flat_map(|r| r.efforts.iter().map(move |e| (r, e)))
            .filter(|(_, e)| e.name == name)
            .min_by(|a, b| a.1.elapsed_s.total_cmp(&b.1.elapsed_s))
            .map(|(r, e)| (e.distance_m, e.elapsed_s, r.date))
    };
    let sources: Vec<(&str, (f64, f64, NaiveDate))> = PREDICTION_SOURCES
        .iter()
        .filter_map(|n| best_of(n).map(|b| (*n, b)))
        .collect();
    PREDICTED_RACES
        .iter()
        .filter_map(|&(race, dist)| {
            let (name, (d, t, date)) = sources
                .iter()
                .rev()
                .find(|(_, (d, _, _))| *d <= dist + 1.0)
                .or_else(|| sources.first())?;
            Some(RacePrediction {
                race: race.to_string(),
                distance_m: dist,
                predicted_s: riegel(*d, *t, dist),
                from_effort: name.to_string(),
                from_elapsed_s: *t,
                from_date: date.to_string(),
                vdot: vdot(*d, *t),
            })
        })
        .collect()
}
