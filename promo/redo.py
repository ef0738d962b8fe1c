"""Redo: right after `promo undo`, revert that undo, so the command it reverted is in effect again.

An undo is a journal entry like any other; a redo reverts it set-wise (promo.revert) and is itself an entry.
Each undo and redo names the entry it reverts (`journal.reverts`); a redo clears the command's `undone_by`, so
the command is in effect again and a later `promo undo` can revert it once more (a new undo).
"""

from __future__ import annotations

import sqlite3

from promo.errors import Rejected
from promo.i18n import N_, _

HINT = N_("promo redo restores what the last promo undo reverted, right after it (before any other change)")


def last_undo(conn: sqlite3.Connection) -> tuple[dict, dict] | None:
    """(the undo entry, the command it undid) when the newest change in the journal is an undo still in effect
    of a command (not of another undo); None otherwise."""
    from promo.journal_read import entry_head

    newest = conn.execute(
        "SELECT max(journal_id) FROM journal_changes WHERE journal_id IN (SELECT id FROM journal)"
    ).fetchone()[0]
    if newest is None:
        return None
    undo_entry = entry_head(conn, newest)
    if not undo_entry["undoes"] or undo_entry["undone_by"]:
        return None
    return undo_entry, entry_head(conn, undo_entry["undoes"])


def redo(conn: sqlite3.Connection, redo_journal_id: int | None) -> dict:
    """Revert the last undo inside the caller's write transaction; returns the command restored, with
    `reverted` (the changes made again, as text) and `reverted_count`."""
    from promo import revert

    found = last_undo(conn)
    if found is None:
        raise Rejected(_("there is nothing to redo: the last change in the journal is not an undo"), _(HINT))
    undo_entry, undone = found
    r = revert.undo(conn, undo_entry["id"], redo_journal_id, target=undo_entry)
    undone["reverted"], undone["reverted_count"], undone["undo_id"] = r["reverted"], r["reverted_count"], r["id"]
    return undone


def preview(conn: sqlite3.Connection) -> dict:
    """What `promo redo` would do, tried in a transaction that is always rolled back."""
    conn.execute("BEGIN")
    try:
        return redo(conn, None)
    finally:
        conn.execute("ROLLBACK")
