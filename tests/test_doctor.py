"""promo doctor: healthy catalogues pass; each broken rule is reported with what and where, exit 1."""

import sqlite3

from promo import doctor


def test_a_fresh_catalogue_is_healthy(run):
    result = run("doctor")
    assert result.exit_code == 0 and "healthy" in result.output


def broken(db_path, *statements):
    c = sqlite3.connect(db_path)
    c.execute("PRAGMA foreign_keys = OFF")
    for sql in statements:
        c.execute(sql)
    c.commit()
    c.close()


def test_each_broken_rule_is_named_with_where(run, db_path):
    lead = "(SELECT id FROM enterprises WHERE stage = '意向' ORDER BY id LIMIT 1)"
    broken(
        db_path,
        f"UPDATE units SET status = 'leased', enterprise_id = {lead} WHERE id = (SELECT min(id) FROM units)",
        "UPDATE enterprises SET stage = '达效' WHERE id = (SELECT max(id) FROM enterprises)",
        "INSERT INTO stage_history (enterprise_id, stage, date, recorded_at) VALUES (999999, '意向', '2026-01-01', '')",
        "INSERT INTO journal (at, command) VALUES ('2026-01-01', 'x')",
        # an insert journals the new row, or its id alone (a bulk insert); never an old row
        "INSERT INTO journal_changes (journal_id, tbl, row_id, op, old) "
        "SELECT max(id), 'units', 1, 'insert', '{}' FROM journal",
    )
    result = run("doctor", "--format", "csv")
    assert result.exit_code == 1
    out = result.output
    assert "leased to an enterprise before 签约" in out and "unit " in out
    assert "stage is 达效 but its history ends at" in out
    assert "foreign_key_check" in out and "stage_history rowid" in out
    assert "insert of units rowid 1 is incomplete" in out


def test_extra_checks_can_be_registered(run, monkeypatch):
    monkeypatch.setattr(doctor, "CHECKS", [*doctor.CHECKS, lambda conn: [doctor._problem("search", "index", "stale")]])
    result = run("doctor")
    assert result.exit_code == 1 and "stale" in result.output


def test_a_read_only_folder_opens_the_catalogue_read_only_with_a_note(run, db_path, monkeypatch):
    import promo.db

    run("enterprises", "add", "只读目录企业")  # a WAL catalogue with writes in it
    monkeypatch.setattr(promo.db, "writable_folder", lambda path: False)
    result = run("enterprises", "--format", "csv")
    assert result.exit_code == 0 and "只读目录企业" in result.stdout
    assert "opened read-only" in result.stderr
    refused = run("enterprises", "add", "写不进去")
    assert refused.exit_code == 1 and "read-only" in refused.output and "Traceback" not in refused.output


def test_a_wal_catalogue_in_a_truly_read_only_folder_is_read(tmp_path):
    import os
    import shutil
    import subprocess
    import sys

    import pytest

    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root to run promo as another user")
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp(prefix="promo-share-"))  # pytest's own folders are private to root
    db = folder / "catalogue.db"
    promo = [sys.executable, "-m", "promo", "--db", str(db)]
    subprocess.run([*promo, "init"], check=True, capture_output=True)
    subprocess.run([*promo, "enterprises", "add", "共享目录企业"], check=True, capture_output=True)
    keep = sqlite3.connect(db)  # holds the -wal and -shm open, as a colleague's promo would
    keep.execute("PRAGMA wal_autocheckpoint = 0")
    keep.execute("INSERT INTO settings VALUES ('note', 'in the wal')")
    keep.commit()
    for p in folder.iterdir():
        p.chmod(0o644)
    folder.chmod(0o555)
    nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([*nobody, *promo, "enterprises", "--format", "csv"], capture_output=True, text=True, env=env)
    keep.close()
    folder.chmod(0o755)
    shutil.rmtree(folder)
    assert done.returncode == 0, done.stderr
    assert "共享目录企业" in done.stdout and "opened read-only" in done.stderr


def test_a_search_index_out_of_step_is_found_and_reindex_mends_it(run, db_path):
    # writes made around promo (another tool, no triggers) leave the index behind the lists
    broken(
        db_path,
        "INSERT INTO enterprises (name, name_folded, stage, created_at) "
        "VALUES ('绕过索引医疗', '绕过索引医疗', '意向', '2026-01-01')",
        "INSERT INTO stage_history (enterprise_id, stage, date, recorded_at) "
        "SELECT max(id), '意向', '2026-01-01', '' FROM enterprises",
        "DELETE FROM search_index WHERE rowid = (SELECT max(rowid) FROM search_index)",
    )
    result = run("doctor", "--format", "csv")
    assert result.exit_code == 1
    assert "search_index" in result.output and "not indexed" in result.output and "--reindex" in result.output
    result = run("doctor", "--reindex")
    assert result.exit_code == 0, result.output
    assert "search index rebuilt" in result.output and "healthy" in result.output
    assert "绕过索引医疗" in run("search", "绕过索引", "--format", "json").output


def test_a_dropped_search_index_is_named(run, db_path):
    broken(db_path, "DROP TABLE search_index")
    result = run("doctor")
    assert result.exit_code == 1 and "search index is missing" in result.output
    assert run("doctor", "--reindex").exit_code == 0
