//! A small FIT encoder writing activities the way watches do: file_id, device_info, timer
//! events, 1 Hz records (per-foot cadence with fractional_cadence), laps inline as they end,
//! session and activity with local_timestamp. Little-endian, header and file CRC.

use chrono::{DateTime, Utc};

use super::recording::RecLap;
use super::recording::Recording;
use crate::ingest::fit::fit_crc;
use crate::model::Sport;

/// Seconds between the Unix epoch and the FIT epoch (1989-12-31T00:00:00Z).
pub const FIT_EPOCH_UNIX_S: i64 = 631_065_600;
/// Profile version written in the header (21.32).
pub const PROFILE_VERSION: u16 = 2132;
/// Protocol version written in the header (2.0).
pub const PROTOCOL_VERSION: u8 = 0x20;
/// Manufacturer code: `development` (255).
pub const MANUFACTURER_DEVELOPMENT: u16 = 255;
/// Serial number written in file_id and device_info.
pub const SERIAL_NUMBER: u32 = 3_141_592_653;

/// A FIT base type: wire code, size and invalid value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Base {
    Enum,
    U8,
    U16,
    U32,
    S32,
    U32z,
    Str(u8),
}

impl Base {
    fn code(self) -> u8 {
        match self {
            Base::Enum => 0x00,
            Base::U8 => 0x02,
            Base::U16 => 0x84,
            Base::U32 => 0x86,
            Base::S32 => 0x85,
            Base::U32z => 0x8C,
            Base::Str(_) => 0x07,
        }
    }
    fn size(self) -> u8 {
        match self {
            Base::Enum | Base::U8 => 1,
            Base::U16 => 2,
            Base::U32 | Base::S32 | Base::U32z => 4,
            Base::Str(n) => n,
        }
    }
}

/// A value to write; `None` writes the base type's invalid value.
#[derive(Debug, Clone, Copy)]
enum V<'a> {
    N(Option<i64>),
    S(&'a str),
}

fn opt(x: f64, scale: f64, offset: f64) -> V<'static> {
    V::N(x.is_finite().then(|| ((x + offset) * scale).round() as i64))
}

fn n(x: i64) -> V<'static> {
    V::N(Some(x))
}

const NONE: V<'static> = V::N(None);

// Local message numbers and their field lists (field number, base type).
const L_FILE_ID: u8 = 0;
const F_FILE_ID: &[(u8, Base)] = &[
    (0, Base::Enum),
    (1, Base::U16),
    (2, Base::U16),
    (3, Base::U32z),
    (4, Base::U32),
    (8, Base::Str(16)),
];
const L_DEVICE: u8 = 1;
const F_DEVICE: &[(u8, Base)] = &[
    (253, Base::U32),
    (0, Base::U8),
    (2, Base::U16),
    (3, Base::U32z),
    (4, Base::U16),
    (5, Base::U16),
    (27, Base::Str(16)),
];
const L_EVENT: u8 = 2;
const F_EVENT: &[(u8, Base)] = &[
    (253, Base::U32),
    (0, Base::Enum),
    (1, Base::Enum),
    (3, Base::U32),
    (4, Base::U8),
];
const L_REC_GPS: u8 = 3;
const F_REC_GPS: &[(u8, Base)] = &[
    (253, Base::U32),
    (0, Base::S32),
    (1, Base::S32),
    (5, Base::U32),
    (73, Base::U32),
    (78, Base::U32),
    (3, Base::U8),
    (4, Base::U8),
    (53, Base::U8),
];
const L_REC: u8 = 4;
const F_REC: &[(u8, Base)] = &[
    (253, Base::U32),
    (5, Base::U32),
    (73, Base::U32),
    (78, Base::U32),
    (3, Base::U8),
    (4, Base::U8),
    (53, Base::U8),
];
const L_LAP: u8 = 5;
const F_LAP: &[(u8, Base)] = &[
    (253, Base::U32),
    (254, Base::U16),
    (2, Base::U32),
    (3, Base::S32),
    (4, Base::S32),
    (5, Base::S32),
    (6, Base::S32),
    (7, Base::U32),
    (8, Base::U32),
    (9, Base::U32),
    (13, Base::U16),
    (14, Base::U16),
    (110, Base::U32),
    (111, Base::U32),
    (21, Base::U16),
    (22, Base::U16),
    (15, Base::U8),
    (16, Base::U8),
    (17, Base::U8),
    (80, Base::U8),
    (0, Base::Enum),
    (1, Base::Enum),
    (23, Base::Enum),
    (24, Base::Enum),
    (25, Base::Enum),
    (39, Base::Enum),
];
const L_SESSION: u8 = 6;
const F_SESSION: &[(u8, Base)] = &[
    (253, Base::U32),
    (254, Base::U16),
    (2, Base::U32),
    (3, Base::S32),
    (4, Base::S32),
    (7, Base::U32),
    (8, Base::U32),
    (9, Base::U32),
    (11, Base::U16),
    (14, Base::U16),
    (15, Base::U16),
    (124, Base::U32),
    (125, Base::U32),
    (22, Base::U16),
    (23, Base::U16),
    (25, Base::U16),
    (26, Base::U16),
    (44, Base::U16),
    (16, Base::U8),
    (17, Base::U8),
    (18, Base::U8),
    (92, Base::U8),
    (0, Base::Enum),
    (1, Base::Enum),
    (5, Base::Enum),
    (6, Base::Enum),
    (28, Base::Enum),
];
const L_ACTIVITY: u8 = 7;
const F_ACTIVITY: &[(u8, Base)] = &[
    (253, Base::U32),
    (0, Base::U32),
    (1, Base::U16),
    (2, Base::Enum),
    (3, Base::Enum),
    (4, Base::Enum),
    (5, Base::U32),
];

struct Encoder {
    buf: Vec<u8>,
}

impl Encoder {
    fn define(&mut self, local: u8, global: u16, fields: &[(u8, Base)]) {
        self.buf.push(0x40 | local);
        self.buf.push(0); // reserved
        self.buf.push(0); // little-endian
        self.buf.extend_from_slice(&global.to_le_bytes());
        self.buf.push(fields.len() as u8);
        for (num, base) in fields {
            self.buf
                .extend_from_slice(&[*num, base.size(), base.code()]);
        }
    }

    fn data(&mut self, local: u8, fields: &[(u8, Base)], values: &[V]) {
        self.buf.push(local);
        for (k, (_, base)) in fields.iter().enumerate() {
            let v = values.get(k).copied().unwrap_or(NONE);
            match (base, v) {
                (Base::Str(len), V::S(s)) => {
                    let bytes = s.as_bytes();
                    let take = bytes.len().min(*len as usize - 1);
                    self.buf.extend_from_slice(&bytes[..take]);
                    self.buf
                        .extend(std::iter::repeat_n(0u8, *len as usize - take));
                }
                (Base::Str(len), V::N(_)) => {
                    self.buf.extend(std::iter::repeat_n(0u8, *len as usize))
                }
                (b, V::N(x)) => self.put(*b, x),
                (b, V::S(_)) => self.put(*b, None),
            }
        }
    }

    fn put(&mut self, base: Base, x: Option<i64>) {
        match base {
            Base::Enum | Base::U8 => self
                .buf
                .push(x.filter(|v| (0..0xFF).contains(v)).unwrap_or(0xFF) as u8),
            Base::U16 => self.buf.extend_from_slice(
                &(x.filter(|v| (0..0xFFFF).contains(v)).unwrap_or(0xFFFF) as u16).to_le_bytes(),
            ),
            Base::U32 => self.buf.extend_from_slice(
                &(x.filter(|v| (0..0xFFFF_FFFF).contains(v))
                    .unwrap_or(0xFFFF_FFFF) as u32)
                    .to_le_bytes(),
            ),
            Base::U32z => self.buf.extend_from_slice(
                &(x.filter(|v| (1..=0xFFFF_FFFF).contains(v)).unwrap_or(0) as u32).to_le_bytes(),
            ),
            Base::S32 => self.buf.extend_from_slice(
                &(x.filter(|v| (-0x7FFF_FFFF..0x7FFF_FFFF).contains(v))
                    .unwrap_or(0x7FFF_FFFF) as i32)
                    .to_le_bytes(),
            ),
            Base::Str(len) => self.buf.extend(std::iter::repeat_n(0u8, len as usize)),
        }
    }
}

fn sport_codes(sport: Sport, sub: &str) -> (i64, i64) {
    let s = match sport {
        Sport::Running => 1,
        Sport::Cycling => 2,
        Sport::Swimming => 5,
        _ => 0,
    };
    let ss = match sub {
        "treadmill" => 1,
        "trail" => 3,
        "track" => 4,
        "road" => 7,
        "lap_swimming" => 17,
        _ => 0,
    };
    (s, ss)
}

fn intensity_code(name: &str) -> i64 {
    match name {
        "rest" => 1,
        "warmup" => 2,
        "cooldown" => 3,
        "recovery" => 4,
        "interval" => 5,
        _ => 0,
    }
}

fn trigger_code(name: &str) -> i64 {
    match name {
        "time" => 1,
        "distance" => 2,
        "session_end" => 7,
        _ => 0,
    }
}

fn semicircles(deg: f64) -> V<'static> {
    opt(deg, 2_147_483_648.0 / 180.0, 0.0)
}

/// Per-foot cadence and its 1/128 fraction from steps/min (on foot) or rpm.
fn cadence_fields(spm: f64, on_foot: bool) -> (V<'static>, V<'static>) {
    if !spm.is_finite() {
        return (NONE, NONE);
    }
    if !on_foot {
        return (n(spm.round() as i64), NONE);
    }
    let per_foot = spm / 2.0;
    let whole = per_foot.floor();
    (
        n(whole as i64),
        n(((per_foot - whole) * 128.0).round().min(127.0) as i64),
    )
}

/// Encode a recording as a FIT activity file.
pub fn encode(rec: &Recording, start_utc: DateTime<Utc>, local_offset_s: i32) -> Vec<u8> {
    let t0 = start_utc.timestamp() - FIT_EPOCH_UNIX_S;
    let ts = |s: u32| n(t0 + s as i64);
    let on_foot = rec.sport.is_on_foot();
    let (sport, sub) = sport_codes(rec.sport, rec.sub_sport);
    let mut e = Encoder {
        buf: Vec::with_capacity(64 + rec.len() * 30),
    };
    e.define(L_FILE_ID, 0, F_FILE_ID);
    e.data(
        L_FILE_ID,
        F_FILE_ID,
        &[
            n(4),
            n(MANUFACTURER_DEVELOPMENT as i64),
            n(1),
            n(SERIAL_NUMBER as i64),
            ts(0),
            V::S(super::DEVICE_NAME),
        ],
    );
    e.define(L_DEVICE, 23, F_DEVICE);
    e.data(
        L_DEVICE,
        F_DEVICE,
        &[
            ts(0),
            n(0),
            n(MANUFACTURER_DEVELOPMENT as i64),
            n(SERIAL_NUMBER as i64),
            n(1),
            n(100),
            V::S(super::DEVICE_NAME),
        ],
    );
    e.define(L_EVENT, 21, F_EVENT);
    // event: timer(0); event_type start(0) / stop_all(4); data: timer_trigger manual(0) / auto(1)
    e.data(L_EVENT, F_EVENT, &[ts(0), n(0), n(0), n(0), n(0)]);
    e.define(L_REC_GPS, 20, F_REC_GPS);
    e.define(L_REC, 20, F_REC);
    e.define(L_LAP, 19, F_LAP);
    let mut pauses = rec.pauses.iter().peekable();
    let mut laps = rec.laps.iter().enumerate().peekable();
    for i in 0..rec.len() {
        let t = rec.time_s[i];
        while let Some(&&(stop, start)) = pauses.peek() {
            if start > t {
                break;
            }
            e.data(L_EVENT, F_EVENT, &[ts(stop), n(0), n(4), n(1), n(0)]);
            e.data(L_EVENT, F_EVENT, &[ts(start), n(0), n(0), n(1), n(0)]);
            pauses.next();
        }
        let (cad, frac) = cadence_fields(rec.cadence[i], on_foot);
        let common = [
            opt(rec.distance[i], 100.0, 0.0),
            opt(rec.speed[i], 1000.0, 0.0),
            opt(rec.altitude[i], 5.0, 500.0),
            opt(rec.hr[i], 1.0, 0.0),
            cad,
            frac,
        ];
        if rec.lat[i].is_finite() && rec.lon[i].is_finite() {
            let mut v = vec![ts(t), semicircles(rec.lat[i]), semicircles(rec.lon[i])];
            v.extend_from_slice(&common);
            e.data(L_REC_GPS, F_REC_GPS, &v);
        } else {
            let mut v = vec![ts(t)];
            v.extend_from_slice(&common);
            e.data(L_REC, F_REC, &v);
        }
        while let Some((k, lap)) = laps.peek().copied() {
            if lap.end_idx != i || (lap.trigger == "session_end" && i + 1 == rec.len()) {
                break;
            }
            write_lap(&mut e, rec, lap, k, t0, sport, sub, on_foot);
            laps.next();
        }
    }
    let end = rec.elapsed_s();
    e.data(L_EVENT, F_EVENT, &[ts(end), n(0), n(4), n(0), n(0)]);
    for (k, lap) in laps {
        write_lap(&mut e, rec, lap, k, t0, sport, sub, on_foot);
    }
    write_session(&mut e, rec, t0, sport, sub, on_foot);
    e.define(L_ACTIVITY, 34, F_ACTIVITY);
    e.data(
        L_ACTIVITY,
        F_ACTIVITY,
        &[
            ts(end),
            n(rec.timer_s() as i64 * 1000),
            n(1),
            n(0),
            n(26),
            n(1),
            n(t0 + end as i64 + local_offset_s as i64),
        ],
    );
    finish(e.buf)
}

#[allow(clippy::too_many_arguments)]
fn write_lap(
    e: &mut Encoder,
    rec: &Recording,
    lap: &RecLap,
    k: usize,
    t0: i64,
    sport: i64,
    sub: i64,
    on_foot: bool,
) {
    let (cad, frac) = cadence_fields(lap.avg_cadence.unwrap_or(f64::NAN), on_foot);
    let first_pos = (lap.start_idx..=lap.end_idx).find(|&i| rec.lat[i].is_finite());
    let last_pos = (lap.start_idx..=lap.end_idx)
        .rev()
        .find(|&i| rec.lat[i].is_finite());
    let pos = |i: Option<usize>, lat: bool| match i {
        Some(i) => semicircles(if lat { rec.lat[i] } else { rec.lon[i] }),
        None => NONE,
    };
    let vals = [
        n(t0 + lap.end_s as i64),
        n(k as i64),
        n(t0 + lap.start_s as i64),
        pos(first_pos, true),
        pos(first_pos, false),
        pos(last_pos, true),
        pos(last_pos, false),
        opt(lap.elapsed_s, 1000.0, 0.0),
        opt(lap.timer_s, 1000.0, 0.0),
        opt(lap.distance_m, 100.0, 0.0),
        opt(lap.avg_speed_mps, 1000.0, 0.0),
        opt(lap.max_speed_mps, 1000.0, 0.0),
        opt(lap.avg_speed_mps, 1000.0, 0.0),
        opt(lap.max_speed_mps, 1000.0, 0.0),
        opt(lap.ascent_m, 1.0, 0.0),
        opt(lap.descent_m, 1.0, 0.0),
        opt(lap.avg_hr_bpm.unwrap_or(f64::NAN), 1.0, 0.0),
        opt(lap.max_hr_bpm.unwrap_or(f64::NAN), 1.0, 0.0),
        cad,
        frac,
        n(9),
        n(1),
        n(intensity_code(lap.intensity)),
        n(trigger_code(lap.trigger)),
        n(sport),
        n(sub),
    ];
    e.data(L_LAP, F_LAP, &vals);
}

fn write_session(e: &mut Encoder, rec: &Recording, t0: i64, sport: i64, sub: i64, on_foot: bool) {
    let end = rec.elapsed_s();
    let whole = super::laps::lap_stats(rec, 0, rec.len() - 1, "active", "session_end");
    let (cad, frac) = cadence_fields(whole.avg_cadence.unwrap_or(f64::NAN), on_foot);
    let first_pos = rec.lat.iter().position(|v| v.is_finite());
    let pos = |lat: bool| match first_pos {
        Some(i) => semicircles(if lat { rec.lat[i] } else { rec.lon[i] }),
        None => NONE,
    };
    let kcal_per_km = match rec.sport {
        Sport::Cycling => 25.0,
        Sport::Swimming => 250.0,
        _ => 65.0,
    };
    let pool = if rec.sport == Sport::Swimming {
        n(2500)
    } else {
        NONE
    };
    e.define(L_SESSION, 18, F_SESSION);
    let vals = [
        n(t0 + end as i64),
        n(0),
        n(t0),
        pos(true),
        pos(false),
        n(end as i64 * 1000),
        n(rec.timer_s() as i64 * 1000),
        opt(rec.total_distance(), 100.0, 0.0),
        opt(rec.total_distance() / 1000.0 * kcal_per_km, 1.0, 0.0),
        opt(whole.avg_speed_mps, 1000.0, 0.0),
        opt(whole.max_speed_mps, 1000.0, 0.0),
        opt(whole.avg_speed_mps, 1000.0, 0.0),
        opt(whole.max_speed_mps, 1000.0, 0.0),
        opt(whole.ascent_m, 1.0, 0.0),
        opt(whole.descent_m, 1.0, 0.0),
        n(0),
        n(rec.laps.len() as i64),
        pool,
        opt(whole.avg_hr_bpm.unwrap_or(f64::NAN), 1.0, 0.0),
        opt(whole.max_hr_bpm.unwrap_or(f64::NAN), 1.0, 0.0),
        cad,
        frac,
        n(8),
        n(1),
        n(sport),
        n(sub),
        n(0),
    ];
    e.data(L_SESSION, F_SESSION, &vals);
}

/// Prepend the 14-byte header (with its CRC) and append the file CRC.
fn finish(data: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 16);
    out.push(14);
    out.push(PROTOCOL_VERSION);
    out.extend_from_slice(&PROFILE_VERSION.to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(b".FIT");
    let hcrc = fit_crc(&out);
    out.extend_from_slice(&hcrc.to_le_bytes());
    out.extend_from_slice(&data);
    let crc = fit_crc(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_known_value() {
        // CRC-16/ARC check value for "123456789"
        assert_eq!(fit_crc(b"123456789"), 0xBB3D);
    }

    #[test]
    fn cadence_splits_per_foot() {
        match cadence_fields(171.5, true) {
            (V::N(Some(85)), V::N(Some(96))) => {}
            other => panic!("{other:?}"),
        }
    }
}
