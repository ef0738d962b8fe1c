"""Files offices really produce, and files made to hurt: each imports what it means or is refused with a clear
message naming where and what, never a traceback, never a half-write; and what promo writes cannot run."""

import os

from pipeline_helpers import content


def test_rejects_never_overwrite_the_file_being_imported(run, db_path, tmp_path):
    leads = tmp_path / "线索.csv"
    leads.write_text("企业名称,阶段\n好企业,意向\n坏企业,未知阶段\n", encoding="utf-8")
    rejects = tmp_path / "退回.csv"
    assert run("import", "enterprises", leads, "--skip-invalid", "--rejects", rejects).exit_code == 0
    kept, before = rejects.read_bytes(), content(db_path)
    os.link(rejects, tmp_path / "另一个名字.csv")
    # the office's natural retry, by the same name, another spelling of it, or a hard link: --force or not
    for target in (rejects, tmp_path / "." / "退回.csv", tmp_path / "另一个名字.csv"):
        for force in ([], ["--force"]):
            result = run("import", "enterprises", rejects, "--skip-invalid", "--rejects", target, *force)
            assert result.exit_code == 2, result.output
            assert "--rejects" in result.output and str(target) in result.output
            assert "the file being read" in result.output
    assert rejects.read_bytes() == kept and content(db_path) == before


def test_rejects_replace_an_existing_file_only_with_force(run, db_path, tmp_path):
    leads = tmp_path / "线索.csv"
    leads.write_text("企业名称,阶段\n好企业,意向\n坏企业,未知阶段\n", encoding="utf-8")
    rejects = tmp_path / "退回.csv"
    rejects.write_bytes(b"an earlier list")
    before = content(db_path)
    result = run("import", "enterprises", leads, "--skip-invalid", "--rejects", rejects)
    assert result.exit_code == 2 and "exists already" in result.output and "--force" in result.output
    assert rejects.read_bytes() == b"an earlier list" and content(db_path) == before  # nothing imported
    result = run("import", "enterprises", leads, "--skip-invalid", "--rejects", rejects, "--force")
    assert result.exit_code == 0, result.output
    assert "坏企业" in rejects.read_text(encoding="utf-8-sig")
    result = run("enterprises", "import", leads, "--skip-invalid", "--rejects", rejects)
    assert result.exit_code == 2 and "exists already" in result.output


def _notes(db_path, texts: list[str]) -> list[str]:
    """Give the first enterprises these notes (as another program could have stored them); their names."""
    import sqlite3

    conn = sqlite3.connect(db_path)
    ids = [i for (i,) in conn.execute("SELECT id FROM enterprises ORDER BY id LIMIT ?", (len(texts),))]
    conn.executemany("UPDATE enterprises SET note = ? WHERE id = ?", list(zip(texts, ids, strict=True)))
    names = [conn.execute("SELECT name FROM enterprises WHERE id = ?", (i,)).fetchone()[0] for i in ids]
    conn.commit()
    conn.close()
    return names


FORMULAS = ['＝HYPERLINK("http://x","点此")', "\u3000=1+1", " @SUM(A1)", "＋1＋1", "'=在引号后", "-1+2"]


def test_formulas_are_neutralised_full_width_after_spaces_and_after_a_quote(run, db_path, tmp_path):
    import csv

    from openpyxl import load_workbook

    names = _notes(db_path, [*FORMULAS, "a;=1+1", "-5", "甲;乙"])
    assert run("export", "enterprises", "-o", tmp_path / "e.csv").exit_code == 0
    raw = (tmp_path / "e.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(raw.splitlines(keepends=True)))
    notes = {r["企业名称"]: r["备注"] for r in rows}
    for name, text in zip(names, FORMULAS, strict=False):
        assert notes[name] == "'" + text, notes[name]  # inert in Excel and WPS
    assert notes[names[7]] == "-5" and notes[names[8]] == "甲;乙"  # a number keeps its sign, a list its form
    assert '"a;=1+1"' in raw and '"甲;乙"' not in raw  # quoted: Excel set to ; as separator keeps it whole
    assert run("export", "enterprises", "-o", tmp_path / "e.xlsx").exit_code == 0
    ws = load_workbook(tmp_path / "e.xlsx").active
    column = [c.value for c in ws[1]].index("备注")
    cells = {r[0]: r[column] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert cells[names[0]] == "'" + FORMULAS[0] and cells[names[4]] == "''=在引号后"
    # and the import takes the guard off again: only the spaces before the two formulas are trimmed
    for path in (tmp_path / "e.csv", tmp_path / "e.xlsx"):
        result = run("import", "enterprises", path, "--dry-run")
        assert result.exit_code == 0, result.output
        assert "2 not updated" in result.output and "'" not in result.output.replace("' /c", ""), result.output
        assert "note \u3000=1+1 → =1+1" in result.output and "note  @SUM(A1) → @SUM(A1)" in result.output


def test_export_holds_control_characters_and_texts_past_excels_cell_limit(run, db_path, tmp_path):
    from openpyxl import load_workbook

    names = _notes(db_path, ["响铃\x07与\x00空字符", "长" * 40000])
    result = run("export", "enterprises", "-o", tmp_path / "e.xlsx")
    assert result.exit_code == 0, result.output  # openpyxl refuses \x07: no IllegalCharacterError
    assert "40,000 characters, cut to Excel's limit of 32,767" in result.output and "备注" in result.output
    ws = load_workbook(tmp_path / "e.xlsx").active
    column = [c.value for c in ws[1]].index("备注")
    cells = {r[0]: r[column] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert cells[names[0]] == "响铃与空字符" and len(cells[names[1]]) == 32767
    assert run("report", "weekly", "-o", tmp_path / "w.xlsx").exit_code == 0
    result = run("export", "enterprises", "-o", tmp_path / "e.csv")  # a CSV holds the text whole
    assert result.exit_code == 0 and "cut" not in result.output


def _patched(path, old: bytes, new: bytes, member: str = "xl/worksheets/sheet1.xml") -> None:
    """Rewrite one part of a saved workbook, as another program would have written it."""
    import zipfile

    parts = {}
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            parts[info.filename] = z.read(info.filename)
    assert old in parts[member]
    parts[member] = parts[member].replace(old, new, 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def _leads_book(path, rows=()) -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["企业名称", "阶段", "投资额(万元)"])
    for r in rows or [["格式测试甲公司", "签约", 100], ["格式测试乙公司", "洽谈", 200]]:
        ws.append(r)
    book.save(path)


def test_a_sheet_formatted_down_to_its_last_row_imports_in_the_memory_of_a_small_one(run, db_path, tmp_path):
    import re
    import tracemalloc

    path = tmp_path / "台账.xlsx"
    _leads_book(path)
    empty = b"".join(
        b'<row r="%d" spans="1:3" s="1" customFormat="1" ht="20" customHeight="1"><c r="A%d" s="1"/><c r="C%d" s="1"/>'
        b"</row>" % (n, n, n)
        for n in range(4, 80_004)
    )
    _patched(path, b"</sheetData>", empty + b'<row r="80005"><c r="XFD80005" s="1"/></row></sheetData>')
    with __import__("zipfile").ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml")
    _patched(path, re.search(rb'<dimension ref="[^"]*"/>', xml).group(0), b'<dimension ref="A1:XFD1048576"/>')
    tracemalloc.start()
    try:
        result = run("import", "enterprises", path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.exit_code == 0, result.output
    assert "imported 2 of 2 rows" in result.output
    assert peak < 25 * 2**20, peak  # openpyxl kept every formatted row's attributes: 60 MB here, 480 MB at 1M


def test_empty_cells_are_dropped_from_the_xml_whatever_the_chunk_boundaries():
    import io

    from promo.io.layout import WithoutEmptyCells

    xml = (
        b'<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="3"/><c s="2"/></row>'
        b'<row r="2" s="1" customFormat="1"><c r="A2" s="1"/></row><row r="3"/><row>'
        b'<c r="A4"><f>1+1</f></c></row></sheetData>'
    )

    class Trickle(io.BytesIO):
        def read(self, size=-1):
            return super().read(7)  # a tag cut anywhere

    out = b""
    src = WithoutEmptyCells(Trickle(xml))
    while chunk := src.read(5):
        out += chunk
    # the cell without r keeps its place, and so does the row without r; a formula is no empty cell
    assert out == (
        b'<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c s="2"/></row><row>'
        b'<c r="A4"><f>1+1</f></c></row></sheetData>'
    )


def test_json_as_systems_write_it_objects_wrappers_lines_and_nested_values(run, db_path, tmp_path):
    import json

    def write(name: str, text: str):
        (tmp_path / name).write_text(text, encoding="utf-8")
        return tmp_path / name

    one = write("one.json", json.dumps({"企业名称": "单个对象公司", "阶段": "签约"}, ensure_ascii=False))
    assert "imported 1 of 1" in run("import", "enterprises", one).output
    wrapped = write("api.json", json.dumps({"total": 1, "data": [{"企业名称": "接口导出公司"}]}, ensure_ascii=False))
    result = run("import", "enterprises", wrapped)
    assert result.exit_code == 0 and "read from the JSON object's 'data'" in result.output, result.output
    lines = write("lines.json", '{"企业名称": "逐行甲公司"}\n\n{"企业名称": "逐行乙公司", "投资额(万元)": "x"}\n')
    result = run("import", "enterprises", lines)
    assert result.exit_code == 1 and "line 3, 投资额(万元) x" in result.output, result.output  # its line in the file
    before = content(db_path)
    refused = {
        "keys.json": ({"a": {"企业名称": "甲"}, "b": {"企业名称": "乙"}}, "is a JSON object (a, b)"),
        "numbers.json": ([{"企业名称": "甲"}, 7], "record 2 is 7, not an object"),
        "huge.json": (None, "a number too long"),
    }
    for name, (data, message) in refused.items():
        text = json.dumps(data, ensure_ascii=False) if data else '[{"企业名称": "甲", "就业人数": 1' + "0" * 5000 + "}]"
        result = run("import", "enterprises", write(name, text))
        assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output, result.output
    nested = [{"企业名称": {"zh": "对象名"}}, {"企业名称": "嵌套公司", "联系人": {"姓名": "张三"}}]
    nested.append({"企业名称": "列表公司"})
    nested = write("nested.json", json.dumps(nested, ensure_ascii=False))
    result = run("import", "enterprises", nested, "--skip-invalid")
    assert '企业名称 {"zh": "对象名"}: is a nested JSON object' in result.output, result.output
    assert '联系人 {"姓名": "张三"}: is a nested' in result.output and "imported 1 of 3 rows" in result.output
    assert content(db_path)["enterprises"][:-1] == before["enterprises"]  # only 列表公司 was added


def test_excel_error_values_are_refused_and_a_date_keeps_its_day_without_its_time(run, db_path, tmp_path):
    from pipeline_helpers import enterprise

    path = tmp_path / "台账.csv"
    path.write_text(
        "企业名称,阶段,签约日期,投资额(万元)\n"
        "查找失败公司,签约,2026/3/5 0:00,#N/A\n"
        "#REF!,签约,2026-03-05,1\n"
        "带时间甲公司,签约,2026/3/5 14:30,2\n"
        "带时间乙公司,签约,2026年3月6日 9:05,3\n"
        "带时间丙公司,签约,2026-03-07T00:00:00,4\n",
        encoding="utf-8",
    )
    result = run("import", "enterprises", path, "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert "投资额(万元) #N/A: is an Excel error value" in result.output
    assert "企业名称 #REF!: is an Excel error value" in result.output and "3 new, 2 rejected" in result.output
    assert [enterprise(db_path, f"带时间{x}公司")["stage_date"] for x in "甲乙丙"] == [
        "2026-03-05",
        "2026-03-06",
        "2026-03-07",
    ]
    assert enterprise(db_path, "#REF!") is None


def test_a_gb18030_csv_with_a_few_stray_bytes_imports_its_good_rows(run, db_path, tmp_path):
    from pipeline_helpers import enterprise

    text = "企业名称,阶段,投资额(万元)\r\n" + "".join(f"国标{i}号测试公司,签约,{i}\r\n" for i in range(1, 40))
    raw = text.encode("gb18030").replace("国标7号".encode("gb18030"), b"\xff" + "国标7号".encode("gb18030"))
    path = tmp_path / "台账.csv"
    path.write_bytes(raw)
    result = run("import", "enterprises", path)
    assert result.exit_code == 1, result.output  # all or nothing: the damaged row is named
    assert "1 byte is not GB18030 text (line 8)" in result.output
    assert "line 8, 企业名称 �国标7号测试公司: holds �" in result.output
    rejects = tmp_path / "退回.csv"
    result = run("import", "enterprises", path, "--skip-invalid", "--rejects", rejects)
    assert result.exit_code == 0 and "imported 38 of 39 rows" in result.output, result.output
    assert enterprise(db_path, "国标8号测试公司")["investment_wan"] == 8
    assert "�国标7号测试公司" in rejects.read_bytes().decode("gb18030")  # written back in the file's encoding
    noise = tmp_path / "noise.csv"
    noise.write_bytes("企业名称\n".encode() + bytes(range(0x80, 0x100)) * 20)
    result = run("import", "enterprises", noise)
    assert result.exit_code == 2 and "is neither UTF-8, UTF-16 nor GB18030/GBK text" in result.output


def test_files_that_are_not_what_their_name_says(run, db_path, tmp_path):
    import zipfile

    from pipeline_helpers import enterprise

    before = content(db_path)

    def archive(name: str, parts: dict):
        with zipfile.ZipFile(tmp_path / name, "w") as z:
            for member, data in parts.items():
                z.writestr(member, data)
        return tmp_path / name

    ods = {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}
    refused = {
        archive("清单.ods", ods): "is an OpenDocument spreadsheet",
        archive("改名.xlsx", ods): "is an OpenDocument spreadsheet",
        archive("清单.numbers", {"Index/Document.iwa": b"\x00"}): "is an Apple Numbers document",
        archive("报告.xlsx", {"word/document.xml": "<w/>"}): "is a text document (Word)",
        archive("打包.xlsx", {"a.txt": "x"}): "is a zip archive, not a workbook",
    }
    page = tmp_path / "系统导出.xls"
    page.write_text("<html><body><table><tr><td>企业名称</td></tr></table></body></html>", encoding="utf-8")
    refused[page] = "is a web page (HTML) saved under .xls"
    cut = tmp_path / "半截.xlsx"
    _leads_book(tmp_path / "whole.xlsx")
    cut.write_bytes((tmp_path / "whole.xlsx").read_bytes()[:1500])
    refused[cut] = "cannot be read as an Excel workbook"
    for path, message in refused.items():
        result = run("import", "enterprises", path)
        assert result.exit_code == 2 and message in result.output, (path.name, result.output)
        assert "Traceback" not in result.output and str(path) in result.output
    assert "if it opens, save it again" in result.output
    assert content(db_path) == before
    text = tmp_path / "系统导出2.xls"  # tab-separated text under .xls, as many systems export
    text.write_text("企业名称\t阶段\t投资额(万元)\n文本导出测试公司\t签约\t100\n", encoding="gb18030")
    result = run("import", "enterprises", text)
    assert result.exit_code == 0 and ".xls file read as text" in result.output, result.output
    assert enterprise(db_path, "文本导出测试公司")["investment_wan"] == 100


def test_hidden_sheets_are_read_only_when_named(run, db_path, tmp_path):
    from openpyxl import Workbook
    from pipeline_helpers import enterprise

    book = Workbook()
    lookup = book.active
    lookup.title = "下拉选项"  # a hidden sheet of drop-down values, first in the book
    lookup.append(["企业名称", "阶段"])
    lookup.append(["选项甲公司", "签约"])
    lookup.sheet_state = "hidden"
    old = book.create_sheet("2025年")
    old.append(["企业名称", "阶段"])
    old.append(["旧版本公司", "签约"])
    old.sheet_state = "veryHidden"
    book.create_sheet("封面")["A1"] = "2026年签约项目台账"
    path = tmp_path / "台账.xlsx"
    book.save(path)
    result = run("import", "enterprises", path)
    assert result.exit_code == 2, result.output
    assert (
        f"FILE {path}: has no visible sheet with the list's columns; sheets hidden in Excel hold data: 下拉选项, 2025年"
        in result.output
    )
    assert "--sheet 下拉选项" in result.output
    result = run("import", "enterprises", path, "--sheet", "2025年")
    assert result.exit_code == 0 and "the sheet 2025年 is hidden in Excel" in result.output, result.output
    assert enterprise(db_path, "旧版本公司") and not enterprise(db_path, "选项甲公司")
    result = run("import", "enterprises", path, "--sheet", "2024年")
    assert "the file has: 下拉选项 (hidden), 2025年 (hidden), 封面" in result.output
    data = book.create_sheet("签约")  # a visible sheet with data is the default, hidden ones before it or not
    data.append(["企业名称", "阶段"])
    data.append(["可见表测试公司", "签约"])
    book.save(path)
    result = run("import", "enterprises", path)
    assert result.exit_code == 0 and "imported 1 of 1" in result.output, result.output
    assert enterprise(db_path, "可见表测试公司") and not enterprise(db_path, "选项甲公司")


def test_a_zone_sheet_without_its_sample_column_keeps_the_marks_of_values_left_as_they_were(run, db_path, tmp_path):
    sheet = tmp_path / "园区概况.csv"
    rows = "项目,值\n电话,0531-00000000\n邮箱,invest@jimc.example.cn\n名称,济南国际医学中心\n"
    sheet.write_text(rows, encoding="utf-8")
    result = run("import", "zone", sheet, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "matches 电话 (the zone's field)" in result.output  # not "(the same field)"
    assert "sample" not in result.output.split("电话", 2)[2].split("\n")[0], result.output  # unchanged, mark kept
    assert "1 not updated" in result.output and "2 unchanged" in result.output
    result = run("import", "zone", sheet, "--update")
    assert result.exit_code == 0, result.output
    shown = run("zone").output
    assert "0531-00000000 ※" in shown  # the sample phone is still marked as sample
    assert "invest@jimc.example.cn" in shown and "invest@jimc.example.cn ※" not in shown  # the office's own


def test_spaces_as_offices_type_them_and_files_with_nothing_in_them(run, db_path, tmp_path):
    from openpyxl import Workbook
    from pipeline_helpers import enterprise

    book = Workbook()
    ws = book.active
    ws.append(["企业名称\u00a0", " 阶段\u3000", "投资额（万元） ", "签约\u3000日期"])  # headers pasted from a web page
    ws.append(["\u3000空格测试\u00a0公司 ", "签约 ", "3,000", "2026年3月5日"])
    book.save(tmp_path / "空格.xlsx")
    result = run("import", "enterprises", tmp_path / "空格.xlsx")
    assert result.exit_code == 0 and "not understood" not in result.output, result.output
    stored = enterprise(db_path, "空格测试 公司")  # a no-break space is a space; spaces around are trimmed
    assert stored and stored["investment_wan"] == 3000 and stored["stage_date"] == "2026-03-05"
    before = content(db_path)
    for name, data in {"空.csv": b"\xef\xbb\xbf", "空行.csv": b"\r\n \r\n,,\r\n"}.items():
        (tmp_path / name).write_bytes(data)
        result = run("import", "enterprises", tmp_path / name)
        assert result.exit_code == 2 and "holds no data: every line is empty" in result.output, result.output
    Workbook().save(tmp_path / "空.xlsx")
    result = run("import", "enterprises", tmp_path / "空.xlsx")
    assert result.exit_code == 2 and f"FILE {tmp_path / '空.xlsx'}: has no sheet with data" in result.output
    assert content(db_path) == before


def test_a_workbook_on_the_1904_date_system_reads_its_serials_from_1904(run, db_path, tmp_path):
    import datetime as dt

    from openpyxl import Workbook
    from pipeline_helpers import enterprise

    book = Workbook()
    book.epoch = dt.datetime(1904, 1, 1)  # old Excel for Mac
    ws = book.active
    ws.append(["企业名称", "阶段", "签约日期", "投资额(万元)", "联系电话"])
    ws.append(["一九零四甲公司", "签约", dt.date(2026, 3, 5), 100, 13800000000])
    ws.append(["一九零四乙公司", "签约", 44802, 200, None])  # the date cell lost its format: a number
    book.save(tmp_path / "mac.xlsx")
    result = run("import", "enterprises", tmp_path / "mac.xlsx")
    assert result.exit_code == 0, result.output
    assert "44802 read as an Excel date serial number, 2026-08-30" in result.output  # not 2022-08-29
    first, second = enterprise(db_path, "一九零四甲公司"), enterprise(db_path, "一九零四乙公司")
    assert (first["stage_date"], first["investment_wan"], first["phone"]) == ("2026-03-05", 100, "13800000000")
    assert (second["stage_date"], second["investment_wan"]) == ("2026-08-30", 200)


def test_rejects_are_named_for_the_format_they_are_written_in(run, db_path, tmp_path):
    path = tmp_path / "台账.xlsx"
    _leads_book(path, [["好企业测试公司", "签约", 1], ["坏企业测试公司", "未知阶段", 2]])
    before = content(db_path)
    result = run("import", "enterprises", path, "--skip-invalid", "--rejects", tmp_path / "退回.csv")
    assert result.exit_code == 2, result.output
    assert "written in the format of the file imported (.xlsx), not as .csv" in result.output
    assert "name it 退回.xlsx" in result.output
    assert not (tmp_path / "退回.csv").exists() and content(db_path) == before
    result = run("import", "enterprises", path, "--skip-invalid", "--rejects", tmp_path / "退回.xlsx")
    assert result.exit_code == 0 and (tmp_path / "退回.xlsx").exists(), result.output
    missing = run("import", "enterprises", tmp_path / "无.csv", "--skip-invalid", "--rejects", tmp_path / "无.csv")
    assert missing.exit_code == 2 and "no such file" in missing.output  # the real problem, not "being read"


def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_it_is_read(run, tmp_path, monkeypatch):
    import zipfile

    from promo.io import read

    path = tmp_path / "台账.xlsx"
    _leads_book(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/padding.bin", b"\x00" * 3_000_000)  # compresses to a few kB
    monkeypatch.setattr(read, "MAX_UNPACKED", 2_000_000)
    result = run("import", "enterprises", path)
    assert result.exit_code == 2 and "unpacks to 3 MB; promo reads workbooks of up to 1 MB unpacked" in result.output


def test_text_without_a_tag_end_is_not_held_whole():
    import io

    from promo.io.layout import HELD, WithoutEmptyCells

    xml = (
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
        + b"x" * (3 * HELD)
        + b"</t></is></c></row></sheetData>"
    )
    src, out, held = WithoutEmptyCells(io.BytesIO(xml)), [], 0
    while chunk := src.read(1 << 16):
        out.append(chunk)
        held = max(held, len(src.tail))
    assert b"".join(out) == xml and held <= HELD + (1 << 16)


def test_a_csv_cell_past_128_kib_is_refused_in_its_field_not_the_whole_file(run, db_path, tmp_path):
    from pipeline_helpers import enterprise

    path = tmp_path / "台账.csv"
    path.write_text("企业名称,备注\n长备注测试公司," + "长" * 200_000 + "\n短备注测试公司,好\n", encoding="utf-8")
    result = run("import", "enterprises", path, "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert "200,000 characters long" in result.output and "imported 1 of 2 rows" in result.output
    assert enterprise(db_path, "短备注测试公司")["note"] == "好"
