"""Answers and signals in the officer's language: a confirmation takes 是/否 as well as y/n and says so in
Chinese; a catalogue promo builds by itself is announced as loudly in Chinese as in English; a failing
`promo check` exits 1 for scripts."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from pipeline_helpers import content, enterprise

from promo.cli import cli


@pytest.fixture
def terminal(monkeypatch):
    """Standard input is a terminal: the answers come from CliRunner's input."""
    monkeypatch.setattr("promo.commands.common.stdin_is_terminal", lambda: True)


@pytest.mark.parametrize("answer", ["否", "n", "N", "不", "取消", "", "no"])
def test_a_no_or_nothing_changes_nothing(run, db_path, terminal, answer):
    run("enterprises", "add", "确认测试")
    before = content(db_path)
    declined = run("undo", input=f"{answer}\n")
    assert declined.exit_code == 1 and "nothing was changed" in declined.output
    assert content(db_path) == before


@pytest.mark.parametrize("answer", ["是", "y", "Y", "yes", "好", "确定", "是！"])
def test_a_yes_in_either_language_goes_ahead(run, db_path, terminal, answer):
    run("enterprises", "add", "确认测试")
    assert run("undo", input=f"{answer}\n").exit_code == 0
    assert enterprise(db_path, "确认测试") is None


def test_the_prompt_speaks_chinese_and_asks_again_after_an_unclear_answer(run, db_path, terminal, monkeypatch):
    run("enterprises", "add", "确认测试")
    monkeypatch.setenv("PROMO_LANG", "zh")
    asked = run("undo", input="也许\n否\n")
    assert "（是/否，默认否）：" in asked.output and "[y/N]" not in asked.output
    assert "请回答 是 或 否" in asked.output and asked.exit_code == 1
    assert enterprise(db_path, "确认测试") is not None
    monkeypatch.setenv("PROMO_LANG", "en")
    assert "[y/N]: " in run("undo", input="n\n").output


def test_yes_and_no_terminal_are_unchanged(run, db_path):
    run("enterprises", "add", "确认测试")
    assert run("undo").exit_code == 2  # off a terminal: needs --yes, asks nothing
    assert run("undo", "--yes").exit_code == 0 and enterprise(db_path, "确认测试") is None


@pytest.mark.parametrize("lang, loud", [("en", "NEW CATALOGUE"), ("zh", "【新建目录文件】")])
def test_a_catalogue_built_by_itself_is_announced_loudly_in_either_language(tmp_path, monkeypatch, lang, loud):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PROMO_DB", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("PROMO_LANG", lang)
    result = CliRunner().invoke(cli, ["vacancies", "--limit", "1", "--format", "json"])
    assert result.exit_code == 0
    first = result.stderr.splitlines()[0]
    assert loud in first and str(tmp_path / "catalogue.db") in first


FAILING = ("check", "--industry", "整机制造", "--investment", "2亿", "--land-mu", "50", "--tax", "1500")


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_a_failing_check_exits_1_after_showing_why(run, fmt):
    result = run(*FAILING, "--format", fmt)
    assert result.exit_code == 1 and "亩均税收" in result.output
    if fmt == "json":
        assert json.loads(result.output)["verdict"] == "fail"


def test_a_check_that_does_not_fail_exits_0(run):
    passing = run("check", "--industry", "整机制造", "--investment", "2亿", "--land-mu", "50", "--format", "json")
    assert passing.exit_code == 0 and json.loads(passing.output)["verdict"] != "fail"
