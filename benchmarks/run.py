"""Time `promo brief` against `promo vacancies` on a large generated catalogue, whole processes, in one run.

    python benchmarks/run.py [--reps 5] [--db benchmarks/data/catalogue-100k.db] [--regenerate]

Builds the catalogue with benchmarks/generate.py when it is missing, runs every command once to warm the
page cache (and migrate the catalogue if promo's schema moved on), then runs them in turn --reps times,
interleaved so drift hits all alike. Reports the median wall time of each, and the ratio of the zone brief
to `promo vacancies`; the target is at most 3x. Rewrites its own section of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import DEFAULT_OUT, generate  # noqa: E402
from results import write_section  # noqa: E402

DATE = "2026-11-23"
TARGET = 3.0
BRIEF = ("zone brief", ["brief", "--date", DATE])
VACANCIES = ("vacancies", ["vacancies"])
OTHERS = [
    ("zone brief, English, internal", ["brief", "--date", DATE, "--lang", "en", "--audience", "internal"]),
    ("zone brief, chat", ["brief", "--date", DATE, "--format", "wechat"]),
    ("industry brief", ["brief", "--date", DATE, "--industry", "高端医疗器械"]),
    ("carrier brief", ["brief", "--date", DATE, "--carrier", "bench-000000"]),
    ("vacancies --format csv", ["vacancies", "--format", "csv"]),
    ("vacancies --limit 20", ["vacancies", "--limit", "20"]),
]


def run_once(argv: list[str], env: dict) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr.decode(errors='replace')}")
    return took, len(done.stdout)


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = ("carriers", "units", "enterprises", "unit_facilities")
        out = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
        out["vacant units"] = conn.execute("SELECT count(*) FROM units WHERE status = 'vacant'").fetchone()[0]
        return out
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--db", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--regenerate", action="store_true", help="rebuild the catalogue even if it exists")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    promo = shutil.which("promo", path=str(Path(sys.executable).parent))
    if not promo:
        sys.exit(f"promo must be installed next to {sys.executable}")

    generated = None
    if args.regenerate or not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        generate(args.db, units=100_000, enterprises=100_000, carriers=2_000, seed=20261123)
        generated = time.perf_counter() - start
    size = counts(args.db)
    if size["units"] < 100_000 or size["enterprises"] < 100_000:
        sys.exit(f"{args.db} is too small for this benchmark ({size}); use --regenerate")

    env = dict(os.environ, COLUMNS="100", PROMO_TODAY=DATE)
    cases = [BRIEF, VACANCIES, *OTHERS]
    samples: dict[str, list[float]] = {name: [] for name, _ in cases}
    output: dict[str, int] = {}
    for name, argv in cases:  # warm-up: page cache, migrations, .pyc files
        _, output[name] = run_once([promo, "--db", str(args.db), *argv], env)
    for _ in range(args.reps):
        for name, argv in cases:
            took, _ = run_once([promo, "--db", str(args.db), *argv], env)
            samples[name].append(took)

    median = {name: statistics.median(s) for name, s in samples.items()}
    ratio = median[BRIEF[0]] / median[VACANCIES[0]]
    lines = [
        "# Benchmark: promo brief against promo vacancies",
        "",
        "Whole processes (start-up included), on a generated catalogue; produced by `python benchmarks/run.py`",
        f"({args.reps} timed runs of each command after one warm-up run, interleaved; median wall time).",
        "The catalogue is made by `python benchmarks/generate.py` (seed 20261123, git-ignored under",
        "benchmarks/data/).",
        "",
        f"- Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}",
        "- Catalogue: " + ", ".join(f"{n:,} {t}" for t, n in size.items()),
    ]
    if generated is not None:
        lines.append(f"- Generating it took {generated:.1f} s")
    lines += [
        "",
        "| command | median s | min s | max s | output KB | × vacancies |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, argv in cases:
        s = samples[name]
        lines.append(
            f"| `promo {' '.join(argv)}` | {median[name]:.3f} | {min(s):.3f} | {max(s):.3f} | "
            f"{output[name] / 1024:,.0f} | {median[name] / median[VACANCIES[0]]:.3f} |"
        )
    verdict = "meets" if ratio <= TARGET else "MISSES"
    limit20 = median[BRIEF[0]] / median["vacancies --limit 20"]
    lines += [
        "",
        f"**Zone brief ÷ vacancies = {ratio:.3f}** ({verdict} the target of at most {TARGET:g}×).",
        "",
        f"`promo vacancies` prints every vacant unit ({size['vacant units']:,} rows here) as a table, so most of",
        "its time is rendering; against the smallest listing, `promo vacancies --limit 20` (mostly start-up),",
        f"the zone brief takes {limit20:.2f}×.",
        "",
    ]
    text = "\n".join(lines)
    write_section(args.results, lines[0], text)
    print(text)


if __name__ == "__main__":
    main()
