//! GPX 1.0 / 1.1 reader: tracks (or timed routes) with Garmin, Cluetrust (`gpxdata`) and
//! plain extension values, matched by local name whatever the prefix.

use super::limits::{Limits, MAX_LAPS_PER_FILE};
use super::xml::{self, Node, XmlCursor};
use crate::model::{Lap, Meta, Pause, PauseSource, SamplePoint, SourceFormat, Sport};
use crate::{Activity, Error, Result};

/// Elements the GPX reader cares about, by local name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Gpx,
    Metadata,
    Trk,
    Trkseg,
    Trkpt,
    Rte,
    Rtept,
    Name,
    Type,
    Time,
    Ele,
    Hr,
    Cadence,
    AirTemp,
    WaterTemp,
    Speed,
    Power,
    Distance,
    Lap,
    StartTime,
    ElapsedTime,
    Other,
}

fn classify(local: &[u8]) -> Tag {
    match local {
        b"gpx" => Tag::Gpx,
        b"metadata" => Tag::Metadata,
        b"trk" => Tag::Trk,
        b"trkseg" => Tag::Trkseg,
        b"trkpt" => Tag::Trkpt,
        b"rte" => Tag::Rte,
        b"rtept" => Tag::Rtept,
        b"name" => Tag::Name,
        b"type" => Tag::Type,
        b"time" => Tag::Time,
        b"ele" => Tag::Ele,
        b"hr" | b"heartrate" | b"heartRate" => Tag::Hr,
        b"cad" | b"cadence" => Tag::Cadence,
        b"atemp" | b"temp" | b"Temperature" | b"temperature" => Tag::AirTemp,
        b"wtemp" => Tag::WaterTemp,
        b"speed" => Tag::Speed,
        b"power" | b"PowerInWatts" | b"watts" => Tag::Power,
        b"distance" => Tag::Distance,
        b"lap" => Tag::Lap,
        b"startTime" => Tag::StartTime,
        b"elapsedTime" => Tag::ElapsedTime,
        _ => Tag::Other,
    }
}

/// A point being read: the sample (time as absolute epoch seconds) and its water temperature.
#[derive(Clone, Copy)]
struct Point {
    sample: SamplePoint,
    water_temp_c: f64,
}

/// Everything collected from the document before the activity is assembled.
#[derive(Default)]
struct Collected {
    /// Track segments in file order, each a list of points with absolute epoch times.
    segments: Vec<Vec<SamplePoint>>,
    route: Vec<SamplePoint>,
    name: Option<String>,
    sport: Option<Sport>,
    creator: Option<String>,
    local_offset_s: Option<i32>,
    /// Cluetrust `gpxdata:lap` extensions (Movescount), as written.
    laps: Vec<LapIn>,
    warnings: Vec<String>,
}

/// A `gpxdata:lap`: start (epoch seconds), elapsed seconds and distance in metres, `NaN` if absent.
#[derive(Clone, Copy)]
struct LapIn {
    start: f64,
    elapsed_s: f64,
    distance_m: f64,
}

/// Read the activity of a GPX document (one per file: all tracks and segments concatenated).
pub fn read(bytes: &[u8], source: &str) -> Result<Vec<Activity>> {
    read_limited(bytes, source, &Limits::default())
}

/// [`read`] under explicit limits (XML depth, samples).
pub fn read_limited(bytes: &[u8], source: &str, limits: &Limits) -> Result<Vec<Activity>> {
    let col = collect(bytes, limits)?;
    Ok(vec![assemble(col, source)?])
}

fn collect(bytes: &[u8], limits: &Limits) -> Result<Collected> {
    let mut col = Collected::default();
    let mut cur: Option<Point> = None;
    let mut lap: Option<LapIn> = None;
    let mut laps_capped = false;
    let mut points = 0usize;
    let mut cursor = XmlCursor::new(bytes, classify).with_max_depth(limits.max_xml_depth);
    loop {
        let node = match cursor.step() {
            Ok(n) => n,
            Err(fail) => {
                let have = col.segments.iter().any(|s| !s.is_empty()) || !col.route.is_empty();
                col.warnings.push(xml::recover(fail, have)?);
                break;
            }
        };
        match node {
            Node::Open(tag, e) => match tag {
                Tag::Gpx => col.creator = xml::attr_text(&e, b"creator"),
                // An empty segment is reused, so `<trkseg/>` repeated costs no memory.
                Tag::Trk | Tag::Trkseg if col.segments.last().is_none_or(|s| !s.is_empty()) => {
                    col.segments.push(Vec::new())
                }
                Tag::Lap if cur.is_none() => {
                    lap = Some(LapIn {
                        start: f64::NAN,
                        elapsed_s: f64::NAN,
                        distance_m: f64::NAN,
                    })
                }
                Tag::Trkpt | Tag::Rtept => {
                    let coord =
                        |k: &[u8]| xml::attr(&e, k).map_or(f64::NAN, |v| xml::parse_number(&v));
                    let sample = SamplePoint {
                        lat_deg: coord(b"lat"),
                        lon_deg: coord(b"lon"),
                        ..SamplePoint::default()
                    };
                    cur = Some(Point {
                        sample,
                        water_temp_c: f64::NAN,
                    });
                }
                _ => {}
            },
            Node::Close(tag) => {
                let parent = cursor.parent();
                if let Some(p) = cur.as_mut() {
                    match tag {
                        Tag::Trkpt | Tag::Rtept => {
                            points += 1;
                            if points > limits.max_samples {
                                return Err(limits.too_many_samples());
                            }
                            let mut s = p.sample;
                            if s.temperature_c.is_nan() {
                                s.temperature_c = p.water_temp_c;
                            }
                            if tag == Tag::Rtept {
                                col.route.push(s);
                            } else if let Some(seg) = col.segments.last_mut() {
                                seg.push(s);
                            } else {
                                col.segments.push(vec![s]);
                            }
                            cur = None;
                        }
                        Tag::Time => {
                            if let Some(t) = cursor.time() {
                                p.sample.time_s = t.epoch_s;
                                if col.local_offset_s.is_none() {
                                    col.local_offset_s = t.offset_s;
                                }
                            }
                        }
                        Tag::Ele => p.sample.altitude_m = cursor.number(),
                        Tag::Hr => p.sample.hr_bpm = cursor.number(),
                        Tag::Cadence => p.sample.cadence = cursor.number(),
                        Tag::AirTemp => p.sample.temperature_c = cursor.number(),
                        Tag::WaterTemp => p.water_temp_c = cursor.number(),
                        Tag::Speed => p.sample.speed_mps = cursor.number(),
                        Tag::Power => p.sample.power_w = cursor.number(),
                        Tag::Distance => p.sample.distance_m = cursor.number(),
                        _ => {}
                    }
                    continue;
                }
                if let Some(l) = lap.as_mut() {
                    match tag {
                        Tag::StartTime => l.start = cursor.time().map_or(f64::NAN, |t| t.epoch_s),
                        Tag::ElapsedTime => l.elapsed_s = cursor.number(),
                        Tag::Distance => l.distance_m = cursor.number(),
                        Tag::Lap if col.laps.len() < MAX_LAPS_PER_FILE => {
                            col.laps.extend(lap.take())
                        }
                        Tag::Lap => {
                            lap = None;
                            laps_capped = true;
                        }
                        _ => {}
                    }
                    continue;
                }
                match (tag, parent) {
                    (Tag::Name, Some(Tag::Metadata | Tag::Trk | Tag::Rte))
                        if col.name.is_none() =>
                    {
                        col.name = Some(cursor.text()).filter(|n| !n.is_empty());
                    }
                    (Tag::Type, Some(Tag::Trk | Tag::Rte)) if col.sport.is_none() => {
                        col.sport = Some(Sport::from_name(&cursor.text()));
                    }
                    _ => {}
                }
            }
            Node::End(truncated) => {
                if truncated {
                    col.warnings
                        .push("GPX document ends inside an open element (truncated?)".into());
                }
                break;
            }
        }
    }
    if laps_capped {
        col.warnings.push(format!(
            "more than {MAX_LAPS_PER_FILE} laps in the file; the rest ignored"
        ));
    }
    Ok(col)
}

fn assemble(col: Collected, source: &str) -> Result<Activity> {
    let Collected {
        mut segments,
        route,
        name,
        sport,
        creator,
        local_offset_s,
        laps,
        mut warnings,
    } = col;
    segments.retain(|s| !s.is_empty());
    if segments.is_empty() {
        if route.is_empty() {
            return Err(Error::NoTrackPoints);
        }
        warnings.push("no track: route points used as the track".into());
        segments.push(route);
    }
    let total: usize = segments.iter().map(Vec::len).sum();
    for seg in &mut segments {
        seg.retain(|p| p.time_s.is_finite());
    }
    segments.retain(|s| !s.is_empty());
    let kept: usize = segments.iter().map(Vec::len).sum();
    if kept == 0 {
        return Err(Error::NoTimestamps);
    }
    if kept < total {
        warnings.push(format!("{} points without a time skipped", total - kept));
    }
    // Segments in time order (stable: equal starts keep file order).
    segments.sort_by(|a, b| {
        let (ta, tb) = (
            a.first().map_or(0.0, |p| p.time_s),
            b.first().map_or(0.0, |p| p.time_s),
        );
        ta.total_cmp(&tb)
    });
    let t0 = segments
        .first()
        .and_then(|s| s.first())
        .map_or(0.0, |p| p.time_s);

    let mut meta = Meta::new(source, SourceFormat::Gpx);
    meta.sport = sport.unwrap_or(Sport::Other);
    meta.device = creator;
    meta.name = name;
    meta.local_offset_s = local_offset_s;
    meta.start_utc = xml::Timestamp {
        epoch_s: t0,
        offset_s: None,
    }
    .to_utc();
    let mut act = Activity::new(meta);
    act.warnings = warnings;
    let mut prev_end: Option<f64> = None;
    for seg in segments {
        if let (Some(end), Some(first)) = (prev_end, seg.first())
            && first.time_s > end
        {
            act.pauses.push(Pause {
                start_s: end - t0,
                end_s: first.time_s - t0,
                source: PauseSource::Timer,
            });
        }
        prev_end = seg.last().map(|p| p.time_s);
        for mut p in seg {
            p.time_s -= t0;
            act.samples.push(p);
        }
    }
    let laps: Vec<&LapIn> = laps
        .iter()
        .filter(|l| l.start.is_finite() && l.elapsed_s > 0.0)
        .collect();
    // Some exports (Movescount's) write each lap's end as its `startTime`.
    let lead = if stamps_are_lap_ends(&laps) { 1.0 } else { 0.0 };
    act.laps = laps
        .iter()
        .map(|l| Lap {
            start_s: l.start - lead * l.elapsed_s - t0,
            end_s: l.start + (1.0 - lead) * l.elapsed_s - t0,
            elapsed_s: Some(l.elapsed_s),
            distance_m: Some(l.distance_m).filter(|d| d.is_finite()),
            ..Lap::default()
        })
        .collect();
    let s = &act.samples;
    act.meta.indoor = !s
        .lat_deg
        .iter()
        .zip(&s.lon_deg)
        .any(|(a, b)| a.is_finite() && b.is_finite());
    Ok(act)
}

/// Laps follow one another, so a lap's start is the previous lap's end. Whether the laps'
/// `startTime`s are really their ends: more consecutive pairs tile as ends (this stamp less its
/// elapsed time is the previous stamp, within [`LAP_TILE_TOL_S`]) than as starts (the previous
/// stamp plus its elapsed time is this stamp). A Movescount export's first timed lap, 481 s
/// long, is stamped 481 s after the activity began.
fn stamps_are_lap_ends(laps: &[&LapIn]) -> bool {
    let fits =
        |ok: &dyn Fn(&LapIn, &LapIn) -> bool| laps.windows(2).filter(|w| ok(w[0], w[1])).count();
    let as_starts = fits(&|a, b| (a.start + a.elapsed_s - b.start).abs() <= LAP_TILE_TOL_S);
    let as_ends = fits(&|a, b| (b.start - b.elapsed_s - a.start).abs() <= LAP_TILE_TOL_S);
    as_ends > as_starts
}

/// How far (s) a lap may start from the previous lap's end and still follow it (the stamps'
/// rounding and a watch's lap-press bookkeeping).
const LAP_TILE_TOL_S: f64 = 2.0;

#[cfg(test)]
#[path = "gpx_tests.rs"]
mod tests;
