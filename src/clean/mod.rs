//! Cleaning: the one step between reading and analysing. Every computation downstream relies on
//! what this stage guarantees:
//!
//! - `time_s` starts at 0 and strictly increases (duplicate, backward and wild timestamps dropped);
//! - `distance_m` starts at 0, never decreases, and has no `NaN` when the activity has distance
//!   at all (from the device, else from smoothed positions, else from integrated speed);
//! - `speed_mps` is filled wherever distance is, with spikes above the sport's limit removed;
//! - heart rates outside 25–250 bpm or stuck, and placeholder altitudes of exactly 0 m, are
//!   `NaN`;
//! - short `NaN` runs in every channel are interpolated; long gaps become pauses;
//! - `timer_running` is false inside pauses and `moving` marks samples above the moving speed.
//!
//! Every threshold lives in [`CleanConfig`] and is stated in docs/metrics.md.

mod altitude;
mod distance;
mod fill;
mod gps_excursions;
mod heart_rate;

pub use heart_rate::{HR_MAX_BPM, HR_MIN_BPM};
mod order;
mod pauses;

use crate::model::{Activity, Sport};

/// Thresholds used by [`clean`].
#[derive(Debug, Clone, PartialEq)]
pub struct CleanConfig {
    /// `NaN` runs in a channel up to this long (seconds) are interpolated linearly.
    pub max_interpolated_gap_s: f64,
    /// A recording gap longer than this (seconds) while barely moving becomes a pause.
    pub stopped_gap_s: f64,
    /// A recording gap longer than this (seconds) is always a pause.
    pub long_gap_s: f64,
    /// Speed below which an on-foot athlete is stopped (m/s).
    pub moving_speed_on_foot_mps: f64,
    /// Speed below which a cyclist (or other sport) is stopped (m/s).
    pub moving_speed_other_mps: f64,
    /// Half-width (seconds) of the centred window used to smooth positions and derive speed.
    pub smoothing_half_window_s: f64,
}

impl Default for CleanConfig {
    fn default() -> Self {
        CleanConfig {
            max_interpolated_gap_s: 20.0,
            stopped_gap_s: 20.0,
            long_gap_s: 120.0,
            moving_speed_on_foot_mps: 0.5,
            moving_speed_other_mps: 1.0,
            smoothing_half_window_s: 2.0,
        }
    }
}

/// Highest plausible speed for a sport (m/s); faster samples are spikes.
pub fn max_speed_mps(sport: Sport) -> f64 {
    match sport {
        Sport::Running => 12.5,
        Sport::Walking | Sport::Hiking => 4.0,
        Sport::Swimming => 3.0,
        Sport::Rowing => 7.0,
        Sport::Cycling => 30.0,
        Sport::Multisport | Sport::Other => 40.0,
    }
}

/// Clean an activity in place (see the module documentation for what it guarantees).
pub fn clean(act: &mut Activity, cfg: &CleanConfig) {
    order::keep_increasing_times(act);
    order::drop_wild_blocks(act);
    if act.samples.is_empty() {
        return;
    }
    order::rebase_time(act);
    heart_rate::drop_implausible(act);
    altitude::drop_placeholder_zeros(act);
    fill::interpolate_short_gaps(act, cfg.max_interpolated_gap_s);
    distance::fill_distance(act, cfg);
    distance::fill_speed(act, cfg);
    pauses::gap_pauses(act, cfg);
    pauses::mark_timer_and_moving(act, cfg);
}

/// Read and clean: the common first two pipeline steps.
pub fn cleaned(mut act: Activity) -> Activity {
    clean(&mut act, &CleanConfig::default());
    act
}
