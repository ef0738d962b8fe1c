"""Loading the seed files into a new catalogue: one loader per file, run in the order their references need."""

from __future__ import annotations

import csv
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from promo.errors import PromoError
from promo.text import fold


class SeedError(PromoError):
    """A seed file that does not hold together (a bad reference or value)."""


def seeds_dir() -> Path:
    """seeds/ inside the installed package, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "seed_files", here.parent / "seeds"):
        if (candidate / "zone.json").is_file():
            return candidate
    raise PromoError(f"the seed files are missing (looked in {here / 'seed_files'} and {here.parent / 'seeds'})")


def read_csv(name: str, directory: Path | None = None) -> list[dict]:
    """Rows of seeds/NAME as dicts with empty cells as None; [] when the file does not exist."""
    path = (directory or seeds_dir()) / name
    if not path.exists():
        return []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [
            {k.strip(): (v.strip() if v and v.strip() else None) for k, v in row.items()} for row in csv.DictReader(fh)
        ]


def _num(value, cast=float):
    return None if value in (None, "") else cast(value)


def _flag(value) -> int:
    return 1 if str(value or "").strip().lower() in ("1", "true", "yes", "y", "是") else 0


def _split(value) -> list[str]:
    return [p.strip() for p in (value or "").split(";") if p.strip()]


@dataclass
class Seeding:
    """One load in progress: the database, the seed folder, and the ids of what earlier loaders added by code."""

    db: object  # a sqlite_utils.Database
    directory: Path
    created: str
    industries: dict[str, int] = field(default_factory=dict)
    carriers: dict[str, int] = field(default_factory=dict)
    facilities: dict[str, int] = field(default_factory=dict)
    enterprises: dict[str, int] = field(default_factory=dict)

    def rows(self, name: str) -> list[dict]:
        return read_csv(name, self.directory)

    def industry(self, code: str, where: str) -> int:
        if code not in self.industries:
            raise SeedError(f"{where}: unknown industry code {code!r}")
        return self.industries[code]

    def carrier(self, code: str | None, where: str) -> int | None:
        if not code:
            return None
        if code not in self.carriers:
            raise SeedError(f"{where}: unknown carrier code {code!r}")
        return self.carriers[code]


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
                        "sample": _flag(row.get("sample")),
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
                    "lat": _num(r.get("lat")),
                    "lon": _num(r.get("lon")),
                    "operator": r.get("operator"),
                    "description": r.get("description"),
                    "description_en": r.get("description_en"),
                    "contact_name": r.get("contact_name"),
                    "contact_phone": r.get("contact_phone"),
                    "status": r.get("status"),
                    "sample": _flag(r.get("sample")),
                    "source": r.get("source"),
                }
            )
            .last_pk
        )
        s.db["carrier_industries"].insert_all(
            {"carrier_id": s.carriers[r["code"]], "industry_id": s.industry(code, f"carriers.csv {r['code']}")}
            for code in _split(r.get("industries"))
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
                    "investment_wan": _num(r.get("investment_wan")),
                    "jobs": _num(r.get("jobs"), int),
                    "source_channel": r.get("source_channel"),
                    "country": r.get("country") or "中国",
                    "owner": r.get("owner"),
                    "owner_since": r.get("stage_date") if r.get("owner") else None,
                    "code_name": r.get("code_name"),
                    "note": r.get("note"),
                    "created_at": s.created,
                    "sample": _flag(r.get("sample")),
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
                    "floor": _num(r.get("floor"), int),
                    "area_m2": float(r["area_m2"]),
                    "rent": _num(r.get("rent")),
                    "status": r["status"],
                    "enterprise_id": s.enterprises.get(tenant) if tenant else None,
                    "floor_load_kn": _num(r.get("floor_load_kn")),
                    "ceiling_m": _num(r.get("ceiling_m")),
                    "ready_date": r.get("ready_date"),
                    "note": r.get("note"),
                    "sample": _flag(r.get("sample")),
                }
            )
            .last_pk
        )
        for name in _split(r.get("facilities")):
            if name not in s.facilities:
                s.facilities[name] = s.db["facilities"].insert({"name": name, "name_folded": fold(name)}).last_pk
            s.db["unit_facilities"].insert({"unit_id": uid, "facility_id": s.facilities[name]})


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
            "cap_wan": _num(r.get("cap_wan")),
            "rate": _num(r.get("rate")),
            "description": r.get("description"),
            "description_en": r.get("description_en"),
            "sample": _flag(r.get("sample")),
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
                "industries": _codes(r.get("industries"), s.industries, where, "industry"),
                "enterprise_kinds": _codes(r.get("enterprise_kinds"), KINDS, where, "enterprise kind"),
                "min_investment_wan": _num(r.get("min_investment_wan")),
                "stages": _codes(r.get("stages"), STAGES, where, "stage"),
                "carriers": _codes(r.get("carriers"), s.carriers, where, "carrier"),
                "countries": json.dumps(_split(r.get("countries")), ensure_ascii=False) if r.get("countries") else None,
                "rate_basis": r.get("rate_basis"),
                "note": r.get("note"),
                "sample": _flag(r.get("sample")),
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
                "sample": _flag(r.get("sample")),
            }
        )


def load_negative_list(s: Seeding) -> None:
    """negative_list.csv."""
    s.db["negative_list"].insert_all(
        {
            "kind": r["kind"],
            "item": r["item"],
            # stored folded, so a prospect's description matches however it is written
            "keywords": json.dumps([fold(k) for k in _split(r.get("keywords"))], ensure_ascii=False),
            "description": r.get("description"),
            "sample": _flag(r.get("sample")),
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
                "sample": _flag(r.get("sample")),
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
                "sample": _flag(r.get("sample")),
            }
        )


def _codes(value, known, where: str, what: str) -> str | None:
    items = _split(value)
    bad = [c for c in items if c not in known]
    if bad:
        raise SeedError(f"{where}: unknown {what} {', '.join(bad)}")
    return json.dumps(items, ensure_ascii=False) if items else None


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
