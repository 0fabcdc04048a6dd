//! Season trend charts: best-mile progression, weekly cadence against the 170–180 band, and
//! pacing evenness per run.

use chrono::{NaiveDate, TimeDelta};
use plotters::prelude::*;

use super::{LABEL_PX, week_label};
use crate::Result;
use crate::report::Units;
use crate::report::charts::scaffold::{Chart, Root, Target, canvas, mesh, render};
use crate::report::charts::style::*;
use crate::season::Season;

/// Lower and upper edge of the cadence guideline band (steps/min).
const BAND_SPM: (f64, f64) = (170.0, 180.0);

fn day(s: &str) -> Option<NaiveDate> {
    s.parse().ok()
}

/// Days since `first` as x, labelled with dates.
fn date_label(first: NaiveDate, v: f64) -> String {
    (first + TimeDelta::days(v.round() as i64))
        .format("%b %d")
        .to_string()
}

/// Best mile of every run (dots), the season best so far (green steps), new bests ringed.
/// Draws onto `to`; applies when some run has a best mile.
pub fn draw_best_mile(season: &Season, _units: Units, to: Target<'_>) -> Result<bool> {
    render(best_mile(season), to)
}

/// The best-mile chart: per run (date, best mile, season best so far, both in minutes, new
/// best), and the first and last date.
pub struct BestMile {
    pts: Vec<(NaiveDate, f64, f64, bool)>,
    first: NaiveDate,
    last: NaiveDate,
}

/// The best-mile chart of `season`; `None` when no run has a best mile.
fn best_mile(season: &Season) -> Option<BestMile> {
    let pts: Vec<(NaiveDate, f64, f64, bool)> = season
        .best_mile_progression
        .iter()
        .filter_map(|p| {
            day(&p.date).map(|d| (d, p.best_mile_s / 60.0, p.season_best_s / 60.0, p.new_best))
        })
        .collect();
    let (first, last) = (pts.first()?.0, pts.last()?.0);
    Some(BestMile { pts, first, last })
}

impl Chart for BestMile {
    fn draw<DB: DrawingBackend>(&self, root: &Root<DB>) -> Result<()> {
        let (pts, first, last) = (&self.pts, self.first, self.last);
        let best = pts.iter().map(|p| p.2).fold(f64::INFINITY, f64::min);
        let title = format!("Best mile per run — season best {}", mmss(best * 60.0));
        let subtitle = "dots: the fastest mile inside each run · green: season best so far (ringed when it improved) · faster up";
        canvas(root, &title, subtitle)?;
        let (lo, hi) = pts.iter().fold((f64::INFINITY, 0.0_f64), |(a, b), p| {
            (a.min(p.1), b.max(p.1))
        });
        let span = (hi - lo).max(0.25);
        let x_max = ((last - first).num_days() as f64).max(1.0) + 0.5;
        let body = root.margin(100, 10, 10, 20);
        let mut chart = ChartBuilder::on(&body)
            .x_label_area_size(50)
            .y_label_area_size(90)
            .build_cartesian_2d(-0.5..x_max, (hi + span * 0.1)..(lo - span * 0.1))?;
        mesh(&mut chart, LABEL_PX)
            .x_label_formatter(&|v| date_label(first, *v))
            .y_label_formatter(&|v| mmss(*v * 60.0))
            .y_desc("mile time (min:s)")
            .draw()?;
        let x = |d: NaiveDate| (d - first).num_days() as f64;
        chart.draw_series(
            pts.iter()
                .map(|p| Circle::new((x(p.0), p.1), 5, NEUTRAL.filled())),
        )?;
        let mut steps = Vec::new();
        for p in pts {
            if let Some(&(_, y)) = steps.last() {
                steps.push((x(p.0), y));
            }
            steps.push((x(p.0), p.2));
        }
        chart.draw_series(LineSeries::new(steps, GOOD.stroke_width(3)))?;
        chart.draw_series(
            pts.iter()
                .filter(|p| p.3)
                .map(|p| Circle::new((x(p.0), p.2), 9, GOOD.stroke_width(3))),
        )?;
        Ok(())
    }
}

/// Weekly average cadence (line and dots) against the shaded 170–180 band. Writes a PNG at
/// `path`; applies when some week has a cadence.
pub fn draw_cadence(season: &Season, _units: Units, to: Target<'_>) -> Result<bool> {
    let pts: Vec<(f64, f64)> = season
        .weeks
        .iter()
        .enumerate()
        .filter_map(|(i, w)| w.avg_cadence_spm.map(|c| ((i + 1) as f64, c)))
        .collect();
    render(
        (!pts.is_empty()).then_some(CadenceTrend { season, pts }),
        to,
    )
}

/// The weekly cadence chart: (week number from 1, average cadence) of the weeks with one.
pub struct CadenceTrend<'a> {
    season: &'a Season,
    pts: Vec<(f64, f64)>,
}

impl Chart for CadenceTrend<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &Root<DB>) -> Result<()> {
        let (season, pts) = (self.season, &self.pts);
        let starts: Vec<String> = season.weeks.iter().map(|w| w.week_start.clone()).collect();
        let in_band: f64 = season.weeks.iter().map(|w| w.cadence_in_band_s).sum();
        let moving: f64 = season.weeks.iter().map(|w| w.moving_s).sum();
        let title = "Average cadence per week (steps/min)";
        let subtitle = format!(
            "green band: the 170–180 guideline · {:.0} h {:02.0} min of running in the band ({:.0} % of moving time)",
            (in_band / 3600.0).floor(),
            (in_band % 3600.0) / 60.0,
            if moving > 0.0 {
                in_band / moving * 100.0
            } else {
                0.0
            }
        );
        canvas(root, title, &subtitle)?;
        let (lo, hi) = pts.iter().fold((BAND_SPM.0, BAND_SPM.1), |(a, b), p| {
            (a.min(p.1), b.max(p.1))
        });
        let n = season.weeks.len();
        let body = root.margin(100, 10, 10, 20);
        let mut chart = ChartBuilder::on(&body)
            .x_label_area_size(50)
            .y_label_area_size(80)
            .build_cartesian_2d(0.4..(n as f64 + 0.6), (lo - 6.0)..(hi + 6.0))?;
        mesh(&mut chart, LABEL_PX)
            .x_labels(n.min(26))
            .x_label_formatter(&|v| week_label(&starts, *v))
            .x_desc("week starting")
            .y_desc("steps/min")
            .draw()?;
        chart.draw_series(std::iter::once(Rectangle::new(
            [(0.4, BAND_SPM.0), (n as f64 + 0.6, BAND_SPM.1)],
            BAND.mix(0.7).filled(),
        )))?;
        chart.draw_series(LineSeries::new(pts.clone(), CADENCE.stroke_width(3)))?;
        chart.draw_series(pts.iter().map(|&p| Circle::new(p, 6, CADENCE.filled())))?;
        Ok(())
    }
}

/// Pacing evenness (0–100) of every scored run as dots, the weekly mean as a line. Writes a
/// PNG at `path`; applies when some run has an evenness score.
pub fn draw_evenness(season: &Season, _units: Units, to: Target<'_>) -> Result<bool> {
    render(evenness(season), to)
}

/// The evenness chart: (date, evenness) per scored run and the first and last date.
pub struct Evenness<'a> {
    season: &'a Season,
    runs: Vec<(NaiveDate, f64)>,
    first: NaiveDate,
    last: NaiveDate,
}

/// The evenness chart of `season`; `None` when no run has an evenness score.
fn evenness(season: &Season) -> Option<Evenness<'_>> {
    let runs: Vec<(NaiveDate, f64)> = season
        .runs
        .iter()
        .filter_map(|r| r.evenness.map(|e| (r.date, e)))
        .collect();
    let first = runs.iter().map(|r| r.0).min()?;
    let last = runs.iter().map(|r| r.0).max()?;
    Some(Evenness {
        season,
        runs,
        first,
        last,
    })
}

impl Chart for Evenness<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &Root<DB>) -> Result<()> {
        let (season, runs, first, last) = (self.season, &self.runs, self.first, self.last);
        let mean = runs.iter().map(|r| r.1).sum::<f64>() / runs.len() as f64;
        let title = format!("Pacing evenness per run — season average {mean:.0}/100");
        let subtitle = "dots: each run (100 = perfectly even splits) · line: weekly average";
        canvas(root, &title, subtitle)?;
        let x_max = ((last - first).num_days() as f64).max(1.0) + 0.5;
        let body = root.margin(100, 10, 10, 20);
        let mut chart = ChartBuilder::on(&body)
            .x_label_area_size(50)
            .y_label_area_size(80)
            .build_cartesian_2d(-0.5..x_max, 0.0..105.0)?;
        mesh(&mut chart, LABEL_PX)
            .x_label_formatter(&|v| date_label(first, *v))
            .y_desc("evenness (0–100)")
            .draw()?;
        let x = |d: NaiveDate| (d - first).num_days() as f64;
        chart.draw_series(
            runs.iter()
                .map(|r| Circle::new((x(r.0), r.1), 5, NEUTRAL.filled())),
        )?;
        let weekly: Vec<(f64, f64)> = season
            .weeks
            .iter()
            .filter_map(|w| Some((x(day(&w.week_start)?) + 3.0, w.avg_evenness?)))
            .collect();
        chart.draw_series(LineSeries::new(weekly, PACE.stroke_width(3)))?;
        Ok(())
    }
}
