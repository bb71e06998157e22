#!/usr/bin/env bash
# Runs each fuzz target of nllplot for SECONDS (default 180), one after the other, and prints
# libFuzzer's final statistics (executions, time, crashes) for each.
#
#   bash fuzz/run.sh [SECONDS]
#
# cargo fuzz drives rustc with -Z flags (sanitizer, coverage instrumentation) that only nightly
# accepts; RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them, so no nightly is needed.
# A crash stops the run with its input saved under fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
seconds=${1:-180}
export RUSTC_BOOTSTRAP=1
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi
for target in data_reader arguments; do
    mkdir -p "corpus/$target"
    echo "==> $target for ${seconds}s"
    cargo fuzz run -O "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -timeout=20 -print_final_stats=1
done
