//! The normalized activity and its metadata.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Lap, Samples, Sport};

/// The file format an activity was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// Garmin FIT (binary).
    Fit,
    /// GPX 1.0 / 1.1.
    Gpx,
    /// Garmin Training Center XML.
    Tcx,
}

impl SourceFormat {
    /// Lower-case name (`fit`, `gpx`, `tcx`).
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Fit => "fit",
            SourceFormat::Gpx => "gpx",
            SourceFormat::Tcx => "tcx",
        }
    }
}

/// Metadata about the activity.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    /// The path as given by the user (archive members as `archive.zip!member`).
    pub source: String,
    /// Format the activity was decoded from.
    pub format: SourceFormat,
    /// Sport, normalized.
    pub sport: Sport,
    /// Sub-sport as the file names it (`track`, `treadmill`, `trail`, ...), if any.
    pub sub_sport: Option<String>,
    /// Device or creator name (`garmin fr945`, `Forerunner 945`, `StravaGPX`, ...).
    pub device: Option<String>,
    /// Activity name, where the file carries one (GPX `<name>`, TCX notes).
    pub name: Option<String>,
    /// UTC time of the first sample.
    pub start_utc: Option<DateTime<Utc>>,
    /// Offset of the activity's local time from UTC in seconds, from the file itself
    /// (FIT `activity.local_timestamp`, or a time-zone offset in GPX/TCX times), never from
    /// the machine running lapwise.
    pub local_offset_s: Option<i32>,
    /// True when the activity was recorded indoors / without positions (treadmill).
    pub indoor: bool,
    /// True when the file records the device timer's start/stop (FIT timer events); then only
    /// timer pauses count against timer time, and recording gaps only against moving time.
    pub timer_events: bool,
    /// True when the file itself recorded speed for most samples (FIT speed, a speed extension),
    /// as opposed to speed lapwise derives from distance; set by cleaning.
    pub speed_recorded: bool,
}

impl Meta {
    /// Metadata with only the source and format known.
    pub fn new(source: impl Into<String>, format: SourceFormat) -> Self {
        Meta {
            source: source.into(),
            format,
            sport: Sport::Other,
            sub_sport: None,
            device: None,
            name: None,
            start_utc: None,
            local_offset_s: None,
            indoor: false,
            timer_events: false,
            speed_recorded: false,
        }
    }
}

/// What a pause was found from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PauseSource {
    /// The device's timer was stopped (FIT timer events, GPX track-segment breaks).
    Timer,
    /// A recording gap found while cleaning (no samples for a long time, or while stopped).
    Gap,
}

/// A pause (stop → start), in elapsed seconds since the first sample.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pause {
    /// When the timer stopped / the gap began.
    pub start_s: f64,
    /// When the timer started again / the gap ended.
    pub end_s: f64,
    /// Where the pause comes from.
    pub source: PauseSource,
}

impl Pause {
    /// Length of the pause in seconds.
    pub fn duration_s(&self) -> f64 {
        self.end_s - self.start_s
    }
}

/// Totals the device itself computed (FIT session, or the sum of TCX laps), kept to cross-check
/// lapwise's own numbers. `None` where the file does not say.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DeviceTotals {
    /// Total distance in metres.
    pub distance_m: Option<f64>,
    /// Total elapsed time in seconds.
    pub elapsed_s: Option<f64>,
    /// Total timer time in seconds.
    pub timer_s: Option<f64>,
    /// Average heart rate in bpm.
    pub avg_hr_bpm: Option<f64>,
    /// Maximum heart rate in bpm.
    pub max_hr_bpm: Option<f64>,
    /// Average cadence in steps/min (on-foot sports) or rpm.
    pub avg_cadence_spm: Option<f64>,
    /// Average speed in m/s.
    pub avg_speed_mps: Option<f64>,
    /// Total ascent in metres.
    pub ascent_m: Option<f64>,
    /// Total descent in metres.
    pub descent_m: Option<f64>,
    /// Energy in kilocalories.
    pub calories_kcal: Option<f64>,
}

/// One activity: metadata, samples as columns, device laps, timer pauses and device totals.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    /// Metadata (source, sport, device, start time, local offset).
    pub meta: Meta,
    /// Per-sample columns.
    pub samples: Samples,
    /// Device laps, in order.
    pub laps: Vec<Lap>,
    /// Timer pauses (stop → start), in order.
    pub pauses: Vec<Pause>,
    /// The device's own totals, when the file has them.
    pub device: Option<DeviceTotals>,
    /// Problems found while reading or cleaning that did not stop the analysis.
    pub warnings: Vec<String>,
}

impl Activity {
    /// An empty activity for the given metadata.
    pub fn new(meta: Meta) -> Self {
        Activity {
            meta,
            samples: Samples::default(),
            laps: Vec::new(),
            pauses: Vec::new(),
            device: None,
            warnings: Vec::new(),
        }
    }

    /// Elapsed seconds from the first to the last sample.
    pub fn elapsed_s(&self) -> f64 {
        match (self.samples.time_s.first(), self.samples.time_s.last()) {
            (Some(a), Some(b)) => b - a,
            _ => 0.0,
        }
    }
}
