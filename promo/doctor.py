"""promo doctor: SQLite's own checks and promo's invariants, each problem with what and where.

A check is a function of a connection returning problems ({check, where, problem}); register more with
@check (a search index's consistency, say) and `promo doctor` runs them after these, in order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

CHECKS: list[Callable[[sqlite3.Connection], list[dict]]] = []
_SHOWN = 200  # per check: a badly broken file must not print a million lines


def check(fn: Callable[[sqlite3.Connection], list[dict]]):
    """Register a doctor check (runs in the order registered)."""
    CHECKS.append(fn)
    return fn


def _problem(name: str, where: str, problem: str) -> dict:
    return {"check": name, "where": where, "problem": problem}


def diagnose(conn: sqlite3.Connection) -> list[dict]:
    """Every problem found, in one read transaction so the checks see one state of the catalogue."""
    out: list[dict] = []
    conn.execute("BEGIN")
    try:
        for fn in CHECKS:
            try:
                out += fn(conn)[:_SHOWN]
            except sqlite3.DatabaseError as exc:
                out.append(_problem(fn.__name__, "-", f"the check could not run: {exc}"))
    finally:
        conn.execute("ROLLBACK")
    return out


@check
def integrity(conn):
    found = [r[0] for r in conn.execute(f"PRAGMA main.integrity_check({_SHOWN})")]
    return [] if found == ["ok"] else [_problem("integrity_check", "file", text) for text in found]


@check
def foreign_keys(conn):
    return [
        _problem("foreign_key_check", f"{r[0]} rowid {r[1]}", f"refers to a missing row of {r[2]}")
        for r in conn.execute("PRAGMA main.foreign_key_check").fetchall()[:_SHOWN]
    ]


@check
def unit_holders(conn):
    """A lease begins at 签约 and a reservation ends there; a vacant unit has no holder."""
    from promo.vocabulary import STAGES

    signed = STAGES[STAGES.index("签约") :]
    marks = ",".join("?" * len(signed))
    sql = f"""
        SELECT u.id, c.name AS carrier, u.code, u.status, e.name AS holder, e.stage,
          CASE
            WHEN u.status = 'vacant' AND u.enterprise_id IS NOT NULL THEN 'vacant but held by an enterprise'
            WHEN u.status = 'leased' AND e.stage NOT IN ({marks}) THEN 'leased to an enterprise before 签约'
            WHEN u.status = 'reserved' AND e.stage IN ({marks}) THEN 'still reserved for an enterprise past 签约'
          END AS why
        FROM units u JOIN carriers c ON c.id = u.carrier_id LEFT JOIN enterprises e ON e.id = u.enterprise_id
        WHERE why IS NOT NULL ORDER BY u.id LIMIT {_SHOWN}"""
    return [
        _problem("units", f"unit {r['carrier']} {r['code']} (#{r['id']})", f"{r['why']} ({r['holder'] or '-'})")
        for r in conn.execute(sql, [*signed, *signed])
    ]


@check
def stage_history(conn):
    """History in date order, and the current stage is the last row of it."""
    out = []
    for r in conn.execute(
        f"""SELECT e.id, e.name, h.stage, h.date, h.prev_date FROM enterprises e JOIN (
              SELECT enterprise_id, stage, date, lag(date) OVER (PARTITION BY enterprise_id ORDER BY id) AS prev_date
              FROM stage_history) h ON h.enterprise_id = e.id
            WHERE h.date < h.prev_date ORDER BY e.id LIMIT {_SHOWN}"""
    ):
        out.append(
            _problem(
                "stage_history",
                f"enterprise {r['name']} (#{r['id']})",
                f"{r['stage']} {r['date']} is recorded after a later date {r['prev_date']}",
            )
        )
    for r in conn.execute(
        f"""SELECT e.id, e.name, e.stage, (SELECT h.stage FROM stage_history h WHERE h.enterprise_id = e.id
                                          ORDER BY h.date DESC, h.id DESC LIMIT 1) AS last
            FROM enterprises e WHERE last IS NOT e.stage ORDER BY e.id LIMIT {_SHOWN}"""
    ):
        shown = r["last"] or "no history at all"
        out.append(
            _problem(
                "stage_history",
                f"enterprise {r['name']} (#{r['id']})",
                f"stage is {r['stage']} but its history ends at {shown}",
            )
        )
    return out


@check
def journal(conn):
    """Every entry's row changes are whole: an insert has no old row (its new one, or its id alone after a bulk
    insert), a delete the old, an update both."""
    out = []
    for r in conn.execute(
        f"""SELECT journal_id, id, tbl, row_id, op FROM journal_changes
            WHERE (op = 'insert' AND old IS NOT NULL) OR (op = 'delete' AND old IS NULL)
               OR (op = 'update' AND (old IS NULL OR new IS NULL))
               OR (old IS NOT NULL AND json_valid(old) = 0) OR (new IS NOT NULL AND json_valid(new) = 0)
            ORDER BY id LIMIT {_SHOWN}"""
    ):
        out.append(
            _problem(
                "journal",
                f"journal #{r['journal_id']} change {r['id']}",
                f"{r['op']} of {r['tbl']} rowid {r['row_id']} is incomplete",
            )
        )
    for r in conn.execute(
        f"""SELECT j.id FROM journal j WHERE j.undone_by IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM journal u WHERE u.id = j.undone_by) ORDER BY j.id LIMIT {_SHOWN}"""
    ):
        out.append(_problem("journal", f"journal #{r['id']}", "marked undone by an entry that does not exist"))
    return out


@check
def search_index(conn):
    from promo.search_index import drift

    hint = "run promo doctor --reindex"
    return [
        _problem("search_index", table, f"the search index is missing; {hint}")
        if missing < 0
        else _problem(
            "search_index", table, f"{missing} record(s) not indexed, {extra} index row(s) of no record; {hint}"
        )
        for table, missing, extra in drift(conn)
    ]
