"""`lapwise.analyze`, `lapwise.runs` and `lapwise.samples` against the CLI: the same document
as `lapwise analyze --json` for every fixture and every corpus file, the same per-file fields
as a season's runs.csv, error rows and exceptions with the CLI's kinds."""

import csv
import json
import math
import shutil
import threading

import pyarrow as pa
import pytest

import lapwise
from conftest import FIXTURES, activity_fixtures, corpus_files


def cli_document(cli, path, units="imperial"):
    code, out, err = cli(["analyze", "--json", "--units", units, path.name], cwd=path.parent)
    assert code in (0, 1), err
    return json.loads(out)


def check_same_document(cli, path, units="imperial"):
    expected = cli_document(cli, path, units)
    data = path.read_bytes()
    if not expected["activities"]:
        with pytest.raises(lapwise.Error) as e:
            lapwise.analyze(data, path.name, units=units)
        first = expected["errors"][0]
        assert e.value.kind == first["kind"]
        assert e.value.message == first["message"]
        assert isinstance(e.value, lapwise.error_class(first["kind"]))
        return
    assert lapwise.analyze(data, path.name, units=units) == expected


@pytest.mark.parametrize("path", activity_fixtures(), ids=lambda p: p.name)
def test_analyze_equals_the_cli_on_fixtures(cli, path):
    check_same_document(cli, path)
    check_same_document(cli, path, "metric")


def test_analyze_equals_the_cli_on_the_corpus(cli):
    files = corpus_files()
    if not files:
        pytest.skip("../shared/corpus is absent")
    for path in files:
        check_same_document(cli, path)


def test_bad_input_raises_the_cli_kind():
    with pytest.raises(lapwise.UnknownFormatError) as e:
        lapwise.analyze(b"not an activity", "junk.fit")
    assert e.value.kind == "unknown_format"
    assert e.value.source == "junk.fit"
    assert str(e.value) == "junk.fit: not a FIT, GPX or TCX file"
    with pytest.raises(lapwise.Error):
        lapwise.analyze(b"", "empty.fit")
    with pytest.raises(ValueError):
        lapwise.analyze(b"", "x.fit", units="furlongs")


def test_runs_has_the_schema_and_error_rows():
    data = (FIXTURES / "tempo.fit").read_bytes()
    table = lapwise.runs([data, b"junk", b""], ["tempo.fit", "junk.gpx", "empty.fit"])
    assert table.schema == lapwise.RUN_SCHEMA
    rows = table.to_pylist()
    assert [r["source"] for r in rows] == ["tempo.fit", "junk.gpx", "empty.fit"]
    assert rows[0]["error_kind"] is None and rows[0]["workout_type"] == "tempo"
    assert rows[1]["error_kind"] == "unknown_format" and rows[1]["distance_m"] is None
    assert rows[2]["error_kind"] == "empty"
    assert lapwise.runs([], []).num_rows == 0


def assert_rows_match(rows, csv_rows, skip):
    """Every column of each runs.csv row (by file name) but `skip` equals the `runs` row with the
    same source (floats to 1e-9); returns how many rows were compared (rows a season dropped as
    duplicates are not)."""
    compared = 0
    for row in rows:
        expected = csv_rows.get(row["source"])
        if expected is None:
            continue
        for col, value in expected.items():
            if col in skip:
                continue
            got = row[col]
            if value == "":
                assert got is None, (row["source"], col, got)
            elif isinstance(got, float):
                assert math.isclose(got, float(value), rel_tol=1e-9, abs_tol=1e-9), (row["source"], col)
            else:
                assert str(got) == value, (row["source"], col, got, value)
        compared += 1
    return compared


# Columns a season fills from the whole season, not from the file: the path (relative to the
# season's root), the season's re-reading of easy/long/recovery, and what the thresholds the
# season estimates give (load, TRIMP, time in zones).
SEASON_LEVEL = {"source", "season_workout_type", "load", "load_method", "trimp",
                "hr_z1_s", "hr_z2_s", "hr_z3_s", "hr_z4_s", "hr_z5_s"}


def test_runs_equal_the_per_file_columns_of_runs_csv(cli, tmp_path):
    names = ["easy.fit", "tempo.fit", "mile-tt.fit", "strides.fit", "hill-sprints.fit", "track-6x400.fit"]
    runs_dir = tmp_path / "runs"
    runs_dir.mkdir()
    for n in names:
        shutil.copy(FIXTURES / n, runs_dir / n)
    code, _, err = cli(["season", str(runs_dir), "--out", str(tmp_path / "out"), "--quiet", "--json"])
    assert code == 0, err
    with open(tmp_path / "out" / "runs.csv", newline="") as f:
        csv_rows = {r["source"].rsplit("/", 1)[-1]: r for r in csv.DictReader(f)}
    table = lapwise.runs([(runs_dir / n).read_bytes() for n in names], names)
    compared = assert_rows_match(table.to_pylist(), csv_rows, SEASON_LEVEL)
    assert compared == len(csv_rows) >= 4


def test_samples_table():
    t = lapwise.samples((FIXTURES / "track-6x400.fit").read_bytes(), "track-6x400.fit")
    assert t.num_rows > 2000
    for col in ["time_s", "distance_m", "speed_mps", "hr_bpm", "cadence_spm", "altitude_m",
                "lat_deg", "lon_deg", "moving", "segment"]:
        assert col in t.column_names
    kinds = set(t.column("segment").drop_null().to_pylist())
    assert {"warmup", "work", "rest", "cooldown"} <= kinds
    assert t.column("time_s").null_count == 0
    gpx = lapwise.samples((FIXTURES / "easy.gpx").read_bytes(), "easy.gpx")
    assert gpx.column("power_w").null_count == gpx.num_rows  # missing is null, not NaN
    with pytest.raises(lapwise.Error):
        lapwise.samples(b"<gpx", "bad.gpx")


def test_threads_share_the_engine():
    data = (FIXTURES / "track-6x400.fit").read_bytes()
    expected = lapwise.analyze(data, "a.fit")
    results = []

    def work():
        results.append(lapwise.analyze(data, "a.fit"))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4


ATHLETE_FLAGS = ["--max-hr", "190", "--resting-hr", "50", "--threshold-hr", "170",
                 "--threshold-pace", "4:30/km"]
ATHLETE = dict(max_hr=190, resting_hr=50, threshold_hr=170, threshold_speed=1000 / 270)


def test_thresholds_give_the_cli_document_and_load(cli, tmp_path):
    path = FIXTURES / "tempo.fit"
    code, out, err = cli(["analyze", "--json", *ATHLETE_FLAGS, path.name], cwd=path.parent)
    assert code == 0, err
    doc = lapwise.analyze(path.read_bytes(), path.name, **ATHLETE)
    assert doc == json.loads(out)
    # The season with the same flags: every per-file column equal, load and zones included.
    runs_dir = tmp_path / "runs"
    runs_dir.mkdir()
    names = ["easy.fit", "tempo.fit", "track-6x400.fit"]
    for n in names:
        shutil.copy(FIXTURES / n, runs_dir / n)
    code, _, err = cli(["season", str(runs_dir), "--out", str(tmp_path / "out"), "--quiet",
                        *ATHLETE_FLAGS])
    assert code == 0, err
    with open(tmp_path / "out" / "runs.csv", newline="") as f:
        csv_rows = {r["source"].rsplit("/", 1)[-1]: r for r in csv.DictReader(f)}
    table = lapwise.runs([(runs_dir / n).read_bytes() for n in names], names, **ATHLETE)
    rows = table.to_pylist()
    assert assert_rows_match(rows, csv_rows, {"source", "season_workout_type"}) == len(names)
    assert all(r["load"] is not None for r in rows)
    with pytest.raises(ValueError):
        lapwise.runs([b""], ["x.fit"], max_hr=20)
