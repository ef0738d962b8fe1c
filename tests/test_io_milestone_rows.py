"""Milestones one row per milestone (企业名称 | 节点 | 计划日期 | 实际日期), as offices keep their 节点台账: read by
their headers, each row named by its line, conflicts refused on both lines, rows written whatever their order,
rejects written back in the same layout and importable once corrected."""

import datetime as dt
import sqlite3

from openpyxl import Workbook, load_workbook
from pipeline_helpers import content
from test_io_export import after_signing


def _milestones(db_path, name):
    with sqlite3.connect(db_path) as c:
        return c.execute(
            "SELECT milestone, planned_date, actual_date, m.note FROM milestones m JOIN enterprises e "
            "ON e.id = m.enterprise_id WHERE e.name = ? ORDER BY m.milestone",
            (name,),
        ).fetchall()


def ledger_sheet(path):
    """A 节点台账: a title merged across the sheet, the project's name merged down over its rows, 序号, dates
    typed in several ways, a 节点 no one knows, an unknown project, and two rows giving 开工 different dates."""
    book = Workbook()
    ws = book.active
    ws.title = "节点台账"
    ws.append(["2026年重点项目节点台账"])
    ws.merge_cells("A1:F1")
    ws.append(["序号", "项目名称", "节点", "计划日期", "实际日期", "备注"])
    ws.append([1, "晨生医疗", "开工", "2026-01-10", "2026年1月20日", None])  # as stored: unchanged
    ws.append([2, None, "竣工", "2026.12.20", None, "主体完工"])  # planned moved
    ws.append([3, None, "投产", dt.datetime(2027, 6, 30), None, None])  # new
    ws.merge_cells("B3:B5")
    ws.append([4, "示例签约后项目", "竣工", None, "2025/9/1", None])
    ws.append([5, None, "封顶", "2025-10-01", None, None])
    ws.merge_cells("B6:B7")
    ws.append([6, "不存在的项目", "开工", "2026-01-01", None, None])
    ws.append([7, "场御医疗", "开工", "2026-03-01", None, None])
    ws.append([8, "场御医疗", "开工", "2026-04-01", None, None])
    ws.append(["合计", None, None, None, None, None])
    book.save(path)
    return path


def test_a_milestone_ledger_one_row_per_milestone(run, db_path, tmp_path):
    after_signing(run)
    path = ledger_sheet(tmp_path / "节点台账.xlsx")
    before = content(db_path)

    dry = run("import", "milestones", path, "--dry-run", "--format", "json")
    assert dry.exit_code == 1 and content(db_path) == before
    import json

    shown = {r["line"]: (r["status"], r["name"], r["detail"]) for r in json.loads(dry.stdout)}
    assert shown[3][:2] == ("unchanged", "晨生医疗 开工")
    assert shown[4][0] == "kept" and "planned 2026-12-01 → 2026-12-20" in shown[4][2]
    assert shown[5][:2] == ("new", "晨生医疗 投产") and shown[6][:2] == ("new", "示例签约后项目 竣工")
    assert shown[7][0] == "rejected" and "节点 封顶: not a milestone" in shown[7][2]
    assert shown[8][0] == "rejected" and "no enterprise named '不存在的项目'" in shown[8][2]
    for line, other in ((9, 10), (10, 9)):
        assert shown[line][0] == "rejected"
        assert (
            f"conflict: 开工 of 场御医疗 has other dates on line {other} (planned: 2026-03-01 vs 2026-04-01)"
            in (shown[line][2])
        )
    assert "合计/小计 rows skipped: line 11" in dry.output

    refused = run("import", "milestones", path, "--update")
    assert refused.exit_code == 1 and content(db_path) == before
    assert "line 7, 节点 封顶: not a milestone" in refused.output  # the title is not read as a group heading

    rejects = tmp_path / "退回.xlsx"
    done = run("import", "milestones", path, "--update", "--skip-invalid", "--rejects", rejects)
    assert done.exit_code == 0, done.output
    assert "milestones: imported 2 of 8 rows (2 new, 1 unchanged, 1 changed, 4 rejected)" in done.output
    assert _milestones(db_path, "晨生医疗") == [
        ("开工", "2026-01-10", "2026-01-20", None),
        ("投产", "2027-06-30", None, None),
        ("竣工", "2026-12-20", None, "主体完工"),
    ]
    assert ("竣工", None, "2025-09-01", None) in _milestones(db_path, "示例签约后项目")

    back = [list(r) for r in load_workbook(rejects).active.iter_rows(values_only=True)]
    assert back[0] == ["序号", "项目名称", "节点", "计划日期", "实际日期", "备注", "原因"]
    assert [r[:4] for r in back[1:]] == [
        [5, "示例签约后项目", "封顶", "2025-10-01"],  # the merged name travels with its row
        [6, "不存在的项目", "开工", "2026-01-01"],
        [7, "场御医疗", "开工", "2026-03-01"],
        [8, "场御医疗", "开工", "2026-04-01"],
    ]

    # the office corrects the rejects file: 封顶 was 投产, drops the unknown project and the wrong 开工 row
    book = load_workbook(rejects)
    ws = book.active
    ws["C2"] = "投产"
    ws.delete_rows(5)
    ws.delete_rows(3)
    book.save(rejects)
    again = run("import", "milestones", rejects)
    assert again.exit_code == 0, again.output
    assert "milestones: imported 2 of 2 rows (2 new)" in again.output
    assert ("投产", "2025-10-01", None, None) in _milestones(db_path, "示例签约后项目")
    assert _milestones(db_path, "场御医疗") == [("开工", "2026-03-01", None, None)]

    for _step in range(2):
        assert run("undo", "--yes").exit_code == 0
    assert content(db_path) == before


def test_rows_moving_a_project_later_are_written_whatever_their_order(run, db_path, tmp_path):
    """开工 moved after the stored 竣工 is refused on its own, and accepted once the file's 竣工 is written."""
    after_signing(run)
    path = tmp_path / "nodes.csv"
    path.write_text("enterprise,milestone,planned\n晨生医疗,开工,2027-01-10\n晨生医疗,竣工,2027-05-20\n")
    result = run("import", "milestones", path, "--update")
    assert result.exit_code == 0, result.output
    assert "(2 changed)" in result.output
    assert _milestones(db_path, "晨生医疗")[:2] == [("开工", "2027-01-10", "2026-01-20", None),
                                                  ("竣工", "2027-05-20", None, "主体完工")]  # fmt: skip

    # the same move in one row per project
    wide = tmp_path / "wide.csv"
    wide.write_text("企业名称,计划开工日期,计划竣工日期\n晨生医疗,2027-03-10,2027-08-20\n")
    result = run("import", "milestones", wide, "--update")
    assert result.exit_code == 0, result.output
    assert [m[1] for m in _milestones(db_path, "晨生医疗")[:2]] == ["2027-03-10", "2027-08-20"]


def test_a_real_order_problem_is_still_refused_and_named(run, db_path, tmp_path):
    after_signing(run)
    path = tmp_path / "nodes.csv"
    path.write_text(
        "企业名称,节点,计划日期,实际日期\r\n晨生医疗,竣工,2025-12-01,\r\n晨生医疗,达效,,2020-01-01\r\n晨生医疗,投产,,\r\n"
    )
    before = content(db_path)
    result = run("import", "milestones", path, "--update")
    assert result.exit_code == 1 and content(db_path) == before
    assert "line 2, 计划日期 2025-12-01: 竣工 cannot come before 开工 (2026-01-10) of 晨生医疗" in result.output
    assert "line 3, 实际日期 2020-01-01: 达效 of 晨生医疗 cannot come before its signing" in result.output
    assert "line 4, 节点 投产: the row gives neither a planned nor an actual date" in result.output
    assert "--planned" not in result.output and "--date" not in result.output


def test_chinese_report_of_a_milestone_ledger(run, db_path, tmp_path, monkeypatch):
    after_signing(run)
    monkeypatch.setenv("PROMO_LANG", "zh")
    path = tmp_path / "nodes.csv"
    path.write_text("项目名称,节点名称,计划时间,实际时间\n晨生医疗,投产,2027-06-30,\n晨生医疗,投产,2027-07-30,\n")
    result = run("import", "milestones", path, "--dry-run")
    assert "冲突" in result.output and "第 3 行" in result.output, result.output
