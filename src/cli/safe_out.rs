//! Output safety for the CLI: never write over an input, never let an archive member's name
//! choose a path outside the output folder, and write through temporary names renamed into
//! place so an interrupt leaves no partial file.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use lapwise::report::charts::{self, stem};
use lapwise::report::{Analysed, Units};

/// Canonical forms of the inputs named on the command line (those that exist).
pub fn canonical_inputs(paths: &[PathBuf]) -> HashSet<PathBuf> {
    paths
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect()
}

/// The first of `outputs` that is (or resolves to) one of the inputs.
pub fn clash<'a>(outputs: &'a [PathBuf], inputs: &HashSet<PathBuf>) -> Option<&'a PathBuf> {
    outputs.iter().find(|o| {
        std::fs::canonicalize(o).is_ok_and(|c| inputs.contains(&c))
            || o.parent()
                .and_then(|d| std::fs::canonicalize(d).ok())
                .zip(o.file_name())
                .is_some_and(|(d, n)| inputs.contains(&d.join(n)))
    })
}

/// A file name that stays inside its folder: path separators and leading dots replaced.
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim_start_matches('.');
    if trimmed.is_empty() {
        "activity".to_string()
    } else {
        trimmed.to_string()
    }
}

/// `base`, or `base~2`, `base~3`, ... : the first not yet in `taken`, which then holds it.
pub fn unique_name(taken: &mut HashSet<String>, base: &str) -> String {
    let mut name = base.to_string();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{base}~{n}");
        n += 1;
    }
    name
}

/// What writing the charts of a batch produced.
#[derive(Default)]
pub struct ChartsWritten {
    /// Final paths of the charts written.
    pub paths: Vec<PathBuf>,
    /// One line per activity whose charts failed (source: message).
    pub errors: Vec<String>,
    /// The run was interrupted; nothing of the unfinished activity was left behind.
    pub interrupted: bool,
}

/// Draw every activity's charts into a hidden temporary folder inside `dir`, then rename each
/// into `dir` under a name derived from the activity (sanitized, made unique within the batch),
/// refusing any name that is an input.
pub fn write_charts(
    analysed: &[Analysed],
    dir: &Path,
    units: Units,
    inputs: &HashSet<PathBuf>,
    interrupted: &dyn Fn() -> bool,
) -> ChartsWritten {
    let mut out = ChartsWritten::default();
    if let Err(e) = std::fs::create_dir_all(dir) {
        out.errors.push(format!("{}: {e}", dir.display()));
        return out;
    }
    let tmp = dir.join(format!(".lapwise-tmp-{}", std::process::id()));
    let mut stems: HashSet<String> = HashSet::new();
    for a in analysed {
        if interrupted() {
            out.interrupted = true;
            break;
        }
        let source = &a.activity.meta.source;
        let unique = unique_name(&mut stems, &safe_file_name(&stem(source)));
        let drawn = lapwise::guard::guard("drawing charts", || charts::write_all(a, &tmp, units))
            .and_then(|r| r);
        let drawn = match drawn {
            Ok(paths) => paths,
            Err(e) => {
                out.errors.push(format!("{source}: {e}"));
                continue;
            }
        };
        let finals: Vec<PathBuf> = drawn
            .iter()
            .map(|p| {
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                let name = name.unwrap_or_default();
                let suffix = name.strip_prefix(&stem(source)).unwrap_or(&name);
                dir.join(safe_file_name(&format!("{unique}{suffix}")))
            })
            .collect();
        if let Some(bad) = clash(&finals, inputs) {
            out.errors.push(format!(
                "{source}: refusing to write chart {} over an input file",
                bad.display()
            ));
            continue;
        }
        for (from, to) in drawn.iter().zip(finals) {
            match std::fs::rename(from, &to) {
                Ok(()) => out.paths.push(to),
                Err(e) => out.errors.push(format!("{source}: {}: {e}", to.display())),
            }
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_inside() {
        assert_eq!(safe_file_name("../../evil"), "_.._evil");
        assert_eq!(safe_file_name(".."), "activity");
        assert_eq!(safe_file_name("a\\b"), "a_b");
        assert_eq!(safe_file_name("run-overview.png"), "run-overview.png");
    }
}
