#!/usr/bin/env bash
# Renders a self-contained HTML report (mutual report ... --format html) to a PNG with headless
# Chromium, and fails unless the PNG was written and is not empty.
#
#   Ops/render-html.sh REPORT.html OUT.png [WIDTHxHEIGHT]
#
# Installs Chromium with apt-get when it is missing and we are root (Debian: package `chromium`).
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 REPORT.html OUT.png [WIDTHxHEIGHT]" >&2
    exit 64
fi
report=$1
out=$2
size=${3:-1280x2400}

if [ ! -f "$report" ]; then
    echo "render-html: $report does not exist; make it with: mutual report compliance --format html --out $report" >&2
    exit 66
fi

browser=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done
if [ -z "$browser" ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "render-html: installing chromium with apt-get" >&2
        apt-get update >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >/dev/null
        browser=chromium
    else
        echo "render-html: no chromium found; install it (Debian: sudo apt-get install chromium)" >&2
        exit 69
    fi
fi

# Absolute paths: Chromium resolves relative ones against its own working directory.
report_abs=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
out_dir=$(cd "$(dirname "$out")" && pwd)
out_abs=$out_dir/$(basename "$out")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
rm -f "$out_abs"

# --no-sandbox: needed when running as root in a container; the page is our own static file.
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
    --window-size="${size/x/,}" --screenshot="$out_abs" "file://$report_abs" >/dev/null 2>&1 || true

if [ ! -s "$out_abs" ]; then
    echo "render-html: chromium did not write $out" >&2
    exit 1
fi
echo "$out"
