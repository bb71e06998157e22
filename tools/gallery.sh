#!/usr/bin/env bash
# Regenerates every example figure under output/ (the README's gallery) from the spec files in
# examples/, one figure per file. `cargo test` checks (tests/gallery.rs) that the committed
# files are what these specs draw, so run this after any change to the drawing.
# Usage: bash tools/gallery.sh   (from any folder)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release --quiet
target/release/nllplot --quiet --spec examples/*.toml
