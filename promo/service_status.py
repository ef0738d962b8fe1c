"""A service's status: the words for it (todo 待办 … paused 暂缓) and its history (table service_status,
migration 16), what its status was on a past day.

The row in `services` holds the status now; a past week's report needs the status then. Each write that sets
a status records it with the day it took effect, in the write's transaction, so `promo undo` takes it back too.
"""

from __future__ import annotations

import sqlite3

from promo.db import now
from promo.errors import BadValue
from promo.i18n import _
from promo.text import fold
from promo.vocabulary import choices, labels, words_to_code

STATUSES = labels("service_status")


def parse_status(value: str, field: str = "--status") -> str:
    """todo 待办, doing 办理中, done 已办结, paused 暂缓 (either language)."""
    key = words_to_code("service_status").get(fold(value))
    if not key:
        raise BadValue(field, value, _("not a service status; use {choices}").format(choices=choices("service_status")))
    return key


# The status of service `s` on :today: of the statuses in force by then, the one recorded last (a done date
# entered later overrides a pause recorded before it); before the first, the first; with no history at all
# (a row written by hand), the row's own status, open until its done date.
STATUS_ON_SQL = """coalesce(
    (SELECT h.status FROM service_status h WHERE h.service_id = s.id AND h.since <= :today
     ORDER BY h.id DESC LIMIT 1),
    (SELECT h.status FROM service_status h WHERE h.service_id = s.id ORDER BY h.since, h.id LIMIT 1),
    CASE WHEN s.status = 'done' AND s.done_date > :today THEN 'doing' ELSE s.status END)"""


def record(conn: sqlite3.Connection, service_id: int, status: str, since: str) -> None:
    """Note that the service took `status` on `since` (the date done, the date asked, else today)."""
    conn.execute(
        "INSERT INTO service_status (service_id, status, since, recorded_at) VALUES (?, ?, ?, ?)",
        (service_id, status, since, now()),
    )
