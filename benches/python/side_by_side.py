#!/usr/bin/env python3
"""Run commands one after another, several times each, and print median wall time, peak RSS
and the ratio of each command's median to the first one's. Used by benches/season.sh.

    side_by_side.py --runs N --name A -- CMD... --- --runs M --name B -- CMD...

Each command gets one untimed warm-up run first (page cache). Peak RSS is the child's own
maximum resident set (os.wait4), so runs do not contaminate each other.
"""

import os
import statistics
import subprocess
import sys
import time


def parse(argv):
    groups, cur = [], []
    for a in argv:
        if a == "---":
            groups.append(cur)
            cur = []
        else:
            cur.append(a)
    groups.append(cur)
    specs = []
    for g in groups:
        sep = g.index("--")
        opts, cmd = g[:sep], g[sep + 1:]
        runs = int(opts[opts.index("--runs") + 1]) if "--runs" in opts else 3
        name = opts[opts.index("--name") + 1] if "--name" in opts else cmd[0]
        specs.append((name, runs, cmd))
    return specs


def run_once(cmd):
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    out = proc.stdout.read().decode(errors="replace")
    err = proc.stderr.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{cmd[0]} exited {code}: {err.strip()[-400:]}")
    return wall, usage.ru_maxrss / 1024.0, out.strip().splitlines()[-1:] if out.strip() else []


def main():
    results = []
    for name, runs, cmd in parse(sys.argv[1:]):
        run_once(cmd)  # warm-up
        walls, rss, last = [], [], []
        for _ in range(runs):
            w, r, last = run_once(cmd)
            walls.append(w)
            rss.append(r)
        med = statistics.median(walls)
        results.append((name, med))
        print(f"{name:>8}: median {med:6.2f} s over {runs} runs "
              f"(min {min(walls):.2f}, max {max(walls):.2f}); peak RSS {max(rss):.0f} MiB")
        for line in last:
            print(f"{'':>10}{line}")
    base_name, base = results[0]
    for name, med in results[1:]:
        print(f"ratio {name} / {base_name}: {med / base:.1f}x")


if __name__ == "__main__":
    main()
