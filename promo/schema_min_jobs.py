"""Migration 8: a policy's minimum number of jobs, judged like its minimum investment."""

from __future__ import annotations

import sqlite3

from promo.schema import migration
from promo.search_index import m007_search_index  # noqa: F401 - migration 7 comes first


@migration(8)
def m008_min_jobs(conn: sqlite3.Connection) -> None:
    """policy_eligibility.min_jobs: the jobs a firm must bring (empty = no restriction)."""
    conn.execute("ALTER TABLE policy_eligibility ADD COLUMN min_jobs INTEGER CHECK (min_jobs IS NULL OR min_jobs >= 0)")
