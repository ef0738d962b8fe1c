"""帮办代办 and 协调事项: the approvals the committee handles for each project, and the problems it coordinates.

Writers take a connection and parsed values and run inside `promo.db.write`; the CLI and an import adapter
call the same functions. Departments are a list of their own, so a typo is refused, not filed.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3

from promo.db import now, rows
from promo.errors import BadValue, NotFound, Rejected
from promo.lookup import find, like_escape
from promo.text import fold, today
from promo.vocabulary import labels

STATUSES = labels("service_status")
_STATUS_BY_KEY = {fold(k): k for k in STATUSES} | {fold(v): k for k, v in STATUSES.items()} | {
    "open": "todo", "pending": "todo", "待申请": "todo", "未开始": "todo",
    "inprogress": "doing", "in-progress": "doing", "办理": "doing", "在办": "doing",
    "closed": "done", "finished": "done", "办结": "done", "完成": "done", "已完成": "done",
    "onhold": "paused", "hold": "paused", "暂停": "paused",
}
COORDINATION_STATUSES = labels("coordination_status")


def parse_status(value: str, field: str = "--status") -> str:
    """todo 待办, doing 办理中, done 已办结, paused 暂缓 (either language)."""
    key = _STATUS_BY_KEY.get(fold(value))
    if not key:
        shown = ", ".join(f"{k} ({v})" for k, v in STATUSES.items())
        raise BadValue(field, value, f"not a service status; use {shown}")
    return key


def _require_write(conn: sqlite3.Connection) -> None:
    if not conn.in_transaction:
        raise RuntimeError("changes must run inside promo.db.write(conn, summary)")


def department(conn: sqlite3.Connection, name: str, field: str = "--department") -> sqlite3.Row:
    """The department `name` designates: its name or a short name (住建局, 发改委) in any script, or a unique part."""
    key = fold(name)
    row = conn.execute(
        "SELECT * FROM departments WHERE '|' || aliases || '|' LIKE ? ESCAPE '\\'", (f"%|{like_escape(key)}|%",)
    ).fetchone() if key else None
    if row:
        return row
    try:
        return find(conn, "departments", name, "department")
    except NotFound as exc:
        known = [r[0] for r in conn.execute("SELECT name FROM departments ORDER BY id")]
        hint = exc.hint or ("departments: " + "、".join(known[:14]) + (" …" if len(known) > 14 else ""))
        raise Rejected(
            f"{field} {name}: no department of that name",
            f"{hint}; add one with: promo services departments add NAME",
        ) from None


def departments(conn: sqlite3.Connection) -> list[dict]:
    """Every department with its open services and open coordination items."""
    return rows(
        conn,
        """SELECT d.id, d.name,
                  (SELECT count(*) FROM services s WHERE s.department_id = d.id AND s.status != 'done') AS open_services,
                  (SELECT count(*) FROM coordination c WHERE c.department_id = d.id AND c.status = 'open') AS open_items
           FROM departments d ORDER BY d.id""",
    )


def add_department(conn: sqlite3.Connection, name: str, aliases: list[str] | None = None) -> dict:
    """Add a department to the list, with the short names people call it by."""
    _require_write(conn)
    existing = conn.execute("SELECT name FROM departments WHERE name_folded = ?", (fold(name),)).fetchone()
    if existing:
        raise Rejected(f"department {name} is already on the list (as {existing[0]})")
    folded = "|".join(fold(a) for a in aliases or [] if fold(a)) or None
    did = conn.execute(
        "INSERT INTO departments (name, name_folded, aliases) VALUES (?, ?, ?)", (name, fold(name), folded)
    ).lastrowid
    return {"id": did, "name": name}


# -- templates: the usual path per industry ------------------------------------------------------

def templates(conn: sqlite3.Connection, industry: str | None = None) -> list[dict]:
    """The usual services: every project's, and those of `industry` and the industries above it."""
    where, params = "1=1", {}
    if industry:
        from promo.industries import ancestors

        row = find(conn, "industries", industry, "industry")
        codes = [a["code"] for a in ancestors(conn, row["id"])]
        where = "t.industry_code IS NULL OR t.industry_code IN (" + ",".join("?" * len(codes)) + ")"
        params = codes
    return rows(
        conn,
        f"""SELECT t.id, t.industry_code, coalesce(i.name, '(所有项目)') AS industry, t.item, d.name AS department,
                   t.days FROM service_templates t JOIN departments d ON d.id = t.department_id
            LEFT JOIN industries i ON i.code = t.industry_code
            WHERE {where} ORDER BY t.industry_code IS NOT NULL, t.industry_code, t.sort, t.id""",
        params,
    )


def add_template(
    conn: sqlite3.Connection, item: str, department_name: str, *, industry: str | None = None, days: int | None = None
) -> dict:
    """Add a service to the usual path of an industry (or of every project)."""
    _require_write(conn)
    dept = department(conn, department_name)
    code = find(conn, "industries", industry, "industry")["code"] if industry else None
    clash = conn.execute(
        "SELECT 1 FROM service_templates WHERE industry_code IS ? AND item = ?", (code, item)
    ).fetchone()
    if clash:
        raise Rejected(f"{item} is already on the path of {industry or 'every project'}")
    sort = conn.execute("SELECT coalesce(max(sort), 0) + 1 FROM service_templates").fetchone()[0]
    tid = conn.execute(
        "INSERT INTO service_templates (industry_code, item, department_id, days, sort) VALUES (?, ?, ?, ?, ?)",
        (code, item, dept["id"], days, sort),
    ).lastrowid
    return {"id": tid, "item": item, "department": dept["name"], "industry_code": code}


# -- services ------------------------------------------------------------------------------------


def _check_dates(asked: str | None, due: str | None, done: str | None) -> None:
    if asked and asked > today():
        raise BadValue("--asked", asked, f"is in the future (today is {today()})")
    if done and done > today():
        raise BadValue("--done", done, f"is in the future (today is {today()})")
    if asked and due and due < asked:
        raise BadValue("--due", due, f"comes before the request ({asked})")
    if asked and done and done < asked:
        raise BadValue("--done", done, f"comes before the request ({asked})")


def add_service(
    conn: sqlite3.Connection,
    enterprise: str,
    item: str,
    department_name: str,
    *,
    officer: str | None = None,
    asked: str | None = None,
    due: str | None = None,
    note: str | None = None,
) -> dict:
    """Open a service (an approval the committee handles) for an enterprise's project."""
    from promo.identity import get

    _require_write(conn)
    _check_dates(asked, due, None)
    e = get(conn, enterprise)
    dept = department(conn, department_name)
    clash = conn.execute(
        "SELECT item FROM services WHERE enterprise_id = ? AND item_folded = ?", (e["id"], fold(item))
    ).fetchone()
    if clash:
        raise Rejected(
            f"{e['name']} already has the service {clash[0]}",
            f"change it with: promo services update {e['name']} {clash[0]} --status …",
        )
    sid = conn.execute(
        """INSERT INTO services (enterprise_id, item, item_folded, department_id, officer, status, asked_date,
                                 due_date, note, recorded_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (e["id"], item, fold(item), dept["id"], officer or e["owner"], "doing" if asked else "todo", asked, due,
         note, now()),
    ).lastrowid
    return {"id": sid, "name": e["name"], "item": item, "department": dept["name"]}


def find_service(conn: sqlite3.Connection, enterprise_id: int, item: str, name: str) -> sqlite3.Row:
    key = fold(item)
    found = conn.execute(
        "SELECT * FROM services WHERE enterprise_id = ? AND (item_folded = ? OR item_folded LIKE ? ESCAPE '\\') "
        "ORDER BY item_folded != ?, id",
        (enterprise_id, key, f"%{like_escape(key)}%", key),
    ).fetchall()
    if found and (found[0]["item_folded"] == key or len(found) == 1):
        return found[0]
    if found:
        raise Rejected(f"ITEM {item}: matches several services of {name}: " + "、".join(r["item"] for r in found))
    have = [r[0] for r in conn.execute("SELECT item FROM services WHERE enterprise_id = ?", (enterprise_id,))]
    raise Rejected(
        f"ITEM {item}: {name} has no such service",
        ("its services: " + "、".join(have)) if have else f"it has none yet: promo services apply {name}",
    )


def update_service(
    conn: sqlite3.Connection,
    enterprise: str,
    item: str,
    *,
    status: str | None = None,
    done: str | None = None,
    asked: str | None = None,
    due: str | None = None,
    officer: str | None = None,
    department_name: str | None = None,
    note: str | None = None,
) -> dict:
    """Change a service's status, dates, officer or department; --done closes it (status 已办结)."""
    from promo.identity import get

    _require_write(conn)
    e = get(conn, enterprise)
    s = find_service(conn, e["id"], item, e["name"])
    if done and status and status != "done":
        raise BadValue("--status", status, "contradicts --done (a service done on a date is 已办结)")
    new = {
        "status": "done" if done else status or s["status"],
        "asked_date": asked or s["asked_date"],
        "due_date": due or s["due_date"],
        "officer": officer or s["officer"],
        "note": note if note is not None else s["note"],
    }
    new["done_date"] = done or (s["done_date"] if new["status"] == "done" else None)
    if new["status"] == "done" and not new["done_date"]:
        new["done_date"] = today()
    if department_name:
        new["department_id"] = department(conn, department_name)["id"]
    _check_dates(new["asked_date"] if asked else None, new["due_date"] if due else None, done)
    if new["asked_date"] and new["done_date"] and new["done_date"] < new["asked_date"]:
        raise BadValue("--done", new["done_date"], f"comes before the request ({new['asked_date']})")
    if new["asked_date"] and new["due_date"] and new["due_date"] < new["asked_date"]:
        raise BadValue("--due", new["due_date"], f"comes before the request ({new['asked_date']})")
    sets = ", ".join(f"{k} = ?" for k in new)
    conn.execute(f"UPDATE services SET {sets} WHERE id = ?", (*new.values(), s["id"]))
    changed = [k for k, v in new.items() if s[k] != v]
    return {"id": s["id"], "name": e["name"], "item": s["item"], "status": new["status"], "changed": changed}


def apply_template(
    conn: sqlite3.Connection,
    enterprise: str,
    *,
    industry: str | None = None,
    asked: str | None = None,
    officer: str | None = None,
) -> dict:
    """Give a project its industry's usual services in one step; items it already has are kept as they are.

    Without `industry`, the enterprise's own industry decides (and every project's usual items apply).
    """
    from promo.identity import get

    _require_write(conn)
    _check_dates(asked, None, None)
    e = get(conn, enterprise)
    if industry is None and e["industry_id"] is None:
        industry_name = None
    else:
        industry_name = industry or conn.execute("SELECT name FROM industries WHERE id = ?", (e["industry_id"],)).fetchone()[0]
    path = templates(conn, industry_name) if industry_name else [t for t in templates(conn) if t["industry_code"] is None]
    have = {r[0] for r in conn.execute("SELECT item_folded FROM services WHERE enterprise_id = ?", (e["id"],))}
    added, kept, seen = [], [], set()
    for t in path:
        key = fold(t["item"])
        if key in seen:
            continue
        seen.add(key)
        if key in have:
            kept.append(t["item"])
            continue
        due = None
        if asked and t["days"]:
            due = (_dt.date.fromisoformat(asked) + _dt.timedelta(days=t["days"])).isoformat()
        conn.execute(
            """INSERT INTO services (enterprise_id, item, item_folded, department_id, officer, status, asked_date,
                                     due_date, recorded_at)
               SELECT ?, ?, ?, d.id, ?, ?, ?, ?, ? FROM departments d WHERE d.name = ?""",
            (e["id"], t["item"], key, officer or e["owner"], "doing" if asked else "todo", asked, due, now(),
             t["department"]),
        )
        added.append(t["item"])
    if not added:
        raise Rejected(
            f"{e['name']} already has every service of the path" + (f" of {industry_name}" if industry_name else ""),
            "add another with: promo services add NAME ITEM --department …",
        )
    return {"id": e["id"], "name": e["name"], "industry": industry_name, "added": added, "kept": kept}


def services(
    conn: sqlite3.Connection,
    *,
    enterprise: str | None = None,
    department_name: str | None = None,
    status: str | None = None,
    officer: str | None = None,
    overdue: bool = False,
    on: str | None = None,
) -> list[dict]:
    """Services with their enterprise, department and days overdue (past due and not done)."""
    from promo.identity import get

    where, params = ["1=1"], {"today": on or today()}
    if enterprise:
        where.append("s.enterprise_id = :eid")
        params["eid"] = get(conn, enterprise)["id"]
    if department_name:
        where.append("s.department_id = :did")
        params["did"] = department(conn, department_name)["id"]
    if status:
        where.append("s.status = :status")
        params["status"] = status
    if officer:
        where.append("s.officer = :officer")
        params["officer"] = officer
    if overdue:
        where.append("s.status != 'done' AND s.due_date < :today")
    found = rows(
        conn,
        f"""SELECT s.id, e.id AS enterprise_id, e.name, e.code_name, e.stage, e.uscc_bad_check, s.item,
                   d.name AS department, s.officer, s.status, s.asked_date, s.due_date, s.done_date, s.note,
                   CASE WHEN s.status != 'done' AND s.due_date < :today
                        THEN CAST(julianday(:today) - julianday(s.due_date) AS INTEGER) END AS days_overdue
            FROM services s JOIN enterprises e ON e.id = s.enterprise_id JOIN departments d ON d.id = s.department_id
            WHERE {' AND '.join(where)} ORDER BY e.name, s.due_date IS NULL, s.due_date, s.id""",
        params,
    )
    for r in found:
        r["status_label"] = STATUSES[r["status"]]
    return found


# -- 协调事项 ---------------------------------------------------------------------------------------


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

    _require_write(conn)
    raised = raised or today()
    if raised > today():
        raise BadValue("--date", raised, f"is in the future (today is {today()})")
    if due and due < raised:
        raise BadValue("--due", due, f"comes before the item was raised ({raised})")
    e = get(conn, enterprise)
    dept = department(conn, department_name) if department_name else None
    iid = conn.execute(
        """INSERT INTO coordination (enterprise_id, issue, department_id, leader, status, raised_date, due_date,
                                     note, recorded_at) VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?)""",
        (e["id"], issue, dept["id"] if dept else None, leader, raised, due, note, now()),
    ).lastrowid
    return {"id": iid, "name": e["name"], "issue": issue, "leader": leader, "department": dept["name"] if dept else None}


def close_item(conn: sqlite3.Connection, item_id: int, *, date: str | None = None, note: str | None = None) -> dict:
    """Mark a coordination item solved on a date."""
    _require_write(conn)
    row = conn.execute(
        "SELECT c.*, e.name FROM coordination c JOIN enterprises e ON e.id = c.enterprise_id WHERE c.id = ?", (item_id,)
    ).fetchone()
    if row is None:
        raise NotFound("coordination item", str(item_id))
    if row["status"] == "closed":
        raise Rejected(f"coordination item #{item_id} ({row['issue']}) was already closed on {row['closed_date']}")
    date = date or today()
    if date > today():
        raise BadValue("--date", date, f"is in the future (today is {today()})")
    if date < row["raised_date"]:
        raise BadValue("--date", date, f"comes before the item was raised ({row['raised_date']})")
    conn.execute(
        "UPDATE coordination SET status = 'closed', closed_date = ?, note = coalesce(?, note) WHERE id = ?",
        (date, note, item_id),
    )
    return {"id": item_id, "name": row["name"], "issue": row["issue"], "date": date}


def items(
    conn: sqlite3.Connection, *, leader: str | None = None, enterprise: str | None = None, include_closed: bool = False
) -> list[dict]:
    """Coordination items, open ones first, grouped by leader (the weekly meeting's list)."""
    from promo.identity import get

    where, params = ["1=1"], {"today": today()}
    if not include_closed:
        where.append("c.status = 'open'")
    if leader:
        where.append("c.leader = :leader")
        params["leader"] = _leader(conn, leader)
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
            WHERE {' AND '.join(where)}
            ORDER BY c.status = 'closed', c.leader IS NULL, c.leader, c.due_date IS NULL, c.due_date, c.id""",
        params,
    )
    for r in found:
        r["status_label"] = COORDINATION_STATUSES[r["status"]]
    return found


def _leader(conn: sqlite3.Connection, name: str) -> str:
    known = [r[0] for r in conn.execute("SELECT DISTINCT leader FROM coordination WHERE leader IS NOT NULL")]
    by_key = {fold(k): k for k in known}
    if fold(name) in by_key:
        return by_key[fold(name)]
    raise Rejected(
        f"--leader {name}: no coordination item names this leader",
        ("leaders on record: " + "、".join(sorted(known))) if known else "no item has a leader yet",
    )
