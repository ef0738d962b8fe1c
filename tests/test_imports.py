import json

from pipeline_helpers import content, enterprise, query


def test_chinese_headers_gbk_file_and_units(run, db_path, tmp_path):
    path = tmp_path / "线索.csv"
    text = "企业名称,统一社会信用代码,阶段,日期,投资额(万元),包保责任人,单元,序号\n"
    text += "甲医疗,91110000600037341L,签约,2026年10月5日,1.2亿,张伟,H1-201,1\n乙医疗,,意向,,300,,,2\n"
    path.write_bytes(text.encode("gb18030"))  # as Excel saves CSV on a Chinese system
    result = run("enterprises", "import", path, "--owner", "李娜")
    assert result.exit_code == 0, result.output
    assert "序号" not in result.output  # a row-number column is expected, not a column to complain about
    a, b = enterprise(db_path, "甲医疗"), enterprise(db_path, "乙医疗")
    assert (a["stage_date"], a["investment_wan"], a["owner"]) == ("2026-10-05", 12000, "张伟")
    assert a["uscc"] == "91110000600037341L"
    assert (b["stage"], b["owner"], b["stage_date"]) == ("意向", "李娜", "2026-11-23")
    assert query(db_path, "SELECT enterprise_id FROM units WHERE code = 'H1-201'") == [(a["id"],)]


def test_json_import(run, db_path, tmp_path):
    path = tmp_path / "leads.json"
    path.write_text(json.dumps([{"name": "丙医疗", "investment": 800, "units": ["A1-402"]}], ensure_ascii=False))
    assert run("enterprises", "import", path).exit_code == 0
    assert enterprise(db_path, "丙医疗")["investment_wan"] == 800


def test_one_bad_row_stops_the_whole_import_listing_every_problem(run, db_path, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "name,investment,stage,unit\n好企业,100,意向,\n负数,-5,意向,\n怪阶段,1,foo,\n占用,1,签约,A1-101\n好企业,2,意向,\n",
        encoding="utf-8",
    )
    before = content(db_path)
    result = run("enterprises", "import", path)
    assert result.exit_code == 1
    assert "nothing was imported: 4 of 5 rows" in result.output
    assert "line 3, investment -5" in result.output and "line 4, stage foo" in result.output
    assert "line 5, unit A1-101" in result.output and "not vacant" in result.output
    repeated = "line 6: 好企业: repeats line 2 (same folded name); differs in investment (10k CNY): 100 vs 2"
    assert repeated in result.output
    assert content(db_path) == before


def test_existing_enterprises_are_matched_and_claims_shown(run, db_path, tmp_path):
    run("enterprises", "add", "已有企业", "--owner", "张伟", "--date", "2026-10-01")
    path = tmp_path / "dup.csv"
    path.write_text("名称,负责人\n已有企业,李娜\n樹蘭(濟南)醫院,李娜\n新企业,李娜\n", encoding="utf-8")
    result = run("enterprises", "import", path)
    assert result.exit_code == 0, result.output
    assert "imported 1 of 3" in result.stdout
    assert "首报首谈 (first-report claim): 张伟 holds the claim on 已有企业 since 2026-10-01" in result.output
    assert "matches 树兰(济南)医院 (the same name after folding traditional/simplified script)" in result.output
    assert enterprise(db_path, "已有企业")["owner"] == "张伟"


def test_dry_run_writes_nothing(run, db_path, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("name\n预演企业\n", encoding="utf-8")
    before = content(db_path)
    result = run("enterprises", "import", path, "--dry-run")
    assert result.exit_code == 0 and "would import 1 of 1" in result.stdout
    assert content(db_path) == before


def test_unreadable_files(run, tmp_path):
    assert run("enterprises", "import", tmp_path / "none.csv").exit_code == 2
    (tmp_path / "x.xlsx").write_bytes(b"PK")
    result = run("enterprises", "import", tmp_path / "x.xlsx")
    assert result.exit_code == 2 and "is named .xlsx but is not an Excel workbook" in result.output
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    assert "save it as .xlsx or CSV" in run("enterprises", "import", tmp_path / "old.xls").output
    (tmp_path / "noname.csv").write_text("投资额\n100\n", encoding="utf-8")
    assert "has no column for name (企业名称)" in run("enterprises", "import", tmp_path / "noname.csv").output
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    assert run("enterprises", "import", tmp_path / "bad.json").exit_code == 2


def test_excel_workbook_imports_as_typed(run, conn, tmp_path):
    """An .xlsx as an officer fills it in: Chinese headers, numbers and dates as Excel stores them."""
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append([])  # a blank first row, as sheets often have
    sheet.append(["企业名称", "阶段", "日期", "投资额(万元)", "包保责任人", "联系电话"])
    sheet.append(["济南表格导入医疗有限公司", "签约", dt.datetime(2026, 11, 2), 3000.0, "李娜", 13800000000])
    sheet.append(["表格导入第二有限公司", "洽谈", "2026年10月8日", "1.2亿", "李娜", None])
    path = tmp_path / "线索.xlsx"
    book.save(path)
    result = run("enterprises", "import", path)
    assert result.exit_code == 0, result.output
    first = conn.execute(
        "SELECT stage, stage_date, investment_wan, owner, phone FROM enterprises WHERE name = ?",
        ("济南表格导入医疗有限公司",),
    ).fetchone()
    assert tuple(first) == ("签约", "2026-11-02", 3000, "李娜", "13800000000")
    second = conn.execute("SELECT investment_wan FROM enterprises WHERE name = '表格导入第二有限公司'").fetchone()
    assert second[0] == 12000


def test_excel_workbook_with_a_bad_row_writes_nothing(run, db_path, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["企业名称", "阶段", "投资额(万元)"])
    book.active.append(["好的企业有限公司", "签约", 100])
    book.active.append(["坏的企业有限公司", "签约", -5])
    path = tmp_path / "bad.xlsx"
    book.save(path)
    before = content(db_path)
    result = run("enterprises", "import", path)
    assert result.exit_code != 0 and "3" in result.output
    assert content(db_path) == before


def test_title_rows_above_the_header_are_skipped(run, conn, tmp_path):
    """Government sheets put a title and a note above the header row; the header is found below them."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["说明：招商线索表（2026年11月）"])
    book.active.append(["填表人：李娜"])
    book.active.append(["企业名称", "阶段", "投资额(万元)"])
    book.active.append(["标题行下的企业有限公司", "签约", 800])
    book.save(tmp_path / "t.xlsx")
    (tmp_path / "t.csv").write_text("招商线索表,,\n企业名称,阶段,投资额(万元)\n标题行下的第二企业有限公司,签约,900\n")
    assert run("enterprises", "import", tmp_path / "t.xlsx").exit_code == 0
    assert run("enterprises", "import", tmp_path / "t.csv").exit_code == 0
    found = conn.execute(
        "SELECT name, investment_wan FROM enterprises WHERE name LIKE '标题行下%' ORDER BY investment_wan"
    ).fetchall()
    assert [tuple(r) for r in found] == [("标题行下的企业有限公司", 800), ("标题行下的第二企业有限公司", 900)]
