"""帮办代办路径 (service templates) in and out of workbooks like every other list: exported as a sheet, read back
by `import all`, imported on their own from an office's sheet with its own words, with a template."""

import sqlite3

from openpyxl import load_workbook
from pipeline_helpers import content


def _paths(db_path, industry_code):
    with sqlite3.connect(db_path) as c:
        return c.execute(
            "SELECT t.item, d.name, t.days FROM service_templates t JOIN departments d ON d.id = t.department_id "
            "WHERE t.industry_code IS ? ORDER BY t.sort, t.id",
            (industry_code,),
        ).fetchall()


def test_an_office_sheet_of_usual_services(run, db_path, tmp_path):
    path = tmp_path / "代办路径.csv"
    path.write_text(
        "序号,适用产业,审批事项,牵头部门,办理时限\r\n"
        "1,高端医疗器械,消防验收,住建局,20个工作日\r\n"
        "2,所有项目,规划许可,自然资源和规划局,30天\r\n"
        "3,高端医疗器械,医疗器械注册证,药监局,120\r\n"  # 180 days stored: a change
        "4,不存在的产业,环评,生态环境局,30\r\n"
        "5,高端医疗器械,临床试验备案,,10\r\n"
        "6,高端医疗器械,辐射安全许可,生态环境局,-3\r\n",
        encoding="gb18030",
    )
    before = content(db_path)
    refused = run("import", "service-templates", path)
    assert refused.exit_code == 1 and content(db_path) == before
    out = refused.output
    assert "line 5, 适用产业 不存在的产业: no industry of that name or code" in out
    assert "临床试验备案: a new service on a path names its department (责任部门)" in out
    assert "line 7, 办理时限 -3" in out

    done = run("import", "service-templates", path, "--skip-invalid", "--update")
    assert done.exit_code == 0, done.output
    assert "service templates: imported 2 of 6 rows (2 new, 1 changed, 3 rejected)" in done.output
    assert "matches 高端医疗器械: 医疗器械注册证 (the same industry and item): days 180 → 120" in done.output
    device = _paths(db_path, "med-device")
    assert ("消防验收", "住房和城乡建设局", 20) in device and ("医疗器械注册证", "药品监督管理局", 120) in device
    assert ("规划许可", "自然资源和规划局", 30) in _paths(db_path, None)

    again = run("import", "service-templates", path, "--skip-invalid", "--update")
    assert "(3 unchanged, 3 rejected)" in again.output
    assert run("undo", "--yes").exit_code == 0
    assert content(db_path) == before


def test_exported_as_a_sheet_and_as_a_template(run, db_path, tmp_path):
    out = tmp_path / "all.xlsx"
    assert run("export", "-o", out).exit_code == 0
    sheet = load_workbook(out)["帮办代办路径"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("适用行业", "事项", "责任部门", "通常天数")
    assert (None, "环评", "生态环境局", 60) in rows
    assert ("高端医疗器械", "医疗器械注册证", "药品监督管理局", 180) in rows
    template = tmp_path / "t.xlsx"
    assert run("template", "service-templates", "-o", template).exit_code == 0
    assert [c.value for c in load_workbook(template).worksheets[0][1]] == ["适用行业", "事项", "责任部门", "通常天数"]
