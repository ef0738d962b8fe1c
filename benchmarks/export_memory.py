"""Peak memory of `promo export` to .xlsx on a large catalogue: each long list alone, then every list at once.

    python benchmarks/generate.py --out benchmarks/data/catalogue-100k.db   # once (100k enterprises and units)
    python benchmarks/export_memory.py [--catalogue benchmarks/data/catalogue-100k.db] [--results benchmarks/RESULTS.md]

Each export is a whole process (start-up included) on one migrated copy of the catalogue; its peak resident memory
is the process's own high-water mark (benchmarks/peak.py), its CPU time from wait4. The workbooks go to a
temporary folder and are removed.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from peak import PROBE  # noqa: E402  (the same probe as the listings' peak memory)

DATA = HERE / "data"
HEADING = "# Export to .xlsx: peak memory (issue #10)"
CASES = (("enterprises",), ("units",), ("stage-history",), ())  # () = every list, one sheet each


def run(argv: list[str], env: dict) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds, peak KiB and standard error of `promo *argv` in a fresh interpreter."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", PROBE, *argv], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    err = proc.stderr.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    line = next(x for x in err.splitlines() if x.startswith("peak-kib"))
    if os.waitstatus_to_exitcode(status) != 0 or not line.endswith("exit 0"):
        raise SystemExit(f"promo {' '.join(argv)} failed: {err[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, int(line.split()[1]), err


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--catalogue", type=Path, default=DATA / "catalogue-100k.db")
    parser.add_argument("--results", type=Path)
    args = parser.parse_args()
    if not args.catalogue.exists():
        raise SystemExit(f"{args.catalogue}: make it first with python benchmarks/generate.py")
    env = {**os.environ, "PROMO_TODAY": "2026-12-02", "PROMO_LANG": "en"}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "export.db"
        shutil.copy(args.catalogue, db)
        run(["--db", str(db), "doctor"], env)  # migrated once, so no export pays for a migration
        conn = sqlite3.connect(db)
        sizes = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("enterprises", "units")}
        conn.close()
        lines = []
        for case in CASES:
            out = Path(tmp) / "out.xlsx"
            wall, cpu, kib, err = run(["--db", str(db), "export", *case, "-o", str(out)], env)
            rows = sum(int(n.replace(",", "")) for n in _counts(err))
            size = out.stat().st_size / 2**20
            out.unlink()
            label = f"`promo export {' '.join(case) or '(every list)'} -o FILE.xlsx`"
            lines.append(f"| {label} | {rows:,} | {size:.1f} | {wall:.1f} | {cpu:.1f} | {kib / 1024:.0f} |")
            print(lines[-1], file=sys.stderr, flush=True)
    text = "\n".join(
        [
            HEADING,
            "",
            f"Produced by `python benchmarks/export_memory.py` on {time.strftime('%Y-%m-%d')}: each export a whole "
            "process (openpyxl write-only workbook), peak resident memory its own VmHWM; "
            f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, load average at the "
            f"end {os.getloadavg()[0]:.1f}. Catalogue: {args.catalogue.name} ({sizes['enterprises']:,} enterprises, "
            f"{sizes['units']:,} units).",
            "",
            "| export | rows | MiB written | wall s | CPU s | peak MiB |",
            "|---|---:|---:|---:|---:|---:|",
            *lines,
            "",
            "Target: a 100,000-row export streams with peak memory under 200 MiB.",
            "",
        ]
    )
    print(text)
    if args.results:
        sys.path.insert(0, str(HERE))
        from results import write_section

        write_section(args.results, HEADING, text)


def _counts(err: str) -> list[str]:
    """The row counts of 'wrote FILE: enterprises 100,030 rows, …'."""
    import re

    line = next((x for x in err.splitlines() if x.startswith("wrote ")), "")
    return re.findall(r" ([\d,]+) rows", line)


if __name__ == "__main__":
    main()
