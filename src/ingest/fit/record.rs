//! The fields of a FIT `record` message (global 20) lapwise reads, decoded from a message view.

use super::decode::{Message, TIMESTAMP_FIELD};

/// The record fields lapwise reads, as decoded from one `record` message.
#[derive(Debug, Clone, Copy, Default)]
pub struct RecordFields {
    /// Timestamp (FIT seconds; a compressed header's when present).
    pub timestamp: Option<f64>,
    /// Latitude (semicircles).
    pub lat: Option<f64>,
    /// Longitude (semicircles).
    pub lon: Option<f64>,
    /// `altitude` (m).
    pub altitude: Option<f64>,
    /// `enhanced_altitude` (m).
    pub enhanced_altitude: Option<f64>,
    /// `heart_rate` (bpm).
    pub heart_rate: Option<f64>,
    /// `cadence` (rpm, per foot on foot).
    pub cadence: Option<f64>,
    /// `fractional_cadence`.
    pub fractional_cadence: Option<f64>,
    /// `distance` (m).
    pub distance: Option<f64>,
    /// `speed` (m/s).
    pub speed: Option<f64>,
    /// `enhanced_speed` (m/s).
    pub enhanced_speed: Option<f64>,
    /// `power` (W).
    pub power: Option<f64>,
    /// `temperature` (°C).
    pub temperature: Option<f64>,
    /// The raw 3 bytes of `compressed_speed_distance`.
    pub compressed_speed_distance: Option<[u8; 3]>,
}

impl RecordFields {
    /// Decode the fields of a `record` message.
    #[inline]
    pub fn of(msg: &Message) -> RecordFields {
        let mut r = RecordFields::default();
        for f in msg.fields() {
            match f.num {
                TIMESTAMP_FIELD => r.timestamp = f.number(),
                0 => r.lat = f.number(),
                1 => r.lon = f.number(),
                2 => r.altitude = f.scaled(5.0, 500.0),
                3 => r.heart_rate = f.number(),
                4 => r.cadence = f.number(),
                5 => r.distance = f.scaled(100.0, 0.0),
                6 => r.speed = f.scaled(1000.0, 0.0),
                7 => r.power = f.number(),
                8 => {
                    if let [a, b, c, ..] = *f.bytes
                        && (a, b, c) != (0xFF, 0xFF, 0xFF)
                    {
                        r.compressed_speed_distance = Some([a, b, c]);
                    }
                }
                13 => r.temperature = f.number(),
                53 => r.fractional_cadence = f.scaled(128.0, 0.0),
                73 => r.enhanced_speed = f.scaled(1000.0, 0.0),
                78 => r.enhanced_altitude = f.scaled(5.0, 500.0),
                _ => {}
            }
        }
        if let Some(t) = msg.header_timestamp {
            r.timestamp = Some(f64::from(t));
        }
        r
    }
}

/// Distance from a `compressed_speed_distance` field: the low 12 bits of distance in 1/16 m,
/// accumulated across roll-overs. `state` holds the last 12-bit value and the running total.
pub fn accumulate_compressed_distance(state: &mut Option<(u16, f64)>, raw: [u8; 3]) -> f64 {
    let d12 = (u16::from(raw[1]) >> 4) | (u16::from(raw[2]) << 4);
    let total = match *state {
        None => 0.0,
        Some((last, total)) => total + f64::from((d12 + 4096 - last) % 4096) / 16.0,
    };
    *state = Some((d12, total));
    total
}
