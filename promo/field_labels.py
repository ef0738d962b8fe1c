"""What each stored field is called in the officer's words, and how its value is shown (names, not ids).

The change journal, `promo log` and the success lines of `update` commands name fields through here:
投资额 7,000 → 6,500 万元, 载体 精准医学产业园 → 无 — never investment_wan or carrier_id.
"""

from __future__ import annotations

import sqlite3

from promo.i18n import N_, _, translations

# column → (label, kind); kind: text, money (万元), area (㎡), rent (元/㎡·天), mu (亩), load (kN/㎡),
# flag (yes/no), or ref:<table> (a row of that table, shown by its name)
FIELDS: dict[str, tuple[str, str]] = {
    "actual_date": (N_("actual date"), "text"),
    "address": (N_("address"), "text"),
    "aliases": (N_("aliases"), "text"),
    "approved_by": (N_("approved by"), "text"),
    "approved_on": (N_("approved on"), "text"),
    "area_m2": (N_("area"), "area"),
    "arrived_wan": (N_("capital arrived"), "money"),
    "asked_date": (N_("date applied"), "text"),
    "available_by": (N_("available by"), "text"),
    "building": (N_("building"), "text"),
    "business": (N_("business"), "text"),
    "cap_wan": (N_("cap"), "money"),
    "carrier_id": (N_("carrier"), "ref:carriers"),
    "carriers": (N_("carriers"), "text"),
    "ceiling_m": (N_("clear height"), "metres"),
    "closed_date": (N_("date solved"), "text"),
    "code": (N_("code"), "text"),
    "code_name": (N_("code name"), "text"),
    "completed_investment_wan": (N_("investment completed"), "money"),
    "contact": (N_("contact"), "text"),
    "contact_name": (N_("contact"), "text"),
    "contact_phone": (N_("contact phone"), "text"),
    "countries": (N_("countries"), "text"),
    "country": (N_("country"), "text"),
    "created_at": (N_("created"), "text"),
    "criterion_id": (N_("criterion"), "ref:criteria"),
    "date": (N_("date"), "text"),
    "days": (N_("deadline"), "days"),
    "deadline": (N_("deadline"), "text"),
    "department_id": (N_("department"), "ref:departments"),
    "description": (N_("description"), "text"),
    "description_en": (N_("English description"), "text"),
    "doc_no": (N_("document number"), "text"),
    "done_date": (N_("date done"), "text"),
    "due_date": (N_("due date"), "text"),
    "end_date": (N_("end date"), "text"),
    "enterprise_id": (N_("enterprise"), "ref:enterprises"),
    "enterprise_key": (N_("enterprise key"), "text"),
    "enterprise_kinds": (N_("enterprise kinds"), "text"),
    "event_id": (N_("event"), "ref:events"),
    "facilities": (N_("facilities"), "text"),
    "facility_id": (N_("facility"), "ref:facilities"),
    "floor": (N_("floor"), "text"),
    "floor_load_kn": (N_("floor load"), "load"),
    "floor_m2": (N_("floor area"), "area"),
    "founded_year": (N_("year founded"), "text"),
    "industries": (N_("industries"), "text"),
    "industry_code": (N_("industry"), "text"),
    "industry_id": (N_("industry"), "ref:industries"),
    "intensity_wan_mu": (N_("investment intensity"), "per_mu"),
    "investment_wan": (N_("investment"), "money"),
    "issue": (N_("issue"), "text"),
    "issuer": (N_("issuer"), "text"),
    "issuer_en": (N_("English issuer"), "text"),
    "item": (N_("item"), "text"),
    "jobs": (N_("jobs"), "text"),
    "jobs_created": (N_("jobs created"), "text"),
    "key": (N_("key"), "text"),
    "keywords": (N_("keywords"), "text"),
    "kind": (N_("kind"), "text"),
    "label": (N_("label"), "text"),
    "label_en": (N_("English label"), "text"),
    "land_mu": (N_("land"), "mu"),
    "last_match_units": (N_("units at the last match"), "text"),
    "last_matched_at": (N_("last match"), "text"),
    "lat": (N_("latitude"), "text"),
    "leader": (N_("leader"), "text"),
    "lease_end": (N_("lease end"), "text"),
    "lease_start": (N_("lease start"), "text"),
    "level": (N_("level"), "text"),
    "link_id": (N_("chain link"), "ref:industries"),
    "location": (N_("location"), "text"),
    "location_en": (N_("English location"), "text"),
    "lon": (N_("longitude"), "text"),
    "matched_at": (N_("matched at"), "text"),
    "max_area": (N_("largest area"), "area"),
    "max_rent": (N_("highest rent"), "rent"),
    "measure": (N_("measure"), "text"),
    "metric": (N_("metric"), "text"),
    "milestone": (N_("milestone"), "text"),
    "min_area": (N_("smallest area"), "area"),
    "min_floor_load": (N_("lowest floor load"), "load"),
    "min_investment_wan": (N_("minimum investment"), "money"),
    "min_jobs": (N_("minimum jobs"), "text"),
    "name": (N_("name"), "text"),
    "name_en": (N_("English name"), "text"),
    "need": (N_("need"), "text"),
    "next_date": (N_("next follow-up"), "text"),
    "note": (N_("note"), "text"),
    "office_address": (N_("office address"), "text"),
    "office_address_en": (N_("English office address"), "text"),
    "office_email": (N_("office e-mail"), "text"),
    "office_name": (N_("office"), "text"),
    "office_name_en": (N_("English office name"), "text"),
    "office_phone": (N_("office phone"), "text"),
    "office_sample": (N_("office details are sample"), "flag"),
    "officer": (N_("officer"), "text"),
    "op": (N_("comparison"), "text"),
    "operator": (N_("operator"), "text"),
    "organiser": (N_("organiser"), "text"),
    "output_wan": (N_("output"), "money"),
    "owner": (N_("owner"), "text"),
    "owner_kind": (N_("owner kind"), "text"),
    "owner_since": (N_("claim since"), "text"),
    "parent_id": (N_("under"), "ref:industries"),
    "phone": (N_("phone"), "text"),
    "place": (N_("place"), "text"),
    "planned_area_km2": (N_("planned area"), "text"),
    "planned_date": (N_("planned date"), "text"),
    "plot_ratio": (N_("plot ratio"), "text"),
    "policy_id": (N_("policy"), "ref:policies"),
    "positioning": (N_("positioning"), "text"),
    "positioning_en": (N_("English positioning"), "text"),
    "priority": (N_("priority"), "text"),
    "published": (N_("published"), "text"),
    "quarter": (N_("quarter"), "quarter"),
    "raised_date": (N_("date raised"), "text"),
    "rate": (N_("rate"), "text"),
    "rate_basis": (N_("rate basis"), "text"),
    "rd_wan": (N_("R&D spending"), "money"),
    "ready_date": (N_("ready date"), "text"),
    "reason": (N_("reason"), "text"),
    "recorded_at": (N_("recorded"), "text"),
    "rent": (N_("rent"), "rent"),
    "sample": (N_("sample"), "flag"),
    "sample_fields": (N_("sample parts"), "columns"),
    "scope": (N_("scope"), "text"),
    "scope_value": (N_("scope of"), "text"),
    "segment": (N_("segment"), "text"),
    "service_id": (N_("service"), "ref:services"),
    "since": (N_("since"), "text"),
    "sort": (N_("order"), "text"),
    "source": (N_("source"), "text"),
    "source_channel": (N_("channel"), "text"),
    "stage": (N_("stage"), "text"),
    "stage_date": (N_("stage date"), "text"),
    "stages": (N_("stages"), "text"),
    "start_date": (N_("start date"), "text"),
    "status": (N_("status"), "text"),
    "status_reason": (N_("status reason"), "text"),
    "status_until": (N_("status until"), "text"),
    "tax_wan": (N_("tax"), "money"),
    "tax_wan_mu": (N_("tax per mu"), "per_mu"),
    "threshold": (N_("threshold"), "text"),
    "title": (N_("title"), "text"),
    "unit": (N_("unit"), "text"),
    "unit_en": (N_("English unit"), "text"),
    "unit_id": (N_("unit"), "ref:units"),
    "updated_at": (N_("updated"), "text"),
    "uscc": (N_("credit code"), "text"),
    "uscc_bad_check": (N_("credit code flagged"), "flag"),
    "vacant_units": (N_("vacant units"), "text"),
    "value": (N_("value"), "text"),
    "year": (N_("year"), "text"),
    "zone_id": (N_("zone"), "text"),
}

# What a row of each table is called in the journal: + enterprise 晨生医疗 (#5)
TABLES = {
    "enterprises": N_("enterprise"),
    "units": N_("unit"),
    "stage_history": N_("stage record"),
    "activities": N_("activity"),
    "stage_deadlines": N_("stage deadline"),
    "carriers": N_("carrier"),
    "industries": N_("industry"),
    "policies": N_("policy"),
    "targets": N_("target enterprise"),
    "needs": N_("needs"),
    "scenarios": N_("scenario"),
    "criteria": N_("criterion"),
    "settings": N_("setting"),
    "carrier_industries": N_("carrier industry"),
    "clusters": N_("cluster"),
    "coordination": N_("coordination item"),
    "criteria_exceptions": N_("criterion exception"),
    "departments": N_("department"),
    "event_deals": N_("event deal"),
    "events": N_("event"),
    "facilities": N_("facility"),
    "ledger_targets": N_("ledger target"),
    "match_memory": N_("match record"),
    "milestones": N_("milestone"),
    "negative_list": N_("negative list item"),
    "platforms": N_("platform"),
    "policy_eligibility": N_("policy eligibility"),
    "project_reports": N_("project report"),
    "service_templates": N_("service path step"),
    "service_status": N_("service status change"),
    "services": N_("service"),
    "unit_facilities": N_("unit facility"),
    "zone": N_("zone"),
    "zone_figures": N_("zone figure"),
}

# (table, column) → the promo.vocabulary kind its coded values are worded by: 状态 空置 → 已租, status vacant → leased
CODED = {
    ("activities", "kind"): "activity_kind",
    ("carriers", "kind"): "carrier_kind",
    ("carriers", "status"): "carrier_status",
    ("coordination", "status"): "coordination_status",
    ("enterprises", "kind"): "enterprise_kind",
    ("enterprises", "source_channel"): "channel",
    ("enterprises", "stage"): "stage",
    ("event_deals", "kind"): "deal_kind",
    ("industries", "level"): "chain_level",
    ("industries", "segment"): "segment",
    ("ledger_targets", "measure"): "measure",
    ("ledger_targets", "scope"): "ledger_scope",
    ("milestones", "milestone"): "milestone",
    ("negative_list", "kind"): "negative_kind",
    ("platforms", "level"): "policy_level",
    ("policies", "kind"): "policy_kind",
    ("policy_eligibility", "enterprise_kinds"): "list:enterprise_kind",
    ("policy_eligibility", "stages"): "list:stage",
    ("policy_eligibility", "industries"): "codes:industries",
    ("policy_eligibility", "carriers"): "codes:carriers",
    ("policies", "level"): "policy_level",
    ("scenarios", "owner_kind"): "owner_kind",
    ("scenarios", "status"): "scenario_status",
    ("services", "status"): "service_status",
    ("service_status", "status"): "service_status",
    ("stage_deadlines", "stage"): "stage",
    ("stage_history", "stage"): "stage",
    ("targets", "priority"): "priority",
    ("targets", "reason"): "target_reason",
    ("targets", "status"): "target_status",
    ("units", "kind"): "unit_kind",
    ("units", "status"): "unit_status",
}

_UNITS = {
    "money": "万元",
    "area": "㎡",
    "rent": "元/㎡·天",
    "mu": "亩",
    "load": "kN/㎡",
    "per_mu": "万元/亩",
    "metres": "m",
    "days": N_("days"),
}


def label(column: str, lang: str | None = None) -> str:
    """A field's name in the user's language (or `lang`); a column promo has no name for is shown as it is."""
    found = FIELDS.get(column)
    return translations(lang).gettext(found[0]) if found else column


def table_label(table: str, lang: str | None = None) -> str:
    """What a row of `table` is called, in the user's language (or `lang`)."""
    return translations(lang).gettext(TABLES[table]) if table in TABLES else table


def unit_of(column: str) -> str:
    """The unit a field's values are in (万元, ㎡, days …) in the user's language, or ''."""
    unit = _UNITS.get(FIELDS.get(column, ("", "text"))[1], "")
    return _(unit) if unit else ""  # gettext of '' is the catalogue's header


def shown(column: str, value, conn: sqlite3.Connection | None = None, table: str | None = None) -> str:
    """A stored value as the user sees it: a coded value by its label, amounts with thousands separators,
    a referenced row by its name, a flag as yes or no."""
    if value is None or value == "":
        return _("none")
    coded = CODED.get((table, column))
    if coded:
        return _coded(coded, value, conn)
    kind = FIELDS.get(column, ("", "text"))[1]
    if kind == "columns":  # a JSON list of stored fields (the parts of a record still sample)
        import json

        try:
            return _(", ").join(label(c) for c in json.loads(value)) or _("none")
        except (TypeError, ValueError):
            return str(value)
    if kind.startswith("ref:") and conn is not None:
        return _name_of(conn, kind[4:], value)
    if kind == "quarter" and isinstance(value, int):
        return f"Q{value}" if value else _("whole year")
    if kind == "flag":
        return _("yes") if value else _("no")
    if kind in ("money", "area", "mu", "per_mu") and isinstance(value, (int, float)):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if kind == "rent" and isinstance(value, (int, float)):
        return f"{value:.2f}"
    if isinstance(value, float) and value == int(value):
        return f"{value:g}"
    return str(value)


def _coded(kind: str, value, conn: sqlite3.Connection | None) -> str:
    """A coded value by its label; a JSON list of codes (list:kind) or of rows' codes (codes:table) item by item."""
    import json

    from promo.vocabulary import shown as worded

    if not kind.startswith(("list:", "codes:")):
        return worded(kind, str(value))
    try:
        items = json.loads(value)
    except (TypeError, ValueError):
        return str(value)
    if not isinstance(items, list):
        return str(value)
    if kind.startswith("list:"):
        shown_items = [worded(kind[5:], str(v)) for v in items]
    else:
        shown_items = [_name_by_code(conn, kind[6:], v) for v in items]
    return _(", ").join(shown_items) or _("none")


def _name_by_code(conn: sqlite3.Connection | None, table: str, code) -> str:
    if conn is None:
        return str(code)
    try:
        found = conn.execute(f"SELECT name FROM {table} WHERE code = ?", (code,)).fetchone()
    except sqlite3.DatabaseError:
        found = None
    return str(found[0]) if found else str(code)


def _name_of(conn: sqlite3.Connection, table: str, row_id) -> str:
    column = {"units": "code", "services": "item"}.get(table, "name")
    try:
        found = conn.execute(f"SELECT {column} FROM {table} WHERE id = ?", (row_id,)).fetchone()
    except sqlite3.DatabaseError:  # a table a later migration renamed: the id is still true
        found = None
    return str(found[0]) if found and found[0] is not None else f"#{row_id}"


def change_text(column: str, old, new, conn: sqlite3.Connection | None = None, table: str | None = None) -> str:
    """One changed field: 投资额 7,000 → 6,500 万元, 状态 空置 → 已租 (the unit once, after both values)."""
    unit = unit_of(column)
    text = f"{label(column)} {shown(column, old, conn, table)} → {shown(column, new, conn, table)}"
    return f"{text} {unit}" if unit and new is not None else text
