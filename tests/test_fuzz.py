"""The inputs fuzzing found tracebacks with: each is now a clear message and the right exit code."""

import json
import sqlite3

import pytest

LONG = "x" * 300


def no_traceback(result):
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)


def test_a_300_character_import_file_name_is_a_bad_value(run, tmp_path):
    result = run("enterprises", "import", tmp_path / f"{LONG}.csv")
    assert result.exit_code == 2 and "too long" in result.output
    no_traceback(result)


def test_a_pipe_as_import_file_is_refused_not_waited_on(run, tmp_path):
    import os

    os.mkfifo(tmp_path / "leads.csv")
    result = run("enterprises", "import", tmp_path / "leads.csv")
    assert result.exit_code == 2 and "not a regular file" in result.output


def test_a_superscript_digit_is_not_a_scenario_number(run):
    result = run("scenarios", "status", "²", "closed")
    assert result.exit_code == 1 and "no scenario named '²'" in result.output
    no_traceback(result)


def test_deeply_nested_json_is_a_bad_file(run, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    result = run("enterprises", "import", path)
    assert result.exit_code == 2 and "nested too deeply" in result.output
    no_traceback(result)


def test_a_csv_cell_over_128_kib_is_a_bad_row(run, tmp_path, db_path):
    path = tmp_path / "big.csv"
    path.write_text("名称,备注\n甲公司," + "长" * 140_000 + "\n", encoding="utf-8")
    before = sqlite3.connect(db_path).execute("SELECT count(*) FROM enterprises").fetchone()
    result = run("enterprises", "import", path)  # read whole, and refused in its field for its length
    assert result.exit_code == 1 and "line 2, 备注" in result.output and "140000 characters" in result.output
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM enterprises").fetchone() == before


@pytest.mark.parametrize(
    "args",
    [
        ["enterprises", "show"],
        ["enterprises", "add"],
        ["carriers", "show"],
        ["vacancies", "--carrier"],
        ["match", "--for"],
        ["brief", "--industry"],
        ["policies", "--for"],
        ["scenarios", "add", "--owner", "某医院"],
    ],
)
def test_a_100k_character_name_is_a_bad_value_not_the_catalogues_fault(run, args):
    result = run(*args, "企" * 100_000)
    assert result.exit_code == 2, result.output[:300]
    assert "could not be read or written" not in result.output and len(result.output) < 2000


LISTING_OPTIONS = [
    ("carriers", "--industry"),
    ("carriers", "--kind"),
    ("catalogue", "--segment"),
    ("targets", "--status"),
    ("targets list", "--status"),
    *[("vacancies", o) for o in "--min-area --max-area --max-rent --facility --min-floor-load --available-by".split()],
    *[("vacancies", o) for o in "--industry --carrier --sort".split()],
    *[("check", o) for o in "--investment --land-mu --output --tax --rd --jobs --business".split()],
    *[("match", o) for o in "--min-area --max-area --max-rent --facility --min-floor-load --available-by".split()],
    *[("match", o) for o in "--investment --land-mu --output --tax --rd --jobs --business".split()],
]


@pytest.mark.parametrize("command, option", LISTING_OPTIONS)
def test_every_listing_option_refuses_an_empty_value_the_same_way(run, command, option):
    result = run(*command.split(), option, "", "--format", "json")
    assert result.exit_code == 2 and "is empty" in result.output and option in result.output


@pytest.mark.parametrize(
    "args, field",
    [
        (["enterprises", "add", "坏名字\x1b[2J"], "NAME"),
        (["enterprises", "add", "坏名字\u202eRLO"], "NAME"),
        (["enterprises", "add", "坏\x85名字"], "NAME"),
        (["scenarios", "add", "标题\x07", "--owner", "某医院"], "TITLE"),
        (["scenarios", "add", "标题", "--owner", "医院\x1b]8;;http://x\x07"], "--owner"),
        (["enterprises", "move", "示例生物制药", "洽谈", "--reason", "原因\u2066"], "--reason"),
    ],
)
def test_control_characters_are_refused_on_input(run, args, field):
    result = run(*args)
    assert result.exit_code == 2 and "control characters" in result.output and field in result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output and "\x07" not in result.output


def test_log_and_success_messages_escape_control_characters(run, db_path):
    with sqlite3.connect(db_path) as c:  # a name from before names were checked on input
        c.execute("UPDATE enterprises SET name = name || ? WHERE id = 1", ("\x1b[2J",))
    out = run("log", "-v").output + run("enterprises", "--format", "csv").output
    listing = run("enterprises", "--format", "markdown").output
    assert "\x1b" not in out + listing and "\\x1b[2J" in run("enterprises", "--format", "csv").output
    payload = json.loads(run("enterprises", "--format", "json").output)
    assert any(r["name"].endswith("\x1b[2J") for r in payload)  # JSON keeps the data exact, escaped by json
