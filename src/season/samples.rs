//! The cleaned samples of a season's counted runs (`season --sample-dataset`): one table per
//! run, the columns of `lapwise.samples` in Python, with the run's athlete, source and start so
//! that a whole club's samples form one dataset.

use chrono::NaiveDate;

use super::rows::RunRow;
use crate::report::Analysed;
use crate::segment::{SegmentKind, kind_per_sample};

/// The samples of one counted run.
#[derive(Debug, Clone, PartialEq)]
pub struct RunSamples {
    /// The run's athlete (squads), as in runs.csv.
    pub athlete_id: Option<String>,
    /// The run's source, as in runs.csv.
    pub source: String,
    /// The run's local date (the partition's month).
    pub date: NaiveDate,
    /// The run's start, seconds since 1970-01-01 UTC.
    pub start_epoch_s: f64,
    /// Seconds since the first sample.
    pub time_s: Vec<f64>,
    /// Cumulative distance (m).
    pub distance_m: Vec<f64>,
    /// Speed (m/s).
    pub speed_mps: Vec<f64>,
    /// Heart rate (bpm).
    pub hr_bpm: Vec<f64>,
    /// Cadence (steps/min running, rpm cycling).
    pub cadence_spm: Vec<f64>,
    /// Altitude (m).
    pub altitude_m: Vec<f64>,
    /// Latitude (degrees).
    pub lat_deg: Vec<f64>,
    /// Longitude (degrees).
    pub lon_deg: Vec<f64>,
    /// Power (W).
    pub power_w: Vec<f64>,
    /// Whether the runner was moving.
    pub moving: Vec<bool>,
    /// The segment each sample falls in.
    pub segment: Vec<Option<SegmentKind>>,
}

impl RunSamples {
    /// The samples of analysed run `a`, whose runs.csv row is `row`.
    pub fn of(a: &Analysed, row: &RunRow) -> RunSamples {
        let s = &a.activity.samples;
        RunSamples {
            athlete_id: row.athlete_id.clone(),
            source: row.source.clone(),
            date: row.date,
            start_epoch_s: row.start_epoch_s,
            time_s: s.time_s.clone(),
            distance_m: s.distance_m.clone(),
            speed_mps: s.speed_mps.clone(),
            hr_bpm: s.hr_bpm.clone(),
            cadence_spm: s.cadence.clone(),
            altitude_m: s.altitude_m.clone(),
            lat_deg: s.lat_deg.clone(),
            lon_deg: s.lon_deg.clone(),
            power_w: s.power_w.clone(),
            moving: s.moving.clone(),
            segment: kind_per_sample(&s.time_s, &a.analysis.segmentation.segments),
        }
    }

    /// Number of samples.
    pub fn len(&self) -> usize {
        self.time_s.len()
    }

    /// Whether the run has no samples.
    pub fn is_empty(&self) -> bool {
        self.time_s.is_empty()
    }
}
