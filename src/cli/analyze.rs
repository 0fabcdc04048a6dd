//! `lapwise analyze FILE...`

use std::path::PathBuf;

use clap::Args;

use super::html_out::write_html;
use super::interrupt::{EXIT_INTERRUPTED, interrupted};
use super::limits::LimitArgs;
use super::profile::{self, AthleteOptions};
use super::safe_out::{canonical_inputs, clash, write_charts};
use super::units_arg::UnitsArg;
use super::{EXIT_INPUT_FAILED, EXIT_OK, EXIT_USAGE, output};
use lapwise::pipeline;
use lapwise::report::{Failure, Units, json, terminal};
use lapwise::score::Goal;

/// Arguments of `lapwise analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Activity files: .fit, .gpx, .tcx, any of them .gz, or a .zip of them.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print one JSON document (schema: docs/json-schema.md) instead of the text summary.
    #[arg(long)]
    pub json: bool,
    /// Units for display and splits [default: the profile's, else imperial].
    #[arg(long, value_enum)]
    pub units: Option<UnitsArg>,
    /// Write PNG charts for each activity into DIR (created if missing):
    /// <stem>-overview.png, -splits.png, -cadence.png, and -intervals.png / -mile.png when present.
    #[arg(long, value_name = "DIR")]
    pub charts: Option<PathBuf>,
    /// Write the report as one self-contained HTML file at PATH; with several activities (or
    /// when PATH is a folder) PATH is a folder with one report per activity and index.html.
    #[arg(long, value_name = "PATH")]
    pub html: Option<PathBuf>,
    /// Goal for interval reps as DIST=TIME (e.g. 400m=1:30); repeatable, matched to reps by distance.
    #[arg(long, value_name = "DIST=TIME", value_parser = parse_goal)]
    pub goal: Vec<Goal>,
    /// Goal mile time (e.g. 5:30): mile-effort laps are judged against it.
    #[arg(long, value_name = "TIME", value_parser = parse_mile)]
    pub goal_mile: Option<f64>,
    /// The athlete: thresholds and profile.
    #[command(flatten)]
    pub athlete: AthleteOptions,
    /// Resource limits.
    #[command(flatten)]
    pub limits: LimitArgs,
}

fn parse_goal(s: &str) -> Result<Goal, String> {
    lapwise::score::parse::parse_goal(s)
}

fn parse_mile(s: &str) -> Result<f64, String> {
    lapwise::score::parse::parse_clock(s).ok_or_else(|| format!("bad mile time '{s}' (e.g. 5:30)"))
}

/// Run `analyze`; returns the exit code (1 when any input failed, 130 when interrupted).
pub fn run(args: &AnalyzeArgs) -> anyhow::Result<i32> {
    // The command line wins over the profile, the profile over the defaults.
    let settled = match profile::resolve(&args.athlete, args.units, args.goal_mile) {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let units = settled.units;
    let mut opts = pipeline::options_for(units);
    opts.goals = args.goal.clone();
    opts.goal_mile_s = settled.goal_mile_s;
    opts.thresholds = settled.thresholds;
    let limits = args.limits.limits();
    let inputs = canonical_inputs(&args.files);
    if let Some(dir) = &args.charts
        && std::fs::canonicalize(dir).is_ok_and(|d| inputs.contains(&d))
    {
        eprintln!("error: --charts {} is an input", dir.display());
        return Ok(EXIT_USAGE);
    }
    if let Some(path) = &args.html
        && clash(std::slice::from_ref(path), &inputs).is_some()
    {
        eprintln!("error: --html {} is an input", path.display());
        return Ok(EXIT_USAGE);
    }
    let mut analysed = Vec::new();
    let mut failures = Vec::new();
    for path in &args.files {
        if interrupted() {
            eprintln!("interrupted");
            return Ok(EXIT_INTERRUPTED);
        }
        let (ok, failed) = pipeline::analyze_path_limited(path, &opts, &limits);
        analysed.extend(ok);
        failures.extend(failed);
    }
    if interrupted() {
        eprintln!("interrupted");
        return Ok(EXIT_INTERRUPTED);
    }
    print_results(args, &analysed, &failures, units)?;
    let mut chart_failed = false;
    if let Some(dir) = &args.charts {
        let written = write_charts(&analysed, dir, units, &inputs, &interrupted);
        if written.interrupted {
            for p in &written.paths {
                let _ = std::fs::remove_file(p);
            }
            eprintln!("interrupted");
            return Ok(EXIT_INTERRUPTED);
        }
        for p in &written.paths {
            eprintln!("chart: {}", p.display());
        }
        for e in &written.errors {
            eprintln!("error: {e}");
        }
        chart_failed = !written.errors.is_empty();
    }
    if let Some(path) = &args.html {
        let folder = args.files.len() > 1 || analysed.len() > 1 || path.is_dir();
        let written = write_html(
            &analysed,
            &failures,
            path,
            folder,
            units,
            &inputs,
            &interrupted,
        );
        if written.interrupted {
            eprintln!("interrupted");
            return Ok(EXIT_INTERRUPTED);
        }
        for p in &written.paths {
            eprintln!("html: {}", p.display());
        }
        for e in &written.errors {
            eprintln!("error: {e}");
        }
        chart_failed |= !written.errors.is_empty();
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

/// The JSON document or the text summaries, each activity's rendering with panics contained.
fn print_results(
    args: &AnalyzeArgs,
    analysed: &[lapwise::report::Analysed],
    failures: &[Failure],
    units: Units,
) -> anyhow::Result<()> {
    if args.json {
        let mut text = json::to_string(analysed, failures, units);
        text.push('\n');
        return output::print(&text);
    }
    let text: Vec<String> = analysed
        .iter()
        .map(|a| {
            lapwise::guard::guard("printing", || terminal::render(a, units))
                .unwrap_or_else(|e| format!("error: {}: {e}\n", a.activity.meta.source))
        })
        .collect();
    if !text.is_empty() {
        output::print(&(text.join("\n") + "\n"))?;
    }
    Ok(())
}
