"""init --force, backup, restore: nothing acknowledged is lost, nothing foreign is touched, modes stay private."""

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from promo.cli import cli

PROMO = [sys.executable, "-m", "promo"]


def promo(db, *args):
    result = CliRunner().invoke(cli, ["--db", str(db), *map(str, args)], catch_exceptions=False)
    return result


def names(db) -> set[str]:
    with sqlite3.connect(db) as c:
        return {r[0] for r in c.execute("SELECT name FROM enterprises")}


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_each_rebuild_keeps_a_dated_backup_and_says_how_to_restore(db_path):
    promo(db_path, "enterprises", "add", "重建前的企业")
    first = promo(db_path, "init", "--force", "--yes")
    assert first.exit_code == 0, first.output
    assert "promo --db" in first.output and " restore " in first.output and "mv " not in first.output
    time.sleep(1.1)
    promo(db_path, "enterprises", "add", "第二次重建前")
    promo(db_path, "init", "--force", "--yes")
    backups = sorted(db_path.parent.glob("catalogue.*.bak"))
    assert len(backups) == 2, backups  # the second rebuild did not overwrite the first backup
    assert "重建前的企业" in names(backups[0]) and "第二次重建前" in names(backups[1])
    assert "重建前的企业" not in names(db_path)
    restored = promo(db_path, "restore", backups[1])
    assert restored.exit_code == 0, restored.output
    assert "第二次重建前" in names(db_path) and "重建前的企业" not in names(db_path)
    assert len(list(db_path.parent.glob("catalogue.*.bak"))) == 3  # what restore replaced is kept too


def test_only_the_newest_backups_are_kept(db_path, monkeypatch):
    for _ in range(4):
        assert promo(db_path, "backup", "--keep", "2").exit_code == 0
    assert len(list(db_path.parent.glob("catalogue.*.bak"))) == 2
    monkeypatch.setenv("PROMO_KEEP_BACKUPS", "1")
    promo(db_path, "init", "--force", "--yes")
    assert len(list(db_path.parent.glob("catalogue.*.bak"))) == 1
    monkeypatch.setenv("PROMO_KEEP_BACKUPS", "many")
    result = promo(db_path, "backup")
    assert result.exit_code == 2 and "PROMO_KEEP_BACKUPS" in result.output


def test_restore_next_to_a_stale_wal_does_not_replay_it(db_path, tmp_path):
    promo(db_path, "enterprises", "add", "备份里的企业")
    copy = tmp_path / "copy.db"
    assert promo(db_path, "backup", copy).exit_code == 0
    # a -wal and -shm left by another catalogue of the same name, and no catalogue
    other = tmp_path / "other" / "catalogue.db"
    other.parent.mkdir()
    promo(db_path, "backup", other)
    live = sqlite3.connect(other)
    live.execute("PRAGMA journal_mode = WAL")
    live.execute("PRAGMA wal_autocheckpoint = 0")
    live.execute("DELETE FROM enterprises")
    target = tmp_path / "restored" / "catalogue.db"
    target.parent.mkdir()
    for side in ("-wal", "-shm"):
        (target.parent / f"catalogue.db{side}").write_bytes(open(f"{other}{side}", "rb").read())
    live.close()
    result = promo(target, "restore", copy)
    assert result.exit_code == 0, result.output
    assert "备份里的企业" in names(target)
    assert promo(target, "doctor").exit_code == 0


def test_restore_takes_only_a_promo_catalogue(db_path, tmp_path):
    foreign = tmp_path / "other.sqlite"
    with sqlite3.connect(foreign) as c:
        c.execute("CREATE TABLE notes (x)")
        c.execute("PRAGMA user_version = 3")
    before = digest(db_path)
    result = promo(db_path, "restore", foreign)
    assert result.exit_code == 1 and "not a promo catalogue" in result.output
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    assert promo(db_path, "restore", text).exit_code == 1
    assert digest(db_path) == before


def test_a_foreign_sqlite_file_is_refused_before_anything_is_written(tmp_path):
    foreign = tmp_path / "app.db"
    with sqlite3.connect(foreign) as c:
        c.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT)")
        c.execute("PRAGMA user_version = 2")
    before = digest(foreign)
    result = promo(foreign, "vacancies")
    assert result.exit_code == 1 and "not a promo catalogue" in result.output
    assert digest(foreign) == before and not (tmp_path / "app.db-wal").exists()
    result = promo(foreign, "init", "--force", "--yes")
    assert result.exit_code == 1 and "--replace-foreign" in result.output
    assert digest(foreign) == before
    result = promo(foreign, "init", "--force", "--replace-foreign", "--yes")
    assert result.exit_code == 0, result.output
    assert promo(foreign, "doctor").exit_code == 0
    kept = list(tmp_path.glob("app.*.bak"))
    assert len(kept) == 1 and sqlite3.connect(kept[0]).execute("SELECT count(*) FROM accounts").fetchone() == (0,)


def test_catalogue_and_backups_are_owner_only_under_umask_022(tmp_path):
    old = os.umask(0o022)
    try:
        db = tmp_path / "catalogue.db"
        assert promo(db, "init").exit_code == 0
        assert mode(db) == 0o600
        promo(db, "enterprises", "add", "权限测试")  # makes the -wal and -shm
        for side in ("-wal", "-shm"):
            if os.path.exists(f"{db}{side}"):
                assert mode(f"{db}{side}") == 0o600
        promo(db, "init", "--force", "--yes")
        assert mode(db) == 0o600
        promo(db, "backup", tmp_path / "copy.db")
        assert mode(tmp_path / "copy.db") == 0o600
        assert all(mode(p) == 0o600 for p in tmp_path.glob("*.bak"))
    finally:
        os.umask(old)


def test_a_pipe_or_device_as_db_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    started = time.monotonic()
    for target in (fifo, "/dev/zero"):
        result = promo(target, "vacancies")
        assert result.exit_code == 1 and "not a regular file" in result.output
    assert time.monotonic() - started < 5


def test_a_path_too_long_is_a_bad_value(tmp_path):
    result = promo(tmp_path / ("长" * 300 + ".db"), "vacancies")
    assert result.exit_code == 2 and "too long" in result.output and "--db" in result.output


def test_temp_files_of_killed_rebuilds_are_cleaned_by_name(db_path):
    dead = db_path.parent / ".catalogue.db.promo-building-999999999"
    dead_wal = db_path.parent / ".catalogue.db.promo-building-999999999-wal"
    alive = db_path.parent / f".catalogue.db.promo-building-{os.getppid()}"
    other = db_path.parent / ".catalogue.db.building-999999999"  # not promo's naming: not touched
    for p in (dead, dead_wal, alive, other):
        p.write_bytes(b"x")
    assert promo(db_path, "vacancies", "--format", "csv").exit_code == 0
    assert not dead.exists() and not dead_wal.exists()
    assert alive.exists() and other.exists()


WRITER = """
import random, sys, time
from promo import enterprises
from promo.db import open_catalogue, write
from promo.enterprise_fields import parse_fields
from promo.errors import PromoError
db, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(n):
    conn = open_catalogue(db)
    time.sleep(random.random() * 0.3)  # a command reads before it writes: the rebuild may come in between
    try:
        with write(conn, f"add {tag}-{i}"):
            enterprises.add(conn, parse_fields({"name": f"{tag}-{i}"}), similar_warning=False)
        print(f"{tag}-{i}", flush=True)  # acknowledged
    except PromoError:
        pass  # refused with a message: not acknowledged, so not lost
    conn.close()
"""


def test_writers_racing_init_force_lose_nothing_acknowledged(db_path):
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), tag, "40"], stdout=subprocess.PIPE, text=True)
        for tag in ("甲", "乙", "丙")
    ]
    time.sleep(0.8)
    for _ in range(3):
        r = subprocess.run([*PROMO, "--db", str(db_path), "init", "--force", "--yes"], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        time.sleep(1.05)
    acknowledged = set()
    for w in writers:
        out, _ = w.communicate(timeout=120)
        acknowledged |= set(out.split())
    assert acknowledged
    kept = names(db_path).union(*(names(b) for b in db_path.parent.glob("catalogue.*.bak")))
    assert acknowledged - kept == set()
    assert promo(db_path, "doctor").exit_code == 0


def _kill_after(cmd, delay):
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    p.kill()
    p.wait()


@pytest.mark.parametrize("delay", [0.6, 1.2])
def test_sigkill_during_init_force_leaves_the_old_or_the_new_catalogue(db_path, delay):
    promo(db_path, "enterprises", "add", "杀不死的企业")
    before = len(names(db_path))
    _kill_after([*PROMO, "--db", str(db_path), "init", "--force", "--yes"], delay)
    assert promo(db_path, "doctor").exit_code == 0
    count = len(names(db_path))
    assert count in (before, before - 1)  # all of it or the fresh seed, never a mix
    assert not list(db_path.parent.glob(".catalogue.db.promo-*"))  # cleaned at this start


@pytest.mark.parametrize("delay", [0.8, 1.6])
def test_sigkill_during_an_import_leaves_all_or_none_of_the_rows(db_path, tmp_path, delay):
    rows = 3000
    csv = tmp_path / "big.csv"
    csv.write_text("名称,阶段\n" + "".join(f"导入企业{i},意向\n" for i in range(rows)), encoding="utf-8")
    before = len(names(db_path))
    _kill_after([*PROMO, "--db", str(db_path), "enterprises", "import", str(csv)], delay)
    assert promo(db_path, "doctor").exit_code == 0
    assert len(names(db_path)) - before in (0, rows)


def test_commits_are_synced_in_full(db_path):
    from promo.db import open_catalogue

    conn = open_catalogue(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL: NORMAL may lose the last commits
    conn.close()


def damage(db) -> None:
    """Overwrite an index page of the enterprises table: the file still opens as a promo catalogue, but SQLite's
    integrity check fails (a disk or a copy gone wrong)."""
    with sqlite3.connect(db) as c:
        page_size = c.execute("PRAGMA page_size").fetchone()[0]
        root = c.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'enterprises' ORDER BY rootpage"
        ).fetchone()[0]
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with open(db, "r+b") as f:
        f.seek((root - 1) * page_size + 8)
        f.write(b"\xff" * 200)
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA quick_check").fetchone()[0] != "ok"


def test_backups_of_a_damaged_catalogue_never_push_out_the_good_ones(db_path):
    for _ in range(2):
        assert promo(db_path, "backup", "--keep", "2").exit_code == 0
    good = set(db_path.parent.glob("catalogue.*.bak"))
    damage(db_path)
    for _ in range(3):
        result = promo(db_path, "backup", "--keep", "2")
        assert result.exit_code == 1 and "damaged" in result.output and "no older backup was removed" in result.output
    assert good <= set(db_path.parent.glob("catalogue.*.bak"))  # the copies are made, the good ones kept


def test_a_damaged_backup_is_not_restored(db_path, tmp_path):
    copy = tmp_path / "copy.db"
    assert promo(db_path, "backup", copy).exit_code == 0
    damage(copy)
    before = digest(db_path)
    result = promo(db_path, "restore", copy)
    assert result.exit_code == 1 and "damaged" in result.output and "nothing was restored" in result.output
    assert digest(db_path) == before
