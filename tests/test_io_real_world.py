"""Files as offices really send them, built here from code: a WPS-saved workbook (Chinese built-in date format,
no cell references, a one-cell dimension), a header on row 5 under a title with a frozen pane and an autofilter,
dates typed as text in several styles and as Excel serials, amounts in 万/亿 with separators, credit codes
damaged by Excel, merged cells down the data, CSV with CRLF and a trailing empty column, UTF-16 "Unicode text",
old binary .xls/.et, and a rejects file corrected and imported again."""

import datetime as dt
import re
import sqlite3
import zipfile

from openpyxl import Workbook, load_workbook
from pipeline_helpers import content


def _enterprises(db_path, like="%测试%"):
    with sqlite3.connect(db_path) as c:
        return c.execute(
            "SELECT name, investment_wan, stage_date FROM enterprises WHERE name LIKE ? ORDER BY id", (like,)
        ).fetchall()


def wps_workbook(path):
    """What WPS writes: dates styled with the Chinese built-in format 31 (yyyy"年"m"月"d"日", not declared in the
    styles), cells without references, a dimension of A1, and its own custom properties."""
    book = Workbook()
    ws = book.active
    ws.append(["企业名称", "签约日期", "投资额(万元)", "阶段"])
    ws.append(["WPS测试医疗", dt.datetime(2026, 6, 30), 1200, "签约"])
    ws.append(["WPS测试器械", dt.datetime(2026, 5, 1), "1.2亿", "签约"])
    ws["B2"].number_format = ws["B3"].number_format = "yyyy-mm-dd"
    plain = path.with_suffix(".plain.xlsx")
    book.save(plain)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename).decode("utf-8")
            if item.filename == "xl/styles.xml":
                data = re.sub(r"<numFmts.*?</numFmts>", "", data, flags=re.S)
                data = re.sub(r'numFmtId="(?!0")\d+"', 'numFmtId="31"', data)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1"/>', data)
                data = re.sub(r' r="[A-Z]+\d+"', "", data)
            out.writestr(item, data)
        out.writestr("docProps/custom.xml", '<Properties><property name="KSOProductBuildVer"/></Properties>')
    return path


def test_a_workbook_saved_by_wps(run, db_path, tmp_path):
    path = wps_workbook(tmp_path / "WPS.xlsx")
    result = run("import", "enterprises", path, "--owner", "张伟")
    assert result.exit_code == 0, result.output
    assert "Excel date serial" not in result.output  # the format is known as a date, not guessed
    assert _enterprises(db_path) == [("WPS测试医疗", 1200.0, "2026-06-30"), ("WPS测试器械", 12000.0, "2026-05-01")]
    # the same workbook under WPS's own .et name, and an old binary workbook under either name
    et = tmp_path / "签约.et"
    et.write_bytes(path.read_bytes())
    assert "(2 unchanged)" in run("import", "enterprises", et, "--dry-run").output
    for name in ("旧表.xls", "旧表.et"):
        old = tmp_path / name
        old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
        refused = run("import", "enterprises", old)
        assert refused.exit_code == 2
        assert "is an old-format (.xls/.et) workbook" in refused.output
        assert "另存为 → Excel 工作簿 (*.xlsx)" in refused.output


def summary_sheet(path):
    """A 汇总表: title and notes above a header on row 5, frozen pane and autofilter, 行业 merged down its
    enterprises, dates and amounts as people type them, codes Excel has damaged."""
    book = Workbook()
    ws = book.active
    ws.title = "签约项目"
    ws.append(["2026年签约项目汇总表"])
    ws.append(["填报单位：招商一部"])
    ws.append([])
    ws.append(["单位：万元"])
    ws.append(["序号", "企业名称", "统一社会信用代码", "所属行业", "签约日期", "投资额（万元）", "阶段"])
    rows = [
        [1, "测试甲", None, "高端医疗器械", "2026.6.30", "1,200", "签约"],
        [2, "测试乙", "9.13701E+17", None, "2026年6月30日", "1.2亿", "签约"],
        [3, "测试丙", 913701000000000000, None, "6/30/2026", "3万", "签约"],
        [4, "测试丁", None, "新一代生物技术", 46203, "１，５００", "签约"],
        [5, "测试戊", None, None, "46204", "2,000.5", "签约"],
        [6, "测试己", None, None, "30/6/2026", "500万元", "签约"],
        [7, "测试庚", None, None, "6/7/2026", "500", "签约"],
    ]
    for r in rows:
        ws.append(r)
    ws.merge_cells("D6:D8")
    ws.merge_cells("D9:D12")
    ws.freeze_panes = "C6"
    ws.auto_filter.ref = "A5:G12"
    book.save(path)
    return path


def test_a_summary_sheet_with_its_header_on_row_5(run, db_path, tmp_path):
    path = summary_sheet(tmp_path / "汇总表.xlsx")
    before = content(db_path)
    refused = run("import", "enterprises", path, "--owner", "张伟")
    assert refused.exit_code == 1 and content(db_path) == before
    out = refused.output
    assert "line 7, 统一社会信用代码 9.13701E+17: is a number in scientific notation" in out
    assert "line 8, 统一社会信用代码 9.13701e+17: is stored as a number" in out
    assert "line 12, 签约日期 6/7/2026: could be 2026-06-07 or 2026-07-06" in out
    assert "line 9, 签约日期: 46203 read as an Excel date serial number, 2026-06-30" in out

    rejects = tmp_path / "退回.xlsx"
    done = run("import", "enterprises", path, "--owner", "张伟", "--skip-invalid", "--rejects", rejects)
    assert done.exit_code == 0, done.output
    assert "enterprises: imported 4 of 7 rows (4 new, 3 rejected)" in done.output
    assert _enterprises(db_path, "测试%") == [
        ("测试甲", 1200.0, "2026-06-30"),
        ("测试丁", 1500.0, "2026-06-30"),
        ("测试戊", 2000.5, "2026-07-01"),
        ("测试己", 500.0, "2026-06-30"),
    ]
    with sqlite3.connect(db_path) as c:
        industries = dict(c.execute(
            "SELECT e.name, i.name FROM enterprises e JOIN industries i ON i.id = e.industry_id "
            "WHERE e.name LIKE '测试%'"
        ).fetchall())  # fmt: skip
    assert industries == {"测试甲": "高端医疗器械", "测试丁": "新一代生物技术", "测试戊": "新一代生物技术",
                          "测试己": "新一代生物技术"}  # fmt: skip

    # the office types the codes again as text and writes the date year first, then imports the rejects file
    book = load_workbook(rejects)
    ws = book.active
    assert [c.value for c in ws[1]][-1] == "原因"
    assert [r[1] for r in ws.iter_rows(min_row=2, values_only=True)] == ["测试乙", "测试丙", "测试庚"]
    assert ws["D2"].value == "高端医疗器械"  # the merged industry travels with each rejected row
    ws["C2"], ws["C3"], ws["E4"] = "91370100MA3C5XYL0M", None, "2026-07-06"
    book.save(rejects)
    again = run("import", "enterprises", rejects, "--owner", "张伟")
    assert again.exit_code == 0, again.output
    assert "imported 3 of 3 rows (3 new)" in again.output
    assert ("测试乙", 12000.0, "2026-06-30") in _enterprises(db_path, "测试%")
    assert ("测试庚", 500.0, "2026-07-06") in _enterprises(db_path, "测试%")


def test_csv_with_crlf_a_trailing_empty_column_and_unicode_text(run, db_path, tmp_path):
    crlf = tmp_path / "签约.csv"
    crlf.write_bytes(
        '企业名称,阶段,签约日期,投资额(万元),\r\n测试CRLF,签约,2026-06-30,"1,200",\r\n,,,,\r\n'.encode("gbk")
    )
    result = run("import", "enterprises", crlf, "--owner", "张伟")
    assert result.exit_code == 0, result.output
    assert "not understood" not in result.output  # an empty header is no column
    unicode_text = tmp_path / "签约.txt"
    unicode_text.write_bytes(
        "企业名称\t阶段\t签约日期\t投资额（亿元）\r\n测试UTF16\t签约\t2026/6/30\t1.5\r\n".encode("utf-16")
    )
    result = run("import", "enterprises", unicode_text, "--owner", "张伟")
    assert result.exit_code == 0, result.output
    assert _enterprises(db_path, "测试%") == [("测试CRLF", 1200.0, "2026-06-30"), ("测试UTF16", 15000.0, "2026-06-30")]


def test_dates_typed_day_first_or_month_first_on_the_command_line_too(run):
    assert run("enterprises", "add", "测试日期", "--date", "6/30/2026").exit_code == 0
    refused = run("enterprises", "add", "测试日期二", "--date", "6/7/2026")
    assert refused.exit_code == 2 and "could be 2026-06-07 or 2026-07-06" in refused.output
    assert "no such day in the calendar" in run("enterprises", "add", "测试日期三", "--date", "31/2/2026").output
