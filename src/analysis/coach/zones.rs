//! Time in heart-rate and pace zones over moving time. Heart-rate zones are Friel's running
//! zones as a share of lactate-threshold heart rate (Z5a–c merged into Z5); pace zones are
//! Friel's running pace zones as a share of threshold pace. Source: J. Friel, "Quick Guide to
//! Setting Zones", TrainingPeaks (2009, updated), running HR and pace tables.

use serde::Serialize;

use super::{HrZoneModel, Thresholds};
use crate::model::Activity;
use crate::segment::smooth::window_speed;

/// Upper edges of HR zones 1–4 as a share of threshold HR (Z1 < 85 %, Z2 85–89 %, Z3 90–94 %,
/// Z4 95–99 %, Z5 ≥ 100 %).
pub const HR_ZONE_TOPS: [f64; 4] = [0.85, 0.90, 0.95, 1.00];
/// Upper edges of HR zones 1–4 as a share of heart-rate reserve above resting HR (Karvonen,
/// Ann Med Exp Biol Fenn 35:307, 1957; the 50–60–70–80–90 % bands with everything under 60 %
/// in Z1): Z1 < 60 %, Z2 60–69 %, Z3 70–79 %, Z4 80–89 %, Z5 ≥ 90 %.
pub const HRR_ZONE_TOPS: [f64; 4] = [0.60, 0.70, 0.80, 0.90];
/// Upper edges of pace zones 1–4 as a share of threshold *speed*: Friel's pace zones are
/// shares of threshold pace time (Z1 slower than 129 %, Z2 114–129 %, Z3 106–113 %, Z4 99–105 %,
/// Z5 faster than 99 %), so the speed edges are their reciprocals.
pub const PACE_ZONE_TOPS: [f64; 4] = [1.0 / 1.29, 1.0 / 1.14, 1.0 / 1.06, 1.0 / 0.99];
/// Width (s) of the window speed is taken over for pace zones (GPS noise).
pub const PACE_WINDOW_S: f64 = 5.0;

/// Time in one zone.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ZoneTime {
    /// Zone number, 1–5.
    pub zone: u8,
    /// Lower edge (bpm, or m/s for pace zones); `null` for zone 1.
    pub low: Option<f64>,
    /// Upper edge; `null` for zone 5.
    pub high: Option<f64>,
    /// Moving time in the zone (s).
    pub time_s: f64,
}

/// Time in heart-rate and pace zones; each `null` when its threshold is not given or the run
/// has no such channel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Zones {
    /// How the HR zones were placed (`lthr`: Friel's shares of threshold HR; `hrr`: Karvonen's
    /// shares of heart-rate reserve).
    pub hr_model: HrZoneModel,
    /// How the pace zones were placed (`friel_threshold_pace`).
    pub pace_model: &'static str,
    /// Heart-rate zones (needs the threshold HR and an HR channel).
    pub hr: Option<Vec<ZoneTime>>,
    /// Pace zones (needs the threshold pace).
    pub pace: Option<Vec<ZoneTime>>,
    /// Moving time with a heart rate (s): what the HR zones add up to.
    pub moving_hr_s: f64,
}

/// Moving seconds with a heart rate (each sample weighted by the interval ending at it).
pub fn moving_hr_seconds(act: &Activity) -> f64 {
    let s = &act.samples;
    (1..s.len())
        .filter(|&i| s.moving[i] && s.hr_bpm[i].is_finite())
        .map(|i| s.time_s[i] - s.time_s[i - 1])
        .fold(0.0, |a, b| a + b)
}

/// Time in the five zones split at `edges` (the upper edges of zones 1–4), counting the moving
/// intervals where `value` is finite.
fn time_in(act: &Activity, value: &[f64], edges: [f64; 4]) -> Vec<ZoneTime> {
    let s = &act.samples;
    let mut out: Vec<ZoneTime> = (0..5)
        .map(|k| ZoneTime {
            zone: k as u8 + 1,
            low: (k > 0).then(|| edges[k - 1]),
            high: (k < 4).then(|| edges[k]),
            time_s: 0.0,
        })
        .collect();
    for (i, &v) in value.iter().enumerate().take(s.len()).skip(1) {
        if !s.moving[i] || !v.is_finite() {
            continue;
        }
        let k = edges.iter().take_while(|&&e| v >= e).count();
        out[k].time_s += s.time_s[i] - s.time_s[i - 1];
    }
    out
}

/// Time in heart-rate and pace zones against `th`.
pub fn zones(act: &Activity, th: &Thresholds, moving_hr_s: f64) -> Zones {
    let s = &act.samples;
    let edges = match th.hr_zone_model {
        HrZoneModel::Lthr => th.threshold_hr_bpm.map(|l| HR_ZONE_TOPS.map(|f| f * l)),
        HrZoneModel::Hrr => match (th.max_hr_bpm, th.resting_hr_bpm) {
            (Some(max), Some(rest)) if max > rest => {
                Some(HRR_ZONE_TOPS.map(|f| rest + f * (max - rest)))
            }
            _ => None,
        },
    };
    let hr = edges
        .filter(|_| moving_hr_s > 0.0)
        .map(|e| time_in(act, &s.hr_bpm, e));
    let pace = th.threshold_speed_mps.map(|ts| {
        let v = window_speed(&s.time_s, &s.distance_m, PACE_WINDOW_S);
        time_in(act, &v, PACE_ZONE_TOPS.map(|f| f * ts))
    });
    Zones {
        hr_model: th.hr_zone_model,
        pace_model: "friel_threshold_pace",
        hr,
        pace,
        moving_hr_s,
    }
}
