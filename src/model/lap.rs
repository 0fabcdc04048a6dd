//! A device lap as recorded in the file.

use serde::Serialize;

/// One lap as the device recorded it. Times are seconds of elapsed time since the activity's
/// first sample; values the file does not have are `None` (never 0).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Lap {
    /// Lap start, elapsed seconds since the activity's first sample.
    pub start_s: f64,
    /// Lap end, elapsed seconds since the activity's first sample.
    pub end_s: f64,
    /// Device's lap distance in metres.
    pub distance_m: Option<f64>,
    /// Device's timer (moving-clock) time in seconds.
    pub timer_s: Option<f64>,
    /// Device's elapsed time in seconds.
    pub elapsed_s: Option<f64>,
    /// Average heart rate in bpm.
    pub avg_hr_bpm: Option<f64>,
    /// Maximum heart rate in bpm.
    pub max_hr_bpm: Option<f64>,
    /// Average cadence in steps/min (running) or rpm (cycling), normalized at ingest.
    pub avg_cadence_spm: Option<f64>,
    /// Average speed in m/s as the device stated it.
    pub avg_speed_mps: Option<f64>,
    /// Total ascent in metres.
    pub ascent_m: Option<f64>,
    /// Total descent in metres.
    pub descent_m: Option<f64>,
    /// FIT `intensity` (active, rest, warmup, cooldown, recovery, interval, other) or TCX `Intensity`.
    pub intensity: Option<String>,
    /// FIT `lap_trigger` (manual, time, distance, position_start, session_end, ...) or TCX `TriggerMethod`.
    pub trigger: Option<String>,
    /// Index of the structured-workout step this lap belongs to, where the file says.
    pub wkt_step_index: Option<u32>,
}
