"""Migration 16: each service's status history, so a past week's report shows a service as it stood then.

A service's row holds its status now; paused in December, it would vanish from October's overdue list, and
reopened, it would count as open in the weeks it was done. Every write that sets a status adds a row here in
the same transaction (undone with it): the day it took effect (the date done, the date asked, else the day
it was recorded). Services written before this migration get the history their row implies: their status,
and a done one open until its done date.
"""

from __future__ import annotations

import sqlite3

from promo.schema import migration
from promo.schema_row_prints import m015_row_prints  # noqa: F401 - migration 15 comes first

SCHEMA = """
CREATE TABLE service_status (
    id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('todo', 'doing', 'done', 'paused')),
    since TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX service_status_service ON service_status(service_id, since);
INSERT INTO service_status (service_id, status, since, recorded_at)
  SELECT id, CASE WHEN status = 'done' AND done_date IS NOT NULL THEN 'doing' ELSE status END,
         coalesce(asked_date, substr(recorded_at, 1, 10)), recorded_at
  FROM services ORDER BY id;
INSERT INTO service_status (service_id, status, since, recorded_at)
  SELECT id, 'done', done_date, recorded_at FROM services WHERE status = 'done' AND done_date IS NOT NULL ORDER BY id;
"""


@migration(16)
def m016_service_status(conn: sqlite3.Connection) -> None:
    """service_status: the status each service took and the day it took effect."""
    from promo.schema import statements

    for sql in statements(SCHEMA):
        conn.execute(sql)
