"""Migration 17: an index on enterprise_id in every table that names an enterprise and had none.

Targets (a target promoted to an enterprise), needs and coordination items are read by their enterprise
(a profile, the brief's open items per enterprise), and each enterprise deleted — `enterprises remove`, the
undo of an import — makes SQLite look for rows that reference it in every such table: without an index
that is a scan of the table for every enterprise deleted. IF NOT EXISTS: a catalogue given such an index by
hand (or rebuilt as an older version, as tests do) migrates all the same.
"""

from __future__ import annotations

import sqlite3

from promo.schema import migration
from promo.schema_service_status import m016_service_status  # noqa: F401 - migration 16 comes first

INDEXES = """
CREATE INDEX IF NOT EXISTS targets_enterprise ON targets(enterprise_id);
CREATE INDEX IF NOT EXISTS needs_enterprise ON needs(enterprise_id);
CREATE INDEX IF NOT EXISTS coordination_enterprise ON coordination(enterprise_id);
"""


@migration(17)
def m017_enterprise_refs(conn: sqlite3.Connection) -> None:
    """Indexes on targets', needs' and coordination items' enterprise."""
    from promo.schema import statements

    for sql in statements(INDEXES):
        conn.execute(sql)
