//! The shipped fixtures as files: the folder and every activity file in it (FIT, GPX, TCX).

use std::path::PathBuf;

/// `fixtures/`.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Every `.fit`, `.gpx` and `.tcx` file of `fixtures/`, sorted.
pub fn activity_fixtures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "fit" || e == "gpx" || e == "tcx")
        })
        .collect();
    v.sort();
    v
}
