#!/usr/bin/env bash
# The README's screenshot of the interactive page (output/page.png): the gallery's
# output/demo.html (examples/demo.toml) at 1280 x 720 in Debian's headless Chromium.
# Usage: bash tools/page-screenshot.sh   (from any folder; needs chromium and node)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npm ci --prefix tests/browser --no-audit --no-fund --silent
node tests/browser/screenshot.mjs output/demo.html output/page.png
