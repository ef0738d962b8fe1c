"""Time the zone brief as Word and HTML with charts against the Markdown brief, whole processes, in one run.

    python benchmarks/documents.py [--reps 5] [--db benchmarks/data/catalogue-100k.db]

Uses the catalogue of benchmarks/generate.py (built when missing). Each command runs once to warm up, then
--reps times, interleaved; prints a Markdown table of medians and each format's ratio to Markdown (target:
docx with charts at most 5x).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import DEFAULT_OUT, generate  # noqa: E402
from run import DATE, run_once  # noqa: E402

TARGET = 5.0
CASES = [
    ("markdown", ["brief", "--date", DATE]),
    ("docx with charts", ["brief", "--date", DATE, "--format", "docx"]),
    ("docx, --no-charts", ["brief", "--date", DATE, "--format", "docx", "--no-charts"]),
    ("html with charts", ["brief", "--date", DATE, "--format", "html"]),
    ("docx with charts, internal (4 charts)", ["brief", "--date", DATE, "--format", "docx", "--audience", "internal"]),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--db", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    if not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        generate(args.db, units=100_000, enterprises=100_000, carriers=2_000, seed=20261123)
    promo = shutil.which("promo", path=str(Path(sys.executable).parent)) or "promo"
    env = {**os.environ, "PROMO_DB": str(args.db), "PROMO_TODAY": DATE}
    argvs = [[promo, *argv] for _, argv in CASES]
    for argv in argvs:  # warm-up: page cache, matplotlib's font cache
        run_once(argv, env)
    samples: list[list[float]] = [[] for _ in CASES]
    sizes = [0] * len(CASES)
    for _ in range(args.reps):
        for i, argv in enumerate(argvs):
            took, sizes[i] = run_once(argv, env)
            samples[i].append(took)
    medians = [statistics.median(s) for s in samples]
    print("| brief | median s | min s | max s | output KB | × markdown |")
    print("|---|---:|---:|---:|---:|---:|")
    for (name, _), med, s, size in zip(CASES, medians, samples, sizes, strict=True):
        print(f"| {name} | {med:.3f} | {min(s):.3f} | {max(s):.3f} | {size / 1024:,.0f} | {med / medians[0]:.2f} |")
    ratio = medians[1] / medians[0]
    verdict = "meets" if ratio <= TARGET else "misses"
    print(f"\n**docx with charts ÷ markdown = {ratio:.2f}** ({verdict} the target of at most {TARGET:g}×).")


if __name__ == "__main__":
    main()
