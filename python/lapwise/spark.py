"""lapwise as the per-file engine of a Spark job, with nothing on the cluster but the wheel.

    import lapwise.spark
    runs = lapwise.spark.analyze_files(spark, "s3://bucket/exports/")   # or a folder, or a glob
    runs.write.partitionBy("year").parquet("runs/")

Spark reads the files with its `binaryFile` source (path, content) and `mapInArrow` hands
batches of them to `lapwise.runs` (Rust, GIL released) on the executors; the result has
`RUN_SCHEMA`'s columns. `source` is the path relative to the given root, as in the CLI.
Spark's `binaryFile` silently skips empty files, so the inputs are also listed with Hadoop's
file system and every input missing from the result gets an `empty` error row: every input is
counted.
"""

from __future__ import annotations

import posixpath
from urllib.parse import unquote, urlparse

import pyarrow as pa

from . import RUN_SCHEMA, runs

#: Activity files lapwise reads, as binaryFile's `pathGlobFilter` (case as written).
PATTERN = "*.{fit,gpx,tcx,gz,zip,FIT,GPX,TCX,GZ,ZIP}"
SUFFIXES = tuple("." + e for e in "fit gpx tcx gz zip FIT GPX TCX GZ ZIP".split())


def spark_schema():
    """`RUN_SCHEMA` as a Spark `StructType`."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(RUN_SCHEMA)


def _path_of(uri: str) -> str:
    """The path part of a file URI (`file:/a/b.fit` → `/a/b.fit`), decoded."""
    return unquote(urlparse(uri).path)


def _relative(uri: str, root: str) -> str:
    path = _path_of(uri)
    rel = posixpath.relpath(path, root) if path.startswith(root.rstrip("/") + "/") else path
    return rel


def _analyse_batches(root: str, units: str, athlete: dict):
    def analyse(batches):
        for batch in batches:
            paths = batch.column("path").to_pylist()
            contents = batch.column("content").to_pylist()
            table = runs(contents, [_relative(p, root) for p in paths], units=units, **athlete)
            yield from table.to_batches()

    return analyse


def _root_of(spark, path: str) -> tuple[str, list[str]]:
    """The root folder of `path` (a folder, or the folder of a glob) and every activity file
    under it, as listed by Hadoop's file system (empty files included)."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    fs = hpath.getFileSystem(conf)
    if fs.exists(hpath) and fs.getFileStatus(hpath).isDirectory():
        root = fs.makeQualified(hpath).toString()
        files = []
        it = fs.listFiles(hpath, True)
        while it.hasNext():
            files.append(it.next().getPath().toString())
    else:
        statuses = fs.globStatus(hpath) or []
        files = [s.getPath().toString() for s in statuses if s.isFile()]
        # The root is the folder before the first wildcard (`exports/*/*.fit` → `exports`).
        cut = min((path.find(c) for c in "*?[{" if c in path), default=len(path))
        base = path[:cut].rsplit("/", 1)[0] or "/"
        root = fs.makeQualified(jvm.org.apache.hadoop.fs.Path(base)).toString()
    # What binaryFile reads: not hidden (`_` or `.` first, as Hadoop skips), and the suffixes of
    # PATTERN, case as written there.
    files = [
        f
        for f in files
        if not posixpath.basename(_path_of(f)).startswith(("_", "."))
        and f.endswith(SUFFIXES)
    ]
    return _path_of(root), files


def analyze_files(spark, path_or_glob: str, *, units: str = "imperial", **athlete):
    """A Spark DataFrame with `RUN_SCHEMA`'s columns: one row per activity in the files under
    `path_or_glob` (a folder, searched recursively, or a glob), and one error row per file that
    could not be read or analysed (empty files included); the athlete's thresholds as keywords
    (see `lapwise.runs`)."""
    root, listed = _root_of(spark, path_or_glob)
    reader = spark.read.format("binaryFile")
    if any(ch in path_or_glob for ch in "*?["):
        df = reader.load(path_or_glob)
    else:
        df = reader.option("recursiveFileLookup", "true").option("pathGlobFilter", PATTERN).load(
            path_or_glob
        )
    rows = df.select("path", "content").mapInArrow(_analyse_batches(root, units, athlete), spark_schema())
    seen = {_path_of(r.path) for r in df.select("path").collect()}
    missing = [_path_of(f) for f in listed if _path_of(f) not in seen]
    if missing:
        empty = pa.Table.from_pylist(
            [
                {
                    "source": _relative(m, root),
                    "error_kind": "empty",
                    "error_message": "empty file",
                }
                for m in missing
            ],
            schema=RUN_SCHEMA,
        )
        rows = rows.unionByName(spark.createDataFrame(empty.to_pandas(), schema=spark_schema()))
    return rows
