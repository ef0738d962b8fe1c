"""协调事项: the problems a project raises (power, road, permits, staff housing), the department and leader who
must solve them, open ones per leader for the weekly meeting."""

from __future__ import annotations

import sqlite3

from promo.db import now, require_write, rows
from promo.errors import BadValue, NotFound, Rejected
from promo.i18n import N_, _
from promo.services import department
from promo.summary import note as journal_note
from promo.text import fold, today
from promo.vocabulary import labels, words_to_code

STATUSES = labels("coordination_status")


def parse_status(value: str, field: str = "--status") -> str:
    """open 待协调 or closed 已解决 (either language, and the words offices use)."""
    key = words_to_code("coordination_status").get(fold(value))
    if not key:
        raise BadValue(field, value, _("use 待协调 (open) or 已解决 (closed)"))
    return key


def add_item(
    conn: sqlite3.Connection,
    enterprise: str,
    issue: str,
    *,
    leader: str | None = None,
    department_name: str | None = None,
    raised: str | None = None,
    due: str | None = None,
    note: str | None = None,
) -> dict:
    """Record a problem a project needs coordinated (power, road, permits, housing) and who must solve it."""
    from promo.identity import get

    require_write(conn)
    raised = raised or today()
    if raised > today():
        raise BadValue("--date", raised, _("is in the future (today is {today})").format(today=today()))
    if due and due < raised:
        raise BadValue("--due", due, _("comes before the item was raised ({date})").format(date=raised))
    e = get(conn, enterprise)
    dept = department(conn, department_name) if department_name else None
    iid = conn.execute(
        """INSERT INTO coordination (enterprise_id, issue, department_id, leader, status, raised_date, due_date,
                                     note, recorded_at) VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?)""",
        (e["id"], issue, dept["id"] if dept else None, leader, raised, due, note, now()),
    ).lastrowid
    return {
        "id": iid,
        "name": e["name"],
        "issue": issue,
        "leader": leader,
        "department": dept["name"] if dept else None,
        "summary": journal_note(N_("coordination {name}: {issue}"), name=e["name"], issue=issue),
    }


def close_item(conn: sqlite3.Connection, item_id: int, *, date: str | None = None, note: str | None = None) -> dict:
    """Mark a coordination item solved on a date."""
    require_write(conn)
    row = conn.execute(
        "SELECT c.*, e.name FROM coordination c JOIN enterprises e ON e.id = c.enterprise_id WHERE c.id = ?", (item_id,)
    ).fetchone()
    if row is None:
        raise NotFound(_("coordination item"), str(item_id))
    if row["status"] == "closed":
        raise Rejected(
            _("coordination item #{id} ({issue}) was already closed on {date}").format(
                id=item_id, issue=row["issue"], date=row["closed_date"]
            )
        )
    date = date or today()
    if date > today():
        raise BadValue("--date", date, _("is in the future (today is {today})").format(today=today()))
    if date < row["raised_date"]:
        raise BadValue("--date", date, _("comes before the item was raised ({date})").format(date=row["raised_date"]))
    conn.execute(
        "UPDATE coordination SET status = 'closed', closed_date = ?, note = coalesce(?, note) WHERE id = ?",
        (date, note, item_id),
    )
    return {
        "id": item_id,
        "name": row["name"],
        "issue": row["issue"],
        "date": date,
        "summary": journal_note(
            N_("coordination #{id} solved ({name}: {issue})"), id=item_id, name=row["name"], issue=row["issue"]
        ),
    }


def update_item(
    conn: sqlite3.Connection,
    item_id: int,
    *,
    leader: str | None = None,
    department_name: str | None = None,
    due: str | None = None,
    note: str | None = None,
) -> dict:
    """Change who must solve an item, by when, or its note; only the values given change."""
    require_write(conn)
    row = conn.execute(
        "SELECT c.*, e.name FROM coordination c JOIN enterprises e ON e.id = c.enterprise_id WHERE c.id = ?", (item_id,)
    ).fetchone()
    if row is None:
        raise NotFound(_("coordination item"), str(item_id))
    if due and due < row["raised_date"]:
        raise BadValue("--due", due, _("comes before the item was raised ({date})").format(date=row["raised_date"]))
    new = {
        "leader": leader or row["leader"],
        "department_id": department(conn, department_name)["id"] if department_name else row["department_id"],
        "due_date": due or row["due_date"],
        "note": note if note is not None else row["note"],
    }
    conn.execute(
        "UPDATE coordination SET leader = ?, department_id = ?, due_date = ?, note = ? WHERE id = ?",
        (*new.values(), item_id),
    )
    return {
        "id": item_id,
        "name": row["name"],
        "issue": row["issue"],
        "changed": [k for k, v in new.items() if row[k] != v],
        "summary": journal_note(
            N_("update coordination #{id} ({name}: {issue})"), id=item_id, name=row["name"], issue=row["issue"]
        ),
    }


def items(
    conn: sqlite3.Connection,
    *,
    leader: str | None = None,
    enterprise: str | None = None,
    include_closed: bool = False,
    raised_by: str | None = None,
) -> list[dict]:
    """Coordination items, open ones first, grouped by leader (the weekly meeting's list); with `raised_by`,
    only those raised by that day, and open ones as they were then (a past week's report)."""
    from promo.identity import get

    where, params = ["1=1"], {"today": today()}
    if not include_closed:
        where.append("(c.status = 'open' OR c.closed_date > :raised_by)" if raised_by else "c.status = 'open'")
    if leader:
        where.append("c.leader = :leader")
        params["leader"] = _leader(conn, leader)
    if raised_by:
        where.append("c.raised_date <= :raised_by")
        params["raised_by"] = raised_by
    if enterprise:
        where.append("c.enterprise_id = :eid")
        params["eid"] = get(conn, enterprise)["id"]
    found = rows(
        conn,
        f"""SELECT c.id, c.leader, e.name, e.code_name, e.stage, e.uscc_bad_check, c.issue, d.name AS department,
                   c.status, c.raised_date, c.due_date, c.closed_date, c.note,
                   CAST(julianday(coalesce(c.closed_date, :today)) - julianday(c.raised_date) AS INTEGER) AS days_open,
                   CASE WHEN c.status = 'open' AND c.due_date < :today
                        THEN CAST(julianday(:today) - julianday(c.due_date) AS INTEGER) END AS days_overdue
            FROM coordination c JOIN enterprises e ON e.id = c.enterprise_id
            LEFT JOIN departments d ON d.id = c.department_id
            WHERE {" AND ".join(where)}
            ORDER BY c.status = 'closed', c.leader IS NULL, c.leader, c.due_date IS NULL, c.due_date, c.id""",
        params,
    )
    for r in found:
        r["status_label"] = STATUSES[r["status"]]
    return found


def _leader(conn: sqlite3.Connection, name: str) -> str:
    known = [r[0] for r in conn.execute("SELECT DISTINCT leader FROM coordination WHERE leader IS NOT NULL")]
    by_key = {fold(k): k for k in known}
    if fold(name) in by_key:
        return by_key[fold(name)]
    raise Rejected(
        _("--leader {name}: no coordination item names this leader").format(name=name),
        _("leaders on record: {names}").format(names="、".join(sorted(known)))
        if known
        else _("no item has a leader yet"),
    )
