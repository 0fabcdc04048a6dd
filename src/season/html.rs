//! The season as one HTML page (`season --html`, and the season view of `lapwise serve`):
//! headline totals, the weekly table with the 10 % guideline and rest days, flags, personal
//! bests, predictions, the season charts as inline SVG, and every run linking to its report.
//! Same chrome and style as the single-run report ([`crate::report::html`]).

use askama::Template;

use super::Season;
use crate::Result;
use crate::report::Units;
use crate::report::html::view::{Card, ChartView, Table};
use crate::report::html::{Page, render_template};
use crate::report::units::{clock, clock_tenths};

/// One run of the season table with the link to its report (if any).
#[derive(Debug, Clone)]
pub struct RunLine {
    /// The report's address; `None` when the run has no report.
    pub href: Option<String>,
    /// Cells: date, name, workout type, distance, moving time, pace, best mile, evenness.
    pub cells: Vec<String>,
}

/// The season page.
#[derive(Template)]
#[template(path = "season.html")]
pub struct SeasonPage {
    /// The chrome.
    pub page: Page,
    /// Headline totals.
    pub cards: Vec<Card>,
    /// One row per week with running.
    pub weeks: Table,
    /// Flagged weeks, one line each.
    pub flags: Vec<String>,
    /// Personal bests.
    pub bests: Table,
    /// Predictions, one line each.
    pub predictions: Vec<String>,
    /// Season charts.
    pub charts: Vec<ChartView>,
    /// Column heads of the runs table.
    pub run_head: Vec<String>,
    /// The runs, newest first.
    pub runs: Vec<RunLine>,
    /// Inputs that failed, one line each.
    pub failures: Vec<String>,
    /// Activities left out, one line each.
    pub skipped: Vec<String>,
}

fn short(units: Units, m: f64) -> String {
    format!("{:.1} {}", m / units.unit_m(), units.distance_label())
}

fn weeks_table(season: &Season, units: Units) -> Table {
    let rows = season
        .weeks
        .iter()
        .filter(|w| w.runs > 0)
        .map(|w| {
            let change = w
                .change_pct
                .map_or("–".to_string(), |c| format!("{c:+.0} %"));
            let long = match (w.long_run_m, w.long_run_share_pct) {
                (Some(l), Some(s)) => format!("{} ({s:.0} %)", short(units, l)),
                _ => "–".to_string(),
            };
            let rest = if w.partial {
                format!("{}/{}", w.rest_days, w.days_counted)
            } else {
                w.rest_days.to_string()
            };
            let load = w.load.map_or("–".to_string(), |l| format!("{l:.0}"));
            let class = if w.over_10pct { "flagged" } else { "" };
            (
                class.to_string(),
                vec![
                    w.week_start.clone(),
                    w.runs.to_string(),
                    short(units, w.distance_m),
                    clock(w.moving_s),
                    change,
                    rest,
                    long,
                    load,
                ],
            )
        })
        .collect();
    Table {
        caption: "Weeks".to_string(),
        head: [
            "week of", "runs", "distance", "moving", "change", "rest", "long run", "load",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        rows,
        note: "change: distance against the week before (the 10 % guideline); rest a/b: a rest days of b days with data".to_string(),
    }
}

fn bests_table(season: &Season) -> Table {
    Table {
        caption: "Personal bests (elapsed time)".to_string(),
        head: ["distance", "time", "date"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        rows: season
            .personal_bests
            .iter()
            .map(|pb| {
                (
                    String::new(),
                    vec![pb.name.clone(), clock_tenths(pb.elapsed_s), pb.date.clone()],
                )
            })
            .collect(),
        note: String::new(),
    }
}

fn run_line(r: &super::RunRow, units: Units, href: Option<String>) -> RunLine {
    let opt_clock = |v: Option<f64>| v.map_or("–".to_string(), clock);
    RunLine {
        href,
        cells: vec![
            r.date.to_string(),
            r.name.clone().unwrap_or_else(|| {
                r.source
                    .rsplit(['/', '\\', '!'])
                    .next()
                    .unwrap_or_default()
                    .to_string()
            }),
            r.season_workout_type.as_str().replace('_', " "),
            r.distance_m.map_or("–".to_string(), |d| short(units, d)),
            clock(r.moving_s),
            r.avg_speed_mps
                .map_or("–".to_string(), |v| units.pace_bare(v)),
            opt_clock(r.best_mile_s),
            r.evenness.map_or("–".to_string(), |e| format!("{e:.0}")),
        ],
    }
}

/// The season page. `page` is the chrome; `href(i)` gives the report address of run `i` of
/// `season.runs` (or `None`).
pub fn season_page(
    season: &Season,
    units: Units,
    page: Page,
    href: &dyn Fn(usize) -> Option<String>,
) -> Result<String> {
    let t = &season.totals;
    let mut cards = vec![
        Card {
            label: "Runs".to_string(),
            value: t.analysed.to_string(),
            sub: format!(
                "{} week{}",
                season.weeks.len(),
                if season.weeks.len() == 1 { "" } else { "s" }
            ),
        },
        Card {
            label: "Distance".to_string(),
            value: short(units, t.distance_m),
            sub: String::new(),
        },
        Card {
            label: "Moving time".to_string(),
            value: clock(t.moving_s),
            sub: String::new(),
        },
    ];
    if let Some(cs) = &season.critical_speed {
        cards.push(Card {
            label: "Critical speed".to_string(),
            value: units.pace(cs.cs_mps),
            sub: format!("D′ {:.0} m", cs.d_prime_m),
        });
    }
    let charts = super::charts::svg_all(season, units)?
        .into_iter()
        .map(|(name, svg)| ChartView {
            name: name.trim_end_matches(".png").to_string(),
            heading: String::new(),
            svg,
        })
        .collect();
    let mut runs: Vec<RunLine> = season
        .runs
        .iter()
        .enumerate()
        .map(|(i, r)| run_line(r, units, href(i)))
        .collect();
    runs.reverse();
    let view = SeasonPage {
        page,
        cards,
        weeks: weeks_table(season, units),
        flags: season
            .flags
            .iter()
            .map(|f| format!("week of {}: {}", f.week_start, f.issues.join(", ")))
            .collect(),
        bests: bests_table(season),
        predictions: season
            .predictions
            .iter()
            .map(|p| {
                format!(
                    "{} {} (from {} on {})",
                    p.race,
                    clock(p.predicted_s),
                    p.from_effort,
                    p.from_date
                )
            })
            .collect(),
        charts,
        run_head: [
            "date",
            "run",
            "type",
            "distance",
            "moving",
            "pace",
            "best mile",
            "evenness",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        runs,
        failures: season
            .failures
            .iter()
            .map(|f| format!("{}: {}", f.source, f.message))
            .collect(),
        skipped: season
            .skipped
            .iter()
            .map(|s| format!("{}: {}", s.source, s.reason))
            .collect(),
    };
    render_template(&view)
}
