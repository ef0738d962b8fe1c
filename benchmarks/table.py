"""The table a person reads, at scale: `promo vacancies` (a table, written to a file) against `sqlite-utils query
--table` with the same SQL, whole processes in interleaved pairs, wall time, CPU time, time to the first line and
peak memory of each.

    python benchmarks/table.py [--db benchmarks/data/catalogue-1m.db] [--runs 3] [--limit N]

Make the catalogue first: python benchmarks/generate.py --units 1000000 --out benchmarks/data/catalogue-1m.db
Prints a Markdown table (medians, min–max) to paste under "Tables" in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def vacancies_sql(db: Path, limit: int | None) -> str:
    """The SQL promo runs for `promo vacancies` (every vacant unit, the default carrier order), as reads.py gives
    it to the peers."""
    sys.path.insert(0, str(HERE))
    from reads import same_sql

    return same_sql(db, ["--limit", str(limit)] if limit else [], listing=True)


def measure(command: list[str], env: dict) -> dict:
    """Run `command` with stdout into a temporary file (not a terminal); wall, CPU, first output, peak RSS."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, env=env)
        first = None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            now = time.perf_counter()
            if first is None and os.fstat(out.fileno()).st_size > 0:
                first = now - start
            if pid:
                break
            time.sleep(0.01)
        wall = now - start
        size = os.fstat(out.fileno()).st_size
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command[:4])} …")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "first": first if first is not None else wall,
        "mib": usage.ru_maxrss / 1024,
        "bytes": size,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=HERE / "data" / "catalogue-1m.db")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, help="only the first N vacant units (both tools)")
    args = parser.parse_args()
    if not args.db.exists():
        sys.exit(f"no catalogue at {args.db}; make one with benchmarks/generate.py")
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "PROMO_DB", "NO_COLOR", "FORCE_COLOR")}
    env["PROMO_TODAY"] = "2026-11-23"
    promo = [str(BIN / "promo"), "--db", str(args.db), "vacancies"] + (
        ["--limit", str(args.limit)] if args.limit else []
    )
    peer = [str(BIN / "sqlite-utils"), "query", str(args.db), vacancies_sql(args.db, args.limit), "--table"]
    results: dict[str, list[dict]] = {"promo": [], "peer": []}
    for i in range(args.runs):
        for name, command in (("promo", promo), ("peer", peer)) if i % 2 == 0 else (("peer", peer), ("promo", promo)):
            results[name].append(measure(command, env))
            print(f"run {i + 1} {name}: {results[name][-1]['wall']:.1f} s", file=sys.stderr)
    print(f"{time.strftime('%Y-%m-%d')}, {platform.machine()} × {os.cpu_count()} cores, {args.runs} interleaved pairs")
    print()
    print("| `vacancies` table | promo | sqlite-utils --table | ratio |")
    print("|---|---:|---:|---:|")
    for key, label, unit in (
        ("wall", "wall", "s"),
        ("cpu", "CPU", "s"),
        ("first", "first line", "s"),
        ("mib", "peak memory", "MiB"),
    ):
        p = [r[key] for r in results["promo"]]
        q = [r[key] for r in results["peer"]]
        shown = [f"{statistics.median(x):,.1f} {unit} ({min(x):,.1f}–{max(x):,.1f})" for x in (p, q)]
        print(f"| {label} | {shown[0]} | {shown[1]} | {statistics.median(p) / statistics.median(q):.2f}× |")


if __name__ == "__main__":
    main()
