"""The change journal's recorder: what every writing command changed, captured as it happens.

Changes are captured by temporary triggers that each connection installs on every catalogue table
before its first write (`install_capture`). They record whole rows as JSON objects of SQL literals
(`quote()`), so text, integers and reals come back exactly — SQLite's JSON functions would round reals
to 15 digits — and tables added by later migrations are journaled without anyone having to remember.
A bulk insert (`promo.bulk`) is recorded as the ids it created: undoing an insert needs nothing more.
Writes outside `promo.db.write` are not captured: the capture table is empty then. Reading the journal
back is promo.journal_read; undoing an entry is promo.revert.
"""

from __future__ import annotations

import sqlite3
from hashlib import blake2b
from itertools import compress, repeat
from operator import add, is_not

NOT_JOURNALED = {"journal", "journal_changes"}
_TRIGGER_PREFIX = "promo_journal_"


def quote_ident(name: str) -> str:
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


def table_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    # table_xinfo marks generated columns as hidden (2, 3): they cannot be written back
    return [r[1] for r in conn.execute(f"PRAGMA main.table_xinfo({quote_ident(table)})") if r[6] in (0, 1)]


def rowid_alias(conn: sqlite3.Connection, table: str) -> str | None:
    pk = [r for r in conn.execute(f"PRAGMA main.table_info({quote_ident(table)})") if r[5]]
    if len(pk) == 1 and pk[0][2].upper() == "INTEGER":
        return pk[0][1]
    return None


def row_json_sql(columns: list[str], alias: str) -> str:
    """SQL that builds a JSON object {column: SQL literal} of one row; no limit on the number of columns."""
    parts = [f"json_quote({sql_text(c)}) || ':' || json_quote(quote({alias}.{quote_ident(c)}))" for c in columns]
    return "'{' || " + " || ',' || ".join(parts) + " || '}'"


def sql_text(text: str) -> str:
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
        cols = table_columns(conn, table)
        name, tbl = quote_ident(table), sql_text(table)
        changed = " OR ".join(f"OLD.{quote_ident(c)} IS NOT NEW.{quote_ident(c)}" for c in cols)
        for op, when, old, new, rowid in (
            ("insert", "", "NULL", row_json_sql(cols, "NEW"), "NEW.rowid"),
            ("update", f" AND ({changed})", row_json_sql(cols, "OLD"), row_json_sql(cols, "NEW"), "NEW.rowid"),
            ("delete", "", row_json_sql(cols, "OLD"), "NULL", "OLD.rowid"),
        ):
            trigger = quote_ident(f"{_TRIGGER_PREFIX}{table}_{op}")
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


def insert_triggers(table: str) -> list[str]:
    """The names of this connection's triggers that journal each row inserted into `table` (promo.bulk
    sets them aside while it inserts many rows, and journals the rows' ids in one statement instead)."""
    return [f"{_TRIGGER_PREFIX}{table}_insert"]


def record_inserts(conn: sqlite3.Connection, table: str, ids: list[int]) -> None:
    """Journal rows a bulk insert created as their ids alone (old and new NULL) and a fingerprint of each:
    undoing them needs no more, the journal shows them from the rows themselves (promo.journal_read), and
    undo refuses when a row's fingerprint says it was edited outside promo's journal."""
    import json

    if not ids or not conn.execute("SELECT 1 FROM temp.sqlite_master WHERE name = 'promo_capture'").fetchone():
        return  # a write outside promo.db.write (seeding a new catalogue) is not journaled
    register_row_print(conn)
    conn.execute(
        f"""INSERT INTO journal_changes (journal_id, tbl, row_id, op, fp)
            SELECT c.journal_id, ?, t.rowid, 'insert', {row_print_sql(conn, table, "t")}
            FROM temp.promo_capture c, main.{quote_ident(table)} t
            WHERE t.rowid IN (SELECT value FROM json_each(?)) ORDER BY t.rowid""",
        (table, json.dumps(ids)),
    )


def row_print(*names_and_values) -> int:
    """A 64-bit fingerprint of a row from (column, value) pairs; NULL columns leave no mark, so a column a
    later migration adds (NULL in old rows) does not change the rows' prints."""
    return _print(_heads(names_and_values[::2]), names_and_values[1::2])


def row_print_of(columns: str, *values) -> int:
    """row_print of a row given as its columns' names (joined by promo.journal.row_print_sql) and its values:
    the same print, without SQLite handing Python each column's name for each row."""
    heads = _HEADS_OF.get(columns)
    if heads is None:
        heads = _HEADS_OF[columns] = _heads(tuple(columns.split(_SEP)))
    return _print(heads, values)


_SEP = "\x1f"  # between a table's column names: no name holds it
_HEADS: dict[tuple, tuple] = {}  # a table's columns → each column's "'name', " (a handful of tables)
_HEADS_OF: dict[str, tuple] = {}


def _heads(names: tuple) -> tuple:
    heads = _HEADS.get(names)
    if heads is None:
        heads = _HEADS[names] = tuple(repr(n) + ", " for n in names)
    return heads


def _print(heads: tuple, values: tuple) -> int:
    """blake2b-64 of repr() of the tuple of (column, value) pairs whose value is not None, that text built
    from each part's repr (a nested tuple's repr costs twice as much)."""
    kept = list(map(is_not, values, repeat(None)))
    parts = list(map(add, compress(heads, kept), map(repr, compress(values, kept))))
    if len(parts) > 1:
        text = "((" + "), (".join(parts) + "))"
    else:
        text = f"(({parts[0]}),)" if parts else "()"
    return int.from_bytes(blake2b(text.encode(), digest_size=8).digest(), "big", signed=True)


def register_row_print(conn: sqlite3.Connection) -> None:
    """The SQL function row_print_sql calls."""
    conn.create_function("promo_row_print_of", -1, row_print_of, deterministic=True)


def row_print_sql(conn: sqlite3.Connection, table: str, alias: str) -> str:
    """SQL of the fingerprint of row `alias` of `table` (register_row_print first)."""
    cols = table_columns(conn, table)
    values = ", ".join(f"{alias}.{quote_ident(c)}" for c in cols)
    return f"promo_row_print_of({sql_text(_SEP.join(cols))}, {values})"


def edited_outside(conn: sqlite3.Connection, journal_id: int, table: str, limit: int = 20) -> list[int]:
    """Rows the entry bulk-inserted into `table` that no later journal entry touched and whose fingerprint no
    longer matches: edited outside promo's journal. Entries from before fingerprints (fp NULL) are trusted.
    `+c.tbl`: the entry's rows are found by its id; through (tbl, row_id), for the ORDER BY, SQLite would walk
    every change the table ever had."""
    register_row_print(conn)
    return [
        r[0]
        for r in conn.execute(
            f"""SELECT c.row_id FROM journal_changes c JOIN main.{quote_ident(table)} t ON t.rowid = c.row_id
                WHERE c.journal_id = ? AND +c.tbl = ? AND c.op = 'insert' AND c.new IS NULL AND c.fp IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM journal_changes l WHERE l.tbl = c.tbl AND l.row_id = c.row_id
                                  AND l.id > c.id)
                  AND c.fp != {row_print_sql(conn, table, "t")}
                ORDER BY c.row_id LIMIT ?""",
            (journal_id, table, limit),
        )
    ]


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


def is_read_only(exc: sqlite3.OperationalError) -> bool:
    """The catalogue file (or the connection) cannot be written: a read-only file, folder or mount."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith("SQLITE_READONLY") or "readonly database" in str(exc)
