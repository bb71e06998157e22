#!/usr/bin/env python3
"""Turns the measurements of bench/scale.sh into Markdown tables and a list of targets.

Why separate: the shell script only runs things; every number printed is computed here, from
criterion's own estimates (target/criterion/**/new/{benchmark,estimates}.json, medians) and
from the raw /usr/bin/time and hyperfine records of the same session, so the arithmetic can
be read and checked in one place.

Usage: python3 bench/scale_summary.py RESULTS_DIR CRITERION_DIR
"""
import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path

FAMILIES = ["bernoulli", "binomial", "geometric", "poisson", "exponential", "normal"]
# The families that keep their observations (no sufficient statistics), benchmarked at
# 10^5 observations x 1000 grid points.
KEPT = ["cauchy", "student-t", "laplace"]


def load_criterion(root):
    """full_id -> (median ns per iteration, throughput dict or None)."""
    out = {}
    for bench in Path(root).glob("**/new/benchmark.json"):
        meta = json.loads(bench.read_text())
        est = json.loads((bench.parent / "estimates.json").read_text())
        out[meta["full_id"]] = (est["median"]["point_estimate"], meta.get("throughput"))
    return out


def load_growth(path):
    """(kind, a, b) -> list of (wall s, rss KB, cpu s)."""
    rows = defaultdict(list)
    if path.exists():
        for line in path.read_text().splitlines():
            kind, a, b, wall, rss, cpu = line.split()
            rows[(kind, a, b)].append((float(wall), int(rss), float(cpu)))
    return rows


def load_side(results):
    """name -> [(command, mean s, stddev s, median s)] in the order they were given."""
    out = {}
    for path in sorted(results.glob("side-*.json")):
        res = json.loads(path.read_text())["results"]
        out[path.stem[len("side-"):]] = [
            (r["command"], r["mean"], r["stddev"] or 0.0, r["median"]) for r in res
        ]
    return out


def fmt_time(s):
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.1f} ms"
    return f"{s * 1e6:.0f} µs"


def fmt_mb(kb):
    return f"{kb / 1024:.1f} MB"


def main(results_dir, criterion_dir):
    results = Path(results_dir)
    crit = load_criterion(criterion_dir)
    growth = load_growth(results / "growth.txt")
    side = load_side(results)
    targets = []  # (target, measured, verdict)

    def verdict(ok):
        return "met" if ok else "**missed**"

    def crit_ns(full_id):
        return crit[full_id][0] if full_id in crit else None

    def per_element(full_id):
        """ns per element (draw, word) of a criterion benchmark with element throughput."""
        ns, tp = crit.get(full_id, (None, None))
        if ns is None or not tp or "Elements" not in tp:
            return None
        return ns / tp["Elements"]

    def bytes_per_s(full_id):
        ns, tp = crit.get(full_id, (None, None))
        if ns is None or not tp or "Bytes" not in tp:
            return None
        return tp["Bytes"] / (ns * 1e-9)

    def median_wall(key):
        rows = growth.get(key)
        return statistics.median(w for w, _, _ in rows) if rows else None

    def max_rss(key):
        rows = growth.get(key)
        return max(r for _, r, _ in rows) if rows else None

    def cores(key):
        """CPU time over wall time of the median run: ~2 when both cores were free."""
        rows = sorted(growth.get(key, []))
        if not rows:
            return ""
        wall, _, cpu = rows[len(rows) // 2]
        return f"{cpu / wall:.2f}" if wall >= 0.05 else "–"

    print("# nllplot at scale: bench/scale.sh\n")
    print("```")
    print((results / "machine.txt").read_text().rstrip())
    print("```\n")

    # ---- generators and families (criterion) ----
    chacha = per_element("rng/chacha8")
    ours_rng = per_element("rng/nllplot")
    print("## Sampling, per draw (criterion medians, one run)\n")
    if chacha and ours_rng:
        print(f"Raw generators, one thread: ChaCha8 `next_u64` {chacha:.2f} ns/word, "
              f"xoshiro256++ (nllplot's) {ours_rng:.2f} ns/word ({chacha / ours_rng:.1f}×).\n")
    print("| family | rand_distr, 1 thread | nllplot, 1 thread | nllplot / rand_distr "
          "| nllplot, 2 threads | speed-up 2 vs 1 |")
    print("|---|---|---|---|---|---|")
    ratios_rd, speedups = {}, {}
    for fam in FAMILIES:
        rd = per_element(f"draw/{fam}/rand_distr")
        t1 = per_element(f"draw/{fam}/threads/1")
        t2 = per_element(f"draw/{fam}/threads/2")
        if None in (rd, t1, t2):
            continue
        ratios_rd[fam] = t1 / rd
        speedups[fam] = t1 / t2
        print(f"| {fam} | {rd:.2f} ns | {t1:.2f} ns | {t1 / rd:.2f} | {t2:.2f} ns "
              f"| {t1 / t2:.2f}× |")
    print()

    # ---- ingestion (criterion) ----
    print("## `--data` reader throughput (criterion medians, generated text)\n")
    print("| data | 1 thread | 2 threads |")
    print("|---|---|---|")
    for fam in ("normal", "poisson", "bernoulli"):
        a = bytes_per_s(f"ingest/{fam}/threads/1")
        b = bytes_per_s(f"ingest/{fam}/threads/2")
        if a and b:
            print(f"| {fam} | {a / 1e6:.0f} MB/s | {b / 1e6:.0f} MB/s |")
    print()

    # ---- growth tables ----
    print("## Cost growth in n (wall: median of the runs; peak RSS: the largest)\n")
    print("| family | n | wall | wall per draw | peak RSS | CPU use (cores) |")
    print("|---|---|---|---|---|---|")
    for fam in FAMILIES:
        for n in (100, 10_000, 1_000_000, 100_000_000, 1_000_000_000):
            key = ("n", fam, str(n))
            wall = median_wall(key)
            if wall is None:
                continue
            per = f"{wall / n * 1e9:.2f} ns" if n >= 1_000_000 else "(start-up)"
            print(f"| {fam} | {n:.0e} | {fmt_time(wall)} | {per} | {fmt_mb(max_rss(key))} "
                  f"| {cores(key)} |")
    print()
    print("## Cost growth in the grid (n = 100; figure + CSV of every point)\n")
    print("| points | SVG: wall | SVG: peak RSS | PNG: wall | PNG: peak RSS |")
    print("|---|---|---|---|---|")
    for points in (100, 10_000, 1_000_000):
        s, p = ("grid", "svg", str(points)), ("grid", "png", str(points))
        if median_wall(s) is None:
            continue
        print(f"| {points:.0e} | {fmt_time(median_wall(s))} | {fmt_mb(max_rss(s))} "
              f"| {fmt_time(median_wall(p))} | {fmt_mb(max_rss(p))} |")
    print()

    print("## Families without sufficient statistics (10⁵ observations × 1000 points, "
          "`--data`, figure + CSV)\n")
    print("Sweep alone (criterion medians, ns per observation-term; term by term = the "
          "family's `ln_f` summed per term, as a per-observation log-density would be):\n")
    print("| family | term by term, 1 thread | nllplot, 1 thread | nllplot, 2 threads "
          "| 1 thread vs term by term | 2 threads vs 1 |")
    print("|---|---|---|---|---|---|")
    for fam in KEPT:
        naive = per_element(f"sweep/{fam}/per_term_ln_f")
        t1 = per_element(f"sweep/{fam}/threads/1")
        t2 = per_element(f"sweep/{fam}/threads/2")
        if None in (naive, t1, t2):
            continue
        print(f"| {fam} | {naive:.2f} ns | {t1:.2f} ns | {t2:.2f} ns | {naive / t1:.1f}× "
              f"| {t1 / t2:.2f}× |")
    print()
    print("End to end (`--data`, figure + CSV):\n")
    print("| family | wall | peak RSS | CPU use (cores) |")
    print("|---|---|---|---|")
    for fam in KEPT:
        key = ("kept", fam, "100000")
        if median_wall(key) is not None:
            print(f"| {fam} | {fmt_time(median_wall(key))} | {fmt_mb(max_rss(key))} "
                  f"| {cores(key)} |")
    print()

    # ---- side by side ----
    print("## Side by side (hyperfine, same session; speed-up = baseline mean / other mean)\n")
    print("| comparison | baseline | other | speed-up |")
    print("|---|---|---|---|")
    for name, rows in side.items():
        (c1, m1, s1, _), (c2, m2, s2, _) = rows
        print(f"| {name} | {fmt_time(m1)} ± {fmt_time(s1)} | {fmt_time(m2)} ± {fmt_time(s2)} "
              f"| {m1 / m2:.2f} |")
    print()
    print("Commands:\n")
    for name, rows in side.items():
        print(f"- {name}: `{rows[0][0]}` vs `{rows[1][0]}`")
    print()

    # ---- thread scaling, end to end ----
    def thread_speedup(name):
        """(median wall 1 / median wall 2, min wall 1 / min wall 2, cores used by 2 threads)."""
        one, two = growth.get(("threads", name, "1")), growth.get(("threads", name, "2"))
        if not one or not two:
            return None
        w1, w2 = [w for w, _, _ in one], [w for w, _, _ in two]
        use = statistics.median(c / w for w, _, c in two)
        return statistics.median(w1) / statistics.median(w2), min(w1) / min(w2), use

    names = sorted({k[1] for k in growth if k[0] == "threads"})
    if names:
        print("## Threads, end to end (RAYON_NUM_THREADS=1 and 2, runs alternating)\n")
        print("| run | 1 thread: median (fastest) | 2 threads: median (fastest) "
              "| speed-up: median (fastest) | cores used by 2 threads |")
        print("|---|---|---|---|---|")
        for name in names:
            one, two = growth[("threads", name, "1")], growth[("threads", name, "2")]
            med, best, use = thread_speedup(name)
            w1, w2 = [w for w, _, _ in one], [w for w, _, _ in two]
            print(f"| {name} | {fmt_time(statistics.median(w1))} ({fmt_time(min(w1))}) "
                  f"| {fmt_time(statistics.median(w2))} ({fmt_time(min(w2))}) "
                  f"| {med:.2f}× ({best:.2f}×) | {use:.2f} |")
        print()

    # ---- targets ----
    def peer_ratio(name):
        rows = side.get(name)
        return rows[0][1] / rows[1][1] if rows else None

    for fmt in ("svg", "png"):
        r = peer_ratio(f"peer-figure-{fmt}")
        if r:
            targets.append((f"default figure ({fmt.upper()}) ≥ 50× the numpy+scipy+matplotlib peer",
                            f"{r:.0f}×", verdict(r >= 50)))
    rss_1e9 = {f: max_rss(("n", f, "1000000000")) for f in FAMILIES}
    rss_1e9 = {f: v for f, v in rss_1e9.items() if v}
    if rss_1e9:
        worst = max(rss_1e9.values())
        targets.append((f"n = 10⁹, peak memory < 32 MB ({len(rss_1e9)} of 6 families measured)",
                        "max " + fmt_mb(worst) + " (" + ", ".join(
                            f"{f} {fmt_mb(v)}" for f, v in rss_1e9.items()) + ")",
                        verdict(worst < 32 * 1024 and len(rss_1e9) == 6)))
    if speedups:
        lo = min(speedups.values())
        targets.append(("2 threads ≥ 1.8× one (criterion, per family)",
                        ", ".join(f"{f} {v:.2f}×" for f, v in speedups.items()),
                        verdict(lo >= 1.8)))
    for name, label in (("bernoulli-1e9", "bernoulli n = 10⁹"),
                        ("normal-1e8", "normal n = 10⁸"),
                        ("binomial-1e8", "binomial n = 10⁸")):
        s = thread_speedup(name)
        if s:
            med, best, use = s
            targets.append((f"2 threads ≥ 1.8× one, end to end: {label}",
                            f"{med:.2f}× (median runs), {best:.2f}× (fastest runs); "
                            f"2-thread runs used {use:.2f} cores", verdict(med >= 1.8)))
    # Issue 6 sets the 1.8x target for synthetic draws. Reading a file is not a target: its
    # "1 thread" run already reads on a second OS thread while the pool thread parses.
    s = thread_speedup("data-1e7")
    if s:
        med, best, use = s
        targets.append(("`--data` 10⁷ normal values: 2 pool threads vs one, end to end (no "
                        "target; the 1-thread run already reads the file on a second thread)",
                        f"{med:.2f}× (median runs), {best:.2f}× (fastest runs)", "–"))
    b2 = per_element("draw/bernoulli/threads/2")
    if chacha and b2:
        targets.append(("Bernoulli ≥ 2.5× the raw 1-thread ChaCha8 next_u64 rate (criterion, "
                        "2 threads)", f"{chacha / b2:.1f}× ({b2:.2f} ns/draw vs {chacha:.2f} "
                        "ns/word)", verdict(chacha / b2 >= 2.5)))
    wall = median_wall(("n", "bernoulli", "1000000000"))
    if chacha and wall:
        r = chacha / wall  # ns per word × 10⁹ words = seconds for 10⁹ words
        targets.append(("Bernoulli n = 10⁹ end to end ≥ 2.5× the raw ChaCha8 rate",
                        f"{r:.1f}× ({fmt_time(wall)} vs {chacha:.2f} s for 10⁹ words)",
                        verdict(r >= 2.5)))
    if ratios_rd:
        others = {f: v for f, v in ratios_rd.items() if f != "bernoulli"}
        targets.append(("other families within 2× of rand_distr's per-draw cost (1 thread)",
                        ", ".join(f"{f} {v:.2f}×" for f, v in others.items()),
                        verdict(max(others.values()) <= 2)))
    mbs = bytes_per_s("ingest/normal/threads/1")
    if mbs:
        targets.append(("`--data` parse ≥ 300 MB/s per core (criterion, normal values, 1 thread)",
                        f"{mbs / 1e6:.0f} MB/s", verdict(mbs >= 300e6)))
    key = ("data", "normal", "10000000")
    if max_rss(key):
        size = int((results / "data-bytes.txt").read_text())
        targets.append((f"`--data` 10⁷ values ({size / 1e6:.0f} MB): peak memory < 32 MB",
                        fmt_mb(max_rss(key)) + f", wall {fmt_time(median_wall(key))}",
                        verdict(max_rss(key) < 32 * 1024)))
    r = peer_ratio("peer-data-normal-1e7")
    if r:
        targets.append(("`--data` 10⁷ values ≥ 10× numpy.loadtxt + the same sweep", f"{r:.1f}×",
                        verdict(r >= 10)))
    for fmt, limit in (("svg", 10e-3), ("png", 60e-3)):
        ns = crit_ns(f"render {fmt} 1000 points")
        if ns:
            targets.append((f"render {fmt.upper()}, 1000-point two-panel figure < "
                            f"{limit * 1e3:.0f} ms (criterion)", fmt_time(ns * 1e-9),
                            verdict(ns * 1e-9 < limit)))
    for fam in KEPT:
        wall = median_wall(("kept", fam, "100000"))
        r = peer_ratio(f"peer-{fam}-1e5x1000")
        if wall is None or r is None:
            continue
        targets.append((f"{fam} (no sufficient statistics): 10⁵ observations × 1000 points "
                        "< 0.5 s on 2 cores, end to end with the figure",
                        f"{fmt_time(wall)} ({cores(('kept', fam, '100000'))} cores used)",
                        verdict(wall < 0.5)))
        targets.append((f"{fam}: ≥ 10× scipy.stats logpdf over the same grid", f"{r:.0f}×",
                        verdict(r >= 10)))
    for fam in KEPT:
        s = thread_speedup(f"kept-{fam}")
        if s:
            med, best, use = s
            targets.append((f"{fam} 10⁵ × 1000: 2 threads vs one, end to end (parallel over "
                            "grid points; no target)",
                            f"{med:.2f}× (median runs), {best:.2f}× (fastest runs)", "–"))

    print("## Targets\n")
    print("| target | measured | verdict |")
    print("|---|---|---|")
    for t, m, v in targets:
        print(f"| {t} | {m} | {v} |")


if __name__ == "__main__":
    main(*sys.argv[1:3])
