//! The `--json` document (schema in docs/json-schema.json, described in docs/json-schema.md).
//! Names listed in the output contract are never renamed; fields may be added.

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use serde::Serialize;

use super::{Analysed, Failure, Units};
use crate::analysis::coach::decoupling::NoDecoupling;
use crate::analysis::coach::{HrRecovery, Load, ProfileUsed, Zones};
use crate::analysis::{LapReport, Summary};
use crate::model::{DeviceTotals, Pause};
use crate::score::Scores;
use crate::segment::{
    BestEffort, HillRep, Intervals, MileEffort, Segment, Split, Stride, StructureSource, Tempo,
    WorkoutType,
};

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

/// Workout type and the one-line reason for it, in the document's units.
#[derive(Debug, Serialize)]
pub struct WorkoutJson {
    /// Workout type.
    #[serde(rename = "type")]
    pub kind: WorkoutType,
    /// Why, in words.
    pub reason: String,
    /// Where the structure was read from (`workout_steps`, `manual_laps`, `speed`); `null` when
    /// the run has no structure.
    pub structure_source: Option<StructureSource>,
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
    /// Headline totals: the watch's own where the file has them, else lapwise's.
    pub summary: &'a Summary,
    /// lapwise's recomputation of the same totals from the samples.
    pub summary_computed: &'a Summary,
    /// Totals the device stored, for comparison.
    pub device_totals: Option<&'a DeviceTotals>,
    /// The device's laps, as recorded, with lapwise's figures under `computed`.
    pub laps: &'a [LapReport],
    /// Splits per mile or kilometre.
    pub splits: &'a [Split],
    /// Fastest window of each standard distance the run covers (elapsed time).
    pub best_efforts: &'a [BestEffort],
    /// Workout type and the reason for it.
    pub workout: WorkoutJson,
    /// The run as labelled stretches.
    pub segments: &'a [Segment],
    /// The mile time trial or race, when the run was one.
    pub mile_effort: Option<&'a MileEffort>,
    /// The best mile of the run, with quarter splits (whatever the workout).
    pub best_mile: Option<&'a MileEffort>,
    /// Interval reps, recoveries and sets.
    pub intervals: Option<&'a Intervals>,
    /// Strides.
    pub strides: &'a [Stride],
    /// Hill reps.
    pub hills: &'a [HillRep],
    /// Tempo blocks.
    pub tempo: &'a [Tempo],
    /// A long run's fast finish (`start_s`, `end_s`, `distance_m`, `elapsed_s`,
    /// `avg_speed_mps`), or null.
    pub fast_finish: Option<crate::segment::classify::FastFinish>,
    /// Sustained faster blocks inside a structured session's warm-up or cool-down (the tempo
    /// block's fields).
    pub extra_efforts: &'a [Tempo],
    /// Easy (baseline) speed of the run, m/s.
    pub easy_speed_mps: Option<f64>,
    /// Pacing, interval, mile and cadence scores (docs/metrics.md).
    pub scores: &'a Scores,
    /// The thresholds zones and load were measured against, each with its source.
    pub profile: &'a ProfileUsed,
    /// Time in heart-rate and pace zones.
    pub zones: &'a Zones,
    /// Training load (`null` when no threshold places the run).
    pub load: Option<&'a Load>,
    /// Normalized graded speed, m/s.
    pub ngp_mps: Option<f64>,
    /// Aerobic decoupling, % (steady runs of 40 minutes or more with HR).
    pub decoupling_pct: Option<f64>,
    /// Efficiency factor, m/min per bpm (the same runs).
    pub efficiency_factor: Option<f64>,
    /// Why decoupling and efficiency factor are `null`.
    pub decoupling_why_not: Option<NoDecoupling>,
    /// Heart-rate drop 60 s after each interval rep and after the run.
    pub hr_recovery: &'a HrRecovery,
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
    /// The stable kind of the error (`truncated`, `xml`, `panic`, ...).
    pub kind: &'a str,
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
        activities: items.iter().map(|i| activity_json(i, units)).collect(),
        errors: failures
            .iter()
            .map(|f| ErrorJson {
                source: &f.source,
                kind: f.kind,
                message: &f.message,
            })
            .collect(),
    }
}

fn activity_json(item: &Analysed, units: Units) -> ActivityJson<'_> {
    let a = &item.activity;
    let m = &a.meta;
    let seg = &item.analysis.segmentation;
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
        summary_computed: &item.analysis.summary_computed,
        device_totals: a.device.as_ref(),
        laps: &item.analysis.laps,
        splits: &seg.splits,
        best_efforts: &seg.best_efforts,
        workout: WorkoutJson {
            kind: seg.workout.kind,
            reason: super::workout::reason_with_totals(&seg.workout, &item.analysis.summary, units),
            structure_source: seg.workout.structure_source,
        },
        segments: &seg.segments,
        mile_effort: seg.mile_effort.as_ref(),
        best_mile: seg.best_mile.as_ref(),
        intervals: seg.intervals.as_ref(),
        strides: &seg.strides,
        hills: &seg.hills,
        tempo: &seg.tempo,
        fast_finish: seg.fast_finish,
        extra_efforts: &seg.extra_efforts,
        easy_speed_mps: seg.easy_mps,
        scores: &item.analysis.scores,
        profile: &item.analysis.coach.profile,
        zones: &item.analysis.coach.zones,
        load: item.analysis.coach.load.as_ref(),
        ngp_mps: item.analysis.coach.ngp_mps,
        decoupling_pct: item.analysis.coach.decoupling.decoupling_pct,
        efficiency_factor: item.analysis.coach.decoupling.efficiency_factor,
        decoupling_why_not: item.analysis.coach.decoupling.why_not,
        hr_recovery: &item.analysis.coach.hr_recovery,
        pauses: &a.pauses,
        warnings: &a.warnings,
    }
}

/// Decimal places kept for numbers in the document (millimetres, milliseconds).
pub const DECIMALS: i32 = 3;

/// Round every float in a JSON value to [`DECIMALS`] places (integers stay integers).
fn round_floats(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Number(n) if n.is_f64() => {
            if let Some(x) = n.as_f64() {
                let k = 10f64.powi(DECIMALS);
                if let Some(r) = serde_json::Number::from_f64((x * k).round() / k) {
                    *n = r;
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(round_floats),
        serde_json::Value::Object(map) => map.values_mut().for_each(round_floats),
        _ => {}
    }
}

/// Serialize the document as pretty JSON, numbers rounded to [`DECIMALS`] places.
pub fn to_string(items: &[Analysed], failures: &[Failure], units: Units) -> String {
    let doc = document(items, failures, units);
    match serde_json::to_value(&doc) {
        Ok(mut v) => {
            round_floats(&mut v);
            serde_json::to_string_pretty(&v).unwrap_or_default()
        }
        Err(e) => serde_json::json!({
            "schema_version": SCHEMA_VERSION,
            "activities": [],
            "errors": [{ "source": "", "message": format!("could not serialize: {e}") }],
        })
        .to_string(),
    }
}
