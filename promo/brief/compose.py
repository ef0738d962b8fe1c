"""Composing a brief: the sections a request calls for, in order and numbered, as one Document."""

from __future__ import annotations

from promo.brief.document import Document
from promo.brief.sections import after_signing, carriers, firms, lists, prospect, zone
from promo.brief.texts import section_number
from promo.brief.wording import Wording


def compose(data: dict) -> Document:
    """The Document for gathered content, in the request's language and for its audience."""
    return document(Wording(data))


def document(w: Wording) -> Document:
    """The sections the request's scope calls for, numbered, with the title, notices and footer."""
    req = w.req
    builders = {
        "zone": [zone.zone_section, zone.industries_section, carriers.carriers_section],
        "industry": [zone.zone_section, zone.chain_section, carriers.carriers_section],
        "carrier": [
            carriers.carrier_section,
            carriers.carrier_units_section,
            carriers.facilities_section,
            zone.zone_section,
        ],
        "prospect": [
            prospect.needs_section,
            prospect.matches_section,
            prospect.policies_for_section,
            prospect.check_section,
        ],
    }[req.scope]
    if req.scope == "prospect":
        builders += [zone.zone_section]
    else:
        builders += [lists.platforms_section, lists.policies_section, lists.criteria_section]
    if req.scope == "prospect":
        builders += [lists.platforms_section]
    builders += [firms.tenants_section]
    if req.publish_counts:
        builders += [after_signing.counts_section]
    if req.internal and req.scope != "prospect":
        builders += [firms.pipeline_section, firms.leads_section, after_signing.after_signing_section]
    builders += [zone.contact_section]

    sections = []
    for build in builders:
        section = build(w)
        if section is not None and section.blocks:
            section.key = build.__name__.removesuffix("_section")
            sections.append(section)
    if req.charts:
        from promo.brief.figures import add_charts

        add_charts(w, sections)
    for i, s in enumerate(sections, 1):
        s.title = section_number(i, w.lang) + s.title
    edition = w.t("edition.internal" if req.internal else "edition.public")
    return Document(
        lang=w.lang,
        title=title(w),
        subtitle=f"{w.t('dated', date=w.date(req.date))} · {edition}",
        banner=w.t("banner.internal") if req.internal else None,
        notice=w.t("notice.sample") if w.sample_seen else None,
        as_of=w.t("notice.earlier", date=w.date(req.date)) if w.data.get("earlier_than_today") else None,
        sections=sections,
        footer=w.t("footer", date=w.date(req.date)),
        salutation=salutation(w),
    )


def salutation(w: Wording) -> list[str]:
    """A proposal greets its reader by its own name (--for); other briefs greet no one."""
    reader = (w.data.get("prospect") or {}).get("reader")
    if not reader:
        return []
    zone = w.data["zone"]
    zone_name = w.name(zone["name"], zone.get("name_en"))
    intro = "salutation.intro" if w.data["prospect"].get("has_needs") else "salutation.intro_general"
    return [w.t("salutation", reader=w.v(reader)), w.t(intro, zone=zone_name)]


def title(w: Wording) -> str:
    """The brief's title: the zone, an industry of it, a carrier, or a prospect (by its public name)."""
    zone = w.data["zone"]
    zone_name = w.name(zone["name"], zone.get("name_en"))
    scope = w.req.scope
    if scope == "industry":
        node = w.data["industry"]["node"]
        return w.t("title.industry", zone=zone_name, industry=w.term(node["name"], node.get("name_en")))
    if scope == "carrier":
        c = w.data["carrier"]
        return w.t("title.carrier", carrier=w.name(c["name"], c.get("name_en")))
    if scope == "prospect":
        shown = w.data["prospect"].get("shown_name")
        if shown:
            return w.t("title.prospect", zone=zone_name, prospect=w.v(shown))
        return w.t("title.prospect_anonymous", zone=zone_name)
    return w.t("title.zone", zone=zone_name)
