//! Hostile input through the `lapwise` binary: limit flags, archive member names that try to
//! leave the output folder, outputs that would overwrite an input, and Ctrl-C during a season.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::prelude::*;
use predicates::prelude::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

fn lapwise() -> Command {
    crate::bin::lapwise()
}

/// Every file under `dir`, recursively, relative to it.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(
                files_under(&p)
                    .into_iter()
                    .map(|f| format!("{}/{f}", e.file_name().to_string_lossy())),
            );
        } else {
            out.push(e.file_name().to_string_lossy().into_owned());
        }
    }
    out.sort();
    out
}

#[test]
fn limit_flags_give_one_clear_line() {
    lapwise()
        .args(["analyze", "--max-file-size", "10KiB"])
        .arg(fixture("easy.gpx"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("easy.gpx"))
        .stderr(predicate::str::contains("--max-file-size"))
        .stderr(predicate::str::contains("10 KiB"));
    lapwise()
        .args(["analyze", "--max-samples", "50"])
        .arg(fixture("easy.tcx"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--max-samples"));
    lapwise()
        .args(["analyze", "--max-file-size", "lots"])
        .arg(fixture("easy.tcx"))
        .assert()
        .code(2);
    lapwise()
        .args(["season", "-q", "--max-xml-depth", "3"])
        .arg(fixture("easy.gpx"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--max-xml-depth"));
}

#[test]
fn archive_member_names_never_leave_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("evil.zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    for name in [
        "../../evil.fit",
        "/abs/evil2.fit",
        "..\\..\\evil3.fit",
        "a/../../..",
    ] {
        w.start_file(name, opts).unwrap();
        w.write_all(&std::fs::read(fixture("easy.fit")).unwrap())
            .unwrap();
    }
    w.finish().unwrap();
    let charts = dir.path().join("deep/er/charts");
    lapwise()
        .args(["analyze", "--charts"])
        .arg(&charts)
        .arg(&zip_path)
        .assert()
        .success();
    let outside: Vec<String> = files_under(dir.path())
        .into_iter()
        .filter(|f| !f.starts_with("deep/er/charts/") && f != "evil.zip")
        .collect();
    assert!(outside.is_empty(), "written outside --charts: {outside:?}");
    let inside = files_under(&charts);
    assert!(!inside.is_empty());
    assert!(
        inside
            .iter()
            .all(|f| !f.contains('/') && !f.starts_with('.')),
        "{inside:?}"
    );
    // Four members, same stem or none: four distinct sets of charts, none overwritten.
    let overviews = inside
        .iter()
        .filter(|f| f.ends_with("-overview.png"))
        .count();
    assert_eq!(overviews, 4, "{inside:?}");
}

#[test]
fn outputs_never_overwrite_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let run = dir.path().join("easy.fit");
    std::fs::copy(fixture("easy.fit"), &run).unwrap();
    // A second input named like the first one's chart.
    let trap = dir.path().join("easy-overview.png");
    std::fs::copy(fixture("easy.fit"), &trap).unwrap();
    let before = std::fs::read(&trap).unwrap();
    lapwise()
        .args(["analyze", "--charts"])
        .arg(dir.path())
        .arg(&run)
        .arg(&trap)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("over an input"));
    assert_eq!(std::fs::read(&trap).unwrap(), before, "input overwritten");

    // season --out: an output name given as an input is refused, even with --force.
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let disguised = out.join("season.json");
    std::fs::copy(fixture("easy.fit"), &disguised).unwrap();
    let before = std::fs::read(&disguised).unwrap();
    lapwise()
        .args(["season", "-q", "--force", "--out"])
        .arg(&out)
        .arg(&disguised)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is an input"));
    assert_eq!(std::fs::read(&disguised).unwrap(), before);
    // --out that is itself an input file.
    lapwise()
        .args(["season", "-q", "--out"])
        .arg(&run)
        .arg(&run)
        .assert()
        .code(2);
    assert_eq!(
        std::fs::read(&run).unwrap(),
        std::fs::read(fixture("easy.fit")).unwrap()
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_a_season_promptly_without_partial_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir_all(&inputs).unwrap();
    let sources = ["easy.fit", "track-6x400.fit", "easy.gpx", "tempo.tcx"];
    for i in 0..4000 {
        let src = fixture(sources[i % sources.len()]);
        let ext = src.extension().unwrap().to_string_lossy().into_owned();
        std::os::unix::fs::symlink(&src, inputs.join(format!("run{i:05}.{ext}"))).unwrap();
    }
    let out = dir.path().join("out");
    let mut child = lapwise()
        .args(["season", "-q", "--threads", "2", "--out"])
        .arg(&out)
        .arg(&inputs)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(800));
    assert!(
        child.try_wait().unwrap().is_none(),
        "season finished before the interrupt; make the folder bigger"
    );
    let sent = Instant::now();
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            sent.elapsed() < Duration::from_secs(5),
            "still running 5 s after SIGINT"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    println!("exited {:?} after {:?}", status.code(), sent.elapsed());
    assert_eq!(status.code(), Some(130));
    let left = files_under(&out);
    assert!(left.is_empty(), "partial outputs left: {left:?}");
}
