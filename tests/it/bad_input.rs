//! Hostile and broken input through the public read API and the whole per-file pipeline:
//! truncation, byte flips, decompression bombs, deep XML, entity expansion, oversize files,
//! absurd values. Every case must give `Ok` or a clear error within a time bound, and never a
//! panic (contained panics show up as `Error::Panic` / "internal error" and fail the test).

use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use lapwise::Error;
use lapwise::analysis::Options;
use lapwise::ingest::{Limits, Loaded, read_bytes, read_bytes_limited, read_source_limited};
use lapwise::pipeline::analyze_loaded;

/// Generous bound per case: catches hangs, not slowness.
const CASE_LIMIT: Duration = Duration::from_secs(10);

fn fixture(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Run `f` on its own thread and fail the test if it takes longer than [`CASE_LIMIT`].
fn timed<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> (T, Duration) {
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(CASE_LIMIT) {
        Ok(v) => (v, start.elapsed()),
        Err(_) => panic!("{what}: no answer within {CASE_LIMIT:?} (hang?)"),
    }
}

/// Read `bytes` and push every activity through clean + analyse; returns the loaded results'
/// error messages and warnings. Fails on any panic, contained or not.
fn read_and_analyse(what: &str, bytes: Vec<u8>, limits: Limits) -> Vec<Result<Vec<String>, Error>> {
    let label = what.to_string();
    let (out, _) = timed(what, move || {
        let loaded = read_source_limited(&bytes, &label, &limits);
        let mut results = Vec::new();
        let mut keep = Vec::new();
        for l in loaded {
            match l.result {
                Ok(a) => {
                    results.push(Ok(a.warnings.clone()));
                    keep.push(Loaded {
                        source: l.source,
                        result: Ok(a),
                    });
                }
                Err(e) => results.push(Err(e)),
            }
        }
        let (_, failed) = analyze_loaded(keep, &Options::default());
        (results, failed)
    });
    let (results, failed) = out;
    for r in &results {
        if let Err(e) = r {
            assert!(
                !matches!(e, Error::Panic(_)),
                "{what}: reader panicked: {e}"
            );
        }
    }
    assert!(
        failed.is_empty(),
        "{what}: analysis failed: {:?}",
        failed.first().map(|f| &f.message)
    );
    results
}

/// A tiny deterministic generator (seeded; no dependency).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn truncation_at_every_sixteenth_keeps_what_came_before() {
    for name in ["easy.fit", "easy.gpx", "easy.tcx"] {
        let bytes = fixture(name);
        for k in 1..16 {
            let cut = bytes.len() * k / 16;
            let what = format!("{name} cut at {cut}/{}", bytes.len());
            let results = read_and_analyse(&what, bytes[..cut].to_vec(), Limits::default());
            if k < 2 {
                continue;
            }
            // Past the first eighth the points before the cut are intact: they come back, with
            // a warning that says the file was cut.
            let warnings = match &results[..] {
                [Ok(w)] => w,
                other => panic!("{what}: expected the points before the cut, got {other:?}"),
            };
            let said = warnings.iter().any(|w| {
                let w = w.to_lowercase();
                w.contains("byte") || w.contains("truncated") || w.contains("ends")
            });
            assert!(said, "{what}: no warning about the cut: {warnings:?}");
            if name.ends_with(".fit") {
                assert!(
                    warnings.iter().any(|w| w.contains("byte")),
                    "{what}: FIT warning should name the byte offset: {warnings:?}"
                );
            }
        }
    }
}

#[test]
fn random_byte_flips_never_panic() {
    let mut rng = Lcg(0x1a95e);
    for name in ["easy.fit", "track-6x400.fit", "easy.gpx", "easy.tcx"] {
        let bytes = fixture(name);
        let (mut ok, mut err) = (0, 0);
        for case in 0..200 {
            let mut b = bytes.clone();
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
            let what = format!("{name} flip case {case}");
            for r in read_and_analyse(&what, b, Limits::default()) {
                match r {
                    Ok(_) => ok += 1,
                    Err(_) => err += 1,
                }
            }
        }
        println!("{name}: {ok} read, {err} clear errors");
    }
}

/// A gzip stream of `members` × 64 MiB of zeros, built without holding the output: one
/// compressed member repeated (multi-member gzip is valid).
fn gzip_bomb(members: usize) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..64 {
        enc.write_all(&zeros).unwrap();
    }
    let one = enc.finish().unwrap();
    one.repeat(members)
}

#[test]
fn gzip_bomb_stops_at_the_ratio_limit_quickly() {
    let bomb = gzip_bomb(32); // 2 GiB of zeros
    let size = bomb.len();
    let (r, took) = timed("gzip bomb", move || {
        read_bytes(&bomb, "bomb.fit.gz").map(|a| a.len())
    });
    let err = r.expect_err("a 2 GiB bomb must not be read");
    println!("gzip bomb ({size} bytes → 2 GiB): {err} in {took:?}");
    assert_eq!(err.kind(), "limit", "{err}");
    assert!(err.to_string().contains("--max-ratio"), "{err}");
    assert!(
        took < Duration::from_secs(2),
        "bomb took {took:?}: work not bounded"
    );

    // With the ratio check out of the way, the decompressed-size cap stops it instead.
    let limits = Limits {
        max_ratio: u64::MAX / 2,
        max_decompressed_bytes: 64 * 1024 * 1024,
        ..Limits::default()
    };
    let bomb = gzip_bomb(32);
    let (r, took) = timed("gzip bomb, size cap", move || {
        read_bytes_limited(&bomb, "bomb.fit.gz", &limits).map(|a| a.len())
    });
    let err = r.expect_err("over --max-decompressed");
    println!("gzip bomb with ratio unlimited: {err} in {took:?}");
    assert!(err.to_string().contains("--max-decompressed"), "{err}");
}

fn zip_of(members: &[(String, Vec<u8>)], method: zip::CompressionMethod) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, data) in members {
        w.start_file(name.as_str(), opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn zip_bombs_hit_member_and_ratio_limits() {
    // Many members: refused before the directory is parsed.
    let many: Vec<(String, Vec<u8>)> = (0..12_000).map(|i| (format!("{i}.fit"), vec![])).collect();
    let zip = zip_of(&many, zip::CompressionMethod::Stored);
    let (loaded, took) = timed("zip with 12 000 members", move || {
        read_source_limited(&zip, "many.zip", &Limits::default())
    });
    println!("12 000-member zip: {took:?}");
    assert_eq!(loaded.len(), 1);
    let err = loaded[0].result.as_ref().expect_err("too many members");
    assert!(err.to_string().contains("--max-members"), "{err}");

    // One member of 256 MiB of zeros (ratio ~1000:1).
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file("bomb.gpx", opts).unwrap();
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..256 {
        w.write_all(&zeros).unwrap();
    }
    w.start_file("easy.fit", opts).unwrap();
    w.write_all(&fixture("easy.fit")).unwrap();
    let zip = w.finish().unwrap().into_inner();
    let size = zip.len();
    let (loaded, took) = timed("zip ratio bomb", move || {
        read_source_limited(&zip, "bomb.zip", &Limits::default())
    });
    println!("zip ratio bomb ({size} bytes → 256 MiB): {took:?}");
    assert_eq!(loaded.len(), 2, "the bomb fails, the good member is read");
    let err = loaded[0].result.as_ref().expect_err("ratio");
    assert!(err.to_string().contains("--max-ratio"), "{err}");
    assert!(loaded[1].result.is_ok(), "{:?}", loaded[1].result);
    assert!(took < Duration::from_secs(3), "zip bomb took {took:?}");
}

#[test]
fn deep_xml_and_entities_are_refused_without_expansion() {
    let deep = format!(
        "<?xml version=\"1.0\"?><gpx>{}{}</gpx>",
        "<e>".repeat(100_000),
        "</e>".repeat(100_000)
    );
    let (r, took) = timed("100 000 nested elements", move || {
        read_bytes(deep.as_bytes(), "deep.gpx").map(|a| a.len())
    });
    let err = r.expect_err("too deep");
    println!("deep XML: {err} in {took:?}");
    assert!(err.to_string().contains("--max-xml-depth"), "{err}");

    let mut laughs =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [\n<!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        laughs.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    laughs.push_str("]>\n<gpx><trk><name>&lol9;</name></trk></gpx>");
    for doc in [
        laughs.clone(),
        laughs
            .replace("<gpx>", "<TrainingCenterDatabase>")
            .replace("</gpx>", "</TrainingCenterDatabase>"),
    ] {
        let (r, took) = timed("billion laughs", move || {
            read_bytes(doc.as_bytes(), "lol").map(|a| a.len())
        });
        let err = r.expect_err("DOCTYPE refused");
        println!("billion laughs: {err} in {took:?}");
        assert!(err.to_string().contains("DOCTYPE"), "{err}");
    }

    // An entity reference without a declaration is never expanded; the points before it stay.
    let gpx = String::from_utf8(fixture("easy.gpx")).unwrap();
    let at = gpx.find("</trkpt>").unwrap() + 8;
    let undefined = format!("{}<trkpt>&lol9;</trkpt>{}", &gpx[..at], &gpx[at..]);
    let results = read_and_analyse(
        "undefined entity",
        undefined.into_bytes(),
        Limits::default(),
    );
    assert!(
        matches!(&results[..], [Ok(_)] | [Err(Error::Xml { .. })]),
        "{results:?}"
    );
}

#[test]
fn size_and_sample_limits_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.gpx");
    std::fs::write(&big, fixture("easy.gpx")).unwrap();
    let small = Limits {
        max_file_bytes: 64 * 1024,
        ..Limits::default()
    };
    let loaded = lapwise::ingest::read_path_limited(&big, &small);
    let err = loaded[0].result.as_ref().expect_err("over --max-file-size");
    assert!(err.to_string().contains("--max-file-size"), "{err}");
    assert_eq!(err.kind(), "limit");

    let few = Limits {
        max_samples: 100,
        ..Limits::default()
    };
    for name in ["easy.gpx", "easy.tcx", "easy.fit"] {
        let err = read_bytes_limited(&fixture(name), name, &few).expect_err("over --max-samples");
        assert!(err.to_string().contains("--max-samples"), "{name}: {err}");
    }

    let empty = dir.path().join("empty.fit");
    std::fs::write(&empty, b"").unwrap();
    let loaded = lapwise::ingest::read_path(&empty);
    assert!(
        matches!(loaded[0].result, Err(Error::Empty)),
        "{:?}",
        loaded[0].result
    );
}

/// A GPX document with the given `<trkpt>` bodies, one per line of `points`.
fn gpx_with(points: &[String]) -> Vec<u8> {
    let mut s = String::from(
        "\u{feff}  \n<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"test\"><trk><type>running</type><trkseg>\n",
    );
    for p in points {
        s.push_str(p);
        s.push('\n');
    }
    s.push_str("</trkseg></trk></gpx>\n");
    s.into_bytes()
}

#[test]
fn absurd_values_are_read_or_refused_cleanly() {
    let point = |i: usize, lat: &str, time: &str, hr: &str| {
        format!(
            "<trkpt lat=\"{lat}\" lon=\"{:.6}\"><ele>10</ele><time>{time}</time><extensions><hr>{hr}</hr><cad>85</cad></extensions></trkpt>",
            13.4 + i as f64 * 1e-5
        )
    };
    let base = |i: usize| format!("2024-05-01T10:{:02}:{:02}Z", i / 60, i % 60);
    let cases: Vec<(&str, Vec<String>)> = vec![
        (
            "lat 1e30",
            (0..300)
                .map(|i| point(i, if i % 7 == 0 { "1e30" } else { "52.5" }, &base(i), "150"))
                .collect(),
        ),
        (
            "hr 65535",
            (0..300)
                .map(|i| {
                    point(
                        i,
                        "52.5",
                        &base(i),
                        if i % 5 == 0 { "65535" } else { "150" },
                    )
                })
                .collect(),
        ),
        (
            "NaN text",
            (0..300)
                .map(|i| point(i, if i % 3 == 0 { "NaN" } else { "52.5" }, &base(i), "nan"))
                .collect(),
        ),
        (
            "time jumps of years",
            (0..300)
                .map(|i| {
                    let t = if i % 50 == 0 {
                        format!("{}-05-01T10:00:00Z", 1990 + i / 10)
                    } else {
                        base(i)
                    };
                    point(i, "52.5", &t, "150")
                })
                .collect(),
        ),
        (
            "backwards time",
            (0..300)
                .map(|i| point(i, "52.5", &base(299 - i), "150"))
                .collect(),
        ),
        (
            "infinite and huge",
            (0..300)
                .map(|i| {
                    point(
                        i,
                        if i % 2 == 0 { "inf" } else { "-1e308" },
                        &base(i),
                        "1e300",
                    )
                })
                .collect(),
        ),
        (
            "year 9999 and 0000",
            (0..300)
                .map(|i| {
                    let t = if i % 2 == 0 {
                        "9999-12-31T23:59:59Z"
                    } else {
                        "0000-01-01T00:00:00Z"
                    };
                    point(i, "52.5", t, "150")
                })
                .collect(),
        ),
    ];
    for (what, points) in cases {
        let bytes = gpx_with(&points);
        let results = read_and_analyse(what, bytes.clone(), Limits::default());
        println!(
            "{what}: {:?}",
            results
                .iter()
                .map(|r| r.as_ref().map(|w| w.len()).map_err(|e| e.to_string()))
                .collect::<Vec<_>>()
        );
        // The same values in TCX.
        let tcx = String::from_utf8(bytes)
            .unwrap()
            .replace(
                "<gpx version=\"1.1\" creator=\"test\"><trk><type>running</type><trkseg>",
                "<TrainingCenterDatabase><Activities><Activity Sport=\"Running\"><Lap><Track>",
            )
            .replace(
                "</trkseg></trk></gpx>",
                "</Track></Lap></Activity></Activities></TrainingCenterDatabase>",
            );
        read_and_analyse(
            &format!("{what} (tcx-ish)"),
            tcx.into_bytes(),
            Limits::default(),
        );
    }
}
