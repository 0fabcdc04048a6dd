"""lapwise from Python: the Rust engine that reads FIT, GPX and TCX files (also .gz and .zip)
and finds what the runner did, for pandas, polars, notebook, Spark and Dask users.

    import lapwise
    doc = lapwise.analyze(open("run.fit", "rb").read(), "run.fit")   # the `analyze --json` document
    table = lapwise.runs([data1, data2], ["a.fit", "b.gpx"])          # pyarrow.Table, RUN_SCHEMA
    samples = lapwise.samples(data, "run.fit")                        # pyarrow.Table of the samples

Everything runs in Rust with the GIL released. Bad input raises a subclass of `lapwise.Error`
carrying the CLI's stable `kind` (``truncated``, ``xml``, ``limit``, ...) and its one-line
message; `runs` never raises for bad input: it gives an error row instead.
"""

from __future__ import annotations

import json
from typing import Sequence

import pyarrow as pa

from . import _lapwise

__all__ = [
    "Error",
    "RUN_SCHEMA",
    "WEEKS_SQL",
    "DEDUP_SQL",
    "BESTS_SQL",
    "DAYS_SQL",
    "analyze",
    "runs",
    "samples",
    "error_class",
    "__version__",
]

__version__ = _lapwise.version()

#: The season's weekly roll-up as one SQL text for DuckDB and Spark SQL over a table or view
#: named `runs` (RUN_SCHEMA's columns, e.g. `season --dataset`): see weeks.sql.
WEEKS_SQL = (__import__("importlib.resources").resources.files(__name__) / "weeks.sql").read_text()

#: The season's duplicate rule as one SQL text for DuckDB and Spark SQL: reads a table or view
#: named `raw_runs` (per-file rows, e.g. `lapwise.spark.analyze_files`) and returns the rows a
#: season counts (one copy of each activity): see dedup.sql.
DEDUP_SQL = (__import__("importlib.resources").resources.files(__name__) / "dedup.sql").read_text()


#: The season's personal bests as one SQL text for DuckDB and Spark SQL over the same `runs`
#: table as WEEKS_SQL (per athlete and standard distance, season.json's `personal_bests`): see
#: bests.sql.
BESTS_SQL = (__import__("importlib.resources").resources.files(__name__) / "bests.sql").read_text()


#: The season's days (load, fitness CTL, fatigue ATL, form TSB; days.csv) as one SQL text for
#: DuckDB and Spark SQL over the same `runs` table as WEEKS_SQL: see days.sql.
DAYS_SQL = (__import__("importlib.resources").resources.files(__name__) / "days.sql").read_text()


class Error(Exception):
    """A file lapwise could not analyse: `source`, the stable `kind`, the one-line `message`."""

    kind = "error"

    def __init__(self, source: str, kind: str, message: str):
        super().__init__(f"{source}: {message}")
        self.source = source
        self.kind = kind
        self.message = message


def _class_name(kind: str) -> str:
    return "".join(part.capitalize() for part in kind.split("_")) + "Error"


#: One subclass of `Error` per kind of `lapwise::Error::kind()` (docs/json-schema.json).
KINDS = [
    "unknown_format", "empty", "bad_fit_header", "truncated", "fit_decode", "xml",
    "not_activity", "no_track_points", "no_timestamps", "limit", "archive", "panic",
    "cancelled", "plan", "chart", "report", "io",
]
_CLASSES = {k: type(_class_name(k), (Error,), {"kind": k}) for k in KINDS}
globals().update({cls.__name__: cls for cls in _CLASSES.values()})
__all__ += [cls.__name__ for cls in _CLASSES.values()]


def error_class(kind: str) -> type:
    """The `Error` subclass of a kind (plain `Error` for a kind this version does not know)."""
    return _CLASSES.get(kind, Error)


def _raise(source: str, kind: str, message: str):
    raise error_class(kind)(source, kind, message)


_ATHLETE_KEYS = ("max_hr", "resting_hr", "threshold_hr", "threshold_speed", "hr_zones")


def _athlete(kw: dict):
    """The athlete's keywords as the engine takes them (every key), or None without any."""
    unknown = set(kw) - set(_ATHLETE_KEYS)
    if unknown:
        raise TypeError(f"unknown athlete keyword(s): {', '.join(sorted(unknown))}")
    if not kw:
        return None
    full = {k: kw.get(k) for k in _ATHLETE_KEYS}
    full["hr_zones"] = kw.get("hr_zones") or "lthr"
    return full


def analyze(data: bytes, source: str, *, units: str = "imperial", **athlete) -> dict:
    """The document `lapwise analyze --json` prints for one file (`source` names it, as the path
    given on the command line would). The athlete's thresholds, as keywords (`max_hr`,
    `resting_hr`, `threshold_hr` in bpm, `threshold_speed` in m/s, `hr_zones="lthr"|"hrr"`), give
    the zones and the load as the CLI's flags do. Raises an `Error` subclass when no activity in
    the file could be analysed; when some could, the others are listed in the document's
    ``errors``."""
    doc = json.loads(_lapwise.analyze_json(bytes(data), source, units, _athlete(athlete)))
    if not doc["activities"] and doc["errors"]:
        e = doc["errors"][0]
        _raise(e["source"], e["kind"], e["message"])
    return doc


#: The schema of `runs`: the per-file columns of a season's runs.csv, then the error columns
#: (null on rows that were analysed). It may grow; names never change.
RUN_SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("name", pa.string()),
        ("start_utc", pa.string()),
        ("local_offset_s", pa.int32()),
        ("date", pa.date32()),
        ("week_start", pa.date32()),
        ("sport", pa.string()),
        ("format", pa.string()),
        ("distance_m", pa.float64()),
        ("elapsed_s", pa.float64()),
        ("timer_s", pa.float64()),
        ("moving_s", pa.float64()),
        ("avg_speed_mps", pa.float64()),
        ("pace_s_per_km", pa.float64()),
        ("avg_hr_bpm", pa.float64()),
        ("max_hr_bpm", pa.float64()),
        ("avg_cadence_spm", pa.float64()),
        ("workout_type", pa.string()),
        ("season_workout_type", pa.string()),
        ("athlete_tag", pa.string()),
        ("athlete_id", pa.string()),
        ("start_local", pa.string()),
        ("start_epoch_s", pa.float64()),
        ("best_mile_s", pa.float64()),
        ("best_5k_s", pa.float64()),
        ("evenness", pa.float64()),
        ("pacing_label", pa.string()),
        ("cadence_in_band_pct", pa.float64()),
        ("cadence_in_band_s", pa.float64()),
        ("ascent_m", pa.float64()),
        ("load", pa.float64()),
        ("load_method", pa.string()),
        ("trimp", pa.float64()),
        ("avg_gap_mps", pa.float64()),
        ("decoupling_pct", pa.float64()),
        ("hr_z1_s", pa.float64()),
        ("hr_z2_s", pa.float64()),
        ("hr_z3_s", pa.float64()),
        ("hr_z4_s", pa.float64()),
        ("hr_z5_s", pa.float64()),
        ("effort_400m_s", pa.float64()),
        ("effort_half_mile_s", pa.float64()),
        ("effort_1k_s", pa.float64()),
        ("effort_mile_s", pa.float64()),
        ("effort_2mile_s", pa.float64()),
        ("effort_5k_s", pa.float64()),
        ("effort_10k_s", pa.float64()),
        ("effort_15k_s", pa.float64()),
        ("effort_10mile_s", pa.float64()),
        ("effort_20k_s", pa.float64()),
        ("effort_half_marathon_s", pa.float64()),
        ("effort_30k_s", pa.float64()),
        ("effort_marathon_s", pa.float64()),
        ("error_kind", pa.string()),
        ("error_message", pa.string()),
    ]
)


def _row(raw: dict) -> dict:
    """A row of `runs` from the engine's row object (zones spread into five columns)."""
    row = {name: raw.get(name) for name in RUN_SCHEMA.names}
    zones = raw.get("hr_zone_s")
    if zones:
        for i, z in enumerate(zones[:5]):
            row[f"hr_z{i + 1}_s"] = z
    return row


def runs(
    contents: Sequence[bytes], sources: Sequence[str], *, units: str = "imperial", **athlete
) -> pa.Table:
    """One row per activity in the files (`contents[i]` named `sources[i]`), as a
    `pyarrow.Table` with `RUN_SCHEMA`; a file that fails gives one row with its `source`,
    `error_kind` and `error_message` instead of raising. The athlete's thresholds (keywords as
    for `analyze`) fill the load, TRIMP and time-in-zone columns."""
    if len(contents) != len(sources):
        raise ValueError(f"{len(contents)} contents but {len(sources)} sources")
    raw = json.loads(
        _lapwise.run_rows_json([bytes(c) for c in contents], list(sources), units, _athlete(athlete))
    )
    rows = [_row(r) for r in raw]
    import datetime as _dt

    for r in rows:
        for col in ("date", "week_start"):
            if isinstance(r[col], str):
                r[col] = _dt.date.fromisoformat(r[col])
    return pa.Table.from_pylist(rows, schema=RUN_SCHEMA)


def samples(data: bytes, source: str) -> pa.Table:
    """The cleaned samples of the file's activity as a `pyarrow.Table` (SI units: `time_s`,
    `distance_m`, `speed_mps`, `hr_bpm`, `cadence_spm`, `altitude_m`, `lat_deg`, `lon_deg`,
    `power_w`, `moving`, and `segment`, the kind of stretch each sample is in). Missing values
    are null. A file with several activities gives them one after another with a `source`
    column telling them apart. Raises an `Error` subclass when nothing could be read."""
    activities, failures = _lapwise.samples_columns(bytes(data), source)
    if not activities:
        if failures:
            _raise(*failures[0])
        _raise(source, "no_track_points", "no activity in the file")
    tables = []
    for src, cols in activities:
        n = len(cols["time_s"])
        arrays = {"source": pa.array([src] * n, pa.string())}
        for name, values in cols.items():
            if name in ("moving", "segment"):
                arrays[name] = pa.array(values)
            else:
                arrays[name] = pa.array(values, pa.float64(), from_pandas=True)
        tables.append(pa.table(arrays))
    return pa.concat_tables(tables)
