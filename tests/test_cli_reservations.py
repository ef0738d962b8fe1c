"""A lead that takes a unit reserves it; signing turns the reservation into a lease; one holder per unit."""

import sqlite3

import pytest
from pipeline_helpers import content, query


def unit(db_path, code):
    return query(
        db_path,
        "SELECT u.status, e.name FROM units u LEFT JOIN enterprises e ON e.id = u.enterprise_id WHERE u.code = ?",
        (code,),
    )[0]


def test_a_lead_reserves_and_signing_turns_it_into_a_lease(run, db_path):
    added = run("enterprises", "add", "预留企业", "--stage", "意向", "--unit", "A1-402")
    assert added.exit_code == 0, added.output
    assert "reserved 精准医学产业园/A1-402" in added.output and "took" not in added.output
    assert unit(db_path, "A1-402") == ("reserved", "预留企业")
    # a reservation does not yet put the lead in the carrier
    assert query(db_path, "SELECT carrier_id FROM enterprises WHERE name = '预留企业'") == [(None,)]
    assert "A1-402(reserved)" in run("enterprises", "--stage", "意向").stdout
    run("enterprises", "move", "预留企业", "洽谈")
    assert unit(db_path, "A1-402") == ("reserved", "预留企业")
    signed = run("enterprises", "move", "预留企业", "签约")
    assert "精准医学产业园/A1-402: reservation → lease" in signed.output
    assert unit(db_path, "A1-402") == ("leased", "预留企业")
    assert query(db_path, "SELECT c.code FROM enterprises e JOIN carriers c ON c.id = e.carrier_id "
                          "WHERE e.name = '预留企业'") == [("precision-med-park",)]  # fmt: skip


def test_nobody_else_can_take_a_reserved_unit(run, db_path):
    run("enterprises", "add", "先预留", "--stage", "洽谈", "--unit", "A1-402")
    before = content(db_path)
    for args in (["enterprises", "add", "后来者", "--unit", "A1-402"],
                 ["enterprises", "add", "后来线索", "--stage", "意向", "--unit", "A1-402"]):  # fmt: skip
        result = run(*args)
        assert result.exit_code == 1 and "reserved for 先预留" in result.output
    assert content(db_path) == before


def test_releasing_a_reservation_frees_the_unit(run, db_path):
    run("enterprises", "add", "放弃预留", "--stage", "意向", "--unit", "A1-402")
    result = run("enterprises", "update", "放弃预留", "--release", "A1-402")
    assert result.exit_code == 0 and "released 精准医学产业园/A1-402" in result.output
    assert unit(db_path, "A1-402") == ("vacant", None)


def test_a_step_back_before_signing_turns_leases_into_reservations(run, db_path):
    run("enterprises", "add", "退回洽谈", "--unit", "A1-402")
    assert unit(db_path, "A1-402") == ("leased", "退回洽谈")
    result = run("enterprises", "move", "退回洽谈", "洽谈", "--reason", "选址未定")
    assert "lease → reservation" in result.output
    assert unit(db_path, "A1-402") == ("reserved", "退回洽谈")


def test_a_unit_held_already_is_not_taken_again_nor_said_twice(run, db_path):
    twice = ["--unit", "A1-402", "--unit", "A1-402", "--unit", "精准医学产业园/A1-402"]
    once = run("enterprises", "add", "重复单元", *twice)
    assert once.exit_code == 0 and once.output.count("A1-402") == 1, once.output
    assert query(db_path, "SELECT count(*) FROM journal_changes WHERE tbl = 'units'") == [(1,)]
    run("enterprises", "move", "重复单元", "落地", "--unit", "H1-201")
    again = run("enterprises", "move", "重复单元", "投产", "--unit", "H1-201")
    assert again.exit_code == 0
    assert "took" not in again.output and "already holds 海凭国际·济南医疗器械产业园/H1-201" in again.output


def test_undo_of_a_reservation_and_of_its_lease_is_exact(run, db_path):
    start = content(db_path)
    run("enterprises", "add", "撤销预留", "--stage", "意向", "--unit", "A1-402")
    reserved = content(db_path)
    run("enterprises", "move", "撤销预留", "签约")
    assert run("undo", "--yes").exit_code == 0
    assert content(db_path) == reserved
    assert run("undo", "--yes").exit_code == 0
    assert content(db_path) == start


def test_the_schema_lets_a_named_enterprise_reserve_but_not_a_vacant_unit_have_a_holder(conn):
    conn.execute("UPDATE units SET status = 'reserved', enterprise_id = 1 WHERE code = 'A1-402'")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE units SET status = 'vacant', enterprise_id = 1 WHERE code = 'A1-603'")


def test_migration_4_rebuilds_units_keeping_rows_ids_links_and_indexes(tmp_path):
    from promo.db import connect, migrate
    from promo.schema import MIGRATIONS

    conn = connect(tmp_path / "v3.db")
    for number in (1, 2, 3):
        conn.execute("BEGIN")
        MIGRATIONS[number](conn)
        conn.execute(f"PRAGMA user_version = {number}")
        conn.execute("COMMIT")
    conn.executescript(
        """
        INSERT INTO carriers (id, code, name, name_folded, kind) VALUES (7, 'c', '载体', '载体', 'park');
        INSERT INTO facilities (id, name, name_folded) VALUES (3, 'GMP', 'gmp');
        INSERT INTO enterprises (id, name, name_folded, stage, created_at) VALUES (5, '甲', '甲', '签约', 'x');
        INSERT INTO units (id, carrier_id, code, area_m2, rent, status, enterprise_id)
          VALUES (11, 7, 'A-1', 100.5, 1.25, 'leased', 5), (12, 7, 'A-2', 80, NULL, 'vacant', NULL);
        INSERT INTO unit_facilities (unit_id, facility_id) VALUES (11, 3), (12, 3);
        """
    )
    before = [tuple(r) for r in conn.execute("SELECT * FROM units ORDER BY id")]
    assert migrate(conn) >= 4
    # later migrations add columns after the ones it had: those keep every value
    assert [tuple(r)[: len(before[0])] for r in conn.execute("SELECT * FROM units ORDER BY id")] == before
    assert [tuple(r) for r in conn.execute("SELECT * FROM unit_facilities ORDER BY unit_id")] == [(11, 3), (12, 3)]
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'units'")}
    assert {"units", "units_status", "units_enterprise"} <= indexes
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.execute("UPDATE units SET status = 'reserved' WHERE id = 11")  # allowed now
    conn.close()
