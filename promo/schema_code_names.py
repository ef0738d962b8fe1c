"""Migration 10: enterprises.code_name_folded, so a code name is checked and found by an index lookup
instead of folding every code name in the catalogue (an import of many rows was quadratic)."""

from __future__ import annotations

import sqlite3

from promo.schema import migration
from promo.schema_carrier_samples import m009_carrier_sample_fields  # noqa: F401 - migration 9 comes first


@migration(10)
def m010_code_name_folded(conn: sqlite3.Connection) -> None:
    """The folded code name beside the code name, filled for the rows there are, and indexed."""
    from promo.text import fold

    conn.execute("ALTER TABLE enterprises ADD COLUMN code_name_folded TEXT")
    conn.executemany(
        "UPDATE enterprises SET code_name_folded = ? WHERE id = ?",
        [
            (fold(code), eid)
            for eid, code in conn.execute("SELECT id, code_name FROM enterprises WHERE code_name IS NOT NULL")
        ],
    )
    conn.execute(
        "CREATE INDEX enterprises_code_name_folded ON enterprises(code_name_folded) WHERE code_name_folded IS NOT NULL"
    )
