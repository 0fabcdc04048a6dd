//! Season charts (PNG, same style and embedded font as the single-run charts):
//! `season-weekly-distance.png` (weekly distance bars, the 10 % guideline and rest days),
//! `season-best-mile.png` (best mile per run and the season best), `season-cadence.png`
//! (weekly cadence against the 170–180 band), `season-workout-mix.png` (runs per workout type
//! per week), `season-evenness.png` (pacing evenness per run and per week) and, with
//! thresholds, `season-fitness.png` (fitness, fatigue and form per day) and
//! `season-intensity.png` (weekly share of time in HR zones 1–2, 3 and 4–5).

mod fitness;
mod mix;
mod trends;

use chrono::NaiveDate;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::Season;
use crate::Result;
use crate::report::Units;
use crate::report::charts::scaffold::{Chart, Root, Target, canvas, mesh, render};
use crate::report::charts::style::*;

/// Weekly distance chart file.
pub const WEEKLY_DISTANCE: &str = "season-weekly-distance.png";
/// Best-mile progression chart file.
pub const BEST_MILE: &str = "season-best-mile.png";
/// Cadence trend chart file.
pub const CADENCE: &str = "season-cadence.png";
/// Workout mix chart file.
pub const WORKOUT_MIX: &str = "season-workout-mix.png";
/// Pacing evenness trend chart file.
pub const EVENNESS: &str = "season-evenness.png";
/// Fitness, fatigue and form chart file (with thresholds only).
pub const FITNESS: &str = "season-fitness.png";
/// Weekly intensity distribution chart file (with a threshold HR only).
pub const INTENSITY: &str = "season-intensity.png";
/// Every season chart file name.
pub const CHART_FILES: [&str; 7] = [
    WEEKLY_DISTANCE,
    BEST_MILE,
    CADENCE,
    WORKOUT_MIX,
    EVENNESS,
    FITNESS,
    INTENSITY,
];

/// A chart drawer: draws onto the target and returns whether the chart applied.
pub type Draw = fn(&Season, Units, Target<'_>) -> Result<bool>;

/// Every season chart that applies as an inline SVG document, with its file name.
#[cfg(feature = "html")]
pub fn svg_all(season: &Season, units: Units) -> Result<Vec<(&'static str, String)>> {
    let mut out = Vec::new();
    for (name, draw) in charts() {
        let mut svg = String::new();
        if draw(season, units, Target::Svg(&mut svg))? {
            out.push((name, svg));
        }
    }
    Ok(out)
}

/// Every season chart with its file name.
pub fn charts() -> [(&'static str, Draw); 7] {
    [
        (WEEKLY_DISTANCE, draw_weekly_distance),
        (BEST_MILE, trends::draw_best_mile),
        (CADENCE, trends::draw_cadence),
        (WORKOUT_MIX, mix::draw_workout_mix),
        (EVENNESS, trends::draw_evenness),
        (FITNESS, fitness::draw_fitness),
        (INTENSITY, fitness::draw_intensity),
    ]
}

/// Tick label size of the season charts (px; one smaller than a single run's, for the dates).
pub const LABEL_PX: u32 = 15;

/// Short label of a `YYYY-MM-DD` date (`Jan 05`).
pub fn short_date(s: &str) -> String {
    s.parse::<NaiveDate>()
        .map(|d| d.format("%b %d").to_string())
        .unwrap_or_default()
}

/// Week axis label for a 1-based position `v`.
pub fn week_label(starts: &[String], v: f64) -> String {
    let r = v.round();
    if (v - r).abs() > 0.01 || r < 1.0 {
        return String::new();
    }
    starts
        .get(r as usize - 1)
        .map(|s| short_date(s))
        .unwrap_or_default()
}

/// The axes of a chart with one bar per week: weeks `1..=n` along x, labelled with their start
/// dates, and `0..top` up the y axis, drawn on `body`.
pub fn week_axes<'a, DB: DrawingBackend>(
    body: &'a Root<DB>,
    starts: &[String],
    top: f64,
    y_desc: &str,
) -> Result<
    ChartContext<
        'a,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
> {
    let n = starts.len();
    let mut chart = ChartBuilder::on(body)
        .x_label_area_size(50)
        .y_label_area_size(80)
        .build_cartesian_2d(0.4..(n as f64 + 0.6), 0.0..top)?;
    mesh(&mut chart, LABEL_PX)
        .disable_x_mesh()
        .x_labels(n.min(26))
        .x_label_formatter(&|v| week_label(starts, *v))
        .x_desc("week starting")
        .y_desc(y_desc)
        .draw()?;
    Ok(chart)
}

/// Weekly distance bars: over the 10 % guideline in orange, the guideline (previous week
/// + 10 %) as a dashed tick on each bar, rest days written above each bar.
///
/// Draws onto `to`; applies when there is at least one week.
pub fn draw_weekly_distance(season: &Season, units: Units, to: Target<'_>) -> Result<bool> {
    render(
        (!season.weeks.is_empty()).then_some(WeeklyDistance { season, units }),
        to,
    )
}

/// The weekly distance chart of a season with at least one week.
pub struct WeeklyDistance<'a> {
    season: &'a Season,
    units: Units,
}

impl Chart for WeeklyDistance<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &Root<DB>) -> Result<()> {
        let (weeks, units) = (&self.season.weeks, self.units);
        let unit = units.unit_m();
        let label = units.distance_label();
        let flagged = weeks.iter().filter(|w| w.over_10pct).count();
        let title = format!("Weekly distance ({label})");
        let subtitle = format!(
            "{} weeks · {flagged} over the 10 % guideline (dashed: last week + 10 %) · rest days above each bar (at least 1 advised)",
            weeks.len()
        );
        canvas(root, &title, &subtitle)?;
        let top = weeks.iter().map(|w| w.distance_m).fold(0.0, f64::max) / unit * 1.25 + 1.0;
        let n = weeks.len();
        let starts: Vec<String> = weeks.iter().map(|w| w.week_start.clone()).collect();
        let body = root.margin(100, 10, 10, 20);
        let mut chart = week_axes(&body, &starts, top, &format!("distance ({label})"))?;
        for (i, w) in weeks.iter().enumerate() {
            let x = (i + 1) as f64;
            let d = w.distance_m / unit;
            let c = if w.over_10pct { BAD } else { PACE };
            let style = if w.partial {
                c.mix(0.45).filled()
            } else {
                c.filled()
            };
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x - 0.36, 0.0), (x + 0.36, d)],
                style,
            )))?;
            if let Some(prev) = i.checked_sub(1).and_then(|p| weeks.get(p))
                && prev.distance_m > 0.0
            {
                let g = prev.distance_m * 1.1 / unit;
                chart.draw_series(DashedLineSeries::new(
                    vec![(x - 0.45, g), (x + 0.45, g)],
                    6,
                    4,
                    INK.stroke_width(2),
                ))?;
            }
            let rest = format!("{} rest", w.rest_days);
            let warn = !w.partial && w.rest_days == 0;
            let size = if n > 20 { 11 } else { 15 };
            let mut st = text(size);
            if warn {
                st = bold(size).color(&BAD);
            }
            let st = st.pos(Pos::new(HPos::Center, VPos::Bottom));
            let y = d.max(prev_guide(weeks, i, unit)) + top * 0.01;
            chart.draw_series(std::iter::once(Text::new(rest, (x, y), st)))?;
        }
        Ok(())
    }
}

fn prev_guide(weeks: &[super::WeekRow], i: usize, unit: f64) -> f64 {
    i.checked_sub(1)
        .and_then(|p| weeks.get(p))
        .map_or(0.0, |p| p.distance_m * 1.1 / unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(short_date("2026-01-05"), "Jan 05");
        let starts = vec!["2026-01-05".to_string(), "2026-01-12".to_string()];
        assert_eq!(week_label(&starts, 2.0), "Jan 12");
        assert_eq!(week_label(&starts, 1.5), "");
        assert_eq!(week_label(&starts, 3.0), "");
    }
}
