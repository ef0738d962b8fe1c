"""A listing's rows left in SQLite until they are written: iterated they are dicts, as the domain finishes
them; as JSON or CSV, SQLite writes each row's line itself, byte for byte what promo's Python writers
(promo.render_stream, promo.render_csv) give, so a million rows cross into Python as a few UTF-8 pieces each.

A value SQL cannot write the same way (a formula-like, all-digit or control-character cell, a float with more
than four decimals) goes to those Python writers through a function registered on the connection: the
same text, only slower for those few. Cells that depend on the row only through a key (a carrier's name, a
unit's facilities: a list reached through a link table) are written once for each key met, and Python puts
them in place, rather than written (and the list sorted) again for every row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from promo.db import stream

COLUMNS = "{columns}"  # where a query template takes its select list
CHUNK = 1000  # lines fetched (and written) at a time
# text a CSV cell changes: controls (escaped as a table's), quote and comma (quoted), a ; that a formula may
# follow (quoted)
_CSV_UNSAFE = '[\x01-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069,";]'
# a character that is certainly not a digit to str.isdigit(): printable ASCII, or a CJK ideograph
_NOT_DIGIT = "[ -/:-~\u4e00-\u9fff]"
# first characters that may make a CSV cell formula-like (promo.render_csv.formula_like): its signs, ASCII
# and full-width, tab and CR, the spaces that may stand before them, and ' (doubled before a formula)
_CSV_RISKY_START = "=+-@\t\r＝＋－＠ \u00a0\u3000'"
_MAX_ARGS = 100  # printf's arguments in one call (SQLite allows 127 to a function by default)


@dataclass(frozen=True)
class Linked:
    """A list cell of names reached through a link table, in name order: `ids` is a query on the listing's
    row selecting the ids of its items in `table` (which has id and name) as `id`. Each set of ids met is
    written once."""

    ids: str
    table: str


@dataclass(frozen=True)
class Keyed:
    """Cells that depend on the row only through a key: `key` is SQL on the listing's row, `source` the FROM
    clause (:key standing for the key's value) finding the one row their expressions are written from. Each
    key met is written once: a carrier's code and name once per carrier, not once per unit. A Linked list is
    a key of its own, not part of a Keyed run."""

    key: str
    source: str


class Query:
    """Rows of a listing's query as `finish` makes them. `template` holds COLUMNS where its select list goes:
    `columns` for the dict rows; for JSON and CSV lines, the SQL expression of each key in `exprs`. `kinds`
    says more of a key: "list" (its expression a query of its items' `name`s in order), a Linked list,
    "bool" (an integer), "text" or "real" (a column of that affinity: text never holds a number, real
    holds floats). `keyed` names the keys written once per key of a Keyed, not once a row."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        template: str,
        params: dict | Sequence,
        columns: str,
        finish: Callable[[dict], dict] | None = None,
        *,
        exprs: dict[str, str] | None = None,
        kinds: dict[str, str | Linked] | None = None,
        keyed: dict[str, Keyed] | None = None,
    ):
        self.conn, self.template, self.params = conn, template, params
        self.sql = template.replace(COLUMNS, columns)
        self.finish, self.exprs, self.kinds, self.keyed = finish, exprs or {}, kinds or {}, keyed or {}

    def __iter__(self) -> Iterator[dict]:
        rows = stream(self.conn, self.sql, self.params)
        return map(self.finish, rows) if self.finish else rows

    def lines(self, keys: Sequence[str], fmt: str) -> Iterator[str] | None:
        """Each row as one line of JSON (an object, before promo.render_stream.json_safe) or CSV, written by
        SQLite; None when a key has no expression (the caller writes the rows in Python)."""
        batches = self.batches(keys, fmt)
        return None if batches is None else (line.decode() for batch in batches for line in batch)

    def batches(self, keys: Sequence[str], fmt: str) -> Iterator[list[bytes]] | None:
        """lines() as lists of up to CHUNK lines, each UTF-8 bytes (no decoding on the way to a byte stream)."""
        if not all(k in self.exprs and k.isidentifier() and k.isascii() for k in keys):
            return None
        _register(self.conn)
        encode = _json_value if fmt == "json" else _csv_value

        def before(i: int) -> str:  # the text between key i's cell and the one before it
            return ("{" if i == 0 else ", ") + f'"{keys[i]}": ' if fmt == "json" else ("" if i == 0 else ",")

        # A line is printf's text around the cells written once per key (Keyed runs of keys, Linked lists),
        # which Python fills in from the key SQLite gives in their place.
        stretches: list[list[tuple[str, str]]] = [[]]  # (literal text before, SQL of the cell)
        groups: list[_Cells] = []
        i = 0
        while i < len(keys):
            kind, spec = self.kinds.get(keys[i]), self.keyed.get(keys[i])
            if spec is None and not isinstance(kind, Linked):
                stretches[-1].append((before(i), encode(self.exprs[keys[i]], kind)))
                i += 1
                continue
            stretches[-1].append((before(i), ""))
            if spec is None:
                groups.append(_Cells.linked(self.conn, kind, encode))
                i += 1
            else:
                if isinstance(kind, Linked):
                    raise ValueError(f"{keys[i]} is both Linked and Keyed")
                run = [("", encode(self.exprs[keys[i]], kind))]
                i += 1
                while (
                    i < len(keys)
                    and self.keyed.get(keys[i]) == spec
                    and not isinstance(self.kinds.get(keys[i]), Linked)
                ):
                    run.append((before(i), encode(self.exprs[keys[i]], self.kinds.get(keys[i]))))
                    i += 1
                groups.append(_Cells(self.conn, spec.key, f"SELECT {_printf(run)} FROM {spec.source}"))
            stretches.append([])
        stretches[-1].append(("}" if fmt == "json" else "", ""))
        select = [_printf(stretches[0])]
        for group, stretch in zip(groups, stretches[1:], strict=True):
            select += [group.key, _printf(stretch)]
        cursor = self.conn.cursor()
        cursor.row_factory = None
        cursor.execute(self.template.replace(COLUMNS, ", ".join(select)), self.params)
        return _joined(cursor, groups)


def _joined(cursor: sqlite3.Cursor, groups: list[_Cells]) -> Iterator[list[bytes]]:
    """The lines of the cursor's rows: printf's pieces, and between them the cells of each group's key."""
    # the common shapes spelled out: one concatenation a row, no loop over its pieces
    if not groups:
        while rows := cursor.fetchmany(CHUNK):
            yield [line for (line,) in rows]
    elif len(groups) == 1:
        (one,) = groups
        while rows := cursor.fetchmany(CHUNK):
            yield [a + one[k] + b for a, k, b in rows]
    elif len(groups) == 2:
        one, two = groups
        while rows := cursor.fetchmany(CHUNK):
            yield [b"".join((a, one[k], b, two[m], c)) for a, k, b, m, c in rows]
    else:
        while rows := cursor.fetchmany(CHUNK):
            yield [
                b"".join(
                    [row[0], *(p for g, k, s in zip(groups, row[1::2], row[2::2], strict=True) for p in (g[k], s))]
                )
                for row in rows
            ]


class _Cells(dict):
    """The text of a group's cells for each key met, written by `sql` (:key bound to the key) when first
    met. Kept to a bounded number of keys, so memory stays flat (a few MiB at most)."""

    LIMIT = 16384

    def __init__(self, conn: sqlite3.Connection, key: str, sql: str):
        super().__init__()
        self.conn, self.key, self.sql = conn, key, sql

    @classmethod
    def linked(cls, conn: sqlite3.Connection, link: Linked, encode: Callable[[str, str | None], str]) -> _Cells:
        """A Linked list's cell for each set of ids (as group_concat writes them): the same SQL as a "list"
        cell's, over the names of those ids."""
        names = (
            f"SELECT t.name AS name FROM json_each('[' || coalesce(:key, '') || ']') j "
            f"JOIN {link.table} t ON t.id = j.value ORDER BY t.name"
        )
        key = f"(SELECT group_concat(id) FROM ({link.ids}))"
        return cls(conn, key, "SELECT CAST(" + encode(names, "list") + " AS BLOB)")

    def __missing__(self, key) -> bytes:
        if len(self) >= self.LIMIT:
            self.clear()
        cursor = self.conn.cursor()
        cursor.row_factory = None
        found = cursor.execute(self.sql, {"key": key}).fetchone()
        if found is None:
            raise LookupError(f"no row for key {key!r}: {self.sql}")
        self[key] = found[0]
        return found[0]


def _printf(stretch: list[tuple[str, str]]) -> str:
    """SQL of the text of `stretch`'s literals and cells, as a blob (no decoding in Python): printf calls of
    at most _MAX_ARGS cells, one allocation each rather than one per ||."""
    calls = []
    for start in range(0, len(stretch), _MAX_ARGS):
        part = stretch[start : start + _MAX_ARGS]
        fmt = "".join(before.replace("%", "%%") + ("%s" if cell else "") for before, cell in part)
        args = "".join(f", {cell}" for _, cell in part if cell)
        if fmt:  # printf('') is NULL
            calls.append(f"""printf('{fmt.replace("'", "''")}'{args})""")
    return f"CAST({' || '.join(calls)} AS BLOB)" if calls else "x''"


def _json_value(x: str, kind: str | None) -> str:
    # json_quote writes NULL, integers and text as json.dumps(ensure_ascii=False) does; printf writes an
    # integer, and a plain float as SQLite's text for it (as CAST does); Python writes anything else
    if kind == "bool":
        return f"CASE WHEN {x} THEN 'true' ELSE 'false' END"
    if kind == "list":
        return f"'[' || coalesce((SELECT group_concat(json_quote(name), ', ') FROM ({x})), '') || ']'"
    if kind == "text":
        return f"json_quote({x})"
    if kind == "real":
        return f"CASE WHEN {x} IS NULL THEN 'null' WHEN {_plain_float(x)} THEN {x} ELSE promo_json({x}) END"
    return (
        f"CASE typeof({x}) WHEN 'null' THEN 'null' WHEN 'integer' THEN {x} "
        f"WHEN 'real' THEN CASE WHEN {_plain_float(x)} THEN {x} ELSE promo_json({x}) END ELSE json_quote({x}) END"
    )


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
    real = f"WHEN {_whole_float(x)} THEN CAST({x} AS INTEGER) WHEN {_plain_float(x)} THEN {x} ELSE promo_csv({x}) END"
    if kind == "real":  # a text or blob in a real column is neither whole nor plain
        return f"CASE WHEN {x} IS NULL THEN '' {real}"
    text = f"CASE WHEN {_plain_text(x)} THEN {x} ELSE promo_csv({x}) END"
    if kind == "text":
        return f"CASE typeof({x}) WHEN 'text' THEN {text} WHEN 'null' THEN '' ELSE promo_csv({x}) END"
    return (
        f"CASE typeof({x}) WHEN 'null' THEN '' WHEN 'integer' THEN {x} WHEN 'real' THEN CASE {real} "
        f"WHEN 'text' THEN {text} ELSE promo_csv({x}) END"
    )


def _plain_text(x: str) -> str:
    """SQL: the text x is its own CSV cell (not all digits, nothing to escape or quote, and a first character
    that cannot start a formula, even after spaces or a ').
    GLOB stops at a NUL character, so text holding one is looked for as bytes and left to Python."""
    risky = ", ".join(str(ord(c)) for c in _CSV_RISKY_START)
    return (
        f"(unicode({x}) NOT IN ({risky}) AND {x} GLOB {_glob(_NOT_DIGIT)} "
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


def column_kinds(conn: sqlite3.Connection, exprs: dict[str, str], tables: dict[str, str]) -> dict[str, str]:
    """The kind of each key of `exprs` that is a plain column ("alias.column", aliases of `tables`) of TEXT or
    REAL affinity by its table's declaration: "text" (SQLite stores a number given to it as text) or "real"
    (an integer given to it is read back as a float)."""
    found = {}
    for alias, table in tables.items():
        if conn.execute("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", (table,)).fetchone():
            for name, declared in conn.execute("SELECT name, type FROM pragma_table_info(?)", (table,)):
                kind = _affinity((declared or "").upper())
                if kind in ("text", "real"):
                    found[f"{alias}.{name}".lower()] = kind
    return {key: found[expr.lower()] for key, expr in exprs.items() if expr.lower() in found}


def _affinity(declared: str) -> str:
    """SQLite's rules for a column's affinity from its declared type (upper case), in their order."""
    if "INT" in declared:
        return "integer"
    if any(t in declared for t in ("CHAR", "CLOB", "TEXT")):
        return "text"
    if not declared or "BLOB" in declared:
        return "blob"
    return "real" if any(t in declared for t in ("REAL", "FLOA", "DOUB")) else "numeric"


def _register(conn: sqlite3.Connection) -> None:
    from promo.render_csv import csv_cell
    from promo.render_stream import json_value

    conn.create_function("promo_json", 1, json_value, deterministic=True)
    conn.create_function("promo_csv", 1, csv_cell, deterministic=True)
