"""Every problem of a bad record is reported at once — on the command line and in an import row."""

import sqlite3

from pipeline_helpers import content


def test_an_import_row_reports_every_bad_field(run, db_path, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "name,investment,stage,jobs,country,date\n好企业,100,意向,,,\n坏行,-5,foo,abc,火星,2030-01-01\n",
        encoding="utf-8",
    )
    before = content(db_path)
    result = run("enterprises", "import", path)
    assert result.exit_code == 1
    assert "nothing was imported: 1 of 2 rows" in result.output
    for text in (
        "line 3, investment -5",
        "line 3, stage foo",
        "line 3, jobs abc",
        "line 3, country 火星",
        "line 3, date 2030-01-01",
    ):
        assert text in result.output, text
    assert content(db_path) == before


def test_an_import_row_reports_every_catalogue_problem(run, db_path, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("name,industry,unit,code_name\n坏行,不存在产业,A1-101,项目B-器械\n", encoding="utf-8")
    result = run("enterprises", "import", path)
    assert result.exit_code == 1
    for text in ("no industry named '不存在产业'", "A1-101", "not vacant", "code name '项目B-器械' is already used"):
        assert text in result.output, text


def test_add_reports_every_problem_of_its_options(run, db_path):
    before = content(db_path)
    result = run("enterprises", "add", "坏命令", "--investment", "abc", "--jobs", "x", "--country", "火星")
    assert result.exit_code == 2
    assert all(f in result.output for f in ("--investment abc", "--jobs x", "--country 火星"))
    mixed = run("enterprises", "add", "坏命令", "--investment", "abc", "--unit", "A1-101", "--industry", "不存在产业")
    assert mixed.exit_code == 1
    assert all(f in mixed.output for f in ("--investment abc", "--unit A1-101", "no industry named '不存在产业'"))
    assert content(db_path) == before


def test_a_chinese_import_report_is_chinese_to_its_punctuation(run, db_path, tmp_path, monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "zh")
    path = tmp_path / "zh.csv"
    # one code stored flagged (--accept-bad-check) warns from the write; one row refused with a hint; one new
    path.write_text(
        "企业名称,统一社会信用代码,阶段\n甲公司,91370100MA3C4XPL2K,签约\n乙公司,,签约\n丙公司,91370100MA3C4XPL2K,签约\n",
        encoding="utf-8",
    )
    flagged = run("import", "enterprises", path, "--accept-bad-check", "--skip-invalid")
    assert flagged.exit_code == 0, flagged.output
    assert "第 2 行" in flagged.output and "line 2" not in flagged.output
    assert "新增、" in flagged.output and "新增," not in flagged.output
    path.write_text("企业名称,统一社会信用代码\n丁公司,91370100MA3C4XPL2J\n", encoding="utf-8")
    refused = run("import", "enterprises", path, "--dry-run")
    assert "（如果营业执照上确实是这个代码" in refused.output and " (如果" not in refused.output


def test_rows_with_no_stage_date_are_said_once_by_their_lines(run, db_path, tmp_path, monkeypatch):
    path = tmp_path / "leads.csv"
    rows = [f"无日期线索{i},意向," for i in range(300)] + ["有日期线索,洽谈,2026-11-01"]
    path.write_text("企业名称,阶段,阶段日期\n" + "\n".join(rows) + "\n无日期线索末,洽谈,\n", encoding="utf-8")
    done = run("import", "enterprises", path, "--owner", "张伟")
    assert done.exit_code == 0, done.output
    said = [line for line in done.output.splitlines() if "no stage date" in line]
    assert said == ["note: enterprises: line 2–301, 303: no stage date (阶段日期): in its stage from today, 2026-11-23"]
    with sqlite3.connect(db_path) as c:
        dated = dict(c.execute("SELECT name, stage_date FROM enterprises WHERE name LIKE '%日期线索%'"))
    assert dated["有日期线索"] == "2026-11-01" and dated["无日期线索0"] == dated["无日期线索末"] == "2026-11-23"
    assert run("undo", "--yes").exit_code == 0
    monkeypatch.setenv("PROMO_LANG", "zh")
    done = run("import", "enterprises", path, "--owner", "张伟")
    assert "第 2–301、303 行：未填阶段日期：按今天（2026-11-23）进入所填阶段" in done.output
