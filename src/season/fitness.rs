//! Fitness, fatigue and form over a season (the performance-management model of Banister's
//! impulse–response, as TrainingPeaks and intervals.icu present it): each day's load (the sum
//! of its runs' `load`, 0 on days without one), fitness (CTL) and fatigue (ATL) as exponentially
//! weighted averages, `CTL_t = CTL_{t−1} + (load_t − CTL_{t−1}) / 42` and the same with 7 for
//! ATL, both starting at 0, and form `TSB_t = CTL_{t−1} − ATL_{t−1}` (yesterday's, so a race
//! day's form is the form the runner brought to it).

use chrono::NaiveDate;
use serde::Serialize;

/// Time constant of fitness (days).
pub const CTL_DAYS: f64 = 42.0;
/// Time constant of fatigue (days).
pub const ATL_DAYS: f64 = 7.0;

/// One day of the season.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DayRow {
    /// The local date.
    pub date: NaiveDate,
    /// Load of the day's runs (0 on a day without one; runs without a load count 0).
    pub load: f64,
    /// Fitness after the day.
    pub ctl: f64,
    /// Fatigue after the day.
    pub atl: f64,
    /// Form going into the day: yesterday's fitness minus yesterday's fatigue.
    pub tsb: f64,
}

/// Days from the first to the last date of `loads` (date, load of one run), with fitness,
/// fatigue and form. Empty when `loads` is.
pub fn days(loads: &[(NaiveDate, f64)]) -> Vec<DayRow> {
    let (Some(first), Some(last)) = (
        loads.iter().map(|l| l.0).min(),
        loads.iter().map(|l| l.0).max(),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut ctl, mut atl) = (0.0f64, 0.0f64);
    let mut d = first;
    while d <= last {
        let load: f64 = loads.iter().filter(|l| l.0 == d).map(|l| l.1).sum();
        let tsb = ctl - atl;
        ctl += (load - ctl) / CTL_DAYS;
        atl += (load - atl) / ATL_DAYS;
        out.push(DayRow {
            date: d,
            load,
            ctl,
            atl,
            tsb,
        });
        match d.succ_opt() {
            Some(n) => d = n,
            None => break,
        }
    }
    out
}

/// Foster's monotony of daily loads: mean ÷ standard deviation (population), capped at
/// [`MONOTONY_CAP`]; `None` for no days or loads that do not vary with a zero mean.
pub fn monotony(daily: &[f64]) -> Option<f64> {
    if daily.is_empty() {
        return None;
    }
    let n = daily.len() as f64;
    let mean = daily.iter().sum::<f64>() / n;
    let sd = (daily.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
    if sd > 0.0 {
        Some((mean / sd).min(MONOTONY_CAP))
    } else {
        (mean > 0.0).then_some(MONOTONY_CAP)
    }
}

/// Highest monotony reported (the same load every day of the week).
pub const MONOTONY_CAP: f64 = 10.0;

#[cfg(test)]
mod tests {
    use super::*;

    /// Worked example by hand: 100 on day 1, nothing on day 2.
    /// Day 1: CTL = 100/42 = 2.381, ATL = 100/7 = 14.286, TSB = 0.
    /// Day 2: CTL = 2.381 × 41/42 = 2.324, ATL = 14.286 × 6/7 = 12.245,
    /// TSB = 2.381 − 14.286 = −11.905.
    #[test]
    fn worked_example() {
        let d1 = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        let d2 = d1.succ_opt().expect("date");
        let v = days(&[(d1, 60.0), (d1, 40.0), (d2, 0.0)]);
        assert_eq!(v.len(), 2);
        assert!((v[0].ctl - 100.0 / 42.0).abs() < 1e-9);
        assert!((v[0].atl - 100.0 / 7.0).abs() < 1e-9);
        assert_eq!(v[0].tsb, 0.0);
        assert!((v[1].ctl - 2.324).abs() < 1e-3);
        assert!((v[1].atl - 12.245).abs() < 1e-3);
        assert!((v[1].tsb + 11.905).abs() < 1e-3);
    }

    /// Foster's monotony: loads 100, 0, 100, 0, 100, 0, 0 have mean 42.86 and SD 49.49:
    /// monotony 0.866; the same load every day is capped at 10.
    #[test]
    fn monotony_worked_example() {
        let m = monotony(&[100.0, 0.0, 100.0, 0.0, 100.0, 0.0, 0.0]).expect("monotony");
        assert!((m - 0.866).abs() < 1e-3, "{m}");
        assert_eq!(monotony(&[50.0; 7]), Some(MONOTONY_CAP));
        assert_eq!(monotony(&[0.0; 7]), None);
    }

    /// A steady daily load brings fitness towards it, fatigue faster.
    #[test]
    fn steady_load_converges() {
        let d0 = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        let loads: Vec<(NaiveDate, f64)> = (0..365)
            .map(|k| (d0 + chrono::TimeDelta::days(k), 50.0))
            .collect();
        let v = days(&loads);
        let last = v.last().expect("days");
        assert!((last.atl - 50.0).abs() < 1e-6);
        assert!((last.ctl - 50.0).abs() < 0.01);
        assert!(v[10].atl > v[10].ctl);
    }
}
