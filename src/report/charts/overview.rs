//! Overview: pace (faster up), heart rate and cadence against distance (or time), with the
//! detected segments shaded and labelled.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::scaffold::{Chart, LABEL_PX, Root, Target, blank, heading, mesh, render};
use super::style::*;
use crate::Result;
use crate::report::{Analysed, Units};
use crate::segment::SegmentKind;

/// Speed below which no pace is drawn (m/s).
const MIN_DRAWN_SPEED_MPS: f64 = 1.5;
/// Smoothing window of the drawn pace (s).
const PACE_SMOOTH_S: f64 = 15.0;

/// The x axis: distance in display units, or minutes when the run has no distance.
struct XAxis {
    values: Vec<f64>,
    label: String,
}

fn x_axis(item: &Analysed, units: Units) -> XAxis {
    let s = &item.activity.samples;
    let total = s
        .distance_m
        .iter()
        .copied()
        .filter(|d| d.is_finite())
        .fold(0.0, f64::max);
    if total > 100.0 {
        let mut last = 0.0;
        let values = s
            .distance_m
            .iter()
            .map(|&d| {
                if d.is_finite() {
                    last = d;
                }
                last / units.unit_m()
            })
            .collect();
        XAxis {
            values,
            label: format!("distance ({})", units.distance_label()),
        }
    } else {
        XAxis {
            values: s.time_s.iter().map(|t| t / 60.0).collect(),
            label: "time (min)".to_string(),
        }
    }
}

/// Subtitle line height of the overview (px; a little higher than other charts' to make room
/// for the legend line).
const SUBTITLE_Y: i32 = 52;

/// The overview chart of one run.
pub struct OverviewChart<'a> {
    item: &'a Analysed,
    units: Units,
    /// Most points drawn per line.
    max_points: usize,
}

/// The overview of `item`; `None` with fewer than two samples.
pub fn chart(item: &Analysed, units: Units) -> Option<OverviewChart<'_>> {
    (item.activity.samples.len() >= 2).then_some(OverviewChart {
        item,
        units,
        max_points: MAX_DRAWN_POINTS,
    })
}

/// Draw the overview onto `to`; always applies when there are at least two
/// samples.
pub fn draw(item: &Analysed, units: Units, to: Target<'_>) -> Result<bool> {
    render(chart(item, units), to)
}

impl Chart for OverviewChart<'_> {
    fn size(&self) -> (u32, u32) {
        (WIDTH, OVERVIEW_HEIGHT)
    }

    fn thin(&mut self, max: usize) {
        self.max_points = max;
    }

    fn draw<DB: DrawingBackend>(&self, root: &Root<DB>) -> Result<()> {
        let (item, units) = (self.item, self.units);
        let s = &item.activity.samples;
        blank(root)?;
        let x = x_axis(item, units);
        let xmax = x.values.iter().copied().fold(0.0, f64::max).max(1e-3);
        let speed = smooth(&s.time_s, &s.speed_mps, PACE_SMOOTH_S);
        let unit = units.unit_m();
        let pace: Vec<(f64, f64)> = x
            .values
            .iter()
            .zip(&speed)
            .zip(&s.moving)
            .map(|((&xv, &v), &m)| {
                let p = if m && v >= MIN_DRAWN_SPEED_MPS {
                    unit / v / 60.0
                } else {
                    f64::NAN
                };
                (xv, p)
            })
            .collect();
        let hr: Vec<(f64, f64)> = x
            .values
            .iter()
            .copied()
            .zip(s.hr_bpm.iter().copied())
            .collect();
        let cad: Vec<(f64, f64)> = x
            .values
            .iter()
            .zip(&s.cadence)
            .zip(&s.moving)
            .map(|((&xv, &c), &m)| (xv, if m && c > 0.0 { c } else { f64::NAN }))
            .collect();
        header(root, item, units)?;
        let body = root.margin(110, 10, 10, 10);
        let has_hr = hr.iter().any(|p| p.1.is_finite());
        let has_cad = cad.iter().any(|p| p.1.is_finite());
        let small = usize::from(has_hr) + usize::from(has_cad);
        let h = body.dim_in_pixel().1;
        let pace_h = if small == 0 { h } else { h * 46 / 100 };
        let (top, rest) = body.split_vertically(pace_h);
        let seg_x: Vec<(SegmentKind, f64, f64, usize)> = segment_spans(item, &x);
        let last = small == 0;
        let (plo, phi) = quantiles(pace.iter().map(|p| p.1), 0.01, 0.97).unwrap_or((4.0, 10.0));
        let pad = ((phi - plo) * 0.12).max(0.2);
        panel(
            &top,
            &pace,
            (xmax, phi + pad, (plo - pad).max(0.0)),
            &seg_x,
            PACE,
            &format!("pace (min/{})", units.distance_label()),
            &x.label,
            last,
            true,
            self.max_points,
        )?;
        let mut areas = Vec::new();
        if small == 2 {
            let (a, b) = rest.split_vertically(rest.dim_in_pixel().1 / 2 - 20);
            areas.push(a);
            areas.push(b);
        } else if small == 1 {
            areas.push(rest);
        }
        let mut it = areas.iter();
        if has_hr && let Some(area) = it.next() {
            let (lo, hi) = quantiles(hr.iter().map(|p| p.1), 0.005, 0.995).unwrap_or((60.0, 200.0));
            let is_last = !has_cad;
            panel(
                area,
                &hr,
                (xmax, lo - 5.0, hi + 5.0),
                &seg_x,
                HR,
                "heart rate (bpm)",
                &x.label,
                is_last,
                false,
                self.max_points,
            )?;
        }
        if has_cad && let Some(area) = it.next() {
            let (lo, hi) =
                quantiles(cad.iter().map(|p| p.1), 0.01, 0.995).unwrap_or((150.0, 190.0));
            panel(
                area,
                &cad,
                (xmax, lo.min(165.0) - 5.0, hi.max(185.0) + 5.0),
                &seg_x,
                CADENCE,
                "cadence (steps/min)",
                &x.label,
                true,
                false,
                self.max_points,
            )?;
        }
        Ok(())
    }
}

/// Segments as x ranges with their number among segments of the same kind.
fn segment_spans(item: &Analysed, x: &XAxis) -> Vec<(SegmentKind, f64, f64, usize)> {
    let t = &item.activity.samples.time_s;
    let at = |ts: f64| {
        let i = t
            .partition_point(|&v| v < ts)
            .min(x.values.len().saturating_sub(1));
        x.values.get(i).copied().unwrap_or(0.0)
    };
    let mut counts = std::collections::HashMap::new();
    item.analysis
        .segmentation
        .segments
        .iter()
        .map(|sg| {
            let c = counts.entry(sg.kind as u8).or_insert(0usize);
            *c += 1;
            (sg.kind, at(sg.start_s), at(sg.end_s), *c)
        })
        .collect()
}

/// Title, subtitle and the legends of segment kinds and lines.
fn header<DB: DrawingBackend>(root: &Root<DB>, item: &Analysed, units: Units) -> Result<()> {
    let m = &item.activity.meta;
    let sum = &item.analysis.summary;
    let name = m.name.clone().unwrap_or_else(|| super::stem(&m.source));
    let date = m
        .start_utc
        .map(|t| {
            (t + chrono::TimeDelta::seconds(m.local_offset_s.unwrap_or(0) as i64))
                .format("%a %d %b %Y")
                .to_string()
        })
        .unwrap_or_default();
    let mut sub = vec![date];
    if let Some(d) = sum.distance_m {
        sub.push(units.distance(d));
    }
    sub.push(crate::report::units::clock(sum.moving_s) + " moving");
    if let Some(v) = sum.avg_speed_mps {
        sub.push(units.pace(v));
    }
    sub.push(
        item.analysis
            .segmentation
            .workout
            .kind
            .as_str()
            .replace('_', " "),
    );
    heading(
        root,
        &format!("{name} — overview"),
        &sub.join("  ·  "),
        SUBTITLE_Y,
    )?;
    // Legend of the segment kinds present.
    let mut seen: Vec<SegmentKind> = Vec::new();
    for sg in &item.analysis.segmentation.segments {
        if !seen.contains(&sg.kind) {
            seen.push(sg.kind);
        }
    }
    let mut x = 20;
    for k in seen {
        let (c, label) = kind_style(k);
        root.draw(&Rectangle::new([(x, 84), (x + 22, 100)], c.filled()))?;
        root.draw(&Rectangle::new([(x, 84), (x + 22, 100)], INK.mix(0.3)))?;
        root.draw(&Text::new(label.to_string(), (x + 28, 82), text(17)))?;
        x += 40 + 10 * label.len() as i32;
    }
    let lines = [(PACE, "pace"), (HR, "heart rate"), (CADENCE, "cadence")];
    let mut lx = WIDTH as i32 - 420;
    for (c, l) in lines {
        root.draw(&PathElement::new(
            vec![(lx, 92), (lx + 30, 92)],
            c.stroke_width(3),
        ))?;
        root.draw(&Text::new(l.to_string(), (lx + 36, 82), text(17)))?;
        lx += 60 + 9 * l.len() as i32;
    }
    Ok(())
}

/// One panel: shaded segments, the line, axes. `y` is (x max, y at bottom, y at top).
#[allow(clippy::too_many_arguments)]
fn panel<DB: DrawingBackend>(
    area: &Root<DB>,
    pts: &[(f64, f64)],
    (xmax, y0, y1): (f64, f64, f64),
    segs: &[(SegmentKind, f64, f64, usize)],
    colour: RGBColor,
    y_label: &str,
    x_label: &str,
    show_x: bool,
    is_pace: bool,
    max_points: usize,
) -> Result<()> {
    let mut chart = ChartBuilder::on(area)
        .margin_right(30)
        .margin_top(8)
        .x_label_area_size(if show_x { 50 } else { 8 })
        .y_label_area_size(90)
        .build_cartesian_2d(0.0..xmax, y0..y1)?;
    let mut grid = mesh(&mut chart, LABEL_PX);
    grid.y_desc(y_label).y_labels(6);
    if is_pace {
        grid.y_label_formatter(&|v| mmss(*v * 60.0));
    } else {
        grid.y_label_formatter(&|v| format!("{v:.0}"));
    }
    if show_x {
        grid.x_desc(x_label);
    } else {
        grid.x_label_formatter(&|_| String::new());
    }
    grid.draw()?;
    let (ylo, yhi) = (y0.min(y1), y0.max(y1));
    for &(kind, a, b, n) in segs {
        if kind == SegmentKind::Easy {
            continue;
        }
        let (c, label) = kind_style(kind);
        chart.draw_series(std::iter::once(Rectangle::new(
            [(a, y0), (b, y1)],
            c.mix(0.75).filled(),
        )))?;
        if is_pace {
            let px = chart.backend_coord(&(b, y1)).0 - chart.backend_coord(&(a, y1)).0;
            let text_label = match kind {
                SegmentKind::Work | SegmentKind::Stride | SegmentKind::Hill => {
                    if px >= 40 {
                        format!("{n}")
                    } else {
                        String::new()
                    }
                }
                _ if px >= 9 * label.len() as i32 + 8 => label.to_string(),
                _ => String::new(),
            };
            if !text_label.is_empty() {
                let style = text(15)
                    .color(&RGBColor(70, 74, 82))
                    .pos(Pos::new(HPos::Center, VPos::Top));
                chart.draw_series(std::iter::once(Text::new(
                    text_label,
                    ((a + b) / 2.0, y1),
                    style,
                )))?;
            }
        }
    }
    // Values outside the panel's range break the line instead of drawing a wall at the edge.
    let inside: Vec<(f64, f64)> = pts
        .iter()
        .map(|&(x, y)| {
            (
                x,
                if (ylo..=yhi).contains(&y) {
                    y
                } else {
                    f64::NAN
                },
            )
        })
        .collect();
    let drawn = decimate(&inside, max_points);
    for run in runs(&drawn) {
        chart.draw_series(LineSeries::new(run, colour.stroke_width(2)))?;
    }
    Ok(())
}
