//! `season --sample-dataset DIR`: every counted run's cleaned samples as one Parquet dataset,
//! partitioned by the month of the run's local date (`month=YYYY-MM/samples.parquet`; a run
//! is never split across partitions), rows in athlete, start and time order. Readable as one
//! dataset by DuckDB, polars and Spark; docs/scale.md.

use std::path::{Path, PathBuf};

use polars::prelude::*;

use super::output::{atomic, clear_partitions, write_frame};
use super::rollup::polars_err;
use super::samples::RunSamples;
use crate::Result;

/// The file in each partition.
pub const SAMPLES_PARQUET: &str = "samples.parquet";

/// The samples as one DataFrame: `athlete_id, source, start_epoch_s, timestamp_s` (UTC epoch
/// seconds of the sample), then the sample columns of `lapwise.samples`.
pub fn samples_frame(runs: &[&RunSamples]) -> Result<DataFrame> {
    let rep_str = |f: fn(&RunSamples) -> Option<String>| {
        runs.iter()
            .flat_map(|r| std::iter::repeat_n(f(r), r.len()))
            .collect::<Vec<Option<String>>>()
    };
    // Missing readings are NaN in lapwise's columns and null in the dataset.
    let cat = |f: fn(&RunSamples) -> &[f64]| {
        runs.iter()
            .flat_map(|r| f(r).iter().map(|v| v.is_finite().then_some(*v)))
            .collect::<Vec<Option<f64>>>()
    };
    let timestamp: Vec<f64> = runs
        .iter()
        .flat_map(|r| r.time_s.iter().map(move |t| r.start_epoch_s + t))
        .collect();
    let cols = vec![
        Column::new("athlete_id".into(), rep_str(|r| r.athlete_id.clone())),
        Column::new("source".into(), rep_str(|r| Some(r.source.clone()))),
        Column::new(
            "start_epoch_s".into(),
            runs.iter()
                .flat_map(|r| std::iter::repeat_n(r.start_epoch_s, r.len()))
                .collect::<Vec<f64>>(),
        ),
        Column::new("timestamp_s".into(), timestamp),
        Column::new("time_s".into(), cat(|r| &r.time_s)),
        Column::new("distance_m".into(), cat(|r| &r.distance_m)),
        Column::new("speed_mps".into(), cat(|r| &r.speed_mps)),
        Column::new("hr_bpm".into(), cat(|r| &r.hr_bpm)),
        Column::new("cadence_spm".into(), cat(|r| &r.cadence_spm)),
        Column::new("altitude_m".into(), cat(|r| &r.altitude_m)),
        Column::new("lat_deg".into(), cat(|r| &r.lat_deg)),
        Column::new("lon_deg".into(), cat(|r| &r.lon_deg)),
        Column::new("power_w".into(), cat(|r| &r.power_w)),
        Column::new(
            "moving".into(),
            runs.iter()
                .flat_map(|r| r.moving.iter().copied())
                .collect::<Vec<bool>>(),
        ),
        Column::new(
            "segment".into(),
            runs.iter()
                .flat_map(|r| r.segment.iter().map(|k| k.map(|k| k.as_str())))
                .collect::<Vec<Option<&str>>>(),
        ),
    ];
    DataFrame::new_infer_height(cols).map_err(polars_err)
}

/// Write `samples` under `dir`, one `month=YYYY-MM/samples.parquet` per month of the runs'
/// local dates. Partitions already there are refused unless `force`. Returns the files
/// written.
pub fn write_sample_dataset(
    samples: &[RunSamples],
    dir: &Path,
    force: bool,
) -> Result<Vec<PathBuf>> {
    clear_partitions(dir, "month", SAMPLES_PARQUET, force)?;
    let month = |r: &RunSamples| r.date.format("%Y-%m").to_string();
    let mut months: Vec<String> = samples.iter().map(month).collect();
    months.sort_unstable();
    months.dedup();
    let mut written = Vec::new();
    for m in months {
        let mut runs: Vec<&RunSamples> = samples.iter().filter(|r| month(r) == m).collect();
        runs.sort_by(|a, b| {
            (a.athlete_id.as_deref(), a.start_epoch_s, a.source.as_str())
                .partial_cmp(&(b.athlete_id.as_deref(), b.start_epoch_s, b.source.as_str()))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let part = dir.join(format!("month={m}"));
        std::fs::create_dir_all(&part)?;
        let path = part.join(SAMPLES_PARQUET);
        let mut df = samples_frame(&runs)?;
        atomic(&path, |p| write_frame(&mut df, p, true))?;
        written.push(path);
    }
    Ok(written)
}
