//! Turns decoded FIT messages into an [`Activity`] as they arrive.

use chrono::{DateTime, Utc};
use fitparser::FitDataRecord;
use fitparser::profile::MesgNum;

use super::value::{FIT_EPOCH_UNIX_S, as_f64, as_str, as_unix_s, local_raw_s, semicircles_to_deg};
use crate::model::{
    Activity, DeviceTotals, Lap, Meta, Pause, PauseSource, SamplePoint, Samples, SourceFormat,
    Sport,
};
use crate::{Error, Result};

/// A FIT lap or session before it is placed on the activity's time axis.
#[derive(Debug, Default, Clone)]
struct RawLap {
    start_unix: Option<f64>,
    end_unix: Option<f64>,
    sport: Option<String>,
    sub_sport: Option<String>,
    lap: Lap,
    totals: DeviceTotals,
    cadence_raw: Option<f64>,
    cadence_frac: Option<f64>,
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
        }
    }

    /// Number of record messages with a timestamp seen so far.
    pub fn record_count(&self) -> usize {
        self.samples.len()
    }

    /// Take one decoded message.
    pub fn add(&mut self, rec: FitDataRecord) {
        match rec.kind() {
            MesgNum::Record => self.add_record(&rec),
            MesgNum::Lap => {
                let l = raw_lap(&rec);
                self.laps.push(l);
            }
            MesgNum::Session => {
                let s = raw_lap(&rec);
                self.sessions.push(s);
            }
            MesgNum::Event => self.add_event(&rec),
            MesgNum::FileId => self.add_file_id(&rec),
            MesgNum::DeviceInfo => self.add_device_info(&rec),
            MesgNum::Sport => {
                let sport = field_str(&rec, "sport").map(str::to_string);
                let sub = field_str(&rec, "sub_sport").map(str::to_string);
                if let Some(s) = sport {
                    self.sport.get_or_insert((s, sub));
                }
            }
            MesgNum::Activity => {
                let utc = rec.fields().iter().find(|f| f.name() == "timestamp");
                let local = rec.fields().iter().find(|f| f.name() == "local_timestamp");
                if let (Some(u), Some(l)) = (utc, local)
                    && let (Some(u), Some(l)) = (as_unix_s(u.value()), local_raw_s(l.value()))
                {
                    // Offsets beyond ±18 h are not time zones: a clock error, ignored.
                    let offset = l + FIT_EPOCH_UNIX_S - u;
                    if offset.abs() <= 18 * 3600 {
                        self.local_offset_s = Some(offset as i32);
                    }
                }
            }
            _ => {}
        }
    }

    fn add_record(&mut self, rec: &FitDataRecord) {
        let mut p = SamplePoint::default();
        let mut frac = 0.0;
        let mut extras: Vec<(&str, f64)> = Vec::new();
        let mut compressed_distance = None;
        for f in rec.fields() {
            let v = f.value();
            match f.name() {
                "timestamp" => p.time_s = as_f64(v).unwrap_or(f64::NAN),
                "position_lat" => p.lat_deg = as_f64(v).map_or(f64::NAN, semicircles_to_deg),
                "position_long" => p.lon_deg = as_f64(v).map_or(f64::NAN, semicircles_to_deg),
                "distance" => p.distance_m = num(v),
                "enhanced_speed" => p.speed_mps = num(v),
                "speed" if p.speed_mps.is_nan() => p.speed_mps = num(v),
                "enhanced_altitude" => p.altitude_m = num(v),
                "altitude" if p.altitude_m.is_nan() => p.altitude_m = num(v),
                "heart_rate" => p.hr_bpm = num(v),
                "cadence" => p.cadence = num(v),
                "fractional_cadence" => frac = as_f64(v).unwrap_or(0.0),
                "power" => p.power_w = num(v),
                "temperature" => p.temperature_c = num(v),
                "compressed_speed_distance" => {
                    if let Some(d) = self.accumulate_compressed_distance(v) {
                        compressed_distance = Some(d);
                    }
                }
                "speed"
                | "altitude"
                | "cadence256"
                | "fractional_timestamp"
                | "compressed_accumulated_power" => {}
                name if name.starts_with("unknown") => {}
                name => {
                    if let Some(x) = as_f64(v) {
                        extras.push((name, x));
                    }
                }
            }
        }
        if !p.time_s.is_finite() {
            return;
        }
        if p.cadence.is_finite() {
            p.cadence += frac;
        }
        if let Some(d) = compressed_distance {
            p.distance_m = d;
        }
        self.samples.push(p);
        let i = self.samples.len() - 1;
        for (name, x) in extras {
            self.samples.set_extra(name, i, x);
        }
    }

    /// Distance from a `compressed_speed_distance` field: the low 12 bits of distance in 1/16 m,
    /// accumulated across roll-overs (the decoder's own accumulation adds absolute values).
    fn accumulate_compressed_distance(&mut self, v: &fitparser::Value) -> Option<f64> {
        let fitparser::Value::Array(items) = v else {
            return None;
        };
        let byte = |i: usize| items.get(i).and_then(as_f64).map(|x| x as u16);
        let d12 = (byte(1)? >> 4) | (byte(2)? << 4);
        let total = match self.compressed_distance {
            None => 0.0,
            Some((last, total)) => total + f64::from((d12 + 4096 - last) % 4096) / 16.0,
        };
        self.compressed_distance = Some((d12, total));
        Some(total)
    }

    fn add_event(&mut self, rec: &FitDataRecord) {
        if field_str(rec, "event") != Some("timer") {
            return;
        }
        let Some(t) = field_f64(rec, "timestamp") else {
            return;
        };
        match field_str(rec, "event_type") {
            Some("start") => self.timer_events.push((t, true)),
            Some("stop") | Some("stop_all") | Some("stop_disable_all") | Some("stop_disable") => {
                self.timer_events.push((t, false))
            }
            _ => {}
        }
    }

    fn add_file_id(&mut self, rec: &FitDataRecord) {
        if self.file_type.is_none() {
            self.file_type = field_str(rec, "type").map(str::to_string);
        }
        if self.device.is_none() {
            self.device = device_name(rec);
        }
    }

    fn add_device_info(&mut self, rec: &FitDataRecord) {
        let creator = match rec.fields().iter().find(|f| f.name() == "device_index") {
            Some(f) => as_str(f.value()) == Some("creator") || as_f64(f.value()) == Some(0.0),
            None => false,
        };
        if creator && self.device.is_none() {
            self.device = device_name(rec);
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
        let sessions = std::mem::take(&mut self.sessions);
        if sessions.len() <= 1 {
            let session = sessions.into_iter().next();
            let all = (f64::NEG_INFINITY, f64::INFINITY);
            let samples = std::mem::take(&mut self.samples);
            return Ok(vec![self.build(samples, session, all, None)]);
        }
        let n = sessions.len();
        let mut out = Vec::with_capacity(n);
        for (k, s) in sessions.into_iter().enumerate() {
            let start = s.start_unix.unwrap_or(f64::NEG_INFINITY);
            let end = s.end_unix.unwrap_or(f64::INFINITY);
            let samples = self.samples_in((start, end));
            let act = self.build(samples, Some(s), (start, end), Some(k + 1));
            if !act.samples.is_empty() {
                out.push(act);
            }
        }
        if out.is_empty() {
            return Err(Error::NoTrackPoints);
        }
        Ok(out)
    }

    /// A copy of the samples inside `[range.0, range.1]` (Unix seconds, ±0.5 s).
    fn samples_in(&self, range: (f64, f64)) -> Samples {
        let keep: Vec<bool> = self
            .samples
            .time_s
            .iter()
            .map(|&t| t >= range.0 - 0.5 && t <= range.1 + 0.5)
            .collect();
        let mut samples = self.samples.clone();
        samples.retain_indices(&keep);
        samples
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
        meta.start_utc = DateTime::<Utc>::from_timestamp(t0 as i64, 0);
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
        act.laps = self
            .laps
            .iter()
            .filter(|l| {
                l.start_unix
                    .is_none_or(|s| s >= range.0 - 1.0 && s < range.1)
            })
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

fn num(v: &fitparser::Value) -> f64 {
    as_f64(v).unwrap_or(f64::NAN)
}

fn field_str<'a>(rec: &'a FitDataRecord, name: &str) -> Option<&'a str> {
    rec.fields()
        .iter()
        .find(|f| f.name() == name)
        .and_then(|f| as_str(f.value()))
}

fn field_f64(rec: &FitDataRecord, name: &str) -> Option<f64> {
    rec.fields()
        .iter()
        .find(|f| f.name() == name)
        .and_then(|f| as_f64(f.value()))
}

fn device_name(rec: &FitDataRecord) -> Option<String> {
    let maker = field_str(rec, "manufacturer")
        .map(str::to_string)
        .or_else(|| field_f64(rec, "manufacturer").map(|m| format!("manufacturer {m}")));
    let product = field_str(rec, "garmin_product")
        .or_else(|| field_str(rec, "product_name"))
        .map(str::to_string)
        .or_else(|| field_f64(rec, "product").map(|p| format!("{p}")))
        .or_else(|| field_f64(rec, "garmin_product").map(|p| format!("{p}")));
    match (maker, product) {
        (Some(m), Some(p)) => Some(format!("{m} {p}")),
        (Some(m), None) => Some(m),
        (None, Some(p)) => Some(p),
        (None, None) => None,
    }
}

fn raw_lap(rec: &FitDataRecord) -> RawLap {
    let mut l = RawLap::default();
    let mut end = None;
    for f in rec.fields() {
        let v = f.value();
        let x = as_f64(v);
        match f.name() {
            "start_time" => l.start_unix = x,
            "timestamp" => end = x,
            "total_elapsed_time" => l.lap.elapsed_s = x,
            "total_timer_time" => l.lap.timer_s = x,
            "total_distance" => l.lap.distance_m = x,
            "avg_heart_rate" => l.lap.avg_hr_bpm = x,
            "max_heart_rate" => l.lap.max_hr_bpm = x,
            "avg_running_cadence" | "avg_cadence" => l.cadence_raw = x,
            "avg_fractional_cadence" => l.cadence_frac = x,
            "enhanced_avg_speed" => l.lap.avg_speed_mps = x,
            "avg_speed" if l.lap.avg_speed_mps.is_none() => l.lap.avg_speed_mps = x,
            "total_ascent" => l.lap.ascent_m = x,
            "total_descent" => l.lap.descent_m = x,
            "total_calories" => l.totals.calories_kcal = x,
            "intensity" => l.lap.intensity = as_str(v).map(str::to_string),
            "lap_trigger" => l.lap.trigger = as_str(v).map(str::to_string),
            "wkt_step_index" => l.lap.wkt_step_index = x.map(|i| i as u32),
            "sport" => l.sport = as_str(v).map(str::to_string),
            "sub_sport" => l.sub_sport = as_str(v).map(str::to_string),
            _ => {}
        }
    }
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

fn cadence(raw: Option<f64>, frac: Option<f64>, on_foot: bool) -> Option<f64> {
    let c = raw? + frac.unwrap_or(0.0);
    Some(if on_foot { 2.0 * c } else { c })
}

fn place_lap(l: &RawLap, t0: f64, on_foot: bool) -> Lap {
    let mut lap = l.lap.clone();
    lap.start_s = l.start_unix.map_or(0.0, |s| s - t0);
    lap.end_s = l.end_unix.map_or(lap.start_s, |e| e - t0);
    lap.avg_cadence_spm = cadence(l.cadence_raw, l.cadence_frac, on_foot);
    lap
}

/// Timer stop → start pairs inside `range`, relative to `t0`.
fn pauses(events: &[(f64, bool)], range: (f64, f64), t0: f64) -> Vec<Pause> {
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
