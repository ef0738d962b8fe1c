"""The change journal: what every writing command changed, shown readably, and undone as a whole.

Changes are captured by temporary triggers that each connection installs on every catalogue table
before its first write (`install_capture`). They record whole rows as JSON objects of SQL literals
(`quote()`), so text, integers and reals come back exactly — SQLite's JSON functions would round reals
to 15 digits — and tables added by later migrations are journaled without anyone having to remember.
Writes outside `promo.db.write` are not captured: the capture table is empty then.
"""

from __future__ import annotations

import json
import sqlite3

from promo.errors import Rejected


def _rows(conn: sqlite3.Connection, sql: str, params=()) -> list[dict]:
    # not promo.db.rows: db imports this module for write(), and modules must not import in a loop
    return [dict(r) for r in conn.execute(sql, params)]


NOT_JOURNALED = {"journal", "journal_changes"}
_TRIGGER_PREFIX = "promo_journal_"

# How a row is named in `promo log`: the first of these columns the table has.
_LABEL_COLUMNS = ("name", "title", "code", "label", "stage", "key")
_TABLE_LABELS = {
    "enterprises": "企业",
    "units": "单元",
    "stage_history": "阶段记录",
    "activities": "跟进",
    "stage_deadlines": "阶段时限",
    "carriers": "载体",
    "industries": "产业",
    "policies": "政策",
    "targets": "目标企业",
    "needs": "需求",
    "scenarios": "场景",
    "criteria": "准入条件",
    "settings": "设置",
}


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def journaled_tables(conn: sqlite3.Connection) -> list[str]:
    """Ordinary catalogue tables: not SQLite's own, not the journal, not virtual tables or their shadows."""
    found = conn.execute("SELECT name, sql FROM main.sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    virtual = [name for name, sql in found if (sql or "").upper().startswith("CREATE VIRTUAL")]
    return [
        name
        for name, sql in found
        if not name.startswith("sqlite_")
        and name not in NOT_JOURNALED
        and name not in virtual
        and not any(name.startswith(v + "_") for v in virtual)
    ]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    # table_xinfo marks generated columns as hidden (2, 3): they cannot be written back
    return [r[1] for r in conn.execute(f"PRAGMA main.table_xinfo({_quote_ident(table)})") if r[6] in (0, 1)]


def _rowid_alias(conn: sqlite3.Connection, table: str) -> str | None:
    pk = [r for r in conn.execute(f"PRAGMA main.table_info({_quote_ident(table)})") if r[5]]
    if len(pk) == 1 and pk[0][2].upper() == "INTEGER":
        return pk[0][1]
    return None


def row_json_sql(columns: list[str], alias: str) -> str:
    """SQL that builds a JSON object {column: SQL literal} of one row; no limit on the number of columns."""
    parts = [f"json_quote({_sql_text(c)}) || ':' || json_quote(quote({alias}.{_quote_ident(c)}))" for c in columns]
    return "'{' || " + " || ',' || ".join(parts) + " || '}'"


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def install_capture(conn: sqlite3.Connection) -> None:
    """Create this connection's capture table and triggers, once; cheap when they exist."""
    have = conn.execute(
        "SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger' AND name LIKE ?", (_TRIGGER_PREFIX + "%",)
    ).fetchone()[0]
    if have:
        return
    # REPLACE and cascades delete rows too; their delete triggers fire only with recursive triggers on
    conn.execute("PRAGMA recursive_triggers = ON")
    statements = ["CREATE TEMP TABLE IF NOT EXISTS promo_capture (journal_id INTEGER NOT NULL)"]
    current = "(SELECT journal_id FROM temp.promo_capture)"
    for table in journaled_tables(conn):
        cols = _columns(conn, table)
        name, tbl = _quote_ident(table), _sql_text(table)
        changed = " OR ".join(f"OLD.{_quote_ident(c)} IS NOT NEW.{_quote_ident(c)}" for c in cols)
        for op, when, old, new, rowid in (
            ("insert", "", "NULL", row_json_sql(cols, "NEW"), "NEW.rowid"),
            ("update", f" AND ({changed})", row_json_sql(cols, "OLD"), row_json_sql(cols, "NEW"), "NEW.rowid"),
            ("delete", "", row_json_sql(cols, "OLD"), "NULL", "OLD.rowid"),
        ):
            trigger = _quote_ident(f"{_TRIGGER_PREFIX}{table}_{op}")
            statements.append(
                f"CREATE TEMP TRIGGER IF NOT EXISTS {trigger} AFTER {op.upper()} ON main.{name} "
                f"WHEN {current} IS NOT NULL{when} BEGIN "
                f"INSERT INTO journal_changes (journal_id, tbl, row_id, op, old, new) "
                f"VALUES ({current}, {tbl}, {rowid}, '{op}', {old}, {new}); END"
            )
    conn.execute("BEGIN")
    try:
        for statement in statements:
            conn.execute(statement)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def begin_capture(conn: sqlite3.Connection, journal_id: int) -> None:
    """From now on, this connection's changes belong to `journal_id` (inside the write transaction)."""
    conn.execute("DELETE FROM temp.promo_capture")
    conn.execute("INSERT INTO temp.promo_capture (journal_id) VALUES (?)", (journal_id,))


def end_capture(conn: sqlite3.Connection, journal_id: int) -> None:
    """Stop capturing; a command that changed nothing leaves no journal entry."""
    conn.execute("DELETE FROM temp.promo_capture")
    conn.execute(
        "DELETE FROM journal WHERE id = ? AND NOT EXISTS (SELECT 1 FROM journal_changes WHERE journal_id = ?)",
        (journal_id, journal_id),
    )


# -- reading the journal ------------------------------------------------------------------------


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


def _shown(value) -> str:
    if value is None:
        return "∅"
    if isinstance(value, float) and value == int(value):
        return f"{value:g}"
    return str(value)


def describe_change(tbl: str, op: str, old: dict | None, new: dict | None, row_id: int | None = None) -> str:
    """One change as a line a person reads: + added, − removed, ~ changed fields with before → after."""
    row = new or old or {}
    label = next((str(row[c]) for c in _LABEL_COLUMNS if row.get(c) not in (None, "")), None)
    if tbl == "units" and row.get("code"):
        label = row["code"]
    elif tbl == "stage_history":
        label = f"{row.get('stage')} {row.get('date')}"
    elif tbl == "activities":
        label = f"{row.get('kind')} {row.get('date')}"
    what = _TABLE_LABELS.get(tbl, tbl)
    ident = f"#{row['id']}" if row.get("id") is not None else f"#{row_id}" if row_id is not None else ""
    name = " ".join(x for x in (what, label, f"({ident})" if ident and label else ident) if x)
    if op == "insert":
        return f"+ {name}"
    if op == "delete":
        return f"− {name}"
    diffs = [
        f"{k} {_shown(old.get(k))} → {_shown(v)}"
        for k, v in (new or {}).items()
        if not k.endswith("_folded") and old is not None and old.get(k) != v
    ]
    return f"~ {name}: " + ", ".join(diffs) if diffs else f"~ {name}"


def field_lines(op: str, old: dict | None, new: dict | None) -> list[str]:
    """The fields of an added or removed row, one `field: value` each (empty ones and search keys left
    out); an update's fields are already in its line as before → after."""
    if op == "update":
        return []
    row = new if op == "insert" else old
    return [f"{k}: {_shown(v)}" for k, v in (row or {}).items() if v is not None and not k.endswith("_folded")]


def _entry_sql() -> str:
    return """
    SELECT j.id, j.at, j.user, j.command, j.summary, j.undone_by,
           (SELECT t.id FROM journal t WHERE t.undone_by = j.id) AS undoes,
           (SELECT u.undone_by FROM journal u WHERE u.id = j.undone_by) AS redone_by,
           (SELECT count(*) FROM journal_changes c WHERE c.journal_id = j.id) AS changes
    FROM journal j
    """


def changes(conn: sqlite3.Connection, journal_id: int) -> list[dict]:
    """The row changes of one entry, in the order they were made, decoded and described."""
    out = _rows(
        conn,
        "SELECT id, tbl, row_id, op, old, new FROM journal_changes WHERE journal_id = ? ORDER BY id",
        (journal_id,),
    )
    for c in out:
        c["old"], c["new"] = decode_row(c["old"]), decode_row(c["new"])
        c["text"] = describe_change(c["tbl"], c["op"], c["old"], c["new"], c["row_id"])
        c["fields"] = field_lines(c["op"], c["old"], c["new"])
    return out


def _tally(conn: sqlite3.Connection, ids: list[int]) -> dict[int, str]:
    """Per entry, a short count of its changes by table and kind: enterprises +1, units ~1."""
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
        out.setdefault(r[0], []).append(f"{r[1]} {sign[r[2]]}{r[3]}")
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
        e["tally"] = tallies.get(e["id"], "")
        e["status"] = _status(e)
        if with_changes:
            e["changes"] = [c["text"] for c in changes(conn, e["id"])]
    return found


def _status(e: dict) -> str:
    if e.get("redone_by"):  # its undo was undone (promo redo): in effect again
        return f"已重做 redone by #{e['redone_by']}"
    if e.get("undone_by"):
        return f"已撤销 undone by #{e['undone_by']}"
    if e.get("undoes"):
        return f"撤销 undoes #{e['undoes']}"
    return ""


def entry(conn: sqlite3.Connection, journal_id: int) -> dict:
    """One journal entry with its changes."""
    found = _rows(conn, _entry_sql() + " WHERE j.id = ?", (journal_id,))
    if not found:
        last = conn.execute("SELECT max(id) FROM journal").fetchone()[0]
        hint = f"the newest entry is #{last}: see promo log" if last else "the change journal is empty"
        raise Rejected(f"there is no journal entry #{journal_id}", hint)
    e = found[0]
    e["status"] = _status(e)
    e["changes"] = changes(conn, journal_id)
    return e


# -- undo ---------------------------------------------------------------------------------------


def undo_target(conn: sqlite3.Connection, journal_id: int | None = None) -> dict:
    """The entry `promo undo` reverts: the one named, else the newest that changed something and is neither
    undone nor an undo (the entry of a write still in progress has no changes yet, so it is never picked)."""
    if journal_id is None:
        found = _rows(
            conn,
            _entry_sql()
            + """ WHERE (j.undone_by IS NULL OR redone_by IS NOT NULL)
                  AND NOT EXISTS (SELECT 1 FROM journal t WHERE t.undone_by = j.id)
                  AND EXISTS (SELECT 1 FROM journal_changes c WHERE c.journal_id = j.id)
                ORDER BY j.id DESC LIMIT 1""",
        )
        if not found:
            raise Rejected("there is nothing to undo: the change journal has no command left to revert")
        return found[0]
    found = _rows(conn, _entry_sql() + " WHERE j.id = ?", (journal_id,))
    if not found:
        entry(conn, journal_id)  # says there is no such entry, and which is the newest
    e = found[0]
    if e["undone_by"] and not e["redone_by"]:
        raise Rejected(f"#{journal_id} ({e['summary']}) was already undone by #{e['undone_by']}")
    if e["undoes"]:
        raise Rejected(
            f"#{journal_id} is itself an undo (of #{e['undoes']}); an undo cannot be undone",
            "to restore what it reverted: promo redo, right after it",
        )
    return e


def _who(e: dict) -> str:
    return f"#{e['id']} {e['summary'] or e['command']} ({e['user']}, {e['at']})"


def _net_changes(conn: sqlite3.Connection, journal_id: int) -> dict[tuple[str, int], dict]:
    """Per row the entry touched: its state before the entry (None = absent) and after it."""
    net: dict[tuple[str, int], dict] = {}
    for c in _rows(
        conn, "SELECT tbl, row_id, op, old, new FROM journal_changes WHERE journal_id = ? ORDER BY id", (journal_id,)
    ):
        key = (c["tbl"], c["row_id"])
        if key not in net:
            net[key] = {"before": decode_row(c["old"]), "first_op": c["op"]}
        net[key]["after"] = decode_row(c["new"])
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
    return found[0] if found else None


def _current_rows(conn: sqlite3.Connection, tbl: str, row_ids: list[int]) -> dict[int, dict]:
    cols = _columns(conn, tbl)
    out = {}
    for start in range(0, len(row_ids), 500):
        chunk = row_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for rid, text in conn.execute(
            f"SELECT t.rowid, {row_json_sql(cols, 't')} FROM main.{_quote_ident(tbl)} t WHERE t.rowid IN ({marks})",
            chunk,
        ):
            out[rid] = decode_row(text)
    return out


def dependents(conn: sqlite3.Connection, target: dict) -> list[str]:
    """Why the entry cannot be undone: rows changed since, or rows that refer to rows it added."""
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
            problems.append(f"table {tbl} no longer exists")
            continue
        current = _current_rows(conn, tbl, rids)
        for rid in rids:
            after, now = net[(tbl, rid)]["after"], current.get(rid)
            same = (after is None and now is None) or (
                after is not None and now is not None and all(now.get(k) == v for k, v in after.items())
            )
            if same:
                continue
            later = _later_change(conn, tbl, rid, tid)
            row_text = describe_change(tbl, "insert", None, after or net[(tbl, rid)]["before"], rid)[2:]
            if later:
                blocking[later["id"]] = later
                problems.append(f"{row_text} was changed since by {_who(later)}")
            else:
                problems.append(f"{row_text} was changed outside promo's journal")
    # rows that refer to rows this entry added (undoing would remove what they point at); rows the
    # entry itself touched go back to their state before it, which cannot refer to them
    for child in ordered:
        for fk in conn.execute(f"PRAGMA main.foreign_key_list({_quote_ident(child)})").fetchall():
            parent, col, to = fk[2], fk[3], fk[4]
            if (
                parent not in by_table
                or conn.execute(
                    f"SELECT count(*) FROM pragma_foreign_key_list({_sql_text(child)}) WHERE id = ?", (fk[0],)
                ).fetchone()[0]
                > 1
            ):
                continue
            key = f"p.{_quote_ident(to)}" if to else "p.rowid"
            refs = conn.execute(
                f"""SELECT c.rowid FROM main.{_quote_ident(child)} c
                    WHERE c.{_quote_ident(col)} IN (
                      SELECT {key} FROM main.{_quote_ident(parent)} p WHERE p.rowid IN (
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
                    problems.append(f"{row_text} refers to a row it added; it was made by {_who(later)}")
                else:
                    problems.append(f"{row_text} refers to a row it added")
    target["blocking"] = sorted(blocking)
    return problems


def _refuse_if_depended_on(conn: sqlite3.Connection, target: dict) -> None:
    problems = dependents(conn, target)
    if problems:
        shown = "\n  ".join(problems[:12]) + (f"\n  … and {len(problems) - 12} more" if len(problems) > 12 else "")
        order = ", then ".join(f"promo undo {i}" for i in sorted(target["blocking"], reverse=True))
        raise Rejected(
            f"cannot undo {_who(target)}: later changes depend on it:\n  {shown}",
            f"undo those first ({order})" if order else "the catalogue was changed outside promo since",
        )


def is_read_only(exc: sqlite3.OperationalError) -> bool:
    """The catalogue file (or the connection) cannot be written: a read-only file, folder or mount."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith("SQLITE_READONLY") or "readonly database" in str(exc)


def _revert(conn: sqlite3.Connection, change: dict) -> None:
    tbl, rid = _quote_ident(change["tbl"]), change["row_id"]
    if change["op"] == "insert":
        conn.execute(f"DELETE FROM main.{tbl} WHERE rowid = ?", (rid,))
        return
    old = change["old"]
    cols = list(old)
    if change["op"] == "update":
        sets = ", ".join(f"{_quote_ident(c)} = ?" for c in cols)
        conn.execute(f"UPDATE main.{tbl} SET {sets} WHERE rowid = ?", [old[c] for c in cols] + [rid])
        return
    alias = _rowid_alias(conn, change["tbl"])
    if alias is None:
        cols = ["rowid", *cols]
        values = [rid] + [old[c] for c in cols[1:]]
    else:
        values = [old[c] for c in cols]
    names = ", ".join(_quote_ident(c) if c != "rowid" else "rowid" for c in cols)
    conn.execute(f"INSERT INTO main.{tbl} ({names}) VALUES ({','.join('?' * len(cols))})", values)


def _inverse_text(change: dict) -> str:
    op = {"insert": "delete", "delete": "insert", "update": "update"}[change["op"]]
    return describe_change(change["tbl"], op, change["new"], change["old"], change["row_id"])
