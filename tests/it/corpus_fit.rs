//! Every FIT file of the real corpus: read without panicking, and for running sessions, the
//! computed totals agree with the device's own (distance 0.5 %, timer 1 s, cadence 1 spm,
//! heart rate 1 bpm), per session and per lap. Exceptions are named with their reason.

use crate::common_corpus;

use lapwise::analysis::{Options, analyze};
use lapwise::clean::cleaned;
use lapwise::ingest::read_path;
use lapwise::model::Sport;

/// Files whose device computes an average differently from lapwise (time-weighted over timer
/// time, zeros included, as Garmin does), with the reason.
const CADENCE_EXCEPTIONS: &[(&str, &str)] = &[
    (
        "pyfitparse__compressed-speed-distance.fit",
        "FR70 with foot pod: its average leaves out zero-cadence records (lapwise's zero-free \
         moving average is 176.0, the device's value)",
    ),
    (
        "sportslib__6914448270.fit",
        "Suunto leaves zero cadence out of its average (zero-free: 147.9 vs 148)",
    ),
    (
        "pyfitparse__developer-types-sample.fit",
        "Stryd app's own integer average over a different window (149.4 vs 148)",
    ),
    (
        "pyfitparse__garmin-fenix-5-run.fit",
        "57-second smoke-test file: one sample moves the average by more than 1 spm",
    ),
    (
        "sportslib__2067489619.fit",
        "smart recording during run/walk: the file keeps one sample every ~5 s, the watch \
         averaged every second",
    ),
];
const HR_EXCEPTIONS: &[(&str, &str)] = &[
    (
        "gc__IpBike-HRV-Data.fit",
        "IpBike (phone app) computes its own average, 1.2 bpm below the time-weighted one",
    ),
    (
        "pyfitparse__garmin-fenix-5-run.fit",
        "57-second smoke-test file: the first seconds of HR dominate",
    ),
];
/// Files whose distance cannot match: the decodable part is a fraction of the run.
const DISTANCE_EXCEPTIONS: &[(&str, &str)] = &[(
    "pyfitparse__strava-android-app-201.10-b1218918.fit",
    "broken by its producer: a message uses an undefined local type at byte 7471, only the \
     records before it are decodable",
)];
/// Files whose laps are not compared, with the reason.
const LAP_EXCEPTIONS: &[(&str, &str)] = &[
    (
        "pyfitparse__strava-android-app-201.10-b1218918.fit",
        "decodable only up to byte 7471 (see above)",
    ),
    (
        "gc__IpBike-HRV-Data.fit",
        "IpBike (phone app) averages laps over its own windows: lap HR 1–4 bpm off throughout",
    ),
    (
        "pyfitparse__compressed-speed-distance.fit",
        "FR70 foot-pod laps leave zero cadence out (see the session exception)",
    ),
    (
        "pyfitparse__activity-large-fenxi2-multisport.fit",
        "Fenix 2 multisport: lap cadence is stored at twice the record cadence's scale",
    ),
    (
        "sportslib__2067489619.fit",
        "smart recording during run/walk (see the session exception)",
    ),
    (
        "sportstracker__Garmin_Fenix2_running_with_hrm.fit",
        "Fenix 2 run recorded as sport generic (read as running from its data): its 1 km \
         auto-lap falls 5 m past the records' 1 km, the last lap's timer 1 s past its records",
    ),
    (
        "runpandas__run.fit",
        "smart recording (one sample per ~2.6 s) during a hilly run/walk: lap cadence averages \
         1–1.5 spm off",
    ),
    (
        "sportslib__6909950168.fit",
        "Suunto: lap boundaries fall seconds away from the records and averages leave zeros out",
    ),
    (
        "sportslib__6910052863.fit",
        "Suunto: its 1 km laps read 991 m and 1008 m on the records (boundaries seconds off)",
    ),
    (
        "gc__Move_2020_01_15_19_27_16_Running.fit",
        "Suunto: lap boundaries seconds away from the records",
    ),
    (
        "gc__4077461142.fit",
        "the device's laps do not tile: 7 s between lap 1's end and lap 2's start",
    ),
    (
        "gc__MultiSport-2019-11-24.fit",
        "a 7 s auto-pause inside run lap 33 has no timer event in the file",
    ),
];
/// Laps with this little moving time or less are not compared (one sample moves their averages by more than 1,
/// and their boundaries dominate their distance).
const MIN_LAP_S: f64 = 65.0;

/// `x` agrees with a device value `y` within `tol`; when `y` is a whole number (devices store
/// integer averages, truncated or rounded), anywhere in `[y − tol, y + 1 + tol]`.
fn agrees(x: f64, y: f64, tol: f64) -> bool {
    if y.fract() == 0.0 {
        x >= y - tol && x <= y + 1.0 + tol
    } else {
        (x - y).abs() <= tol
    }
}

#[test]
fn every_fit_file_reads_or_fails_cleanly() {
    let Some(dir) = common_corpus::corpus_dir() else {
        return;
    };
    for path in common_corpus::files(&dir, "fit") {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let loaded = read_path(&path);
        assert!(!loaded.is_empty(), "{name}: nothing returned");
        for l in loaded {
            match l.result {
                Ok(a) => {
                    let a = cleaned(a);
                    let _ = analyze(&a, &Options::default());
                    assert!(!a.samples.is_empty(), "{name}: activity without samples");
                }
                Err(e) => {
                    let msg = e.to_string();
                    assert!(
                        !msg.is_empty() && !msg.contains('\n'),
                        "{name}: error {msg:?}"
                    );
                    println!("{name}: {msg}");
                }
            }
        }
    }
}

#[test]
fn running_totals_match_the_device() {
    let Some(dir) = common_corpus::corpus_dir() else {
        return;
    };
    let mut report = Vec::new();
    let mut checked = 0;
    for path in common_corpus::files(&dir, "fit") {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        for l in read_path(&path) {
            let Ok(a) = l.result else { continue };
            if a.meta.sport != Sport::Running {
                continue;
            }
            let Some(dev) = a.device.clone() else {
                continue;
            };
            let a = cleaned(a);
            let an = analyze(&a, &Options::default());
            let s = &an.summary;
            checked += 1;
            if let (Some(d), Some(dd)) = (s.distance_m, dev.distance_m)
                && (d - dd).abs() > 0.005 * dd
                && !DISTANCE_EXCEPTIONS.iter().any(|(f, _)| *f == name)
            {
                report.push(format!("{name}: distance {d:.1} vs device {dd:.1}"));
            }
            if let (Some(t), Some(e)) = (dev.timer_s, dev.elapsed_s) {
                // Records may stop before the session ends; that shortfall is not timer error.
                let shortfall = (e - s.elapsed_s).abs();
                if (s.timer_s - t).abs() > 1.0 + shortfall {
                    report.push(format!("{name}: timer {:.1} vs device {t:.1}", s.timer_s));
                }
            }
            if let (Some(c), Some(dc)) = (s.avg_cadence_spm, dev.avg_cadence_spm)
                && !agrees(c, dc, 1.0)
                && !CADENCE_EXCEPTIONS.iter().any(|(f, _)| *f == name)
            {
                report.push(format!("{name}: cadence {c:.1} vs device {dc:.1}"));
            }
            if let (Some(h), Some(dh)) = (s.avg_hr_bpm, dev.avg_hr_bpm)
                && !agrees(h, dh, 1.0)
                && !HR_EXCEPTIONS.iter().any(|(f, _)| *f == name)
            {
                report.push(format!("{name}: hr {h:.1} vs device {dh:.1}"));
            }
            for lap in &an.laps {
                let c = &lap.computed;
                let d = &lap.device;
                let n = lap.number;
                if LAP_EXCEPTIONS.iter().any(|(f, _)| *f == name) || c.moving_s <= MIN_LAP_S {
                    continue;
                }
                // Lap boundaries fall between records: allow one record interval of travel.
                let speed = c.distance_m.unwrap_or(0.0) / c.elapsed_s.max(1.0);
                let interval = record_interval(&a, c.start_s, c.end_s);
                let last_lap = c.end_s > a.samples.time_s.last().copied().unwrap_or(0.0);
                if let (Some(x), Some(y)) = (c.distance_m, d.distance_m)
                    && !last_lap
                    && (x - y).abs() > (0.005 * y).max(speed * interval + 0.5)
                {
                    report.push(format!("{name} lap {n}: distance {x:.1} vs {y:.1}"));
                }
                if let Some(y) = d.timer_s
                    && (c.timer_s - y).abs() > 1.0
                {
                    report.push(format!("{name} lap {n}: timer {:.1} vs {y:.1}", c.timer_s));
                }
                if let (Some(x), Some(y)) = (c.avg_cadence_spm, d.avg_cadence_spm)
                    && !agrees(x, y, 1.0)
                {
                    report.push(format!("{name} lap {n}: cadence {x:.1} vs {y:.1}"));
                }
                if let (Some(x), Some(y)) = (c.avg_hr_bpm, d.avg_hr_bpm)
                    && !agrees(x, y, 1.0)
                {
                    report.push(format!("{name} lap {n}: hr {x:.1} vs {y:.1}"));
                }
            }
        }
    }
    for r in &report {
        println!("{r}");
    }
    assert!(checked >= 15, "only {checked} running sessions checked");
    assert!(report.is_empty(), "{} mismatches", report.len());
}

/// Median time between records inside `[a, b]` (at least 1 s).
fn record_interval(act: &lapwise::Activity, a: f64, b: f64) -> f64 {
    let t = &act.samples.time_s;
    let mut d: Vec<f64> = t
        .windows(2)
        .filter(|w| w[0] >= a && w[1] <= b)
        .map(|w| w[1] - w[0])
        .collect();
    if d.is_empty() {
        return 1.0;
    }
    d.sort_by(|x, y| x.total_cmp(y));
    d[d.len() / 2].max(1.0)
}

fn read_all(dir: &std::path::Path, name: &str) -> Vec<lapwise::Activity> {
    read_path(&dir.join("fit").join(name))
        .into_iter()
        .map(|l| l.result.unwrap_or_else(|e| panic!("{name}: {e}")))
        .collect()
}

#[test]
fn fit_encoding_features_work() {
    let Some(dir) = common_corpus::corpus_dir() else {
        return;
    };
    // Chained FIT (4 headers, triathlon): one activity per session.
    let legs = read_all(&dir, "pyfitparse__sample_mulitple_header.fit");
    let sports: Vec<&str> = legs.iter().map(|a| a.meta.sport.as_str()).collect();
    assert_eq!(sports, ["swimming", "other", "cycling", "other", "running"]);
    // Compressed-timestamp headers on every record, with compressed speed/distance.
    let a = cleaned(read_all(&dir, "pyfitparse__compressed-speed-distance.fit").remove(0));
    assert!(a.samples.len() > 700);
    let d = summarize_distance(&a);
    assert!((d - 10_248.67).abs() < 50.0, "distance {d}");
    // Developer fields kept by name (Stryd power).
    let a = read_all(&dir, "gc__Fr955v19.28andStryd.fit").remove(0);
    assert!(
        a.samples
            .extra
            .iter()
            .any(|(n, v)| n == "Power" && v.iter().any(|x| x.is_finite()))
    );
    // Local time from activity.local_timestamp.
    assert_eq!(a.meta.local_offset_s, Some(3600));
    // Bad CRC / truncated producer files decode with a warning.
    let a = read_all(&dir, "pyfitparse__nick.fit").remove(0);
    assert!(
        a.warnings
            .iter()
            .any(|w| w.contains("damaged") || w.contains("CRC"))
    );
    // Non-activity files are named as such.
    for (name, what) in [
        ("tormoder__Settings.fit", "settings"),
        ("roznet__2023-01-13_heartratef.fit", "workout"),
        ("heartandsole__testcourse.fit", "course"),
    ] {
        let err = read_path(&dir.join("fit").join(name))
            .remove(0)
            .result
            .unwrap_err();
        assert!(err.to_string().contains(what), "{name}: {err}");
    }
}

fn summarize_distance(a: &lapwise::Activity) -> f64 {
    lapwise::analysis::summarize(a)
        .distance_m
        .unwrap_or(f64::NAN)
}
