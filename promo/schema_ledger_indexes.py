"""Migration 12: indexes that let `promo ledger` read the year's facts from indexes alone.

Signings and production from the stage history by stage and date, with the enterprise; a project's earlier
reports (the cumulative completed investment before a period, quarter figures of arrived capital) by
enterprise and period, with both amounts. Not (enterprise_id, stage, date) on the stage history: with
ANALYZE statistics SQLite 3.40.1 answers the signed_in NOT EXISTS over it wrongly (3,374 instead of 8,408).
"""

from __future__ import annotations

import sqlite3

from promo.schema import migration
from promo.schema_read_indexes import m011_read_indexes  # noqa: F401 - migration 11 comes first

INDEXES = """
CREATE INDEX stage_history_stage ON stage_history(stage, date, enterprise_id);
CREATE INDEX project_reports_amounts
  ON project_reports(enterprise_id, year, quarter, completed_investment_wan, arrived_wan);
"""


@migration(12)
def m012_ledger_indexes(conn: sqlite3.Connection) -> None:
    """Indexes for the ledger's signings, production and report figures."""
    from promo.schema import statements

    for sql in statements(INDEXES):
        conn.execute(sql)
