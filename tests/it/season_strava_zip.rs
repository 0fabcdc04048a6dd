//! A Strava-style bulk export built from simulated files (`activities/<id>.fit.gz` and
//! `activities/<id>.fit`, an `activities.csv` with names, types and workout tags) read end to end,
//! also nested inside another zip as Garmin exports do.

use std::io::Write;

use chrono::NaiveDate;
use lapwise::season::{Filter, SeasonOptions, build_season};
use lapwise::simulate::OutputFormat;
use lapwise::simulate::season::{SeasonOptions as SimSeason, simulate_season};

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

fn zip_of(members: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, bytes) in members {
        w.start_file(name.as_str(), opts).expect("member");
        w.write_all(bytes).expect("write");
    }
    w.finish().expect("zip").into_inner()
}

/// Returns the export's members and the number of runs in it.
fn export() -> (tempfile::TempDir, Vec<(String, Vec<u8>)>, usize) {
    let sim = tempfile::tempdir().expect("tempdir");
    let opts = SimSeason {
        start: NaiveDate::from_ymd_opt(2026, 1, 5).expect("date"),
        weeks: 2,
        seed: 11,
        formats: vec![OutputFormat::Fit],
        tz_offset_s: 3600,
        cs: None,
    };
    let truth = simulate_season(&opts, sim.path()).expect("simulate");
    let mut csv = String::from(
        "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Filename,Workout Type,Commute\n",
    );
    let mut members = Vec::new();
    let mut runs = 0;
    for (i, r) in truth.runs.iter().enumerate() {
        let id = 1000 + i;
        let fit = std::fs::read(sim.path().join(&r.files[0])).expect("fit");
        // Strava stores what was uploaded, gzipped or not: alternate .fit.gz and .fit.
        let file = if i % 2 == 0 {
            format!("activities/{id}.fit.gz")
        } else {
            format!("activities/{id}.fit")
        };
        let bytes = if i % 2 == 0 { gz(&fit) } else { fit };
        let (kind, tag) = match (r.sport, r.workout_type) {
            ("running", "long") => ("Run", "2"),
            ("running", "intervals") | ("running", "time_trial") => ("Run", "3"),
            ("running", _) => ("Run", ""),
            ("cycling", _) => ("Ride", ""),
            _ => ("Swim", ""),
        };
        runs += usize::from(r.sport == "running");
        csv.push_str(&format!(
            "{id},\"Jan 5, 2026, 7:00:00 AM\",\"Athlete's {}, day {i}\",{kind},\"notes, with comma\",{},0,{file},{tag},false\n",
            r.workout_type, r.elapsed_s
        ));
        members.push((file, bytes));
    }
    members.push(("activities.csv".to_string(), csv.into_bytes()));
    members.push(("profile.json".to_string(), b"{}".to_vec()));
    members.push(("media/photo.jpg".to_string(), vec![0xff, 0xd8]));
    (sim, members, runs)
}

#[test]
fn strava_bulk_export_zip_is_read_end_to_end() {
    let (_sim, members, runs) = export();
    let dir = tempfile::tempdir().expect("tempdir");
    let zip_path = dir.path().join("export_12345678.zip");
    std::fs::write(&zip_path, zip_of(&members)).expect("write zip");
    let season = build_season(
        std::slice::from_ref(&zip_path),
        &SeasonOptions::default(),
        &|_| {},
    )
    .expect("season");
    assert!(season.failures.is_empty(), "{:?}", season.failures);
    assert_eq!(season.runs.len(), runs);
    assert!(
        season
            .runs
            .iter()
            .all(|r| r.source.contains("export_12345678.zip!activities/"))
    );
    assert!(
        season.runs.iter().all(|r| r
            .name
            .as_deref()
            .is_some_and(|n| n.starts_with("Athlete's"))),
        "names from activities.csv"
    );
    assert!(
        season
            .runs
            .iter()
            .any(|r| r.athlete_tag.as_deref() == Some("workout")),
        "workout tags from activities.csv"
    );
    assert!(
        season
            .runs
            .iter()
            .filter(|r| r.athlete_tag.as_deref() == Some("long run"))
            .all(|r| r.season_workout_type.as_str() == "long")
    );
    assert!(
        season
            .skipped
            .iter()
            .any(|s| s.sport == "cycling" || s.sport == "swimming")
            || season.totals.skipped == 0
    );
    assert!(!season.weeks.is_empty());

    // The same export nested one level deeper (Garmin-style), with an `all` filter: the
    // Strava activity types decide the sport.
    let outer = dir.path().join("garmin.zip");
    std::fs::write(
        &outer,
        zip_of(&[("DI_CONNECT/part1.zip".to_string(), zip_of(&members))]),
    )
    .expect("outer");
    let all = SeasonOptions {
        filter: Filter {
            sport: None,
            ..Filter::default()
        },
        ..SeasonOptions::default()
    };
    let nested = build_season(&[outer], &all, &|_| {}).expect("season");
    assert!(nested.failures.is_empty(), "{:?}", nested.failures);
    assert_eq!(nested.runs.len(), members.len() - 3);
    assert!(nested.runs.iter().all(|r| {
        r.source
            .contains("garmin.zip!DI_CONNECT/part1.zip!activities/")
    }));
}
