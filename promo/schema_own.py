"""Migration 5: every list the office's own — unit states and leases, land parcels, the zone profile's
sample marks, deadline rules in force since a date, and 一事一议 exceptions to the access criteria."""

from __future__ import annotations

from promo.schema import migration, rebuild_table, statements

UNITS_V5 = """
CREATE TABLE units_v5 (
    id INTEGER PRIMARY KEY,
    carrier_id INTEGER NOT NULL REFERENCES carriers(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    building TEXT,
    floor INTEGER,
    area_m2 REAL NOT NULL CHECK (area_m2 > 0),
    rent REAL CHECK (rent IS NULL OR rent >= 0),          -- 元/㎡·天
    status TEXT NOT NULL CHECK (status IN ('vacant', 'reserved', 'leased', 'fitout', 'held')),
    enterprise_id INTEGER REFERENCES enterprises(id),      -- the one holder (tenant or reserver); NULL if unnamed
    floor_load_kn REAL CHECK (floor_load_kn IS NULL OR floor_load_kn > 0),
    ceiling_m REAL CHECK (ceiling_m IS NULL OR ceiling_m > 0),
    ready_date TEXT,
    note TEXT,
    sample INTEGER NOT NULL DEFAULT 0,
    kind TEXT NOT NULL DEFAULT 'space' CHECK (kind IN ('space', 'land')),
    lease_start TEXT,
    lease_end TEXT,
    status_until TEXT,
    status_reason TEXT,
    plot_ratio REAL CHECK (plot_ratio IS NULL OR plot_ratio > 0),                     -- 容积率
    intensity_wan_mu REAL CHECK (intensity_wan_mu IS NULL OR intensity_wan_mu >= 0),  -- 投资强度 万元/亩
    tax_wan_mu REAL CHECK (tax_wan_mu IS NULL OR tax_wan_mu >= 0),                    -- 亩均税收 万元/亩
    UNIQUE (carrier_id, code),
    CHECK (enterprise_id IS NULL OR status IN ('leased', 'reserved')),
    CHECK (lease_start IS NULL OR lease_end IS NULL OR lease_end >= lease_start)
)
"""

OWN = """
CREATE INDEX units_lease_end ON units(lease_end) WHERE lease_end IS NOT NULL;
CREATE INDEX units_kind ON units(kind, status);
ALTER TABLE zone ADD COLUMN office_address_en TEXT;
-- JSON list of the zone's fields still holding sample values; a value the office sets leaves the list
ALTER TABLE zone ADD COLUMN sample_fields TEXT;
ALTER TABLE stage_deadlines ADD COLUMN since TEXT;
ALTER TABLE stage_deadlines ADD COLUMN sample INTEGER NOT NULL DEFAULT 0;
ALTER TABLE policies ADD COLUMN doc_no TEXT;

-- 一事一议: a criterion an enterprise need not meet, decided case by case, with who approved it and when
CREATE TABLE criteria_exceptions (
    id INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    criterion_id INTEGER NOT NULL REFERENCES criteria(id) ON DELETE CASCADE,
    approved_by TEXT NOT NULL,
    approved_on TEXT NOT NULL,
    note TEXT,
    UNIQUE (enterprise_id, criterion_id)
);
"""

OFFICE_FIELDS = ("office_name", "office_name_en", "office_phone", "office_email", "office_address", "office_address_en")


@migration(5)
def m005_own_lists(conn) -> None:
    """Unit states 装修中/不可租 with lease dates and land indicators; per-field sample marks on the zone;
    deadline rules with the date they apply from; policy 文号; 一事一议 exceptions."""
    import json

    from promo.text import today

    rebuild_table(conn, "units", UNITS_V5, "units_v5", 5)
    for statement in statements(OWN):
        conn.execute(statement)
    for zone_id, *values in conn.execute(f"SELECT id, office_sample, {', '.join(OFFICE_FIELDS)} FROM zone").fetchall():
        sample, fields = values[0], values[1:]
        marked = [k for k, v in zip(OFFICE_FIELDS, fields, strict=True) if v is not None] if sample else []
        conn.execute("UPDATE zone SET sample_fields = ? WHERE id = ?", (json.dumps(marked), zone_id))
    # rules that existed before are judged from now on: an older stay in a stage was under no rule
    conn.execute("UPDATE stage_deadlines SET since = ?, sample = 1", (today(),))
