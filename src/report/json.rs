//! The `--json` document (schema in docs/json-schema.json, described in docs/json-schema.md).
//! Names listed in the output contract are never renamed; fields may be added.

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use serde::Serialize;

use super::{Analysed, Failure, Units};
use crate::analysis::{LapReport, Summary};
use crate::model::{DeviceTotals, Pause};
use crate::segment::Split;

/// Version of the JSON document layout; bumped only on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole `lapwise analyze --json` document.
#[derive(Debug, Serialize)]
pub struct Document<'a> {
    /// Layout version ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// `lapwise <version>`.
    pub generator: String,
    /// Unit system used for splits (values themselves are always SI).
    pub units: Units,
    /// One entry per analysed activity.
    pub activities: Vec<ActivityJson<'a>>,
    /// One entry per input that failed.
    pub errors: Vec<ErrorJson<'a>>,
}

/// One activity in the document.
#[derive(Debug, Serialize)]
pub struct ActivityJson<'a> {
    /// The path as given.
    pub source: &'a str,
    /// `fit`, `gpx` or `tcx`.
    pub format: &'static str,
    /// Normalized sport.
    pub sport: &'static str,
    /// Sub-sport as the file names it.
    pub sub_sport: Option<&'a str>,
    /// Device or creator.
    pub device: Option<&'a str>,
    /// Activity name from the file.
    pub name: Option<&'a str>,
    /// Start of the first sample, RFC 3339 UTC.
    pub start_utc: Option<String>,
    /// Local offset from UTC in seconds, from the file.
    pub local_offset_s: Option<i32>,
    /// Local start time with its offset, when the offset is known.
    pub start_local: Option<String>,
    /// Recorded indoors (treadmill, trainer).
    pub indoor: bool,
    /// Totals computed by lapwise.
    pub summary: &'a Summary,
    /// Totals the device stored, for comparison.
    pub device_totals: Option<&'a DeviceTotals>,
    /// The device's laps, as recorded, with lapwise's figures under `computed`.
    pub laps: &'a [LapReport],
    /// Splits per mile or kilometre.
    pub splits: &'a [Split],
    /// Timer pauses and recording gaps.
    pub pauses: &'a [Pause],
    /// Problems that did not stop the analysis.
    pub warnings: &'a [String],
}

/// One failed input.
#[derive(Debug, Serialize)]
pub struct ErrorJson<'a> {
    /// The path as given.
    pub source: &'a str,
    /// What went wrong.
    pub message: &'a str,
}

/// RFC 3339 with a `Z` suffix, whole seconds.
pub fn utc_string(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Local time with its offset, e.g. `2026-03-01T08:12:03+01:00`.
pub fn local_string(t: DateTime<Utc>, offset_s: i32) -> Option<String> {
    let tz = FixedOffset::east_opt(offset_s)?;
    Some(
        t.with_timezone(&tz)
            .to_rfc3339_opts(SecondsFormat::Secs, true),
    )
}

/// Build the document for analysed activities and failures.
pub fn document<'a>(items: &'a [Analysed], failures: &'a [Failure], units: Units) -> Document<'a> {
    Document {
        schema_version: SCHEMA_VERSION,
        generator: format!("lapwise {}", env!("CARGO_PKG_VERSION")),
        units,
        activities: items.iter().map(activity_json).collect(),
        errors: failures
            .iter()
            .map(|f| ErrorJson {
                source: &f.source,
                message: &f.message,
            })
            .collect(),
    }
}

fn activity_json(item: &Analysed) -> ActivityJson<'_> {
    let a = &item.activity;
    let m = &a.meta;
    ActivityJson {
        source: &m.source,
        format: m.format.as_str(),
        sport: m.sport.as_str(),
        sub_sport: m.sub_sport.as_deref(),
        device: m.device.as_deref(),
        name: m.name.as_deref(),
        start_utc: m.start_utc.map(utc_string),
        local_offset_s: m.local_offset_s,
        start_local: m
            .start_utc
            .zip(m.local_offset_s)
            .and_then(|(t, o)| local_string(t, o)),
        indoor: m.indoor,
        summary: &item.analysis.summary,
        device_totals: a.device.as_ref(),
        laps: &item.analysis.laps,
        splits: &item.analysis.splits,
        pauses: &a.pauses,
        warnings: &a.warnings,
    }
}

/// Serialize the document as pretty JSON.
pub fn to_string(items: &[Analysed], failures: &[Failure], units: Units) -> String {
    serde_json::to_string_pretty(&document(items, failures, units))
        .unwrap_or_else(|e| format!("{{\"schema_version\":{SCHEMA_VERSION},\"activities\":[],\"errors\":[{{\"source\":\"\",\"message\":\"{e}\"}}]}}"))
}
