//! Terminal rendering of what segmentation found: workout type, structure line, best efforts,
//! best mile.

use std::fmt::Write;

use super::units::{Units, clock, clock_tenths};
use crate::segment::lap_evidence::StructureSource;
use crate::segment::mile::LapConvention;
use crate::segment::{IntervalSet, Intervals, SegmentKind, Segmentation};

/// Append the workout, structure, mile and best-effort sections (`summary`: the headline, whose
/// numbers a steady run's workout line repeats).
pub fn render(
    out: &mut String,
    seg: &Segmentation,
    summary: &crate::analysis::Summary,
    units: Units,
) {
    render_workout(out, seg, summary, units);
    render_best_efforts(out, seg, units);
}

/// Append the workout, structure and mile lines.
pub fn render_workout(
    out: &mut String,
    seg: &Segmentation,
    summary: &crate::analysis::Summary,
    units: Units,
) {
    // The reason starts with the type's name (`intervals: 6 reps ...`, for JSON); the line
    // names the type once.
    let reason = super::workout::reason_with_totals(&seg.workout, summary, units);
    let kind = seg.workout.kind.as_str();
    let why = reason
        .strip_prefix(kind)
        .and_then(|r| r.strip_prefix(": "))
        .unwrap_or(&reason);
    let _ = writeln!(out, "\n  Workout    {} — {why}", kind.replace('_', " "),);
    let line = structure_line(seg, units);
    if !line.is_empty() {
        let _ = writeln!(out, "  Structure  {line}");
    }
    if let Some(iv) = &seg.intervals
        && let Some(n) = iv.speed_stream_reps
    {
        let _ = writeln!(
            out,
            "             (the laps mark {} reps; the speed stream alone reads {n}: the laps are kept)",
            iv.reps.len()
        );
    }
    if let Some(m) = seg.mile_effort.as_ref().or(seg.best_mile.as_ref()) {
        let title = if m.time_trial {
            "Mile effort "
        } else {
            "Best mile  "
        };
        let laps: Vec<String> = m.laps_s.iter().map(|&l| clock_tenths(l)).collect();
        let how = match (m.laps_from_device, m.lap_convention) {
            (true, _) => "the watch's laps",
            (false, LapConvention::TrackFinishLine) => "laps at the finish line, 409/400/400/400 m",
            (false, LapConvention::Quarters) => "quarters",
        };
        let from = if m.from_standing_start {
            " from the standing start"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {title}{}{from} ({how}: {})",
            clock_tenths(m.elapsed_s),
            laps.join(" · ")
        );
        if m.time_trial {
            let pieces: Vec<String> = m
                .last_lap_100m_s
                .iter()
                .map(|&p| format!("{p:.1}"))
                .collect();
            let _ = writeln!(
                out,
                "             last lap by 100 m: {} s",
                pieces.join(" · ")
            );
        }
    }
}

/// One best effort as cells: name, elapsed time, pace (bare), start on the run's clock, and
/// its flags (the stopped time it includes; the short-GPS flag).
pub fn best_effort_cells(e: &crate::segment::BestEffort, units: Units) -> [String; 5] {
    [
        e.name.to_string(),
        clock_tenths(e.elapsed_s),
        units.pace_bare(e.distance_m / e.elapsed_s.max(1e-9)),
        clock(e.start_s),
        [
            (e.stopped_s > 0.0).then(|| format!("includes {} stopped", clock(e.stopped_s))),
            e.gps_short.then(|| "GPS distance looks short".to_string()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("; "),
    ]
}

/// Append the best-efforts table.
fn render_best_efforts(out: &mut String, seg: &Segmentation, units: Units) {
    if !seg.best_efforts.is_empty() {
        let _ = writeln!(out, "\n  Best efforts (elapsed time)");
        for e in &seg.best_efforts {
            let [name, time, pace, at, short] = best_effort_cells(e, units);
            let flag = if short.is_empty() {
                String::new()
            } else {
                format!("  ({short})")
            };
            let _ = writeln!(
                out,
                "  {name:>14}  {time:>9}  {pace:>6} /{}  at {at}{flag}",
                units.distance_label(),
            );
        }
    }
}

/// `warm-up 2.0 mi · 6 × 400 m (avg 1:29.4, …) with 2:00 jog · 4 × strides · cool-down 1.1 mi`
pub fn structure_line(seg: &Segmentation, units: Units) -> String {
    let mut parts = Vec::new();
    let dist = |m: f64| format!("{:.1} {}", m / units.unit_m(), units.distance_label());
    // A warm-up or cool-down that would print as 0.0 is not worth a word.
    let bookend = |kind: SegmentKind, name: &str| {
        let mut found = seg.segments.iter().filter(|s| s.kind == kind);
        let part = if kind == SegmentKind::Cooldown {
            found.next_back()
        } else {
            found.next()
        };
        part.filter(|p| p.distance_m >= 0.05 * units.unit_m())
            .map(|p| format!("{name} {}{}", dist(p.distance_m), extras(seg, p, units)))
    };
    parts.extend(bookend(SegmentKind::Warmup, "warm-up"));
    if let Some(iv) = &seg.intervals {
        for set in &iv.sets {
            parts.push(set_line(set, iv));
        }
    }
    if !seg.tempo.is_empty() {
        for t in &seg.tempo {
            parts.push(format!(
                "tempo {} in {} ({})",
                dist(t.distance_m),
                clock(t.elapsed_s),
                units.pace(t.avg_speed_mps)
            ));
        }
    }
    if !seg.hills.is_empty() {
        let avg_s = seg.hills.iter().map(|h| h.elapsed_s).sum::<f64>() / seg.hills.len() as f64;
        let grade = seg.hills.iter().map(|h| h.grade).sum::<f64>() / seg.hills.len() as f64;
        parts.push(format!(
            "{} × hill ({:.0} s at {:.0} %)",
            seg.hills.len(),
            avg_s,
            grade * 100.0
        ));
    }
    if !seg.strides.is_empty() {
        parts.push(format!("{} × strides", seg.strides.len()));
    }
    parts.extend(bookend(SegmentKind::Cooldown, "cool-down"));
    parts.join(" · ")
}

/// The extra efforts inside a warm-up or cool-down `part`, as ` (incl. 8:18 at 4:13 /km)`;
/// empty when it holds none.
fn extras(seg: &Segmentation, part: &crate::segment::Segment, units: Units) -> String {
    let inside: Vec<String> = seg
        .extra_efforts
        .iter()
        .filter(|e| e.start_s >= part.start_s && e.end_s <= part.end_s)
        .map(|e| format!("{} at {}", clock(e.elapsed_s), units.pace(e.avg_speed_mps)))
        .collect();
    if inside.is_empty() {
        String::new()
    } else {
        format!(" (incl. {})", inside.join(", "))
    }
}

/// One set: `6 × 400 m (avg 1:29.5, fastest 1:28.0, slowest 1:31.0) with 2:00 jog` for
/// distance reps (time per rep), `5 × 3:00 (avg 812 m, farthest 830 m, shortest 790 m) with
/// 1:30 jog` for time-based reps (distance per rep).
fn set_line(set: &IntervalSet, iv: &Intervals) -> String {
    let reps = iv
        .reps
        .get(set.first_rep..set.first_rep + set.reps)
        .unwrap_or_default();
    let rest = match (set.mean_rest_s, set.rest_kind) {
        (Some(r), Some(k)) => format!(" with {} {}", clock(r), k.as_str()),
        _ => String::new(),
    };
    let range = |v: Vec<f64>| {
        let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = v.iter().copied().fold(0.0, f64::max);
        (lo, hi)
    };
    if let (None, Some(t)) = (set.rep_distance_m, set.rep_duration_s) {
        let (lo, hi) = range(reps.iter().map(|r| r.distance_m).collect());
        return format!(
            "{} × {} (avg {:.0} m, farthest {hi:.0} m, shortest {lo:.0} m){rest}",
            set.reps,
            clock(t),
            set.mean_distance_m
        );
    }
    let what = match set.rep_distance_m {
        Some(d) => super::units::rep_distance_label(d),
        None => format!("~{:.0} m", set.mean_distance_m),
    };
    // Reps read off the speed stream are not run over a marked distance: their "1000 m" is a
    // rounded label, so the times of reps of different lengths are not compared.
    if iv.source == StructureSource::Speed && set.rep_distance_m.is_some() {
        return format!(
            "{} × ~{what} (avg {:.0} m in {}){rest}",
            set.reps,
            set.mean_distance_m,
            clock_tenths(set.mean_elapsed_s)
        );
    }
    let (fastest, slowest) = range(reps.iter().map(|r| r.elapsed_s).collect());
    format!(
        "{} × {what} (avg {}, fastest {}, slowest {}){rest}",
        set.reps,
        clock_tenths(set.mean_elapsed_s),
        clock_tenths(fastest),
        clock_tenths(slowest)
    )
}
