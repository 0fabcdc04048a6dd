//! Season outputs in a folder: runs.csv / runs.parquet, weeks.csv / weeks.parquet,
//! season.json and the season charts. Every file is written to a temporary name in the same
//! folder and renamed into place (atomic on one file system); nothing is written when any
//! output already exists, unless `force`.

use std::io::Write;
use std::path::{Path, PathBuf};

use polars::prelude::*;

use super::Season;
use super::charts::{self as season_charts, CHART_FILES};
use super::rollup::{days_frame, polars_err, runs_frame, weeks_frame};
use crate::report::Units;
use crate::report::charts::scaffold::Target;
use crate::{Error, Result};

/// Per-run table, CSV.
pub const RUNS_CSV: &str = "runs.csv";
/// Per-run table, Parquet.
pub const RUNS_PARQUET: &str = "runs.parquet";
/// Per-week table, CSV.
pub const WEEKS_CSV: &str = "weeks.csv";
/// Per-week table, Parquet.
pub const WEEKS_PARQUET: &str = "weeks.parquet";
/// Per-day load, fitness, fatigue and form, CSV (written when any run has a load).
pub const DAYS_CSV: &str = "days.csv";
/// The same, Parquet.
pub const DAYS_PARQUET: &str = "days.parquet";
/// The whole roll-up with records and failures.
pub const SEASON_JSON: &str = "season.json";
/// One row per input that failed: `source,message` (header only when none failed).
pub const FAILURES_CSV: &str = "failures.csv";

/// The squad table of `season --athletes --out`.
pub const SQUAD_CSV: &str = "squad.csv";

/// Write the squad table as CSV at `path` (through a temporary name).
pub fn write_squad(rows: &[super::squad::SquadRow], path: &Path) -> Result<()> {
    let s = |f: fn(&super::squad::SquadRow) -> Option<String>| {
        rows.iter().map(f).collect::<Vec<Option<String>>>()
    };
    let n = |f: fn(&super::squad::SquadRow) -> Option<f64>| {
        rows.iter().map(f).collect::<Vec<Option<f64>>>()
    };
    let count = |f: fn(&super::squad::SquadRow) -> usize| {
        rows.iter().map(|r| f(r) as u64).collect::<Vec<u64>>()
    };
    let mut df = DataFrame::new(
        rows.len(),
        vec![
            Column::new("athlete_id".into(), s(|r| Some(r.athlete_id.clone()))),
            Column::new("runs".into(), count(|r| r.runs)),
            Column::new("distance_m".into(), n(|r| Some(r.distance_m))),
            Column::new("moving_s".into(), n(|r| Some(r.moving_s))),
            Column::new("weeks".into(), count(|r| r.weeks)),
            Column::new("first_date".into(), s(|r| r.first_date.clone())),
            Column::new("last_date".into(), s(|r| r.last_date.clone())),
            Column::new("avg_week_distance_m".into(), n(|r| r.avg_week_distance_m)),
            Column::new("last_week_start".into(), s(|r| r.last_week_start.clone())),
            Column::new("last_week_distance_m".into(), n(|r| r.last_week_distance_m)),
            Column::new("best_mile_s".into(), n(|r| r.best_mile_s)),
            Column::new("flagged_weeks".into(), count(|r| r.flagged_weeks)),
            Column::new("failed".into(), count(|r| r.failed)),
        ],
    )
    .map_err(polars_err)?;
    atomic(path, |p| write_frame(&mut df, p, false))?;
    Ok(())
}

/// The `key=...` partitions already under `dir` (`key` being `year` or `month`).
pub(super) fn dataset_partitions(dir: &Path, key: &str) -> Vec<PathBuf> {
    let prefix = format!("{key}=");
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.is_dir()
                        && p.file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Make way for a new dataset under `dir`: partitions `key=...` already there are refused
/// unless `force`, which removes their `file` (a stale partition would otherwise still be read
/// as part of the dataset).
pub(super) fn clear_partitions(dir: &Path, key: &str, file: &str, force: bool) -> Result<()> {
    let old = dataset_partitions(dir, key);
    if old.is_empty() {
        return Ok(());
    }
    if !force {
        return Err(Error::Io(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!(
                "{} already holds a dataset (use --force to replace it)",
                dir.display()
            ),
        )));
    }
    for p in old {
        let _ = std::fs::remove_file(p.join(file));
        let _ = std::fs::remove_dir(&p);
    }
    Ok(())
}

/// Write `runs` as a Parquet dataset under `dir`: one `year=YYYY/runs.parquet` per year of the
/// runs' local dates, rows sorted by athlete and start (partitioning by athlete would make many
/// tiny files). A `dir` that already holds partitions is refused unless `force`, which first
/// removes them (a stale year would otherwise still be read as part of the dataset). Returns the
/// files written.
pub fn write_dataset(runs: &[super::RunRow], dir: &Path, force: bool) -> Result<Vec<PathBuf>> {
    use chrono::Datelike;
    clear_partitions(dir, "year", "runs.parquet", force)?;
    let mut years: Vec<i32> = runs.iter().map(|r| r.date.year()).collect();
    years.sort_unstable();
    years.dedup();
    let mut written = Vec::new();
    for year in years {
        let mut rows: Vec<super::RunRow> = runs
            .iter()
            .filter(|r| r.date.year() == year)
            .cloned()
            .collect();
        rows.sort_by(|a, b| {
            (a.athlete_id.as_deref(), a.start_utc.as_str())
                .cmp(&(b.athlete_id.as_deref(), b.start_utc.as_str()))
        });
        let part = dir.join(format!("year={year}"));
        std::fs::create_dir_all(&part)?;
        let path = part.join("runs.parquet");
        let mut df = runs_frame(&rows)?;
        atomic(&path, |p| write_frame(&mut df, p, true))?;
        written.push(path);
    }
    Ok(written)
}

/// Every file name `write_outputs` may create.
pub fn output_files() -> Vec<&'static str> {
    let mut v = vec![
        RUNS_CSV,
        RUNS_PARQUET,
        WEEKS_CSV,
        WEEKS_PARQUET,
        DAYS_CSV,
        DAYS_PARQUET,
        SEASON_JSON,
        FAILURES_CSV,
    ];
    v.extend(CHART_FILES);
    v
}

/// The outputs that already exist in `dir`.
pub fn existing_outputs(dir: &Path) -> Vec<&'static str> {
    output_files()
        .into_iter()
        .filter(|n| dir.join(n).exists())
        .collect()
}

/// A temporary sibling of `path` that keeps its extension (the PNG encoder picks the format
/// from it).
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp-{}.{ext}", std::process::id()))
}

/// Write `path` atomically: `fill` writes the temporary file, which is then renamed.
pub(super) fn atomic(path: &Path, fill: impl FnOnce(&Path) -> Result<bool>) -> Result<bool> {
    let tmp = temp_path(path);
    let done = fill(&tmp).and_then(|written| {
        if written {
            std::fs::rename(&tmp, path)?;
        }
        Ok(written)
    });
    if !matches!(done, Ok(true)) {
        let _ = std::fs::remove_file(&tmp);
    }
    done
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<bool> {
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(true)
}

pub(super) fn write_frame(df: &mut DataFrame, path: &Path, parquet: bool) -> Result<bool> {
    let mut f = std::fs::File::create(path)?;
    if parquet {
        ParquetWriter::new(&mut f).finish(df).map_err(polars_err)?;
    } else {
        CsvWriter::new(&mut f)
            .include_header(true)
            .finish(df)
            .map_err(polars_err)?;
    }
    f.sync_all()?;
    Ok(true)
}

/// The failed inputs as a frame (`source`, `kind`, `message`).
fn failures_frame(season: &Season) -> Result<DataFrame> {
    let sources: Vec<&str> = season.failures.iter().map(|f| f.source.as_str()).collect();
    let kinds: Vec<&str> = season.failures.iter().map(|f| f.kind).collect();
    let messages: Vec<&str> = season.failures.iter().map(|f| f.message.as_str()).collect();
    DataFrame::new(
        sources.len(),
        vec![
            Column::new("source".into(), sources),
            Column::new("kind".into(), kinds),
            Column::new("message".into(), messages),
        ],
    )
    .map_err(polars_err)
}

/// Write every output into `dir` (created if missing) and return the paths written. Refuses
/// (an `AlreadyExists` I/O error naming the files) when any output exists and `force` is
/// false.
pub fn write_outputs(
    season: &Season,
    dir: &Path,
    units: Units,
    force: bool,
) -> Result<Vec<PathBuf>> {
    write_outputs_cancellable(season, dir, units, force, &super::Cancel::default())
}

/// [`write_outputs`] that stops when `cancel` is set: the outputs already written by this call
/// are removed (temporary files always are) and [`Error::Cancelled`] is returned.
pub fn write_outputs_cancellable(
    season: &Season,
    dir: &Path,
    units: Units,
    force: bool,
    cancel: &super::Cancel,
) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    let done = write_all(season, dir, units, force, cancel, &mut written);
    if done.is_err() && cancel.is_set() {
        for p in &written {
            let _ = std::fs::remove_file(p);
        }
    }
    done.map(|()| written)
}

fn write_all(
    season: &Season,
    dir: &Path,
    units: Units,
    force: bool,
    cancel: &super::Cancel,
    written: &mut Vec<PathBuf>,
) -> Result<()> {
    if !force {
        let existing = existing_outputs(dir);
        if !existing.is_empty() {
            return Err(Error::Io(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!(
                    "{} already holds {} (use --force to overwrite)",
                    dir.display(),
                    existing.join(", ")
                ),
            )));
        }
    }
    std::fs::create_dir_all(dir)?;
    let mut runs = runs_frame(&season.runs)?;
    let mut weeks = weeks_frame(&season.weeks)?;
    let mut days = days_frame(&season.days)?;
    let mut failures = failures_frame(season)?;
    let json =
        serde_json::to_vec_pretty(season).map_err(|e| Error::Io(std::io::Error::other(e)))?;
    let mut put = |name: &str, fill: &mut dyn FnMut(&Path) -> Result<bool>| -> Result<()> {
        if cancel.is_set() {
            return Err(Error::Cancelled);
        }
        let path = dir.join(name);
        if atomic(&path, fill)? {
            written.push(path);
        }
        Ok(())
    };
    put(RUNS_CSV, &mut |p| write_frame(&mut runs, p, false))?;
    put(RUNS_PARQUET, &mut |p| write_frame(&mut runs, p, true))?;
    put(WEEKS_CSV, &mut |p| write_frame(&mut weeks, p, false))?;
    put(WEEKS_PARQUET, &mut |p| write_frame(&mut weeks, p, true))?;
    if !season.days.is_empty() {
        put(DAYS_CSV, &mut |p| write_frame(&mut days, p, false))?;
        put(DAYS_PARQUET, &mut |p| write_frame(&mut days, p, true))?;
    }
    put(SEASON_JSON, &mut |p| write_file(p, &json))?;
    put(FAILURES_CSV, &mut |p| write_frame(&mut failures, p, false))?;
    for (name, draw) in season_charts::charts() {
        put(name, &mut |p| draw(season, units, Target::Png(p)))?;
    }
    Ok(())
}
