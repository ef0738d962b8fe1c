"""Reading the change journal back: entries and their changes as people read them, the entry `promo undo`
would revert, and why an entry cannot be undone (rows changed since, rows referring to rows it added)."""

from __future__ import annotations

import json
import sqlite3

from promo.errors import Rejected
from promo.journal import edited_outside, journaled_tables, quote_ident, row_json_sql, sql_text, table_columns


def _rows(conn: sqlite3.Connection, sql: str, params=()) -> list[dict]:
    # not promo.db.rows: db imports this module for write(), and modules must not import in a loop
    return [dict(r) for r in conn.execute(sql, params)]


# How a row is named in `promo log`: the first of these columns the table has.
_LABEL_COLUMNS = ("name", "title", "code", "label", "item", "issue", "milestone", "measure", "stage", "key")
_OWN_NAME = ("name", "title", "code", "label")  # a row named by these needs no enterprise's name before it


def decode_literal(text: str | None):
    """A value back from its SQL literal (quote()): NULL, 'text', X'blob', integer or real — exactly."""
    if text is None or text == "NULL":
        return None
    if text.startswith("'"):
        return text[1:-1].replace("''", "'")
    if text[:2] in ("X'", "x'"):
        return bytes.fromhex(text[2:-1])
    if any(ch in text for ch in ".eEInf"):
        return float(text)
    return int(text)


def decode_row(text: str | None) -> dict | None:
    if text is None:
        return None
    return {k: decode_literal(v) for k, v in json.loads(text).items()}


def describe_change(tbl: str, op: str, old: dict | None, new: dict | None, row_id: int | None = None, conn=None) -> str:
    """One change as a line a person reads, in the officer's words (promo.field_labels): + added, − removed,
    ~ changed fields with before → after; with `conn`, a referenced row is named, not numbered."""
    from promo import field_labels

    row = new or old or {}
    column = next((c for c in _LABEL_COLUMNS if row.get(c) not in (None, "")), None)
    label = field_labels.shown(column, row[column], table=tbl) if column else None
    if tbl in ("stage_history", "activities") and row.get("date"):
        column = "stage" if tbl == "stage_history" else "kind"
        label = f"{field_labels.shown(column, row.get(column), table=tbl)} {row.get('date')}"
    if column not in _OWN_NAME and row.get("enterprise_id") is not None and conn is not None and tbl != "units":
        # a row of an enterprise's (a milestone, a service): named by the enterprise first
        owner = field_labels.shown("enterprise_id", row["enterprise_id"], conn)
        if not owner.startswith("#"):  # a number says less than the row's own label (a redo shows it before)
            label = f"{owner} {label}" if label else owner
    what = field_labels.table_label(tbl)
    ident = f"#{row['id']}" if row.get("id") is not None else f"#{row_id}" if row_id is not None else ""
    name = " ".join(x for x in (what, label, f"({ident})" if ident and label else ident) if x)
    if op == "insert":
        return f"+ {name}"
    if op == "delete":
        return f"− {name}"
    diffs = [
        field_labels.change_text(k, old.get(k), v, conn, tbl)
        for k, v in (new or {}).items()
        if not k.endswith("_folded") and old is not None and old.get(k) != v
    ]
    if not diffs:
        return f"~ {name}"
    from promo.i18n import _

    changes = diffs[0]
    for diff in diffs[1:]:  # 载体 无 → X；投资额 7,000 → 6,500 万元 (a name may hold commas; a list of them 、)
        changes = _("{changes}, {change}").format(changes=changes, change=diff)
    return "~ " + _("{what}: {changes}").format(what=name, changes=changes)


def field_lines(op: str, old: dict | None, new: dict | None, conn=None, tbl: str | None = None) -> list[str]:
    """The fields of an added or removed row, one `field: value` each (empty ones and search keys left
    out); an update's fields are already in its line as before → after."""
    from promo.field_labels import label, shown, unit_of

    if op == "update":
        return []
    row = new if op == "insert" else old
    return [
        f"{label(k)}: {shown(k, v, conn, tbl)}" + (f" {unit_of(k)}" if unit_of(k) else "")
        for k, v in (row or {}).items()
        if v is not None and not k.endswith("_folded")
    ]


def _entry_sql() -> str:
    # reverts: the entry an undo or redo reverts; a redo reverts an undo, so it redoes what that undo reverted
    return """
    SELECT j.id, j.at, j.user, j.command, j.summary, j.summary_msg, j.summary_args, j.undone_by, j.reverts,
           CASE WHEN t.reverts IS NULL THEN j.reverts END AS undoes,
           t.reverts AS redoes,
           CASE WHEN j.undone_by IS NULL AND j.reverts IS NULL THEN
             (SELECT max(r.id) FROM journal u JOIN journal r ON r.reverts = u.id WHERE u.reverts = j.id) END
             AS redone_by,
           (SELECT count(*) FROM journal_changes c WHERE c.journal_id = j.id) AS changes
    FROM journal j LEFT JOIN journal t ON t.id = j.reverts
    """


def _worded(e: dict) -> dict:
    """The entry's summary in the reader's language (promo.summary), its status, and no storage columns."""
    from promo.summary_read import shown

    e["summary"] = shown(e["summary"], e.pop("summary_msg"), e.pop("summary_args"))
    e["status"] = _status(e)
    return e


def entry_head(conn: sqlite3.Connection, journal_id: int) -> dict | None:
    """One journal entry with what undid it and what it undoes, without its changes; None when there is none."""
    found = _rows(conn, _entry_sql() + " WHERE j.id = ?", (journal_id,))
    return _worded(found[0]) if found else None


def fill_inserted(conn: sqlite3.Connection, found: list[dict]) -> list[dict]:
    """Give rows journaled by their ids alone (a bulk insert) their state just after the insert: the `old`
    of the row's next journaled change, else the row as it is now."""
    wanted: dict[str, dict[int, dict]] = {}
    for c in found:
        if c["op"] == "insert" and c["new"] is None:
            wanted.setdefault(c["tbl"], {})[c["row_id"]] = c
    for tbl, by_row in wanted.items():
        ids = list(by_row)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            later: dict[int, str | None] = {}
            for rid, cid, old in conn.execute(
                f"SELECT row_id, id, old FROM journal_changes WHERE tbl = ? AND row_id IN ({marks}) AND id > ? "
                "ORDER BY id",
                [tbl, *chunk, min(by_row[r]["id"] for r in chunk)],
            ):
                if cid > by_row[rid]["id"] and rid not in later:
                    later[rid] = old
            current = _current_rows(conn, tbl, [r for r in chunk if r not in later]) if tbl in _live(conn) else {}
            for rid in chunk:
                by_row[rid]["new"] = decode_row(later[rid]) if rid in later else current.get(rid)
    return found


def _live(conn: sqlite3.Connection) -> set[str]:
    return set(journaled_tables(conn))


def changes(conn: sqlite3.Connection, journal_id: int) -> list[dict]:
    """The row changes of one entry, in the order they were made, decoded and described."""
    out = _rows(
        conn,
        "SELECT id, tbl, row_id, op, old, new FROM journal_changes WHERE journal_id = ? ORDER BY id",
        (journal_id,),
    )
    for c in out:
        c["old"], c["new"] = decode_row(c["old"]), decode_row(c["new"])
    fill_inserted(conn, out)
    for c in out:
        c["text"] = describe_change(c["tbl"], c["op"], c["old"], c["new"], c["row_id"], conn)
        c["fields"] = field_lines(c["op"], c["old"], c["new"], conn, c["tbl"])
    return out


def _tally(conn: sqlite3.Connection, ids: list[int]) -> dict[int, str]:
    """Per entry, a short count of its changes by table and kind: enterprises +1, units ~1."""
    from promo.field_labels import table_label

    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    sign = {"insert": "+", "update": "~", "delete": "−"}
    out: dict[int, list[str]] = {}
    for r in conn.execute(
        f"""SELECT journal_id, tbl, op, count(*) FROM journal_changes WHERE journal_id IN ({marks})
            GROUP BY journal_id, tbl, op ORDER BY journal_id, min(id)""",
        ids,
    ):
        out.setdefault(r[0], []).append(f"{table_label(r[1])} {sign[r[2]]}{r[3]}")
    return {k: ", ".join(v) for k, v in out.items()}


def entries(
    conn: sqlite3.Connection, *, limit: int | None = 20, user: str | None = None, with_changes: bool = False
) -> list[dict]:
    """Journal entries, newest first, with their change tallies (and the changes themselves on request)."""
    where, params = "", []
    if user:
        where, params = "WHERE j.user = ?", [user]
    sql = _entry_sql() + f" {where} ORDER BY j.id DESC"
    if limit:
        sql += f" LIMIT {int(limit)}"
    found = _rows(conn, sql, params)
    tallies = _tally(conn, [e["id"] for e in found])
    for e in found:
        _worded(e)
        e["tally"] = tallies.get(e["id"], "")
        if with_changes:
            e["changes"] = [c["text"] for c in changes(conn, e["id"])]
    return found


def _status(e: dict) -> str:
    from promo.i18n import _

    if e.get("redoes"):
        return _("redoes #{id}").format(id=e["redoes"])
    if e.get("undoes"):
        if e.get("undone_by"):  # the undo itself was reverted by a redo
            return _("undoes #{id}, put back by redo #{redo}").format(id=e["undoes"], redo=e["undone_by"])
        return _("undoes #{id}").format(id=e["undoes"])
    if e.get("undone_by"):
        return _("undone by #{id}").format(id=e["undone_by"])
    if e.get("redone_by"):
        return _("redone by #{id}").format(id=e["redone_by"])
    return ""


def entry(conn: sqlite3.Connection, journal_id: int) -> dict:
    """One journal entry with its changes."""
    from promo.i18n import _

    found = _rows(conn, _entry_sql() + " WHERE j.id = ?", (journal_id,))
    if not found:
        last = conn.execute("SELECT max(id) FROM journal").fetchone()[0]
        if last:
            hint = _("the newest entry is #{id}: see promo log").format(id=last)
        else:
            hint = _("the change journal is empty")
        raise Rejected(_("there is no journal entry #{id}").format(id=journal_id), hint)
    e = _worded(found[0])
    e["changes"] = changes(conn, journal_id)
    return e


def undo_target(conn: sqlite3.Connection, journal_id: int | None = None) -> dict:
    """The entry `promo undo` reverts: the one named, else the newest that changed something and is neither
    undone nor an undo or redo (the entry of a write still in progress has no changes yet, so it is never picked)."""
    from promo.i18n import _

    if journal_id is None:
        found = _rows(
            conn,
            _entry_sql()
            + """ WHERE j.undone_by IS NULL AND j.reverts IS NULL
                  AND EXISTS (SELECT 1 FROM journal_changes c WHERE c.journal_id = j.id)
                ORDER BY j.id DESC LIMIT 1""",
        )
        if not found:
            raise Rejected(_("there is nothing to undo: the change journal has no command left to revert"))
        return _worded(found[0])
    found = _rows(conn, _entry_sql() + " WHERE j.id = ?", (journal_id,))
    if not found:
        entry(conn, journal_id)  # says there is no such entry, and which is the newest
    e = _worded(found[0])
    if e["undone_by"] and not e["reverts"]:
        raise Rejected(
            _("#{id} ({what}) was already undone by #{undo}").format(
                id=journal_id, what=e["summary"], undo=e["undone_by"]
            )
        )
    if e["redoes"]:
        raise Rejected(
            _("#{id} is a redo (of #{command}); to revert that command again, undo it").format(
                id=journal_id, command=e["redoes"]
            ),
            _("to revert it again: {command}").format(command=f"promo undo {e['redoes']}"),
        )
    if e["undoes"]:
        raise Rejected(
            _("#{id} is itself an undo (of #{command}); an undo cannot be undone").format(
                id=journal_id, command=e["undoes"]
            ),
            _("to restore what it reverted: promo redo, right after it"),
        )
    return e


def who(e: dict) -> str:
    from promo.i18n import _

    return _("#{id} {what} ({user}, {at})").format(
        id=e["id"], what=e["summary"] or e["command"], user=e["user"], at=e["at"]
    )


def _net_changes(conn: sqlite3.Connection, journal_id: int) -> dict[tuple[str, int], dict]:
    """Per row the entry touched: its state before the entry (None = absent) and after it."""
    net: dict[tuple[str, int], dict] = {}
    found = _rows(
        conn,
        "SELECT id, tbl, row_id, op, old, new FROM journal_changes WHERE journal_id = ? ORDER BY id",
        (journal_id,),
    )
    for c in found:
        c["old"], c["new"] = decode_row(c["old"]), decode_row(c["new"])
    for c in fill_inserted(conn, found):
        key = (c["tbl"], c["row_id"])
        if key not in net:
            net[key] = {"before": c["old"], "first_op": c["op"]}
        net[key]["after"] = c["new"]
    return net


def _later_change(conn: sqlite3.Connection, tbl: str, row_id: int, after_id: int) -> dict | None:
    """The newest live journal entry after `after_id` that touched this row."""
    found = _rows(
        conn,
        _entry_sql()
        + """ WHERE j.id > ? AND j.undone_by IS NULL AND j.id IN
            (SELECT journal_id FROM journal_changes WHERE tbl = ? AND row_id = ?) ORDER BY j.id DESC LIMIT 1""",
        (after_id, tbl, row_id),
    )
    return _worded(found[0]) if found else None


def _current_rows(conn: sqlite3.Connection, tbl: str, row_ids: list[int]) -> dict[int, dict]:
    cols = table_columns(conn, tbl)
    out = {}
    for start in range(0, len(row_ids), 500):
        chunk = row_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for rid, text in conn.execute(
            f"SELECT t.rowid, {row_json_sql(cols, 't')} FROM main.{quote_ident(tbl)} t WHERE t.rowid IN ({marks})",
            chunk,
        ):
            out[rid] = decode_row(text)
    return out


def dependents(conn: sqlite3.Connection, target: dict) -> list[str]:
    """Why the entry cannot be undone: rows changed since, or rows that refer to rows it added."""
    from promo.i18n import _

    tid = target["id"]
    net = _net_changes(conn, tid)
    problems: list[str] = []
    blocking: dict[int, dict] = {}
    by_table: dict[str, list[int]] = {}
    for tbl, rid in net:
        by_table.setdefault(tbl, []).append(rid)
    ordered = journaled_tables(conn)  # a set's order changes from run to run; messages should not
    tables = set(ordered)
    for tbl, rids in by_table.items():
        if tbl not in tables:
            problems.append(_("table {table} no longer exists").format(table=tbl))
            continue
        current = _current_rows(conn, tbl, rids)
        edited = set(edited_outside(conn, tid, tbl))  # bulk-inserted rows: "after" is read from the row itself
        for rid in rids:
            after, now = net[(tbl, rid)]["after"], current.get(rid)
            same = rid not in edited and (
                (after is None and now is None)
                or (after is not None and now is not None and all(now.get(k) == v for k, v in after.items()))
            )
            if same:
                continue
            later = _later_change(conn, tbl, rid, tid)
            row_text = describe_change(tbl, "insert", None, after or net[(tbl, rid)]["before"], rid)[2:]
            if later:
                blocking[later["id"]] = later
                problems.append(_("{row} was changed since by {entry}").format(row=row_text, entry=who(later)))
            else:
                problems.append(_("{row} was changed outside promo's journal").format(row=row_text))
    # rows that refer to rows this entry added (undoing would remove what they point at); rows the
    # entry itself touched go back to their state before it, which cannot refer to them
    for child in ordered:
        for fk in conn.execute(f"PRAGMA main.foreign_key_list({quote_ident(child)})").fetchall():
            parent, col, to = fk[2], fk[3], fk[4]
            if (
                parent not in by_table
                or conn.execute(
                    f"SELECT count(*) FROM pragma_foreign_key_list({sql_text(child)}) WHERE id = ?", (fk[0],)
                ).fetchone()[0]
                > 1
            ):
                continue
            key = f"p.{quote_ident(to)}" if to else "p.rowid"
            refs = conn.execute(
                f"""SELECT c.rowid FROM main.{quote_ident(child)} c
                    WHERE c.{quote_ident(col)} IN (
                      SELECT {key} FROM main.{quote_ident(parent)} p WHERE p.rowid IN (
                        SELECT row_id FROM journal_changes WHERE journal_id = :t AND tbl = :parent AND op = 'insert'))
                    AND c.rowid NOT IN (
                      SELECT row_id FROM journal_changes WHERE journal_id = :t AND tbl = :child)""",
                {"t": tid, "parent": parent, "child": child},
            ).fetchall()
            for (rid,) in refs[:20]:
                later = _later_change(conn, child, rid, tid)
                now = _current_rows(conn, child, [rid]).get(rid) or {}
                row_text = describe_change(child, "insert", None, now, rid)[2:]
                if later:
                    blocking[later["id"]] = later
                    problems.append(
                        _("{row} refers to a row it added; it was made by {entry}").format(
                            row=row_text, entry=who(later)
                        )
                    )
                else:
                    problems.append(_("{row} refers to a row it added").format(row=row_text))
    target["blocking"] = sorted(blocking)
    return problems


def refuse_if_depended_on(conn: sqlite3.Connection, target: dict) -> None:
    """Refuse, listing why, when later changes depend on the entry."""
    from promo.i18n import _

    problems = dependents(conn, target)
    if problems:
        shown = "\n  ".join(problems[:12])
        if len(problems) > 12:
            shown += "\n  " + _("… and {n:,} more").format(n=len(problems) - 12)
        order = _(", then ").join(f"promo undo {i}" for i in sorted(target["blocking"], reverse=True))
        raise Rejected(
            _("cannot undo {entry}: later changes depend on it:\n  {problems}").format(
                entry=who(target), problems=shown
            ),
            _("undo those first ({order})").format(order=order)
            if order
            else _("the catalogue was changed outside promo since"),
        )
