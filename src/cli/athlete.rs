//! The athlete's thresholds on the command line (`--max-hr`, `--resting-hr`, `--threshold-hr`,
//! `--threshold-pace`, `--sex`): parsed, checked for plausibility one field at a time, and
//! handed to the analysis for zones and load.

use clap::{Args, ValueEnum};

use lapwise::analysis::coach::{HrZoneModel, Sex, Thresholds};

/// The athlete's sex (for TRIMP's weighting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SexArg {
    /// Female.
    Female,
    /// Male.
    Male,
}

/// How heart-rate zones are placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HrZonesArg {
    /// Shares of lactate-threshold HR (Friel; needs --threshold-hr).
    Lthr,
    /// Shares of heart-rate reserve (Karvonen; needs --max-hr and --resting-hr).
    Hrr,
}

/// Thresholds for heart-rate and pace zones and training load (docs/metrics.md, "Coach metrics").
#[derive(Debug, Args, Default)]
pub struct AthleteArgs {
    /// Maximum heart rate, bpm (100–240).
    #[arg(long, value_name = "BPM")]
    pub max_hr: Option<f64>,
    /// Resting heart rate, bpm (25–120).
    #[arg(long, value_name = "BPM")]
    pub resting_hr: Option<f64>,
    /// Lactate-threshold heart rate, bpm (80–230): about what you hold for an hour racing.
    #[arg(long, value_name = "BPM")]
    pub threshold_hr: Option<f64>,
    /// Threshold pace with its unit (e.g. 6:40/mi or 4:09/km): about what you hold for an hour.
    #[arg(long, value_name = "PACE")]
    pub threshold_pace: Option<String>,
    /// Sex, for TRIMP's weighting (men's constants when not given).
    #[arg(long, value_enum)]
    pub sex: Option<SexArg>,
    /// How heart-rate zones are placed [default: lthr].
    #[arg(long, value_enum)]
    pub hr_zones: Option<HrZonesArg>,
    /// Year of birth (1900–2025; kept in the season's profile).
    #[arg(long, value_name = "YEAR")]
    pub birth_year: Option<i32>,
}

/// Speed (m/s) from a pace with its unit: `6:40/mi`, `4:09/km`.
pub fn parse_pace(s: &str) -> Option<f64> {
    let (clock, unit) = s.trim().split_once('/')?;
    let metres = match unit.trim() {
        "mi" => lapwise::model::MILE_M,
        "km" => 1000.0,
        _ => return None,
    };
    let secs = lapwise::score::parse::parse_clock(clock.trim())?;
    (secs > 0.0).then(|| metres / secs)
}

impl AthleteArgs {
    /// These values, each falling back to `base`'s (the command line over the profile).
    pub fn over(&self, base: &AthleteArgs) -> AthleteArgs {
        AthleteArgs {
            max_hr: self.max_hr.or(base.max_hr),
            resting_hr: self.resting_hr.or(base.resting_hr),
            threshold_hr: self.threshold_hr.or(base.threshold_hr),
            threshold_pace: self
                .threshold_pace
                .clone()
                .or_else(|| base.threshold_pace.clone()),
            sex: self.sex.or(base.sex),
            hr_zones: self.hr_zones.or(base.hr_zones),
            birth_year: self.birth_year.or(base.birth_year),
        }
    }

    /// The thresholds, or one line per implausible field.
    pub fn thresholds(&self) -> Result<Thresholds, Vec<String>> {
        let mut bad = Vec::new();
        let mut within = |name: &str, v: Option<f64>, lo: f64, hi: f64| {
            if let Some(x) = v
                && !(lo..=hi).contains(&x)
            {
                bad.push(format!("--{name} {x}: expected {lo}–{hi} bpm"));
            }
            v
        };
        let max = within("max-hr", self.max_hr, 100.0, 240.0);
        let rest = within("resting-hr", self.resting_hr, 25.0, 120.0);
        let lthr = within("threshold-hr", self.threshold_hr, 80.0, 230.0);
        // How the three relate is judged only when each is plausible on its own.
        let each_ok = bad.is_empty();
        if each_ok
            && let (Some(r), Some(m)) = (rest, max)
            && r >= m
        {
            bad.push(format!("--resting-hr {r} is not below --max-hr {m}"));
        }
        if each_ok
            && let (Some(l), Some(m)) = (lthr, max)
            && l > m
        {
            bad.push(format!("--threshold-hr {l} is above --max-hr {m}"));
        }
        if each_ok
            && let (Some(r), Some(l)) = (rest, lthr)
            && l <= r
        {
            bad.push(format!("--threshold-hr {l} is not above --resting-hr {r}"));
        }
        let speed = match &self.threshold_pace {
            None => None,
            Some(p) => match parse_pace(p) {
                // 2:00/km to 15:00/km: anything else is a typo.
                Some(v) if (1000.0 / 900.0..=1000.0 / 120.0).contains(&v) => Some(v),
                _ => {
                    bad.push(format!(
                        "--threshold-pace {p}: expected a pace with its unit between 2:00/km and 15:00/km (e.g. 6:40/mi or 4:09/km)"
                    ));
                    None
                }
            },
        };
        if let Some(y) = self.birth_year
            && !(1900..=2025).contains(&y)
        {
            bad.push(format!("--birth-year {y}: expected 1900–2025"));
        }
        let hr_zone_model = match self.hr_zones {
            Some(HrZonesArg::Hrr) => {
                if max.is_none() || rest.is_none() {
                    bad.push("--hr-zones hrr needs --max-hr and --resting-hr".to_string());
                }
                HrZoneModel::Hrr
            }
            _ => HrZoneModel::Lthr,
        };
        if !bad.is_empty() {
            return Err(bad);
        }
        Ok(Thresholds {
            birth_year: self.birth_year,
            hr_zone_model,
            max_hr_bpm: max,
            resting_hr_bpm: rest,
            threshold_hr_bpm: lthr,
            threshold_speed_mps: speed,
            sex: self.sex.map(|s| match s {
                SexArg::Female => Sex::Female,
                SexArg::Male => Sex::Male,
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paces_need_their_unit() {
        assert!((parse_pace("4:00/km").unwrap() - 1000.0 / 240.0).abs() < 1e-12);
        assert!((parse_pace("8:00/mi").unwrap() - 1609.344 / 480.0).abs() < 1e-12);
        assert!(parse_pace("4:00").is_none());
        assert!(parse_pace("4:00/yd").is_none());
    }

    #[test]
    fn every_bad_field_is_named() {
        let a = AthleteArgs {
            max_hr: Some(300.0),
            resting_hr: Some(130.0),
            threshold_hr: Some(60.0),
            threshold_pace: Some("0:30/km".into()),
            sex: None,
            hr_zones: None,
            birth_year: None,
        };
        let bad = a.thresholds().unwrap_err();
        assert_eq!(bad.len(), 4, "{bad:?}");
        let b = AthleteArgs {
            max_hr: Some(180.0),
            resting_hr: Some(60.0),
            threshold_hr: Some(185.0),
            ..AthleteArgs::default()
        };
        assert_eq!(b.thresholds().unwrap_err().len(), 1);
    }
}
