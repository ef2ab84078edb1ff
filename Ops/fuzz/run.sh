#!/usr/bin/env bash
# Runs one libFuzzer target for a given time: Ops/fuzz/run.sh TARGET SECONDS [extra libFuzzer flags]
# Targets: logline json note proof prooffile csv (Ops/fuzz/Harness/FuzzTargets.swift).
# Builds `mutual-fuzz` with -sanitize=fuzzer,address into .build-fuzz (its own scratch path), seeds from
# Ops/fuzz/corpus/TARGET, keeps new corpus entries in .build-fuzz/corpus/TARGET, and writes crashes to
# .build-fuzz/crashes/TARGET/. Prints libFuzzer's final stats; exits non-zero if it found a crash.
# Reproduce a finding without libFuzzer: swift run mutual-fuzz TARGET CRASH_FILE
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:?usage: Ops/fuzz/run.sh logline|json|note|proof|prooffile|csv SECONDS}
seconds=${2:-600}
shift 2 || true
case "$target" in logline|json|note|proof|prooffile|csv) ;; *) echo "unknown target $target" >&2; exit 64 ;; esac
scratch=.build-fuzz
if [ "${MUTUAL_FUZZ_SKIP_BUILD:-}" != 1 ]; then
  swift build -c debug --scratch-path "$scratch" --product mutual-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING >&2
fi
binary="$scratch/debug/mutual-fuzz"
corpus="$scratch/corpus/$target"
crashes="$scratch/crashes/$target"
mkdir -p "$corpus" "$crashes"
export MUTUAL_FUZZ_TARGET="$target"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
exec "$binary" "$corpus" "Ops/fuzz/corpus/$target" -max_total_time="$seconds" -max_len=65536 \
  -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$crashes/" -print_final_stats=1 "$@"
