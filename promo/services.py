"""帮办代办: the approvals the committee handles for each project, the departments and each industry's usual path.

Writers take a connection and parsed values and run inside `promo.db.write`; the CLI and an import adapter
call the same functions. Departments are a list of their own, so a typo is refused, not filed.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3

from promo import service_status
from promo.db import now, require_write, rows
from promo.errors import BadValue, NotFound, Rejected
from promo.i18n import N_, _
from promo.lookup import find, like_escape
from promo.service_status import STATUSES, parse_status  # noqa: F401 - services.parse_status for the CLI and import
from promo.summary import note as journal_note
from promo.text import fold, today


def department(conn: sqlite3.Connection, name: str, field: str = "--department") -> sqlite3.Row:
    """The department `name` designates: its name or a short name (住建局, 发改委) in any script, or a unique part."""
    key = fold(name)
    row = (
        conn.execute(
            "SELECT * FROM departments WHERE '|' || aliases || '|' LIKE ? ESCAPE '\\'", (f"%|{like_escape(key)}|%",)
        ).fetchone()
        if key
        else None
    )
    if row:
        return row
    try:
        return find(conn, "departments", name, _("department"))
    except NotFound as exc:
        known = [r[0] for r in conn.execute("SELECT name FROM departments ORDER BY id")]
        hint = exc.hint or _("departments: {names}").format(
            names="、".join(known[:14]) + (" …" if len(known) > 14 else "")
        )
        raise Rejected(
            _("{field} {value}: no department of that name").format(field=field, value=name),
            _("{hint}; add one with: {command}").format(hint=hint, command=_("promo services departments add NAME")),
        ) from None


def departments(conn: sqlite3.Connection) -> list[dict]:
    """Every department with its open services and open coordination items."""
    return rows(
        conn,
        """SELECT d.id, d.name,
                  (SELECT count(*) FROM services s
                   WHERE s.department_id = d.id AND s.status != 'done') AS open_services,
                  (SELECT count(*) FROM coordination c WHERE c.department_id = d.id AND c.status = 'open') AS open_items
           FROM departments d ORDER BY d.id""",
    )


def add_department(conn: sqlite3.Connection, name: str, aliases: list[str] | None = None) -> dict:
    """Add a department to the list, with the short names people call it by."""
    require_write(conn)
    existing = conn.execute("SELECT name FROM departments WHERE name_folded = ?", (fold(name),)).fetchone()
    if existing:
        raise Rejected(
            _("department {name} is already on the list (as {existing})").format(name=name, existing=existing[0])
        )
    folded = "|".join(fold(a) for a in aliases or [] if fold(a)) or None
    did = conn.execute(
        "INSERT INTO departments (name, name_folded, aliases) VALUES (?, ?, ?)", (name, fold(name), folded)
    ).lastrowid
    return {"id": did, "name": name, "summary": journal_note(N_("add department {name}"), name=name)}


def set_department_aliases(conn: sqlite3.Connection, department_id: int, aliases: list[str]) -> dict:
    """Replace a department's short names (住建局, 住建); one used by another department is refused."""
    require_write(conn)
    folded = sorted({fold(a) for a in aliases if fold(a)})
    for a in folded:
        other = conn.execute(
            "SELECT name FROM departments WHERE id != ? "
            "AND (name_folded = ? OR '|' || aliases || '|' LIKE ? ESCAPE '\\')",
            (department_id, a, f"%|{like_escape(a)}|%"),
        ).fetchone()
        if other:
            raise Rejected(_("short name {alias} already stands for {name}").format(alias=a, name=other[0]))
    conn.execute("UPDATE departments SET aliases = ? WHERE id = ?", ("|".join(folded) or None, department_id))
    return {"id": department_id, "aliases": folded}


def templates(conn: sqlite3.Connection, industry: str | None = None) -> list[dict]:
    """The usual services: every project's, and those of `industry` and the industries above it."""
    # a path for an industry the catalogue lacks (an empty catalogue made before the seed zone's were left
    # out) reaches no project: not listed, not exported as if it were every project's
    where, params = "(t.industry_code IS NULL OR i.code IS NOT NULL)", {}
    if industry:
        from promo.industries import ancestors

        row = find(conn, "industries", industry, _("industry"))
        codes = [a["code"] for a in ancestors(conn, row["id"])]
        where = "(t.industry_code IS NULL OR t.industry_code IN (" + ",".join("?" * len(codes)) + "))"
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
    require_write(conn)
    dept = department(conn, department_name)
    code = find(conn, "industries", industry, _("industry"))["code"] if industry else None
    clash = conn.execute(
        "SELECT 1 FROM service_templates WHERE industry_code IS ? AND item = ?", (code, item)
    ).fetchone()
    if clash:
        if industry:
            raise Rejected(_("{item} is already on the path of {industry}").format(item=item, industry=industry))
        raise Rejected(_("{item} is already on the path of every project").format(item=item))
    sort = conn.execute("SELECT coalesce(max(sort), 0) + 1 FROM service_templates").fetchone()[0]
    tid = conn.execute(
        "INSERT INTO service_templates (industry_code, item, department_id, days, sort) VALUES (?, ?, ?, ?, ?)",
        (code, item, dept["id"], days, sort),
    ).lastrowid
    return {
        "id": tid,
        "item": item,
        "department": dept["name"],
        "industry_code": code,
        "summary": journal_note(N_("service path of {industry}: {item}"), industry=industry, item=item)
        if industry
        else journal_note(N_("service path of every project: {item}"), item=item),
    }


def update_template(
    conn: sqlite3.Connection, template_id: int, *, department_name: str | None = None, days: int | None = None
) -> dict:
    """Change the department or the days of a service on a usual path; None leaves a field as it is."""
    require_write(conn)
    if department_name is not None:
        dept = department(conn, department_name)
        conn.execute("UPDATE service_templates SET department_id = ? WHERE id = ?", (dept["id"], template_id))
    if days is not None:
        conn.execute("UPDATE service_templates SET days = ? WHERE id = ?", (days, template_id))
    item = conn.execute("SELECT item FROM service_templates WHERE id = ?", (template_id,)).fetchone()[0]
    return {"id": template_id, "summary": journal_note(N_("service path changed: {item}"), item=item)}


def _check_dates(asked: str | None, due: str | None, done: str | None) -> None:
    if asked and asked > today():
        raise BadValue("--asked", asked, _("is in the future (today is {today})").format(today=today()))
    if done and done > today():
        raise BadValue("--done", done, _("is in the future (today is {today})").format(today=today()))
    if asked and due and due < asked:
        raise BadValue("--due", due, _("comes before the request ({date})").format(date=asked))
    if asked and done and done < asked:
        raise BadValue("--done", done, _("comes before the request ({date})").format(date=asked))


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

    require_write(conn)
    _check_dates(asked, due, None)
    e = get(conn, enterprise)
    dept = department(conn, department_name)
    clash = conn.execute(
        "SELECT item FROM services WHERE enterprise_id = ? AND item_folded = ?", (e["id"], fold(item))
    ).fetchone()
    if clash:
        raise Rejected(
            _("{name} already has the service {item}").format(name=e["name"], item=clash[0]),
            _("change it with: {command}").format(command=f"promo services update {e['name']} {clash[0]} --status …"),
        )
    sid = conn.execute(
        """INSERT INTO services (enterprise_id, item, item_folded, department_id, officer, status, asked_date,
                                 due_date, note, recorded_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            e["id"],
            item,
            fold(item),
            dept["id"],
            officer or e["owner"],
            "doing" if asked else "todo",
            asked,
            due,
            note,
            now(),
        ),
    ).lastrowid
    service_status.record(conn, sid, "doing" if asked else "todo", asked or today())
    return {
        "id": sid,
        "name": e["name"],
        "item": item,
        "department": dept["name"],
        "summary": journal_note(
            N_("service {name}: {item} ({department})"), name=e["name"], item=item, department=dept["name"]
        ),
    }


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
        raise Rejected(
            _("ITEM {item}: matches several services of {name}: {items}").format(
                item=item, name=name, items="、".join(r["item"] for r in found)
            )
        )
    have = [r[0] for r in conn.execute("SELECT item FROM services WHERE enterprise_id = ?", (enterprise_id,))]
    raise Rejected(
        _("ITEM {item}: {name} has no such service").format(item=item, name=name),
        _("its services: {items}").format(items="、".join(have))
        if have
        else _("it has none yet: {command}").format(command=f"promo services apply {name}"),
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

    require_write(conn)
    e = get(conn, enterprise)
    s = find_service(conn, e["id"], item, e["name"])
    if done and status and status != "done":
        raise BadValue("--status", status, _("contradicts --done (a service done on a date is 已办结)"))
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
        raise BadValue(
            "--done", new["done_date"], _("comes before the request ({date})").format(date=new["asked_date"])
        )
    if new["asked_date"] and new["due_date"] and new["due_date"] < new["asked_date"]:
        raise BadValue("--due", new["due_date"], _("comes before the request ({date})").format(date=new["asked_date"]))
    sets = ", ".join(f"{k} = ?" for k in new)
    conn.execute(f"UPDATE services SET {sets} WHERE id = ?", (*new.values(), s["id"]))
    if (new["status"], new["done_date"]) != (s["status"], s["done_date"]):
        since = new["done_date"] if new["status"] == "done" else today()
        service_status.record(conn, s["id"], new["status"], since)
    changed = [k for k, v in new.items() if s[k] != v]
    return {
        "id": s["id"],
        "name": e["name"],
        "item": s["item"],
        "status": new["status"],
        "changed": changed,
        "summary": journal_note(
            N_("service {name} {item} → {service_status}"), name=e["name"], item=s["item"], service_status=new["status"]
        ),
    }


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

    require_write(conn)
    _check_dates(asked, None, None)
    e = get(conn, enterprise)
    if industry is None and e["industry_id"] is None:
        industry_name = None
    else:
        industry_name = (
            industry or conn.execute("SELECT name FROM industries WHERE id = ?", (e["industry_id"],)).fetchone()[0]
        )
    path = (
        templates(conn, industry_name) if industry_name else [t for t in templates(conn) if t["industry_code"] is None]
    )
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
        sid = conn.execute(
            """INSERT INTO services (enterprise_id, item, item_folded, department_id, officer, status, asked_date,
                                     due_date, recorded_at)
               SELECT ?, ?, ?, d.id, ?, ?, ?, ?, ? FROM departments d WHERE d.name = ?""",
            (
                e["id"],
                t["item"],
                key,
                officer or e["owner"],
                "doing" if asked else "todo",
                asked,
                due,
                now(),
                t["department"],
            ),
        ).lastrowid
        service_status.record(conn, sid, "doing" if asked else "todo", asked or today())
        added.append(t["item"])
    if not added:
        raise Rejected(
            _("{name} already has every service of the path of {industry}").format(
                name=e["name"], industry=industry_name
            )
            if industry_name
            else _("{name} already has every service of the path").format(name=e["name"]),
            _("add another with: {command}").format(command=_("promo services add NAME ITEM --department …")),
        )

    return {
        "id": e["id"],
        "name": e["name"],
        "industry": industry_name,
        "added": added,
        "kept": kept,
        "summary": journal_note(N_("service path applied to {name}: {n:,} added"), name=e["name"], n=len(added)),
    }


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
    """Services with their enterprise, department and days overdue (past due, neither done nor paused)."""
    from promo.identity import get
    from promo.open_items import overdue_where

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
    late = overdue_where("service", on)
    if overdue:
        where.append(late)
    found = rows(
        conn,
        f"""SELECT s.id, e.id AS enterprise_id, e.name, e.code_name, e.stage, e.uscc_bad_check, s.item,
                   d.name AS department, s.officer, s.status, s.asked_date, s.due_date, s.done_date, s.note,
                   CASE WHEN {late}
                        THEN CAST(julianday(:today) - julianday(s.due_date) AS INTEGER) END AS days_overdue
            FROM services s JOIN enterprises e ON e.id = s.enterprise_id JOIN departments d ON d.id = s.department_id
            WHERE {" AND ".join(where)} ORDER BY e.name, s.due_date IS NULL, s.due_date, s.id""",
        params,
    )
    for r in found:
        r["status_label"] = STATUSES[r["status"]]
    return found
