"""Inserting many rows at once inside the caller's write: multi-row INSERT statements, journaled as the ids
they created and added to the search index in one statement each, instead of per-row triggers."""

from __future__ import annotations

import sqlite3
from itertools import chain
from operator import itemgetter

# SQLite (3.32 on) binds at most 32,766 values per statement; stay clear of it
MAX_VALUES = 30_000


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def insert(conn: sqlite3.Connection, table: str, rows: list[dict]) -> list[int]:
    """Insert `rows` (dicts with the same keys) into `table`; returns their new ids in the rows' order."""
    from promo import journal, search_index
    from promo.db import require_write

    require_write(conn)
    if not rows:
        return []
    columns = list(rows[0])
    values = itemgetter(*columns) if len(columns) > 1 else lambda r: (r[columns[0]],)
    per = max(1, MAX_VALUES // len(columns))
    names = ", ".join(_q(c) for c in columns)
    one = "(" + ",".join("?" * len(columns)) + ")"
    # per-row triggers would run once a row; they are set aside and the rows journaled and indexed set-wise
    names_ = journal.insert_triggers(table) + search_index.insert_triggers(table)
    marks = ",".join("?" * len(names_))
    aside = conn.execute(
        f"SELECT sql FROM temp.sqlite_master WHERE type = 'trigger' AND name IN ({marks})", names_
    ).fetchall()
    for name in names_:
        conn.execute(f"DROP TRIGGER IF EXISTS temp.{_q(name)}")
    ids: list[int] = []
    try:
        for start in range(0, len(rows), per):
            chunk = rows[start : start + per]
            params = list(chain.from_iterable(map(values, chunk)))  # each row's values in the columns' order
            values = ",".join([one] * len(chunk))
            before = conn.execute(f"SELECT max(rowid) FROM main.{_q(table)}").fetchone()[0] or 0
            last = conn.execute(f"INSERT INTO main.{_q(table)} ({names}) VALUES {values}", params).lastrowid
            if last - before == len(chunk) and "rowid" not in chunk[0] and "id" not in chunk[0]:
                ids += range(before + 1, last + 1)  # each new row takes the largest rowid plus one, in order
            else:
                raise RuntimeError(f"bulk insert into {table}: the new rows' ids are not consecutive")
    finally:
        for (sql,) in aside:  # sqlite_master keeps a temp trigger's SQL without its TEMP
            conn.execute(sql.replace("CREATE TRIGGER", "CREATE TEMP TRIGGER", 1))
    journal.record_inserts(conn, table, ids)
    search_index.index_rows(conn, table, ids)
    return ids
