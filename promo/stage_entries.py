"""An enterprise's past stage entries (阶段记录), written when a pipeline is brought in from a file: the moves
before the record's current stage, so the funnel and the time spent in each stage are what they were.

Writers run inside the caller's promo.db.write; `promo enterprises move` remains the way to move a record on."""

from __future__ import annotations

import sqlite3

from promo.db import now, require_write
from promo.errors import BadValue, Rejected
from promo.i18n import _
from promo.text import today
from promo.vocabulary import stage_index


def entry(conn: sqlite3.Connection, enterprise_id: int, stage: str, date: str) -> sqlite3.Row | None:
    """The enterprise's entry into `stage` on `date`, if on record."""
    return conn.execute(
        "SELECT * FROM stage_history WHERE enterprise_id = ? AND stage = ? AND date = ? ORDER BY id LIMIT 1",
        (enterprise_id, stage, date),
    ).fetchone()


def add_past_entry(conn: sqlite3.Connection, e: sqlite3.Row, stage: str, date: str, reason: str | None) -> None:
    """Record that enterprise `e` entered `stage` on `date`, before its current stage; refuses an entry in the
    future or after the current stage (a move forward is `promo enterprises move`)."""
    require_write(conn)
    if date > today():
        raise BadValue("--date", date, _("is in the future (today is {today})").format(today=today()))
    later = date > e["stage_date"] or (date == e["stage_date"] and stage_index(stage) > stage_index(e["stage"]))
    if later:
        raise Rejected(
            _("{name} is at {current} since {since}: {stage} on {date} would come after it").format(
                name=e["name"], current=e["stage"], since=e["stage_date"], stage=stage, date=date
            ),
            _("to move it on, use: promo enterprises move"),
        )
    conn.execute(
        "INSERT INTO stage_history (enterprise_id, stage, date, reason, recorded_at) VALUES (?, ?, ?, ?, ?)",
        (e["id"], stage, date, reason, now()),
    )


def set_reason(conn: sqlite3.Connection, entry_id: int, reason: str | None) -> None:
    """Change the reason noted on a stage entry."""
    require_write(conn)
    conn.execute("UPDATE stage_history SET reason = ? WHERE id = ?", (reason, entry_id))
