//! Mile effort: the four laps against goal (or even) pace, and the last lap's 100 m pieces.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::scaffold::{Chart, LABEL_PX, Root, Target, canvas, mesh, render};
use super::style::*;
use crate::Result;
use crate::report::units::clock_tenths;
use crate::report::{Analysed, Units};
use crate::score::MileScore;

/// The mile chart of one run: its scored mile effort.
pub struct MileChart<'a> {
    m: &'a MileScore,
}

/// The mile chart of `item`; `None` when no mile effort was scored.
pub fn chart(item: &Analysed) -> Option<MileChart<'_>> {
    item.analysis.scores.mile.as_ref().map(|m| MileChart { m })
}

/// Draw the mile chart onto `to`; applies when a mile effort was scored.
pub fn draw(item: &Analysed, _units: Units, to: Target<'_>) -> Result<bool> {
    render(chart(item), to)
}

impl Chart for MileChart<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &Root<DB>) -> Result<()> {
        let m = self.m;
        let against = match m.goal_s {
            Some(g) => format!("goal {}", clock_tenths(g)),
            None => "even pace".to_string(),
        };
        canvas(
            root,
            &format!("Mile effort — {} against {against}", clock_tenths(m.time_s)),
            &m.verdict,
        )?;
        let body = root.margin(95, 10, 10, 10);
        let (left, right) = body.split_horizontally(WIDTH * 62 / 100);
        let laps: Vec<f64> = m.laps.iter().map(|l| l.time_s).collect();
        let reference = m.laps.first().map_or(0.0, |l| l.reference_s);
        let (lo, hi) = laps
            .iter()
            .chain(std::iter::once(&reference))
            .fold((f64::INFINITY, 0.0_f64), |(a, b), &v| (a.min(v), b.max(v)));
        let span = (hi - lo).max(4.0);
        let (bottom, top) = (hi + span * 1.2, (lo - span * 0.5).max(0.0));
        let mut ch = ChartBuilder::on(&left)
            .caption("400 m laps (faster up)", text(20))
            .x_label_area_size(40)
            .y_label_area_size(90)
            .margin_right(20)
            .build_cartesian_2d(0.4..4.6, bottom..top)?;
        mesh(&mut ch, LABEL_PX)
            .disable_x_mesh()
            .x_labels(4)
            .x_label_formatter(&|v: &f64| {
                let r = v.round();
                if (v - r).abs() < 0.01 && (1.0..=4.0).contains(&r) {
                    format!("lap {r:.0}")
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|v: &f64| clock_tenths(*v))
            .y_desc("lap time")
            .draw()?;
        for (k, l) in m.laps.iter().enumerate() {
            let x = (k + 1) as f64;
            let c = if l.on_plan { GOOD } else { BAD };
            ch.draw_series(std::iter::once(Rectangle::new(
                [(x - 0.4, bottom), (x + 0.4, l.time_s)],
                c.filled(),
            )))?;
            let mark = if l.on_plan { "✓" } else { "✗" };
            let label = format!(
                "{mark} {} ({:+.1} s)",
                clock_tenths(l.time_s),
                l.deviation_s
            );
            ch.draw_series(std::iter::once(Text::new(
                label,
                (x, l.time_s),
                bold(17).pos(Pos::new(HPos::Center, VPos::Bottom)),
            )))?;
            // The verdict inside the bar, near its foot.
            let words = l
                .verdict
                .trim_start_matches(&format!("lap {} ", k + 1))
                .to_string();
            let lines = wrap(&words, 15);
            let nl = lines.len() as f64;
            for (j, line) in lines.into_iter().enumerate() {
                let y = bottom - span * 0.12 * (nl + 0.2 - j as f64);
                ch.draw_series(std::iter::once(Text::new(
                    line,
                    (x, y),
                    text(15)
                        .color(&WHITE)
                        .pos(Pos::new(HPos::Center, VPos::Center)),
                )))?;
            }
        }
        ch.draw_series(DashedLineSeries::new(
            vec![(0.4, reference), (4.6, reference)],
            8,
            6,
            INK.mix(0.8).stroke_width(2),
        ))?;
        ch.draw_series(std::iter::once(Text::new(
            format!("{} per lap", clock_tenths(reference)),
            (4.58, reference),
            text(16).pos(Pos::new(HPos::Right, VPos::Bottom)),
        )))?;
        let p = m.last_lap_100m_s;
        let (plo, phi) = p
            .iter()
            .fold((f64::INFINITY, 0.0_f64), |(a, b), &v| (a.min(v), b.max(v)));
        let ps = (phi - plo).max(1.0);
        let (pb, pt) = (phi + ps * 1.0, (plo - ps * 0.6).max(0.0));
        let mut pc = ChartBuilder::on(&right)
            .caption("last lap by 100 m (each should be faster)", text(20))
            .x_label_area_size(40)
            .y_label_area_size(70)
            .margin_right(30)
            .build_cartesian_2d(0.4..4.6, pb..pt)?;
        mesh(&mut pc, LABEL_PX)
            .disable_x_mesh()
            .x_labels(4)
            .x_label_formatter(&|v: &f64| {
                let r = v.round();
                if (v - r).abs() < 0.01 && (1.0..=4.0).contains(&r) {
                    format!("{:.0} m", r * 100.0)
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|v: &f64| format!("{v:.1} s"))
            .draw()?;
        for k in 0..4 {
            let x = (k + 1) as f64;
            let faster = k == 0 || p[k] < p[k - 1];
            let c = if faster { GOOD } else { BAD };
            pc.draw_series(std::iter::once(Rectangle::new(
                [(x - 0.3, pb), (x + 0.3, p[k])],
                c.filled(),
            )))?;
            pc.draw_series(std::iter::once(Text::new(
                format!("{:.1}", p[k]),
                (x, p[k]),
                bold(17).pos(Pos::new(HPos::Center, VPos::Bottom)),
            )))?;
        }
        Ok(())
    }
}

/// Greedy word wrap to lines of at most `width` characters.
fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for w in s.split_whitespace() {
        match lines.last_mut() {
            Some(l) if l.chars().count() + 1 + w.chars().count() <= width => {
                l.push(' ');
                l.push_str(w);
            }
            _ => lines.push(w.to_string()),
        }
    }
    lines
}
