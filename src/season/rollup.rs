//! The season as polars DataFrames: one row per run, and the weekly roll-up computed from it
//! with a polars group-by over ISO weeks (Monday start, local time).
//!
//! Week rules (docs/season.md):
//! - every week from the first to the last week with data is listed, empty weeks included;
//! - `rest_days` = days of the week without a run; in the final week only the days up to the
//!   last day with data count (a week still under way is not charged rest days that have not
//!   happened; `days_counted` says how many counted, `partial` marks such a week);
//! - `change_pct` = distance change from the previous week (%), `null` for the first week and
//!   after a week without running;
//! - `over_10pct` = `change_pct > 10` (the seed's 10 % rule, a guideline, not a law).

use std::collections::{BTreeSet, HashMap};

use chrono::{NaiveDate, TimeDelta};
use polars::prelude::*;

use super::rows::{EFFORT_COLUMNS, MIX_TYPES, RunRow, week_start};
use crate::Error;

/// A polars error as lapwise's I/O error.
pub(super) fn polars_err(e: PolarsError) -> Error {
    Error::Io(std::io::Error::other(format!("polars: {e}")))
}

/// Days since 1970-01-01 (polars' physical Date).
fn epoch_days(d: NaiveDate) -> i32 {
    (d - NaiveDate::default()).num_days() as i32
}

pub use super::week_row::{RollupConfig, WeekRow};

fn opt_col(name: &str, v: impl Iterator<Item = Option<f64>>) -> Column {
    Column::new(name.into(), v.collect::<Vec<Option<f64>>>())
}

/// The runs as a DataFrame (the columns of runs.csv / runs.parquet).
pub fn runs_frame(runs: &[RunRow]) -> crate::Result<DataFrame> {
    let s = |f: fn(&RunRow) -> String| runs.iter().map(f).collect::<Vec<String>>();
    let o = |f: fn(&RunRow) -> Option<String>| runs.iter().map(f).collect::<Vec<Option<String>>>();
    let n = |f: fn(&RunRow) -> f64| runs.iter().map(f).collect::<Vec<f64>>();
    let on = |name: &str, f: fn(&RunRow) -> Option<f64>| opt_col(name, runs.iter().map(f));
    let date = |name: &str, f: fn(&RunRow) -> NaiveDate| {
        Column::new(
            name.into(),
            runs.iter().map(|r| epoch_days(f(r))).collect::<Vec<i32>>(),
        )
        .cast(&DataType::Date)
    };
    let mut cols = vec![
        Column::new("source".into(), s(|r| r.source.clone())),
        Column::new("name".into(), o(|r| r.name.clone())),
        Column::new("start_utc".into(), s(|r| r.start_utc.clone())),
        Column::new(
            "local_offset_s".into(),
            runs.iter()
                .map(|r| r.local_offset_s)
                .collect::<Vec<Option<i32>>>(),
        ),
        date("date", |r| r.date).map_err(polars_err)?,
        date("week_start", |r| r.week_start).map_err(polars_err)?,
        Column::new("sport".into(), s(|r| r.sport.as_str().to_string())),
        Column::new("format".into(), s(|r| r.format.as_str().to_string())),
        on("distance_m", |r| r.distance_m),
        Column::new("elapsed_s".into(), n(|r| r.elapsed_s)),
        Column::new("timer_s".into(), n(|r| r.timer_s)),
        Column::new("moving_s".into(), n(|r| r.moving_s)),
        on("avg_speed_mps", |r| r.avg_speed_mps),
        on("pace_s_per_km", |r| r.pace_s_per_km),
        on("avg_hr_bpm", |r| r.avg_hr_bpm),
        on("max_hr_bpm", |r| r.max_hr_bpm),
        on("avg_cadence_spm", |r| r.avg_cadence_spm),
        Column::new(
            "workout_type".into(),
            s(|r| r.workout_type.as_str().to_string()),
        ),
        Column::new(
            "season_workout_type".into(),
            s(|r| r.season_workout_type.as_str().to_string()),
        ),
        Column::new("athlete_tag".into(), o(|r| r.athlete_tag.clone())),
        Column::new("athlete_id".into(), o(|r| r.athlete_id.clone())),
        Column::new("start_local".into(), o(|r| r.start_local.clone())),
        Column::new("start_epoch_s".into(), n(|r| r.start_epoch_s)),
        on("best_mile_s", |r| r.best_mile_s),
        on("best_5k_s", |r| r.best_5k_s),
        on("evenness", |r| r.evenness),
        Column::new(
            "pacing_label".into(),
            o(|r| r.pacing_label.map(|l| l.as_str().to_string())),
        ),
        on("cadence_in_band_pct", |r| r.cadence_in_band_pct),
        on("cadence_in_band_s", |r| r.cadence_in_band_s),
        on("ascent_m", |r| r.ascent_m),
        on("load", |r| r.load),
        Column::new(
            "load_method".into(),
            o(|r| r.load_method.map(|m| m.as_str().to_string())),
        ),
        on("trimp", |r| r.trimp),
        on("avg_gap_mps", |r| r.avg_gap_mps),
        on("decoupling_pct", |r| r.decoupling_pct),
        on("hr_z1_s", |r| r.hr_zone_s.map(|z| z[0])),
        on("hr_z2_s", |r| r.hr_zone_s.map(|z| z[1])),
        on("hr_z3_s", |r| r.hr_zone_s.map(|z| z[2])),
        on("hr_z4_s", |r| r.hr_zone_s.map(|z| z[3])),
        on("hr_z5_s", |r| r.hr_zone_s.map(|z| z[4])),
    ];
    for (k, (column, _)) in EFFORT_COLUMNS.iter().enumerate() {
        let times = runs
            .iter()
            .map(|r| r.effort_columns().nth(k).and_then(|(_, t)| t));
        cols.push(opt_col(column, times));
    }
    DataFrame::new_infer_height(cols).map_err(polars_err)
}

/// Per-week sums, maxima and minima from a polars group-by, keyed by week start (epoch days).
struct WeekAgg {
    runs: f64,
    distance_m: f64,
    moving_s: f64,
    elapsed_s: f64,
    long_run_m: Option<f64>,
    run_days: u32,
    in_band_s: f64,
    cad_x_moving: f64,
    cad_moving: f64,
    evenness_sum: f64,
    evenness_n: f64,
    best_mile_s: Option<f64>,
    mix: Vec<u32>,
}

/// Helper columns for the group-by: one indicator per workout type, cadence × moving time.
fn agg_input(runs: &[RunRow]) -> crate::Result<DataFrame> {
    let f = |name: &str, v: Vec<f64>| Column::new(name.into(), v);
    let mut cols = vec![
        Column::new(
            "week".into(),
            runs.iter()
                .map(|r| epoch_days(r.week_start))
                .collect::<Vec<i32>>(),
        ),
        Column::new(
            "day".into(),
            runs.iter()
                .map(|r| epoch_days(r.date))
                .collect::<Vec<i32>>(),
        ),
        f("one", vec![1.0; runs.len()]),
        f(
            "distance_m",
            runs.iter().map(|r| r.distance_m.unwrap_or(0.0)).collect(),
        ),
        opt_col("long_m", runs.iter().map(|r| r.distance_m)),
        f("moving_s", runs.iter().map(|r| r.moving_s).collect()),
        f("elapsed_s", runs.iter().map(|r| r.elapsed_s).collect()),
        f(
            "in_band_s",
            runs.iter()
                .map(|r| r.cadence_in_band_s.unwrap_or(0.0))
                .collect(),
        ),
        f(
            "cad_x_moving",
            runs.iter()
                .map(|r| r.avg_cadence_spm.map_or(0.0, |c| c * r.moving_s))
                .collect(),
        ),
        f(
            "cad_moving",
            runs.iter()
                .map(|r| {
                    if r.avg_cadence_spm.is_some() {
                        r.moving_s
                    } else {
                        0.0
                    }
                })
                .collect(),
        ),
        f(
            "evenness_sum",
            runs.iter().map(|r| r.evenness.unwrap_or(0.0)).collect(),
        ),
        f(
            "evenness_n",
            runs.iter()
                .map(|r| f64::from(u8::from(r.evenness.is_some())))
                .collect(),
        ),
        opt_col("mile_s", runs.iter().map(|r| r.best_mile_s)),
    ];
    for t in MIX_TYPES {
        let v = runs
            .iter()
            .map(|r| f64::from(u8::from(r.season_workout_type == t)))
            .collect();
        cols.push(f(&format!("mix_{}", t.as_str()), v));
    }
    DataFrame::new_infer_height(cols).map_err(polars_err)
}

const SUM_COLS: [&str; 9] = [
    "one",
    "distance_m",
    "moving_s",
    "elapsed_s",
    "in_band_s",
    "cad_x_moving",
    "cad_moving",
    "evenness_sum",
    "evenness_n",
];

// Polars' eager group-by aggregations are marked deprecated in favour of the lazy engine,
// which would add several minutes to a cold build for five sums; they remain supported.
#[allow(deprecated)]
fn aggregate(runs: &[RunRow]) -> crate::Result<HashMap<i32, WeekAgg>> {
    let df = agg_input(runs)?;
    let mix_names: Vec<String> = MIX_TYPES
        .iter()
        .map(|t| format!("mix_{}", t.as_str()))
        .collect();
    let mut sum_cols: Vec<String> = SUM_COLS.iter().map(|s| s.to_string()).collect();
    sum_cols.extend(mix_names.iter().cloned());
    let gb = || df.group_by(["week"]);
    let sums = gb()
        .map_err(polars_err)?
        .select(sum_cols.clone())
        .sum()
        .map_err(polars_err)?;
    let maxes = gb()
        .map_err(polars_err)?
        .select(["long_m"])
        .max()
        .map_err(polars_err)?;
    let mins = gb()
        .map_err(polars_err)?
        .select(["mile_s"])
        .min()
        .map_err(polars_err)?;
    let days = gb()
        .map_err(polars_err)?
        .select(["day"])
        .n_unique()
        .map_err(polars_err)?;
    let keyed_f64 = |frame: &DataFrame, col: &str| -> crate::Result<HashMap<i32, Option<f64>>> {
        let keys = frame
            .column("week")
            .map_err(polars_err)?
            .i32()
            .map_err(polars_err)?
            .clone();
        let vals = frame
            .column(col)
            .map_err(polars_err)?
            .cast(&DataType::Float64)
            .map_err(polars_err)?;
        let vals = vals.f64().map_err(polars_err)?.clone();
        Ok(keys
            .iter()
            .zip(vals.iter())
            .filter_map(|(k, v)| k.map(|k| (k, v)))
            .collect())
    };
    let mut named: HashMap<String, HashMap<i32, Option<f64>>> = HashMap::new();
    for c in &sum_cols {
        named.insert(c.clone(), keyed_f64(&sums, &format!("{c}_sum"))?);
    }
    let long = keyed_f64(&maxes, "long_m_max")?;
    let mile = keyed_f64(&mins, "mile_s_min")?;
    let run_days = keyed_f64(&days, "day_n_unique")?;
    let get = |c: &str, k: i32| {
        named
            .get(c)
            .and_then(|m| m.get(&k).copied().flatten())
            .unwrap_or(0.0)
    };
    let weeks: BTreeSet<i32> = named
        .get("one")
        .map(|m| m.keys().copied().collect())
        .unwrap_or_default();
    Ok(weeks
        .into_iter()
        .map(|k| {
            let agg = WeekAgg {
                runs: get("one", k),
                distance_m: get("distance_m", k),
                moving_s: get("moving_s", k),
                elapsed_s: get("elapsed_s", k),
                long_run_m: long.get(&k).copied().flatten(),
                run_days: run_days.get(&k).copied().flatten().unwrap_or(0.0) as u32,
                in_band_s: get("in_band_s", k),
                cad_x_moving: get("cad_x_moving", k),
                cad_moving: get("cad_moving", k),
                evenness_sum: get("evenness_sum", k),
                evenness_n: get("evenness_n", k),
                best_mile_s: mile.get(&k).copied().flatten(),
                mix: mix_names.iter().map(|m| get(m, k).round() as u32).collect(),
            };
            (k, agg)
        })
        .collect())
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Each week's change of fitness: CTL at the week's last day minus CTL the day before it
/// began (0 before the first day).
pub fn fill_ramp(weeks: &mut [WeekRow], days: &[super::fitness::DayRow]) {
    if days.is_empty() {
        return;
    }
    let ctl_at = |d: NaiveDate| {
        days.iter()
            .take_while(|r| r.date <= d)
            .last()
            .map_or(0.0, |r| r.ctl)
    };
    for w in weeks.iter_mut() {
        let Ok(start) = w.week_start.parse::<NaiveDate>() else {
            continue;
        };
        let end = start + chrono::TimeDelta::days(6);
        let before = start.pred_opt().unwrap_or(start);
        w.ramp = Some(ctl_at(end) - ctl_at(before));
    }
}

/// The load figures of the days `from..=to` (everything else of the row left empty, for
/// `..` in [`weeks`]).
fn week_load(runs: &[RunRow], from: NaiveDate, to: NaiveDate) -> WeekRow {
    let inside: Vec<&RunRow> = runs
        .iter()
        .filter(|r| r.date >= from && r.date <= to)
        .collect();
    let load = inside
        .iter()
        .any(|r| r.load.is_some())
        .then(|| inside.iter().filter_map(|r| r.load).sum::<f64>());
    let days = ((to - from).num_days() + 1).max(1) as usize;
    let monotony = load.and_then(|_| {
        let daily: Vec<f64> = (0..days)
            .map(|k| {
                let d = from + TimeDelta::days(k as i64);
                inside
                    .iter()
                    .filter(|r| r.date == d)
                    .filter_map(|r| r.load)
                    .sum()
            })
            .collect();
        super::fitness::monotony(&daily)
    });
    let zones = inside
        .iter()
        .filter_map(|r| r.hr_zone_s)
        .fold(None, |acc: Option<[f64; 5]>, z| {
            let mut t = acc.unwrap_or([0.0; 5]);
            t.iter_mut().zip(z).for_each(|(a, b)| *a += b);
            Some(t)
        });
    let share = |pick: &[usize]| {
        zones.and_then(|z| {
            let all: f64 = z.iter().sum();
            (all > 0.0).then(|| round1(pick.iter().map(|&k| z[k]).sum::<f64>() / all * 100.0))
        })
    };
    WeekRow {
        week_start: String::new(),
        runs: 0,
        distance_m: 0.0,
        moving_s: 0.0,
        elapsed_s: 0.0,
        days_counted: 0,
        partial: false,
        rest_days: 0,
        days_without_activity: 0,
        change_pct: None,
        over_10pct: false,
        long_run_m: None,
        long_run_share_pct: None,
        mix: Vec::new(),
        cadence_in_band_s: 0.0,
        avg_cadence_spm: None,
        avg_evenness: None,
        best_mile_s: None,
        load,
        ramp: None,
        monotony,
        strain: load.zip(monotony).map(|(l, m)| l * m),
        low_pct: share(&[0, 1]),
        mid_pct: share(&[2]),
        high_pct: share(&[3, 4]),
    }
}

/// Roll runs up into weeks, from the week of the first counted run to the week of the last.
/// `activity_dates` are the local dates of every activity read (any sport), used for days
/// without any activity (and for the span when no run is counted): a dated file the season
/// skips (another sport, a sport not stated) must not stretch the season back years before the
/// first run.
pub fn weeks(
    runs: &[RunRow],
    activity_dates: &[NaiveDate],
    cfg: &RollupConfig,
) -> crate::Result<Vec<WeekRow>> {
    let all_days: BTreeSet<NaiveDate> = activity_dates
        .iter()
        .copied()
        .chain(runs.iter().map(|r| r.date))
        .collect();
    let run_days: BTreeSet<NaiveDate> = runs.iter().map(|r| r.date).collect();
    let span = if run_days.is_empty() {
        &all_days
    } else {
        &run_days
    };
    let (Some(&first), Some(&last)) = (span.first(), span.last()) else {
        return Ok(Vec::new());
    };
    let agg = aggregate(runs)?;
    let mut out: Vec<WeekRow> = Vec::new();
    let mut ws = week_start(first);
    while ws <= last {
        let we = ws + TimeDelta::days(6);
        let (from, to) = (ws, we.min(last));
        let days_counted = ((to - from).num_days() + 1) as u32;
        let active = all_days.range(from..=to).count() as u32;
        let a = agg.get(&epoch_days(ws));
        let runs_n = a.map_or(0, |a| a.runs.round() as u32);
        let distance = a.map_or(0.0, |a| a.distance_m);
        let run_days = a.map_or(0, |a| a.run_days);
        let prev = out.last();
        let change = prev
            .filter(|p| p.distance_m > 0.0)
            .map(|p| (distance - p.distance_m) / p.distance_m * 100.0);
        let long = a.and_then(|a| a.long_run_m);
        out.push(WeekRow {
            week_start: ws.to_string(),
            runs: runs_n,
            distance_m: distance,
            moving_s: a.map_or(0.0, |a| a.moving_s),
            elapsed_s: a.map_or(0.0, |a| a.elapsed_s),
            days_counted,
            partial: days_counted < 7,
            rest_days: days_counted.saturating_sub(run_days),
            days_without_activity: days_counted.saturating_sub(active),
            change_pct: change.map(round1),
            over_10pct: change.is_some_and(|c| c > cfg.max_increase_pct),
            long_run_m: long,
            long_run_share_pct: long
                .filter(|_| distance > 0.0)
                .map(|l| round1(l / distance * 100.0)),
            mix: MIX_TYPES
                .iter()
                .enumerate()
                .map(|(i, t)| (*t, a.and_then(|a| a.mix.get(i).copied()).unwrap_or(0)))
                .collect(),
            cadence_in_band_s: a.map_or(0.0, |a| a.in_band_s),
            avg_cadence_spm: a
                .filter(|a| a.cad_moving > 0.0)
                .map(|a| a.cad_x_moving / a.cad_moving),
            avg_evenness: a
                .filter(|a| a.evenness_n > 0.0)
                .map(|a| a.evenness_sum / a.evenness_n),
            best_mile_s: a.and_then(|a| a.best_mile_s),
            ..week_load(runs, from.max(first), to)
        });
        ws += TimeDelta::days(7);
    }
    Ok(out)
}

/// The days table (`days.csv`): `date, load, ctl, atl, tsb`.
pub fn days_frame(days: &[super::fitness::DayRow]) -> crate::Result<DataFrame> {
    let f = |name: &str, g: fn(&super::fitness::DayRow) -> f64| {
        Column::new(name.into(), days.iter().map(g).collect::<Vec<f64>>())
    };
    let cols = vec![
        Column::new(
            "date".into(),
            days.iter()
                .map(|d| epoch_days(d.date))
                .collect::<Vec<i32>>(),
        )
        .cast(&DataType::Date)
        .map_err(polars_err)?,
        f("load", |d| d.load),
        f("ctl", |d| d.ctl),
        f("atl", |d| d.atl),
        f("tsb", |d| d.tsb),
    ];
    DataFrame::new_infer_height(cols).map_err(polars_err)
}

/// The weeks as a DataFrame (the columns of weeks.csv / weeks.parquet); the workout mix is
/// one column per type, `mix_easy` … `mix_other` ([`MIX_TYPES`]).
pub fn weeks_frame(weeks: &[WeekRow]) -> crate::Result<DataFrame> {
    let f = |name: &str, g: fn(&WeekRow) -> f64| {
        Column::new(name.into(), weeks.iter().map(g).collect::<Vec<f64>>())
    };
    let u = |name: &str, g: fn(&WeekRow) -> u32| {
        Column::new(name.into(), weeks.iter().map(g).collect::<Vec<u32>>())
    };
    let o = |name: &str, g: fn(&WeekRow) -> Option<f64>| opt_col(name, weeks.iter().map(g));
    let starts: Vec<i32> = weeks
        .iter()
        .map(|w| {
            w.week_start
                .parse::<NaiveDate>()
                .map(epoch_days)
                .unwrap_or(0)
        })
        .collect();
    let mut cols = vec![
        Column::new("week_start".into(), starts)
            .cast(&DataType::Date)
            .map_err(polars_err)?,
        u("runs", |w| w.runs),
        f("distance_m", |w| w.distance_m),
        f("moving_s", |w| w.moving_s),
        f("elapsed_s", |w| w.elapsed_s),
        u("rest_days", |w| w.rest_days),
        u("days_without_activity", |w| w.days_without_activity),
        u("days_counted", |w| w.days_counted),
        Column::new(
            "partial".into(),
            weeks.iter().map(|w| w.partial).collect::<Vec<bool>>(),
        ),
        o("change_pct", |w| w.change_pct),
        Column::new(
            "over_10pct".into(),
            weeks.iter().map(|w| w.over_10pct).collect::<Vec<bool>>(),
        ),
        o("long_run_m", |w| w.long_run_m),
        o("long_run_share_pct", |w| w.long_run_share_pct),
    ];
    for (i, t) in MIX_TYPES.iter().enumerate() {
        let v: Vec<u32> = weeks
            .iter()
            .map(|w| w.mix.get(i).map_or(0, |m| m.1))
            .collect();
        cols.push(Column::new(format!("mix_{}", t.as_str()).into(), v));
    }
    cols.push(f("cadence_in_band_s", |w| w.cadence_in_band_s));
    cols.push(o("avg_cadence_spm", |w| w.avg_cadence_spm));
    cols.push(o("avg_evenness", |w| w.avg_evenness));
    cols.push(o("best_mile_s", |w| w.best_mile_s));
    cols.push(o("load", |w| w.load));
    cols.push(o("ramp", |w| w.ramp));
    cols.push(o("monotony", |w| w.monotony));
    cols.push(o("strain", |w| w.strain));
    cols.push(o("low_pct", |w| w.low_pct));
    cols.push(o("mid_pct", |w| w.mid_pct));
    cols.push(o("high_pct", |w| w.high_pct));
    DataFrame::new_infer_height(cols).map_err(polars_err)
}
