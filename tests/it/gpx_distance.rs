//! Issue 13's GPX distance: a GPX file carries positions only, so lapwise measures the
//! distance from them. On simulated GPX runs (GPS noise and dropouts, standing rests, smart
//! recording, road, track, trail and hills) the distance is compared with the true distance and
//! the best mile with the true best mile. The figures are printed and written in
//! docs/accuracy.md; the floors below are the measured figures less a margin.

use crate::pick::Pick;
use crate::tally::Tally;
use lapwise::analysis::summarize;
use lapwise::clean::{CleanConfig, clean};
use lapwise::ingest::read_bytes;
use lapwise::segment::{SegmentConfig, segment};
use lapwise::simulate::plan::Venue;
use lapwise::simulate::{OutputFormat, SimOptions, encode, simulate};

const SESSIONS: usize = 120;

/// A plan and its venue, drawn from `p`: steady runs, reps with standing or jogged rests, a
/// tempo, a track session, hill reps and trail runs.
fn plan(p: &mut Pick) -> (String, Venue) {
    let wu = format!("{}mi wu", p.of(&["1", "1.5", "2"]));
    let cd = format!("{}mi cd", p.of(&["1", "1.5"]));
    match p.range(0, 6) {
        0 => (format!("{}mi easy", p.range(3, 8)), Venue::Road),
        1 => (
            format!(
                "{wu}; {} x 1mi @ {} rest {} {}; {cd}",
                p.range(3, 5),
                p.of(&["10k", "5k", "tempo"]),
                p.of(&["2:00", "90s", "3:00"]),
                p.of(&["stand", "jog", "walk"])
            ),
            Venue::Road,
        ),
        2 => (
            format!(
                "{wu}; {} x {}m @ 5k rest {} {}; {cd}",
                p.range(5, 10),
                p.of(&[400, 600, 800, 1000]),
                p.of(&["60s", "90s", "2:00"]),
                p.of(&["stand", "jog"])
            ),
            Venue::Track,
        ),
        3 => (
            format!("{wu}; {}min tempo; {cd}", p.of(&[15, 20, 25])),
            Venue::Road,
        ),
        4 => (
            format!("{wu}; {} x 60s hill rest jog; {cd}", p.range(5, 8)),
            Venue::Hills,
        ),
        5 => (format!("{}mi easy", p.range(4, 8)), Venue::Trail),
        _ => (format!("{}mi long", p.range(9, 12)), Venue::Road),
    }
}

#[test]
fn gpx_distance_and_best_mile_hold_up() {
    let mut p = Pick(4242);
    let (mut dist, mut mile) = (Tally::default(), Tally::default());
    let mut errs = Vec::new();
    let mut worst = Vec::new();
    for k in 0..SESSIONS {
        let (text, venue) = plan(&mut p);
        let smart = p.next().is_multiple_of(3);
        let opts = SimOptions {
            seed: 9100 + k as u64,
            venue: Some(venue),
            smart: Some(smart),
            ..SimOptions::default()
        };
        let sim = simulate(&text, &opts).unwrap_or_else(|e| panic!("{text}: {e}"));
        let mut act = read_bytes(&encode(&sim, OutputFormat::Gpx), "sim.gpx")
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .remove(0);
        clean(&mut act, &CleanConfig::default());
        let truth_d = sim.truth.totals.true_distance_m;
        let d = summarize(&act).distance_m.expect("a GPX distance");
        let off = (d - truth_d) / truth_d;
        errs.push(off.abs());
        dist.add(off.abs() <= 0.01);
        let true_mile = sim
            .truth
            .best_efforts
            .efforts
            .iter()
            .find(|e| e.name == "1 mile")
            .map(|e| e.elapsed_s);
        let seg = segment(&act, &SegmentConfig::default());
        let found = seg
            .best_efforts
            .iter()
            .find(|e| e.name == "1 mile")
            .map(|e| e.elapsed_s);
        if let Some(tm) = true_mile {
            let ok = found.is_some_and(|f| (f - tm).abs() <= 0.01 * tm);
            mile.add(ok);
            if !ok || off.abs() > 0.01 {
                worst.push(format!(
                    "{k} [{text}] {venue:?} smart {smart}: distance {:+.2} %, best mile {} vs {tm:.1} s",
                    off * 100.0,
                    found.map_or("none".into(), |f| format!("{f:.1}"))
                ));
            }
        }
    }
    errs.sort_by(f64::total_cmp);
    println!(
        "simulated GPX: distance within 1 % of the truth {} (median |err| {:.2} %, p95 {:.2} %); best mile within 1 % {}",
        dist.show(),
        errs[errs.len() / 2] * 100.0,
        errs[(errs.len() as f64 * 0.95) as usize] * 100.0,
        mile.show()
    );
    for w in &worst {
        println!("  {w}");
    }
    // Measured 84/120 = 70.0 % and 99/120 = 82.5 %; issue 13's bars (98 %, 95 %) are not met:
    // trail noise adds length, hill-rep turnarounds lose it, standing rests gather GPS wander
    // (docs/accuracy.md).
    assert!(dist.rate() >= 0.65, "distance {}", dist.show());
    assert!(mile.rate() >= 0.78, "best mile {}", mile.show());
}
