//! Issue 14's per-run coach metrics: zones, load, grade-adjusted pace, decoupling and heart-rate
//! recovery, on the fixtures, the corpus (read in place; skipped when absent) and the command
//! line.

use std::path::PathBuf;

use crate::common_corpus;
use lapwise::analysis::coach::decoupling::NoDecoupling;
use lapwise::analysis::coach::{LoadMethod, Thresholds};
use lapwise::pipeline::{analyze_path, options_for};
use lapwise::report::Units;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

fn athlete() -> Thresholds {
    Thresholds {
        max_hr_bpm: Some(192.0),
        resting_hr_bpm: Some(48.0),
        threshold_hr_bpm: Some(172.0),
        threshold_speed_mps: Some(1609.344 / 400.0),
        sex: None,
        ..Thresholds::default()
    }
}

/// Run the binary with `args` (strings or paths) and return what it printed and its exit code.
fn run_cli<I, A>(args: I) -> std::process::Output
where
    I: IntoIterator<Item = A>,
    A: AsRef<std::ffi::OsStr>,
{
    crate::bin::lapwise().args(args).output().expect("runs")
}

/// The thresholds of [`athlete`] as command-line flags.
const ATHLETE_FLAGS: [&str; 6] = [
    "--max-hr",
    "192",
    "--resting-hr",
    "48",
    "--threshold-hr",
    "172",
];

/// On every corpus run with heart rate, the HR zones add up to the moving time with HR (within
/// 1 s) and the pace zones to the moving time; no HR load without HR; the file whose heart rate
/// is a constant 255 gets no HR zones and no HR load.
#[test]
fn zones_partition_moving_time_on_the_corpus() {
    let Some(dir) = common_corpus::corpus_dir() else {
        return;
    };
    let mut opts = options_for(Units::Metric);
    opts.thresholds = athlete();
    let mut checked = 0;
    for ext in ["fit", "gpx", "tcx"] {
        for path in common_corpus::files(&dir, ext) {
            let (analysed, _) = analyze_path(&path, &opts);
            for a in &analysed {
                if a.activity.meta.sport != lapwise::model::Sport::Running {
                    continue;
                }
                let c = &a.analysis.coach;
                let name = path.display();
                match &c.zones.hr {
                    Some(z) => {
                        let sum: f64 = z.iter().map(|z| z.time_s).sum();
                        assert!(
                            (sum - c.zones.moving_hr_s).abs() <= 1.0,
                            "{name}: HR zones {sum} vs {}",
                            c.zones.moving_hr_s
                        );
                        checked += 1;
                    }
                    None => {
                        assert_eq!(c.zones.moving_hr_s, 0.0, "{name}: HR but no HR zones");
                        if let Some(l) = &c.load {
                            assert_eq!(
                                l.method,
                                Some(LoadMethod::RTss),
                                "{name}: HR load without HR"
                            );
                            assert!(l.trimp.is_none() && l.hr_tss.is_none(), "{name}");
                        }
                    }
                }
                if let Some(z) = &c.zones.pace {
                    let sum: f64 = z.iter().map(|z| z.time_s).sum();
                    assert!(sum <= a.analysis.summary_computed.moving_s + 1.0, "{name}");
                }
                if name.to_string().ends_with("gpsbabel__gtrnctr-lap_s.tcx") {
                    assert!(c.zones.hr.is_none(), "{name}: HR 255 placed in zones");
                    assert!(c.load.as_ref().is_none_or(|l| l.hr_tss.is_none()), "{name}");
                    assert!(a.analysis.summary.avg_hr_bpm.is_none(), "{name}: 255 shown");
                }
            }
        }
    }
    println!("{checked} corpus runs with HR zones checked");
    assert!(checked >= 20, "only {checked}");
}

/// Interval sessions get no decoupling; their reps get a heart-rate recovery each; the load of
/// a session with HR is hrTSS and grows with its length.
#[test]
fn intervals_have_recovery_and_no_decoupling() {
    let mut opts = options_for(Units::Imperial);
    opts.thresholds = athlete();
    let (a, _) = analyze_path(&fixture("track-6x400.fit"), &opts);
    let c = &a[0].analysis.coach;
    assert_eq!(c.decoupling.why_not, Some(NoDecoupling::NotSteady));
    assert_eq!(c.hr_recovery.after_reps.len(), 6, "{:?}", c.hr_recovery);
    assert!(
        c.hr_recovery.after_reps.iter().all(|r| r.drop_bpm > 10.0),
        "{:?}",
        c.hr_recovery
    );
    let load = c.load.expect("a load");
    assert_eq!(load.method, Some(LoadMethod::HrTss));
    let v = load.value.expect("a value");
    assert!(v > 20.0 && v < 150.0, "{load:?}");
    // Without thresholds nothing is placed, and each value says it is missing.
    let (b, _) = analyze_path(&fixture("track-6x400.fit"), &options_for(Units::Imperial));
    let c = &b[0].analysis.coach;
    assert!(c.load.is_none() && c.zones.hr.is_none() && c.zones.pace.is_none());
    assert_eq!(
        c.profile.max_hr_bpm.source,
        lapwise::analysis::coach::Source::Missing
    );
}

/// Load grows with time and with heart rate (the same run, longer or harder).
#[test]
fn load_grows_with_time_and_heart_rate() {
    use crate::score_support::{analysed, run};
    let th = athlete();
    let load = |secs: usize, hr: f64| {
        let mut a = analysed(run(&vec![3.5; secs], 0.1, 3, |_| 170.0));
        a.activity.samples.hr_bpm.iter_mut().for_each(|h| *h = hr);
        lapwise::analysis::coach::load::trimp(&a.activity, &th).expect("TRIMP")
    };
    assert!(load(3600, 150.0) > load(1800, 150.0));
    assert!(load(1800, 165.0) > load(1800, 150.0));
}

/// A long easy run with HR has a decoupling and an efficiency factor.
#[test]
fn steady_runs_have_decoupling() {
    let (a, _) = analyze_path(&fixture("easy.fit"), &options_for(Units::Metric));
    let c = &a[0].analysis.coach;
    let moving = a[0].analysis.summary_computed.moving_s;
    if moving >= 40.0 * 60.0 {
        assert!(c.decoupling.decoupling_pct.is_some(), "{:?}", c.decoupling);
        let ef = c.decoupling.efficiency_factor.expect("EF");
        assert!((0.5..3.0).contains(&ef), "{ef}");
    } else {
        assert_eq!(c.decoupling.why_not, Some(NoDecoupling::TooShort));
    }
}

/// Every implausible threshold on the command line is named, and the exit is 2.
#[test]
fn bad_thresholds_are_refused_field_by_field() {
    let bad = [
        "analyze",
        "--max-hr",
        "300",
        "--resting-hr",
        "20",
        "--threshold-hr",
        "60",
        "--threshold-pace",
        "4:00",
    ];
    let out = run_cli(
        bad.map(std::ffi::OsString::from)
            .into_iter()
            .chain([fixture("easy.fit").into()]),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for flag in [
        "--max-hr",
        "--resting-hr",
        "--threshold-hr",
        "--threshold-pace",
    ] {
        assert!(err.contains(flag), "{flag} not named: {err}");
    }
    let mut args: Vec<std::ffi::OsString> = vec!["analyze".into()];
    args.extend(ATHLETE_FLAGS.map(Into::into));
    args.extend([
        "--threshold-pace".into(),
        "6:40/mi".into(),
        fixture("track-6x400.fit").into(),
    ]);
    let ok = run_cli(args);
    assert_eq!(ok.status.code(), Some(0));
    let text = String::from_utf8_lossy(&ok.stdout);
    assert!(
        text.contains("HR zones") && text.contains("hrTSS"),
        "{text}"
    );
}

/// The profile file: `profile init` writes a commented one; `analyze` reads `--profile`, then
/// `LAPWISE_PROFILE`; the command line wins over it; `--no-profile` reads none; a profile with
/// every field wrong is refused field by field.
#[test]
fn profile_file_precedence_and_refusal() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("profile-test");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("profile.toml");
    let init_args = || {
        ["profile", "init", "--path"]
            .map(std::ffi::OsString::from)
            .into_iter()
            .chain([path.clone().into_os_string()])
    };
    let init = run_cli(init_args());
    assert_eq!(init.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("# max_hr_bpm")
    );
    // Writing it again needs --force.
    let again = run_cli(init_args());
    assert_eq!(again.status.code(), Some(2));
    std::fs::write(
        &path,
        "max_hr_bpm = 192\nresting_hr_bpm = 48\nthreshold_hr_bpm = 172\nunits = \"metric\"\n",
    )
    .unwrap();
    let json = |extra: &[&str], env: bool| {
        let mut c = crate::bin::lapwise();
        c.args(["analyze", "--json"]).args(extra);
        if env {
            c.env("LAPWISE_PROFILE", &path);
        }
        let out = c.arg(fixture("track-6x400.fit")).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{extra:?}");
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let from_env = json(&[], true);
    assert_eq!(from_env["units"], "metric");
    let a = &from_env["activities"][0];
    assert_eq!(a["profile"]["threshold_hr_bpm"]["value"], 172.0);
    assert_eq!(a["profile"]["threshold_hr_bpm"]["source"], "given");
    assert!(a["zones"]["hr"].is_array());
    // The command line wins.
    let flag = json(&["--threshold-hr", "165", "--units", "imperial"], true);
    assert_eq!(flag["units"], "imperial");
    assert_eq!(
        flag["activities"][0]["profile"]["threshold_hr_bpm"]["value"],
        165.0
    );
    // --no-profile reads none.
    let none = json(&["--no-profile"], true);
    assert_eq!(
        none["activities"][0]["profile"]["threshold_hr_bpm"]["source"],
        "missing"
    );
    // Every field wrong, and an unknown key: refused, one line each, exit 2.
    std::fs::write(
        &path,
        "max_hr_bpm = 300\nresting_hr_bpm = 10\nthreshold_hr_bpm = 20\nthreshold_pace = \"fast\"\nsex = \"x\"\nunits = \"furlongs\"\n",
    )
    .unwrap();
    let with_profile = || {
        run_cli([
            "analyze".into(),
            "--profile".into(),
            path.clone().into_os_string(),
            fixture("easy.fit").into_os_string(),
        ])
    };
    let bad = with_profile();
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(err.lines().count(), 6, "{err}");
    std::fs::write(&path, "max_hr = 190\n").unwrap();
    let unknown = with_profile();
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("max_hr"));
}

/// A simulated season with thresholds: every run has a load, the days run from the first run
/// to the last with fitness and fatigue following the model, and the CLI writes days.csv and
/// the load columns of runs.csv.
#[test]
fn season_load_fitness_and_fatigue() {
    use chrono::NaiveDate;
    use lapwise::season::{SeasonOptions, build_season};
    use lapwise::simulate::OutputFormat;
    use lapwise::simulate::season::{SeasonOptions as SimSeason, simulate_season};
    let dir = tempfile::tempdir().expect("tempdir");
    let sim = SimSeason {
        start: NaiveDate::from_ymd_opt(2026, 1, 5).expect("date"),
        weeks: 4,
        seed: 11,
        formats: vec![OutputFormat::Fit],
        tz_offset_s: 0,
        cs: None,
    };
    simulate_season(&sim, dir.path()).expect("simulate");
    let opts = SeasonOptions {
        thresholds: athlete(),
        ..SeasonOptions::default()
    };
    let season = build_season(&[dir.path().to_path_buf()], &opts, &|_| {}).expect("season");
    assert!(season.runs.len() >= 8, "{} runs", season.runs.len());
    assert!(
        season.runs.iter().all(|r| r.load.is_some()),
        "a run without load"
    );
    let first = season.runs.iter().map(|r| r.date).min().expect("runs");
    let last = season.runs.iter().map(|r| r.date).max().expect("runs");
    assert_eq!(season.days.first().map(|d| d.date), Some(first));
    assert_eq!(season.days.last().map(|d| d.date), Some(last));
    assert_eq!(
        season.days.len() as i64,
        (last - first).num_days() + 1,
        "one row per day"
    );
    let total: f64 = season.runs.iter().filter_map(|r| r.load).sum();
    let days: f64 = season.days.iter().map(|d| d.load).sum();
    assert!((total - days).abs() < 1e-6);
    // The weeks carry the same load, with monotony, strain, ramp and intensity shares.
    let weekly: f64 = season.weeks.iter().filter_map(|w| w.load).sum();
    assert!((weekly - total).abs() < 1e-6, "{weekly} vs {total}");
    for w in season.weeks.iter().filter(|w| w.load.is_some()) {
        assert!(w.ramp.is_some() && w.monotony.is_some(), "{w:?}");
        let shares =
            w.low_pct.unwrap_or(0.0) + w.mid_pct.unwrap_or(0.0) + w.high_pct.unwrap_or(0.0);
        assert!((shares - 100.0).abs() <= 0.2, "{w:?}");
    }
    // Fatigue reacts faster than fitness: after four weeks of training it is above it.
    let end = season.days.last().expect("days");
    assert!(end.atl > end.ctl && end.ctl > 0.0, "{end:?}");
    // Without thresholds the season estimates them and reads the files again with the
    // estimates: the runs get a pace-based load (no resting HR, so no hrTSS) and the season
    // its days, with the profile saying `estimated`.
    let plain = build_season(
        &[dir.path().to_path_buf()],
        &SeasonOptions::default(),
        &|_| {},
    )
    .expect("season");
    assert_eq!(
        plain.profile.threshold_pace_mps.source,
        lapwise::analysis::coach::Source::Estimated
    );
    assert!(!plain.days.is_empty(), "no days from the estimates");
    assert!(
        plain
            .runs
            .iter()
            .all(|r| r.load_method == Some(LoadMethod::RTss)),
        "a run without its pace-based load"
    );
    // Thresholds not given are estimated from the season and marked so; given ones stay given.
    use lapwise::analysis::coach::Source;
    let p = &plain.profile;
    assert_eq!(p.max_hr_bpm.source, Source::Estimated, "{p:?}");
    let max = p.max_hr_bpm.value.expect("max HR");
    assert!((120.0..=230.0).contains(&max), "{max}");
    if let Some(t) = p.threshold_hr_bpm.value {
        assert_eq!(p.threshold_hr_bpm.source, Source::Estimated);
        assert!(t <= max, "{t} > {max}");
    }
    assert_eq!(p.resting_hr_bpm.source, Source::Missing);
    assert_eq!(season.profile.max_hr_bpm.source, Source::Given);
    assert_eq!(season.profile.max_hr_bpm.value, Some(192.0));
    // The command line writes days.csv and the load columns.
    let out = dir.path().join("out");
    let mut args: Vec<std::ffi::OsString> = vec!["season".into(), "--quiet".into()];
    args.extend(ATHLETE_FLAGS.map(Into::into));
    args.extend(["--out".into(), out.clone().into(), dir.path().into()]);
    let st = run_cli(args);
    assert_eq!(
        st.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    assert!(out.join("season-fitness.png").is_file(), "no fitness chart");
    assert!(
        out.join("season-intensity.png").is_file(),
        "no intensity chart"
    );
    let days_csv = std::fs::read_to_string(out.join("days.csv")).expect("days.csv");
    assert!(days_csv.starts_with("date,load,ctl,atl,tsb"), "{days_csv}");
    let runs_csv = std::fs::read_to_string(out.join("runs.csv")).expect("runs.csv");
    let header = runs_csv.lines().next().unwrap_or_default();
    for col in [
        "load",
        "load_method",
        "trimp",
        "avg_gap_mps",
        "decoupling_pct",
        "hr_z1_s",
        "hr_z5_s",
    ] {
        assert!(
            header.split(',').any(|c| c == col),
            "{col} missing: {header}"
        );
    }
    let weeks_csv = std::fs::read_to_string(out.join("weeks.csv")).expect("weeks.csv");
    let header = weeks_csv.lines().next().unwrap_or_default();
    for col in [
        "load", "ramp", "monotony", "strain", "low_pct", "mid_pct", "high_pct",
    ] {
        assert!(
            header.split(',').any(|c| c == col),
            "{col} missing: {header}"
        );
    }
}

/// A runner whose efforts follow a critical-speed model (CS 4.4 m/s, D′ 200 m) runs a mile,
/// two miles and 5 km flat out on three days, each inside a 9:00/mi warm-up and a 9:30/mi
/// cool-down, on a
/// watch with exact positions (GPS distance error is measured elsewhere); lapwise recovers the
/// critical speed within 3 % from the season.
#[test]
fn critical_speed_is_recovered_from_a_simulated_season() {
    use lapwise::simulate::{SimOptions, simulate};
    let (cs, d_prime): (f64, f64) = (4.4, 200.0);
    let dir = tempfile::tempdir().expect("tempdir");
    let efforts: [(&str, f64); 3] = [("1mi", 1609.344), ("2mi", 2.0 * 1609.344), ("5km", 5000.0)];
    for (k, (dist, metres)) in efforts.iter().enumerate() {
        let secs = (metres - d_prime) / cs;
        let per_mile = secs / metres * 1609.344;
        let whole = per_mile.round() as u32;
        let pace = format!("{}:{:02}/mi", whole / 60, whole % 60);
        let plan = format!("1.5mi @ 9:00/mi; {dist} @ {pace}; 1mi @ 9:30/mi");
        let opts = SimOptions {
            seed: 77 + k as u64,
            start_local: chrono::NaiveDate::from_ymd_opt(2026, 4, 6 + 3 * k as u32)
                .expect("date")
                .and_hms_opt(7, 0, 0)
                .expect("time"),
            // Exact positions: the test is of the model fit, not of GPS distance.
            device: lapwise::simulate::device::DeviceConfig {
                clean: true,
                ..Default::default()
            },
            ..SimOptions::default()
        };
        let sim = simulate(&plan, &opts).unwrap_or_else(|e| panic!("{plan}: {e}"));
        write_fit(&dir.path().join(format!("effort-{k}.fit")), &sim);
    }
    assert_cs_recovered(&season_of(dir.path()), cs, d_prime);
}

/// Write a simulated session as FIT.
fn write_fit(path: &std::path::Path, sim: &lapwise::simulate::Simulation) {
    let bytes = lapwise::simulate::encode(sim, lapwise::simulate::OutputFormat::Fit);
    std::fs::write(path, bytes).expect("write");
}

/// The season of every file in `dir`, with default options.
fn season_of(dir: &std::path::Path) -> lapwise::season::Season {
    use lapwise::season::{SeasonOptions, build_season};
    build_season(&[dir.to_path_buf()], &SeasonOptions::default(), &|_| {}).expect("season")
}

/// One run alone (a faster first mile, then steady): its 1 km, mile and 2-mile bests are
/// slices of one run, not separate maximal efforts, and they fit a line (positive D′) all the
/// same; the season has no critical speed (two runs or more are needed).
#[test]
fn one_run_alone_gives_no_critical_speed() {
    use lapwise::simulate::{SimOptions, simulate};
    let dir = tempfile::tempdir().expect("tempdir");
    let sim = simulate("1mi @ 7:00/mi; 4mi @ 8:30/mi", &SimOptions::default()).expect("simulates");
    write_fit(&dir.path().join("steady.fit"), &sim);
    let season = season_of(dir.path());
    assert_eq!(season.runs.len(), 1);
    assert!(
        season.critical_speed.is_none(),
        "{:?}",
        season.critical_speed
    );
}

/// Race predictions and training paces come from races and time trials only: a season of
/// easy runs has none; the same runner's mile time trial gives them, from that mile.
#[test]
fn predictions_come_from_races_and_time_trials_only() {
    use lapwise::simulate::{SimOptions, simulate};
    let dir = tempfile::tempdir().expect("tempdir");
    for (k, plan) in ["5mi easy", "4mi easy"].iter().enumerate() {
        let opts = SimOptions {
            seed: 40 + k as u64,
            start_local: SimOptions::default().start_local + chrono::TimeDelta::days(k as i64),
            ..SimOptions::default()
        };
        let sim = simulate(plan, &opts).expect("simulates");
        write_fit(&dir.path().join(format!("easy{k}.fit")), &sim);
    }
    let season = season_of(dir.path());
    assert_eq!(season.runs.len(), 2);
    assert!(season.predictions.is_empty(), "{:?}", season.predictions);
    assert!(season.training_paces.is_none());
    let opts = SimOptions {
        seed: 42,
        start_local: SimOptions::default().start_local + chrono::TimeDelta::days(3),
        ..SimOptions::default()
    };
    let sim = simulate(
        "2mi wu; 4 x 20s strides; mile tt @ 6:00 even; 1mi cd",
        &opts,
    )
    .expect("simulates");
    write_fit(&dir.path().join("tt.fit"), &sim);
    let season = season_of(dir.path());
    assert_eq!(season.runs.len(), 3);
    let mile = season
        .predictions
        .iter()
        .find(|p| p.race == "mile")
        .expect("a mile prediction");
    assert_eq!(mile.from_effort, "1 mile");
    assert!((340.0..380.0).contains(&mile.predicted_s), "{mile:?}");
    assert!(season.training_paces.is_some());
}

/// The season's critical speed is within 3 % of `cs` (the fit is printed with the true values).
fn assert_cs_recovered(season: &lapwise::season::Season, cs: f64, d_prime: f64) {
    let found = season.critical_speed.as_ref().expect("a critical speed");
    println!(
        "CS {:.3} m/s (true {cs}), D′ {:.0} m (true {d_prime}), r² {:.4}, from {:?}",
        found.cs_mps,
        found.d_prime_m,
        found.r2,
        found
            .efforts
            .iter()
            .map(|e| format!("{} {:.1}", e.name, e.elapsed_s))
            .collect::<Vec<_>>()
    );
    assert!(
        (found.cs_mps - cs).abs() / cs <= 0.03,
        "CS {} vs {cs}",
        found.cs_mps
    );
}

/// The simulator's critical-speed runner: a 6-week season (`simulate --season --cs 4.2
/// --d-prime 180`: mile trials in the first and last week, a 2-mile trial in week 2 and a 5 km
/// trial in week 4, on the default watch with its GPS noise) and lapwise recovers the runner's
/// critical speed within 3 % from the season's best efforts.
#[test]
fn critical_speed_runner_is_recovered_from_its_simulated_season() {
    let dir = tempfile::tempdir().expect("tempdir");
    let runs = dir.path().join("runs");
    let out = super::bin::lapwise()
        .args([
            "simulate",
            "--season",
            "2026-04-06",
            "--weeks",
            "6",
            "--seed",
            "21",
            "--cs",
            "4.2",
            "--d-prime",
            "180",
            "--out",
        ])
        .arg(&runs)
        .output()
        .expect("simulate runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_cs_recovered(&season_of(&runs), 4.2, 180.0);
}

/// Worked example of decoupling by hand: an hour at the same speed, HR 140 in the first half
/// and 150 in the second: r₁ = v/140, r₂ = v/150, decoupling = 100 × (1 − 140/150) = 6.67 %;
/// the efficiency factor is speed in m/min over the average HR (145).
#[test]
fn decoupling_worked_example() {
    use crate::score_support::{analysed, run};
    use lapwise::analysis::coach::decoupling::decoupling;
    let mut a = analysed(run(&vec![3.0; 3600], 0.0, 5, |_| 170.0));
    let n = a.activity.samples.len();
    for (i, h) in a.activity.samples.hr_bpm.iter_mut().enumerate() {
        *h = if i < n / 2 { 140.0 } else { 150.0 };
    }
    let seg = &a.analysis.segmentation;
    assert_eq!(seg.workout.kind, lapwise::segment::WorkoutType::Easy);
    let d = decoupling(&a.activity, seg, None);
    let pct = d.decoupling_pct.expect("decoupling");
    assert!((pct - 100.0 * (1.0 - 140.0 / 150.0)).abs() < 0.2, "{pct}");
    let ef = d.efficiency_factor.expect("EF");
    assert!((ef - 3.0 * 60.0 / 145.0).abs() < 0.02, "{ef}");
}

/// The same hour climbing 80 m in the first half and descending them in the second: the halves
/// are not comparable ground, so no decoupling (`hilly`), while the efficiency factor stands.
#[test]
fn decoupling_is_not_given_when_one_half_climbs_and_the_other_descends() {
    use crate::score_support::{analysed, run};
    use lapwise::analysis::coach::decoupling::{NoDecoupling, decoupling};
    let mut a = analysed(run(&vec![3.0; 3600], 0.0, 5, |_| 150.0));
    let n = a.activity.samples.len();
    for (i, alt) in a.activity.samples.altitude_m.iter_mut().enumerate() {
        let x = i as f64 / n as f64;
        *alt = 100.0 + 160.0 * x.min(1.0 - x);
    }
    let seg = &a.analysis.segmentation;
    let d = decoupling(&a.activity, seg, None);
    assert_eq!(d.why_not, Some(NoDecoupling::Hilly));
    assert!(d.decoupling_pct.is_none() && d.efficiency_factor.is_some());
}

/// Heart-rate reserve zones (Karvonen): edges at rest + 60/70/80/90 % of the reserve, the
/// zones still adding up to the moving time with HR; TRIMP without a threshold is a load with
/// no value.
#[test]
fn heart_rate_reserve_zones() {
    use lapwise::analysis::coach::HrZoneModel;
    let mut opts = options_for(Units::Metric);
    opts.thresholds = Thresholds {
        hr_zone_model: HrZoneModel::Hrr,
        max_hr_bpm: Some(190.0),
        resting_hr_bpm: Some(50.0),
        ..Thresholds::default()
    };
    let (a, _) = analyze_path(&fixture("track-6x400.fit"), &opts);
    let c = &a[0].analysis.coach;
    let z = c.zones.hr.as_ref().expect("HR zones");
    assert_eq!(z[1].low, Some(50.0 + 0.6 * 140.0));
    assert_eq!(z[4].low, Some(50.0 + 0.9 * 140.0));
    let sum: f64 = z.iter().map(|z| z.time_s).sum();
    assert!((sum - c.zones.moving_hr_s).abs() <= 1.0);
    let l = c.load.expect("TRIMP");
    assert!(
        l.value.is_none() && l.trimp.is_some_and(|t| t > 0.0),
        "{l:?}"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Whatever the run: the HR zones add up to the moving time with a heart rate, and raising
    /// every heart rate (or running longer) never lowers TRIMP.
    #[test]
    fn zones_partition_and_load_is_monotone(
        blocks in proptest::collection::vec((0.0f64..6.0, 90.0f64..200.0, 20usize..200), 1..8),
        extra in 1.0f64..20.0,
    ) {
        use crate::score_support::{analysed, run};
        let th = athlete();
        let speeds: Vec<f64> = blocks.iter().flat_map(|b| std::iter::repeat_n(b.0, b.2)).collect();
        let hrs: Vec<f64> = blocks.iter().flat_map(|b| std::iter::repeat_n(b.1, b.2)).collect();
        let mut act = run(&speeds, 0.0, 1, |_| 170.0);
        for (h, v) in act.samples.hr_bpm.iter_mut().zip(&hrs) {
            *h = *v;
        }
        let a = analysed(act);
        let moving_hr = lapwise::analysis::coach::zones::moving_hr_seconds(&a.activity);
        let z = lapwise::analysis::coach::zones::zones(&a.activity, &th, moving_hr);
        if let Some(hr) = z.hr {
            let sum: f64 = hr.iter().map(|z| z.time_s).sum();
            proptest::prop_assert!((sum - moving_hr).abs() < 1e-6, "{} vs {}", sum, moving_hr);
        }
        let base = lapwise::analysis::coach::load::trimp(&a.activity, &th);
        let mut harder = a.activity.clone();
        harder.samples.hr_bpm.iter_mut().for_each(|h| *h += extra);
        let more = lapwise::analysis::coach::load::trimp(&harder, &th);
        if let (Some(b), Some(m)) = (base, more) {
            proptest::prop_assert!(m >= b - 1e-9, "{} < {}", m, b);
        }
    }
}

/// A dated activity the season skips (a ride, with the default running season) does not
/// stretch the weeks back to it: the season begins in the week of its first run.
#[test]
fn weeks_span_the_counted_runs() {
    use lapwise::simulate::{SimOptions, simulate};
    let dir = tempfile::tempdir().expect("tempdir");
    let base = SimOptions::default().start_local;
    let ride = SimOptions {
        seed: 3,
        start_local: base - chrono::TimeDelta::days(70),
        ..SimOptions::default()
    };
    write_fit(
        &dir.path().join("ride.fit"),
        &simulate("bike 30min", &ride).expect("simulates"),
    );
    let run = SimOptions {
        seed: 4,
        ..SimOptions::default()
    };
    write_fit(
        &dir.path().join("run.fit"),
        &simulate("5mi easy", &run).expect("simulates"),
    );
    let season = season_of(dir.path());
    assert_eq!(season.runs.len(), 1);
    assert_eq!(season.weeks.len(), 1, "{:?}", season.weeks);
    assert_eq!(season.weeks[0].runs, 1);
}
