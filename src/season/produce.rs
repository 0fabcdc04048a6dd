//! The producer side of the season batch: one thread lists the inputs and queues one work item
//! per file or zip member into a bounded channel, so memory stays bounded by the queue.

use std::path::PathBuf;
use std::sync::mpsc::SyncSender;

use super::control::{Control, Progress};
use super::discover::{is_activities_csv, is_activity_name};
use crate::Error;
use crate::ingest::archive::{ArchiveBudget, Member, ZipWalk, open_zip};

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

/// Queue the members of a zip (`archive_len` bytes) through the one zip walker
/// ([`ZipWalk`]), decompressing one member at a time; only activity files are queued (an
/// `activities.csv` was read at discovery). Returns false when the receiver is gone or the run
/// was cancelled.
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
    let skip = |name: &str| !is_activity_name(name) || is_activities_csv(name);
    let mut walk = ZipWalk {
        limits: &ctl.limits,
        budget,
        skip: &skip,
        stop: &|| ctl.cancel.is_set(),
    };
    walk.walk(zip, source, archive_len, depth, &mut |m: Member| {
        if ctl.cancel.is_set() {
            return false;
        }
        progress(Progress::Found(1));
        let payload = match m.bytes {
            Ok(b) => Payload::Bytes(b),
            Err(e) => Payload::Failed(e),
        };
        tx.send(Work {
            source: m.source,
            payload,
        })
        .is_ok()
    }) && !ctl.cancel.is_set()
}
