"""A list's fields declared once (key, option name, parser) and parsed together, every problem at once."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from promo.errors import BadValue, PromoError, Rejected
from promo.i18n import _

Parser = Callable[[sqlite3.Connection, Any, str], Any]


@dataclass(frozen=True)
class Field:
    """One field of a list: its column, how the command line names it, and how a typed value is parsed."""

    key: str
    option: str
    parse: Parser
    required: bool = False
    multiple: bool = False  # a list of values (a tuple of options, or 'a;b' in a spreadsheet cell)
    clearable: bool = True  # False: left empty when adding, a default fills it; an update may not empty it


def problems_error(problems: list[PromoError]) -> None:
    """Raise the one problem as it is, several as one error listing each (exit 2 if all are bad values)."""
    from promo.errors import raise_all

    raise_all(problems)


def split(value) -> list:
    """A multi-valued field as a list: options given several times, or one cell 'a;b、c'."""
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else [value]
    out = []
    for item in items:
        if isinstance(item, str):
            out += [p.strip() for p in item.replace("；", ";").replace("、", ";").split(";") if p.strip()]
        elif item is not None:
            out.append(item)
    return out


def parse_record(
    conn: sqlite3.Connection,
    raw: dict,
    fields: Sequence[Field],
    *,
    partial: bool = False,
    names: dict[str, str] | None = None,
) -> dict:
    """The parsed values of the fields given in `raw` (None = not given, '' = clear the field).

    `partial` is an update: required fields may be left out, but not cleared. `names` renames fields for
    messages (an import names its columns). Every field is parsed, and all problems are raised together.
    """
    by_key = {f.key: f for f in fields}
    problems: list[PromoError] = []
    unknown = sorted(k for k, v in raw.items() if k not in by_key and v is not None)
    if unknown:
        problems.append(
            BadValue(
                "fields", ", ".join(unknown), _("not fields of this list: {fields}").format(fields=", ".join(by_key))
            )
        )
    out: dict = {}
    for f in fields:
        option = (names or {}).get(f.key, f.option)
        value = raw.get(f.key)
        if value is None:
            if f.required and not partial:
                problems.append(BadValue(option, "''", _("is required")))
            continue
        if f.multiple:
            value = split(value)
        if value == [] or (isinstance(value, str) and not value.strip()):
            if f.required or (partial and not f.clearable):
                problems.append(BadValue(option, repr(raw.get(f.key)), _("is required; it cannot be cleared")))
            elif not f.clearable:
                pass  # an empty cell of a new record: its default, as when the field is left out
            else:
                out[f.key] = [] if f.multiple else None
            continue
        try:
            out[f.key] = f.parse(conn, value, option)
        except PromoError as exc:
            problems.append(exc)
    problems_error(problems)
    return out


def insert(conn: sqlite3.Connection, table: str, values: dict) -> int:
    """Insert one row of plain values; returns its id."""
    cols = list(values)
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    return conn.execute(sql, [values[c] for c in cols]).lastrowid


def update(conn: sqlite3.Connection, table: str, row_id: int, values: dict) -> None:
    """Set columns of one row; nothing happens for an empty dict."""
    if values:
        sets = ", ".join(f"{c} = ?" for c in values)
        conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*values.values(), row_id])


def require_write(conn: sqlite3.Connection, what: str) -> None:
    """The one transaction convention (promo.db.require_write): writers run inside the caller's transaction."""
    from promo.db import require_write as inside_write

    inside_write(conn)


def refuse_if_used(what: str, name: str, users: list[tuple[str, list[str]]], hint: str) -> None:
    """Refuse to remove a record that others use, naming them (up to eight of each kind)."""
    used = [(label, names) for label, names in users if names]
    if used:
        parts = []
        for label, names in used:
            shown = "、".join(names[:8]) + (f" … ({len(names)})" if len(names) > 8 else "")
            parts.append(_("{what}: {names}").format(what=_(label), names=shown))
        raise Rejected(
            _("{what} {name} is still used — {users}").format(what=_(what), name=name, users=_("; ").join(parts)),
            _(hint),
        )


def as_json(items: list | None) -> str | None:
    return json.dumps(items, ensure_ascii=False) if items else None
