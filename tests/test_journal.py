import pytest
from hypothesis import given
from hypothesis import strategies as st

from promo import journal, journal_read, revert
from promo.db import write
from promo.errors import Rejected


def content(conn):
    """Every catalogue row outside the journal, as SQL literals: equal means equal byte for byte."""
    out = {}
    for table in journal.journaled_tables(conn):
        cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
        quoted = " || '|' || ".join(f'quote("{c}")' for c in cols)
        out[table] = [r[0] for r in conn.execute(f"SELECT rowid || ':' || {quoted} FROM \"{table}\" ORDER BY rowid")]
    return out


@pytest.fixture
def conn(tiny):
    """The tiny catalogue with two stage deadlines, a carrier with a vacant unit A1-402, and enterprise 1
    (signed, with its stage history) leasing unit A1-401: rows for the journal to record and undo."""
    tiny.executemany("INSERT INTO stage_deadlines (stage, days) VALUES (?, ?)", [("意向", 30), ("洽谈", 60)])
    tiny.execute("INSERT INTO carriers (id, code, name, name_folded, kind) VALUES (1, 'park', '园区', '园区', 'park')")
    tiny.execute(
        """INSERT INTO enterprises (id, name, name_folded, kind, industry_id, stage, carrier_id, created_at)
           VALUES (1, '某公司', '某公司', 'company', 3, '签约', 1, '2026-11-01')"""
    )
    tiny.execute(
        "INSERT INTO stage_history (enterprise_id, stage, date, recorded_at) VALUES (1, '签约', '2026-11-01', 'now')"
    )
    tiny.executemany(
        "INSERT INTO units (carrier_id, code, area_m2, rent, status, enterprise_id) VALUES (1, ?, ?, 1.2, ?, ?)",
        [("A1-401", 300, "leased", 1), ("A1-402", 400, "vacant", None)],
    )
    return tiny


def test_a_write_records_every_row_change_with_exact_values(conn):
    awkward = 0.1 + 0.2  # SQLite's JSON would round this to 0.3
    with write(conn, "test") as jid:
        eid = conn.execute(
            "INSERT INTO enterprises (name, name_folded, stage, created_at, investment_wan, note) "
            "VALUES ('x', 'x', '签约', 'now', ?, ?)",
            (awkward, 'it\'s "quoted"\nand multi-line'),
        ).lastrowid
        conn.execute("UPDATE units SET status = 'leased', enterprise_id = ? WHERE code = 'A1-402'", (eid,))
        conn.execute("UPDATE stage_deadlines SET days = days")  # changes nothing: not recorded
    changes = journal_read.changes(conn, jid)
    assert [(c["tbl"], c["op"]) for c in changes] == [("enterprises", "insert"), ("units", "update")]
    assert changes[0]["new"]["investment_wan"] == awkward
    assert changes[0]["new"]["note"] == 'it\'s "quoted"\nand multi-line'
    assert changes[1]["old"]["status"] == "vacant" and changes[1]["new"]["enterprise_id"] == eid
    assert "status vacant → leased" in changes[1]["text"]


def test_a_write_that_changes_nothing_leaves_no_entry(conn):
    before = conn.execute("SELECT count(*) FROM journal").fetchone()[0]
    with write(conn, "nothing"):
        conn.execute("UPDATE stage_deadlines SET days = days")
    assert conn.execute("SELECT count(*) FROM journal").fetchone()[0] == before


def test_a_failed_write_leaves_neither_rows_nor_journal(conn):
    before = content(conn)
    with pytest.raises(RuntimeError), write(conn, "boom"):
        conn.execute("UPDATE stage_deadlines SET days = 1")
        raise RuntimeError("boom")
    assert content(conn) == before
    assert conn.execute("SELECT count(*) FROM journal_changes").fetchone()[0] == 0


def test_writes_outside_write_are_not_captured(conn):
    with write(conn, "first"):
        conn.execute("UPDATE stage_deadlines SET days = 1 WHERE stage = '意向'")
    conn.execute("UPDATE stage_deadlines SET days = 2 WHERE stage = '意向'")
    assert conn.execute("SELECT count(*) FROM journal_changes").fetchone()[0] == 1


def test_undo_restores_content_exactly_including_cascades(conn):
    before = content(conn)
    with write(conn, "remove"):
        conn.execute("UPDATE units SET status = 'vacant', enterprise_id = NULL WHERE enterprise_id = 1")
        conn.execute("DELETE FROM enterprises WHERE id = 1")  # its stage history goes by cascade
    assert content(conn) != before
    with write(conn, "undo") as undo_id:
        target = journal_read.undo_target(conn)
        revert.undo(conn, target["id"], undo_id)
    assert content(conn) == before
    assert journal_read.entry(conn, target["id"])["undone_by"] == undo_id


def test_undo_refuses_when_a_later_change_depends_on_it(conn):
    with write(conn, "add") as first:
        eid = conn.execute(
            "INSERT INTO enterprises (name, name_folded, stage, created_at) VALUES ('x', 'x', '签约', 'now')"
        ).lastrowid
    with write(conn, "activity") as second:
        conn.execute(
            "INSERT INTO activities (enterprise_id, kind, date, recorded_at) VALUES (?, 'call', '2026-11-01', 'now')",
            (eid,),
        )
    before = content(conn)
    with pytest.raises(Rejected) as err, write(conn, "undo") as undo_id:
        revert.undo(conn, first, undo_id)
    assert f"#{second}" in err.value.message and "refers to a row it added" in err.value.message
    assert f"promo undo {second}" in err.value.hint
    assert content(conn) == before


def test_undo_refuses_a_row_changed_since(conn):
    with write(conn, "one") as first:
        conn.execute("UPDATE stage_deadlines SET days = 10 WHERE stage = '意向'")
    with write(conn, "two") as second:
        conn.execute("UPDATE stage_deadlines SET days = 20 WHERE stage = '意向'")
    with pytest.raises(Rejected, match=f"changed since by #{second}"), write(conn, "undo") as undo_id:
        revert.undo(conn, first, undo_id)


def test_last_command_skips_undone_entries_and_undos(conn):
    with write(conn, "one") as first:
        conn.execute("UPDATE stage_deadlines SET days = 10 WHERE stage = '意向'")
    with write(conn, "two") as second:
        conn.execute("UPDATE stage_deadlines SET days = 20 WHERE stage = '洽谈'")
    assert journal_read.undo_target(conn)["id"] == second
    with write(conn, "undo") as undo_id:
        revert.undo(conn, second, undo_id)
    assert journal_read.undo_target(conn)["id"] == first
    with pytest.raises(Rejected, match="already undone"):
        journal_read.undo_target(conn, second)
    with pytest.raises(Rejected, match="itself an undo"):
        journal_read.undo_target(conn, undo_id)


def test_tables_added_after_the_first_write_of_a_new_connection_are_journaled(tmp_path):
    from promo.db import connect, migrate, open_catalogue

    db_path = tmp_path / "catalogue.db"
    built = connect(db_path)
    migrate(built)
    built.close()
    setup = open_catalogue(db_path)
    setup.execute("CREATE TABLE later_list (id INTEGER PRIMARY KEY, name TEXT, score REAL)")
    setup.close()
    conn = open_catalogue(db_path)
    with write(conn, "later") as jid:
        conn.execute("INSERT INTO later_list (name, score) VALUES ('a', 1.5)")
    assert [c["tbl"] for c in journal_read.changes(conn, jid)] == ["later_list"]
    conn.close()


@pytest.mark.parametrize("literal, value", [("NULL", None), ("'it''s'", "it's"), ("42", 42), ("-7", -7), ("1.5", 1.5)])
def test_decode_literal(literal, value):
    assert journal_read.decode_literal(literal) == value


def test_decode_literal_blob_and_exact_real(conn):
    for value in (b"\x00\xff", 0.1 + 0.2, 1e300, -2.5e-10, 123456789.12345679):
        literal = conn.execute("SELECT quote(?)", (value,)).fetchone()[0]
        assert journal_read.decode_literal(literal) == value


def test_the_journal_names_the_program_when_run_as_python_m_promo(monkeypatch):
    from promo.db import command_line

    monkeypatch.setattr("sys.argv", ["/srv/venv/lib/python3.11/site-packages/promo/__main__.py", "undo", "--yes"])
    assert command_line() == "promo undo --yes"
    monkeypatch.setattr("sys.argv", ["/usr/local/bin/promo", "enterprises", "add", "树兰 医院"])
    assert command_line() == "promo enterprises add '树兰 医院'"


_SQL_VALUE = st.none() | st.integers(-(2**63), 2**63 - 1) | st.floats() | st.text() | st.binary()


@given(st.lists(st.tuples(st.text(min_size=1), _SQL_VALUE), max_size=30))
def test_a_row_print_is_the_hash_of_its_pairs_repr(pairs):
    """The fingerprints journals already hold stay valid: a row's print is blake2b-64 of repr() of its
    (column, value) pairs without the NULL ones, however row_print builds that text."""
    from hashlib import blake2b

    text = repr(tuple((n, v) for n, v in pairs if v is not None))
    expected = int.from_bytes(blake2b(text.encode(), digest_size=8).digest(), "big", signed=True)
    assert journal.row_print(*(x for pair in pairs for x in pair)) == expected
    if pairs and all("\x1f" not in n for n, _v in pairs):  # as the SQL hands a table's rows over
        assert journal.row_print_of("\x1f".join(n for n, _v in pairs), *(v for _n, v in pairs)) == expected
