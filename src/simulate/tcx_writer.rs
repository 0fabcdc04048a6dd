//! Training Center XML (TCX v2) writer: laps with totals, intensity and trigger, trackpoints
//! with cumulative distance, heart rate, and per-foot run cadence / speed in the ActivityExtension.

use std::fmt::Write;

use chrono::{DateTime, Utc};

use super::gpx_writer::utc_time;
use super::recording::RecLap;
use super::recording::Recording;
use crate::model::Sport;

fn sport_attr(sport: Sport) -> &'static str {
    match sport {
        Sport::Running => "Running",
        Sport::Cycling => "Biking",
        _ => "Other",
    }
}

fn trigger_name(t: &str) -> &'static str {
    match t {
        "distance" => "Distance",
        "time" => "Time",
        _ => "Manual",
    }
}

/// Encode a recording as TCX.
pub fn encode(rec: &Recording, start_utc: DateTime<Utc>, _local_offset_s: i32) -> Vec<u8> {
    let mut s = String::with_capacity(400 + rec.len() * 330);
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str(concat!(
        "<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\"",
        " xmlns:ns3=\"http://www.garmin.com/xmlschemas/ActivityExtension/v2\"",
        " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
    ));
    let _ = writeln!(
        s,
        " <Activities>\n  <Activity Sport=\"{}\">\n   <Id>{}</Id>",
        sport_attr(rec.sport),
        utc_time(start_utc, 0)
    );
    let on_foot = rec.sport.is_on_foot();
    let nlaps = rec.laps.len();
    for (k, lap) in rec.laps.iter().enumerate() {
        write_lap(&mut s, rec, lap, k + 1 == nlaps, start_utc, on_foot);
    }
    s.push_str(concat!(
        "   <Creator xsi:type=\"Device_t\">\n    <Name>lapwise-sim</Name>\n    <UnitId>3141592653</UnitId>\n",
        "    <ProductID>1</ProductID>\n    <Version>\n     <VersionMajor>1</VersionMajor>\n",
        "     <VersionMinor>0</VersionMinor>\n    </Version>\n   </Creator>\n"
    ));
    s.push_str("  </Activity>\n </Activities>\n</TrainingCenterDatabase>\n");
    s.into_bytes()
}

fn write_lap(
    s: &mut String,
    rec: &Recording,
    lap: &RecLap,
    last: bool,
    start: DateTime<Utc>,
    on_foot: bool,
) {
    let _ = writeln!(s, "   <Lap StartTime=\"{}\">", utc_time(start, lap.start_s));
    let _ = writeln!(
        s,
        "    <TotalTimeSeconds>{:.1}</TotalTimeSeconds>",
        lap.timer_s
    );
    let _ = writeln!(
        s,
        "    <DistanceMeters>{:.2}</DistanceMeters>",
        lap.distance_m
    );
    let _ = writeln!(
        s,
        "    <MaximumSpeed>{:.3}</MaximumSpeed>",
        lap.max_speed_mps
    );
    s.push_str("    <Calories>0</Calories>\n");
    if let Some(hr) = lap.avg_hr_bpm {
        let _ = writeln!(
            s,
            "    <AverageHeartRateBpm>\n     <Value>{}</Value>\n    </AverageHeartRateBpm>",
            hr as i64
        );
    }
    if let Some(hr) = lap.max_hr_bpm {
        let _ = writeln!(
            s,
            "    <MaximumHeartRateBpm>\n     <Value>{}</Value>\n    </MaximumHeartRateBpm>",
            hr as i64
        );
    }
    let resting = matches!(lap.intensity, "rest" | "recovery");
    let _ = writeln!(
        s,
        "    <Intensity>{}</Intensity>",
        if resting { "Resting" } else { "Active" }
    );
    if !on_foot && let Some(c) = lap.avg_cadence {
        let _ = writeln!(s, "    <Cadence>{}</Cadence>", c.round() as i64);
    }
    let _ = writeln!(
        s,
        "    <TriggerMethod>{}</TriggerMethod>",
        trigger_name(lap.trigger)
    );
    s.push_str("    <Track>\n");
    let end = if last { lap.end_idx + 1 } else { lap.end_idx };
    for i in lap.start_idx..end.min(rec.len()) {
        write_point(s, rec, i, start, on_foot);
    }
    s.push_str("    </Track>\n    <Extensions>\n     <ns3:LX>\n");
    let _ = writeln!(
        s,
        "      <ns3:AvgSpeed>{:.3}</ns3:AvgSpeed>",
        lap.avg_speed_mps
    );
    if on_foot && let Some(c) = lap.avg_cadence {
        let cad = (c / 2.0).round() as i64;
        let _ = writeln!(s, "      <ns3:AvgRunCadence>{cad}</ns3:AvgRunCadence>");
    }
    s.push_str("     </ns3:LX>\n    </Extensions>\n   </Lap>\n");
}

fn write_point(s: &mut String, rec: &Recording, i: usize, start: DateTime<Utc>, on_foot: bool) {
    let _ = write!(
        s,
        "     <Trackpoint><Time>{}</Time>",
        utc_time(start, rec.time_s[i])
    );
    if rec.lat[i].is_finite() && rec.lon[i].is_finite() {
        let _ = write!(
            s,
            "<Position><LatitudeDegrees>{:.7}</LatitudeDegrees><LongitudeDegrees>{:.7}</LongitudeDegrees></Position>",
            rec.lat[i], rec.lon[i]
        );
    }
    if rec.altitude[i].is_finite() {
        let _ = write!(s, "<AltitudeMeters>{:.1}</AltitudeMeters>", rec.altitude[i]);
    }
    let _ = write!(s, "<DistanceMeters>{:.2}</DistanceMeters>", rec.distance[i]);
    if rec.hr[i].is_finite() {
        let _ = write!(
            s,
            "<HeartRateBpm><Value>{}</Value></HeartRateBpm>",
            rec.hr[i] as i64
        );
    }
    let cad = rec.cadence[i];
    if !on_foot && cad.is_finite() {
        let _ = write!(s, "<Cadence>{}</Cadence>", cad.round() as i64);
    }
    let _ = write!(
        s,
        "<Extensions><ns3:TPX><ns3:Speed>{:.3}</ns3:Speed>",
        rec.speed[i]
    );
    if on_foot && cad.is_finite() {
        let _ = write!(
            s,
            "<ns3:RunCadence>{}</ns3:RunCadence>",
            (cad / 2.0).floor() as i64
        );
    }
    s.push_str("</ns3:TPX></Extensions></Trackpoint>\n");
}
