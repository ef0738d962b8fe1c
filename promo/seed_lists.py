"""Seed loaders for the lists that refer to the places: policies and their eligibility, stage deadlines,
settings, criteria, the negative list, scenarios and targets."""

from __future__ import annotations

import json

from promo.seeding import SeedError, Seeding, codes, flag, num, split
from promo.text import fold


def load_policies(s: Seeding) -> None:
    """policies.csv."""
    s.db["policies"].insert_all(
        {
            "code": r["code"],
            "name": r["name"],
            "name_en": r.get("name_en"),
            "name_folded": fold(r["name"]),
            "issuer": r.get("issuer"),
            "issuer_en": r.get("issuer_en"),
            "level": r.get("level"),
            "kind": r.get("kind"),
            "start_date": r.get("start_date"),
            "end_date": r.get("end_date"),
            "cap_wan": num(r.get("cap_wan")),
            "rate": num(r.get("rate")),
            "description": r.get("description"),
            "description_en": r.get("description_en"),
            "sample": flag(r.get("sample")),
            "source": r.get("source"),
        }
        for r in s.rows("policies.csv")
    )


def load_stage_deadlines(s: Seeding) -> None:
    """stage_deadlines.csv: sample rules, in force from the catalogue's first day (a stay before it broke none)."""
    s.db["stage_deadlines"].insert_all(
        dict(r, days=int(r["days"]), since=s.created[:10]) for r in s.rows("stage_deadlines.csv")
    )


def load_settings(s: Seeding) -> None:
    """settings.csv."""
    s.db["settings"].insert_all({"key": r["key"], "value": r["value"]} for r in s.rows("settings.csv"))


def load_eligibility(s: Seeding) -> None:
    """eligibility.csv: who each policy is for."""
    from promo.policies import RATE_BASES
    from promo.profile import KINDS
    from promo.vocabulary import STAGES

    policy_ids = dict(s.db.conn.execute("SELECT code, id FROM policies").fetchall())

    for r in s.rows("eligibility.csv"):
        where = f"eligibility.csv {r['policy_code']}"
        if r["policy_code"] not in policy_ids:
            raise SeedError(f"{where}: unknown policy code")
        if r.get("rate_basis") and r["rate_basis"] not in RATE_BASES:
            raise SeedError(f"{where}: rate_basis must be one of {', '.join(RATE_BASES)}")
        s.db["policy_eligibility"].insert(
            {
                "policy_id": policy_ids[r["policy_code"]],
                "industries": codes(r.get("industries"), s.industries, where, "industry"),
                "enterprise_kinds": codes(r.get("enterprise_kinds"), KINDS, where, "enterprise kind"),
                "min_investment_wan": num(r.get("min_investment_wan")),
                "stages": codes(r.get("stages"), STAGES, where, "stage"),
                "carriers": codes(r.get("carriers"), s.carriers, where, "carrier"),
                "countries": json.dumps(split(r.get("countries")), ensure_ascii=False) if r.get("countries") else None,
                "rate_basis": r.get("rate_basis"),
                "note": r.get("note"),
                "sample": flag(r.get("sample")),
            }
        )


def load_criteria(s: Seeding) -> None:
    """criteria.csv: access thresholds."""
    from promo.criteria import METRICS

    for r in s.rows("criteria.csv"):
        where = f"criteria.csv {r['code']}"
        if r["metric"] not in METRICS:
            raise SeedError(f"{where}: unknown metric {r['metric']!r}; known: {', '.join(METRICS)}")
        if r["op"] not in (">=", "<="):
            raise SeedError(f"{where}: op must be >= or <=")
        if r.get("industry_code") and r["industry_code"] not in s.industries:
            raise SeedError(f"{where}: unknown industry code {r['industry_code']!r}")
        if r.get("carrier_code") and r["carrier_code"] not in s.carriers:
            raise SeedError(f"{where}: unknown carrier code {r['carrier_code']!r}")
        s.db["criteria"].insert(
            {
                "code": r["code"],
                "name": r["name"],
                "name_en": r.get("name_en"),
                "metric": r["metric"],
                "op": r["op"],
                "threshold": float(r["threshold"]),
                "unit": r.get("unit"),
                "carrier_id": s.carriers.get(r["carrier_code"]) if r.get("carrier_code") else None,
                "industry_id": s.industries.get(r["industry_code"]) if r.get("industry_code") else None,
                "description": r.get("description"),
                "sample": flag(r.get("sample")),
            }
        )


def load_negative_list(s: Seeding) -> None:
    """negative_list.csv."""
    s.db["negative_list"].insert_all(
        {
            "kind": r["kind"],
            "item": r["item"],
            # stored folded, so a prospect's description matches however it is written
            "keywords": json.dumps([fold(k) for k in split(r.get("keywords"))], ensure_ascii=False),
            "description": r.get("description"),
            "sample": flag(r.get("sample")),
        }
        for r in s.rows("negative_list.csv")
    )


def load_scenarios(s: Seeding) -> None:
    """scenarios.csv."""
    for r in s.rows("scenarios.csv"):
        where = f"scenarios.csv {r['title']}"
        if r.get("industry_code") and r["industry_code"] not in s.industries:
            raise SeedError(f"{where}: unknown industry code {r['industry_code']!r}")
        s.db["scenarios"].insert(
            {
                "title": r["title"],
                "title_folded": fold(r["title"]),
                "owner": r["owner"],
                "owner_folded": fold(r["owner"]),
                "owner_kind": r.get("owner_kind"),
                "industry_id": s.industries.get(r["industry_code"]) if r.get("industry_code") else None,
                "need": r.get("need"),
                "status": r.get("status") or "open",
                "published": r.get("published"),
                "deadline": r.get("deadline"),
                "sample": flag(r.get("sample")),
            }
        )


def load_targets(s: Seeding) -> None:
    """targets.csv: target enterprises on chain links."""
    links = dict(s.db.conn.execute("SELECT code, id FROM industries WHERE level = 'link'").fetchall())
    for r in s.rows("targets.csv"):
        if r["link_code"] not in links:
            raise SeedError(f"targets.csv {r['name']}: {r['link_code']!r} is not a chain link")
        s.db["targets"].insert(
            {
                "name": r["name"],
                "name_folded": fold(r["name"]),
                "link_id": links[r["link_code"]],
                "priority": r.get("priority"),
                "reason": r.get("reason"),
                "status": r.get("status") or "open",
                "note": r.get("note"),
                "created_at": s.created,
                "sample": flag(r.get("sample")),
            }
        )
