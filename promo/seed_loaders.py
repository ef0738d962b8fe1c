"""Loading the seed files into a new catalogue: one loader per file, run in the order their references need."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from promo.seed_lists import (
    load_criteria,
    load_eligibility,
    load_negative_list,
    load_policies,
    load_scenarios,
    load_settings,
    load_stage_deadlines,
    load_targets,
)
from promo.seeding import SeedError, Seeding, flag, num, read_csv, seeds_dir, split  # noqa: F401 (the seeds API)
from promo.text import fold


def load_zone(s: Seeding) -> None:
    """zone.json: the zone, its office and its figures."""
    zone = json.loads((s.directory / "zone.json").read_text(encoding="utf-8"))
    office = zone.get("office") or {}
    s.db["zone"].insert(
        {
            "id": 1,
            "code": zone["code"],
            "name": zone["name"],
            "name_en": zone.get("name_en"),
            "aliases": json.dumps(zone.get("aliases") or [], ensure_ascii=False),
            "positioning": zone.get("positioning"),
            "positioning_en": zone.get("positioning_en"),
            "location": zone.get("location"),
            "location_en": zone.get("location_en"),
            "planned_area_km2": zone.get("planned_area_km2"),
            "founded_year": zone.get("founded_year"),
            "office_name": office.get("name"),
            "office_name_en": office.get("name_en"),
            "office_phone": office.get("phone"),
            "office_email": office.get("email"),
            "office_address": office.get("address"),
            "office_sample": 1 if office.get("sample") else 0,
        }
    )
    s.db["zone_figures"].insert_all(
        {
            "zone_id": 1,
            "label": f["label"],
            "label_en": f.get("label_en"),
            "value": f["value"],
            "unit": f.get("unit"),
            "unit_en": f.get("unit_en"),
            "year": f.get("year"),
            "source": f.get("source"),
        }
        for f in zone.get("figures") or []
    )


def load_industries(s: Seeding) -> None:
    """industries.csv: the chain, parents before children, in file order."""
    pending = s.rows("industries.csv")
    sort = 0
    while pending:
        progressed = False
        for row in list(pending):
            parent = row.get("parent_code")
            if parent and parent not in s.industries:
                continue
            sort += 1
            s.industries[row["code"]] = (
                s.db["industries"]
                .insert(
                    {
                        "code": row["code"],
                        "parent_id": s.industries.get(parent) if parent else None,
                        "level": row["level"],
                        "segment": row.get("segment"),
                        "name": row["name"],
                        "name_en": row.get("name_en"),
                        "name_folded": fold(row["name"]),
                        "sort": sort,
                        "sample": flag(row.get("sample")),
                        "source": row.get("source"),
                    }
                )
                .last_pk
            )
            pending.remove(row)
            progressed = True
        if not progressed:
            raise SeedError("industries.csv: unknown parent_code " + ", ".join(r["parent_code"] for r in pending))


def load_clusters(s: Seeding) -> None:
    """clusters.csv."""
    s.db["clusters"].insert_all(
        {
            "code": r["code"],
            "name": r["name"],
            "name_en": r.get("name_en"),
            "name_folded": fold(r["name"]),
            "description": r.get("description"),
            "source": r.get("source"),
        }
        for r in s.rows("clusters.csv")
    )


def load_carriers(s: Seeding) -> None:
    """carriers.csv, with the industries each hosts."""
    for r in s.rows("carriers.csv"):
        s.carriers[r["code"]] = (
            s.db["carriers"]
            .insert(
                {
                    "code": r["code"],
                    "name": r["name"],
                    "name_en": r.get("name_en"),
                    "name_folded": fold(r["name"]),
                    "kind": r["kind"],
                    "address": r.get("address"),
                    "lat": num(r.get("lat")),
                    "lon": num(r.get("lon")),
                    "operator": r.get("operator"),
                    "description": r.get("description"),
                    "description_en": r.get("description_en"),
                    "contact_name": r.get("contact_name"),
                    "contact_phone": r.get("contact_phone"),
                    "status": r.get("status"),
                    "sample": flag(r.get("sample")),
                    "source": r.get("source"),
                }
            )
            .last_pk
        )
        s.db["carrier_industries"].insert_all(
            {"carrier_id": s.carriers[r["code"]], "industry_id": s.industry(code, f"carriers.csv {r['code']}")}
            for code in split(r.get("industries"))
        )


def load_facilities(s: Seeding) -> None:
    """facilities.csv."""
    for r in s.rows("facilities.csv"):
        s.facilities[r["name"]] = (
            s.db["facilities"]
            .insert({"name": r["name"], "name_en": r.get("name_en"), "name_folded": fold(r["name"])})
            .last_pk
        )


def load_platforms(s: Seeding) -> None:
    """platforms.csv."""
    s.db["platforms"].insert_all(
        {
            "code": r["code"],
            "name": r["name"],
            "name_en": r.get("name_en"),
            "name_folded": fold(r["name"]),
            "kind": r.get("kind"),
            "level": r.get("level"),
            "carrier_id": s.carrier(r.get("carrier_code"), f"platforms.csv {r['code']}"),
            "description": r.get("description"),
            "description_en": r.get("description_en"),
            "source": r.get("source"),
        }
        for r in s.rows("platforms.csv")
    )


def load_enterprises(s: Seeding) -> None:
    """enterprises.csv, each with its first stage in the history."""
    for r in s.rows("enterprises.csv"):
        where = f"enterprises.csv {r['name']}"
        eid = (
            s.db["enterprises"]
            .insert(
                {
                    "name": r["name"],
                    "name_en": r.get("name_en"),
                    "name_folded": fold(r["name"]),
                    "kind": r.get("kind") or "company",
                    "industry_id": s.industry(r["industry_code"], where) if r.get("industry_code") else None,
                    "carrier_id": s.carrier(r.get("carrier_code"), where),
                    "stage": r["stage"],
                    "stage_date": r.get("stage_date"),
                    "investment_wan": num(r.get("investment_wan")),
                    "jobs": num(r.get("jobs"), int),
                    "source_channel": r.get("source_channel"),
                    "country": r.get("country") or "中国",
                    "owner": r.get("owner"),
                    "owner_since": r.get("stage_date") if r.get("owner") else None,
                    "code_name": r.get("code_name"),
                    "code_name_folded": fold(r["code_name"]) if r.get("code_name") else None,
                    "note": r.get("note"),
                    "created_at": s.created,
                    "sample": flag(r.get("sample")),
                    "source": r.get("source"),
                }
            )
            .last_pk
        )
        s.enterprises[r["name"]] = eid
        if r.get("stage_date"):
            s.db["stage_history"].insert(
                {"enterprise_id": eid, "stage": r["stage"], "date": r["stage_date"], "recorded_at": s.created}
            )


def load_units(s: Seeding) -> None:
    """units.csv, with their tenants and facilities (a facility not in facilities.csv is added)."""
    for r in s.rows("units.csv"):
        where = f"units.csv {r['carrier_code']} {r['code']}"
        tenant = r.get("tenant")
        if tenant and tenant not in s.enterprises:
            raise SeedError(f"{where}: tenant {tenant!r} is not in enterprises.csv")
        uid = (
            s.db["units"]
            .insert(
                {
                    "carrier_id": s.carrier(r["carrier_code"], where),
                    "code": r["code"],
                    "building": r.get("building"),
                    "floor": num(r.get("floor"), int),
                    "area_m2": float(r["area_m2"]),
                    "rent": num(r.get("rent")),
                    "status": r["status"],
                    "enterprise_id": s.enterprises.get(tenant) if tenant else None,
                    "floor_load_kn": num(r.get("floor_load_kn")),
                    "ceiling_m": num(r.get("ceiling_m")),
                    "ready_date": r.get("ready_date"),
                    "note": r.get("note"),
                    "sample": flag(r.get("sample")),
                }
            )
            .last_pk
        )
        for name in split(r.get("facilities")):
            if name not in s.facilities:
                s.facilities[name] = s.db["facilities"].insert({"name": name, "name_folded": fold(name)}).last_pk
            s.db["unit_facilities"].insert({"unit_id": uid, "facility_id": s.facilities[name]})


# In the order their references need: a loader may look up what an earlier one added.
LOADERS = (
    load_zone,
    load_industries,
    load_clusters,
    load_carriers,
    load_facilities,
    load_platforms,
    load_enterprises,
    load_units,
    load_policies,
    load_stage_deadlines,
    load_settings,
    load_eligibility,
    load_criteria,
    load_negative_list,
    load_scenarios,
    load_targets,
)


def load(conn: sqlite3.Connection, directory: Path | None = None) -> dict[str, int]:
    """Load every seed file into an empty, migrated catalogue; returns counts per table."""
    import sqlite_utils

    from promo.db import now

    db = (
        sqlite_utils.Database(conn, execute_plugins=False)
        if _accepts_execute_plugins()
        else sqlite_utils.Database(conn)
    )
    s = Seeding(db, directory or seeds_dir(), now())
    for loader in LOADERS:
        loader(s)
    count = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("carriers", "units", "enterprises")}
    return count | {"policies": conn.execute("SELECT count(*) FROM policies").fetchone()[0]}


def _accepts_execute_plugins() -> bool:
    import inspect

    import sqlite_utils

    return "execute_plugins" in inspect.signature(sqlite_utils.Database.__init__).parameters
