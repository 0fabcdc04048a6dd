//! Damaged FIT files never panic and never lose what came before the damage: every cut and
//! every flipped byte of a generated file (and of real files, when the corpus is present)
//! either decodes with a warning or fails with a one-line error.

use crate::common_corpus;

use lapwise::Error;
use lapwise::ingest::read_bytes;

fn exercise(name: &str, bytes: &[u8]) -> (usize, usize, usize) {
    let (mut ok, mut failed, mut contained) = (0, 0, 0);
    let n = bytes.len();
    let step = (n / 97).max(1);
    let mut check = |data: &[u8], what: String| match read_bytes(data, name) {
        Ok(acts) => {
            ok += 1;
            for a in acts {
                let a = lapwise::clean::cleaned(a);
                let _ = lapwise::analysis::analyze(&a, &Default::default());
            }
        }
        Err(Error::Panic(msg)) => {
            contained += 1;
            println!("{name} {what}: decoder panic contained: {msg}");
        }
        Err(e) => {
            failed += 1;
            assert!(!e.to_string().contains('\n'), "{name} {what}: {e}");
        }
    };
    for cut in (1..n).step_by(step) {
        check(&bytes[..cut], format!("cut at {cut}"));
    }
    for at in (0..n).step_by(step) {
        let mut b = bytes.to_vec();
        b[at] ^= 0x5a;
        check(&b, format!("flip at {at}"));
    }
    (ok, failed, contained)
}

#[test]
fn generated_fit_survives_cuts_and_flips() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/tempo.fit");
    let bytes = std::fs::read(path).unwrap();
    let (ok, failed, contained) = exercise("tempo.fit", &bytes);
    // A cut after the first records keeps them: most cuts must still give an activity.
    assert!(ok > 150, "ok {ok}, failed {failed}, contained {contained}");
    // Cutting keeps the prefix: half the file gives about half the run.
    let half = read_bytes(&bytes[..bytes.len() / 2], "half")
        .unwrap()
        .remove(0);
    assert!(half.warnings.iter().any(|w| w.contains("truncated")));
    let full = read_bytes(&bytes, "full").unwrap().remove(0);
    let ratio = half.samples.len() as f64 / full.samples.len() as f64;
    assert!(
        (0.35..0.65).contains(&ratio),
        "kept {ratio:.2} of the samples"
    );
}

#[test]
fn real_fit_files_survive_cuts_and_flips() {
    let Some(dir) = common_corpus::corpus_dir() else {
        return;
    };
    for name in [
        "heartandsole__testdata.fit",
        "pyfitparse__garmin-fenix-5-run.fit",
        "pyfitparse__compressed-speed-distance.fit",
        "pyfitparse__developer-types-sample.fit",
    ] {
        let bytes = std::fs::read(dir.join("fit").join(name)).unwrap();
        let (ok, failed, contained) = exercise(name, &bytes);
        println!("{name}: {ok} decoded, {failed} clean errors, {contained} contained panics");
        assert!(ok > 0);
    }
}
