//! Critical speed and D′ from the season's best efforts: the linear distance–time model
//! `d = D′ + CS · t` fitted by least squares to the fastest time at each standard distance whose
//! time lies between 3 and 20 minutes, over the last `CS_WINDOW_DAYS` of the season (Smyth &
//! Muniz-Pumares, Med Sci Sports Exerc 52:2637, 2020, on critical speed from training data;
//! Jones & Vanhatalo, Sports Med 47:65, 2017, on the model). Predicted race times follow from
//! it: `t = (D − D′) / CS`, valid for races that take about 2 to 30 minutes.

use chrono::{NaiveDate, TimeDelta};
use serde::Serialize;

use super::rows::RunRow;

/// Shortest effort used (s): shorter ones lean on speed the model does not describe.
pub const CS_MIN_S: f64 = 180.0;
/// The efforts must come from at least this many different runs.
pub const CS_MIN_RUNS: usize = 2;
/// Longest effort used (s).
pub const CS_MAX_S: f64 = 1200.0;
/// Efforts from the last this many days of the season are used (a fitness that changes).
pub const CS_WINDOW_DAYS: i64 = 90;
/// Races predicted from critical speed (name, metres): those the model describes.
pub const CS_RACES: [(&str, f64); 3] = [
    ("mile", crate::model::MILE_M),
    ("3K", 3000.0),
    ("5K", 5000.0),
];

/// One effort the fit used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CsEffort {
    /// Distance name (`1 mile`, `5k`, ...).
    pub name: String,
    /// Distance (m).
    pub distance_m: f64,
    /// Time (s).
    pub elapsed_s: f64,
    /// Local date of the run.
    pub date: String,
}

/// A predicted race time from critical speed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CsPrediction {
    /// Race name.
    pub race: String,
    /// Distance (m).
    pub distance_m: f64,
    /// Predicted time (s).
    pub predicted_s: f64,
}

/// Critical speed, D′ and how well they fit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriticalSpeed {
    /// Critical speed (m/s).
    pub cs_mps: f64,
    /// D′, the distance that can be run above critical speed (m).
    pub d_prime_m: f64,
    /// Coefficient of determination of the distance–time fit (1 for two efforts).
    pub r2: f64,
    /// The efforts fitted.
    pub efforts: Vec<CsEffort>,
    /// Race times from the model.
    pub predictions: Vec<CsPrediction>,
}

/// Least-squares `d = D′ + CS · t` through `(t, d)` points: `(CS, D′, r²)`; `None` for fewer
/// than two distinct times, a speed that is not positive or a negative D′.
pub fn fit(points: &[(f64, f64)]) -> Option<(f64, f64, f64)> {
    let n = points.len() as f64;
    if points.len() < 2 {
        return None;
    }
    let (mt, md) = (
        points.iter().map(|p| p.0).sum::<f64>() / n,
        points.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let stt: f64 = points.iter().map(|p| (p.0 - mt).powi(2)).sum();
    let std: f64 = points.iter().map(|p| (p.0 - mt) * (p.1 - md)).sum();
    let sdd: f64 = points.iter().map(|p| (p.1 - md).powi(2)).sum();
    if stt <= 0.0 {
        return None;
    }
    let cs = std / stt;
    let d_prime = md - cs * mt;
    let r2 = if sdd > 0.0 {
        std * std / (stt * sdd)
    } else {
        1.0
    };
    (cs > 0.0 && d_prime >= 0.0).then_some((cs, d_prime, r2))
}

/// Critical speed from the runs' best efforts (see the module documentation); `None` when
/// fewer than two standard distances have a best effort of 3–20 minutes in the window.
pub fn critical_speed(runs: &[RunRow]) -> Option<CriticalSpeed> {
    let last: NaiveDate = runs.iter().map(|r| r.date).max()?;
    let from = last - TimeDelta::days(CS_WINDOW_DAYS - 1);
    // The best at each distance, with the run it came from.
    let mut best: Vec<(CsEffort, &str)> = Vec::new();
    for r in runs
        .iter()
        .filter(|r| r.date >= from && r.sport == crate::model::Sport::Running)
    {
        for e in &r.efforts {
            match best.iter_mut().find(|b| b.0.name == e.name) {
                Some(b) if b.0.elapsed_s <= e.elapsed_s => {}
                Some(b) => {
                    b.0.elapsed_s = e.elapsed_s;
                    b.0.date = r.date.to_string();
                    b.1 = &r.source;
                }
                None => best.push((
                    CsEffort {
                        name: e.name.clone(),
                        distance_m: e.distance_m,
                        elapsed_s: e.elapsed_s,
                        date: r.date.to_string(),
                    },
                    &r.source,
                )),
            }
        }
    }
    // The best at each distance first, then only those of 3–20 minutes: a slower effort must
    // not stand in for a distance whose best is shorter than 3 minutes.
    best.retain(|b| (CS_MIN_S..=CS_MAX_S).contains(&b.0.elapsed_s));
    // Efforts from one run are slices of the same pace, not separate maximal efforts (a single
    // steady run's 1 km, mile, 2 miles and 5 km fit its own pace with r² = 1).
    let mut from_runs: Vec<&str> = best.iter().map(|b| b.1).collect();
    from_runs.sort_unstable();
    from_runs.dedup();
    if from_runs.len() < CS_MIN_RUNS {
        return None;
    }
    let mut best: Vec<CsEffort> = best.into_iter().map(|b| b.0).collect();
    best.sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m));
    let points: Vec<(f64, f64)> = best.iter().map(|b| (b.elapsed_s, b.distance_m)).collect();
    let (cs, d_prime, r2) = fit(&points)?;
    Some(CriticalSpeed {
        cs_mps: cs,
        d_prime_m: d_prime,
        r2,
        efforts: best,
        predictions: CS_RACES
            .iter()
            .map(|&(race, d)| CsPrediction {
                race: race.to_string(),
                distance_m: d,
                predicted_s: (d - d_prime).max(0.0) / cs,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked example of the two-trial method (novacalculator.com, "Critical Speed
    /// Calculator"): 1600 m in 6:00 and 3200 m in 13:00 give CS = 1600 / 420 = 3.810 m/s and
    /// D′ = 1600 − 3.810 × 360 = 228.6 m; the 5000 m in (5000 − 228.6) / 3.810 = 1252.3 s.
    #[test]
    fn two_trial_worked_example() {
        let (cs, d, r2) = fit(&[(360.0, 1600.0), (780.0, 3200.0)]).expect("fit");
        assert!((cs - 3.810).abs() / 3.810 < 0.001, "{cs}");
        assert!((d - 228.6).abs() / 228.6 < 0.01, "{d}");
        assert_eq!(r2, 1.0);
        assert!(((5000.0 - d) / cs - 1252.3).abs() < 1.0);
    }

    /// Points on an exact line are fitted exactly; a negative D′ is refused.
    #[test]
    fn exact_line_and_refusals() {
        let pts: Vec<(f64, f64)> = [200.0, 400.0, 700.0, 1100.0]
            .iter()
            .map(|&t| (t, 150.0 + 4.2 * t))
            .collect();
        let (cs, d, r2) = fit(&pts).expect("fit");
        assert!((cs - 4.2).abs() < 1e-9 && (d - 150.0).abs() < 1e-6 && (r2 - 1.0).abs() < 1e-12);
        assert!(fit(&[(300.0, 1000.0), (600.0, 3000.0)]).is_none());
        assert!(fit(&[(300.0, 1000.0)]).is_none());
    }
}
