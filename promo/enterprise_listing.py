"""Reading the pipeline back: the enterprise listing with its filters, and one enterprise in detail (its
history with days per stage, its space, activities and stage deadline)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from promo.db import rows, stream
from promo.enterprise_fields import ACTIVITY_KINDS, KINDS, STAGE_EN
from promo.i18n import _
from promo.identity import claim_text, get
from promo.industries import find_subtree, path
from promo.lookup import find
from promo.text import today
from promo.vocabulary import stage_order

_STAGE_ORDER = stage_order("e.stage")
_LIST_SQL = """
SELECT e.id, e.name, e.name_en, e.code_name, e.uscc, e.uscc_bad_check, e.kind,
       i.code AS industry_code, i.name AS industry, e.stage, e.stage_date,
       c.code AS carrier_code, c.name AS carrier,
       (SELECT group_concat(code, ';') FROM (SELECT u.code FROM units u WHERE u.enterprise_id = e.id ORDER BY u.code))
         AS units,
       (SELECT group_concat(code, ';') FROM (SELECT u.code FROM units u WHERE u.enterprise_id = e.id
          AND u.status = 'reserved' ORDER BY u.code)) AS reserved_units,
       (SELECT sum(area_m2) FROM units u WHERE u.enterprise_id = e.id) AS area_m2,
       e.investment_wan, e.jobs, e.source_channel, e.country, e.owner, e.owner_since, e.sample
FROM enterprises e
LEFT JOIN industries i ON i.id = e.industry_id
LEFT JOIN carriers c ON c.id = e.carrier_id
"""


def _finish_one(r: dict) -> dict:
    r["units"] = r["units"].split(";") if r.get("units") else []
    r["reserved_units"] = r["reserved_units"].split(";") if r.get("reserved_units") else []
    r["uscc_bad_check"] = bool(r["uscc_bad_check"])
    r["sample"] = bool(r["sample"])
    r["stage_en"] = STAGE_EN[r["stage"]]
    return r


def _finish(found: list[dict]) -> list[dict]:
    for r in found:
        _finish_one(r)
    return found


def listing(
    conn: sqlite3.Connection,
    *,
    stages: list[str] | None = None,
    industry: str | None = None,
    carrier: str | None = None,
    source: str | None = None,
    owner: str | None = None,
    since: str | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Enterprises inside every filter given, in pipeline order (lead first), newest move first within a stage."""
    found = iter_listing(
        conn, stages=stages, industry=industry, carrier=carrier, source=source, owner=owner, since=since, limit=limit
    )
    return list(found)


def iter_listing(
    conn: sqlite3.Connection,
    *,
    stages: list[str] | None = None,
    industry: str | None = None,
    carrier: str | None = None,
    source: str | None = None,
    owner: str | None = None,
    since: str | None = None,
    limit: int | None = None,
) -> Iterator[dict]:
    """listing() as the cursor gives them, for listings of any size (names are looked up before it returns)."""
    where, params = ["1=1"], {}
    if stages:
        where.append("e.stage IN (" + ",".join(f":s{i}" for i in range(len(stages))) + ")")
        params |= {f"s{i}": s for i, s in enumerate(stages)}
    if industry:
        ids = find_subtree(conn, industry)
        where.append("e.industry_id IN (" + ",".join(str(int(i)) for i in ids) + ")")
    if carrier:
        params["carrier"] = find(conn, "carriers", carrier, _("carrier"))["id"]
        where.append(
            "(e.carrier_id = :carrier OR EXISTS (SELECT 1 FROM units u WHERE u.enterprise_id = e.id "
            "AND u.carrier_id = :carrier))"
        )
    if source:
        params["source"] = source
        where.append("e.source_channel = :source")
    if owner:
        from promo.pipeline import find_owner

        params["owner"] = find_owner(conn, owner)
        where.append("e.owner = :owner")
    if since:
        params["since"] = since
        where.append("e.stage_date >= :since")
    sql = _LIST_SQL + f" WHERE {' AND '.join(where)} ORDER BY {_STAGE_ORDER}, e.stage_date DESC, e.id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return map(_finish_one, stream(conn, sql, params))


def detail(conn: sqlite3.Connection, name: str) -> dict:
    """One enterprise: record, stage history, space, activities, claim, and how long it has sat in its stage."""
    e = get(conn, name)
    d = _finish(rows(conn, _LIST_SQL + " WHERE e.id = ?", (e["id"],)))[0]
    for key in ("contact", "phone", "note", "created_at", "source", "name_folded"):
        d[key] = e[key]
    d["kind_label"] = KINDS.get(d["kind"], d["kind"])
    d["industry_path"] = path(conn, e["industry_id"])
    if d["uscc"]:
        from promo import uscc

        checked = uscc.check(d["uscc"])
        d["uscc_expected_check"] = checked.expected_check
    d["history"] = rows(
        conn,
        """SELECT stage, date, reason,
                  CAST(julianday(coalesce(LEAD(date) OVER w, :today)) - julianday(date) AS INTEGER) AS days
           FROM stage_history WHERE enterprise_id = :id WINDOW w AS (ORDER BY date, id) ORDER BY date, id""",
        {"id": e["id"], "today": today()},
    )
    for h in d["history"]:
        h["stage_en"] = STAGE_EN[h["stage"]]
    d["space"] = rows(
        conn,
        """SELECT c.name AS carrier, c.code AS carrier_code, u.code AS unit, u.building, u.floor, u.area_m2, u.rent,
                  u.status, u.sample
           FROM units u JOIN carriers c ON c.id = u.carrier_id WHERE u.enterprise_id = ? ORDER BY c.id, u.code""",
        (e["id"],),
    )
    d["activities"] = rows(
        conn,
        "SELECT kind, date, note, next_date, owner FROM activities WHERE enterprise_id = ? ORDER BY date DESC, id DESC",
        (e["id"],),
    )
    for u in d["space"]:
        u["status_label"] = {"reserved": "预留 reserved", "leased": "租用 leased"}.get(u["status"], u["status"])
    for a in d["activities"]:
        a["kind_label"] = ACTIVITY_KINDS.get(a["kind"], a["kind"])
    from promo.pipeline import stage_deadline

    deadline = stage_deadline(conn, e["id"])
    d["stage_days"] = d["history"][-1]["days"] if d["history"] else None
    d["stage_deadline_days"] = deadline["days"] if deadline else None
    d["stage_overdue_days"] = deadline["overdue_days"] if deadline else None
    d["stage_deadline_sample"] = bool(deadline and deadline["sample"])
    d["claim"] = claim_text(e)
    return d
