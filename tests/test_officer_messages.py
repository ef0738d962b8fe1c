"""What a new officer meets doing the daily jobs (issue 13's walkthrough): messages name arguments and stages in
the user's language, and a message longer than the terminal is wrapped without splitting a date or a number."""

from __future__ import annotations

import re

import pytest

from promo import screen


@pytest.fixture
def chinese(monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "zh_CN")


def test_a_wrong_stage_names_the_argument_in_chinese(run, chinese):
    r = run("enterprises", "move", "菲士医学", "发射")
    assert r.exit_code == 2
    assert "阶段 发射：不是阶段" in r.output and "STAGE" not in r.output


def test_a_wrong_stage_names_the_argument_in_english(run):
    r = run("enterprises", "move", "菲士医学", "发射")
    assert r.exit_code == 2
    assert "STAGE 发射: not a stage" in r.output


def test_help_names_the_overdue_kind_in_chinese(run, chinese):
    r = run("overdue", "--help")
    assert "--kind [跟进|阶段|租约|节点|代办|协调]" in r.output and "KIND" not in r.output


def test_messages_give_command_placeholders_in_chinese(run, chinese, monkeypatch, tmp_path):
    r = run("search")
    assert r.exit_code == 2 and "请给出要搜索的文本" in r.output and "TEXT" not in r.output
    r = run("backup", "")
    assert "省略文件名" in r.output and "FILE" not in r.output


def test_moves_say_the_stage_in_the_users_language(run):
    r = run("enterprises", "add", "某新公司", "--stage", "洽谈")
    assert "at negotiating on 2026-11-23" in r.output and "洽谈" not in r.output
    r = run("enterprises", "move", "某新公司", "已签约")
    assert "from negotiating to signed on 2026-11-23" in r.output
    r = run("enterprises", "move", "某新公司", "洽谈", "--reason", "退回")
    assert "from signed to negotiating on 2026-11-23 (back)" in r.output


def test_moves_say_the_stage_in_chinese(run, chinese):
    run("enterprises", "add", "某新公司", "--stage", "洽谈")
    r = run("enterprises", "move", "某新公司", "signed")
    assert "从 洽谈 推进到 签约" in r.output


def test_a_logged_activity_is_named_once_in_the_users_language(run, chinese, monkeypatch):
    r = run("enterprises", "log-activity", "菲士医学", "--kind", "回访")
    assert "的走访，日期 2026-11-23" in r.output and "visit" not in r.output
    monkeypatch.setenv("PROMO_LANG", "en")
    r = run("enterprises", "log-activity", "菲士医学", "--kind", "电话")
    assert "logged call with 菲士医学 on 2026-11-23" in r.output and "电话" not in r.output


def test_sample_enterprises_carry_the_mark_their_note_explains(run, chinese):
    out = run("enterprises").output
    assert "※ 标 ※ 的行为示例数据" in out and "sample" not in out
    rows = [line for line in out.splitlines() if line.startswith(" ")]
    assert sum("※" in line for line in rows) == 5  # the seed's five sample enterprises, their names wrapped
    assert not re.search(r"菲士医学 *※", out)  # a real enterprise is not marked


def test_the_funnels_median_counts_enterprises_in_chinese(run, chinese):
    run("enterprises", "move", "晨生医疗", "注册")
    out = run("pipeline").output
    assert "（1 家）" in out and "n=" not in out


@pytest.mark.parametrize("columns", [60, 80])
def test_a_long_message_is_wrapped_to_the_terminal_without_splitting_a_date(run, chinese, monkeypatch, columns):
    monkeypatch.setattr(screen, "is_terminal", lambda stream: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    r = run("enterprises", "log-activity", "菲士医学", "--kind", "走访", "--note", "看厂房", "--next", "7天后")
    lines = r.output.splitlines()
    assert len(lines) > 1 or columns == 80
    measure = screen.Measure()
    assert all(measure(line) < columns for line in lines), lines
    assert "2026-11-30" in r.output  # whole, on one line


def test_a_long_error_is_wrapped_to_the_terminal_without_splitting_a_date(run, chinese, monkeypatch):
    monkeypatch.setattr(screen, "is_terminal", lambda stream: True)
    monkeypatch.setenv("COLUMNS", "60")
    r = run("enterprises", "log-activity", "菲士医学", "--kind", "走访", "--next", "下下下周")
    assert r.exit_code == 2
    lines = r.output.splitlines()
    measure = screen.Measure()
    assert len(lines) > 2 and all(measure(line) < 60 for line in lines), lines
    assert all(date in r.output for date in ("2027-06-30", "2027/6/30", "2027年6月30日"))


@pytest.mark.parametrize(
    "args",
    [("enterprises", "log-activity", "菲士医学", "--kind", "喝茶"), ("map", "--crs", "谷歌"),
     ("vacancies", "--sort", "高度高度高度")],
)  # fmt: skip
def test_a_refused_choice_is_wrapped_like_promos_own_errors(run, chinese, monkeypatch, args):
    """click's usage errors (a value not among the choices) wrap at the terminal by promo's rule: never inside a
    word or code, continued two columns in."""
    monkeypatch.setattr(screen, "is_terminal", lambda stream: True)
    monkeypatch.setenv("COLUMNS", "40")
    r = run(*args)
    assert r.exit_code == 2
    error = r.output[r.output.index("错误：") :].splitlines()
    measure = screen.Measure()
    assert len(error) > 1 and all(measure(line) < 40 for line in error), error
    assert all(line.startswith("  ") for line in error[1:]), error
    words = {"喝茶": ("走访", "电话", "会谈", "活动"), "谷歌": ("GPS", "高德", "百度")}
    joined = "".join(line.strip() for line in error)  # Chinese may break between characters, a code never
    assert all(word in joined for word in words.get(args[-1], ("面积", "荷载"))), error
    assert any("'--kind'" in line or "'--crs'" in line or "'--sort'" in line for line in error), error


def test_messages_off_a_terminal_stay_one_line_each(run, chinese, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    r = run("enterprises", "log-activity", "菲士医学", "--kind", "走访", "--next", "7天后")
    assert len(r.output.splitlines()) == 1


def test_a_wrapped_line_keeps_its_own_indent_and_continues_under_it(monkeypatch):
    import sys

    from promo.terminal import fitted

    monkeypatch.setattr(screen, "is_terminal", lambda stream: True)
    monkeypatch.setenv("COLUMNS", "40")
    note = "~/work/catalogue.db\n  未配置：使用当前文件夹中的 ./catalogue.db（可用 promo config set db 路径 更改）"
    lines = fitted(note, sys.stdout).splitlines()
    assert lines[0] == "~/work/catalogue.db" and lines[1].startswith("  未配置")
    assert all(line.startswith("    ") for line in lines[2:]) and len(lines) > 2
    assert all(screen.Measure()(line) < 40 for line in lines)
    assert "".join(line.strip() for line in lines[1:]).replace(" ", "") == note.split("\n")[1].replace(" ", "")


def test_a_journal_change_line_reads_as_chinese(run, chinese):
    run("enterprises", "add", "某新公司", "--investment", "7000", "--carrier", "精准医学产业园")
    run("enterprises", "update", "某新公司", "--investment", "6500", "--carrier", "")
    out = run("undo", "--yes").output
    assert "：载体 无 → 精准医学产业园；投资额 6,500 → 7,000 万元" in out, out


def test_a_journal_change_line_reads_as_english(run):
    run("enterprises", "add", "某新公司", "--investment", "7000", "--carrier", "精准医学产业园")
    run("enterprises", "update", "某新公司", "--investment", "6500", "--carrier", "")
    out = run("undo", "--yes").output
    assert ": carrier none → 精准医学产业园, investment 6,500 → 7,000 万元" in out, out


def test_the_date_forms_a_refusal_lists_are_separated_the_chinese_way(run, chinese):
    r = run("enterprises", "log-activity", "菲士医学", "--kind", "走访", "--next", "改天")
    assert r.exit_code == 2
    assert "2027-06-30、2027/6/30、2027年6月30日、今天" in r.output and "年底、下月、下周、6个月内" in r.output


def test_target_messages_speak_the_users_language(run, chinese, monkeypatch):
    r = run("targets", "add", "某骨科机器人公司", "--link", "手术与康复机器人整机", "--priority", "高")
    assert r.exit_code == 0 and "已新增招商目标 某骨科机器人公司，链环 手术与康复机器人整机" in r.output
    assert "优先级 高" in r.output and "target" not in r.output
    assert "已放弃招商目标 某骨科机器人公司" in run("targets", "drop", "某骨科机器人公司").output
    monkeypatch.setenv("PROMO_LANG", "en")
    r = run("targets", "add", "另一机器人公司", "--link", "手术与康复机器人整机", "--priority", "低")
    assert "priority low" in r.output and "低" not in r.output
    r = run("targets", "promote", "另一机器人公司")
    assert "promoted 另一机器人公司 into the pipeline at lead" in r.output, r.output


def test_a_new_units_status_is_in_the_users_language(run, chinese, monkeypatch):
    assert "（500 ㎡，空置）" in run("units", "add", "精准医学产业园", "Z-1", "--area", "500").output
    monkeypatch.setenv("PROMO_LANG", "en")
    assert "(300 ㎡, vacant)" in run("units", "add", "精准医学产业园", "Z-2", "--area", "300").output


def test_removing_an_enterprise_says_the_freed_units_in_chinese(run, chinese):
    run("enterprises", "add", "某新公司", "--unit", "A1-402")
    r = run("enterprises", "remove", "某新公司", "--yes")
    assert "；已释放 精准医学产业园/A1-402" in r.output or "；已释放 A1-402" in r.output, r.output
    assert "freed" not in r.output


def test_a_units_new_status_is_said_alone_in_the_users_language(run, chinese, monkeypatch):
    r = run("units", "set-status", "A2-201", "已租")
    assert r.output.strip() == "精准医学产业园/A2-201 现为 已租"
    monkeypatch.setenv("PROMO_LANG", "en")
    r = run("units", "set-status", "A2-201", "装修中", "--until", "2027-03-31")
    assert r.output.strip() == "精准医学产业园/A2-201 is now being fitted out"


def test_a_too_long_or_control_laden_text_is_refused_in_chinese(run, chinese):
    r = run("enterprises", "move", "菲士医学", "洽谈", "--reason", "长" * 2001)
    assert r.exit_code == 2 and "2,001" in r.output and "characters" not in r.output, r.output
    r = run("enterprises", "move", "菲士医学", "洽谈", "--reason", "选址\x1b[31m变更")
    assert r.exit_code == 2 and "含有控制字符（ESC、BEL" in r.output, r.output


def test_refusals_name_the_stage_in_english_and_the_claim_with_its_english_meaning(run):
    run("enterprises", "add", "某新公司", "--owner", "王五")
    r = run("enterprises", "move", "某新公司", "已签约")
    assert r.exit_code == 1 and "某新公司 is already at signed since 2026-11-23" in r.output, r.output
    r = run("enterprises", "add", "某新公司")
    assert "(#31, signed since 2026-11-23)" in r.output, r.output
    assert "首报首谈 (first-report claim): 王五 holds the claim on 某新公司 since 2026-11-23" in r.output


def test_refusals_name_the_stage_in_chinese(run, chinese):
    run("enterprises", "add", "某新公司", "--owner", "王五")
    r = run("enterprises", "move", "某新公司", "signed")
    assert "某新公司 自 2026-11-23 起已处于签约阶段" in r.output, r.output
    assert "首报首谈：王五 自 2026-11-23 起认领了 某新公司" in run("enterprises", "add", "某新公司").output
