"""Migration 12: a fingerprint beside each row a bulk insert journals by its id alone.

An import journals the rows it adds as their ids (no JSON copy of each); the fingerprint of each row as
inserted (promo.journal.row_print) lets `promo undo` see a row edited since outside promo's journal (raw
SQL, another tool) and refuse, as it does for every other write. Entries written before keep NULL.
"""

from __future__ import annotations

import sqlite3

from promo.schema import migration
from promo.schema_read_indexes import m011_read_indexes  # noqa: F401 - migration 11 comes first


@migration(12)
def m012_row_prints(conn: sqlite3.Connection) -> None:
    """journal_changes.fp: the fingerprint of a bulk-inserted row."""
    conn.execute("ALTER TABLE journal_changes ADD COLUMN fp INTEGER")
