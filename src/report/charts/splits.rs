//! Splits: one bar per mile/km split (faster = taller), coloured against the average pace,
//! titled with the evenness score and label.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::scaffold::{Chart, LABEL_PX, Root, Target, canvas, mesh, render};
use super::style::*;
use crate::Result;
use crate::report::{Analysed, Units};
use crate::score::PacingLabel;

/// A split within ± this % of the average pace is drawn neutral.
const NEUTRAL_PCT: f64 = 1.0;

/// The splits chart of one run, ready to draw.
pub struct SplitsChart {
    units: Units,
    /// Splits with a pace as (pace in min per display unit, distance in m, partial).
    splits: Vec<(f64, f64, bool)>,
    /// Average pace (min per display unit).
    avg: f64,
    title: String,
    subtitle: String,
}

/// Draw the splits chart onto `to`; applies when the run has at least one split
/// with a pace.
pub fn draw(item: &Analysed, units: Units, to: Target<'_>) -> Result<bool> {
    render(chart(item, units), to)
}

/// The splits chart of `item`; `None` when no split has a pace.
pub fn chart(item: &Analysed, units: Units) -> Option<SplitsChart> {
    let unit = units.unit_m();
    let splits: Vec<(f64, f64, bool)> = item
        .analysis
        .segmentation
        .splits
        .iter()
        .filter_map(|s| {
            s.avg_speed_mps
                .filter(|v| *v > 0.3)
                .map(|v| (unit / v / 60.0, s.distance_m, s.partial))
        })
        .collect();
    if splits.is_empty() {
        return None;
    }
    let sum = &item.analysis.summary;
    let avg = sum
        .avg_speed_mps
        .filter(|v| *v > 0.0)
        .map(|v| unit / v / 60.0)
        .unwrap_or_else(|| splits.iter().map(|s| s.0).sum::<f64>() / splits.len() as f64);
    let title = format!(
        "Splits per {} — average {}",
        units.distance_label(),
        units.pace(unit / avg / 60.0)
    );
    let subtitle = match &item.analysis.scores.pacing {
        Some(p) => {
            let label = match p.label {
                PacingLabel::Negative => "negative split",
                PacingLabel::Even => "even split",
                PacingLabel::Positive => "positive split",
            };
            let half = if p.half_split_pct >= 0.0 {
                "slower"
            } else {
                "faster"
            };
            let part =
                if p.start_s > item.activity.samples.time_s.first().copied().unwrap_or(0.0) + 1.0 {
                    " (warm-up and cool-down left out)"
                } else {
                    ""
                };
            format!(
                "evenness {:.0}/100  ·  {label}: 2nd half {:.1} % {half}  ·  split pace varied {:.1} %{part}",
                p.evenness,
                p.half_split_pct.abs(),
                p.cv_pct
            )
        }
        None => "too short for a pacing score".to_string(),
    };
    Some(SplitsChart {
        units,
        splits,
        avg,
        title,
        subtitle,
    })
}

impl Chart for SplitsChart {
    fn draw<DB: DrawingBackend>(&self, root: &Root<DB>) -> Result<()> {
        let (units, splits, avg) = (self.units, &self.splits, self.avg);
        let unit = units.unit_m();
        canvas(root, &self.title, &self.subtitle)?;
        legend(root)?;
        let (lo, hi) = splits.iter().fold((f64::INFINITY, 0.0_f64), |(a, b), s| {
            (a.min(s.0), b.max(s.0))
        });
        let span = (hi - lo).max(0.33);
        let (bottom, top) = (hi + span * 0.6, (lo - span * 0.35).max(0.0));
        let n = splits.len();
        let body = root.margin(100, 10, 10, 20);
        let mut chart = ChartBuilder::on(&body)
            .x_label_area_size(50)
            .y_label_area_size(90)
            .build_cartesian_2d(0.4..(n as f64 + 0.6), bottom..top)?;
        mesh(&mut chart, LABEL_PX)
            .disable_x_mesh()
            .x_labels(n.min(30))
            .x_label_formatter(&|v: &f64| {
                bar_number(*v).map_or_else(String::new, |k| format!("{k}"))
            })
            .y_label_formatter(&|v| mmss(*v * 60.0))
            .x_desc(format!("split ({})", units.distance_label()))
            .y_desc(format!("pace (min/{}), faster up", units.distance_label()))
            .draw()?;
        for (k, &(pace, dist, partial)) in splits.iter().enumerate() {
            let x = (k + 1) as f64;
            let pct = 100.0 * (pace - avg) / avg;
            let c = if pct < -NEUTRAL_PCT {
                GOOD
            } else if pct > NEUTRAL_PCT {
                BAD
            } else {
                NEUTRAL
            };
            let style = if partial {
                c.mix(0.45).filled()
            } else {
                c.filled()
            };
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x - 0.36, bottom), (x + 0.36, pace)],
                style,
            )))?;
            let mut label = mmss(pace * 60.0);
            if partial {
                label = format!("{label} ({:.2} {})", dist / unit, units.distance_label());
            }
            let size = if n > 20 { 12 } else { 17 };
            let style = bold(size).pos(Pos::new(HPos::Center, VPos::Bottom));
            chart.draw_series(std::iter::once(Text::new(label, (x, pace), style)))?;
        }
        chart.draw_series(DashedLineSeries::new(
            vec![(0.4, avg), (n as f64 + 0.6, avg)],
            8,
            6,
            INK.mix(0.7).stroke_width(2),
        ))?;
        let style = text(16).pos(Pos::new(HPos::Right, VPos::Bottom));
        chart.draw_series(std::iter::once(Text::new(
            "average".to_string(),
            (n as f64 + 0.55, avg),
            style,
        )))?;
        Ok(())
    }
}

/// The colour key at the top right.
fn legend<DB: DrawingBackend>(root: &Root<DB>) -> Result<()> {
    let mut x = WIDTH as i32 - 520;
    for (c, l) in [
        (GOOD, "faster than avg"),
        (NEUTRAL, "within 1 %"),
        (BAD, "slower than avg"),
    ] {
        root.draw(&Rectangle::new([(x, 22), (x + 20, 38)], c.filled()))?;
        root.draw(&Text::new(l.to_string(), (x + 26, 20), text(17)))?;
        x += 50 + 9 * l.len() as i32;
    }
    Ok(())
}
