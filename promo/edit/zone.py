"""The zone profile (name, office contact in zh and en, exchange rate) and a zone of one's own.

Seeded values the office has not replaced yet are listed in zone.sample_fields and shown with ※; a value
the office sets leaves the list.
"""

from __future__ import annotations

import json
import re
import sqlite3

from promo.edit import parsers as p
from promo.edit.record import Field, parse_record, require_write, update
from promo.errors import BadValue, Rejected
from promo.i18n import N_, _
from promo.summary import note as journal_note
from promo.text import fold

OFFICE_FIELDS = ("office_name", "office_name_en", "office_phone", "office_email", "office_address", "office_address_en")
ZONE_FIELDS = (
    Field("name", "--name", p.name, clearable=False),
    Field("name_en", "--name-en", p.text(200)),
    Field("positioning", "--positioning", p.text()),
    Field("positioning_en", "--positioning-en", p.text()),
    Field("location", "--location", p.text(300)),
    Field("location_en", "--location-en", p.text(300)),
    Field("planned_area_km2", "--planned-area", p.number(above=0, maximum=100_000)),
    Field("office_name", "--office", p.text(200)),
    Field("office_name_en", "--office-en", p.text(200)),
    Field("office_phone", "--office-phone", p.phone),
    Field("office_email", "--office-email", p.email),
    Field("office_address", "--address", p.text(300)),
    Field("office_address_en", "--address-en", p.text(300)),
    Field("usd_cny_rate", "--usd-cny-rate", p.number(above=0, maximum=1000)),
)
LABELS = {  # shown translated (promo zone)
    "name": N_("Name"),
    "name_en": N_("English name"),
    "positioning": N_("Positioning"),
    "positioning_en": N_("Positioning (en)"),
    "location": N_("Location"),
    "location_en": N_("Location (en)"),
    "planned_area_km2": N_("Planned area km²"),
    "office_name": N_("Office"),
    "office_name_en": N_("Office (en)"),
    "office_phone": N_("Phone"),
    "office_email": N_("E-mail"),
    "office_address": N_("Address"),
    "office_address_en": N_("Address (en)"),
    "usd_cny_rate": N_("CNY per USD"),
}


def _marked(zone: dict) -> list[str]:
    if zone.get("sample_fields") is None:  # the seed zone: every office value it came with is a sample
        return [k for k in OFFICE_FIELDS if zone.get(k) is not None] if zone.get("office_sample") else []
    return json.loads(zone["sample_fields"])


def is_sample(zone: dict, key: str) -> bool:
    """Whether a zone field still holds a value that came with the seed data (shown with ※)."""
    return key in _marked(zone)


def profile(conn: sqlite3.Connection) -> list[dict]:
    """The zone profile as rows of field, label, value and whether it is still a sample value."""
    zone = conn.execute("SELECT * FROM zone ORDER BY id LIMIT 1").fetchone()
    if zone is None:
        raise Rejected(
            _("the catalogue has no zone record"),
            _("start one: {command}").format(command="promo init --empty --zone NAME"),
        )
    zone = dict(zone)
    settings = dict(conn.execute("SELECT key, value FROM settings").fetchall())
    zone["usd_cny_rate"] = float(settings["usd_cny_rate"]) if settings.get("usd_cny_rate") else None
    marked = set(_marked(zone))
    if str(settings.get("usd_cny_rate_sample", "")).strip() in ("1", "true"):
        marked.add("usd_cny_rate")
    return [
        {"field": f.key, "label": LABELS[f.key], "value": zone.get(f.key), "sample": f.key in marked}
        for f in ZONE_FIELDS
    ]


def set_profile(
    conn: sqlite3.Connection, raw: dict, *, names: dict | None = None, samples: frozenset[str] = frozenset()
) -> list[str]:
    """Set the zone fields given ('' clears one); each loses its sample mark, but for those in `samples` (an
    import of a sheet that marks them). Returns the fields changed."""
    require_write(conn, "zone.set_profile")
    v = parse_record(conn, raw, ZONE_FIELDS, partial=True, names=names)
    if not v:
        raise BadValue("zone set", "", _("give at least one field to set, e.g. --office-phone 0531-12345678"))
    zone = dict(conn.execute("SELECT * FROM zone ORDER BY id LIMIT 1").fetchone())
    rate_given = "usd_cny_rate" in v
    rate = v.pop("usd_cny_rate", None)
    if rate_given:
        if rate is None:
            raise BadValue("--usd-cny-rate", "''", _("the English brief needs a rate; give one such as 7.10"))

        upsert = (
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        )
        conn.execute(upsert, ("usd_cny_rate", f"{rate:g}"))
        conn.execute(upsert, ("usd_cny_rate_sample", "1" if "usd_cny_rate" in samples else "0"))
    for zh in ("office_name", "office_address"):
        # a new Chinese value makes the old English one a translation of something else
        if zh in v and zh + "_en" not in v and zone.get(zh + "_en") and zh + "_en" in _marked(zone):
            v[zh + "_en"] = None
    marked = [k for k in _marked(zone) if k not in v] + [k for k in v if k in samples and v[k] is not None]
    changes = dict(v, sample_fields=json.dumps(marked))
    changes["office_sample"] = int(any(k.startswith("office_") for k in marked))
    update(conn, "zone", zone["id"], changes)
    changed = list(v) + (["usd_cny_rate"] if rate_given else [])
    return {"changed": changed, "summary": journal_note(N_("zone set {fields}"), fields=changed)}


def zone_code(name: str) -> str:
    """A code for a zone from its name: ASCII letters of it, else 'zone'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:40] or "zone"


def empty_loader(name: str, name_en: str | None = None):
    """A seeds.build_catalogue loader for a zone of one's own: the zone record and the reference
    vocabularies (facility kinds; stages and countries live in code), nothing of the seed zone."""
    from promo.edit.parsers import name as parse_name

    zone_name = parse_name(None, name, "--zone")

    def load(conn: sqlite3.Connection, directory=None) -> dict:
        from promo.seeding import read_csv

        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO zone (id, code, name, name_en, aliases, sample_fields) VALUES (1, ?, ?, ?, '[]', '[]')",
            (zone_code(zone_name), zone_name, name_en),
        )
        for r in read_csv("facilities.csv", directory):
            conn.execute(
                "INSERT INTO facilities (name, name_en, name_folded) VALUES (?, ?, ?)",
                (r["name"], r.get("name_en"), fold(r["name"])),
            )
        # an exchange rate for English briefs until the office sets its own (marked ※ until then)
        for r in read_csv("settings.csv", directory):
            conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (r["key"], r["value"]))
        # the schema's usual 帮办代办 paths name the seed zone's industries too; here they would name none
        conn.execute(
            "DELETE FROM service_templates WHERE industry_code IS NOT NULL "
            "AND industry_code NOT IN (SELECT code FROM industries)"
        )
        conn.execute("COMMIT")
        facilities = conn.execute("SELECT count(*) FROM facilities").fetchone()[0]
        return {"facility kinds": facilities}

    return load
