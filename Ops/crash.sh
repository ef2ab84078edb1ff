#!/usr/bin/env bash
# Crash-injection harness (issue 7). Appends in a loop in a child process group — `mutual record visit`,
# `mutual sign` + `mutual submit` batches, `mutual import` of CSV batches — and kills the group with
# SIGKILL at a random moment, --trials times. The child logs each acknowledged append (exit 0) to a side
# file. After every kill it checks:
#   - `mutual verify --json` passes, or fails only with code torn-tail (or transparency: a hash store or
#     checkpoint that lags), and `mutual repair` (then `repair --hashes` if needed) makes it pass;
#   - every complete line from before the trial is still there, byte for byte (no line lost or changed);
#   - every acknowledged event is present; the log ends with a newline (no partial line).
# Then prints: trials, acknowledged, present, torn tails repaired, failures (must be 0). Exit 1 on failure.
#
#   Ops/crash.sh [--trials N] [--binary PATH] [--min-ms A] [--max-ms B] [--keep]
#
# Default binary: .build/release/mutual (built if missing). Needs jq.
set -euo pipefail
cd "$(dirname "$0")/.."

trials=200 binary="" min_ms=30 max_ms=600 keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --trials) trials=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    --min-ms) min_ms=$2; shift 2 ;;
    --max-ms) max_ms=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "crash.sh: unknown argument $1; see --help" >&2; exit 64 ;;
  esac
done
if [ -z "$binary" ]; then
  binary=.build/release/mutual
  [ -x "$binary" ] || swift build -c release --product mutual >&2
fi
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
command -v jq >/dev/null || { echo "crash.sh: needs jq (apt-get install jq)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/mutual-crash.XXXXXX")
[ "$keep" = 1 ] && echo "work folder: $work" >&2 || trap 'rm -rf "$work"' EXIT
export MUTUAL_LEDGER="$work/ledger" MUTUAL_NOW=2026-03-25T10:00:00Z
m() { "$binary" "$@"; }

# A partnership with a coordinator, so the loop records real partnership events.
for name in steward nuth; do m key generate --out "$work/$name.pem" >/dev/null; done
m init --origin example.org/crash-test --steward-key "$work/steward.pem" >/dev/null
m org add --key "$work/steward.pem" --id nuth --name Newcastle --country GB --income-group HIC --kind nhs-trust >/dev/null
m org add --key "$work/steward.pem" --id gulu-rrh --name "Gulu RRH" --country UG --income-group LIC --kind hospital >/dev/null
m partnership add --key "$work/steward.pem" --id ukug-1 --org nuth --org gulu-rrh --lead nuth \
  --funder THET --scheme HPS --start 2025-04-01 >/dev/null
m actor enroll --key "$work/steward.pem" --actor amina --name Amina --public-key "$work/nuth.pem" --org nuth \
  --role coordinator >/dev/null

# The child: each append adds visits with ids v-<trial>-<n>-<k>; acknowledged ids go to $ACKED.
cat > "$work/child.sh" <<'CHILD'
set -u
visit_flags() { echo --partnership ukug-1 --visit "$1" --from nuth --to gulu-rrh --start 2026-03-02 --end 2026-03-06 \
  --mode in-person --traveller p-017:nurse:senior --purpose training --needs-identified-by host --briefed; }
n=0
while :; do
  n=$((n + 1)); base="v-$TRIAL-$n"
  case $((RANDOM % 3)) in
    0) if "$MUTUAL" record visit --key "$KEY" $(visit_flags "$base-0") >/dev/null 2>&1; then
         echo "$base-0" >> "$ACKED"; fi ;;
    1) files=(); ids=()
       for k in 0 1 2; do
         "$MUTUAL" sign visit --key "$KEY" --out "$WORK/s-$base-$k.json" $(visit_flags "$base-$k") >/dev/null 2>&1 || continue 2
         files+=("$WORK/s-$base-$k.json"); ids+=("$base-$k")
       done
       if "$MUTUAL" submit "${files[@]}" >/dev/null 2>&1; then printf '%s\n' "${ids[@]}" >> "$ACKED"; fi
       rm -f "${files[@]}" ;;
    2) rows=$((RANDOM % 40 + 1)); csv="$WORK/i-$base.csv"
       echo "partnership,visit,from,to,start,end,mode,travellers,purpose,needsIdentifiedBy,briefedBeforeDeparture" > "$csv"
       for k in $(seq 0 $((rows - 1))); do
         echo "ukug-1,$base-$k,nuth,gulu-rrh,2026-03-02,2026-03-06,remote,p-017:nurse:senior,\"training, week $k\",joint,yes" >> "$csv"
       done
       if "$MUTUAL" import "$csv" --key "$KEY" >/dev/null 2>&1; then
         for k in $(seq 0 $((rows - 1))); do echo "$base-$k"; done >> "$ACKED"; fi
       rm -f "$csv" ;;
  esac
done
CHILD

log="$work/ledger/events.jsonl"
acked="$work/acked"
: > "$acked"
total_torn=0 failures=0
fail() { failures=$((failures + 1)); echo "trial $1: FAIL: $2" >&2; }

for trial in $(seq 1 "$trials"); do
  before_size=$(stat -c %s "$log")
  before_hash=$(sha256sum < "$log" | cut -d' ' -f1)
  MUTUAL="$binary" KEY="$work/nuth.pem" ACKED="$acked" WORK="$work" TRIAL="$trial" setsid bash "$work/child.sh" &
  child=$!
  sleep "$(awk -v a="$min_ms" -v b="$max_ms" -v r="$RANDOM" 'BEGIN { printf "%.3f", (a + (b - a) * r / 32767) / 1000 }')"
  kill -KILL -- "-$child" 2>/dev/null || true
  wait "$child" 2>/dev/null || true
  while kill -0 -- "-$child" 2>/dev/null; do sleep 0.01; done

  report=$(m verify --json 2>/dev/null || true)
  if [ "$(jq -r .valid <<<"$report")" != true ]; then
    code=$(jq -r '.failure.code // "none"' <<<"$report")
    case "$code" in
      torn-tail) total_torn=$((total_torn + 1)) ;;
      transparency) ;;
      *) fail "$trial" "verify reported $code: $(jq -r '.failure.message // ""' <<<"$report")" ;;
    esac
    m repair >/dev/null 2>&1 || true
    if [ "$(m verify --json 2>/dev/null | jq -r .valid)" != true ]; then
      m repair --hashes >/dev/null 2>&1 || true
      [ "$(m verify --json 2>/dev/null | jq -r .valid)" = true ] || fail "$trial" "still invalid after repair and repair --hashes"
    fi
  fi
  [ "$(head -c "$before_size" "$log" | sha256sum | cut -d' ' -f1)" = "$before_hash" ] \
    || fail "$trial" "a line that was complete before the trial changed or vanished"
  [ ! -s "$log" ] || [ "$(tail -c 1 "$log" | od -An -c | tr -d ' ')" = '\n' ] || fail "$trial" "the log ends with a partial line"
  rm -f "$work"/s-*.json "$work"/i-*.csv
done

present_ids="$work/present"
jq -r 'select(.event.type == "visit.recorded") | .event.body.visit' "$log" | sort > "$present_ids"
acknowledged=$(wc -l < "$acked")
present=$(sort "$acked" | comm -12 - "$present_ids" | wc -l)
missing=$((acknowledged - present))
if [ "$missing" -ne 0 ]; then
  failures=$((failures + missing))
  echo "FAIL: $missing acknowledged events are missing, e.g. $(sort "$acked" | comm -23 - "$present_ids" | head -3 | tr '\n' ' ')" >&2
fi
[ "$(jq -r .valid <<<"$(m verify --json 2>/dev/null || true)")" = true ] || { failures=$((failures + 1)); echo "FAIL: final verify" >&2; }

printf '%-8s %-13s %-9s %-20s %-8s %s\n' trials acknowledged present "torn tails repaired" failures "events in log"
printf '%-8s %-13s %-9s %-20s %-8s %s\n' "$trials" "$acknowledged" "$present" "$total_torn" "$failures" "$(wc -l < "$log")"
[ "$failures" -eq 0 ]
