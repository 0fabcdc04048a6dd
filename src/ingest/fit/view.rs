//! The decoder's output as plain numbers, for cross-checks against other decoders and for
//! benchmarks. Not part of the supported API.

use super::builder::RecordFields;
use super::decode::{self, Message};
use super::header::{data_to_end, scan_chunks};
use super::laps::{LAP, RawLap, SESSION, raw_lap};
use super::{MAX_MESSAGES, laps::unix_s};
use crate::Result;

/// `record` fields as decoded (no accumulation of compressed distance; timestamp in FIT s).
pub type RecordView = RecordFields;

/// A lap or session message as decoded.
#[derive(Debug, Clone, Default)]
pub struct LapView {
    /// `start_time` (Unix s).
    pub start_unix: Option<f64>,
    /// Message timestamp (Unix s).
    pub timestamp_unix: Option<f64>,
    /// The decoded values (lap fields, totals, sport).
    pub raw: RawLapValues,
}

/// The values of a lap or session lapwise uses.
#[derive(Debug, Clone, Default)]
pub struct RawLapValues {
    /// total_elapsed_time (s).
    pub elapsed_s: Option<f64>,
    /// total_timer_time (s).
    pub timer_s: Option<f64>,
    /// total_distance (m).
    pub distance_m: Option<f64>,
    /// total_calories (kcal).
    pub calories: Option<f64>,
    /// enhanced_avg_speed, else avg_speed (m/s).
    pub avg_speed: Option<f64>,
    /// avg_heart_rate.
    pub avg_hr: Option<f64>,
    /// max_heart_rate.
    pub max_hr: Option<f64>,
    /// avg_cadence / avg_running_cadence.
    pub avg_cadence: Option<f64>,
    /// avg_fractional_cadence.
    pub avg_fractional_cadence: Option<f64>,
    /// total_ascent (m).
    pub ascent: Option<f64>,
    /// total_descent (m).
    pub descent: Option<f64>,
    /// intensity name (laps).
    pub intensity: Option<String>,
    /// lap_trigger name (laps).
    pub trigger: Option<String>,
    /// wkt_step_index (laps).
    pub wkt_step_index: Option<u32>,
    /// sport name.
    pub sport: Option<String>,
    /// sub_sport name.
    pub sub_sport: Option<String>,
}

/// One `event` message: timestamp (Unix s), event and event_type numbers.
pub type EventView = (Option<f64>, Option<f64>, Option<f64>);

/// Everything the decoder hands lapwise, in file order.
#[derive(Debug, Clone, Default)]
pub struct DecodedView {
    /// `record` messages.
    pub records: Vec<RecordView>,
    /// Developer field values of records: (record index, field name, value).
    pub record_dev: Vec<(usize, String, f64)>,
    /// `lap` messages.
    pub laps: Vec<LapView>,
    /// `session` messages.
    pub sessions: Vec<LapView>,
    /// `event` messages.
    pub events: Vec<EventView>,
    /// Data messages of every kind.
    pub messages: usize,
    /// Where and why decoding stopped early.
    pub stop: Option<(usize, String)>,
}

fn lap_view(msg: &Message) -> LapView {
    let l: RawLap = raw_lap(msg);
    LapView {
        start_unix: l.start_unix,
        timestamp_unix: msg.timestamp().map(|t| unix_s(f64::from(t))),
        raw: RawLapValues {
            elapsed_s: l.lap.elapsed_s,
            timer_s: l.lap.timer_s,
            distance_m: l.lap.distance_m,
            calories: l.totals.calories_kcal,
            avg_speed: l.lap.avg_speed_mps,
            avg_hr: l.lap.avg_hr_bpm,
            max_hr: l.lap.max_hr_bpm,
            avg_cadence: l.cadence_raw,
            avg_fractional_cadence: l.cadence_frac,
            ascent: l.lap.ascent_m,
            descent: l.lap.descent_m,
            intensity: l.intensity_name,
            trigger: l.trigger_name,
            wkt_step_index: l.lap.wkt_step_index,
            sport: l.sport,
            sub_sport: l.sub_sport,
        },
    }
}

/// Decode a FIT file into a [`DecodedView`] (header and CRC problems are not reported here).
pub fn decode_view(bytes: &[u8]) -> Result<DecodedView> {
    let scan = scan_chunks(bytes)?;
    let mut view = collect(bytes, &scan.sections);
    if view.records.is_empty() && scan.declared_too_short {
        view = collect(bytes, &[data_to_end(bytes)]);
    }
    Ok(view)
}

fn collect(bytes: &[u8], sections: &[std::ops::Range<usize>]) -> DecodedView {
    let mut v = DecodedView::default();
    let walked = decode::walk(bytes, sections, MAX_MESSAGES, |m| match m.global {
        20 => {
            let i = v.records.len();
            v.records.push(RecordFields::of(m));
            for d in m.dev_fields() {
                if let Some(x) = d.value() {
                    v.record_dev.push((i, d.description.name.clone(), x));
                }
            }
        }
        LAP => v.laps.push(lap_view(m)),
        SESSION => v.sessions.push(lap_view(m)),
        21 => {
            let (mut e, mut k) = (None, None);
            for f in m.fields() {
                match f.num {
                    0 => e = f.number(),
                    1 => k = f.number(),
                    _ => {}
                }
            }
            v.events
                .push((m.timestamp().map(|t| unix_s(f64::from(t))), e, k));
        }
        _ => {}
    });
    v.messages = walked.messages;
    v.stop = walked.stop.map(|(at, r)| (at, r.to_string()));
    v
}

/// Check the CRC and decode every record's fields, returning a sum of them (for benchmarks of
/// the decoder without the model).
pub fn decode_checksum(bytes: &[u8]) -> f64 {
    let Ok(scan) = scan_chunks(bytes) else {
        return 0.0;
    };
    let mut sum = 0.0;
    decode::walk(bytes, &scan.sections, MAX_MESSAGES, |m| {
        if m.global == 20 {
            let r = RecordFields::of(m);
            sum += r.timestamp.unwrap_or(0.0)
                + r.distance.unwrap_or(0.0)
                + r.enhanced_speed.or(r.speed).unwrap_or(0.0)
                + r.heart_rate.unwrap_or(0.0)
                + r.lat.unwrap_or(0.0);
        }
    });
    sum
}
