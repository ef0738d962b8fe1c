"""Migration 13: one index serves the vacancies listing, its filters and match, read in listing order.

Without statistics SQLite took a range on units_status_area or units_status_rent for a filtered
`vacancies --limit 20` and sorted the whole range (2.3× the sqlite3 shell at 1M units); in listing order it
stops after twenty hits. The listing-order index now also carries every column the listing prints, so JSON
and CSV of a million units are read from the index alone, in order, without a lookup per row; so are the
carriers' totals (rent and ready date added to units_by_carrier). match's
neighbours in the chain (enterprises of an industry at a stage, the carriers of the units they hold) are
read from two indexes alone too.
"""

from __future__ import annotations

import sqlite3

from promo.schema import migration
from promo.schema_ledger_indexes import m012_ledger_indexes  # noqa: F401 - migration 12 comes first

INDEXES = """
DROP INDEX units_status_area;
DROP INDEX units_status_rent;
DROP INDEX units_status;
CREATE INDEX units_status ON units(status, carrier_id, building, floor, code, area_m2, rent, floor_load_kn,
  ready_date, kind, ceiling_m, sample, plot_ratio, intensity_wan_mu, tax_wan_mu);
DROP INDEX units_enterprise;
CREATE INDEX units_enterprise ON units(enterprise_id, carrier_id);
DROP INDEX units_by_carrier;
CREATE INDEX units_by_carrier ON units(carrier_id, building, floor, code, status, area_m2, sample, rent, ready_date);
DROP INDEX enterprises_industry;
CREATE INDEX enterprises_industry ON enterprises(industry_id, stage, carrier_id);
"""


@migration(13)
def m013_listing_order(conn: sqlite3.Connection) -> None:
    """Vacant units in listing order, covering the listing; no area or rent index to lure the planner away;
    carriers' totals from units_by_carrier alone; enterprises by industry and stage, units by holder, with their
    carriers."""
    from promo.schema import statements

    for sql in statements(INDEXES):
        conn.execute(sql)
