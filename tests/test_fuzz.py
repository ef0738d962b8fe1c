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
    assert result.exit_code == 1 and "line 2, 备注" in result.output and "140,000 characters" in result.output
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


# What an attacker or a careless officer types on the command line


@pytest.mark.parametrize(
    "args",
    [
        ["vacancies", "--kind", "\x1b[2J\x07"],  # a bad choice is quoted back
        ["vacancies", "--min-area", "\x1b]8;;http://x\x1b\\link"],  # a bad number too (an OSC 8 link)
        ["vacancies", "extra\x1b[31m"],  # an unexpected argument
        ["vacancies", "--\x1b[31mred"],  # an unknown option
        ["\x1b[31mred"],  # an unknown command
        ["enterprises", "report", "华银康", "--year", "\u202eevil"],
    ],
)
def test_a_value_click_quotes_back_in_an_error_is_escaped_for_the_terminal(run, args):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert not any(c in result.output for c in "\x1b\x07\u202e"), repr(result.output)
    assert "\\x1b" in result.output or "\\u202e" in result.output


def test_bytes_that_are_not_utf8_are_a_bad_value_named_as_typed(run, db_path):
    # $'\xff' on a UTF-8 terminal: Python keeps the byte as the lone surrogate \udcff
    result = run("vacancies", "--carrier", "精准\udcff")
    assert result.exit_code == 2 and "精准\\xff" in result.output and "not valid text" in result.output
    before = sqlite3.connect(db_path).execute("SELECT count(*) FROM carriers").fetchone()
    typed = (["carriers", "add", "园区\udcfe", "--kind", "园区"], ["enterprises", "add", "甲", "--note", "x\udcff"])
    for args in typed:
        result = run(*args)
        assert result.exit_code == 2 and "\\xf" in result.output and "UTF-8" in result.output, result.output
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM carriers").fetchone() == before


@pytest.mark.parametrize(
    "args",
    [
        ["carriers", "--format", ""],
        ["carriers", "show", "精准医学产业园", "--format", "   "],
        ["doctor", "--format", ""],
        ["where", "--format", "\t"],
        ["vacancies", "--kind", " "],
        ["brief", "--lang", ""],
        ["report", "weekly", "--format", ""],
    ],
)
def test_a_choice_given_as_empty_is_a_usage_error_naming_it(run, args):
    result = run(*args)
    assert result.exit_code == 2 and f"'{args[-2]}'" in result.output and "is empty" in result.output


@pytest.mark.parametrize("value", ["   ", "亩", " 亩 "])
def test_min_mu_without_a_figure_is_a_usage_error(run, value):
    result = run("vacancies", "--min-mu", value)
    assert result.exit_code == 2 and "'--min-mu'" in result.output


def test_a_path_the_system_refuses_is_named_not_a_traceback(run, tmp_path):
    result = run("brief", "--charts", tmp_path / ("x" * 5000))
    assert result.exit_code == 2 and "the file name is too long" in result.output and "xxxx" in result.output


def _interrupt_when_called(monkeypatch, module, name, after=1):
    """`module.name` raises Ctrl-C as a real SIGINT would, on its `after`-th call."""
    import os
    import signal

    real = getattr(module, name)
    calls = {"n": 0}

    def interrupting(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == after:
            os.kill(os.getpid(), signal.SIGINT)  # promo's handler raises KeyboardInterrupt here
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, interrupting)


@pytest.fixture
def promo_sigint():
    """promo's own SIGINT handler, as `promo` installs it, for this test only."""
    import signal

    from promo import cli

    before = signal.signal(signal.SIGINT, cli._on_interrupt)
    cli._interrupt["seen"] = False
    yield
    signal.signal(signal.SIGINT, before)
    cli._interrupt["seen"] = False


def test_ctrl_c_inside_a_function_sqlite_calls_is_an_interrupt_and_nothing_is_written(
    run, db_path, tmp_path, monkeypatch, promo_sigint
):
    from promo import search_index

    path = tmp_path / "leads.csv"
    path.write_text("企业名称,阶段\n" + "".join(f"线索{i}号,意向\n" for i in range(50)), encoding="utf-8")
    # the search index's triggers call grams() for every row written: Ctrl-C lands inside SQLite
    _interrupt_when_called(monkeypatch, search_index, "grams", after=20)
    before = sqlite3.connect(db_path).execute("SELECT count(*) FROM enterprises").fetchone()
    result = run("import", "enterprises", path)
    assert result.exit_code == 130 and "interrupted; nothing was written" in result.output, result.output
    assert "could not be read or written" not in result.output
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM enterprises").fetchone() == before


def test_ctrl_c_after_the_change_was_saved_says_so(run, db_path, monkeypatch, promo_sigint):
    from promo import terminal

    _interrupt_when_called(monkeypatch, terminal, "fitted")  # while printing the success line
    result = run("carriers", "add", "新园区", "--kind", "园区")
    assert result.exit_code == 130 and "after the change was saved" in result.output, result.output
    assert "Aborted" not in result.output
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM carriers WHERE name = '新园区'").fetchone() == (1,)


def test_a_catalogue_busy_past_the_timeout_says_so_and_writes_nothing(run, db_path, monkeypatch):
    from promo import db

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 100)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run("carriers", "add", "锁住的园区", "--kind", "园区")
    finally:
        holder.execute("ROLLBACK")
    assert result.exit_code == 1 and "busy" in result.output and "nothing was written" in result.output
    count = "SELECT count(*) FROM carriers WHERE name = '锁住的园区'"
    assert sqlite3.connect(db_path).execute(count).fetchone() == (0,)


def test_an_empty_unit_state_is_a_bad_value(run):
    result = run("units", "set-status", "A1-101", "")
    assert result.exit_code == 2 and "vacant" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["enterprises", "add", "远古企业", "--date", "0001-01-01"],
        ["units", "set-status", "A1-402", "fitout", "--until", "9999-12-31"],
        ["brief", "--date", "9999-12-31"],
        ["policies", "add", "远期政策", "--level", "市级", "--kind", "奖励", "--end", "3000年底"],
    ],
)
def test_a_date_outside_1900_to_2200_is_a_bad_value(run, args):
    # year 1 was stored, and then `promo pipeline --period month` failed on it with a traceback
    result = run(*args)
    assert result.exit_code == 2 and "from 1900 to 2200" in result.output, result.output
    no_traceback(run("pipeline", "--period", "month"))


@pytest.mark.parametrize("rate", ["%", "％", " % "])
def test_a_rate_of_only_a_percent_sign_is_not_a_number(run, rate):
    result = run("policies", "add", "新政策", "--level", "市级", "--kind", "奖励", "--rate", rate)
    assert result.exit_code == 2 and "--rate" in result.output and "not a number" in result.output


def test_output_in_gbk_shows_what_gbk_cannot_hold_instead_of_failing(run, db_path):
    # a Windows officer redirecting a listing to a file writes GBK; an emoji in a name is not in GBK
    import os
    import subprocess
    import sys

    assert run("enterprises", "add", "表情😀企业", "--stage", "意向").exit_code == 0
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "PROMO_DB": str(db_path)}
    done = subprocess.run(
        [sys.executable, "-m", "promo", "enterprises", "--format", "csv"], env=env, capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode("gbk", errors="replace")
    assert "表情\\U0001f600企业" in done.stdout.decode("gbk")


def test_the_map_files_written_are_said_in_the_officers_language_and_escaped(run, tmp_path, monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "zh")
    result = run("map", "--geojson", tmp_path / "地图\x07.geojson")
    assert result.exit_code == 0 and "已将 10 个载体写入" in result.output, result.output
    assert "\x07" not in result.output and "\\x07" in result.output and "carriers written" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["map", "--html", "{db}", "--force"],
        ["map", "--geojson", "{other}", "--force"],
        ["brief", "-o", "{other_md}", "--force"],  # a copy of the catalogue someone named .md
        ["import", "enterprises", "{bad_rows}", "--skip-invalid", "--rejects", "{other}"],
        ["backup", "{db}", "--force"],  # a backup over the catalogue itself
    ],
)
def test_no_output_replaces_the_catalogue_or_another_sqlite_file(run, db_path, tmp_path, args):
    import shutil

    other, other_md = tmp_path / "old-copy.db", tmp_path / "copy.md"
    shutil.copy(db_path, other)
    shutil.copy(db_path, other_md)
    bad_rows = tmp_path / "bad.csv"
    bad_rows.write_text("企业名称,阶段\n坏行,不存在的阶段\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (db_path, other, other_md)}
    result = run(*(a.format(db=db_path, other=other, other_md=other_md, bad_rows=bad_rows) for a in args))
    assert result.exit_code == 2 and ("SQLite database" in result.output or "catalogue itself" in result.output)
    assert {p: p.read_bytes() for p in (db_path, other, other_md)} == before
