//! What the simulated watch recorded: samples, timer pauses, laps and the injected GPS faults,
//! written identically to FIT, GPX and TCX.

use crate::model::Sport;

/// One device lap with the totals a watch stores.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RecLap {
    /// Start, seconds since the first sample.
    pub start_s: u32,
    /// End, seconds since the first sample.
    pub end_s: u32,
    /// Index of the first sample of the lap in the recording.
    #[serde(skip)]
    pub start_idx: usize,
    /// Index of the last sample of the lap (shared with the next lap's start).
    #[serde(skip)]
    pub end_idx: usize,
    /// Device distance (m).
    pub distance_m: f64,
    /// Elapsed time (s).
    pub elapsed_s: f64,
    /// Timer time (s): elapsed minus pauses.
    pub timer_s: f64,
    /// Average heart rate (bpm).
    pub avg_hr_bpm: Option<f64>,
    /// Maximum heart rate (bpm).
    pub max_hr_bpm: Option<f64>,
    /// Average cadence, time-weighted over the timer with standing zeros included (Garmin's
    /// convention; a bike leaves coasting zeros out), in steps/min or rpm.
    pub avg_cadence: Option<f64>,
    /// Average speed (m/s): distance ÷ timer time.
    pub avg_speed_mps: f64,
    /// Maximum device speed (m/s).
    pub max_speed_mps: f64,
    /// Ascent (m).
    pub ascent_m: f64,
    /// Descent (m).
    pub descent_m: f64,
    /// FIT intensity name (`warmup`, `active`, `interval`, `recovery`, `rest`, `cooldown`).
    pub intensity: &'static str,
    /// FIT lap trigger name (`manual`, `distance`, `session_end`).
    pub trigger: &'static str,
}

/// GPS faults injected into a recording, in seconds since the first sample.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct GpsFaults {
    /// Dropouts (start_s, end_s): samples without position.
    pub dropouts: Vec<(f64, f64)>,
    /// Samples whose position and speed jump (time_s, metres off).
    pub spikes: Vec<(f64, f64)>,
    /// GPS lags (start_s, end_s): the fixes fall behind the runner, advancing at a fraction of
    /// the true pace, then catch up faster than the runner until they are on time again at
    /// `end_s` (as a receiver under trees or between buildings does). Off by default ([`super::device::DeviceConfig::lag_prob`]); not
    /// written when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lags: Vec<(f64, f64)>,
}

/// The device's view of the activity, written identically to FIT, GPX and TCX.
#[derive(Debug, Clone, PartialEq)]
pub struct Recording {
    /// Sport.
    pub sport: Sport,
    /// Sub-sport name as FIT spells it (`generic`, `track`, `treadmill`, `road`, `lap_swimming`).
    pub sub_sport: &'static str,
    /// Seconds since the first sample, per sample (integers).
    pub time_s: Vec<u32>,
    /// Latitude (degrees), NaN when absent.
    pub lat: Vec<f64>,
    /// Longitude (degrees), NaN when absent.
    pub lon: Vec<f64>,
    /// Altitude (m), NaN when absent.
    pub altitude: Vec<f64>,
    /// Device cumulative distance (m).
    pub distance: Vec<f64>,
    /// Device speed (m/s).
    pub speed: Vec<f64>,
    /// Heart rate (bpm), NaN when absent.
    pub hr: Vec<f64>,
    /// Cadence in steps/min (rpm for cycling), NaN when absent.
    pub cadence: Vec<f64>,
    /// Timer pauses (stop, start) in seconds since the first sample.
    pub pauses: Vec<(u32, u32)>,
    /// Device laps.
    pub laps: Vec<RecLap>,
    /// Injected GPS faults.
    pub faults: GpsFaults,
}

impl Recording {
    /// Number of samples.
    pub fn len(&self) -> usize {
        self.time_s.len()
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.time_s.is_empty()
    }

    /// Elapsed seconds from first to last sample.
    pub fn elapsed_s(&self) -> u32 {
        self.time_s.last().copied().unwrap_or(0)
    }

    /// Timer seconds: elapsed minus pauses.
    pub fn timer_s(&self) -> u32 {
        let paused: u32 = self.pauses.iter().map(|(a, b)| b.saturating_sub(*a)).sum();
        self.elapsed_s().saturating_sub(paused)
    }

    /// Final device distance (m).
    pub fn total_distance(&self) -> f64 {
        self.distance.last().copied().unwrap_or(0.0)
    }
}
