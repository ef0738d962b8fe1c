"""Migration 9: which of a seeded carrier's values are still samples, so one the office replaces loses its ※."""

from __future__ import annotations

import sqlite3

from promo.schema import migration
from promo.schema_min_jobs import m008_min_jobs  # noqa: F401 - migration 8 comes first

# The parts of a carrier the seed invents (its source notes say 坐标、联系人、电话为示例), and the columns of each.
SAMPLE_PARTS = {"coordinates": ("lat", "lon"), "contact": ("contact_name", "contact_phone")}


@migration(9)
def m009_carrier_sample_fields(conn: sqlite3.Connection) -> None:
    """carriers.sample_fields: a JSON list of the parts still sample; NULL on a sample carrier means all."""
    conn.execute("ALTER TABLE carriers ADD COLUMN sample_fields TEXT")


def is_sample(row, part: str) -> bool:
    """Whether a carrier's part ('coordinates', 'contact') still holds a seeded sample value."""
    import json

    if not row["sample"]:
        return False
    fields = row["sample_fields"] if "sample_fields" in row.keys() else None
    return fields is None or part in json.loads(fields)


def replaced(row, changed) -> dict:
    """The sample columns to write when the office sets `changed` columns of a carrier: what it replaced
    leaves the sample list, and the carrier stays sample while anything is left."""
    import json

    if not row["sample"]:
        return {}
    left = [part for part in SAMPLE_PARTS if is_sample(row, part)]
    kept = [part for part in left if not set(SAMPLE_PARTS[part]) & set(changed)]
    if kept == left:
        return {}
    return {"sample_fields": json.dumps(kept), "sample": int(bool(kept))}
