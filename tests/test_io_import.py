"""promo import with the files offices really have: government-style workbooks, every encoding Excel
writes, Excel's damage, duplicates and conflicts, --skip-invalid with a rejects file, update on import."""

import datetime as dt
import re

import pytest
from pipeline_helpers import content, enterprise

GOOD = "91110000600037341L"  # a code whose check character and organisation code are both right


def gov_workbook(path):
    """A 台账 as a committee keeps it: title, two-level merged header, 序号, hidden row and column, 合计, 注."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "2026年签约项目"
    ws.append(["济南国际医学中心2026年签约项目台账"])
    ws.merge_cells("A1:H1")
    ws.append(["序号", "企业名称", "统一社会信用代码", "签约日期", "投资额（万元）", "联系人", None, "内部备注"])
    ws.append([None, None, None, None, None, "姓名", "电话", None])
    ws.merge_cells("F2:G2")
    for col in "ABCDEH":
        ws.merge_cells(f"{col}2:{col}3")
    ws.append([1, "甲影像科技有限公司", GOOD, dt.datetime(2026, 3, 5), 1200, "王经理", 13800000000, "x"])
    ws.append([2, "乙医疗器械有限公司", 9.13701e17, dt.datetime(2026, 4, 1), 800, "待定", None, "x"])
    ws.append([3, "隐藏行企业", None, None, 1, None, None, None])
    ws.row_dimensions[6].hidden = True
    ws.append([4, "丙诊断有限公司", None, "2026/5/6", "=E4*2", "/", None, "x"])
    ws.append(["合计", None, None, None, "=SUM(E4:E7)", None, None, None])
    ws.append(["注：投资额为协议投资额。"])
    ws.column_dimensions["H"].hidden = True
    book.create_sheet("说明").append(["本表由招商部填报"])
    book.save(path)
    return path


def test_a_government_workbook_is_read_as_its_office_means_it(run, db_path, tmp_path):
    path = gov_workbook(tmp_path / "台账.xlsx")
    result = run("import", "enterprises", path, "--dry-run")
    out = result.output
    assert result.exit_code == 1
    # the number-typed code is explained, not "fixed"; the formula never calculated is named as such
    assert "line 5, 统一社会信用代码 9.13701e+17: is stored as a number" in out
    assert "set the column's format to 文本" in out
    assert "line 7, 投资额（万元） =E4*2: is a formula that was never calculated" in out
    assert "合计/小计 rows skipped: line 8" in out and "notes below the data skipped: line 9" in out
    assert "rows hidden in Excel were skipped: 6" in out and "columns hidden in Excel were skipped: H" in out
    assert "line 5, 联系人/姓名: '待定' read as empty" in out and "line 7, 联系人/姓名: '/' read as empty" in out
    assert "序号" not in out and "隐藏行企业" not in out and "内部备注" not in out
    assert "2 of 3 rows have problems" in out and "name is empty" not in out

    done = run("import", "enterprises", path, "--skip-invalid")
    assert done.exit_code == 0, done.output
    a = enterprise(db_path, "甲影像科技有限公司")
    assert (a["uscc"], a["stage_date"], a["investment_wan"], a["contact"], a["phone"]) == (
        GOOD,
        "2026-03-05",
        1200,
        "王经理",
        "13800000000",
    )
    assert enterprise(db_path, "乙医疗器械有限公司") is None


@pytest.mark.parametrize(
    "encoding, delimiter", [("gb18030", ","), ("utf-8-sig", ","), ("utf-8", ";"), ("utf-16", "\t")]
)
def test_every_encoding_excel_saves_is_detected(run, db_path, tmp_path, encoding, delimiter):
    rows = ["企业名称", "所属行业", "签约时间", "总投资(亿元)", "手机"]
    body = ["編碼測試醫療（濟南）有限公司", "高端医疗器械", "2026年3月5日", "1.2", "138 0000 0000"]
    path = tmp_path / "leads.csv"
    path.write_bytes((delimiter.join(rows) + "\r\n" + delimiter.join(body) + "\r\n").encode(encoding))
    result = run("import", "enterprises", path)
    assert result.exit_code == 0, result.output
    e = enterprise(db_path, "編碼測試醫療（濟南）有限公司")
    assert (e["investment_wan"], e["stage_date"], e["phone"]) == (12000, "2026-03-05", "138 0000 0000")


def test_skip_invalid_writes_the_rest_to_a_rejects_file_that_imports_once_fixed(run, db_path, tmp_path):
    path = tmp_path / "线索.csv"
    text = '企业名称,统一社会信用代码,阶段,备注\n好企业甲,,意向,"第一行\n第二行"\n坏阶段企业,,未知阶段,\n'
    text += "校验位错企业,91110000600037341X,意向,\n好企业乙,,洽谈,\n"
    path.write_bytes(text.encode("gb18030"))
    result = run("import", "enterprises", path, "--skip-invalid", "--rejects", tmp_path / "退回.csv")
    assert result.exit_code == 0, result.output
    assert enterprise(db_path, "好企业甲")["note"] == "第一行\n第二行"  # a newline inside a cell is kept
    # rows are counted by the line they start on, after the two-line cell
    assert re.search(r"\b4\s+rejected\s+坏阶段企业", result.output) and re.search(
        r"\b5\s+rejected\s+校验位错企业", result.output
    )
    assert "does not match" in result.output and "91110000600037341L" not in result.output
    rejects = (tmp_path / "退回.csv").read_bytes().decode("gb18030")
    lines = rejects.splitlines()
    assert lines[0] == "企业名称,统一社会信用代码,阶段,备注,原因"
    assert lines[1].startswith("坏阶段企业,,未知阶段,,") and lines[2].startswith(
        "校验位错企业,91110000600037341X,意向,,"
    )
    fixed = rejects.replace("未知阶段", "意向").replace("91110000600037341X", GOOD)
    (tmp_path / "退回.csv").write_bytes(fixed.encode("gb18030"))
    again = run("import", "enterprises", tmp_path / "退回.csv")
    assert again.exit_code == 0, again.output
    assert enterprise(db_path, "校验位错企业")["uscc"] == GOOD


def test_dry_run_shows_changes_and_update_applies_them(run, db_path, tmp_path):
    run("enterprises", "add", "更新测试有限公司", "--investment", "500", "--uscc", GOOD, "--date", "2026-10-01")
    path = tmp_path / "u.csv"
    path.write_text(
        "企业名称,统一社会信用代码,投资额(万元),阶段\n"
        "更新测试有限公司, 9111 0000 6000 3734 1l ,800,注册\n新来企业,,1,意向\n",
        encoding="utf-8",
    )
    preview = run("import", "enterprises", path, "--dry-run")
    assert preview.exit_code == 0, preview.output
    assert "investment 500 → 800 (10k CNY); stage signed → registered" in preview.output
    assert re.search(r"\b3\s+new\s+新来企业", preview.output)
    assert "would import 1 of 2 rows (1 new, 1 not updated)" in preview.output
    assert "stored as 91110000600037341L (spaces, width or case normalised)" in preview.output
    kept = run("import", "enterprises", path)
    assert (
        "not applied: use --update" in kept.output and enterprise(db_path, "更新测试有限公司")["investment_wan"] == 500
    )
    before = content(db_path)
    applied = run("import", "enterprises", path, "--update")
    assert applied.exit_code == 0, applied.output
    e = enterprise(db_path, "更新测试有限公司")
    assert (e["investment_wan"], e["stage"]) == (800, "注册")
    assert run("undo", "--yes").exit_code == 0 and content(db_path) == before


def test_duplicates_and_conflicts_are_all_reported_at_once(run, db_path, tmp_path):
    run("enterprises", "add", "已登记企业", "--uscc", GOOD, "--date", "2026-10-01")
    path = tmp_path / "d.csv"
    path.write_text(
        "企业名称,统一社会信用代码,投资额\n"
        "另一个名字,91110000600037341L,1\n"  # the catalogue's code under another name: a conflict
        "同名企业,,100\n同名 企业,,200\n"  # the same firm twice in the file, amounts differ
        "甲,91370100MA3C5T8N5L,1\n乙,91370100MA3C5T8N5L,1\n"  # one code, two names in the file
        "坏,abc,1\n",
        encoding="utf-8",
    )
    before = content(db_path)
    result = run("import", "enterprises", path)
    assert result.exit_code == 1
    out = result.output
    assert "conflict: credit code 91110000600037341L belongs to 已登记企业 in the catalogue" in out
    assert "line 4: 同名 企业: repeats line 3 (same folded name); differs in investment (10k CNY): 100 vs 200" in out
    assert "conflict: credit code 91370100MA3C5T8N5L is also on line 5 for 甲" in out
    assert "line 7, 统一社会信用代码 abc" in out and "4 of 6 rows" in out
    assert content(db_path) == before


def test_header_aliases_map_and_unknown_columns(run, db_path, tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("单位名称,企业联系人姓名,奇怪的列\n映射测试有限公司,赵六,x\n", encoding="utf-8")
    result = run("import", "enterprises", path, "--map", "企业联系人姓名=contact")
    assert result.exit_code == 0, result.output
    assert "columns not understood, ignored: 奇怪的列" in result.output
    assert enterprise(db_path, "映射测试有限公司")["contact"] == "赵六"
    bad = run("import", "enterprises", path, "--map", "奇怪的列=nosuch")
    assert bad.exit_code == 2 and "'nosuch' is not a field of this list" in bad.output


def test_bad_files_are_refused_and_nothing_is_written(run, db_path, tmp_path, monkeypatch):
    before = content(db_path)
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "renamed.csv").write_bytes(b"PK\x03\x04rest")
    (tmp_path / "locked.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"))
    (tmp_path / "nohead.csv").write_text("甲,乙\n1,2\n", encoding="utf-8")
    (tmp_path / "big.csv").write_text("企业名称\n" + "某企业\n" * 50, encoding="utf-8")
    cases = {
        "empty.csv": "is empty (0 bytes)",
        "renamed.csv": "is a zip or Excel workbook",
        "locked.xlsx": "password-protected",
        "nohead.csv": "has no column promo knows",
        "big.csv": "promo imports files up to",
    }
    monkeypatch.setattr("promo.io.read.MAX_BYTES", 100)
    for name, message in cases.items():
        result = run("import", "enterprises", tmp_path / name)
        assert result.exit_code == 2 and message in result.output, (name, result.output)
        assert "Traceback" not in result.output
    gov_workbook(tmp_path / "g.xlsx")
    monkeypatch.setattr("promo.io.read.MAX_BYTES", 10**8)
    missing = run("import", "enterprises", tmp_path / "g.xlsx", "--sheet", "没有这页")
    assert missing.exit_code == 2 and "no such sheet; the file has: 2026年签约项目, 说明" in missing.output
    assert run("import", "nosuchlist", tmp_path / "g.xlsx").exit_code == 2
    assert content(db_path) == before


def test_scientific_notation_and_zeroed_codes_are_explained(run, tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("企业名称,统一社会信用代码\n科学计数,9.13701E+17\n末尾归零,913701000000000000\n", encoding="utf-8")
    out = run("import", "enterprises", path).output
    assert "scientific notation" in out and "its last digits were lost" in out


def test_targets_and_scenarios_import(run, db_path, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(
        "目标企业,环节,优先级,招引理由\n新目标股份有限公司,核心部件,高,头部企业\n坏目标,不存在环节,高,\n",
        encoding="utf-8",
    )
    result = run("import", "targets", path, "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert "不存在环节" in result.output
    assert "新目标股份有限公司" in run("targets", "--format", "csv").output
    s = tmp_path / "s.csv"
    s.write_text("场景名称,发布单位,状态,截止日期\n导入场景,某医院,征集中,2027-01-01\n", encoding="utf-8")
    assert run("import", "scenarios", s).exit_code == 0
    assert "导入场景" in run("scenarios").output


def test_rejects_of_a_workbook_are_a_workbook_and_markup_is_flagged(run, db_path, tmp_path):
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    ws = book.active
    ws.append(["企业名称", "阶段", "联系电话"])
    ws.append(["<b>标记</b>企业", "意向", 13800000000])
    ws.append(["坏企业\u200b", "第九阶段", None])
    book.save(tmp_path / "in.xlsx")
    result = run("import", "enterprises", tmp_path / "in.xlsx", "--skip-invalid", "--rejects", tmp_path / "out.xlsx")
    assert result.exit_code == 0, result.output
    assert "contains markup (<b>); kept as written" in result.output
    assert "invisible or control characters removed" in result.output
    assert enterprise(db_path, "<b>标记</b>企业")["phone"] == "13800000000"
    rows = [tuple(c.value for c in r) for r in load_workbook(tmp_path / "out.xlsx").active.iter_rows()]
    assert rows[0] == ("企业名称", "阶段", "联系电话", "原因")
    assert rows[1][:2] == ("坏企业\u200b", "第九阶段") and "阶段 第九阶段: not a stage" in rows[1][3]


def test_json_rejects_and_undo_of_an_import(run, db_path, tmp_path):
    import json

    before = content(db_path)
    (tmp_path / "in.json").write_text(
        json.dumps([{"name": "JSON企业", "stage": "意向"}, {"name": "JSON坏", "jobs": "x"}], ensure_ascii=False),
        encoding="utf-8",
    )
    result = run("import", "enterprises", tmp_path / "in.json", "--skip-invalid", "--rejects", tmp_path / "r.json")
    assert result.exit_code == 0, result.output
    rejected = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert rejected[0]["name"] == "JSON坏" and "jobs x" in rejected[0]["原因"]
    assert run("undo", "--yes").exit_code == 0 and content(db_path) == before


def test_resource_and_rule_lists_import_through_their_writers(run, db_path, tmp_path):
    (tmp_path / "u.csv").write_text(
        "载体,房号,建筑面积,租金单价,出租状态,配套设施\n精准医学产业园,Z9-101,800平米,1.2,空置,GMP洁净车间\n"
        "精准医学产业园,Z9-102,-5,1,空置,\n不存在园区,Z9-103,100,1,空置,\n",
        encoding="gb18030",
    )
    result = run("import", "units", tmp_path / "u.csv", "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert "no carrier named '不存在园区'" in result.output and "Z9-102" in result.output
    assert "Z9-101" in run("vacancies", "--format", "csv").output
    (tmp_path / "p.csv").write_text(
        "政策名称,发布单位,级别,上限(万元),适用产业\n导入政策,管委会,园区,100,高端医疗器械\n", encoding="utf-8"
    )
    assert run("import", "policies", tmp_path / "p.csv").exit_code == 0
    assert "导入政策" in run("policies", "--format", "json").output  # (--format csv fails on main itself)
    (tmp_path / "c.csv").write_text("名称,度量,门槛值\n导入门槛,固定资产投资强度,300\n", encoding="utf-8")
    assert run("import", "criteria", tmp_path / "c.csv").exit_code == 0
    (tmp_path / "k.csv").write_text("载体名称,类型,地址\n导入园区,产业园,济南\n", encoding="utf-8")
    assert run("import", "carriers", tmp_path / "k.csv").exit_code == 0
    changed = tmp_path / "k2.csv"
    changed.write_text("载体名称,地址\n导入园区,济南市槐荫区\n", encoding="utf-8")
    preview = run("import", "carriers", changed, "--dry-run")
    assert "address 济南 → 济南市槐荫区" in preview.output


def _with_dimension(path, ref: str) -> None:
    """Rewrite the workbook's <dimension> as some programs write it (wrong), keeping everything else."""
    import zipfile

    src = path.read_bytes()
    with zipfile.ZipFile(path.with_suffix(".in"), "w") as out, zipfile.ZipFile(__import__("io").BytesIO(src)) as zin:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>'.encode(), data)
            out.writestr(item, data)
    path.with_suffix(".in").replace(path)


def test_layout_deep_in_a_streamed_workbook_with_a_wrong_dimension(run, db_path, tmp_path):
    """Every workbook is streamed; merged ranges and hidden rows and columns come from the sheet's XML at any
    depth, and a <dimension> of A1 (as some generators write) does not cut the rows or columns short."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["2026年线索台账"])
    ws.merge_cells("A1:D1")
    ws.append(["企业名称", "阶段", "联系人", None])
    ws.append([None, None, "姓名", "电话"])
    ws.merge_cells("C2:D2")
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    for i in range(1, 1201):
        ws.append([f"线索企业{i:04d}", "意向", f"联系人{i}", f"1380000{i:04d}"])
    ws.row_dimensions[1000].hidden = True
    for row in (1100, 1101, 1102):
        ws.cell(row, 2).value = None
    ws.cell(1100, 2).value = "洽谈"
    ws.merge_cells("B1100:B1102")  # one stage for three rows, merged far below the header
    ws.column_dimensions["E"].hidden = True  # empty hidden columns are not worth a note
    path = tmp_path / "线索.xlsx"
    book.save(path)
    _with_dimension(path, "A1")
    before = content(db_path)
    result = run("import", "enterprises", path, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would import 1,199 of 1,199 rows" in result.output  # 1,200 rows less the hidden one
    assert "rows hidden in Excel were skipped: 1000" in result.output
    assert "columns hidden" not in result.output
    assert content(db_path) == before
    done = run("import", "enterprises", path)
    assert done.exit_code == 0, done.output
    assert enterprise(db_path, "线索企业0004")["phone"] == "13800000004"
    assert enterprise(db_path, "线索企业0997") is None  # row 1000 was hidden
    assert [enterprise(db_path, f"线索企业{i:04d}")["stage"] for i in (1096, 1097, 1098, 1099, 1100)] == [
        "意向",
        "洽谈",
        "洽谈",
        "洽谈",
        "意向",
    ]


def test_a_claim_date_comes_in_with_its_claim_and_never_without_one(run, db_path, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "企业名称,阶段,阶段日期,包保责任人,首报日期\n"
        "有认领企业,洽谈,2026-05-01,张伟,2026-02-03\n无人认领企业,洽谈,2026-05-01,,2026-02-03\n",
        encoding="utf-8",
    )
    result = run("import", "enterprises", path, "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert "无人认领企业" in result.output and "claim date 2026-02-03: no owner" in result.output
    assert "(first-report claim since 2026-02-03)" in run("enterprises", "show", "有认领企业").output


def test_a_repeat_of_a_rejected_row_is_still_a_repeat(run, db_path, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text(
        "企业名称,阶段,投资额,统一社会信用代码\n"
        "坏行企业,foo,100,\n坏行企业,洽谈,100,\n坏 行企业,bar,100,\n"  # the first rejected; both repeats name it
        "甲,洽谈,abc,91370100ma3c5t8n5l\n乙,洽谈,1,91370100MA3C5T8N5L\n",  # one code (as written) under two names
        encoding="utf-8",
    )
    before = content(db_path)
    result = run("import", "enterprises", path)
    assert result.exit_code == 1
    out = result.output
    assert "nothing was imported: 5 of 5 rows have problems" in out
    assert "line 3: 坏行企业: repeats line 2 (same folded name)" in out
    assert "line 4, 阶段 bar: not a stage" in out and "; repeats line 2 (same folded name)" in out
    assert "line 6: 乙: conflict: credit code 91370100MA3C5T8N5L is also on line 5 for 甲" in out
    assert content(db_path) == before


def test_the_zone_profile_imports_field_by_field(run, db_path, tmp_path):
    empty = tmp_path / "new.db"
    assert run("--db", empty, "init", "--empty", "--zone", "新区").exit_code == 0
    sheet = tmp_path / "zone.csv"
    rows = "名称,济南国际医学中心,\n电话,0531-12345678,\n规划面积,45,\n地址,高新区创新路1号,是\n"
    sheet.write_text("项目,值,示例数据\n" + rows, encoding="utf-8")
    result = run("--db", empty, "import", "zone", sheet)
    assert result.exit_code == 0, result.output
    assert "zone: imported 3 of 4 rows (3 new, 1 not updated)" in result.output  # the name chosen at init stays
    shown = run("--db", empty, "zone").output
    assert "新区" in shown and "0531-12345678" in shown and "45" in shown and "高新区创新路1号 ※" in shown
    assert run("--db", empty, "undo", "--yes").exit_code == 0
    assert "0531-12345678" not in run("--db", empty, "zone").output
    sheet.write_text("项目,值\n传真,0531-1\n邮箱,not-an-address\n", encoding="utf-8")
    bad = run("--db", empty, "import", "zone", sheet)
    assert bad.exit_code == 1
    assert "项目 传真: is not a field of the zone profile" in bad.output and "值 not-an-address" in bad.output


@pytest.mark.parametrize(
    "lang, headers", [("en", ("Line", "Result", "Name", "Description")), ("zh", ("行", "结果", "名称", "说明"))]
)
def test_the_import_report_speaks_the_users_language(run, tmp_path, monkeypatch, lang, headers):
    monkeypatch.setenv("PROMO_LANG", lang)
    path = tmp_path / "leads.csv"
    path.write_text("企业名称,所属行业\n预演企业有限公司,高端医疗器械\n", encoding="utf-8")
    shown = run("import", "enterprises", str(path), "--dry-run").output
    header = next(line for line in shown.splitlines() if headers[0] in line and headers[1] in line)
    assert all(h in header for h in headers), header
