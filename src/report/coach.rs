//! The coach's lines of the terminal summary: load, decoupling and efficiency factor, time in
//! zones and heart-rate recovery, each only when there is something to say.

use std::fmt::Write;

use super::units::{Units, clock};
use crate::analysis::coach::{Coach, HrZoneModel, LoadMethod, ZoneTime};

/// `Z1 5:00 · Z2 20:00 · ...` for zones with time in them.
fn zone_line(zones: &[ZoneTime]) -> String {
    zones
        .iter()
        .filter(|z| z.time_s >= 0.5)
        .map(|z| format!("Z{} {}", z.zone, clock(z.time_s)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Append the coach's lines for one run.
pub fn render(out: &mut String, c: &Coach, units: Units) {
    let mut effort = Vec::new();
    if let Some(l) = &c.load {
        let trimp = l.trimp.map(|t| format!("TRIMP {t:.0}"));
        match (l.value, l.method) {
            (Some(v), Some(m)) => {
                let method = match m {
                    LoadMethod::HrTss => "hrTSS",
                    LoadMethod::RTss => "rTSS",
                };
                let t = trimp.map_or(String::new(), |t| format!(" ({t})"));
                effort.push(format!("load {v:.0} {method}{t}"));
            }
            _ => effort.extend(trimp),
        }
    }
    if let Some(d) = c.decoupling.decoupling_pct {
        effort.push(format!("decoupling {d:.1} %"));
    }
    if let Some(ef) = c.decoupling.efficiency_factor {
        effort.push(format!("efficiency {ef:.2} m/min per bpm"));
    }
    if let Some(n) = c
        .ngp_mps
        .filter(|_| c.load.is_some_and(|l| l.value.is_some()))
    {
        effort.push(format!("normalized graded pace {}", units.pace(n)));
    }
    if !effort.is_empty() {
        let _ = writeln!(out, "  Effort     {}", effort.join(" · "));
    }
    if let Some(z) = &c.zones.hr {
        let basis = match (c.zones.hr_model, c.profile.threshold_hr_bpm.value) {
            (HrZoneModel::Lthr, Some(lthr)) => format!("of threshold {lthr:.0} bpm"),
            _ => "of heart-rate reserve".to_string(),
        };
        let _ = writeln!(out, "  HR zones   {} ({basis})", zone_line(z));
    }
    if let (Some(z), Some(tp)) = (&c.zones.pace, c.profile.threshold_pace_mps.value) {
        let _ = writeln!(
            out,
            "  Pace zones {} (threshold {})",
            zone_line(z),
            units.pace(tp)
        );
    }
    let r = &c.hr_recovery;
    if !r.after_reps.is_empty() || r.after_run_bpm.is_some() {
        let mut parts = Vec::new();
        if !r.after_reps.is_empty() {
            let drops: Vec<String> = r
                .after_reps
                .iter()
                .map(|d| format!("{:.0}", d.drop_bpm))
                .collect();
            parts.push(format!("after reps {}", drops.join(" ")));
        }
        if let Some(d) = r.after_run_bpm {
            parts.push(format!("after the run {d:.0}"));
        }
        let _ = writeln!(out, "  HR recovery {} bpm in 60 s", parts.join(" · "));
    }
}
