import sqlite3

import pytest

from promo.db import migrate, open_catalogue
from promo.errors import CatalogueError
from promo.schema import MIGRATIONS, latest_version, migration


def test_catalogue_has_the_whole_product_schema(conn):
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in [
        "zone",
        "zone_figures",
        "industries",
        "clusters",
        "carriers",
        "carrier_industries",
        "units",
        "facilities",
        "unit_facilities",
        "platforms",
        "enterprises",
        "stage_history",
        "activities",
        "policies",
        "policy_eligibility",
        "criteria",
        "negative_list",
        "scenarios",
        "targets",
        "needs",
        "journal",
        "journal_changes",
        "stage_deadlines",
    ]:
        assert table in tables, table
    assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_migrations_are_numbered_once():
    with pytest.raises(RuntimeError):
        migration(1)(lambda conn: None)
    assert sorted(MIGRATIONS) == list(range(1, latest_version() + 1))


def test_newer_catalogue_is_refused_untouched(db_path):
    raw = sqlite3.connect(db_path)
    raw.execute(f"PRAGMA user_version = {latest_version() + 5}")
    raw.close()
    before = db_path.read_bytes()
    with pytest.raises(CatalogueError, match="newer promo"):
        open_catalogue(db_path)
    assert db_path.read_bytes() == before


def test_older_catalogue_is_migrated_forward(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    MIGRATIONS[1](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    conn = open_catalogue(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()


def test_failed_migration_rolls_back_with_its_version(tmp_path, monkeypatch):
    path = tmp_path / "c.db"
    conn = sqlite3.connect(path, isolation_level=None)

    def broken(c):
        c.execute("CREATE TABLE half (x)")
        raise RuntimeError("boom")

    monkeypatch.setitem(MIGRATIONS, latest_version() + 1, broken)
    with pytest.raises(RuntimeError):
        migrate(conn)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    assert version == max(n for n in MIGRATIONS if MIGRATIONS[n] is not broken)
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'half'").fetchone()


@pytest.mark.parametrize("content", [b"", b"name,area\nA,100\n", b"SQLite format 2\x00" + b"\x00" * 100])
def test_non_catalogue_files_are_refused_untouched(tmp_path, content):
    path = tmp_path / "not.db"
    path.write_bytes(content)
    with pytest.raises(CatalogueError):
        open_catalogue(path)
    assert path.read_bytes() == content
    assert not (tmp_path / "not.db-wal").exists()


def test_plain_sqlite_database_is_not_a_catalogue(tmp_path):
    path = tmp_path / "other.db"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE t (x)")
    raw.commit()
    raw.close()
    before = path.read_bytes()
    with pytest.raises(CatalogueError, match="not a promo catalogue"):
        open_catalogue(path)
    assert path.read_bytes() == before


def test_streamed_rows_are_the_dicts_sqlite3_row_gives():
    from promo.db import stream

    conn = sqlite3.connect(":memory:")
    conn.row_factory = sqlite3.Row
    conn.execute("CREATE TABLE t (a, b, Name)")
    conn.execute("INSERT INTO t VALUES (1, 'x', 'N'), (2, NULL, 'M')")
    # a repeated name (in any case) keeps the first column's value, as sqlite3.Row reads it
    for sql in ("SELECT * FROM t", "SELECT a, b AS a, Name, name FROM t", "SELECT a AS A, b AS a FROM t"):
        expected = [dict(r) for r in conn.execute(sql)]
        got = list(stream(conn, sql))
        assert got == expected and [list(r) for r in got] == [list(r) for r in expected], sql
    assert list(stream(conn, "SELECT 1 WHERE 0")) == []


def test_every_table_naming_an_enterprise_is_indexed_by_it(conn):
    """Deleting an enterprise looks for its rows in each table that references it, and profiles read them
    by it: without an index on enterprise_id, each is a scan of the whole table per enterprise."""
    unindexed = []
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"):
        columns = {r[1]: r[5] for r in conn.execute("SELECT * FROM pragma_table_info(?)", (table,))}
        references = {
            r[3] for r in conn.execute("SELECT * FROM pragma_foreign_key_list(?)", (table,)) if r[2] == "enterprises"
        }
        for column in references | ({"enterprise_id"} & set(columns)):
            leading = {
                conn.execute("SELECT name FROM pragma_index_info(?) WHERE seqno = 0", (index,)).fetchone()[0]
                for (index,) in conn.execute("SELECT name FROM pragma_index_list(?)", (table,))
            }
            if column not in leading and columns[column] != 1:  # an INTEGER PRIMARY KEY is its own index
                unindexed.append(f"{table}.{column}")
    assert unindexed == []
