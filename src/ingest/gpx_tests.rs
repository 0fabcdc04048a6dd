//! Unit tests of the GPX reader with small inline documents.

use super::*;
use crate::model::Channel;

fn one(doc: &str) -> Activity {
    let mut acts = read(doc.as_bytes(), "t.gpx").unwrap();
    assert_eq!(acts.len(), 1);
    acts.remove(0)
}

fn gpx(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\" creator=\"Test &amp; Co\" \
         xmlns=\"http://www.topografix.com/GPX/1/1\">{body}</gpx>"
    )
}

fn pt(t: &str, ext: &str) -> String {
    format!(
        "<trkpt lat=\"45.0\" lon=\"5.0\"><ele>100.5</ele><time>{t}</time>\
         <extensions>{ext}</extensions></trkpt>"
    )
}

#[test]
fn garmin_extensions_under_any_prefix() {
    let exts = [
        "<gpxtpx:TrackPointExtension><gpxtpx:hr>150</gpxtpx:hr><gpxtpx:cad>85</gpxtpx:cad>\
         <gpxtpx:atemp>21.5</gpxtpx:atemp><gpxtpx:speed>3.2</gpxtpx:speed>\
         <gpxtpx:course>90</gpxtpx:course></gpxtpx:TrackPointExtension>\
         <gpxpx:PowerExtension><gpxpx:PowerInWatts>250</gpxpx:PowerInWatts></gpxpx:PowerExtension>",
        "<ns3:TrackPointExtension><ns3:hr>150</ns3:hr><ns3:cad>85</ns3:cad><ns3:atemp>21.5</ns3:atemp>\
         <ns3:speed>3.2</ns3:speed><ns3:power>250</ns3:power></ns3:TrackPointExtension>",
        "<TrackPointExtension><hr>150</hr><cad>85</cad><atemp>21.5</atemp><speed>3.2</speed>\
         <power>250</power></TrackPointExtension>",
        "<gpxdata:hr>150</gpxdata:hr><gpxdata:cadence>85</gpxdata:cadence>\
         <gpxdata:temp>21.5</gpxdata:temp><gpxdata:speed>3.2</gpxdata:speed>\
         <pwr:PowerInWatts>250</pwr:PowerInWatts>",
        "<heartrate>150</heartrate><cadence>85</cadence><gpxx:Temperature>21.5</gpxx:Temperature>\
         <speed>3.2</speed><power>250</power>",
    ];
    for ext in exts {
        let doc = gpx(&format!(
            "<trk><trkseg>{}</trkseg></trk>",
            pt("2021-01-01T10:00:00Z", ext)
        ));
        let a = one(&doc);
        let s = &a.samples;
        assert_eq!(s.hr_bpm, vec![150.0], "{ext}");
        assert_eq!(s.cadence, vec![85.0], "{ext}");
        assert_eq!(s.temperature_c, vec![21.5], "{ext}");
        assert_eq!(s.speed_mps, vec![3.2], "{ext}");
        assert_eq!(s.power_w, vec![250.0], "{ext}");
        assert_eq!(s.altitude_m, vec![100.5]);
        assert_eq!((s.lat_deg[0], s.lon_deg[0]), (45.0, 5.0));
        assert!(s.distance_m[0].is_nan());
    }
}

#[test]
fn water_temp_and_gpxdata_distance() {
    let doc = gpx(&format!(
        "<trk><trkseg>{}{}</trkseg></trk>",
        pt(
            "2021-01-01T10:00:00Z",
            "<gpxtpx:wtemp>12</gpxtpx:wtemp><gpxdata:distance>0</gpxdata:distance>"
        ),
        pt(
            "2021-01-01T10:00:01Z",
            "<gpxdata:distance>3.5</gpxdata:distance>"
        )
    ));
    let a = one(&doc);
    assert_eq!(a.samples.temperature_c[0], 12.0);
    assert_eq!(a.samples.distance_m, vec![0.0, 3.5]);
}

#[test]
fn metadata_sport_and_device() {
    let doc = gpx(&format!(
        "<metadata><name>Morning Run</name><author><name>Me</name></author>\
         <time>2021-01-01T09:00:00Z</time></metadata>\
         <trk><name>Other name</name><type>9</type><trkseg>{}{}</trkseg></trk>",
        pt("2021-01-01T10:00:00.500Z", ""),
        pt("2021-01-01T10:00:02Z", "")
    ));
    let a = one(&doc);
    assert_eq!(a.meta.name.as_deref(), Some("Morning Run"));
    assert_eq!(a.meta.sport, Sport::Running);
    assert_eq!(a.meta.device.as_deref(), Some("Test & Co"));
    assert_eq!(a.meta.format, SourceFormat::Gpx);
    assert_eq!(a.samples.time_s, vec![0.0, 1.5]);
    let start = a.meta.start_utc.unwrap().to_rfc3339();
    assert_eq!(start, "2021-01-01T10:00:00.500+00:00");
    assert_eq!(a.meta.local_offset_s, None);
    assert!(!a.meta.indoor);
}

#[test]
fn no_type_is_other_and_strava_ride_is_cycling() {
    let body = format!(
        "<trk><trkseg>{}</trkseg></trk>",
        pt("2021-01-01T10:00:00Z", "")
    );
    assert_eq!(one(&gpx(&body)).meta.sport, Sport::Other);
    let body = format!(
        "<trk><type>1</type><trkseg>{}</trkseg></trk>",
        pt("2021-01-01T10:00:00Z", "")
    );
    assert_eq!(one(&gpx(&body)).meta.sport, Sport::Cycling);
}

#[test]
fn local_offset_from_times() {
    let doc = gpx(&format!(
        "<trk><trkseg>{}{}</trkseg></trk>",
        pt("2020-02-02T03:02:03+01:00", ""),
        pt("2020-02-02T03:02:17+01:00", "")
    ));
    let a = one(&doc);
    assert_eq!(a.meta.local_offset_s, Some(3600));
    assert_eq!(a.samples.time_s, vec![0.0, 14.0]);
    assert_eq!(
        a.meta.start_utc.unwrap().to_rfc3339(),
        "2020-02-02T02:02:03+00:00"
    );
}

#[test]
fn segments_become_pauses_in_time_order() {
    let doc = gpx(&format!(
        "<trk><trkseg>{}{}</trkseg><trkseg>{}{}</trkseg></trk><trk><trkseg>{}</trkseg></trk>",
        pt("2021-01-01T10:01:00Z", ""),
        pt("2021-01-01T10:01:10Z", ""),
        pt("2021-01-01T10:00:00Z", ""),
        pt("2021-01-01T10:00:10Z", ""),
        pt("2021-01-01T10:05:00Z", ""),
    ));
    let a = one(&doc);
    assert_eq!(a.samples.time_s, vec![0.0, 10.0, 60.0, 70.0, 300.0]);
    assert_eq!(
        a.pauses,
        vec![
            Pause {
                start_s: 10.0,
                end_s: 60.0,
                source: PauseSource::Timer,
            },
            Pause {
                start_s: 70.0,
                end_s: 300.0,
                source: PauseSource::Timer,
            }
        ]
    );
}

#[test]
fn gpx_1_0_with_speed_and_course() {
    let doc = "<?xml version=\"1.0\"?><gpx version=\"1.0\" creator=\"GPSBabel\" \
               xmlns=\"http://www.topografix.com/GPX/1/0\"><trk><name>t</name><trkseg>\
               <trkpt lat=\"1\" lon=\"2\"><ele>3</ele><time>2008-01-01T00:00:00Z</time>\
               <course>12</course><speed>2.5</speed></trkpt>\
               <trkpt lat=\"1.001\" lon=\"2\"><time>2008-01-01T00:00:05Z</time></trkpt>\
               </trkseg></trk></gpx>";
    let a = one(doc);
    assert_eq!(a.samples.len(), 2);
    assert_eq!(a.samples.speed_mps[0], 2.5);
    assert!(a.samples.speed_mps[1].is_nan());
    assert_eq!(a.meta.device.as_deref(), Some("GPSBabel"));
}

#[test]
fn bad_numbers_become_nan() {
    let doc = gpx(
        "<trk><trkseg><trkpt lat=\"undefined\" lon=\"x\"><ele>bad data</ele>\
         <time>2007-05-11T15:22:06Z</time><extensions><hr>undefined</hr></extensions></trkpt>\
         </trkseg></trk>",
    );
    let a = one(&doc);
    assert!(a.samples.lat_deg[0].is_nan());
    assert!(a.samples.altitude_m[0].is_nan());
    assert!(a.samples.hr_bpm[0].is_nan());
    assert!(a.meta.indoor);
    assert!(!a.samples.has(Channel::HeartRate));
}

#[test]
fn waypoints_are_ignored_and_routes_used_when_no_track() {
    let doc = gpx(
        "<wpt lat=\"1\" lon=\"1\"><time>2000-01-01T00:00:00Z</time><name>w</name></wpt>\
         <rte><name>route</name><rtept lat=\"1\" lon=\"2\"><time>2021-01-01T00:00:00Z</time></rtept>\
         <rtept lat=\"1\" lon=\"2.001\"><time>2021-01-01T00:00:09Z</time></rtept></rte>",
    );
    let a = one(&doc);
    assert_eq!(a.samples.time_s, vec![0.0, 9.0]);
    assert_eq!(a.meta.name.as_deref(), Some("route"));
    assert_eq!(
        a.meta.start_utc.unwrap().to_rfc3339(),
        "2021-01-01T00:00:00+00:00"
    );
}

#[test]
fn missing_points_or_times_are_errors() {
    let empty = gpx("<metadata><time>2021-01-01T00:00:00Z</time></metadata>");
    assert!(matches!(
        read(empty.as_bytes(), "t"),
        Err(Error::NoTrackPoints)
    ));
    let untimed =
        gpx("<trk><trkseg><trkpt lat=\"1\" lon=\"2\"><ele>3</ele></trkpt></trkseg></trk>");
    assert!(matches!(
        read(untimed.as_bytes(), "t"),
        Err(Error::NoTimestamps)
    ));
    let route = gpx("<rte><rtept lat=\"1\" lon=\"2\"></rtept></rte>");
    assert!(matches!(
        read(route.as_bytes(), "t"),
        Err(Error::NoTimestamps)
    ));
}

#[test]
fn points_without_time_are_skipped_with_warning() {
    let doc = gpx(&format!(
        "<trk><trkseg>{}<trkpt lat=\"1\" lon=\"2\"/>{}</trkseg></trk>",
        pt("2021-01-01T10:00:00Z", ""),
        pt("2021-01-01T10:00:01Z", "")
    ));
    let a = one(&doc);
    assert_eq!(a.samples.len(), 2);
    assert!(a.warnings.iter().any(|w| w.contains("without a time")));
}

#[test]
fn bom_whitespace_and_undeclared_prefix() {
    let doc = format!(
        "\u{feff}  \n{}",
        gpx(&format!(
            "<trk><trkseg>{}</trkseg></trk>",
            pt(
                "2021-01-01T10:00:00Z",
                "<gpxdata:cadence>43</gpxdata:cadence>"
            )
        ))
    );
    assert_eq!(one(&doc).samples.cadence, vec![43.0]);
}

#[test]
fn doctype_and_deep_nesting_are_rejected() {
    let doc = "<?xml version=\"1.0\"?><!DOCTYPE gpx [<!ENTITY a \"aaaa\">]><gpx><trk/></gpx>";
    let err = read(doc.as_bytes(), "t").unwrap_err();
    assert!(matches!(err, Error::Xml { .. }));
    let deep = gpx(&format!(
        "<trk><trkseg>{}{}{}</trkseg></trk>",
        pt("2021-01-01T10:00:00Z", ""),
        "<extensions>".repeat(100),
        "</extensions>".repeat(100)
    ));
    let err = read(deep.as_bytes(), "t").unwrap_err();
    assert!(matches!(err, Error::Limit { .. }), "{err}");
    assert!(err.to_string().contains("--max-xml-depth"), "{err}");
}

#[test]
fn malformed_xml_errors_or_recovers() {
    let broken = "<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\"></trkseg></trk></gpx>";
    match read(broken.as_bytes(), "t") {
        Err(Error::Xml { at, message }) => assert!(at > 0 && !message.is_empty()),
        other => panic!("expected an XML error, got {other:?}"),
    }
    let truncated = gpx(&format!(
        "<trk><trkseg>{}{}",
        pt("2021-01-01T10:00:00Z", ""),
        pt("2021-01-01T10:00:01Z", "")
    ))
    .replace("</gpx>", "<trkpt lat=\"1");
    let a = one(&truncated);
    assert_eq!(a.samples.len(), 2);
    assert!(!a.warnings.is_empty());
}

#[test]
fn gpxdata_laps_become_laps() {
    let doc = gpx(&format!(
        "<trk><trkseg>{}{}</trkseg></trk><extensions>\
         <gpxdata:lap><gpxdata:index>1</gpxdata:index><gpxdata:startTime>2021-01-01T10:00:00Z</gpxdata:startTime>\
         <gpxdata:elapsedTime>0</gpxdata:elapsedTime><gpxdata:distance>0</gpxdata:distance></gpxdata:lap>\
         <gpxdata:lap><gpxdata:startTime>2021-01-01T10:00:00.5Z</gpxdata:startTime>\
         <gpxdata:elapsedTime>300</gpxdata:elapsedTime><gpxdata:distance>1000</gpxdata:distance></gpxdata:lap>\
         </extensions>",
        pt(
            "2021-01-01T10:00:00Z",
            "<gpxdata:distance>0</gpxdata:distance>"
        ),
        pt(
            "2021-01-01T10:05:00Z",
            "<gpxdata:distance>1000</gpxdata:distance>"
        )
    ));
    let a = one(&doc);
    assert_eq!(a.samples.distance_m, vec![0.0, 1000.0]);
    assert_eq!(a.laps.len(), 1);
    let l = &a.laps[0];
    assert_eq!((l.start_s, l.end_s), (0.5, 300.5));
    assert_eq!((l.elapsed_s, l.distance_m), (Some(300.0), Some(1000.0)));
}

/// Movescount writes each lap's end as its `startTime`: the laps tile only when read so.
#[test]
fn gpxdata_lap_stamps_at_lap_ends_are_read_as_ends() {
    // A 15-minute track with laps of 480, 300 and 120 s (1000, 550, 300 m) stamped at `stamps`;
    // the laps as read, (start, end) in seconds.
    let spans = |stamps: [&str; 3]| -> Vec<(f64, f64)> {
        let laps: String = stamps
            .iter()
            .zip([(480, 1000), (300, 550), (120, 300)])
            .map(|(stamp, (secs, metres))| {
                format!(
                    "<gpxdata:lap><gpxdata:startTime>2021-01-01T{stamp}Z</gpxdata:startTime>\
                     <gpxdata:elapsedTime>{secs}</gpxdata:elapsedTime>\
                     <gpxdata:distance>{metres}</gpxdata:distance></gpxdata:lap>"
                )
            })
            .collect();
        let doc = gpx(&format!(
            "<trk><trkseg>{}{}</trkseg></trk><extensions>{laps}</extensions>",
            pt("2021-01-01T10:00:00Z", ""),
            pt("2021-01-01T10:15:00Z", ""),
        ));
        one(&doc)
            .laps
            .iter()
            .map(|l| (l.start_s, l.end_s))
            .collect()
    };
    let tiled = vec![(0.0, 480.0), (480.0, 780.0), (780.0, 900.0)];
    assert_eq!(spans(["10:08:00", "10:13:00", "10:15:00"]), tiled);
    // Stamped at their starts, the same laps stay as written.
    assert_eq!(spans(["10:00:00", "10:08:00", "10:13:00"]), tiled);
}
