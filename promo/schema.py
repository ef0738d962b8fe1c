"""The catalogue's schema, as forward migrations numbered by PRAGMA user_version.

Each migration is registered under a number that can be used only once, and runs in one transaction
with its version bump, so a failed migration leaves the catalogue as it was.
"""

from __future__ import annotations

from collections.abc import Callable

MIGRATIONS: dict[int, Callable] = {}


def migration(number: int):
    """Register a migration function under `number`; two migrations can never share one."""

    def register(fn):
        if number in MIGRATIONS:
            raise RuntimeError(f"migration {number} defined twice: {MIGRATIONS[number].__name__}, {fn.__name__}")
        MIGRATIONS[number] = fn
        return fn

    return register


def latest_version() -> int:
    return max(MIGRATIONS)


def statements(script: str) -> list[str]:
    """Split a SQL script into complete statements (trigger bodies included)."""
    import sqlite3

    out, buf = [], []
    for line in script.splitlines(keepends=True):
        buf.append(line)
        candidate = "".join(buf)
        if sqlite3.complete_statement(candidate):
            if candidate.strip():
                out.append(candidate.strip())
            buf = []
    if "".join(buf).strip():
        out.append("".join(buf).strip())
    return out


INITIAL = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE zone (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_en TEXT,
    aliases TEXT,                -- JSON list of other names
    positioning TEXT,
    positioning_en TEXT,
    location TEXT,
    location_en TEXT,
    planned_area_km2 REAL CHECK (planned_area_km2 IS NULL OR planned_area_km2 > 0),
    founded_year INTEGER,
    office_name TEXT,
    office_name_en TEXT,
    office_phone TEXT,
    office_email TEXT,
    office_address TEXT,
    office_sample INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE zone_figures (
    id INTEGER PRIMARY KEY,
    zone_id INTEGER NOT NULL REFERENCES zone(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    label_en TEXT,
    value REAL NOT NULL,
    unit TEXT,
    unit_en TEXT,
    year INTEGER,
    source TEXT
);

-- 招商目录: leading industry → chain → chain link (上游/中游/下游)
CREATE TABLE industries (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    parent_id INTEGER REFERENCES industries(id),
    level TEXT NOT NULL CHECK (level IN ('industry', 'chain', 'link')),
    segment TEXT CHECK (segment IS NULL OR segment IN ('上游', '中游', '下游')),
    name TEXT NOT NULL,
    name_en TEXT,
    name_folded TEXT NOT NULL,
    sort INTEGER NOT NULL DEFAULT 0,
    sample INTEGER NOT NULL DEFAULT 0,
    source TEXT
);
CREATE INDEX industries_parent ON industries(parent_id);

CREATE TABLE clusters (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_en TEXT,
    name_folded TEXT NOT NULL,
    description TEXT,
    source TEXT
);

-- 资源清单: carriers, their units, facilities, platforms
CREATE TABLE carriers (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_en TEXT,
    name_folded TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('park', 'building', 'land', 'incubator', 'cluster')),
    address TEXT,
    lat REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
    lon REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),
    operator TEXT,
    description TEXT,
    description_en TEXT,
    contact_name TEXT,
    contact_phone TEXT,
    status TEXT,
    sample INTEGER NOT NULL DEFAULT 0,
    source TEXT
);

CREATE TABLE carrier_industries (
    carrier_id INTEGER NOT NULL REFERENCES carriers(id) ON DELETE CASCADE,
    industry_id INTEGER NOT NULL REFERENCES industries(id),
    PRIMARY KEY (carrier_id, industry_id)
);

CREATE TABLE facilities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    name_en TEXT,
    name_folded TEXT NOT NULL UNIQUE
);

CREATE TABLE enterprises (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_en TEXT,
    name_folded TEXT NOT NULL UNIQUE,
    uscc TEXT UNIQUE,
    uscc_bad_check INTEGER NOT NULL DEFAULT 0,
    kind TEXT NOT NULL DEFAULT 'company' CHECK (kind IN ('company', 'hospital', 'institute')),
    industry_id INTEGER REFERENCES industries(id),
    carrier_id INTEGER REFERENCES carriers(id),
    stage TEXT NOT NULL CHECK (stage IN ('意向', '洽谈', '签约', '注册', '落地', '投产', '达效')),
    stage_date TEXT,
    investment_wan REAL CHECK (investment_wan IS NULL OR investment_wan >= 0),
    jobs INTEGER CHECK (jobs IS NULL OR jobs >= 0),
    source_channel TEXT,
    country TEXT,
    owner TEXT,
    owner_since TEXT,
    contact TEXT,
    phone TEXT,
    note TEXT,
    code_name TEXT,
    created_at TEXT NOT NULL,
    sample INTEGER NOT NULL DEFAULT 0,
    source TEXT
);
CREATE INDEX enterprises_stage ON enterprises(stage);
CREATE INDEX enterprises_industry ON enterprises(industry_id);
CREATE INDEX enterprises_carrier ON enterprises(carrier_id);

CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    carrier_id INTEGER NOT NULL REFERENCES carriers(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    building TEXT,
    floor INTEGER,
    area_m2 REAL NOT NULL CHECK (area_m2 > 0),
    rent REAL CHECK (rent IS NULL OR rent >= 0),          -- 元/㎡·天
    status TEXT NOT NULL CHECK (status IN ('vacant', 'reserved', 'leased')),
    enterprise_id INTEGER REFERENCES enterprises(id),      -- the one holder; NULL for unnamed tenants
    floor_load_kn REAL CHECK (floor_load_kn IS NULL OR floor_load_kn > 0),
    ceiling_m REAL CHECK (ceiling_m IS NULL OR ceiling_m > 0),
    ready_date TEXT,
    note TEXT,
    sample INTEGER NOT NULL DEFAULT 0,
    UNIQUE (carrier_id, code),
    CHECK (enterprise_id IS NULL OR status = 'leased')
);
CREATE INDEX units_status ON units(status, carrier_id);
CREATE INDEX units_enterprise ON units(enterprise_id);

CREATE TABLE unit_facilities (
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    facility_id INTEGER NOT NULL REFERENCES facilities(id),
    PRIMARY KEY (unit_id, facility_id)
);
CREATE INDEX unit_facilities_facility ON unit_facilities(facility_id);

CREATE TABLE platforms (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_en TEXT,
    name_folded TEXT NOT NULL UNIQUE,
    kind TEXT,
    level TEXT CHECK (level IS NULL OR level IN ('national', 'provincial', 'municipal', 'zone')),
    carrier_id INTEGER REFERENCES carriers(id),
    description TEXT,
    description_en TEXT,
    source TEXT
);

-- pipeline: every stage move, follow-up activities, per-stage deadlines
CREATE TABLE stage_history (
    id INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    stage TEXT NOT NULL CHECK (stage IN ('意向', '洽谈', '签约', '注册', '落地', '投产', '达效')),
    date TEXT NOT NULL,
    reason TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX stage_history_enterprise ON stage_history(enterprise_id, date);

CREATE TABLE activities (
    id INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('visit', 'call', 'meeting', 'event')),
    date TEXT NOT NULL,
    note TEXT,
    next_date TEXT,
    owner TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX activities_enterprise ON activities(enterprise_id, date);

CREATE TABLE stage_deadlines (
    stage TEXT PRIMARY KEY CHECK (stage IN ('意向', '洽谈', '签约', '注册', '落地', '投产', '达效')),
    days INTEGER NOT NULL CHECK (days > 0)
);

-- 招商目录 targets: enterprises the zone wants on a chain link
CREATE TABLE targets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_folded TEXT NOT NULL UNIQUE,
    link_id INTEGER NOT NULL REFERENCES industries(id),
    priority TEXT,
    reason TEXT,
    status TEXT NOT NULL DEFAULT 'open',
    enterprise_id INTEGER REFERENCES enterprises(id),
    note TEXT,
    created_at TEXT NOT NULL,
    sample INTEGER NOT NULL DEFAULT 0
);

-- 产业政策 and their eligibility (each field empty = no restriction)
CREATE TABLE policies (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_en TEXT,
    name_folded TEXT NOT NULL UNIQUE,
    issuer TEXT,
    issuer_en TEXT,
    level TEXT CHECK (level IS NULL OR level IN ('national', 'provincial', 'municipal', 'zone')),
    kind TEXT,
    start_date TEXT,
    end_date TEXT,
    cap_wan REAL CHECK (cap_wan IS NULL OR cap_wan >= 0),
    rate REAL CHECK (rate IS NULL OR rate >= 0),
    description TEXT,
    description_en TEXT,
    sample INTEGER NOT NULL DEFAULT 0,
    source TEXT
);

CREATE TABLE policy_eligibility (
    policy_id INTEGER PRIMARY KEY REFERENCES policies(id) ON DELETE CASCADE,
    industries TEXT,            -- JSON list of industry codes (any level; a leading industry covers its chains)
    enterprise_kinds TEXT,      -- JSON list: company, hospital, institute
    min_investment_wan REAL,
    stages TEXT,                -- JSON list of stages
    carriers TEXT,              -- JSON list of carrier codes
    countries TEXT,             -- JSON list; '境外' means any country but 中国
    sample INTEGER NOT NULL DEFAULT 1
);

-- 准入机制
CREATE TABLE criteria (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_en TEXT,
    metric TEXT NOT NULL,        -- investment_intensity, output_per_mu, tax_per_mu, rd_share, jobs, ...
    op TEXT NOT NULL CHECK (op IN ('>=', '<=')),
    threshold REAL NOT NULL,
    unit TEXT,
    carrier_id INTEGER REFERENCES carriers(id),
    industry_id INTEGER REFERENCES industries(id),
    description TEXT,
    sample INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE negative_list (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('禁止', '限制')),
    item TEXT NOT NULL,
    keywords TEXT,               -- JSON list of folded keywords that flag a prospect
    description TEXT,
    sample INTEGER NOT NULL DEFAULT 1
);

-- 创新场景机会清单
CREATE TABLE scenarios (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    title_folded TEXT NOT NULL,
    owner TEXT NOT NULL,
    owner_kind TEXT,
    industry_id INTEGER REFERENCES industries(id),
    need TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'matched', 'closed')),
    published TEXT,
    deadline TEXT,
    sample INTEGER NOT NULL DEFAULT 1
);

-- a prospect's saved needs, for promo match
CREATE TABLE needs (
    enterprise_id INTEGER PRIMARY KEY REFERENCES enterprises(id) ON DELETE CASCADE,
    industry_id INTEGER REFERENCES industries(id),
    min_area REAL,
    max_area REAL,
    max_rent REAL,
    facilities TEXT,            -- JSON list of facility names
    investment_wan REAL,
    land_mu REAL,
    last_matched_at TEXT,
    last_match_units TEXT       -- JSON list of unit ids seen vacant at the last match
);

-- change journal: one entry per writing command, its row changes for undo
CREATE TABLE journal (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT,
    command TEXT,
    summary TEXT,
    undone_by INTEGER REFERENCES journal(id)
);

CREATE TABLE journal_changes (
    id INTEGER PRIMARY KEY,
    journal_id INTEGER NOT NULL REFERENCES journal(id) ON DELETE CASCADE,
    tbl TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    old TEXT,
    new TEXT
);
CREATE INDEX journal_changes_journal ON journal_changes(journal_id);
CREATE INDEX journal_changes_row ON journal_changes(tbl, row_id);
"""


@migration(1)
def m001_initial(conn) -> None:
    """The whole product's tables."""
    for statement in statements(INITIAL):
        conn.execute(statement)


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
