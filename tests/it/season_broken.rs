//! A season over the real corpus (read in place) plus a folder of deliberately broken files:
//! it completes, analyses every good file, reports every bad one with a reason in the
//! terminal, season.json and failures.csv, and exits with 1.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use std::time::{Duration, Instant};

fn fixture(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Broken inputs (file name → words expected in its failure message).
fn write_broken(dir: &Path) -> Vec<(&'static str, &'static str)> {
    let put = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    let fit = fixture("easy.fit");
    put("cut-in-header.fit", &fit[..10]);
    put("zero-bytes.fit", b"");
    let mut garbage = Vec::new();
    let mut x: u32 = 12_345;
    for _ in 0..50_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        garbage.push((x >> 16) as u8);
    }
    put("garbage.gpx", &garbage);
    put("notes.tcx", b"these are my running notes, not a TCX file\n");
    // 2 GiB of zeros as one gzip stream of repeated members (~2 MB on disk).
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..64 {
        enc.write_all(&zeros).unwrap();
    }
    put("bomb.fit.gz", &enc.finish().unwrap().repeat(32));
    // A zip with more members than allowed.
    let mut w = zip::ZipWriter::new(std::fs::File::create(dir.join("many.zip")).unwrap());
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..11_000 {
        w.start_file(format!("{i}.fit"), opts).unwrap();
    }
    w.finish().unwrap();
    let deep = format!("<gpx>{}</gpx>", "<e>".repeat(100_000));
    put("deep.gpx", deep.as_bytes());
    put(
        "laughs.gpx",
        b"<?xml version=\"1.0\"?><!DOCTYPE gpx [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><gpx>&b;</gpx>",
    );
    vec![
        ("cut-in-header.fit", ""),
        ("zero-bytes.fit", "empty"),
        ("garbage.gpx", "not a FIT, GPX or TCX"),
        ("notes.tcx", "not a FIT, GPX or TCX"),
        ("bomb.fit.gz", "--max-ratio"),
        ("many.zip", "--max-members"),
        ("deep.gpx", "--max-xml-depth"),
        ("laughs.gpx", "DOCTYPE"),
    ]
}

/// Good inputs, some odd: a FIT named .tcx, a GPX cut short, a GPX with a BOM, a folder named
/// like a file.
fn write_good(dir: &Path) -> Vec<&'static str> {
    let put = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    put("track-named-wrong.tcx", &fixture("track-6x400.fit"));
    let gpx = fixture("mile-tt.gpx");
    put("mile-cut-short.gpx", &gpx[..gpx.len() * 3 / 4]);
    let mut bom = b"\xEF\xBB\xBF \n".to_vec();
    bom.extend_from_slice(&fixture("tempo.gpx"));
    put("tempo-bom.gpx", &bom);
    std::fs::create_dir_all(dir.join("x.fit")).unwrap();
    std::fs::write(
        dir.join("x.fit").join("strides.fit"),
        fixture("strides.fit"),
    )
    .unwrap();
    vec![
        "track-named-wrong.tcx",
        "mile-cut-short.gpx",
        "tempo-bom.gpx",
        "x.fit/strides.fit",
    ]
}

#[test]
fn season_over_corpus_and_broken_files_completes() {
    let tmp = tempfile::tempdir().unwrap();
    let broken = tmp.path().join("broken");
    std::fs::create_dir_all(&broken).unwrap();
    let bad = write_broken(&broken);
    let good = write_good(&broken);
    let corpus = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"));
    let mut paths = vec![broken.clone()];
    if corpus.is_dir() {
        paths.push(corpus.clone());
    } else {
        eprintln!("notice: {} not found; broken files only", corpus.display());
    }
    let out = tmp.path().join("out");
    let start = Instant::now();
    let run = crate::bin::lapwise()
        .args(["season", "-q", "--sport", "all", "--out"])
        .arg(&out)
        .args(&paths)
        .output()
        .unwrap();
    let took = start.elapsed();
    let stderr = String::from_utf8_lossy(&run.stderr);
    let stdout = String::from_utf8_lossy(&run.stdout);
    println!("season took {took:?}\n{stderr}");
    assert!(took < Duration::from_secs(120), "season took {took:?}");
    assert_eq!(run.status.code(), Some(1), "{stderr}");

    let season: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("season.json")).unwrap()).unwrap();
    let failures: Vec<(String, String)> = season["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["source"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let failed = season["totals"]["failed"].as_u64().unwrap() as usize;
    assert_eq!(failed, failures.len());
    // Every bad file is reported once, with its reason, on stderr and in season.json.
    for (name, words) in &bad {
        let path = broken.join(name).display().to_string();
        let hit: Vec<&(String, String)> = failures.iter().filter(|(s, _)| *s == path).collect();
        assert_eq!(hit.len(), 1, "{name}: {hit:?}");
        assert!(hit[0].1.contains(words), "{name}: {}", hit[0].1);
        assert!(!hit[0].1.contains("internal error"), "{name}: {}", hit[0].1);
        assert!(
            stderr.contains(&format!("error: {path}: ")),
            "{name} missing on stderr"
        );
    }
    // The terminal summary says how many failed; failures.csv lists them.
    assert!(stdout.contains(&format!("{failed} failed")), "{stdout}");
    // ...and why, grouped by reason, pointing at the full list.
    assert!(
        stdout.contains("listed on stderr and in failures.csv"),
        "{stdout}"
    );
    let csv = std::fs::read_to_string(out.join("failures.csv")).unwrap();
    assert_eq!(csv.lines().count(), failed + 1, "{csv}");
    assert_eq!(csv.lines().next(), Some("source,kind,message"), "{csv}");
    for f in season["failures"].as_array().expect("failures") {
        assert!(
            f["kind"].as_str().is_some_and(|k| !k.is_empty()),
            "failure without a kind: {f}"
        );
    }
    for (name, _) in &bad {
        assert!(csv.contains(name), "{name} not in failures.csv");
    }
    // Every good file was analysed: counted as a run or as a duplicate of one, never failed.
    let counted: BTreeSet<String> = season["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["source"].as_str().unwrap().to_string())
        .chain(
            season["skipped"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["source"].as_str().unwrap().to_string()),
        )
        .collect();
    for name in &good {
        let path = broken.join(name).display().to_string();
        assert!(counted.contains(&path), "{name} not analysed");
    }
    // Corpus files: those that fail alone fail in the season too, and no others.
    if corpus.is_dir() {
        let opts = lapwise::pipeline::options_for(lapwise::report::Units::Imperial);
        let mut alone = BTreeSet::new();
        for sub in ["fit", "gpx", "tcx"] {
            for e in std::fs::read_dir(corpus.join(sub)).unwrap().flatten() {
                let (_, f) = lapwise::pipeline::analyze_path(&e.path(), &opts);
                alone.extend(f.into_iter().map(|f| f.source));
            }
        }
        let in_season: BTreeSet<String> = failures
            .iter()
            .map(|(s, _)| s.clone())
            .filter(|s| !s.starts_with(&broken.display().to_string()))
            .collect();
        let norm = |s: &String| s.replace("/../shared/corpus/", "/");
        let alone: BTreeSet<String> = alone.iter().map(norm).collect();
        let in_season: BTreeSet<String> = in_season.iter().map(norm).collect();
        assert_eq!(
            alone, in_season,
            "corpus failures differ from file-by-file reads"
        );
        assert!(season["runs"].as_array().unwrap().len() > 30);
    }
}
