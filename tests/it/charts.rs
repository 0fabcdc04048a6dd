//! Every chart is written, decodes as a PNG of the stated size, and is not blank; large runs
//! render quickly; the CLI writes charts into a new directory.

use crate::score_support;

use std::path::{Path, PathBuf};
use std::time::Instant;

use lapwise::pipeline::{analyze_path, options_for};
use lapwise::report::Units;
use lapwise::report::charts::{style, write_all};
use score_support::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// Decode a PNG; return (width, height, number of distinct colours, share of background).
fn inspect(path: &Path) -> (u32, u32, usize, f64) {
    let file = std::fs::File::open(path).expect("open png");
    let decoder = png::Decoder::new(file);
    let mut reader = decoder.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("png frame");
    let bytes = &buf[..info.buffer_size()];
    let channels = info.color_type.samples();
    let mut colours = std::collections::HashSet::new();
    let mut bg = 0usize;
    let px: Vec<&[u8]> = bytes.chunks(channels).collect();
    for p in &px {
        colours.insert(p.to_vec());
        if p[..3] == [style::BG.0, style::BG.1, style::BG.2] {
            bg += 1;
        }
    }
    (
        info.width,
        info.height,
        colours.len(),
        bg as f64 / px.len() as f64,
    )
}

fn check_chart(path: &Path) {
    let (w, h, colours, bg) = inspect(path);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let want_h = if name.ends_with("-overview.png") {
        style::OVERVIEW_HEIGHT
    } else {
        style::HEIGHT
    };
    assert_eq!((w, h), (style::WIDTH, want_h), "{name}");
    assert!(colours > 20, "{name}: only {colours} colours");
    assert!(bg < 0.97, "{name}: {:.1} % background", bg * 100.0);
}

#[test]
fn intervals_fixture_writes_overview_splits_cadence_intervals() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("new").join("charts");
    let mut opts = options_for(Units::Imperial);
    opts.goals = vec![lapwise::score::Goal {
        distance_m: 400.0,
        time_s: 90.0,
    }];
    let (ok, failed) = analyze_path(&fixture("track-6x400.fit"), &opts);
    assert!(failed.is_empty());
    let written = write_all(&ok[0], &out, Units::Imperial).expect("charts");
    let names: Vec<String> = written
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().to_string()))
        .collect();
    for want in ["overview", "splits", "cadence", "intervals"] {
        assert!(
            names.contains(&format!("track-6x400-{want}.png")),
            "{names:?}"
        );
    }
    for p in &written {
        check_chart(p);
    }
}

#[test]
fn mile_fixture_writes_mile_chart_in_km() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut opts = options_for(Units::Metric);
    opts.goal_mile_s = Some(360.0);
    let (ok, _) = analyze_path(&fixture("mile-tt.fit"), &opts);
    let written = write_all(&ok[0], dir.path(), Units::Metric).expect("charts");
    assert!(
        written
            .iter()
            .any(|p| p.to_string_lossy().ends_with("mile-tt-mile.png")),
        "{written:?}"
    );
    for p in &written {
        check_chart(p);
    }
}

#[test]
fn five_hour_run_renders_quickly() {
    let mut s = Vec::new();
    for k in 0..(5 * 60) {
        let v = if k % 10 == 9 { 4.5 } else { 2.9 };
        s.extend(std::iter::repeat_n(v, 60));
    }
    let a = analysed(run(&s, 0.3, 11, cadence_model));
    let dir = tempfile::tempdir().expect("tempdir");
    let t = Instant::now();
    let written = write_all(&a, dir.path(), Units::Metric).expect("charts");
    let secs = t.elapsed().as_secs_f64();
    assert!(written.len() >= 3);
    // Generous for unoptimised test builds on a shared machine.
    assert!(secs < 20.0, "took {secs:.1} s");
    for p in &written {
        check_chart(p);
    }
}

#[test]
fn cli_writes_charts_and_documents_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let st = crate::bin::lapwise()
        .args(["analyze", "--charts"])
        .arg(&out)
        .arg(fixture("easy.fit"))
        .output()
        .expect("run lapwise");
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    for want in ["easy-overview.png", "easy-splits.png", "easy-cadence.png"] {
        assert!(out.join(want).exists(), "{want}");
    }
    assert!(!out.join("easy-intervals.png").exists());
}
