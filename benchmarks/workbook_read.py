"""Benchmark: reading a large government-style workbook (title row, two-level merged header, hidden rows and a
hidden column) — peak memory and time of promo's streamed reader against openpyxl loading it whole.

    python benchmarks/workbook_read.py [--rows 300000]

Each reader runs in its own process; peak memory is the child's maximum resident set (wait4). The workbook is
generated under benchmarks/data/ (git-ignored) with openpyxl's write-only mode, then its sheet XML is given the
merged ranges and hidden rows that write-only mode cannot write.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"

PROMO = """
import sys
from promo.io.read import open_sheets
from promo.io.headers import find_table
from promo.io.lists import adapter
with open_sheets(sys.argv[1]) as sheets:
    table = find_table(sheets[0], adapter("enterprises").FIELDS)
    print(sum(1 for _ in table.records), "|", "; ".join(table.notes))
"""
WHOLE = """
import sys, warnings
from openpyxl import load_workbook
warnings.simplefilter("ignore")
ws = load_workbook(sys.argv[1], data_only=True).worksheets[0]
print(ws.max_row, "|", len(ws.merged_cells.ranges), "merged")
"""


def make_workbook(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    ws = book.create_sheet("2026年签约项目")
    ws.append(["济南国际医学中心2026年签约项目台账"])
    ws.append(["序号", "企业名称", "阶段", "投资额(万元)", "联系人", None, "内部备注"])
    ws.append([None, None, None, None, "姓名", "电话", None])
    for i in range(rows):
        ws.append(
            [
                i + 1,
                f"基准企业{i:07d}有限公司",
                "签约",
                100 + i % 900,
                f"联系人{i % 97}",
                f"1380000{i % 10000:04d}",
                "x",
            ]
        )
    tmp = path.with_suffix(".tmp")
    book.save(tmp)
    merges = '<mergeCells count="7"><mergeCell ref="A1:G1"/><mergeCell ref="E2:F2"/>' + "".join(
        f'<mergeCell ref="{c}2:{c}3"/>' for c in "ABCDG"
    )
    with zipfile.ZipFile(tmp) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<row r="(\d*7)"', rb'<row r="\1" hidden="1"', data)  # every row ending in 7
                data = data.replace(b"<sheetData>", b'<cols><col min="7" max="7" hidden="1"/></cols><sheetData>')
                data = data.replace(b"</sheetData>", b"</sheetData>" + merges.encode() + b"</mergeCells>")
            out.writestr(item, data)
    tmp.unlink()


def measure(code: str, path: Path) -> tuple[float, int, str]:
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    out = proc.stdout.read().strip()
    if status:
        raise SystemExit(f"reader failed: {out}")
    return time.perf_counter() - started, usage.ru_maxrss, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=300_000)
    args = ap.parse_args()
    DATA.mkdir(exist_ok=True)
    path = DATA / f"gov-{args.rows}.xlsx"
    if not path.exists():
        make_workbook(path, args.rows)
    print(f"workbook: {args.rows:,} rows, {path.stat().st_size / 2**20:.1f} MB")
    for name, code in (("promo (streamed, layout from XML)", PROMO), ("openpyxl whole workbook", WHOLE)):
        seconds, kib, out = measure(code, path)
        print(f"| {name} | {seconds:.1f} s | {kib / 1024:.0f} MiB | {out[:120]} |")


if __name__ == "__main__":
    main()
