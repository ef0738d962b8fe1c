"""Migration 11: indexes for the questions people ask of a large catalogue.

Units by status in listing order carry what prospects filter on (area, rent, load, ready date), so a
filtered `vacancies --limit 20` reads the index in order and stops after twenty hits, and match counts its
funnel from the index alone; by status and area or rent for those sorts (SQLite without statistics picks
the index whose order saves a sort among those with the same equality, so these lead with the status);
units by carrier with status and area, so a carrier's occupancy is read from the index alone; enterprises
by stage in date order.
"""

from __future__ import annotations

import sqlite3

from promo.schema import migration
from promo.schema_code_names import m010_code_name_folded  # noqa: F401 - migration 10 comes first

INDEXES = """
DROP INDEX units_status;
CREATE INDEX units_status
  ON units(status, carrier_id, building, floor, code, area_m2, rent, floor_load_kn, ready_date, kind);
CREATE INDEX units_status_area ON units(status, area_m2, rent);
CREATE INDEX units_status_rent ON units(status, rent, area_m2);
CREATE INDEX units_by_carrier ON units(carrier_id, building, floor, code, status, area_m2, sample);
CREATE INDEX enterprises_stage_order ON enterprises(stage, stage_date);
"""


@migration(11)
def m011_read_indexes(conn: sqlite3.Connection) -> None:
    """Indexes for vacancies by area and rent, carriers' occupancy and enterprises by stage."""
    from promo.schema import statements

    for sql in statements(INDEXES):
        conn.execute(sql)
