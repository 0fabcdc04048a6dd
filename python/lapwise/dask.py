"""lapwise as the per-file engine of a Dask job: files in, one row per activity out.

    import lapwise.dask
    df = lapwise.dask.analyze_files("exports/")          # a folder (searched), a glob, or paths
    df.groupby("season_workout_type").distance_m.sum().compute()

Each partition reads its files and calls `lapwise.runs` (Rust, GIL released), so the job runs
on any Dask scheduler (threads, processes, a distributed cluster) with nothing on the workers but
the wheel. `source` is the path relative to the given root, as in the CLI's season; a file that
cannot be read or analysed is a row with `error_kind` and `error_message`.
"""

from __future__ import annotations

import glob as _glob
import os
from typing import Iterable

import pyarrow as pa

from . import RUN_SCHEMA, runs

#: File names lapwise reads (also compressed and archived).
SUFFIXES = (".fit", ".gpx", ".tcx", ".fit.gz", ".gpx.gz", ".tcx.gz", ".gz", ".zip")


def find_files(path_or_glob) -> tuple[list[str], str]:
    """The activity files of a folder (recursively), a glob, or a list of paths, sorted, with
    the root their sources are relative to."""
    if isinstance(path_or_glob, (str, os.PathLike)):
        p = os.fspath(path_or_glob)
        if os.path.isdir(p):
            found = [
                os.path.join(d, f)
                for d, _, files in os.walk(p)
                for f in files
                if f.lower().endswith(SUFFIXES)
            ]
            return sorted(found), p
        found = sorted(_glob.glob(p, recursive=True))
    else:
        found = sorted(os.fspath(x) for x in path_or_glob)
    if not found:
        return [], os.getcwd()
    parents = [os.path.dirname(os.path.abspath(f)) for f in found]
    return found, os.path.commonpath(parents)


def _table(paths: list[str], root: str, units: str, athlete: dict) -> pa.Table:
    contents, sources, unread = [], [], []
    for p in paths:
        rel = os.path.relpath(p, root)
        try:
            with open(p, "rb") as f:
                contents.append(f.read())
            sources.append(rel)
        except OSError as e:
            unread.append({"source": rel, "error_kind": "io", "error_message": str(e)})
    table = runs(contents, sources, units=units, **athlete)
    if unread:
        table = pa.concat_tables([table, pa.Table.from_pylist(unread, schema=RUN_SCHEMA)])
    return table


def _pandas(table: pa.Table):
    import pandas as pd

    return table.to_pandas(types_mapper=pd.ArrowDtype)


def analyze_files(path_or_glob, *, units: str = "imperial", files_per_partition: int = 64, **athlete):
    """A `dask.dataframe.DataFrame` with `RUN_SCHEMA`'s columns (pandas Arrow dtypes), one row
    per activity or failed file, `files_per_partition` files per partition; the athlete's
    thresholds as keywords (see `lapwise.runs`)."""
    import dask
    import dask.dataframe as dd

    paths, root = find_files(path_or_glob)
    meta = _pandas(RUN_SCHEMA.empty_table())
    chunks: Iterable[list[str]] = [
        paths[i : i + files_per_partition] for i in range(0, len(paths), files_per_partition)
    ]
    parts = [dask.delayed(lambda c: _pandas(_table(c, root, units, athlete)))(c) for c in chunks]
    if not parts:
        return dd.from_pandas(meta, npartitions=1)
    return dd.from_delayed(parts, meta=meta, verify_meta=False)
