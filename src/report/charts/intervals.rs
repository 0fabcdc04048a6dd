//! Intervals: one bar per rep (faster = taller) with the goal line when given, and the
//! recovery durations below.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::scaffold::{Chart, LABEL_PX, Root, Target, canvas, mesh, render};
use super::style::*;
use crate::Result;
use crate::report::{Analysed, Units};
use crate::score::IntervalScore;
use crate::segment::Intervals;

/// Reps whose judged distances agree within this fraction are drawn as times, not paces.
const SAME_DISTANCE_TOL: f64 = 0.05;

/// The intervals chart of one run: the interval score and the detected reps and recoveries.
pub struct IntervalsChart<'a> {
    sc: &'a IntervalScore,
    iv: &'a Intervals,
    units: Units,
}

/// The intervals chart of `item`; `None` when no intervals with reps were scored.
pub fn chart(item: &Analysed, units: Units) -> Option<IntervalsChart<'_>> {
    let (Some(sc), Some(iv)) = (
        &item.analysis.scores.intervals,
        &item.analysis.segmentation.intervals,
    ) else {
        return None;
    };
    (!sc.reps.is_empty()).then_some(IntervalsChart { sc, iv, units })
}

/// Draw the intervals chart onto `to`; applies when intervals were scored.
pub fn draw(item: &Analysed, units: Units, to: Target<'_>) -> Result<bool> {
    render(chart(item, units), to)
}

impl Chart for IntervalsChart<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &Root<DB>) -> Result<()> {
        let (sc, iv, units) = (self.sc, self.iv, self.units);
        let d0 = sc.reps[0].distance_m;
        let same = sc
            .reps
            .iter()
            .all(|r| (r.distance_m / d0 - 1.0).abs() <= SAME_DISTANCE_TOL);
        // Value per rep in minutes: rep time (same distance) or pace per unit.
        let per = if same { d0 } else { units.unit_m() };
        let vals: Vec<f64> = sc.reps.iter().map(|r| per / r.speed_mps / 60.0).collect();
        let goal = sc
            .reps
            .iter()
            .find_map(|r| r.goal)
            .map(|g| per / g.speed_mps() / 60.0);
        let (lo, hi) = vals
            .iter()
            .chain(goal.iter())
            .fold((f64::INFINITY, 0.0_f64), |(a, b), &v| (a.min(v), b.max(v)));
        let span = (hi - lo).max(hi * 0.08);
        let (bottom, top) = (hi + span * 0.8, (lo - span * 0.35).max(0.0));
        let what = if same {
            format!("{d0:.0} m reps")
        } else {
            "reps".to_string()
        };
        canvas(
            root,
            &format!("Intervals — {} × {what}", sc.reps.len()),
            &sc.verdict,
        )?;
        let body = root.margin(95, 10, 10, 20);
        let has_rest = !iv.recoveries.is_empty();
        let (top_area, rest_area) = body.split_vertically(if has_rest {
            body.dim_in_pixel().1 * 70 / 100
        } else {
            body.dim_in_pixel().1
        });
        let n = sc.reps.len();
        let y_desc = if same {
            format!("time per {d0:.0} m (m:ss), faster up")
        } else {
            format!("pace (min/{}), faster up", units.distance_label())
        };
        let mut ch = ChartBuilder::on(&top_area)
            .x_label_area_size(40)
            .y_label_area_size(90)
            .build_cartesian_2d(0.4..(n as f64 + 0.6), bottom..top)?;
        mesh(&mut ch, LABEL_PX)
            .disable_x_mesh()
            .x_labels(n.min(30))
            .x_label_formatter(&|v: &f64| {
                bar_number(*v).map_or_else(String::new, |k| format!("rep {k}"))
            })
            .y_label_formatter(&|v| mmss(*v * 60.0))
            .y_desc(y_desc)
            .draw()?;
        let mean = vals.iter().sum::<f64>() / n as f64;
        for (k, (&v, r)) in vals.iter().zip(&sc.reps).enumerate() {
            let x = (k + 1) as f64;
            let reference = goal.unwrap_or(mean);
            let dev_s = (v - reference) * 60.0;
            let c = if dev_s < -1.0 {
                GOOD
            } else if dev_s > 1.0 {
                BAD
            } else {
                NEUTRAL
            };
            ch.draw_series(std::iter::once(Rectangle::new(
                [(x - 0.35, bottom), (x + 0.35, v)],
                c.filled(),
            )))?;
            let mut label = crate::report::units::clock_tenths(v * 60.0);
            if let Some(d) = r.goal_deviation_s {
                label = format!("{label} ({d:+.1})");
            }
            ch.draw_series(std::iter::once(Text::new(
                label,
                (x, v),
                bold(16).pos(Pos::new(HPos::Center, VPos::Bottom)),
            )))?;
        }
        let (line, name) = match goal {
            Some(g) => (
                g,
                format!("goal {}", crate::report::units::clock_tenths(g * 60.0)),
            ),
            None => (mean, "average".to_string()),
        };
        ch.draw_series(DashedLineSeries::new(
            vec![(0.4, line), (n as f64 + 0.6, line)],
            8,
            6,
            INK.mix(0.8).stroke_width(2),
        ))?;
        ch.draw_series(std::iter::once(Text::new(
            name,
            (n as f64 + 0.55, line),
            text(16).pos(Pos::new(HPos::Right, VPos::Bottom)),
        )))?;
        if has_rest {
            let rests: Vec<f64> = iv.recoveries.iter().map(|r| r.elapsed_s).collect();
            let rmax = rests.iter().copied().fold(0.0, f64::max) * 1.3 + 1.0;
            let mut rc = ChartBuilder::on(&rest_area)
                .margin_top(10)
                .x_label_area_size(30)
                .y_label_area_size(90)
                .build_cartesian_2d(0.4..(n as f64 + 0.6), 0.0..rmax)?;
            mesh(&mut rc, LABEL_PX)
                .disable_x_mesh()
                .x_labels(0)
                .y_labels(4)
                .y_label_formatter(&|v| mmss(*v))
                .y_desc("rest (m:ss)")
                .draw()?;
            for (k, (&r, rec)) in rests.iter().zip(&iv.recoveries).enumerate() {
                // The rest after rep k+1 sits between its bars.
                let x = (k + 1) as f64 + 0.5;
                rc.draw_series(std::iter::once(Rectangle::new(
                    [(x - 0.2, 0.0), (x + 0.2, r)],
                    NEUTRAL.mix(0.7).filled(),
                )))?;
                if rec.kind == crate::segment::reps::RestKind::None {
                    continue;
                }
                let kind = rec.kind.as_str();
                rc.draw_series(std::iter::once(Text::new(
                    format!("{} {kind}", mmss(r)),
                    (x, r),
                    text(15).pos(Pos::new(HPos::Center, VPos::Bottom)),
                )))?;
            }
        }
        Ok(())
    }
}
