"""Units held by enterprises: take (reserve for a lead, lease from 签约 on), settle after a move, release.

Every change is conditional on the unit's state inside the write transaction, so two promo processes can never
double-book a unit.
"""

from __future__ import annotations

import sqlite3
import unicodedata

from promo.errors import Ambiguous, NotFound, Rejected
from promo.i18n import _, language
from promo.identity import reload
from promo.lookup import find, like_escape
from promo.text import fold
from promo.vocabulary import SIGNED, label


def find_unit(conn: sqlite3.Connection, ref: str, field: str = "--unit") -> sqlite3.Row:
    """A unit from 'A1-402', '精准医学产业园/A1-402' or 'precision-med-park:A1-402'."""
    text = unicodedata.normalize("NFKC", ref).strip()
    carrier = None
    for sep in ("/", ":", " "):
        if sep in text:
            carrier_name, text = (p.strip() for p in text.rsplit(sep, 1))
            carrier = find(conn, "carriers", carrier_name, _("carrier"))
            break
    code = text.upper()
    sql = """SELECT u.*, c.name AS carrier_name, c.code AS carrier_code,
               (SELECT name FROM enterprises WHERE id = u.enterprise_id) AS holder
             FROM units u JOIN carriers c ON c.id = u.carrier_id WHERE upper(u.code) = ?"""
    params: list = [code]
    if carrier is not None:
        sql += " AND u.carrier_id = ?"
        params.append(carrier["id"])
    found = conn.execute(sql, params).fetchall()
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise Ambiguous(_("unit"), ref, [f"{r['carrier_name']}/{r['code']}" for r in found])
    near = conn.execute(
        "SELECT u.code, c.name FROM units u JOIN carriers c ON c.id = u.carrier_id "
        "WHERE upper(u.code) LIKE ? ESCAPE '\\' ORDER BY u.status = 'vacant' DESC, u.id LIMIT 3",
        (f"%{like_escape(code[:2])}%",),
    ).fetchall()
    what = _("unit of {carrier}").format(carrier=carrier["name"]) if carrier is not None else _("unit")
    raise NotFound(what, text if carrier is not None else ref, [f"{r[1]}/{r[0]}" for r in near])


def unit_label(unit: sqlite3.Row | dict) -> str:
    return f"{unit['carrier_name']}/{unit['code']}"


def holds_as(stage: str) -> str:
    """How an enterprise at `stage` holds a unit: a lead (意向, 洽谈) reserves it, from 签约 on it leases it."""
    return "leased" if stage in SIGNED else "reserved"


def check_vacant(conn: sqlite3.Connection, ref: str, field: str = "--unit") -> None:
    """Refuse a unit that does not exist or is not vacant before anything is written (take_unit still
    takes it conditionally, so a unit taken meanwhile by another process is refused there)."""
    unit = find_unit(conn, ref, field)
    if unit["status"] != "vacant":
        raise _not_vacant(unit, field, ref)


def take_unit(conn: sqlite3.Connection, enterprise: sqlite3.Row, ref: str, field: str = "--unit") -> dict:
    """Give a vacant unit to the enterprise: reserved for a lead, leased from 签约 on; refused if anyone
    else holds it or it is reserved for someone.

    The update is conditional on the unit still being vacant, inside the write transaction, so a
    second process that looked at the same unit a moment earlier cannot take it too. Returns the unit's
    label and what happened: 'leased', 'reserved', 'already' (it holds it so already) or 'lease' (its
    reservation became a lease now that it has signed).
    """
    unit = find_unit(conn, ref, field)
    want = holds_as(enterprise["stage"])
    if unit["enterprise_id"] == enterprise["id"]:
        if unit["status"] == want:
            return {"unit": unit_label(unit), "action": "already", "status": want}
        _set_holding(conn, enterprise, [unit["id"]], want)
        return {"unit": unit_label(unit), "action": "lease" if want == "leased" else "reservation", "status": want}
    taken = conn.execute(
        "UPDATE units SET status = ?, enterprise_id = ? WHERE id = ? AND status = 'vacant'",
        (want, enterprise["id"], unit["id"]),
    ).rowcount
    if not taken:
        raise _not_vacant(find_unit(conn, ref, field), field, ref)
    if want == "leased" and enterprise["carrier_id"] is None:
        conn.execute("UPDATE enterprises SET carrier_id = ? WHERE id = ?", (unit["carrier_id"], enterprise["id"]))
    return {"unit": unit_label(unit), "area_m2": unit["area_m2"], "action": want, "status": want}


def _not_vacant(unit: sqlite3.Row, field: str, ref: str) -> Rejected:
    """A unit someone else holds, or that cannot be let: who holds it, and where to look for free space."""
    status, holder = unit["status"], unit["holder"]
    if status == "reserved" and holder:
        why = _("reserved for {holder}").format(holder=holder)
    elif status == "leased" and holder:
        why = _("leased to {holder}").format(holder=holder)
    elif status == "leased":
        why = _("leased (tenant not on record)")
    else:
        why = label("unit_status", status, language())
    return Rejected(
        _("{field} {value}: unit {unit} is not vacant: {why}").format(
            field=field, value=ref, unit=unit_label(unit), why=why
        ),
        _("see what is free with: {command}").format(command="promo vacancies --carrier " + unit["carrier_code"]),
    )


def take_units(conn: sqlite3.Connection, enterprise_id: int, refs: list[str], field: str = "--unit") -> list[dict]:
    """take_unit for each unit named, each unit once however it is written (A1-402, 精准医学产业园/A1-402)."""
    out, seen = [], set()
    for ref in refs:
        unit_id = find_unit(conn, ref, field)["id"]
        if unit_id in seen:
            continue
        seen.add(unit_id)
        out.append(take_unit(conn, reload(conn, enterprise_id), ref, field))
    return out


def _set_holding(conn: sqlite3.Connection, enterprise: sqlite3.Row, unit_ids: list[int], status: str) -> None:
    marks = ",".join("?" * len(unit_ids))
    conn.execute(
        f"UPDATE units SET status = ? WHERE enterprise_id = ? AND id IN ({marks})",
        (status, enterprise["id"], *unit_ids),
    )
    if status == "leased" and enterprise["carrier_id"] is None:
        # a signed tenant is in the carrier of its space
        conn.execute(
            "UPDATE enterprises SET carrier_id = (SELECT carrier_id FROM units WHERE id = ?) WHERE id = ?",
            (unit_ids[0], enterprise["id"]),
        )


def settle_holdings(conn: sqlite3.Connection, enterprise_id: int) -> list[dict]:
    """After a move: a lead's leases become reservations, a signed enterprise's reservations become leases.

    Returns each unit whose holding changed, with action 'lease' or 'reservation'.
    """
    e = reload(conn, enterprise_id)
    want = holds_as(e["stage"])
    changed = conn.execute(
        """SELECT u.id, c.name || '/' || u.code AS label FROM units u JOIN carriers c ON c.id = u.carrier_id
           WHERE u.enterprise_id = ? AND u.status != ? ORDER BY u.id""",
        (enterprise_id, want),
    ).fetchall()
    if changed:
        _set_holding(conn, e, [r["id"] for r in changed], want)
    action = "lease" if want == "leased" else "reservation"
    return [{"unit": r["label"], "action": action, "status": want} for r in changed]


def release_unit(conn: sqlite3.Connection, enterprise: sqlite3.Row, ref: str, field: str = "--release") -> list[str]:
    """Free a unit the enterprise holds (or all of them for 'all'); the unit becomes vacant."""
    if fold(ref) in ("all", "全部"):
        units = conn.execute(
            "SELECT u.*, c.name AS carrier_name FROM units u JOIN carriers c ON c.id = u.carrier_id "
            "WHERE u.enterprise_id = ? ORDER BY u.id",
            (enterprise["id"],),
        ).fetchall()
        if not units:
            raise Rejected(_("{field} all: {name} holds no unit").format(field=field, name=enterprise["name"]))
    else:
        units = [find_unit(conn, ref, field)]
        if units[0]["enterprise_id"] != enterprise["id"]:
            holder = units[0]["holder"] or _("nobody on record")
            raise Rejected(
                _("{field} {value}: unit {unit} is not held by {name} ({holder})").format(
                    field=field, value=ref, unit=unit_label(units[0]), name=enterprise["name"], holder=holder
                )
            )

    for unit in units:
        conn.execute(
            "UPDATE units SET status = 'vacant', enterprise_id = NULL WHERE id = ? AND enterprise_id = ?",
            (unit["id"], enterprise["id"]),
        )
    # the enterprise's carrier follows its space when it leaves the carrier altogether
    remaining = conn.execute(
        "SELECT carrier_id FROM units WHERE enterprise_id = ? ORDER BY id LIMIT 1", (enterprise["id"],)
    ).fetchone()
    if enterprise["carrier_id"] in {u["carrier_id"] for u in units}:
        still = conn.execute(
            "SELECT 1 FROM units WHERE enterprise_id = ? AND carrier_id = ?",
            (enterprise["id"], enterprise["carrier_id"]),
        ).fetchone()
        if not still:
            conn.execute(
                "UPDATE enterprises SET carrier_id = ? WHERE id = ?",
                (remaining[0] if remaining else None, enterprise["id"]),
            )
    return [unit_label(u) for u in units]
