//! Length constants and the unit system a run is reported in. Formatting (paces, clocks) lives in
//! `report::units`; this is only what every stage may need to know.

use serde::Serialize;

/// Metres in a statute mile (the one mile constant of the crate).
pub const MILE_M: f64 = 1609.344;
/// Metres in a foot.
pub const FOOT_M: f64 = 0.3048;

/// The unit system used for display and for splits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Units {
    /// Miles, feet, min/mi, mph.
    #[default]
    Imperial,
    /// Kilometres, metres, min/km, km/h.
    Metric,
}

impl Units {
    /// Length of one split / distance unit in metres.
    pub fn unit_m(self) -> f64 {
        match self {
            Units::Imperial => MILE_M,
            Units::Metric => 1000.0,
        }
    }

    /// Short name of the distance unit (`mi`, `km`).
    pub fn distance_label(self) -> &'static str {
        match self {
            Units::Imperial => "mi",
            Units::Metric => "km",
        }
    }
}
