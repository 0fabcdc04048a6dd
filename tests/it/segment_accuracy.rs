//! Issue 4's measured quality bar: the real pipeline (encode → `ingest::read_bytes` →
//! `clean::clean` → `segment::segment`) on a suite of simulated sessions with known truth.
//!
//! The suite (see docs/accuracy.md) is built from fixed seeds: workout families × paces ×
//! venues × lap modes × smart recording × output formats, all with the simulator's GPS noise,
//! dropouts and spikes. The test prints every metric and the confusion matrix of workout types,
//! then asserts the bar. Run it with `cargo test --release --test it segment_accuracy -- --nocapture`.

use crate::pick::Pick;
use crate::tally::Tally;
use std::collections::BTreeMap;

use lapwise::clean::{CleanConfig, clean};
use lapwise::ingest::read_bytes;
use lapwise::segment::{SegmentConfig, Segmentation, segment};
use lapwise::simulate::motion::SegKind;
use lapwise::simulate::plan::{LapMode, Venue};
use lapwise::simulate::truth::Truth;
use lapwise::simulate::{OutputFormat, SimOptions, encode, simulate};

/// One simulated session of the suite.
#[derive(Debug, Clone)]
struct Case {
    plan: String,
    seed: u64,
    venue: Option<Venue>,
    laps: Option<LapMode>,
    smart: bool,
    format: OutputFormat,
}

const REST_MODES: [&str; 3] = ["jog", "jog", "stand"];
const LAP_MODES: [Option<LapMode>; 5] = [
    None,
    Some(LapMode::Manual),
    Some(LapMode::Mile),
    Some(LapMode::Km),
    Some(LapMode::None),
];

/// A plan of one family, with its parameters drawn from `p`.
fn family_plan(family: usize, p: &mut Pick) -> (String, Option<Venue>) {
    let wu = format!("{}mi wu", p.of(&["1.5", "2", "2.5", "3"]));
    let cd = format!("{}mi cd", p.of(&["1", "1.5", "2"]));
    match family {
        0 => (format!("{}mi easy", p.range(3, 8)), None),
        1 => (
            format!(
                "{}mi easy; pause 40s; {}mi easy",
                p.range(2, 4),
                p.range(1, 3)
            ),
            None,
        ),
        2 => (format!("{}mi long", p.range(10, 14)), None),
        3 => {
            let (n, d, pace) = *p.of(&[
                (6, 400, "mile"),
                (8, 400, "5k"),
                (12, 200, "mile"),
                (10, 200, "mile"),
                (5, 800, "5k"),
                (4, 1000, "5k"),
                (3, 1200, "5k"),
                (6, 600, "5k"),
                (8, 300, "mile"),
                (6, 800, "10k"),
            ]);
            let rest = *p.of(&["60s", "90s", "2:00", "200m", "400m"]);
            let mode = if rest.ends_with('m') {
                "jog"
            } else {
                *p.of(&REST_MODES)
            };
            (
                format!("{wu}; {n} x {d}m @ {pace} rest {rest} {mode}; {cd}"),
                None,
            )
        }
        4 => (
            format!(
                "{wu}; {} x 1mi @ {} rest {} jog; {cd}",
                p.range(3, 5),
                p.of(&["10k", "5k", "tempo"]),
                p.of(&["400m", "2:00", "90s"])
            ),
            None,
        ),
        5 => {
            let rungs: &[u32] = p.of::<&[u32]>(&[
                &[400, 800, 1200, 800, 400][..],
                &[200, 400, 600, 800, 600, 400, 200][..],
                &[1600, 1200, 800, 400][..],
                &[400, 800, 1200, 1600][..],
            ]);
            let rest = p.of(&["90s", "2min", "60s"]);
            let body: Vec<String> = rungs.iter().map(|d| format!("{d}m reps @ 5k")).collect();
            (
                format!("{wu}; {}; {cd}", body.join(&format!("; {rest} recovery; "))),
                Some(Venue::Track),
            )
        }
        6 => {
            let (n, t) = *p.of(&[
                (6, "3min"),
                (5, "4min"),
                (8, "2min"),
                (10, "1min"),
                (4, "5min"),
            ]);
            (
                format!(
                    "{wu}; {n} x {t} @ {} rest {} {}; {cd}",
                    p.of(&["5k", "10k"]),
                    p.of(&["1min", "90s", "2min"]),
                    p.of(&["jog", "jog", "walk"])
                ),
                None,
            )
        }
        7 => (
            format!(
                "{}mi easy; {} x 20s strides; {}mi easy",
                p.range(3, 6),
                p.range(4, 8),
                p.of(&["0.5", "1"])
            ),
            None,
        ),
        8 => (
            format!("{wu}; {} x 10s hill sprints; {cd}", p.range(6, 10)),
            None,
        ),
        9 => (
            format!(
                "{wu}; {} x {}s hill rest jog; {cd}",
                p.range(4, 8),
                p.of(&[45, 60, 90])
            ),
            None,
        ),
        10 => (
            format!("{wu}; {}min tempo; {cd}", p.of(&[15, 20, 25, 30])),
            None,
        ),
        11 => (
            format!(
                "1.5mi wu; 4 x 20s strides; mile tt @ {} {}; 1mi cd",
                p.of(&["5:40", "6:00", "6:20", "6:45"]),
                p.of(&["coached", "even", "fade"])
            ),
            None,
        ),
        12 => (
            format!("treadmill; {}min easy", p.of(&[30, 40, 45, 50])),
            None,
        ),
        13 => (
            format!(
                "treadmill; 10min wu; {} x {} @ 5k rest {} jog; 10min cd",
                p.range(4, 6),
                p.of(&["2min", "3min", "800m"]),
                p.of(&["1min", "90s"])
            ),
            None,
        ),
        14 => (
            format!(
                "{wu}; {} x 400m @ mile rest 2:00 jog; 4 x 20s strides; {cd}",
                p.range(4, 8)
            ),
            None,
        ),
        _ => (format!("{}min recovery", p.of(&[25, 30, 35])), None),
    }
}

/// Number of sessions per family (index = family).
const FAMILY_COUNTS: [usize; 16] = [22, 10, 14, 40, 14, 14, 18, 20, 12, 10, 14, 12, 8, 10, 12, 4];

fn catalogue() -> Vec<Case> {
    let mut out = Vec::new();
    let mut p = Pick(2024);
    for (family, &count) in FAMILY_COUNTS.iter().enumerate() {
        for k in 0..count {
            let (plan, venue) = family_plan(family, &mut p);
            let treadmill = plan.starts_with("treadmill");
            let formats: &[OutputFormat] = if treadmill {
                &[OutputFormat::Fit, OutputFormat::Tcx]
            } else {
                &[
                    OutputFormat::Fit,
                    OutputFormat::Fit,
                    OutputFormat::Tcx,
                    OutputFormat::Gpx,
                ]
            };
            out.push(Case {
                plan,
                seed: 1000 + (family * 100 + k) as u64,
                venue,
                laps: *p.of(&LAP_MODES),
                smart: p.next().is_multiple_of(3),
                format: formats[k % formats.len()],
            });
        }
    }
    out
}

/// What one session produced, next to its truth.
struct Outcome {
    case: Case,
    truth: Truth,
    seg: Segmentation,
}

fn run_case(case: &Case) -> Outcome {
    let opts = SimOptions {
        seed: case.seed,
        venue: case.venue,
        laps: case.laps,
        smart: Some(case.smart),
        ..SimOptions::default()
    };
    let sim = simulate(&case.plan, &opts).unwrap_or_else(|e| panic!("{}: {e}", case.plan));
    let bytes = encode(&sim, case.format);
    let mut acts = read_bytes(&bytes, "sim").unwrap_or_else(|e| panic!("{case:?}: {e}"));
    assert_eq!(acts.len(), 1, "{case:?}");
    let mut act = acts.remove(0);
    clean(&mut act, &CleanConfig::default());
    let seg = segment(&act, &SegmentConfig::default());
    Outcome {
        case: case.clone(),
        truth: sim.truth,
        seg,
    }
}

fn overlap(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.1.min(b.1) - a.0.max(b.0)).max(0.0)
}

/// Greedy one-to-one matching by overlap; returns pairs (truth index, found index).
fn match_spans(truth: &[(f64, f64)], found: &[(f64, f64)]) -> Vec<(usize, usize)> {
    let mut used = vec![false; found.len()];
    let mut pairs = Vec::new();
    for (i, &t) in truth.iter().enumerate() {
        let best = found
            .iter()
            .enumerate()
            .filter(|(j, _)| !used[*j])
            .map(|(j, &f)| (j, overlap(t, f)))
            .filter(|(_, o)| *o > 0.0)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((j, _)) = best {
            used[j] = true;
            pairs.push((i, j));
        }
    }
    pairs
}

fn spans(truth: &Truth, kind: SegKind) -> Vec<(f64, f64)> {
    truth
        .segments
        .iter()
        .filter(|s| s.kind == kind)
        .map(|s| (s.start_s, s.end_s))
        .collect()
}

const TYPES: [&str; 9] = [
    "easy",
    "recovery",
    "long",
    "tempo",
    "intervals",
    "strides",
    "hills",
    "time_trial",
    "cross_training",
];

#[test]
#[cfg_attr(debug_assertions, ignore = "slow in debug builds; run with --release")]
fn segmentation_meets_the_quality_bar_on_simulated_sessions() {
    let cases = catalogue();
    assert!(cases.len() >= 200, "suite has {} sessions", cases.len());
    let outcomes: Vec<Outcome> = cases.iter().map(run_case).collect();
    let verbose = std::env::var_os("LAPWISE_ACCURACY_VERBOSE").is_some();

    let mut rep_count = Tally::default();
    let mut rep_bounds = Tally::default();
    let (mut stride_tp, mut stride_found, mut stride_true) = (0usize, 0usize, 0usize);
    let mut no_intervals = Tally::default();
    let mut best_mile = Tally::default();
    let mut best_mile_true_err: Vec<f64> = Vec::new();
    let mut best_mile_gpx_err: Vec<f64> = Vec::new();
    let mut types = Tally::default();
    let mut confusion: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut boundary_err: Vec<f64> = Vec::new();
    // Hill sessions (issue 12's bar: rep count exact on ≥ 80 %, every rep within 3 s of the
    // climb): measured and printed, not yet held (docs/accuracy.md).
    let mut hill_count = Tally::default();
    let mut hill_bounds = Tally::default();
    let mut hill_sessions_exact = Tally::default();

    for o in &outcomes {
        let t = &o.truth;
        let found_type = o.seg.workout.kind.as_str();
        let ok_type = found_type == t.workout_type;
        types.add(ok_type);
        *confusion.entry((t.workout_type, found_type)).or_default() += 1;
        let mut notes = Vec::new();
        if !ok_type {
            notes.push(format!("type {found_type} ({})", reason(&o.seg.workout)));
        }

        let reps: Vec<(f64, f64)> = o
            .seg
            .intervals
            .as_ref()
            .map(|iv| iv.reps.iter().map(|r| (r.start_s, r.end_s)).collect())
            .unwrap_or_default();
        if t.workout_type == "hills" {
            let truth_hills = spans(t, SegKind::Hill);
            let found: Vec<(f64, f64)> = o.seg.hills.iter().map(|h| (h.start_s, h.end_s)).collect();
            hill_count.add(found.len() == truth_hills.len());
            let pairs = match_spans(&truth_hills, &found);
            let show = |v: &[(f64, f64)]| {
                v.iter()
                    .map(|(a, b)| format!("{a:.0}-{b:.0}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let off = truth_hills.iter().enumerate().any(|(i, tr)| {
                !pairs
                    .iter()
                    .find(|p| p.0 == i)
                    .map(|p| found[p.1])
                    .is_some_and(|f| (f.0 - tr.0).abs().max((f.1 - tr.1).abs()) <= 3.0)
            });
            hill_sessions_exact.add(found.len() == truth_hills.len() && !off);
            if found.len() != truth_hills.len() || off {
                notes.push(format!(
                    "hills found {} / true {}",
                    show(&found),
                    show(&truth_hills)
                ));
            }
            for (i, tr) in truth_hills.iter().enumerate() {
                let m = pairs.iter().find(|p| p.0 == i).map(|p| found[p.1]);
                hill_bounds
                    .add(m.is_some_and(|f| (f.0 - tr.0).abs().max((f.1 - tr.1).abs()) <= 3.0));
            }
        }
        if t.workout_type == "intervals" {
            let truth_reps = spans(t, SegKind::Work);
            let exact = truth_reps.len() == reps.len();
            rep_count.add(exact);
            if !exact {
                notes.push(format!("reps {} vs {}", reps.len(), truth_reps.len()));
            }
            let pairs = match_spans(&truth_reps, &reps);
            let mut bad = 0;
            for (i, tr) in truth_reps.iter().enumerate() {
                let m = pairs.iter().find(|p| p.0 == i).map(|p| reps[p.1]);
                let ok = m.is_some_and(|f| {
                    let e = (f.0 - tr.0).abs().max((f.1 - tr.1).abs());
                    boundary_err.push(e);
                    if e > 3.0 && verbose {
                        notes.push(format!(
                            "rep {i} start {:+.1} end {:+.1}",
                            f.0 - tr.0,
                            f.1 - tr.1
                        ));
                    }
                    e <= 3.0
                });
                bad += usize::from(!ok);
                rep_bounds.add(ok);
            }
            if bad > 0 {
                notes.push(format!("{bad} rep boundaries off"));
            }
        }
        if matches!(t.workout_type, "easy" | "long" | "recovery") {
            no_intervals.add(reps.is_empty());
            if !reps.is_empty() {
                notes.push(format!("{} reps on a steady run", reps.len()));
            }
        }

        let truth_strides = spans(t, SegKind::Stride);
        let found: Vec<(f64, f64)> = o.seg.strides.iter().map(|s| (s.start_s, s.end_s)).collect();
        let matched = match_spans(&truth_strides, &found).len();
        stride_tp += matched;
        stride_found += found.len();
        stride_true += truth_strides.len();
        if matched != found.len() || matched != truth_strides.len() {
            notes.push(format!(
                "strides {matched} matched of {} found / {} true",
                found.len(),
                truth_strides.len()
            ));
        }

        let mile = |efforts: &[lapwise::simulate::truth::TruthEffort]| {
            efforts
                .iter()
                .find(|e| e.name == "1 mile")
                .map(|e| e.elapsed_s)
        };
        let found_mile = o
            .seg
            .best_efforts
            .iter()
            .find(|e| e.name == "1 mile")
            .map(|e| e.elapsed_s);
        // FIT and TCX carry the device's distance stream, so the best mile must match the best
        // mile of that stream (the truth's `best_efforts_device`). GPX carries positions only:
        // its distance is re-derived from them, so it is compared with the true distance and
        // reported, not held to 1 s.
        let gpx = o.case.format == OutputFormat::Gpx;
        if let (Some(dev), Some(f), false) = (mile(&t.best_efforts_device.efforts), found_mile, gpx)
        {
            let ok = (f - dev).abs() <= 1.0;
            best_mile.add(ok);
            if !ok {
                notes.push(format!("best mile {f:.1} vs {dev:.1}"));
            }
        }
        if let (Some(tr), Some(f)) = (mile(&t.best_efforts.efforts), found_mile) {
            let err = (f - tr).abs();
            if gpx {
                best_mile_gpx_err.push(err);
            } else {
                best_mile_true_err.push(err);
            }
        }
        if verbose && !notes.is_empty() {
            println!(
                "[{} seed {} {:?} laps {:?} smart {}] {}",
                o.case.plan,
                o.case.seed,
                o.case.format,
                o.case.laps,
                o.case.smart,
                notes.join("; ")
            );
        }
    }

    let precision = stride_tp as f64 / stride_found.max(1) as f64;
    let recall = stride_tp as f64 / stride_true.max(1) as f64;
    boundary_err.sort_by(f64::total_cmp);
    best_mile_true_err.sort_by(f64::total_cmp);
    best_mile_gpx_err.sort_by(f64::total_cmp);
    let pct = |v: &[f64], q: f64| {
        v.get(((v.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or(f64::NAN)
    };
    println!("sessions: {}", outcomes.len());
    println!("rep count exact (interval sessions): {}", rep_count.show());
    println!(
        "hill sessions: rep count exact {}; hill reps within 3 s of the climb {}; sessions exact with every rep within 3 s {} (bar 80 % / all; floors 85 % / 93 %)",
        hill_count.show(),
        hill_bounds.show(),
        hill_sessions_exact.show()
    );
    println!(
        "rep boundaries within 3 s: {} (median {:.2} s, p95 {:.2} s)",
        rep_bounds.show(),
        pct(&boundary_err, 0.5),
        pct(&boundary_err, 0.95)
    );
    println!(
        "strides: precision {stride_tp}/{stride_found} = {precision:.3}, recall {stride_tp}/{stride_true} = {recall:.3}"
    );
    println!(
        "no intervals on easy/long/recovery runs: {}",
        no_intervals.show()
    );
    println!(
        "best mile within 1 s of the recorded-distance truth (FIT/TCX): {}",
        best_mile.show()
    );
    println!(
        "best mile vs the true distance: FIT/TCX median |err| {:.2} s, p95 {:.2} s; GPX median {:.2} s, p95 {:.2} s",
        pct(&best_mile_true_err, 0.5),
        pct(&best_mile_true_err, 0.95),
        pct(&best_mile_gpx_err, 0.5),
        pct(&best_mile_gpx_err, 0.95)
    );
    println!("workout type right: {}", types.show());
    println!("confusion matrix (rows: truth, columns: found):");
    let short = |s: &str| s.chars().take(5).collect::<String>();
    let mut header = format!("{:>15}", "");
    for c in TYPES {
        header += &format!(" {:>6}", short(c));
    }
    println!("{header}");
    for r in TYPES {
        let row: Vec<usize> = TYPES
            .iter()
            .map(|c| confusion.get(&(r, *c)).copied().unwrap_or(0))
            .collect();
        if row.iter().sum::<usize>() == 0 {
            continue;
        }
        let mut line = format!("{r:>15}");
        for v in row {
            line += &format!(" {v:>6}");
        }
        println!("{line}");
    }

    // Issue 12's hill bar: rep count exact on 80 % of the sessions (measured 95.5 %, floor
    // 0.85 so that a regression fails); its "every rep within 3 s of the climb" is not met
    // (measured 97.5 % of reps, docs/accuracy.md): a floor below it.
    assert!(
        hill_count.rate() >= 0.85,
        "hill rep count {}",
        hill_count.show()
    );
    assert!(
        hill_bounds.rate() >= 0.93,
        "hill rep ends {}",
        hill_bounds.show()
    );
    // Issue 4's bar.
    assert!(rep_count.rate() >= 0.95, "rep count {}", rep_count.show());
    assert!(
        rep_bounds.rate() >= 0.95,
        "rep boundaries {}",
        rep_bounds.show()
    );
    assert!(precision >= 0.9, "stride precision {precision:.3}");
    assert!(recall >= 0.9, "stride recall {recall:.3}");
    assert!(
        no_intervals.rate() >= 0.95,
        "steady runs {}",
        no_intervals.show()
    );
    assert!(best_mile.rate() >= 0.95, "best mile {}", best_mile.show());
    assert!(types.rate() >= 0.90, "workout type {}", types.show());
}

/// The workout line in words, as `analyze` prints it (miles).
fn reason(w: &lapwise::segment::Workout) -> String {
    lapwise::report::workout::reason(w, lapwise::report::Units::Imperial)
}
