//! The human-readable summary printed by `lapwise analyze`.

use std::fmt::Write;

use super::units::{Units, clock, utc_offset};
use super::{Analysed, Failure, tables};
use crate::analysis::LapReport;
use crate::segment::Split;

/// The summary lines (distance and times, pace, heart rate, cadence, the watch note, power,
/// elevation, pauses) as the terminal prints them.
pub fn summary_text(item: &Analysed, units: Units) -> String {
    let mut out = String::new();
    summary(&mut out, item, units);
    out
}

/// The workout, structure and mile lines, scores and the coach's lines as the terminal prints
/// them (best efforts left out: [`crate::report::structure`] has them as data).
pub fn analysis_text(item: &Analysed, units: Units) -> String {
    let mut out = String::new();
    super::structure::render_workout(
        &mut out,
        &item.analysis.segmentation,
        &item.analysis.summary,
        units,
    );
    super::scores::render(&mut out, &item.analysis.scores, units);
    super::coach::render(&mut out, &item.analysis.coach, units);
    out
}

/// Render one analysed activity as text (no trailing blank line).
pub fn render(item: &Analysed, units: Units) -> String {
    let mut out = String::new();
    header(&mut out, item);
    summary(&mut out, item, units);
    laps(
        &mut out,
        &item.analysis.laps,
        item.activity.meta.sport,
        units,
    );
    splits(&mut out, &item.analysis.segmentation.splits, units);
    super::structure::render(
        &mut out,
        &item.analysis.segmentation,
        &item.analysis.summary,
        units,
    );
    super::scores::render(&mut out, &item.analysis.scores, units);
    super::coach::render(&mut out, &item.analysis.coach, units);
    for w in &item.activity.warnings {
        let _ = writeln!(out, "  note: {w}");
    }
    out
}

/// One line per failed input: `error: <source>: <message>`.
pub fn render_failure(f: &Failure) -> String {
    format!("error: {}: {}", f.source, f.message)
}

fn header(out: &mut String, item: &Analysed) {
    let m = &item.activity.meta;
    let mut sport = m.sport.as_str().to_string();
    if let Some(sub) = &m.sub_sport {
        let _ = write!(sport, " ({})", sub.replace('_', " "));
    }
    let device = m
        .device
        .as_deref()
        .map(|d| format!(" · {d}"))
        .unwrap_or_default();
    let name = m
        .name
        .as_deref()
        .map(|n| format!(" · \"{n}\""))
        .unwrap_or_default();
    let _ = writeln!(out, "{} — {sport}{device}{name}", m.source);
    if let Some(start) = m.start_utc {
        let line = match m.local_offset_s {
            Some(off) => {
                let local = start + chrono::TimeDelta::seconds(off as i64);
                format!(
                    "{} ({})",
                    local.format("%a %Y-%m-%d %H:%M:%S"),
                    utc_offset(off)
                )
            }
            None => format!(
                "{} UTC (local offset not in file)",
                start.format("%a %Y-%m-%d %H:%M:%S")
            ),
        };
        let _ = writeln!(out, "  Start      {line}");
    }
}

fn summary(out: &mut String, item: &Analysed, units: Units) {
    let s = &item.analysis.summary;
    let dist = s.distance_m.map_or("–".to_string(), |d| units.distance(d));
    let _ = writeln!(
        out,
        "  Distance   {dist}   Elapsed {}   Timer {}   Moving {}",
        clock(s.elapsed_s),
        clock(s.timer_s),
        clock(s.moving_s)
    );
    if let Some(v) = s.avg_speed_mps {
        // Grade-adjusted pace only where the ground made a difference (1 % or more).
        let gap = s
            .avg_gap_mps
            .filter(|g| (g - v).abs() >= 0.01 * v)
            .map_or(String::new(), |g| {
                format!(" · {} grade-adjusted", units.pace(g))
            });
        let over = if s.pace_over_timer {
            "avg over the watch's timer (records cover part of its distance)"
        } else {
            "avg moving"
        };
        let _ = writeln!(
            out,
            "  Pace       {} {over} ({}){gap}",
            units.pace(v),
            units.speed(v)
        );
    }
    if let Some(hr) = s.avg_hr_bpm {
        let max = s
            .max_hr_bpm
            .map_or(String::new(), |m| format!("   max {m:.0}"));
        let _ = writeln!(out, "  Heart rate avg {hr:.0}{max} bpm");
    }
    if let Some(c) = s.avg_cadence_spm {
        let unit = if item.activity.meta.sport.is_on_foot() {
            "steps/min"
        } else {
            "rpm"
        };
        // The header's average is the watch's own where the file has one, else lapwise's timer
        // average (zeros included); when the running-only average of the cadence score differs,
        // name both so they are not confused. "The watch's" only when it is.
        let watch = item
            .activity
            .device
            .as_ref()
            .and_then(|d| d.avg_cadence_spm)
            .is_some_and(|w| (w - c).abs() < 1e-9);
        let whose = if watch {
            "(the watch's average)"
        } else {
            "on the timer"
        };
        let running = item.analysis.scores.cadence.as_ref().map(|r| r.avg_spm);
        match running {
            Some(r) if r.round() != c.round() => {
                let _ = writeln!(
                    out,
                    "  Cadence    {c:.0} {unit} {whose} · {r:.0} while running"
                );
            }
            _ => {
                let _ = writeln!(out, "  Cadence    {c:.0} {unit}");
            }
        }
    }
    if let Some(note) = recomputed_note(item, units) {
        let _ = writeln!(out, "  {note}");
    }
    if let Some(p) = s.avg_power_w {
        let _ = writeln!(out, "  Power      {p:.0} W");
    }
    if let (Some(up), Some(down)) = (s.ascent_m, s.descent_m) {
        let _ = writeln!(
            out,
            "  Elevation  +{} / -{}",
            units.elevation(up),
            units.elevation(down)
        );
    }
    let pauses = &item.activity.pauses;
    if !pauses.is_empty() {
        let total: f64 = pauses.iter().map(|p| p.duration_s()).sum();
        let _ = writeln!(
            out,
            "  Pauses     {} ({} in total)",
            pauses.len(),
            clock(total)
        );
    }
}

fn laps(out: &mut String, laps: &[LapReport], sport: crate::model::Sport, units: Units) {
    if laps.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n  Device laps");
    let [a, b, c, d, e, f, g, h] = tables::LAP_HEAD;
    let _ = writeln!(
        out,
        "  {a:>3}  {b:<11} {c:<9} {d:>9} {e:>8} {f:>9} {g:>4} {h:>4}"
    );
    for l in laps {
        let [a, b, c, d, e, f, g, h] = tables::lap_cells(l, sport, units);
        let _ = writeln!(
            out,
            "  {a:>3}  {b:<11} {c:<9} {d:>9} {e:>8} {f:>9} {g:>4} {h:>4}"
        );
    }
}

fn splits(out: &mut String, splits: &[Split], units: Units) {
    if splits.is_empty() {
        return;
    }
    let label = units.distance_label();
    let _ = writeln!(
        out,
        "\n  Splits per {}",
        if label == "mi" { "mile" } else { "km" }
    );
    let [_, b, c, d, e, f] = tables::SPLIT_HEAD;
    let _ = writeln!(out, "  {label:>6}  {b:>8} {c:>9} {d:>4} {e:>4} {f:>9}");
    for s in splits {
        let [a, b, c, d, e, f] = tables::split_cells(s, units);
        let _ = writeln!(out, "  {a:>6}  {b:>8} {c:>9} {d:>4} {e:>4} {f:>9}");
    }
    let _ = writeln!(out, "  {}", tables::split_note(splits));
}

/// One short line when lapwise's recomputation differs from the watch's headline totals beyond
/// rounding (distance by more than 0.5 % and as printed, timer or elapsed time by 2 s or more),
/// saying what the records add up to; `None` otherwise.
pub(crate) fn recomputed_note(item: &Analysed, units: Units) -> Option<String> {
    let (h, c) = (&item.analysis.summary, &item.analysis.summary_computed);
    let mut parts = Vec::new();
    if (h.timer_s - c.timer_s).abs() >= 2.0 {
        parts.push(format!(
            "the watch counts {} of timer; its records span {}",
            clock(h.timer_s),
            clock(c.timer_s)
        ));
    } else if (h.elapsed_s - c.elapsed_s).abs() >= 2.0 {
        parts.push(format!(
            "the watch counts {} elapsed; its records span {}",
            clock(h.elapsed_s),
            clock(c.elapsed_s)
        ));
    }
    // Only when the two read differently as shown ("0.96 km; 0.96 km" says nothing).
    if let (Some(hd), Some(cd)) = (h.distance_m, c.distance_m)
        && hd > 0.0
        && ((hd - cd) / hd).abs() > 0.005
        && units.distance(hd) != units.distance(cd)
    {
        parts.push(format!(
            "the watch says {}; its records add up to {}",
            units.distance(hd),
            units.distance(cd)
        ));
    }
    (!parts.is_empty()).then(|| format!("Note       {}", parts.join(" · ")))
}
