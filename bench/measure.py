#!/usr/bin/env python3
"""Runs a command RUNS times and records, per run, its wall time, peak RSS and CPU use.

Peak RSS and CPU time come from `/usr/bin/time -f "%M %U %S"`, a small C program: measuring
from Python instead (wait4 on a forked child) would report Python's own ~13 MB, because Linux
keeps the larger of the pre-exec and post-exec high-water marks. Wall time is not taken from
time's %e, whose resolution of 10 ms reads 0 for the small runs of the cost-growth table, but
from a monotonic clock around the call (which adds /usr/bin/time's own start, ~1 ms).

Usage: python3 bench/measure.py OUT_FILE RUNS LABEL -- COMMAND [ARGS...]
Appends one line per run to OUT_FILE: "LABEL wall_s peak_rss_kb cpu_s".
LABEL is three words without spaces, e.g. "n bernoulli 1000000".
"""
import subprocess
import sys
import tempfile
import time


def main(argv):
    out, runs, label = argv[1], int(argv[2]), argv[3]
    if argv[4] != "--" or len(label.split()) != 3:
        raise SystemExit(__doc__)
    cmd = argv[5:]
    with open(out, "a") as fh, tempfile.NamedTemporaryFile("r") as rusage:
        for _ in range(runs):
            timed = ["/usr/bin/time", "-f", "%M %U %S", "-o", rusage.name, *cmd]
            start = time.perf_counter()
            status = subprocess.run(timed, stdout=subprocess.DEVNULL).returncode
            wall = time.perf_counter() - start
            if status != 0:
                raise SystemExit(f"{cmd} failed with status {status}")
            rusage.seek(0)
            rss, user, system = rusage.read().split()[-3:]
            fh.write(f"{label} {wall:.6f} {rss} {float(user) + float(system):.2f}\n")

if __name__ == "__main__":
    main(sys.argv)
