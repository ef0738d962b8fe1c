"""A catalogue that follows the user: promo config set/show/unset db and promo where, from any folder."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from promo.cli import cli


@pytest.fixture
def elsewhere(seed_catalogue, tmp_path, monkeypatch):
    """The officer's catalogue in one folder, promo run from another; PROMO_DB unset."""
    home = tmp_path / "招商"
    home.mkdir()
    shutil.copy(seed_catalogue, home / "catalogue.db")
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.chdir(other)
    monkeypatch.delenv("PROMO_DB", raising=False)
    return home / "catalogue.db"


def promo(*args):
    return CliRunner().invoke(cli, list(args))


def test_a_configured_catalogue_is_used_from_any_folder(elsewhere, tmp_path):
    saved = promo("config", "set", "db", str(elsewhere))
    assert saved.exit_code == 0 and str(elsewhere) in saved.output
    assert promo("enterprises", "log-activity", "菲士医学", "--kind", "跟进").exit_code == 0
    assert not (tmp_path / "other" / "catalogue.db").exists()  # no second, fresh seed catalogue
    where = promo("where")
    assert where.output.splitlines()[0] == str(elsewhere)
    assert "configured with promo config set db" in where.output
    shown = json.loads(promo("config", "show", "--format", "json").output)
    assert shown[0]["key"] == "db" and shown[0]["value"] == str(elsewhere)


def test_a_relative_path_is_saved_absolute(elsewhere, tmp_path):
    promo("config", "set", "db", "../招商/catalogue.db")
    assert json.loads(promo("where", "--format", "json").output)[0]["path"] == str(elsewhere)


def test_where_says_why_flag_env_config_default(elsewhere, tmp_path, monkeypatch):
    assert json.loads(promo("where", "--format", "json").output)[0]["source"] == "default"
    promo("config", "set", "db", str(elsewhere))
    assert json.loads(promo("where", "--format", "json").output)[0]["source"] == "config"
    monkeypatch.setenv("PROMO_DB", str(tmp_path / "env.db"))
    got = json.loads(promo("where", "--format", "json").output)[0]
    assert got["source"] == "PROMO_DB" and got["exists"] is False
    got = json.loads(promo("--db", str(elsewhere), "where", "--format", "json").output)[0]
    assert got["source"] == "--db" and got["exists"] is True
    assert json.loads(promo("where", "--db", "x.db", "--format", "json").output)[0]["source"] == "--db"


def test_a_missing_configured_catalogue_is_refused_never_rebuilt(elsewhere, tmp_path):
    promo("config", "set", "db", str(tmp_path / "gone.db"))
    result = promo("vacancies")
    assert result.exit_code == 1 and "configured" in result.output and "promo init" in result.output
    assert not (tmp_path / "gone.db").exists() and not (tmp_path / "other" / "catalogue.db").exists()
    assert promo("init").exit_code == 0 and (tmp_path / "gone.db").exists()  # init builds it where configured


def test_unset_goes_back_to_the_folder_and_a_new_catalogue_is_announced_loudly(elsewhere, tmp_path):
    promo("config", "set", "db", str(elsewhere))
    assert "db removed" in promo("config", "unset", "db").output
    assert "was not set" in promo("config", "unset", "db").output
    result = promo("vacancies", "--limit", "1")
    assert result.exit_code == 0
    assert "NEW CATALOGUE" in result.stderr and str(tmp_path / "other" / "catalogue.db") in result.stderr
    assert "promo config set db PATH" in result.stderr


@pytest.mark.parametrize(
    "args, says",
    [
        (("config", "set", "colour", "red"), "not a setting"),
        (("config", "set", "db", " "), "is empty"),
        (("config", "unset", "nothing"), "not a setting"),
        (("config", "set", "db", "."), "is a folder"),
    ],
)
def test_bad_settings_are_usage_errors(elsewhere, args, says):
    result = promo(*args)
    assert result.exit_code == 2 and says in result.output
    assert "Traceback" not in result.output


def test_a_damaged_config_file_is_said_not_ignored(elsewhere, tmp_path):
    import os

    from promo import config

    config.file().parent.mkdir(parents=True, exist_ok=True)
    config.file().write_text("{not json", encoding="utf-8")
    result = promo("vacancies")
    assert result.exit_code == 1 and "damaged" in result.output and str(config.file()) in result.output
    assert os.environ["PROMO_CONFIG_DIR"] in str(config.file())  # the test's own folder, never the user's
