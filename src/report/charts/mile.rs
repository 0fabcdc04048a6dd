//! mile chart.

use std::path::Path;

use crate::Result;
use crate::report::{Analysed, Units};

/// Draw the mile chart.
pub fn draw(_item: &Analysed, _units: Units, _path: &Path) -> Result<bool> {
    Ok(false)
}
