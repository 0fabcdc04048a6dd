//! The producer side of the season batch: one thread lists the inputs and queues one work item
//! per file or zip member into a bounded channel, so memory stays bounded by the queue.

use std::path::PathBuf;
use std::sync::mpsc::SyncSender;

use super::control::{Control, Progress};
use super::discover::{is_activities_csv, is_activity_name};
use crate::Error;
use crate::ingest::archive::{ArchiveBudget, MAX_ZIP_DEPTH, gunzip_member, open_zip, read_member};

/// One unit of work for a worker: a file to read, a zip member already decompressed, or an
/// input that failed before reading.
pub(super) enum Payload {
    /// A file on disk.
    Path(PathBuf),
    /// A zip member's bytes.
    Bytes(Vec<u8>),
    /// Why the input could not be read.
    Failed(Error),
}

/// A payload and the name it is reported under.
pub(super) struct Work {
    /// The path, or `archive.zip!member`.
    pub(super) source: String,
    /// What to read.
    pub(super) payload: Payload,
}

/// List the work for the workers: each file as a path, and each member of a zip archive
/// (nested zips followed) decompressed one at a time under the archive's budget.
pub(super) fn produce(
    files: &[PathBuf],
    tx: &SyncSender<Work>,
    ctl: &Control,
    progress: &(dyn Fn(Progress) + Sync),
) {
    progress(Progress::Found(files.len()));
    for f in files {
        if ctl.cancel.is_set() {
            return;
        }
        let source = f.display().to_string();
        if !source.to_ascii_lowercase().ends_with(".zip") {
            if tx
                .send(Work {
                    source,
                    payload: Payload::Path(f.clone()),
                })
                .is_err()
            {
                return;
            }
            continue;
        }
        let opened = std::fs::File::open(f)
            .map_err(Error::from)
            .and_then(|file| {
                let len = file.metadata()?.len();
                Ok((open_zip(std::io::BufReader::new(file), &ctl.limits)?, len))
            });
        let ok = match opened {
            Ok((mut zip, len)) => {
                let mut budget = ArchiveBudget::new(len, &ctl.limits);
                // zip and flate2 run here on untrusted bytes: a panic fails this archive only.
                let expanded = crate::guard::guard("reading the archive", || {
                    expand_zip(&mut zip, &source, len, 0, &mut budget, tx, ctl, progress)
                });
                match expanded {
                    Ok(ok) => ok,
                    Err(e) => tx
                        .send(Work {
                            source: source.clone(),
                            payload: Payload::Failed(e),
                        })
                        .is_ok(),
                }
            }
            Err(e) => tx
                .send(Work {
                    source,
                    payload: Payload::Failed(e),
                })
                .is_ok(),
        };
        // The zip itself counted as one input: mark it done once its members are queued.
        progress(Progress::Done {
            source: &f.display().to_string(),
            failed: false,
        });
        if !ok {
            return;
        }
    }
}

fn zip_err(e: zip::result::ZipError) -> Error {
    Error::Archive(format!("zip: {e}"))
}

/// Queue the members of a zip (`archive_len` bytes), decompressing one member at a time;
/// returns false when the receiver is gone or the run was cancelled.
#[allow(clippy::too_many_arguments)]
fn expand_zip<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    source: &str,
    archive_len: u64,
    depth: usize,
    budget: &mut ArchiveBudget,
    tx: &SyncSender<Work>,
    ctl: &Control,
    progress: &(dyn Fn(Progress) + Sync),
) -> bool {
    let limits = &ctl.limits;
    for i in 0..zip.len() {
        if ctl.cancel.is_set() {
            return false;
        }
        let (name, bytes) = match zip.by_index(i) {
            Ok(m) if m.is_dir() || !is_activity_name(m.name()) || is_activities_csv(m.name()) => {
                continue;
            }
            Ok(mut m) => {
                let compressed = m.compressed_size().min(archive_len);
                let r = read_member(&mut m, compressed, limits, budget)
                    .and_then(|b| gunzip_member(b, limits, budget));
                (m.name().to_string(), r)
            }
            Err(e) => (format!("#{i}"), Err(zip_err(e))),
        };
        let member = format!("{source}!{name}");
        if name.to_ascii_lowercase().ends_with(".zip")
            && let Ok(b) = &bytes
            && depth + 1 < MAX_ZIP_DEPTH
        {
            match open_zip(std::io::Cursor::new(b.as_slice()), limits) {
                Ok(mut inner) => {
                    let len = b.len() as u64;
                    if !expand_zip(
                        &mut inner,
                        &member,
                        len,
                        depth + 1,
                        budget,
                        tx,
                        ctl,
                        progress,
                    ) {
                        return false;
                    }
                    continue;
                }
                Err(e) => {
                    progress(Progress::Found(1));
                    let w = Work {
                        source: member,
                        payload: Payload::Failed(e),
                    };
                    if tx.send(w).is_err() {
                        return false;
                    }
                    continue;
                }
            }
        }
        progress(Progress::Found(1));
        let payload = match bytes {
            Ok(b) => Payload::Bytes(b),
            Err(e) => Payload::Failed(e),
        };
        if tx
            .send(Work {
                source: member,
                payload,
            })
            .is_err()
        {
            return false;
        }
        if budget.exhausted() {
            // The archive's decompression budget is gone: its other members are not read.
            return true;
        }
    }
    true
}
