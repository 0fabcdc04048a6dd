"""Per-file cost of lapwise from Python against the CLI, on the corpus FIT files.

    python python/bench/per_file.py [CORPUS_DIR] [LAPWISE_BIN]

The CLI analyses every file in one process (`lapwise analyze --json FILES...`, best of 5);
Python calls `lapwise.analyze` (the same document, parsed into dicts) and `lapwise.runs`
(the Arrow rows) on the bytes already in memory (best of 5). Prints ms per file for each.
"""

import os
import pathlib
import subprocess
import sys
import time

import lapwise

corpus = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus") / "fit"
exe = sys.argv[2] if len(sys.argv) > 2 else "target/release/lapwise"
files = sorted(p for p in corpus.iterdir() if p.suffix == ".fit")
datas = [(p.read_bytes(), p.name) for p in files]
readable = [(d, n) for d, n in datas if lapwise.runs([d], [n]).column("error_kind")[0].as_py() is None]
names = [str(corpus / n) for _, n in readable]


def best(f, n=5):
    out = []
    for _ in range(n):
        t = time.perf_counter()
        f()
        out.append(time.perf_counter() - t)
    return min(out)


env = dict(os.environ, HOME="/nonexistent", XDG_CONFIG_HOME="/nonexistent")
env.pop("LAPWISE_PROFILE", None)
cli = best(lambda: subprocess.run([exe, "analyze", "--json", *names], env=env, capture_output=True))
py_doc = best(lambda: [lapwise.analyze(d, n) for d, n in readable])
py_rows = best(lambda: lapwise.runs([d for d, _ in readable], [n for _, n in readable]))
k = len(readable)
mb = sum(len(d) for d, _ in readable) / 1e6
print(f"{k} FIT files, {mb:.1f} MB")
print(f"CLI  analyze --json (one process): {cli / k * 1000:.2f} ms/file")
print(f"lapwise.analyze (dict per file):   {py_doc / k * 1000:.2f} ms/file ({py_doc / cli:.2f}x the CLI)")
print(f"lapwise.runs (Arrow rows):         {py_rows / k * 1000:.2f} ms/file ({py_rows / cli:.2f}x the CLI)")
