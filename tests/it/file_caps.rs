//! Per-file caps of the readers: a crafted file of tiny lap messages, lap or activity elements
//! or empty track segments is read, keeps what a real file could hold, and says what it
//! ignored (docs/robustness.md, "Peak memory").

use lapwise::ingest::fit::fit_crc;
use lapwise::ingest::read_bytes;

/// A definition record: local type, global number, fields (num, size, base type), little endian.
fn def(local: u8, global: u16, fields: &[(u8, u8, u8)]) -> Vec<u8> {
    let mut v = vec![0x40 | local, 0, 0];
    v.extend(global.to_le_bytes());
    v.push(fields.len() as u8);
    for &(n, s, b) in fields {
        v.extend([n, s, b]);
    }
    v
}

/// A whole FIT file around `data`: 14-byte header and the file CRC.
fn fit_file(data: &[u8]) -> Vec<u8> {
    let mut f = vec![14u8, 0x20];
    f.extend(2100u16.to_le_bytes());
    f.extend((data.len() as u32).to_le_bytes());
    f.extend(b".FIT");
    f.extend([0, 0]);
    f.extend(data);
    let crc = fit_crc(&f);
    f.extend(crc.to_le_bytes());
    f
}

/// Ten 1 Hz records with heart rate, then `laps` one-byte lap messages.
fn records_then_laps(laps: usize) -> Vec<u8> {
    let mut d = def(0, 20, &[(253, 4, 0x86), (3, 1, 0x02)]);
    for i in 0..10u32 {
        d.push(0x00);
        d.extend((1_000_000_000 + i).to_le_bytes());
        d.push(140);
    }
    d.extend(def(1, 19, &[(24, 1, 0x00)]));
    for _ in 0..laps {
        d.extend([0x01, 0]);
    }
    fit_file(&d)
}

#[test]
fn laps_beyond_the_cap_are_ignored_with_a_warning() {
    let acts = read_bytes(&records_then_laps(30_000), "laps.fit").expect("read");
    let act = &acts[0];
    assert_eq!(act.samples.len(), 10);
    assert!(
        act.laps.len() <= lapwise::ingest::fit::MAX_LAPS,
        "{}",
        act.laps.len()
    );
    assert!(
        act.warnings
            .iter()
            .any(|w| w.contains("more than 10000 laps")),
        "{:?}",
        act.warnings
    );
}

#[test]
fn a_few_laps_give_no_cap_warning() {
    let acts = read_bytes(&records_then_laps(3), "laps.fit").expect("read");
    assert!(!acts[0].warnings.iter().any(|w| w.contains("more than")));
}

const TCX_HEAD: &str = r#"<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>"#;
const TCX_TAIL: &str = "</Activities></TrainingCenterDatabase>";

/// One TCX activity with two track points, starting at `minute` past midnight.
fn tcx_activity(minute: usize, extra_laps: usize) -> String {
    let t = |s: usize| format!("2024-01-01T{:02}:{:02}:{:02}Z", minute / 60, minute % 60, s);
    let mut a = format!(
        r#"<Activity Sport="Running"><Id>{}</Id><Lap StartTime="{}"><TotalTimeSeconds>1</TotalTimeSeconds><Track><Trackpoint><Time>{}</Time><DistanceMeters>0</DistanceMeters></Trackpoint><Trackpoint><Time>{}</Time><DistanceMeters>3</DistanceMeters></Trackpoint></Track></Lap>"#,
        t(0),
        t(0),
        t(0),
        t(1)
    );
    for _ in 0..extra_laps {
        a.push_str(&format!(r#"<Lap StartTime="{}"/>"#, t(1)));
    }
    a.push_str("</Activity>");
    a
}

#[test]
fn tcx_laps_beyond_the_cap_are_ignored_with_a_warning() {
    let doc = format!("{TCX_HEAD}{}{TCX_TAIL}", tcx_activity(0, 12_000));
    let acts = read_bytes(doc.as_bytes(), "laps.tcx").expect("read");
    assert!(acts[0].laps.len() <= lapwise::ingest::limits::MAX_LAPS_PER_FILE);
    assert!(
        acts[0]
            .warnings
            .iter()
            .any(|w| w.contains("more than 10000 laps")),
        "{:?}",
        acts[0].warnings
    );
}

#[test]
fn tcx_activities_beyond_the_cap_are_ignored_with_a_warning() {
    let body: String = (0..1_200).map(|m| tcx_activity(m, 0)).collect();
    let doc = format!("{TCX_HEAD}{body}{TCX_TAIL}");
    let acts = read_bytes(doc.as_bytes(), "many.tcx").expect("read");
    assert_eq!(acts.len(), lapwise::ingest::limits::MAX_ACTIVITIES_PER_FILE);
    assert!(
        acts[0]
            .warnings
            .iter()
            .any(|w| w.contains("more than 1000 activities"))
    );
}

#[test]
fn gpx_empty_segments_cost_nothing_and_the_track_is_read() {
    let mut doc = String::from(
        r#"<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type>"#,
    );
    doc.push_str(&"<trkseg/>".repeat(50_000));
    doc.push_str(r#"<trkseg><trkpt lat="45.0" lon="7.0"><time>2024-01-01T00:00:00Z</time></trkpt><trkpt lat="45.0001" lon="7.0"><time>2024-01-01T00:00:05Z</time></trkpt></trkseg></trk></gpx>"#);
    let acts = read_bytes(doc.as_bytes(), "segs.gpx").expect("read");
    assert_eq!(acts[0].samples.len(), 2);
    assert!(acts[0].pauses.is_empty(), "{:?}", acts[0].pauses);
}

#[test]
fn overlapping_sessions_do_not_multiply_the_samples() {
    // Ten records, 500 session messages with no times (each would cover the whole file) and
    // 1 000 laps with no start time.
    let mut d = def(0, 20, &[(253, 4, 0x86), (3, 1, 0x02)]);
    for i in 0..10u32 {
        d.push(0x00);
        d.extend((1_000_000_000 + i).to_le_bytes());
        d.push(140);
    }
    d.extend(def(1, 19, &[(24, 1, 0x00)]));
    for _ in 0..1_000 {
        d.extend([0x01, 0]);
    }
    d.extend(def(2, 18, &[(5, 1, 0x00)]));
    for _ in 0..500 {
        d.extend([0x02, 1]);
    }
    let acts = read_bytes(&fit_file(&d), "sessions.fit").expect("read");
    let samples: usize = acts.iter().map(|a| a.samples.len()).sum();
    assert!(
        samples <= lapwise::ingest::fit::MAX_SESSION_COPY_FACTOR * 10,
        "{samples}"
    );
    let laps: usize = acts.iter().map(|a| a.laps.len()).sum();
    assert_eq!(
        laps, 1_000,
        "laps without a start time go to the first leg only"
    );
    let w = &acts[0].warnings;
    assert!(
        w.iter().any(|x| x.contains("more than 100 sessions")),
        "{w:?}"
    );
    assert!(w.iter().any(|x| x.contains("overlap")), "{w:?}");
}

/// A zip of `members` members, each 1 MiB of zeros: every member alone passes the ratio check
/// (output within the 1 MiB grace), but the archive as a whole expands about 1 000 times.
fn zeros_zip(members: usize) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let zeros = vec![0u8; 1024 * 1024];
    for i in 0..members {
        w.start_file(format!("run-{i}.fit"), opts).unwrap();
        w.write_all(&zeros).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn zip_members_share_one_decompression_budget() {
    let zip = zeros_zip(400);
    let loaded = lapwise::ingest::read_source(&zip, "zeros.zip");
    let budget_errors = loaded
        .iter()
        .filter(|l| {
            l.result
                .as_ref()
                .is_err_and(|e| e.to_string().contains("in all"))
        })
        .count();
    assert_eq!(budget_errors, 1, "one error for the archive's budget");
    // Reading stopped at the budget (200 × the archive's size), well before all 400 members.
    assert!(loaded.len() < 400, "{} members read", loaded.len());
}

#[test]
fn gzipped_zip_members_spend_the_same_budget() {
    use std::io::Write;
    // 400 stored members, each a gzip of 1 MiB of zeros: the zip layer sees ~1 KiB per member,
    // the gzip inside expands it a thousand times.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&vec![0u8; 1024 * 1024]).unwrap();
    let gz = gz.finish().unwrap();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..400 {
        w.start_file(format!("run-{i}.fit.gz"), opts).unwrap();
        w.write_all(&gz).unwrap();
    }
    let zip = w.finish().unwrap().into_inner();
    let loaded = lapwise::ingest::read_source(&zip, "gz-members.zip");
    let budget_errors = loaded
        .iter()
        .filter(|l| {
            l.result
                .as_ref()
                .is_err_and(|e| e.to_string().contains("in all"))
        })
        .count();
    assert_eq!(budget_errors, 1, "one error for the archive's budget");
    assert!(loaded.len() < 400, "{} members read", loaded.len());
}
