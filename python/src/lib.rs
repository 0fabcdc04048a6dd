//! `lapwise._lapwise`: the Rust side of the Python package. Each function reads bytes in memory,
//! runs lapwise's per-file pipeline with the GIL released, and hands back plain Python values
//! (JSON text or lists) that `lapwise/__init__.py` turns into dicts and Arrow tables. Failures
//! come back as data (source, kind, message); the Python side raises `lapwise.Error`.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use lapwise::analysis::coach::{HrZoneModel, Thresholds};
use lapwise::guard::guard;
use lapwise::ingest::{Limits, read_source_limited};
use lapwise::pipeline::{Analysed, Failure, analyze_loaded, options_for};
use lapwise::report::{Units, json};
use lapwise::season::rows::run_row;
use lapwise::season::strava::StravaIndex;

fn parse_units(units: &str) -> PyResult<Units> {
    match units {
        "imperial" | "mi" => Ok(Units::Imperial),
        "metric" | "km" => Ok(Units::Metric),
        other => Err(PyValueError::new_err(format!(
            "units must be 'imperial' or 'metric', not {other:?}"
        ))),
    }
}

/// The athlete as Python passes it: a dict with every key (`lapwise._athlete` fills in `None` and
/// `"lthr"`), as the CLI's `--max-hr`, `--resting-hr`, `--threshold-hr`, a threshold speed in
/// m/s and `--hr-zones lthr|hrr`.
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct Athlete {
    max_hr: Option<f64>,
    resting_hr: Option<f64>,
    threshold_hr: Option<f64>,
    threshold_speed: Option<f64>,
    hr_zones: String,
}

/// The thresholds of `athlete` (none given: `None`), checked for plausible ranges.
fn thresholds(athlete: Option<Athlete>) -> PyResult<Thresholds> {
    let Some(a) = athlete else {
        return Ok(Thresholds::default());
    };
    let check = |name: &str, v: Option<f64>, lo: f64, hi: f64| match v {
        Some(x) if !(lo..=hi).contains(&x) => Err(PyValueError::new_err(format!(
            "{name} {x}: expected {lo}–{hi}"
        ))),
        _ => Ok(v),
    };
    let hr_zone_model = match a.hr_zones.as_str() {
        "lthr" => HrZoneModel::Lthr,
        "hrr" => HrZoneModel::Hrr,
        other => {
            return Err(PyValueError::new_err(format!(
                "hr_zones must be 'lthr' or 'hrr', not {other:?}"
            )));
        }
    };
    Ok(Thresholds {
        hr_zone_model,
        max_hr_bpm: check("max_hr", a.max_hr, 100.0, 240.0)?,
        resting_hr_bpm: check("resting_hr", a.resting_hr, 25.0, 120.0)?,
        threshold_hr_bpm: check("threshold_hr", a.threshold_hr, 80.0, 230.0)?,
        threshold_speed_mps: check(
            "threshold_speed",
            a.threshold_speed,
            1000.0 / 900.0,
            1000.0 / 120.0,
        )?,
        ..Thresholds::default()
    })
}

/// Read and analyse one file's bytes (every activity in it) under the default limits; a panic
/// anywhere becomes one `panic` failure naming the file (the interpreter never sees it).
fn analyse(
    bytes: &[u8],
    source: &str,
    units: Units,
    athlete: &Thresholds,
) -> (Vec<Analysed>, Vec<Failure>) {
    guard("reading", || {
        let loaded = read_source_limited(bytes, source, &Limits::default());
        let mut opts = options_for(units);
        opts.thresholds = *athlete;
        analyze_loaded(loaded, &opts)
    })
    .unwrap_or_else(|e| (Vec::new(), vec![Failure::new(source, &e)]))
}

/// The document of `lapwise analyze --json` for one file, as JSON text.
#[pyfunction]
#[pyo3(signature = (data, source, units = "imperial", athlete = None))]
fn analyze_json(
    py: Python<'_>,
    data: &[u8],
    source: &str,
    units: &str,
    athlete: Option<Athlete>,
) -> PyResult<String> {
    let units = parse_units(units)?;
    let athlete = thresholds(athlete)?;
    py.detach(|| {
        let (ok, failed) = analyse(data, source, units, &athlete);
        guard("writing the document", || {
            json::to_string(&ok, &failed, units)
        })
    })
    .map_err(|e| PyValueError::new_err(e.to_string()))
}

/// One JSON object per activity (the fields of a season's `runs.csv` row) and one per failure
/// (`source`, `error_kind`, `error_message`), as a JSON array.
#[pyfunction]
#[pyo3(signature = (contents, sources, units = "imperial", athlete = None))]
fn run_rows_json(
    py: Python<'_>,
    contents: Vec<Bound<'_, PyBytes>>,
    sources: Vec<String>,
    units: &str,
    athlete: Option<Athlete>,
) -> PyResult<String> {
    let units = parse_units(units)?;
    let athlete = thresholds(athlete)?;
    if contents.len() != sources.len() {
        return Err(PyValueError::new_err(format!(
            "{} contents but {} sources",
            contents.len(),
            sources.len()
        )));
    }
    let slices: Vec<&[u8]> = contents.iter().map(|b| b.as_bytes()).collect();
    py.detach(|| {
        let strava = StravaIndex::default();
        let mut rows = Vec::new();
        for (bytes, source) in slices.iter().zip(&sources) {
            let (ok, failed) = analyse(bytes, source, units, &athlete);
            for a in &ok {
                let source = &a.activity.meta.source;
                match guard("making the row", || run_row(a, &strava)) {
                    Ok(Some(row)) => {
                        let mut value = serde_json::to_value(&row)?;
                        if let Some(object) = value.as_object_mut() {
                            for (column, time) in row.effort_columns() {
                                object.insert(column.to_string(), serde_json::json!(time));
                            }
                        }
                        rows.push(value)
                    }
                    Ok(None) => rows.push(serde_json::json!({
                        "source": source,
                        "error_kind": "no_start_time",
                        "error_message": "no start time in the file",
                    })),
                    Err(e) => rows.push(serde_json::json!({
                        "source": source,
                        "error_kind": e.kind(),
                        "error_message": e.to_string(),
                    })),
                }
            }
            for f in failed {
                rows.push(serde_json::json!({
                    "source": f.source,
                    "error_kind": f.kind,
                    "error_message": f.message,
                }));
            }
        }
        serde_json::to_string(&rows)
    })
    .map_err(|e| PyValueError::new_err(e.to_string()))
}

/// Per activity: its source and its columns by name.
type Columns<'py> = Vec<(String, Bound<'py, PyDict>)>;
/// Per failure: source, kind, message.
type Failures = Vec<(String, String, String)>;

/// The cleaned samples of every activity in one file: a list of (source, columns) where
/// columns maps a name to a list (NaN where the file has no value), and the failures as
/// (source, kind, message).
#[pyfunction]
fn samples_columns<'py>(
    py: Python<'py>,
    data: &[u8],
    source: &str,
) -> PyResult<(Columns<'py>, Failures)> {
    let (ok, failed) = py.detach(|| analyse(data, source, Units::Imperial, &Thresholds::default()));
    let mut out = Vec::new();
    for a in &ok {
        let s = &a.activity.samples;
        let d = PyDict::new(py);
        d.set_item("time_s", s.time_s.clone())?;
        d.set_item("distance_m", s.distance_m.clone())?;
        d.set_item("speed_mps", s.speed_mps.clone())?;
        d.set_item("hr_bpm", s.hr_bpm.clone())?;
        d.set_item("cadence_spm", s.cadence.clone())?;
        d.set_item("altitude_m", s.altitude_m.clone())?;
        d.set_item("lat_deg", s.lat_deg.clone())?;
        d.set_item("lon_deg", s.lon_deg.clone())?;
        d.set_item("power_w", s.power_w.clone())?;
        d.set_item("moving", s.moving.clone())?;
        let segment = guard("labelling samples", || segment_of_samples(a))
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        d.set_item("segment", segment)?;
        out.push((a.activity.meta.source.clone(), d));
    }
    let failures = failed
        .into_iter()
        .map(|f| (f.source, f.kind.to_string(), f.message))
        .collect();
    Ok((out, failures))
}

/// The segment kind (`warmup`, `work`, `rest`, ...) each sample falls in; `None` outside every
/// segment.
fn segment_of_samples(a: &Analysed) -> Vec<Option<&'static str>> {
    lapwise::segment::kind_per_sample(
        &a.activity.samples.time_s,
        &a.analysis.segmentation.segments,
    )
    .into_iter()
    .map(|k| k.map(|k| k.as_str()))
    .collect()
}

/// lapwise's version.
#[pyfunction]
fn version() -> &'static str {
    lapwise::VERSION
}

/// The module.
#[pymodule]
fn _lapwise(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(analyze_json, m)?)?;
    m.add_function(wrap_pyfunction!(run_rows_json, m)?)?;
    m.add_function(wrap_pyfunction!(samples_columns, m)?)?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    Ok(())
}
