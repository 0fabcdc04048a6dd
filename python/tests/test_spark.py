"""`lapwise.spark.analyze_files` on Spark `local[2]`: the same rows as `lapwise.runs` for the
fixtures in nested folders, sources relative to the root, an error row for a bad file and one
for an empty file (which Spark's binaryFile itself drops). Skips without pyspark or Java."""

import os
import shutil
import sys

import pytest

import lapwise
from conftest import nested_exports

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime for Spark", allow_module_level=True)
lapwise_spark = pytest.importorskip("lapwise.spark")


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("lapwise-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_rows_equal_runs(spark, tmp_path):
    root = tmp_path / "exports"
    files = nested_exports(root)
    df = lapwise_spark.analyze_files(spark, str(root))
    got = {r["source"]: r.asDict() for r in df.collect()}
    assert len(got) == len(files) + 2, sorted(got)
    assert got["b/junk.fit"]["error_kind"] == "unknown_format"
    assert got["b/empty.gpx"]["error_kind"] == "empty"
    paths = sorted(p for p in root.rglob("*") if p.is_file())
    rels = [str(p.relative_to(root)) for p in paths]
    direct = lapwise.runs([p.read_bytes() for p in paths], rels).to_pylist()
    assert len(direct) == len(got)
    for row in direct:
        s = got[row["source"]]
        for col in lapwise.RUN_SCHEMA.names:
            assert row[col] == s[col], (row["source"], col, row[col], s[col])
