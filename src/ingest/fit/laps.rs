//! FIT lap and session messages, device names, and timer pauses.

use super::decode::Message;
use super::profile_names::{
    GARMIN_PRODUCT, INTENSITY, LAP_TRIGGER, MANUFACTURER, SPORT, SUB_SPORT, name_of,
};
use crate::model::{DeviceTotals, Lap, LapIntensity, LapTrigger, Pause, PauseSource};

/// Seconds between the Unix epoch and the FIT epoch (1989-12-31T00:00:00Z).
pub const FIT_EPOCH_UNIX_S: i64 = 631_065_600;

/// Global message number of `session`.
pub const SESSION: u16 = 18;
/// Global message number of `lap`.
pub const LAP: u16 = 19;

/// Manufacturers whose `product` field is a `garmin_product` (garmin, dynastream_oem,
/// dynastream, tacx).
const GARMIN_PRODUCT_MAKERS: [f64; 4] = [1.0, 13.0, 15.0, 89.0];
/// `favero_electronics`: its `product` is a `favero_product`, which lapwise does not name.
const FAVERO: f64 = 263.0;

/// A FIT lap or session before it is placed on the activity's time axis.
#[derive(Debug, Default, Clone)]
pub struct RawLap {
    /// `start_time` as Unix seconds.
    pub start_unix: Option<f64>,
    /// Start plus elapsed time, else the message timestamp, as Unix seconds.
    pub end_unix: Option<f64>,
    /// Sport name.
    pub sport: Option<String>,
    /// Sub-sport name.
    pub sub_sport: Option<String>,
    /// The lap's values (times relative to the activity are set later).
    pub lap: Lap,
    /// The device's totals (sessions).
    pub totals: DeviceTotals,
    /// `avg_cadence` / `avg_running_cadence` as stored (per foot on foot).
    pub cadence_raw: Option<f64>,
    /// `avg_fractional_cadence`.
    pub cadence_frac: Option<f64>,
    /// `intensity` as the FIT profile names it.
    pub intensity_name: Option<String>,
    /// `lap_trigger` as the FIT profile names it.
    pub trigger_name: Option<String>,
}

/// FIT seconds to Unix seconds.
pub fn unix_s(fit_s: f64) -> f64 {
    fit_s + FIT_EPOCH_UNIX_S as f64
}

/// Field numbers of one message type's lap fields (lap and session number them differently).
struct LapFields {
    sport: u8,
    sub_sport: u8,
    avg_speed: u8,
    avg_hr: u8,
    max_hr: u8,
    avg_cadence: u8,
    ascent: u8,
    descent: u8,
    frac_cadence: u8,
    enhanced_avg_speed: u8,
}

const LAP_FIELDS: LapFields = LapFields {
    sport: 25,
    sub_sport: 39,
    avg_speed: 13,
    avg_hr: 15,
    max_hr: 16,
    avg_cadence: 17,
    ascent: 21,
    descent: 22,
    frac_cadence: 80,
    enhanced_avg_speed: 110,
};

const SESSION_FIELDS: LapFields = LapFields {
    sport: 5,
    sub_sport: 6,
    avg_speed: 14,
    avg_hr: 16,
    max_hr: 17,
    avg_cadence: 18,
    ascent: 22,
    descent: 23,
    frac_cadence: 92,
    enhanced_avg_speed: 124,
};

/// A lap (global 19) or session (global 18) message.
pub fn raw_lap(msg: &Message) -> RawLap {
    let k = if msg.global == SESSION {
        &SESSION_FIELDS
    } else {
        &LAP_FIELDS
    };
    let is_lap = msg.global == LAP;
    let mut l = RawLap::default();
    let (mut avg_speed, mut enhanced) = (None, None);
    for f in msg.fields() {
        let n = f.num;
        match n {
            2 => l.start_unix = f.number().map(unix_s),
            7 => l.lap.elapsed_s = f.scaled(1000.0, 0.0),
            8 => l.lap.timer_s = f.scaled(1000.0, 0.0),
            9 => l.lap.distance_m = f.scaled(100.0, 0.0),
            11 => l.totals.calories_kcal = f.number(),
            23 if is_lap => {
                l.intensity_name = enum_name(INTENSITY, f.number());
                l.lap.intensity = l.intensity_name.as_deref().map(LapIntensity::from_name);
            }
            24 if is_lap => {
                l.trigger_name = enum_name(LAP_TRIGGER, f.number());
                l.lap.trigger = l.trigger_name.as_deref().map(LapTrigger::from_name);
            }
            71 if is_lap => l.lap.wkt_step_index = f.number().map(|i| i as u32),
            _ if n == k.sport => l.sport = enum_name(SPORT, f.number()),
            _ if n == k.sub_sport => l.sub_sport = enum_name(SUB_SPORT, f.number()),
            _ if n == k.avg_speed => avg_speed = f.scaled(1000.0, 0.0),
            _ if n == k.enhanced_avg_speed => enhanced = f.scaled(1000.0, 0.0),
            _ if n == k.avg_hr => l.lap.avg_hr_bpm = f.number(),
            _ if n == k.max_hr => l.lap.max_hr_bpm = f.number(),
            _ if n == k.avg_cadence => l.cadence_raw = f.number(),
            _ if n == k.frac_cadence => l.cadence_frac = f.scaled(128.0, 0.0),
            _ if n == k.ascent => l.lap.ascent_m = f.number(),
            _ if n == k.descent => l.lap.descent_m = f.number(),
            _ => {}
        }
    }
    l.lap.avg_speed_mps = enhanced.or(avg_speed);
    let end = msg.timestamp().map(|t| unix_s(f64::from(t)));
    l.end_unix = match (l.start_unix, l.lap.elapsed_s) {
        (Some(s), Some(e)) => Some(s + e),
        _ => end,
    };
    let lap = &l.lap;
    l.totals = DeviceTotals {
        distance_m: lap.distance_m,
        elapsed_s: lap.elapsed_s,
        timer_s: lap.timer_s,
        avg_hr_bpm: lap.avg_hr_bpm,
        max_hr_bpm: lap.max_hr_bpm,
        avg_cadence_spm: None,
        avg_speed_mps: lap.avg_speed_mps,
        ascent_m: lap.ascent_m,
        descent_m: lap.descent_m,
        calories_kcal: l.totals.calories_kcal,
    };
    l
}

/// The profile name of an enum value (unnamed values give `None`).
pub fn enum_name(table: &[(u8, &'static str)], v: Option<f64>) -> Option<String> {
    let v = v?;
    if !(0.0..=255.0).contains(&v) {
        return None;
    }
    name_of(table, v as u8).map(str::to_string)
}

/// "maker product" of a `file_id` or `device_info` message, given the numbers of its
/// manufacturer, product and product-name fields.
pub fn device_name(msg: &Message, maker_num: u8, product_num: u8, name_num: u8) -> Option<String> {
    let (mut maker, mut product, mut product_name) = (None, None, None);
    for f in msg.fields() {
        match f.num {
            n if n == maker_num => maker = f.number(),
            n if n == product_num => product = f.number(),
            n if n == name_num => product_name = f.text().map(str::to_string),
            _ => {}
        }
    }
    let maker_name = maker.map(|m| match name_u16(MANUFACTURER, m) {
        Some(s) => s.to_string(),
        None => format!("manufacturer {m}"),
    });
    let garmin = maker.is_some_and(|m| GARMIN_PRODUCT_MAKERS.contains(&m));
    let favero = maker == Some(FAVERO);
    let product = if garmin {
        let named = product.and_then(|p| name_u16(GARMIN_PRODUCT, p));
        named
            .map(str::to_string)
            .or(product_name)
            .or_else(|| product.map(|p| format!("{p}")))
    } else if favero {
        product_name
    } else {
        product_name.or_else(|| product.map(|p| format!("{p}")))
    };
    match (maker_name, product) {
        (Some(m), Some(p)) => Some(format!("{m} {p}")),
        (Some(m), None) => Some(m),
        (None, Some(p)) => Some(p),
        (None, None) => None,
    }
}

fn name_u16(table: &[(u16, &'static str)], v: f64) -> Option<&'static str> {
    if !(0.0..=65535.0).contains(&v) {
        return None;
    }
    name_of(table, v as u16)
}

/// Average cadence of a lap or session in steps/min on foot (rpm otherwise).
pub fn cadence(raw: Option<f64>, frac: Option<f64>, on_foot: bool) -> Option<f64> {
    let c = raw? + frac.unwrap_or(0.0);
    Some(if on_foot { 2.0 * c } else { c })
}

/// A lap placed on the activity's time axis (`t0` = Unix seconds of the first sample).
pub fn place_lap(l: &RawLap, t0: f64, on_foot: bool) -> Lap {
    let mut lap = l.lap.clone();
    lap.start_s = l.start_unix.map_or(0.0, |s| s - t0);
    lap.end_s = l.end_unix.map_or(lap.start_s, |e| e - t0);
    lap.avg_cadence_spm = cadence(l.cadence_raw, l.cadence_frac, on_foot);
    lap
}

/// Timer stop → start pairs inside `range`, relative to `t0`.
pub fn pauses(events: &[(f64, bool)], range: (f64, f64), t0: f64) -> Vec<Pause> {
    let mut evs: Vec<(f64, bool)> = events
        .iter()
        .copied()
        .filter(|(t, _)| *t >= range.0 - 1.0 && *t <= range.1 + 1.0)
        .collect();
    evs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = Vec::new();
    let mut stopped_at: Option<f64> = None;
    for (t, start) in evs {
        match (start, stopped_at) {
            (false, None) => stopped_at = Some(t),
            (true, Some(s)) => {
                if t > s {
                    out.push(Pause {
                        start_s: s - t0,
                        end_s: t - t0,
                        source: PauseSource::Timer,
                    });
                }
                stopped_at = None;
            }
            _ => {}
        }
    }
    out
}
