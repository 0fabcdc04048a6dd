//! Cadence against the 170–180 steps/min guideline: moving time below, inside and above the
//! band, per pace band and per segment kind, stride length, drift, and a short verdict.

use serde::Serialize;

use crate::model::Activity;
use crate::segment::{SegmentKind, Segmentation};

/// Cadence thresholds.
#[derive(Debug, Clone, PartialEq)]
pub struct CadenceConfig {
    /// Lower edge of the guideline band (steps/min, default 170).
    pub band_low_spm: f64,
    /// Upper edge of the guideline band (steps/min, default 180).
    pub band_high_spm: f64,
    /// Samples slower than this are walking and left out (m/s, default 1.8 ≈ 14:54 /mi).
    pub walk_speed_mps: f64,
    /// Samples with cadence below this are walking and left out (steps/min, default 135).
    pub walk_cadence_spm: f64,
    /// Sample intervals longer than this are recording gaps and left out (s, default 10).
    pub max_gap_s: f64,
    /// Upper speed edges of the pace bands (m/s, ascending); default at 7:00, 6:00, 5:00
    /// and 4:00 per km.
    pub pace_band_edges_mps: Vec<f64>,
}

impl Default for CadenceConfig {
    fn default() -> Self {
        CadenceConfig {
            band_low_spm: 170.0,
            band_high_spm: 180.0,
            walk_speed_mps: 1.8,
            walk_cadence_spm: 135.0,
            max_gap_s: 10.0,
            pace_band_edges_mps: vec![
                1000.0 / 420.0,
                1000.0 / 360.0,
                1000.0 / 300.0,
                1000.0 / 240.0,
            ],
        }
    }
}

/// Running cadence within a range of speeds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaceBand {
    /// Slowest speed of the band (m/s); 0 for the slowest band.
    pub min_mps: f64,
    /// Fastest speed of the band (m/s); `None` for the fastest band.
    pub max_mps: Option<f64>,
    /// Running time in the band (s).
    pub moving_s: f64,
    /// Average cadence (steps/min).
    pub avg_spm: f64,
    /// Average stride (step) length: distance / steps (m).
    pub step_length_m: f64,
}

/// Running cadence within one kind of segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindCadence {
    /// The segment kind (work, rest, easy, ...).
    pub kind: SegmentKind,
    /// Running time (s).
    pub moving_s: f64,
    /// Average cadence (steps/min).
    pub avg_spm: f64,
    /// Share of that time inside the band, %.
    pub in_band_pct: f64,
    /// Average speed while running (m/s).
    pub avg_speed_mps: f64,
}

/// Cadence of the running (non-walking) moving time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CadenceScore {
    /// Share of running time below the band, %.
    pub below_pct: f64,
    /// Share inside the band, %.
    pub in_band_pct: f64,
    /// Share above the band, %.
    pub above_pct: f64,
    /// Time-weighted average cadence while running (steps/min).
    pub avg_spm: f64,
    /// The band used (steps/min).
    pub band_spm: [f64; 2],
    /// Running time scored (s).
    pub running_s: f64,
    /// Moving time left out as walking (s).
    pub walking_s: f64,
    /// Average step length: distance / steps (m).
    pub step_length_m: f64,
    /// Average cadence of the last third of running time minus the first third (steps/min).
    pub drift_spm: f64,
    /// Per pace band (bands without time omitted).
    pub pace_bands: Vec<PaceBand>,
    /// Per segment kind (reps, recoveries, easy, ...).
    pub by_segment: Vec<KindCadence>,
    /// Short plain-language verdict.
    pub verdict: String,
    /// The thresholds this score was computed with (not serialised), so that whatever draws
    /// or re-reads the running samples counts exactly the samples the score counted.
    #[serde(skip)]
    pub config: CadenceConfig,
}

#[derive(Default, Clone, Copy)]
struct Acc {
    t: f64,
    cad_t: f64,
    dist: f64,
    in_band: f64,
}

impl Acc {
    fn add(&mut self, dt: f64, c: f64, dd: f64, inside: bool) {
        self.t += dt;
        self.cad_t += c * dt;
        self.dist += dd;
        if inside {
            self.in_band += dt;
        }
    }
    fn avg(&self) -> f64 {
        if self.t > 0.0 {
            self.cad_t / self.t
        } else {
            0.0
        }
    }
    fn step_m(&self) -> f64 {
        let steps = self.cad_t / 60.0;
        if steps > 0.0 { self.dist / steps } else { 0.0 }
    }
}

/// One running sample interval kept for scoring: (closing time, dt, cadence, distance, speed).
pub(crate) type Row = (f64, f64, f64, f64, f64);

/// The sample intervals the cadence score counts as running (moving, timer on, within
/// `max_gap_s`, with cadence, not walking), and the walking seconds left out. Shared with the
/// cadence chart so both count the same samples.
pub(crate) fn running_rows(act: &Activity, cfg: &CadenceConfig) -> (Vec<Row>, f64) {
    let s = &act.samples;
    let n = s.len();
    let mut rows = Vec::with_capacity(n);
    let mut walking = 0.0;
    for i in 1..n {
        let dt = s.time_s[i] - s.time_s[i - 1];
        let moving = s.moving.get(i).copied().unwrap_or(false)
            && s.timer_running.get(i).copied().unwrap_or(false);
        if !(dt > 0.0 && dt <= cfg.max_gap_s && moving) {
            continue;
        }
        let c = s.cadence[i];
        let v = s.speed_mps[i];
        let dd = s.distance_m[i] - s.distance_m[i - 1];
        let dd = if dd.is_finite() && dd >= 0.0 { dd } else { 0.0 };
        if !(c.is_finite() && c > 0.0) {
            continue;
        }
        let slow = v.is_finite() && v < cfg.walk_speed_mps;
        if slow || c < cfg.walk_cadence_spm {
            walking += dt;
            continue;
        }
        rows.push((
            s.time_s[i],
            dt,
            c,
            dd,
            if v.is_finite() { v } else { dd / dt },
        ));
    }
    (rows, walking)
}

/// Score cadence of an on-foot activity; `None` without cadence or running time.
pub fn score_cadence(
    act: &Activity,
    seg: &Segmentation,
    cfg: &CadenceConfig,
) -> Option<CadenceScore> {
    if !act.meta.sport.is_on_foot() {
        return None;
    }
    let (rows, walking_s) = running_rows(act, cfg);
    let (lo, hi) = (cfg.band_low_spm, cfg.band_high_spm);
    let mut all = Acc::default();
    let (mut below, mut above, mut below_quick) = (0.0, 0.0, 0.0);
    let quick = cfg
        .pace_band_edges_mps
        .get(2)
        .copied()
        .unwrap_or(f64::INFINITY);
    let mut bands = vec![Acc::default(); cfg.pace_band_edges_mps.len() + 1];
    let mut kinds: Vec<(SegmentKind, Acc)> = Vec::new();
    let mut k = 0;
    for &(t, dt, c, dd, v) in &rows {
        let inside = (lo..=hi).contains(&c);
        all.add(dt, c, dd, inside);
        if c < lo {
            below += dt;
            if v >= quick {
                below_quick += dt;
            }
        } else if c > hi {
            above += dt;
        }
        let b = cfg.pace_band_edges_mps.partition_point(|&e| e <= v);
        if let Some(acc) = bands.get_mut(b) {
            acc.add(dt, c, dd, inside);
        }
        while k + 1 < seg.segments.len() && seg.segments[k].end_s < t {
            k += 1;
        }
        if let Some(sg) = seg.segments.get(k) {
            match kinds.iter_mut().find(|(kind, _)| *kind == sg.kind) {
                Some((_, acc)) => acc.add(dt, c, dd, inside),
                None => {
                    let mut acc = Acc::default();
                    acc.add(dt, c, dd, inside);
                    kinds.push((sg.kind, acc));
                }
            }
        }
    }
    if all.t <= 0.0 {
        return None;
    }
    let drift_spm = drift(&rows, all.t);
    let pct = |x: f64| 100.0 * x / all.t;
    let pace_bands: Vec<PaceBand> = bands
        .iter()
        .enumerate()
        .filter(|(_, a)| a.t > 0.0)
        .map(|(i, a)| PaceBand {
            min_mps: if i == 0 {
                0.0
            } else {
                cfg.pace_band_edges_mps[i - 1]
            },
            max_mps: cfg.pace_band_edges_mps.get(i).copied(),
            moving_s: a.t,
            avg_spm: a.avg(),
            step_length_m: a.step_m(),
        })
        .collect();
    let by_segment = kinds
        .iter()
        .map(|(kind, a)| KindCadence {
            kind: *kind,
            moving_s: a.t,
            avg_spm: a.avg(),
            in_band_pct: 100.0 * a.in_band / a.t,
            avg_speed_mps: a.dist / a.t,
        })
        .collect();
    let (below_pct, above_pct) = (pct(below), pct(above));
    let in_band_pct = (100.0 - below_pct - above_pct).max(0.0);
    let mut score = CadenceScore {
        below_pct,
        in_band_pct,
        above_pct,
        avg_spm: all.avg(),
        band_spm: [lo, hi],
        running_s: all.t,
        walking_s,
        step_length_m: all.step_m(),
        drift_spm,
        pace_bands,
        by_segment,
        verdict: String::new(),
        config: cfg.clone(),
    };
    score.verdict = verdict(&score, below_quick / all.t * 100.0, all.t, cfg);
    Some(score)
}

/// Average cadence of the last third of running time minus that of the first third.
fn drift(rows: &[Row], total: f64) -> f64 {
    let (mut first, mut last) = (Acc::default(), Acc::default());
    let mut t = 0.0;
    for &(_, dt, c, dd, _) in rows {
        if t < total / 3.0 {
            first.add(dt, c, dd, false);
        } else if t >= 2.0 * total / 3.0 {
            last.add(dt, c, dd, false);
        }
        t += dt;
    }
    if first.t > 0.0 && last.t > 0.0 {
        last.avg() - first.avg()
    } else {
        0.0
    }
}

/// Least running time (s) over which a cadence drift is reported (10 minutes).
const MIN_DRIFT_RUNNING_S: f64 = 600.0;

/// `below_quick_pct`: share of running time below the band at 5:00 /km or faster;
/// `running_s`: the running time scored.
fn verdict(s: &CadenceScore, below_quick_pct: f64, running_s: f64, cfg: &CadenceConfig) -> String {
    let mut v = if s.in_band_pct >= 50.0 {
        format!(
            "mostly inside {:.0}–{:.0} steps/min",
            cfg.band_low_spm, cfg.band_high_spm
        )
    } else if s.below_pct >= s.above_pct {
        // "Mostly" only when it is more than half the running.
        let most = if s.below_pct >= 50.0 {
            format!("mostly below {:.0} steps/min", cfg.band_low_spm)
        } else {
            format!(
                "more often below {:.0} steps/min ({:.0} %) than inside the band",
                cfg.band_low_spm, s.below_pct
            )
        };
        if below_quick_pct < s.below_pct / 2.0 {
            format!(
                "{most}, mostly at easier paces, where that is common (cadence rises with speed)"
            )
        } else {
            format!(
                "{most} even at a quick pace: a slightly shorter, quicker step (+5 %) may be worth trying"
            )
        }
    } else if s.above_pct >= 50.0 {
        format!(
            "mostly above {:.0} steps/min (quick, short steps)",
            cfg.band_high_spm
        )
    } else {
        format!(
            "more often above {:.0} steps/min ({:.0} %) than inside the band (quick, short steps)",
            cfg.band_high_spm, s.above_pct
        )
    };
    // A drift needs minutes of running to mean anything (not 33 s of a test recording).
    if s.drift_spm.abs() >= 3.0 && running_s >= MIN_DRIFT_RUNNING_S {
        v.push_str(&format!(
            "; cadence drifted {:+.0} steps/min over the run",
            s.drift_spm
        ));
    }
    v.push_str("; the right cadence is individual, treat the band as a guide");
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(below: f64, above: f64, drift: f64) -> CadenceScore {
        CadenceScore {
            below_pct: below,
            in_band_pct: 100.0 - below - above,
            above_pct: above,
            avg_spm: 175.0,
            band_spm: [170.0, 180.0],
            running_s: 0.0,
            walking_s: 0.0,
            step_length_m: 1.0,
            drift_spm: drift,
            pace_bands: Vec::new(),
            by_segment: Vec::new(),
            verdict: String::new(),
            config: CadenceConfig::default(),
        }
    }

    #[test]
    fn mostly_means_more_than_half() {
        let cfg = CadenceConfig::default();
        let v = verdict(&score(18.0, 42.0, 0.0), 0.0, 3600.0, &cfg);
        assert!(
            v.starts_with("more often above 180 steps/min (42 %) than inside the band"),
            "{v}"
        );
        let v = verdict(&score(10.0, 60.0, 0.0), 0.0, 3600.0, &cfg);
        assert!(v.starts_with("mostly above 180"), "{v}");
        let v = verdict(&score(45.0, 10.0, 0.0), 0.0, 3600.0, &cfg);
        assert!(
            v.starts_with("more often below 170 steps/min (45 %)"),
            "{v}"
        );
    }

    #[test]
    fn a_drift_needs_ten_minutes_of_running() {
        let cfg = CadenceConfig::default();
        assert!(verdict(&score(60.0, 0.0, 8.0), 0.0, 3600.0, &cfg).contains("drifted +8"));
        assert!(!verdict(&score(60.0, 0.0, 8.0), 0.0, 33.0, &cfg).contains("drifted"));
    }
}
