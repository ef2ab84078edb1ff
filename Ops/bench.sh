#!/usr/bin/env bash
# Builds Mutual and its benchmark in release mode, then runs the benchmark.
# Usage: Ops/bench.sh [--events N[,N...]] [--json | --json-out PATH] [other mutual-bench flags; --help lists them]
set -euo pipefail
cd "$(dirname "$0")/.."
# `swift build` honours only the last --product flag, so build the two products one after the other.
swift build -c release --product mutual >&2
swift build -c release --product mutual-bench >&2
bin="$(swift build -c release --show-bin-path)"
exec "$bin/mutual-bench" --record-binary "$bin/mutual" "$@"
