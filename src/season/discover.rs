//! Finding the inputs of a season: folders walked recursively for activity files (`.fit`,
//! `.gpx`, `.tcx`, each optionally `.gz`) and archives (`.zip`), plus Strava's
//! `activities.csv` indexes, wherever they sit (in a folder or inside a zip).

use std::io::Read;
use std::path::{Path, PathBuf};

use super::strava::{StravaIndex, parse_activities_csv};
use crate::ingest::Limits;
use crate::ingest::archive::open_zip;
use crate::report::Failure;

/// Largest `activities.csv` read (64 MiB; a decade of activities is a few MiB).
pub const MAX_CSV_BYTES: u64 = 64 * 1024 * 1024;

/// The inputs found under the paths given.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Activity files and archives, sorted within each folder walk.
    pub files: Vec<PathBuf>,
    /// Metadata from every `activities.csv` found (folders and zips).
    pub strava: StravaIndex,
    /// Paths that could not be listed or do not exist.
    pub failures: Vec<Failure>,
}

/// Whether a file name is an activity file or archive lapwise reads in a folder walk
/// (case-insensitive): `.fit .gpx .tcx`, the same with `.gz`, and `.zip`.
pub fn is_activity_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    [".fit", ".gpx", ".tcx"].iter().any(|e| base.ends_with(e)) || lower.ends_with(".zip")
}

/// Whether a file or zip member is a Strava export index.
pub fn is_activities_csv(name: &str) -> bool {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.eq_ignore_ascii_case("activities.csv")
}

/// [`discover_limited`] under the default [`Limits`].
pub fn discover(paths: &[PathBuf]) -> Discovery {
    discover_limited(paths, &Limits::default())
}

/// Walk `paths`: a file is taken as given (whatever its name), a folder is searched
/// recursively (symbolic links to folders are not followed, hidden entries are skipped). Zips
/// are opened for their `activities.csv` only within `limits.max_members`.
pub fn discover_limited(paths: &[PathBuf], limits: &Limits) -> Discovery {
    let mut out = Discovery::default();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut out),
            Ok(_) if is_activities_csv(&p.to_string_lossy()) => read_csv_file(p, &mut out),
            Ok(_) => out.files.push(p.clone()),
            Err(e) => out.failures.push(Failure {
                source: p.display().to_string(),
                kind: "io",
                message: e.to_string(),
            }),
        }
    }
    for f in &out.files {
        if f.to_string_lossy().to_ascii_lowercase().ends_with(".zip") {
            // zip on untrusted bytes: a panic leaves this archive's index empty, and the
            // archive's own error is reported when its members are read.
            let index =
                crate::guard::guard("indexing", || zip_index(f, limits)).unwrap_or_default();
            out.strava.extend(index);
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Discovery) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.failures.push(Failure {
                source: dir.display().to_string(),
                kind: "io",
                message: format!("cannot list folder: {e}"),
            });
            return;
        }
    };
    let mut items: Vec<(PathBuf, bool)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|e| {
            let ft = e.file_type().ok()?;
            let is_dir = ft.is_dir();
            let is_file = ft.is_file() || (ft.is_symlink() && e.path().is_file());
            (is_dir || is_file).then(|| (e.path(), is_dir))
        })
        .collect();
    items.sort();
    for (path, is_dir) in items {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let name = name.unwrap_or_default();
        if is_dir {
            walk(&path, out);
        } else if is_activities_csv(&name) {
            read_csv_file(&path, out);
        } else if is_activity_name(&name) {
            out.files.push(path);
        }
    }
}

fn read_csv_file(path: &Path, out: &mut Discovery) {
    let text = std::fs::File::open(path).and_then(|f| {
        let mut s = Vec::new();
        f.take(MAX_CSV_BYTES).read_to_end(&mut s)?;
        Ok(String::from_utf8_lossy(&s).into_owned())
    });
    match text {
        Ok(t) => out.strava.extend(parse_activities_csv(&t)),
        Err(e) => out.failures.push(Failure {
            source: path.display().to_string(),
            kind: "io",
            message: format!("cannot read activities.csv: {e}"),
        }),
    }
}

/// The `activities.csv` members of a zip (top level only), parsed. Unreadable zips give an
/// empty index here; the archive's own error is reported when its activities are read.
fn zip_index(path: &Path, limits: &Limits) -> StravaIndex {
    let mut index = StravaIndex::default();
    let Ok(file) = std::fs::File::open(path) else {
        return index;
    };
    let Ok(mut zip) = open_zip(std::io::BufReader::new(file), limits) else {
        return index;
    };
    for i in 0..zip.len() {
        let Ok(member) = zip.by_index(i) else {
            continue;
        };
        if !is_activities_csv(member.name()) || member.size() > MAX_CSV_BYTES {
            continue;
        }
        let mut buf = Vec::new();
        if member.take(MAX_CSV_BYTES).read_to_end(&mut buf).is_ok() {
            index.extend(parse_activities_csv(&String::from_utf8_lossy(&buf)));
        }
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(is_activity_name("a.FIT"));
        assert!(is_activity_name("x/b.gpx.gz"));
        assert!(is_activity_name("export.zip"));
        assert!(!is_activity_name("notes.txt"));
        assert!(!is_activity_name("a.gz"));
        assert!(is_activities_csv("export/activities.csv"));
        assert!(!is_activities_csv("my_activities.csv"));
    }

    #[test]
    fn walks_folders_recursively() {
        let dir = std::env::temp_dir().join(format!("lapwise-discover-{}", std::process::id()));
        let sub = dir.join("a/b");
        std::fs::create_dir_all(&sub).unwrap_or_default();
        for f in [
            "x.fit",
            "a/y.gpx.gz",
            "a/b/z.TCX",
            "a/readme.txt",
            ".hidden.fit",
        ] {
            std::fs::write(dir.join(f), b"x").unwrap_or_default();
        }
        let d = discover(std::slice::from_ref(&dir));
        let names: Vec<String> = d
            .files
            .iter()
            .map(|p| p.strip_prefix(&dir).unwrap_or(p).display().to_string())
            .collect();
        assert_eq!(names, vec!["a/b/z.TCX", "a/y.gpx.gz", "x.fit"]);
        let missing = discover(&[dir.join("missing")]);
        assert_eq!(missing.failures.len(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
