//! Turns decoded FIT messages into an [`Activity`] as they arrive.

use chrono::{DateTime, Utc};

use super::decode::{DevDescription, Message, TIMESTAMP_FIELD};
use super::laps::{
    LAP, RawLap, SESSION, cadence, device_name, enum_name, pauses, place_lap, raw_lap, unix_s,
};
use super::profile_names::{FILE_TYPE, SPORT, SUB_SPORT};
pub use super::record::RecordFields;
use super::record::accumulate_compressed_distance;
use super::sessions::{MAX_SESSION_COPY_FACTOR, MAX_SESSIONS, count_in, lap_in_leg, samples_in};
use crate::model::{Activity, Meta, SamplePoint, Samples, SourceFormat, Sport};
use crate::{Error, Result};

/// FIT times below this (seconds since 1989-12-31) count from the device's power-up, not a
/// date (the profile's `date_time` minimum, 0x10000000).
const FIT_RELATIVE_TIME_LIMIT: f64 = 268_435_456.0;

/// Global message numbers lapwise reads.
const FILE_ID: u16 = 0;
const SPORT_MSG: u16 = 12;
const RECORD: u16 = 20;
const EVENT: u16 = 21;
const DEVICE_INFO: u16 = 23;
const ACTIVITY: u16 = 34;

/// `event` value of the timer, and the `event_type` values that start / stop it.
const EVENT_TIMER: f64 = 0.0;
const EVENT_TYPE_START: f64 = 0.0;
const EVENT_TYPES_STOP: [f64; 4] = [1.0, 4.0, 8.0, 9.0];

/// Local-time offsets beyond this many seconds are clock errors, not time zones.
const MAX_LOCAL_OFFSET_S: i64 = 18 * 3600;

/// Most lap messages kept from one file ([`crate::ingest::limits::MAX_LAPS_PER_FILE`]); more
/// are ignored with a warning (sessions: [`MAX_SESSIONS`]).
pub const MAX_LAPS: usize = crate::ingest::limits::MAX_LAPS_PER_FILE;
/// Most timer start/stop events kept from one file.
pub const MAX_TIMER_EVENTS: usize = 100_000;
/// Most developer-field columns per file (each is as long as the samples; real files have a
/// handful).
pub const MAX_DEVELOPER_COLUMNS: usize = 64;

/// Semicircles to degrees.
fn semicircles_to_deg(v: f64) -> f64 {
    v * (180.0 / 2_147_483_648.0)
}

/// Accumulates a FIT file's messages.
#[derive(Debug)]
pub struct Builder {
    source: String,
    /// Warnings gathered while scanning and decoding.
    pub warnings: Vec<String>,
    file_type: Option<String>,
    device: Option<String>,
    samples: Samples,
    laps: Vec<RawLap>,
    sessions: Vec<RawLap>,
    sport: Option<(String, Option<String>)>,
    timer_events: Vec<(f64, bool)>,
    local_offset_s: Option<i32>,
    /// Accumulator for `compressed_speed_distance` (12-bit distance in 1/16 m that rolls over).
    compressed_distance: Option<(u16, f64)>,
    /// Developer field (index, number) → its column in `samples.extra`.
    dev_columns: Vec<((u8, u8), usize)>,
    /// What went over a cap (`laps`, `sessions`, …), for one warning each at the end.
    capped: Vec<&'static str>,
}

impl Builder {
    /// A builder for the file named `source`.
    pub fn new(source: &str) -> Self {
        Builder {
            source: source.to_string(),
            warnings: Vec::new(),
            file_type: None,
            device: None,
            samples: Samples::default(),
            laps: Vec::new(),
            sessions: Vec::new(),
            sport: None,
            timer_events: Vec::new(),
            local_offset_s: None,
            compressed_distance: None,
            dev_columns: Vec::new(),
            capped: Vec::new(),
        }
    }

    /// Make room for `n` more samples.
    pub fn reserve_samples(&mut self, n: usize) {
        let s = &mut self.samples;
        s.time_s.reserve(n);
        s.timer_running.reserve(n);
        s.moving.reserve(n);
        for col in [
            &mut s.distance_m,
            &mut s.speed_mps,
            &mut s.lat_deg,
            &mut s.lon_deg,
            &mut s.altitude_m,
            &mut s.hr_bpm,
            &mut s.cadence,
            &mut s.power_w,
            &mut s.temperature_c,
        ] {
            col.reserve(n);
        }
    }

    /// Number of record messages with a timestamp seen so far.
    pub fn record_count(&self) -> usize {
        self.samples.len()
    }

    /// Take one decoded message.
    pub fn add(&mut self, msg: &Message) {
        match msg.global {
            RECORD => self.add_record(msg),
            LAP if self.laps.len() < MAX_LAPS => self.laps.push(raw_lap(msg)),
            SESSION if self.sessions.len() < MAX_SESSIONS => self.sessions.push(raw_lap(msg)),
            LAP => self.note_cap("laps"),
            SESSION => self.note_cap("sessions"),
            EVENT => self.add_event(msg),
            FILE_ID => {
                if self.file_type.is_none() {
                    let t = msg.fields().find(|f| f.num == 0).and_then(|f| f.number());
                    self.file_type = enum_name(FILE_TYPE, t);
                }
                if self.device.is_none() {
                    self.device = device_name(msg, 1, 2, 8);
                }
            }
            DEVICE_INFO => {
                let index = msg.fields().find(|f| f.num == 0).and_then(|f| f.number());
                if index == Some(0.0) && self.device.is_none() {
                    self.device = device_name(msg, 2, 4, 27);
                }
            }
            SPORT_MSG => {
                let (mut sport, mut sub) = (None, None);
                for f in msg.fields() {
                    match f.num {
                        0 => sport = enum_name(SPORT, f.number()),
                        1 => sub = enum_name(SUB_SPORT, f.number()),
                        _ => {}
                    }
                }
                if let Some(s) = sport {
                    self.sport.get_or_insert((s, sub));
                }
            }
            ACTIVITY => {
                let local = msg.fields().find(|f| f.num == 5).and_then(|f| f.number());
                if let (Some(u), Some(l)) = (field_timestamp(msg), local) {
                    // In f64: the two values may be any 64-bit numbers in a crafted file.
                    let offset = (l - u).round();
                    if offset.is_finite() && offset.abs() <= MAX_LOCAL_OFFSET_S as f64 {
                        self.local_offset_s = Some(offset as i32);
                    }
                }
            }
            _ => {}
        }
    }

    fn add_record(&mut self, msg: &Message) {
        let r = RecordFields::of(msg);
        let Some(t) = r.timestamp else {
            return;
        };
        let nan = f64::NAN;
        let mut p = SamplePoint {
            time_s: unix_s(t),
            lat_deg: r.lat.map_or(nan, semicircles_to_deg),
            lon_deg: r.lon.map_or(nan, semicircles_to_deg),
            distance_m: r.distance.unwrap_or(nan),
            speed_mps: r.enhanced_speed.or(r.speed).unwrap_or(nan),
            altitude_m: r.enhanced_altitude.or(r.altitude).unwrap_or(nan),
            hr_bpm: r.heart_rate.unwrap_or(nan),
            cadence: r.cadence.unwrap_or(nan) + r.fractional_cadence.unwrap_or(0.0),
            power_w: r.power.unwrap_or(nan),
            temperature_c: r.temperature.unwrap_or(nan),
        };
        if let Some(raw) = r.compressed_speed_distance {
            if p.speed_mps.is_nan() {
                p.speed_mps =
                    f64::from(u16::from(raw[0]) | (u16::from(raw[1] & 0x0F) << 8)) / 100.0;
            }
            p.distance_m = accumulate_compressed_distance(&mut self.compressed_distance, raw);
        }
        self.samples.push(p);
        if msg.has_dev_fields() {
            let i = self.samples.len() - 1;
            for d in msg.dev_fields() {
                let name = d.description.name.as_str();
                if name.starts_with("unknown") {
                    continue;
                }
                if let Some(x) = d.value() {
                    self.set_dev_value(d.description, i, x);
                }
            }
        }
    }

    /// Remember that `what` went over its cap (one warning per kind, added by `finish`).
    fn note_cap(&mut self, what: &'static str) {
        if !self.capped.contains(&what) {
            self.capped.push(what);
        }
    }

    /// Store developer field value `x` of sample `i` in the column named after the field.
    fn set_dev_value(&mut self, d: &DevDescription, i: usize, x: f64) {
        let key = (d.dev_index, d.field_num);
        let cached = self
            .dev_columns
            .iter()
            .find(|(k, _)| *k == key)
            .map(|c| c.1);
        if let Some(pos) = cached
            && let Some((name, col)) = self.samples.extra.get_mut(pos)
            && *name == d.name
            && let Some(slot) = col.get_mut(i)
        {
            *slot = x;
            return;
        }
        if self.samples.extra.len() >= MAX_DEVELOPER_COLUMNS
            && !self.samples.extra.iter().any(|(n, _)| *n == d.name)
        {
            self.note_cap("developer fields");
            return;
        }
        self.samples.set_extra(&d.name, i, x);
        if let Some(pos) = self.samples.extra.iter().position(|(n, _)| *n == d.name) {
            self.dev_columns.retain(|(k, _)| *k != key);
            self.dev_columns.push((key, pos));
        }
    }

    fn add_event(&mut self, msg: &Message) {
        let (mut event, mut kind) = (None, None);
        for f in msg.fields() {
            match f.num {
                0 => event = f.number(),
                1 => kind = f.number(),
                _ => {}
            }
        }
        if event != Some(EVENT_TIMER) {
            return;
        }
        let Some(t) = field_timestamp(msg) else {
            return;
        };
        let t = unix_s(t);
        if self.timer_events.len() >= MAX_TIMER_EVENTS {
            self.note_cap("timer events");
            return;
        }
        match kind {
            Some(k) if k == EVENT_TYPE_START => self.timer_events.push((t, true)),
            Some(k) if EVENT_TYPES_STOP.contains(&k) => self.timer_events.push((t, false)),
            _ => {}
        }
    }

    /// Finish: one activity per session (multisport files split by session), or one activity
    /// when there is at most one session.
    pub fn finish(mut self) -> Result<Vec<Activity>> {
        if let Some(t) = self.file_type.as_deref()
            && t != "activity"
        {
            return Err(Error::NotActivity(format!("FIT {t} file")));
        }
        if self.samples.is_empty() {
            return Err(Error::NoTrackPoints);
        }
        for what in std::mem::take(&mut self.capped) {
            let cap = match what {
                "developer fields" => MAX_DEVELOPER_COLUMNS,
                "timer events" => MAX_TIMER_EVENTS,
                "sessions" => MAX_SESSIONS,
                _ => MAX_LAPS,
            };
            self.warnings.push(format!(
                "more than {cap} {what} in the file; the rest ignored"
            ));
        }
        let sessions = std::mem::take(&mut self.sessions);
        if sessions.len() <= 1 {
            let session = sessions.into_iter().next();
            let all = (f64::NEG_INFINITY, f64::INFINITY);
            let samples = std::mem::take(&mut self.samples);
            return Ok(vec![self.build(samples, session, all, None)]);
        }
        let n = sessions.len();
        let ranges: Vec<(f64, f64)> = sessions
            .iter()
            .map(|s| {
                let start = s.start_unix.unwrap_or(f64::NEG_INFINITY);
                (start, s.end_unix.unwrap_or(f64::INFINITY))
            })
            .collect();
        // Overlapping sessions would copy the samples again and again: stop at the budget.
        let budget = MAX_SESSION_COPY_FACTOR * self.samples.len();
        let mut copied = 0usize;
        let mut legs = n;
        for (k, &r) in ranges.iter().enumerate() {
            copied += count_in(&self.samples.time_s, r);
            if copied > budget {
                legs = k;
                self.warnings.push(format!(
                    "sessions {} to {n} overlap the earlier ones and were not split off",
                    k + 1
                ));
                break;
            }
        }
        let mut out = Vec::with_capacity(legs);
        for (k, (s, r)) in sessions.into_iter().zip(ranges).take(legs).enumerate() {
            let act = self.build(samples_in(&self.samples, r), Some(s), r, Some(k + 1));
            if !act.samples.is_empty() {
                out.push(act);
            }
        }
        if out.is_empty() {
            return Err(Error::NoTrackPoints);
        }
        Ok(out)
    }

    /// Build the activity from `samples`, the part of the file covering `[range.0, range.1]`
    /// (Unix seconds).
    fn build(
        &self,
        mut samples: Samples,
        session: Option<RawLap>,
        range: (f64, f64),
        leg: Option<usize>,
    ) -> Activity {
        let source = match leg {
            Some(k) => format!("{}#{k}", self.source),
            None => self.source.clone(),
        };
        let mut meta = Meta::new(source, SourceFormat::Fit);
        let (sport, sub) = match &session {
            Some(s) if s.sport.is_some() => (s.sport.clone(), s.sub_sport.clone()),
            _ => match &self.sport {
                Some((s, sub)) => (Some(s.clone()), sub.clone()),
                None => (None, None),
            },
        };
        meta.sport = sport.as_deref().map_or(Sport::Other, Sport::from_name);
        meta.sub_sport = sub.filter(|s| s != "generic");
        if sport.as_deref() == Some("transition") && meta.sub_sport.is_none() {
            // A multisport transition leg: sport maps to `other`; keep what it was.
            meta.sub_sport = Some("transition".to_string());
        }
        meta.indoor = matches!(
            meta.sub_sport.as_deref(),
            Some(
                "treadmill"
                    | "indoor_running"
                    | "indoor_cycling"
                    | "virtual_activity"
                    | "indoor_walking"
            )
        );
        meta.device = self.device.clone();
        meta.local_offset_s = self.local_offset_s;
        meta.timer_events = !self.timer_events.is_empty();

        let t0 = samples.time_s.iter().copied().fold(f64::INFINITY, f64::min);
        // FIT: a timestamp below 0x10000000 is not a date but seconds since the device powered
        // up (the profile's `date_time` minimum); shown as a date it reads as 1990.
        let relative = t0 < super::laps::unix_s(FIT_RELATIVE_TIME_LIMIT);
        meta.start_utc = if relative {
            None
        } else {
            DateTime::<Utc>::from_timestamp(t0 as i64, 0)
        };

        for t in &mut samples.time_s {
            *t -= t0;
        }
        let on_foot = meta.sport.is_on_foot();
        if on_foot {
            for c in &mut samples.cadence {
                *c *= 2.0;
            }
        }
        let mut act = Activity::new(meta);
        act.samples = samples;
        act.warnings = self.warnings.clone();
        if relative && t0.is_finite() {
            act.warnings.push(
                "the file's clock counts from the device's power-up (FIT time below 0x10000000): \
                 no start date"
                    .to_string(),
            );
        }
        act.laps = self
            .laps
            .iter()
            .filter(|l| lap_in_leg(l.start_unix, range, leg))
            .map(|l| place_lap(l, t0, on_foot))
            .collect();
        act.pauses = pauses(&self.timer_events, range, t0);
        if let Some(s) = session {
            let mut totals = s.totals.clone();
            totals.avg_cadence_spm = cadence(s.cadence_raw, s.cadence_frac, on_foot);
            act.device = Some(totals);
        }
        act
    }
}

/// The timestamp of a message (FIT seconds): field 253, else a compressed header's.
fn field_timestamp(msg: &Message) -> Option<f64> {
    msg.fields()
        .find(|f| f.num == TIMESTAMP_FIELD)
        .and_then(|f| f.number())
        .or(msg.header_timestamp.map(f64::from))
}
