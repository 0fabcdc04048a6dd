//! `lapwise analyze FILE...`

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{EXIT_INPUT_FAILED, EXIT_OK, output};
use lapwise::pipeline;
use lapwise::report::{Units, charts, json, terminal};
use lapwise::score::Goal;

/// Unit system for display and splits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UnitsArg {
    /// Miles, min/mi, feet.
    Imperial,
    /// Kilometres, min/km, metres.
    Metric,
}

impl From<UnitsArg> for Units {
    fn from(u: UnitsArg) -> Self {
        match u {
            UnitsArg::Imperial => Units::Imperial,
            UnitsArg::Metric => Units::Metric,
        }
    }
}

/// Arguments of `lapwise analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Activity files: .fit, .gpx, .tcx, any of them .gz, or a .zip of them.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print one JSON document (schema: docs/json-schema.md) instead of the text summary.
    #[arg(long)]
    pub json: bool,
    /// Units for display and splits.
    #[arg(long, value_enum, default_value = "imperial")]
    pub units: UnitsArg,
    /// Write PNG charts for each activity into DIR (created if missing):
    /// <stem>-overview.png, -splits.png, -cadence.png, and -intervals.png / -mile.png when present.
    #[arg(long, value_name = "DIR")]
    pub charts: Option<PathBuf>,
    /// Goal for interval reps as DIST=TIME (e.g. 400m=1:30); repeatable, matched to reps by distance.
    #[arg(long, value_name = "DIST=TIME", value_parser = parse_goal)]
    pub goal: Vec<Goal>,
    /// Goal mile time (e.g. 5:30): mile-effort laps are judged against it.
    #[arg(long, value_name = "TIME", value_parser = parse_mile)]
    pub goal_mile: Option<f64>,
}

fn parse_goal(s: &str) -> Result<Goal, String> {
    lapwise::score::parse::parse_goal(s)
}

fn parse_mile(s: &str) -> Result<f64, String> {
    lapwise::score::parse::parse_clock(s).ok_or_else(|| format!("bad mile time '{s}' (e.g. 5:30)"))
}

/// Run `analyze`; returns the exit code (1 when any input failed).
pub fn run(args: &AnalyzeArgs) -> anyhow::Result<i32> {
    let units: Units = args.units.into();
    let mut opts = pipeline::options_for(units);
    opts.goals = args.goal.clone();
    opts.goal_mile_s = args.goal_mile;
    let mut analysed = Vec::new();
    let mut failures = Vec::new();
    for path in &args.files {
        let (ok, failed) = pipeline::analyze_path(path, &opts);
        analysed.extend(ok);
        failures.extend(failed);
    }
    if args.json {
        let mut text = json::to_string(&analysed, &failures, units);
        text.push('\n');
        output::print(&text)?;
    } else {
        let text: Vec<String> = analysed
            .iter()
            .map(|a| terminal::render(a, units))
            .collect();
        if !text.is_empty() {
            output::print(&(text.join("\n") + "\n"))?;
        }
    }
    let mut chart_failed = false;
    if let Some(dir) = &args.charts {
        for a in &analysed {
            match charts::write_all(a, dir, units) {
                Ok(paths) => {
                    for p in paths {
                        eprintln!("chart: {}", p.display());
                    }
                }
                Err(e) => {
                    chart_failed = true;
                    eprintln!("error: {}: {e}", a.activity.meta.source);
                }
            }
        }
    }
    for f in &failures {
        eprintln!("{}", terminal::render_failure(f));
    }
    Ok(if failures.is_empty() && !chart_failed {
        EXIT_OK
    } else {
        EXIT_INPUT_FAILED
    })
}
