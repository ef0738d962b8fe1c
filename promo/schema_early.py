"""Migrations 2 to 4, frozen as they shipped: the pipeline's indexes, the other lists' columns and the match
memory, and units rebuilt so a lead can reserve one (its table as it was then, not as it is now)."""

from __future__ import annotations

from promo.schema import migration, statements

PIPELINE = """
CREATE INDEX enterprises_owner ON enterprises(owner, stage);
CREATE INDEX enterprises_source ON enterprises(source_channel);
CREATE INDEX enterprises_stage_date ON enterprises(stage_date);
CREATE INDEX enterprises_code_name ON enterprises(code_name) WHERE code_name IS NOT NULL;
CREATE INDEX stage_history_date ON stage_history(date);
CREATE INDEX activities_next ON activities(next_date) WHERE next_date IS NOT NULL;
CREATE INDEX journal_user ON journal(user, id);
"""


@migration(2)
def m002_pipeline(conn) -> None:
    """Indexes for the pipeline's filters (owner, channel, stage date, code name), its time series, the
    follow-ups of promo overdue, and promo log --user."""
    for statement in statements(PIPELINE):
        conn.execute(statement)


LISTS = """
ALTER TABLE needs ADD COLUMN output_wan REAL CHECK (output_wan IS NULL OR output_wan >= 0);
ALTER TABLE needs ADD COLUMN tax_wan REAL CHECK (tax_wan IS NULL OR tax_wan >= 0);
ALTER TABLE needs ADD COLUMN rd_wan REAL CHECK (rd_wan IS NULL OR rd_wan >= 0);
ALTER TABLE needs ADD COLUMN jobs INTEGER CHECK (jobs IS NULL OR jobs >= 0);
ALTER TABLE needs ADD COLUMN min_floor_load REAL CHECK (min_floor_load IS NULL OR min_floor_load >= 0);
ALTER TABLE needs ADD COLUMN available_by TEXT;
ALTER TABLE needs ADD COLUMN business TEXT;
ALTER TABLE needs ADD COLUMN updated_at TEXT;
ALTER TABLE policy_eligibility ADD COLUMN rate_basis TEXT
    CHECK (rate_basis IS NULL OR rate_basis IN ('investment', 'annual_rent', 'rd_spend'));
ALTER TABLE policy_eligibility ADD COLUMN note TEXT;
ALTER TABLE scenarios ADD COLUMN owner_folded TEXT;
CREATE INDEX targets_link ON targets(link_id);
CREATE INDEX scenarios_industry ON scenarios(industry_id, status);

-- What `promo match --for` last saw, so the next run can name the units vacant since. It is kept out of
-- needs (needs.last_matched_at and last_match_units stay unused) and has no REFERENCES: a match is a
-- lookup written outside the change journal, and `promo undo` refuses to revert a row, or a parent of a
-- row, that changed outside the journal.
CREATE TABLE match_memory (
    enterprise_id INTEGER PRIMARY KEY,
    enterprise_key TEXT NOT NULL,   -- the enterprise's folded name: a reused id never inherits a memory
    matched_at TEXT NOT NULL,
    vacant_units TEXT NOT NULL      -- JSON list of the ids of every unit vacant at that match
);
"""


@migration(3)
def m003_lists(conn) -> None:
    """The other lists: prospect facts on saved needs (output, tax, R&D, jobs, business), what a policy's
    rate applies to (rate_basis), a folded scenario owner for searching, and the match memory."""
    from promo.text import fold

    for statement in statements(LISTS):
        conn.execute(statement)
    # scenarios written before this migration get their search key too
    for scenario_id, owner in conn.execute("SELECT id, owner FROM scenarios").fetchall():
        conn.execute("UPDATE scenarios SET owner_folded = ? WHERE id = ?", (fold(owner), scenario_id))


UNITS_V4 = """
CREATE TABLE units_v4 (
    id INTEGER PRIMARY KEY,
    carrier_id INTEGER NOT NULL REFERENCES carriers(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    building TEXT,
    floor INTEGER,
    area_m2 REAL NOT NULL CHECK (area_m2 > 0),
    rent REAL CHECK (rent IS NULL OR rent >= 0),          -- 元/㎡·天
    status TEXT NOT NULL CHECK (status IN ('vacant', 'reserved', 'leased')),
    enterprise_id INTEGER REFERENCES enterprises(id),      -- the one holder (tenant or reserver); NULL if unnamed
    floor_load_kn REAL CHECK (floor_load_kn IS NULL OR floor_load_kn > 0),
    ceiling_m REAL CHECK (ceiling_m IS NULL OR ceiling_m > 0),
    ready_date TEXT,
    note TEXT,
    sample INTEGER NOT NULL DEFAULT 0,
    UNIQUE (carrier_id, code),
    CHECK (enterprise_id IS NULL OR status IN ('leased', 'reserved'))
)
"""


@migration(4)
def m004_unit_reservations(conn) -> None:
    """A named enterprise may hold a unit reserved, not only leased: a lead (意向/洽谈) that picks a unit
    reserves it until it signs. SQLite cannot alter a CHECK, so the units table is rebuilt (SQLite's
    twelve-step procedure) with its rows, ids and indexes.

    Foreign keys cannot be switched off inside the migration's transaction, and dropping the old table
    deletes its rows first, which would cascade into the rows that refer to units (unit_facilities): those
    rows are set aside and put back, and every reference is checked before the transaction commits.
    """
    conn.execute("PRAGMA defer_foreign_keys = ON")
    indexes = [
        sql
        for (sql,) in conn.execute(
            "SELECT sql FROM main.sqlite_master WHERE type = 'index' AND tbl_name = 'units' AND sql IS NOT NULL"
        )
    ]
    columns = [r[1] for r in conn.execute("PRAGMA main.table_info(units)")]
    children = [
        table
        for (table,) in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name != 'units'")
        if any(fk[2] == "units" for fk in conn.execute(f'PRAGMA main.foreign_key_list("{table}")'))
    ]
    for table in children:
        conn.execute(f'CREATE TEMP TABLE "m004_{table}" AS SELECT rowid AS m004_rowid, * FROM main."{table}"')
    conn.execute(UNITS_V4)
    names = ", ".join(columns)
    conn.execute(f"INSERT INTO units_v4 ({names}) SELECT {names} FROM main.units")
    conn.execute("DROP TABLE main.units")
    conn.execute("ALTER TABLE units_v4 RENAME TO units")
    for sql in indexes:
        conn.execute(sql)
    for table in children:
        cols = [r[1] for r in conn.execute(f'PRAGMA main.table_info("{table}")')]
        listed = ", ".join(f'"{c}"' for c in cols)
        conn.execute(f'DELETE FROM main."{table}"')  # whatever the cascade left, put back as it was
        conn.execute(
            f'INSERT INTO main."{table}" (rowid, {listed}) SELECT m004_rowid, {listed} FROM temp."m004_{table}"'
        )
        conn.execute(f'DROP TABLE temp."m004_{table}"')
    broken = conn.execute("PRAGMA main.foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"migration 4 would break references: {broken[:5]}")
