//! The simulated athlete: paces per effort, heart rate that lags effort, cadence that rises
//! with speed. Every parameter is a field with a documented default range.

use super::plan::Effort;
use super::rng::SimRng;

/// Speed of each effort as a fraction of mile race speed.
pub const EFFORT_FRACTION: [(Effort, f64); 8] = [
    (Effort::Recovery, 0.62),
    (Effort::Easy, 0.70),
    (Effort::Long, 0.68),
    (Effort::Tempo, 0.84),
    (Effort::TenK, 0.87),
    (Effort::FiveK, 0.91),
    (Effort::Mile, 1.0),
    (Effort::Sprint, 1.18),
];

/// Steady-state heart-rate reserve fraction by effort (speed ÷ mile speed), linearly interpolated.
const HR_RESERVE_BY_EFFORT: [(f64, f64); 8] = [
    (0.0, 0.15),
    (0.35, 0.33),
    (0.55, 0.52),
    (0.70, 0.63),
    (0.84, 0.82),
    (0.91, 0.90),
    (1.0, 0.96),
    (1.2, 1.0),
];

/// Heart-rate time constant when effort rises (s).
pub const HR_TAU_UP_S: f64 = 22.0;
/// Heart-rate time constant when effort falls (s).
pub const HR_TAU_DOWN_S: f64 = 45.0;
/// Cardiac drift: bpm added per hour of continuous effort.
pub const HR_DRIFT_BPM_PER_H: f64 = 6.0;
/// Extra effort per unit of uphill grade (a 5 % grade costs ~17 % more).
pub const GRADE_COST_UP: f64 = 3.4;
/// Speed gain per unit of downhill grade (capped at [`DOWNHILL_GAIN_MAX`]).
pub const GRADE_GAIN_DOWN: f64 = 1.2;
/// Largest relative speed gain downhill.
pub const DOWNHILL_GAIN_MAX: f64 = 0.08;
/// Walking speed (m/s).
pub const WALK_SPEED_MPS: f64 = 1.4;
/// Below this speed the athlete walks (cadence ~115 spm) rather than runs.
pub const WALK_RUN_SPEED_MPS: f64 = 1.9;
/// Walking cadence (steps/min).
pub const WALK_CADENCE_SPM: f64 = 114.0;
/// Highest running cadence the model produces (steps/min).
pub const MAX_CADENCE_SPM: f64 = 205.0;

/// A critical-speed model of a runner's maximal efforts (Monod & Scherrer 1965; Hill 1993):
/// a distance `d` run flat out takes `(d − D′) / CS`, so the speed held falls towards CS as the
/// distance grows. docs/metrics.md §5b has the fit lapwise makes from a season's best efforts.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct CsModel {
    /// Critical speed (m/s).
    pub cs_mps: f64,
    /// D′, the distance that can be covered above CS (m).
    pub d_prime_m: f64,
}

impl CsModel {
    /// Time to run `d` metres flat out (s).
    pub fn time_s(&self, d: f64) -> f64 {
        (d - self.d_prime_m).max(1.0) / self.cs_mps
    }

    /// Speed held over `d` metres flat out (m/s).
    pub fn speed(&self, d: f64) -> f64 {
        d / self.time_s(d)
    }
}

/// One simulated athlete.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Runner {
    /// Current mile race time in seconds (all paces derive from it); default 6:00–7:40.
    pub mile_s: f64,
    /// Resting heart rate (bpm); default 48–62.
    pub hr_rest: f64,
    /// Maximum heart rate (bpm); default 180–198.
    pub hr_max: f64,
    /// Cadence at easy pace (steps/min); default 160–170.
    pub cadence_easy_spm: f64,
    /// Cadence at mile pace (steps/min); default 180–195.
    pub cadence_mile_spm: f64,
    /// Acceleration when speeding up (m/s²); default 1.6–2.4.
    pub accel_mps2: f64,
    /// Deceleration when slowing down (m/s²); default 1.0–1.6.
    pub decel_mps2: f64,
    /// Jog-recovery speed as a fraction of mile speed; default 0.50–0.58.
    pub jog_fraction: f64,
    /// When set, race efforts (mile, 5 km, 10 km) follow this model instead of fixed
    /// fractions of mile speed, and `mile_s` is the model's mile. Left out of truth files when
    /// unset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cs: Option<CsModel>,
}

impl Runner {
    /// A runner drawn from the default ranges.
    pub fn random(rng: &mut SimRng) -> Runner {
        Runner {
            mile_s: rng.range(360.0, 460.0).round(),
            hr_rest: rng.range(48.0, 62.0).round(),
            hr_max: rng.range(180.0, 198.0).round(),
            cadence_easy_spm: rng.range(160.0, 170.0),
            cadence_mile_spm: rng.range(181.0, 194.0),
            accel_mps2: rng.range(1.6, 2.4),
            decel_mps2: rng.range(1.0, 1.6),
            jog_fraction: rng.range(0.50, 0.58),
            cs: None,
        }
    }

    /// This runner with race efforts following `model` (and the model's mile).
    pub fn with_cs(self, model: CsModel) -> Runner {
        Runner {
            mile_s: model.time_s(crate::model::MILE_M),
            cs: Some(model),
            ..self
        }
    }

    /// Mile race speed (m/s).
    pub fn mile_speed(&self) -> f64 {
        crate::model::MILE_M / self.mile_s
    }

    /// Speed of a named effort (m/s): the critical-speed model's for race efforts when the
    /// runner has one, else a fixed fraction of mile speed.
    pub fn effort_speed(&self, e: Effort) -> f64 {
        if let Some(m) = self.cs {
            match e {
                Effort::Mile => return m.speed(crate::model::MILE_M),
                Effort::FiveK => return m.speed(5000.0),
                Effort::TenK => return m.speed(10_000.0),
                _ => {}
            }
        }
        let f = EFFORT_FRACTION
            .iter()
            .find(|(k, _)| *k == e)
            .map(|(_, f)| *f)
            .unwrap_or(0.7);
        f * self.mile_speed()
    }

    /// Jog recovery speed (m/s).
    pub fn jog_speed(&self) -> f64 {
        self.jog_fraction * self.mile_speed()
    }

    /// Steady-state heart rate for a speed (already grade-adjusted) in m/s.
    pub fn steady_hr(&self, effective_speed: f64) -> f64 {
        let f = effective_speed / self.mile_speed();
        let reserve = interpolate(&HR_RESERVE_BY_EFFORT, f);
        self.hr_rest + (self.hr_max - self.hr_rest) * reserve
    }

    /// Cadence (steps/min) at a speed on a grade; 0 when standing.
    pub fn cadence(&self, speed: f64, grade: f64) -> f64 {
        if speed < 0.2 {
            return 0.0;
        }
        if speed < WALK_RUN_SPEED_MPS {
            return WALK_CADENCE_SPM + 8.0 * (speed - WALK_SPEED_MPS);
        }
        let easy = self.effort_speed(Effort::Easy);
        let slope = (self.cadence_mile_spm - self.cadence_easy_spm) / (self.mile_speed() - easy);
        // uphill: shorter, quicker steps
        let hill = 40.0 * grade.clamp(0.0, 0.15);
        (self.cadence_easy_spm + slope * (speed - easy) + hill).clamp(140.0, MAX_CADENCE_SPM)
    }
}

/// Grade-adjusted effort speed: what a speed on a grade costs, expressed as a flat speed.
pub fn effort_speed_on_grade(speed: f64, grade: f64) -> f64 {
    if grade >= 0.0 {
        speed * (1.0 + GRADE_COST_UP * grade)
    } else {
        speed / (1.0 + (GRADE_GAIN_DOWN * -grade).min(DOWNHILL_GAIN_MAX))
    }
}

/// Speed a runner holds on a grade when aiming for the effort of `flat_speed` on the flat.
pub fn speed_on_grade(flat_speed: f64, grade: f64) -> f64 {
    if grade >= 0.0 {
        flat_speed / (1.0 + GRADE_COST_UP * grade)
    } else {
        flat_speed * (1.0 + (GRADE_GAIN_DOWN * -grade).min(DOWNHILL_GAIN_MAX))
    }
}

/// Piecewise-linear interpolation in a table sorted by x, clamped at the ends.
pub fn interpolate(table: &[(f64, f64)], x: f64) -> f64 {
    let (Some(first), Some(last)) = (table.first(), table.last()) else {
        return 0.0;
    };
    if x <= first.0 {
        return first.1;
    }
    for w in table.windows(2) {
        let (a, b) = (w[0], w[1]);
        if x <= b.0 {
            return a.1 + (b.1 - a.1) * (x - a.0) / (b.0 - a.0);
        }
    }
    last.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cadence_rises_with_speed_and_hr_with_effort() {
        let r = Runner::random(&mut SimRng::new(1));
        let easy = r.effort_speed(Effort::Easy);
        let mile = r.effort_speed(Effort::Mile);
        let ce = r.cadence(easy, 0.0);
        let cm = r.cadence(mile, 0.0);
        assert!((159.0..171.0).contains(&ce), "{ce}");
        assert!((180.0..196.0).contains(&cm), "{cm}");
        assert!(r.steady_hr(mile) > r.steady_hr(easy) + 20.0);
        assert_eq!(r.cadence(0.0, 0.0), 0.0);
    }
}
