"""Choice options (--format, --sort, --kind, --lang …) take the officer's word as well as the English code
scripts use; help and refusals list the choices in the user's language."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize(
    "word, code",
    [("面积", "area"), ("-面积", "-area"), ("租金", "rent"), ("交付", "ready"), ("可入驻日期", "ready"),
     ("楼层", "floor"), ("载体", "carrier"), ("荷载", "load"), ("-荷载", "-load"), ("AREA", "area"), ("面 积", "area"),
     ("麵積", "area")],
)  # fmt: skip
def test_sort_keys_in_chinese_sort_as_their_codes(run, word, code):
    as_word = run("vacancies", "--sort", word, "--format", "json")
    assert as_word.exit_code == 0, as_word.output
    assert as_word.output == run("vacancies", "--sort", code, "--format", "json").output


@pytest.mark.parametrize(
    "word, code",
    [("表格", "table"), ("表", "table"), ("CSV", "csv"), ("csv", "csv"), ("JSON", "json"), ("ｊｓｏｎ", "json"),
     ("Markdown", "markdown"), ("md", "markdown")],
)  # fmt: skip
def test_formats_in_chinese_or_any_case(run, word, code):
    assert run("vacancies", "--format", word).output == run("vacancies", "--format", code).output


@pytest.mark.parametrize(
    "args, same_as",
    [(("vacancies", "--kind", "标准地"), ("vacancies", "--kind", "land")),
     (("units", "--kind", "空间"), ("units", "--kind", "space")),
     (("pipeline", "--period", "季度"), ("pipeline", "--period", "quarter")),
     (("match", "--industry", "整机制造", "--kind", "医院"),
      ("match", "--industry", "整机制造", "--kind", "hospital")),
     (("map", "--geojson", "-", "--crs", "高德"), ("map", "--geojson", "-", "--crs", "gcj02")),
     (("map", "--geojson", "-", "--crs", "百度"), ("map", "--geojson", "-", "--crs", "bd09")),
     (("map", "--kind", "产业园"), ("map", "--kind", "park")),
     (("carriers", "--kind", "园区"), ("carriers", "--kind", "park")),
     (("overdue", "--kind", "帮办代办"), ("overdue", "--kind", "service")),
     (("targets", "--status", "全部"), ("targets", "--status", "all")),
     (("targets", "--status", "已放弃"), ("targets", "--status", "dropped")),
     (("scenarios", "--status", "征集中"), ("scenarios", "--status", "open")),
     (("scenarios", "--owner-kind", "医院"), ("scenarios", "--owner-kind", "hospital")),
     (("policies", "--level", "省级"), ("policies", "--level", "provincial"))],
)  # fmt: skip
def test_other_choices_in_chinese(run, args, same_as):
    chinese, english = run(*args, "--format", "json"), run(*same_as, "--format", "json")
    assert chinese.exit_code == 0, chinese.output
    assert json.loads(chinese.output) == json.loads(english.output)


def test_brief_language_and_audience_in_chinese(run):
    assert run("brief", "--lang", "英文", "--audience", "公开").output == run("brief", "--lang", "en").output


def test_a_target_promoted_at_a_stage_word(run, db_path):
    import sqlite3

    result = run("targets", "promote", "示例医疗人工智能企业", "--stage", "在谈")  # 在谈 is 洽谈, as everywhere else
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db_path) as c:
        assert c.execute("SELECT stage FROM enterprises WHERE name LIKE '示例医疗人工智能企业%'").fetchall() == [
            ("洽谈",)
        ]


@pytest.mark.parametrize(
    "args, option, value",
    [(("vacancies", "--sort", "高度"), "--sort", "高度"), (("vacancies", "--sort", "-"), "--sort", "-"),
     (("vacancies", "--format", "xml"), "--format", "xml"), (("units", "--kind", "仓库"), "--kind", "仓库"),
     (("map", "--crs", "谷歌"), "--crs", "谷歌"), (("overdue", "--kind", "会议"), "--kind", "会议"),
     (("targets", "--status", "进行中"), "--status", "进行中"),
     (("enterprises", "log-activity", "菲士医学", "--kind", "喝茶"), "--kind", "喝茶")],
)  # fmt: skip
def test_an_unknown_word_is_refused_naming_option_value_and_choices(run, args, option, value):
    result = run(*args)
    assert result.exit_code == 2
    assert f"'{option}'" in result.output and f"{value}: use one of" in result.output
    assert "Traceback" not in result.output


def test_choices_are_listed_in_the_users_language(run, monkeypatch):
    english_help = run("vacancies", "--help").output
    assert "[area|rent|ready|floor|carrier|load]" in english_help and "[table|csv|json|markdown]" in english_help
    assert "use one of area, rent, ready, floor, carrier, load" in run("vacancies", "--sort", "x").output
    monkeypatch.setenv("PROMO_LANG", "zh")
    chinese_help = run("vacancies", "--help").output
    assert "[面积|租金|交付|楼层|载体|荷载]" in chinese_help and "[表格|CSV|JSON|Markdown]" in chinese_help
    refused = run("vacancies", "--sort", "x")
    assert refused.exit_code == 2 and "面积、租金、交付" in refused.output and "area" not in refused.output
    assert run("vacancies", "--sort", "area", "--format", "json").exit_code == 0  # scripts keep their codes


def test_a_choices_default_is_shown_in_the_users_language(run, monkeypatch):
    english_help = run("vacancies", "--help").output
    assert "[default: table]" in english_help and "[default: carrier]" in english_help
    monkeypatch.setenv("PROMO_LANG", "zh")
    chinese_help = " ".join(run("vacancies", "--help").output.split())
    assert "[默认：表格]" in chinese_help and "[默认：载体]" in chinese_help
    assert "默认：table" not in chinese_help and "默认：carrier" not in chinese_help


def test_words_of_deals_and_activities_are_the_vocabularys(run):
    """--kind of a deal, an activity and an enterprise take the words the import and the domain take (意向 is a
    letter of intent, 公司 a company, 回访 a visit), from the one table in promo.vocabulary."""
    assert run("events", "add", "对接会", "--date", "2026-04-18").exit_code == 0
    signed = run("events", "sign", "对接会", "菲士医学", "--kind", "意向")
    assert signed.exit_code == 0, signed.output
    assert "letter of intent" in signed.output
    logged = run("enterprises", "log-activity", "菲士医学", "--kind", "回访")
    assert logged.exit_code == 0 and "visit" in logged.output


def test_help_shows_the_words_and_defaults_of_every_choice_in_chinese(run, monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "zh")
    shown = {
        ("map",): ["[GPS|高德|百度]", "[默认：GPS]", "[产业园|楼宇|地块|孵化器|组团]"],
        ("events", "sign"): ["[合作备忘录|意向协议|正式合同]", "[默认：合作备忘录]"],
        ("targets",): ["[待招引|已转入流程|已放弃|全部]", "[默认：待招引]"],
        ("scenarios", "add"): ["[征集中|已对接|已关闭]", "[默认：征集中]", "[医院|平台|科研院所|企业|政府部门]"],
        ("enterprises", "log-activity"): ["[走访|电话|会谈|活动]"],
        ("enterprises",): ["[默认：表格]"],  # a group of promo's own class (LazyGroup) too
        ("carriers",): ["[默认：表格]"],
    }
    for command, words in shown.items():
        text = "".join(run(*command, "--help").output.split())
        for word in words:
            assert word in text, (command, word)


CHINESE_CHOICES = ("--audience 内部", "--kind 地块", "--metric 投资强度", "--kind 走访", "--kind 合作备忘录",
                   "--crs 高德", "--period 季度", "--level 园区", "--status 征集中", "--status 暂缓", "--status 全部",
                   "--kind 土地", "--sort 租金")  # fmt: skip


def test_chinese_help_examples_give_choices_in_chinese_and_each_is_accepted(run, monkeypatch, tmp_path):
    """The examples of Chinese help write a choice as an officer would (--kind 走访, --crs 高德), and promo takes
    each: none is a usage error."""
    import re
    import shlex

    monkeypatch.setenv("PROMO_LANG", "zh")
    monkeypatch.chdir(tmp_path)
    commands = [("brief",), ("carriers", "add"), ("criteria", "add"), ("enterprises", "log-activity"),
                ("events", "sign"), ("map",), ("pipeline",), ("policies",), ("scenarios",), ("services", "update"),
                ("targets", "list"), ("vacancies",)]  # fmt: skip
    examples = []
    for command in commands:
        text = re.sub(r" \\\n\s+", " ", run(*command, "--help").output)
        examples += [line.strip() for line in text.splitlines() if line.strip().startswith("promo ")]
    chosen = [e for e in examples if any(c in e for c in CHINESE_CHOICES)]
    assert {c for c in CHINESE_CHOICES if any(c in e for e in chosen)} == set(CHINESE_CHOICES)
    for example in chosen:
        result = run(*shlex.split(example)[1:])
        assert result.exit_code != 2, (example, result.output)


def test_a_choice_coded_in_chinese_shows_its_english_label_on_an_english_screen(run, monkeypatch):
    """The stages are coded 意向, 洽谈 …: English help and refusals show lead, negotiating, and take them."""
    english = " ".join(run("targets", "promote", "--help").output.split())
    assert "[lead|negotiating]" in english and "[default: lead]" in english
    add = " ".join(run("enterprises", "add", "--help").output.split())
    assert "[default: signed]" in add and "签约]" not in add
    assert run("enterprises", "add", "某英文阶段公司", "--stage", "landed").exit_code == 0
    refused = run("targets", "promote", "示例医疗人工智能企业", "--stage", "foo")
    assert refused.exit_code == 2 and "lead (意向), negotiating (洽谈)" in refused.output
    monkeypatch.setenv("PROMO_LANG", "zh")
    chinese = " ".join(run("targets", "promote", "--help").output.split())
    assert "[意向|洽谈]" in chinese and "[默认：意向]" in chinese


def _choice_options():
    """(command words, option) for every option of every command whose type is a Words choice."""
    import click

    from promo.cli import cli
    from promo.commands.common import Words

    found = []

    def walk(group, path, ctx):
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            if isinstance(command, click.Group):
                walk(command, [*path, name], ctx)
            for param in command.params:
                if isinstance(param, click.Option) and isinstance(param.type, Words):
                    found.append(([*path, name], max(param.opts, key=len)))

    with click.Context(cli) as ctx:
        walk(cli, [], ctx)
    return list({(tuple(p), o): (p, o) for p, o in found}.values())


@pytest.mark.parametrize("words, option", _choice_options(), ids=lambda v: " ".join(v) if isinstance(v, list) else v)
@pytest.mark.parametrize("empty", ["", "  "])
def test_an_empty_choice_is_refused_naming_its_option(run, words, option, empty):
    result = run(*words, option, empty)
    assert result.exit_code == 2, result.output
    assert f"'{option}'" in result.output and "is empty" in result.output, result.output
