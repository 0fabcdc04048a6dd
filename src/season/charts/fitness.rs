//! Fitness, fatigue and form over the season (`season-fitness.png`): CTL, ATL and TSB per day
//! with each day's load as thin bars; drawn when the runs have a load (thresholds given). And
//! the weekly intensity distribution (`season-intensity.png`).

use chrono::{NaiveDate, TimeDelta};
use plotters::prelude::*;

use super::LABEL_PX;
use crate::Result;
use crate::report::Units;
use crate::report::charts::scaffold::{Chart, Root, Target, canvas, mesh, render};
use crate::report::charts::style::*;
use crate::season::Season;
use crate::season::fitness::DayRow;

/// Draw the fitness chart at `path`; applies when the season has days with a load.
pub fn draw_fitness(season: &Season, _units: Units, to: Target<'_>) -> Result<bool> {
    render(
        (!season.days.is_empty()).then_some(Fitness { days: &season.days }),
        to,
    )
}

/// The fitness chart of a season with days.
pub struct Fitness<'a> {
    days: &'a [DayRow],
}

impl Chart for Fitness<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &Root<DB>) -> Result<()> {
        let days = self.days;
        let (Some(first), Some(end)) = (days.first(), days.last()) else {
            return Ok(());
        };
        let title = format!(
            "Fitness {:.0} · fatigue {:.0} · form {:+.0}",
            end.ctl, end.atl, end.tsb
        );
        let subtitle = "blue: fitness (CTL, 42-day) · red: fatigue (ATL, 7-day) · green: form (TSB = yesterday's CTL − ATL) · grey bars: each day's load";
        canvas(root, &title, subtitle)?;
        let top = days
            .iter()
            .map(|d| d.load.max(d.ctl).max(d.atl))
            .fold(10.0, f64::max)
            * 1.1;
        let bottom = days.iter().map(|d| d.tsb).fold(0.0, f64::min) * 1.1 - 1.0;
        let x_max = (end.date - first.date).num_days() as f64 + 0.5;
        let body = root.margin(100, 10, 10, 20);
        let mut chart = ChartBuilder::on(&body)
            .x_label_area_size(50)
            .y_label_area_size(80)
            .build_cartesian_2d(-0.5..x_max, bottom..top)?;
        let start: NaiveDate = first.date;
        mesh(&mut chart, LABEL_PX)
            .x_label_formatter(&|v| {
                (start + TimeDelta::days(v.round() as i64))
                    .format("%b %d")
                    .to_string()
            })
            .y_desc("load per day (TSS-like)")
            .draw()?;
        let x = |d: &DayRow| (d.date - start).num_days() as f64;
        chart.draw_series(days.iter().filter(|d| d.load > 0.0).map(|d| {
            Rectangle::new(
                [(x(d) - 0.3, 0.0), (x(d) + 0.3, d.load)],
                NEUTRAL.mix(0.45).filled(),
            )
        }))?;
        chart.draw_series(LineSeries::new(
            [(-0.5, 0.0), (x_max, 0.0)],
            GRID.stroke_width(2),
        ))?;
        for (color, pick) in [
            (PACE, (|d: &DayRow| d.ctl) as fn(&DayRow) -> f64),
            (HR, |d: &DayRow| d.atl),
            (GOOD, |d: &DayRow| d.tsb),
        ] {
            chart.draw_series(LineSeries::new(
                days.iter().map(|d| (x(d), pick(d))),
                color.stroke_width(3),
            ))?;
        }
        Ok(())
    }
}

/// Weekly intensity distribution (`season-intensity.png`): stacked bars of the share of the
/// week's time in HR zones 1–2, 3 and 4–5; drawn when some week has HR zone times.
pub fn draw_intensity(season: &Season, _units: Units, to: Target<'_>) -> Result<bool> {
    let applies = season.weeks.iter().any(|w| w.low_pct.is_some());
    render(applies.then_some(Intensity { season }), to)
}

/// The intensity chart of a season whose weeks have HR zone times.
pub struct Intensity<'a> {
    season: &'a Season,
}

impl Chart for Intensity<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &Root<DB>) -> Result<()> {
        let weeks = &self.season.weeks;
        let title = "Intensity per week (share of time in heart-rate zones)";
        let subtitle = "blue: low (Z1–Z2) · yellow: moderate (Z3) · red: high (Z4–Z5) · polarized training keeps about 80 % low";
        canvas(root, title, subtitle)?;
        let n = weeks.len();
        let starts: Vec<String> = weeks.iter().map(|w| w.week_start.clone()).collect();
        let body = root.margin(100, 10, 10, 20);
        let mut chart = super::week_axes(&body, &starts, 100.0, "share of zone time (%)")?;
        let colors = [PACE.mix(0.7), RGBColor(240, 180, 40).mix(0.9), HR.mix(0.85)];
        for (i, w) in weeks.iter().enumerate() {
            let (Some(lo), Some(mid), Some(hi)) = (w.low_pct, w.mid_pct, w.high_pct) else {
                continue;
            };
            let x = (i + 1) as f64;
            let mut base = 0.0;
            for (share, c) in [lo, mid, hi].into_iter().zip(colors) {
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x - 0.36, base), (x + 0.36, base + share)],
                    c.filled(),
                )))?;
                base += share;
            }
        }
        chart.draw_series(DashedLineSeries::new(
            vec![(0.4, 80.0), (n as f64 + 0.6, 80.0)],
            8,
            6,
            INK.stroke_width(1),
        ))?;
        Ok(())
    }
}
