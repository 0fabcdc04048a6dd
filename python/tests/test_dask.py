"""`lapwise.dask.analyze_files` on a Dask local cluster (two worker processes): the same rows
as `lapwise.runs`, sources relative to the root, and error rows for bad and empty files (which
Spark's binaryFile would drop; here every input is counted)."""


import pytest

import lapwise
from conftest import nested_exports

distributed = pytest.importorskip("distributed")
lapwise_dask = pytest.importorskip("lapwise.dask")


def test_dask_rows_equal_runs(tmp_path):
    root = tmp_path / "exports"
    files = nested_exports(root)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
        host="127.0.0.1",
    ) as cluster, distributed.Client(cluster):
        df = lapwise_dask.analyze_files(root, files_per_partition=8).compute()
    assert len(df) == len(files) + 2
    got = {r["source"]: r for r in df.to_dict("records")}
    assert got["b/junk.fit"]["error_kind"] == "unknown_format"
    assert got["b/empty.gpx"]["error_kind"] == "empty"
    paths = sorted(p for p in root.rglob("*") if p.is_file())
    rels = [str(p.relative_to(root)) for p in paths]
    direct = lapwise.runs([p.read_bytes() for p in paths], rels).to_pylist()
    for row in direct:
        d = got[row["source"]]
        for col in ("workout_type", "distance_m", "moving_s", "best_mile_s", "error_kind"):
            a, b = row[col], d[col]
            if a is None:
                assert b is None or b != b, (row["source"], col)  # null (or NA)
            else:
                assert a == b, (row["source"], col, a, b)
