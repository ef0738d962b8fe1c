"""Lists written by promo/edit (carriers, platforms, units, policies, criteria): one adapter shape over each
list's own add and update. A row is compared with the record by parsing both through the list's parser,
so what counts as a change is exactly what the writer would store."""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from promo.errors import PromoError
from promo.i18n import N_, _
from promo.io.cells import zero_lost
from promo.io.headers import Field
from promo.text import fold


@dataclass
class RecordList:
    ZH: str
    EN: str
    FIELDS: list[Field]
    table: str
    # (conn, raw, names) -> typed dict, every problem at once; partial (an update need not repeat required
    # fields), since the list's own add insists on them for a new record
    parse_raw: Callable
    export: Callable  # (conn, ids or None) -> [raw dict keyed like FIELDS]
    find: Callable  # (conn, typed) -> row or None
    add_fn: Callable  # (conn, raw, names) -> dict
    update_fn: Callable  # (conn, row, raw, names) -> dict
    keys_fn: Callable  # typed -> [(what, key)]
    sample: dict  # an example row for the template
    LABEL_COLUMN: str = "name"
    derived: tuple[str, ...] = ()  # shown and exported, never written (e.g. a unit's holder)
    CONTINUED_BY: tuple[str, tuple[str, ...]] | None = None  # see promo.io.headers.find_table

    def parse(self, conn: sqlite3.Connection, raw: dict, names: dict, options: dict):
        given = {k: v for k, v in raw.items() if k != "sample" and k not in self.derived}
        typed = self.parse_raw(conn, given, names)
        return _Row(given, typed, raw.get("sample") in ("是", "※", "1", "yes", "true"), raw)

    def label(self, r) -> str:
        return str(r.typed.get(self.LABEL_COLUMN) or r.raw.get(self.LABEL_COLUMN) or "")

    def keys(self, r) -> list[tuple[str, str]]:
        return self.keys_fn(r.typed)

    def existing(self, conn: sqlite3.Connection, r):
        row = self.find(conn, r.typed)
        return (row, _("the same {key}").format(key=_(self.keys(r)[0][0]))) if row is not None else (None, None)

    def changes(self, conn: sqlite3.Connection, row, r) -> list[tuple]:
        old_raw = next(iter(self.export(conn, [row["id"]])))
        try:
            old = self.parse_raw(conn, {k: old_raw.get(k) for k in r.given if k in old_raw}, {})
        except PromoError:
            old = {}
        phones = {f.key for f in self.FIELDS if f.kind == "phone"}
        return [
            (k, old_raw.get(k), r.given[k])
            for k, v in r.typed.items()
            if v not in (None, "", [])
            and _norm(v) != _norm(old.get(k))
            and not (k in phones and zero_lost(old.get(k), v))
        ]

    def add(self, conn: sqlite3.Connection, r, names: dict) -> list[str]:
        added = self.add_fn(conn, r.given | {k: r.raw[k] for k in self.derived if r.raw.get(k)}, names)
        if r.sample:
            conn.execute(f"UPDATE {self.table} SET sample = 1 WHERE id = ?", (added["id"],))
        return added.get("warnings", []) if isinstance(added, dict) else []

    def update(self, conn: sqlite3.Connection, row, r, changed: list) -> list[str]:
        self.update_fn(conn, row, {k: r.given[k] for k, _, _ in changed}, {})
        return []

    def export_rows(self, conn: sqlite3.Connection):
        """Every record as its sheet shows it (a list, or streamed where the list can be long: units)."""
        return self.export(conn, None)

    def count(self, conn: sqlite3.Connection) -> int:
        return conn.execute(f"SELECT count(*) FROM {self.table}").fetchone()[0]

    def example(self) -> dict:
        return self.sample


class _Row:
    def __init__(self, given: dict, typed: dict, sample: bool, raw: dict):
        self.given, self.typed, self.sample, self.raw = given, typed, sample, raw


def _norm(value):
    if isinstance(value, list):
        return sorted(map(str, value))
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def by_ids(sql: str, ids, order: str) -> tuple[str, list]:
    """A listing query, narrowed to some ids when given."""
    if ids is None:
        return f"{sql} ORDER BY {order}", []
    return f"{sql} WHERE t.id IN ({','.join('?' * len(ids))}) ORDER BY {order}", list(ids)


def yes(flag) -> str:
    return "是" if flag else ""


def by_name(table: str):
    """The record of `table` whose folded name is the row's."""

    def find(conn, typed):
        return conn.execute(f"SELECT * FROM {table} WHERE name_folded = ?", (fold(typed["name"]),)).fetchone()

    return find


def name_key(typed) -> list[tuple[str, str]]:
    return [(N_("folded name"), fold(typed["name"]))]


def adder(module: str, function: str):
    """The list's own add, called as (conn, raw, names) and loaded only when an import uses it."""

    def add(conn, raw, names):
        return getattr(importlib.import_module(module), function)(conn, raw, names=names)

    return add


def updater(module: str, function: str, ref: str = "name"):
    """The list's own update, given the record by its `ref` column."""

    def update(conn, row, raw, names):
        return getattr(importlib.import_module(module), function)(conn, row[ref], raw, names=names)

    return update


def parser(module: str, fields: str):
    """The list's own field parser over its declared fields, as a partial record."""

    def parse(conn, raw, names):
        from promo.edit.record import parse_record

        declared = getattr(importlib.import_module(module), fields)
        return parse_record(conn, raw, declared, partial=True, names=names or None)

    return parse
