"""Migration 14: an undo or redo records the entry it reverts, and a summary is kept as a message and its values.

`journal.reverts` is set once on the undo or redo entry itself, so undoing a command again after a redo no
longer overwrites the link that made the first undo an undo; `undone_by` now means "reverted and still
reverted" (a redo clears it). `summary_msg` and `summary_args` let `promo log` word a summary in the reader's
language (promo.summary); the English `summary` stays for scripts and for entries written before this.
"""

from __future__ import annotations

import re
import sqlite3

from promo.schema import migration
from promo.schema_listing_order import m013_listing_order  # noqa: F401 - migration 13 comes first

_LEGACY = re.compile(r"^(undo|redo) #(\d+):")


@migration(14)
def m014_journal_reverts(conn: sqlite3.Connection) -> None:
    """journal.reverts, summary_msg and summary_args; links of earlier undos and redos recovered."""
    conn.execute("ALTER TABLE journal ADD COLUMN reverts INTEGER REFERENCES journal(id)")
    conn.execute("ALTER TABLE journal ADD COLUMN summary_msg TEXT")
    conn.execute("ALTER TABLE journal ADD COLUMN summary_args TEXT")
    conn.execute("CREATE INDEX journal_reverts ON journal(reverts)")
    # the link undone_by still holds; then the ones a later undo overwrote, from the summaries undo and redo wrote
    # (by primary key, one pass: a correlated subquery on the unindexed undone_by is quadratic in the journal)
    links = conn.execute("SELECT undone_by, id FROM journal WHERE undone_by IS NOT NULL").fetchall()
    conn.executemany("UPDATE journal SET reverts = ? WHERE id = ?", [(target, undo) for undo, target in links])
    known = {r[0] for r in conn.execute("SELECT id FROM journal")}
    for jid, summary in conn.execute(
        "SELECT id, summary FROM journal WHERE reverts IS NULL AND (summary LIKE 'undo #%' OR summary LIKE 'redo #%') "
        "ORDER BY id"
    ).fetchall():
        found = _LEGACY.match(summary or "")
        if not found or int(found[2]) not in known:
            continue
        kind, target = found[1], int(found[2])
        if kind == "redo":  # a redo reverted the newest undo of that command before it
            undo = conn.execute("SELECT max(id) FROM journal WHERE reverts = ? AND id < ?", (target, jid)).fetchone()[0]
            if undo is None:
                continue
            target = undo
        conn.execute("UPDATE journal SET reverts = ? WHERE id = ?", (target, jid))
    # a command whose undo was redone is in effect again
    redone = conn.execute(
        """SELECT c.id FROM journal c JOIN journal u ON u.id = c.undone_by
           WHERE u.undone_by IS NOT NULL AND u.reverts = c.id"""
    ).fetchall()
    conn.executemany("UPDATE journal SET undone_by = NULL WHERE id = ?", redone)
