#!/usr/bin/env bash
# Readers during writes (issue 7): --writers processes (default 8) each append --events events (default
# 1,000) with `mutual org add`, while `mutual verify`, `log`, `report` and `audit` (incremental, with its
# own state file) run in a loop beside them. No
# reader run may report anything but a valid ledger (a line being written is not "torn"; a checkpoint
# written a moment after the log is not "rolled back"), and at the end the ledger verifies with
# writers x events events beyond the genesis line, each writer's events all present.
#
#   Ops/readers-during-writes.sh [--writers N] [--events N] [--binary PATH]
#
# Default binary: .build/release/mutual (built if missing). Prints one summary line; exit 1 on failure.
set -euo pipefail
cd "$(dirname "$0")/.."

writers=8 events=1000 binary=""
while [ $# -gt 0 ]; do
  case "$1" in
    --writers) writers=$2; shift 2 ;;
    --events) events=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "readers-during-writes.sh: unknown argument $1; see --help" >&2; exit 64 ;;
  esac
done
if [ -z "$binary" ]; then
  binary=.build/release/mutual
  [ -x "$binary" ] || swift build -c release --product mutual >&2
fi
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")

work=$(mktemp -d "${TMPDIR:-/tmp}/mutual-readers.XXXXXX")
trap 'rm -rf "$work"' EXIT
export MUTUAL_LEDGER="$work/ledger" MUTUAL_NOW=2026-03-25T10:00:00Z MUTUAL_LOCK_TIMEOUT=120
"$binary" key generate --out "$work/steward.pem" >/dev/null
"$binary" init --origin example.org/readers-test --steward-key "$work/steward.pem" >/dev/null

writer() {
  local w=$1 n
  for n in $(seq 1 "$events"); do
    "$binary" org add --key "$work/steward.pem" --id "o-$w-$n" --name "Org $w $n" --country GB \
      --income-group HIC --kind ngo >/dev/null \
      || { echo "writer $w: record $n failed" >&2; return 1; }
  done
}

pids=()
for w in $(seq 1 "$writers"); do writer "$w" & pids+=($!); done

reads=0 bad=0
writing() { for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && return 0; done; return 1; }
while writing; do
  if ! out=$("$binary" verify --json 2>&1); then
    bad=$((bad + 1)); echo "verify during writes: $out" >&2
  fi
  "$binary" log --limit 1 >/dev/null 2>"$work/log.err" || { bad=$((bad + 1)); echo "log during writes: $(cat "$work/log.err")" >&2; }
  "$binary" report compliance --format json >/dev/null 2>"$work/report.err" \
    || { bad=$((bad + 1)); echo "report during writes: $(cat "$work/report.err")" >&2; }
  "$binary" audit --state "$work/audit-state.json" >/dev/null 2>"$work/audit.err" \
    || { bad=$((bad + 1)); echo "audit during writes: $(cat "$work/audit.err")" >&2; }
  reads=$((reads + 1))
done
writer_failures=0
for p in "${pids[@]}"; do wait "$p" || writer_failures=$((writer_failures + 1)); done

expected=$((writers * events + 1))
final=$("$binary" verify 2>&1) || bad=$((bad + 1))
count=$(wc -l < "$work/ledger/events.jsonl")
per_writer_ok=1
for w in $(seq 1 "$writers"); do
  got=$(grep -c "\"id\":\"o-$w-" "$work/ledger/events.jsonl" || true)
  [ "$got" -eq "$events" ] || { per_writer_ok=0; echo "writer $w: $got of $events events present" >&2; }
done
echo "writers=$writers events=$events reader-runs=$reads reader-failures=$bad writer-failures=$writer_failures lines=$count expected=$expected final: $final"
[ "$bad" -eq 0 ] && [ "$writer_failures" -eq 0 ] && [ "$count" -eq "$expected" ] && [ "$per_writer_ok" -eq 1 ]
