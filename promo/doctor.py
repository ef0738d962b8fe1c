"""promo doctor: SQLite's own checks and promo's invariants, each problem with what and where.

A check is a function of a connection returning problems ({check, where, problem}); register more with
@check (a search index's consistency, say) and `promo doctor` runs them after these, in order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from promo.i18n import _

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
                out.append(_problem(fn.__name__, "-", _("the check could not run: {error}").format(error=exc)))
    finally:
        conn.execute("ROLLBACK")
    return out


@check
def integrity(conn):
    found = [r[0] for r in conn.execute(f"PRAGMA main.integrity_check({_SHOWN})")]
    return [] if found == ["ok"] else [_problem("integrity_check", _("file"), text) for text in found]


@check
def foreign_keys(conn):
    return [
        _problem(
            "foreign_key_check",
            _("{table} rowid {rowid}").format(table=r[0], rowid=r[1]),
            _("refers to a missing row of {table}").format(table=r[2]),
        )
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
            WHEN u.status = 'vacant' AND u.enterprise_id IS NOT NULL THEN 'vacant'
            WHEN u.status = 'leased' AND e.stage NOT IN ({marks}) THEN 'leased'
            WHEN u.status = 'reserved' AND e.stage IN ({marks}) THEN 'reserved'
          END AS why
        FROM units u JOIN carriers c ON c.id = u.carrier_id LEFT JOIN enterprises e ON e.id = u.enterprise_id
        WHERE why IS NOT NULL ORDER BY u.id LIMIT {_SHOWN}"""
    whys = {
        "vacant": _("vacant but held by an enterprise ({holder})"),
        "leased": _("leased to an enterprise before 签约 ({holder})"),
        "reserved": _("still reserved for an enterprise past 签约 ({holder})"),
    }
    return [
        _problem(
            "units",
            _("unit {carrier} {code} (#{id})").format(carrier=r["carrier"], code=r["code"], id=r["id"]),
            whys[r["why"]].format(holder=r["holder"] or "-"),
        )
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
                _("enterprise {name} (#{id})").format(name=r["name"], id=r["id"]),
                _("{stage} {date} is recorded after a later date {later}").format(
                    stage=r["stage"], date=r["date"], later=r["prev_date"]
                ),
            )
        )
    for r in conn.execute(
        f"""SELECT e.id, e.name, e.stage, (SELECT h.stage FROM stage_history h WHERE h.enterprise_id = e.id
                                          ORDER BY h.date DESC, h.id DESC LIMIT 1) AS last
            FROM enterprises e WHERE last IS NOT e.stage ORDER BY e.id LIMIT {_SHOWN}"""
    ):
        shown = r["last"] or _("no history at all")
        out.append(
            _problem(
                "stage_history",
                _("enterprise {name} (#{id})").format(name=r["name"], id=r["id"]),
                _("stage is {stage} but its history ends at {last}").format(stage=r["stage"], last=shown),
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
                _("journal #{entry} change {change}").format(entry=r["journal_id"], change=r["id"]),
                _("{op} of {table} rowid {rowid} is incomplete").format(op=r["op"], table=r["tbl"], rowid=r["row_id"]),
            )
        )
    for r in conn.execute(
        f"""SELECT j.id FROM journal j WHERE j.undone_by IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM journal u WHERE u.id = j.undone_by) ORDER BY j.id LIMIT {_SHOWN}"""
    ):
        out.append(
            _problem(
                "journal",
                _("journal #{entry}").format(entry=r["id"]),
                _("marked undone by an entry that does not exist"),
            )
        )
    return out


@check
def search_index(conn):
    from promo.search_index import drift

    command = "promo doctor --reindex"
    return [
        _problem("search_index", table, _("the search index is missing; run {command}").format(command=command))
        if missing < 0
        else _problem(
            "search_index",
            table,
            _("{missing} record(s) not indexed, {extra} index row(s) of no record; run {command}").format(
                missing=missing, extra=extra, command=command
            ),
        )
        for table, missing, extra in drift(conn)
    ]
