//! Terminal rendering of the scores: pacing evenness, interval consistency, the mile effort
//! against the coaching plan, and cadence, in plain language.

use std::fmt::Write;

use super::units::{Units, clock, clock_tenths};
use crate::score::cadence::CadenceScore;
use crate::score::intervals::IntervalScore;
use crate::score::mile::MileScore;
use crate::score::{PacingLabel, PacingScore, Scores};
use crate::segment::SegmentKind;

/// Append the "Scores" section.
pub fn render(out: &mut String, s: &Scores, units: Units) {
    if s.pacing.is_none()
        && s.pacing_parts.is_empty()
        && s.intervals.is_none()
        && s.mile.is_none()
        && s.cadence.is_none()
    {
        return;
    }
    let _ = writeln!(out, "\n  Scores");
    if s.pacing.is_some() || !s.pacing_parts.is_empty() {
        match &s.pacing {
            Some(p) => {
                let _ = writeln!(out, "    Pacing     {}", pacing_line(p, units));
            }
            // A session of reps (fast and slow by design, judged rep by rep below) or a tempo
            // session (its tempo is one of the parts).
            None => {
                let why = if s.pacing_parts.iter().any(|p| p.kind == SegmentKind::Tempo) {
                    "a tempo session's warm-up, tempo and cool-down differ by design"
                } else {
                    "a session of reps is fast and slow by design"
                };
                let _ = writeln!(out, "    Pacing     steady parts only ({why})");
            }
        }
        for part in &s.pacing_parts {
            let _ = writeln!(
                out,
                "      {:<9} {}",
                kind_name(part.kind),
                pacing_line(&part.score, units)
            );
        }
    }
    if let Some(iv) = &s.intervals {
        intervals(out, iv, units);
    }
    if let Some(m) = &s.mile {
        mile(out, m);
    }
    if let Some(c) = &s.cadence {
        cadence(out, c, units);
    }
}

fn kind_name(k: SegmentKind) -> &'static str {
    match k {
        SegmentKind::Warmup => "warm-up",
        SegmentKind::Work => "reps",
        SegmentKind::Rest => "recoveries",
        SegmentKind::Stride => "strides",
        SegmentKind::Hill => "hills",
        SegmentKind::Tempo => "tempo",
        SegmentKind::Cooldown => "cool-down",
        SegmentKind::Easy => "easy",
        SegmentKind::MileEffort => "mile",
    }
}

fn label_text(l: PacingLabel) -> &'static str {
    match l {
        PacingLabel::Negative => "negative split",
        PacingLabel::Even => "even split",
        PacingLabel::Positive => "positive split",
    }
}

fn pacing_line(p: &PacingScore, units: Units) -> String {
    let half = if p.half_split_pct >= 0.0 {
        format!("2nd half {:.1} % slower", p.half_split_pct)
    } else {
        format!("2nd half {:.1} % faster", -p.half_split_pct)
    };
    format!(
        "evenness {:.0}/100 · {} ({half}) · split pace varied {:.1} % over {} at {}",
        p.evenness,
        label_text(p.label),
        p.cv_pct,
        units.distance(p.distance_m),
        units.pace(p.avg_speed_mps)
    )
}

fn intervals(out: &mut String, iv: &IntervalScore, units: Units) {
    let _ = writeln!(out, "    Intervals  {}", iv.verdict);
    let rest = match (iv.mean_rest_s, iv.rest_cv_pct) {
        (Some(m), Some(cv)) => format!(" · rests {} avg, varied {cv:.0} %", clock(m)),
        (Some(m), None) => format!(" · rest {}", clock(m)),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "               rep pace CV {:.1} % · fade {:+.1} %{rest}",
        iv.rep_cv_pct, iv.fade_pct
    );
    let reps: Vec<String> = iv
        .reps
        .iter()
        .map(|r| match (r.goal, r.goal_deviation_s) {
            (Some(_), Some(d)) => format!("{} ({d:+.1} s)", clock_tenths(r.elapsed_s)),
            _ => format!("{} {}", clock_tenths(r.elapsed_s), units.pace(r.speed_mps)),
        })
        .collect();
    if let Some(g) = iv.reps.iter().find_map(|r| r.goal) {
        let _ = writeln!(
            out,
            "               vs goal {} per {:.0} m: {}",
            clock_tenths(g.time_s),
            g.distance_m,
            reps.join(" · ")
        );
    } else {
        let _ = writeln!(out, "               reps {}", reps.join(" · "));
    }
}

fn mile(out: &mut String, m: &MileScore) {
    let against = match m.goal_s {
        Some(g) => format!("goal {}", clock_tenths(g)),
        None => "even pace at the achieved time".to_string(),
    };
    let _ = writeln!(
        out,
        "    Mile       {} against {against}: {}",
        clock_tenths(m.time_s),
        m.verdict
    );
    for l in &m.laps {
        let mark = if l.on_plan { "✓" } else { "✗" };
        let _ = writeln!(
            out,
            "      {mark} {} ({} vs {})",
            l.verdict,
            clock_tenths(l.time_s),
            clock_tenths(l.reference_s)
        );
    }
    let pieces: Vec<String> = m
        .last_lap_100m_s
        .iter()
        .map(|p| format!("{p:.1}"))
        .collect();
    let _ = writeln!(out, "      last lap by 100 m: {} s", pieces.join(" · "));
    let cmp = |d: f64| {
        if d <= 0.0 {
            format!("{:.0} s faster", -d)
        } else {
            format!("{d:.0} s slower")
        }
    };
    let _ = writeln!(
        out,
        "      vs average mile 7:04: {} (men 6:37: {}, women 7:44: {})",
        cmp(m.vs_average_all_s),
        cmp(m.vs_average_men_s),
        cmp(m.vs_average_women_s)
    );
    let preds: Vec<String> = m
        .predictions
        .iter()
        .map(|p| format!("{} {}", p.name, clock(p.riegel_s)))
        .collect();
    let vdot = m.vdot.map_or(String::new(), |v| format!(" · VDOT {v:.1}"));
    let _ = writeln!(
        out,
        "      predicted (Riegel, needs matching endurance): {}{vdot}",
        preds.join(" · ")
    );
}

fn cadence(out: &mut String, c: &CadenceScore, units: Units) {
    let _ = writeln!(
        out,
        "    Cadence    {:.0} steps/min avg · {:.0} % below / {:.0} % in / {:.0} % above {:.0}–{:.0} · step {:.2} m",
        c.avg_spm,
        c.below_pct,
        c.in_band_pct,
        c.above_pct,
        c.band_spm[0],
        c.band_spm[1],
        c.step_length_m
    );
    let _ = writeln!(out, "               {}", c.verdict);
    let bands: Vec<String> = c
        .pace_bands
        .iter()
        .map(|b| {
            let range = match b.max_mps {
                Some(hi) if b.min_mps > 0.0 => {
                    format!("{}–{}", units.pace_bare(b.min_mps), units.pace_bare(hi))
                }
                Some(hi) => format!("slower than {}", units.pace_bare(hi)),
                None => format!("faster than {}", units.pace_bare(b.min_mps)),
            };
            format!("{range}: {:.0} ({})", b.avg_spm, clock(b.moving_s))
        })
        .collect();
    if !bands.is_empty() {
        let _ = writeln!(
            out,
            "               by pace /{}: {}",
            units.distance_label(),
            bands.join(" · ")
        );
    }
    if c.by_segment.len() > 1 {
        let kinds: Vec<String> = c
            .by_segment
            .iter()
            .map(|k| format!("{} {:.0}", kind_name(k.kind), k.avg_spm))
            .collect();
        let _ = writeln!(out, "               by segment: {}", kinds.join(" · "));
    }
}
