"""A mistyped subcommand at any level, a Chinese alias mistyped or in traditional script, a mistyped option: the
error names what was typed and what was most likely meant, in one sentence of the user's language."""

import pytest
from click.testing import CliRunner

from promo.cli import cli
from promo.command_line import close_names


def _zh(monkeypatch):
    for var in ("PROMO_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")


def _error(tmp_path, *args):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), *args], prog_name="promo")
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "none.db").exists()  # a typo builds no catalogue
    return result.output.strip().splitlines()[-1]


@pytest.mark.parametrize(
    "args, meant",
    [
        (["units", "ad"], "add"),
        (["enterprises", "milestne"], "milestone"),
        (["ledger", "targts"], "targets"),
        (["units", "set-stat"], "set-status"),
        (["overdue", "deadline"], "deadlines"),
        (["vacancy"], "vacancies"),
    ],
)
def test_a_mistyped_subcommand_at_any_level(tmp_path, args, meant):
    assert _error(tmp_path, *args) == f"Error: No such command '{args[-1]}'; did you mean '{meant}'?"


def test_in_chinese_one_sentence_with_chinese_punctuation(tmp_path, monkeypatch):
    _zh(monkeypatch)
    assert _error(tmp_path, "units", "ad") == "错误：没有命令 'ad'；是否想用 'add'？"
    assert _error(tmp_path, "vacancies", "--min-aera", "5") == "错误：没有选项 '--min-aera'；是否想用 '--min-area'？"


def test_a_mistyped_chinese_alias(tmp_path, monkeypatch):
    _zh(monkeypatch)
    assert _error(tmp_path, "空制") == "错误：没有命令 '空制'；是否想用 'vacancies'？"
    assert "'undo'" in _error(tmp_path, "撤消")


def test_an_alias_in_traditional_script_is_the_alias(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "c.db"), "撤銷", "--help"], prog_name="promo")
    assert result.exit_code == 0 and result.output.startswith("Usage: promo 撤銷 [OPTIONS] [ENTRY]")
    assert "Revert the last command" in result.output


def test_a_mistyped_option_gets_the_closest_only(tmp_path):
    """--min-aera is one swap from --min-area and three edits from --max-area: only the first is offered."""
    assert _error(tmp_path, "vacancies", "--min-aera", "5") == (
        "Error: No such option '--min-aera'; did you mean '--min-area'?"
    )
    assert _error(tmp_path, "units", "add", "--aera", "5").endswith("did you mean '--area'?")
    assert _error(tmp_path, "vacancies", "--bogus") == "Error: No such option '--bogus'."


def test_nothing_close_is_not_guessed(tmp_path):
    assert _error(tmp_path, "ledger", "xyzzy") == "Error: No such command 'xyzzy'."


def test_closest_first():
    assert close_names("--min-aera", ["--max-area", "--min-area", "--no-pager"]) == ["--min-area"]
    assert close_names("targts", ["targets", "tasks"])[0] == "targets"
    assert close_names("qqqq", ["targets"]) == []
