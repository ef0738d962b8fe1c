"""A listing's rows left in SQLite until they are written: iterated they are dicts, as the domain finishes
them; as JSON or CSV, SQLite writes each row's line itself, byte for byte what promo's Python writers
(promo.render_stream, promo.render_csv) give, so a million rows cross into Python as one string each.

A value SQL cannot write the same way (a formula-like, all-digit or control-character cell, a float with more
than four decimals) goes to those Python writers through a function registered on the connection: the
same text, only slower for those few.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence

from promo.db import stream

COLUMNS = "{columns}"  # where a query template takes its select list
# text a CSV cell changes: controls (escaped as a table's), quote and comma (quoted)
_CSV_UNSAFE = '[\x01-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069,"]'
# a character that is certainly not a digit to str.isdigit(): printable ASCII, or a CJK ideograph
_NOT_DIGIT = "[ -/:-~\u4e00-\u9fff]"


class Query:
    """Rows of a listing's query as `finish` makes them. `template` holds COLUMNS where its select list goes:
    `columns` for the dict rows; for JSON and CSV lines, the SQL expression of each key in `exprs` (a
    "list" in `kinds` is a query of its items' `name`s in order, a "bool" an integer)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        template: str,
        params: dict | Sequence,
        columns: str,
        finish: Callable[[dict], dict] | None = None,
        *,
        exprs: dict[str, str] | None = None,
        kinds: dict[str, str] | None = None,
    ):
        self.conn, self.template, self.params = conn, template, params
        self.sql = template.replace(COLUMNS, columns)
        self.finish, self.exprs, self.kinds = finish, exprs or {}, kinds or {}

    def __iter__(self) -> Iterator[dict]:
        rows = stream(self.conn, self.sql, self.params)
        return map(self.finish, rows) if self.finish else rows

    def lines(self, keys: Sequence[str], fmt: str) -> Iterator[str] | None:
        """Each row as one line of JSON (an object, before promo.render_stream.json_safe) or CSV, written by
        SQLite; None when a key has no expression (the caller writes the rows in Python)."""
        if not all(k in self.exprs and k.isidentifier() and k.isascii() for k in keys):
            return None
        _register(self.conn)
        encode = _json_value if fmt == "json" else _csv_value
        cells = [encode(self.exprs[k], self.kinds.get(k)) for k in keys]
        if fmt == "json":
            text = " || ', ' || ".join(f"""'"{k}": ' || {c}""" for k, c in zip(keys, cells, strict=True))
            text = f"'{{' || {text} || '}}'"
        else:
            text = "'' || " + " || ',' || ".join(cells)  # text even when one number is the whole line
        cursor = self.conn.execute(self.template.replace(COLUMNS, text), self.params)
        return (line for (line,) in cursor)


def _json_value(x: str, kind: str | None) -> str:
    # json_quote writes NULL, integers and text as json.dumps(ensure_ascii=False) does
    if kind == "bool":
        return f"CASE WHEN {x} THEN 'true' ELSE 'false' END"
    if kind == "list":
        return f"'[' || coalesce((SELECT group_concat(json_quote(name), ', ') FROM ({x})), '') || ']'"
    return f"CASE WHEN typeof({x}) <> 'real' OR {_plain_float(x)} THEN json_quote({x}) ELSE promo_json({x}) END"


def _csv_value(x: str, kind: str | None) -> str:
    if kind == "bool":
        return f"CASE WHEN {x} THEN 1 ELSE 0 END"
    if kind == "list":
        # the items joined with ; as promo's CSV writes a list, plain when every item could stand alone
        joined = "group_concat(name, ';')"
        return (
            f"(SELECT CASE WHEN count(*) = 0 THEN '' WHEN min({_plain_text('name')}) THEN {joined} "
            f"ELSE promo_csv({joined}) END FROM ({x}))"
        )
    return (
        f"CASE typeof({x}) WHEN 'null' THEN '' WHEN 'integer' THEN {x} "
        f"WHEN 'real' THEN CASE WHEN {_whole_float(x)} THEN CAST(CAST({x} AS INTEGER) AS TEXT) "
        f"WHEN {_plain_float(x)} THEN CAST({x} AS TEXT) ELSE promo_csv({x}) END "
        f"WHEN 'text' THEN CASE WHEN {_plain_text(x)} THEN {x} ELSE promo_csv({x}) END "
        f"ELSE promo_csv({x}) END"
    )


def _plain_text(x: str) -> str:
    """SQL: the text x is its own CSV cell (not all digits, not formula-like, nothing to escape or quote).
    GLOB stops at a NUL character, so text holding one is looked for as bytes and left to Python."""
    return (
        f"({x} GLOB {_glob(_NOT_DIGIT)} AND substr({x}, 1, 1) NOT IN ('=', '+', '-', '@') "
        f"AND NOT {x} GLOB {_glob(_CSV_UNSAFE)} AND instr(CAST({x} AS BLOB), x'00') = 0)"
    )


def _whole_float(x: str) -> str:
    """SQL: the float x is a whole number that promo's CSV writes as an integer (promo.render_csv)."""
    from promo.render_csv import WHOLE_BELOW

    return f"({x} = CAST({x} AS INTEGER) AND abs({x}) < {WHOLE_BELOW:.0e})"


def _plain_float(x: str) -> str:
    """SQL: the float x is SQLite's text for it (%!.15g) as Python's repr writes it: a whole number of
    ten-thousandths, the double nearest to it, in the range repr writes without an exponent; or zero
    (SQLite stores -0.0 as 0)."""
    return f"({x} = 0 OR ({x} >= 0.0001 AND {x} < 1e11 AND {x} = CAST({x} * 10000 + 0.5 AS INTEGER) / 10000.0))"


def _glob(chars: str) -> str:
    """A GLOB pattern, as an SQL literal, matching text that holds one of `chars` (a [class])."""
    return "'*" + chars.replace("'", "''") + "*'"


def _register(conn: sqlite3.Connection) -> None:
    from promo.render_csv import csv_cell
    from promo.render_stream import json_value

    conn.create_function("promo_json", 1, json_value, deterministic=True)
    conn.create_function("promo_csv", 1, csv_cell, deterministic=True)
