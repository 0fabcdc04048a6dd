//! What the HTML report shows, as plain strings and tables built from one analysed activity:
//! the headline cards, the device laps, splits and best efforts, the analysis in the
//! terminal's words, the charts as inline SVG and the notes. Every number is formatted by
//! [`crate::report::units`] and [`crate::report::tables`], as in the terminal.

use super::blocks::{Block, blocks};
use crate::Result;
use crate::report::units::{Units, clock, utc_offset};
use crate::report::{Analysed, charts, structure, tables, terminal};

/// A headline number: label, value and a small line under it.
#[derive(Debug, Clone)]
pub struct Card {
    /// What the number is (`Distance`).
    pub label: String,
    /// The number with its unit.
    pub value: String,
    /// A qualifier (`9:02 /mi grade-adjusted`); may be empty.
    pub sub: String,
}

/// A table: caption, column heads, rows (each with a CSS class) and a note under it.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Caption above the table.
    pub caption: String,
    /// Column heads.
    pub head: Vec<String>,
    /// Rows of cells with the row's class (`work` for hard laps, empty otherwise).
    pub rows: Vec<(String, Vec<String>)>,
    /// A note under the table; may be empty.
    pub note: String,
}

/// One chart: its name (`overview`), a heading and the SVG document.
#[derive(Debug, Clone)]
pub struct ChartView {
    /// Name and PNG file suffix (`overview`, `splits`, ...).
    pub name: String,
    /// Heading shown above the chart.
    pub heading: String,
    /// The inline SVG document.
    pub svg: String,
}

/// Links of a served report: the unit switch and the downloads. A stand-alone file has none.
#[derive(Debug, Clone)]
pub struct Links {
    /// The report in miles.
    pub imperial: String,
    /// The report in kilometres.
    pub metric: String,
    /// The JSON document (as `analyze --json`).
    pub json: String,
    /// The report as one self-contained HTML file.
    pub html: String,
    /// Each chart as PNG: (chart name, href).
    pub pngs: Vec<(String, String)>,
    /// Back to the season this run came from, when it did.
    pub season: Option<String>,
}

/// Everything the report page shows about one activity.
#[derive(Debug, Clone)]
pub struct ReportView {
    /// The input's file name (archive member for zips).
    pub title: String,
    /// Sport, device and the activity's own name, joined.
    pub facts: String,
    /// Local start (`Sun 2026-03-01 07:00 (UTC+01:00)`), empty when unknown.
    pub start: String,
    /// Headline numbers.
    pub cards: Vec<Card>,
    /// The watch-versus-records note, empty when they agree.
    pub recomputed: String,
    /// The watch's laps.
    pub laps: Option<Table>,
    /// Splits per mile or km.
    pub splits: Option<Table>,
    /// Workout, structure, mile, scores and the coach's lines.
    pub analysis: Vec<Block>,
    /// Best efforts on elapsed time.
    pub efforts: Option<Table>,
    /// Charts that apply.
    pub charts: Vec<ChartView>,
    /// Cleaning notes (spikes removed, ...).
    pub notes: Vec<String>,
    /// `mi` or `km`.
    pub unit: &'static str,
    /// Served links; `None` for a stand-alone file.
    pub links: Option<Links>,
}

impl Table {
    /// The table's element id: its caption's first word, lower case (`device`, `splits`,
    /// `best`, `weeks`, `personal`).
    pub fn id(&self) -> String {
        self.caption
            .split_whitespace()
            .next()
            .unwrap_or("table")
            .to_lowercase()
    }
}

/// The heading of a chart by name.
fn chart_heading(name: &str) -> &'static str {
    match name {
        "overview" => "Pace, heart rate and cadence",
        "splits" => "Splits",
        "cadence" => "Cadence",
        "intervals" => "Reps",
        "mile" => "Mile laps",
        _ => "Chart",
    }
}

fn card(label: &str, value: String, sub: String) -> Card {
    Card {
        label: label.to_string(),
        value,
        sub,
    }
}

/// The local start line, or the UTC start when the file has no offset.
fn start_line(item: &Analysed) -> String {
    let m = &item.activity.meta;
    let Some(start) = m.start_utc else {
        return String::new();
    };
    match m.local_offset_s {
        Some(off) => format!(
            "{} ({})",
            (start + chrono::TimeDelta::seconds(off as i64)).format("%a %Y-%m-%d %H:%M"),
            utc_offset(off)
        ),
        None => format!(
            "{} UTC (local offset not in file)",
            start.format("%a %Y-%m-%d %H:%M")
        ),
    }
}

/// Headline cards: distance, moving time, pace, heart rate, cadence, elevation, pauses.
fn cards(item: &Analysed, units: Units) -> Vec<Card> {
    let s = &item.analysis.summary;
    let mut out = Vec::new();
    if let Some(d) = s.distance_m {
        out.push(card("Distance", units.distance(d), String::new()));
    }
    out.push(card(
        "Moving time",
        clock(s.moving_s),
        format!(
            "elapsed {} · timer {}",
            clock(s.elapsed_s),
            clock(s.timer_s)
        ),
    ));
    if let Some(v) = s.avg_speed_mps {
        let gap = s
            .avg_gap_mps
            .filter(|g| (g - v).abs() >= 0.01 * v)
            .map_or(units.speed(v), |g| {
                format!("{} grade-adjusted", units.pace(g))
            });
        out.push(card("Average pace", units.pace(v), gap));
    }
    if let Some(hr) = s.avg_hr_bpm {
        let max = s
            .max_hr_bpm
            .map_or(String::new(), |m| format!("max {m:.0}"));
        out.push(card("Heart rate", format!("{hr:.0} bpm"), max));
    }
    if let Some(c) = s.avg_cadence_spm {
        let on_foot = item.activity.meta.sport.is_on_foot();
        let unit = if on_foot { "spm" } else { "rpm" };
        let running = item
            .analysis
            .scores
            .cadence
            .as_ref()
            .map(|r| r.avg_spm)
            .filter(|r| r.round() != c.round())
            .map_or(String::new(), |r| format!("{r:.0} while running"));
        out.push(card("Cadence", format!("{c:.0} {unit}"), running));
    }
    if let (Some(up), Some(down)) = (s.ascent_m, s.descent_m) {
        out.push(card(
            "Elevation gain",
            format!("+{}", units.elevation(up)),
            format!("−{} descent", units.elevation(down)),
        ));
    }
    if let Some(p) = s.avg_power_w {
        out.push(card("Power", format!("{p:.0} W"), String::new()));
    }
    let pauses = &item.activity.pauses;
    if !pauses.is_empty() {
        let total: f64 = pauses.iter().map(|p| p.duration_s()).sum();
        out.push(card(
            "Pauses",
            pauses.len().to_string(),
            format!("{} in total", clock(total)),
        ));
    }
    out
}

fn laps_table(item: &Analysed, units: Units) -> Option<Table> {
    let laps = &item.analysis.laps;
    (!laps.is_empty()).then(|| Table {
        caption: "Device laps".to_string(),
        head: tables::LAP_HEAD.iter().map(|h| h.to_string()).collect(),
        rows: laps
            .iter()
            .map(|l| {
                let cells = tables::lap_cells(l, item.activity.meta.sport, units);
                let class = if cells[2] == "interval" { "work" } else { "" };
                (class.to_string(), cells.to_vec())
            })
            .collect(),
        note: String::new(),
    })
}

fn splits_table(item: &Analysed, units: Units) -> Option<Table> {
    let splits = &item.analysis.segmentation.splits;
    (!splits.is_empty()).then(|| {
        let mut head: Vec<String> = tables::SPLIT_HEAD.iter().map(|h| h.to_string()).collect();
        head[0] = units.distance_label().to_string();
        Table {
            caption: format!(
                "Splits per {}",
                if units == Units::Imperial {
                    "mile"
                } else {
                    "km"
                }
            ),
            head,
            rows: splits
                .iter()
                .map(|s| (String::new(), tables::split_cells(s, units).to_vec()))
                .collect(),
            note: tables::split_note(splits).to_string(),
        }
    })
}

fn efforts_table(item: &Analysed, units: Units) -> Option<Table> {
    let efforts = &item.analysis.segmentation.best_efforts;
    (!efforts.is_empty()).then(|| Table {
        caption: "Best efforts (elapsed time)".to_string(),
        head: vec![
            "distance".to_string(),
            "time".to_string(),
            format!("pace /{}", units.distance_label()),
            "at".to_string(),
            String::new(),
        ],
        rows: efforts
            .iter()
            .map(|e| {
                (
                    String::new(),
                    structure::best_effort_cells(e, units).to_vec(),
                )
            })
            .collect(),
        note: String::new(),
    })
}

/// The report view of `item` in `units`, with `links` when served.
pub fn report_view(item: &Analysed, units: Units, links: Option<Links>) -> Result<ReportView> {
    let m = &item.activity.meta;
    let title = m
        .source
        .rsplit(['/', '\\', '!'])
        .next()
        .unwrap_or(&m.source)
        .to_string();
    let mut facts = vec![m.sport.as_str().to_string()];
    if let Some(sub) = &m.sub_sport {
        facts[0] = format!("{} ({})", facts[0], sub.replace('_', " "));
    }
    facts.extend(m.device.clone());
    facts.extend(m.name.as_ref().map(|n| format!("“{n}”")));
    let charts = charts::svg_all(item, units)?
        .into_iter()
        .map(|(name, svg)| ChartView {
            name: name.to_string(),
            heading: chart_heading(name).to_string(),
            svg,
        })
        .collect();
    Ok(ReportView {
        title,
        facts: facts.join(" · "),
        start: start_line(item),
        cards: cards(item, units),
        recomputed: terminal::recomputed_note(item, units)
            .map(|n| n.trim_start_matches("Note").trim().to_string())
            .unwrap_or_default(),
        laps: laps_table(item, units),
        splits: splits_table(item, units),
        analysis: blocks(&terminal::analysis_text(item, units)),
        efforts: efforts_table(item, units),
        charts,
        notes: item.activity.warnings.clone(),
        unit: units.distance_label(),
        links,
    })
}
