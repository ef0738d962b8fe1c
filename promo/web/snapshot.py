"""The database `promo serve` shows: a copy of the catalogue built for the purpose, never the live file.

The public snapshot leaves out what must not leave the office — personal contacts, notes, owners, credit
codes, leads before 签约 and everything about them, the target list — by not copying it, so no page, facet, export or
search of the served file can reveal it. The internal snapshot copies every list. Both get the views
the web pages need and a search index rebuilt from what they hold.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from promo.vocabulary import SIGNED, sql_in, stage_order

_SIGNED_SQL = sql_in(SIGNED)

# table → columns copied in public (None: every column); tables not named here are not copied at all
PUBLIC = {
    "zone": None,
    "zone_figures": None,
    "industries": None,
    "clusters": None,
    "carriers": [
        "id",
        "code",
        "name",
        "name_en",
        "name_folded",
        "kind",
        "address",
        "lat",
        "lon",
        "operator",
        "description",
        "description_en",
        "status",
        "sample",
        "source",
    ],
    "carrier_industries": None,
    "facilities": None,
    "units": [
        "id",
        "carrier_id",
        "code",
        "building",
        "floor",
        "area_m2",
        "rent",
        "status",
        "enterprise_id",
        "floor_load_kn",
        "ceiling_m",
        "ready_date",
        "sample",
    ],
    "unit_facilities": None,
    "platforms": None,
    "enterprises": [
        "id",
        "name",
        "name_en",
        "name_folded",
        "kind",
        "industry_id",
        "carrier_id",
        "stage",
        "stage_date",
        "investment_wan",
        "jobs",
        "source_channel",
        "country",
        "created_at",
        "sample",
        "source",
    ],
    "stage_history": ["id", "enterprise_id", "stage", "date", "recorded_at"],
    "policies": None,
    "policy_eligibility": None,
    "criteria": None,
    "negative_list": None,
    "scenarios": None,
}
# rows that stay behind in public: a lead's name, history and reservations are not public until it signs
PUBLIC_ROWS = {
    "enterprises": f"stage IN {_SIGNED_SQL}",
    "stage_history": f"enterprise_id IN (SELECT id FROM main.enterprises WHERE stage IN {_SIGNED_SQL})",
}
# after copying: a unit a lead has reserved shows as reserved, without whom for
PUBLIC_FIXUPS = (
    "UPDATE units SET enterprise_id = NULL WHERE enterprise_id IS NOT NULL AND enterprise_id NOT IN "
    "(SELECT id FROM enterprises)",
)

VIEWS = {
    "vacant_units": """
CREATE VIEW vacant_units AS
SELECT u.id, c.name AS carrier, u.code AS unit, u.building, u.floor, u.area_m2, u.rent, u.floor_load_kn,
       u.ceiling_m, u.ready_date,
       (SELECT json_group_array(f.name) FROM unit_facilities uf JOIN facilities f ON f.id = uf.facility_id
         WHERE uf.unit_id = u.id) AS facilities,
       (SELECT json_group_array(i.name) FROM carrier_industries ci JOIN industries i ON i.id = ci.industry_id
         WHERE ci.carrier_id = c.id) AS industry,
       u.sample
FROM units u JOIN carriers c ON c.id = u.carrier_id
WHERE u.status = 'vacant'
ORDER BY c.id, u.building, u.floor, u.code""",
    "pipeline": """
CREATE VIEW pipeline AS
SELECT e.id, e.name, e.stage, e.stage_date, i.name AS industry, c.name AS carrier, e.investment_wan, e.jobs,
       e.source_channel, e.country
FROM enterprises e LEFT JOIN industries i ON i.id = e.industry_id LEFT JOIN carriers c ON c.id = e.carrier_id
ORDER BY """
    + stage_order("e.stage")
    + ", e.stage_date",
    "carrier_map": """
CREATE VIEW carrier_map AS
SELECT c.id, c.name, c.kind, c.status, c.lat AS latitude, c.lon AS longitude,
       (SELECT count(*) FROM units u WHERE u.carrier_id = c.id AND u.status = 'vacant') AS vacant_units,
       (SELECT coalesce(sum(area_m2), 0) FROM units u WHERE u.carrier_id = c.id AND u.status = 'vacant')
         AS vacant_area_m2,
       c.sample AS sample_coordinates
FROM carriers c WHERE c.lat IS NOT NULL AND c.lon IS NOT NULL""",
}

# what a search hit shows in the browser: filled beside the index, so the page needs no Python
SEARCH_DOCS = "CREATE TABLE search_docs (rowid INTEGER PRIMARY KEY, list TEXT, name TEXT, detail TEXT)"


def build(source: sqlite3.Connection, path: Path, *, internal: bool) -> dict[str, int]:
    """Write the snapshot of `source` to `path` (a new file); returns rows per table copied."""
    from promo import search_index

    dest = sqlite3.connect(path, isolation_level=None)
    try:
        source.execute("BEGIN")  # one read transaction: every table as of the same moment
        try:
            counts = _copy(source, dest, internal)
        finally:
            source.execute("ROLLBACK")
        dest.execute("BEGIN")
        for sql in VIEWS.values():
            dest.execute(sql)
        search_index.create(dest)
        search_index.rebuild(dest)
        dest.execute(SEARCH_DOCS)
        _fill_search_docs(dest)
        dest.execute("COMMIT")
        dest.execute("VACUUM")
    finally:
        dest.close()
    return counts


def columns(path: Path) -> dict[str, list[str]]:
    """Each table's and view's columns in a snapshot file."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
        return {n: [r[1] for r in conn.execute(f'PRAGMA table_info("{n}")')] for n in names}
    finally:
        conn.close()


def _copy(source: sqlite3.Connection, dest: sqlite3.Connection, internal: bool) -> dict[str, int]:
    counts = {}
    schema = {
        name: sql
        for name, sql in source.execute("SELECT name, sql FROM main.sqlite_master WHERE type = 'table'")
        if sql and not sql.upper().startswith("CREATE VIRTUAL") and not name.startswith(("sqlite_", "search_index"))
    }
    tables = list(schema) if internal else [t for t in PUBLIC if t in schema]
    dest.execute("BEGIN")
    for table in tables:
        all_columns = [r[1] for r in source.execute(f'PRAGMA main.table_info("{table}")')]
        wanted = None if internal else PUBLIC[table]
        columns = all_columns if wanted is None else [c for c in wanted if c in all_columns]
        if columns == all_columns:
            dest.execute(schema[table])  # the table as declared: keys and checks kept
        else:
            dest.execute(f'CREATE TABLE "{table}" (' + ", ".join(f'"{c}"' for c in columns) + ")")
        where = "" if internal or table not in PUBLIC_ROWS else f" WHERE {PUBLIC_ROWS[table]}"
        listed = ", ".join(f'"{c}"' for c in columns)
        cursor = source.execute(f'SELECT {listed} FROM main."{table}"{where}')
        marks = ", ".join("?" * len(columns))
        n = 0
        while batch := cursor.fetchmany(5000):
            dest.executemany(f'INSERT INTO "{table}" ({listed}) VALUES ({marks})', batch)
            n += len(batch)
        counts[table] = n
    if not internal:
        for sql in PUBLIC_FIXUPS:
            dest.execute(sql)
    dest.execute("COMMIT")
    return counts


def _fill_search_docs(dest: sqlite3.Connection) -> None:
    from promo.search import LIST_LABELS
    from promo.search_index import SOURCES

    tables = {r[0] for r in dest.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for s in SOURCES:
        if s.table not in tables:
            continue
        name = s.name.format(r="r")
        have = {r[1] for r in dest.execute(f"PRAGMA table_info({s.table})")}
        detail = s.body[-1].format(r="r") if s.body[-1][4:] in have else "NULL"
        dest.execute(
            f"INSERT INTO search_docs (rowid, list, name, detail) SELECT r.id * 16 + {s.slot}, ?, {name}, "
            f"substr(coalesce({detail}, ''), 1, 80) FROM {s.table} r",
            (LIST_LABELS[s.list],),
        )
