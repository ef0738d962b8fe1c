"""Build a fresh catalogue from the plain seed files in seeds/.

The catalogue is built in a temporary file beside the target and moved into place in one step, so an
interrupted or failed build never leaves a half-built catalogue behind.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from pathlib import Path

from promo.errors import CatalogueError, PromoError
from promo.text import fold


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


class SeedError(PromoError):
    """A seed file that does not hold together (a bad reference or value)."""


def load(conn: sqlite3.Connection, directory: Path | None = None) -> dict[str, int]:
    """Load every seed file into an empty, migrated catalogue; returns counts per table."""
    import sqlite_utils

    from promo.db import now

    directory = directory or seeds_dir()
    db = (
        sqlite_utils.Database(conn, execute_plugins=False)
        if _accepts_execute_plugins()
        else sqlite_utils.Database(conn)
    )
    created = now()

    zone = json.loads((directory / "zone.json").read_text(encoding="utf-8"))
    office = zone.get("office") or {}
    db["zone"].insert(
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
    db["zone_figures"].insert_all(
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

    industry_ids: dict[str, int] = {}
    pending = read_csv("industries.csv", directory)
    sort = 0
    while pending:
        progressed = False
        for row in list(pending):
            parent = row.get("parent_code")
            if parent and parent not in industry_ids:
                continue
            sort += 1
            industry_ids[row["code"]] = (
                db["industries"]
                .insert(
                    {
                        "code": row["code"],
                        "parent_id": industry_ids.get(parent) if parent else None,
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

    def industry(code: str, where: str) -> int:
        if code not in industry_ids:
            raise SeedError(f"{where}: unknown industry code {code!r}")
        return industry_ids[code]

    db["clusters"].insert_all(
        {
            "code": r["code"],
            "name": r["name"],
            "name_en": r.get("name_en"),
            "name_folded": fold(r["name"]),
            "description": r.get("description"),
            "source": r.get("source"),
        }
        for r in read_csv("clusters.csv", directory)
    )

    carrier_ids: dict[str, int] = {}
    for r in read_csv("carriers.csv", directory):
        carrier_ids[r["code"]] = (
            db["carriers"]
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
        db["carrier_industries"].insert_all(
            {"carrier_id": carrier_ids[r["code"]], "industry_id": industry(code, f"carriers.csv {r['code']}")}
            for code in _split(r.get("industries"))
        )

    def carrier(code: str | None, where: str) -> int | None:
        if not code:
            return None
        if code not in carrier_ids:
            raise SeedError(f"{where}: unknown carrier code {code!r}")
        return carrier_ids[code]

    facility_ids: dict[str, int] = {}
    for r in read_csv("facilities.csv", directory):
        facility_ids[r["name"]] = (
            db["facilities"]
            .insert({"name": r["name"], "name_en": r.get("name_en"), "name_folded": fold(r["name"])})
            .last_pk
        )

    db["platforms"].insert_all(
        {
            "code": r["code"],
            "name": r["name"],
            "name_en": r.get("name_en"),
            "name_folded": fold(r["name"]),
            "kind": r.get("kind"),
            "level": r.get("level"),
            "carrier_id": carrier(r.get("carrier_code"), f"platforms.csv {r['code']}"),
            "description": r.get("description"),
            "description_en": r.get("description_en"),
            "source": r.get("source"),
        }
        for r in read_csv("platforms.csv", directory)
    )

    enterprise_ids: dict[str, int] = {}
    for r in read_csv("enterprises.csv", directory):
        where = f"enterprises.csv {r['name']}"
        eid = (
            db["enterprises"]
            .insert(
                {
                    "name": r["name"],
                    "name_en": r.get("name_en"),
                    "name_folded": fold(r["name"]),
                    "kind": r.get("kind") or "company",
                    "industry_id": industry(r["industry_code"], where) if r.get("industry_code") else None,
                    "carrier_id": carrier(r.get("carrier_code"), where),
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
                    "created_at": created,
                    "sample": _flag(r.get("sample")),
                    "source": r.get("source"),
                }
            )
            .last_pk
        )
        enterprise_ids[r["name"]] = eid
        if r.get("stage_date"):
            db["stage_history"].insert(
                {"enterprise_id": eid, "stage": r["stage"], "date": r["stage_date"], "recorded_at": created}
            )

    unit_count = 0
    for r in read_csv("units.csv", directory):
        where = f"units.csv {r['carrier_code']} {r['code']}"
        tenant = r.get("tenant")
        if tenant and tenant not in enterprise_ids:
            raise SeedError(f"{where}: tenant {tenant!r} is not in enterprises.csv")
        uid = (
            db["units"]
            .insert(
                {
                    "carrier_id": carrier(r["carrier_code"], where),
                    "code": r["code"],
                    "building": r.get("building"),
                    "floor": _num(r.get("floor"), int),
                    "area_m2": float(r["area_m2"]),
                    "rent": _num(r.get("rent")),
                    "status": r["status"],
                    "enterprise_id": enterprise_ids.get(tenant) if tenant else None,
                    "floor_load_kn": _num(r.get("floor_load_kn")),
                    "ceiling_m": _num(r.get("ceiling_m")),
                    "ready_date": r.get("ready_date"),
                    "note": r.get("note"),
                    "sample": _flag(r.get("sample")),
                }
            )
            .last_pk
        )
        unit_count += 1
        for name in _split(r.get("facilities")):
            if name not in facility_ids:
                facility_ids[name] = db["facilities"].insert({"name": name, "name_folded": fold(name)}).last_pk
            db["unit_facilities"].insert({"unit_id": uid, "facility_id": facility_ids[name]})

    db["policies"].insert_all(
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
        for r in read_csv("policies.csv", directory)
    )

    db["stage_deadlines"].insert_all(
        {"stage": r["stage"], "days": int(r["days"])} for r in read_csv("stage_deadlines.csv", directory)
    )
    db["settings"].insert_all({"key": r["key"], "value": r["value"]} for r in read_csv("settings.csv", directory))

    for extra in EXTRA_LOADERS:
        extra(db, directory, {"industries": industry_ids, "carriers": carrier_ids, "enterprises": enterprise_ids})

    return {
        "carriers": len(carrier_ids),
        "units": unit_count,
        "enterprises": len(enterprise_ids),
        "policies": conn.execute("SELECT count(*) FROM policies").fetchone()[0],
    }


# Later lists (criteria, scenarios, targets, eligibility) register their own seed loaders here:
# each is called as loader(db, directory, ids) after the core tables are in.
EXTRA_LOADERS: list = []


def _accepts_execute_plugins() -> bool:
    import inspect

    import sqlite_utils

    return "execute_plugins" in inspect.signature(sqlite_utils.Database.__init__).parameters


def build_file(tmp: Path, directory: Path | None = None) -> str:
    """Build the seed catalogue into the new file `tmp` (owner-only); returns a one-line summary."""
    from promo.db import connect, migrate
    from promo.files import create_private

    create_private(tmp)  # SQLite gives the -wal and -shm the mode of the file they belong to
    conn = connect(tmp)
    try:
        migrate(conn)
        counts = load(conn, directory)
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()
    return ", ".join(f"{n} {k}" for k, n in counts.items())


def build_catalogue(path: str | os.PathLike, *, directory: Path | None = None) -> str:
    """Build the seed catalogue at a path where there is none yet, atomically; returns a summary."""
    from promo.files import fsync_dir, remove_sidecars, temp_name

    path = Path(path)
    if path.exists():
        raise CatalogueExists(f"{path} exists already", "use promo init --force to rebuild it from the seeds")
    if path.parent and not path.parent.exists():
        raise CatalogueError(f"cannot create {path}: folder {path.parent} does not exist")
    tmp = temp_name(path, "building")
    try:
        summary = build_file(tmp, directory)
        if not path.exists():  # a -wal left by a catalogue deleted by hand must not be replayed onto this one
            remove_sidecars(path)
        _publish_new(tmp, path)
        fsync_dir(path.parent)
    except PermissionError as exc:
        raise CatalogueError(f"cannot write the catalogue at {path}: {exc.strerror}") from None
    finally:
        remove_sidecars(tmp, including_file=True)
    return summary


class CatalogueExists(CatalogueError):
    """The catalogue to build is there already (perhaps another promo process built it a moment ago)."""


def _publish_new(tmp: Path, path: Path) -> None:
    """Move a freshly built catalogue into place only if there is still nothing there.

    Two promo processes started at once on a missing catalogue both build one; a plain rename would let
    the second replace the first after the first had already written to it. A hard link fails instead
    when the name is taken, and the loser uses the winner's catalogue.
    """
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise CatalogueExists(f"{path} exists already", "use promo init --force to rebuild it from the seeds") from None
    except OSError:  # a file system without hard links: the narrow race is back, but the build still works
        if path.exists():
            raise CatalogueExists(f"{path} exists already") from None
        os.replace(tmp, path)


def load_lists(db, directory: Path, ids: dict) -> None:
    """The other lists: policy eligibility, access criteria, the negative list, scenarios and targets."""
    from promo.criteria import METRICS
    from promo.db import now
    from promo.policies import RATE_BASES
    from promo.profile import KINDS
    from promo.vocabulary import STAGES

    conn = db.conn
    industry_ids, carrier_ids = ids["industries"], ids["carriers"]
    policy_ids = dict(conn.execute("SELECT code, id FROM policies").fetchall())

    def codes(value, known, where: str, what: str) -> str | None:
        items = _split(value)
        bad = [c for c in items if c not in known]
        if bad:
            raise SeedError(f"{where}: unknown {what} {', '.join(bad)}")
        return json.dumps(items, ensure_ascii=False) if items else None

    for r in read_csv("eligibility.csv", directory):
        where = f"eligibility.csv {r['policy_code']}"
        if r["policy_code"] not in policy_ids:
            raise SeedError(f"{where}: unknown policy code")
        if r.get("rate_basis") and r["rate_basis"] not in RATE_BASES:
            raise SeedError(f"{where}: rate_basis must be one of {', '.join(RATE_BASES)}")
        db["policy_eligibility"].insert(
            {
                "policy_id": policy_ids[r["policy_code"]],
                "industries": codes(r.get("industries"), industry_ids, where, "industry"),
                "enterprise_kinds": codes(r.get("enterprise_kinds"), KINDS, where, "enterprise kind"),
                "min_investment_wan": _num(r.get("min_investment_wan")),
                "stages": codes(r.get("stages"), STAGES, where, "stage"),
                "carriers": codes(r.get("carriers"), carrier_ids, where, "carrier"),
                "countries": json.dumps(_split(r.get("countries")), ensure_ascii=False) if r.get("countries") else None,
                "rate_basis": r.get("rate_basis"),
                "note": r.get("note"),
                "sample": _flag(r.get("sample")),
            }
        )

    for r in read_csv("criteria.csv", directory):
        where = f"criteria.csv {r['code']}"
        if r["metric"] not in METRICS:
            raise SeedError(f"{where}: unknown metric {r['metric']!r}; known: {', '.join(METRICS)}")
        if r["op"] not in (">=", "<="):
            raise SeedError(f"{where}: op must be >= or <=")
        if r.get("industry_code") and r["industry_code"] not in industry_ids:
            raise SeedError(f"{where}: unknown industry code {r['industry_code']!r}")
        if r.get("carrier_code") and r["carrier_code"] not in carrier_ids:
            raise SeedError(f"{where}: unknown carrier code {r['carrier_code']!r}")
        db["criteria"].insert(
            {
                "code": r["code"],
                "name": r["name"],
                "name_en": r.get("name_en"),
                "metric": r["metric"],
                "op": r["op"],
                "threshold": float(r["threshold"]),
                "unit": r.get("unit"),
                "carrier_id": carrier_ids.get(r["carrier_code"]) if r.get("carrier_code") else None,
                "industry_id": industry_ids.get(r["industry_code"]) if r.get("industry_code") else None,
                "description": r.get("description"),
                "sample": _flag(r.get("sample")),
            }
        )

    db["negative_list"].insert_all(
        {
            "kind": r["kind"],
            "item": r["item"],
            # stored folded, so a prospect's description matches however it is written
            "keywords": json.dumps([fold(k) for k in _split(r.get("keywords"))], ensure_ascii=False),
            "description": r.get("description"),
            "sample": _flag(r.get("sample")),
        }
        for r in read_csv("negative_list.csv", directory)
    )

    for r in read_csv("scenarios.csv", directory):
        where = f"scenarios.csv {r['title']}"
        if r.get("industry_code") and r["industry_code"] not in industry_ids:
            raise SeedError(f"{where}: unknown industry code {r['industry_code']!r}")
        db["scenarios"].insert(
            {
                "title": r["title"],
                "title_folded": fold(r["title"]),
                "owner": r["owner"],
                "owner_folded": fold(r["owner"]),
                "owner_kind": r.get("owner_kind"),
                "industry_id": industry_ids.get(r["industry_code"]) if r.get("industry_code") else None,
                "need": r.get("need"),
                "status": r.get("status") or "open",
                "published": r.get("published"),
                "deadline": r.get("deadline"),
                "sample": _flag(r.get("sample")),
            }
        )

    links = dict(conn.execute("SELECT code, id FROM industries WHERE level = 'link'").fetchall())
    created = now()
    for r in read_csv("targets.csv", directory):
        if r["link_code"] not in links:
            raise SeedError(f"targets.csv {r['name']}: {r['link_code']!r} is not a chain link")
        db["targets"].insert(
            {
                "name": r["name"],
                "name_folded": fold(r["name"]),
                "link_id": links[r["link_code"]],
                "priority": r.get("priority"),
                "reason": r.get("reason"),
                "status": r.get("status") or "open",
                "note": r.get("note"),
                "created_at": created,
                "sample": _flag(r.get("sample")),
            }
        )


EXTRA_LOADERS.append(load_lists)
