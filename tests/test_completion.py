"""Shell completion: command names, and names from the catalogue (carriers, units, facilities, industries,
enterprises), through click's own completion protocol (_PROMO_COMPLETE, COMP_WORDS, COMP_CWORD)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from promo.cli import cli


def tab(words: str, *, db=None, shell: str = "bash"):
    """What the shell is offered when Tab is pressed after `words` (the last word is the one completed)."""
    parts = words.split(" ")
    env = {"_PROMO_COMPLETE": f"{shell}_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)}
    if db is not None:
        env["PROMO_DB"] = str(db)
    result = CliRunner().invoke(cli, [], env=env, prog_name="promo")
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    return [line.split(",", 1)[1] for line in result.output.splitlines() if line.startswith("plain,")]


def test_command_names_complete(db_path):
    assert tab("promo vac", db=db_path) == ["vacancies"]
    assert "set-status" in tab("promo units se", db=db_path)


@pytest.mark.parametrize(
    "words, expected",
    [
        ("promo carriers show 精准", "精准医学产业园"),
        ("promo vacancies --carrier 海凭", "海凭国际·济南医疗器械产业园"),
        ("promo vacancies --facility GMP", "GMP洁净车间"),
        ("promo enterprises move 菲", "菲士医学"),
        ("promo units set-status 精准医学产业园/A1-4", "精准医学产业园/A1-402"),
        ("promo enterprises add X --unit A1-4", "A1-402"),
        ("promo match --for 示例生物", "示例生物制药（上海）有限公司"),
        ("promo vacancies --industry 高端", "高端医疗器械"),
        ("promo enterprises --db {db} move 菲", "菲士医学"),
    ],
)
def test_names_complete_from_the_catalogue(db_path, words, expected):
    assert expected in tab(words.format(db=db_path), db=db_path)


def test_a_name_is_offered_when_typed_from_its_middle_too(db_path):
    assert "精准医学产业园" in tab("promo carriers show 医学", db=db_path)


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_other_shells_get_the_same_names(db_path, shell):
    # zsh is told the word's index, fish the word itself (as click's scripts for each shell do)
    env = {"_PROMO_COMPLETE": f"{shell}_complete", "COMP_WORDS": "promo carriers show 精准",
           "COMP_CWORD": "3" if shell == "zsh" else "精准", "PROMO_DB": str(db_path)}  # fmt: skip
    result = CliRunner().invoke(cli, [], env=env, prog_name="promo")
    assert result.exit_code == 0 and "精准医学产业园" in result.output


def test_no_catalogue_completes_nothing_and_builds_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PROMO_DB", raising=False)
    assert tab("promo carriers show 精") == []
    assert tab("promo carriers show 精", db=tmp_path / "missing.db") == []
    (tmp_path / "junk.db").write_bytes(b"not a database at all")
    assert tab("promo carriers show 精", db=tmp_path / "junk.db") == []
    assert not (tmp_path / "catalogue.db").exists()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_the_completion_script_for_each_shell(shell):
    result = CliRunner().invoke(cli, [], env={"_PROMO_COMPLETE": f"{shell}_source"}, prog_name="promo")
    assert result.exit_code == 0 and "_PROMO_COMPLETE" in result.output


def test_bash_is_given_a_name_with_shell_syntax_quoted(db_path, tmp_path):
    # click's bash script inserts what it is given as it is: (北方) was a syntax error, $(…) a command run on Enter
    import shlex
    import sqlite3

    with sqlite3.connect(db_path) as c:
        c.execute("UPDATE carriers SET name = '示例园$(touch pwned)' WHERE code = 'precision-med-park'")
    offered = tab("promo carriers show 示例园", db=db_path)
    assert offered == ["'示例园$(touch pwned)'"] and shlex.split(offered[0]) == ["示例园$(touch pwned)"]
    bracket = tab("promo carriers show 国家健康", db=db_path)
    assert "'国家健康医疗大数据中心(北方)产业园'" in bracket
    assert "精准医学产业园" not in tab("promo carriers show 精准", db=db_path)  # renamed above
    assert tab("promo carriers show 海凭", db=db_path) == ["海凭国际·济南医疗器械产业园"]  # nothing to quote
    env = {"_PROMO_COMPLETE": "zsh_complete", "COMP_WORDS": "promo carriers show 国家健康", "COMP_CWORD": "3",
           "PROMO_DB": str(db_path)}  # fmt: skip
    zsh = CliRunner().invoke(cli, [], env=env, prog_name="promo").output.splitlines()
    assert "国家健康医疗大数据中心(北方)产业园" in zsh  # zsh quotes what it inserts itself
