//! Device laps side by side with what the samples say about the same stretch.

use serde::Serialize;

use crate::model::{Activity, Lap};
use crate::segment::window::{WindowStats, window_stats};

/// A device lap as recorded, plus lapwise's own figures for the same time window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LapReport {
    /// 1-based lap number.
    pub number: usize,
    /// The lap as the device recorded it.
    #[serde(flatten)]
    pub device: Lap,
    /// lapwise's figures over the lap's time window.
    pub computed: WindowStats,
}

impl LapReport {
    /// Lap distance: the device's, else computed.
    pub fn distance_m(&self) -> Option<f64> {
        self.device.distance_m.or(self.computed.distance_m)
    }

    /// Lap timer time: the device's, else computed.
    pub fn timer_s(&self) -> f64 {
        self.device.timer_s.unwrap_or(self.computed.timer_s)
    }

    /// Average speed over the lap's timer time, m/s.
    pub fn avg_speed_mps(&self) -> Option<f64> {
        let t = self.timer_s();
        self.distance_m().filter(|_| t > 0.0).map(|d| d / t)
    }
}

/// One report per device lap, in order.
pub fn lap_reports(act: &Activity) -> Vec<LapReport> {
    act.laps
        .iter()
        .enumerate()
        .map(|(i, lap)| {
            let end = if lap.end_s > lap.start_s {
                lap.end_s
            } else {
                lap.start_s + lap.elapsed_s.unwrap_or(0.0)
            };
            LapReport {
                number: i + 1,
                device: lap.clone(),
                computed: window_stats(act, lap.start_s, end),
            }
        })
        .collect()
}
