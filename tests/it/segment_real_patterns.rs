//! A "real-pattern family" of simulated sessions: the shapes real watch files have and the
//! clean suite (tests/it/segment_accuracy.rs) lacks — 10 K-pace reps barely faster than their
//! easy-pace jogs with late lap presses, walk and standing recoveries, reps from the first
//! minute, threshold reps, races, progression runs, fartlek without laps, run/walk, hilly trail
//! runs with noisy GPS, and long runs with a fast finish.
//!
//! The split into a tuning half and a check half is by seed, fixed before anything runs: even
//! seeds tune, odd seeds check. The test prints every case and the figures of both halves, then
//! asserts the project's bar on the check half only: rep count exact ≥ 90 % (interval
//! patterns 1–4), no reps on fartlek and run/walk sessions, no hill reps on the trail runs, and
//! workout type right ≥ [`TYPE_FLOOR`] — the bar is 90 %, not met yet (docs/accuracy.md).
//!
//! `cargo test --release --test it segment_real_patterns -- --nocapture` (under a second in
//! release); `LAPWISE_PATTERNS_DUMP=DIR` also writes every session's file there.

use crate::pick::Pick;
use crate::tally::Tally;
use std::collections::BTreeMap;

use lapwise::clean::{CleanConfig, clean};
use lapwise::ingest::read_bytes;
use lapwise::segment::{SegmentConfig, Segmentation, segment};
use lapwise::simulate::motion::SegKind;
use lapwise::simulate::physiology::Runner;
use lapwise::simulate::rng::SimRng;
use lapwise::simulate::truth::Truth;
use lapwise::simulate::{OutputFormat, SimOptions, Simulation, encode, simulate};

/// Moving time (s) from which a steady run is a long run (the brief: long when moving time ≥ 75 min).
const LONG_MOVING_S: f64 = 75.0 * 60.0;
/// Sessions per pattern: half of them on even seeds (tuning), half on odd seeds (check).
const PER_PATTERN: usize = 10;
/// First seed of the family.
const SEED_BASE: u64 = 7000;

/// Which half of the family a seed belongs to: decided by seed alone, before anything runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Half {
    /// Even seeds: the detectors may be tuned on these.
    Tune,
    /// Odd seeds: the bar is held on these.
    Check,
}

fn half_of(seed: u64) -> Half {
    if seed.is_multiple_of(2) {
        Half::Tune
    } else {
        Half::Check
    }
}

/// The ten real patterns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Pattern {
    /// 6 × 800 m at 10 K pace, 400 m jogs at easy pace, lap presses 0.5–3 s late.
    TenKReps,
    /// 5 × 3 min with 5 min walk recoveries (workout laps with intensity).
    WalkRecoveries,
    /// Reps from the first minute, standing rests, no cool-down.
    NoWarmup,
    /// 3 × 2 km at threshold with 2 min jogs.
    Threshold,
    /// 5 K and 10 K races.
    Race,
    /// Each km or mile faster than the last.
    Progression,
    /// Unstructured surges in easy running, no laps.
    Fartlek,
    /// 4 min run / 1 min walk.
    RunWalk,
    /// Hilly trail run, noisy GPS, barometric altitude.
    Trail,
    /// ≥ 80 min with mile auto-laps and a fast finish.
    LongFastFinish,
}

const PATTERNS: [Pattern; 10] = [
    Pattern::TenKReps,
    Pattern::WalkRecoveries,
    Pattern::NoWarmup,
    Pattern::Threshold,
    Pattern::Race,
    Pattern::Progression,
    Pattern::Fartlek,
    Pattern::RunWalk,
    Pattern::Trail,
    Pattern::LongFastFinish,
];

impl Pattern {
    fn name(self) -> &'static str {
        match self {
            Pattern::TenKReps => "1 10k-reps",
            Pattern::WalkRecoveries => "2 walk-rec",
            Pattern::NoWarmup => "3 no-warmup",
            Pattern::Threshold => "4 threshold",
            Pattern::Race => "5 race",
            Pattern::Progression => "6 progression",
            Pattern::Fartlek => "7 fartlek",
            Pattern::RunWalk => "8 run-walk",
            Pattern::Trail => "9 trail",
            Pattern::LongFastFinish => "10 long-ff",
        }
    }

    /// Interval patterns: the rep count is held exactly.
    fn is_intervals(self) -> bool {
        matches!(
            self,
            Pattern::TenKReps | Pattern::WalkRecoveries | Pattern::NoWarmup | Pattern::Threshold
        )
    }

    /// Expected workout type (contract names of `lapwise::segment::WorkoutType`).
    fn expected(self, truth: &Truth) -> &'static str {
        match self {
            Pattern::TenKReps
            | Pattern::WalkRecoveries
            | Pattern::NoWarmup
            | Pattern::Threshold => "intervals",
            Pattern::Race => "race",
            Pattern::Progression => "progression",
            Pattern::Fartlek => "fartlek",
            Pattern::RunWalk => "run_walk",
            Pattern::Trail if truth.totals.moving_s >= LONG_MOVING_S => "long",
            Pattern::Trail => "easy",
            Pattern::LongFastFinish => "long",
        }
    }
}

/// One session of the family.
#[derive(Debug, Clone)]
struct Case {
    pattern: Pattern,
    plan: String,
    seed: u64,
    format: OutputFormat,
    smart: bool,
    /// The runner's mile time (s): every effort pace derives from it.
    mile_s: f64,
}

fn clock(s: f64) -> String {
    let s = s.round() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}

/// Warm-up and cool-down amounts.
fn wu(p: &mut Pick) -> String {
    format!("{} wu", p.of(&["1.5mi", "2mi", "3km", "2.5km"]))
}
fn cd(p: &mut Pick) -> String {
    format!("{} cd", p.of(&["1mi", "2km", "1.5km"]))
}

/// A plan of one pattern for a runner with this mile time.
fn pattern_plan(pattern: Pattern, mile_s: f64, p: &mut Pick) -> String {
    let mile_mps = 1609.344 / mile_s;
    match pattern {
        Pattern::TenKReps => format!(
            "{}lap-delay=0.5-3; {}; 6 x 800m @ 10k rest 400m jog @ easy; {}",
            p.of(&["", "road; ", "track; "]),
            wu(p),
            cd(p)
        ),
        Pattern::WalkRecoveries => format!(
            "{}; 5 x 3min @ {} rest 5:00 walk; {}",
            wu(p),
            p.of(&["5k", "10k", "5k"]),
            cd(p)
        ),
        Pattern::NoWarmup => {
            let lead = *p.of(&["", "", "1min easy; ", "40s easy; "]);
            format!(
                "road; {lead}{} x {}m @ 5k rest {}s stand",
                p.range(4, 6),
                p.of(&[850, 900, 950, 1000, 1100]),
                p.of(&[45, 60, 60, 75, 90])
            )
        }
        Pattern::Threshold => format!(
            "{}{}; 3 x 2km @ tempo rest 2:00 jog; {}",
            p.of(&["road; ", "", "road; "]),
            wu(p),
            cd(p)
        ),
        Pattern::Race => {
            let (dist, effort) = *p.of(&[("5km", "5k"), ("10km", "10k")]);
            let lead = *p.of(&["", "", "800m easy; ", "1km easy; ", "5min easy; "]);
            format!(
                "road; laps={}; {lead}{dist} race @ {effort} even",
                p.of(&["km", "mile", "km", "none"])
            )
        }
        Pattern::Progression => {
            let per_km = p.next().is_multiple_of(2);
            let (unit, unit_m, n) = if per_km {
                ("km", 1000.0, p.range(6, 10))
            } else {
                ("mi", 1609.344, p.range(4, 7))
            };
            // from a relaxed easy pace to about marathon-to-threshold pace
            let f0 = 0.62 + 0.06 * p.unit();
            let f1 = 0.80 + 0.06 * p.unit();
            let t0 = unit_m / (f0 * mile_mps);
            let t1 = unit_m / (f1 * mile_mps);
            let steps: Vec<String> = (0..n)
                .map(|k| {
                    let t = t0 + (t1 - t0) * k as f64 / (n - 1) as f64;
                    format!("1{unit} @ {}/{unit}", clock(t))
                })
                .collect();
            format!(
                "laps={}; {}",
                if per_km { "km" } else { "mile" },
                steps.join("; ")
            )
        }
        Pattern::Fartlek => {
            let mut steps = vec![format!("{}min easy", p.range(8, 15))];
            for _ in 0..p.range(6, 10) {
                let surge = *p.of(&[20, 30, 45, 60, 90, 120, 150, 180]);
                let effort = if surge <= 45 {
                    *p.of(&["mile", "5k"])
                } else if surge <= 90 {
                    *p.of(&["5k", "10k"])
                } else {
                    *p.of(&["10k", "tempo"])
                };
                steps.push(format!("{surge}s @ {effort}"));
                steps.push(format!("{}s easy", 15 * p.range(4, 16)));
            }
            steps.push(format!("{}min easy", p.range(4, 10)));
            format!("laps=none; {}", steps.join("; "))
        }
        Pattern::RunWalk => format!(
            "laps={}; {} x {} @ easy rest {} walk",
            p.of(&["mile", "km", "none"]),
            p.range(8, 12),
            p.of(&["4min", "4min", "4:30", "5min"]),
            p.of(&["1min", "1min", "60s", "75s"])
        ),
        Pattern::Trail => format!(
            "trail; laps={}; {}min easy",
            p.of(&["mile", "km", "none", "mile"]),
            p.of(&[40, 50, 60, 70, 85, 95, 110])
        ),
        Pattern::LongFastFinish => format!(
            "laps=mile; {}min long; {}km @ {}",
            p.range(80, 105),
            p.of(&["2", "2.5", "3"]),
            p.of(&["tempo", "tempo", "10k"])
        ),
    }
}

fn catalogue() -> Vec<Case> {
    let mut out = Vec::new();
    let mut p = Pick(0x5EA1);
    let formats = [OutputFormat::Fit, OutputFormat::Gpx, OutputFormat::Tcx];
    for (pi, &pattern) in PATTERNS.iter().enumerate() {
        for k in 0..PER_PATTERN {
            // runners from a 5:00 to an 8:30 miler
            let mile_s = f64::from(p.range(300, 510));
            out.push(Case {
                pattern,
                plan: pattern_plan(pattern, mile_s, &mut p),
                seed: SEED_BASE + (pi * PER_PATTERN + k) as u64,
                // each half of each pattern gets all three formats
                format: formats[(k / 2 + pi) % 3],
                smart: p.next().is_multiple_of(4),
                mile_s,
            });
        }
    }
    out
}

fn simulate_case(case: &Case) -> Simulation {
    let runner = Runner {
        mile_s: case.mile_s,
        ..Runner::random(&mut SimRng::new(case.seed).fork(1))
    };
    let opts = SimOptions {
        seed: case.seed,
        smart: Some(case.smart),
        runner: Some(runner),
        ..SimOptions::default()
    };
    simulate(&case.plan, &opts).unwrap_or_else(|e| panic!("{}: {e}", case.plan))
}

/// What one session produced.
struct Outcome {
    case: Case,
    truth: Truth,
    seg: Segmentation,
}

fn run_case(case: &Case) -> Outcome {
    let sim = simulate_case(case);
    let bytes = encode(&sim, case.format);
    // `LAPWISE_PATTERNS_DUMP=DIR` writes every session as SEED.EXT, to run the CLI on it.
    if let Some(dir) = std::env::var_os("LAPWISE_PATTERNS_DUMP") {
        let name = format!(
            "{}.{}",
            case.seed,
            format!("{:?}", case.format).to_lowercase()
        );
        std::fs::write(std::path::Path::new(&dir).join(name), &bytes).expect("dump");
    }
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

/// The figures of one half.
#[derive(Default, Clone, Copy)]
struct Figures {
    rep_count: Tally,
    types: Tally,
    no_reps: Tally,
    no_hills: Tally,
}

fn fmt_name(f: OutputFormat) -> &'static str {
    f.ext()
}

/// Issue 12's bar for the workout type on the check half (met since smart-recorded GPX keeps
/// its moving time: 46/50).
const TYPE_FLOOR: f64 = 0.90;

#[test]
fn real_pattern_family_meets_the_bar_on_its_check_half() {
    let cases = catalogue();
    assert!(cases.len() >= 30, "family has {} sessions", cases.len());
    let outcomes: Vec<Outcome> = cases.iter().map(run_case).collect();

    let mut figures: BTreeMap<Half, Figures> = BTreeMap::new();
    let mut per_pattern: BTreeMap<(Pattern, Half), (Tally, Tally)> = BTreeMap::new();
    println!(
        "{:<5} {:<13} {:>5} {:<3} {:<2} {:>5} {:>4} {:<11} {:<11} {:>7} {:>5}  plan",
        "half", "pattern", "seed", "fmt", "sm", "km", "min", "expected", "got", "reps", "hills"
    );
    for o in &outcomes {
        let c = &o.case;
        let half = half_of(c.seed);
        let fig = figures.entry(half).or_default();
        let pp = per_pattern.entry((c.pattern, half)).or_default();
        let expected = c.pattern.expected(&o.truth);
        let got = o.seg.workout.kind.as_str();
        let type_ok = got == expected;
        fig.types.add(type_ok);
        pp.0.add(type_ok);
        let reps_found = o.seg.intervals.as_ref().map_or(0, |iv| iv.reps.len());
        let reps_true = o
            .truth
            .segments
            .iter()
            .filter(|s| s.kind == SegKind::Work)
            .count();
        let mut marks = Vec::new();
        if !type_ok {
            marks.push("TYPE");
        }
        let reps_col = if c.pattern.is_intervals() {
            let exact = reps_found == reps_true;
            fig.rep_count.add(exact);
            pp.1.add(exact);
            if !exact {
                marks.push("REPS");
            }
            format!("{reps_found}/{reps_true}")
        } else {
            if matches!(c.pattern, Pattern::Fartlek | Pattern::RunWalk) {
                fig.no_reps.add(reps_found == 0);
                if reps_found > 0 {
                    marks.push("HAS-REPS");
                }
            }
            format!("{reps_found}")
        };
        let hills = o.seg.hills.len();
        if c.pattern == Pattern::Trail {
            let none = hills == 0 && got != "hills";
            fig.no_hills.add(none);
            if !none {
                marks.push("HILLS");
            }
        }
        println!(
            "{:<5} {:<13} {:>5} {:<3} {:<2} {:>5.1} {:>4.0} {:<11} {:<11} {:>7} {:>5}  {}{}",
            format!("{half:?}").to_lowercase(),
            c.pattern.name(),
            c.seed,
            fmt_name(c.format),
            if c.smart { "y" } else { "" },
            o.truth.totals.true_distance_m / 1000.0,
            o.truth.totals.moving_s / 60.0,
            expected,
            got,
            reps_col,
            hills,
            c.plan,
            if marks.is_empty() {
                String::new()
            } else {
                format!(
                    "   <- {} ({})",
                    marks.join(" "),
                    lapwise::report::workout::reason(
                        &o.seg.workout,
                        lapwise::report::Units::Metric
                    )
                )
            }
        );
    }

    println!();
    println!("per pattern (type right; rep count exact):");
    for &pattern in &PATTERNS {
        let row = |h: Half| {
            let (t, r) = per_pattern.get(&(pattern, h)).copied().unwrap_or_default();
            format!("type {:<12} reps {:<12}", t.show(), r.show())
        };
        println!(
            "  {:<14} tune: {}  check: {}",
            pattern.name(),
            row(Half::Tune),
            row(Half::Check)
        );
    }
    println!();
    println!(
        "{:<42} {:<16} {:<16} bar (check)",
        "figure", "tune (even)", "check (odd)"
    );
    let tune = figures.get(&Half::Tune).copied().unwrap_or_default();
    let check = figures.get(&Half::Check).copied().unwrap_or_default();
    let rows: [(&str, Tally, Tally, &str); 4] = [
        (
            "rep count exact (interval patterns 1-4)",
            tune.rep_count,
            check.rep_count,
            ">= 90 %",
        ),
        ("workout type right", tune.types, check.types, ">= 90 %"),
        (
            "no reps on fartlek and run/walk",
            tune.no_reps,
            check.no_reps,
            "100 %",
        ),
        (
            "no hills on the trail runs",
            tune.no_hills,
            check.no_hills,
            "100 %",
        ),
    ];
    for (name, t, c, bar) in rows {
        println!("{name:<42} {:<16} {:<16} {bar}", t.show(), c.show());
    }

    // The project's bar, on the check half only.
    let mut failed = Vec::new();
    if check.rep_count.rate() < 0.90 {
        failed.push(format!("rep count exact {}", check.rep_count.show()));
    }
    // The bar for the type is 90 %; the detectors reach 88 % on the check half today
    // (GPX threshold reps and races recorded with smart recording are the misses, see
    // docs/accuracy.md). This floor keeps what is reached; raise it to the bar when met.
    if check.types.rate() < TYPE_FLOOR {
        failed.push(format!("workout type {}", check.types.show()));
    }
    if check.no_reps.hit < check.no_reps.of {
        failed.push(format!(
            "no reps on fartlek and run/walk {}",
            check.no_reps.show()
        ));
    }
    if check.no_hills.hit < check.no_hills.of {
        failed.push(format!("no hills on trail runs {}", check.no_hills.show()));
    }
    assert!(
        failed.is_empty(),
        "check half below the bar: {}",
        failed.join("; ")
    );
}

/// The family is what it claims to be: these hold on the simulated truth itself, whatever the
/// detectors do, so a change to the simulator cannot quietly make the sessions easier.
#[test]
fn the_family_has_the_real_patterns() {
    let cases = catalogue();
    assert!(cases.len() >= 30);
    let seeds: Vec<u64> = cases.iter().map(|c| c.seed).collect();
    let mut unique = seeds.clone();
    unique.dedup();
    assert_eq!(unique.len(), seeds.len(), "seeds are unique");
    for &pattern in &PATTERNS {
        for half in [Half::Tune, Half::Check] {
            let n = cases
                .iter()
                .filter(|c| c.pattern == pattern && half_of(c.seed) == half)
                .count();
            assert!(n >= 2, "{pattern:?} has {n} sessions in {half:?}");
        }
    }
    // one session of each pattern is enough to pin the shapes down
    for &pattern in &PATTERNS {
        // smart recording thins samples, so lap starts would not show the press delay
        let case = cases
            .iter()
            .find(|c| c.pattern == pattern && !c.smart)
            .unwrap();
        let sim = simulate_case(case);
        let t = &sim.truth;
        let speed = |kind: SegKind| {
            let (d, s) = t
                .segments
                .iter()
                .filter(|s| s.kind == kind)
                .fold((0.0, 0.0), |a, s| (a.0 + s.distance_m, a.1 + s.duration_s));
            d / s
        };
        match pattern {
            Pattern::TenKReps => {
                let ratio = speed(SegKind::Work) / speed(SegKind::Rest);
                assert!((1.15..=1.32).contains(&ratio), "reps/jogs {ratio:.3}");
                // every manual lap after the first starts 0.5-3 s (plus the 1 s sample grid)
                // after a true boundary
                let bounds: Vec<f64> = t.segments.iter().skip(1).map(|s| s.start_s).collect();
                for lap in t.laps.iter().skip(1) {
                    let late = bounds
                        .iter()
                        .map(|b| lap.start_s - b)
                        .filter(|d| *d >= 0.0)
                        .fold(f64::INFINITY, f64::min);
                    assert!((0.5..4.0).contains(&late), "lap press {late:.2} s late");
                }
            }
            Pattern::WalkRecoveries => {
                assert!(
                    speed(SegKind::Rest) < 1.5,
                    "walk {:.2}",
                    speed(SegKind::Rest)
                );
                let intensities: Vec<&str> = t.laps.iter().map(|l| l.intensity).collect();
                assert!(intensities.contains(&"interval") && intensities.contains(&"recovery"));
            }
            Pattern::NoWarmup => {
                assert!(t.segments[0].start_s < 61.0);
                assert_eq!(t.segments.last().unwrap().kind, SegKind::Work);
                // standing, after the few metres of slowing down from the rep
                assert!(speed(SegKind::Rest) < 0.3, "{:.2}", speed(SegKind::Rest));
            }
            Pattern::Race => {
                assert!(
                    t.segments
                        .iter()
                        .any(|s| s.kind == SegKind::MileEffort && s.distance_m >= 4999.0)
                );
            }
            Pattern::Progression => {
                let v: Vec<f64> = t
                    .segments
                    .iter()
                    .map(|s| s.distance_m / s.duration_s)
                    .collect();
                assert!(v.len() >= 4);
                assert!(v.windows(2).all(|w| w[1] > w[0]), "{v:?}");
            }
            Pattern::Fartlek => {
                assert_eq!(t.laps.len(), 1, "no laps");
                assert!(t.segments.iter().all(|s| s.kind == SegKind::Easy));
            }
            Pattern::RunWalk => {
                assert!(speed(SegKind::Rest) < 1.5);
                assert!(t.laps.iter().all(|l| l.trigger != "manual"));
            }
            Pattern::Trail => {
                let alt = &sim.recording.altitude;
                let (lo, hi) = alt
                    .iter()
                    .fold((f64::MAX, f64::MIN), |a, z| (a.0.min(*z), a.1.max(*z)));
                assert!(hi - lo >= 15.0, "relief {:.1} m", hi - lo);
                assert_eq!(sim.recording.sub_sport, "trail");
            }
            Pattern::LongFastFinish => {
                assert!(t.totals.moving_s >= 80.0 * 60.0);
                let segs = &t.segments;
                let last = segs.last().unwrap();
                let before = &segs[segs.len() - 2];
                assert!(
                    last.distance_m / last.duration_s > 1.1 * before.distance_m / before.duration_s
                );
            }
            Pattern::Threshold => {
                assert_eq!(
                    t.segments
                        .iter()
                        .filter(|s| s.kind == SegKind::Work)
                        .count(),
                    3
                );
            }
        }
    }
}
