//! `analyze --html` and `season --html`: self-contained reports (the scan of
//! [`super::html_scan`]), one per activity with an index for several, the season page linking
//! its runs' reports, the same charts as the PNGs, never written over an input.

use super::bin::lapwise;
use super::fixture_files::{activity_fixtures, fixtures};
use super::html_scan::external_refs;

/// Run `cmd` and fail the test, with its stderr, unless it succeeds.
fn run_ok(cmd: &mut std::process::Command) {
    let out = cmd.output().expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_fixture_report_stands_alone_with_the_png_charts_inline() {
    let tmp = tempfile::tempdir().unwrap();
    for path in activity_fixtures() {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let ext = path.extension().unwrap().to_string_lossy().to_string();
        let html = tmp.path().join(format!("{stem}-{ext}.html"));
        let charts = tmp.path().join(format!("charts-{stem}-{ext}"));
        run_ok(
            lapwise()
                .arg("analyze")
                .arg(&path)
                .arg("--html")
                .arg(&html)
                .arg("--charts")
                .arg(&charts),
        );
        let page = std::fs::read_to_string(&html).expect("report written");
        assert_eq!(
            external_refs(&page),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
        assert!(page.contains("id=\"summary\""));
        let pngs = std::fs::read_dir(&charts).unwrap().count();
        let svgs = page.matches("<svg").count();
        assert_eq!(
            svgs,
            pngs,
            "{}: the same charts as PNG and inline",
            path.display()
        );
        // SVG text names a real font family, not plotters' registered name.
        assert!(!page.contains("font-family=\"lapwise-sans\""));
    }
}

#[test]
fn several_inputs_make_a_folder_with_an_index() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("reports");
    run_ok(
        lapwise()
            .arg("analyze")
            .arg(fixtures().join("easy.fit"))
            .arg(fixtures().join("tempo.gpx"))
            .arg(fixtures().join("easy.tcx"))
            .arg("--html")
            .arg(&dir),
    );
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    for name in ["easy.html", "tempo.html", "easy~2.html"] {
        assert!(dir.join(name).is_file(), "{name}");
        assert!(index.contains(&format!("href=\"{name}\"")), "{name} linked");
        let page = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(external_refs(&page).is_empty(), "{name}");
    }
}

#[test]
fn html_is_never_written_over_an_input() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("run.html.fit");
    std::fs::copy(fixtures().join("easy.fit"), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let out = lapwise()
        .arg("analyze")
        .arg(&input)
        .arg("--html")
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn season_html_links_one_report_per_run() {
    let tmp = tempfile::tempdir().unwrap();
    let season = tmp.path().join("season");
    run_ok(
        lapwise()
            .args([
                "simulate",
                "--season",
                "2026-01-05",
                "--weeks",
                "2",
                "--seed",
                "5",
                "--out",
            ])
            .arg(&season),
    );
    let dir = tmp.path().join("out");
    run_ok(
        lapwise()
            .arg("season")
            .arg(&season)
            .arg("--out")
            .arg(&dir)
            .args(["--html", "--quiet"]),
    );
    let page = std::fs::read_to_string(dir.join("season.html")).unwrap();
    let links: Vec<&str> = page
        .split("href=\"")
        .skip(1)
        .filter_map(|p| p.split('"').next())
        .collect();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("season.json")).unwrap()).unwrap();
    let runs = json["runs"].as_array().unwrap().len();
    assert!(runs > 0);
    assert_eq!(links.len(), runs, "one link per run");
    for l in links {
        assert!(l.starts_with("runs/") && l.ends_with(".html"), "{l}");
        let report = std::fs::read_to_string(dir.join(l)).unwrap();
        assert!(external_refs(&report).is_empty(), "{l}");
    }
    assert!(page.contains("<svg"), "season charts inline");
}

/// Every labelled corpus file (LABELS.tsv) gets a self-contained report.
#[test]
fn every_labelled_corpus_file_gets_a_report() {
    let Some(dir) = super::common_corpus::corpus_dir() else {
        return;
    };
    let labels = std::fs::read_to_string(dir.join("LABELS.tsv")).expect("labels");
    let mut n = 0;
    for rel in labels.lines().skip(1).filter_map(|l| l.split('\t').next()) {
        let opts = lapwise::pipeline::options_for(lapwise::report::Units::Imperial);
        let (ok, failed) = lapwise::pipeline::analyze_path(&dir.join(rel), &opts);
        assert!(failed.is_empty(), "{rel}: {failed:?}");
        assert!(!ok.is_empty(), "{rel}");
        for a in &ok {
            let page = lapwise::report::html::report_file(a, lapwise::report::Units::Imperial)
                .unwrap_or_else(|e| panic!("{rel}: {e}"));
            assert!(external_refs(&page).is_empty(), "{rel}");
            assert!(page.contains("id=\"summary\""), "{rel}");
            n += 1;
        }
    }
    eprintln!("--html: {n} reports of labelled corpus files");
    assert!(n >= 50);
}
