//! `lapwise season PATH... --athletes`: each subfolder (or bulk-export zip) of PATH is one
//! athlete; one season per athlete (outputs in `OUT/<athlete>/`), the squad table
//! (`OUT/squad.csv` and the terminal), and with `--dataset` every athlete's runs in one
//! Parquet dataset; with `--html` each athlete's folder also gets `season.html` and the run
//! reports. An athlete folder holding `profile.toml` (the format of `lapwise profile
//! init`) gets that athlete's thresholds instead of the user's profile; threshold flags on the
//! command line still win, for every athlete.

use std::path::PathBuf;

use super::interrupt::EXIT_INTERRUPTED;
use super::safe_out::safe_file_name;
use super::season::SeasonArgs;
use super::{EXIT_INPUT_FAILED, EXIT_OK, EXIT_USAGE, output};
use lapwise::season::output::{
    SQUAD_CSV, existing_outputs, write_outputs_cancellable, write_squad,
};
use lapwise::season::squad::{SquadRow, squad_row, tag_runs};
use lapwise::season::{SeasonOptions, build_season, terminal};

/// The athletes under `paths`: each subfolder and each `.zip` directly inside a folder (named
/// after it, `.zip` left off), and a zip given itself; sorted by name.
pub fn athletes(paths: &[PathBuf]) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let name = |p: &std::path::Path| {
        let n = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        n.strip_suffix(".zip").map(str::to_string).unwrap_or(n)
    };
    for p in paths {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|rd| rd.flatten().map(|e| e.path()).collect())
                .unwrap_or_default();
            entries.sort();
            for e in entries {
                let hidden = e
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'));
                let zip = e.extension().is_some_and(|x| x.eq_ignore_ascii_case("zip"));
                if !hidden && (e.is_dir() || zip) {
                    out.push((name(&e), e));
                }
            }
        } else if p.is_file() {
            out.push((name(p), p.clone()));
        }
    }
    out.sort();
    out
}

/// The file in an athlete's folder that holds that athlete's profile.
pub const ATHLETE_PROFILE: &str = "profile.toml";

/// The season options of one athlete: `opts` with the thresholds of the athlete's own
/// `profile.toml` (under the command line's flags) when the folder has one.
fn athlete_options(
    args: &SeasonArgs,
    opts: &SeasonOptions,
    path: &std::path::Path,
) -> Result<SeasonOptions, Vec<String>> {
    let file = path.join(ATHLETE_PROFILE);
    if !path.is_dir() || !file.is_file() {
        return Ok(opts.clone());
    }
    let prof = super::profile::load(&file)?;
    let thresholds = args.athlete.athlete.over(&prof.athlete).thresholds()?;
    Ok(SeasonOptions {
        thresholds,
        ..opts.clone()
    })
}

/// Run the squad; returns the exit code.
pub fn run(args: &SeasonArgs) -> anyhow::Result<i32> {
    let (opts, units) = match super::season::settle(args) {
        Ok(settled) => settled,
        Err(code) => return Ok(code),
    };
    let opts = &opts;
    let list = athletes(&args.paths);
    if list.is_empty() {
        eprintln!("error: --athletes: no subfolder or export zip found (one per athlete)");
        return Ok(EXIT_USAGE);
    }
    let mut names = std::collections::HashSet::new();
    for (id, path) in &list {
        if !names.insert(safe_file_name(id).to_lowercase()) {
            eprintln!(
                "error: --athletes: two athletes named {id} ({} and another folder or zip)",
                path.display()
            );
            return Ok(EXIT_USAGE);
        }
    }
    if let Some(out) = &args.out
        && !args.force
        && out.join(SQUAD_CSV).exists()
    {
        eprintln!(
            "error: {} already holds {SQUAD_CSV} (use --force to overwrite)",
            out.display()
        );
        return Ok(EXIT_USAGE);
    }
    let inputs = super::safe_out::canonical_inputs(&args.paths);
    if let Some(out) = &args.out
        && !args.force
    {
        for (id, _) in &list {
            let dir = out.join(safe_file_name(id));
            let existing = existing_outputs(&dir);
            if !existing.is_empty() {
                eprintln!(
                    "error: {} already holds {} (use --force to overwrite)",
                    dir.display(),
                    existing.join(", ")
                );
                return Ok(EXIT_USAGE);
            }
        }
    }
    let mut rows: Vec<SquadRow> = Vec::new();
    let mut seasons = Vec::new();
    let mut failed = false;
    for (id, path) in &list {
        let athlete_opts = match athlete_options(args, opts, path) {
            Ok(o) => o,
            Err(lines) => {
                for l in lines {
                    eprintln!("error: {l}");
                }
                return Ok(EXIT_USAGE);
            }
        };
        let opts = &athlete_opts;
        let mut season = match build_season(std::slice::from_ref(path), opts, &|_| {}) {
            Ok(s) => s,
            Err(lapwise::Error::Cancelled) => {
                eprintln!("interrupted");
                return Ok(EXIT_INTERRUPTED);
            }
            Err(e) => return Err(e.into()),
        };
        tag_runs(&mut season, id);
        for f in &season.failures {
            eprintln!("error: {id}: {}: {}", f.source, f.message);
        }
        failed |= !season.failures.is_empty();
        if let Some(out) = &args.out {
            let dir = out.join(safe_file_name(id));
            match write_outputs_cancellable(&season, &dir, units, args.force, &opts.cancel) {
                Ok(_) if args.html => {
                    let mut run_opts = lapwise::pipeline::options_for(units);
                    run_opts.thresholds = opts.thresholds;
                    let written = super::html_out::write_season_html(
                        &season,
                        &dir,
                        &run_opts,
                        &opts.limits,
                        units,
                        &inputs,
                        &|| opts.cancel.is_set(),
                    );
                    for e in &written.errors {
                        eprintln!("error: {id}: {e}");
                    }
                    failed |= !written.errors.is_empty();
                }
                Ok(_) => {}
                Err(lapwise::Error::Cancelled) => {
                    eprintln!("interrupted");
                    return Ok(EXIT_INTERRUPTED);
                }
                Err(e) => {
                    eprintln!("error: writing {}: {e}", dir.display());
                    failed = true;
                }
            }
        }
        rows.push(squad_row(id, &season));
        seasons.push((id.clone(), season));
    }
    if let Some(out) = &args.out {
        if let Err(e) = write_squad(&rows, &out.join(SQUAD_CSV)) {
            eprintln!("error: writing {}: {e}", out.join(SQUAD_CSV).display());
            failed = true;
        } else if !args.quiet {
            eprintln!(
                "wrote {} athletes' outputs and {} to {}",
                rows.len(),
                SQUAD_CSV,
                out.display()
            );
        }
    }
    if let Some(ds) = &args.dataset {
        let runs: Vec<_> = seasons.iter().flat_map(|(_, s)| s.runs.clone()).collect();
        failed |= !super::season::write_dataset_reported(&runs, ds, args);
    }
    if let Some(ds) = &args.sample_dataset {
        let samples: Vec<_> = seasons
            .iter_mut()
            .flat_map(|(_, s)| std::mem::take(&mut s.samples))
            .collect();
        failed |= !super::season::write_sample_dataset_reported(&samples, ds, args);
    }
    if args.json {
        let athletes: Vec<serde_json::Value> = seasons
            .iter()
            .map(|(id, s)| serde_json::json!({ "athlete_id": id, "season": s }))
            .collect();
        let doc = serde_json::json!({ "squad": rows, "athletes": athletes });
        output::print(&(serde_json::to_string_pretty(&doc)? + "\n"))?;
    } else {
        output::print(&terminal::render_squad(&rows, units))?;
    }
    Ok(if failed { EXIT_INPUT_FAILED } else { EXIT_OK })
}
