//! `--units` on the command line.

use clap::ValueEnum;

use lapwise::report::Units;

/// Unit system for display and splits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UnitsArg {
    /// Miles, min/mi, feet.
    Imperial,
    /// Kilometres, min/km, metres.
    Metric,
}

impl From<UnitsArg> for Units {
    fn from(u: UnitsArg) -> Self {
        match u {
            UnitsArg::Imperial => Units::Imperial,
            UnitsArg::Metric => Units::Metric,
        }
    }
}
