"""What a walk of every command with hostile values found (NUL, control characters, blanks, read-only
catalogues): each is a message naming the field and the value, the right exit code, and an unchanged catalogue."""

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
