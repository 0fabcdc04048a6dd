//! The compact season summary for a terminal: totals, the weeks table, flags, personal bests,
//! best-mile progression, predictions, and the closing counts.

use std::fmt::Write;

use super::Season;
use crate::report::Units;
use crate::report::units::{clock, clock_tenths};
use crate::segment::WorkoutType;

/// Most weeks listed in the terminal table (the latest ones; weeks.csv has them all).
pub const MAX_WEEKS_SHOWN: usize = 26;

/// One- or two-letter code of a workout type in the weeks table.
fn mix_code(kind: WorkoutType) -> &'static str {
    match kind {
        WorkoutType::Easy => "E",
        WorkoutType::Recovery => "R",
        WorkoutType::Long => "L",
        WorkoutType::Intervals => "I",
        WorkoutType::Strides => "S",
        WorkoutType::Hills => "H",
        WorkoutType::Tempo => "T",
        WorkoutType::TimeTrial => "TT",
        WorkoutType::CrossTraining => "X",
        WorkoutType::Race => "RC",
        WorkoutType::Progression => "P",
        WorkoutType::Fartlek => "F",
        WorkoutType::RunWalk => "RW",
        WorkoutType::Other => "O",
    }
}

fn short(units: Units, m: f64) -> String {
    format!("{:.1} {}", m / units.unit_m(), units.distance_label())
}

/// The season summary (ends with a newline).
pub fn render(season: &Season, units: Units) -> String {
    let mut o = String::new();
    let t = &season.totals;
    let span = match (season.weeks.first(), season.weeks.last()) {
        (Some(a), Some(b)) => format!(
            "{} weeks ({} to the week of {})",
            season.weeks.len(),
            a.week_start,
            b.week_start
        ),
        _ => "no weeks".to_string(),
    };
    let sport = season.sport.as_deref().unwrap_or("all sports");
    let _ = writeln!(
        o,
        "Season ({sport}): {span} · {} runs · {} · {} moving",
        t.analysed,
        short(units, t.distance_m),
        clock(t.moving_s)
    );
    if !season.weeks.is_empty() {
        let _ = writeln!(
            o,
            "\n{:<11} {:>4} {:>10} {:>9} {:>7} {:>4} {:>17}  mix",
            "week", "runs", "distance", "moving", "change", "rest", "long run (share)"
        );
    }
    let hidden = season.weeks.len().saturating_sub(MAX_WEEKS_SHOWN);
    if hidden > 0 {
        let _ = writeln!(
            o,
            "({hidden} earlier weeks not shown; every week is in weeks.csv)"
        );
    }
    let mut empty_run = 0usize;
    for w in season.weeks.iter().skip(hidden) {
        if w.runs == 0 {
            empty_run += 1;
            continue;
        }
        if empty_run > 0 {
            let _ = writeln!(
                o,
                "{:<11} ({empty_run} week{} without running)",
                "…",
                if empty_run == 1 { "" } else { "s" }
            );
            empty_run = 0;
        }
        let change = w
            .change_pct
            .map_or("–".to_string(), |c| format!("{c:+.0} %"));
        let change = if w.over_10pct {
            format!("{change}!")
        } else {
            change
        };
        let long = match (w.long_run_m, w.long_run_share_pct) {
            (Some(l), Some(s)) => format!("{} ({s:.0} %)", short(units, l)),
            _ => "–".to_string(),
        };
        let mix: Vec<String> = w
            .mix
            .iter()
            .filter(|m| m.1 > 0)
            .map(|m| format!("{}{}", m.1, mix_code(m.0)))
            .collect();
        let rest = if w.partial {
            format!("{}/{}", w.rest_days, w.days_counted)
        } else {
            w.rest_days.to_string()
        };
        let _ = writeln!(
            o,
            "{:<11} {:>4} {:>10} {:>9} {:>7} {:>4} {:>17}  {}",
            w.week_start,
            w.runs,
            short(units, w.distance_m),
            clock(w.moving_s),
            change,
            rest,
            long,
            mix.join(" ")
        );
    }
    if empty_run > 0 {
        let _ = writeln!(o, "{:<11} ({empty_run} weeks without running)", "…");
    }
    if !season.weeks.is_empty() {
        let _ = writeln!(
            o,
            "mix: E easy, R recovery, L long, I intervals, S strides, H hills, T tempo, TT time trial, \
             RC race, P progression, F fartlek, RW run/walk, O other; \
             ! over the 10 % guideline; rest a/b = a rest days of b days with data"
        );
    }
    if !season.flags.is_empty() {
        let _ = writeln!(o, "\nFlags (guidelines, not laws):");
        for f in &season.flags {
            let _ = writeln!(
                o,
                "  week {} ({}): {}",
                f.week,
                f.week_start,
                f.issues.join(", ")
            );
        }
    }
    if !season.personal_bests.is_empty() {
        let _ = writeln!(o, "\nPersonal bests:");
        for pb in &season.personal_bests {
            let _ = writeln!(
                o,
                "  {:<14} {:>9}  {}  {}",
                pb.name,
                clock_tenths(pb.elapsed_s),
                pb.date,
                pb.source
            );
        }
    }
    let bests: Vec<String> = season
        .best_mile_progression
        .iter()
        .filter(|p| p.new_best)
        .map(|p| format!("{} ({})", clock(p.season_best_s), p.date))
        .collect();
    if !bests.is_empty() {
        let _ = writeln!(o, "\nBest-mile progression: {}", bests.join(" → "));
    }
    if !season.predictions.is_empty() {
        let preds: Vec<String> = season
            .predictions
            .iter()
            .map(|p| {
                format!(
                    "{} {} (from {} {})",
                    p.race,
                    clock(p.predicted_s),
                    p.from_effort,
                    p.from_date
                )
            })
            .collect();
        let _ = writeln!(
            o,
            "Predictions (Riegel, best efforts of the races and time trials of the last {} days): {}",
            super::records::RECENT_DAYS,
            preds.join(" · ")
        );
    }
    if season.predictions.is_empty() && !season.runs.is_empty() {
        let _ = writeln!(
            o,
            "Predictions and training paces: none (no race or time trial in the last {} days: \
             a training run's fastest mile is not race pace; a mile time trial sets them)",
            super::records::RECENT_DAYS
        );
    }
    if let Some(cs) = &season.critical_speed {
        let preds: Vec<String> = cs
            .predictions
            .iter()
            .map(|p| format!("{} {}", p.race, clock(p.predicted_s)))
            .collect();
        let _ = writeln!(
            o,
            "Critical speed {} · D′ {:.0} m (from {} best efforts of 3–20 min, r² {:.3}): {}",
            units.pace(cs.cs_mps),
            cs.d_prime_m,
            cs.efforts.len(),
            cs.r2,
            preds.join(" · ")
        );
    }
    let pr = &season.profile;
    let show = |v: &crate::analysis::coach::Sourced, f: &dyn Fn(f64) -> String| {
        let src = match v.source {
            crate::analysis::coach::Source::Given => "given",
            crate::analysis::coach::Source::Estimated => "estimated",
            crate::analysis::coach::Source::Missing => "missing",
        };
        v.value
            .map_or(format!("– ({src})"), |x| format!("{} ({src})", f(x)))
    };
    let bpm = |x: f64| format!("{x:.0}");
    let pace = |x: f64| units.pace(x);
    let _ = writeln!(
        o,
        "Thresholds: max HR {} · threshold HR {} · threshold pace {} · resting HR {}",
        show(&pr.max_hr_bpm, &bpm),
        show(&pr.threshold_hr_bpm, &bpm),
        show(&pr.threshold_pace_mps, &pace),
        show(&pr.resting_hr_bpm, &bpm)
    );
    if let Some(tp) = &season.training_paces {
        let ranges: Vec<String> = tp
            .paces
            .iter()
            .map(|p| {
                let name = p.workout.replace('_', " ");
                if (p.high_mps - p.low_mps).abs() < 1e-9 {
                    format!("{name} {}", units.pace_bare(p.high_mps))
                } else {
                    format!(
                        "{name} {}–{}",
                        units.pace_bare(p.low_mps),
                        units.pace_bare(p.high_mps)
                    )
                }
            })
            .collect();
        let _ = writeln!(
            o,
            "Training paces (VDOT {:.1}, per {}): {}",
            tp.vdot,
            units.distance_label(),
            ranges.join(" · ")
        );
    }
    if let Some(d) = season.days.last() {
        let _ = writeln!(
            o,
            "Fitness {:.0} · fatigue {:.0} · form {:+.0} (CTL 42 d, ATL 7 d, on {})",
            d.ctl, d.atl, d.tsb, d.date
        );
    }
    let reasons = skipped_reasons(season);
    let _ = writeln!(
        o,
        "\n{} analysed · {} skipped{} · {} duplicates · {} failed{}{}",
        t.analysed,
        t.skipped,
        if reasons.is_empty() {
            String::new()
        } else {
            format!(" ({reasons})")
        },
        t.duplicates,
        t.failed,
        match failed_reasons(season) {
            r if r.is_empty() => String::new(),
            r => format!(" ({r}; each listed on stderr and in failures.csv)"),
        },
        if t.outside_range > 0 {
            format!(" · {} outside the dates", t.outside_range)
        } else {
            String::new()
        }
    );
    o
}

/// Most failure reasons named in the summary line; the rest are counted as `other`.
const MAX_FAILURE_REASONS: usize = 4;

/// `4 not an activity, 2 empty file, 1 compression ratio`: failures grouped by the part of
/// their message before any `:` or `(`, most frequent first.
fn failed_reasons(season: &Season) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for f in &season.failures {
        let key = f
            .message
            .split([':', '('])
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        match counts.iter_mut().find(|c| c.0 == key) {
            Some(c) => c.1 += 1,
            None => counts.push((key, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let other: usize = counts.iter().skip(MAX_FAILURE_REASONS).map(|c| c.1).sum();
    let mut parts: Vec<String> = counts
        .iter()
        .take(MAX_FAILURE_REASONS)
        .map(|(r, n)| format!("{n} {r}"))
        .collect();
    if other > 0 {
        parts.push(format!("{other} other"));
    }
    parts.join(", ")
}

/// `12 not running, 1 no start time`.
fn skipped_reasons(season: &Season) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for s in season
        .skipped
        .iter()
        .filter(|s| !s.reason.starts_with("duplicate of"))
    {
        let key = if s.reason.starts_with("no start time") {
            "no start time".to_string()
        } else {
            s.reason.clone()
        };
        match counts.iter_mut().find(|c| c.0 == key) {
            Some(c) => c.1 += 1,
            None => counts.push((key, 1)),
        }
    }
    counts
        .iter()
        .map(|(r, n)| format!("{n} {r}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The squad table of `season --athletes`: one line per athlete (ends with a newline).
pub fn render_squad(rows: &[super::squad::SquadRow], units: Units) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Squad: {} athlete{}\n",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    );
    let _ = writeln!(
        o,
        "{:<20} {:>5} {:>10} {:>10} {:>6} {:>11} {:>12} {:>9} {:>6} {:>6}",
        "athlete",
        "runs",
        "distance",
        "moving",
        "weeks",
        "avg/week",
        "last week",
        "best mile",
        "flags",
        "failed"
    );
    for r in rows {
        let last = match (&r.last_week_start, r.last_week_distance_m) {
            (Some(_), Some(d)) => short(units, d),
            _ => "–".to_string(),
        };
        let _ = writeln!(
            o,
            "{:<20} {:>5} {:>10} {:>10} {:>6} {:>11} {:>12} {:>9} {:>6} {:>6}",
            r.athlete_id,
            r.runs,
            short(units, r.distance_m),
            clock(r.moving_s),
            r.weeks,
            r.avg_week_distance_m
                .map_or("–".to_string(), |d| short(units, d)),
            last,
            r.best_mile_s.map_or("–".to_string(), clock),
            r.flagged_weeks,
            r.failed
        );
    }
    o
}
