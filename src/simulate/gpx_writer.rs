//! GPX 1.1 writer with Garmin TrackPointExtension (heart rate, per-foot cadence), the way
//! Garmin Connect exports an activity: one track, one segment, UTC times. Samples without a
//! position (dropouts, treadmill, pool) cannot be expressed in GPX and are left out.

use std::fmt::Write;

use chrono::{DateTime, TimeDelta, Utc};

use super::recording::Recording;

/// Escape the five XML special characters.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// RFC 3339 UTC time of a sample.
pub fn utc_time(start: DateTime<Utc>, offset_s: u32) -> String {
    (start + TimeDelta::seconds(offset_s as i64))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// Encode a recording as GPX 1.1.
pub fn encode(rec: &Recording, start_utc: DateTime<Utc>, _local_offset_s: i32) -> Vec<u8> {
    let mut s = String::with_capacity(200 + rec.len() * 260);
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str(concat!(
        "<gpx creator=\"lapwise-sim\" version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\"",
        " xmlns:gpxtpx=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\"",
        " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"",
        " xsi:schemaLocation=\"http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd",
        " http://www.garmin.com/xmlschemas/TrackPointExtension/v1 http://www.garmin.com/xmlschemas/TrackPointExtensionv1.xsd\">\n"
    ));
    let _ = writeln!(
        s,
        " <metadata>\n  <time>{}</time>\n </metadata>",
        utc_time(start_utc, 0)
    );
    let _ = writeln!(
        s,
        " <trk>\n  <name>{}</name>\n  <type>{}</type>\n  <trkseg>",
        xml_escape(&format!("lapwise-sim {}", rec.sport.as_str())),
        rec.sport.as_str()
    );
    let on_foot = rec.sport.is_on_foot();
    for i in 0..rec.len() {
        if !(rec.lat[i].is_finite() && rec.lon[i].is_finite()) {
            continue;
        }
        let _ = write!(
            s,
            "   <trkpt lat=\"{:.7}\" lon=\"{:.7}\">",
            rec.lat[i], rec.lon[i]
        );
        if rec.altitude[i].is_finite() {
            let _ = write!(s, "<ele>{:.1}</ele>", rec.altitude[i]);
        }
        let _ = write!(s, "<time>{}</time>", utc_time(start_utc, rec.time_s[i]));
        let hr = rec.hr[i].is_finite();
        let cad = rec.cadence[i].is_finite();
        if hr || cad {
            s.push_str("<extensions><gpxtpx:TrackPointExtension>");
            if hr {
                let _ = write!(s, "<gpxtpx:hr>{}</gpxtpx:hr>", rec.hr[i] as i64);
            }
            if cad {
                let c = if on_foot {
                    (rec.cadence[i] / 2.0).floor()
                } else {
                    rec.cadence[i].round()
                };
                let _ = write!(s, "<gpxtpx:cad>{}</gpxtpx:cad>", c as i64);
            }
            s.push_str("</gpxtpx:TrackPointExtension></extensions>");
        }
        s.push_str("</trkpt>\n");
    }
    s.push_str("  </trkseg>\n </trk>\n</gpx>\n");
    s.into_bytes()
}
