//! TCX (Garmin Training Center Database v2) reader: one [`Activity`] per `Activity` element,
//! with laps, track points and the `TPX`/`LX` extensions under any prefix.

use super::limits::{Limits, MAX_ACTIVITIES_PER_FILE, MAX_LAPS_PER_FILE};
use super::xml::{self, Node, XmlCursor};
use crate::model::{Meta, SamplePoint, SourceFormat, Sport};
use crate::{Activity, Error, Result};
use laps::{LapIn, build_laps, device_totals, laps_disagree};

/// Elements the TCX reader cares about, by local name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Root,
    Activity,
    Notes,
    Creator,
    Name,
    Lap,
    TotalTimeSeconds,
    DistanceMeters,
    Calories,
    AverageHeartRateBpm,
    MaximumHeartRateBpm,
    HeartRateBpm,
    Value,
    Intensity,
    Cadence,
    TriggerMethod,
    Trackpoint,
    Time,
    LatitudeDegrees,
    LongitudeDegrees,
    AltitudeMeters,
    Speed,
    RunCadence,
    Watts,
    AvgSpeed,
    AvgRunCadence,
    Course,
    Workout,
    Other,
}

fn classify(local: &[u8]) -> Tag {
    match local {
        b"TrainingCenterDatabase" => Tag::Root,
        b"Activity" => Tag::Activity,
        b"Notes" => Tag::Notes,
        b"Creator" => Tag::Creator,
        b"Name" => Tag::Name,
        b"Lap" => Tag::Lap,
        b"TotalTimeSeconds" => Tag::TotalTimeSeconds,
        b"DistanceMeters" => Tag::DistanceMeters,
        b"Calories" => Tag::Calories,
        b"AverageHeartRateBpm" => Tag::AverageHeartRateBpm,
        b"MaximumHeartRateBpm" => Tag::MaximumHeartRateBpm,
        b"HeartRateBpm" => Tag::HeartRateBpm,
        b"Value" => Tag::Value,
        b"Intensity" => Tag::Intensity,
        b"Cadence" => Tag::Cadence,
        b"TriggerMethod" => Tag::TriggerMethod,
        b"Trackpoint" => Tag::Trackpoint,
        b"Time" => Tag::Time,
        b"LatitudeDegrees" => Tag::LatitudeDegrees,
        b"LongitudeDegrees" => Tag::LongitudeDegrees,
        b"AltitudeMeters" => Tag::AltitudeMeters,
        b"Speed" => Tag::Speed,
        b"RunCadence" => Tag::RunCadence,
        b"Watts" => Tag::Watts,
        b"AvgSpeed" => Tag::AvgSpeed,
        b"AvgRunCadence" => Tag::AvgRunCadence,
        b"Course" => Tag::Course,
        b"Workout" => Tag::Workout,
        _ => Tag::Other,
    }
}

/// A trackpoint being read: the sample (absolute epoch time) and both cadence spellings.
#[derive(Clone, Copy)]
struct PointIn {
    sample: SamplePoint,
    cadence: f64,
    run_cadence: f64,
}

/// An activity being read.
#[derive(Default)]
struct ActivityIn {
    /// 1-based position among the file's `Activity` elements.
    number: usize,
    sport: Option<String>,
    notes: Option<String>,
    device: Option<String>,
    local_offset_s: Option<i32>,
    rows: Vec<SamplePoint>,
    laps: Vec<LapIn>,
    skipped_untimed: usize,
}

/// Read the activities of a TCX document. Files with several `Activity` elements give one
/// activity each, named `source#1`, `source#2`, ...
pub fn read(bytes: &[u8], source: &str) -> Result<Vec<Activity>> {
    read_limited(bytes, source, &Limits::default())
}

/// [`read`] under explicit limits (XML depth, samples per activity).
pub fn read_limited(bytes: &[u8], source: &str, limits: &Limits) -> Result<Vec<Activity>> {
    let mut done: Vec<ActivityIn> = Vec::new();
    let mut act: Option<ActivityIn> = None;
    let mut lap: Option<LapIn> = None;
    let mut point: Option<PointIn> = None;
    let (mut count, mut saw_course, mut saw_workout, mut saw_root) = (0usize, false, false, false);
    let mut warnings = Vec::new();
    let mut capped = false;
    let mut laps_total = 0usize;
    let mut cursor = XmlCursor::new(bytes, classify).with_max_depth(limits.max_xml_depth);
    loop {
        let node = match cursor.step() {
            Ok(n) => n,
            Err(fail) => {
                let have = !done.is_empty() || act.as_ref().is_some_and(|a| !a.rows.is_empty());
                warnings.push(xml::recover(fail, have)?);
                break;
            }
        };
        match node {
            Node::Open(tag, e) => {
                if !saw_root {
                    saw_root = true;
                    if tag != Tag::Root {
                        let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                        warnings.push(format!(
                            "root element is <{name}>, not <TrainingCenterDatabase> (damaged file?)"
                        ));
                    }
                }
                match tag {
                    Tag::Activity => {
                        count += 1;
                        act = Some(ActivityIn {
                            number: count,
                            sport: xml::attr_text(&e, b"Sport"),
                            ..Default::default()
                        });
                    }
                    Tag::Lap if act.is_some() => {
                        let start = xml::attr(&e, b"StartTime").and_then(|v| xml::parse_time(&v));
                        lap = Some(LapIn {
                            start: start.map(|t| t.epoch_s),
                            ..Default::default()
                        });
                    }
                    Tag::Trackpoint if act.is_some() => {
                        point = Some(PointIn {
                            sample: SamplePoint::default(),
                            cadence: f64::NAN,
                            run_cadence: f64::NAN,
                        })
                    }
                    Tag::Course => saw_course = true,
                    Tag::Workout => saw_workout = true,
                    _ => {}
                }
            }
            Node::Close(tag) => {
                let Some(a) = act.as_mut() else { continue };
                let parent = cursor.parent();
                if let Some(p) = point.as_mut() {
                    if tag == Tag::Trackpoint {
                        if a.rows.len() + a.skipped_untimed >= limits.max_samples {
                            return Err(limits.too_many_samples());
                        }
                        finish_point(*p, a, lap.as_mut());
                        point = None;
                    } else {
                        point_value(p, tag, parent, &cursor, a);
                    }
                    continue;
                }
                if tag == Tag::Lap {
                    if laps_total < MAX_LAPS_PER_FILE {
                        laps_total += 1;
                        a.laps.extend(lap.take());
                    } else {
                        lap = None;
                        capped = true;
                    }
                    continue;
                }
                if tag == Tag::Activity {
                    if done.len() >= MAX_ACTIVITIES_PER_FILE {
                        act = None;
                        warnings.push(format!(
                            "more than {MAX_ACTIVITIES_PER_FILE} activities in the file; the rest ignored"
                        ));
                        break;
                    }
                    done.extend(act.take());
                    continue;
                }
                if let Some(l) = lap.as_mut() {
                    lap_value(l, tag, parent, &cursor);
                    continue;
                }
                match (tag, parent) {
                    (Tag::Notes, Some(Tag::Activity)) => {
                        a.notes = Some(cursor.text()).filter(|s| !s.is_empty())
                    }
                    (Tag::Name, Some(Tag::Creator)) => {
                        a.device = Some(cursor.text()).filter(|s| !s.is_empty())
                    }
                    _ => {}
                }
            }
            Node::End(truncated) => {
                if truncated {
                    warnings.push("TCX document ends inside an open element (truncated?)".into());
                }
                break;
            }
        }
    }
    if capped {
        warnings.push(format!(
            "more than {MAX_LAPS_PER_FILE} laps in the file; the rest ignored"
        ));
    }
    // An activity cut off by damage or truncation keeps what was read.
    if let Some(mut a) = act.take() {
        a.laps.extend(lap.take());
        done.push(a);
    }
    if count == 0 {
        return Err(if saw_course {
            Error::NotActivity("TCX course".into())
        } else if saw_workout {
            Error::NotActivity("TCX workout".into())
        } else {
            Error::NoTrackPoints
        });
    }
    let untimed = done.iter().any(|a| a.skipped_untimed > 0);
    let acts: Vec<Activity> = done
        .into_iter()
        .filter(|a| !a.rows.is_empty())
        .map(|a| assemble(a, source, count > 1, &warnings))
        .collect();
    if acts.is_empty() {
        return Err(if untimed {
            Error::NoTimestamps
        } else {
            Error::NoTrackPoints
        });
    }
    Ok(acts)
}

fn point_value(
    p: &mut PointIn,
    tag: Tag,
    parent: Option<Tag>,
    cursor: &XmlCursor<'_, Tag>,
    a: &mut ActivityIn,
) {
    let s = &mut p.sample;
    match tag {
        Tag::Time => {
            if let Some(t) = cursor.time() {
                s.time_s = t.epoch_s;
                if a.local_offset_s.is_none() {
                    a.local_offset_s = t.offset_s;
                }
            }
        }
        Tag::LatitudeDegrees => s.lat_deg = cursor.number(),
        Tag::LongitudeDegrees => s.lon_deg = cursor.number(),
        Tag::AltitudeMeters => s.altitude_m = cursor.number(),
        Tag::DistanceMeters => s.distance_m = cursor.number(),
        Tag::Value if parent == Some(Tag::HeartRateBpm) => s.hr_bpm = cursor.number(),
        Tag::Cadence => p.cadence = cursor.number(),
        Tag::RunCadence => p.run_cadence = cursor.number(),
        Tag::Speed => s.speed_mps = cursor.number(),
        Tag::Watts => s.power_w = cursor.number(),
        _ => {}
    }
}

fn finish_point(p: PointIn, a: &mut ActivityIn, lap: Option<&mut LapIn>) {
    let mut s = p.sample;
    if !s.time_s.is_finite() {
        a.skipped_untimed += 1;
        return;
    }
    // Running cadence: RunCadence preferred, else the bike element some watches use.
    s.cadence = if p.run_cadence.is_finite() {
        p.run_cadence
    } else {
        p.cadence
    };
    if let Some(l) = lap {
        l.first_point.get_or_insert(s.time_s);
        l.last_point = Some(s.time_s);
    }
    a.rows.push(s);
}

fn lap_value(l: &mut LapIn, tag: Tag, parent: Option<Tag>, cursor: &XmlCursor<'_, Tag>) {
    let num = || Some(cursor.number()).filter(|v| v.is_finite());
    let text = || Some(cursor.text()).filter(|s| !s.is_empty());
    match (tag, parent) {
        (Tag::TotalTimeSeconds, Some(Tag::Lap)) => l.total_time_s = num(),
        (Tag::DistanceMeters, Some(Tag::Lap)) => l.distance_m = num(),
        (Tag::Calories, Some(Tag::Lap)) => l.calories = num(),
        (Tag::Value, Some(Tag::AverageHeartRateBpm)) => l.avg_hr = num(),
        (Tag::Value, Some(Tag::MaximumHeartRateBpm)) => l.max_hr = num(),
        (Tag::Intensity, Some(Tag::Lap)) => l.intensity = text(),
        (Tag::Cadence, Some(Tag::Lap)) => l.cadence = num(),
        (Tag::TriggerMethod, Some(Tag::Lap)) => l.trigger = text(),
        (Tag::AvgSpeed, _) => l.avg_speed = num(),
        (Tag::AvgRunCadence, _) => l.avg_run_cadence = num(),
        _ => {}
    }
}

fn assemble(a: ActivityIn, source: &str, numbered: bool, warnings: &[String]) -> Activity {
    let t0 = a.rows.first().map_or(0.0, |p| p.time_s);
    let source = if numbered {
        format!("{source}#{}", a.number)
    } else {
        source.to_string()
    };
    let mut meta = Meta::new(source, SourceFormat::Tcx);
    meta.sport = a.sport.as_deref().map_or(Sport::Other, Sport::from_name);
    meta.device = a.device;
    meta.name = a.notes;
    meta.local_offset_s = a.local_offset_s;
    meta.start_utc = xml::Timestamp {
        epoch_s: t0,
        offset_s: None,
    }
    .to_utc();
    let mut act = Activity::new(meta);
    act.warnings = warnings.to_vec();
    if a.skipped_untimed > 0 {
        act.warnings.push(format!(
            "{} trackpoints without a time skipped",
            a.skipped_untimed
        ));
    }
    act.laps = build_laps(&a.laps, t0);
    act.device = device_totals(&a.laps, &act.laps);
    for mut p in a.rows {
        p.time_s -= t0;
        act.samples.push(p);
    }
    if let Some(why) = laps_disagree(&act) {
        act.warnings.push(format!(
            "{why}: the laps are not the watch's totals, the summary is recomputed"
        ));
        act.device = None;
    }
    let s = &act.samples;
    act.meta.indoor = !s
        .lat_deg
        .iter()
        .zip(&s.lon_deg)
        .any(|(x, y)| x.is_finite() && y.is_finite());
    act
}

#[path = "tcx_laps.rs"]
mod laps;

#[cfg(test)]
#[path = "tcx_tests.rs"]
mod tests;
