"""Platforms, policies in force, access criteria and the negative list."""

from __future__ import annotations

from promo.brief import numbers as num
from promo.brief.document import Facts, Heading, Section, Table
from promo.brief.wording import Wording


def platforms_section(w: Wording) -> Section:
    s = Section(w.t("sec.platforms"))
    body, chat = [], []
    for p in w.data["platforms"]:
        name = w.name(p["name"], p.get("name_en"))
        level = w.code("policy_level", p["level"]) if p.get("level") else ""
        carrier = w.name(p["carrier"], p.get("carrier_en")) if p.get("carrier") else ""
        body.append([name, level, carrier, w.text(p.get("description"), p.get("description_en"))])
        chat.append(name + (f"（{level}）" if w.lang == "zh" and level else (f" ({level})" if level else "")))
    if body:
        headers = [w.t("plat.platform"), w.t("plat.level"), w.t("plat.carrier"), w.t("plat.about")]
        s.blocks.append(Table(headers, body, ["left"] * 4, chat))
    return s


def policies_section(w: Wording) -> Section:
    s = Section(w.t("sec.policies"))
    body, chat = [], []
    policies = w.data.get("policies", [])
    unit = w.money_unit(p.get("cap_wan") for p in policies)
    for p in policies:
        name = w.name(p["name"], p.get("name_en"), p["sample"])
        cap = num.money_in(p.get("cap_wan"), unit)
        valid = w.validity(p.get("start_date"), p.get("end_date"))
        body.append(
            [
                name,
                w.name(p.get("issuer"), p.get("issuer_en")) if p.get("issuer") else "",
                w.policy_kind(p.get("kind")),
                cap,
                valid,
                w.text(p.get("description"), p.get("description_en")),
            ]
        )
        cap_text = num.money_with(p.get("cap_wan"), unit)
        extra = w.t("sep.comma").join(x for x in (w.policy_kind(p.get("kind")), cap_text, valid) if x)
        chat.append(name + (w.paren(extra) if extra else ""))
    if body:
        headers = [
            w.t("pol.policy"),
            w.t("pol.issuer"),
            w.t("pol.kind"),
            w.headed(w.t("pol.cap"), unit),
            w.t("pol.valid"),
            w.t("pol.about"),
        ]
        s.blocks.append(Table(headers, body, ["left", "left", "left", "right", "left", "left"], chat))
    return s


def criteria_section(w: Wording) -> Section:
    s = Section(w.t("sec.criteria"))
    body, chat = [], []
    for k in w.data.get("criteria", []):
        name = w.term(k["name"], k.get("name_en"), k["sample"])
        req = w.requirement(k["op"], k["threshold"], k.get("unit"))
        if k.get("carrier"):
            scope = w.name(k["carrier"], k.get("carrier_en"))
        elif k.get("industry"):
            scope = w.term(k["industry"], k.get("industry_en"))
        else:
            scope = w.t("crit.scope_zone")
        body.append([name, req, scope])
        chat.append(w.labelled(name, req) + w.paren(scope))
    if body:
        headers = [w.t("crit.criterion"), w.t("crit.requirement"), w.t("crit.scope")]
        s.blocks.append(Table(headers, body, ["left", "left", "left"], chat))
    negative = w.data.get("negative", [])
    if negative:
        s.blocks.append(Heading(w.t("crit.negative")))
        s.blocks.append(negative_facts(w, negative))
    return s


def negative_facts(w: Wording, items: list[dict]) -> Facts:
    """Negative-list items as 禁止类/限制类: item."""
    return Facts(
        [
            (
                w.t(f"neg.{n['kind']}") if n["kind"] in ("禁止", "限制") else w.v(n["kind"]),
                w.mark(w.text(n["item"], n.get("item_en")), n.get("sample")),
            )
            for n in items
        ]
    )
