"""A catalogue that cannot be written still answers lookups: match --for and dry runs need no write access."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pipeline_helpers import content


@pytest.fixture
def read_only(monkeypatch):
    """Call it to make every catalogue opened from then on refuse writes, as a read-only file does."""
    import promo.db

    real = promo.db.open_catalogue

    def open_read_only(*args, **kwargs):
        conn = real(*args, **kwargs)
        conn.execute("PRAGMA query_only = ON")  # writes fail with SQLITE_READONLY
        return conn

    return lambda: monkeypatch.setattr(promo.db, "open_catalogue", open_read_only)


def test_match_for_skips_its_memory_with_a_note(run, db_path, read_only):
    read_only()
    before = content(db_path)
    result = run("match", "--for", "示例生物制药", "--limit", "1")
    assert result.exit_code == 0, result.output
    assert "Ranked units" in result.stdout
    assert "read-only" in result.stderr and "not remembered" in result.stderr
    assert content(db_path) == before


def test_undo_dry_run_checks_in_a_read_transaction(run, db_path, read_only):
    run("enterprises", "add", "只读撤销", "--unit", "A1-402")
    run("enterprises", "move", "只读撤销", "注册")
    read_only()
    before = content(db_path)
    result = run("undo", "--dry-run")
    assert result.exit_code == 0, result.output
    assert (
        "would undo" in result.stdout and "只读撤销" in result.stdout and "stage registered → signed" in result.stdout
    )
    assert "read-only" in result.stderr
    # the refusal checks still run: the add cannot be undone while the move depends on it
    refused = run("undo", "--dry-run", "1")
    assert refused.exit_code == 1 and "later changes depend on it" in refused.output
    assert content(db_path) == before


def test_import_dry_run_on_a_read_only_catalogue_explains(run, tmp_path, read_only):
    read_only()
    path = tmp_path / "leads.csv"
    path.write_text("name,stage\n只读导入,意向\n", encoding="utf-8")
    result = run("enterprises", "import", path, "--dry-run")
    assert result.exit_code == 1 and "read-only" in result.output and "Traceback" not in result.output


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("setpriv"),
    reason="needs root to run promo as an unprivileged user on a file it cannot write",
)
def test_a_real_read_only_file(db_path, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "catalogue.db"
    shutil.copy(db_path, path)
    path.chmod(0o444)
    folder.chmod(0o777)
    for parent in [tmp_path, *tmp_path.parents]:  # pytest's tmp folders are private to root
        if parent == Path("/"):
            break
        parent.chmod(parent.stat().st_mode | 0o005)
    promo = str(Path(sys.executable).parent / "promo")
    env = {**os.environ, "PROMO_TODAY": "2026-11-23", "COLUMNS": "120"}
    common = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", promo, "--db", str(path)]
    done = subprocess.run([*common, "match", "--for", "示例生物制药"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert "not remembered" in done.stderr
    done = subprocess.run([*common, "undo", "--dry-run"], capture_output=True, text=True, env=env)
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr
    assert "could not be read or written" not in done.stderr
