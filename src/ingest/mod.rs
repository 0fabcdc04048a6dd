//! Readers: bytes in, [`Activity`] out. The format is chosen by content (magic bytes, XML root
//! element), not by the file name.

pub mod archive;
pub mod cadence;
pub mod detect;
pub mod fit;
pub mod gpx;
pub mod limits;
mod sport_guess;
pub mod tcx;
mod xml;

use std::path::Path;

use crate::{Activity, Error, Result};
pub use detect::{Format, detect};
pub use limits::Limits;
pub use sport_guess::infer_running_from_data;

/// One activity read from a path, or the error that prevented it. Archives yield one entry per
/// member (`archive.zip!member`), multi-activity files one per activity.
#[derive(Debug)]
pub struct Loaded {
    /// The path as given, with `!member` for archive members.
    pub source: String,
    /// The activity, or why there is none.
    pub result: Result<Activity>,
}

/// Read every activity in a file under the default [`Limits`]; see [`read_path_limited`].
pub fn read_path(path: &Path) -> Vec<Loaded> {
    read_path_limited(path, &Limits::default())
}

/// Read every activity in a file: FIT, GPX, TCX, any of them gzipped, or a zip of them.
/// Never panics; each problem (a limit hit included) becomes an `Err` entry naming its source.
pub fn read_path_limited(path: &Path, limits: &Limits) -> Vec<Loaded> {
    let source = path.display().to_string();
    let bytes = match read_capped(path, limits) {
        Ok(b) => b,
        Err(e) => {
            return vec![Loaded {
                source,
                result: Err(e),
            }];
        }
    };
    read_source_limited(&bytes, &source, limits)
}

/// Read every activity held in `bytes` under the default [`Limits`].
pub fn read_source(bytes: &[u8], source: &str) -> Vec<Loaded> {
    read_source_limited(bytes, source, &Limits::default())
}

/// Read every activity held in `bytes` (any supported format, gzip or zip), naming them after
/// `source`.
pub fn read_source_limited(bytes: &[u8], source: &str, limits: &Limits) -> Vec<Loaded> {
    match detect(bytes) {
        Format::Zip => archive::read_zip_limited(bytes, source, limits),
        _ => match read_bytes_limited(bytes, source, limits) {
            Ok(acts) => acts
                .into_iter()
                .map(|a| Loaded {
                    source: a.meta.source.clone(),
                    result: Ok(a),
                })
                .collect(),
            Err(e) => vec![Loaded {
                source: source.to_string(),
                result: Err(e),
            }],
        },
    }
}

/// Decode one document under the default [`Limits`]; see [`read_bytes_limited`].
pub fn read_bytes(bytes: &[u8], source: &str) -> Result<Vec<Activity>> {
    read_bytes_limited(bytes, source, &Limits::default())
}

/// Decode one FIT, GPX or TCX document (possibly gzipped) into its activities, with cadence
/// normalized to steps/min for on-foot sports. Panics inside decoders are contained and
/// returned as [`Error::Panic`]; limits are enforced as [`Error::Limit`].
pub fn read_bytes_limited(bytes: &[u8], source: &str, limits: &Limits) -> Result<Vec<Activity>> {
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    if bytes.len() as u64 > limits.max_decompressed_bytes.max(limits.max_file_bytes) {
        return Err(limits.file_too_large(bytes.len() as u64));
    }
    let format = detect(bytes);
    let acts = match format {
        Format::Gzip => {
            let inner = archive::gunzip_limited(bytes, limits)?;
            if detect(&inner) == Format::Gzip {
                return Err(Error::Archive("gzip inside gzip is not read".into()));
            }
            if inner.is_empty() {
                return Err(Error::Empty);
            }
            return read_bytes_limited(&inner, source, limits);
        }
        Format::Zip => {
            return Err(Error::Archive(
                "a zip archive inside a single-document read".into(),
            ));
        }
        Format::Fit => contain_panics(|| fit::read_limited(bytes, source, limits))?,
        Format::Gpx => contain_panics(|| gpx::read_limited(bytes, source, limits))?,
        Format::Tcx => contain_panics(|| tcx::read_limited(bytes, source, limits))?,
        Format::Unknown(hint) => return Err(Error::UnknownFormat(hint)),
    };
    let mut acts = acts;
    for a in &acts {
        // A backstop: FIT counts records before decoding, GPX/TCX stop reading at the limit.
        if a.samples.len() > limits.max_samples {
            return Err(limits.too_many_samples());
        }
    }
    acts.iter_mut().for_each(settle_sport_and_cadence);
    Ok(acts)
}

/// What every reader's output goes through: the sport from the name or the data when the file
/// does not state it, then the cadence unit check (per foot → steps/min).
pub fn settle_sport_and_cadence(act: &mut Activity) {
    infer_sport_from_name(act);
    infer_running_from_data(act);
    cadence::sanity_check(act);
}

/// When the file does not state a sport (many GPX exports have no `<type>`), take it from the
/// activity's name when a word of it says so ("Morning Run", "Evening Ride"); adds a warning.
pub fn infer_sport_from_name(act: &mut Activity) {
    use crate::model::Sport;
    if act.meta.sport != Sport::Other {
        return;
    }
    let Some(name) = act.meta.name.as_deref() else {
        return;
    };
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |keys: &[&str]| words.iter().any(|w| keys.contains(w));
    let sport = if has(&[
        "run", "running", "jog", "jogging", "lauf", "laufen", "corrida", "carrera",
    ]) {
        Sport::Running
    } else if has(&["ride", "bike", "cycling", "biking", "mtb"]) {
        Sport::Cycling
    } else if has(&["walk", "walking"]) {
        Sport::Walking
    } else if has(&["hike", "hiking"]) {
        Sport::Hiking
    } else if has(&["swim", "swimming"]) {
        Sport::Swimming
    } else {
        return;
    };
    act.meta.sport = sport;
    act.warnings.push(format!(
        "sport not stated in the file; taken as {} from the name \"{name}\"",
        sport.as_str()
    ));
}

fn read_capped(path: &Path, limits: &Limits) -> Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(Error::NotActivity(
            "a folder (`lapwise season` reads folders)".to_string(),
        ));
    }
    let size = meta.len();
    if size > limits.max_file_bytes {
        return Err(limits.file_too_large(size));
    }
    // The size may change while reading (a growing file): never read past the limit.
    let mut buf = Vec::with_capacity(size as usize);
    file.take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(&mut buf)?;
    if buf.len() as u64 > limits.max_file_bytes {
        return Err(limits.file_too_large(buf.len() as u64));
    }
    if buf.is_empty() {
        return Err(Error::Empty);
    }
    Ok(buf)
}

/// Run a decoder (or any per-file step), turning a panic into [`Error::Panic`] instead of
/// unwinding into the caller (through [`crate::guard::guard`]).
pub fn contain_panics<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    crate::guard::guard("decoding", f)?
}
