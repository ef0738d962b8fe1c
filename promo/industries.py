"""The industry chain as a tree (leading industry → chain → link): ancestors, descendants, family, path, root.

Each walk is written once here, as a common table expression that SQL elsewhere can embed, and as a function.
"""

from __future__ import annotations

import sqlite3

from promo.i18n import _


def up(start: str = ":industry_id") -> str:
    """CTE `up(id, parent_id, depth)`: the industry `start` (an SQL expression) and its ancestors (depth 0 = it)."""
    return f"""up(id, parent_id, depth) AS (
    SELECT id, parent_id, 0 FROM industries WHERE id = {start}
    UNION SELECT i.id, i.parent_id, up.depth + 1 FROM industries i JOIN up ON i.id = up.parent_id)"""


def down(start: str = ":industry_id") -> str:
    """CTE `down(id)`: the industry `start` (an SQL expression) and everything below it."""
    return f"""down(id) AS (
    SELECT id FROM industries WHERE id = {start}
    UNION SELECT i.id FROM industries i JOIN down ON i.parent_id = down.id)"""


def family(start: str = ":industry_id") -> str:
    """CTEs `up` and `down` together: "this industry's family", shared by filters, policies and criteria."""
    return f"{up(start)},\n  {down(start)}"


# CTE `roots(id, root_id)`: every industry with the leading industry at the top of its tree.
ROOTS = """roots(id, root_id) AS (
    SELECT id, id FROM industries WHERE parent_id IS NULL
    UNION ALL SELECT i.id, roots.root_id FROM industries i JOIN roots ON i.parent_id = roots.id)"""


def descendants(conn: sqlite3.Connection, industry_id: int) -> list[int]:
    """Ids of the industry and everything below it."""
    return [r[0] for r in conn.execute(f"WITH RECURSIVE {down('?')} SELECT id FROM down", (industry_id,))]


def ancestors(conn: sqlite3.Connection, industry_id: int) -> list[dict]:
    """The industry and those above it, the leading industry first: id, code, name, name_en, level."""
    sql = f"""WITH RECURSIVE {up("?")}
              SELECT i.id, i.code, i.name, i.name_en, i.level FROM up JOIN industries i ON i.id = up.id
              ORDER BY up.depth DESC"""
    conn_rows = conn.execute(sql, (industry_id,)).fetchall()
    return [dict(zip(("id", "code", "name", "name_en", "level"), tuple(r), strict=True)) for r in conn_rows]


def related(conn: sqlite3.Connection, industry_id: int) -> list[int]:
    """Ids of the industry, its ancestors and its descendants."""
    sql = f"WITH RECURSIVE {family('?1')} SELECT id FROM up UNION SELECT id FROM down"
    return [r[0] for r in conn.execute(sql, (industry_id,))]


def path(conn: sqlite3.Connection, industry_id: int | None) -> list[str]:
    """The names from the leading industry down to this one: ['高端医疗器械', '医学影像', '核心部件']."""
    if industry_id is None:
        return []
    return [a["name"] for a in ancestors(conn, industry_id)]


def root(conn: sqlite3.Connection, industry_id: int) -> int:
    """The leading industry at the top of this one's tree (itself for a leading industry)."""
    found = ancestors(conn, industry_id)
    return found[0]["id"] if found else industry_id


def chain_of(conn: sqlite3.Connection, industry_id: int, level: str | None) -> int:
    """Where a prospect's neighbours are found: a link's chain (its parent); a chain or industry stands for itself."""
    if level != "link":
        return industry_id
    row = conn.execute("SELECT parent_id FROM industries WHERE id = ?", (industry_id,)).fetchone()
    return row[0] if row and row[0] else industry_id


def find_related(conn: sqlite3.Connection, name: str) -> list[int]:
    """Ids of the industry `name` designates, its ancestors and descendants.

    Carriers are tagged with leading industries; asking for a chain link should still find the parks of
    its leading industry, and asking for a leading industry finds whatever is tagged below it.
    """
    from promo.lookup import find

    return related(conn, find(conn, "industries", name, _("industry"))["id"])


def find_subtree(conn: sqlite3.Connection, name: str) -> list[int]:
    """Ids of the industry `name` designates and everything below it in the chain."""
    from promo.lookup import find

    return descendants(conn, find(conn, "industries", name, _("industry"))["id"])
