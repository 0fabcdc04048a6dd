//! `lapwise analyze FILE...`

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{EXIT_INPUT_FAILED, EXIT_OK, output};
use lapwise::pipeline;
use lapwise::report::{Units, json, terminal};

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
}

/// Run `analyze`; returns the exit code (1 when any input failed).
pub fn run(args: &AnalyzeArgs) -> anyhow::Result<i32> {
    let units: Units = args.units.into();
    let opts = pipeline::options_for(units);
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
    for f in &failures {
        eprintln!("{}", terminal::render_failure(f));
    }
    Ok(if failures.is_empty() {
        EXIT_OK
    } else {
        EXIT_INPUT_FAILED
    })
}
