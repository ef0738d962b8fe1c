"""Turning gathered content into a Document in one language: fixed texts, names, units, sample marks.

Catalogue text passes through Composer.v() (one line, no control characters, and in a public brief no
phone numbers, e-mail addresses, WeChat or QQ ids hidden in free text: promo.brief.redact); the office's
own contact is the exception, in its section and wherever a description quotes it.
"""

from __future__ import annotations

import unicodedata

from promo.brief import numbers as num
from promo.brief.document import Document, Facts, Heading, Items, Note, Paragraph, Section, Table
from promo.brief.redact import redact
from promo.brief.texts import SEEDED_EN, UNIT_EN, coded, section_number, t
from promo.countries import english_name
from promo.vocabulary import label as coded_label

SAMPLE_MARK = "※"

_INVISIBLE = {"Cc", "Cf", "Zl", "Zp"}  # control, format (incl. bidi overrides), line/paragraph separators


def one_line(text) -> str:
    """Catalogue text as one line: whitespace collapsed, control and bidi-format characters removed."""
    if text is None:
        return ""
    s = "".join(" " if unicodedata.category(ch) in _INVISIBLE else ch for ch in str(text))
    return " ".join(s.split())


class Composer:
    """Builds the Document for one request from the content gathered for it."""

    def __init__(self, data: dict):
        self.data = data
        self.req = data["request"]
        self.lang = self.req.lang
        self.public = not self.req.internal
        self.sample_seen = False
        self.rate = data.get("usd_rate")
        zone = data.get("zone") or {}
        self.office_contact = tuple(str(zone[k]) for k in ("office_phone", "office_email") if zone.get(k))

    # -- words and values ---------------------------------------------------------------------

    def t(self, key: str, **values) -> str:
        return t(key, self.lang, **values)

    def v(self, text) -> str:
        """A catalogue value made safe to show."""
        s = one_line(text)
        if self.public and s:
            s = redact(s, self.t("redacted"), keep=self.office_contact)
        return s

    def mark(self, text: str, sample) -> str:
        if sample:
            self.sample_seen = True
            return f"{text} {SAMPLE_MARK}" if text else SAMPLE_MARK
        return text

    def name(self, zh, en=None, sample=0) -> str:
        """A proper name: Chinese, and in English briefs the English name after it where there is one."""
        text = self.v(zh)
        if self.lang == "en" and en and one_line(en) != text:
            text = f"{text} ({self.v(en)})"
        return self.mark(text, sample)

    def term(self, zh, en=None, sample=0) -> str:
        """A common noun of the catalogue (an industry, a facility): one language, English where known."""
        text = self.v(en) if self.lang == "en" and en else self.v(zh)
        return self.mark(text, sample)

    def text(self, zh, en=None) -> str:
        """A description: the English one in English briefs where there is one (the data's, else the seeded
        text's translation in promo.brief.texts.SEEDED_EN)."""
        if self.lang == "en":
            en = en or SEEDED_EN.get(one_line(zh))
            if en:
                return self.v(en)
        return self.v(zh)

    def code(self, kind: str, value) -> str:
        """A coded catalogue value (stage, kind, status …) in the brief's language; unknown ones as entered."""
        return self.v(coded_label(kind, value, self.lang))

    def join(self, items) -> str:
        return self.t("sep.list").join(i for i in items if i)

    def date(self, iso) -> str:
        return num.date_text(iso, self.lang)

    def money(self, wan) -> str:
        return num.money_wan(wan, self.lang)

    def money_unit(self, values) -> str:
        """The one unit of a column of amounts (万元 unless all are 亿元 or more; CNY million/billion)."""
        return num.money_unit(values, self.lang)

    def headed(self, header: str, unit: str) -> str:
        """A column header with the unit of its amounts: 投资额（万元）, Investment (CNY million)."""
        return f"{header}{self.paren(num.money_label(unit))}"

    def stage(self, stage) -> str:
        return self.code("stage", stage)

    def ready(self, ready_date) -> str:
        if not ready_date or ready_date <= self.req.date:
            return self.t("unit.ready_now")
        return self.v(ready_date)

    def labelled(self, label: str, value: str) -> str:
        return f"{label}{self.t('sep.colon')}{value}"

    # -- the document -------------------------------------------------------------------------

    def document(self) -> Document:
        req = self.req
        builders = {
            "zone": [self.zone_section, self.industries_section, self.carriers_section],
            "industry": [self.zone_section, self.chain_section, self.carriers_section],
            "carrier": [self.carrier_section, self.carrier_units_section, self.facilities_section, self.zone_section],
            "prospect": [self.needs_section, self.matches_section, self.policies_for_section, self.check_section],
        }[req.scope]
        if req.scope == "prospect":
            builders += [self.zone_section]
        else:
            builders += [self.platforms_section, self.policies_section, self.criteria_section]
        if req.scope == "prospect":
            builders += [self.platforms_section]
        builders += [self.tenants_section]
        if req.internal and req.scope != "prospect":
            builders += [self.pipeline_section, self.leads_section]
        builders += [self.contact_section]

        sections = [s for s in (build() for build in builders) if s is not None and s.blocks]
        for i, s in enumerate(sections, 1):
            s.title = section_number(i, self.lang) + s.title
        edition = self.t("edition.internal" if req.internal else "edition.public")
        return Document(
            lang=self.lang,
            title=self.title(),
            subtitle=f"{self.t('dated', date=self.date(req.date))} · {edition}",
            banner=self.t("banner.internal") if req.internal else None,
            notice=self.t("notice.sample") if self.sample_seen else None,
            as_of=self.t("notice.earlier", date=self.date(req.date)) if self.data.get("earlier_than_today") else None,
            sections=sections,
            footer=self.t("footer", date=self.date(req.date)),
        )

    def title(self) -> str:
        zone = self.data["zone"]
        zone_name = self.name(zone["name"], zone.get("name_en"))
        scope = self.req.scope
        if scope == "industry":
            node = self.data["industry"]["node"]
            return self.t("title.industry", zone=zone_name, industry=self.term(node["name"], node.get("name_en")))
        if scope == "carrier":
            c = self.data["carrier"]
            return self.t("title.carrier", carrier=self.name(c["name"], c.get("name_en")))
        if scope == "prospect":
            shown = self.data["prospect"].get("shown_name")
            if shown:
                return self.t("title.prospect", zone=zone_name, prospect=self.v(shown))
            return self.t("title.prospect_anonymous", zone=zone_name)
        return self.t("title.zone", zone=zone_name)

    # -- the zone -----------------------------------------------------------------------------

    def zone_section(self) -> Section:
        z = self.data["zone"]
        s = Section(self.t("sec.zone"))
        facts = []
        if z.get("positioning"):
            facts.append((self.t("zone.positioning"), self.text(z["positioning"], z.get("positioning_en"))))
        if z.get("location"):
            facts.append((self.t("zone.location"), self.text(z["location"], z.get("location_en"))))
        if z.get("planned_area_km2"):
            km2 = z["planned_area_km2"]
            facts.append(
                (
                    self.t("zone.planned_area"),
                    self.t("zone.planned_area_value", km2=num.trim(km2), mi2=num.trim(km2 * num.SQMI_PER_KM2, 1)),
                )
            )
        if z.get("founded_year"):
            facts.append((self.t("zone.founded"), self.t("zone.founded_value", year=int(z["founded_year"]))))
        if facts:
            s.blocks.append(Facts(facts))
        figures = self.data["figures"]
        if figures:
            s.blocks.append(Heading(self.t("zone.figures")))
            body, chat = [], []
            for f in figures:
                label = self.term(f["label"], f.get("label_en"))
                value = num.figure_value(f["value"], self.v(f.get("unit")), self.v(f.get("unit_en")), self.lang)
                year = str(f["year"]) if f.get("year") else ""
                body.append([label, value, year])
                when = f" ({year})" if self.lang == "en" else f"（{year}年）"
                chat.append(self.labelled(label, value) + (when if year else ""))
            headers = [self.t("fig.label"), self.t("fig.value"), self.t("fig.year")]
            s.blocks.append(Table(headers, body, ["left", "right", "right"], chat))
            s.blocks.append(Note(self.t("fig.note")))
        return s

    def industries_section(self) -> Section:
        s = Section(self.t("sec.industries"))
        body, chat = [], []
        for ind in self.data.get("industries", []):
            name = self.term(ind["name"], ind.get("name_en"), ind["sample"])
            chains = self.join(self.term(c["name"], c.get("name_en"), c["sample"]) for c in ind["chains"])
            body.append([name, chains])
            chat.append(self.labelled(name, chains) if chains else name)
        if body:
            s.blocks.append(Table([self.t("ind.industry"), self.t("ind.chains")], body, ["left", "left"], chat))
        clusters = self.data.get("clusters", [])
        if clusters:
            s.blocks.append(Heading(self.t("ind.clusters")))
            if self.lang == "en" or self.req.fmt == "wechat":
                # clusters carry no English description, and a chat wants short lines: their names alone
                s.blocks.append(Items([self.term(c["name"], c.get("name_en")) for c in clusters]))
            else:
                s.blocks.append(Facts([(self.v(c["name"]), self.v(c.get("description"))) for c in clusters]))
        return s

    def chain_section(self) -> Section:
        tree = self.data["industry"]
        s = Section(self.t("sec.chain"))
        path = tree["path"][:-1]
        if path:
            arrow = " › "
            s.blocks.append(
                Paragraph(
                    self.labelled(self.t("ind.path"), arrow.join(self.term(a["name"], a["name_en"]) for a in path))
                )
            )
        body, chat, any_open, last_chain = [], [], False, None
        for link in tree["links"]:
            if link["level"] == "link":
                chain = self.term(link["parent"], link.get("parent_en"), link["parent_sample"])
                name = self.term(link["name"], link.get("name_en"), link["sample"])
            else:
                chain = self.term(link["name"], link.get("name_en"), link["sample"])
                name = self.t("dash")
            segment = self.code("segment", link["segment"])
            is_open = not link["firms"]
            any_open = any_open or is_open
            status = self.t("chain.open" if is_open else "chain.present")
            # the chain's name once per group keeps the table readable
            body.append([chain if chain != last_chain else "", name, segment, str(link["firms"]), status])
            last_chain = chain
            where = f"（{segment}）" if self.lang == "zh" and segment else (f" ({segment})" if segment else "")
            chat.append(self.labelled(f"{chain} · {name}{where}", status))
        if body:
            headers = [
                self.t("chain.chain"),
                self.t("chain.link"),
                self.t("chain.segment"),
                self.t("chain.firms"),
                self.t("chain.status"),
            ]
            s.blocks.append(Table(headers, body, ["left", "left", "left", "right", "left"], chat))
            if any_open:
                s.blocks.append(Note(self.t("chain.note")))
        return s

    # -- carriers and units -------------------------------------------------------------------

    def carriers_section(self) -> Section:
        data = self.data["carriers"]
        s = Section(self.t("sec.carriers"))
        en = self.lang == "en"
        body, chat = [], []
        for c in data["rows"]:
            # carriers are real; their unit-level figures may be sample data: the mark goes on the figure
            name = self.name(c["name"], c.get("name_en"))
            has_space = c["vacant_units"] > 0
            rent = num.rent_range(c["rent_min"], c["rent_max"]) if has_space else ""
            row = [
                name,
                self.code("carrier_kind", c["kind"]),
                self.join(self.term(i["name"], i.get("name_en")) for i in c["industries"]),
                num.area(c["total_area"]) if c["units"] else self.t("dash"),
                self.mark(num.area(c["vacant_area"]), c["units_sample"]) if has_space else self.t("dash"),
            ]
            if en:
                row.append(num.area_sqft(c["vacant_area"]) if has_space else self.t("dash"))
            row += [
                str(c["vacant_units"]) if c["units"] else self.t("dash"),
                rent or self.t("dash"),
                self.ready(c["ready_min"] or None) if has_space else self.t("dash"),
            ]
            body.append(row)
            if has_space:
                rent_text = self.t("car.chat_rent", rent=rent) if rent else ""
                line = self.t(
                    "car.chat",
                    carrier=name,
                    vacant=num.area(c["vacant_area"]),
                    vacant_ft=num.area_sqft(c["vacant_area"]),
                    units=c["vacant_units"],
                    rent=rent_text,
                )
                chat.append(self.mark(line, c["units_sample"]))
            else:
                chat.append(self.t("car.chat_full", carrier=name))
        if not body:
            return s
        headers = [
            self.t("car.carrier"),
            self.t("car.kind"),
            self.t("car.industries"),
            self.t("car.total_m2"),
            self.t("car.vacant_m2"),
        ]
        align = ["left", "left", "left", "right", "right"]
        if en:
            headers.append(self.t("car.vacant_ft2"))
            align.append("right")
        headers += [self.t("car.vacant_units"), self.t("car.rent"), self.t("car.ready")]
        align += ["right", "right", "left"]
        s.blocks.append(Table(headers, body, align, chat))
        if data["hidden_carriers"]:
            area = data["hidden_vacant_area"]
            s.blocks.append(
                Note(self.t("car.more", n=data["hidden_carriers"], area=num.area(area), area_ft=num.area_sqft(area)))
            )
            total = data["all_vacant_area"]
            s.blocks.append(
                Note(
                    self.t(
                        "car.total",
                        area=num.area(total),
                        area_ft=num.area_sqft(total),
                        units=f"{data['all_vacant_units']:,}",
                    )
                )
            )
        if any(c["units_sample"] and c["vacant_units"] for c in data["rows"]):
            s.blocks.append(Note(self.t("car.sample_note")))
        units = self.data.get("units") or {}
        if units.get("rows"):
            s.blocks.append(Heading(self.t("sec.units_selected")))
            s.blocks.extend(self.units_blocks(units, with_carrier=True))
        return s

    def units_blocks(self, units: dict, *, with_carrier: bool) -> list:
        """The vacant-units table, with sq ft, monthly and USD rents in English."""
        en = self.lang == "en"
        usd = en and bool(self.rate)
        headers, align = [], []
        if with_carrier:
            headers.append(self.t("car.carrier"))
            align.append("left")
        headers += [self.t("unit.unit"), self.t("unit.floor"), self.t("unit.area")]
        align += ["left", "left", "right"]
        if en:
            headers.append(self.t("unit.area_ft"))
            align.append("right")
        headers.append(self.t("unit.rent"))
        align.append("right")
        if en:
            headers.append(self.t("unit.rent_month"))
            align.append("right")
        if usd:
            headers.append(self.t("unit.rent_usd"))
            align.append("right")
        headers += [self.t("unit.load"), self.t("unit.facilities"), self.t("unit.ready")]
        align += ["right", "left", "left"]

        body, chat = [], []
        last_carrier = None
        for u in units["rows"]:
            carrier = self.name(u["carrier"], u.get("carrier_en"))
            code = self.mark(self.v(u["code"]), u["sample"])
            floor = ""
            if u["floor"] is not None:
                floor = self.t("unit.floor_value", building=self.v(u["building"]), floor=u["floor"])
                if not u["building"]:
                    floor = f"{u['floor']}F"
            row = []
            if with_carrier:
                # the carrier's name once per group keeps the table readable
                row.append(carrier if carrier != last_carrier else "")
                last_carrier = carrier
            row += [code, floor, num.area(u["area_m2"])]
            if en:
                row.append(num.area_sqft(u["area_m2"]))
            row.append(num.rent(u["rent"]))
            if en:
                row.append(num.rent_month(u["rent"]))
            if usd:
                row.append(num.rent_usd_sqft_year(u["rent"], self.rate))
            facilities = self.join(self.term(f["name"], f.get("name_en")) for f in u["facilities"])
            row += [
                num.trim(u["floor_load_kn"], 1) if u["floor_load_kn"] is not None else "",
                facilities,
                self.ready(u["ready_date"]),
            ]
            body.append(row)
            usd_text = ""
            if usd and u["rent"] is not None:
                usd_text = self.t("unit.chat_usd", usd=num.rent_usd_sqft_year(u["rent"], self.rate))
            chat.append(
                self.t(
                    "unit.chat",
                    carrier=(carrier + " ") if with_carrier else "",
                    unit=code,
                    area=num.area(u["area_m2"]),
                    area_ft=num.area_sqft(u["area_m2"]),
                    rent=num.rent(u["rent"]) or self.t("dash"),
                    month=num.rent_month(u["rent"]) or self.t("dash"),
                    usd=usd_text,
                    ready=self.ready(u["ready_date"]),
                    facilities=self.t("sep.comma") + facilities if facilities else "",
                )
            )
        blocks: list = [Table(headers, body, align, chat)]
        if units.get("hidden"):
            blocks.append(Note(self.t("unit.more", n=f"{units['hidden']:,}")))
        if en:
            note = self.t("unit.rent_note")
            if usd:
                when = (
                    self.t("unit.usd_when", date=self.v(self.data["usd_rate_date"]))
                    if self.data.get("usd_rate_date")
                    else ""
                )
                usd_note = self.t("unit.usd_note", rate=num.trim(self.rate, 4), when=when)
                note += self.mark(usd_note, self.data.get("usd_rate_sample"))
            blocks.append(Note(note))
        return blocks

    def carrier_section(self) -> Section:
        c = self.data["carrier"]
        s = Section(self.t("sec.carrier"))
        facts = [(self.t("car.kind"), self.code("carrier_kind", c["kind"]))]
        if c.get("status"):
            status = self.code("carrier_status", c["status"])
            facts.append((self.t("car.status"), status))
        if c.get("operator"):
            operator = c["operator"]
            facts.append((self.t("car.operator"), self.name(operator, c.get("operator_en") or SEEDED_EN.get(operator))))
        if c.get("address"):
            facts.append((self.t("car.address"), self.text(c["address"], c.get("address_en"))))
        if c["industries"]:
            facts.append(
                (self.t("car.industries"), self.join(self.term(i["name"], i.get("name_en")) for i in c["industries"]))
            )
        if c["units"]:
            occupancy = 1 - c["vacant_area"] / c["total_area"] if c["total_area"] else 0
            facts.append(
                (
                    self.t("car.area"),
                    self.mark(
                        self.t(
                            "car.area_value",
                            total=num.area(c["total_area"]),
                            total_ft=num.area_sqft(c["total_area"]),
                            vacant=num.area(c["vacant_area"]),
                            vacant_ft=num.area_sqft(c["vacant_area"]),
                            units=c["vacant_units"],
                            occ=f"{occupancy * 100:.0f}%",
                        ),
                        c["units_sample"],
                    ),
                )
            )
        about = self.text(c.get("description"), c.get("description_en"))
        if about:
            facts.append((self.t("car.about"), about))
        if self.req.internal and (c.get("contact_name") or c.get("contact_phone")):
            who = " ".join(x for x in (self.v(c.get("contact_name")), self.v(c.get("contact_phone"))) if x)
            facts.append((self.t("car.contact"), self.mark(who, c["sample"])))
        s.blocks.append(Facts(facts))
        return s

    def carrier_units_section(self) -> Section:
        s = Section(self.t("sec.units"))
        units = self.data["units"]
        if units["rows"]:
            s.blocks.extend(self.units_blocks(units, with_carrier=False))
        return s

    def facilities_section(self) -> Section:
        s = Section(self.t("sec.facilities"))
        items = [
            self.t("fac.item", name=self.term(f["name"], f.get("name_en")), units=f["units"], vacant=f["vacant"])
            for f in self.data.get("facilities", [])
        ]
        if items:
            s.blocks.append(Items(items))
        return s

    # -- platforms, policies, criteria --------------------------------------------------------

    def platforms_section(self) -> Section:
        s = Section(self.t("sec.platforms"))
        body, chat = [], []
        for p in self.data["platforms"]:
            name = self.name(p["name"], p.get("name_en"))
            level = self.code("policy_level", p["level"]) if p.get("level") else ""
            carrier = self.name(p["carrier"], p.get("carrier_en")) if p.get("carrier") else ""
            body.append([name, level, carrier, self.text(p.get("description"), p.get("description_en"))])
            chat.append(name + (f"（{level}）" if self.lang == "zh" and level else (f" ({level})" if level else "")))
        if body:
            headers = [self.t("plat.platform"), self.t("plat.level"), self.t("plat.carrier"), self.t("plat.about")]
            s.blocks.append(Table(headers, body, ["left"] * 4, chat))
        return s

    def validity(self, start, end) -> str:
        if start and end:
            return self.t("pol.valid_range", start=self.v(start), end=self.v(end))
        if start:
            return self.t("pol.valid_from", start=self.v(start))
        if end:
            return self.t("pol.valid_until", end=self.v(end))
        return ""

    def policy_kind(self, kind) -> str:
        return self.code("policy_kind", kind)

    def policies_section(self) -> Section:
        s = Section(self.t("sec.policies"))
        body, chat = [], []
        policies = self.data.get("policies", [])
        unit = self.money_unit(p.get("cap_wan") for p in policies)
        for p in policies:
            name = self.name(p["name"], p.get("name_en"), p["sample"])
            cap = num.money_in(p.get("cap_wan"), unit)
            valid = self.validity(p.get("start_date"), p.get("end_date"))
            body.append(
                [
                    name,
                    self.name(p.get("issuer"), p.get("issuer_en")) if p.get("issuer") else "",
                    self.policy_kind(p.get("kind")),
                    cap,
                    valid,
                    self.text(p.get("description"), p.get("description_en")),
                ]
            )
            cap_text = num.money_with(p.get("cap_wan"), unit)
            extra = self.t("sep.comma").join(x for x in (self.policy_kind(p.get("kind")), cap_text, valid) if x)
            chat.append(name + (self.paren(extra) if extra else ""))
        if body:
            headers = [
                self.t("pol.policy"),
                self.t("pol.issuer"),
                self.t("pol.kind"),
                self.headed(self.t("pol.cap"), unit),
                self.t("pol.valid"),
                self.t("pol.about"),
            ]
            s.blocks.append(Table(headers, body, ["left", "left", "left", "right", "left", "left"], chat))
        return s

    def paren(self, text: str) -> str:
        return f"（{text}）" if self.lang == "zh" else f" ({text})"

    def requirement(self, op, threshold, unit) -> str:
        sign = {">=": "≥", "<=": "≤"}.get(op, self.v(op))
        if self.lang == "en" and unit in ("万元", "万元/亩"):
            return f"{sign} {self.money(threshold)}" + ("/mu" if unit == "万元/亩" else "")
        unit_text = self.v(coded(UNIT_EN, unit, self.lang))
        if not unit_text:
            return f"{sign} {num.trim(threshold, 2)}"
        gap = "" if unit_text == "%" else " "
        return f"{sign} {num.trim(threshold, 2)}{gap}{unit_text}"

    def criteria_section(self) -> Section:
        s = Section(self.t("sec.criteria"))
        body, chat = [], []
        for k in self.data.get("criteria", []):
            name = self.term(k["name"], k.get("name_en"), k["sample"])
            req = self.requirement(k["op"], k["threshold"], k.get("unit"))
            if k.get("carrier"):
                scope = self.name(k["carrier"], k.get("carrier_en"))
            elif k.get("industry"):
                scope = self.term(k["industry"], k.get("industry_en"))
            else:
                scope = self.t("crit.scope_zone")
            body.append([name, req, scope])
            chat.append(self.labelled(name, req) + self.paren(scope))
        if body:
            headers = [self.t("crit.criterion"), self.t("crit.requirement"), self.t("crit.scope")]
            s.blocks.append(Table(headers, body, ["left", "left", "left"], chat))
        negative = self.data.get("negative", [])
        if negative:
            s.blocks.append(Heading(self.t("crit.negative")))
            s.blocks.append(self.negative_facts(negative))
        return s

    def negative_facts(self, items: list[dict]) -> Facts:
        """Negative-list items as 禁止类/限制类: item."""
        return Facts(
            [
                (
                    self.t(f"neg.{n['kind']}") if n["kind"] in ("禁止", "限制") else self.v(n["kind"]),
                    self.mark(self.text(n["item"], n.get("item_en")), n.get("sample")),
                )
                for n in items
            ]
        )

    # -- tenants, pipeline, leads -------------------------------------------------------------

    def firm_name(self, e: dict) -> str:
        name = self.name(e["name"], e.get("name_en"))
        country = e.get("country")
        if country and country != "中国":
            shown = self.v(english_name(country) if self.lang == "en" else country)
            name += self.paren(shown)
        return self.mark(name, e["sample"])

    def tenants_section(self) -> Section:
        data = self.data["tenants"]
        s = Section(self.t("sec.tenants"))
        internal = self.req.internal
        unit = self.money_unit(e.get("investment_wan") for e in data["rows"])
        body, chat = [], []
        for e in data["rows"]:
            name = self.firm_name(e)
            industry = self.term(e.get("industry"), e.get("industry_en")) if e.get("industry") else ""
            carrier = self.name(e["carrier"], e.get("carrier_en")) if e.get("carrier") else ""
            since = self.v((e.get("stage_date") or "")[:4])
            row = [name, industry, carrier, self.stage(e["stage"]), since]
            if internal:
                row += [
                    num.money_in(e.get("investment_wan"), unit),
                    f"{e['jobs']:,}" if e.get("jobs") is not None else "",
                ]
            body.append(row)
            where = self.t("sep.comma").join(x for x in (carrier, self.stage(e["stage"])) if x)
            chat.append(name + self.paren(where))
        if not body:
            return s
        headers = [
            self.t("ten.name"),
            self.t("ten.industry"),
            self.t("ten.carrier"),
            self.t("ten.stage"),
            self.t("ten.since"),
        ]
        align = ["left", "left", "left", "left", "right"]
        if internal:
            headers += [self.headed(self.t("ten.investment"), unit), self.t("ten.jobs")]
            align += ["right", "right"]
        s.blocks.append(Table(headers, body, align, chat))
        s.blocks.append(Note(self.t("ten.count", n=f"{data['count']:,}")))
        return s

    def pipeline_section(self) -> Section:
        s = Section(self.t("sec.pipeline"))
        stages = self.data.get("pipeline", [])
        if not stages:
            return s
        # the total is an exact decimal sum of the stages' sums, rounded once when shown
        total = {
            "firms": sum(p["firms"] for p in stages),
            "sample": sum(p["sample"] or 0 for p in stages),
            "investment_wan": num.total_wan(p["investment_wan"] for p in stages),
            "jobs": sum(p["jobs"] or 0 for p in stages),
        }
        unit = self.money_unit([*(p["investment_wan"] for p in stages), total["investment_wan"]])
        body, chat = [], []
        for p in stages:
            body.append(
                [
                    self.stage(p["stage"]),
                    f"{p['firms']:,}",
                    f"{p['sample']:,}",
                    num.money_in(p["investment_wan"], unit),
                    f"{p['jobs']:,}" if p["jobs"] is not None else "",
                ]
            )
            chat.append(self.labelled(self.stage(p["stage"]), f"{p['firms']:,}"))
        body.append(
            [
                self.t("pipe.total"),
                f"{total['firms']:,}",
                f"{total['sample']:,}",
                num.money_in(total["investment_wan"], unit),
                f"{total['jobs']:,}",
            ]
        )
        headers = [
            self.t("pipe.stage"),
            self.t("pipe.count"),
            self.t("pipe.sample"),
            self.headed(self.t("pipe.investment"), unit),
            self.t("pipe.jobs"),
        ]
        s.blocks.append(Table(headers, body, ["left", "right", "right", "right", "right"], chat))
        return s

    def leads_section(self) -> Section:
        data = self.data.get("leads") or {"rows": [], "count": 0}
        s = Section(self.t("sec.leads"))
        unit = self.money_unit(e.get("investment_wan") for e in data["rows"])
        body, chat = [], []
        for e in data["rows"]:
            name = self.mark(self.name(e["name"], e.get("name_en")), e["sample"])
            contact = " ".join(x for x in (self.v(e.get("contact")), self.v(e.get("phone"))) if x)
            row = [
                name,
                self.v(e.get("code_name")),
                self.stage(e["stage"]),
                self.v(e.get("stage_date")),
                self.term(e.get("industry"), e.get("industry_en")) if e.get("industry") else "",
                num.money_in(e.get("investment_wan"), unit),
                self.v(e.get("owner")),
                contact,
                self.code("channel", e.get("source_channel")),
                self.v(e.get("note")),
            ]
            body.append(row)
            said = [*row[1:5], num.money_with(e.get("investment_wan"), unit), *row[6:8]]
            chat.append(self.labelled(name, self.t("sep.comma").join(x for x in said if x)))
        if body:
            headers = [
                self.t("lead.name"),
                self.t("lead.code"),
                self.t("lead.stage"),
                self.t("lead.date"),
                self.t("lead.industry"),
                self.headed(self.t("lead.investment"), unit),
                self.t("lead.owner"),
                self.t("lead.contact"),
                self.t("lead.channel"),
                self.t("lead.note"),
            ]
            align = ["left"] * 5 + ["right"] + ["left"] * 4
            s.blocks.append(Table(headers, body, align, chat))
            s.blocks.append(Note(self.t("lead.count", n=f"{data['count']:,}")))
        return s

    # -- contact ------------------------------------------------------------------------------

    def contact_section(self) -> Section:
        z = self.data["zone"]
        s = Section(self.t("sec.contact"))
        # the office's own contact is meant to be shown: not redacted, but still one clean line each
        facts = []
        if z.get("office_name"):
            office = one_line(z["office_name_en"]) if self.lang == "en" and z.get("office_name_en") else None
            facts.append((self.t("con.office"), self.mark(office or one_line(z["office_name"]), z["office_sample"])))
        for key, label in (("office_phone", "con.phone"), ("office_email", "con.email")):
            if z.get(key):
                facts.append((self.t(label), self.mark(one_line(z[key]), z["office_sample"])))
        if z.get("office_address"):
            address = one_line(z["office_address"])
            if self.lang == "en":
                address = one_line(z.get("office_address_en") or SEEDED_EN.get(address) or address)
            facts.append((self.t("con.address"), self.mark(address, z["office_sample"])))
        if facts:
            s.blocks.append(Facts(facts))
        return s

    # the prospect's sections live in promo.brief.prospect, imported only for a --for brief (it loads matching)
    def needs_section(self) -> Section | None:
        from promo.brief.prospect import needs_section

        return needs_section(self)

    def matches_section(self) -> Section | None:
        from promo.brief.prospect import matches_section

        return matches_section(self)

    def policies_for_section(self) -> Section | None:
        from promo.brief.prospect import policies_for_section

        return policies_for_section(self)

    def check_section(self) -> Section | None:
        from promo.brief.prospect import check_section

        return check_section(self)


def compose(data: dict) -> Document:
    """The Document for gathered content, in the request's language and for its audience."""
    return Composer(data).document()
