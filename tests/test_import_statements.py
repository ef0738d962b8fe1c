"""An import's cost does not grow with the catalogue: it runs the same SQL statements, a few per thousand rows,
however many enterprises the catalogue holds (no per-row lookups, no per-row scans of the catalogue)."""

import random
import re
import shutil

from stdnum.cn import uscc

from promo.db import open_catalogue
from promo.io.session import import_file
from promo.text import fold


def _code(rng: random.Random) -> str:
    body = "91370100" + "".join(rng.choice("0123456789") for _ in range(8))
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    check = 11 - sum(int(c) * w for c, w in zip(body[8:16], weights, strict=True)) % 11
    body += {10: "X", 11: "0"}.get(check, str(check))
    return body + uscc.calc_check_digit(body)


def _catalogue_with(extra: int, seed_catalogue, path):
    """The seed catalogue plus `extra` enterprises, each with a code name (the check that once scanned them all)."""
    shutil.copy(seed_catalogue, path)
    conn = open_catalogue(path)
    with conn:  # plain rows, as if an import had brought them: no journal or search index needed here
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO enterprises (name, name_folded, stage, code_name, code_name_folded, created_at) "
            "VALUES (?, ?, '意向', ?, ?, '2026-01-01')",
            [(f"存量企业{i}", fold(f"存量企业{i}"), f"代号{i}", fold(f"代号{i}")) for i in range(extra)],
        )
    return conn


def _import_counting(conn, csv) -> tuple[list[str], int]:
    """The statements an import runs (triggers' included) and the virtual-machine steps it takes, in thousands."""
    statements, steps = [], [0]

    def step():
        steps[0] += 1

    def traced(sql: str) -> None:
        # FTS5 reports its own bookkeeping inside one statement as "-- …" sub-statements: not promo's
        if not sql.startswith("-- "):
            statements.append(sql)

    conn.set_trace_callback(traced)
    conn.set_progress_handler(step, 1000)
    try:
        reports = import_file(conn, "enterprises", csv)
    finally:
        conn.set_trace_callback(None)
        conn.set_progress_handler(None, 0)
    assert reports[0].count("new") == 1000
    return statements, steps[0]


def test_a_1000_row_import_runs_the_same_few_statements_whatever_the_catalogue_holds(seed_catalogue, tmp_path):
    rng = random.Random(12)
    csv = tmp_path / "leads.csv"
    csv.write_text(
        "企业名称,统一社会信用代码,项目代号,所属产业,阶段,投资额(万元)\n"
        + "".join(f"导入企业{i},{_code(rng)},新代号{i},高端医疗器械,洽谈,{100 + i}\n" for i in range(1000)),
        encoding="utf-8",
    )
    small = _catalogue_with(100, seed_catalogue, tmp_path / "small.db")
    large = _catalogue_with(5000, seed_catalogue, tmp_path / "large.db")
    small_sql, small_steps = _import_counting(small, csv)
    large_sql, large_steps = _import_counting(large, csv)
    assert len(small_sql) == len(large_sql)
    # per row it once ran a dozen statements and its triggers (19,183 on the seed catalogue); now about 200,
    # most of them installing the connection's journal and search triggers once
    assert len(small_sql) < 300, small_sql[:300]
    assert sum(s.startswith('INSERT INTO main."enterprises"') for s in small_sql) == 1
    # and no statement scans the catalogue: 50 times the enterprises, about the same work
    assert large_steps < small_steps * 1.3
    assert large.execute("SELECT count(*) FROM enterprises WHERE name LIKE '导入企业%'").fetchone()[0] == 1000
    assert (
        large.execute(
            "SELECT count(*) FROM stage_history h JOIN enterprises e ON e.id = h.enterprise_id "
            "WHERE e.name LIKE '导入企业%'"
        ).fetchone()[0]
        == 1000
    )


def test_an_import_is_journaled_as_the_ids_it_created_and_undone_set_wise(run, db_path, tmp_path):
    from pipeline_helpers import content

    before = content(db_path)
    csv = tmp_path / "leads.csv"
    csv.write_text("名称,项目代号\n" + "".join(f"编号企业{i},编号代号{i}\n" for i in range(50)), encoding="utf-8")
    assert run("import", "enterprises", csv).exit_code == 0
    conn = open_catalogue(db_path)
    kinds = conn.execute(
        "SELECT tbl, count(*), count(new) FROM journal_changes WHERE journal_id = (SELECT max(id) FROM journal) "
        "GROUP BY tbl ORDER BY tbl"
    ).fetchall()
    assert [tuple(k) for k in kinds] == [("enterprises", 50, 0), ("stage_history", 50, 0)]
    shown = run("log", "show", str(conn.execute("SELECT max(id) FROM journal").fetchone()[0]))
    assert "+ enterprise 编号企业0" in shown.output and "code name: 编号代号0" in shown.output
    assert run("search", "编号企业").exit_code == 0 and "编号企业1" in run("search", "编号企业").output
    result = run("undo", "--yes")
    assert result.exit_code == 0, result.output
    assert re.search(r"− stage record 编号企业\d+ signed 2026-11-23", result.output)  # named from the rows while there
    assert content(db_path) == before
    assert run("doctor").exit_code == 0


def _steps_of_import(conn, list_name: str, csv) -> tuple[int, int]:
    """(statements, thousands of virtual-machine steps) of one import."""
    statements, steps = [0], [0]

    def step():
        steps[0] += 1

    def traced(sql: str) -> None:
        statements[0] += not sql.startswith("-- ")

    conn.set_trace_callback(traced)
    conn.set_progress_handler(step, 1000)
    try:
        reports = import_file(conn, list_name, csv)
    finally:
        conn.set_trace_callback(None)
        conn.set_progress_handler(None, 0)
    assert reports[0].count("new") == 200, [o.full for o in reports[0].rejected][:3]
    return statements[0], steps[0]


def _catalogue_with_space(extra: int, seed_catalogue, path):
    """The seed catalogue plus `extra` carriers of ten units each, written plainly."""
    shutil.copy(seed_catalogue, path)
    conn = open_catalogue(path)
    with conn:
        conn.execute("BEGIN")
        for i in range(extra):
            cid = conn.execute(
                "INSERT INTO carriers (code, name, name_folded, kind) VALUES (?, ?, ?, 'park')",
                (f"stock-{i}", f"存量园区{i}", fold(f"存量园区{i}")),
            ).lastrowid
            conn.executemany(
                "INSERT INTO units (carrier_id, code, area_m2, status) VALUES (?, ?, 100, 'vacant')",
                [(cid, f"U{j}") for j in range(10)],
            )
    return conn


def test_carriers_and_units_imports_do_not_scan_the_catalogue(seed_catalogue, tmp_path):
    """The lists written row by row through their own add (carriers, units) still look each row up by index:
    fifty times the carriers and units, about the same work."""
    carriers = tmp_path / "carriers.csv"
    carriers.write_text("载体名称,类型\n" + "".join(f"新园区{i},园区\n" for i in range(200)), encoding="utf-8")
    units = tmp_path / "units.csv"
    units.write_text(
        "载体,单元号,面积(㎡),状态\n" + "".join(f"精准医学产业园,N{i},{100 + i},空置\n" for i in range(200)),
        encoding="utf-8",
    )
    small = _catalogue_with_space(10, seed_catalogue, tmp_path / "small.db")
    large = _catalogue_with_space(500, seed_catalogue, tmp_path / "large.db")
    for list_name, csv in (("carriers", carriers), ("units", units)):
        small_sql, small_steps = _steps_of_import(small, list_name, csv)
        large_sql, large_steps = _steps_of_import(large, list_name, csv)
        assert large_sql <= small_sql * 1.05, (list_name, small_sql, large_sql)
        assert large_steps < small_steps * 1.3, (list_name, small_steps, large_steps)
