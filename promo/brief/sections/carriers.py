"""Carriers and their units: the carriers table, units per carrier, one carrier in detail, its facilities."""

from __future__ import annotations

from promo import measures
from promo.brief import numbers as num
from promo.brief.document import Facts, Heading, Items, Note, Section, Table
from promo.brief.texts import SEEDED_EN
from promo.brief.wording import Wording


def carriers_section(w: Wording) -> Section:
    data = w.data["carriers"]
    s = Section(w.t("sec.carriers"))
    en = w.lang == "en"
    body, chat = [], []
    for c in data["rows"]:
        # carriers are real; their unit-level figures may be sample data: the mark goes on the figure
        name = w.name(c["name"], c.get("name_en"))
        has_space = c["vacant_units"] > 0
        rent = num.rent_range(c["rent_min"], c["rent_max"]) if has_space else ""
        row = [
            name,
            w.code("carrier_kind", c["kind"]),
            w.join(w.term(i["name"], i.get("name_en")) for i in c["industries"]),
            num.area(c["total_area_m2"]) if c["units"] else w.t("dash"),
            w.mark(num.area(c["vacant_area_m2"]), c["units_sample"]) if has_space else w.t("dash"),
        ]
        if en:
            row.append(num.area_sqft(c["vacant_area_m2"]) if has_space else w.t("dash"))
        row += [
            str(c["vacant_units"]) if c["units"] else w.t("dash"),
            rent or w.t("dash"),
            w.ready(c["ready_min"] or None) if has_space else w.t("dash"),
        ]
        body.append(row)
        if has_space:
            rent_text = w.t("car.chat_rent", rent=rent) if rent else ""
            line = w.t(
                "car.chat",
                carrier=name,
                vacant=num.area(c["vacant_area_m2"]),
                vacant_ft=num.area_sqft(c["vacant_area_m2"]),
                units=c["vacant_units"],
                rent=rent_text,
            )
            chat.append(w.mark(line, c["units_sample"]))
        else:
            chat.append(w.t("car.chat_full", carrier=name))
    if not body:
        return s
    headers = [
        w.t("car.carrier"),
        w.t("car.kind"),
        w.t("car.industries"),
        w.t("car.total_m2"),
        w.t("car.vacant_m2"),
    ]
    align = ["left", "left", "left", "right", "right"]
    if en:
        headers.append(w.t("car.vacant_ft2"))
        align.append("right")
    headers += [w.t("car.vacant_units"), w.t("car.rent"), w.t("car.ready")]
    align += ["right", "right", "left"]
    s.blocks.append(Table(headers, body, align, chat))
    if data["hidden_carriers"]:
        area = data["hidden_vacant_area"]
        s.blocks.append(
            Note(w.t("car.more", n=data["hidden_carriers"], area=num.area(area), area_ft=num.area_sqft(area)))
        )
        total = data["all_vacant_area"]
        s.blocks.append(
            Note(
                w.t(
                    "car.total",
                    area=num.area(total),
                    area_ft=num.area_sqft(total),
                    units=f"{data['all_vacant_units']:,}",
                )
            )
        )
    if any(c["units_sample"] and c["vacant_units"] for c in data["rows"]):
        s.blocks.append(Note(w.t("car.sample_note")))
    units = w.data.get("units") or {}
    if units.get("rows"):
        s.blocks.append(Heading(w.t("sec.units_selected")))
        s.blocks.extend(units_blocks(w, units, with_carrier=True))
    return s


def units_blocks(w: Wording, units: dict, *, with_carrier: bool) -> list:
    """The vacant-units table, with sq ft, monthly and USD rents in English."""
    en = w.lang == "en"
    usd = en and bool(w.rate)
    headers, align = [], []
    if with_carrier:
        headers.append(w.t("car.carrier"))
        align.append("left")
    headers += [w.t("unit.unit"), w.t("unit.floor"), w.t("unit.area")]
    align += ["left", "left", "right"]
    if en:
        headers.append(w.t("unit.area_ft"))
        align.append("right")
    headers.append(w.t("unit.rent"))
    align.append("right")
    if en:
        headers.append(w.t("unit.rent_month"))
        align.append("right")
    if usd:
        headers.append(w.t("unit.rent_usd"))
        align.append("right")
    headers += [w.t("unit.load"), w.t("unit.facilities"), w.t("unit.ready")]
    align += ["right", "left", "left"]

    body, chat = [], []
    last_carrier = None
    for u in units["rows"]:
        carrier = w.name(u["carrier"], u.get("carrier_en"))
        code = w.mark(w.v(u["code"]), u["sample"])
        floor = ""
        if u["floor"] is not None:
            floor = w.t("unit.floor_value", building=w.v(u["building"]), floor=u["floor"])
            if not u["building"]:
                floor = f"{u['floor']}F"
        row = []
        if with_carrier:
            # the carrier's name once per group keeps the table readable
            row.append(carrier if carrier != last_carrier else "")
            last_carrier = carrier
        land = u.get("kind") == "land"  # land is offered in 亩: shown both ways
        row += [code, floor, measures.land_area_text(u["area_m2"], w.lang) if land else num.area(u["area_m2"])]
        if en:
            row.append(num.area_sqft(u["area_m2"]))
        row.append(num.rent(u["rent"]))
        if en:
            row.append(measures.rent_month_text(u["rent"]))
        if usd:
            row.append(num.rent_usd_sqft_year(u["rent"], w.rate))
        facilities = w.join(w.term(f["name"], f.get("name_en")) for f in u["facilities"])
        row += [
            num.trim(u["floor_load_kn"], 1) if u["floor_load_kn"] is not None else "",
            facilities,
            w.ready(u["ready_date"]),
        ]
        body.append(row)
        usd_text = ""
        if usd and u["rent"] is not None:
            usd_text = w.t("unit.chat_usd", usd=num.rent_usd_sqft_year(u["rent"], w.rate))
        chat.append(
            w.t(
                "unit.chat",
                carrier=(carrier + " ") if with_carrier else "",
                unit=code,
                area=num.area(u["area_m2"]),
                mu=measures.mu_note(u["area_m2"], w.lang) if land else "",
                area_ft=num.area_sqft(u["area_m2"]),
                rent=num.rent(u["rent"]) or w.t("dash"),
                month=measures.rent_month_text(u["rent"]) or w.t("dash"),
                usd=usd_text,
                ready=w.ready(u["ready_date"]),
                facilities=w.t("sep.comma") + facilities if facilities else "",
            )
        )
    blocks: list = [Table(headers, body, align, chat)]
    if units.get("hidden"):
        blocks.append(Note(w.t("unit.more", n=f"{units['hidden']:,}")))
    if en:
        note = w.t("unit.rent_note")
        if usd:
            when = w.t("unit.usd_when", date=w.v(w.data["usd_rate_date"])) if w.data.get("usd_rate_date") else ""
            usd_note = w.t("unit.usd_note", rate=num.trim(w.rate, 4), when=when)
            note += w.mark(usd_note, w.data.get("usd_rate_sample"))
        blocks.append(Note(note))
    return blocks


def carrier_section(w: Wording) -> Section:
    c = w.data["carrier"]
    s = Section(w.t("sec.carrier"))
    facts = [(w.t("car.kind"), w.code("carrier_kind", c["kind"]))]
    if c.get("status"):
        status = w.code("carrier_status", c["status"])
        facts.append((w.t("car.status"), status))
    if c.get("operator"):
        operator = c["operator"]
        facts.append((w.t("car.operator"), w.name(operator, c.get("operator_en") or SEEDED_EN.get(operator))))
    if c.get("address"):
        facts.append((w.t("car.address"), w.text(c["address"], c.get("address_en"))))
    if c["industries"]:
        facts.append((w.t("car.industries"), w.join(w.term(i["name"], i.get("name_en")) for i in c["industries"])))
    if c["units"]:
        occupancy = c["occupancy"] or 0  # 出租率 as `promo carriers` has it: leased or reserved
        facts.append(
            (
                w.t("car.area"),
                w.mark(
                    w.t(
                        "car.area_value",
                        total=num.area(c["total_area_m2"]),
                        total_ft=num.area_sqft(c["total_area_m2"]),
                        vacant=num.area(c["vacant_area_m2"]),
                        vacant_ft=num.area_sqft(c["vacant_area_m2"]),
                        units=c["vacant_units"],
                        occ=f"{occupancy * 100:.0f}%",
                    ),
                    c["units_sample"],
                ),
            )
        )
    about = w.text(c.get("description"), c.get("description_en"))
    if about:
        facts.append((w.t("car.about"), about))
    if w.req.internal and (c.get("contact_name") or c.get("contact_phone")):
        who = " ".join(x for x in (w.v(c.get("contact_name")), w.v(c.get("contact_phone"))) if x)
        facts.append((w.t("car.contact"), w.mark(who, c.get("contact_sample", c["sample"]))))
    s.blocks.append(Facts(facts))
    return s


def carrier_units_section(w: Wording) -> Section:
    s = Section(w.t("sec.units"))
    units = w.data["units"]
    if units["rows"]:
        s.blocks.extend(units_blocks(w, units, with_carrier=False))
    return s


def facilities_section(w: Wording) -> Section:
    s = Section(w.t("sec.facilities"))
    items = [
        w.t("fac.item", name=w.term(f["name"], f.get("name_en")), units=f["units"], vacant=f["vacant_units"])
        for f in w.data.get("facilities", [])
    ]
    if items:
        s.blocks.append(Items(items))
    return s
