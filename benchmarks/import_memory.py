"""Benchmark: peak memory and time of importing a large government-style workbook (title row, two-level merged
header, hidden rows and column; benchmarks/workbook_read.py makes it), as a whole `promo import enterprises`
process, against the same import by another promo (a baseline checkout given with --peer).

    python benchmarks/import_memory.py --rows 100000 --peer /tmp/base [--runs 2]
    python benchmarks/import_memory.py --rows 100000 --peer /tmp/base --file benchmarks/data/enterprises-100000.csv \
        --catalogue benchmarks/data/io-base.db      # a CSV into the generated 100k catalogue (benchmarks/io.py)

Runs are interleaved (peer, promo, peer, promo …) on fresh copies of the seed catalogue; peak memory is each
child's maximum resident set (wait4), CPU its user+system time. Medians are reported, with their ratios.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
sys.path.insert(0, str(HERE))


def run(code_root: Path, db: Path, workbook: Path) -> tuple[float, float, float]:
    # from the code's own folder: `python -m` puts the working folder first on sys.path, before PYTHONPATH
    env = dict(os.environ, PYTHONPATH=str(code_root), PROMO_LANG="en")
    argv = [sys.executable, "-m", "promo", "--db", str(db), "import", "enterprises", str(workbook), "--owner", "基准"]
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=code_root)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status:
        raise SystemExit(f"import failed ({code_root}): {err.decode()[-500:]}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def main() -> None:
    from workbook_read import make_workbook

    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--peer", type=Path, required=True, help="a folder holding the baseline's promo/ package")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--file", type=Path, help="import this file (a CSV) instead of the generated workbook")
    ap.add_argument("--catalogue", type=Path, help="import into copies of this catalogue instead of a new one")
    args = ap.parse_args()
    DATA.mkdir(exist_ok=True)
    workbook = (args.file or DATA / f"gov-{args.rows}.xlsx").resolve()
    if not workbook.exists():
        make_workbook(workbook, args.rows)
    seed = (args.catalogue or DATA / "import-memory-seed.db").resolve()
    if not seed.exists():
        subprocess.run([sys.executable, "-m", "promo", "--db", str(seed), "init"], check=True, capture_output=True)
    results: dict[str, list[tuple[float, float, float]]] = {"peer": [], "promo": []}
    for _ in range(args.runs):
        for name, root in (("peer", args.peer), ("promo", HERE.parent)):
            db = DATA / f"import-memory-{name}.db"
            shutil.copy(seed, db)
            results[name].append(run(root, db, workbook))
            print(name, *(f"{v:.1f}" for v in results[name][-1]), flush=True)
    med = {k: [statistics.median(r[i] for r in v) for i in range(3)] for k, v in results.items()}
    size = workbook.stat().st_size / 2**20
    print(f"\nimport of {workbook.name}, {args.rows:,} rows ({size:.1f} MB), {args.runs} runs each")
    print("| | wall s | peak MiB | CPU s |\n|---|---|---|---|")
    for k in ("peer", "promo"):
        print(f"| {k} | {med[k][0]:.1f} | {med[k][1]:.0f} | {med[k][2]:.1f} |")
    print(f"| promo / peer | {med['promo'][0] / med['peer'][0]:.2f}× | {med['promo'][1] / med['peer'][1]:.2f}× | "
          f"{med['promo'][2] / med['peer'][2]:.2f}× |")  # fmt: skip


if __name__ == "__main__":
    main()
