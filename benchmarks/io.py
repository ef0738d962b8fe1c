"""Benchmark: promo import of an enterprise CSV against `sqlite-utils insert --csv` and a bare executemany, the
undo of that import and of one add, and a streamed .xlsx export.

    python benchmarks/generate.py --out benchmarks/data/catalogue-100k.db   # once (100k enterprises)
    python benchmarks/io.py [--catalogue benchmarks/data/catalogue-100k.db] [--rows 100000] [--runs 5]
                            [--results benchmarks/RESULTS.md]

Each command runs as a whole process (start-up included) on a fresh copy of the catalogue (the seed catalogue
when none is generated), interleaved run by run, median and range of --runs; CPU time and peak memory are the
child's (wait4). The catalogue is migrated once before the timed runs, and its enterprises exported to .xlsx
(peak memory). The CSV is generated deterministically (valid credit codes, Chinese headers as offices write
them) under benchmarks/data/ (git-ignored).
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


def timed(argv: list[str], env: dict) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak resident KiB of one whole process."""
    start = time.perf_counter()
    # run from the code's own folder: `python -m` puts the working folder first on sys.path, before PYTHONPATH
    cwd = env.get("PYTHONPATH") or None
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {proc.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


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
    parser.add_argument("--catalogue", type=Path, default=DATA / "catalogue-100k.db")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--results", type=Path)
    parser.add_argument("--peer", type=Path, help="a folder holding a baseline's promo/ package, imported alongside")
    args = parser.parse_args()
    from promo.seeds import build_catalogue

    DATA.mkdir(exist_ok=True)
    source, csv_path = args.catalogue, DATA / f"enterprises-{args.rows}.csv"
    if not source.exists():
        source = DATA / "io-seed.db"
        if not source.exists():
            build_catalogue(source.with_suffix(".tmp"))
            source.with_suffix(".tmp").replace(source)
    if not csv_path.exists():
        make_csv(csv_path, args.rows)
    env = {**os.environ, "PROMO_TODAY": "2026-12-02", "PROMO_LANG": "en"}
    # this tree's promo (the `promo` on PATH may be another checkout's editable install), and the peer's
    env["PYTHONPATH"] = str(HERE.parent)
    promo, sqlite_utils = [sys.executable, "-m", "promo"], str(BIN / "sqlite-utils")
    peer_env = {**env, "PYTHONPATH": str(args.peer)} if args.peer else None
    base = DATA / "io-base.db"  # migrated once here, so no timed run pays for a migration
    shutil.copy(source, base)
    timed([*promo, "--db", str(base), "doctor"], env)
    exported = sqlite3.connect(base).execute("SELECT count(*) FROM enterprises").fetchone()[0]
    cases = ("promo import", "sqlite-utils insert --csv", "executemany floor", "undo of the import", "undo of one add")
    cases += ("peer import",) if args.peer else ()
    wall: dict[str, list[float]] = {c: [] for c in cases}
    cpu: dict[str, list[float]] = {c: [] for c in cases}

    peak: dict[str, list[float]] = {c: [] for c in cases}

    def measure(case: str, argv: list[str], env: dict = env) -> None:
        w, c, kib = timed(argv, env)
        peak[case].append(kib / 1024)
        wall[case].append(w)
        cpu[case].append(c)
        print(f"{case}: {w:.2f} s wall, {c:.2f} s CPU", file=sys.stderr, flush=True)

    db = DATA / "io-run.db"
    for _ in range(args.runs):  # interleaved, each on a fresh copy
        shutil.copy(base, db)
        if args.peer:
            measure("peer import", [*promo, "--db", str(db), "import", "enterprises", str(csv_path)], peer_env)
            shutil.copy(base, db)
        measure("promo import", [*promo, "--db", str(db), "import", "enterprises", str(csv_path)])
        measure("undo of the import", [*promo, "--db", str(db), "undo", "--yes"])
        timed([*promo, "--db", str(db), "enterprises", "add", "基准单条企业有限公司", "--stage", "意向"], env)
        measure("undo of one add", [*promo, "--db", str(db), "undo", "--yes"])
        shutil.copy(base, db)
        measure(
            "sqlite-utils insert --csv", [sqlite_utils, "insert", str(db), "enterprises_raw", str(csv_path), "--csv"]
        )
        shutil.copy(base, db)
        measure("executemany floor", [sys.executable, "-c", FLOOR, str(db), str(csv_path)])
    (DATA / "export.xlsx").unlink(missing_ok=True)  # after the runs: each run's figures are printed as they come
    export_s, export_cpu, export_kib = timed(
        [*promo, "--db", str(base), "export", "enterprises", "-o", str(DATA / "export.xlsx")], env
    )
    print(f"export: {export_s:.2f} s wall, {export_cpu:.2f} s CPU, {export_kib / 1024:.0f} MiB", file=sys.stderr)
    units = sqlite3.connect(base).execute("SELECT count(*) FROM units").fetchone()[0]
    med = {c: statistics.median(v) for c, v in wall.items()}
    med_cpu = {c: statistics.median(v) for c, v in cpu.items()}
    peer = "sqlite-utils insert --csv"
    rows = [
        (
            "promo import",
            "`promo import enterprises FILE.csv` (every row parsed, checked, matched, journaled, indexed)",
        ),
        (peer, "`sqlite-utils insert DB t FILE.csv --csv` (no validation)"),
        ("executemany floor", "bare `csv` + `executemany` floor (no validation)"),
        ("undo of the import", "`promo undo --yes` of that import"),
        ("undo of one add", "`promo undo --yes` of one `enterprises add`"),
    ]
    if args.peer:
        rows.insert(1, ("peer import", f"the same import by the peer, {args.peer}"))
    lines = [
        HEADING,
        "",
        f"Produced by `python benchmarks/io.py --rows {args.rows} --runs {args.runs}` on {time.strftime('%Y-%m-%d')}: "
        "whole processes, interleaved run by run, each on a fresh copy of the catalogue; median and range of wall "
        "time, median CPU time (user + system of the child).",
        "",
        f"- Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}; load average at the end {os.getloadavg()[0]:.1f}",
        f"- Catalogue: {source.name}, {units:,} units, {exported:,} enterprises before the import",
        f"- File: {args.rows:,}-row enterprise CSV ({csv_path.stat().st_size / 2**20:.1f} MiB, UTF-8 with BOM, "
        "Chinese headers)",
        "",
        "| command | median s | min–max s | CPU s | wall × sqlite-utils | CPU × sqlite-utils | peak MiB |",
        "|---|---:|---|---:|---:|---:|---:|",
        *(
            f"| {label} | {_stats(wall[c])} | {med_cpu[c]:.2f} | {med[c] / med[peer]:.2f} | "
            f"{med_cpu[c] / med_cpu[peer]:.2f} | {statistics.median(peak[c]):.0f} |"
            for c, label in rows
        ),
        "",
        f"**promo import ÷ sqlite-utils = {med['promo import'] / med[peer]:.2f}× wall, "
        f"{med_cpu['promo import'] / med_cpu[peer]:.2f}× CPU** (target ≤ 0.25×); "
        f"÷ the executemany floor = {med['promo import'] / med['executemany floor']:.2f}×. "
        f"Undo of one add: {med['undo of one add']:.2f} s (target ≤ 0.2 s).",
        "",
        f"Export of {exported:,} enterprises to .xlsx (openpyxl write-only): {export_s:.2f} s wall, {export_cpu:.2f} s "
        f"CPU, peak memory {export_kib / 1024:.0f} MiB (target < 200 MiB).",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if args.results:
        from results import write_section

        write_section(args.results, HEADING, text)


HEADING = "# Import and export: promo against sqlite-utils"


if __name__ == "__main__":
    main()
