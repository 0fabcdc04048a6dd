#!/usr/bin/env bash
# Season benchmark, lapwise and the Python peer side by side on the same files.
#
#   benches/season.sh [DIR] [LAPWISE_RUNS] [PYTHON_RUNS]
#
# DIR defaults to ~/.cache/lapwise-bench/season-365: when that default folder is empty, the
# simulated season (365 easy runs, 30–120 min at 1 Hz, FIT/GPX/TCX in turn) is written there
# by `cargo bench --bench season -- DIR`. Any other folder of exports works too.
# Builds the release binary, makes a Python venv under ~/.cache/lapwise-bench/venv with
# fitdecode and gpxpy (once), then runs `lapwise season DIR` (all tables and the five season
# charts, no per-run charts) LAPWISE_RUNS times [5] and benches/python/season_baseline.py
# (parse + mile splits + best mile only) PYTHON_RUNS times [3], one after the other, and prints
# median wall time, peak RSS and the ratio. Record results in docs/performance.md.
set -euo pipefail
CACHE="${LAPWISE_BENCH_DIR:-$HOME/.cache/lapwise-bench}"
DIR="$(realpath -m "${1:-$CACHE/season-365}")"
CACHE="$(realpath -m "$CACHE")"
cd "$(dirname "$0")/.."
LAPWISE_RUNS="${2:-5}"
PYTHON_RUNS="${3:-3}"
TARGET="${CARGO_TARGET_DIR:-target}"
DEFAULT_DIR="$CACHE/season-365"
mkdir -p "$CACHE"

cargo build --release --quiet
BIN="$TARGET/release/lapwise"
has_runs() { [ -d "$1" ] && find -L "$1" -type f | grep -qiE '\.(fit|gpx|tcx)(\.gz)?$'; }
if ! has_runs "$DIR"; then
    # Only the default folder is ever written to; a folder you name is read, never changed.
    if [ "$DIR" != "$DEFAULT_DIR" ]; then
        echo "no FIT/GPX/TCX files under $DIR" >&2
        exit 2
    fi
    mkdir -p "$DIR"
    echo "writing the simulated season into $DIR" >&2
    cargo bench --quiet --bench season -- "$DIR" >&2
fi
VENV="$CACHE/venv"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet fitdecode gpxpy
fi
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
python3 benches/python/side_by_side.py \
    --runs "$LAPWISE_RUNS" --name lapwise -- "$BIN" season "$DIR" --out "$OUT/season" --force -q \
    --- --runs "$PYTHON_RUNS" --name python -- "$VENV/bin/python" benches/python/season_baseline.py "$DIR"
