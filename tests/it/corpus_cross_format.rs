//! The same activity exported as FIT, GPX and TCX reads back consistently: distance within 1 %
//! of the FIT's, same start, same elapsed time (within 10 s: exporters drop a final point). Exceptions are named with their reason.

use crate::common_corpus;

use lapwise::analysis::summarize;
use lapwise::clean::cleaned;
use lapwise::ingest::read_path;

/// Activities present in several formats (corpus README).
const SAME_ACTIVITY: &[&str] = &[
    "sportslib__6782987395",
    "sportslib__6860622783",
    "sportslib__2067489619",
    "heartandsole__testdata",
    "gc__10kUNLP2014-Garmin15",
];

/// GPX files whose positions cannot give the watch's distance, with the measured reason.
const GPX_DISTANCE_EXCEPTIONS: &[(&str, &str)] = &[
    (
        "sportslib__2067489619.gpx",
        "smart recording: one point every 4-6 s; the raw point-to-point path is already 2.1 % \
         shorter (4395 m) than the watch's 1 Hz distance (4489 m)",
    ),
    (
        "heartandsole__testdata.gpx",
        "46 points in 3.7 min, mostly standing: GPS jitter at rest adds 16 % to a 159 m run",
    ),
];

#[test]
fn same_activity_agrees_across_formats() {
    let Some(dir) = common_corpus::corpus_dir() else {
        return;
    };
    for stem in SAME_ACTIVITY {
        let fit = dir.join(format!("fit/{stem}.fit"));
        let base = cleaned(read_path(&fit).remove(0).result.unwrap());
        let bs = summarize(&base);
        let bd = bs.distance_m.unwrap();
        for ext in ["gpx", "tcx"] {
            let path = dir.join(format!("{ext}/{stem}.{ext}"));
            if !path.exists() {
                continue;
            }
            let name = format!("{stem}.{ext}");
            let a = cleaned(read_path(&path).remove(0).result.unwrap());
            let s = summarize(&a);
            assert_eq!(a.meta.start_utc, base.meta.start_utc, "{name}: start");
            // Exporters may drop the final point or two (Garmin Connect's GPX of a smart-recorded
            // run ends 7 s early): allow a few samples.
            assert!(
                (s.elapsed_s - bs.elapsed_s).abs() <= 10.0,
                "{name}: elapsed"
            );
            let d = s.distance_m.unwrap();
            let off = (d - bd).abs() / bd;
            println!("{name}: {d:.1} m vs FIT {bd:.1} m ({:.2} %)", off * 100.0);
            if GPX_DISTANCE_EXCEPTIONS.iter().any(|(f, _)| *f == name) {
                continue;
            }
            assert!(off <= 0.01, "{name}: distance {d:.1} vs FIT {bd:.1}");
        }
    }
}
