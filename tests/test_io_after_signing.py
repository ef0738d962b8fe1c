"""The after-signing lists from the files offices keep: a 推进表 with a group heading over 计划 and 实际, an
investment sheet in 亿元 with a 合计 row, a 帮办代办 list saved as UTF-16 text, a GB18030 CSV, events and their
deals in one workbook; every bad row named with its column, the good rows stored normalised."""

import datetime as dt
import sqlite3

from openpyxl import Workbook
from pipeline_helpers import content
from test_io_export import after_signing


def _rows(db_path, sql, params=()):
    with sqlite3.connect(db_path) as c:
        return c.execute(sql, params).fetchall()


def progress_sheet(path):
    book = Workbook()
    ws = book.active
    ws.title = "重点项目推进表"
    ws.append(["2026年重点项目建设进度表"])
    ws.merge_cells("A1:G1")
    ws.append(["序号", "项目名称", "开工", None, "竣工", None, "备注"])
    ws.append([None, None, "计划", "实际", "计划", "实际", None])
    for cells in ("C2:D2", "E2:F2", "A2:A3", "B2:B3", "G2:G3"):
        ws.merge_cells(cells)
    ws.append([1, "晨生医疗", dt.datetime(2026, 1, 10), "2026年1月20日", "2026.12.20", "待定", "x"])
    ws.append([2, "不存在的项目", "2026-02-01", None, None, None, None])
    ws.append([3, "场御医疗", None, "=TODAY()", None, None, None])
    ws.append([4, "隐藏企业", "2026-01-01", None, None, None, None])
    ws.row_dimensions[7].hidden = True
    ws.append([5, "示例签约后项目", None, "2024-12-01", None, None, None])  # before its signing (2025-01-05)
    ws.append([6, "晨", "2026-01-01", None, None, None, None])  # a part of a name is not a name
    ws.append(["合计", None, None, None, None, None, None])
    ws.append(["填表人：张伟"])
    book.save(path)
    return path


def test_a_progress_sheet_with_a_group_heading(run, db_path, tmp_path):
    after_signing(run)
    path = progress_sheet(tmp_path / "推进表.xlsx")
    before = content(db_path)
    result = run("import", "milestones", path, "--update")
    out = result.output
    assert result.exit_code == 1 and content(db_path) == before
    assert "rows hidden in Excel were skipped: 7" in out and "合计/小计 rows skipped: line 10" in out
    assert "line 4, 竣工/实际: '待定' read as empty" in out and "columns not understood, ignored: 备注" in out
    assert "line 5: 不存在的项目: no enterprise named '不存在的项目'" in out
    assert "line 6, 开工/实际 =TODAY(): is a formula that was never calculated" in out
    assert "line 8, 开工/实际 2024-12-01: 开工 of 示例签约后项目 cannot come before its signing (2025-01-05)" in out
    assert "line 9: 晨: no enterprise named '晨'" in out
    assert "--date" not in out  # the writer's option is named as the file's column

    done = run("import", "milestones", path, "--update", "--skip-invalid")
    assert done.exit_code == 0, done.output
    assert "milestones: imported 0 of 5 rows (1 changed, 4 rejected)" in done.output
    assert _rows(db_path, "SELECT milestone, planned_date, actual_date, m.note FROM milestones m JOIN enterprises e "
                 "ON e.id = m.enterprise_id WHERE e.name = '晨生医疗' ORDER BY m.id") == [
        ("开工", "2026-01-10", "2026-01-20", None),
        ("竣工", "2026-12-20", None, "主体完工"),
    ]  # fmt: skip


def test_an_investment_sheet_in_yi_with_a_total_row(run, db_path, tmp_path):
    after_signing(run)
    path = tmp_path / "投资完成情况.csv"
    path.write_text(
        "序号,企业名称,年度,季度,累计完成投资（亿元）,到位资金（万元）,税收,用地面积(亩)\n"
        "1,晨生医疗,2026年,全年,0.9,5000,,\n"
        "2,晨生医疗,2026,第三季度,0.7,,,\n"
        "3,场御医疗,2025,,,,-5,40\n"
        "4,场御医疗,2030,,,,10,\n"
        "5,场御医疗,2025,上半年,,,10,\n"
        "6,场御医疗,2025,,,,,\n"
        "合计,,,,1.6,5000,15,40\n",
        encoding="utf-8-sig",
    )
    result = run("import", "reports", path, "--update", "--skip-invalid")
    out = result.output
    assert result.exit_code == 0, out
    assert "合计/小计 rows skipped: line 8" in out
    assert "税收 -5: must not be negative" in out
    assert "年度 2030: is in the future" in out and "--year" not in out
    assert "季度 上半年: use 全年 or Q1-Q4" in out
    assert "the row gives no figure for 2025" in out
    assert "reports: imported 1 of 6 rows (1 new, 1 changed, 4 rejected)" in out
    assert _rows(db_path, "SELECT year, quarter, completed_investment_wan, arrived_wan FROM project_reports r "
                 "JOIN enterprises e ON e.id = r.enterprise_id WHERE e.name = '晨生医疗' ORDER BY year, quarter") == [
        (2026, 0, 9000.0, 5000.0),
        (2026, 2, 3000.0, None),
        (2026, 3, 7000.0, None),
    ]  # fmt: skip


def test_a_service_list_saved_as_unicode_text_and_departments_in_gb18030(run, db_path, tmp_path):
    after_signing(run)
    departments = tmp_path / "部门.csv"
    departments.write_bytes("部门名称,简称\n大数据局,数据局;大数据\n行政审批服务局,审批局\n".encode("gb18030"))
    result = run("import", "departments", departments, "--update")
    assert result.exit_code == 0 and "(1 new, 1 unchanged)" in result.output, result.output  # adds, never drops
    services = tmp_path / "代办.txt"
    services.write_bytes(
        "企业名称\t事项\t办理部门\t代办员\t办理状态\t受理日期\t办结日期\r\n"
        "晨生医疗\t环评\t环保局\t小王\t办结\t2026-03-01\t2026-04-20\r\n"
        "晨生医疗\t数据备案\t数据局\t\t在办\t2026-05-01\t\r\n"
        "场御医疗\t医疗器械注册证\t无此部门\t\t\t\t\r\n".encode("utf-16")
    )
    result = run("import", "services", services, "--update", "--skip-invalid")
    out = result.output
    assert result.exit_code == 0, out
    assert "办理部门 无此部门: no department of that name" in out
    assert "services: imported 1 of 3 rows (1 new, 1 changed, 1 rejected)" in out
    assert _rows(db_path, "SELECT s.item, d.name, s.officer, s.status, s.asked_date FROM services s JOIN departments d "
                 "ON d.id = s.department_id WHERE s.item IN ('环评', '数据备案') ORDER BY s.id") == [
        ("环评", "生态环境局", "小王", "done", "2026-03-01"),
        ("数据备案", "大数据局", None, "doing", "2026-05-01")  # 晨生医疗 has no owner to default to,
    ]  # fmt: skip


def test_events_and_their_deals_in_one_workbook(run, db_path, tmp_path):
    after_signing(run)
    book = Workbook()
    ws = book.active
    ws.title = "招商活动"
    ws.append(["活动名称", "举办时间", "举办地点", "主办方"])
    ws.append(["2026 中日医疗康养推介会", dt.datetime(2026, 6, 1), "东京", "管委会"])
    ws.append(["无日期活动", None, "首尔", None])
    deals = book.create_sheet("活动签约")
    deals.append(["活动名称", "企业名称", "协议类型", "意向投资(亿元)"])
    deals.append(["2026 中日医疗康养推介会", "晨生医疗", "框架协议", 1.5])
    deals.append(["2026 中日医疗康养推介会", "场御医疗", "握手", None])
    path = tmp_path / "活动.xlsx"
    book.save(path)
    before = content(db_path)
    refused = run("import", "all", path)
    assert refused.exit_code == 1 and content(db_path) == before
    assert "events: line 3, 举办时间: is empty" in refused.output
    assert "deals: line 3, 协议类型 握手: use mou" in refused.output
    done = run("import", "all", path, "--skip-invalid")
    assert done.exit_code == 0, done.output
    deals_sql = "SELECT ev.name, d.kind, d.investment_wan FROM event_deals d JOIN events ev ON ev.id = d.event_id"
    assert _rows(db_path, deals_sql + " WHERE ev.name LIKE '%中日%'") == [("2026 中日医疗康养推介会", "mou", 15000.0)]
    assert run("undo", "--yes").exit_code == 0 and content(db_path) == before


def test_a_coordination_list_with_the_words_offices_use(run, db_path, tmp_path):
    after_signing(run)
    path = tmp_path / "协调.csv"
    path.write_text(
        "企业名称,问题描述,牵头部门,包挂领导,解决情况,提出时间,办结时限\n"
        "晨生医疗,道路未通,住建,王主任,协调中,2026-10-01,2026-12-31\n"
        "晨生医疗,用工难,人社,李书记,已解决,2026-09-01,\n"
        "晨生医疗,排污,,李书记,,2027-01-01,\n"
        "晨生医疗,双回路供电未接入,,赵主任,,2026-10-01,\n",
        encoding="utf-8",
    )
    result = run("import", "coordination", path, "--update", "--skip-invalid")
    out = result.output
    assert result.exit_code == 0, out
    assert "提出时间 2027-01-01: is in the future" in out and "--date" not in out
    assert "leader 王主任 → 赵主任" in out
    assert "coordination: imported 2 of 4 rows (2 new, 1 changed, 1 rejected)" in out
    assert _rows(db_path, "SELECT issue, leader, status, closed_date FROM coordination ORDER BY id") == [
        ("双回路供电未接入", "赵主任", "open", None),
        ("人才公寓不足", "李书记", "closed", "2026-10-10"),
        ("道路未通", "王主任", "open", None),
        ("用工难", "李书记", "closed", "2026-11-23"),
    ]


BAD_FILES = {
    "empty.csv": (b"", "is empty (0 bytes)"),
    "renamed.csv": (b"PK\x03\x04rest", "is a zip or Excel workbook"),
    "fake.xlsx": ("企业名称,年度\n晨生医疗,2026\n".encode(), "is named .xlsx but is not an Excel workbook"),
    "broken.xlsx": (b"PK\x03\x04" + b"\x00" * 64, "cannot be read as an Excel workbook"),
    "locked.xlsx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "password-protected"),
    "nohead.csv": ("甲,乙\n1,2\n".encode(), "has no column promo knows"),
    "binary.csv": (b"\x00\x01\x02" * 10, "is not a text file"),
}


def test_bad_files_for_every_list_are_refused_and_nothing_is_written(run, db_path, tmp_path):
    from promo.io.lists import ADAPTERS

    for name, (data, _) in BAD_FILES.items():
        (tmp_path / name).write_bytes(data)
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as fh:  # 200 MB, sparse: refused by its size before a byte is read
        fh.truncate(200 * 1024 * 1024)
    before = content(db_path)
    for list_name in ADAPTERS:
        for name, (_, message) in [*BAD_FILES.items(), ("huge.csv", (None, "promo imports files up to 100 MB"))]:
            result = run("import", list_name, tmp_path / name)
            assert result.exit_code == 2 and message in result.output, (list_name, name, result.output)
            assert "Traceback" not in result.output
    assert content(db_path) == before
