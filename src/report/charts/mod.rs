//! Charts drawn with plotters and the embedded DejaVu Sans font (no system fonts), as PNG files
//! or (feature `html`) inline SVG and PNG bytes:
//! `<stem>-overview.png`, `<stem>-splits.png`, `<stem>-cadence.png`, and when present
//! `<stem>-intervals.png` and `<stem>-mile.png`, where `<stem>` is the input file name
//! without its extension. Every chart is [`style::WIDTH`] px wide; the overview is
//! [`style::OVERVIEW_HEIGHT`] px high, the others [`style::HEIGHT`] px. Every chart is drawn
//! on the [`scaffold`] (canvas, mesh style, error conversion), generic over the plotters
//! backend; each module's `draw` draws onto a [`scaffold::Target`].

pub mod cadence;
pub mod intervals;
pub mod mile;
pub mod overview;
pub mod scaffold;
pub mod splits;
pub mod style;

use std::path::{Path, PathBuf};

use super::{Analysed, Units};
use crate::{Error, Result};

/// File-name stem for an activity: its source's file name without extension (for archive
/// members `a.zip!run.fit`, the member's name).
pub fn stem(source: &str) -> String {
    let member = source.rsplit('!').next().unwrap_or(source);
    let name = Path::new(member)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "activity".to_string());
    let mut s = name.as_str();
    for ext in [".gz", ".fit", ".gpx", ".tcx", ".FIT", ".GPX", ".TCX"] {
        s = s.strip_suffix(ext).unwrap_or(s);
    }
    let clean: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if clean.is_empty() {
        "activity".to_string()
    } else {
        clean
    }
}

/// A chart drawer: draws onto the target and returns whether the chart applied.
pub type Draw = fn(&Analysed, Units, scaffold::Target<'_>) -> Result<bool>;

/// Every single-run chart, by name (the file suffix), in report order.
pub const CHARTS: [(&str, Draw); 5] = [
    ("overview", overview::draw),
    ("splits", splits::draw),
    ("cadence", cadence::draw),
    ("intervals", intervals::draw),
    ("mile", mile::draw),
];

/// Every chart that applies to `item` as an inline SVG document, with its name.
#[cfg(feature = "html")]
pub fn svg_all(item: &Analysed, units: Units) -> Result<Vec<(&'static str, String)>> {
    let mut out = Vec::new();
    for (name, draw) in CHARTS {
        let mut svg = String::new();
        if draw(item, units, scaffold::Target::Svg(&mut svg))? {
            out.push((name, svg));
        }
    }
    Ok(out)
}

/// The chart `name` of `item` as PNG bytes; `None` when no chart has that name or it does not
/// apply.
#[cfg(feature = "html")]
pub fn png_named(item: &Analysed, units: Units, name: &str) -> Result<Option<Vec<u8>>> {
    let Some((_, draw)) = CHARTS.iter().find(|(n, _)| *n == name) else {
        return Ok(None);
    };
    let mut png = Vec::new();
    Ok(draw(item, units, scaffold::Target::PngBytes(&mut png))?.then_some(png))
}

/// Draw every chart that applies to `item` into `dir` (created if missing) and return the
/// paths written. Refuses to write over the activity's own input file.
pub fn write_all(item: &Analysed, dir: &Path, units: Units) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let stem = stem(&item.activity.meta.source);
    let input = std::fs::canonicalize(&item.activity.meta.source).ok();
    let mut written = Vec::new();
    for (name, draw) in CHARTS {
        let path = dir.join(format!("{stem}-{name}.png"));
        if input.is_some() && std::fs::canonicalize(&path).ok() == input {
            return Err(Error::Chart(format!(
                "refusing to overwrite the input file {}",
                path.display()
            )));
        }
        if draw(item, units, scaffold::Target::Png(&path))? {
            written.push(path);
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        assert_eq!(stem("runs/track-6x400.fit"), "track-6x400");
        assert_eq!(stem("a.zip!inner/run.gpx.gz"), "run");
        assert_eq!(stem(""), "activity");
    }
}
