"""Re-importing a changed row is an update for every list: the dry run names the field, old → new; --update
applies it through the list's own writer; the next import finds it unchanged; one undo takes it back."""

import pytest
from openpyxl import load_workbook
from pipeline_helpers import content
from test_io_export import after_signing

# (list, sheet, row of the sheet (2 = first data row) chosen by its first cell, column, new value, shown change)
CHANGES = [
    ("enterprises", "企业", "示例签约后项目", "认领日期", "2025-01-02", "claim since 2025-01-05 → 2025-01-02"),
    ("zone", "园区概况", "电话", "值", "0531-12345678", "value 0531-00000000 → 0531-12345678"),
    ("targets", "目标企业", None, "优先级", "低", "priority high → low"),
    ("targets", "目标企业", None, "状态", "已放弃", "status open → dropped"),
    ("scenarios", "创新场景", None, "需求描述", "新的需求", "need "),
    ("scenarios", "创新场景", None, "状态", "已对接", "status open → matched"),
    ("chain", "产业链", "医用机器人", "英文名称", "Imaging and radiotherapy", "→ Imaging and radiotherapy"),
    ("chain", "产业链", "医用机器人", "上级", "新一代生物技术", "→ 新一代生物技术"),
    ("policies", "产业政策", None, "最低就业(人)", 80, "min jobs 50 → 80"),
    ("departments", "部门", "消防救援支队", "简称", "消防;消防支队", "short names 消防 → 消防;消防支队"),
    ("milestones", "项目节点", "晨生医疗", "计划竣工日期", "2026-12-20", "completion planned 2026-12-01 → 2026-12-20"),
    ("reports", "项目报表", "晨生医疗", "到位资金(万元)", 6000, "capital arrived 5,000 → 6,000 (10k CNY)"),
    ("services", "帮办代办", None, "状态", "暂缓", "status in progress → paused"),
    ("coordination", "协调事项", None, "责任领导", "赵主任", "leader 王主任 → 赵主任"),
    ("coordination", "协调事项", None, "状态", "已解决", "status open → solved"),
    ("events", "招商活动", None, "地点", "青岛", "place 首尔 → 青岛"),
    ("deals", "活动签约", None, "签约类型", "正式合同", "kind MOU → contract"),
]


def _edit(path, sheet, first_cell, column, value):
    book = load_workbook(path)
    ws = book[sheet]
    header = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2))
    row = next(r for r in rows if first_cell is None or first_cell in [c.value for c in r])
    row[header.index(column)].value = value
    for other in book.sheetnames:
        if other != sheet:
            del book[other]
    book.save(path)


@pytest.mark.parametrize("name,sheet,first,column,value,shown", CHANGES, ids=[f"{c[0]}-{c[3]}" for c in CHANGES])
def test_a_changed_row_is_an_update(run, db_path, tmp_path, name, sheet, first, column, value, shown):
    after_signing(run)
    path = tmp_path / "lists.xlsx"
    assert run("export", "-o", path).exit_code == 0
    _edit(path, sheet, first, column, value)
    before = content(db_path)
    preview = run("import", name, path, "--dry-run", "--format", "csv")
    assert preview.exit_code == 0, preview.output
    assert shown in preview.output and ",kept," in preview.output, preview.output
    assert content(db_path) == before
    kept = run("import", name, path, "--format", "csv")  # without --update a change is reported, not applied
    assert kept.exit_code == 0 and "not applied: use --update" in kept.output
    assert content(db_path) == before
    applied = run("import", name, path, "--update")
    assert applied.exit_code == 0, applied.output
    assert "1 changed" in applied.output
    again = run("import", name, path)
    assert again.exit_code == 0 and " changed" not in again.output and "not updated" not in again.output, again.output
    assert run("undo", "--yes").exit_code == 0
    assert content(db_path) == before
