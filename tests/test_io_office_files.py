"""Files as offices write them, for the lists beyond enterprises: a template's own example row imports, floors
and indicators are read in the words of zone sheets, and the import's summary speaks the reader's language."""

from openpyxl import Workbook
from pipeline_helpers import query

from promo.io.lists import ADAPTERS


def test_every_template_example_imports(run, db_path, tmp_path):
    # in dependency order: the enterprise the after-signing examples name is the enterprises template's example
    for name in ADAPTERS:
        path = tmp_path / f"{name}.xlsx"
        assert run("template", name, "-o", path).exit_code == 0
        result = run("import", name, path)
        assert result.exit_code == 0, (name, result.output)
        assert "rejected" not in result.output, (name, result.output)


def test_floors_and_indicators_in_the_words_of_zone_sheets(run, db_path, tmp_path):
    book = Workbook()
    ws = book.active
    ws.title = "房源"
    ws.append(["载体", "房号", "楼层", "建筑面积（㎡）", "租金（元/平方米/天）", "状态"])
    for unit, floor in (
        ("T-1", "3层"),
        ("T-2", "2F"),
        ("T-3", "B1"),
        ("T-4", "负2层"),
        ("T-5", 4),
        ("T-6", "十层"),
        ("T-7", "顶层"),
    ):
        ws.append(["精准医学产业园", unit, floor, 100, 1.2, "空置"])
    ws = book.create_sheet("准入")
    ws.append(["指标名称", "度量", "比较", "门槛值", "单位"])
    ws.append(["测试投资强度", "投资强度", "≥", 300, "万元/亩"])
    ws.append(["测试研发", "研发投入占比", "不小于", 3, "%"])
    path = tmp_path / "园区.xlsx"
    book.save(path)

    units = run("import", "units", path, "--sheet", "房源", "--skip-invalid")
    assert units.exit_code == 0, units.output
    assert "imported 6 of 7 rows" in units.output
    assert "顶层: not a number" in units.output  # a floor that is no number is named, not guessed
    floors = dict(query(db_path, "SELECT code, floor FROM units WHERE code LIKE 'T-%'"))
    assert floors == {"T-1": 3, "T-2": 2, "T-3": -1, "T-4": -2, "T-5": 4, "T-6": 10}  # 十层 is 10 as 3层 is 3

    criteria = run("import", "criteria", path, "--sheet", "准入")
    assert criteria.exit_code == 0, criteria.output
    stored = query(db_path, "SELECT metric, op, threshold FROM criteria WHERE name LIKE '测试%' ORDER BY name")
    assert sorted(stored) == [("investment_intensity", ">=", 300.0), ("rd_share", ">=", 3.0)]
    assert run("units", "add", "精准医学产业园", "T-9", "--area", "50", "--floor", "5F").exit_code == 0


def test_the_summary_names_lists_and_outcomes_in_chinese(run, tmp_path, monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "zh")
    path = tmp_path / "线索.csv"
    path.write_text("企业名称,投资额(万元)\n甲测试有限公司,100\n乙测试有限公司,abc\n晨生医疗,\n", encoding="utf-8")
    result = run("import", "enterprises", path, "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert "企业：已导入 3 行中的 1 行（1 新增、1 不变、1 拒绝）" in result.output
    assert "enterprises" not in result.output and "rejected" not in result.output
    exported = run("export", "enterprises", "targets", "-o", tmp_path / "x.xlsx")
    assert "企业 31 行, 目标企业 9 行" in exported.output


def eligibility(db_path) -> dict:
    return dict(
        (name, (recorded, industries, sample))
        for name, recorded, industries, sample in query(
            db_path,
            """SELECT p.name, e.policy_id IS NOT NULL, e.industries, e.sample
               FROM policies p LEFT JOIN policy_eligibility e ON e.policy_id = p.id""",
        )
    )


def test_policy_conditions_unrecorded_open_to_all_or_sample_survive_a_round_trip(run, db_path, tmp_path):
    assert run("policies", "add", "测试普惠政策", "--issuer", "管委会").exit_code == 0  # open to all, on record
    before = eligibility(db_path)
    assert before["国务院关于山东新旧动能转换综合试验区建设总体方案的批复"] == (0, None, None)  # not entered
    assert before["海右人才政策"][2] == 1 and before["测试普惠政策"] == (1, None, 0)  # sample conditions; open
    path = tmp_path / "政策.xlsx"
    assert run("export", "policies", "-o", path).exit_code == 0
    empty = tmp_path / "empty.db"
    assert run("--db", empty, "init", "--empty", "--zone", "新区").exit_code == 0
    for name in ("chain", "carriers"):  # what the conditions name
        assert run("export", name, "-o", tmp_path / f"{name}.xlsx").exit_code == 0
        assert run("--db", empty, "import", name, tmp_path / f"{name}.xlsx").exit_code == 0
    result = run("--db", empty, "import", "policies", path)
    assert result.exit_code == 0, result.output
    assert eligibility(empty) == before
    again = run("import", "policies", path)
    assert "imported 0 of 12 rows (12 unchanged)" in again.output, again.output
    shown = run("--db", empty, "policies")
    assert shown.output == run("policies").output  # the ※ of sample conditions included


def test_a_policy_sheet_says_open_to_all_in_its_own_words(run, db_path, tmp_path):
    path = tmp_path / "政策.csv"
    path.write_text(
        "政策名称,发文单位,适用行业,适用对象\n测试甲政策,管委会,全部,企业\n测试乙政策,管委会,,\n", encoding="utf-8"
    )
    result = run("import", "policies", path)
    assert result.exit_code == 0, result.output
    got = eligibility(db_path)
    assert got["测试甲政策"] == (1, None, 0)  # every industry
    assert got["测试乙政策"] == (0, None, None)  # no condition given: not recorded, promo says to read the policy


def history(db_path, name: str) -> list[tuple]:
    return query(
        db_path,
        """SELECT h.stage, h.date, h.reason FROM stage_history h JOIN enterprises e ON e.id = h.enterprise_id
           WHERE e.name = ? ORDER BY h.date, h.id""",
        (name,),
    )


def test_the_stage_history_travels_with_the_export(run, db_path, tmp_path):
    run("enterprises", "add", "历史测试有限公司", "--stage", "意向", "--date", "2026-01-05")
    for stage, date in (("洽谈", "2026-02-01"), ("签约", "2026-03-01"), ("落地", "2026-06-01")):
        assert run("enterprises", "move", "历史测试有限公司", stage, "--date", date).exit_code == 0
    path = tmp_path / "全部.xlsx"
    assert run("export", "-o", path).exit_code == 0
    empty = tmp_path / "empty.db"
    assert run("--db", empty, "init", "--empty", "--zone", "新区").exit_code == 0
    result = run("--db", empty, "import", "all", path)
    assert result.exit_code == 0, result.output
    assert "stage history: imported 2 of 34 rows (2 new, 32 unchanged)" in result.output  # 意向 and 洽谈
    assert history(empty, "历史测试有限公司") == history(db_path, "历史测试有限公司")
    assert len(history(empty, "历史测试有限公司")) == 4
    assert run("--db", empty, "pipeline").output == run("pipeline").output  # the funnel's times in each stage
    assert "imported 0 of 34 rows (34 unchanged)" in run("import", "stage-history", path).output


def test_a_stage_entry_after_the_current_stage_is_refused(run, db_path, tmp_path):
    path = tmp_path / "阶段.csv"
    path.write_text(
        "企业名称,阶段,日期,说明\n"
        "晨生医疗,意向,2025-01-10,展会结识\n"
        "晨生医疗,落地,2026-01-01,\n"  # after its current stage (签约 on 2025-06-26)
        "晨生医疗,洽谈,2030-01-01,\n"  # in the future
        "不存在企业,意向,2025-01-01,\n",
        encoding="utf-8",
    )
    result = run("import", "stage-history", path, "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert "imported 1 of 4 rows (1 new, 3 rejected)" in result.output
    assert "would come after it" in result.output and "is in the future" in result.output
    assert ("意向", "2025-01-10", "展会结识") in history(db_path, "晨生医疗")


def test_every_list_round_trips_through_its_own_csv(run, db_path, tmp_path):
    from test_io_export import after_signing

    after_signing(run)
    empty = tmp_path / "empty.db"
    assert run("--db", empty, "init", "--empty", "--zone", "新区").exit_code == 0
    for name in ADAPTERS:  # in dependency order, one file and one import each
        path = tmp_path / f"{name}.csv"
        assert run("export", name, "-o", path).exit_code == 0
        # the stage entries the enterprises import wrote are on file by now: a reason is completed with --update
        # and the zone's name, chosen at init, becomes the exported zone's only with --update
        result = run("--db", empty, "import", name, path, *(("--update",) if name in ("stage-history", "zone") else ()))
        assert result.exit_code == 0, (name, result.output)
        assert "rejected" not in result.output, (name, result.output)
    for name in ADAPTERS:
        first, second = tmp_path / f"{name}.csv", tmp_path / f"{name}-again.csv"
        assert run("--db", empty, "export", name, "-o", second).exit_code == 0
        assert second.read_text(encoding="utf-8-sig") == first.read_text(encoding="utf-8-sig"), name
    # semicolons inside cells (a department's short names) did not make the file semicolon-separated
    assert "消防救援支队,消防" in (tmp_path / "departments.csv").read_text(encoding="utf-8-sig")


def test_long_lists_are_exported_a_row_at_a_time(run, db_path):
    from test_io_export import after_signing

    from promo.db import open_catalogue
    from promo.io.lists import adapter

    after_signing(run)  # two projects with milestones, three reports
    conn = open_catalogue(db_path)
    for name, table in (
        ("units", "units"),
        ("stage-history", "stage_history"),
        ("enterprises", "enterprises"),
        ("reports", "project_reports"),
        ("milestones", "(SELECT DISTINCT enterprise_id FROM milestones)"),
    ):
        a = adapter(name)
        rows = a.export_rows(conn)
        assert not hasattr(rows, "__len__"), name  # a generator: the workbook holds one row at a time
        assert a.count(conn) == conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == sum(1 for _ in rows)
    assert [r["enterprise"] for r in adapter("milestones").export_rows(conn)] == ["晨生医疗", "示例签约后项目"]
    conn.close()


def test_a_policy_row_updates_its_sample_mark_only_when_it_says_so(run, db_path, tmp_path):
    path = tmp_path / "政策.csv"
    path.write_text("政策名称,发布单位\n海右人才政策,济南市人才办\n", encoding="utf-8")  # no conditions given
    assert run("import", "policies", path, "--update").exit_code == 0
    assert eligibility(db_path)["海右人才政策"][2] == 1  # its sample conditions stay marked
    path.write_text("政策名称,适用主体,适用条件为示例\n海右人才政策,企业,\n", encoding="utf-8")
    result = run("import", "policies", path, "--update")
    assert result.exit_code == 0 and "1 changed" in result.output, result.output
    assert eligibility(db_path)["海右人才政策"][2] == 0  # conditions written by the office: no longer sample
