"""The zone: its profile and figures, leading industries and clusters, an industry's chain, the office's contact."""

from __future__ import annotations

from promo.brief import numbers as num
from promo.brief.document import Facts, Heading, Items, Note, Paragraph, Section, Table
from promo.brief.texts import SEEDED_EN
from promo.brief.wording import Wording, one_line
from promo.edit.zone import is_sample


def zone_section(w: Wording) -> Section:
    z = w.data["zone"]
    s = Section(w.t("sec.zone"))
    facts = []
    if z.get("positioning"):
        facts.append((w.t("zone.positioning"), w.text(z["positioning"], z.get("positioning_en"))))
    if z.get("location"):
        facts.append((w.t("zone.location"), w.text(z["location"], z.get("location_en"))))
    if z.get("planned_area_km2"):
        km2 = z["planned_area_km2"]
        facts.append(
            (
                w.t("zone.planned_area"),
                w.t("zone.planned_area_value", km2=num.trim(km2), mi2=num.trim(km2 * num.SQMI_PER_KM2, 1)),
            )
        )
    if z.get("founded_year"):
        facts.append((w.t("zone.founded"), w.t("zone.founded_value", year=int(z["founded_year"]))))
    if facts:
        s.blocks.append(Facts(facts))
    figures = w.data["figures"]
    if figures:
        s.blocks.append(Heading(w.t("zone.figures")))
        body, chat = [], []
        for f in figures:
            label = w.term(f["label"], f.get("label_en"))
            value = num.figure_value(f["value"], w.v(f.get("unit")), w.v(f.get("unit_en")), w.lang)
            year = str(f["year"]) if f.get("year") else ""
            body.append([label, value, year])
            when = f" ({year})" if w.lang == "en" else f"（{year}年）"
            chat.append(w.labelled(label, value) + (when if year else ""))
        headers = [w.t("fig.label"), w.t("fig.value"), w.t("fig.year")]
        s.blocks.append(Table(headers, body, ["left", "right", "right"], chat))
        s.blocks.append(Note(w.t("fig.note")))
    return s


def industries_section(w: Wording) -> Section:
    s = Section(w.t("sec.industries"))
    body, chat = [], []
    for ind in w.data.get("industries", []):
        name = w.term(ind["name"], ind.get("name_en"), ind["sample"])
        chains = w.join(w.term(c["name"], c.get("name_en"), c["sample"]) for c in ind["chains"])
        body.append([name, chains])
        chat.append(w.labelled(name, chains) if chains else name)
    if body:
        s.blocks.append(Table([w.t("ind.industry"), w.t("ind.chains")], body, ["left", "left"], chat))
    clusters = w.data.get("clusters", [])
    if clusters:
        s.blocks.append(Heading(w.t("ind.clusters")))
        if w.lang == "en" or w.req.fmt == "wechat":
            # clusters carry no English description, and a chat wants short lines: their names alone
            s.blocks.append(Items([w.term(c["name"], c.get("name_en")) for c in clusters]))
        else:
            s.blocks.append(Facts([(w.v(c["name"]), w.v(c.get("description"))) for c in clusters]))
    return s


def chain_section(w: Wording) -> Section:
    tree = w.data["industry"]
    s = Section(w.t("sec.chain"))
    path = tree["path"][:-1]
    if path:
        arrow = " › "
        s.blocks.append(
            Paragraph(w.labelled(w.t("ind.path"), arrow.join(w.term(a["name"], a["name_en"]) for a in path)))
        )
    body, chat, any_open, last_chain = [], [], False, None
    for link in tree["links"]:
        if link["level"] == "link":
            chain = w.term(link["parent"], link.get("parent_en"), link["parent_sample"])
            name = w.term(link["name"], link.get("name_en"), link["sample"])
        else:
            chain = w.term(link["name"], link.get("name_en"), link["sample"])
            name = w.t("dash")
        segment = w.code("segment", link["segment"])
        is_open = not link["firms"]
        any_open = any_open or is_open
        status = w.t("chain.open" if is_open else "chain.present")
        # the chain's name once per group keeps the table readable
        body.append([chain if chain != last_chain else "", name, segment, str(link["firms"]), status])
        last_chain = chain
        where = f"（{segment}）" if w.lang == "zh" and segment else (f" ({segment})" if segment else "")
        chat.append(w.labelled(f"{chain} · {name}{where}", status))
    if body:
        headers = [
            w.t("chain.chain"),
            w.t("chain.link"),
            w.t("chain.segment"),
            w.t("chain.firms"),
            w.t("chain.status"),
        ]
        s.blocks.append(Table(headers, body, ["left", "left", "left", "right", "left"], chat))
        if any_open:
            s.blocks.append(Note(w.t("chain.note")))
    return s


def contact_section(w: Wording) -> Section:
    z = w.data["zone"]
    s = Section(w.t("sec.contact"))
    # the office's own contact is meant to be shown: not redacted, but still one clean line each
    facts = []
    if z.get("office_name"):
        office = one_line(z["office_name_en"]) if w.lang == "en" and z.get("office_name_en") else None
        facts.append((w.t("con.office"), w.mark(office or one_line(z["office_name"]), is_sample(z, "office_name"))))
    for key, label in (("office_phone", "con.phone"), ("office_email", "con.email")):
        if z.get(key):
            facts.append((w.t(label), w.mark(one_line(z[key]), is_sample(z, key))))
    if z.get("office_address"):
        address = one_line(z["office_address"])
        if w.lang == "en":
            address = one_line(z.get("office_address_en") or SEEDED_EN.get(address) or address)
        facts.append((w.t("con.address"), w.mark(address, is_sample(z, "office_address"))))
    if facts:
        s.blocks.append(Facts(facts))
    return s
