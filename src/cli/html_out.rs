//! `analyze --html PATH`: one self-contained report file, or with several activities a folder
//! of reports (one per activity, named after its input) and an `index.html` linking them.
//! Written through temporary names renamed into place; never over an input.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use lapwise::report::charts::stem;
use lapwise::report::html::{
    IndexEntry, IndexPage, Page, index_line, render_template, report_file,
};
use lapwise::report::{Analysed, Failure, Units};

use super::safe_out::{clash, safe_file_name, unique_name};

/// What writing the HTML reports produced.
#[derive(Default)]
pub struct HtmlWritten {
    /// Final paths written.
    pub paths: Vec<PathBuf>,
    /// One line per report that could not be written (source: message).
    pub errors: Vec<String>,
    /// Interrupted: nothing of the unfinished report was left behind.
    pub interrupted: bool,
}

/// Write `text` at `path` through a temporary sibling renamed into place, unless `path` is an
/// input.
fn put(path: &Path, text: &str, inputs: &HashSet<PathBuf>) -> Result<(), String> {
    if clash(&[path.to_path_buf()], inputs).is_some() {
        return Err(format!(
            "refusing to write {} over an input",
            path.display()
        ));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(
        ".{}.lapwise-tmp-{}",
        name.unwrap_or_default(),
        std::process::id()
    ));
    std::fs::write(&tmp, text)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            format!("{}: {e}", path.display())
        })
}

/// The report of one activity, panics contained.
fn report(a: &Analysed, units: Units) -> Result<String, String> {
    lapwise::guard::guard("writing the HTML report", || report_file(a, units))
        .and_then(|r| r)
        .map_err(|e| format!("{}: {e}", a.activity.meta.source))
}

/// Write the reports: a single file at `path` when `folder` is false (exactly one activity),
/// else a folder `path` with one report per activity and `index.html`.
pub fn write_html(
    analysed: &[Analysed],
    failures: &[Failure],
    path: &Path,
    folder: bool,
    units: Units,
    inputs: &HashSet<PathBuf>,
    interrupted: &dyn Fn() -> bool,
) -> HtmlWritten {
    let mut out = HtmlWritten::default();
    if !folder {
        if let Some(a) = analysed.first() {
            match report(a, units).and_then(|text| put(path, &text, inputs)) {
                Ok(()) => out.paths.push(path.to_path_buf()),
                Err(e) => out.errors.push(e),
            }
        }
        return out;
    }
    if let Err(e) = std::fs::create_dir_all(path) {
        out.errors.push(format!("{}: {e}", path.display()));
        return out;
    }
    let mut names: HashSet<String> = HashSet::from(["index".to_string()]);
    let mut entries = Vec::new();
    for a in analysed {
        if interrupted() {
            out.interrupted = true;
            return out;
        }
        let unique = unique_name(&mut names, &safe_file_name(&stem(&a.activity.meta.source)));
        let file = path.join(format!("{unique}.html"));
        match report(a, units).and_then(|text| put(&file, &text, inputs)) {
            Ok(()) => {
                entries.push(IndexEntry {
                    href: format!("{unique}.html"),
                    title: a
                        .activity
                        .meta
                        .source
                        .rsplit(['/', '\\', '!'])
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                    line: index_line(a, units),
                });
                out.paths.push(file);
            }
            Err(e) => out.errors.push(e),
        }
    }
    let failed: Vec<String> = failures
        .iter()
        .map(|f| format!("{}: {}", f.source, f.message))
        .collect();
    let index = IndexPage {
        page: Page::file("lapwise reports"),
        entries: &entries,
        failures: &failed,
    };
    let file = path.join("index.html");
    match render_template(&index)
        .map_err(|e| e.to_string())
        .and_then(|text| put(&file, &text, inputs))
    {
        Ok(()) => out.paths.push(file),
        Err(e) => out.errors.push(e),
    }
    out
}

/// `season --out DIR --html`: `DIR/season.html` linking one report per run in `DIR/runs/`.
/// Each run is read again from its input (an archive once for all its members) and analysed
/// with `opts`; a run whose report cannot be written is listed without a link.
pub fn write_season_html(
    season: &lapwise::season::Season,
    dir: &Path,
    opts: &lapwise::analysis::Options,
    limits: &lapwise::ingest::Limits,
    units: Units,
    inputs: &HashSet<PathBuf>,
    interrupted: &dyn Fn() -> bool,
) -> HtmlWritten {
    let mut out = HtmlWritten::default();
    let runs_dir = dir.join("runs");
    if let Err(e) = std::fs::create_dir_all(&runs_dir) {
        out.errors.push(format!("{}: {e}", runs_dir.display()));
        return out;
    }
    // Group the runs by the file that holds them (`a.zip!member` → `a.zip`).
    let mut by_container: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (i, r) in season.runs.iter().enumerate() {
        // `a.zip!member` and `run.tcx#2` (the second activity of a file) are read from their file.
        let end = r.source.find(['!', '#']).unwrap_or(r.source.len());
        let container = &r.source[..end];
        by_container.entry(container).or_default().push(i);
    }
    let mut hrefs: Vec<Option<String>> = vec![None; season.runs.len()];
    let mut names: HashSet<String> = HashSet::new();
    for (container, idx) in by_container {
        if interrupted() {
            out.interrupted = true;
            return out;
        }
        let (ok, failed) =
            lapwise::pipeline::analyze_path_limited(Path::new(container), opts, limits);
        for f in failed {
            out.errors.push(format!("{}: {}", f.source, f.message));
        }
        for i in idx {
            let source = &season.runs[i].source;
            let Some(a) = ok.iter().find(|a| &a.activity.meta.source == source) else {
                continue;
            };
            let unique = unique_name(&mut names, &safe_file_name(&stem(source)));
            let file = runs_dir.join(format!("{unique}.html"));
            match report(a, units).and_then(|text| put(&file, &text, inputs)) {
                Ok(()) => {
                    hrefs[i] = Some(format!("runs/{unique}.html"));
                    out.paths.push(file);
                }
                Err(e) => out.errors.push(e),
            }
        }
    }
    let page = Page::file("lapwise season");
    let file = dir.join("season.html");
    match lapwise::season::html::season_page(season, units, page, &|i| hrefs[i].clone())
        .map_err(|e| e.to_string())
        .and_then(|text| put(&file, &text, inputs))
    {
        Ok(()) => out.paths.push(file),
        Err(e) => out.errors.push(e),
    }
    out
}
