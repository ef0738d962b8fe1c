"""A prospect's sections: its needs, the units matched, the policies that would apply, the criteria check."""

from __future__ import annotations

from promo import measures
from promo.brief import numbers as num
from promo.brief.document import Facts, Heading, Note, Section, Table
from promo.brief.sections.carriers import units_blocks
from promo.brief.sections.lists import negative_facts
from promo.brief.texts import TEXTS
from promo.brief.wording import Wording
from promo.measures import MONEY


def needs_section(c: Wording) -> Section:
    pr = c.data["prospect"]
    p = pr["profile"]
    s = Section(c.t("sec.needs"))
    facts = []
    private = pr.get("private")
    if private:
        facts.append((c.t("lead.name"), c.mark(c.name(private["name"], private.get("name_en")), private["sample"])))
        if private.get("code_name"):
            facts.append((c.t("need.code"), c.v(private["code_name"])))
        facts.append((c.t("need.stage"), c.stage(pr["stage"])))
    elif pr.get("shown_name") and not pr["signed"] and not pr.get("reader"):
        facts.append((c.t("need.code"), c.v(pr["shown_name"])))
    industry = pr.get("industry")
    if industry:
        facts.append((c.t("need.industry"), c.term(industry["name"], industry.get("name_en"), industry["sample"])))
    lo, hi = p.get("min_area"), p.get("max_area")
    if lo is not None or hi is not None:
        values = {
            "min": num.area(lo),
            "max": num.area(hi),
            "min_ft": num.area_sqft(lo),
            "max_ft": num.area_sqft(hi),
        }
        key = (
            "need.area_range"
            if lo is not None and hi is not None
            else "need.area_min"
            if lo is not None
            else "need.area_max"
        )
        facts.append((c.t("need.area"), c.t(key, **values)))
    if p.get("max_rent") is not None:
        usd = ""
        if c.lang == "en" and c.rate:
            usd = f"; USD {num.rent_usd_sqft_year(p['max_rent'], c.rate)}/sq ft/yr"
        facts.append(
            (
                c.t("need.rent"),
                c.t(
                    "need.rent_max",
                    rent=num.rent(p["max_rent"]),
                    month=measures.rent_month_text(p["max_rent"]),
                    usd=usd,
                ),
            )
        )
    if p.get("facilities"):
        english = pr.get("facilities_en") or {}
        facts.append((c.t("need.facilities"), c.join(c.term(f, english.get(f)) for f in p["facilities"])))
    if p.get("min_floor_load") is not None:
        facts.append((c.t("need.load"), c.t("need.load_min", v=num.trim(p["min_floor_load"], 1))))
    if p.get("available_by"):
        facts.append((c.t("need.ready"), c.t("need.ready_by", date=c.v(p["available_by"]))))
    if private:
        if p.get("investment_wan") is not None:
            facts.append((c.t("need.investment"), c.money(p["investment_wan"])))
        if p.get("land_mu") is not None:
            facts.append(
                (
                    c.t("need.land"),
                    c.t("need.land_value", mu=num.trim(p["land_mu"], 2), ha=num.trim(p["land_mu"] * num.HA_PER_MU, 2)),
                )
            )
        if p.get("business"):
            facts.append((c.t("need.business"), c.v(p["business"])))
        for key, label in (("owner", "need.owner"), ("note", "need.note")):
            if private.get(key):
                facts.append((c.t(label), c.v(private[key])))
        contact = " ".join(x for x in (c.v(private.get("contact")), c.v(private.get("phone"))) if x)
        if contact:
            facts.append((c.t("need.contact"), contact))
    if facts:
        s.blocks.append(Facts(facts))
    if not pr["has_needs"]:
        s.blocks.append(Note(c.t("need.none")))
    return s


def _why(c: Wording, u: dict) -> str:
    parts = []
    for part in u.get("parts") or []:
        kind = part.get("part")
        if kind == "area":
            # the unit's own figure against the need it meets: a fact, never a surplus ("300% more")
            p = c.data["prospect"]["profile"]
            lo, hi = p.get("min_area"), p.get("max_area")
            area = num.area(u["area_m2"])
            if lo is not None and hi is not None:
                parts.append(c.t("why.area_range", area=area, min=num.area(lo), max=num.area(hi)))
            elif lo:
                parts.append(c.t("why.area_min", area=area, min=num.area(lo)))
            elif hi is not None:
                parts.append(c.t("why.area_max", area=area, max=num.area(hi)))
        elif kind == "rent" and part.get("points") and u.get("rent") is not None:
            cheapest = min((x["rent"] for x in c.data["prospect"]["units"] if x.get("rent")), default=None)
            if cheapest is not None and u["rent"] == cheapest and len(c.data["prospect"]["units"]) > 1:
                parts.append(c.t("why.rent_lowest", rent=num.rent(u["rent"])))
        elif kind == "cluster" and u.get("same_chain"):
            parts.append(c.t("why.chain", n=len(u["same_chain"])))
        elif kind == "policy":
            parts.append(c.t("why.policy"))
        elif kind == "criteria":
            parts.append(c.t("why.criteria"))
    return c.t("sep.clause").join(parts)


def matches_section(c: Wording) -> Section:
    pr = c.data["prospect"]
    s = Section(c.t("sec.matches"))
    if not pr["has_needs"]:
        return s
    units = pr.get("units") or []
    if not units:
        s.blocks.append(Note(c.t("match.none")))
        return s
    rows = []
    for u in units:
        rows.append(
            {
                "id": u["id"],
                "carrier": u["carrier"],
                "carrier_en": u.get("carrier_en"),
                "code": u["unit"],
                "building": u.get("building"),
                "floor": u.get("floor"),
                "area_m2": u["area_m2"],
                "rent": u.get("rent"),
                "floor_load_kn": u.get("floor_load_kn"),
                "ready_date": u.get("ready_date"),
                "sample": u.get("sample"),
                "facilities": u.get("facilities_en") or [],
            }
        )
    blocks = units_blocks(c, {"rows": rows, "hidden": max(pr.get("units_total", 0) - len(rows), 0)}, with_carrier=True)
    table = blocks[0]
    table.headers.append(c.t("match.why"))
    table.align.append("left")
    whys = [_why(c, u) for u in units]
    table.rows = [row + [why] for row, why in zip(table.rows, whys, strict=True)]
    # every carrier named on each line: a ranked list is read row by row
    for row, u in zip(table.rows, units, strict=True):
        row[0] = c.name(u["carrier"], u.get("carrier_en"))
    table.chat = [
        f"{line}{c.t('sep.clause')}{why}" if why else line for line, why in zip(table.chat, whys, strict=True)
    ]
    s.blocks.extend(blocks)
    return s


def _reason(c: Wording, policy: dict) -> str:
    e = policy.get("eligibility") or {}
    parts = []
    for check in policy.get("checks") or []:
        field, status = check.get("field"), check.get("status")
        label = c.t(f"field.{field}") if f"field.{field}" in TEXTS else c.v(field)
        if status == "yes":
            # "meets the 5,000万 threshold" bounds a lead's investment: only where its figures may show
            open_figures = c.req.internal or c.data["prospect"]["signed"]
            if field == "investment" and e.get("min_investment_wan") is not None and open_figures:
                parts.append(c.t("pol.investment_yes", min=c.money(e["min_investment_wan"])))
            elif field == "jobs" and e.get("min_jobs") is not None and open_figures:
                parts.append(c.t("pol.jobs_yes", min=f"{e['min_jobs']:,}"))
            else:
                parts.append(c.t("pol.yes", field=label))
        elif status == "if" and field == "stage":
            stages = e.get("stages") or []
            shown = "/".join(c.code("stage", s) for s in stages)
            parts.append(c.t("pol.stage_if", stages=shown))
        elif status == "if" and field == "carrier":
            carriers = c.join(c.v(n) for n in e.get("carrier_names") or [])
            parts.append(c.t("pol.carrier_if", carriers=carriers))
        elif status == "if" and field == "date":
            parts.append(c.t("pol.date_if", start=c.v(policy.get("start_date"))))
        elif status == "unknown":
            parts.append(c.t("pol.unknown", field=label))
    return c.t("sep.clause").join(parts) or c.t("pol.open")


def _rule(c: Wording, policy: dict) -> str:
    """How a policy's amount is computed (2% of actual investment), without anyone's figures."""
    basis, rate = policy.get("rate_basis"), policy.get("rate")
    if rate is None or f"basis.{basis}" not in TEXTS:
        return ""
    return c.t("pol.rule", basis=c.t(f"basis.{basis}"), pct=f"{num.trim(rate * 100, 2)}%")


def policies_for_section(c: Wording) -> Section:
    pr = c.data["prospect"]
    s = Section(c.t("sec.policies_for"))
    # an estimate is the prospect's own figure times a published rate: it would give away the figure of a
    # prospect before 签约, so a public brief for one shows how the amount is computed instead
    estimates = c.req.internal or pr["signed"]
    policies = pr.get("policies") or []
    shown = [p.get("estimate_wan") for p in policies] if estimates else []
    total = MONEY.total(shown)  # exact decimal sum, rounded once when shown
    # one unit per column; the estimates and their total share one
    estimate_unit = c.money_unit([*shown, total])
    cap_unit = c.money_unit(p.get("cap_wan") for p in policies)
    body, chat = [], []
    for p in policies:
        name = c.name(p["name"], p.get("name_en"), p.get("sample"))
        estimate, estimate_text = "", ""
        if estimates and p.get("estimate_wan") is not None:
            after = c.t("pol.after") if p.get("verdict") == "if" else ""
            estimate = MONEY.figure_in(p["estimate_wan"], estimate_unit) + after
            estimate_text = MONEY.with_unit(p["estimate_wan"], estimate_unit) + after
        elif not estimates:
            estimate = estimate_text = _rule(c, p)
        cap = MONEY.figure_in(p.get("cap_wan"), cap_unit)
        cap_text = MONEY.with_unit(p.get("cap_wan"), cap_unit)
        reason = _reason(c, p)
        body.append([name, reason, estimate, cap])
        if estimate_text and estimates:
            amount = c.t("pol.estimate_short", v=estimate_text)
        else:
            amount = c.t("sep.comma").join(
                x for x in (estimate_text, c.t("pol.cap_short", v=cap_text) if cap_text else "") if x
            )
        chat.append(c.labelled(name, c.t("sep.comma").join(x for x in (reason, amount) if x)))
    if not body:
        s.blocks.append(Note(c.t("pol.none_for")))
        return s
    estimate_header = c.headed(c.t("pol.estimate"), estimate_unit) if estimates else c.t("pol.basis")
    headers = [c.t("pol.policy"), c.t("pol.reason"), estimate_header, c.headed(c.t("pol.cap"), cap_unit)]
    s.blocks.append(Table(headers, body, ["left", "left", "right", "right"], chat))
    if total:
        s.blocks.append(Note(c.t("pol.estimate_total", total=MONEY.with_unit(total, estimate_unit))))
    return s


def check_section(c: Wording) -> Section:
    checked = c.data["prospect"]["check"]
    s = Section(c.t("sec.criteria_for"))
    internal = c.req.internal
    status_key = {"pass": "crit.pass", "fail": "crit.fail", "unknown": "crit.unknown"}
    body, chat = [], []
    for k in checked.get("criteria") or []:
        if not k.get("binding") or k.get("status") == "n/a":
            continue  # criteria that do not bind this project (or do not apply to renting) are noise here
        name = c.term(k.get("name"), k.get("name_en"), k.get("sample"))
        req = c.requirement(k["op"], k["threshold"], k.get("unit"))
        status = k.get("status")
        verdict = c.t(status_key[status]) if status in status_key else c.t("crit.na")
        row = [name, req]
        if internal:
            row.append(c.v(k.get("value_text")))
        row.append(verdict)
        body.append(row)
        chat.append(c.labelled(name, f"{req}{c.t('sep.comma')}{verdict}"))
    if body:
        headers = [c.t("crit.criterion"), c.t("crit.requirement")]
        if internal:
            headers.append(c.t("crit.value"))
        headers.append(c.t("crit.verdict"))
        s.blocks.append(Table(headers, body, ["left"] * len(headers), chat))
        s.blocks.append(Note(c.t("crit.binding_only")))
    negative = checked.get("negative") or []
    if negative:
        s.blocks.append(Heading(c.t("crit.negative_hit")))
        s.blocks.append(negative_facts(c, negative))
    overall = {
        "pass": c.t("crit.overall_pass"),
        "fail": c.t("crit.overall_fail"),
        "unknown": c.t("crit.overall_unknown"),
        "review": c.t("crit.overall_review"),
    }.get(checked.get("verdict"))
    if overall and (body or negative):
        s.blocks.append(Note(overall))
    return s
