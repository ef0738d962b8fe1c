"""An import reads each distinct clean value of a column once: a value that repeats is still reported on every
line it is bad on, and a warning on every line that earns it, named with that line."""

from pipeline_helpers import content

from promo.db import open_catalogue


def test_a_bad_value_repeated_is_reported_on_each_line(run, db_path, tmp_path):
    path = tmp_path / "repeats.csv"
    path.write_text(
        "企业名称,阶段,所属产业,投资额(万元)\n"
        "重复甲有限公司,洽谈,高端医疗器械,100\n"
        "重复乙有限公司,foo,高端医疗器械,abc\n"
        "重复丙有限公司,foo,高端医疗器械,abc\n"
        "重复丁有限公司,洽谈,高端医疗器械,100\n",
        encoding="utf-8",
    )
    before = content(db_path)
    result = run("import", "enterprises", path)
    assert result.exit_code == 1
    assert "nothing was imported: 2 of 4 rows" in result.output
    for line in (3, 4):
        assert f"line {line}, 阶段 foo" in result.output
        assert f"line {line}, 投资额(万元) abc" in result.output
    assert content(db_path) == before


def test_a_warning_repeated_is_given_for_each_line_and_clean_repeats_parse_alike(run, db_path, tmp_path):
    path = tmp_path / "placeholders.csv"
    path.write_text(
        "企业名称,阶段,联系电话,国别\n"
        "占位甲有限公司,洽谈,待定,中国\n"
        "占位乙有限公司,洽谈,待定,中国\n"
        "占位丙有限公司,洽谈,0531-88888888,中國\n"
        "占位丁有限公司,洽谈,0531-88888888,中國\n",
        encoding="utf-8",
    )
    result = run("import", "enterprises", path)
    assert result.exit_code == 0, result.output
    for line in (2, 3):
        assert f"line {line}, 联系电话: '待定' read as empty" in result.output
    rows = open_catalogue(db_path).execute(
        "SELECT name, stage, phone, country FROM enterprises WHERE name LIKE '占位%' ORDER BY name"
    )
    assert sorted(tuple(r) for r in rows) == sorted(
        [
            ("占位甲有限公司", "洽谈", None, "中国"),
            ("占位乙有限公司", "洽谈", None, "中国"),
            ("占位丙有限公司", "洽谈", "0531-88888888", "中国"),
            ("占位丁有限公司", "洽谈", "0531-88888888", "中国"),
        ]
    )


def test_a_bad_value_on_a_line_whose_every_cell_was_read_before_is_named_by_its_column(run, db_path, tmp_path):
    # every cell of line 3 repeats line 2's, so none is read again: the bad date is still named by its column
    # and line (it once came out as --date, the command line's name for it)
    path = tmp_path / "copy.csv"
    path.write_text(
        "企业名称,阶段,阶段日期\n复制甲有限公司,洽谈,2026-13-45\n复制甲有限公司,洽谈,2026-13-45\n", encoding="utf-8"
    )
    result = run("import", "enterprises", path)
    assert result.exit_code == 1
    assert "line 3, 阶段日期 2026-13-45: no such day in the calendar; repeats line 2" in result.output
    assert "--date" not in result.output
