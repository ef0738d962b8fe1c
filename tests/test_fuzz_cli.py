"""What a walk of every command with hostile values found (NUL, control characters, blanks, read-only
catalogues): each is a message naming the field and the value, the right exit code, and an unchanged catalogue."""

import os
import shutil
import sqlite3

import pytest


def dump(db_path) -> str:
    conn = sqlite3.connect(db_path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


@pytest.mark.parametrize(
    "args, named",
    [
        (["vacancies", "--db", "a\x00b"], "--db a\\x00b"),
        (["export", "enterprises", "-o", "a\x00.csv"], "-o a\\x00.csv"),
        (["import", "enterprises", "leads\x00.csv"], "leads\\x00.csv"),
        # SQLite reads a name as ending at its NUL: '\0' found the first department, 'a\0b' an enterprise
        (["services", "add", "华银康", "营业执照", "--department", "\x00"], "--department \\x00"),
        (["services", "add", "华银康", "营业执照", "--department=\x00"], "--department \\x00"),
        (["enterprises", "update", "a\x00b", "--note", "改"], "a\\x00b"),
    ],
)
def test_a_nul_in_any_value_is_a_usage_error_naming_it(run, db_path, args, named):
    before = dump(db_path)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert named in result.output and "NUL" in result.output
    assert dump(db_path) == before


def test_a_nul_in_the_catalogue_path_before_the_command_too(run):
    from click.testing import CliRunner

    from promo.cli import cli

    result = CliRunner().invoke(cli, ["--db", "\x00", "vacancies"])
    assert result.exit_code == 2 and "--db \\x00" in result.output and "NUL" in result.output


@pytest.mark.parametrize("days", ["", " ", "   "])
def test_blank_deadline_days_are_asked_for(run, db_path, days):
    before = dump(db_path)
    result = run("overdue", "deadlines", "签约", days)
    assert result.exit_code == 2 and "give the number of days for 签约" in result.output
    assert dump(db_path) == before


@pytest.mark.parametrize(
    "args, named",
    [
        (["targets", "add", "\x1b[31m坏目标", "--link", "医疗设备与药品耗材供应"], "NAME \\x1b[31m坏目标"),
        (["targets", "add", "好目标", "--link", "医疗设备与药品耗材供应", "--note", "\u202e反"], "--note \\u202e反"),
        (["enterprises", "log-activity", "华银康", "--kind", "visit", "--owner", "\x07张"], "--owner \\x07张"),
        (["enterprises", "need", "华银康", "--business", "\x1b[2J"], "--business \\x1b[2J"),
        (["targets", "promote", "示例影像设备龙头企业（示例）", "--channel", "\x1b"], "--channel \\x1b"),
    ],
)
def test_control_characters_are_never_stored(run, db_path, args, named):
    before = dump(db_path)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert named in result.output and "control characters" in result.output
    assert dump(db_path) == before


def test_an_imports_owner_for_every_row_is_checked_as_a_rows_own(run, db_path, tmp_path):
    path = tmp_path / "leads.csv"
    path.write_text("name,stage\n模糊导入甲,意向\n", encoding="utf-8")
    before = dump(db_path)
    for args in (["enterprises", "import", path], ["import", "enterprises", path]):
        result = run(*args, "--owner", "\u202e张伟")
        assert result.exit_code == 2 and "--owner \\u202e张伟: contains control characters" in result.output
    assert dump(db_path) == before


@pytest.fixture
def read_only_file(monkeypatch):
    """Every catalogue opened from then on refuses writes as a chmod 444 file does (root ignores the mode)."""
    import promo.db

    real = promo.db.connect

    def connect(*args, **kwargs):
        conn = real(*args, **kwargs)
        conn.execute("PRAGMA query_only = ON")  # SQLITE_READONLY, as from a file that cannot be written
        return conn

    monkeypatch.setattr(promo.db, "connect", connect)


@pytest.mark.parametrize(
    "args",
    [
        ["enterprises", "add", "只读企业"],
        ["carriers", "update", "精准医学产业园", "--address", "新址"],
        ["undo", "--yes"],
    ],
)
def test_a_read_only_catalogue_file_is_said_to_be_read_only(run, db_path, read_only_file, args):
    before = dump(db_path)
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert "is read-only: the file cannot be written; nothing was written" in result.output
    assert "attempt to write" not in result.output
    assert dump(db_path) == before


def test_read_only_in_chinese(run, db_path, read_only_file, monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "zh")
    result = run("enterprises", "add", "只读企业")
    assert result.exit_code == 1 and "只读" in result.output
    assert "read-only" not in result.output and "attempt" not in result.output


@pytest.fixture
def read_only_folder(monkeypatch, db_path):
    """The catalogue's folder refuses new files, as a chmod 555 folder does (root ignores the mode)."""
    real = os.access
    folder = os.path.realpath(db_path.parent)

    def access(path, mode, **kwargs):
        if mode & os.W_OK and os.path.realpath(path) == folder:
            return False
        return real(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)


@pytest.mark.parametrize("args", [["init", "--force", "--yes"], ["restore", "BACKUP"]])
def test_init_and_restore_in_a_read_only_folder_say_so(run, db_path, tmp_path_factory, read_only_folder, args):
    backup = tmp_path_factory.mktemp("elsewhere") / "copy.db"
    shutil.copy(db_path, backup)
    before = dump(db_path)
    result = run(*[str(backup) if a == "BACKUP" else a for a in args])
    assert result.exit_code == 1, result.output
    assert "is in a read-only folder; promo will not replace it" in result.output
    assert dump(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["catalogue.db"]


@pytest.mark.parametrize(
    "args, named",
    [
        (["ledger", "targets", "set", "--year", "2026", "--owner", "\x07新官", "--signed", "5"], "--owner \\x07新官"),
        (["targets", "drop", "示例影像设备龙头企业（示例）", "--why", "\u202e已落地"], "--why \\u202e已落地"),
    ],
)
def test_control_characters_in_a_new_officer_or_a_reason_to_drop(run, db_path, args, named):
    before = dump(db_path)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert named in result.output and "control characters" in result.output
    assert dump(db_path) == before


@pytest.mark.parametrize(
    "args, named",
    [
        (["units", "update", "A1-101", "--kind", ""], "--kind ''"),
        (["units", "update", "A1-101", "--kind", "  "], "--kind '  '"),
        (["criteria", "update", "固定资产投资强度", "--op", ""], "--op ''"),
        (["zone", "set", "--name", " "], "--name ' '"),
    ],
)
def test_a_field_every_record_has_cannot_be_cleared(run, db_path, args, named):
    """These have a default when adding, so they were not 'required': clearing one reached SQLite's NOT NULL."""
    before = dump(db_path)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert f"{named}: is required; it cannot be cleared" in result.output
    assert "constraint" not in result.output
    assert dump(db_path) == before


@pytest.mark.parametrize(
    "args, words",
    [
        (["brief", "--charts", "x" * 5000], "文件名太长，文件系统无法使用"),
        (["enterprises", "import", "leads.csv", "--map", "x" * 5000], "文件名太长，文件系统无法使用"),
        (["restore", "没有这个备份.db"], "文件或文件夹不存在"),
    ],
)
def test_the_systems_refusal_of_a_path_is_said_in_chinese(run, monkeypatch, tmp_path, args, words):
    """strerror is English whatever the screen: the usual reasons are promo's own words."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "leads.csv").write_text("name,stage\n甲,意向\n", encoding="utf-8")
    monkeypatch.setenv("PROMO_LANG", "zh")
    result = run(*args)
    assert result.exit_code in (1, 2) and words in result.output, result.output[-300:]
    assert not any(w in result.output for w in ("File name too long", "No such file", "directory"))


@pytest.mark.parametrize("department", ["", "   ", "\t"])
def test_a_blank_department_of_a_service_template_is_a_usage_error(run, db_path, department):
    """As for services add: it said 'no department of that name', exit 1, as if the catalogue lacked one."""
    before = dump(db_path)
    result = run("services", "templates", "add", "新事项", "--department", department)
    assert result.exit_code == 2 and "'--department'" in result.output and "is empty" in result.output
    assert dump(db_path) == before
