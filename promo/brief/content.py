"""What a brief says, read from the catalogue with set-based SQL; the audience decides what is read at all.

A public brief never selects personal contacts, owners or notes, and shows enterprises only from 签约 on;
the columns are simply not queried, so no later step can leak them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from promo import criteria, industries, policies, resources
from promo.brief.keyfigures import key_figures
from promo.brief.numbers import usd_rate
from promo.brief.request import Request
from promo.db import rows
from promo.errors import Rejected
from promo.i18n import _
from promo.lookup import find
from promo.text import today
from promo.vocabulary import LEADS, PRESENT, SIGNED, STAGES, stage_order

# How much of a big catalogue one brief shows; the rest is counted, not listed.
MAX_CARRIERS = 12
UNITS_PER_CARRIER = 3
MAX_CARRIER_UNITS = 60
MAX_TENANTS = 20
MAX_LEADS = 30
MAX_PLATFORMS = 30
MAX_POLICIES = 40
MAX_CRITERIA = 40
MAX_NEGATIVE = 30


def _ids(values) -> str:
    """An SQL list of integer ids (ints only, so it is safe to inline)."""
    ids = [str(int(v)) for v in values]
    return "(" + ",".join(ids) + ")" if ids else "(NULL)"


def _texts(values) -> str:
    """An SQL list of short codes, quoted."""
    quoted = ["'" + str(v).replace("'", "''") + "'" for v in values]
    return "(" + ",".join(quoted) + ")" if quoted else "(NULL)"


# An enterprise's stage and its date on the brief's date (:date): its stage now if it reached it by then (or
# has no date), else the last stage its history records by then; NULL if none (not yet in the pipeline).
_LATER = "e.stage_date IS NOT NULL AND e.stage_date > :date"
_HISTORY = """(SELECT h.{col} FROM stage_history h WHERE h.enterprise_id = e.id AND h.date <= :date
              ORDER BY h.date DESC, h.id DESC LIMIT 1)"""
STAGE_ON = f"CASE WHEN {_LATER} THEN {_HISTORY.format(col='stage')} ELSE e.stage END"
STAGE_DATE_ON = f"CASE WHEN {_LATER} THEN {_HISTORY.format(col='date')} ELSE e.stage_date END"


def as_of_sql(where: str, stages: tuple[str, ...] | None = None, extra: str = "") -> str:
    """A CTE `a` of the enterprises in `where` with their stage and stage date on :date; only those at one of
    `stages` then, if given. The test is split so that the usual case (the stage reached by then) uses the
    index on the stage, and the stage history is read only for enterprises whose stage is dated later."""
    at = ""
    if stages is not None:
        history, listed = _HISTORY.format(col="stage"), _texts(stages)
        at = f" AND ((e.stage IN {listed} AND NOT ({_LATER})) OR (({_LATER}) AND {history} IN {listed}))"
    return f"""WITH a AS (
                 SELECT e.id, {STAGE_ON} AS stage, {STAGE_DATE_ON} AS stage_date, e.sample{extra}
                 FROM enterprises e WHERE {where}{at})"""


@dataclass
class Scope:
    """The SQL conditions that narrow each list to the brief's focus."""

    enterprises: str = "1=1"  # on enterprises e
    carrier_ids: list[int] | None = None  # carriers, their units and platforms (None: every carrier)
    industry_ids: list[int] | None = None  # policies and criteria open to one of these (None: any)
    criteria_carrier_ids: list[int] | None = None
    policy_carrier_ids: list[int] | None = None


def gather(conn: sqlite3.Connection, req: Request) -> dict:
    """Everything the brief shows, as plain dicts; nothing the audience may not see is read."""
    req.check()
    data: dict = {"request": req}
    zone = conn.execute("SELECT * FROM zone ORDER BY id LIMIT 1").fetchone()
    if zone is None:
        raise Rejected(
            _("the catalogue has no zone record, so there is nothing to brief on"),
            _("rebuild it: {command}").format(command="promo init"),
        )
    data["zone"] = dict(zone)
    # what the brief's date could know: figures of its year and before, a zone founded by then
    year = _year(req.date)
    if year is not None and (zone["founded_year"] or 0) > year:
        data["zone"]["founded_year"] = None
    data["figures"] = key_figures(conn, zone["id"], year)
    data["earlier_than_today"] = req.date < today()
    data.update(usd_rate(conn))
    scope = Scope()

    if req.scope == "industry":
        node = find(conn, "industries", req.industry, _("industry"))
        data["industry"] = _industry_tree(conn, node, req.date)
        scope = _industry_scope(conn, node["id"])
    elif req.scope == "carrier":
        row = find(conn, "carriers", req.carrier, _("carrier"))
        data["carrier"] = _carrier_detail(conn, row, req)
        scope = Scope(
            carrier_ids=[row["id"]],
            enterprises=f"(e.carrier_id = {int(row['id'])} OR e.id IN "
            f"(SELECT enterprise_id FROM units WHERE carrier_id = {int(row['id'])} AND enterprise_id IS NOT NULL))",
            criteria_carrier_ids=[row["id"]],
            policy_carrier_ids=[row["id"]],
        )
        data["units"] = _carrier_units(conn, data["carrier"])
        data["facilities"] = resources.facilities(conn, row["id"], vacant_first=True)
    elif req.scope == "prospect":
        from promo.brief.prospect import gather_prospect

        data["prospect"] = gather_prospect(conn, req)
        # references and platforms from the prospect's whole leading industry, not just its chain link
        root = data["prospect"].get("root_industry_id")
        if root:
            scope = _industry_scope(conn, root)
    else:
        data["industries"] = _leading_industries(conn)
        data["clusters"] = rows(conn, "SELECT name, name_en, description FROM clusters ORDER BY id")

    if req.scope in ("zone", "industry"):
        data["carriers"] = _carriers(conn, scope)
        data["units"] = _selected_units(conn, [c for c in data["carriers"]["rows"] if c["vacant_units"]])
    # the lists as `promo carriers`, `promo vacancies` and `promo platforms` give them, narrowed to the focus
    data["platforms"] = resources.platforms(conn, carrier_ids=scope.carrier_ids, limit=MAX_PLATFORMS)
    if req.scope != "prospect":
        # in force on the brief's date (started, not expired), open to the focus
        data["policies"] = policies.list_policies(
            conn,
            active_on=req.date,
            industry_ids=scope.industry_ids,
            carrier_ids=scope.policy_carrier_ids,
            limit=MAX_POLICIES,
        )
        data["criteria"] = criteria.list_criteria(
            conn, industry_ids=scope.industry_ids, carrier_ids=scope.criteria_carrier_ids, limit=MAX_CRITERIA
        )
        data["negative"] = criteria.negative_list(conn, limit=MAX_NEGATIVE)
    data["tenants"] = _tenants(conn, scope, req)
    data["scope"] = scope  # the focus as SQL, for the charts' own figures (promo.brief.chartdata)
    if req.internal:
        data["pipeline"] = _pipeline(conn, scope, req.date)
        data["leads"] = _leads(conn, scope, req.date)
    return data


def _year(date: str) -> int | None:
    """The year of an ISO date (None if it has none)."""
    head = str(date)[:4]
    return int(head) if head.isdigit() else None


# -- industries ----------------------------------------------------------------------------------


def _industry_scope(conn: sqlite3.Connection, industry_id: int) -> Scope:
    """Carriers are tagged with leading industries, so they match up and down the chain; firms match below."""
    down = industries.descendants(conn, industry_id)
    family = sorted({a["id"] for a in industries.ancestors(conn, industry_id)} | set(down))
    carrier_ids = [
        r[0]
        for r in conn.execute(
            f"SELECT DISTINCT carrier_id FROM carrier_industries WHERE industry_id IN {_ids(family)} ORDER BY 1"
        )
    ]
    return Scope(
        carrier_ids=carrier_ids,
        enterprises=f"e.industry_id IN {_ids(down)}",
        industry_ids=family,
        criteria_carrier_ids=carrier_ids,
    )


def _leading_industries(conn: sqlite3.Connection) -> list[dict]:
    found = rows(
        conn,
        """SELECT ind.id, ind.name, ind.name_en, ind.sample, ch.name AS chain, ch.name_en AS chain_en,
                  ch.sample AS chain_sample
           FROM industries ind LEFT JOIN industries ch ON ch.parent_id = ind.id AND ch.level = 'chain'
           WHERE ind.level = 'industry' ORDER BY ind.sort, ind.id, ch.sort, ch.id""",
    )
    out: dict[int, dict] = {}
    for r in found:  # a few dozen rows: grouping them for layout
        entry = out.setdefault(
            r["id"], {"name": r["name"], "name_en": r["name_en"], "sample": r["sample"], "chains": []}
        )
        if r["chain"] is not None:
            entry["chains"].append({"name": r["chain"], "name_en": r["chain_en"], "sample": r["chain_sample"]})
    return list(out.values())


def _industry_tree(conn: sqlite3.Connection, node: sqlite3.Row, date: str) -> dict:
    """The industry asked for, its path, and its chain links with how many firms are signed or present on
    the brief's date."""
    down = industries.descendants(conn, node["id"])
    links = rows(
        conn,
        f"""SELECT i.id, i.parent_id, i.level, i.segment, i.name, i.name_en, i.sample,
                   p.name AS parent, p.name_en AS parent_en, p.sample AS parent_sample,
                   (SELECT count(*) FROM enterprises e
                     WHERE e.industry_id = i.id AND ({STAGE_ON}) IN {_texts(SIGNED)}) AS firms
            FROM industries i LEFT JOIN industries p ON p.id = i.parent_id
            WHERE i.id IN {_ids(down)}
              AND (i.level = 'link'
                   OR (i.level = 'chain' AND NOT EXISTS (SELECT 1 FROM industries x WHERE x.parent_id = i.id)))
            ORDER BY i.sort, i.id""",
        {"date": date},
    )
    return {
        "node": dict(node),
        "path": industries.ancestors(conn, node["id"]),
        "links": links,
    }


# -- carriers and units -------------------------------------------------------------------------


def _carriers(conn: sqlite3.Connection, scope: Scope) -> dict:
    """`promo carriers`' rows for the focus, the most space available first, and totals over all of them."""
    found = resources.carriers(conn, ids=scope.carrier_ids)
    found.sort(key=lambda c: (-c["vacant_area_m2"], c["id"]))
    shown = found[:MAX_CARRIERS]
    industries = _carrier_industries(conn, [c["id"] for c in shown])
    for c in shown:
        c["industries"] = industries.get(c["id"], [])
    all_vacant_area = sum(c["vacant_area_m2"] for c in found)
    return {
        "rows": shown,
        "all_carriers": len(found),
        "all_vacant_area": all_vacant_area,
        "all_vacant_units": sum(c["vacant_units"] for c in found),
        "hidden_carriers": len(found) - len(shown),
        "hidden_vacant_area": all_vacant_area - sum(c["vacant_area_m2"] for c in shown),
    }


def _carrier_industries(conn: sqlite3.Connection, carrier_ids: list[int]) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    for r in rows(
        conn,
        f"""SELECT ci.carrier_id, i.name, i.name_en FROM carrier_industries ci
            JOIN industries i ON i.id = ci.industry_id
            WHERE ci.carrier_id IN {_ids(carrier_ids)} ORDER BY ci.carrier_id, i.sort, i.id""",
    ):
        out.setdefault(r["carrier_id"], []).append({"name": r["name"], "name_en": r["name_en"]})
    return out


def _selected_units(conn: sqlite3.Connection, carriers: list[dict]) -> dict:
    """The largest few vacant units of each listed carrier (`promo vacancies --carrier X --sort -area`)."""
    found = []
    for c in carriers:
        found += _named_units(
            conn, c, resources.VacancyFilter(carrier_id=c["id"], sort="-area", limit=UNITS_PER_CARRIER)
        )
    hidden = sum(max(c["vacant_units"] - UNITS_PER_CARRIER, 0) for c in carriers)
    return {"rows": found, "hidden": hidden, "per_carrier": True}


def _carrier_units(conn: sqlite3.Connection, carrier: dict) -> dict:
    """One carrier's vacant units in building and floor order (`promo vacancies --carrier X`)."""
    found = _named_units(conn, carrier, resources.VacancyFilter(carrier_id=carrier["id"], limit=MAX_CARRIER_UNITS))
    return {"rows": found, "hidden": carrier["vacant_units"] - len(found), "per_carrier": False}


def _named_units(conn: sqlite3.Connection, carrier: dict, f: resources.VacancyFilter) -> list[dict]:
    """Vacant units as `promo vacancies` lists them, with the English names a brief may need."""
    found = resources.vacancies(conn, f)
    names = sorted({name for u in found for name in u["facilities"]})
    english = dict(
        conn.execute(f"SELECT name, name_en FROM facilities WHERE name IN ({','.join('?' * len(names))})", names)
    )
    for u in found:
        u["carrier_en"] = carrier.get("name_en")
        u["facilities"] = [{"name": name, "name_en": english.get(name)} for name in u["facilities"]]
    return found


def _carrier_detail(conn: sqlite3.Connection, row: sqlite3.Row, req: Request) -> dict:
    """One carrier's public facts and totals; its personal contact only for an internal brief."""
    detail = {
        k: row[k]
        for k in ("id", "code", "name", "name_en", "kind", "address", "operator", "description", "description_en")
    }
    for k in ("address_en", "operator_en"):  # English columns the catalogue may gain
        detail[k] = row[k] if k in row.keys() else None
    detail.update(status=row["status"], sample=row["sample"])
    if req.internal:
        from promo.schema_carrier_samples import is_sample

        detail.update(contact_name=row["contact_name"], contact_phone=row["contact_phone"])
        detail["contact_sample"] = is_sample(row, "contact")
    totals = resources.carriers(conn, ids=[row["id"]])[0]
    for k in ("units", "vacant_units", "total_area_m2", "vacant_area_m2", "occupancy", "units_sample"):
        detail[k] = totals[k]
    detail["industries"] = _carrier_industries(conn, [row["id"]]).get(row["id"], [])
    return detail


# -- enterprises ---------------------------------------------------------------------------------


def _tenants(conn: sqlite3.Connection, scope: Scope, req: Request) -> dict:
    """Firms here on the brief's date (落地 and later by then) as references: real ones first, furthest along
    first. A public brief also needs them signed now (a firm that went back before 签约 is not named)."""
    amounts = ", e.investment_wan, e.jobs" if req.internal else ""
    where = scope.enterprises if req.internal else f"{scope.enterprises} AND e.stage IN {_texts(SIGNED)}"
    order = "{t}.sample, {rank} DESC, {t}.stage_date IS NULL, {t}.stage_date DESC, {t}.id"
    inner = order.format(t="a", rank=stage_order("a.stage"))
    outer = order.format(t="pick", rank=stage_order("pick.stage"))
    params = {"date": req.date}
    found = rows(
        conn,
        f"""{as_of_sql(where, PRESENT)}
            SELECT e.id, e.name, e.name_en, e.kind, pick.stage, pick.stage_date, e.country, e.sample{amounts}, pick.n,
                   i.name AS industry, i.name_en AS industry_en,
                   coalesce(c.name, (SELECT c2.name FROM units u JOIN carriers c2 ON c2.id = u.carrier_id
                                      WHERE u.enterprise_id = e.id ORDER BY u.id LIMIT 1)) AS carrier,
                   coalesce(c.name_en, (SELECT c2.name_en FROM units u JOIN carriers c2 ON c2.id = u.carrier_id
                                         WHERE u.enterprise_id = e.id ORDER BY u.id LIMIT 1)) AS carrier_en
            FROM (SELECT a.*, count(*) OVER () AS n FROM a ORDER BY {inner} LIMIT {MAX_TENANTS}) AS pick
            JOIN enterprises e ON e.id = pick.id
            LEFT JOIN industries i ON i.id = e.industry_id LEFT JOIN carriers c ON c.id = e.carrier_id
            ORDER BY {outer}""",
        params,
    )
    return {"rows": found, "count": found[0]["n"] if found else 0}


def _pipeline(conn: sqlite3.Connection, scope: Scope, date: str) -> list[dict]:
    """Firms, sample firms, investment and jobs per stage on the brief's date. Investment is summed in whole
    yuan as integers, so the sum is exact (a float sum drifts); only past SQLite's 64-bit range does it fall
    back to floats."""
    sql = """{as_of}
             SELECT a.stage, count(*) AS firms, coalesce(sum(a.sample), 0) AS sample,
                    {investment} AS investment_wan, sum(a.jobs) AS jobs
             FROM a WHERE a.stage IS NOT NULL GROUP BY a.stage"""
    as_of = as_of_sql(scope.enterprises, extra=", e.investment_wan, e.jobs")
    # CAST saturates silently past 2^63 yuan: amounts that large (10^12 万元 is far past text.py's bound on
    # input) are summed as floats
    exact = (
        "CASE WHEN max(a.investment_wan) <= 1e12 "
        "THEN sum(CAST(round(a.investment_wan * 10000) AS INTEGER)) / 10000.0 ELSE sum(a.investment_wan) END"
    )
    try:
        found = rows(conn, sql.format(as_of=as_of, investment=exact), {"date": date})
    except sqlite3.OperationalError as exc:
        if "overflow" not in str(exc):
            raise
        found = rows(conn, sql.format(as_of=as_of, investment="sum(a.investment_wan)"), {"date": date})
    by_stage = {r["stage"]: r for r in found}
    return [by_stage[s] for s in STAGES if s in by_stage]


def _leads(conn: sqlite3.Connection, scope: Scope, date: str) -> dict:
    """Enterprises before 签约 on the brief's date, latest first, with their stage and date then."""
    params = {"date": date}
    found = rows(
        conn,
        f"""{as_of_sql(scope.enterprises, LEADS)}
            SELECT e.name, e.name_en, e.code_name, a.stage, a.stage_date, e.investment_wan, e.owner, e.contact,
                   e.phone, e.source_channel, e.note, e.sample, i.name AS industry, i.name_en AS industry_en,
                   count(*) OVER () AS n
            FROM a JOIN enterprises e ON e.id = a.id LEFT JOIN industries i ON i.id = e.industry_id
            ORDER BY a.stage_date IS NULL, a.stage_date DESC, a.id DESC
            LIMIT {MAX_LEADS}""",
        params,
    )
    return {"rows": found, "count": found[0]["n"] if found else 0}
