#!/bin/sh
# Renders report.html in headless Chromium to a PNG, to check by eye that the page and its
# SVG plots display. Installs Debian's `chromium` package when it is missing (needs root).
#
#   scripts/check-report-html.sh [REPORT_HTML] [OUTPUT_PNG]
#
# Without arguments it writes the report of the basic fixture run (with the fixture human
# data) into a temporary directory and renders that.
set -eu

html="${1:-}"
png="${2:-report.png}"

if [ -z "$html" ]; then
    out="$(mktemp -d)"
    cargo run --quiet -- report tests/fixtures/runs/basic \
        --human tests/fixtures/human/answers.csv --out "$out" > /dev/null
    html="$out/report.html"
fi

if ! command -v chromium > /dev/null 2>&1; then
    apt-get update
    apt-get install -y --no-install-recommends chromium
fi

chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size=1200,5200 --screenshot="$png" "file://$(realpath "$html")"
echo "rendered $html to $png"
