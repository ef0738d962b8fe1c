"""The catalogue file: built when missing, rebuilt with init --force, refused when it is not one."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from promo.cli import cli


def test_missing_default_catalogue_is_built_with_one_line_on_stderr(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PROMO_DB", raising=False)
    result = CliRunner().invoke(cli, ["vacancies", "--format", "json", "--limit", "2"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 2
    assert "NEW CATALOGUE" in result.stderr and str(tmp_path / "catalogue.db") in result.stderr
    assert "promo config set db PATH" in result.stderr
    assert (tmp_path / "catalogue.db").exists()


def test_promo_db_environment_variable(seed_catalogue, tmp_path, monkeypatch):
    shutil.copy(seed_catalogue, tmp_path / "env.db")
    monkeypatch.setenv("PROMO_DB", str(tmp_path / "env.db"))
    result = CliRunner().invoke(cli, ["carriers", "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)


def test_a_mistyped_db_is_not_quietly_created(tmp_path, monkeypatch):
    """Only the default ./catalogue.db is built when missing; --db or PROMO_DB must name one that exists."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["--db", "catalouge.db", "enterprises", "add", "错库公司"])
    assert result.exit_code == 1 and "no catalogue at catalouge.db" in result.output
    assert "promo --db catalouge.db init" in result.output
    monkeypatch.setenv("PROMO_DB", str(tmp_path / "typo.db"))
    assert CliRunner().invoke(cli, ["vacancies"]).exit_code == 1
    assert sorted(os.listdir(tmp_path)) == []
    monkeypatch.delenv("PROMO_DB")
    assert CliRunner().invoke(cli, ["--db", "", "vacancies"]).exit_code == 2


def test_init_makes_a_catalogue_at_an_explicit_path(tmp_path):
    path = tmp_path / "new.db"
    assert CliRunner().invoke(cli, ["--db", str(path), "init"]).exit_code == 0
    assert CliRunner().invoke(cli, ["--db", str(path), "vacancies", "--format", "json"]).exit_code == 0


def test_init_refuses_to_overwrite_without_force(run, db_path):
    before = db_path.read_bytes()
    result = run("init")
    assert result.exit_code == 1 and "--force" in result.output
    assert db_path.read_bytes() == before


def test_init_force_rebuilds_and_keeps_the_old_catalogue(run, db_path):
    assert run("enterprises", "add", "备份测试有限公司").exit_code == 0
    result = run("init", "--force", "--yes")
    (kept_path,) = db_path.parent.glob("catalogue.*.bak")
    assert result.exit_code == 0 and f"restore {kept_path.name}" in result.stderr.replace(str(db_path.parent) + "/", "")
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM enterprises WHERE name = '备份测试有限公司'").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM units").fetchone()[0] >= 60
    kept = sqlite3.connect(kept_path)
    assert kept.execute("SELECT count(*) FROM enterprises WHERE name = '备份测试有限公司'").fetchone()[0] == 1


def test_init_force_leaves_a_read_only_catalogue_alone(run, db_path, monkeypatch):
    # CI runs as root, who may write any file: ask os.access the way it answers a user without the right
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if str(p) == str(db_path) and mode & os.W_OK else real_access(p, mode)
    )
    before = db_path.read_bytes()
    result = run("init", "--force", "--yes")
    assert result.exit_code == 1 and "read-only" in result.output
    assert db_path.read_bytes() == before
    assert not db_path.with_name("catalogue.db.bak").exists()


def test_init_never_overwrites_a_file_that_is_not_a_catalogue(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("my notes")
    result = CliRunner().invoke(cli, ["--db", str(path), "init", "--force", "--yes"])
    assert result.exit_code == 1 and path.read_text() == "my notes"


def test_db_that_is_not_sqlite_is_refused_untouched(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("a,b\n1,2\n")
    result = CliRunner().invoke(cli, ["--db", str(path), "vacancies"])
    assert result.exit_code == 1
    assert "not a SQLite database" in result.output and "Traceback" not in result.output
    assert path.read_text() == "a,b\n1,2\n"
    assert sorted(os.listdir(tmp_path)) == ["data.csv"]


def test_db_in_missing_folder(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "no" / "such" / "c.db"), "init"])
    assert result.exit_code == 1 and "does not exist" in result.output


def test_seed_data_is_marked_sample_where_it_is(conn):
    assert conn.execute("SELECT count(*) FROM units WHERE sample = 0").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM units").fetchone()[0] >= 60
    statuses = {r[0] for r in conn.execute("SELECT DISTINCT status FROM units")}
    assert statuses == {"vacant", "reserved", "leased"}
    real = conn.execute("SELECT count(*) FROM enterprises WHERE sample = 0").fetchone()[0]
    assert real >= 15
    assert conn.execute("SELECT count(*) FROM industries WHERE level = 'industry'").fetchone()[0] == 4
    assert conn.execute("SELECT count(*) FROM clusters").fetchone()[0] == 5
    assert conn.execute("SELECT count(*) FROM platforms WHERE level = 'national'").fetchone()[0] >= 3


def test_installed_package_carries_its_seeds(tmp_path):
    """After a plain `pip install .`, promo builds its catalogue from any folder (run as a new process)."""
    env = {k: v for k, v in os.environ.items() if k != "PROMO_DB"}
    exe = shutil.which("promo", path=str(Path(sys.executable).parent)) or "promo"
    out = subprocess.run(
        [exe, "vacancies", "--format", "json", "--limit", "1"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert len(json.loads(out.stdout)) == 1
    assert (tmp_path / "catalogue.db").exists()
