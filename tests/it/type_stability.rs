//! Real files recorded another way: the workout type of the labelled corpus files under changes
//! a different watch, app or export would make — smart recording (a sample every 2 or 4 s), no
//! heart-rate strap, no laps, no speed channel (as in a GPX), no altitude. A rule that holds on
//! the file as recorded but flips when a channel goes is tuned to the file, not to the session;
//! this is the nearest the corpus comes to files the project has never seen.
//!
//! High- and medium-confidence rows whose type lapwise reads right count; a reading is unchanged
//! when its type and its number of interval reps are. Thinning, heart rate and laps must change
//! no reading; without speed or altitude the figures are printed, written in
//! docs/accuracy.md and held to their measured floors (a run without altitude cannot tell a
//! downhill surge from a stride, nor a hill from a change of pace).
//! `LAPWISE_STABILITY_DUMP=<part of the source>#<perturbation>` prints that reading's report.

use crate::common_corpus;
use crate::tally::Tally;
use lapwise::ingest::read_bytes;
use lapwise::model::Activity;
use lapwise::pipeline::{analyze_one, options_for};
use lapwise::report::Units;
use lapwise::segment::WorkoutType;

/// One change: its name and what it does to the activity as read.
type Perturbation = (&'static str, fn(&Activity) -> Activity);

/// The changes tried.
const PERTURBATIONS: [Perturbation; 8] = [
    ("thin2", |a| thin(a, 2)),
    ("thin4", |a| thin(a, 4)),
    ("nohr", |a| {
        let mut a = a.clone();
        a.samples.hr_bpm.iter_mut().for_each(|v| *v = f64::NAN);
        a
    }),
    ("nolaps", |a| {
        let mut a = a.clone();
        a.laps.clear();
        a
    }),
    ("nospeed", |a| {
        let mut a = a.clone();
        a.samples.speed_mps.iter_mut().for_each(|v| *v = f64::NAN);
        a.meta.speed_recorded = false;
        a
    }),
    ("noalt", |a| {
        let mut a = a.clone();
        a.samples.altitude_m.iter_mut().for_each(|v| *v = f64::NAN);
        a
    }),
    ("gpx", |a| {
        let mut a = a.clone();
        if !a.samples.lat_deg.iter().any(|x| x.is_finite()) {
            return a;
        }
        a.samples.speed_mps.iter_mut().for_each(|v| *v = f64::NAN);
        a.samples.distance_m.iter_mut().for_each(|v| *v = f64::NAN);
        a.meta.speed_recorded = false;
        a.meta.format = lapwise::model::SourceFormat::Gpx;
        a.laps.clear();
        a.device = None;
        a
    }),
    ("thin2odd", |a| {
        let mut b = a.clone();
        let drop_first = |v: &mut Vec<f64>| {
            if !v.is_empty() {
                v.remove(0);
            }
        };
        let s = &mut b.samples;
        for c in [
            &mut s.time_s,
            &mut s.distance_m,
            &mut s.speed_mps,
            &mut s.lat_deg,
            &mut s.lon_deg,
            &mut s.altitude_m,
            &mut s.hr_bpm,
            &mut s.cadence,
            &mut s.power_w,
            &mut s.temperature_c,
        ] {
            drop_first(c);
        }
        if !s.timer_running.is_empty() {
            s.timer_running.remove(0);
            s.moving.remove(0);
        }
        for (_, c) in &mut s.extra {
            drop_first(c);
        }
        thin(&b, 2)
    }),
];

/// Perturbations that must change no type (the others are measured).
const MUST_HOLD: [&str; 4] = ["thin2", "thin4", "nohr", "nolaps"];

/// The type lapwise reads and its number of interval reps, `None` when the activity fails.
fn kind(act: Activity, tag: &str) -> Option<(WorkoutType, usize)> {
    let dump = std::env::var("LAPWISE_STABILITY_DUMP").ok();
    let a = analyze_one(act, &options_for(Units::Metric)).ok()?;
    if dump.is_some_and(|d| tag.contains(&d)) {
        println!(
            "{tag}\n{}",
            lapwise::report::terminal::render(&a, Units::Metric)
        );
    }
    let seg = &a.analysis.segmentation;
    Some((
        seg.workout.kind,
        seg.intervals.as_ref().map_or(0, |iv| iv.reps.len()),
    ))
}

/// Keep every `every`-th sample (smart recording; laps and pauses stay).
fn thin(act: &Activity, every: usize) -> Activity {
    let mut a = act.clone();
    let keep = |i: usize| i.is_multiple_of(every);
    fn pick<T: Clone>(v: &mut Vec<T>, keep: impl Fn(usize) -> bool) {
        *v = v
            .iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, x)| x.clone())
            .collect();
    }
    let s = &mut a.samples;
    pick(&mut s.time_s, keep);
    pick(&mut s.timer_running, keep);
    pick(&mut s.moving, keep);
    for c in [
        &mut s.distance_m,
        &mut s.speed_mps,
        &mut s.lat_deg,
        &mut s.lon_deg,
        &mut s.altitude_m,
        &mut s.hr_bpm,
        &mut s.cadence,
        &mut s.power_w,
        &mut s.temperature_c,
    ] {
        pick(c, keep);
    }
    for (_, c) in &mut s.extra {
        pick(c, keep);
    }
    a
}

#[test]
fn workout_type_holds_when_the_file_is_recorded_another_way() {
    let Some(dir) = common_corpus::corpus_dir() else {
        return;
    };
    let text = std::fs::read_to_string(dir.join("LABELS.tsv")).expect("LABELS.tsv readable");
    let mut tallies: Vec<(&str, Tally)> = PERTURBATIONS
        .iter()
        .map(|(n, _)| (*n, Tally::default()))
        .collect();
    let mut changed = Vec::new();
    for line in text.lines().skip(1) {
        let c: Vec<&str> = line.split('\t').collect();
        let (Some(file), Some(label), Some(conf)) = (c.first(), c.get(1), c.get(2)) else {
            continue;
        };
        if !matches!(conf.trim(), "high" | "medium") {
            continue;
        }
        let Ok(bytes) = std::fs::read(dir.join(file)) else {
            continue;
        };
        let Ok(acts) = read_bytes(&bytes, file) else {
            continue;
        };
        // A file of several activities is labelled by its main one: the first.
        let Some(act) = acts.into_iter().next() else {
            continue;
        };
        let Some(base) = kind(act.clone(), &format!("{file}#base")) else {
            continue;
        };
        if base.0.as_str() != label.trim() {
            continue;
        }
        for ((name, perturb), (_, tally)) in PERTURBATIONS.iter().zip(tallies.iter_mut()) {
            let got = kind(perturb(&act), &format!("{file}#{name}"));
            tally.add(got == Some(base));
            if got != Some(base) {
                changed.push(format!(
                    "  {file} {name}: {} ({} reps) → {}",
                    base.0.as_str(),
                    base.1,
                    got.map_or("failed".into(), |k| format!(
                        "{} ({} reps)",
                        k.0.as_str(),
                        k.1
                    ))
                ));
            }
        }
    }
    for (name, t) in &tallies {
        println!("type and reps unchanged, {name}: {}", t.show());
    }
    for c in &changed {
        println!("{c}");
    }
    for (name, t) in &tallies {
        let floor = match *name {
            n if MUST_HOLD.contains(&n) => 1.0,
            _ => 0.9,
        };
        assert!(
            t.rate() >= floor,
            "{name}: {}\n{}",
            t.show(),
            changed.join("\n")
        );
    }
}
