"""Migration 5: every list the office's own — unit states and leases, land parcels, the zone profile's
sample marks, deadline rules in force since a date, and 一事一议 exceptions to the access criteria."""

from __future__ import annotations

from promo.schema import migration, statements

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
-- a rule not set by the office (promo overdue deadlines sets 0) came with the seed data: a sample
ALTER TABLE stage_deadlines ADD COLUMN sample INTEGER NOT NULL DEFAULT 1;
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


@migration(5)
def m005_own_lists(conn) -> None:
    """Unit states 装修中/不可租 with lease dates and land indicators; per-field sample marks on the zone;
    deadline rules with the date they apply from; policy 文号; 一事一议 exceptions."""
    from promo.text import today

    rebuild_table(conn, "units", UNITS_V5, "units_v5", 5)
    for statement in statements(OWN):
        conn.execute(statement)
    # rules that existed before are judged from now on: an older stay in a stage was under no rule
    conn.execute("UPDATE stage_deadlines SET since = ?, sample = 1", (today(),))


def rebuild_table(conn, table: str, create_sql: str, new_name: str, number: int) -> None:
    """Rebuild `table` from `create_sql` (which creates `new_name`), keeping its rows, ids and indexes:
    migration 4's procedure for any table (migration 4 itself stays as it ran).

    Foreign keys cannot be switched off inside a migration's transaction, and dropping the old table
    deletes its rows first, which would cascade into the rows that refer to it: those rows are set aside
    and put back, and every reference is checked before the transaction commits.
    """
    conn.execute("PRAGMA defer_foreign_keys = ON")
    indexes = [
        sql
        for (sql,) in conn.execute(
            "SELECT sql FROM main.sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (table,)
        )
    ]
    columns = [r[1] for r in conn.execute(f'PRAGMA main.table_info("{table}")')]
    children = [
        child
        for (child,) in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name != ?", (table,))
        if any(fk[2] == table for fk in conn.execute(f'PRAGMA main.foreign_key_list("{child}")'))
    ]
    for child in children:
        conn.execute(f'CREATE TEMP TABLE "rebuild_{child}" AS SELECT rowid AS rebuild_rowid, * FROM main."{child}"')
    conn.execute(create_sql)
    names = ", ".join(columns)
    conn.execute(f'INSERT INTO "{new_name}" ({names}) SELECT {names} FROM main."{table}"')
    conn.execute(f'DROP TABLE main."{table}"')
    conn.execute(f'ALTER TABLE "{new_name}" RENAME TO "{table}"')
    for sql in indexes:
        conn.execute(sql)
    for child in children:
        cols = [r[1] for r in conn.execute(f'PRAGMA main.table_info("{child}")')]
        listed = ", ".join(f'"{c}"' for c in cols)
        conn.execute(f'DELETE FROM main."{child}"')  # whatever the cascade left, put back as it was
        conn.execute(
            f'INSERT INTO main."{child}" (rowid, {listed}) SELECT rebuild_rowid, {listed} FROM temp."rebuild_{child}"'
        )
        conn.execute(f'DROP TABLE temp."rebuild_{child}"')
    broken = conn.execute("PRAGMA main.foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"migration {number} would break references: {broken[:5]}")
