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

    /// Average speed over the lap's timer time, m/s; `None` for a lap too short to have a pace
    /// (under [`LAP_PACE_MIN_M`] or [`LAP_PACE_MIN_S`]) or faster than anyone moves in the
    /// activity's `sport` ([`crate::clean::max_speed_mps`]): the broken laps of some exports
    /// (0.34 mi in 0:09) would read as a pace of 0:25 /mi, and 10 m in a minute as 3:18:29 /mi.
    pub fn avg_speed_mps(&self, sport: crate::model::Sport) -> Option<f64> {
        let t = self.timer_s();
        self.distance_m()
            .filter(|&d| t >= LAP_PACE_MIN_S && d >= LAP_PACE_MIN_M)
            .map(|d| d / t)
            .filter(|&v| v <= crate::clean::max_speed_mps(sport))
    }
}

/// A lap shorter than this (m) has no pace in the lap table.
pub const LAP_PACE_MIN_M: f64 = 20.0;
/// A lap shorter than this (s) has no pace in the lap table.
pub const LAP_PACE_MIN_S: f64 = 5.0;

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
