//! Unit tests of the TCX reader with small inline documents.

use super::*;

fn tcx(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TrainingCenterDatabase \
         xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\" \
         xmlns:ns3=\"http://www.garmin.com/xmlschemas/ActivityExtension/v2\">{body}</TrainingCenterDatabase>"
    )
}

fn tp(t: &str, inner: &str) -> String {
    format!("<Trackpoint><Time>{t}</Time>{inner}</Trackpoint>")
}

fn activity(sport: &str, laps: &str) -> String {
    format!(
        "<Activity Sport=\"{sport}\"><Id>2021-03-01T07:00:00Z</Id>{laps}\
         <Creator xsi:type=\"Device_t\"><Name>Forerunner 945</Name><UnitId>1</UnitId></Creator></Activity>"
    )
}

const FULL_POINT: &str = "<Position><LatitudeDegrees>52.1</LatitudeDegrees>\
    <LongitudeDegrees>4.3</LongitudeDegrees></Position><AltitudeMeters>3.5</AltitudeMeters>\
    <DistanceMeters>12.5</DistanceMeters><HeartRateBpm><Value>140</Value></HeartRateBpm>\
    <Cadence>80</Cadence><Extensions><ns3:TPX><ns3:Speed>3.1</ns3:Speed>\
    <ns3:RunCadence>86</ns3:RunCadence><ns3:Watts>300</ns3:Watts></ns3:TPX></Extensions>";

fn lap(start: &str, secs: f64, dist: f64, points: &str) -> String {
    format!(
        "<Lap StartTime=\"{start}\"><TotalTimeSeconds>{secs}</TotalTimeSeconds>\
         <DistanceMeters>{dist}</DistanceMeters><MaximumSpeed>4.1</MaximumSpeed>\
         <Calories>50</Calories><AverageHeartRateBpm><Value>150</Value></AverageHeartRateBpm>\
         <MaximumHeartRateBpm><Value>170</Value></MaximumHeartRateBpm><Intensity>Active</Intensity>\
         <Cadence>81</Cadence><TriggerMethod>Manual</TriggerMethod><Track>{points}</Track>\
         <Extensions><ns3:LX><ns3:AvgSpeed>3.3</ns3:AvgSpeed><ns3:AvgRunCadence>85</ns3:AvgRunCadence>\
         <ns3:MaxRunCadence>95</ns3:MaxRunCadence></ns3:LX></Extensions></Lap>"
    )
}

fn read_one(doc: &str) -> Activity {
    let mut acts = read(doc.as_bytes(), "t.tcx").unwrap();
    assert_eq!(acts.len(), 1);
    acts.remove(0)
}

#[test]
fn trackpoint_fields_under_any_prefix() {
    for prefix in ["ns3:", "x:", ""] {
        let point = FULL_POINT.replace("ns3:", prefix);
        let doc = tcx(&format!(
            "<Activities>{}</Activities>",
            activity(
                "Running",
                &lap(
                    "2021-03-01T07:00:00Z",
                    10.0,
                    30.0,
                    &tp("2021-03-01T07:00:00Z", &point)
                )
            )
        ));
        let a = read_one(&doc);
        let s = &a.samples;
        assert_eq!(
            (s.lat_deg[0], s.lon_deg[0], s.altitude_m[0]),
            (52.1, 4.3, 3.5)
        );
        assert_eq!(s.distance_m[0], 12.5);
        assert_eq!(s.hr_bpm[0], 140.0);
        assert_eq!(s.speed_mps[0], 3.1);
        assert_eq!(s.cadence[0], 86.0, "RunCadence preferred over Cadence");
        assert_eq!(s.power_w[0], 300.0);
        assert_eq!(a.meta.sport, Sport::Running);
        assert_eq!(a.meta.device.as_deref(), Some("Forerunner 945"));
        assert_eq!(a.meta.source, "t.tcx");
        assert!(!a.meta.indoor);
    }
}

#[test]
fn cadence_element_used_without_run_cadence_and_speed_only_when_given() {
    let doc = tcx(&format!(
        "<Activities>{}</Activities>",
        activity(
            "Running",
            &lap(
                "2021-03-01T07:00:00Z",
                10.0,
                30.0,
                &tp("2021-03-01T07:00:00Z", "<Cadence>83</Cadence>")
            )
        )
    ));
    let a = read_one(&doc);
    assert_eq!(a.samples.cadence, vec![83.0]);
    assert!(a.samples.speed_mps[0].is_nan());
    assert!(a.samples.distance_m[0].is_nan());
    assert!(a.meta.indoor);
}

#[test]
fn laps_and_device_totals() {
    let lap1 = lap(
        "2021-03-01T07:00:00Z",
        60.0,
        200.0,
        &(tp("2021-03-01T07:00:00Z", "") + &tp("2021-03-01T07:00:59Z", "")),
    );
    // Second lap with a pause: last point later than start + TotalTimeSeconds.
    let lap2 = lap(
        "2021-03-01T07:01:00Z",
        30.0,
        100.0,
        &tp("2021-03-01T07:02:00Z", ""),
    )
    .replace("<Value>150</Value>", "<Value>120</Value>")
    .replace("<Value>170</Value>", "<Value>175</Value>");
    let doc = tcx(&format!(
        "<Activities>{}</Activities>",
        activity("Running", &(lap1 + &lap2))
    ));
    let a = read_one(&doc);
    assert_eq!(a.samples.time_s, vec![0.0, 59.0, 120.0]);
    assert_eq!(a.laps.len(), 2);
    let l = &a.laps[0];
    assert_eq!((l.start_s, l.end_s), (0.0, 60.0));
    assert_eq!(l.distance_m, Some(200.0));
    assert_eq!(l.timer_s, Some(60.0));
    assert_eq!(l.avg_hr_bpm, Some(150.0));
    assert_eq!(l.max_hr_bpm, Some(170.0));
    // read() itself does not rescale: per-foot values stay raw.
    assert_eq!(l.avg_cadence_spm, Some(85.0));
    assert_eq!(l.avg_speed_mps, Some(3.3));
    assert_eq!(l.intensity, Some(crate::model::LapIntensity::Active));
    assert_eq!(l.trigger, Some(crate::model::LapTrigger::Manual));
    assert_eq!((a.laps[1].start_s, a.laps[1].end_s), (60.0, 120.0));
    let d = a.device.unwrap();
    assert_eq!(d.distance_m, Some(300.0));
    assert_eq!(d.timer_s, Some(90.0));
    assert_eq!(d.elapsed_s, Some(120.0));
    assert_eq!(d.avg_hr_bpm, Some(140.0));
    assert_eq!(d.max_hr_bpm, Some(175.0));
    assert_eq!(d.calories_kcal, Some(100.0));
    assert_eq!(d.avg_speed_mps, Some(300.0 / 90.0));
}

#[test]
fn laps_that_overlap_or_cover_part_of_the_track_are_not_totals() {
    let d = |m: f64| {
        format!(
            "<Position><LatitudeDegrees>52.1</LatitudeDegrees><LongitudeDegrees>4.3\
             </LongitudeDegrees></Position><DistanceMeters>{m}</DistanceMeters>"
        )
    };
    let points =
        |end_m: f64| tp("2021-03-01T07:00:00Z", &d(0.0)) + &tp("2021-03-01T07:10:00Z", &d(end_m));
    let read_laps = |laps: String| {
        read_one(&tcx(&format!(
            "<Activities>{}</Activities>",
            activity("Running", &laps)
        )))
    };
    // One lap of 1 km over trackpoints that carry 2 km: the lap covers only part.
    let part = read_laps(lap("2021-03-01T07:00:00Z", 600.0, 1000.0, &points(2000.0)));
    assert!(part.device.is_none());
    assert!(
        part.warnings
            .iter()
            .any(|w| w.contains("not the watch's totals"))
    );
    // Two laps of 600 s each inside the same 600 s: they overlap.
    let twice = lap("2021-03-01T07:00:00Z", 600.0, 1000.0, &points(2000.0));
    let overlap = read_laps(twice.clone() + &twice);
    assert!(overlap.device.is_none());
    // A lap of 3 km over trackpoints that carry 2 km (positions lost for part): kept.
    let more = read_laps(lap("2021-03-01T07:00:00Z", 600.0, 3000.0, &points(2000.0)));
    assert_eq!(more.device.and_then(|t| t.distance_m), Some(3000.0));
    // A treadmill (no positions) whose lap was calibrated below the foot pod's distance: kept.
    let pod = |m: f64| format!("<DistanceMeters>{m}</DistanceMeters>");
    let indoor_points =
        tp("2021-03-01T07:00:00Z", &pod(0.0)) + &tp("2021-03-01T07:10:00Z", &pod(2000.0));
    let indoor = read_laps(lap("2021-03-01T07:00:00Z", 600.0, 1800.0, &indoor_points));
    assert_eq!(indoor.device.and_then(|t| t.distance_m), Some(1800.0));
}

#[test]
fn multi_activity_files_give_numbered_activities() {
    let one = activity(
        "Running",
        &lap(
            "2021-03-01T07:00:00Z",
            5.0,
            10.0,
            &tp("2021-03-01T07:00:00Z", ""),
        ),
    );
    let two = activity(
        "Biking",
        &lap(
            "2021-03-01T09:00:00Z",
            5.0,
            10.0,
            &tp("2021-03-01T09:00:00+02:00", ""),
        ),
    );
    let doc = tcx(&format!("<Activities>{one}{two}</Activities>"));
    let acts = read(doc.as_bytes(), "m.tcx").unwrap();
    assert_eq!(acts.len(), 2);
    assert_eq!(acts[0].meta.source, "m.tcx#1");
    assert_eq!(acts[1].meta.source, "m.tcx#2");
    assert_eq!(acts[0].meta.sport, Sport::Running);
    assert_eq!(acts[1].meta.sport, Sport::Cycling);
    assert_eq!(acts[1].meta.local_offset_s, Some(7200));
    assert_eq!(
        acts[1].meta.start_utc.unwrap().to_rfc3339(),
        "2021-03-01T07:00:00+00:00"
    );
}

#[test]
fn untimed_trackpoints_skipped_and_duplicates_kept() {
    let points = tp("2021-03-01T07:00:00Z", "")
        + "<Trackpoint><DistanceMeters>5</DistanceMeters></Trackpoint>"
        + &tp("2021-03-01T07:00:00Z", "")
        + &tp("2021-03-01T06:59:59Z", "");
    let doc = tcx(&format!(
        "<Activities>{}</Activities>",
        activity("Other", &lap("2021-03-01T07:00:00Z", 5.0, 10.0, &points))
    ));
    let a = read_one(&doc);
    assert_eq!(a.samples.time_s, vec![0.0, 0.0, -1.0]);
    assert_eq!(a.meta.sport, Sport::Other);
    assert!(a.warnings.iter().any(|w| w.contains("without a time")));
    let none = tcx(&format!(
        "<Activities>{}</Activities>",
        activity(
            "Running",
            &lap("2021-03-01T07:00:00Z", 5.0, 10.0, "<Trackpoint/>")
        )
    ));
    assert!(matches!(
        read(none.as_bytes(), "t"),
        Err(Error::NoTimestamps)
    ));
    let empty = tcx("<Activities>\n</Activities>");
    assert!(matches!(
        read(empty.as_bytes(), "t"),
        Err(Error::NoTrackPoints)
    ));
}

#[test]
fn courses_and_workouts_are_not_activities() {
    let course = tcx(
        "<Courses><Course><Name>c</Name><Lap><TotalTimeSeconds>1</TotalTimeSeconds></Lap><Track>\
         <Trackpoint><Time>2021-01-01T00:00:00Z</Time></Trackpoint></Track></Course></Courses>",
    );
    match read(course.as_bytes(), "t") {
        Err(Error::NotActivity(m)) => assert_eq!(m, "TCX course"),
        other => panic!("{other:?}"),
    }
    let workout = tcx("<Workouts><Workout Sport=\"Running\"><Name>w</Name></Workout></Workouts>");
    match read(workout.as_bytes(), "t") {
        Err(Error::NotActivity(m)) => assert_eq!(m, "TCX workout"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn doctype_rejected_and_truncation_recovered() {
    let doc = format!("<!DOCTYPE x [<!ENTITY e \"e\">]>{}", tcx(""));
    assert!(matches!(read(doc.as_bytes(), "t"), Err(Error::Xml { .. })));
    let body = activity(
        "Running",
        &lap(
            "2021-03-01T07:00:00Z",
            5.0,
            10.0,
            &(tp("2021-03-01T07:00:00Z", "") + &tp("2021-03-01T07:00:01Z", "")),
        ),
    );
    let cut = body.find("<Creator").unwrap();
    // Missing root element and the document cut short: data kept, with a warning.
    let doc = format!("<?xml version='1.0'?>\n  <Activities>{}", &body[..cut]);
    let a = read_one(&doc);
    assert_eq!(a.samples.len(), 2);
    assert_eq!(a.laps.len(), 1);
    assert!(!a.warnings.is_empty());
    // Broken markup before any data: a clear error with position.
    let bad = tcx("<Activities><Activity Sport=\"Running\"><Lap></Activity>");
    assert!(matches!(read(bad.as_bytes(), "t"), Err(Error::Xml { at, .. }) if at > 0));
}
