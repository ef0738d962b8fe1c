"""Benchmark: promo import of an enterprise CSV against `sqlite-utils insert --csv` and a bare executemany, the
undo of that import and of one add, and a streamed .xlsx export.

    python benchmarks/generate.py --units 1000000 --out benchmarks/data/catalogue-1m.db   # once
    python benchmarks/io.py [--catalogue benchmarks/data/catalogue-1m.db] [--rows 100000] [--runs 3]
                            [--results benchmarks/RESULTS.md]

Each command runs as a whole process (start-up included) on a fresh copy of the catalogue (the seed catalogue
when none is generated), interleaved run by run, median and range of --runs; peak memory is the child's
maximum resident set (wait4). The CSV is generated deterministically (valid credit codes, Chinese headers as
offices write them) under benchmarks/data/ (git-ignored).
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
            stage = rng.choice(STAGES)
            signed = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            out.write(
                f"{i + 1},基准测试企业{i:06d}有限公司,{code},高端医疗器械,{stage},"
                f"{signed if STAGES.index(stage) >= STAGES.index('签约') else ''},"  # a lead has not signed
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


# The floor: the same file read by the csv module and written by one executemany, nothing checked.
FLOOR = """
import csv, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
with open(sys.argv[2], encoding="utf-8-sig", newline="") as fh:
    rows = csv.reader(fh)
    header = next(rows)
    conn.execute("CREATE TABLE floor_rows (" + ", ".join(f"c{i}" for i in range(len(header))) + ")")
    with conn:
        conn.executemany("INSERT INTO floor_rows VALUES (" + ",".join("?" * len(header)) + ")", rows)
"""


def _stats(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} | {min(values):.2f}–{max(values):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--catalogue", type=Path, default=DATA / "catalogue-1m.db")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--results", type=Path)
    args = parser.parse_args()
    from promo.seeds import build_catalogue

    DATA.mkdir(exist_ok=True)
    base, csv_path = args.catalogue, DATA / f"enterprises-{args.rows}.csv"
    if not base.exists():
        base = DATA / "io-seed.db"
        if not base.exists():
            build_catalogue(base.with_suffix(".tmp"))
            base.with_suffix(".tmp").replace(base)
    if not csv_path.exists():
        make_csv(csv_path, args.rows)
    env = {**os.environ, "PROMO_TODAY": "2026-12-02"}
    promo, sqlite_utils = str(BIN / "promo"), str(BIN / "sqlite-utils")
    cases = ("promo import", "sqlite-utils insert --csv", "executemany floor", "undo of the import", "undo of one add")
    times: dict[str, list[float]] = {c: [] for c in cases}
    db = DATA / "io-run.db"
    for _ in range(args.runs):  # interleaved, each on a fresh copy
        shutil.copy(base, db)
        times["promo import"].append(timed([promo, "--db", str(db), "import", "enterprises", str(csv_path)], env)[0])
        times["undo of the import"].append(timed([promo, "--db", str(db), "undo"], env)[0])
        timed([promo, "--db", str(db), "enterprises", "add", "基准单条企业有限公司", "--stage", "意向"], env)
        times["undo of one add"].append(timed([promo, "--db", str(db), "undo"], env)[0])
        shutil.copy(base, db)
        times["sqlite-utils insert --csv"].append(
            timed([sqlite_utils, "insert", str(db), "enterprises_raw", str(csv_path), "--csv"], env)[0]
        )
        shutil.copy(base, db)
        times["executemany floor"].append(timed([sys.executable, "-c", FLOOR, str(db), str(csv_path)], env)[0])
    shutil.copy(base, db)
    timed([promo, "--db", str(db), "import", "enterprises", str(csv_path)], env)
    imported = sqlite3.connect(db).execute("SELECT count(*) FROM enterprises").fetchone()[0]
    units = sqlite3.connect(db).execute("SELECT count(*) FROM units").fetchone()[0]
    export_s, export_kib = timed(
        [promo, "--db", str(db), "export", "enterprises", "-o", str(DATA / "export.xlsx")], env
    )
    med = {c: statistics.median(v) for c, v in times.items()}
    lines = [
        "# Import and export: promo against sqlite-utils",
        "",
        f"Produced by `python benchmarks/io.py --rows {args.rows} --runs {args.runs}` on {time.strftime('%Y-%m-%d')}: "
        "whole processes, interleaved run by run, each on a fresh copy of the catalogue; median and range.",
        "",
        f"- Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}",
        f"- Catalogue: {base.name}, {units:,} units, {imported - args.rows:,} enterprises before the import",
        f"- File: {args.rows:,}-row enterprise CSV ({csv_path.stat().st_size / 2**20:.1f} MiB, UTF-8 with BOM, "
        "Chinese headers)",
        "",
        "| command | median s | min–max s |",
        "|---|---:|---|",
        f"| `promo import enterprises FILE.csv` (every row parsed, checked, matched, journaled) | "
        f"{_stats(times['promo import'])} |",
        f"| `sqlite-utils insert DB t FILE.csv --csv` (no validation) | {_stats(times['sqlite-utils insert --csv'])} |",
        f"| bare `csv` + `executemany` floor (no validation) | {_stats(times['executemany floor'])} |",
        f"| `promo undo` of that import | {_stats(times['undo of the import'])} |",
        f"| `promo undo` of one `enterprises add` | {_stats(times['undo of one add'])} |",
        "",
        f"**promo import ÷ sqlite-utils = {med['promo import'] / med['sqlite-utils insert --csv']:.2f}×** "
        f"(target ≤ 0.25×); ÷ the executemany floor = {med['promo import'] / med['executemany floor']:.2f}×. "
        f"Undo of one add: {med['undo of one add']:.2f} s (target ≤ 0.2 s).",
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
