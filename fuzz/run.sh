#!/usr/bin/env bash
# Fuzz every lapwise reader and the per-run pipeline for a bounded time each.
#
#   fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]      (default: 300 s; all targets)
#
# Targets: fit, gpx, tcx, archive (gzip and zip unwrapping), pipeline (arbitrary sample streams
# through cleaning, segmentation, scores and reports). Seeds are the project's generated
# fixtures and, when present, the real files of ../shared/corpus, read in place (never copied
# into the repository). Work folders (growing corpus, crash artifacts, logs) live under
# $LAPWISE_FUZZ_DIR (default ~/.cache/lapwise-fuzz) and persist between runs, so time adds up.
# Each run appends one line to $LAPWISE_FUZZ_DIR/results.tsv: date, target, seconds,
# executions, crashes (artifacts), corpus size, exit status, commit fuzzed. Needs cargo-fuzz (`cargo install cargo-fuzz`);
# the stable toolchain works with RUSTC_BOOTSTRAP=1 and no sanitizer (safe Rust; the
# instrumented build keeps debug assertions and overflow checks on).
set -euo pipefail
cd "$(dirname "$0")"
SECS="${1:-300}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(fit gpx tcx archive pipeline)
WORK="${LAPWISE_FUZZ_DIR:-$HOME/.cache/lapwise-fuzz}"
TARGET_DIR="${LAPWISE_FUZZ_TARGET_DIR:-$HOME/.cache/lapwise-fuzz-target}"
ROOT="$(cd .. && pwd)"
CORPUS="${LAPWISE_CORPUS:-$ROOT/../shared/corpus}"
export RUSTC_BOOTSTRAP=1

COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo +dirty)"
RUSTC_BOOTSTRAP=1 cargo fuzz build -O -a -s none --target-dir "$TARGET_DIR" >&2
BIN="$TARGET_DIR/x86_64-unknown-linux-gnu/release"

# Link the seed files of one extension into a folder (symlinks: the corpus stays in place).
link_seeds() {
    local dest="$1"
    shift
    mkdir -p "$dest"
    for pattern in "$@"; do
        for f in "$ROOT"/fixtures/$pattern "$CORPUS"/$pattern; do
            [ -f "$f" ] && ln -sf "$f" "$dest/$(basename "$f")"
        done
    done
    return 0
}

for t in "${TARGETS[@]}"; do
    dir="$WORK/$t"
    mkdir -p "$dir/corpus" "$dir/seeds" "$dir/artifacts"
    extra=()
    case "$t" in
        fit) link_seeds "$dir/seeds" '*.fit' ;;
        gpx) link_seeds "$dir/seeds" '*.gpx'; extra=(-dict="$PWD/dict/xml.dict") ;;
        tcx) link_seeds "$dir/seeds" '*.tcx'; extra=(-dict="$PWD/dict/xml.dict") ;;
        archive)
            link_seeds "$dir/seeds" '*.gz' '*.zip'
            # Small gzip and zip seeds made from the fixtures.
            for f in "$ROOT"/fixtures/easy.fit "$ROOT"/fixtures/strides.gpx "$ROOT"/fixtures/tempo.tcx; do
                gzip -c "$f" > "$dir/seeds/$(basename "$f").gz"
            done
            python3 - "$dir/seeds/fixtures.zip" "$ROOT"/fixtures/easy.fit "$ROOT"/fixtures/strides.gpx <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for p in sys.argv[2:]:
        z.write(p, "export/" + p.rsplit("/", 1)[-1])
PY
            ;;
        pipeline)
            export LAPWISE_FUZZ_PIPELINE_SEEDS="$dir/seeds"
            export LAPWISE_FUZZ_SEED_SOURCES="$ROOT/fixtures"
            ;;
        *) echo "unknown target $t" >&2; exit 2 ;;
    esac
    log="$dir/run-$(date -u +%Y%m%dT%H%M%S).log"
    echo "== $t for ${SECS}s (log: $log)" >&2
    set +e
    "$BIN/$t" "$dir/corpus" "$dir/seeds" \
        -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
        -artifact_prefix="$dir/artifacts/" -print_final_stats=1 "${extra[@]}" >"$log" 2>&1
    status=$?
    set -e
    unset LAPWISE_FUZZ_PIPELINE_SEEDS LAPWISE_FUZZ_SEED_SOURCES
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    crashes=$(find "$dir/artifacts" -type f | wc -l)
    corpus=$(find "$dir/corpus" -type f | wc -l)
    printf '%s\t%s\t%s\t%s\t%s\t%s\texit=%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$SECS" "${execs:-?}" \
        "$crashes" "$corpus" "$status" "$COMMIT" | tee -a "$WORK/results.tsv"
done
