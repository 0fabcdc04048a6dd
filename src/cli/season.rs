//! `lapwise season PATH... [--out DIR]`

use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::html_out::write_season_html;
use super::interrupt::{EXIT_INTERRUPTED, flag};
use super::limits::LimitArgs;
use super::profile::{AthleteOptions, resolve};
use super::safe_out::{canonical_inputs, clash};
use super::units_arg::UnitsArg;
use super::{EXIT_INPUT_FAILED, EXIT_OK, EXIT_USAGE, output};
use lapwise::model::Sport;
use lapwise::report::Units;
use lapwise::season::terminal as season_terminal;
use lapwise::season::{
    Cancel, Filter, Progress, SeasonOptions, build_season,
    output::{existing_outputs, output_files, write_outputs_cancellable},
};

/// Arguments of `lapwise season`.
#[derive(Debug, Args)]
pub struct SeasonArgs {
    /// Folders (searched recursively for .fit .gpx .tcx, their .gz, and .zip), files, or a
    /// Strava / Garmin bulk-export zip.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Write runs.csv/.parquet, weeks.csv/.parquet, days.csv/.parquet (when runs have a load:
    /// thresholds given or estimated),
    /// season.json and the season charts into DIR.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// First local date included (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    /// Last local date included (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<NaiveDate>,
    /// Sport to include (running, cycling, walking, hiking, swimming, ...; `all` for every sport).
    #[arg(long, default_value = "running", value_parser = parse_sport)]
    pub sport: SportArg,
    /// Units for display and splits [default: the profile's, else imperial].
    #[arg(long, value_enum)]
    pub units: Option<UnitsArg>,
    /// With --out: also write season.html (the season page) and runs/<run>.html (one
    /// self-contained report per run, linked from the season page).
    #[arg(long, requires = "out")]
    pub html: bool,
    /// Treat each subfolder of PATH (or each bulk-export zip in it) as one athlete: one season
    /// each (outputs in OUT/<athlete>/, runs.csv with athlete_id) and the squad table
    /// (OUT/squad.csv and the terminal).
    #[arg(long)]
    pub athletes: bool,
    /// Also write the runs as a Parquet dataset in DIR, partitioned by year
    /// (DIR/year=YYYY/runs.parquet, rows sorted by athlete and start).
    #[arg(long, value_name = "DIR")]
    pub dataset: Option<PathBuf>,
    /// Also write every counted run's cleaned samples as a Parquet dataset in DIR, partitioned
    /// by month (DIR/month=YYYY-MM/samples.parquet; time, distance, speed, HR, cadence,
    /// altitude, position, power, moving, segment per sample). Keeps every run's samples in
    /// memory until the end.
    #[arg(long, value_name = "DIR")]
    pub sample_dataset: Option<PathBuf>,
    /// Overwrite existing outputs in --out.
    #[arg(long)]
    pub force: bool,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print season.json to stdout instead of the text summary.
    #[arg(long)]
    pub json: bool,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// The athlete: thresholds and profile.
    #[command(flatten)]
    pub athlete: AthleteOptions,
    /// Resource limits.
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// A sport filter: one sport or all.
#[derive(Debug, Clone, Copy)]
pub struct SportArg(Option<Sport>);

fn parse_sport(s: &str) -> Result<SportArg, String> {
    if s.eq_ignore_ascii_case("all") {
        return Ok(SportArg(None));
    }
    match Sport::from_name(s) {
        Sport::Other if !s.eq_ignore_ascii_case("other") => Err(format!(
            "unknown sport '{s}' (running, cycling, walking, hiking, swimming, other, all)"
        )),
        sport => Ok(SportArg(Some(sport))),
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    s.parse()
        .map_err(|_| format!("bad date '{s}' (expected YYYY-MM-DD)"))
}

fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files  {elapsed} {msg}") {
        pb.set_style(style);
    }
    pb
}

/// Check the command line (dates, outputs that would overwrite an input or earlier outputs) and
/// settle the season's options and units; `Err` carries the exit code (the problem printed).
pub fn settle(args: &SeasonArgs) -> Result<(SeasonOptions, Units), i32> {
    if let (Some(a), Some(b)) = (args.since, args.until)
        && a > b
    {
        eprintln!("error: --since {a} is after --until {b}");
        return Err(EXIT_USAGE);
    }
    if let Some(dir) = &args.out {
        let planned: Vec<PathBuf> = output_files().iter().map(|n| dir.join(n)).collect();
        let inputs = canonical_inputs(&args.paths);
        if let Some(bad) = clash(&planned, &inputs).or_else(|| {
            inputs
                .contains(&std::fs::canonicalize(dir).unwrap_or_default())
                .then_some(dir)
        }) {
            eprintln!("error: output {} is an input", bad.display());
            return Err(EXIT_USAGE);
        }
    }
    for (flag, dir) in [
        ("--dataset", &args.dataset),
        ("--sample-dataset", &args.sample_dataset),
    ] {
        if let Some(ds) = dir
            && canonical_inputs(&args.paths)
                .contains(&std::fs::canonicalize(ds).unwrap_or_default())
        {
            eprintln!("error: {flag} {} is an input", ds.display());
            return Err(EXIT_USAGE);
        }
    }
    let same_place = |a: &std::path::Path, b: &std::path::Path| {
        let canon =
            |p: &std::path::Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let (a, b) = (canon(a), canon(b));
        a.starts_with(&b) || b.starts_with(&a)
    };
    if let (Some(a), Some(b)) = (&args.dataset, &args.sample_dataset)
        && same_place(a, b)
    {
        eprintln!(
            "error: --dataset and --sample-dataset need two separate folders ({} and {})",
            a.display(),
            b.display()
        );
        return Err(EXIT_USAGE);
    }
    if let Some(dir) = &args.out
        && !args.force
    {
        let existing = existing_outputs(dir);
        if !existing.is_empty() {
            eprintln!(
                "error: {} already holds {} (use --force to overwrite)",
                dir.display(),
                existing.join(", ")
            );
            return Err(EXIT_USAGE);
        }
    }
    let settled = resolve(&args.athlete, args.units, None)?;
    let units: Units = settled.units;
    let opts = SeasonOptions {
        units,
        thresholds: settled.thresholds,
        filter: Filter {
            sport: args.sport.0,
            since: args.since,
            until: args.until,
        },
        threads: args.threads,
        limits: args.limits.limits(),
        cancel: Cancel::new(flag()),
        keep_samples: args.sample_dataset.is_some(),
        ..SeasonOptions::default()
    };
    Ok((opts, units))
}

/// Write `--sample-dataset` and say so (unless quiet); `false` after printing the error.
pub fn write_sample_dataset_reported(
    samples: &[lapwise::season::samples::RunSamples],
    ds: &std::path::Path,
    args: &SeasonArgs,
) -> bool {
    let rows: usize = samples.iter().map(|r| r.len()).sum();
    report_dataset(
        "sample dataset",
        ds,
        args,
        lapwise::season::sample_dataset::write_sample_dataset(samples, ds, args.force),
        &format!("{rows} samples of {} runs in ", samples.len()),
    )
}

/// Write `--dataset` and say so (unless quiet); `false` after printing the error.
pub fn write_dataset_reported(
    runs: &[lapwise::season::RunRow],
    ds: &std::path::Path,
    args: &SeasonArgs,
) -> bool {
    report_dataset(
        "dataset",
        ds,
        args,
        lapwise::season::output::write_dataset(runs, ds, args.force),
        "",
    )
}

/// Say what a dataset writer did: `wrote {what}N Parquet files to DIR` (unless quiet), or the
/// error; `false` after an error.
fn report_dataset(
    name: &str,
    ds: &std::path::Path,
    args: &SeasonArgs,
    written: lapwise::Result<Vec<std::path::PathBuf>>,
    what: &str,
) -> bool {
    match written {
        Ok(files) => {
            if !args.quiet {
                eprintln!(
                    "wrote {what}{} Parquet files to {}",
                    files.len(),
                    ds.display()
                );
            }
            true
        }
        Err(e) => {
            eprintln!("error: writing the {name} {}: {e}", ds.display());
            false
        }
    }
}

/// Run `season`; returns the exit code (1 when any input failed, outputs still written).
pub fn run(args: &SeasonArgs) -> anyhow::Result<i32> {
    let (opts, units) = match settle(args) {
        Ok(settled) => settled,
        Err(code) => return Ok(code),
    };
    let pb = progress_bar(args.quiet);
    let on_progress = |p: Progress| match p {
        Progress::Found(n) => pb.inc_length(n as u64),
        Progress::Done { .. } => pb.inc(1),
    };
    let season = match build_season(&args.paths, &opts, &on_progress) {
        Ok(s) => s,
        Err(lapwise::Error::Cancelled) => {
            pb.finish_and_clear();
            eprintln!("interrupted");
            return Ok(EXIT_INTERRUPTED);
        }
        Err(e) => return Err(e.into()),
    };
    pb.finish_and_clear();
    for f in &season.failures {
        eprintln!("error: {}: {}", f.source, f.message);
    }
    let mut failed = !season.failures.is_empty();
    if let Some(dir) = &args.out {
        match write_outputs_cancellable(&season, dir, units, args.force, &opts.cancel) {
            Ok(paths) => {
                if !args.quiet {
                    eprintln!("wrote {} files to {}", paths.len(), dir.display());
                }
            }
            Err(lapwise::Error::Cancelled) => {
                eprintln!("interrupted");
                return Ok(EXIT_INTERRUPTED);
            }
            Err(lapwise::Error::Io(e)) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                eprintln!("error: {e}");
                return Ok(EXIT_USAGE);
            }
            Err(e) => {
                eprintln!("error: writing outputs: {e}");
                failed = true;
            }
        }
        if args.html {
            let mut run_opts = lapwise::pipeline::options_for(units);
            run_opts.thresholds = opts.thresholds;
            let written = write_season_html(
                &season,
                dir,
                &run_opts,
                &opts.limits,
                units,
                &canonical_inputs(&args.paths),
                &|| opts.cancel.is_set(),
            );
            if written.interrupted {
                eprintln!("interrupted");
                return Ok(EXIT_INTERRUPTED);
            }
            for e in &written.errors {
                eprintln!("error: {e}");
            }
            failed |= !written.errors.is_empty();
            if !args.quiet {
                eprintln!(
                    "wrote {} HTML pages to {}",
                    written.paths.len(),
                    dir.display()
                );
            }
        }
    }
    if let Some(ds) = &args.dataset {
        failed |= !write_dataset_reported(&season.runs, ds, args);
    }
    if let Some(ds) = &args.sample_dataset {
        failed |= !write_sample_dataset_reported(&season.samples, ds, args);
    }
    if args.json {
        let mut text = serde_json::to_string_pretty(&season)?;
        text.push('\n');
        output::print(&text)?;
    } else {
        output::print(&season_terminal::render(&season, units))?;
    }
    Ok(if failed { EXIT_INPUT_FAILED } else { EXIT_OK })
}
