//! The coach's lines of the terminal summary: load, decoupling and efficiency factor, time in
//! zones and heart-rate recovery, each only when there is something to say.

use std::fmt::Write;

use super::units::{Units, clock};
use crate::analysis::coach::{Coach, LoadMethod, ZoneTime};

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
        let method = match l.method {
            LoadMethod::HrTss => "hrTSS",
            LoadMethod::RTss => "rTSS",
        };
        let trimp = l
            .trimp
            .map_or(String::new(), |t| format!(" (TRIMP {t:.0})"));
        effort.push(format!("load {:.0} {method}{trimp}", l.value));
    }
    if let Some(d) = c.decoupling.decoupling_pct {
        effort.push(format!("decoupling {d:.1} %"));
    }
    if let Some(ef) = c.decoupling.efficiency_factor {
        effort.push(format!("efficiency {ef:.2} m/min per bpm"));
    }
    if let Some(n) = c.ngp_mps.filter(|_| c.load.is_some()) {
        effort.push(format!("normalized graded pace {}", units.pace(n)));
    }
    if !effort.is_empty() {
        let _ = writeln!(out, "  Effort     {}", effort.join(" · "));
    }
    if let (Some(z), Some(lthr)) = (&c.zones.hr, c.profile.threshold_hr_bpm.value) {
        let _ = writeln!(
            out,
            "  HR zones   {} (threshold {lthr:.0} bpm)",
            zone_line(z)
        );
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
