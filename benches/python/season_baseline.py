#!/usr/bin/env python3
"""Baseline for the season benchmark: parse every FIT/GPX/TCX file in a folder with fitdecode,
gpxpy and ElementTree, then compute per-mile splits and the best mile of each run.

This does far less than `lapwise season` (no cleaning, no segmentation, no scores, no
roll-up, no outputs or charts) and runs on one core. Usage:

    pip install fitdecode gpxpy
    python3 benches/python/season_baseline.py DIR

where DIR holds the files written by `cargo bench --bench season -- DIR` (or any folder of
exports, searched recursively; a file that fails to parse is counted and skipped).
"""

import bisect
import math
import os
import resource
import sys
import time
import xml.etree.ElementTree as ET

import fitdecode
import gpxpy

MILE_M = 1609.344


def haversine(lat1, lon1, lat2, lon2):
    r = 6371000.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def read_fit(path):
    t, d = [], []
    with fitdecode.FitReader(path) as fit:
        for frame in fit:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "record":
                if frame.has_field("timestamp") and frame.has_field("distance"):
                    ts, dist = frame.get_value("timestamp"), frame.get_value("distance")
                    if ts is not None and dist is not None:
                        t.append(ts.timestamp())
                        d.append(float(dist))
    return t, d


def read_gpx(path):
    with open(path, encoding="utf-8") as f:
        gpx = gpxpy.parse(f)
    t, d, prev, total = [], [], None, 0.0
    for track in gpx.tracks:
        for seg in track.segments:
            for p in seg.points:
                if p.time is None:
                    continue
                if prev is not None:
                    total += haversine(prev.latitude, prev.longitude, p.latitude, p.longitude)
                prev = p
                t.append(p.time.timestamp())
                d.append(total)
    return t, d


def read_tcx(path):
    ns = {"t": "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"}
    root = ET.parse(path).getroot()
    t, d = [], []
    from datetime import datetime

    for tp in root.iterfind(".//t:Trackpoint", ns):
        te, de = tp.find("t:Time", ns), tp.find("t:DistanceMeters", ns)
        if te is None or de is None:
            continue
        t.append(datetime.fromisoformat(te.text.replace("Z", "+00:00")).timestamp())
        d.append(float(de.text))
    return t, d


def splits(t, d, unit=MILE_M):
    out, k = [], 1
    start = t[0] if t else 0.0
    for i in range(1, len(d)):
        while d[i] >= k * unit:
            frac = (k * unit - d[i - 1]) / (d[i] - d[i - 1]) if d[i] > d[i - 1] else 1.0
            at = t[i - 1] + frac * (t[i] - t[i - 1])
            out.append(at - start)
            start = at
            k += 1
    return out


def best_mile(t, d):
    """Fastest window of one mile, ends on samples (two pointers)."""
    best, j = None, 0
    for i in range(len(d)):
        target = d[i] + MILE_M
        j = max(j, i)
        j = bisect.bisect_left(d, target, lo=j)
        if j >= len(d):
            break
        dt = t[j] - t[i]
        if best is None or dt < best:
            best = dt
    return best


def main():
    folder = sys.argv[1]
    files = sorted(
        os.path.join(root, f) for root, _, names in os.walk(folder) for f in names
    )
    readers = {".fit": read_fit, ".gpx": read_gpx, ".tcx": read_tcx}
    t0 = time.perf_counter()
    n, failed, miles = 0, 0, []
    for path in files:
        reader = readers.get(os.path.splitext(path)[1].lower())
        if reader is None:
            continue
        try:
            t, d = reader(path)
        except Exception:  # a damaged file: counted, the batch goes on (as lapwise does)
            failed += 1
            continue
        splits(t, d)
        miles.append(best_mile(t, d))
        n += 1
    wall = time.perf_counter() - t0
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"files: {n} read, {failed} failed; wall {wall:.2f} s; "
          f"per file {wall * 1000 / max(n, 1):.1f} ms; peak memory {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
