//! Conversions from `fitparser` values to plain numbers, strings and times.

use chrono::{Local, NaiveDate, TimeZone};
use fitparser::Value;

/// Seconds between the Unix epoch and the FIT epoch (1989-12-31T00:00:00Z).
pub const FIT_EPOCH_UNIX_S: i64 = 631_065_600;

/// A numeric value as f64 (first element of an array; timestamps as Unix seconds).
pub fn as_f64(v: &Value) -> Option<f64> {
    let x = match v {
        Value::Byte(x) | Value::Enum(x) | Value::UInt8(x) | Value::UInt8z(x) => *x as f64,
        Value::SInt8(x) => *x as f64,
        Value::SInt16(x) => *x as f64,
        Value::UInt16(x) | Value::UInt16z(x) => *x as f64,
        Value::SInt32(x) => *x as f64,
        Value::UInt32(x) | Value::UInt32z(x) => *x as f64,
        Value::SInt64(x) => *x as f64,
        Value::UInt64(x) | Value::UInt64z(x) => *x as f64,
        Value::Float32(x) => *x as f64,
        Value::Float64(x) => *x,
        Value::Timestamp(t) => t.timestamp() as f64,
        Value::Array(items) => return items.iter().find_map(as_f64),
        Value::String(_) | Value::Invalid => return None,
    };
    x.is_finite().then_some(x)
}

/// A string or enum-name value.
pub fn as_str(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s.as_str()),
        _ => None,
    }
}

/// A UTC timestamp field as Unix seconds.
pub fn as_unix_s(v: &Value) -> Option<i64> {
    match v {
        Value::Timestamp(t) => Some(t.timestamp()),
        _ => None,
    }
}

/// The raw FIT seconds of a *local* date-time field (e.g. `activity.local_timestamp`).
///
/// The decoder places local date-times on the machine's own zone, so the raw value is
/// recovered by undoing exactly that placement; the result does not depend on the machine.
pub fn local_raw_s(v: &Value) -> Option<i64> {
    let t = match v {
        Value::Timestamp(t) => *t,
        _ => return None,
    };
    let reference = NaiveDate::from_ymd_opt(1989, 12, 31)?.and_hms_opt(0, 0, 0)?;
    let placed = Local.from_local_datetime(&reference).single()?;
    Some(t.timestamp() - placed.timestamp())
}

/// Semicircles to degrees.
pub fn semicircles_to_deg(v: f64) -> f64 {
    v * (180.0 / 2_147_483_648.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_arrays() {
        assert_eq!(as_f64(&Value::UInt16(7)), Some(7.0));
        assert_eq!(as_f64(&Value::Array(vec![Value::Float32(1.5)])), Some(1.5));
        assert_eq!(as_f64(&Value::String("x".into())), None);
        assert_eq!(as_f64(&Value::Float64(f64::NAN)), None);
        assert!((semicircles_to_deg(2_147_483_648.0 / 2.0) - 90.0).abs() < 1e-12);
    }
}
