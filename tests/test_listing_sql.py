"""JSON and CSV lines written by SQLite (promo.listing_sql) are the text promo's Python writers give for the
same rows, whatever the values: awkward text, formula-like cells, all-digit codes, floats of any size."""

import io
import json
import math
import sqlite3
import sys

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from promo.listing_sql import COLUMNS, Keyed, Query
from promo.render import Column, render
from promo.render_csv import csv_cell
from promo.render_stream import json_safe, json_value
from promo.resources import VacancyFilter, iter_vacancies
from promo.views import VACANCIES

AWKWARD_TEXT = [
    "精准医学产业园",
    'say "hi"',
    "back\\slash",
    "a,b",
    "tab\tin",
    "line\nbreak",
    "bell\x07",
    ":\x00",  # GLOB stops at NUL: found by hypothesis
    "del\x7f",
    "c1\x85",
    "rtl\u202eevil",
    "=HYPERLINK(1)",
    "+86 139",
    "-5",
    "-1+2",
    "@sum",
    "0123",
    "１２３",
    "²",
    "",
    " ",
    "B1-0102-5",
    "2026-12-31",
    # formula-like after spaces, full-width, behind a ', or after a ; (promo.render_csv.csv_safe)
    " =1",
    "\u3000＝1",
    "'=1",
    "'plain",
    "a;=b",
    "a; +1",
    "a;b",
    "·中点",
    "“引号”—…",
]
AWKWARD_FLOATS = [0.0, 1.8, 320.0, 0.1 + 0.2, 1 / 3, 1e-5, 0.0001, 5e-5, 1e11, 1e15, 1e16, 1e20, 333.335, 99999.9999]


def one_value(value, fmt: str) -> str:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (?)", (value,))
    (line,) = Query(conn, f"SELECT {COLUMNS} FROM t", (), "x", exprs={"x": "t.x"}).lines(["x"], fmt)
    return json_safe("{" + line[1:-1] + "}") if fmt == "json" else line


@pytest.mark.parametrize("value", [None, 0, 7, -3, 2**62, *AWKWARD_TEXT, *AWKWARD_FLOATS])
def test_each_value_is_written_as_python_writes_it(value):
    assert one_value(value, "json") == "{" + f'"x": {json_value(value)}' + "}"
    assert one_value(value, "csv") == csv_cell(value)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.floats(allow_nan=False), st.text(), st.integers(min_value=-(2**63), max_value=2**63 - 1)))
def test_any_value_is_written_as_python_writes_it(value):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (?)", (value,))
    stored = conn.execute("SELECT x FROM t").fetchone()[0]  # what a table gives back
    # SQLite writes negative zero as 0.0 in every text form (CAST, printf, quote); Python as -0.0. Same number.
    assume(not (isinstance(stored, float) and stored == 0 and math.copysign(1, stored) < 0))
    assert json.loads(one_value(stored, "json"))["x"] == json.loads(json_value(stored))
    assert one_value(stored, "json") == "{" + f'"x": {json_value(stored)}' + "}"
    assert one_value(stored, "csv") == csv_cell(stored)


def written(rows, fmt: str, *, binary: bool = False) -> str:
    """What render writes to a text stream, or (binary) to one over bytes, as stdout is: SQLite's lines
    then go to the bytes unchanged."""
    out, sys.stdout = sys.stdout, io.TextIOWrapper(io.BytesIO(), encoding="utf-8") if binary else io.StringIO()
    try:
        render(rows, [Column(k, k) for k in VACANCIES.keys], fmt)
        if binary:
            sys.stdout.flush()
            return sys.stdout.buffer.getvalue().decode()
        return sys.stdout.getvalue()
    finally:
        sys.stdout = out


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_vacancies_written_by_sqlite_equal_those_written_in_python(conn, fmt, monkeypatch):
    names = ['净化"车间', "a\\b,c", " =x", "'=y", "rtl\u202e", "·点"]
    conn.executemany(
        "INSERT INTO facilities (name, name_folded) VALUES (?, ?)", [(n, f"x{i}") for i, n in enumerate(names)]
    )
    added = [f for (f,) in conn.execute("SELECT id FROM facilities WHERE name_folded GLOB 'x[0-9]'")]
    units = [u for (u,) in conn.execute("SELECT id FROM units WHERE status = 'vacant' ORDER BY id LIMIT 4")]
    # units with the same facilities and with different ones, so the lists written once per set are reused
    links = [(units[0], f) for f in added[:2]] + [(u, f) for u in units[1:3] for f in added[2:]]
    conn.executemany("INSERT INTO unit_facilities (unit_id, facility_id) VALUES (?, ?)", links)
    conn.execute(
        "UPDATE units SET code = '=1+1', building = '0123', rent = 0.1 + 0.2, area_m2 = 333.335, ceiling_m = 1e20,"
        " note = 'c1\x85' WHERE id = ?",
        (units[0],),
    )
    conn.execute("UPDATE units SET code = ' =2', building = '·A', rent = 0 WHERE id = ?", (units[3],))
    for limit in (4096, 1):  # every set of facilities written anew
        monkeypatch.setattr("promo.listing_sql._Cells.LIMIT", limit)
        for needs in ({}, {"min_area": 300, "limit": 5}, {"sort": "-rent"}):
            query = iter_vacancies(conn, VacancyFilter(**needs))
            assert query.lines(list(VACANCIES.keys), fmt) is not None  # the SQL path is the one compared
            python = written(list(query), fmt)
            assert written(query, fmt) == python, needs
            assert written(query, fmt, binary=True) == python, needs


def test_columns_are_taken_for_text_or_real_as_their_tables_declare_them(conn):
    from promo.listing_sql import column_kinds

    conn.execute("CREATE TEMP VIEW v AS SELECT code AS code FROM units")
    exprs = {"code": "u.code", "area": "u.area_m2", "name": "c.name", "id": "u.id", "view": "v.code", "x": "1"}
    kinds = column_kinds(conn, exprs, {"u": "units", "c": "carriers", "v": "v"})
    assert kinds == {"code": "text", "area": "real", "name": "text"}


def test_keys_worked_out_in_python_are_written_in_python(conn):
    query = iter_vacancies(conn, VacancyFilter())
    assert query.lines(["id", "status_label"], "json") is None
    assert query.lines(["id", "holder"], "csv") is None


@pytest.mark.parametrize("runs", [1, 2, 3])
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_cells_written_once_per_key_are_those_of_every_row(runs, fmt):
    # keys a, b, c each in a run of its own (split by a plain cell) or next to the next one: one to three
    # groups of cells written per key, however many rows share it
    conn = sqlite3.connect(":memory:")
    conn.executescript(
        """CREATE TABLE k (id INTEGER PRIMARY KEY, a TEXT, b REAL, c);
           CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER, x);"""
    )
    conn.executemany("INSERT INTO k VALUES (?, ?, ?, ?)", [(1, "=1", 0.1 + 0.2, None), (2, "名,称", 2.5, "0123")])
    conn.executemany("INSERT INTO t VALUES (?, ?, ?)", [(i, 1 + i % 2, f"x{i}" if i % 3 else i) for i in range(2500)])
    keys = {1: ["a", "b", "c", "x"], 2: ["a", "x", "b", "c"], 3: ["a", "x", "b", "id", "c"]}[runs]
    exprs = {"a": "k.a", "b": "k.b", "c": "k.c", "x": "t.x", "id": "t.id"}
    keyed = dict.fromkeys("abc", Keyed("k.id", "k WHERE k.id = :key"))
    template = f"SELECT {COLUMNS} FROM t JOIN k ON k.id = t.k ORDER BY t.id"
    columns = ", ".join(f"{e} AS {k}" for k, e in exprs.items())
    query = Query(conn, template, (), columns, exprs=exprs, kinds={"a": "text", "b": "real"}, keyed=keyed)
    out, sys.stdout = sys.stdout, io.StringIO()
    try:
        render(query, [Column(k, k) for k in keys], fmt)
        sql = sys.stdout.getvalue()
        sys.stdout = io.StringIO()
        render(list(query), [Column(k, k) for k in keys], fmt)
        assert sql == sys.stdout.getvalue()
    finally:
        sys.stdout = out


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_line_of_more_cells_than_one_printf_takes(fmt):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (x)")
    conn.executemany("INSERT INTO t VALUES (?)", [(1.5,), ("a,b",), (None,)])
    exprs = {f"k{i}": "t.x" for i in range(250)}
    columns = ", ".join(f"t.x AS {k}" for k in exprs)
    query = Query(conn, f"SELECT {COLUMNS} FROM t", (), columns, exprs=exprs)
    python = [json_value(r) for r in query] if fmt == "json" else [",".join(map(csv_cell, r.values())) for r in query]
    assert list(query.lines(list(exprs), fmt)) == python
