"""Benchmark: promo import of an enterprise CSV against `sqlite-utils insert --csv`, and a streamed .xlsx export.

    python benchmarks/io.py [--rows 100000] [--runs 3] [--results benchmarks/RESULTS.md]

Each command runs as a whole process on a fresh copy of the seed catalogue (start-up included), median of
--runs; peak memory is the child's maximum resident set (wait4). The CSV is generated deterministically
(valid credit codes, Chinese headers as offices write them) under benchmarks/data/ (git-ignored).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
BIN = Path(sys.executable).parent
STAGES = ("意向", "洽谈", "签约", "注册", "落地", "投产", "达效")


def credit_code(rng: random.Random) -> str:
    """A well-formed code whose organisation code and check character are both right."""
    from stdnum.cn import uscc

    body = "9" + "1" + "370100" + "".join(rng.choice("0123456789") for _ in range(8))
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    check = 11 - sum(int(c) * w for c, w in zip(body[8:16], weights, strict=True)) % 11
    body += {10: "X", 11: "0"}.get(check, str(check))
    return body + uscc.calc_check_digit(body)


def make_csv(path: Path, rows: int, seed: int = 20261202) -> None:
    rng = random.Random(seed)
    seen = set()
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write("序号,企业名称,统一社会信用代码,所属行业,阶段,签约日期,投资额(万元),就业人数,招商方式,联系电话\n")
        for i in range(rows):
            code = credit_code(rng)
            while code in seen:
                code = credit_code(rng)
            seen.add(code)
            out.write(
                f"{i + 1},基准测试企业{i:06d}有限公司,{code},高端医疗器械,{rng.choice(STAGES)},"
                f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d},"
                f"{rng.randint(100, 90000)},{rng.randint(5, 900)},"
                f"以商引商,1380000{i % 10000:04d}\n"
            )


def timed(argv: list[str], env: dict) -> tuple[float, int]:
    """Wall seconds and peak resident KiB of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {proc.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--results", type=Path)
    args = parser.parse_args()
    from promo.seeds import build_catalogue

    DATA.mkdir(exist_ok=True)
    seed_db, csv_path = DATA / "io-seed.db", DATA / f"enterprises-{args.rows}.csv"
    build_catalogue(seed_db.with_suffix(".tmp")) if not seed_db.exists() else None
    if not seed_db.exists():
        seed_db.with_suffix(".tmp").replace(seed_db)
    if not csv_path.exists():
        make_csv(csv_path, args.rows)
    env = {**os.environ, "PROMO_TODAY": "2026-12-02"}
    promo, sqlite_utils = str(BIN / "promo"), str(BIN / "sqlite-utils")
    times: dict[str, list[float]] = {"promo": [], "sqlite-utils": []}
    for _ in range(args.runs):  # interleaved, each on a fresh copy
        for name in times:
            db = DATA / f"io-run-{name}.db"
            shutil.copy(seed_db, db)
            if name == "promo":
                argv = [promo, "--db", str(db), "import", "enterprises", str(csv_path)]
            else:
                argv = [sqlite_utils, "insert", str(db), "enterprises_raw", str(csv_path), "--csv"]
            times[name].append(timed(argv, env)[0])
    imported = sqlite3.connect(DATA / "io-run-promo.db").execute("SELECT count(*) FROM enterprises").fetchone()[0]
    export_db = DATA / "io-run-promo.db"
    export_s, export_kib = timed(
        [promo, "--db", str(export_db), "export", "enterprises", "-o", str(DATA / "export.xlsx")], env
    )
    p, s = statistics.median(times["promo"]), statistics.median(times["sqlite-utils"])
    lines = [
        "# Import and export: promo against sqlite-utils",
        "",
        f"Produced by `python benchmarks/io.py --rows {args.rows}` ({args.runs} interleaved runs, median wall time, "
        "whole processes on fresh copies of the seed catalogue).",
        "",
        f"- Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}",
        f"- File: {args.rows:,}-row enterprise CSV ({csv_path.stat().st_size / 2**20:.1f} MiB, UTF-8 with BOM, "
        "Chinese headers)",
        "",
        "| command | median s | runs |",
        "|---|---:|---|",
        f"| `promo import enterprises FILE.csv` (every row parsed, checked, matched, journaled) | {p:.2f} | "
        + ", ".join(f"{t:.2f}" for t in times["promo"])
        + " |",
        f"| `sqlite-utils insert DB t FILE.csv --csv` (no validation) | {s:.2f} | "
        + ", ".join(f"{t:.2f}" for t in times["sqlite-utils"])
        + " |",
        "",
        f"**promo ÷ sqlite-utils = {p / s:.2f}×** (target ≤ 0.25×); {imported:,} enterprises in the catalogue "
        "after the import.",
        "",
        f"Export of {imported:,} enterprises to .xlsx (openpyxl write-only): {export_s:.2f} s, "
        f"peak memory {export_kib / 1024:.0f} MiB (target < 200 MiB).",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if args.results:
        old = args.results.read_text(encoding="utf-8") if args.results.exists() else ""
        head = "# Import and export: promo against sqlite-utils"
        if head in old:
            start = old.index(head)
            end = old.find("\n# ", start + 1)
            old = old[:start] + (old[end + 1 :] if end != -1 else "")
        args.results.write_text(old.rstrip("\n") + "\n\n" + text, encoding="utf-8")


if __name__ == "__main__":
    main()
