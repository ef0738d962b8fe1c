"""Migration 10: indexes for the questions people ask of a large catalogue.

Vacant units in listing order carry area and rent, so a filtered `vacancies --limit 20` reads the index in
order and stops after twenty hits; by area and by rent for those sorts; every unit's carrier, status and
area, so a carrier's occupancy is read from the index alone; enterprises by stage in date order.
"""

from __future__ import annotations

import sqlite3

from promo.schema import migration
from promo.schema_carrier_samples import m009_carrier_sample_fields  # noqa: F401 - migration 9 comes first

INDEXES = """
CREATE INDEX units_vacant_order ON units(carrier_id, building, floor, code, area_m2, rent) WHERE status = 'vacant';
CREATE INDEX units_vacant_area ON units(area_m2, rent) WHERE status = 'vacant';
CREATE INDEX units_vacant_rent ON units(rent, area_m2) WHERE status = 'vacant';
CREATE INDEX units_by_carrier ON units(carrier_id, building, floor, code, status, area_m2, sample);
CREATE INDEX enterprises_stage_order ON enterprises(stage, stage_date);
"""


@migration(10)
def m010_read_indexes(conn: sqlite3.Connection) -> None:
    """Indexes for vacancies by area and rent, carriers' occupancy and enterprises by stage."""
    from promo.schema import statements

    for sql in statements(INDEXES):
        conn.execute(sql)
