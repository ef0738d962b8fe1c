"""The brief tailored to one prospect (--for): its needs, matched units, policies and criteria verdict.

The matching, eligibility and criteria logic is promo.match, promo.policies and promo.criteria; this module
only picks what the audience may see and words it. Their reasons are written in Chinese and quote the
prospect's own figures (investment, output), so the brief rebuilds them from the structured fields: in
both languages, and without a pre-签约 prospect's amounts in a public brief.
"""

from __future__ import annotations

import sqlite3

from promo import criteria, industries
from promo.brief.request import Request
from promo.identity import get
from promo.match import match, profile_for
from promo.policies import applicable
from promo.vocabulary import SIGNED

MAX_MATCHES = 8
FIGURES = ("investment_wan", "land_mu", "output_wan", "tax_wan", "rd_wan", "jobs")


def gather_prospect(conn: sqlite3.Connection, req: Request) -> dict:
    """The prospect's profile, matched units, applicable policies and criteria check, for this audience."""
    row = get(conn, req.subject)  # the lookup `promo enterprises show` uses: English and code names too

    profile = profile_for(conn, row["name"])
    signed = row["stage"] in SIGNED
    out: dict = {
        "signed": signed,
        "stage": row["stage"],
        "industry_id": profile.get("industry_id"),
        "profile": _visible_profile(profile, req),
        "has_needs": bool(profile.get("has_needs"))
        or any(profile.get(k) not in (None, []) for k in ("min_area", "max_area", "max_rent", "facilities")),
    }
    if req.addressed:
        # a proposal is sent to its reader: its own name in the brief's language, never the office's code name
        out["shown_name"] = row["name_en"] if req.lang == "en" and row["name_en"] else row["name"]
        out["reader"] = out["shown_name"]
    elif req.internal or signed:
        out["shown_name"] = (
            row["name"] if req.lang == "zh" or not row["name_en"] else f"{row['name']} ({row['name_en']})"
        )
    else:
        out["shown_name"] = row["code_name"]  # a lead is named only by its code name in public, if it has one
    if req.internal:
        out["private"] = {
            "name": row["name"],
            "name_en": row["name_en"],
            "code_name": row["code_name"],
            "owner": row["owner"],
            "contact": row["contact"],
            "phone": row["phone"],
            "note": row["note"],
            "sample": row["sample"],
        }
    if profile.get("industry_id"):
        out["root_industry_id"] = industries.root(conn, profile["industry_id"])
        out["root_industry"] = dict(
            conn.execute("SELECT name, name_en FROM industries WHERE id = ?", (out["root_industry_id"],)).fetchone()
        )
        out["industry"] = dict(
            conn.execute(
                "SELECT name, name_en, sample FROM industries WHERE id = ?", (profile["industry_id"],)
            ).fetchone()
        )

    wanted = profile.get("facilities") or []
    if wanted:
        marks = ",".join("?" * len(wanted))
        out["facilities_en"] = dict(
            conn.execute(f"SELECT name, name_en FROM facilities WHERE name IN ({marks})", wanted)
        )
    if not (req.internal or signed):
        # a public brief judges a lead without its undisclosed figures: "eligible for the 5,000万 award" or
        # "passes 300万元/亩" would tell where its investment stands against the published threshold
        profile = profile | {k: None for k in FIGURES}
    matched = match(conn, profile, on=req.date, limit=MAX_MATCHES) if out["has_needs"] else None
    if matched is not None:
        out["units"] = matched["units"]
        out["units_total"] = matched["total"]
        _english_names(conn, out["units"])
    if req.internal or signed:
        out["policies"] = applicable(conn, profile, on=req.date)
    else:  # every policy the lead could get whatever its investment: the same list for any amount
        out["policies"] = [
            p
            for p in applicable(conn, profile, on=req.date, include_all=True)
            if p["verdict"] in ("yes", "if")
            or (
                p["verdict"] == "unknown"
                and {c["field"] for c in p["checks"] if c["status"] == "unknown"} == {"investment"}
            )
        ]
    out["check"] = criteria.check(conn, profile)
    return out


def _visible_profile(p: dict, req: Request) -> dict:
    """The needs anyone may see; the prospect's amounts only in an internal brief."""
    keys = ["min_area", "max_area", "max_rent", "facilities", "min_floor_load", "available_by"]
    if req.internal:
        keys += ["investment_wan", "land_mu", "output_wan", "tax_wan", "rd_wan", "jobs", "business", "country"]
    return {k: p.get(k) for k in keys}


def _english_names(conn: sqlite3.Connection, units: list[dict]) -> None:
    """Carrier and facility English names for matched units (matching returns the Chinese ones)."""
    codes = sorted({u["carrier_code"] for u in units})
    names = sorted({f for u in units for f in u.get("facilities") or []})
    marks = ",".join("?" * len(codes))
    carriers = dict(conn.execute(f"SELECT code, name_en FROM carriers WHERE code IN ({marks})", codes)) if codes else {}
    marks = ",".join("?" * len(names))
    facilities = (
        dict(conn.execute(f"SELECT name, name_en FROM facilities WHERE name IN ({marks})", names)) if names else {}
    )
    for u in units:
        u["carrier_en"] = carriers.get(u["carrier_code"])
        u["facilities_en"] = [{"name": f, "name_en": facilities.get(f)} for f in u.get("facilities") or []]
