"""`promo config set db PATH` refuses what cannot be a catalogue — a missing folder, a file that is not a promo
catalogue — with exit 2 naming db and the value, and leaves the configuration as it was (show and where agree)."""

import json
import sqlite3

import pytest
from click.testing import CliRunner

from promo import config
from promo.cli import cli


@pytest.fixture
def promo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PROMO_DB", raising=False)

    def invoke(*args):
        return CliRunner().invoke(cli, list(args), prog_name="promo")

    return invoke


def _unchanged(promo, before: dict | None):
    saved = json.loads(config.file().read_text(encoding="utf-8")) if config.file().exists() else None
    assert saved == before
    shown = json.loads(promo("config", "show", "--format", "json").stdout)
    assert shown[0]["value"] == ((before or {}).get("db") or "")
    where = promo("where", "--format", "json")
    assert where.exit_code in (0, 1)
    return where.stdout


def _refused(promo, value, says):
    result = promo("config", "set", "db", str(value))
    assert result.exit_code == 2, result.output
    first = result.output.splitlines()[0]
    assert first.startswith(f"Error: db {value}: ") and says in first, result.output
    return result


def test_a_folder_that_does_not_exist(promo, tmp_path):
    result = _refused(promo, tmp_path / "no-such" / "x.db", "the folder")
    assert "does not exist" in result.output and "create the folder first" in result.output
    assert '"default"' in _unchanged(promo, None)


def test_a_path_through_a_file(promo, tmp_path):
    (tmp_path / "plain.txt").write_text("x")
    _refused(promo, tmp_path / "plain.txt" / "x.db", "is not a folder")
    _unchanged(promo, None)


@pytest.mark.parametrize(
    "make, says",
    [
        (lambda p: p.write_text("名称,面积\n"), "is not a SQLite database"),
        (lambda p: p.write_bytes(b""), "is an empty file"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE t (x)").connection.commit(), "not a promo catalogue"),
    ],
    ids=["text", "empty", "foreign sqlite"],
)
def test_a_file_that_is_not_a_catalogue(promo, tmp_path, make, says):
    target = tmp_path / "thing.db"
    make(target)
    before = target.read_bytes()
    result = _refused(promo, target, says)
    assert "promo init" in result.output
    assert target.read_bytes() == before  # looked at, never written
    _unchanged(promo, None)


def test_a_refusal_keeps_the_setting_there_was(promo, tmp_path):
    assert promo("--db", str(tmp_path / "ours.db"), "init").exit_code == 0
    assert promo("config", "set", "db", str(tmp_path / "ours.db")).exit_code == 0
    before = json.loads(config.file().read_text(encoding="utf-8"))
    _refused(promo, tmp_path / "gone" / "x.db", "does not exist")
    assert '"config"' in _unchanged(promo, before)


def test_a_catalogue_or_a_new_file_in_a_folder_that_exists(promo, tmp_path):
    assert promo("--db", str(tmp_path / "ours.db"), "init").exit_code == 0
    assert promo("config", "set", "db", "ours.db").exit_code == 0
    assert config.settings()["db"] == str(tmp_path / "ours.db")
    fresh = promo("config", "set", "db", "later.db")
    assert fresh.exit_code == 0 and "promo init" in fresh.stderr
    assert config.settings()["db"] == str(tmp_path / "later.db")


def test_in_chinese(promo, tmp_path, monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "zh")
    result = promo("config", "set", "db", str(tmp_path / "no-such" / "x.db"))
    assert result.exit_code == 2
    assert f"错误：db {tmp_path / 'no-such' / 'x.db'}：文件夹 " in result.output and "不存在" in result.output
