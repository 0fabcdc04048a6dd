//! Workout mix per week: stacked bars of runs by workout type.

use plotters::prelude::*;

use super::{LABEL_PX, week_label};
use crate::Result;
use crate::report::Units;
use crate::report::charts::scaffold::{Chart, Root, Target, canvas, mesh, render};
use crate::report::charts::style::*;
use crate::season::Season;
use crate::segment::WorkoutType;

/// Colour and label of a workout type in the mix chart.
pub fn mix_style(kind: WorkoutType) -> (RGBColor, &'static str) {
    match kind {
        WorkoutType::Easy => (RGBColor(160, 190, 220), "easy"),
        WorkoutType::Recovery => (RGBColor(200, 215, 230), "recovery"),
        WorkoutType::Long => (PACE, "long"),
        WorkoutType::Intervals => (RGBColor(215, 95, 30), "intervals"),
        WorkoutType::Strides => (RGBColor(150, 110, 200), "strides"),
        WorkoutType::Hills => (RGBColor(160, 120, 60), "hills"),
        WorkoutType::Tempo => (RGBColor(240, 180, 40), "tempo"),
        WorkoutType::TimeTrial => (RGBColor(200, 45, 60), "time trial"),
        WorkoutType::Race => (RGBColor(150, 20, 40), "race"),
        WorkoutType::Progression => (RGBColor(230, 130, 90), "progression"),
        WorkoutType::Fartlek => (RGBColor(120, 170, 90), "fartlek"),
        WorkoutType::RunWalk => (RGBColor(180, 200, 160), "run/walk"),
        WorkoutType::CrossTraining | WorkoutType::Other => (NEUTRAL, "other"),
    }
}

/// Stacked bars: runs per workout type, one bar per week, with a legend. Writes a PNG at
/// `path`; applies when some week has a run.
pub fn draw_workout_mix(season: &Season, _units: Units, to: Target<'_>) -> Result<bool> {
    let applies = season.weeks.iter().any(|w| w.runs != 0);
    render(applies.then_some(WorkoutMix { season }), to)
}

/// The workout mix chart of a season with at least one run.
pub struct WorkoutMix<'a> {
    season: &'a Season,
}

impl Chart for WorkoutMix<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &Root<DB>) -> Result<()> {
        let weeks = &self.season.weeks;
        let title = "Workout mix per week (runs)";
        let subtitle = "easy / recovery / long / intervals / strides / hills / tempo / time trial, as lapwise classified each run";
        canvas(root, title, subtitle)?;
        let mut x = 20;
        let kinds: Vec<WorkoutType> = weeks
            .first()
            .map(|w| w.mix.iter().map(|m| m.0).collect())
            .unwrap_or_default();
        for &k in &kinds {
            let (c, l) = mix_style(k);
            root.draw(&Rectangle::new([(x, 92), (x + 18, 108)], c.filled()))?;
            root.draw(&Text::new(l.to_string(), (x + 24, 90), text(16)))?;
            x += 40 + 9 * l.len() as i32;
        }
        let top = weeks.iter().map(|w| w.runs).max().unwrap_or(1) as f64 + 1.0;
        let n = weeks.len();
        let starts: Vec<String> = weeks.iter().map(|w| w.week_start.clone()).collect();
        let body = root.margin(120, 10, 10, 20);
        let mut chart = ChartBuilder::on(&body)
            .x_label_area_size(50)
            .y_label_area_size(60)
            .build_cartesian_2d(0.4..(n as f64 + 0.6), 0.0..top)?;
        mesh(&mut chart, LABEL_PX)
            .disable_x_mesh()
            .x_labels(n.min(26))
            .x_label_formatter(&|v| week_label(&starts, *v))
            .y_label_formatter(&|v| format!("{v:.0}"))
            .x_desc("week starting")
            .y_desc("runs")
            .draw()?;
        for (i, w) in weeks.iter().enumerate() {
            let x = (i + 1) as f64;
            let mut y = 0.0;
            for (kind, count) in &w.mix {
                if *count == 0 {
                    continue;
                }
                let (c, _) = mix_style(*kind);
                let y1 = y + f64::from(*count);
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x - 0.36, y), (x + 0.36, y1)],
                    c.filled(),
                )))?;
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x - 0.36, y), (x + 0.36, y1)],
                    BG.stroke_width(1),
                )))?;
                y = y1;
            }
        }
        Ok(())
    }
}
