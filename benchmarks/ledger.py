"""Time `promo ledger --year 2026 --by owner` against `promo pipeline` on the benchmark catalogue, side by side.

    python benchmarks/ledger.py [--reps 5] [--db benchmarks/data/catalogue-100k.db] [--regenerate]

Whole processes, one warm-up run each, then interleaved timed runs; the target is the ledger in at most the
time of the pipeline. Replaces the ledger section of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import DEFAULT_OUT, generate  # noqa: E402
from results import write_section  # noqa: E402
from run import DATE  # noqa: E402


def run_once(argv: list[str], env: dict) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one whole process: on a machine shared with other work the
    CPU time is the steadier measure of what the command itself costs."""
    import resource
    import subprocess
    import time

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr.decode(errors='replace')}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


CASES = [
    ("pipeline", ["pipeline"]),
    ("ledger --by owner", ["ledger", "--year", "2026", "--by", "owner"]),
    ("ledger", ["ledger", "--year", "2026"]),
    ("ledger --by quarter", ["ledger", "--year", "2026", "--by", "quarter"]),
    ("ledger --by chain", ["ledger", "--year", "2026", "--by", "chain"]),
    ("ledger --detail", ["ledger", "--year", "2026", "--detail"]),
    ("ledger --detail csv", ["ledger", "--year", "2026", "--detail", "--format", "csv"]),
    ("report weekly", ["report", "weekly"]),
]
HEADING = "# Benchmark: promo ledger against promo pipeline"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--db", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    promo = shutil.which("promo", path=str(Path(sys.executable).parent))
    if not promo:
        sys.exit(f"promo must be installed next to {sys.executable}")
    if args.regenerate or not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        generate(args.db, units=100_000, enterprises=100_000, carriers=2_000, seed=20261123)
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    try:
        size = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("enterprises", "stage_history", "milestones", "project_reports", "ledger_targets")
        }
    except sqlite3.OperationalError:
        sys.exit(f"{args.db} has no milestones or reports; run with --regenerate")
    finally:
        conn.close()
    if not size["milestones"]:
        sys.exit(f"{args.db} has no milestones; run with --regenerate")
    env = dict(os.environ, COLUMNS="100", PROMO_TODAY=DATE)
    # compiled modules, as an installed promo has them: compiling every run would add the same to both sides
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    load = os.getloadavg()[0]
    samples: dict[str, list[float]] = {name: [] for name, _ in CASES}
    cpu: dict[str, list[float]] = {name: [] for name, _ in CASES}
    for _, argv in CASES:
        run_once([promo, "--db", str(args.db), *argv], env)
    for _ in range(args.reps):
        for name, argv in CASES:
            wall, used = run_once([promo, "--db", str(args.db), *argv], env)
            samples[name].append(wall)
            cpu[name].append(used)
    median = {name: statistics.median(s) for name, s in samples.items()}
    cpu_median = {name: statistics.median(s) for name, s in cpu.items()}
    ratio = median["ledger --by owner"] / median["pipeline"]
    cpu_ratio = cpu_median["ledger --by owner"] / cpu_median["pipeline"]
    lines = [
        HEADING,
        "",
        f"Produced by `python benchmarks/ledger.py --reps {args.reps}` (whole processes, median wall time, "
        f"interleaved; {os.cpu_count()} CPUs shared with other work, load average {load:.1f} at the start).",
        "- Catalogue: " + ", ".join(f"{n:,} {t}" for t, n in size.items()),
        "",
        "| command | median s | min s | max s | × pipeline | CPU s | CPU × pipeline |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, argv in CASES:
        s = samples[name]
        lines.append(
            f"| `promo {' '.join(argv)}` | {median[name]:.3f} | {min(s):.3f} | {max(s):.3f} | "
            f"{median[name] / median['pipeline']:.2f} | {cpu_median[name]:.3f} | "
            f"{cpu_median[name] / cpu_median['pipeline']:.2f} |"
        )
    verdict = "meets" if ratio <= 1 else "MISSES"
    cpu_verdict = "meets" if cpu_ratio <= 1 else "MISSES"
    lines += [
        "",
        f"**ledger --by owner ÷ pipeline = {ratio:.2f} in wall time** ({verdict} the target of at most 1×), "
        f"**{cpu_ratio:.2f} in CPU time** ({cpu_verdict}).",
        "",
    ]
    section = "\n".join(lines)
    write_section(args.results, HEADING, section)
    print(section)


if __name__ == "__main__":
    main()
