"""Start-up of promo against sqlite-utils, whole processes, in one run.

    python benchmarks/startup.py [--runs 20]

Both tools are run from the same virtualenv on the same seed catalogue; the figure that matters is the
ratio, since absolute times depend on the machine. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(argv: list[str], runs: int, env: dict) -> float:
    """Median wall time of `runs` runs of argv, in milliseconds (after one warm-up run)."""
    subprocess.run(argv, env=env, check=True, capture_output=True)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, capture_output=True)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    bindir = Path(sys.executable).parent
    promo = shutil.which("promo", path=str(bindir))
    sqlite_utils = shutil.which("sqlite-utils", path=str(bindir))
    if not promo or not sqlite_utils:
        sys.exit(f"promo and sqlite-utils must both be installed next to {sys.executable}")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "catalogue.db"
        env = dict(os.environ, PROMO_DB=str(db))
        subprocess.run([promo, "init"], env=env, check=True, capture_output=True)
        cases = [
            ("--help", [promo, "--help"], [sqlite_utils, "--help"]),
            (
                "list rows as JSON",
                [promo, "vacancies", "--format", "json"],
                [sqlite_utils, "rows", str(db), "units"],
            ),
            (
                "list as a table",
                [promo, "carriers"],
                [sqlite_utils, "tables", str(db), "--counts", "--table"],
            ),
        ]
        print("| case | promo ms | sqlite-utils ms | ratio |\n|---|---:|---:|---:|")
        for name, ours, theirs in cases:
            a, b = timed(ours, args.runs, env), timed(theirs, args.runs, env)
            print(f"| {name} | {a:.0f} | {b:.0f} | {a / b:.2f} |")


if __name__ == "__main__":
    main()
