//! Cadence: distribution of running cadence with the 170–180 band marked, and cadence
//! against pace.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::scaffold::{Chart, LABEL_PX, Root, Target, canvas, mesh, render};
use super::style::*;
use crate::Result;
use crate::report::{Analysed, Units};
use crate::score::CadenceScore;

/// Histogram bin width (steps/min).
const BIN_SPM: f64 = 2.0;

/// The cadence chart of one run: its cadence score and the running samples that score
/// counted.
pub struct CadenceChart<'a> {
    score: &'a CadenceScore,
    units: Units,
    /// Running samples as (cadence in steps/min, pace in min per display unit, seconds).
    pts: Vec<(f64, f64, f64)>,
    /// Most points drawn in the scatter.
    max_points: usize,
}

/// The cadence chart of `item`; `None` when the run has no cadence score or no running
/// sample with a speed.
pub fn chart(item: &Analysed, units: Units) -> Option<CadenceChart<'_>> {
    let score = item.analysis.scores.cadence.as_ref()?;
    // Running samples exactly as the score counted them, with the thresholds it used.
    let (rows, _) = crate::score::cadence::running_rows(&item.activity, &score.config);
    let pts: Vec<(f64, f64, f64)> = rows
        .iter()
        .filter(|r| r.4 > 0.0)
        .map(|&(_, dt, c, _, v)| (c, units.unit_m() / v / 60.0, dt))
        .collect();
    (!pts.is_empty()).then_some(CadenceChart {
        score,
        units,
        pts,
        max_points: MAX_DRAWN_POINTS * 2,
    })
}

/// Draw the cadence chart onto `to`; applies when the run has a cadence score.
pub fn draw(item: &Analysed, units: Units, to: Target<'_>) -> Result<bool> {
    render(chart(item, units), to)
}

impl Chart for CadenceChart<'_> {
    fn thin(&mut self, max: usize) {
        self.max_points = max;
    }

    fn draw<DB: DrawingBackend>(&self, root: &Root<DB>) -> Result<()> {
        let (score, units, pts) = (self.score, self.units, &self.pts);
        let (clo, chi) = quantiles(pts.iter().map(|p| p.0), 0.005, 0.995).unwrap_or((150.0, 190.0));
        let (clo, chi) = (
            (clo.min(165.0) - 4.0).floor(),
            (chi.max(185.0) + 4.0).ceil(),
        );
        let nbins = ((chi - clo) / BIN_SPM).ceil().max(1.0) as usize;
        let mut bins = vec![0.0; nbins];
        for &(c, _, dt) in pts {
            let b = ((c - clo) / BIN_SPM).floor();
            if b >= 0.0 && (b as usize) < nbins {
                bins[b as usize] += dt / 60.0;
            }
        }
        let ymax = bins.iter().copied().fold(0.0, f64::max) * 1.15 + 0.1;
        let title = format!(
            "Cadence — {:.0} steps/min average, {:.0} % of running time in {:.0}–{:.0}",
            score.avg_spm, score.in_band_pct, score.band_spm[0], score.band_spm[1]
        );
        let sub = format!(
            "below {:.0} %  ·  inside {:.0} %  ·  above {:.0} %  ·  step length {:.2} m  ·  drift {:+.0} steps/min  ·  walking left out",
            score.below_pct,
            score.in_band_pct,
            score.above_pct,
            score.step_length_m,
            score.drift_spm
        );
        canvas(root, &title, &sub)?;
        let body = root.margin(95, 10, 10, 10);
        let (left, right) = body.split_horizontally(WIDTH * 52 / 100);
        let (b0, b1) = (score.band_spm[0], score.band_spm[1]);
        let mut h = ChartBuilder::on(&left)
            .caption("time at each cadence (running only)", text(20))
            .x_label_area_size(50)
            .y_label_area_size(80)
            .margin_right(20)
            .build_cartesian_2d(clo..chi, 0.0..ymax)?;
        mesh(&mut h, LABEL_PX)
            .disable_x_mesh()
            .x_desc("cadence (steps/min)")
            .y_desc("minutes")
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| {
                if ymax < 3.0 {
                    format!("{v:.1}")
                } else {
                    format!("{v:.0}")
                }
            })
            .draw()?;
        h.draw_series(std::iter::once(Rectangle::new(
            [(b0, 0.0), (b1, ymax)],
            BAND.mix(0.6).filled(),
        )))?;
        let band_style = text(16).pos(Pos::new(HPos::Center, VPos::Top));
        h.draw_series(std::iter::once(Text::new(
            format!("{b0:.0}–{b1:.0} guideline"),
            ((b0 + b1) / 2.0, ymax * 0.99),
            band_style,
        )))?;
        h.draw_series(
            bins.iter()
                .enumerate()
                .filter(|(_, m)| **m > 0.0)
                .map(|(i, &m)| {
                    let x0 = clo + i as f64 * BIN_SPM;
                    let mid = x0 + BIN_SPM / 2.0;
                    let c = if mid < b0 {
                        BAD
                    } else if mid > b1 {
                        PACE
                    } else {
                        GOOD
                    };
                    Rectangle::new([(x0 + 0.15, 0.0), (x0 + BIN_SPM - 0.15, m)], c.filled())
                }),
        )?;
        // Cadence against pace.
        let (plo, phi) = quantiles(pts.iter().map(|p| p.1), 0.005, 0.995).unwrap_or((4.0, 12.0));
        let pad = ((phi - plo) * 0.08).max(0.2);
        let mut sc = ChartBuilder::on(&right)
            .caption(
                "cadence against pace (faster right; ● average per pace band)",
                text(20),
            )
            .x_label_area_size(50)
            .y_label_area_size(70)
            .margin_right(30)
            .build_cartesian_2d((phi + pad)..(plo - pad).max(0.0), clo..chi)?;
        mesh(&mut sc, LABEL_PX)
            .x_desc(format!("pace (min/{})", units.distance_label()))
            .y_desc("cadence (steps/min)")
            .x_label_formatter(&|v| mmss(*v * 60.0))
            .y_label_formatter(&|v| format!("{v:.0}"))
            .draw()?;
        sc.draw_series(std::iter::once(Rectangle::new(
            [(phi + pad, b0), ((plo - pad).max(0.0), b1)],
            BAND.mix(0.6).filled(),
        )))?;
        let step = pts.len().div_ceil(self.max_points.max(1)).max(1);
        sc.draw_series(
            pts.iter()
                .step_by(step)
                .filter(|p| p.1 >= plo - pad && p.1 <= phi + pad)
                .map(|p| Circle::new((p.1, p.0), 2, CADENCE.mix(0.25).filled())),
        )?;
        // Averages per pace band.
        sc.draw_series(
            score
                .pace_bands
                .iter()
                .filter(|b| b.moving_s >= 30.0)
                .map(|b| {
                    let v = band_speed(b.min_mps, b.max_mps, pts, units);
                    EmptyElement::at((v, b.avg_spm))
                        + Circle::new((0, 0), 8, INK.filled())
                        + Text::new(format!("{:.0}", b.avg_spm), (10, -20), text(16))
                }),
        )?;
        Ok(())
    }
}

/// Mean drawn pace (min per unit) of the points inside a speed band.
fn band_speed(min_mps: f64, max_mps: Option<f64>, pts: &[(f64, f64, f64)], units: Units) -> f64 {
    let unit = units.unit_m();
    let (mut sum, mut w) = (0.0, 0.0);
    for &(_, pace, dt) in pts {
        let v = unit / (pace * 60.0);
        if v >= min_mps && max_mps.is_none_or(|m| v < m) {
            sum += pace * dt;
            w += dt;
        }
    }
    if w > 0.0 { sum / w } else { f64::NAN }
}
