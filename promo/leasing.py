"""租控: every unit with its state, leases ending soon, and the building × floor × unit grid (租控表)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

from promo.db import stream
from promo.errors import BadValue
from promo.i18n import _
from promo.lookup import find
from promo.resources import UNIT_COLUMNS, finish_unit
from promo.text import today

STATUS_LETTERS = {"vacant": "V", "reserved": "R", "leased": "L", "fitout": "F", "held": "H"}
STATUS_COLOURS = {
    "vacant": "green",
    "reserved": "yellow",
    "leased": "blue",
    "fitout": "magenta",
    "held": "bright_black",
}
MAX_DAYS = 3650


def _finish(found: Iterable[dict]) -> Iterator[dict]:
    from datetime import date

    from promo.fields import mu

    now = date.fromisoformat(today())
    for r in found:
        finish_unit(r)
        r["area_mu"] = mu(r["area_m2"]) if r["kind"] == "land" else None
        r["days_left"] = (date.fromisoformat(r["lease_end"]) - now).days if r["lease_end"] else None
        yield r


def unit_list(
    conn: sqlite3.Connection,
    *,
    carrier: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    expiring: int | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Every unit (not only vacant ones), filtered; `expiring` keeps leases ending within that many days."""
    return list(iter_unit_list(conn, carrier=carrier, status=status, kind=kind, expiring=expiring, limit=limit))


def iter_unit_list(
    conn: sqlite3.Connection,
    *,
    carrier: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    expiring: int | None = None,
    limit: int | None = None,
) -> Iterator[dict]:
    """unit_list() as the cursor gives them, for listings of any size."""
    where, params = ["1=1"], {"today": today()}
    if carrier is not None:
        where.append("u.carrier_id = :carrier")
        params["carrier"] = find(conn, "carriers", carrier, _("carrier"))["id"]
    if status is not None:
        where.append("u.status = :status")
        params["status"] = status
    if kind is not None:
        where.append("u.kind = :kind")
        params["kind"] = kind
    if expiring is not None:
        if not 0 <= expiring <= MAX_DAYS:
            raise BadValue("--expiring", expiring, _("give a number of days, 0 … {limit:,}").format(limit=MAX_DAYS))

        where.append("u.status = 'leased' AND u.lease_end IS NOT NULL AND u.lease_end <= date(:today, :within)")
        params["within"] = f"+{int(expiring)} days"
    order = "u.lease_end, c.id, u.code" if expiring is not None else "u.carrier_id, u.building, u.floor, u.code"
    sql = f"""SELECT {UNIT_COLUMNS} FROM units u JOIN carriers c ON c.id = u.carrier_id
              WHERE {" AND ".join(where)} ORDER BY {order}"""
    if limit:
        sql += f" LIMIT {int(limit)}"
    return _finish(stream(conn, sql, params))


def expiring_leases(conn: sqlite3.Connection, days: int) -> list[dict]:
    """Leased units whose lease ends within `days` (or has ended and is still marked leased)."""
    return unit_list(conn, expiring=days)


def grid(conn: sqlite3.Connection, carrier: str) -> dict:
    """The 租控表 of a carrier: per building, per floor (top floor first), its units and occupancy by area."""
    from promo.resources import carrier as carrier_detail

    detail = carrier_detail(conn, carrier)
    buildings: dict[str, dict[int | None, list[dict]]] = {}
    for u in detail["units"]:
        buildings.setdefault(u["building"] or "", {}).setdefault(u["floor"], []).append(u)
    out = []
    for building, floors in sorted(buildings.items()):
        for floor in sorted(floors, key=lambda f: (f is None, -(f or 0))):
            units = sorted(floors[floor], key=lambda u: u["unit"])
            total = sum(u["area_m2"] for u in units)
            let = sum(u["area_m2"] for u in units if u["status"] in ("leased", "reserved"))
            out.append(
                {
                    "building": building,
                    "floor": floor,
                    "units": units,
                    "area_m2": total,
                    "occupancy": round(let / total, 4) if total else None,
                }
            )
    counts = {s: sum(1 for u in detail["units"] if u["status"] == s) for s in STATUS_LETTERS}
    return {"carrier": detail["name"], "rows": out, "counts": counts, "occupancy": detail["occupancy"]}
