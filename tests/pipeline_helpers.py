"""Helpers shared by the pipeline's tests: the catalogue's content, compared byte for byte."""

import sqlite3

from promo import journal


def content(db_path) -> dict[str, list[str]]:
    """Every catalogue row outside the change journal, as SQL literals (quote()), per table, by rowid."""
    conn = sqlite3.connect(db_path)
    try:
        out = {}
        for table in journal.journaled_tables(conn):
            cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            quoted = " || '|' || ".join(f'quote("{c}")' for c in cols)
            sql = f"SELECT rowid || ':' || {quoted} FROM \"{table}\" ORDER BY rowid"
            out[table] = [r[0] for r in conn.execute(sql)]
        return out
    finally:
        conn.close()


def enterprise(db_path, name: str) -> dict | None:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        row = conn.execute("SELECT * FROM enterprises WHERE name = ?", (name,)).fetchone()
        return dict(row) if row else None
    finally:
        conn.close()


def query(db_path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return [tuple(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()
