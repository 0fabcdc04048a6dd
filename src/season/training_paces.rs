//! Training paces now, for every workout of the seed articles' mile plan, from the season's
//! fitness: the best VDOT of the recent best efforts (Daniels & Gilbert 1979, as
//! `score::mile::vdot` computes it) and the speed whose oxygen cost
//! `VO2 = −4.60 + 0.182258 v + 0.000104 v²` (v in m/min) is a share of it, with Daniels'
//! shares (J. Daniels, "Daniels' Running Formula", 3rd ed., 2014): easy and long runs 59–74 %,
//! threshold (tempo) 83–88 % (the seed article's "lactate threshold around 83–88 % of VO2max"),
//! VO2max intervals 95–100 %, repetitions and strides 105–110 %; mile pace is the predicted
//! mile of the season ([`super::records::predictions`]).

use serde::Serialize;

use super::records::RacePrediction;

/// Daniels' intensity bands as shares of VDOT: (workout, low share, high share).
pub const BANDS: [(&str, f64, f64); 5] = [
    ("easy", 0.59, 0.74),
    ("long", 0.59, 0.74),
    ("threshold", 0.83, 0.88),
    ("vo2max_intervals", 0.95, 1.00),
    ("strides", 1.05, 1.10),
];

/// One workout's pace range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrainingPace {
    /// Workout (`easy`, `long`, `threshold`, `vo2max_intervals`, `mile`, `strides`).
    pub workout: String,
    /// Slowest speed of the range (m/s).
    pub low_mps: f64,
    /// Fastest speed of the range (m/s).
    pub high_mps: f64,
}

/// Training paces from the season's predictions, with the VDOT they come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrainingPaces {
    /// The VDOT used: the best of the recent best efforts.
    pub vdot: f64,
    /// The pace ranges, easiest first.
    pub paces: Vec<TrainingPace>,
}

/// The speed (m/s) whose oxygen cost is `vo2` ml/kg/min (the root of Daniels–Gilbert's cost).
pub fn speed_for_vo2(vo2: f64) -> Option<f64> {
    let (a, b, c) = (0.000_104, 0.182_258, -4.60 - vo2);
    let disc = b * b - 4.0 * a * c;
    (disc >= 0.0).then(|| (-b + disc.sqrt()) / (2.0 * a) / 60.0)
}

/// Training paces from the predictions' best VDOT; `None` without one.
pub fn training_paces(predictions: &[RacePrediction]) -> Option<TrainingPaces> {
    let vdot = predictions
        .iter()
        .filter_map(|p| p.vdot)
        .filter(|v| v.is_finite() && *v > 0.0)
        .reduce(f64::max)?;
    let mut paces: Vec<TrainingPace> = Vec::new();
    for (workout, lo, hi) in BANDS {
        let (Some(low), Some(high)) = (speed_for_vo2(lo * vdot), speed_for_vo2(hi * vdot)) else {
            continue;
        };
        if workout == "strides"
            && let Some(m) = predictions.iter().find(|p| p.race == "mile")
        {
            let v = m.distance_m / m.predicted_s;
            paces.push(TrainingPace {
                workout: "mile".into(),
                low_mps: v,
                high_mps: v,
            });
        }
        paces.push(TrainingPace {
            workout: workout.into(),
            low_mps: low,
            high_mps: high,
        });
    }
    Some(TrainingPaces { vdot, paces })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Worked example by hand: VDOT 50 at 88 % is 44 ml/kg/min; 0.000104 v² + 0.182258 v −
    /// 48.6 = 0 gives v = 235.1 m/min, 4:15/km (Daniels' table: VDOT 50, threshold 4:15/km).
    #[test]
    fn threshold_pace_of_vdot_50() {
        let v = speed_for_vo2(0.88 * 50.0).expect("speed") * 60.0;
        assert!((v - 235.1).abs() < 0.2, "{v}");
        let per_km = 1000.0 / v * 60.0;
        assert!((per_km - 255.0).abs() < 1.0, "{per_km}");
    }

    #[test]
    fn paces_rise_with_the_workout() {
        let p = RacePrediction {
            race: "mile".into(),
            distance_m: 1609.344,
            predicted_s: 360.0,
            from_effort: "1 mile".into(),
            from_elapsed_s: 360.0,
            from_date: "2026-01-01".into(),
            vdot: crate::score::mile::vdot(1609.344, 360.0),
        };
        let t = training_paces(&[p]).expect("paces");
        let names: Vec<&str> = t.paces.iter().map(|p| p.workout.as_str()).collect();
        assert_eq!(
            names,
            [
                "easy",
                "long",
                "threshold",
                "vo2max_intervals",
                "mile",
                "strides"
            ]
        );
        assert!(t.paces.windows(2).all(|w| w[1].high_mps >= w[0].high_mps));
    }
}
