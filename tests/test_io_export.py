"""promo export and template: workbooks Excel opens well, CSV with a BOM, formulas neutralised, and an
export that `promo import all` reads back exactly."""

import datetime as dt
import subprocess
import sys

from openpyxl import load_workbook
from pipeline_helpers import content


def cells(path):
    book = load_workbook(path)
    return {ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()] for ws in book.worksheets}


def test_export_then_import_into_the_same_catalogue_changes_nothing(run, db_path, tmp_path):
    out = tmp_path / "清单.xlsx"
    result = run("export", "-o", out)
    assert result.exit_code == 0, result.output
    assert "chain 40 rows, carriers 10 rows, units 76 rows, platforms 6 rows, policies 11 rows" in result.output
    assert "enterprises 30 rows, targets 9 rows, scenarios 8 rows" in result.output
    before = content(db_path)
    again = run("import", "all", out)
    assert again.exit_code == 0, again.output
    assert "imported 0 of 30 rows (30 unchanged)" in again.output
    assert content(db_path) == before


def test_export_into_an_empty_zone_reproduces_the_lists(run, db_path, tmp_path):
    run("enterprises", "add", '=HYPERLINK("http://x")', "--note", '-1+HYPERLINK("http://x")', "--phone", "0531-1234567")
    assert run("targets", "promote", "示例生化原料企业").exit_code == 0  # a promoted target points at its enterprise
    first = tmp_path / "a.xlsx"
    assert run("export", "-o", first).exit_code == 0
    empty = tmp_path / "empty.db"
    assert run("--db", empty, "init", "--empty", "--zone", "新区").exit_code == 0
    result = run("--db", empty, "import", "all", first)
    assert result.exit_code == 0, result.output
    assert "chain: imported 40 of 40 rows" in result.output and "units: imported 76 of 76 rows" in result.output
    second = tmp_path / "b.xlsx"
    assert run("--db", empty, "export", "-o", second).exit_code == 0
    assert cells(first) == cells(second)  # every sheet, cell for cell: holdings, samples, codes, dates


def test_the_workbook_is_typed_frozen_validated_and_safe(run, tmp_path):
    run(
        "enterprises",
        "add",
        "公式测试",
        "--note",
        "=1+1",
        "--investment",
        "1.2亿",
        "--phone",
        "13800000000",
        "--uscc",
        "91110000600037341L",
        "--date",
        "2026-10-01",
    )
    path = tmp_path / "e.xlsx"
    assert run("export", "enterprises", "-o", path).exit_code == 0
    ws = load_workbook(path)["企业"]
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert header[:3] == ["企业名称", "统一社会信用代码", "英文名称"] and "投资额(万元)" in header
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "公式测试")
    by = dict(zip(header, row, strict=False))
    assert by["统一社会信用代码"].data_type == "s" and by["统一社会信用代码"].number_format == "@"
    assert by["联系电话"].value == "13800000000" and by["联系电话"].data_type == "s"
    assert by["投资额(万元)"].value == 12000 and by["阶段日期"].value == dt.datetime(2026, 10, 1)
    assert by["备注"].value == "'=1+1" and by["备注"].data_type == "s"
    assert any(dv.formula1.startswith('"意向,洽谈,签约') for dv in ws.data_validations.dataValidation)
    sample = next(r for r in ws.iter_rows(min_row=2) if r[-1].value == "是")
    assert sample[0].fill.fgColor.rgb.endswith("FFF2CC")


def test_csv_export_has_a_bom_quotes_codes_and_neutralises_formulas(run, tmp_path):
    run("enterprises", "add", "CSV测试", "--note", '-1+HYPERLINK("http://x")', "--phone", "13800000000", "--jobs", "5")
    path = tmp_path / "e.csv"
    assert run("export", "enterprises", "-o", path, "--lang", "en").exit_code == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("name,credit code,English name")
    line = next(x for x in text.splitlines() if x.startswith("CSV测试"))
    assert "'-1+HYPERLINK" in line and '"13800000000"' in line and ",5," in line


def test_format_csv_gets_a_bom_in_a_file_and_none_in_a_pipe(db_path, tmp_path):
    cmd = [sys.executable, "-m", "promo", "--db", str(db_path), "enterprises", "--format", "csv"]
    with (tmp_path / "out.csv").open("wb") as fh:
        subprocess.run(cmd, stdout=fh, check=True)
    assert (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    piped = subprocess.run(cmd, stdout=subprocess.PIPE, check=True).stdout
    assert piped.startswith(b"id,name")


def test_no_header_means_two_fields_of_one_list():
    from promo.io.headers import header_key
    from promo.io.lists import all_adapters

    for a in all_adapters():
        seen = {}
        for f in a.FIELDS:
            for h in {f.key, f.zh, f.en, *f.aliases}:
                assert seen.setdefault(header_key(h), f.key) == f.key, (a.EN, h)


def test_template_has_headers_example_dropdowns_and_notes(run, db_path, tmp_path):
    path = tmp_path / "模板.xlsx"
    assert run("template", "enterprises", "-o", path).exit_code == 0
    book = load_workbook(path)
    assert book.sheetnames == ["企业", "说明"]
    ws = book["企业"]
    assert ws.max_row == 2 and ws["A2"].value == "济南示例医疗科技有限公司"
    assert ws.data_validations.dataValidation
    notes = [tuple(c.value for c in r) for r in book["说明"].iter_rows(min_row=2, max_row=3)]
    assert notes[0][:3] == ("企业名称", "name", "是")
    before = content(db_path)
    preview = run("import", "enterprises", path, "--dry-run")
    assert preview.exit_code == 0 and "would import 1 of 1" in preview.output
    assert content(db_path) == before


def test_export_refuses_what_it_cannot_write(run, tmp_path):
    assert run("export", "-o", tmp_path / "x.txt").exit_code == 2
    both = run("export", "enterprises", "targets", "-o", tmp_path / "x.csv")
    assert both.exit_code == 2 and "a CSV holds one list" in both.output
    assert run("export", "nosuch", "-o", tmp_path / "x.xlsx").exit_code == 2
    assert run("export", "-o", tmp_path / "no" / "x.xlsx").exit_code == 2
    assert not list(tmp_path.glob("*.xlsx"))


def test_progress_bars_only_on_a_terminal_and_only_for_long_runs(monkeypatch):
    from promo.commands import transfer

    assert transfer._progress(10**6, "enterprises") == (None, None)  # stderr here is not a terminal
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    assert transfer._progress(transfer.PROGRESS_FROM - 1, "enterprises") == (None, None)
