"""Files as offices make them, checked as a user would: a name merged down over its contact rows, footnotes
merged across the sheet, headers typed over two lines, links and stray = in names, a CSV cell whose quote is
never closed, and a JSON object holding one array per list."""

import json
import re
import sqlite3

from openpyxl import Workbook, load_workbook
from pipeline_helpers import content


def _rows(db_path, sql, *params):
    with sqlite3.connect(db_path) as c:
        return c.execute(sql, params).fetchall()


def contacts_workbook(path):
    """A 台账 with its title merged across, one enterprise over two rows (name, industry, date and amount merged
    down; a contact and a phone on each row), another whose second row gives a different amount, and 注/备注/
    填报说明 merged across the sheet under the data, with no totals row above them."""
    book = Workbook()
    ws = book.active
    ws.append(["2026年签约项目台账"])
    ws.merge_cells("A1:G1")
    ws.append(["序号", "企业名称", "所属行业", "签约日期", "总投资\n（万元）", "联系人", "联系电话"])
    ws.append([1, "测试双联系人医疗", "高端医疗器械", "2026-06-10", 4000, "冯一", 13805310012])
    ws.append([None, None, None, None, None, "冯二", 13805310013])
    for col in "ABCDE":
        ws.merge_cells(f"{col}3:{col}4")
    ws.append([2, "测试两笔投资医疗", "高端医疗器械", "2026-06-11", 300, "卫三", "13805310014"])
    ws.append([None, None, "高端医疗器械", "2026-06-11", 500, "卫四", "13805310015"])
    ws.merge_cells("A5:A6")
    ws.merge_cells("B5:B6")
    ws.append([3, "测试单行医疗", "高端医疗器械", "2026-06-12", "待定", "郑一", "13805310016"])
    for row, text in (
        (8, "注：投资额单位为万元。"),
        (9, "备注：本表由招商一局填报"),
        (10, "填报说明：如有疑问请联系办公室"),
    ):
        ws.cell(row, 1, text)
        ws.merge_cells(f"A{row}:G{row}")
    book.save(path)
    return path


def test_a_name_merged_over_two_rows_is_one_enterprise_with_both_contacts(run, db_path, tmp_path):
    path = contacts_workbook(tmp_path / "台账.xlsx")
    before = content(db_path)
    refused = run("import", "enterprises", path, "--owner", "张伟")
    assert refused.exit_code == 1 and content(db_path) == before
    out = refused.output
    # the second row of a merged name that only adds a contact is the same enterprise, not a repeat of it
    joined = "rows with no 企业名称 of their own (merged down from the row above, or left blank) joined into the record"
    assert f"{joined} above: line 4" in out
    assert not re.search(r"^ +4 +\w", out, re.M)  # no row of its own in the report
    # a second row that gives another amount is not a contact row: it is named, with the column on one line
    assert (
        "line 6: 测试两笔投资医疗: repeats line 5 (same folded name); differs in investment (10k CNY): 300 vs 500"
        in out
    )
    # the footnotes merged across the sheet are notes, not rows with every field wrong
    assert "notes below the data skipped: line 8, 9, 10" in out
    assert "line 8" not in out.replace("line 8, 9, 10", "")

    rejects = tmp_path / "退回.xlsx"
    done = run("import", "enterprises", path, "--owner", "张伟", "--skip-invalid", "--rejects", rejects)
    assert done.exit_code == 0, done.output
    assert "imported 3 of 4 rows (3 new, 1 rejected)" in done.output
    stored = _rows(
        db_path, "SELECT name, contact, phone, investment_wan FROM enterprises WHERE name LIKE '测试%' ORDER BY id"
    )
    assert stored == [
        ("测试双联系人医疗", "冯一、冯二", "13805310012、13805310013", 4000.0),
        ("测试两笔投资医疗", "卫三", "13805310014", 300.0),
        ("测试单行医疗", "郑一", "13805310016", None),
    ]
    ws = load_workbook(rejects).active
    assert [r[1] for r in ws.iter_rows(min_row=2, values_only=True)] == ["测试两笔投资医疗"]

    # exported and imported again, the joined contacts change nothing
    out_file = tmp_path / "企业.xlsx"
    assert run("export", "enterprises", "-o", out_file).exit_code == 0
    again = run("import", "enterprises", out_file, "--dry-run")
    assert re.search(r"would import 0 of (\d+) rows \(\1 unchanged\)", again.output), again.output


def test_a_name_merged_over_rows_of_another_list_still_reads_one_row_each(run, db_path, tmp_path):
    """Only a list with one row per name joins rows under a merged name: services keep one row per item."""
    book = Workbook()
    ws = book.active
    ws.append(["企业名称", "事项", "责任部门", "状态"])
    ws.append(["华银康", "环评", "生态环境局", "办理中"])
    ws.append([None, "消防验收", "住房和城乡建设局", "办理中"])
    ws.merge_cells("A2:A3")
    book.save(tmp_path / "帮办.xlsx")
    out = run("import", "services", tmp_path / "帮办.xlsx", "--dry-run").output
    assert "merged down" not in out
    assert "imported 2 of 2 rows" in out or "would import 2 of 2 rows" in out


def test_a_hyperlink_reads_as_its_text_and_a_name_beginning_with_equals_is_refused(run, db_path, tmp_path):
    path = tmp_path / "links.csv"
    path.write_text(
        "企业名称,所属行业,签约日期\n"
        '"=HYPERLINK(""http://x.cn/a?b=1"",""测试链接医疗"")",高端医疗器械,2026-06-10\n'
        "=测试等号医疗,高端医疗器械,2026-06-11\n",
        encoding="utf-8-sig",
    )
    refused = run("import", "enterprises", path, "--owner", "张伟")
    assert refused.exit_code == 1
    assert "line 2, 企业名称: a HYPERLINK formula, read as the text it shows, '测试链接医疗'" in refused.output
    assert "line 3, 企业名称 =测试等号医疗: begins with =, as a formula does: a name never does" in refused.output
    done = run("import", "enterprises", path, "--owner", "张伟", "--skip-invalid")
    assert done.exit_code == 0
    assert _rows(db_path, "SELECT name FROM enterprises WHERE name LIKE '%测试%'") == [("测试链接医疗",)]

    # in a workbook a link saved without its value still shows its text; any other formula is refused so
    book = Workbook()
    ws = book.active
    ws.append(["企业名称", "所属行业", "签约日期", "投资额(万元)"])
    ws.append(['=HYPERLINK("http://x.cn","测试工作簿链接")', "高端医疗器械", "2026-06-10", 100])
    ws.append(["测试未算公式", "高端医疗器械", "2026-06-10", "=D2*2"])
    book.save(tmp_path / "links.xlsx")
    out = run("import", "enterprises", tmp_path / "links.xlsx", "--owner", "张伟", "--dry-run").output
    assert "line 2, 企业名称: a HYPERLINK formula, read as the text it shows, '测试工作簿链接'" in out
    assert "line 3, 投资额(万元) =D2*2: is a formula that was never calculated" in out

    # a link rejected for another cell goes to the rejects file as the text it shows, and is read so again
    ws["C2"] = "2026-13-01"
    book.save(tmp_path / "links.xlsx")
    rejects = tmp_path / "退回.xlsx"
    run("import", "enterprises", tmp_path / "links.xlsx", "--owner", "张伟", "--skip-invalid", "--rejects", rejects)
    back = load_workbook(rejects)
    ws = back.active
    assert [c.value for c in ws[2]][:3] == ["测试工作簿链接", "高端医疗器械", "2026-13-01"]
    assert ws["D3"].value == "'=D2*2"  # any other formula goes back inert, to be replaced by its value
    ws["C2"], ws["D3"] = "2026-06-10", 200
    back.save(rejects)
    again = run("import", "enterprises", rejects, "--owner", "张伟")
    assert again.exit_code == 0, again.output
    assert _rows(db_path, "SELECT name FROM enterprises WHERE name LIKE '测试工作簿%' OR name = '测试未算公式'") == [
        ("测试工作簿链接",),
        ("测试未算公式",),
    ]
    # what promo wrote inert, or what Excel marks as text with ', is meant as written
    path.write_text("企业名称,所属行业,签约日期\n'=测试等号医疗,高端医疗器械,2026-06-11\n", encoding="utf-8")
    assert run("import", "enterprises", path, "--owner", "张伟").exit_code == 0
    assert _rows(db_path, "SELECT count(*) FROM enterprises WHERE name = '=测试等号医疗'") == [(1,)]


def test_a_credit_code_repeated_after_a_row_whose_name_could_not_be_read_names_no_none(run, db_path, tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text(
        "企业名称,统一社会信用代码,所属行业,签约日期\n"
        "=测试坏名,91370100MA3C12346C,高端医疗器械,2026-06-10\n"
        "测试好名,91370100MA3C12346C,高端医疗器械,2026-06-10\n",
        encoding="utf-8",
    )
    out = run("import", "enterprises", path, "--owner", "张伟").output
    assert "None" not in out
    assert "line 3: 测试好名: repeats line 2 (same credit code)" in out


def test_a_csv_cell_whose_quote_is_never_closed_is_refused_before_rows_go_missing(run, db_path, tmp_path):
    before = content(db_path)
    lines = [
        "企业名称,所属行业,签约日期,备注",
        '测试引号甲,高端医疗器械,2026-06-10,"第一行 未闭合',
        "测试引号乙,高端医疗器械,2026-06-11,",
        "测试引号丙,高端医疗器械,2026-06-12,",
    ]
    path = tmp_path / "quote.csv"
    path.write_bytes("\r\n".join(lines).encode("gb18030"))
    for extra in ((), ("--skip-invalid",)):
        refused = run("import", "enterprises", path, "--owner", "张伟", *extra)
        assert refused.exit_code == 2, refused.output
        assert 'line 2: the quote (") that opens cell 4 is not closed where the cell ends' in refused.output
        assert "the lines after it, to line 4, were read into that one cell: '测试引号乙,高端医疗器械,2026-06-11,'" in (
            refused.output
        )
        assert content(db_path) == before
    # a quote never closed in the last row, whatever the lines after it hold
    path.write_bytes(
        '企业名称,所属行业,签约日期,联系人,备注\r\n测试引号末,高端医疗器械,2026-06-10,张,"没闭合\r\n测试乙\r\n测试丙\r\n'.encode()
    )
    refused = run("import", "enterprises", path, "--owner", "张伟", "--skip-invalid")
    assert refused.exit_code == 2 and content(db_path) == before
    assert (
        'line 2: the quote (") that opens cell 5 is never closed, so the rest of the file, to line 4' in refused.output
    )
    # a note written over several lines in its quoted cell is no such thing
    lines[1] = '测试引号甲,高端医疗器械,2026-06-10,"第一行, 其一\n第二行, 其二"'
    path.write_bytes("\r\n".join(lines).encode("gb18030"))
    done = run("import", "enterprises", path, "--owner", "张伟")
    assert done.exit_code == 0, done.output
    assert _rows(db_path, "SELECT note FROM enterprises WHERE name = '测试引号甲'") == [("第一行, 其一\n第二行, 其二",)]


def test_a_json_object_of_lists_is_read_as_one_sheet_per_list(run, db_path, tmp_path):
    path = tmp_path / "lists.json"
    data = {
        "载体": [{"载体名称": "测试JSON园区", "类型": "产业园", "地址": "济南市示例路1号"}],
        "企业": [
            {"企业名称": "测试JSON医疗", "所属行业": "高端医疗器械", "签约日期": "2026-06-10", "载体": "测试JSON园区"}
        ],
    }
    data["企业"][0]["统一社会信用代码"] = 913701001234567881  # a system that wrote the all-digit code as a number
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    one = run("import", "enterprises", path, "--owner", "张伟", "--dry-run")
    # one list from it: its own array, the carrier it names not in the catalogue yet
    assert one.exit_code == 1, one.output
    assert "the records were read from the JSON object's '企业'" in one.output
    assert "line 1: 测试JSON医疗: no carrier named '测试JSON园区' in the catalogue" in one.output
    done = run("import", "all", path, "--owner", "张伟")
    assert done.exit_code == 0, done.output
    assert "carriers: imported 1 of 1 rows (1 new)" in done.output
    assert "enterprises: imported 1 of 1 rows (1 new)" in done.output
    assert _rows(db_path, "SELECT e.name, c.name FROM enterprises e JOIN carriers c ON c.id = e.carrier_id "
                          "WHERE e.name = '测试JSON医疗'") == [("测试JSON医疗", "测试JSON园区")]  # fmt: skip
    assert _rows(db_path, "SELECT uscc FROM enterprises WHERE name = '测试JSON医疗'") == [("913701001234567881",)]

    # an object of several things, none an array of records, says how to write one without doubled braces
    path.write_text(json.dumps({"a": 1, "b": [1, 2]}), encoding="utf-8")
    refused = run("import", "enterprises", path)
    assert refused.exit_code == 2 and '[{"企业名称": "…"}, …]' in refused.output


def test_a_required_field_without_a_column_is_named_by_its_header(run, db_path, tmp_path, monkeypatch):
    path = tmp_path / "carriers.csv"
    path.write_text("载体名称,地址\n测试无类型园区,济南市示例路2号\n", encoding="utf-8")
    assert "line 2, kind '': is required" in run("import", "carriers", path).output
    monkeypatch.setenv("PROMO_LANG", "zh")
    out = run("import", "carriers", path).output
    assert "第 2 行，类型" in out and "kind" not in out


def policy_and_carrier_sheets(path):
    """A 政策清单 as a committee words it (园区级, 有效期 长期, 适用行业 所有行业), a 准入 sheet with 适用园区, and a
    载体 sheet with a landline typed as a number and a kind no list has."""
    book = Workbook()
    ws = book.active
    ws.title = "产业政策"
    ws.append(["政策名称", "政策级别", "施行日期", "有效期至", "适用行业"])
    ws.append(["测试长期政策", "园区级", "2026-01-01", "长期", "所有行业"])
    ws = book.create_sheet("准入标准")
    ws.append(["指标名称", "考核指标", "要求", "标准值", "单位", "适用园区"])
    ws.append(["测试强度", "固定资产投资强度", "≥", 300, "万元/亩", "精准医学产业园"])
    ws = book.create_sheet("载体")
    ws.append(["载体名称", "载体类型", "联系电话", "纬度", "经度"])
    ws.append(["测试座机园区", "产业园", 53188880001, "36.66°", "116.85°"])
    ws.append(["测试手机园区", "产业园", 13905310002])
    ws.append(["测试综合体", "科创综合体", None])
    book.save(path)
    return path


def test_policy_criteria_and_carrier_sheets_in_an_offices_words(run, db_path, tmp_path, monkeypatch):
    path = policy_and_carrier_sheets(tmp_path / "清单.xlsx")
    done = run("import", "all", path, "--skip-invalid")
    assert done.exit_code == 0, done.output
    out = done.output
    assert "columns not understood" not in out  # 适用园区 is the criterion's carrier
    assert "line 2, 有效期至: '长期' read as empty" in out
    assert "line 2, 联系电话: 53188880001 looks like a landline that lost its leading 0" in out
    assert "13905310002 looks" not in out  # a mobile number has no 0 to lose
    with sqlite3.connect(db_path) as c:
        c.row_factory = sqlite3.Row
        p = c.execute("SELECT * FROM policies WHERE name = '测试长期政策'").fetchone()
        assert (p["level"], p["start_date"], p["end_date"]) == ("zone", "2026-01-01", None)
        criterion = c.execute(
            "SELECT c.name FROM criteria t JOIN carriers c ON c.id = t.carrier_id WHERE t.name = '测试强度'"
        ).fetchone()
        assert criterion[0] == "精准医学产业园"
        assert tuple(c.execute("SELECT lat, lon FROM carriers WHERE name = '测试座机园区'").fetchone()) == (
            36.66,
            116.85,
        )
    assert re.search(r"For industries +any\n", run("policies", "show", "测试长期政策").output)  # 所有行业: open to all
    # a kind not in the list is refused with the kinds, in the reader's language only
    assert "use one of park (产业园), building (楼宇)" in out
    monkeypatch.setenv("PROMO_LANG", "zh")
    zh = run("import", "carriers", path, "--dry-run").output
    assert "可用：产业园、楼宇、地块、孵化器、组团" in zh and "park" not in zh


def test_units_carriers_and_scenarios_in_the_words_of_a_rent_roll(run, db_path, tmp_path):
    """A 租控表 writes floors in Chinese numerals and 出租中; a carrier list 众创空间; a 场景清单 三甲医院."""
    book = Workbook()
    ws = book.active
    ws.title = "载体"
    ws.append(["载体名称", "载体类型"])
    ws.append(["测试众创空间", "孵化器（众创空间）"])
    ws.append(["测试工业园", "工业园区"])
    ws = book.create_sheet("房源")
    ws.append(["载体", "房号", "楼层", "建筑面积", "租赁状态"])
    ws.append(["测试众创空间", "301", "三层", "800平米", "出租中"])
    ws.append(["测试众创空间", "B101", "地下一层", "1,200㎡", "空置"])
    ws.append(["测试众创空间", "1201", "十二层", 300, "空置"])
    ws = book.create_sheet("创新场景")
    ws.append(["场景名称", "需求单位", "单位类型"])
    ws.append(["测试会诊场景", "测试医院", "三甲医院"])
    book.save(tmp_path / "租控表.xlsx")
    done = run("import", "all", tmp_path / "租控表.xlsx")
    assert done.exit_code == 0, done.output
    units = _rows(
        db_path,
        "SELECT u.code, u.floor, u.area_m2, u.status FROM units u JOIN carriers c ON c.id = u.carrier_id "
        "WHERE c.name = '测试众创空间' ORDER BY u.id",
    )
    assert units == [("301", 3, 800.0, "leased"), ("B101", -1, 1200.0, "vacant"), ("1201", 12, 300.0, "vacant")]
    assert _rows(db_path, "SELECT kind FROM carriers WHERE name LIKE '测试%' ORDER BY id") == [
        ("incubator",),
        ("park",),
    ]
    assert _rows(db_path, "SELECT owner_kind FROM scenarios WHERE title = '测试会诊场景'") == [("hospital",)]


def test_a_target_or_scenario_row_says_every_problem_at_once(run, db_path, tmp_path):
    book = Workbook()
    ws = book.active
    ws.title = "目标企业"
    ws.append(["目标企业名称", "所属环节", "优先级", "招引理由", "进展"])
    ws.append(["测试配套公司", "不存在的环节", "中", "配套", "跟进中"])
    ws = book.create_sheet("创新场景")
    ws.append(["场景名称", "需求单位", "单位类型", "领域", "发布时间"])
    ws.append(["测试场景", "测试医院", "某某", "不存在的领域", "2026-13-01"])
    book.save(tmp_path / "ts.xlsx")
    out = run("import", "all", tmp_path / "ts.xlsx").output
    for problem in (
        "no chain link named '不存在的环节'",
        "line 2, 招引理由 配套: use one of",
        "line 2, 进展 跟进中: use 待招引、已转入流程、已放弃",
        "line 2, 单位类型 某某: use one of",
        "no industry named '不存在的领域'",
        "line 2, 发布时间 2026-13-01: no such day in the calendar",
    ):
        assert problem in out, problem


def test_dates_as_excel_writes_them_in_every_locale_and_as_documents_write_them(run, db_path, tmp_path):
    lines = [
        "企业名称,所属行业,签约日期",
        "测试日期甲,高端医疗器械,2026年3月5日 星期四",  # Chinese Excel's long date format, saved as CSV
        "测试日期乙,高端医疗器械,2026/3/6 上午 12:00:00",  # a date cell in a Chinese Windows CSV
        "测试日期丙,高端医疗器械,7-Mar-26",  # an English Excel's d-mmm-yy
        '测试日期丁,高端医疗器械,"Mar 8, 2026"',
        "测试日期戊,高端医疗器械,二〇二六年三月九日",  # as an official document writes it
        "测试日期己,高端医疗器械,46100.5",  # a date and time cell that lost its format
        "测试日期庚,高端医疗器械,2026年3月5日 星期五",
    ]
    path = tmp_path / "dates.csv"
    path.write_bytes("\r\n".join(lines).encode("gb18030"))
    done = run("import", "enterprises", path, "--owner", "张伟", "--skip-invalid")
    assert done.exit_code == 0, done.output
    disagree = "签约日期 2026年3月5日 星期五: 2026-03-05 is a Thursday: the date and the day of the week disagree"
    assert disagree in done.output
    assert _rows(db_path, "SELECT name, stage_date FROM enterprises WHERE name LIKE '测试日期%' ORDER BY id") == [
        ("测试日期甲", "2026-03-05"),
        ("测试日期乙", "2026-03-06"),
        ("测试日期丙", "2026-03-07"),
        ("测试日期丁", "2026-03-08"),
        ("测试日期戊", "2026-03-09"),
        ("测试日期己", "2026-03-19"),
    ]


def test_a_phone_saved_in_scientific_notation_is_refused_and_one_typed_as_a_number_kept(run, db_path, tmp_path):
    path = tmp_path / "phones.csv"
    path.write_text("企业名称,所属行业,联系电话\n测试科学计数电话,高端医疗器械,1.38123E+10\n", encoding="utf-8")
    refused = run("import", "enterprises", path, "--owner", "张伟")
    assert refused.exit_code == 1
    assert "联系电话 1.38123E+10: is a number in scientific notation: Excel has already dropped" in refused.output
    path.write_text("企业名称,所属行业,联系电话\n测试丢零电话,高端医疗器械,53188880001\n", encoding="utf-8")
    warned = run("import", "enterprises", path, "--owner", "张伟", "--dry-run").output
    assert "联系电话: 53188880001 looks like a landline that lost its leading 0" in warned
    book = Workbook()
    ws = book.active
    ws.append(["企业名称", "所属行业", "联系电话"])
    ws.append(["测试数字电话", "高端医疗器械", 13812345678.0])  # a number cell keeps all 11 digits
    book.save(tmp_path / "phones.xlsx")
    assert run("import", "enterprises", tmp_path / "phones.xlsx", "--owner", "张伟").exit_code == 0
    assert _rows(db_path, "SELECT phone FROM enterprises WHERE name = '测试数字电话'") == [("13812345678",)]


def test_amounts_with_a_currency_sign_and_headcounts_with_their_unit(run, db_path, tmp_path):
    path = tmp_path / "amounts.csv"
    path.write_text(
        "企业名称,所属行业,投资额,就业人数\n"
        '测试币种甲,高端医疗器械,￥1200万,"1,000人"\n'
        "测试币种乙,高端医疗器械,人民币1.5亿元,50名\n"
        "测试币种丙,高端医疗器械,3000万美元,\n",
        encoding="utf-8",
    )
    out = run("import", "enterprises", path, "--owner", "张伟", "--skip-invalid").output
    assert "投资额 3000万美元: not an amount" in out  # another currency is never converted by guess
    assert _rows(
        db_path, "SELECT name, investment_wan, jobs FROM enterprises WHERE name LIKE '测试币种%' ORDER BY id"
    ) == [
        ("测试币种甲", 1200.0, 1000),
        ("测试币种乙", 15000.0, 50),
    ]


def test_codes_and_phones_a_system_marked_as_text_for_excel(run, db_path, tmp_path):
    """Systems export codes so Excel keeps them as text: '91370100…, ="91370100…", or a tab before them."""
    path = tmp_path / "codes.csv"
    path.write_text(
        "企业名称,统一社会信用代码,所属行业,联系电话,备注\n"
        "测试撇号码,'91370100MA3C12346C,高端医疗器械,'053188880001,'引号开头的备注\n"
        '测试等号码,="91370100MA3D56788U",高端医疗器械,="053188880002",\n'
        "测试制表码,\t913701001234567881,高端医疗器械,\t053188880003,\n",
        encoding="utf-8",
    )
    done = run("import", "enterprises", path, "--owner", "张伟")
    assert done.exit_code == 0, done.output
    assert _rows(db_path, "SELECT name, uscc, phone, note FROM enterprises WHERE name LIKE '测试%码' ORDER BY id") == [
        ("测试撇号码", "91370100MA3C12346C", "053188880001", "'引号开头的备注"),  # free text is kept as written
        ("测试等号码", "91370100MA3D56788U", "053188880002", None),
        ("测试制表码", "913701001234567881", "053188880003", None),
    ]


def test_the_same_sheet_saved_as_csv_keeps_the_name_on_its_first_row_only(run, db_path, tmp_path):
    """Excel saves a merged name in its first row only: a row with no name, giving only a contact, carries on
    the enterprise above; one giving anything else is refused as a row without a name."""
    path = tmp_path / "台账.csv"
    path.write_bytes(
        "序号,企业名称,所属行业,签约日期,联系人,联系电话\r\n"
        "1,测试CSV双联系人,高端医疗器械,2026-06-10,冯一,13805310012\r\n"
        ",,,,冯二,13805310013\r\n"
        "2,测试CSV单联系人,高端医疗器械,2026-06-11,卫三,13805310014\r\n"
        ",,数字医疗,,卫四,13805310015\r\n"
        ",,,,,\r\n"
        "以上数据截至6月底,,,,,\r\n".encode("gb18030")
    )
    out = run("import", "enterprises", path, "--owner", "张伟", "--skip-invalid").output
    assert "joined into the record above: line 3" in out
    assert "企业名称: is empty" in out and "imported 2 of 3 rows (2 new, 1 rejected)" in out
    assert _rows(db_path, "SELECT contact, phone FROM enterprises WHERE name LIKE '测试CSV%' ORDER BY id") == [
        ("冯一、冯二", "13805310012、13805310013"),
        ("卫三", "13805310014"),
    ]


def test_a_name_wrapped_over_two_lines_of_its_cell_reads_as_one_line(run, db_path, tmp_path):
    book = Workbook()
    ws = book.active
    ws.append(["企业名称", "英文名称", "所属行业", "备注"])
    ws.append(["测试换行\n医疗有限公司", "Test Wrapped\nMedical Co., Ltd.", "高端医疗器械", "第一行\n第二行"])
    book.save(tmp_path / "wrapped.xlsx")
    done = run("import", "enterprises", tmp_path / "wrapped.xlsx", "--owner", "张伟")
    assert done.exit_code == 0, done.output
    assert "line 2, 企业名称: a line break in the name taken out: 测试换行医疗有限公司" in done.output
    assert _rows(db_path, "SELECT name, note FROM enterprises WHERE name LIKE '测试换行%'") == [
        ("测试换行医疗有限公司", "第一行\n第二行")  # a note keeps its lines
    ]


def test_a_workbook_of_one_sheet_a_year_says_which_sheet_was_read(run, db_path, tmp_path):
    book = Workbook()
    ws = book.active
    ws.title = "填报说明"
    ws.append(["填报说明：每年一个工作表"])
    for year in (2026, 2025):
        ws = book.create_sheet(f"{year}年")
        ws.append(["企业名称", "所属行业", "签约日期"])
        ws.append([f"测试{year}医疗", "高端医疗器械", f"{year}-06-10"])
    book.save(tmp_path / "历年.xlsx")
    out = run("import", "enterprises", tmp_path / "历年.xlsx", "--owner", "张伟", "--dry-run").output
    assert "read the sheet 2026年; 2025年 have the list's columns too (--sheet NAME reads another)" in out
    assert "测试2026医疗" in out and "测试2025医疗" not in out
    again = run("import", "enterprises", tmp_path / "历年.xlsx", "--sheet", "2025年", "--owner", "张伟", "--dry-run")
    assert "测试2025医疗" in again.output and "read the sheet" not in again.output


def test_an_import_of_several_lists_names_them_in_the_readers_language(run, db_path, tmp_path, monkeypatch):
    book = Workbook()
    ws = book.active
    ws.title = "目标企业"
    ws.append(["目标企业名称", "所属环节"])
    ws.append(["测试目标公司", "不存在的环节"])
    ws = book.create_sheet("创新场景")
    ws.append(["场景名称", "需求单位", "领域"])
    ws.append(["测试场景", "测试医院", "不存在的领域"])
    book.save(tmp_path / "两张表.xlsx")
    monkeypatch.setenv("PROMO_LANG", "zh")
    out = run("import", "all", tmp_path / "两张表.xlsx").output
    assert re.search(r"^ 目标企业 +2 +拒绝", out, re.M) and re.search(r"^ 创新场景 +2 +拒绝", out, re.M)
    assert "目录中没有名为 '不存在的领域' 的产业" in out
    assert not re.search(r"\b(targets|scenarios|industry)\b", out)
    machine = run("import", "all", tmp_path / "两张表.xlsx", "--format", "csv").output
    assert "targets,2,rejected" in machine  # scripts keep the stable keys


def test_an_update_from_a_sheet_that_lost_a_phones_leading_zero_keeps_the_stored_phone(run, db_path, tmp_path):
    # exported, opened in Excel (a column of numbers drops the 0), saved, imported back with --update
    assert run("enterprises", "update", "华银康", "--phone", "053188880001").exit_code == 0
    path = tmp_path / "back.csv"
    path.write_text("企业名称,联系电话,备注\n华银康,53188880001,复核\n", encoding="utf-8")
    done = run("import", "enterprises", path, "--update")
    assert done.exit_code == 0, done.output
    assert "looks like a landline that lost its leading 0" in done.output
    with sqlite3.connect(db_path) as c:
        phone, note = c.execute("SELECT phone, note FROM enterprises WHERE name LIKE '%华银康%'").fetchone()
    assert (phone, note) == ("053188880001", "复核")
    path.write_text("企业名称,联系电话\n华银康,053188880002\n", encoding="utf-8")  # a real change is one
    assert run("import", "enterprises", path, "--update").exit_code == 0
    with sqlite3.connect(db_path) as c:
        assert c.execute("SELECT phone FROM enterprises WHERE name LIKE '%华银康%'").fetchone()[0] == "053188880002"


def test_a_carriers_phone_that_lost_its_zero_in_excel_is_no_change(run, db_path, tmp_path):
    assert run("carriers", "update", "精准医学产业园", "--phone", "053188880009").exit_code == 0
    path = tmp_path / "carriers.csv"
    path.write_text("载体名称,联系电话\n精准医学产业园,53188880009\n", encoding="utf-8")
    dry = run("import", "carriers", path, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "53188880009" not in dry.output.split("lost its leading 0")[-1]  # no change row beside the warning
    assert run("import", "carriers", path, "--update").exit_code == 0
    with sqlite3.connect(db_path) as c:
        stored = c.execute("SELECT contact_phone FROM carriers WHERE name = '精准医学产业园'").fetchone()[0]
    assert stored == "053188880009"
