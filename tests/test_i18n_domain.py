"""The domain's messages in the officer's language: errors, warnings, import reports and doctor findings are
Chinese by default and English on request, each naming the field and the value and saying what is accepted."""

from __future__ import annotations

import re

import pytest

from promo.db import change


@pytest.fixture
def zh(monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "zh_CN")


def english_words(text: str) -> list[str]:
    """Words of English prose left in a text: not option names, commands, codes, paths or units."""
    text = re.sub(r"--[\w-]+|promo [\w .…/-]+|'[^']*'|\S*[/\\.]\S*|\b[A-Z0-9-]{2,}\b", " ", text)
    return [w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in ("all", "NAME", "SQLite", "JSON")]


def test_a_bad_value_is_worded_in_chinese_naming_the_option_and_what_is_accepted(run, zh):
    result = run("vacancies", "--min-area", "abc")
    assert result.exit_code == 2
    assert "--min-area abc：不是数字" in result.output

    result = run("enterprises", "add", "测试医疗器械有限公司", "--stage", "foo")
    assert result.exit_code == 2
    assert "'--stage' 的值无效：foo：请用 意向、洽谈、签约、注册、落地、投产、达效" in result.output
    assert english_words(result.output.split("foo：", 1)[1]) == []


def test_the_same_value_in_english_lists_both_names(run):
    result = run("enterprises", "add", "测试医疗器械有限公司", "--stage", "foo")
    assert result.exit_code == 2
    assert "'--stage': foo: use one of lead (意向), negotiating (洽谈)" in result.output


def test_a_credit_code_is_explained_position_by_position(run, zh):
    result = run("enterprises", "add", "测试医疗器械有限公司", "--uscc", "91370100MA3C5XXXXX")
    assert result.exit_code == 2
    assert "校验码（最后一位 X）与前 17 位不符" in result.output
    assert "--accept-bad-check" in result.output
    result = run("enterprises", "add", "测试医疗器械有限公司", "--uscc", "I1370100MA3C5EXW6")
    assert "统一社会信用代码应为 18 位，这里有 17 位" in result.output


def test_not_found_names_the_kind_of_record_and_suggests(run, zh):
    result = run("enterprises", "move", "不存在的公司", "落地")
    assert result.exit_code == 1
    assert "目录中没有名为 '不存在的公司' 的企业" in result.output
    result = run("carriers", "show", "精准医学产业")
    assert result.exit_code == 0  # a unique part of the name is enough
    result = run("units", "set-status", "精准医学产业园/ZZ-999", "预留")
    assert "目录中没有名为 'ZZ-999' 的精准医学产业园中的单元" in result.output


def test_a_refusal_from_the_catalogue_is_a_whole_chinese_sentence(run, zh):
    result = run("enterprises", "move", "树兰(济南)医院", "洽谈")
    assert result.exit_code == 2
    assert "把 树兰(济南)医院 从投产退回洽谈需要给出原因" in result.output
    assert english_words(result.output) == [], result.output
    result = run("enterprises", "add", "树兰（济南）医院")
    assert result.exit_code == 1
    assert "已在目录中，记作 树兰(济南)医院" in result.output and "统一全角/半角后名称相同" in result.output
    assert english_words(result.output) == [], result.output


def test_a_date_in_the_future_says_today_in_chinese(run, zh):
    result = run("enterprises", "add", "测试医疗器械有限公司", "--date", "2099-01-01")
    assert result.exit_code == 2
    assert "--date 2099-01-01：是将来的日期（今天是 2026-11-23）" in result.output


def test_warnings_of_a_write_are_chinese(conn, zh):
    from promo import enterprises
    from promo.enterprise_fields import parse_fields

    f = parse_fields({"name": "树兰医院", "stage": "签约"})
    out = change(conn, enterprises.add, f)
    assert any("目录中有相似的名称" in w for w in out["warnings"]), out["warnings"]


def test_an_import_report_gives_its_reasons_in_chinese(tmp_path, run, zh):
    csv = tmp_path / "enterprises.csv"
    csv.write_text("企业名称,阶段,投资额(万元)\n甲公司,签约,abc\n乙公司,不知道,100\n", encoding="utf-8")
    result = run("import", "enterprises", csv, "--dry-run")
    out = result.output
    assert "不是金额" in out and "不是阶段" in out
    assert "没有导入任何内容" in out or "拒绝" in out
    assert "not a stage" not in out and "not an amount" not in out


def test_the_rejects_file_carries_the_reason_in_the_users_language(tmp_path, run, zh):
    csv = tmp_path / "enterprises.csv"
    csv.write_text("企业名称,阶段\n甲公司,不知道\n乙公司,签约\n", encoding="utf-8")
    rejects = tmp_path / "rejects.csv"
    result = run("import", "enterprises", csv, "--skip-invalid", "--rejects", rejects)
    assert result.exit_code == 0, result.output
    text = rejects.read_text(encoding="utf-8-sig")
    assert "原因" in text and "不是阶段" in text


def test_doctor_findings_are_worded_in_chinese(db_path, run, zh):
    import sqlite3

    c = sqlite3.connect(db_path)
    lead = "(SELECT id FROM enterprises WHERE stage = '意向' ORDER BY id LIMIT 1)"
    c.execute(f"UPDATE units SET status = 'leased', enterprise_id = {lead} WHERE id = (SELECT min(id) FROM units)")
    c.execute("UPDATE enterprises SET stage = '达效' WHERE id = (SELECT max(id) FROM enterprises)")
    c.commit()
    c.close()
    result = run("doctor")
    assert result.exit_code == 1
    assert "租给了尚未签约的企业" in result.output
    assert "当前阶段是达效，但阶段记录止于" in result.output


def test_files_name_what_was_not_written(tmp_path, run, zh):
    (tmp_path / "brief.md").write_text("old", encoding="utf-8")
    result = run("brief", "-o", tmp_path / "brief.md")
    assert result.exit_code == 2  # a destination that cannot be written as given is a usage error
    assert "已存在；推介材料未写入" in result.output
    assert "--force" in result.output


def test_a_foreign_file_is_refused_in_chinese(tmp_path, monkeypatch, zh):
    from click.testing import CliRunner

    from promo.cli import cli

    other = tmp_path / "notes.db"
    other.write_text("not a database", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", str(other), "vacancies"])
    assert result.exit_code == 1
    assert "不是 SQLite 数据库，不是 promo 目录文件；文件未作任何改动" in result.output


def test_every_choice_list_follows_the_language(monkeypatch):
    from promo.vocabulary import choices

    monkeypatch.setenv("PROMO_LANG", "zh")
    assert choices("unit_status") == "空置、预留、已租、装修中、不可租"
    monkeypatch.setenv("PROMO_LANG", "en")
    assert choices("unit_status").startswith("vacant (空置), reserved (预留)")
    assert choices("stage").startswith("意向 (lead), 洽谈 (negotiating)")
