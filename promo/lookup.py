"""Finding a record by the name a user types: folded exact match, code, unique part, else 'did you mean'."""

from __future__ import annotations

import sqlite3

from promo.errors import Ambiguous, BadValue, NotFound
from promo.i18n import _
from promo.text import fold

# Tables a name can be looked up in: (name column, folded column, code column or None).
_TABLES = {
    "carriers": ("name", "name_folded", "code"),
    "industries": ("name", "name_folded", "code"),
    "facilities": ("name", "name_folded", None),
    "enterprises": ("name", "name_folded", "uscc"),
    "policies": ("name", "name_folded", "code"),
    "platforms": ("name", "name_folded", "code"),
    "clusters": ("name", "name_folded", "code"),
    "targets": ("name", "name_folded", None),
    "departments": ("name", "name_folded", None),
    "events": ("name", "name_folded", None),
}
# Tables whose rows have an English name (name_en), found by it too when a name typed in English matches no
# Chinese one: an officer on an English screen writes 'medical devices' for 医疗器械.
_ENGLISH_NAMES = frozenset(("carriers", "industries", "facilities", "enterprises", "policies", "platforms", "clusters"))


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def suggestions(conn: sqlite3.Connection, table: str, name: str, limit: int = 3) -> list[str]:
    """Names close to `name`, for "did you mean"; scans only rows sharing a character pair on big tables."""
    label, folded, _ = _TABLES[table]
    key = fold(name)
    if not key:
        return []
    count = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    if count <= 5000:
        candidates = conn.execute(f"SELECT {label}, {folded} FROM {table}").fetchall()
    else:
        pairs = {key[i : i + 2] for i in range(max(len(key) - 1, 1))}
        where = " OR ".join(f"{folded} LIKE ? ESCAPE '\\'" for _ in pairs)
        candidates = conn.execute(
            f"SELECT {label}, {folded} FROM {table} WHERE {where} LIMIT 5000",
            [f"%{like_escape(p)}%" for p in pairs],
        ).fetchall()
    by_folded = {row[1]: row[0] for row in candidates}
    import difflib  # only when a name is not found: a suggestion is worth it, the import on every lookup is not

    close = difflib.get_close_matches(key, list(by_folded), n=limit, cutoff=0.5)
    # a name that contains the query (or is contained by it) is a good suggestion too
    close += [f for f in by_folded if (key in f or f in key) and f not in close]
    return [by_folded[f] for f in close[:limit]]


MAX_QUERY = 1000


def check_length(name: str, what: str) -> None:
    """A name to look up longer than any name could be is a bad value (exit 2), not a search SQLite chokes on."""
    if name is not None and len(name) > MAX_QUERY:
        raise BadValue(
            what,
            name,
            _("is {length:,} characters long; no name in the catalogue is over {limit:,}").format(
                length=len(name), limit=MAX_QUERY
            ),
        )


def find(conn: sqlite3.Connection, table: str, name: str, what: str, *, where: str = "") -> sqlite3.Row:
    """The one row of `table` that `name` designates, or NotFound / Ambiguous.

    Order of trust: the folded name exactly, the code (or credit code), the English name exactly, then a unique
    row whose folded name (or English name) contains the query ('精准医学' → 精准医学产业园, 'medical devices'
    → 高端医疗器械).
    """
    check_length(name, what)
    label, folded, code = _TABLES[table]
    key = fold(name)
    extra = f" AND ({where})" if where else ""
    if not key:
        raise NotFound(what, name)
    row = conn.execute(f"SELECT * FROM {table} WHERE {folded} = ?{extra}", (key,)).fetchone()
    if row is None and code:
        row = conn.execute(f"SELECT * FROM {table} WHERE upper({code}) = upper(?){extra}", (name.strip(),)).fetchone()
    english = table in _ENGLISH_NAMES and name.isascii()
    if row is None and english:  # 'High-end medical devices' for 高端医疗器械
        row = conn.execute(
            f"SELECT * FROM {table} WHERE lower(trim(name_en)) = lower(?){extra}", (" ".join(name.split()),)
        ).fetchone()
    if row is not None:
        return row
    # in an English name from the start of a word: 'devices' finds High-end medical devices, 'nan' no governance
    also = " OR ' ' || replace(lower(name_en), '-', ' ') LIKE lower(?) ESCAPE '\\'" if english else ""
    pattern = f"%{like_escape(key)}%"
    found = conn.execute(
        f"SELECT * FROM {table} WHERE ({folded} LIKE ? ESCAPE '\\'{also}){extra} ORDER BY length({folded}) LIMIT 20",
        (pattern, f"% {like_escape(' '.join(name.split()))}%") if english else (pattern,),
    ).fetchall()
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise Ambiguous(what, name, [r[label] for r in found])
    raise NotFound(what, name, suggestions(conn, table, name))
