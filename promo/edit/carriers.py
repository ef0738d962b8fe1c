"""资源清单 carriers and platforms: add, update and remove, inside the caller's promo.db.write."""

from __future__ import annotations

import re
import sqlite3

from promo.edit import parsers as p
from promo.edit.record import Field, insert, parse_record, refuse_if_used, require_write, update
from promo.errors import BadValue, Rejected
from promo.i18n import N_, _
from promo.lookup import find
from promo.summary import note as journal_note
from promo.text import fold


def _coordinate(low: float, high: float):
    return p.number(minimum=low, maximum=high)


CARRIER_FIELDS = (
    Field("name", "--name", p.name, required=True),
    Field("name_en", "--name-en", p.text(200)),
    Field("code", "--code", p.text(60)),
    Field("kind", "--kind", p.coded("carrier_kind"), required=True),
    Field("address", "--address", p.text(300)),
    Field("lat", "--lat", _coordinate(-90, 90)),
    Field("lon", "--lon", _coordinate(-180, 180)),
    Field("operator", "--operator", p.text(200)),
    Field("contact_name", "--contact", p.text(100)),
    Field("contact_phone", "--phone", p.phone),
    Field("industries", "--industry", p.each(p.lookup("industries", N_("industry"))), multiple=True),
    Field("status", "--status", p.text(40)),
    Field("description", "--description", p.text()),
    Field("description_en", "--description-en", p.text()),
)

PLATFORM_LEVELS = {"national": "国家级", "provincial": "省级", "municipal": "市级", "zone": "园区级"}

PLATFORM_FIELDS = (
    Field("name", "--name", p.name, required=True),
    Field("name_en", "--name-en", p.text(200)),
    Field("code", "--code", p.text(60)),
    Field("kind", "--kind", p.text(60)),
    Field(
        "level",
        "--level",
        p.choice(
            PLATFORM_LEVELS, {"国家": "national", "省": "provincial", "市": "municipal", "园区": "zone", "区": "zone"}
        ),
    ),
    Field("carrier_id", "--carrier", p.lookup("carriers", N_("carrier"))),
    Field("description", "--description", p.text()),
    Field("description_en", "--description-en", p.text()),
)


def new_code(conn: sqlite3.Connection, table: str, name: str, name_en: str | None, prefix: str) -> str:
    """A unique code for a new record: its English name as a slug, else PREFIX-N."""
    base = re.sub(r"[^a-z0-9]+", "-", (name_en or "").lower()).strip("-")[:40] or None
    if base is None and name.isascii():
        base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or None
    if base is None:
        n = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] + 1
        base = f"{prefix}-{n}"
    code, n = base, 1
    while conn.execute(f"SELECT 1 FROM {table} WHERE code = ?", (code,)).fetchone():
        n += 1
        code = f"{base}-{n}"
    return code


def _refuse_duplicate(conn, table: str, what: str, name: str, code: str | None, exclude: int | None = None) -> None:
    row = conn.execute(
        f"SELECT name FROM {table} WHERE name_folded = ? AND id IS NOT ?", (fold(name), exclude)
    ).fetchone()
    if row:
        raise Rejected(
            _("a {what} named {name!r} is already in the catalogue").format(what=_(what), name=row[0]),
            _("give another name, or update that one"),
        )
    if code and conn.execute(f"SELECT 1 FROM {table} WHERE code = ? AND id IS NOT ?", (code, exclude)).fetchone():
        raise Rejected(_("--code {code}: another {what} has this code").format(code=code, what=_(what)))


def _set_industries(conn, carrier_id: int, ids: list[int]) -> None:
    kept = ",".join(str(int(i)) for i in ids)
    where = f" AND industry_id NOT IN ({kept})" if kept else ""
    conn.execute(f"DELETE FROM carrier_industries WHERE carrier_id = ?{where}", (carrier_id,))
    for industry_id in ids:
        conn.execute(
            "INSERT OR IGNORE INTO carrier_industries (carrier_id, industry_id) VALUES (?, ?)",
            (carrier_id, industry_id),
        )


def _keep_code(row, v: dict) -> None:
    # codes are what policies' eligibility and seed files refer to: a record keeps the one it was given
    if v.get("code") not in (None, row["code"]):
        raise BadValue(
            "--code",
            v["code"],
            _("a code is kept for good ({name} is {code})").format(name=row["name"], code=row["code"]),
        )
    v.pop("code", None)


def _place(v: dict, crs: str, before: dict | None = None) -> list[str]:
    """Coordinates as typed (WGS-84, or copied from 高德 gcj02 / 百度 bd09) made WGS-84 in `v`, through
    promo.geo; returns the warning when the point looks swapped or lies outside China."""
    from promo.geo import CRS, stored_point

    crs = (crs or "wgs84").strip().lower()
    if crs not in CRS:
        stored_point(0, 0, crs)  # refused there, naming --crs and the value
    if crs != "wgs84" and (v.get("lat") is None or v.get("lon") is None):
        raise BadValue("--crs", crs, _("converts a whole point: give both --lat and --lon with it"))
    lat = v["lat"] if "lat" in v else (before or {}).get("lat")
    lon = v["lon"] if "lon" in v else (before or {}).get("lon")
    if ("lat" not in v and "lon" not in v) or lat is None or lon is None:
        return []
    v["lat"], v["lon"], warning = stored_point(lat, lon, crs)
    return [f"({lat}, {lon}): {warning}"] if warning else []


def add_carrier(conn: sqlite3.Connection, raw: dict, *, names: dict | None = None) -> dict:
    """Add a carrier from typed fields (name and kind required); returns its row."""
    require_write(conn, "add_carrier")
    raw = dict(raw)
    crs = raw.pop("crs", None)
    v = parse_record(conn, raw, CARRIER_FIELDS, names=names)
    warnings = _place(v, crs)
    _refuse_duplicate(conn, "carriers", N_("carrier"), v["name"], v.get("code"))
    industries = v.pop("industries", [])
    v["code"] = v.get("code") or new_code(conn, "carriers", v["name"], v.get("name_en"), "carrier")
    v["name_folded"] = fold(v["name"])
    carrier_id = insert(conn, "carriers", v)
    _set_industries(conn, carrier_id, industries)
    row = dict(conn.execute("SELECT * FROM carriers WHERE id = ?", (carrier_id,)).fetchone())
    return dict(row, summary=journal_note(N_("add carrier {name}"), name=row["name"]), warnings=warnings)


def update_carrier(conn: sqlite3.Connection, name: str, raw: dict, *, names: dict | None = None) -> dict:
    """Change the fields given of the carrier `name` designates ('' clears a field); returns the new row."""
    require_write(conn, "update_carrier")
    row = find(conn, "carriers", name, _("carrier"))
    raw = dict(raw)
    crs = raw.pop("crs", None)
    v = parse_record(conn, raw, CARRIER_FIELDS, partial=True, names=names)
    _keep_code(row, v)
    warnings = _place(v, crs, dict(row))
    if "name" in v or "code" in v:
        _refuse_duplicate(conn, "carriers", N_("carrier"), v.get("name", row["name"]), v.get("code"), row["id"])
    if "name" in v:
        v["name_folded"] = fold(v["name"])
    if "industries" in v:
        _set_industries(conn, row["id"], v.pop("industries"))
    from promo.schema_carrier_samples import replaced

    # a seeded coordinate or contact the office replaces is no longer a sample (it loses its ※)
    v |= replaced(row, v)
    update(conn, "carriers", row["id"], v)
    new = dict(conn.execute("SELECT * FROM carriers WHERE id = ?", (row["id"],)).fetchone())
    return dict(new, summary=journal_note(N_("update carrier {name}"), name=row["name"]), warnings=warnings)


def _names(conn, sql: str, params) -> list[str]:
    return [r[0] for r in conn.execute(sql, params)]


def remove_carrier(conn: sqlite3.Connection, name: str) -> dict:
    """Remove a carrier nothing hangs on; refuses naming its units, tenants, platforms and criteria."""
    require_write(conn, "remove_carrier")
    row = find(conn, "carriers", name, _("carrier"))
    cid = row["id"]
    refuse_if_used(
        N_("carrier"),
        row["name"],
        [
            (N_("units"), _names(conn, "SELECT code FROM units WHERE carrier_id = ? ORDER BY code", (cid,))),
            (
                N_("enterprises"),
                _names(conn, "SELECT name FROM enterprises WHERE carrier_id = ? ORDER BY name", (cid,)),
            ),
            (N_("platforms"), _names(conn, "SELECT name FROM platforms WHERE carrier_id = ? ORDER BY name", (cid,))),
            (N_("criteria"), _names(conn, "SELECT name FROM criteria WHERE carrier_id = ? ORDER BY name", (cid,))),
            (
                N_("policies"),
                _names(
                    conn,
                    "SELECT p.name FROM policies p JOIN policy_eligibility e ON e.policy_id = p.id, "
                    "json_each(e.carriers) j WHERE j.value = ? ORDER BY p.name",
                    (row["code"],),
                ),
            ),
        ],
        N_("remove or move those first (promo units remove …, promo enterprises update NAME --carrier …)"),
    )
    conn.execute("DELETE FROM carriers WHERE id = ?", (cid,))
    return dict(row, summary=journal_note(N_("remove carrier {name}"), name=row["name"]))


def add_platform(conn: sqlite3.Connection, raw: dict, *, names: dict | None = None) -> dict:
    """Add a public service platform (公共服务平台); returns its row."""
    require_write(conn, "add_platform")
    v = parse_record(conn, raw, PLATFORM_FIELDS, names=names)
    _refuse_duplicate(conn, "platforms", N_("platform"), v["name"], v.get("code"))
    v["code"] = v.get("code") or new_code(conn, "platforms", v["name"], v.get("name_en"), "platform")
    v["name_folded"] = fold(v["name"])
    platform_id = insert(conn, "platforms", v)
    row = dict(conn.execute("SELECT * FROM platforms WHERE id = ?", (platform_id,)).fetchone())
    return dict(row, summary=journal_note(N_("add platform {name}"), name=row["name"]))


def update_platform(conn: sqlite3.Connection, name: str, raw: dict, *, names: dict | None = None) -> dict:
    """Change the fields given of a platform; returns the new row."""
    require_write(conn, "update_platform")
    row = find(conn, "platforms", name, _("platform"))
    v = parse_record(conn, raw, PLATFORM_FIELDS, partial=True, names=names)
    _keep_code(row, v)
    if "name" in v or "code" in v:
        _refuse_duplicate(conn, "platforms", N_("platform"), v.get("name", row["name"]), v.get("code"), row["id"])
    if "name" in v:
        v["name_folded"] = fold(v["name"])
    update(conn, "platforms", row["id"], v)
    new = dict(conn.execute("SELECT * FROM platforms WHERE id = ?", (row["id"],)).fetchone())
    return dict(new, summary=journal_note(N_("update platform {name}"), name=row["name"]))


def remove_platform(conn: sqlite3.Connection, name: str) -> dict:
    """Remove a platform (nothing refers to platforms)."""
    require_write(conn, "remove_platform")
    row = find(conn, "platforms", name, _("platform"))
    conn.execute("DELETE FROM platforms WHERE id = ?", (row["id"],))
    return dict(row, summary=journal_note(N_("remove platform {name}"), name=row["name"]))
