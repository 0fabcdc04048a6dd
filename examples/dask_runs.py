"""A Dask job: every activity file under a folder → one row per run → weekly running distance.

    python examples/dask_runs.py exports/
"""

import sys

from distributed import Client, LocalCluster

import lapwise.dask

if __name__ == "__main__":
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster):
        df = lapwise.dask.analyze_files(sys.argv[1])
        ok = df[df.error_kind.isna() & (df.sport == "running")]
        weekly = ok.groupby("week_start").distance_m.sum().compute().sort_index()
        for week, metres in weekly.items():
            print(f"{week}  {metres / 1000:7.1f} km")
        print(f"{int(df.error_kind.notna().sum().compute())} files failed")
