//! Units and formatting: the only place where metres and seconds become miles, paces and clocks.

pub use crate::model::Units;
use crate::model::{FOOT_M, MILE_M};

impl Units {
    /// Distance in the display unit with two decimals and the unit (`6.21 mi`).
    pub fn distance(self, m: f64) -> String {
        format!("{:.2} {}", m / self.unit_m(), self.distance_label())
    }

    /// Pace for a speed (`7:58 /mi`); `–` when not moving.
    pub fn pace(self, mps: f64) -> String {
        match pace_s(mps, self.unit_m()) {
            Some(s) => format!("{} /{}", clock(s), self.distance_label()),
            None => "–".to_string(),
        }
    }

    /// Pace without the unit suffix (`7:58`).
    pub fn pace_bare(self, mps: f64) -> String {
        pace_s(mps, self.unit_m()).map_or_else(|| "–".to_string(), clock)
    }

    /// Speed in mph or km/h with the unit.
    pub fn speed(self, mps: f64) -> String {
        match self {
            Units::Imperial => format!("{:.1} mph", mps * 3600.0 / MILE_M),
            Units::Metric => format!("{:.1} km/h", mps * 3.6),
        }
    }

    /// Elevation in feet or metres with the unit.
    pub fn elevation(self, m: f64) -> String {
        match self {
            Units::Imperial => format!("{:.0} ft", m / FOOT_M),
            Units::Metric => format!("{m:.0} m"),
        }
    }

    /// A signed elevation change in feet or metres with the unit (`+12 ft`).
    pub fn elevation_delta(self, m: f64) -> String {
        match self {
            Units::Imperial => format!("{:+.0} ft", m / FOOT_M),
            Units::Metric => format!("{m:+.0} m"),
        }
    }
}

/// Seconds per `unit_m` at `mps`, or `None` when the speed is not positive.
pub fn pace_s(mps: f64, unit_m: f64) -> Option<f64> {
    (mps.is_finite() && mps > 0.0).then(|| unit_m / mps)
}

/// A duration as `h:mm:ss` or `m:ss` (rounded to the second).
pub fn clock(seconds: f64) -> String {
    if !seconds.is_finite() {
        return "–".to_string();
    }
    let total = seconds.round().max(0.0) as u64;
    let (h, m, s) = (total / 3600, (total / 60) % 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A duration with tenths, for short efforts (`1:29.4`).
pub fn clock_tenths(seconds: f64) -> String {
    if !seconds.is_finite() {
        return "–".to_string();
    }
    let tenths = (seconds * 10.0).round().max(0.0) as u64;
    let (h, m, s, t) = (
        tenths / 36_000,
        (tenths / 600) % 60,
        (tenths / 10) % 60,
        tenths % 10,
    );
    if h > 0 {
        format!("{h}:{m:02}:{s:02}.{t}")
    } else {
        format!("{m}:{s:02}.{t}")
    }
}

/// A UTC offset in seconds as `UTC+01:00`.
pub fn utc_offset(offset_s: i32) -> String {
    let sign = if offset_s < 0 { '-' } else { '+' };
    let a = offset_s.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", a / 3600, (a / 60) % 60)
}

/// A standard rep distance as a runner names it: "1 mi", "2 mi", else metres ("800 m").
pub fn rep_distance_label(d: f64) -> String {
    let miles = (d / MILE_M).round();
    if miles >= 1.0 && (d - miles * MILE_M).abs() < 1.0 {
        format!("{miles:.0} mi")
    } else {
        format!("{d:.0} m")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(clock(478.0), "7:58");
        assert_eq!(clock(3725.4), "1:02:05");
        assert_eq!(clock_tenths(89.44), "1:29.4");
        assert_eq!(clock_tenths(4103.9), "1:08:23.9");
        assert_eq!(Units::Imperial.pace(MILE_M / 478.0), "7:58 /mi");
        assert_eq!(Units::Metric.pace(1000.0 / 300.0), "5:00 /km");
        assert_eq!(Units::Metric.pace(0.0), "–");
        assert_eq!(Units::Imperial.distance(10_000.0), "6.21 mi");
        assert_eq!(utc_offset(-16200), "UTC-04:30");
        assert_eq!(utc_offset(3600), "UTC+01:00");
    }
}
