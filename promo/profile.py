"""A prospect's facts and needs as one plain dict, the input of policies, criteria and matching.

An officer describes a prospect either on the command line (industry, investment, land, space needs) or by
naming an enterprise whose facts and saved needs are on record; both become the same profile dict, so the
eligibility, criteria and matching code never cares where the facts came from.
"""

from __future__ import annotations

import sqlite3

from promo.errors import BadValue
from promo.i18n import _
from promo.lookup import find
from promo.vocabulary import STAGES, choices, labels

# Every key a profile may carry; a key that is None is simply not known.
KEYS = (
    "name",
    "enterprise_id",
    "kind",
    "stage",
    "country",
    "industry_id",
    "industry",
    "industry_code",
    "industry_level",
    "carrier_id",
    "carrier",
    "carrier_code",
    "investment_wan",
    "land_mu",
    "output_wan",
    "tax_wan",
    "rd_wan",
    "jobs",
    "business",
    "annual_rent_wan",
    "leased_area_m2",
    "min_area",
    "max_area",
    "max_rent",
    "facilities",
    "available_by",
    "min_floor_load",
)

# Option names used in messages, so a domain error names the field the way the user typed it.
FIELD_NAMES = {
    "investment_wan": "--investment",
    "land_mu": "--land-mu",
    "output_wan": "--output",
    "tax_wan": "--tax",
    "rd_wan": "--rd",
    "jobs": "--jobs",
    "min_area": "--min-area",
    "max_area": "--max-area",
    "max_rent": "--max-rent",
    "min_floor_load": "--min-floor-load",
    "annual_rent_wan": "annual rent",
}

KINDS = ("company", "hospital", "institute")
KIND_LABELS = labels("enterprise_kind")


def normalise(conn: sqlite3.Connection, raw: dict | None) -> dict:
    """A complete profile from a partial one: names resolved to ids, figures checked, missing keys None.

    `industry` and `carrier` may be names or codes (any script); figures must be non-negative and ranges
    consistent. Raises NotFound (with suggestions) or BadValue naming the field.
    """
    raw = dict(raw or {})
    unknown = set(raw) - set(KEYS) - {"last_matched_at", "last_match_units", "has_needs", "sample"}
    if unknown:
        raise BadValue("profile", ", ".join(sorted(unknown)), _("unknown profile keys"))
    p = {k: raw.get(k) for k in KEYS}
    p["last_matched_at"] = raw.get("last_matched_at")
    p["last_match_units"] = raw.get("last_match_units")
    p["has_needs"] = bool(raw.get("has_needs"))
    p["facilities"] = list(dict.fromkeys(raw.get("facilities") or []))

    for key, field in FIELD_NAMES.items():
        value = p.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise BadValue(field, value, _("not a number"))
        if value != value or value in (float("inf"), float("-inf")):
            raise BadValue(field, value, _("not a finite number"))
        if value < 0:
            raise BadValue(field, value, _("must not be negative"))
    if p["land_mu"] == 0:
        raise BadValue("--land-mu", 0, _("must be more than 0 (leave it out when the project takes no land)"))
    if p["min_area"] is not None and p["max_area"] is not None and p["max_area"] < p["min_area"]:
        raise BadValue("--max-area", p["max_area"], _("is below --min-area {minimum:g}").format(minimum=p["min_area"]))
    if p["kind"] is not None and p["kind"] not in KINDS:
        raise BadValue("--kind", p["kind"], _("use one of {choices}").format(choices=choices("enterprise_kind")))
    if p["stage"] is not None and p["stage"] not in STAGES:
        raise BadValue("--stage", p["stage"], _("use one of {choices}").format(choices=choices("stage")))

    if p["industry_id"] is None and p["industry"]:
        row = find(conn, "industries", str(p["industry"]), _("industry"))
        p["industry_id"] = row["id"]
    if p["industry_id"] is not None:
        row = conn.execute("SELECT id, code, name, level FROM industries WHERE id = ?", (p["industry_id"],)).fetchone()
        if row is None:
            raise BadValue("industry_id", p["industry_id"], _("no such industry"))
        p["industry"], p["industry_code"], p["industry_level"] = row["name"], row["code"], row["level"]

    if p["carrier_id"] is None and p["carrier"]:
        p["carrier_id"] = find(conn, "carriers", str(p["carrier"]), _("carrier"))["id"]
    if p["carrier_id"] is not None:
        row = conn.execute("SELECT id, code, name FROM carriers WHERE id = ?", (p["carrier_id"],)).fetchone()
        if row is None:
            raise BadValue("carrier_id", p["carrier_id"], _("no such carrier"))
        p["carrier"], p["carrier_code"] = row["name"], row["code"]
    if p["country"] is not None:
        from promo.countries import canonical

        # a country recorded before promo knew countries (中国大陆, China) compares as its one spelling
        p["country"] = canonical(p["country"])
    if p["jobs"] is not None:
        if p["jobs"] != int(p["jobs"]):
            raise BadValue("--jobs", p["jobs"], _("must be a whole number"))

        p["jobs"] = int(p["jobs"])
    return p


def stage_position(stage: str | None) -> int:
    """0-based position of a pipeline stage; -1 for a prospect not yet in the pipeline."""
    return STAGES.index(stage) if stage in STAGES else -1


def fmt_wan(value: float | None) -> str:
    """An amount in 万元 the way officers write it: 1,234 or 1,234.5 (no trailing zeros)."""
    if value is None:
        return "?"
    rounded = round(value, 2)
    if rounded == int(rounded):
        return f"{int(rounded):,}"
    return f"{rounded:,.2f}".rstrip("0").rstrip(".")


def fmt_num(value: float | None, digits: int = 2) -> str:
    """A computed figure with at most `digits` decimals, thousands separated; '?' when unknown."""
    if value is None:
        return "?"
    rounded = round(value, digits)
    if rounded == int(rounded):
        return f"{int(rounded):,}"
    return f"{rounded:,.{digits}f}".rstrip("0").rstrip(".")
