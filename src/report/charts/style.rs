//! What every chart shares: the embedded font, sizes, colours, pace labels, decimation.

use std::sync::Once;

use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};

use crate::segment::SegmentKind;

/// Font family name the embedded DejaVu Sans is registered under.
pub const FONT: &str = "lapwise-sans";
/// DejaVu Sans 2.37 (see assets/fonts/README.md).
static SANS: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold 2.37.
static SANS_BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Width of every chart (px).
pub const WIDTH: u32 = 1400;
/// Height of every chart but the overview (px).
pub const HEIGHT: u32 = 800;
/// Height of the overview chart (px).
pub const OVERVIEW_HEIGHT: u32 = 1000;
/// Most points drawn per line (decimation target; computing always uses every sample).
pub const MAX_DRAWN_POINTS: usize = 2400;

/// Background.
pub const BG: RGBColor = RGBColor(252, 252, 250);
/// Text and axes.
pub const INK: RGBColor = RGBColor(40, 44, 52);
/// Grid lines.
pub const GRID: RGBColor = RGBColor(225, 225, 222);
/// Pace line and neutral bars.
pub const PACE: RGBColor = RGBColor(33, 102, 172);
/// Heart rate line.
pub const HR: RGBColor = RGBColor(200, 45, 60);
/// Cadence line and points.
pub const CADENCE: RGBColor = RGBColor(90, 60, 160);
/// Faster than average / on plan.
pub const GOOD: RGBColor = RGBColor(26, 150, 65);
/// Slower than average / off plan.
pub const BAD: RGBColor = RGBColor(215, 95, 30);
/// Neutral (about average).
pub const NEUTRAL: RGBColor = RGBColor(120, 140, 165);
/// The 170–180 band.
pub const BAND: RGBColor = RGBColor(190, 230, 190);

/// Register the embedded fonts once per process.
pub fn init_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Failure is impossible for these bundled files; if it ever happened, text would be
        // missing but drawing would still not panic.
        let _ = register_font(FONT, FontStyle::Normal, SANS);
        let _ = register_font(FONT, FontStyle::Bold, SANS_BOLD);
    });
}

/// Regular text of `size` px.
pub fn text(size: u32) -> TextStyle<'static> {
    (FONT, size).into_font().color(&INK)
}

/// Bold text of `size` px.
pub fn bold(size: u32) -> TextStyle<'static> {
    (FONT, size).into_font().style(FontStyle::Bold).color(&INK)
}

/// Shading colour and short name of a segment kind (`None` for easy running: no shading).
pub fn kind_style(kind: SegmentKind) -> (RGBColor, &'static str) {
    match kind {
        SegmentKind::Warmup => (RGBColor(200, 222, 240), "warm-up"),
        SegmentKind::Work => (RGBColor(250, 200, 170), "rep"),
        SegmentKind::Rest => (RGBColor(222, 236, 214), "rest"),
        SegmentKind::Stride => (RGBColor(225, 205, 240), "stride"),
        SegmentKind::Hill => (RGBColor(230, 210, 180), "hill"),
        SegmentKind::Tempo => (RGBColor(252, 222, 160), "tempo"),
        SegmentKind::Cooldown => (RGBColor(200, 222, 240), "cool-down"),
        SegmentKind::Easy => (RGBColor(244, 244, 240), "easy"),
        SegmentKind::MileEffort => (RGBColor(250, 215, 140), "mile"),
    }
}

/// `m:ss` for a number of seconds (axis labels).
pub fn mmss(s: f64) -> String {
    if !s.is_finite() {
        return String::new();
    }
    let t = s.round().max(0.0) as u64;
    format!("{}:{:02}", t / 60, t % 60)
}

/// Keep at most about `max` points of `(x, y)` by averaging buckets of consecutive points;
/// NaN `y` values break the line and are kept as breaks. O(n).
pub fn decimate(points: &[(f64, f64)], max: usize) -> Vec<(f64, f64)> {
    if points.len() <= max || max < 2 {
        return points.to_vec();
    }
    let bucket = points.len().div_ceil(max);
    points
        .chunks(bucket)
        .map(|c| {
            let ok: Vec<&(f64, f64)> = c.iter().filter(|p| p.1.is_finite()).collect();
            if ok.len() * 2 < c.len() {
                (c[0].0, f64::NAN)
            } else {
                let n = ok.len() as f64;
                (
                    ok.iter().map(|p| p.0).sum::<f64>() / n,
                    ok.iter().map(|p| p.1).sum::<f64>() / n,
                )
            }
        })
        .collect()
}

/// Split a line at NaN values into drawable runs.
pub fn runs(points: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for &p in points {
        if p.0.is_finite() && p.1.is_finite() {
            cur.push(p);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The `lo`/`hi` quantiles (0..1) of finite values; `None` when there are none.
pub fn quantiles(values: impl Iterator<Item = f64>, lo: f64, hi: f64) -> Option<(f64, f64)> {
    let mut v: Vec<f64> = values.filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    Some((at(lo), at(hi)))
}

/// Centred moving average over `window_s` seconds of `v` sampled at `t` (NaN skipped), with
/// `NaN` kept where the input is `NaN` so lines break at gaps. O(n).
pub fn smooth(t: &[f64], v: &[f64], window_s: f64) -> Vec<f64> {
    let mut out = crate::segment::smooth::centred_mean(t, v, window_s);
    for (o, x) in out.iter_mut().zip(v) {
        if !x.is_finite() {
            *o = f64::NAN;
        }
    }
    out
}

/// The bar number at a category-axis position (bars at 1, 2, …), for tick labels; `None`
/// between bars.
pub fn bar_number(v: f64) -> Option<u32> {
    let r = v.round();
    ((v - r).abs() < 0.01 && r >= 1.0).then_some(r as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimation_keeps_shape_and_limits() {
        let pts: Vec<(f64, f64)> = (0..18_000).map(|i| (i as f64, (i % 7) as f64)).collect();
        let d = decimate(&pts, 2000);
        assert!(d.len() <= 2000 && d.len() > 1000);
        assert_eq!(mmss(89.6), "1:30");
        let s = smooth(&[0.0, 1.0, 2.0], &[1.0, f64::NAN, 3.0], 3.0);
        assert!(s[1].is_nan() && s[0] == 1.0);
    }
}
