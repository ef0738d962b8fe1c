"""Imports read a sheet's rows as they write them: only the first rows (where the header is) are held when the
file is opened, so a 100,000-row workbook imports in the memory of a small one (benchmarks/import_memory.py)."""

import types

from openpyxl import Workbook
from pipeline_helpers import content

from promo.io.headers import find_table
from promo.io.lists import adapter
from promo.io.read import open_sheets
from promo.io.sheet import HEAD


def _rows_read(sheet_rows, counter):
    for row in sheet_rows:
        counter["read"] += 1
        yield row


def test_a_sheet_holds_only_its_head_until_the_rows_are_asked_for(tmp_path):
    for name in ("big.csv", "big.xlsx"):
        path = tmp_path / name
        header = ["企业名称", "阶段", "投资额(万元)"]
        if name.endswith(".csv"):
            path.write_text("\n".join([",".join(header)] + [f"流式企业{i},意向,{i}" for i in range(3000)]))
        else:
            book = Workbook(write_only=True)
            ws = book.create_sheet("企业")
            ws.append(header)
            for i in range(3000):
                ws.append([f"流式企业{i}", "意向", i])
            book.save(path)
        with open_sheets(path) as sheets:
            sheet = sheets[0]
            assert len(sheet.head) == HEAD
            counter = {"read": 0}
            sheet._rows = _rows_read(sheet._rows, counter)
            table = find_table(sheet, adapter("enterprises").FIELDS)
            assert isinstance(table.records, types.GeneratorType) and counter["read"] == 0
            first = [next(table.records) for _ in range(100)]
            assert counter["read"] < 100  # the head, then only what was asked for
            assert first[0][1]["name"] == "流式企业0" and first[-1][1]["name"] == "流式企业99"
            assert sum(1 for _ in table.records) == 2900 and counter["read"] == 3000 - HEAD + 1


def test_a_csv_broken_far_down_is_refused_by_its_line_and_nothing_is_written(run, db_path, tmp_path):
    """A row past the head that the CSV reader cannot read stops the import there, rolled back whole."""
    path = tmp_path / "broken.csv"
    rows = [f"流式企业{i},意向" for i in range(200)]
    rows[150] = "流式企业150," + "x" * 2_000_000  # past the CSV field limit (1 MiB)
    path.write_text("企业名称,阶段\n" + "\n".join(rows) + "\n", encoding="utf-8")
    before = content(db_path)
    result = run("import", "enterprises", path, "--owner", "张伟")
    assert result.exit_code == 2 and content(db_path) == before
    assert "line 152: not readable as CSV (field larger than field limit" in result.output


def test_notes_found_while_streaming_reach_the_report(run, db_path, tmp_path):
    """Hidden rows are known only once the sheet has been read: they are still noted."""
    book = Workbook()
    ws = book.active
    ws.append(["企业名称", "阶段"])
    for i in range(100):
        ws.append([f"流式企业{i}", "意向"])
    ws.row_dimensions[90].hidden = True
    path = tmp_path / "hidden.xlsx"
    book.save(path)
    result = run("import", "enterprises", path, "--owner", "张伟", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "rows hidden in Excel were skipped: 90" in result.output
    assert "would import 99 of 99 rows" in result.output
