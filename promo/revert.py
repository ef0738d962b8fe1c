"""Undoing a journal entry set-wise: the journal is streamed in batches, never loaded whole.

An import of 100,000 rows is undone in the time it took (one DELETE per table for the rows it added,
batched UPDATEs and INSERTs for rows it changed or removed), in memory bounded by the batch size.
"""

from __future__ import annotations

import sqlite3

from promo.errors import Rejected
from promo.i18n import N_, _
from promo.journal import edited_outside, journaled_tables, row_json_sql, rowid_alias, table_columns
from promo.journal_read import decode_row, describe_change, fill_inserted

BATCH = 2000
SHOWN = 20


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _first_changes(conn: sqlite3.Connection, tid: int, tbl: str) -> str:
    """SQL for each row the entry touched in `tbl`: its state before the entry (`old` of its first change).
    `+tbl`: read through the entry's own rows (journal_id), never through every change the table ever had
    (the (tbl, row_id) index would spare the GROUP BY a sort, at the cost of the whole journal's history)."""
    return f"""SELECT c.row_id, c.old FROM journal_changes c
               WHERE c.id IN (SELECT min(id) FROM journal_changes WHERE journal_id = {int(tid)} AND +tbl = {_lit(tbl)}
                              GROUP BY row_id)"""


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def tables_of(conn: sqlite3.Connection, tid: int) -> list[str]:
    return [r[0] for r in conn.execute("SELECT DISTINCT tbl FROM journal_changes WHERE journal_id = ?", (tid,))]


_IDS_ONLY = "(c.op = 'insert' AND c.new IS NULL)"  # a bulk insert's row, journaled by its id alone


def _inserted_changed(conn: sqlite3.Connection, tid: int, tbl: str) -> bool:
    """Whether a row the entry bulk-inserted is gone, or was changed since by a live journal entry."""
    ids_only = f"SELECT c.row_id FROM journal_changes c WHERE c.journal_id = {int(tid)} AND c.tbl = ? AND {_IDS_ONLY}"
    gone = conn.execute(
        f"SELECT 1 FROM ({ids_only}) i LEFT JOIN main.{_q(tbl)} t ON t.rowid = i.row_id WHERE t.rowid IS NULL LIMIT 1",
        (tbl,),
    ).fetchone()
    later = conn.execute(
        f"""SELECT 1 FROM journal_changes l JOIN journal j ON j.id = l.journal_id
            WHERE l.tbl = ? AND l.journal_id > {int(tid)} AND j.undone_by IS NULL AND l.row_id IN ({ids_only})
            LIMIT 1""",
        (tbl, tbl),
    ).fetchone()
    return bool(gone or later) or bool(edited_outside(conn, tid, tbl, limit=1))


def changed_since(conn: sqlite3.Connection, tid: int) -> bool:
    """Whether any row the entry touched is not as the entry left it (set-wise, per table)."""
    live = set(journaled_tables(conn))
    for tbl in tables_of(conn, tid):
        if tbl not in live:
            return True
        current = row_json_sql(table_columns(conn, tbl), "t")
        if _inserted_changed(conn, tid, tbl):
            return True
        last = f"""SELECT c.row_id, c.new FROM journal_changes c
                   WHERE c.id IN (SELECT max(id) FROM journal_changes WHERE journal_id = {int(tid)}
                                  AND +tbl = {_lit(tbl)} GROUP BY row_id) AND NOT {_IDS_ONLY}"""  # see above
        suspects = conn.execute(
            f"""SELECT l.row_id, l.new, CASE WHEN t.rowid IS NULL THEN NULL ELSE {current} END
                FROM ({last}) l LEFT JOIN main.{_q(tbl)} t ON t.rowid = l.row_id
                WHERE NOT ((l.new IS NULL AND t.rowid IS NULL)
                           OR (l.new IS NOT NULL AND t.rowid IS NOT NULL AND l.new = {current}))"""
        )
        # text differs also when a column was added since: compare the entry's own columns only
        for _rid, new, now in suspects:
            after, present = decode_row(new), decode_row(now)
            if (after is None) != (present is None) or any(present.get(k) != v for k, v in (after or {}).items()):
                return True
    return False


def undo(
    conn: sqlite3.Connection, target_id: int | None, undo_journal_id: int | None, *, target: dict | None = None
) -> dict:
    """Revert one entry (the newest undoable one when `target_id` is None) inside the caller's write
    transaction; refuse, explaining, when later work depends on it. Returns the entry with `reverted` (the
    first few inverse changes as text) and `reverted_count`."""
    from promo import journal_read

    target = target or journal_read.undo_target(conn, target_id)  # promo redo passes the undo it reverts
    tid = target["id"]
    if tid == undo_journal_id:
        raise Rejected(_("#{id} is the undo being written; it cannot undo itself").format(id=tid))
    if changed_since(conn, tid) or _referred_to(conn, tid):
        journal_read.refuse_if_depended_on(conn, target)  # the detailed explanation, worked out only when needed
    # shown before the revert: rows journaled by their ids are read from the catalogue while they are there
    shown = list(_stream_reversed(conn, tid, limit=SHOWN))
    reverted = [inverse_text(c, conn) for c in shown]
    conn.execute("PRAGMA defer_foreign_keys = ON")  # foreign keys are checked once everything is back
    conn.execute("SAVEPOINT promo_revert")
    try:
        _revert_sets(conn, tid)
    except sqlite3.IntegrityError:
        # e.g. two rows that swapped a unique value within the entry: replay it change by change instead
        conn.execute("ROLLBACK TO promo_revert")
        try:
            for change in _stream_reversed(conn, tid):
                revert_change(conn, change)
        except sqlite3.IntegrityError as exc:
            raise Rejected(
                _("cannot undo {entry}: the catalogue has changed since ({error})").format(
                    entry=journal_read.who(target), error=exc
                )
            ) from None
    conn.execute("RELEASE promo_revert")
    broken = broken_references(conn, tid)
    if broken:
        from promo.field_labels import table_label

        detail = ", ".join(f"{table_label(r[0])} #{r[1]} → {table_label(r[2])}" for r in broken)
        raise Rejected(
            _("cannot undo {entry}: rows it restores refer to records removed since ({detail})").format(
                entry=journal_read.who(target), detail=detail
            )
        )
    if undo_journal_id is not None:
        record(conn, undo_journal_id, tid)
    target["reverted_count"] = conn.execute(
        "SELECT count(*) FROM journal_changes WHERE journal_id = ?", (tid,)
    ).fetchone()[0]
    # a row referred to is named from whichever state holds it: one the undo removes, before; one it puts
    # back (a redo re-adding an enterprise), after — the line naming more rows (fewer #ids, more names) is kept
    after = [inverse_text(c, conn) for c in shown]
    target["reverted"] = [
        min(b, a, key=lambda line: (line.count("#"), -len(line))) for b, a in zip(reverted, after, strict=True)
    ]
    return target


def record(conn: sqlite3.Connection, journal_id: int, tid: int) -> None:
    """Journal entry `journal_id` reverted entry `tid`: link both ways, and word its summary (undo #5: …, or for
    a redo, which reverts an undo, redo #4: … naming the command put back, which is in effect again)."""
    from promo.summary import nested, note, store

    conn.execute("UPDATE journal SET undone_by = ? WHERE id = ?", (journal_id, tid))
    conn.execute("UPDATE journal SET reverts = ? WHERE id = ?", (tid, journal_id))
    command = conn.execute("SELECT reverts FROM journal WHERE id = ?", (tid,)).fetchone()[0]
    if command is not None:
        conn.execute("UPDATE journal SET undone_by = NULL WHERE id = ? AND undone_by = ?", (command, tid))
    shown = command if command is not None else tid
    text, msg, args, line = conn.execute(
        "SELECT summary, summary_msg, summary_args, command FROM journal WHERE id = ?", (shown,)
    ).fetchone()
    what = nested(msg, args, text or line)
    message = N_("redo #{id}: {what}") if command is not None else N_("undo #{id}: {what}")
    store(conn, journal_id, note(message, id=shown, what=what))


def broken_references(conn: sqlite3.Connection, tid: int) -> list[tuple]:
    """Rows the undo restored (changed back or put back) that refer to a record no longer there, as
    foreign_key_check reports them; only those rows are read, not every table of the catalogue."""
    out: list[tuple] = []
    for tbl in tables_of(conn, tid):
        keys: dict[int, list] = {}
        for fk in conn.execute(f"PRAGMA main.foreign_key_list({_q(tbl)})"):
            keys.setdefault(fk[0], []).append(fk)
        restored = f"SELECT row_id FROM journal_changes WHERE journal_id = {int(tid)} AND tbl = ? AND old IS NOT NULL"
        for parts in keys.values():
            parent = parts[0][2]
            pk = [
                r[1] for r in sorted(conn.execute(f"PRAGMA main.table_info({_q(parent)})"), key=lambda r: r[5]) if r[5]
            ]
            to = [p[4] or (pk[i] if i < len(pk) else "rowid") for i, p in enumerate(parts)]
            present = " AND ".join(f"c.{_q(p[3])} IS NOT NULL" for p in parts)
            match = " AND ".join(f"p.{_q(t)} = c.{_q(p[3])}" for p, t in zip(parts, to, strict=True))
            out += conn.execute(
                f"""SELECT ?, c.rowid, ? FROM main.{_q(tbl)} c WHERE c.rowid IN ({restored}) AND {present}
                    AND NOT EXISTS (SELECT 1 FROM main.{_q(parent)} p WHERE {match}) LIMIT 5""",
                (tbl, parent, tbl),
            ).fetchall()
            if len(out) >= 5:
                return out[:5]
    return out


def _referred_to(conn: sqlite3.Connection, tid: int) -> bool:
    """Whether a row outside the entry refers to a row the entry added (set-wise, per foreign key)."""
    touched = set(tables_of(conn, tid))
    for child in journaled_tables(conn):
        for fk in conn.execute(f"PRAGMA main.foreign_key_list({_q(child)})").fetchall():
            parent, col, to = fk[2], fk[3], fk[4]
            if parent not in touched:
                continue
            key = f"p.{_q(to)}" if to else "p.rowid"
            hit = conn.execute(
                f"""SELECT 1 FROM main.{_q(child)} c WHERE c.{_q(col)} IN (
                      SELECT {key} FROM main.{_q(parent)} p WHERE p.rowid IN (
                        SELECT row_id FROM journal_changes WHERE journal_id = :t AND tbl = :parent AND op = 'insert'))
                    AND c.rowid NOT IN (SELECT row_id FROM journal_changes WHERE journal_id = :t AND tbl = :child)
                    LIMIT 1""",
                {"t": tid, "parent": parent, "child": child},
            ).fetchone()
            if hit:
                return True
    return False


def _revert_sets(conn: sqlite3.Connection, tid: int) -> None:
    """Each touched row back to its state before the entry: added rows deleted in one statement per table,
    changed rows updated and removed rows re-inserted in batches."""
    tables = tables_of(conn, tid)
    for tbl in tables:
        conn.execute(
            f"DELETE FROM main.{_q(tbl)} WHERE rowid IN (SELECT row_id FROM ({_first_changes(conn, tid, tbl)}) "
            "WHERE old IS NULL)"
        )
    for tbl in tables:
        alias = rowid_alias(conn, tbl)
        cursor = conn.execute(
            f"SELECT f.row_id, f.old, t.rowid IS NOT NULL FROM ({_first_changes(conn, tid, tbl)}) f "
            f"LEFT JOIN main.{_q(tbl)} t ON t.rowid = f.row_id WHERE f.old IS NOT NULL"
        )
        while batch := cursor.fetchmany(BATCH):
            updates, inserts = {}, {}
            for rid, old, present in batch:
                row = decode_row(old)
                cols = tuple(row)
                (updates if present else inserts).setdefault(cols, []).append((rid, row))
            for cols, items in updates.items():
                sets = ", ".join(f"{_q(c)} = ?" for c in cols)
                conn.executemany(
                    f"UPDATE main.{_q(tbl)} SET {sets} WHERE rowid = ?",
                    [[r[c] for c in cols] + [rid] for rid, r in items],
                )
            for cols, items in inserts.items():
                names = [*cols] if alias else ["rowid", *cols]
                shown = ", ".join(n if n == "rowid" else _q(n) for n in names)
                values = [[r[c] for c in cols] if alias else [rid] + [r[c] for c in cols] for rid, r in items]
                conn.executemany(f"INSERT INTO main.{_q(tbl)} ({shown}) VALUES ({','.join('?' * len(names))})", values)


def _stream_reversed(conn: sqlite3.Connection, tid: int, limit: int | None = None):
    """The entry's changes newest first, decoded one by one."""
    sql = "SELECT id, tbl, row_id, op, old, new FROM journal_changes WHERE journal_id = ? ORDER BY id DESC"
    if limit:
        sql += f" LIMIT {int(limit)}"
        shown = [
            {"id": cid, "tbl": tbl, "row_id": rid, "op": op, "old": decode_row(old), "new": decode_row(new)}
            for cid, tbl, rid, op, old, new in conn.execute(sql, (tid,))
        ]
        yield from fill_inserted(conn, shown)  # the few shown, named from the rows a bulk insert made
        return
    for cid, tbl, rid, op, old, new in conn.execute(sql, (tid,)):
        yield {"id": cid, "tbl": tbl, "row_id": rid, "op": op, "old": decode_row(old), "new": decode_row(new)}


def undo_preview(conn: sqlite3.Connection, target_id: int) -> dict:
    """What `promo undo` would revert, and whether it can, changing nothing (for --dry-run).

    The undo is tried inside a transaction that is always rolled back, which also checks that restored rows
    still find what they refer to. A read-only catalogue cannot take even a trial write: then the refusal
    checks (rows changed since, rows referring to added ones) run in a read transaction, and `checked` says
    'read-only' instead of 'full'.
    """
    from promo import journal, journal_read

    conn.execute("BEGIN")  # deferred: a read transaction until the trial's first write
    try:
        try:
            result = undo(conn, target_id, None)
            result["checked"] = "full"
            return result
        except sqlite3.OperationalError as exc:
            if not journal.is_read_only(exc):
                raise
        conn.execute("ROLLBACK")
        conn.execute("BEGIN")
        target = journal_read.undo_target(conn, target_id)
        journal_read.refuse_if_depended_on(conn, target)
        target["reverted"] = [inverse_text(c, conn) for c in _stream_reversed(conn, target_id, limit=SHOWN)]
        target["reverted_count"] = target["changes"]
        target["checked"] = "read-only"
        return target
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")


def revert_change(conn: sqlite3.Connection, change: dict) -> None:
    tbl, rid = _q(change["tbl"]), change["row_id"]
    if change["op"] == "insert":
        conn.execute(f"DELETE FROM main.{tbl} WHERE rowid = ?", (rid,))
        return
    old = change["old"]
    cols = list(old)
    if change["op"] == "update":
        sets = ", ".join(f"{_q(c)} = ?" for c in cols)
        conn.execute(f"UPDATE main.{tbl} SET {sets} WHERE rowid = ?", [old[c] for c in cols] + [rid])
        return
    alias = rowid_alias(conn, change["tbl"])
    if alias is None:
        cols = ["rowid", *cols]
        values = [rid] + [old[c] for c in cols[1:]]
    else:
        values = [old[c] for c in cols]
    names = ", ".join(_q(c) if c != "rowid" else "rowid" for c in cols)
    conn.execute(f"INSERT INTO main.{tbl} ({names}) VALUES ({','.join('?' * len(cols))})", values)


def inverse_text(change: dict, conn=None) -> str:
    op = {"insert": "delete", "delete": "insert", "update": "update"}[change["op"]]
    return describe_change(change["tbl"], op, change["new"], change["old"], change["row_id"], conn)
