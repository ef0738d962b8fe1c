"""The internal brief's after-signing section: each project's milestones, investment and open services, and the
year's task ledger. Read only for an internal brief; a public brief never carries any of it, apart from the
counts of projects per milestone when the office asks for them (--publish-counts)."""

from __future__ import annotations

import sqlite3

from promo.brief import numbers as num
from promo.brief.document import Facts, Note, Section, Table
from promo.brief.request import Request
from promo.brief.wording import Wording
from promo.i18n import _
from promo.measures import trim
from promo.vocabulary import MILESTONES

MAX_PROJECTS = 20


def gather(conn: sqlite3.Connection, req: Request) -> dict:
    """Projects with milestones, reports, services or coordination items within the brief's focus, as of its
    date (later milestones and reports are not yet known), most behind plan first; and the ledger's year."""
    from promo.brief.content import STAGE_ON
    from promo.ledger_facts import bounds
    from promo.open_items import OPEN_ON, overdue_where
    from promo.vocabulary import SIGNED, sql_in

    where, params = _focus(conn, req)
    # as the brief's day knew it: the stage then, reports of its quarter and before, services and coordination
    # items open then (OPEN_ON reads the day as :today); a project signed later is not there yet
    params |= {"today": req.date, "last_quarter": bounds(params["year"], req.date)["last_quarter"]}
    open_service, open_item = OPEN_ON["service"][1], OPEN_ON["coordination"][1]
    late_service = overdue_where("service", req.date)
    found = [
        dict(r)
        for r in conn.execute(
            f"""SELECT * FROM (SELECT e.id, e.name, e.name_en, {STAGE_ON} AS stage, e.investment_wan, e.sample,
                  (SELECT m.milestone FROM milestones m WHERE m.enterprise_id = e.id AND m.actual_date <= :date
                   ORDER BY m.actual_date DESC LIMIT 1) AS reached,
                  (SELECT m.milestone || '|' || m.planned_date FROM milestones m WHERE m.enterprise_id = e.id
                     AND (m.actual_date IS NULL OR m.actual_date > :date) AND m.planned_date IS NOT NULL
                   ORDER BY m.planned_date LIMIT 1) AS next,
                  (SELECT max(r.completed_investment_wan) FROM project_reports r WHERE r.enterprise_id = e.id
                     AND (r.year < :year OR (r.year = :year AND r.quarter <= :last_quarter))) AS completed_wan,
                  (SELECT count(*) FROM services s WHERE s.enterprise_id = e.id AND {open_service}) AS services,
                  (SELECT count(*) FROM services s WHERE s.enterprise_id = e.id AND {late_service})
                     AS services_late,
                  (SELECT count(*) FROM coordination c WHERE c.enterprise_id = e.id AND {open_item}) AS items
               FROM enterprises e
               WHERE {where} AND e.id IN (SELECT enterprise_id FROM milestones UNION SELECT enterprise_id
                     FROM project_reports UNION SELECT enterprise_id FROM services
                     UNION SELECT enterprise_id FROM coordination))
               WHERE stage IN {sql_in(SIGNED)}""",
            params,
        )
    ]
    for r in found:
        milestone, _sep, planned = (r["next"] or "").partition("|")
        r["next"], r["planned"] = milestone or None, planned or None
        r["late"] = bool(planned and planned < req.date)
    found.sort(key=lambda r: (not r["late"], -(r["services_late"] or 0), r["planned"] or "9999", r["name"]))
    ledger_rows = []
    if (
        req.scope == "zone"
        and conn.execute(
            "SELECT 1 FROM ledger_targets WHERE year = ? AND scope = 'zone' AND quarter = 0", (params["year"],)
        ).fetchone()
    ):
        from promo import ledger

        as_then = ledger.ledger(conn, params["year"], on=req.date, known_by=True)  # as the brief's day knew it
        ledger_rows = [r for r in as_then if r["target"] is not None]
    return {"rows": found[:MAX_PROJECTS], "count": len(found), "ledger": ledger_rows, "year": params["year"]}


def _focus(conn: sqlite3.Connection, req: Request) -> tuple[str, dict]:
    """SQL on enterprises e for the brief's focus (the zone, an industry's subtree, a carrier), and its params."""
    from promo import industries
    from promo.lookup import find

    where, params = "1=1", {"date": req.date, "year": int(req.date[:4])}
    if req.scope == "industry":
        ids = industries.find_subtree(conn, req.industry)
        where = f"e.industry_id IN ({','.join(str(int(i)) for i in ids)})"
    elif req.scope == "carrier":
        params["carrier"] = find(conn, "carriers", req.carrier, _("carrier"))["id"]
        where = "(e.carrier_id = :carrier OR e.id IN (SELECT enterprise_id FROM units WHERE carrier_id = :carrier))"
    return where, params


def gather_counts(conn: sqlite3.Connection, req: Request) -> dict:
    """How many projects in the focus had reached each milestone by the brief's date, and how many of them in
    its year: counts only, the one after-signing figure a public brief may carry. 投产 is the ledger's rule
    (promo.project_periods.PRODUCING_IN: the milestone, else the first day at a producing stage); 达效 likewise."""
    from promo.project_periods import PRODUCING_IN

    where, params = _focus(conn, req)
    params |= {"start": "0000-01-01", "end": req.date, "year_start": f"{params['year']}-01-01"}
    found = {
        r[0]: (r[1], r[2])
        for r in conn.execute(
            f"""WITH {PRODUCING_IN},
                on_target(enterprise_id, date) AS (
                  SELECT enterprise_id, actual_date FROM milestones WHERE milestone = '达效' AND actual_date <= :end
                  UNION ALL
                  SELECT h.enterprise_id, min(h.date) FROM stage_history h WHERE h.stage = '达效' AND h.date <= :end
                    AND NOT EXISTS (SELECT 1 FROM milestones m WHERE m.enterprise_id = h.enterprise_id
                                      AND m.milestone = '达效' AND m.actual_date IS NOT NULL)
                  GROUP BY h.enterprise_id),
                reached(enterprise_id, milestone, date) AS (
                  SELECT enterprise_id, milestone, actual_date FROM milestones
                  WHERE milestone IN ('开工', '竣工') AND actual_date <= :end
                  UNION ALL SELECT enterprise_id, '投产', date FROM producing_in
                  UNION ALL SELECT enterprise_id, '达效', date FROM on_target)
                SELECT r.milestone, count(DISTINCT r.enterprise_id),
                       count(DISTINCT CASE WHEN r.date >= :year_start THEN r.enterprise_id END)
                FROM reached r JOIN enterprises e ON e.id = r.enterprise_id
                WHERE {where} GROUP BY r.milestone""",
            params,
        )
    }
    return {"year": params["year"], "rows": [(m, *found.get(m, (0, 0))) for m in MILESTONES]}


def counts_section(c: Wording) -> Section:
    """Projects per milestone, e.g. 开工 12 个（2026 年 5 个）; no name, amount or contact."""
    data = c.data.get("after_signing_counts")
    s = Section(c.t("sec.after_counts"))
    if not data or not any(n for _, n, _ in data["rows"]):
        return s
    facts = [
        (c.code("milestone", m), c.t("after.count_value", n=f"{n:,}", m=f"{this_year or 0:,}", year=data["year"]))
        for m, n, this_year in data["rows"]
    ]
    s.blocks.append(Facts(facts))
    return s


def after_signing_section(c: Wording) -> Section:
    """The section in the brief's words, language and units."""
    data = c.data.get("after_signing")
    s = Section(c.t("sec.after"))
    if not data or not c.req.internal:
        return s
    unit = c.money_unit([*(r["investment_wan"] for r in data["rows"]), *(r["completed_wan"] for r in data["rows"])])
    body, chat = [], []
    for r in data["rows"]:
        name = c.mark(c.name(r["name"], r.get("name_en")), r["sample"])
        next_step = ""
        if r["next"]:
            next_step = f"{c.code('milestone', r['next'])} {c.date(r['planned'])}" + (
                c.t("after.late") if r["late"] else ""
            )
        row = [
            name,
            c.stage(r["stage"]),
            c.code("milestone", r["reached"]) if r["reached"] else "",
            next_step,
            num.money_in(r["completed_wan"], unit),
            num.money_in(r["investment_wan"], unit),
            num.count(r["services"]) + (c.t("after.overdue", n=r["services_late"]) if r["services_late"] else ""),
            num.count(r["items"]),  # none is 0, as for services: a blank would read as not known
        ]
        body.append(row)
        said = [x for x in (row[1], row[2], next_step) if x]
        chat.append(c.labelled(name, c.t("sep.comma").join(said)))
    if body:
        headers = [
            c.t("after.name"),
            c.t("after.stage"),
            c.t("after.reached"),
            c.t("after.next"),
            c.headed(c.t("after.completed"), unit),
            c.headed(c.t("after.planned"), unit),
            c.t("after.services"),
            c.t("after.items"),
        ]
        s.blocks.append(Table(headers, body, ["left"] * 4 + ["right"] * 4, chat))
        s.blocks.append(Note(c.t("after.count", n=f"{data['count']:,}")))
    if data["ledger"]:
        parts = []
        for r in data["ledger"]:
            if r["unit"] == "个":
                shown = f"{trim(r['actual'], 4)}/{trim(r['target'], 4)}"
            else:
                shown = f"{c.money(r['actual'])}/{c.money(r['target'])}"
            measure = r["label"] if c.lang == "zh" else r["measure_en"]
            parts.append(f"{measure} {shown}" + (c.t("after.behind") if r["behind"] else ""))
        s.blocks.append(Note(c.t("after.ledger", year=data["year"]) + c.t("sep.list").join(parts)))
    return s
