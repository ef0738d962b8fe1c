"""Migration 15: a fingerprint beside each row a bulk insert journals by its id alone.

An import journals the rows it adds as their ids (no JSON copy of each); the fingerprint of each row as
inserted (promo.journal.row_print) lets `promo undo` see a row edited since outside promo's journal (raw
SQL, another tool) and refuse, as it does for every other write. Entries written before keep NULL.
"""

from __future__ import annotations

import sqlite3

from promo.schema import migration
from promo.schema_journal_reverts import m014_journal_reverts  # noqa: F401 - migration 14 comes first


@migration(15)
def m015_row_prints(conn: sqlite3.Connection) -> None:
    """journal_changes.fp: the fingerprint of a bulk-inserted row."""
    conn.execute("ALTER TABLE journal_changes ADD COLUMN fp INTEGER")
