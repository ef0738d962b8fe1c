"""Firms: tenants as references, and for the office only, the pipeline and the leads."""

from __future__ import annotations

from promo.brief import numbers as num
from promo.brief.document import Note, Section, Table
from promo.brief.wording import Wording
from promo.measures import MONEY


def tenant_count(w: Wording, n: int) -> str:
    """How many firms are here, saying what was counted: the zone, the industry or the carrier."""
    scope, count = w.req.scope, f"{n:,}"
    if scope == "carrier":
        c = w.data["carrier"]
        return w.t("ten.count.carrier", n=count, carrier=w.name(c["name"], c.get("name_en")))
    node = (w.data.get("industry") or {}).get("node") or (w.data.get("prospect") or {}).get("root_industry")
    if node:
        return w.t("ten.count.industry", n=count, industry=w.term(node["name"], node.get("name_en")))
    return w.t("ten.count", n=count)


def tenants_section(w: Wording) -> Section:
    data = w.data["tenants"]
    s = Section(w.t("sec.tenants"))
    internal = w.req.internal
    unit = w.money_unit(e.get("investment_wan") for e in data["rows"])
    body, chat = [], []
    for e in data["rows"]:
        name = w.firm_name(e)
        industry = w.term(e.get("industry"), e.get("industry_en")) if e.get("industry") else ""
        carrier = w.name(e["carrier"], e.get("carrier_en")) if e.get("carrier") else ""
        since = w.v((e.get("stage_date") or "")[:4])
        row = [name, industry, carrier, w.stage(e["stage"]), since]
        if internal:
            row += [
                MONEY.figure_in(e.get("investment_wan"), unit),
                num.count(e.get("jobs")),
            ]
        body.append(row)
        where = w.t("sep.comma").join(x for x in (carrier, w.stage(e["stage"])) if x)
        chat.append(name + w.paren(where))
    if not body:
        return s
    headers = [
        w.t("ten.name"),
        w.t("ten.industry"),
        w.t("ten.carrier"),
        w.t("ten.stage"),
        w.t("ten.since"),
    ]
    align = ["left", "left", "left", "left", "right"]
    if internal:
        headers += [w.headed(w.t("ten.investment"), unit), w.t("ten.jobs")]
        align += ["right", "right"]
    s.blocks.append(Table(headers, body, align, chat))
    s.blocks.append(Note(tenant_count(w, data["count"])))
    return s


def pipeline_section(w: Wording) -> Section:
    s = Section(w.t("sec.pipeline"))
    stages = w.data.get("pipeline", [])
    if not stages:
        return s
    # the total is an exact decimal sum of the stages' sums, rounded once when shown
    total = {
        "firms": sum(p["firms"] for p in stages),
        "sample": sum(p["sample"] or 0 for p in stages),
        "investment_wan": MONEY.total(p["investment_wan"] for p in stages),
        "jobs": num.known_total(p["jobs"] for p in stages),
    }
    unit = w.money_unit([*(p["investment_wan"] for p in stages), total["investment_wan"]])
    body, chat = [], []
    for p in stages:
        body.append(
            [
                w.stage(p["stage"]),
                f"{p['firms']:,}",
                f"{p['sample']:,}",
                MONEY.figure_in(p["investment_wan"], unit),
                num.count(p["jobs"]),
            ]
        )
        chat.append(w.labelled(w.stage(p["stage"]), f"{p['firms']:,}"))
    body.append(
        [
            w.t("pipe.total"),
            f"{total['firms']:,}",
            f"{total['sample']:,}",
            MONEY.figure_in(total["investment_wan"], unit),
            num.count(total["jobs"]),
        ]
    )
    headers = [
        w.t("pipe.stage"),
        w.t("pipe.count"),
        w.t("pipe.sample"),
        w.headed(w.t("pipe.investment"), unit),
        w.t("pipe.jobs"),
    ]
    s.blocks.append(Table(headers, body, ["left", "right", "right", "right", "right"], chat))
    return s


def leads_section(w: Wording) -> Section:
    data = w.data.get("leads") or {"rows": [], "count": 0}
    s = Section(w.t("sec.leads"))
    unit = w.money_unit(e.get("investment_wan") for e in data["rows"])
    body, chat = [], []
    for e in data["rows"]:
        name = w.mark(w.name(e["name"], e.get("name_en")), e["sample"])
        contact = " ".join(x for x in (w.v(e.get("contact")), w.v(e.get("phone"))) if x)
        row = [
            name,
            w.v(e.get("code_name")),
            w.stage(e["stage"]),
            w.v(e.get("stage_date")),
            w.term(e.get("industry"), e.get("industry_en")) if e.get("industry") else "",
            MONEY.figure_in(e.get("investment_wan"), unit),
            w.v(e.get("owner")),
            contact,
            w.code("channel", e.get("source_channel")),
            w.v(e.get("note")),
        ]
        body.append(row)
        said = [*row[1:5], MONEY.with_unit(e.get("investment_wan"), unit), *row[6:8]]
        chat.append(w.labelled(name, w.t("sep.comma").join(x for x in said if x)))
    if body:
        headers = [
            w.t("lead.name"),
            w.t("lead.code"),
            w.t("lead.stage"),
            w.t("lead.date"),
            w.t("lead.industry"),
            w.headed(w.t("lead.investment"), unit),
            w.t("lead.owner"),
            w.t("lead.contact"),
            w.t("lead.channel"),
            w.t("lead.note"),
        ]
        align = ["left"] * 5 + ["right"] + ["left"] * 4
        s.blocks.append(Table(headers, body, align, chat))
        s.blocks.append(Note(w.t("lead.count", n=f"{data['count']:,}")))
    return s
